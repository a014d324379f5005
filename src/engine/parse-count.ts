/**
 * Counts per period (docs/scoring-rules.md section 2): teams write how often something happens in the
 * period they think in (`2次/月`, `每季度1次`, `1次/周`, `3 times a month`), while the
 * indicator's bands count per year (or per the indicator's own period). This module reads
 * the period a count is given in, from the cell or from the column header, so the parser
 * can convert it: `2次/月` is 24 a year.
 */
import { chineseNumeral } from './parse-duration';
import { bracketNotes, compact, foldWidth, headerStem, memoisedByText } from './text';

/** The periods a count can be given per. */
export const COUNT_PERIODS = ['year', 'half-year', 'quarter', 'month', 'week', 'day'] as const;
export type CountPeriod = (typeof COUNT_PERIODS)[number];

/** How many of each period make a year. */
const PER_YEAR: Record<CountPeriod, number> = { year: 1, 'half-year': 2, quarter: 4, month: 12, week: 52, day: 365 };

/** A count read from a cell: how many, and per how long (undefined: no period written). */
export interface CountReading {
  value: number;
  /** The span the count is per, in periods per year (12 for a month, 26 for every two weeks). */
  perYear?: number;
}

/** Converts a count given `perYear` times a year... to the indicator's period: 2 a month → 24 a year, → 6 a quarter. */
export function convertCount(value: number, perYear: number | undefined, target: CountPeriod | undefined): number {
  if (perYear === undefined) return value;
  return (value * perYear) / PER_YEAR[target ?? 'year'];
}

/** Period words (compact, lower-case) → periods per year. Longest spellings first in the pattern below. */
const PERIOD_WORDS: ReadonlyMap<string, number> = new Map([
  ['年', 1],
  ['年度', 1],
  ['一年', 1],
  ['year', 1],
  ['yr', 1],
  ['annum', 1],
  ['半年', 2],
  ['半年度', 2],
  ['halfyear', 2],
  ['half-year', 2],
  ['halfayear', 2],
  ['季', 4],
  ['季度', 4],
  ['quarter', 4],
  ['qtr', 4],
  ['月', 12],
  ['个月', 12],
  ['month', 12],
  ['mo', 12],
  ['两周', 26],
  ['双周', 26],
  ['fortnight', 26],
  ['周', 52],
  ['星期', 52],
  ['个星期', 52],
  ['礼拜', 52],
  ['个礼拜', 52],
  ['week', 52],
  ['wk', 52],
  ['天', 365],
  ['日', 365],
  ['day', 365],
]);
const PERIOD =
  '(半年度|半年|年度|年|季度|季|个月|月|两周|双周|个星期|星期|个礼拜|礼拜|周|天|日|half-?a?-?year|years?|yrs?|annum|quarters?|qtrs?|months?|mos?|fortnights?|weeks?|wks?|days?)';
const ADVERBS: ReadonlyMap<string, number> = new Map([
  ['yearly', 1],
  ['annually', 1],
  ['semiannually', 2],
  ['biannually', 2],
  ['quarterly', 4],
  ['monthly', 12],
  ['biweekly', 26],
  ['fortnightly', 26],
  ['weekly', 52],
  ['daily', 365],
]);

/** A count's number: digits, or (only beside a period) a Chinese numeral or once / twice. */
const NUM = '(\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十]{1,3}|once|twice|thrice)';
const UNIT = '(?:次|家|个|人|位|户|笔|单|件|项|条|份|回|times?|x)?';
/** `2次/月`, `3timesamonth`, `2x/week`, `2次每月`, `12次/年`, `1次/两周`, `1次/3个月`. */
const NUMBER_PER = new RegExp(`^${NUM}${UNIT}(?:/|每|per|an?|each|every)(\\d+|[一二两三四五六七八九十]{1,2})?${PERIOD}$`);
/** `每月2次`, `每季度1次`, `每两周一次`, `每3个月1次`, `every month 2 times`. */
const EVERY_NUMBER = new RegExp(`^(?:每|every|each)(\\d+|[一二两三四五六七八九十]{1,2})?${PERIOD}(?:平均|约|大约)?${NUM}${UNIT}$`);
/** `半年1次`, `一年2次`, `一个月3次`, `月均2次`, `年均12次`, `季度2次`. */
const PERIOD_NUMBER = new RegExp(`^(\\d+|[一二两三四五六七八九十]{1,2})?${PERIOD}(?:均|平均|内|约)?${NUM}${UNIT}$`);
/** `weekly`, `2xmonthly`, `twicemonthly`. */
const ADVERB = new RegExp(`^(?:${NUM}${UNIT})?(${[...ADVERBS.keys()].join('|')})$`);

function numberOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^\d/.test(text)) return Number(text);
  switch (text) {
    case 'once':
      return 1;
    case 'twice':
      return 2;
    case 'thrice':
      return 3;
    default:
      return chineseNumeral(text);
  }
}

/** Periods per year of `[multiple] period`: `月` 12, `3个月` 4, `两周` 26, `半年` 2. */
function perYearOf(multiple: string | undefined, word: string): number | undefined {
  const base = PERIOD_WORDS.get(word) ?? PERIOD_WORDS.get(word.replace(/s$/, '')) ?? PERIOD_WORDS.get(word.replace(/-/g, ''));
  if (base === undefined) return undefined;
  if (multiple === undefined) return base;
  const n = numberOf(multiple);
  return n === undefined || n <= 0 ? undefined : base / n;
}

/**
 * A count written with its period → the count and its periods per year; undefined when the
 * text names no period (the caller reads a plain count then). `2次/月` → 2 per 12, `每季度1次`
 * → 1 per 4, `半年1次` → 1 per 2, `3 times a month` → 3 per 12, `weekly` → 1 per 52.
 */
export function readCountPerPeriod(text: string): CountReading | undefined {
  const s = compact(foldWidth(text))
    .replace(/^(?:大约|约|~|≈)/, '')
    .replace(/(?:及以上|以上|\+)$/, '');
  let m = NUMBER_PER.exec(s);
  if (m) return reading(numberOf(m[1]), perYearOf(m[2], m[3]!));
  m = EVERY_NUMBER.exec(s);
  if (m) return reading(numberOf(m[3]), perYearOf(m[1], m[2]!));
  m = PERIOD_NUMBER.exec(s);
  if (m) return reading(numberOf(m[3]), perYearOf(m[1], m[2]!));
  m = ADVERB.exec(s);
  if (m) return reading(m[1] === undefined ? 1 : numberOf(m[1]), ADVERBS.get(m[2]!));
  return undefined;
}

function reading(value: number | undefined, perYear: number | undefined): CountReading | undefined {
  if (value === undefined || perYear === undefined || !Number.isFinite(value) || value < 0) return undefined;
  return { value, perYear };
}

const HEADER_NOTE = new RegExp(`^(?:次|单|笔|家|个|人)?(?:/|每)(\\d+|[一二两三四五六七八九十]{1,2})?${PERIOD}$`);
const HEADER_AVERAGE = /^(年|季度?|月|周)(?:均|平均)/;

/**
 * The period a header gives the plain numbers of a count column: `交易频次(次/月)` → a
 * month, `月均下单次数` → a month, `年均交易频次(次/年)` → a year. Undefined when none.
 */
export function headerCountPerYear(header: string | undefined): number | undefined {
  return header ? countPerYearOfHeader(header) : undefined;
}

const countPerYearOfHeader = memoisedByText((header: string): number | undefined => {
  for (const note of bracketNotes(header)) {
    const m = HEADER_NOTE.exec(compact(note));
    if (m) return perYearOf(m[1], m[2]!);
  }
  const average = HEADER_AVERAGE.exec(headerStem(header));
  return average ? PERIOD_WORDS.get(average[1]!) : undefined;
});
