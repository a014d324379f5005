/**
 * The value parser (DOMAIN.md section 2): one cell and its indicator's value type → a
 * number, a date, a category, a text, or "missing" with the cell's address, the text seen
 * and why. It never throws.
 *
 * Helpers: parse-number.ts (numbers in text, units, header units), parse-date.ts (Excel
 * serials, written dates), parse-duration.ts (years), parse-category.ts (label matching).
 */
import { containedCategory, exactCategory } from './parse-category';
import { parseDateText, readDate } from './parse-date';
import { DAYS_PER_YEAR, durationHeaderYears, isStartDateHeader, readDurationText } from './parse-duration';
import { headerUnit, isCountUnit, moneyUnit, readNumber, SCORE_UNITS, withoutLowerBound } from './parse-number';
import { foldWidth } from './text';
import type { CategoryLabel, MissingReason, Parsed, RawCell, ValueType } from './types';

export { isoFromSerial, parseDateText, serialFromIso, serialFromYmd, todaySerial } from './parse-date';
export { headerUnit } from './parse-number';

export interface ParseContext {
  /** The cell, e.g. `客户评估!D5`; reported back for missing values. */
  address: string;
  /** The column's header text; its bracketed unit applies to plain numbers (万元, 元, 亿, %, 千元 …). */
  header?: string;
  /** Excel serial day (1900 system) of the as-of date, for durations given as a start date. */
  asOf?: number;
  /** The labels of a 'category' indicator. */
  labels?: CategoryLabel[];
}

/** Spellings of "nothing here", compared after width folding and lower-casing. */
const BLANK = new Set(['', '-', '--', '—', '——', '–', '/', 'n/a', 'na', '无', '空', '暂无']);

/** Excel's error values (upper-case), including the newer dynamic-array and data-type ones. */
const EXCEL_ERRORS = new Set([
  '#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA',
  '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#PYTHON!', '#EXTERNAL!',
]);

/** A JS number from the sheet, or the cell's text folded to half-width and trimmed. */
type Cell = number | string;

export function parseCell(raw: RawCell, type: ValueType, ctx: ParseContext): Parsed {
  try {
    return parseUnchecked(raw, type, ctx);
  } catch {
    // Defence in depth: every path below is meant not to throw; a bug must not stop a run.
    return missing(raw, ctx, 'unreadable');
  }
}

function missing(raw: RawCell, ctx: ParseContext | undefined, reason: MissingReason): Parsed {
  return { kind: 'missing', address: String(ctx?.address ?? ''), text: raw == null ? '' : String(raw).trim(), reason };
}

function parseUnchecked(raw: RawCell, type: ValueType, ctx: ParseContext): Parsed {
  if (raw == null) return missing(raw, ctx, 'blank');
  if (typeof raw === 'number' && !Number.isFinite(raw)) return missing(raw, ctx, 'unreadable');
  if (typeof raw === 'boolean' && type !== 'text' && type !== 'category') return missing(raw, ctx, 'unreadable');
  const text = foldWidth(String(raw)).trim();
  if (EXCEL_ERRORS.has(text.toUpperCase())) return missing(raw, ctx, 'error');

  if (type === 'category') {
    const label = readCategory(text, ctx.labels ?? []);
    if (label !== undefined) return { kind: 'category', value: label };
    return missing(raw, ctx, isBlank(text) ? 'blank' : 'unreadable');
  }
  if (isBlank(text)) return missing(raw, ctx, 'blank');
  if (type === 'text') return { kind: 'text', value: String(raw).trim() };

  const cell: Cell = typeof raw === 'number' ? raw : text;
  if (type === 'date') {
    const serial = readDate(cell);
    return serial === undefined ? missing(raw, ctx, 'unreadable') : { kind: 'date', serial };
  }
  const value = readByType(cell, type, ctx);
  if (value === undefined || !Number.isFinite(value)) return missing(raw, ctx, 'unreadable');
  return { kind: 'number', value: value + 0 }; // + 0 turns -0 into 0
}

function isBlank(text: string): boolean {
  return BLANK.has(text.toLowerCase());
}

/**
 * The canonical label: a label or synonym the cell spells exactly, else the longest one it
 * contains. An exact label wins over the blank spellings (`无` is a synonym of 无意愿 in the
 * evaluation preset), but a blank spelling is never searched for contained labels.
 */
function readCategory(text: string, labels: readonly CategoryLabel[]): string | undefined {
  if (text === '') return undefined;
  return exactCategory(text, labels) ?? (isBlank(text) ? undefined : containedCategory(text, labels));
}

function readByType(cell: Cell, type: 'money' | 'count' | 'rate' | 'duration' | 'score', ctx: ParseContext): number | undefined {
  switch (type) {
    case 'money':
      return readMoney(cell, ctx.header);
    case 'count':
      return readCount(cell);
    case 'rate':
      return readRate(cell, ctx.header);
    case 'duration':
      return readDuration(cell, ctx);
    case 'score':
      return readScore(cell);
  }
}

/** A number and its unit: a JS number as it is (no unit), or text read by readNumber, "or more" dropped. */
function numberAndUnit(cell: Cell): { value: number; unit: string } | undefined {
  if (typeof cell === 'number') return { value: cell, unit: '' };
  const reading = readNumber(cell);
  return reading && { value: reading.value, unit: withoutLowerBound(reading.unit) };
}

/**
 * Yuan. A magnitude written in the cell (`80万`, `12,000元`) wins over the header's; a plain
 * number takes the header's (`80` under `年交易额（万元）` → 800,000). A currency mark alone
 * (`¥80`, `80 RMB`) names the currency, not a magnitude, so the header's still applies.
 */
function readMoney(cell: Cell, header: string | undefined): number | undefined {
  const n = numberAndUnit(cell);
  if (!n) return undefined;
  const unit = moneyUnit(n.unit);
  if (!unit.ok) return undefined;
  return n.value * (unit.multiplier ?? headerUnit(header).multiplier ?? 1);
}

/** A count: `15`, `15次`, `12 次/年`, `2家`. Never negative. */
function readCount(cell: Cell): number | undefined {
  const n = numberAndUnit(cell);
  if (!n || n.value < 0 || !isCountUnit(n.unit)) return undefined;
  return n.value;
}

/**
 * A fraction: `98%` → 0.98, `5‰` → 0.005, `0.98` → 0.98, and a plain number above 1 (in
 * magnitude) is per cent: `98` → 0.98, `-5` → -0.05, while `1` stays 1 (100 %).
 *
 * Under a per-cent header (`回款及时率(%)`) plain whole numbers are per cent, so `1` → 0.01.
 * A plain number of magnitude below 1 with decimals stays a fraction even there: a cell
 * formatted as % in Excel stores 98 % as 0.98, and the header cannot tell us how the cell is
 * formatted. (The one case this reads wrongly is a %-formatted 100 %, stored as 1.)
 * Negative rates are allowed: an industry can shrink.
 */
function readRate(cell: Cell, header: string | undefined): number | undefined {
  const n = numberAndUnit(cell);
  if (!n) return undefined;
  if (n.unit === '%') return n.value / 100;
  if (n.unit === '‰') return n.value / 1000;
  if (n.unit !== '') return undefined;
  const v = n.value;
  if (headerUnit(header).percent) return Math.abs(v) < 1 && !Number.isInteger(v) ? v : v / 100;
  return Math.abs(v) > 1 ? v / 100 : v;
}

/**
 * Years. In a start-date column (合作起始时间) or for a cell that is a written date, the years
 * from that date to the as-of date (0 when the date is after it; unreadable without an
 * as-of date); a JS number or plain digits in a start-date column are an Excel serial.
 * Otherwise `3`, `3年`, `18个月`, `1年6个月`, `2.5 years` …; a plain number takes the header's
 * duration unit (`合作时长(月)` → months). Never negative.
 */
function readDuration(cell: Cell, ctx: ParseContext): number | undefined {
  if (typeof cell === 'string') {
    const written = parseDateText(cell);
    if (written !== undefined) return yearsUntil(written, ctx.asOf);
  }
  const n = numberAndUnit(cell);
  if (n !== undefined && n.unit === '') {
    if (isStartDateHeader(ctx.header)) {
      const serial = readDate(cell);
      return serial === undefined ? undefined : yearsUntil(serial, ctx.asOf);
    }
    return n.value < 0 ? undefined : n.value * (durationHeaderYears(ctx.header) ?? 1);
  }
  return typeof cell === 'string' ? readDurationText(cell) : undefined;
}

function yearsUntil(serial: number, asOf: number | undefined): number | undefined {
  if (asOf === undefined || !Number.isFinite(asOf)) return undefined;
  return Math.max(0, (Math.floor(asOf) - serial) / DAYS_PER_YEAR);
}

/** A score on the rule's scale: `4.8`, `4.8分`, `9 分`, `4.5/5` → 4.5. Never negative; `6/5` is unreadable. */
function readScore(cell: Cell): number | undefined {
  const n = numberAndUnit(cell);
  if (!n || n.value < 0) return undefined;
  const slash = n.unit.indexOf('/');
  const unit = slash >= 0 ? n.unit.slice(0, slash) : n.unit;
  if (!SCORE_UNITS.has(unit)) return undefined;
  if (slash < 0) return n.value;
  const scale = readNumber(n.unit.slice(slash + 1));
  if (!scale || scale.value <= 0 || !SCORE_UNITS.has(scale.unit) || n.value > scale.value) return undefined;
  return n.value;
}
