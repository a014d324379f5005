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

export interface ScoringReport {
  preset: string;
  asOf: string;
  /**
   * Where each table was found and which column each role reads: `columns[id]` is
   * `{ column, header, evidence: { header, headerScore, dataFit, dataCells, score }, guessed, chosen }`.
   */
  tables: { evaluation: TableReport; followUp: TableReport | null; service: TableReport | null };
  /** Indicators scored without (the team does not track them): their weight was set aside. */
  without: { indicator: string; label: string }[];
  rows: ReportRow[];
  summary: ScoringRun['summary'];
  warnings: string[];
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
    indicator: string; label: string; column: string; raw: string; value: number | string | null;
    band: string; points: number; maxPoints: number; score: number; weight: number; contribution: number;
  }[];
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

function followUpOf(summary: ScoringRun['customers'][number]['followUp']): NonNullable<ReportRow['followUp']> {
  if (!summary) return { rows: 0, lastDate: null, open: 0, overdue: 0 };
  return { rows: summary.rows, lastDate: summary.lastDate === undefined ? null : isoFromSerial(summary.lastDate), open: summary.open, overdue: summary.overdue };
}

/** The report of a run, in the words given. */
export function reportIn(run: ScoringRun, words: ResultWords): ScoringReport {
  const { evaluation, followUp, service, rules } = run;
  return {
    preset: rules.id,
    asOf: isoFromSerial(run.asOf),
    tables: {
      evaluation: describeTable(evaluation.table, evaluation.coverage, {
        key: evaluation.key, ...evaluation.indicators, override: evaluation.override,
        lastTransaction: evaluation.lastTransaction, complaints: evaluation.complaints,
      }),
      followUp: followUp ? describeTable(followUp.table, Object.keys(followUp.fields).length / Object.keys(FOLLOW_UP_COLUMNS).length, { key: followUp.key, ...followUp.fields }) : null,
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
