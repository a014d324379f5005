/**
 * The service evaluation (docs/scoring-rules.md section 6 `service`; seeds 001 模板2 and 003's survey):
 * a survey table with one or more rows per customer and period, one column per dimension
 * (服务响应及时性, 问题解决能力 …) and 推荐意愿 0-10.
 *
 * - Each dimension's scale is told from its header (`(1-5)`, `5分制`, `满分10分`) or, failing
 *   that, from its data: a value above 5 makes it 1-10, else 1-5.
 * - Per customer: each dimension's mean over the customer's rows, the overall score out of
 *   100 (the mean of the dimension means, each ÷ its scale's maximum, × 100; one decimal, as
 *   the other scores: 4.25 of 5 is 85.0) and the weakest dimension (the lowest mean as a
 *   share of its maximum; the first in table order on a tie).
 * - Over all customers: each dimension's mean (of the customers' means: each customer counts
 *   once, whatever number of periods it answered), and the NPS from 推荐意愿: per cent of
 *   promoters (9-10) minus per cent of detractors (0-6), every answer (row) counted; none
 *   without answers, and said to be thin below the rules' minimum (30).
 *
 * Pure: the sheet's grid in, the analysis out. The join with the evaluation table (the
 * survey's customers it lacks, the columns written there) is analyses.ts's.
 */
import { cellAddress } from './address';
import { isBlankReading } from './blank';
import { isWrittenColumn } from './columns';
import { isDateFormat } from './number-format';
import { keyReader } from './merges';
import type { MappedColumn, ServiceMapping } from './mapping';
import { parseCell } from './parse';
import { isoFromSerial, serialFromNumber } from './parse-date';
import { headerScale } from './parse-number';
import { skippedRows, type Warning } from './prepare';
import { roundScore } from './round';
import type { ServiceRules } from './rules';
import { cellText } from './tables';
import { foldWidth, normaliseKey } from './text';
import type { CellFormat, RawCell, SheetGrid } from './types';

/**
 * A dimension's scale and where it was told from: its own header, the other dimensions' headers
 * (`table`: seed 001 writes (1-5) after the first dimension only), or the data.
 */
export interface ServiceScale {
  min: number;
  max: number;
  source: 'header' | 'table' | 'data';
}

/** `满意度5分制`, `（10分制）`, `满分10分`, `out of 10` anywhere in the header (brackets or not). */
const SCALE_WORDS = /(\d+(?:\.\d+)?)\s*分制|满分\s*(\d+(?:\.\d+)?)|out\s*of\s*(\d+(?:\.\d+)?)/i;

/**
 * A dimension's scale: from the header (`(1-5)`, `(0-10)`, `5分制`, `10分制`, `满分10分`: a
 * maximum alone starts at 0), else from the data (the largest score read above 5 → 1-10, else 1-5).
 */
export function detectScale(header: string, values: readonly RawCell[]): ServiceScale {
  return declaredScale(header) ?? { min: 1, max: topScore(header, values) > 5 ? 10 : 5, source: 'data' };
}

/** The scale a header writes (`(1-5)`, `10分制`, `满分10分`, `out of 10`); undefined when it writes none. */
function declaredScale(header: string): ServiceScale | undefined {
  const noted = headerScale(header);
  if (noted) return { ...noted, source: 'header' };
  const words = SCALE_WORDS.exec(foldWidth(header));
  if (words) {
    const max = Number(words[1] ?? words[2] ?? words[3]);
    // As a bracketed `(满分10分)` reads (parse-number.ts headerScale): a maximum alone starts at 0.
    if (max > 1 && max <= 100) return { min: 0, max, source: 'header' };
  }
  return undefined;
}

function topScore(header: string, values: readonly RawCell[]): number {
  let top = -Infinity;
  for (const raw of values) {
    const parsed = parseCell(raw, 'score', { address: '', header });
    if (parsed.kind === 'number' && parsed.value > top) top = parsed.value;
  }
  return top;
}

/**
 * Every dimension's scale, as the survey uses it (docs/scoring-rules.md section 6 `service`): a header
 * that writes one gives its own; the others take the one the other headers write when they
 * agree (seed 001 writes `(1-5)` after the first dimension only), else the survey's data as a
 * whole (a score above 5 in any of them → 1-10, else 1-5), so that a dimension the customers
 * happened to rate 3 to 5 of 10 is not read on 1-5.
 */
export function detectScales(columns: readonly { header: string; values: readonly RawCell[] }[]): ServiceScale[] {
  const declared = columns.map((c) => declaredScale(c.header));
  const written = new Map(declared.flatMap((d) => (d ? [[`${d.min}-${d.max}`, d] as const] : [])));
  const shared = written.size === 1 ? [...written.values()][0]! : undefined;
  let top = -Infinity;
  if (!shared) columns.forEach((c, i) => (declared[i] ? undefined : (top = Math.max(top, topScore(c.header, c.values)))));
  const fromData: ServiceScale = shared ? { min: shared.min, max: shared.max, source: 'table' } : { min: 1, max: top > 5 ? 10 : 5, source: 'data' };
  return declared.map((d) => d ?? fromData);
}

/** 推荐意愿 is always read on 0-10 (a `9/10` or a header's other scale is rescaled to it). */
const RECOMMEND_SCALE = { min: 0, max: 10 };

export interface ServiceDimension {
  id: string;
  label: { zh: string; en: string };
  column: MappedColumn;
  scale: ServiceScale;
}

/** One survey row read: its customer, period, each dimension's score and 推荐意愿 (null where missing). */
export interface ServiceRow {
  /** 0-based sheet row. */
  row: number;
  key: string;
  period: string;
  /** Per dimension, in `PreparedService.dimensions` order. */
  values: (number | null)[];
  recommend: number | null;
}

export interface PreparedService {
  rules: ServiceRules;
  mapping: ServiceMapping;
  /** The dimensions the table has, in its column order (the weakest dimension's tie rule reads this order). */
  dimensions: ServiceDimension[];
  rows: ServiceRow[];
  warnings: Warning[];
}

/** Reads the survey's rows: blank keys warned, each dimension's cells read on the scale it uses. */
export function prepareService(sheet: SheetGrid, mapping: ServiceMapping, rules: ServiceRules): PreparedService {
  const { table, key } = mapping;
  const grid = sheet.rows;
  const date1904 = sheet.date1904 === true;
  const first = table.box.firstRow + 1;
  const last = table.box.lastRow;
  const column = (c: number) => {
    const out: RawCell[] = [];
    for (let r = first; r <= last; r++) out.push(grid[r]?.[c]);
    return out;
  };
  const scales = detectScales(mapping.dimensions.map(({ column: mapped }) => ({ header: mapped.header, values: column(mapped.column) })));
  const dimensions: ServiceDimension[] = mapping.dimensions.map(({ id, column: mapped }, i) => ({
    id,
    label: rules.dimensions.find((d) => d.id === id)!.label,
    column: mapped,
    scale: scales[i]!,
  }));
  const warnings: Warning[] = [...skippedRows(table)];
  const rows: ServiceRow[] = [];
  const read = (r: number, c: number, header: string, scale: { min: number; max: number }): number | null => {
    const raw = grid[r]?.[c];
    // The address is made only for a cell that does not read (one string per cell is most of the reading's garbage).
    const parsed = parseCell(raw, 'score', { address: '', header, scale, format: sheet.formats?.[r]?.[c], date1904 });
    if (parsed.kind === 'number') return parsed.value;
    if (parsed.kind === 'missing' && !isBlankReading(parsed))
      warnings.push({ code: 'unreadable-service-cell', address: cellAddress(table.sheet, r, c), text: parsed.text });
    return null;
  };
  // A customer merged down over its periods shows only in the first row (merges.ts).
  const keyAt = keyReader(grid, sheet.merges);
  for (let r = first; r <= last; r++) {
    const row = grid[r] ?? [];
    const keyText = cellText(keyAt(r, key.column));
    if (!keyText) {
      const hasData = row.slice(table.box.firstCol, table.box.lastCol + 1).some((c) => cellText(c) !== '');
      if (hasData) warnings.push({ code: 'blank-key', address: cellAddress(table.sheet, r, key.column) });
      continue;
    }
    rows.push({
      row: r,
      key: keyText,
      period: mapping.period ? periodText(row[mapping.period.column], sheet.formats?.[r]?.[mapping.period.column], date1904) : '',
      values: dimensions.map((d) => read(r, d.column.column, d.column.header, d.scale)),
      recommend: mapping.recommend ? read(r, mapping.recommend.column, mapping.recommend.header, RECOMMEND_SCALE) : null,
    });
  }
  warnings.push(...unusedScoreColumns(sheet, mapping));
  return { rules, mapping, dimensions, rows, warnings };
}

/** A survey period as the report shows it: its text (2024Q1, 2024年上半年), or a date-formatted number as its day (2024-03-15). */
function periodText(raw: RawCell, format: CellFormat, date1904: boolean): string {
  if (typeof raw === 'number' && isDateFormat(format)) {
    const serial = serialFromNumber(raw, date1904);
    if (serial !== undefined) return isoFromSerial(serial);
  }
  return cellText(raw);
}

/**
 * The survey's columns that say they are scores (a scale in the header: `专业能力(10分制)`,
 * `(1-5)`, `满分10分`) and hold scores, but are none of the rules' dimensions: left out of the
 * service score, and said so, so that a survey with a dimension the rules lack does not give a
 * score from fewer columns than the user sees without a word.
 */
function unusedScoreColumns(sheet: SheetGrid, mapping: ServiceMapping): Warning[] {
  const { table } = mapping;
  const used = new Set([mapping.key.column, ...mapping.dimensions.map((d) => d.column.column)]);
  if (mapping.period) used.add(mapping.period.column);
  if (mapping.recommend) used.add(mapping.recommend.column);
  const out: Warning[] = [];
  table.headers.forEach((header, i) => {
    const col = table.box.firstCol + i;
    if (!header || used.has(col) || isWrittenColumn(header)) return;
    const scale = declaredScale(header);
    if (!scale) return;
    let filled = 0;
    let scores = 0;
    for (let r = table.box.firstRow + 1; r <= table.box.lastRow; r++) {
      const raw = sheet.rows[r]?.[col];
      if (cellText(raw) === '') continue;
      filled++;
      if (parseCell(raw, 'score', { address: '', header, scale, format: sheet.formats?.[r]?.[col] }).kind === 'number') scores++;
    }
    // As a column is matched by its data (docs/scoring-rules.md section 3): at least half of what it holds.
    if (filled > 0 && scores * 2 >= filled) out.push({ code: 'service-column-unused', header, address: cellAddress(table.sheet, table.box.firstRow, col) });
  });
  return out;
}

export interface ServiceCustomer {
  key: string;
  /** The customer's 0-based rows in the survey table, in table order. */
  rows: number[];
  /** The periods it answered (评价周期), as written, in table order; '' where the row has none. */
  periods: string[];
  /** Per dimension: the mean over its rows that read; null when none did. */
  means: (number | null)[];
  /** Out of 100, one decimal (half away from zero); null when no dimension has a value. */
  score: number | null;
  /** The id of the dimension with the lowest mean (as a share of its scale); null when none. */
  weakest: string | null;
  /** The mean of its 推荐意愿 answers; null when none. */
  recommend: number | null;
}

/** Promoters, passives and detractors of 推荐意愿, and the NPS they give. */
export interface NpsSummary {
  /** Answers that read (rows with a 推荐意愿 on 0-10). */
  answers: number;
  /** 9-10. */
  promoters: number;
  /** 7-8. */
  passives: number;
  /** 0-6. */
  detractors: number;
  /** Per cent of promoters minus per cent of detractors, −100..100, one decimal; null without answers. */
  score: number | null;
  /** Fewer answers than the rules' minimum (30): the figure is thin. */
  thin: boolean;
}

export interface ServiceRun {
  rules: ServiceRules;
  mapping: ServiceMapping;
  dimensions: ServiceDimension[];
  customers: ServiceCustomer[];
  /** Per dimension: the mean of the customers' means (null when no customer has one). */
  means: (number | null)[];
  nps: NpsSummary;
  warnings: Warning[];
}

/** Within this of each other, two means are a tie (sums of decimals carry binary noise). */
const TIE = 1e-9;

/** The first dimension (in table order) with the lowest share of its maximum; null when none has a mean. */
export function weakestDimension(means: readonly (number | null)[], dimensions: readonly { id: string; scale: { max: number } }[]): string | null {
  let best: string | null = null;
  let lowest = Infinity;
  means.forEach((mean, d) => {
    if (mean === null) return;
    const share = mean / dimensions[d]!.scale.max;
    if (share < lowest - TIE) {
      lowest = share;
      best = dimensions[d]!.id;
    }
  });
  return best;
}

/** The overall score out of 100: the mean of the dimension means, each as a share of its maximum, × 100. */
export function overallServiceScore(means: readonly (number | null)[], dimensions: readonly { scale: { max: number } }[]): number | null {
  let sum = 0;
  let count = 0;
  means.forEach((mean, d) => {
    if (mean === null) return;
    sum += mean / dimensions[d]!.scale.max;
    count++;
  });
  return count === 0 ? null : roundScore((sum / count) * 100);
}

/** Promoters (9-10), passives (7-8) and detractors (0-6) of the answers, and the NPS. */
export function npsOf(answers: readonly (number | null)[], minAnswers: number): NpsSummary {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const a of answers) {
    if (a === null) continue;
    if (a >= 9) promoters++;
    else if (a >= 7) passives++;
    else detractors++;
  }
  const total = promoters + passives + detractors;
  return {
    answers: total,
    promoters,
    passives,
    detractors,
    score: total === 0 ? null : roundScore(((promoters - detractors) / total) * 100),
    thin: total < minAnswers,
  };
}

/** The mean of the values that are there, summed in order; null when none is. */
function meanOf(count: number, value: (i: number) => number | null): number | null {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < count; i++) {
    const v = value(i);
    if (v === null) continue;
    sum += v;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** Every customer's means, score and weakest dimension, the dimensions' means over all customers and the NPS. */
export function analyseService(prepared: PreparedService): ServiceRun {
  const { dimensions, rows, rules } = prepared;
  const byKey = new Map<string, { key: string; rows: ServiceRow[] }>();
  for (const row of rows) {
    const norm = normaliseKey(row.key);
    const entry = byKey.get(norm);
    if (entry) entry.rows.push(row);
    else byKey.set(norm, { key: row.key, rows: [row] });
  }
  const customers: ServiceCustomer[] = [...byKey.values()].map(({ key, rows: own }) => {
    const means = dimensions.map((_, d) => meanOf(own.length, (i) => own[i]!.values[d] ?? null));
    return {
      key,
      rows: own.map((r) => r.row),
      periods: own.map((r) => r.period),
      means,
      score: overallServiceScore(means, dimensions),
      weakest: weakestDimension(means, dimensions),
      recommend: meanOf(own.length, (i) => own[i]!.recommend),
    };
  });
  const means = dimensions.map((_, d) => meanOf(customers.length, (i) => customers[i]!.means[d] ?? null));
  const nps = npsOf(
    rows.map((r) => r.recommend),
    rules.minAnswers,
  );
  const warnings = [...prepared.warnings];
  if (prepared.mapping.recommend) {
    if (nps.answers === 0) warnings.push({ code: 'no-nps-answers' });
    else if (nps.thin) warnings.push({ code: 'nps-thin', answers: nps.answers, minimum: rules.minAnswers });
  }
  return { rules, mapping: prepared.mapping, dimensions, customers, means, nps, warnings };
}

/** The bands the pane counts service scores in, best first: [min, max] out of 100. */
export const SERVICE_BANDS: readonly { min: number; max: number }[] = [
  { min: 90, max: 100 },
  { min: 80, max: 89.9 },
  { min: 60, max: 79.9 },
  { min: 0, max: 59.9 },
];

/** The mean of the customers' service scores (one decimal, as every score), and how many fall in each of SERVICE_BANDS. */
export function serviceSpread(run: ServiceRun): { mean: number | null; bands: number[] } {
  const scores = run.customers.flatMap((c) => (c.score === null ? [] : [c.score]));
  const bands = SERVICE_BANDS.map((b) => scores.filter((x) => x >= b.min && x <= b.max).length);
  const mean = scores.length === 0 ? null : roundScore(scores.reduce((a, b) => a + b, 0) / scores.length);
  return { mean, bands };
}
