/**
 * RFM (docs/scoring-rules.md section 6 `rfm`; seed 003): R = days since the last purchase as of the
 * as-of date (fewer is better), F = purchases in the period, M = amount in the period.
 *
 * The letters come from the customer table's own columns (最近交易日期 or 距今天数, 交易次数,
 * 交易金额 …) or from a transactions table (交易记录: one row per purchase), aggregated per
 * customer within a period (the 12 months up to the as-of date unless set); purchases
 * outside it are left out and counted. A customer of the customer table with no purchase in
 * the period has F = 0, M = 0 and R "none", the worst of all.
 *
 * Each letter is scored 1-5 by quintile over the customers (quintile.ts), the cut values
 * kept to be shown; the segment is the first that matches: 流失风险客户 (R ≤ 2), 高价值客户
 * (all ≥ 4), 潜力客户 (all ≥ 3), 低价值客户. Neither depends on the weights, so both are worked
 * out when the rows are prepared; the weighted score (the weighted mean × 20) is what the
 * weights change (`scoreRfm`). A missing letter (an unreadable cell) is not ranked, scores 0
 * in the weighted mean and is flagged 数据缺失, as a missing indicator is (docs/scoring-rules.md section 4).
 */
import { cellAddress } from './address';
import { FLAG_IDS, type Flag, type FlagId } from './flags';
import { parseDays } from './evidence';
import type { MappedColumn, RfmColumnsMapping, TransactionsMapping } from './mapping';
import { isoFromSerial, parseCell, serialFromYmd } from './parse';
import { keyReader } from './merges';
import { skippedRows, type Warning } from './prepare';
import { cutRanges, quintileScores, type CutRange } from './quintile';
import { roundScore } from './round';
import { RFM_LETTERS, SEGMENT_IDS, type RfmLetter, type RfmRules, type SegmentId, type SegmentRule } from './rules';
import { cellText, type TableCandidate } from './tables';
import { normaliseKey } from './text';
import type { MissingReason, RawCell, SheetGrid } from './types';

/** The period purchases are counted in: Excel serials, both days included. */
export interface RfmPeriod {
  from: number;
  to: number;
}

/** What the user set of the period (the `score` command's --period-from / --period-to / --period-months, the pane). */
export interface PeriodChoice {
  /** Excel serial of the first day. */
  from?: number;
  /** Excel serial of the last day. */
  to?: number;
  months?: number;
}

function ymdOf(serial: number): [number, number, number] {
  const [y, m, d] = isoFromSerial(serial).split('-').map(Number);
  return [y!, m!, d!];
}

/** The same day `months` later (earlier when negative), on the month's last day when it has no such day (EDATE). */
export function addMonths(serial: number, months: number): number {
  const [y, m, d] = ymdOf(serial);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = ymdOf(serialFromYmd(year, month + 1, 1) - 1)[2];
  return serialFromYmd(year, month, Math.min(d, last));
}

/**
 * The period: what the user set, else the rules' (`from`, `to`), else the `months` (12) up to
 * the as-of date: as of 2024-06-30, 2023-07-01 to 2024-06-30 (6 months: 2024-01-01 to
 * 2024-06-30). Given only an end, the months up to it; given only a start, up to the as-of date.
 */
export function rfmPeriod(asOf: number, rules: RfmRules, choice: PeriodChoice = {}): RfmPeriod {
  const iso = (text: string | undefined) => (text === undefined ? undefined : serialFromYmd(...ymdFromIso(text)));
  const to = choice.to ?? iso(rules.period.to) ?? asOf;
  const months = choice.months ?? rules.period.months;
  // The months that end on `to`: back from the day after it (6 months to 2024-06-30 start 2024-01-01).
  const from = choice.from ?? iso(rules.period.from) ?? addMonths(to + 1, -months);
  return { from, to };
}

function ymdFromIso(text: string): [number, number, number] {
  const [y, m, d] = text.split('-').map(Number);
  return [y!, m!, d!];
}

/** A cell that did not read, for the 数据缺失 flag. */
export interface MissingLetter {
  address: string;
  text: string;
  reason: MissingReason;
}

export interface PreparedRfm {
  /** Where the letters were read from. */
  source: 'columns' | 'transactions';
  /** The table the customers are rows of, where R / F / M / 分群 are written: the customer table, or the transactions table without one. */
  table: TableCandidate;
  key: MappedColumn & { kind: 'name' | 'id' };
  columns?: RfmColumnsMapping;
  transactions?: TransactionsMapping;
  /** The period purchases were counted in (transactions only). */
  period?: RfmPeriod;
  asOf: number;
  /** The customers in table order, each with the rows its results are written on. */
  customers: { key: string; rows: number[] }[];
  /** Per letter, per customer: R in days (Infinity: no purchase in the period), F, M in yuan; null when the cell did not read. */
  values: Record<RfmLetter, (number | null)[]>;
  /** Per letter, per customer: what the cell said ('' for aggregates). */
  raws: Record<RfmLetter, string[]>;
  /** Per letter, per customer: the unread cell, when the value is missing. */
  missing: Record<RfmLetter, (MissingLetter | undefined)[]>;
  /** Per letter, per customer: the quintile score 1..5 (null when the value is missing). */
  scores: Record<RfmLetter, (number | null)[]>;
  /** Per customer: the segment. */
  segments: SegmentId[];
  /** Per letter: the value range per score 1..5 (the cut values shown). */
  cuts: Record<RfmLetter, CutRange[]>;
  /** Purchases counted in the period, and left out (outside it). */
  purchases: number;
  outside: number;
  warnings: Warning[];
}

/** The segment of a customer's letter scores, the first that matches (docs/scoring-rules.md section 6 `rfm`). */
export function segmentOf(r: number | null, f: number | null, m: number | null): SegmentId {
  if (r !== null && r <= 2) return 'at-risk';
  const all = (min: number) => r !== null && f !== null && m !== null && r >= min && f >= min && m >= min;
  if (all(4)) return 'high-value';
  if (all(3)) return 'potential';
  return 'low-value';
}

const BETTER: Record<RfmLetter, 'higher' | 'lower'> = { recency: 'lower', frequency: 'higher', monetary: 'higher' };

const perLetter = <T>(make: (letter: RfmLetter) => T): Record<RfmLetter, T> => ({
  recency: make('recency'),
  frequency: make('frequency'),
  monetary: make('monetary'),
});

/** Quintiles, cut values and segments of the letters read. */
function finish(base: Omit<PreparedRfm, 'scores' | 'segments' | 'cuts'>): PreparedRfm {
  const scores = perLetter((letter) => quintileScores(base.values[letter], BETTER[letter]));
  const cuts = perLetter((letter) => cutRanges(base.values[letter], scores[letter]));
  const segments = base.customers.map((_, i) => segmentOf(scores.recency[i]!, scores.frequency[i]!, scores.monetary[i]!));
  return { ...base, scores, cuts, segments };
}

/** The customers of a table (every row with a key; a blank key with data is warned). */
function customerRows(sheet: SheetGrid, table: TableCandidate, keyColumn: number, warnings: Warning[]): { key: string; row: number }[] {
  const out: { key: string; row: number }[] = [];
  for (let r = table.box.firstRow + 1; r <= table.box.lastRow; r++) {
    const row = sheet.rows[r] ?? [];
    const key = cellText(row[keyColumn]);
    if (key) out.push({ key, row: r });
    else if (row.slice(table.box.firstCol, table.box.lastCol + 1).some((c) => cellText(c) !== '')) {
      warnings.push({ code: 'blank-key', address: cellAddress(table.sheet, r, keyColumn) });
    }
  }
  return out;
}

/** RFM from the customer table's columns: R as a date (days since, as of `asOf`) or as days, F and M. */
export function prepareRfmFromColumns(sheet: SheetGrid, mapping: RfmColumnsMapping, asOf: number): PreparedRfm {
  const { table, key, recency, frequency, monetary } = mapping;
  if (!recency || !frequency || !monetary) throw new Error('RFM columns incomplete');
  const warnings: Warning[] = [];
  const rows = customerRows(sheet, table, key.column, warnings);
  const date1904 = sheet.date1904 === true;
  const values = perLetter(() => [] as (number | null)[]);
  const raws = perLetter(() => [] as string[]);
  const missing = perLetter(() => [] as (MissingLetter | undefined)[]);
  const read = (letter: RfmLetter, column: MappedColumn, r: number, type: 'date' | 'days' | 'count' | 'money') => {
    const raw: RawCell = sheet.rows[r]?.[column.column];
    const address = cellAddress(table.sheet, r, column.column);
    const format = sheet.formats?.[r]?.[column.column];
    const parsed = type === 'days' ? parseDays(raw, address, format) : parseCell(raw, type, { address, header: column.header, format, date1904, asOf });
    raws[letter].push(cellText(raw));
    let value: number | null = null;
    if (parsed.kind === 'date') value = Math.max(0, asOf - parsed.serial);
    else if (parsed.kind === 'number') value = parsed.value;
    values[letter].push(value);
    missing[letter].push(parsed.kind === 'missing' ? { address: parsed.address, text: parsed.text, reason: parsed.reason } : undefined);
  };
  for (const { row } of rows) {
    read('recency', recency, row, recency.kind);
    read('frequency', frequency, row, 'count');
    read('monetary', monetary, row, 'money');
  }
  return finish({
    source: 'columns',
    table,
    key,
    columns: mapping,
    asOf,
    customers: rows.map(({ key: k, row }) => ({ key: k, rows: [row] })),
    values,
    raws,
    missing,
    purchases: 0,
    outside: 0,
    warnings,
  });
}

/** A customer's purchases in the period. */
interface Purchases {
  key: string;
  rows: number[];
  count: number;
  amount: number;
  last: number | null;
}

/**
 * RFM from a transactions table, per customer within the period: R = days from the last
 * purchase to the as-of date, F = purchases, M = their amount. The customers are the customer
 * table's rows when there is one (a customer without a purchase in the period: R none, F 0,
 * M 0; a customer of the transactions it lacks is warned of), else the transactions' own
 * customers in order of first appearance, written on each of their rows.
 */
export function prepareRfmFromTransactions(
  txSheet: SheetGrid,
  transactions: TransactionsMapping,
  period: RfmPeriod,
  asOf: number,
  customerTable?: { sheet: SheetGrid; table: TableCandidate; key: MappedColumn & { kind: 'name' | 'id' }; join?: MappedColumn },
): PreparedRfm {
  const { table, key, date, amount } = transactions;
  const warnings: Warning[] = [...skippedRows(table)];
  const date1904 = txSheet.date1904 === true;
  const byKey = new Map<string, Purchases>();
  let purchases = 0;
  let outside = 0;
  // A customer merged down over its purchases shows only in the first row (merges.ts).
  const keyAt = keyReader(txSheet.rows, txSheet.merges);
  for (let r = table.box.firstRow + 1; r <= table.box.lastRow; r++) {
    const row = txSheet.rows[r] ?? [];
    const keyText = cellText(keyAt(r, key.column));
    if (!keyText) {
      if (row.slice(table.box.firstCol, table.box.lastCol + 1).some((c) => cellText(c) !== ''))
        warnings.push({ code: 'blank-key', address: cellAddress(table.sheet, r, key.column) });
      continue;
    }
    const norm = normaliseKey(keyText);
    let entry = byKey.get(norm);
    if (!entry) byKey.set(norm, (entry = { key: keyText, rows: [], count: 0, amount: 0, last: null }));
    entry.rows.push(r);
    // Addresses are made only for a cell that does not read: two strings per purchase were most of the ledger's garbage.
    const when = parseCell(row[date.column], 'date', { address: '', format: txSheet.formats?.[r]?.[date.column], date1904 });
    const much = parseCell(row[amount.column], 'money', { address: '', header: amount.header, format: txSheet.formats?.[r]?.[amount.column] });
    if (when.kind !== 'date' || much.kind !== 'number') {
      const bad = when.kind !== 'date' ? when : much;
      const column = when.kind !== 'date' ? date.column : amount.column;
      if (bad.kind === 'missing') warnings.push({ code: 'unreadable-transaction', address: cellAddress(table.sheet, r, column), text: bad.text });
      continue;
    }
    if (when.serial < period.from || when.serial > period.to) {
      outside++;
      continue;
    }
    purchases++;
    entry.count++;
    entry.amount += much.value;
    if (entry.last === null || when.serial > entry.last) entry.last = when.serial;
  }
  if (outside > 0) warnings.push({ code: 'purchases-outside-period', count: outside, from: isoFromSerial(period.from), to: isoFromSerial(period.to) });
  // Every customer then ties on R, F and M: the quintiles put them all at 3, which says nothing.
  if (purchases === 0) warnings.push({ code: 'no-purchases-in-period', from: isoFromSerial(period.from), to: isoFromSerial(period.to) });

  let customers: { key: string; rows: number[]; norm: string }[];
  let home: { table: TableCandidate; key: MappedColumn & { kind: 'name' | 'id' } };
  if (customerTable) {
    // `join`: the customer table's column that names customers as the purchases do (客户编号 beside its 客户名称).
    const join = customerTable.join;
    customers = customerRows(customerTable.sheet, customerTable.table, customerTable.key.column, warnings).map(({ key: k, row }) => ({
      key: k,
      rows: [row],
      norm: normaliseKey(join ? cellText(customerTable.sheet.rows[row]?.[join.column]) : k),
    }));
    const known = new Set(customers.map((c) => c.norm));
    for (const [norm, entry] of byKey) {
      if (!known.has(norm)) {
        warnings.push({ code: 'unknown-transaction-customer', key: entry.key, addresses: entry.rows.map((r) => cellAddress(table.sheet, r, key.column)) });
      }
    }
    home = { table: customerTable.table, key: customerTable.key };
  } else {
    customers = [...byKey].map(([norm, entry]) => ({ key: entry.key, rows: entry.rows, norm }));
    home = { table, key };
  }
  const values = perLetter(() => [] as (number | null)[]);
  for (const c of customers) {
    const entry = byKey.get(c.norm);
    const last = entry?.last ?? null;
    values.recency.push(last === null ? Infinity : Math.max(0, asOf - last));
    values.frequency.push(entry?.count ?? 0);
    values.monetary.push(entry?.amount ?? 0);
  }
  return finish({
    source: 'transactions',
    table: home.table,
    key: home.key,
    transactions,
    period,
    asOf,
    customers: customers.map(({ key: k, rows }) => ({ key: k, rows })),
    values,
    raws: perLetter(() => customers.map(() => '')),
    missing: perLetter(() => customers.map(() => undefined)),
    purchases,
    outside,
    warnings,
  });
}

export interface RfmCustomer {
  key: string;
  /** 0-based rows of `RfmRun.table` the customer's results are written on (its row, or its purchases' rows). */
  rows: number[];
  /** R in days (Infinity: no purchase in the period), F, M in yuan; null when the cell did not read. */
  values: Record<RfmLetter, number | null>;
  raws: Record<RfmLetter, string>;
  /** 1..5 each; null when the value is missing. */
  scores: Record<RfmLetter, number | null>;
  /** The weighted mean of the letter scores × 20 (0..100, one decimal). */
  score: number;
  segment: SegmentRule;
  flags: Flag[];
}

export interface RfmRun {
  rules: RfmRules;
  source: PreparedRfm['source'];
  table: TableCandidate;
  key: MappedColumn & { kind: 'name' | 'id' };
  columns?: RfmColumnsMapping;
  transactions?: TransactionsMapping;
  period?: RfmPeriod;
  customers: RfmCustomer[];
  cuts: Record<RfmLetter, CutRange[]>;
  summary: { segments: Record<SegmentId, number>; flags: Record<FlagId, number> };
  purchases: number;
  outside: number;
  warnings: Warning[];
}

/** The weighted score of a customer's letter scores: Σ weight × score ÷ Σ weights × 20; a missing letter counts 0. */
export function rfmScore(scores: Record<RfmLetter, number | null>, weights: RfmRules['weights']): number {
  let sum = 0;
  let total = 0;
  for (const letter of RFM_LETTERS) {
    sum += weights[letter] * (scores[letter] ?? 0);
    total += weights[letter];
  }
  return total > 0 ? roundScore((sum / total) * 20) : 0;
}

/** Every customer's weighted score, segment and flags under the rules' weights (the letters and segments are the prepared ones). */
export function scoreRfm(prepared: PreparedRfm, rules: RfmRules): RfmRun {
  const segmentRule = new Map(rules.segments.map((s) => [s.id, s]));
  const counts = Object.fromEntries(SEGMENT_IDS.map((id) => [id, 0])) as Record<SegmentId, number>;
  const flagCounts = Object.fromEntries(FLAG_IDS.map((id) => [id, 0])) as Record<FlagId, number>;
  const customers = prepared.customers.map((c, i): RfmCustomer => {
    const scores = perLetter((letter) => prepared.scores[letter][i]!);
    const segment = segmentRule.get(prepared.segments[i]!)!;
    const flags: Flag[] = [];
    for (const letter of RFM_LETTERS) {
      const miss = prepared.missing[letter][i];
      if (miss) {
        flags.push({ id: 'missing-data', indicator: letter, address: miss.address, text: miss.text, reason: miss.reason });
      }
    }
    if (segment.id === 'at-risk') flags.unshift({ id: 'churn-risk', reason: 'rfm-at-risk' });
    counts[segment.id]++;
    for (const id of new Set(flags.map((f) => f.id))) flagCounts[id]++;
    return {
      key: c.key,
      rows: c.rows,
      values: perLetter((letter) => prepared.values[letter][i]!),
      raws: perLetter((letter) => prepared.raws[letter][i]!),
      scores,
      score: rfmScore(scores, rules.weights),
      segment,
      flags,
    };
  });
  return {
    rules,
    source: prepared.source,
    table: prepared.table,
    key: prepared.key,
    ...(prepared.columns ? { columns: prepared.columns } : {}),
    ...(prepared.transactions ? { transactions: prepared.transactions } : {}),
    ...(prepared.period ? { period: prepared.period } : {}),
    customers,
    cuts: prepared.cuts,
    summary: { segments: counts, flags: flagCounts },
    purchases: prepared.purchases,
    outside: prepared.outside,
    warnings: [...prepared.warnings],
  };
}

/** The mean of the customers' RFM scores, one decimal (null without customers). */
export function meanRfmScore(run: RfmRun): number | null {
  if (run.customers.length === 0) return null;
  return roundScore(run.customers.reduce((a, c) => a + c.score, 0) / run.customers.length);
}
