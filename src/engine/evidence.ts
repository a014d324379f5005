/**
 * Evidence from a column's data (docs/scoring-rules.md section 3): the share of its non-blank sample
 * cells that read as what a role expects. A header can say 行业 over a column of 新能源,
 * 互联网; only the data says that it is not an industry growth rate, nor 高增长 / 稳定 / 衰退.
 * The cells are read with the value parser itself (parseIndicatorCell / parseCell), and the
 * result must also be plausible for the type (a "rate" of 8,000 is money, not a rate).
 */
import { isBlankReading } from './blank';
import { parseCell, type ParseContext } from './parse';
import { isDateFormat, isPercentFormat } from './number-format';
import { isLabelBand, type IndicatorRule, type RuleSet } from './rules';
import type { TableCandidate } from './tables';
import { compact, foldWidth } from './text';
import type { CategoryLabel, CellFormat, Parsed, RawCell } from './types';

const labelsOf = new WeakMap<IndicatorRule, CategoryLabel[]>();

/** The indicator's label bands as category labels; one (frozen) list per indicator, as its rules are never changed in place. */
export function categoryLabels(indicator: IndicatorRule): CategoryLabel[] {
  let labels = labelsOf.get(indicator);
  if (!labels) {
    labels = Object.freeze(indicator.bands.filter(isLabelBand).map((b) => ({ label: b.label, synonyms: b.synonyms }))) as CategoryLabel[];
    labelsOf.set(indicator, labels);
  }
  return labels;
}

/** Parses one indicator cell; a numeric indicator with label bands (高/中/低) also reads labels. */
/** What a cell's reading needs beyond the indicator: its format, the workbook's date system, its column's rate decision. */
export type CellReading = Pick<ParseContext, 'format' | 'date1904' | 'rateScale'>;

/**
 * Parses one indicator cell; a numeric indicator with label bands (高/中/低) also reads
 * labels. The indicator gives its scale (scores) and period (counts); `reading` the cell's
 * number format, the date system and the rate column's decision.
 */
export function parseIndicatorCell(indicator: IndicatorRule, raw: RawCell, address: string, header: string, asOf: number, reading: CellReading = {}): Parsed {
  const labels = categoryLabels(indicator);
  const ctx: ParseContext = {
    address,
    header,
    asOf,
    labels,
    format: reading.format,
    date1904: reading.date1904,
    rateScale: reading.rateScale,
    scale: indicator.scale,
    period: indicator.period,
  };
  const parsed = parseCell(raw, indicator.type, ctx);
  if (parsed.kind === 'missing' && parsed.reason === 'unreadable' && indicator.type !== 'category' && labels.length > 0) {
    const asLabel = parseCell(raw, 'category', ctx);
    if (asLabel.kind === 'category') return asLabel;
  }
  return parsed;
}

/** Whether one cell fits a role: true or false, or null when it is blank (not counted). */
export type CellFit = (raw: RawCell, format: CellFormat, header: string) => boolean | null;

/** A fit function with a key naming what it depends on (for the per-table cache). */
export interface FitRule {
  key: string;
  fit: CellFit;
}

export interface DataFit {
  /** Share of the non-blank sample cells that fit, 0..1; null when the sample has none. */
  fit: number | null;
  /** Non-blank sample cells looked at. */
  cells: number;
}

/** As-of date for reading start dates as durations when no run date is given: 2100-01-01. */
export const FIT_AS_OF = 73051;
/** Plausible dates: 1950-01-01 .. 2100-01-01. */
const MIN_DATE = 18264;
const MAX_DATE = 73051;
/** A "rate" beyond ±1000 % is some other number. */
const MAX_RATE = 10;
/** A duration above 200 years is not one (docs/scoring-rules.md section 2). */
const MAX_YEARS = 200;

/** The label spellings of an indicator, compacted. */
function spellings(labels: readonly CategoryLabel[]): string[] {
  return labels
    .flatMap((l) => [l.label, ...(l.synonyms ?? [])])
    .map((s) => compact(String(s)))
    .filter(Boolean);
}

/**
 * A label the cell spells, or contains as at least half of its text: `AAA级`, `高增长行业`
 * are labels; `高端装备` (高) and `中医药` (中) are industries, not 高 / 中.
 */
function spellsLabel(raw: RawCell, keys: readonly string[]): boolean {
  const text = compact(foldWidth(String(raw)));
  if (!text) return false;
  return keys.some((k) => k === text || (text.includes(k) && k.length * 2 >= text.length));
}

/** What a cell of an indicator must read as. */
export function indicatorFit(indicator: IndicatorRule, asOf: number = FIT_AS_OF): FitRule {
  const labels = categoryLabels(indicator);
  const keys = spellings(labels);
  const max = indicator.scale?.max ?? 100;
  const key = `indicator|${indicator.type}|${indicator.scale?.max ?? ''}|${keys.join(',')}|${asOf}`;
  const fit: CellFit = (raw, format, header) => {
    const parsed = parseIndicatorCell(indicator, raw, '', header, asOf, { format });
    if (isBlankReading(parsed)) return null;
    if (parsed.kind === 'category') return spellsLabel(raw, keys);
    const dateFormatted = typeof raw === 'number' && isDateFormat(format);
    if (parsed.kind === 'date')
      return (
        parsed.serial >= MIN_DATE && parsed.serial <= MAX_DATE && !(typeof raw === 'number' && format && !isDateFormat(format) && !/general/i.test(format))
      );
    if (parsed.kind !== 'number') return false;
    const v = parsed.value;
    switch (indicator.type) {
      case 'money':
        return !dateFormatted && !isPercentFormat(format);
      case 'count':
        return !dateFormatted && !isPercentFormat(format);
      case 'rate':
        return !dateFormatted && Math.abs(v) <= MAX_RATE;
      case 'duration':
        return v >= 0 && v <= MAX_YEARS;
      case 'score':
        return !dateFormatted && !isPercentFormat(format) && v >= 0 && v <= max;
      default:
        return true;
    }
  };
  return { key, fit };
}

/** A date cell (follow-up dates, the last transaction). */
export const DATE_FIT: FitRule = {
  key: 'date',
  fit: (raw, format) => {
    const parsed = parseCell(raw, 'date', { address: '' });
    if (isBlankReading(parsed)) return null;
    if (parsed.kind !== 'date') return false;
    if (typeof raw === 'number' && format && !isDateFormat(format) && !/general/i.test(format)) return false;
    return parsed.serial >= MIN_DATE && parsed.serial <= MAX_DATE;
  },
};

/** A whole count (complaints): 0.95 is a rate, not a number of complaints. */
export const COUNT_FIT: FitRule = {
  key: 'count',
  fit: (raw, format, header) => {
    const parsed = parseCell(raw, 'count', { address: '', header });
    if (isBlankReading(parsed)) return null;
    return parsed.kind === 'number' && Number.isInteger(parsed.value) && !(typeof raw === 'number' && isDateFormat(format));
  },
};

/** A score on a scale up to 100 (service dimensions, 推荐意愿 0-10). */
export const SCORE_FIT: FitRule = {
  key: 'score',
  fit: (raw, format, header) => {
    const parsed = parseCell(raw, 'score', { address: '', header });
    if (isBlankReading(parsed)) return null;
    return parsed.kind === 'number' && parsed.value <= 100 && !(typeof raw === 'number' && isDateFormat(format));
  },
};

/** A cell that reads as a number of the type, under its header: not a date, not a per cent. */
function numberFit(key: string, type: 'money' | 'count'): FitRule {
  return {
    key,
    fit: (raw, format, header) => {
      const parsed = parseCell(raw, type, { address: '', header, format });
      if (isBlankReading(parsed)) return null;
      return parsed.kind === 'number' && !(typeof raw === 'number' && (isDateFormat(format) || isPercentFormat(format)));
    },
  };
}

/** An amount of money (RFM's M, a purchase's amount). */
export const MONEY_FIT: FitRule = numberFit('money', 'money');

/** A number of purchases (RFM's F): a count, whole or an average (年均 12.5), never negative. */
export const FREQUENCY_FIT: FitRule = numberFit('frequency', 'count');

const DAYS_TEXT = /^(\d+(?:\.\d+)?)\s*(?:天|日|days?|d)$/i;

/**
 * A number of days (RFM's R as 距今天数): `35`, `35天`, `35 days`. Read without the header: 天
 * in `距今天数` is the number's unit, not a period it is counted per. A date-formatted number is
 * a date, not days.
 */
export function parseDays(raw: RawCell, address: string, format?: CellFormat): Parsed {
  if (typeof raw === 'string') {
    const m = DAYS_TEXT.exec(foldWidth(raw).trim());
    if (m) return { kind: 'number', value: Number(m[1]) };
  }
  if (typeof raw === 'number' && isDateFormat(format)) return { kind: 'missing', address, text: String(raw), reason: 'unreadable' };
  return parseCell(raw, 'count', { address, format });
}

/** A number of days (RFM's R as 距今天数): up to 100 years, not a date, not a per cent. */
export const DAYS_FIT: FitRule = {
  key: 'days',
  fit: (raw, format) => {
    const parsed = parseDays(raw, '', format);
    if (isBlankReading(parsed)) return null;
    return parsed.kind === 'number' && parsed.value <= 36_525 && !(typeof raw === 'number' && isPercentFormat(format));
  },
};

function isNumberText(text: string): boolean {
  return /^[+\-−]?[\d,]+(\.\d+)?%?$/.test(text);
}

/** Text that is not a bare number: names, notes, free text. */
export const TEXT_FIT: FitRule = {
  key: 'text',
  fit: (raw) => {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === 'boolean') return false;
    if (typeof raw === 'number') return false;
    const text = foldWidth(raw).trim();
    if (text === '') return null;
    return !isNumberText(text);
  },
};

/** Any non-blank value: customer IDs, periods. */
export const ANY_FIT: FitRule = {
  key: 'any',
  fit: (raw) => (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '') ? null : true),
};

/** A completion date, or words that say "not done" (未完成, 进行中 …): anything but a bare non-date number. */
export const DONE_FIT: FitRule = {
  key: 'done',
  fit: (raw, format, header) => {
    if (typeof raw === 'boolean') return true; // a checkbox: done or not
    const asDate = DATE_FIT.fit(raw, format, header);
    if (asDate !== false) return asDate;
    return TEXT_FIT.fit(raw, format, header);
  },
};

/** A tier of the rules, by id or label (the override column). */
export function tierFit(rules: RuleSet): FitRule {
  const names = new Set(rules.tiers.flatMap((t) => [t.id, t.label.zh, t.label.en].map(compact)));
  return {
    key: `tier|${[...names].join(',')}`,
    fit: (raw) => {
      if (raw === null || raw === undefined) return null;
      const text = compact(foldWidth(String(raw)));
      if (text === '') return null;
      return names.has(text);
    },
  };
}

const fitCache = new WeakMap<TableCandidate, Map<string, (DataFit | undefined)[]>>();

/**
 * How well one column of the table's sample fits (the column counted from the table's first
 * column). Worked out once per table, rule and column: parsing is what matching costs.
 */
export function columnFit(table: TableCandidate, rule: FitRule, column: number): DataFit {
  let byRule = fitCache.get(table);
  if (!byRule) fitCache.set(table, (byRule = new Map()));
  let fits = byRule.get(rule.key);
  if (!fits) byRule.set(rule.key, (fits = []));
  const cached = fits[column];
  if (cached) return cached;
  const sample = table.sample;
  let result: DataFit = { fit: null, cells: 0 };
  if (sample) {
    const header = table.headers[column] ?? '';
    let cells = 0;
    let fitting = 0;
    for (let r = 0; r < sample.values.length; r++) {
      const verdict = rule.fit(sample.values[r]?.[column] ?? null, sample.formats?.[r]?.[column] ?? null, header);
      if (verdict === null) continue;
      cells++;
      if (verdict) fitting++;
    }
    result = { fit: cells === 0 ? null : fitting / cells, cells };
  }
  fits[column] = result;
  return result;
}
