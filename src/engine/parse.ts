/**
 * The value parser (docs/scoring-rules.md section 2): one cell and its indicator's value type → a
 * number, a date, a category, a text, or "missing" with the cell's address, the text seen
 * and why. It never throws.
 *
 * Values are read as Excel stores them: a number's format (ParseContext.format) decides
 * whether it is a fraction (`0%`) or a serial day (`yyyy-mm-dd`), serials of a 1904 workbook
 * are shifted to the 1900 system, a rate column's plain numbers are fractions or per cent
 * as the column decides (decideRateScale), a count per month or week is converted to the
 * indicator's period, and a score is checked against (and rescaled to) the rule's scale.
 *
 * Helpers: parse-number.ts (numbers in text, units, header units), parse-date.ts (Excel
 * serials, written dates), parse-duration.ts (years), parse-count.ts (counts per period),
 * parse-category.ts (label matching), number-format.ts (format codes).
 */
import { isBlankText } from './blank';
import { formatKind, type FormatKind } from './number-format';
import { containedCategory, exactCategory } from './parse-category';
import { convertCount, headerCountPerYear, readCountPerPeriod, type CountPeriod } from './parse-count';
import { MAX_SERIAL, parseDateText, readDate, serialFromNumber, serialFromYmd } from './parse-date';
import { DAYS_PER_YEAR, durationHeaderYears, isStartYear, readDurationText, readStartText } from './parse-duration';
import { headerScale, isCountUnit, moneyUnit, readNumber, SCORE_UNITS, headerUnit, withoutLowerBound } from './parse-number';
import { foldWidth } from './text';
import type { CategoryLabel, CellFormat, MissingReason, Parsed, RawCell, ValueType } from './types';

export { DATE1904_OFFSET, isoFromSerial, parseDateText, serialFromIso, serialFromYmd, todaySerial } from './parse-date';
export { headerUnit } from './parse-number';
export type { CountPeriod } from './parse-count';

/** How a rate column's plain numbers read: all at most 1 → fractions; otherwise per cent. */
export type RateScale = 'fraction' | 'percent';

/** A score indicator's scale, e.g. 1-5. */
export interface ScoreScale {
  min: number;
  max: number;
}

export interface ParseContext {
  /** The cell, e.g. `客户评估!D5`; reported back for missing values. */
  address: string;
  /** The column's header text; its bracketed unit applies to plain numbers (万元, 元, 亿, %, 千元, 次/月, 1-10 …). */
  header?: string;
  /** Excel serial day (1900 system) of the as-of date, for durations given as a start date. */
  asOf?: number;
  /** The labels of a 'category' indicator. */
  labels?: CategoryLabel[];
  /** The cell's number format code (`0%`, `yyyy-mm-dd`), where the host or the file gives it; it decides what a number means. */
  format?: CellFormat;
  /** The workbook uses the 1904 date system: every serial number read as a date is shifted by 1462 days. */
  date1904?: boolean;
  /** A rate column's decision for its plain numbers (decideRateScale); without it each number decides alone. */
  rateScale?: RateScale;
  /** A score indicator's scale: a score outside it is missing, one given on another scale (`9/10`) is rescaled. */
  scale?: ScoreScale;
  /** A count indicator's period (a year unless given): counts per another period are converted to it. */
  period?: CountPeriod;
}

/** Excel's error values (upper-case), including the newer dynamic-array and data-type ones. */
const EXCEL_ERRORS = new Set([
  '#N/A',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#PYTHON!',
  '#EXTERNAL!',
]);

/** A JS number from the sheet, or the cell's text folded to half-width and trimmed. */
type Cell = number | string;

export function parseCell(raw: RawCell, type: ValueType, ctx: ParseContext): Parsed {
  try {
    return parseCellUnchecked(raw, type, ctx);
  } catch {
    // Defence in depth: every path below is meant not to throw; a bug must not stop a run.
    return missing(raw, ctx, 'unreadable');
  }
}

function missing(raw: RawCell, ctx: ParseContext | undefined, reason: MissingReason): Parsed {
  return { kind: 'missing', address: String(ctx?.address ?? ''), text: raw == null ? '' : String(raw).trim(), reason };
}

/**
 * parseCell without its safety net, for the property tests: an exception in a type's
 * reader must show there rather than be turned into a missing value.
 */
export function parseCellUnchecked(raw: RawCell, type: ValueType, ctx: ParseContext): Parsed {
  if (raw == null) return missing(raw, ctx, 'blank');
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return missing(raw, ctx, 'unreadable');
    // A number is neither an error value nor a blank spelling: no text to fold (a category or a text reads its digits below).
    // A format speaks for the number the cell holds; text shows as written whatever the format.
    if (type !== 'category' && type !== 'text') return readValue(raw, raw, formatKind(ctx.format), type, ctx);
  }
  if (typeof raw === 'boolean' && type !== 'text' && type !== 'category') return missing(raw, ctx, 'unreadable');
  const text = foldWidth(String(raw)).trim();
  if (text.charCodeAt(0) === 0x23 /* # */ && EXCEL_ERRORS.has(text.toUpperCase())) return missing(raw, ctx, 'error');

  if (type === 'category') {
    const label = readCategory(text, ctx.labels ?? []);
    if (label !== undefined) return { kind: 'category', value: label };
    return missing(raw, ctx, isBlankText(text) ? 'blank' : 'unreadable');
  }
  if (isBlankText(text)) return missing(raw, ctx, 'blank');
  if (type === 'text') return { kind: 'text', value: String(raw).trim() };
  return readValue(raw, typeof raw === 'number' ? raw : text, typeof raw === 'number' ? formatKind(ctx.format) : 'general', type, ctx);
}

/** A date or a number of the type, from the cell's number or its folded text. */
function readValue(raw: RawCell, cell: Cell, kind: FormatKind, type: Exclude<ValueType, 'category' | 'text'>, ctx: ParseContext): Parsed {
  if (type === 'date') {
    const serial = readDate(cell, ctx.date1904 === true);
    return serial === undefined ? missing(raw, ctx, 'unreadable') : { kind: 'date', serial };
  }
  const value = readByType(cell, kind, type, ctx);
  if (value === undefined || !Number.isFinite(value)) return missing(raw, ctx, 'unreadable');
  return { kind: 'number', value: value + 0 }; // + 0 turns -0 into 0
}

/**
 * The canonical label: a label or synonym the cell spells exactly, else the longest one it
 * contains. An exact label wins over the blank spellings (`无` is a synonym of 无意愿 in the
 * evaluation preset), but a blank spelling is never searched for contained labels.
 */
function readCategory(text: string, labels: readonly CategoryLabel[]): string | undefined {
  if (text === '') return undefined;
  return exactCategory(text, labels) ?? (isBlankText(text) ? undefined : containedCategory(text, labels));
}

function readByType(cell: Cell, kind: FormatKind, type: 'money' | 'count' | 'rate' | 'duration' | 'score', ctx: ParseContext): number | undefined {
  if (type === 'duration') return readDuration(cell, kind, ctx);
  // A date-formatted number is a date: not an amount, a count, a rate or a score.
  if (kind === 'date') return undefined;
  switch (type) {
    case 'money':
      return readMoney(cell, ctx.header);
    case 'count':
      return readCount(cell, ctx);
    case 'rate':
      return readRate(cell, kind, ctx.rateScale);
    case 'score':
      return readScore(cell, ctx);
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

/**
 * A count in the indicator's period (a year unless it says otherwise): `15`, `15次`, `2家`;
 * `2次/月` → 24, `1次/周` → 52, `每季度1次` → 4, `半年1次` → 2, `3 times a month` → 36. A plain
 * number takes the header's period (`交易频次(次/月)`, `月均下单次数`). Never negative.
 */
function readCount(cell: Cell, ctx: ParseContext): number | undefined {
  if (typeof cell === 'string') {
    const perPeriod = readCountPerPeriod(cell);
    if (perPeriod) return convertCount(perPeriod.value, perPeriod.perYear, ctx.period);
  }
  const n = numberAndUnit(cell);
  if (!n || n.value < 0 || !isCountUnit(n.unit)) return undefined;
  return convertCount(n.value, headerCountPerYear(ctx.header), ctx.period);
}

/**
 * A fraction: `98%` → 0.98, `5‰` → 0.005; a %-formatted number is the fraction it holds
 * (1 shown as 100 % is 1). A plain number follows its column's decision (decideRateScale):
 * fractions (`0.98` → 0.98, `1` → 1) or per cent (`98` → 0.98, `1` → 0.01). Without a
 * decision the number decides alone, as a column of one: above 1 (in magnitude) it is per
 * cent. Negative rates are allowed: an industry can shrink.
 */
function readRate(cell: Cell, kind: FormatKind, scale: RateScale | undefined): number | undefined {
  if (kind === 'percent' && typeof cell === 'number') return cell;
  const n = numberAndUnit(cell);
  if (!n) return undefined;
  if (n.unit === '%') return n.value / 100;
  if (n.unit === '‰') return n.value / 1000;
  if (n.unit !== '') return undefined;
  const v = n.value;
  switch (scale ?? (Math.abs(v) > 1 ? 'percent' : 'fraction')) {
    case 'percent':
      return v / 100;
    case 'fraction':
      return v;
  }
}

/**
 * How a rate column's plain numbers read, decided over the whole column (docs/scoring-rules.md
 * section 2): if every plain number in it is at most 1 (in magnitude) they are fractions
 * (0.98, 1 → 98 %, 100 %), otherwise per cent (98, 100, 1 → 98 %, 100 %, 1 %). A number with
 * its unit written (`98%`) keeps it, and a %- or date-formatted number says what it is by
 * its format: neither takes part.
 */
export function decideRateScale(cells: Iterable<{ raw: RawCell; format?: CellFormat }>): RateScale {
  const raws: RawCell[] = [];
  const formats: CellFormat[] = [];
  for (const { raw, format } of cells) {
    raws.push(raw);
    formats.push(format);
  }
  return decideColumnRateScale(raws, formats);
}

/** decideRateScale for a column kept as arrays: its cells, and their formats (none: all General). */
export function decideColumnRateScale(raws: readonly RawCell[], formats?: readonly CellFormat[]): RateScale {
  // A text read once says all its repeats would (a column of 100,000 rates repeats a few hundred texts).
  const read = new Set<string>();
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i];
    const format = formats?.[i];
    let value: number | undefined;
    if (typeof raw === 'number') {
      const kind = formatKind(format);
      if (kind === 'percent' || kind === 'date') continue;
      value = raw;
    } else if (typeof raw === 'string') {
      if (read.has(raw)) continue;
      if (read.size < 4096) read.add(raw);
      const reading = readNumber(raw);
      if (reading && withoutLowerBound(reading.unit) === '') value = reading.value;
    }
    if (value !== undefined && Number.isFinite(value) && Math.abs(value) > 1) return 'percent';
  }
  return 'fraction';
}

/** The earliest serial a plain number under a duration column is taken for as a start date (1950-01-01). */
const FIRST_PLAUSIBLE_START = serialFromYmd(1950, 1, 1);
/** More years than this under a duration column are not years (docs/scoring-rules.md: a number above 200 never is). */
const MAX_DURATION_YEARS = 200;

/**
 * Years. A start date becomes the years from it to the as-of date (0 when it is after it;
 * unreadable without an as-of date): a date-formatted number, a written date (`2019-05-01`),
 * a year (`2019`, `2019年`, from 1 January) or a year and month (`2019年5月`). Otherwise
 * `3`, `3年`, `18个月`, `1年6个月`, `2.5 years` …; a plain number takes the header's duration
 * unit (`合作时长(月)` → months). More than 200 years is never a duration: a plain number
 * that large is a start date when it is a plausible serial (1950 up to a year after the
 * as-of date), else unreadable. Never negative.
 */
function readDuration(cell: Cell, kind: FormatKind, ctx: ParseContext): number | undefined {
  const date1904 = ctx.date1904 === true;
  if (kind === 'date' && typeof cell === 'number') {
    const serial = serialFromNumber(cell, date1904);
    return serial === undefined ? undefined : yearsUntil(serial, ctx.asOf);
  }
  if (typeof cell === 'string') {
    const written = parseDateText(cell) ?? readStartText(cell);
    if (written !== undefined) return yearsUntil(written, ctx.asOf);
  }
  const n = numberAndUnit(cell);
  if (n !== undefined && n.unit === '') {
    if (n.value < 0) return undefined;
    const unitYears = durationHeaderYears(ctx.header);
    if ((unitYears === undefined || unitYears === 1) && isStartYear(n.value)) {
      return yearsUntil(serialFromYmd(n.value, 1, 1), ctx.asOf);
    }
    const years = n.value * (unitYears ?? 1);
    if (years <= MAX_DURATION_YEARS) return years;
    return plausibleStart(n.value, ctx);
  }
  if (typeof cell !== 'string') return undefined;
  const years = readDurationText(cell);
  return years === undefined || years > MAX_DURATION_YEARS ? undefined : years;
}

/** Years from a plain number taken as a serial start date, when it is a plausible one. */
function plausibleStart(n: number, ctx: ParseContext): number | undefined {
  const serial = serialFromNumber(n, ctx.date1904 === true);
  if (serial === undefined || ctx.asOf === undefined || !Number.isFinite(ctx.asOf)) return undefined;
  if (serial < FIRST_PLAUSIBLE_START || serial > Math.min(MAX_SERIAL, Math.floor(ctx.asOf) + 366)) return undefined;
  return yearsUntil(serial, ctx.asOf);
}

function yearsUntil(serial: number, asOf: number | undefined): number | undefined {
  if (asOf === undefined || !Number.isFinite(asOf)) return undefined;
  return Math.max(0, (Math.floor(asOf) - serial) / DAYS_PER_YEAR);
}

/**
 * A score on the rule's scale: `4.8`, `4.8分`, `9 分`. A score given out of a maximum
 * (`9/10`, `4.5/5`) or under a header that names its scale (`满意度(1-10)`) is rescaled to
 * the rule's scale by its maximum: `9/10` is 9 on 1-10 and 4.5 on 1-5. A score outside its
 * scale (45 on 1-5, `6/5`) is unreadable. Never negative.
 */
function readScore(cell: Cell, ctx: ParseContext): number | undefined {
  const n = numberAndUnit(cell);
  if (!n || n.value < 0) return undefined;
  const slash = n.unit.indexOf('/');
  const unit = slash >= 0 ? n.unit.slice(0, slash) : n.unit;
  if (!SCORE_UNITS.has(unit)) return undefined;
  // A scale that is no scale (max not above min, or not above 0) checks nothing.
  const rule = ctx.scale && ctx.scale.max > ctx.scale.min && ctx.scale.max > 0 ? ctx.scale : undefined;
  let given: ScoreScale | undefined;
  if (slash >= 0) {
    const out = readNumber(n.unit.slice(slash + 1));
    if (!out || !(out.value > 0) || !SCORE_UNITS.has(out.unit)) return undefined;
    given = { min: 0, max: out.value };
  } else {
    given = headerScale(ctx.header) ?? rule;
  }
  if (given && (n.value < given.min || n.value > given.max)) return undefined;
  if (rule && given && given.max !== rule.max && given.max > 0) return (n.value / given.max) * rule.max;
  return n.value;
}
