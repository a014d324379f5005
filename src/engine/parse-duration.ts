/**
 * Durations in years (合作时长): `3`, `3年`, `18个月`, `1年6个月`, `两年半`, `2.5 years`, and
 * the column kinds around them (a start-date column, a header unit such as `(月)`).
 */
import { isValidYmd, serialFromYmd } from './parse-date';
import { withoutLowerBound } from './parse-number';
import { bracketNotes, compact, foldWidth, memoisedByText } from './text';

/** Days per year when a start date is turned into years. */
export const DAYS_PER_YEAR = 365.25;

type Rank = 0 | 1 | 2 | 3; // years, months, weeks, days: terms must come in this order
const YEARS_PER: Record<Rank, number> = { 0: 1, 1: 1 / 12, 2: 7 / DAYS_PER_YEAR, 3: 1 / DAYS_PER_YEAR };

/** Unit words (compact, lower-case) → rank. */
const UNIT_WORDS: ReadonlyMap<string, Rank> = new Map<string, Rank>([
  ['年', 0],
  ['y', 0],
  ['yr', 0],
  ['yrs', 0],
  ['year', 0],
  ['years', 0],
  ['个月', 1],
  ['月', 1],
  ['mo', 1],
  ['mos', 1],
  ['month', 1],
  ['months', 1],
  ['周', 2],
  ['星期', 2],
  ['个星期', 2],
  ['wk', 2],
  ['wks', 2],
  ['week', 2],
  ['weeks', 2],
  ['天', 3],
  ['日', 3],
  ['d', 3],
  ['day', 3],
  ['days', 3],
]);

/** One term: a number (digits, a simple Chinese numeral, or 半), then its unit, then an optional 半. */
const TERM = /^(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十]{1,3}|半)(个半月|个星期|个月|星期|[年月周天日]|years?|yrs?|y|months?|mos?|weeks?|wks?|days?|d)(半)?/;
/** Between terms: `1年零6个月`, `1年又3个月`, `1 year and 6 months`, `1 year, 6 months`. */
const JOINER = /^(?:零|又|and|,|、)?/;

const CHINESE_DIGITS: ReadonlyMap<string, number> = new Map(
  [...'零一二三四五六七八九']
    .map((ch, i) => [ch, i] as [string, number])
    .concat([
      ['〇', 0],
      ['两', 2],
    ]),
);

/** `三` → 3, `十八` → 18, `二十` → 20, `两` → 2; 0..99. Undefined for anything else. */
export function chineseNumeral(text: string): number | undefined {
  const tens = /^([^十]?)十([^十]?)$/.exec(text);
  if (!tens) return text.length === 1 ? CHINESE_DIGITS.get(text) : undefined;
  const high = tens[1] ? CHINESE_DIGITS.get(tens[1]) : 1;
  const low = tens[2] ? CHINESE_DIGITS.get(tens[2]) : 0;
  return high === undefined || low === undefined ? undefined : high * 10 + low;
}

function termNumber(text: string): number | undefined {
  if (text === '半') return 0.5;
  return /^\d/.test(text) ? Number(text) : chineseNumeral(text);
}

/**
 * A duration with units → years: `3年` 3, `18个月` 1.5, `1年6个月` 1.5, `半年` 0.5, `两年半` 2.5,
 * `1个半月` 0.125, `2.5 years`, `6 months`, `2 yrs`, `90天`, `3年以上` 3 (the lower bound).
 * Units must come largest first, each once; a bare number (no unit) is not read here.
 */
export function readDurationText(text: string): number | undefined {
  let s = withoutLowerBound(compact(foldWidth(text)).replace(/^(?:大约|约|~|≈)/, ''));
  let years = 0;
  let lastRank = -1;
  let terms = 0;
  while (s !== '') {
    if (terms > 0) s = s.replace(JOINER, '');
    const m = TERM.exec(s);
    if (!m) return undefined;
    let n = termNumber(m[1]!);
    let word = m[2]!;
    if (word === '个半月') {
      word = '个月';
      n = n === undefined ? undefined : n + 0.5;
    }
    const rank = UNIT_WORDS.get(word);
    if (n === undefined || rank === undefined || rank <= lastRank) return undefined;
    if (m[3] !== undefined) {
      if (rank !== 0) return undefined; // 半 after a term only in `两年半`
      n += 0.5;
    }
    years += n * YEARS_PER[rank];
    lastRank = rank;
    terms++;
    s = s.slice(m[0].length);
  }
  return terms > 0 ? years : undefined;
}

/** Header notes that give plain numbers in a duration column a unit: `合作时长(月)` → months. */
function durationUnitOfNote(note: string): number | undefined {
  const rank = UNIT_WORDS.get(compact(note).replace(/^(?:单位|unit)[:：]?/, ''));
  return rank === undefined ? undefined : YEARS_PER[rank];
}

/**
 * Years per plain number in a duration column: 1, or 1/12 under `合作时长(月)` / `… (months)`,
 * 1/365.25 under `(天)`; also a unit after a slash at the end (`合作时长/月`).
 */
export function durationHeaderYears(header: string | undefined): number | undefined {
  return header ? yearsOfHeader(header) : undefined;
}

const yearsOfHeader = memoisedByText((header: string): number | undefined => {
  for (const note of bracketNotes(header)) {
    const years = durationUnitOfNote(note);
    if (years !== undefined) return years;
  }
  const trailing = /\/\s*([^/]+)$/.exec(foldWidth(header).trim());
  return trailing ? durationUnitOfNote(trailing[1]!) : undefined;
});

const START_WORDS = /起始|开始|始于|首次合作|start|since|日期|时间/;

/**
 * Whether a duration column holds start dates (合作起始时间, 首次合作日期, Customer since):
 * its header names a start or a date/time, but not a length (时长), and gives no duration
 * unit (`合作时间(年)` holds years, not dates).
 */
export function isStartDateHeader(header: string | undefined): boolean {
  if (!header) return false;
  const h = foldWidth(header).toLowerCase();
  return START_WORDS.test(h) && !h.includes('时长') && durationHeaderYears(header) === undefined;
}

/** The years a bare year is taken from (`2019` under 合作时长 is "since 2019"), inclusive. */
export const FIRST_START_YEAR = 1900;
export const LAST_START_YEAR = 2100;

/** Whether a plain number is a calendar year a customer relationship could start in. */
export function isStartYear(n: number): boolean {
  return Number.isInteger(n) && n >= FIRST_START_YEAR && n <= LAST_START_YEAR;
}

/** `2019年`, `2019年5月`, `2019-05`, `2019/5`, `2019.05`: the first day of that year or month. */
const YEAR_MONTH = /^(\d{4})(?:年|年度)?(?:(?:[-/.]|年)(\d{1,2})月?)?$/;

/**
 * A start written as a year or a year and month, not as a full date (`2019年`, `2019年5月`,
 * `2019-05`): the serial of its first day; undefined for anything else. A bare year is
 * counted from 1 January.
 */
export function readStartText(text: string): number | undefined {
  const m = YEAR_MONTH.exec(compact(foldWidth(text)));
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  if (!isStartYear(year) || !isValidYmd(year, month, 1)) return undefined;
  return serialFromYmd(year, month, 1);
}
