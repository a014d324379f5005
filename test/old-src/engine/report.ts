/** The JSON report of a scoring run (the `score` command's `--json`). */
import { columnLetter } from './address';
import { FOLLOW_UP_COLUMNS } from './columns';
import { describeBand, describeFlag, describeWarning, indicatorLabel, indicatorOf, tierLabel } from '../i18n/scoring';
import type { Language } from '../i18n/strings';
import { describeTable, type TableReport } from './mapping';
import { isoFromSerial } from './parse';
import type { ScoringRun } from './run';

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

export function buildReport(run: ScoringRun, lang: Language): ScoringReport {
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
    without: evaluation.without.map((id) => ({ indicator: id, label: indicatorLabel(rules, id, lang) })),
    rows: run.customers.map((c) => ({
      key: c.key,
      row: c.row + 1,
      score: c.score,
      tier: { id: c.tier.id, label: tierLabel(c.tier, lang) },
      ...(c.overridden ? { computedTier: { id: c.computedTier.id, label: tierLabel(c.computedTier, lang) } } : {}),
      flags: c.flags.map((f) => ({ id: f.id, detail: describeFlag(f, rules, lang) })),
      ...(followUp ? { followUp: followUpOf(c.followUp) } : {}),
      breakdown: c.indicators.map((r) => {
        const ind = indicatorOf(rules, r.indicator)!;
        return {
          indicator: r.indicator,
          label: indicatorLabel(rules, r.indicator, lang),
          column: columnLetter(evaluation.indicators[r.indicator]!.column),
          raw: r.raw,
          value: typeof r.value === 'number' ? round(r.value, 6) : r.value,
          band: describeBand(r.band, ind, lang),
          points: r.points,
          maxPoints: r.maxPoints,
          score: round(r.score),
          weight: r.weight,
          contribution: round(r.contribution, 3),
        };
      }),
    })),
    summary: run.summary,
    warnings: run.warnings.map((w) => describeWarning(w, rules, lang)),
  };
}
