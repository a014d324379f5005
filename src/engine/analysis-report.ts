/**
 * The JSON report of a run of several analyses (the `score` command's `--json`): the primary
 * analysis's rows in the layout of the scoring report (key, row, score, tier — the segment
 * for RFM —, flags, breakdown; the weakest dimension in place of a tier for the survey), the
 * tables each analysis read, a section per analysis carried (`service`: dimensions with
 * their scales and means, the NPS; `rfm`: the source, the period, the weights, the cut values
 * per score, the segments) and, beside the scoring's rows, each customer's service score and
 * RFM segment. Texts come from the words given.
 */
import { columnLetter } from './address';
import type { AnalysesRun } from './analyses';
import { FLAG_IDS, type FlagId } from './flags';
import { describeTable, type MappedColumn, type TableReport } from './mapping';
import { isoFromSerial } from './parse';
import {
  reportIn,
  type AnalysesReport,
  type ReportBase,
  type ReportRow,
  type RfmReport,
  type ScoringReport,
  type ServiceReport,
  type ServiceReportRow,
} from './report';
import { RFM_LETTERS, type RfmLetter } from './rules';
import type { RfmRun } from './rfm';
import type { ServiceRun } from './service';
import { normaliseKey } from './text';
import type { AnalysisWords, ResultWords } from './words';

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const roundOrNull = (n: number | null, digits = 2) => (n === null || !Number.isFinite(n) ? null : round(n, digits));

function serviceTable(service: ServiceRun): TableReport {
  const { mapping } = service;
  const columns: Record<string, MappedColumn | undefined> = { key: mapping.key, period: mapping.period, recommend: mapping.recommend };
  for (const d of mapping.dimensions) columns[d.id] = d.column;
  return describeTable(mapping.table, 1, columns);
}

function serviceSection(run: AnalysesRun, service: ServiceRun, words: AnalysisWords): ServiceReport {
  return {
    table: serviceTable(service),
    dimensions: service.dimensions.map((d, i) => ({
      id: d.id,
      label: words.dimension(d.id),
      column: columnLetter(d.column.column),
      header: d.column.header,
      scale: { min: d.scale.min, max: d.scale.max, source: d.scale.source },
      mean: roundOrNull(service.means[i]!),
    })),
    nps: { ...service.nps },
    customers: service.customers.length,
    unknownCustomers: run.unknownServiceCustomers,
  };
}

function serviceRows(service: ServiceRun, words: AnalysisWords): ServiceReportRow[] {
  return service.customers.map((c) => ({
    key: c.key,
    row: c.rows[0]! + 1,
    rows: c.rows.map((r) => r + 1),
    periods: c.periods,
    score: c.score,
    weakest: c.weakest === null ? null : { id: c.weakest, label: words.dimension(c.weakest) },
    recommend: roundOrNull(c.recommend),
    flags: [],
    breakdown: service.dimensions.map((d, i) => {
      const mean = c.means[i]!;
      return {
        dimension: d.id,
        label: words.dimension(d.id),
        column: columnLetter(d.column.column),
        mean: roundOrNull(mean),
        scaleMax: d.scale.max,
        score: mean === null ? null : round((mean / d.scale.max) * 100, 1),
      };
    }),
  }));
}

/** Per letter and score: the finite values' range, the customers, and those with no purchase in the period (the pane shows them too). */
export function cutsOf(rfm: RfmRun, words: AnalysisWords): RfmReport['cuts'] {
  const out = {} as RfmReport['cuts'];
  for (const letter of RFM_LETTERS) {
    out[letter] = [1, 2, 3, 4, 5].map((score) => {
      let min: number | null = null;
      let max: number | null = null;
      let customers = 0;
      let noPurchase = 0;
      for (const c of rfm.customers) {
        if (c.scores[letter] !== score) continue;
        customers++;
        const v = c.values[letter];
        if (v === null) continue;
        if (!Number.isFinite(v)) {
          noPurchase++;
          continue;
        }
        if (min === null || v < min) min = v;
        if (max === null || v > max) max = v;
      }
      return {
        score,
        min: roundOrNull(min),
        max: roundOrNull(max),
        customers,
        ...(noPurchase > 0 ? { noPurchase } : {}),
        text: words.rfmRange(letter, min, max, noPurchase),
      };
    });
  }
  return out;
}

function rfmColumns(rfm: RfmRun): Record<string, MappedColumn | undefined> {
  if (rfm.columns) return { key: rfm.key, recency: rfm.columns.recency, frequency: rfm.columns.frequency, monetary: rfm.columns.monetary };
  return { key: rfm.key };
}

function rfmSection(rfm: RfmRun, words: AnalysisWords): RfmReport {
  const tx = rfm.transactions;
  return {
    source: rfm.source,
    table: describeTable(rfm.table, 1, rfmColumns(rfm)),
    transactions: tx ? describeTable(tx.table, 1, { key: tx.key, date: tx.date, amount: tx.amount }) : null,
    period: rfm.period ? { from: isoFromSerial(rfm.period.from), to: isoFromSerial(rfm.period.to) } : null,
    purchases: rfm.purchases,
    outside: rfm.outside,
    weights: { ...rfm.rules.weights },
    cuts: cutsOf(rfm, words),
    segments: rfm.rules.segments.map((s) => ({ id: s.id, label: words.segment(s), customers: rfm.summary.segments[s.id] })),
  };
}

/** The column letter a letter was read from: its own column, or the transactions' date (R, F) and amount (M). */
function letterColumn(rfm: RfmRun, letter: RfmLetter): string {
  if (rfm.columns) {
    const m = rfm.columns[letter];
    return m ? columnLetter(m.column) : '';
  }
  const tx = rfm.transactions!;
  return columnLetter(letter === 'monetary' ? tx.amount.column : tx.date.column);
}

function rfmRows(rfm: RfmRun, words: AnalysisWords, cuts: RfmReport['cuts']): ReportRow[] {
  const weights = rfm.rules.weights;
  const total = weights.recency + weights.frequency + weights.monetary;
  return rfm.customers.map((c) => ({
    key: c.key,
    row: c.rows[0]! + 1,
    score: c.score,
    tier: { id: c.segment.id, label: words.segment(c.segment) },
    flags: c.flags.map((f) => ({ id: f.id, detail: words.flag(f) })),
    breakdown: RFM_LETTERS.map((letter) => {
      const q = c.scores[letter];
      const v = c.values[letter];
      return {
        indicator: letter,
        label: words.letter(letter),
        column: letterColumn(rfm, letter),
        raw: c.raws[letter],
        value: v === null || !Number.isFinite(v) ? null : round(v, 6),
        band: q === null ? words.rfmRange(letter, null, null, 0) : cuts[letter][q - 1]!.text,
        points: q ?? 0,
        maxPoints: 5,
        score: (q ?? 0) * 20,
        weight: weights[letter],
        contribution: total > 0 ? round((weights[letter] * (q ?? 0) * 20) / total, 3) : 0,
      };
    }),
  }));
}

function zeroFlags(): Record<FlagId, number> {
  return Object.fromEntries(FLAG_IDS.map((id) => [id, 0])) as Record<FlagId, number>;
}

/** Every warning of the run, in the words given: the scoring's, the join's, the survey's, RFM's. */
function warningsOf(run: AnalysesRun, scoringWords: ResultWords | undefined, words: AnalysisWords): string[] {
  return [
    ...(run.scoring && scoringWords ? run.scoring.warnings.map((w) => scoringWords.warning(w)) : []),
    ...run.warnings.map((w) => words.warning(w)),
    ...(run.service?.warnings ?? []).map((w) => words.warning(w)),
    ...(run.rfm?.warnings ?? []).map((w) => words.warning(w)),
  ];
}

/** The report of a run, in the words given (`scoringWords` when the run carries the scoring). */
export function analysesReportIn(run: AnalysesRun, scoringWords: ResultWords | undefined, words: AnalysisWords): AnalysesReport {
  const { service, rfm, scoring } = run;
  const sections: Pick<ReportBase, 'service' | 'rfm'> = {
    ...(service ? { service: serviceSection(run, service, words) } : {}),
    ...(rfm ? { rfm: rfmSection(rfm, words) } : {}),
  };
  const warnings = warningsOf(run, scoringWords, words);
  const transactions = sections.rfm?.transactions ?? null;
  if (run.primary === 'scoring' && scoring && scoringWords) {
    const base = reportIn(scoring, scoringWords);
    const byKey = new Map((service?.customers ?? []).map((c) => [normaliseKey(c.key), c]));
    const byRow = new Map<number, RfmRun['customers'][number]>();
    if (rfm && rfm.table === scoring.evaluation.table) for (const c of rfm.customers) for (const r of c.rows) byRow.set(r, c);
    const rows = base.rows.map((row, i) => {
      const customer = scoring.customers[i]!;
      const own = service ? byKey.get(normaliseKey(customer.key)) : undefined;
      const seg = byRow.get(customer.row);
      return {
        ...row,
        ...(service
          ? { service: own ? { score: own.score, weakest: own.weakest === null ? null : { id: own.weakest, label: words.dimension(own.weakest) } } : null }
          : {}),
        ...(seg
          ? {
              rfm: {
                recency: seg.scores.recency,
                frequency: seg.scores.frequency,
                monetary: seg.scores.monetary,
                score: seg.score,
                segment: { id: seg.segment.id, label: words.segment(seg.segment) },
              },
            }
          : {}),
      };
    });
    // Without a transactions table the report is the scoring's own (the add-in's buildReport gives the same).
    const report: ScoringReport = { ...base, tables: { ...base.tables, ...(transactions ? { transactions } : {}) }, rows, warnings, ...sections };
    return report;
  }
  if (run.primary === 'rfm' && rfm) {
    return {
      preset: rfm.rules.id,
      asOf: isoFromSerial(run.asOf),
      tables: { evaluation: sections.rfm!.table, followUp: null, service: sections.service?.table ?? null, transactions },
      without: [],
      rows: rfmRows(rfm, words, sections.rfm!.cuts),
      summary: { tiers: { ...rfm.summary.segments }, flags: { ...rfm.summary.flags }, without: [] },
      warnings,
      ...sections,
    };
  }
  if (run.primary === 'service' && service) {
    return {
      preset: 'service',
      asOf: isoFromSerial(run.asOf),
      tables: { evaluation: sections.service!.table, followUp: null, service: sections.service!.table, transactions },
      without: [],
      rows: serviceRows(service, words),
      summary: { tiers: {}, flags: zeroFlags(), without: [] },
      warnings,
      ...sections,
    };
  }
  throw new Error(`the run carries no ${run.primary} analysis`);
}
