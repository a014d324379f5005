/**
 * The JSON report of a scoring run (the `score` command's `--json`): its layout and figures.
 * Its texts (labels, bands, flag details, warnings) come from the ResultWords the caller gives
 * (src/i18n/results.ts `buildReport` gives those of a language).
 */
import { columnLetter } from './address';
import { FOLLOW_UP_COLUMNS } from './columns';
import { describeTable, type TableReport } from './mapping';
import { isoFromSerial } from './parse';
import type { ScoringRun } from './summary';
import type { ResultWords } from './words';

/** What every report has, whichever analysis is its primary. */
export interface ReportBase {
  preset: string;
  asOf: string;
  /**
   * Where each table was found and which column each role reads: `columns[id]` is
   * `{ column, header, evidence: { header, headerScore, dataFit, dataCells, score }, guessed, chosen }`.
   * `evaluation` is the table the rows are customers of.
   */
  tables: { evaluation: TableReport; followUp: TableReport | null; service: TableReport | null; transactions?: TableReport | null };
  /** Indicators scored without (the team does not track them): their weight was set aside. */
  without: { indicator: string; label: string }[];
  summary: ScoringRun['summary'];
  warnings: string[];
  /** The service survey's analysis, when the workbook has a survey. */
  service?: ServiceReport;
  /** RFM, when the tables allow it. */
  rfm?: RfmReport;
}

/** The report of a run whose primary is the weighted scoring (rows: customers with score, tier, flags, breakdown) or RFM (the tier is the segment). */
export interface ScoringReport extends ReportBase {
  rows: ReportRow[];
}

/** The report of `score --preset service`: one row per survey customer. */
export interface ServicePrimaryReport extends ReportBase {
  preset: 'service';
  rows: ServiceReportRow[];
}

export type AnalysesReport = ScoringReport | ServicePrimaryReport;

/** The survey's figures: its dimensions with their scales and means, the NPS, and how its customers joined. */
export interface ServiceReport {
  table: TableReport;
  dimensions: {
    id: string;
    label: string;
    column: string;
    header: string;
    /** The scale and where it was told from: the header (`(1-5)`, `10分制`) or the data. */
    scale: { min: number; max: number; source: 'header' | 'table' | 'data' };
    /** The mean of the customers' means, two decimals; null when none. */
    mean: number | null;
  }[];
  nps: { answers: number; promoters: number; passives: number; detractors: number; score: number | null; thin: boolean };
  customers: number;
  /** Survey customers the evaluation (customer) table lacks. */
  unknownCustomers: number;
}

/** A survey customer: its score out of 100, its weakest dimension and each dimension's mean. */
export interface ServiceReportRow {
  key: string;
  /** Excel row number (1-based) of its first row in the survey. */
  row: number;
  /** Excel row numbers of all its rows (one per period). */
  rows: number[];
  periods: string[];
  score: number | null;
  weakest: { id: string; label: string } | null;
  /** The mean of its 推荐意愿 answers, two decimals. */
  recommend: number | null;
  flags: { id: string; detail: string }[];
  breakdown: { dimension: string; label: string; column: string; mean: number | null; scaleMax: number; score: number | null }[];
}

/** RFM's figures: where the letters came from, the period, the weights, the cut values and the segments. */
export interface RfmReport {
  source: 'columns' | 'transactions';
  table: TableReport;
  transactions: TableReport | null;
  /** The period purchases were counted in (transactions only). */
  period: { from: string; to: string } | null;
  purchases: number;
  /** Purchases left out: dated outside the period. */
  outside: number;
  weights: { recency: number; frequency: number; monetary: number };
  /**
   * Per letter, the values that got each score 1..5: R in days (a customer with no purchase in
   * the period counts as none: `noPurchase`), F in purchases, M in yuan.
   */
  cuts: Record<
    'recency' | 'frequency' | 'monetary',
    { score: number; min: number | null; max: number | null; customers: number; noPurchase?: number; text: string }[]
  >;
  segments: { id: string; label: string; customers: number }[];
}

export interface ReportRow {
  key: string;
  /** Excel row number (1-based). */
  row: number;
  score: number;
  tier: { id: string; label: string };
  computedTier?: { id: string; label: string };
  flags: { id: string; detail: string }[];
  /** From the follow-up log, when there is one: the last contact, open and overdue items. */
  followUp?: { rows: number; lastDate: string | null; open: number; overdue: number };
  breakdown: {
    indicator: string;
    label: string;
    column: string;
    raw: string;
    value: number | string | null;
    band: string;
    points: number;
    maxPoints: number;
    score: number;
    weight: number;
    contribution: number;
  }[];
  /** The customer's service score and weakest dimension, when the run carries the survey (null: not in it). */
  service?: { score: number | null; weakest: { id: string; label: string } | null } | null;
  /** The customer's RFM letters, score and segment, when the run carries RFM beside the scoring. */
  rfm?: { recency: number | null; frequency: number | null; monetary: number | null; score: number; segment: { id: string; label: string } };
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

function followUpOf(summary: ScoringRun['customers'][number]['followUp']): NonNullable<ReportRow['followUp']> {
  if (!summary) return { rows: 0, lastDate: null, open: 0, overdue: 0 };
  return {
    rows: summary.rows,
    lastDate: summary.lastDate === undefined ? null : isoFromSerial(summary.lastDate),
    open: summary.open,
    overdue: summary.overdue,
  };
}

/** The report of a run, in the words given. */
export function reportIn(run: ScoringRun, words: ResultWords): ScoringReport {
  const { evaluation, followUp, service, rules } = run;
  return {
    preset: rules.id,
    asOf: isoFromSerial(run.asOf),
    tables: {
      evaluation: describeTable(evaluation.table, evaluation.coverage, {
        key: evaluation.key,
        ...evaluation.indicators,
        override: evaluation.override,
        lastTransaction: evaluation.lastTransaction,
        complaints: evaluation.complaints,
      }),
      followUp: followUp
        ? describeTable(followUp.table, Object.keys(followUp.fields).length / Object.keys(FOLLOW_UP_COLUMNS).length, { key: followUp.key, ...followUp.fields })
        : null,
      service: service ? describeTable(service, 1, {}) : null,
    },
    without: evaluation.without.map((id) => ({ indicator: id, label: words.indicator(id) })),
    rows: run.customers.map((c) => ({
      key: c.key,
      row: c.row + 1,
      score: c.score,
      tier: { id: c.tier.id, label: words.tier(c.tier) },
      ...(c.overridden ? { computedTier: { id: c.computedTier.id, label: words.tier(c.computedTier) } } : {}),
      flags: c.flags.map((f) => ({ id: f.id, detail: words.flag(f) })),
      ...(followUp ? { followUp: followUpOf(c.followUp) } : {}),
      breakdown: c.indicators.map((r) => {
        const ind = rules.indicators.find((i) => i.id === r.indicator)!;
        return {
          indicator: r.indicator,
          label: words.indicator(r.indicator),
          column: columnLetter(evaluation.indicators[r.indicator]!.column),
          raw: r.raw,
          value: typeof r.value === 'number' ? round(r.value, 6) : r.value,
          band: words.band(r.band, ind),
          points: r.points,
          maxPoints: r.maxPoints,
          score: round(r.score),
          weight: r.weight,
          contribution: round(r.contribution, 3),
        };
      }),
    })),
    summary: run.summary,
    warnings: run.warnings.map((w) => words.warning(w)),
  };
}
