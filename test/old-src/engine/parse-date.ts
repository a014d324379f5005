/**
 * Dates as Excel stores them: serial day numbers of the 1900 date system.
 *
 * The serial counts days from the epoch 1899-12-30, so 1 is 1899-12-31 here while Excel
 * calls it 1900-01-01: Excel keeps Lotus 1-2-3's fictional 1900-02-29 (serial 60). Every
 * serial from 61 (1900-03-01) on is the same in both, and that is the range this module is
 * exact for. Text dates before 1900-03-01 are not accepted.
 */
import { foldWidth } from './text';

const MS_PER_DAY = 86_400_000;
const EPOCH_MS = Date.UTC(1899, 11, 30);

/** 1900-03-01, the first serial on which the epoch 1899-12-30 agrees with Excel. */
export const FIRST_EXACT_SERIAL = 61;
/** 9999-12-31, the last date Excel knows. */
export const MAX_SERIAL = 2_958_465;
/**
 * Days from the 1900 date system's serials to the 1904 system's: a workbook saved with
 * `date1904` (old Mac Excel) stores 1904-01-01 as 0, which is 1462 in the 1900 system.
 */
export const DATE1904_OFFSET = 1462;

/** UTC midnight of a calendar day; `setUTCFullYear` so that years 0..99 are not read as 19xx. */
function utcMidnight(y: number, m: number, d: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getTime();
}

/** Excel 1900-system serial of a calendar day (epoch 1899-12-30: 2024-01-01 → 45292). Does not validate. */
export function serialFromYmd(y: number, m: number, d: number): number {
  return Math.round((utcMidnight(y, m, d) - EPOCH_MS) / MS_PER_DAY);
}

/** Whether y-m-d names a real calendar day (2024-02-29 yes, 2023-02-29 and 2024-02-30 no). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(utcMidnight(y, m + 1, 0)).getUTCDate();
  return d <= daysInMonth;
}

/** A serial from y-m-d when it is a real day in the range this module is exact for. */
function exactSerial(y: number, m: number, d: number): number | undefined {
  if (!isValidYmd(y, m, d)) return undefined;
  const serial = serialFromYmd(y, m, d);
  return serial >= FIRST_EXACT_SERIAL && serial <= MAX_SERIAL ? serial : undefined;
}

/** `YYYY-MM-DD` (month and day may have one digit) → serial; undefined when not a real day. */
/** Today (or `now`) as an Excel serial, in the local time zone: the default as-of date. */
export function todaySerial(now: Date = new Date()): number {
  return serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function serialFromIso(iso: string): number | undefined {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(iso);
  if (!m) return undefined;
  return exactSerial(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Serial → `YYYY-MM-DD` (the time of day, the fractional part, is dropped). '' for a non-finite serial. */
export function isoFromSerial(serial: number): string {
  if (!Number.isFinite(serial)) return '';
  const date = new Date(EPOCH_MS + Math.floor(serial) * MS_PER_DAY);
  if (Number.isNaN(date.getTime())) return '';
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** An optional time of day after the date: `14:30`, `08:00:00`, `08:00:00.000Z`, `08:00+08:00`. */
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(?:z|[+-]\d{2}:?\d{2})?`;

/** `2024-03-10`, `2024/3/10`, `2024.03.10` (one separator throughout), then a time after a space or `T`. */
const NUMERIC_DATE = new RegExp(String.raw`^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:(?:\s+|t)${TIME})?$`, 'i');
/** `2024年3月10日` (日 or 号, or neither), then a time after optional spaces. */
const CHINESE_DATE = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?:\s*${TIME})?$`, 'i');
/** `20240310`, the compact form of ERP exports; eight digits cannot be a serial (max 2958465). */
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

function validTime(h: string | undefined, min: string | undefined, s: string | undefined): boolean {
  if (h === undefined) return true;
  return Number(h) <= 23 && Number(min) <= 59 && (s === undefined || Number(s) <= 59);
}

/**
 * A date written as text → serial, or undefined. Accepts the forms above (full-width
 * characters folded first); a time of day is checked and then dropped, a time-zone suffix is
 * ignored (the date is taken as written). Bare serial numbers are NOT read here: the callers
 * decide whether a plain number is a serial.
 */
export function parseDateText(text: string): number | undefined {
  const s = foldWidth(text).trim();
  const numeric = NUMERIC_DATE.exec(s);
  if (numeric) {
    if (!validTime(numeric[5], numeric[6], numeric[7])) return undefined;
    return exactSerial(Number(numeric[1]), Number(numeric[3]), Number(numeric[4]));
  }
  const chinese = CHINESE_DATE.exec(s);
  if (chinese) {
    if (!validTime(chinese[4], chinese[5], chinese[6])) return undefined;
    return exactSerial(Number(chinese[1]), Number(chinese[2]), Number(chinese[3]));
  }
  const compact = COMPACT_DATE.exec(s);
  if (compact) return exactSerial(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  return undefined;
}

/**
 * A serial as Excel stores it (JS number) → the engine's 1900-system serial, time of day
 * dropped: 1..2958465 in a 1900 workbook; 0.. in a 1904 workbook (`date1904`), shifted by
 * 1462 days. Undefined outside Excel's dates.
 */
export function serialFromNumber(n: number, date1904 = false): number | undefined {
  if (!Number.isFinite(n)) return undefined;
  const serial = date1904 ? (n < 0 ? Number.NaN : n + DATE1904_OFFSET) : n;
  if (!(serial >= 1) || serial > MAX_SERIAL) return undefined;
  return Math.floor(serial);
}

/**
 * A date cell → serial: a JS number is a serial (or an eight-digit yyyymmdd such as
 * 20240310); text is a written date or a serial written as digits (`45292`, `45292.5`:
 * .xlsx readers hand every value over as text). Serials of a 1904 workbook are shifted to
 * the 1900 system; written dates are taken as written.
 */
export function readDate(cell: number | string, date1904 = false): number | undefined {
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19_000_101 && cell <= 99_991_231) return parseDateText(String(cell));
    return serialFromNumber(cell, date1904);
  }
  const written = parseDateText(cell);
  if (written !== undefined) return written;
  const digits = foldWidth(cell).trim();
  return /^\d+(?:\.\d+)?$/.test(digits) ? serialFromNumber(Number(digits), date1904) : undefined;
}
