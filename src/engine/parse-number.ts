/**
 * Numbers written as text, and the units around them: the money magnitudes (万, 亿 …), per
 * cent, the count and score suffixes, and the unit a column header gives its plain numbers.
 */
import { bracketNotes, compact, foldWidth, headerStem, memoisedByText } from './text';

/** A number read from the front of a cell's text, and what follows it. */
export interface NumberReading {
  value: number;
  /** What followed the number, compacted (no spaces, lower-case): `万元`, `%`, `次/年`, `` … */
  unit: string;
  /** Whether a currency mark (`¥`, `￥`, `RMB`, `CNY`) preceded the number. */
  currency: boolean;
}

const APPROX = /^(?:大约|约|~|≈)\s*/;
const SIGN = /^[+\-−]/;
const CURRENCY = /^(?:¥|￥|rmb|cny)/i;
/** Digits with `,` thousands separators between groups of three (`，` is folded to `,`), a decimal part, an exponent. */
const NUMBER = /^(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?/i;

/**
 * Reads `[约|~] [+|-] [¥|￥|RMB|CNY] 12,345.6 [unit]` (sign and currency mark in either
 * order). Full-width characters are folded first. Undefined when no number starts the text.
 */
export function readNumber(text: string): NumberReading | undefined {
  const folded = foldWidth(text);
  const plain = plainNumber(folded);
  if (plain) return plain;
  let s = folded.trim().replace(APPROX, '');
  let negative = false;
  let signed = false;
  let currency = false;
  for (let i = 0; i < 2; i++) {
    if (!signed && SIGN.test(s)) {
      negative = s[0] !== '+';
      signed = true;
      s = s.slice(1).trimStart();
    } else {
      const mark = CURRENCY.exec(s);
      if (currency || !mark) break;
      currency = true;
      s = s.slice(mark[0].length).trimStart();
    }
  }
  const m = NUMBER.exec(s);
  if (!m) return undefined;
  const magnitude = Number(m[0].replace(/,/g, ''));
  if (!Number.isFinite(magnitude)) return undefined;
  return { value: negative ? -magnitude : magnitude, unit: compact(s.slice(m[0].length)), currency };
}

/**
 * The common case of readNumber, read without regular expressions: digits first (`85%`,
 * `15次`, `4.8分`, `80万`), with neither a thousands separator nor an exponent after them.
 * Undefined for anything else, which readNumber reads in full.
 */
function plainNumber(s: string): NumberReading | undefined {
  const isDigit = (at: number) => {
    const c = s.charCodeAt(at);
    return c >= 0x30 && c <= 0x39;
  };
  if (!isDigit(0)) return undefined;
  let end = 1;
  while (isDigit(end)) end++;
  if (s.charCodeAt(end) === 0x2e /* . */ && isDigit(end + 1)) {
    end += 2;
    while (isDigit(end)) end++;
  }
  const next = s.charCodeAt(end);
  if (next === 0x2c /* , */ || next === 0x65 /* e */ || next === 0x45 /* E */) return undefined;
  const value = Number(s.slice(0, end));
  return Number.isFinite(value) ? { value, unit: compact(s.slice(end)), currency: false } : undefined;
}

/**
 * A trailing "or more" (`3年以上`, `10次及以上`, `50万+`) is read as its lower bound, which is
 * what "≥" bands need. Upper bounds (`以下`, `不足`, `<`) are not readable and stay in the unit.
 */
export function withoutLowerBound(unit: string): string {
  return unit.replace(/(?:及以上|以上|\+)$/, '');
}

/** Money magnitudes, in the cell or in the header, keyed by their compact spelling. */
const MONEY_MAGNITUDES: ReadonlyMap<string, number> = new Map([
  ['元', 1],
  ['块', 1],
  ['yuan', 1],
  ['千', 1e3],
  ['千元', 1e3],
  ['k', 1e3],
  ['万', 1e4],
  ['万元', 1e4],
  ['w', 1e4],
  ['10k', 1e4],
  ['百万', 1e6],
  ['百万元', 1e6],
  ['million', 1e6],
  ['mn', 1e6],
  ['千万', 1e7],
  ['千万元', 1e7],
  ['亿', 1e8],
  ['亿元', 1e8],
]);

/** A currency written after the number or inside a header note: `12000 RMB`, `(万元 RMB)`. */
const CURRENCY_WORD = /(?:rmb|cny|人民币|¥|￥)/g;

export interface MoneyUnit {
  /** Yuan per unit; undefined when the text names no magnitude (plain number, or a currency mark only). */
  multiplier?: number;
  /** False when the text after the number is not a money unit at all. */
  ok: boolean;
}

/** The unit after a number in a money cell: `万元` → 1e4; `` or `RMB` → no magnitude; `次` → not ok. */
export function moneyUnit(unit: string): MoneyUnit {
  const bare = unit.replace(CURRENCY_WORD, '');
  if (bare === '') return { ok: true };
  const multiplier = MONEY_MAGNITUDES.get(bare);
  return multiplier === undefined ? { ok: false } : { ok: true, multiplier };
}

const PERCENT_NOTES = new Set(['%', '百分比', '百分率', 'percent', 'pct']);

/** One header note (`万元`, `单位：万元`, `%`, `10k CNY`) → its unit, or undefined. */
function unitOfNote(note: string): { multiplier?: number; percent?: boolean } | undefined {
  const n = compact(note)
    .replace(/^(?:单位|unit)[:：]?/, '')
    .replace(/\/(?:年|yr|year)$/, '');
  if (PERCENT_NOTES.has(n)) return { percent: true };
  if (n === '') return undefined;
  const bare = n.replace(CURRENCY_WORD, '');
  if (bare === '') return { multiplier: 1 };
  const multiplier = MONEY_MAGNITUDES.get(bare);
  return multiplier === undefined ? undefined : { multiplier };
}

/** A unit at the end of a header without brackets: `年交易额万元`, `回款及时率%`, `交易额/元`. */
const TRAILING_UNIT = /(百万元|千万元|万元|千元|亿元|元|%)$/;

/**
 * The unit a header gives the plain numbers of its column: from its bracketed notes
 * (`年交易额（万元）` → ×10,000; `回款及时率(%)` → per cent; `(单位：亿元)`, `(10k CNY)`), else from
 * a unit word ending the header. The first note that names a unit wins; notes that are not
 * units (`(1-5)`, `(年)`) are skipped. `{}` when none. A ‰ header is not supported.
 */
export function headerUnit(header: string | undefined): { multiplier?: number; percent?: boolean } {
  return header ? unitOfHeader(header) : {};
}

const unitOfHeader = memoisedByText((header: string): { multiplier?: number; percent?: boolean } => {
  for (const note of bracketNotes(header)) {
    const unit = unitOfNote(note);
    if (unit) return unit;
  }
  const trailing = TRAILING_UNIT.exec(headerStem(header));
  return (trailing && unitOfNote(trailing[1]!)) || {};
});

/** Count suffixes: `15次`, `2家`; a per-period tail (`次/年`, `次/月`) does not change the number. */
const COUNT_UNITS = new Set(['', '次', '家', '个', '人', '位', '户', '笔', '单', '件', '项', '条', '份', '回', 'times', 'x']);
const PER_PERIOD = /(?:\/|每)(?:年|月|季度?|周|天|日|year|yr|month|mo|quarter|week|wk|day)$/;

export function isCountUnit(unit: string): boolean {
  return COUNT_UNITS.has(unit.replace(PER_PERIOD, ''));
}

/** Score suffixes: `4.8分`, `9 pts`, `5星`. */
export const SCORE_UNITS: ReadonlySet<string> = new Set(['', '分', 'pt', 'pts', 'point', 'points', '星']);

/** `1-5`, `1～5分`, `0-10`, `1 to 10` in a header note. */
const RANGE_NOTE = /^(\d+(?:\.\d+)?)(?:分)?(?:-|~|～|—|–|至|到|to)(\d+(?:\.\d+)?)分?$/;
/** `满分5分`, `满分10`, `5分制`, `10分制`, `out of 10`. */
const MAX_NOTE = /^(?:满分(\d+(?:\.\d+)?)分?|(\d+(?:\.\d+)?)分制|outof(\d+(?:\.\d+)?))$/;

/**
 * The scale a header gives the scores of its column: `满意度评分(1-5)` → 1..5,
 * `推荐意愿(0-10)` → 0..10, `满意度(满分10分)` / `(10分制)` → 0..10, `(百分制)` → 0..100.
 * Undefined when none.
 */
export function headerScale(header: string | undefined): { min: number; max: number } | undefined {
  return header ? scaleOfHeader(header) : undefined;
}

const scaleOfHeader = memoisedByText((header: string): { min: number; max: number } | undefined => {
  for (const note of bracketNotes(header)) {
    const n = compact(note).replace(/^(?:评分|打分|分值|scale)[:：]?/, '');
    const range = RANGE_NOTE.exec(n);
    if (range) {
      const min = Number(range[1]);
      const max = Number(range[2]);
      // A scale starts at 0 or 1 and ends by 100; `(2023-2024)` is a period, not a scale.
      if ((min === 0 || min === 1) && max > min && max <= 100) return { min, max };
      continue;
    }
    const top = MAX_NOTE.exec(n);
    if (top) {
      const max = Number(top[1] ?? top[2] ?? top[3]);
      if (max > 0 && max <= 100) return { min: 0, max };
      continue;
    }
    if (n === '百分制') return { min: 0, max: 100 };
  }
  return undefined;
});
