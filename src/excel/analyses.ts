/**
 * The add-in's run of several analyses (docs/scoring-rules.md section 6): the evaluation
 * score, the service survey and RFM, each where the workbook's tables allow it, read in one go
 * and written by one Apply.
 *
 * One Apply for them all, not one per analysis: they interlock (a customer RFM puts at
 * 流失风险 is a churn risk in the evaluation score's flags; the service score is written into
 * the evaluation table where the keys join), a run record holds each analysis's figures, and
 * one check and one rollback over every table written mean the workbook never holds half of a
 * run. The write path is the evaluation score's (write.ts `applyJob`): every table written is
 * read again, scored again when it changed, written chunk by chunk with each row's key checked,
 * and rolled back on failure; nothing is written outside the managed and analysis columns.
 *
 * Which tables are read: with the evaluation score, the tables its proposal locates beside
 * the evaluation table (the survey, a transactions table; RFM from the evaluation table's own
 * columns otherwise); without it, the tables `locateAnalysisTables` finds in the scan (the
 * survey, the transactions, the customer table they join on). Each with room beside it for
 * the columns it may get, so that a new column never lands on cells that hold data.
 */
import type { CellBox } from '../engine/address';
import {
  locateAnalysisTables,
  prepareAnalyses as prepareEngine,
  scoreAnalyses,
  type AnalysesOptions,
  type AnalysesRun,
  type AnalysisKind,
  type PreparedAnalyses,
} from '../engine/analyses';
import {
  analysisColumnOf,
  managedColumnOf,
  MANAGED_COLUMN_IDS,
  RFM_WRITTEN,
  SERVICE_WRITTEN,
  type AnalysisColumnId,
  type ManagedColumnId,
} from '../engine/columns';
import { isScoringError, ScoringError } from '../engine/errors';
import { DEFAULT_MANAGED } from '../engine/managed';
import type { ColumnChoice } from '../engine/mapping';
import type { PeriodChoice } from '../engine/rfm';
import type { RfmRules, RuleSet, ServiceRules } from '../engine/rules';
import { analysesMappingOf, analysesRecordOf, analysesRulesOf } from '../engine/stored-rules';
import { sampleOf, type TableCandidate } from '../engine/tables';
import type { SheetGrid } from '../engine/types';
import { buildAnalysesWrite } from '../i18n/results';
import type { Language } from '../i18n/strings';
import { propose, type WorkbookScan } from './find';
import { asProblem, type ExcelHost } from './host';
import type { Applied, ApplyOptions, ManagedPlace, Prepared, ScoreRequest } from './ops';
import { readBoxes, readTables, type Slice, type TableRead } from './read';
import { storeRules } from './rules-store';
import { applyJob } from './write';
import { classify, mappingOf, rowText, type ApplyJob, type ReadSource, type RescoreReason } from './write-check';

export interface AnalysesRequest {
  /** Excel serial of the as-of date (the flags' and RFM's recency). */
  asOf: number;
  /** The evaluation score as `prepare` takes it (rules, tables, columns); absent when the run carries no scoring. */
  scoring?: Omit<ScoreRequest, 'asOf'>;
  /** The service rules: the survey is analysed when given and the workbook has one. */
  service?: ServiceRules;
  /** The RFM rules: RFM runs when given and the tables allow. */
  rfm?: RfmRules;
  /** The period purchases are counted in, as the user set it (else the RFM rules'). */
  period?: PeriodChoice;
  /** The weighted rules stored beside a run without the scoring (the rules the workbook stores, or the preset proposed). */
  keepRules?: RuleSet;
  /** The shipped presets: their headers help find the tables when the scoring does not run. */
  knownRules: readonly RuleSet[];
}

/** What the preview read: the tables (in read order) and the boxes read (each table with the columns beside it). */
export interface AnalysesSource {
  tables: TableCandidate[];
  reads: Slice[];
  /** The user's own choice of the evaluation's columns, if any. */
  mapping?: ColumnChoice;
}

/** The analyses' rows read and prepared once: `scoreAnalysesRead` scores them under edited rules without a workbook round trip. */
export interface AnalysesPrepared {
  prepared: PreparedAnalyses;
  grids: SheetGrid[];
  columns: readonly ManagedColumnId[];
  source: AnalysesSource;
  /** The engine's options the rows were prepared with: Apply prepares again with them when a table changed. */
  options: AnalysesOptions;
  keepRules?: RuleSet;
  /** The evaluation score's part, as `prepare` gives it (the evaluation preview reads it); absent without the scoring. */
  scoring?: Prepared;
}

export interface AnalysesScored {
  run: AnalysesRun;
  grids: SheetGrid[];
  columns: readonly ManagedColumnId[];
  source: AnalysesSource;
  options: AnalysesOptions;
  keepRules?: RuleSet;
}

/** Where a table's columns went: its sheet, the rows from its header to its last row written, each column by id. */
export interface WrittenTable {
  sheet: string;
  firstRow: number;
  lastRow: number;
  columns: { id: ManagedColumnId | AnalysisColumnId; column: number }[];
}

export interface AnalysesApplied {
  /** The run written: the preview's, or the rows scored again as they were at Apply. */
  run: AnalysesRun;
  rescored?: { reason: RescoreReason };
  stats: Applied['stats'];
  /** Every table written into, in the order written (the evaluation table first). */
  tables: WrittenTable[];
  /** The evaluation score's part as `apply` gives it (its summary, span and place), when the run carries it. */
  scoring?: Applied;
  rulesStored: boolean;
  warning?: ScoringError;
  /**
   * The rows the group chart reads (a customer's 行业 or 规模 by its row): the grids `run` was
   * scored from, those read for the preview or, when Apply scored the rows again, every table
   * as Apply's check read it again (rows sorted, edited, added since the preview included).
   */
  chartSheets: SheetGrid[];
}

const sameTable = (a: TableCandidate, b: TableCandidate) =>
  a.sheet === b.sheet && a.box.firstRow === b.box.firstRow && a.box.firstCol === b.box.firstCol && a.box.lastCol === b.box.lastCol;

/** How many of `ids` a table lacks (new columns it may get beside it). */
function lacking(table: TableCandidate, ids: readonly (ManagedColumnId | AnalysisColumnId)[]): number {
  const present = new Set<string>();
  for (const h of table.headers) {
    const id = managedColumnOf(h) ?? analysisColumnOf(h);
    if (id) present.add(id);
  }
  return ids.filter((id) => !present.has(id)).length;
}

/** The tables a request reads, each with the columns it may get; `role` says which table is which. */
interface Plan {
  primary: AnalysisKind;
  evaluation?: TableCandidate;
  followUp?: TableCandidate;
  service?: TableCandidate;
  transactions?: TableCandidate;
  customers?: TableCandidate;
  reads: TableRead[];
}

function planOf(scan: WorkbookScan, request: AnalysesRequest, columns: readonly ManagedColumnId[]): Plan {
  const writes = new Map<TableCandidate, Set<ManagedColumnId | AnalysisColumnId>>();
  const order: TableCandidate[] = [];
  const add = (table: TableCandidate | undefined, ids: readonly (ManagedColumnId | AnalysisColumnId)[] = []): TableCandidate | undefined => {
    if (!table) return undefined;
    const known = order.find((t) => sameTable(t, table));
    if (!known) {
      order.push(table);
      writes.set(table, new Set(ids));
      return table;
    }
    for (const id of ids) writes.get(known)!.add(id);
    return known;
  };
  const { scoring, service: serviceRules, rfm } = request;
  const serviceIds = serviceRules ? SERVICE_WRITTEN : [];
  const rfmIds = rfm ? RFM_WRITTEN : [];
  let plan: Omit<Plan, 'reads'>;
  if (scoring) {
    const proposal = propose(scan, [scoring.rules], scoring.rules);
    const evaluation = scoring.evaluation ?? proposal.evaluation?.table;
    if (!evaluation) throw new ScoringError('no-table', { preset: scoring.rules.id });
    const followUp = scoring.followUp === undefined ? proposal.followUp?.table : (scoring.followUp ?? undefined);
    const other = (t: TableCandidate | undefined) => (t && !sameTable(t, evaluation) && (!followUp || !sameTable(t, followUp)) ? t : undefined);
    add(evaluation, [...columns, ...serviceIds, ...rfmIds]);
    add(followUp);
    const service = serviceRules ? add(other(proposal.service), serviceIds) : undefined;
    const transactions = rfm ? add(other(proposal.transactions?.table)) : undefined;
    plan = { primary: 'scoring', evaluation, ...(followUp ? { followUp } : {}), ...(service ? { service } : {}), ...(transactions ? { transactions } : {}) };
  } else {
    const located = locateAnalysisTables(scan.candidates);
    const customers = located.customers && (serviceRules || rfm) ? located.customers.table : undefined;
    add(customers, [...serviceIds, ...rfmIds]);
    const service = serviceRules ? add(located.service, serviceIds) : undefined;
    // Without a customer table, RFM's columns go on the transactions' own rows.
    const transactions = rfm ? add(located.transactions?.table, customers ? [] : rfmIds) : undefined;
    const primary: AnalysisKind = service ? 'service' : 'rfm';
    plan = { primary, ...(service ? { service } : {}), ...(transactions ? { transactions } : {}), ...(customers ? { customers } : {}) };
  }
  const reads = order.map((table) => ({ table, extraColumns: lacking(table, [...writes.get(table)!]) }));
  return { ...plan, reads };
}

/** The engine's options for the plan's tables as they are (exact boxes, from the grids read). */
function optionsOf(plan: Plan, request: AnalysesRequest, primary: AnalysisKind): AnalysesOptions {
  const { scoring } = request;
  return {
    primary,
    asOf: request.asOf,
    knownRules: request.knownRules,
    ...(request.keepRules ? { keepRules: request.keepRules } : {}),
    ...(request.service ? { service: request.service } : {}),
    ...(request.rfm ? { rfm: request.rfm } : {}),
    ...(request.period ? { period: request.period } : {}),
    ...(scoring && plan.evaluation
      ? {
          scoring: {
            rules: scoring.rules,
            tables: {
              evaluation: plan.evaluation,
              followUp: plan.followUp ?? null,
              service: plan.service ?? null,
              transactions: plan.transactions ?? null,
            },
            ...(scoring.mapping ? { columns: scoring.mapping } : {}),
            ...(scoring.without ? { without: scoring.without } : {}),
          },
        }
      : {}),
  };
}

/**
 * Reads the tables the analyses need (one sync under the read limit) and prepares every
 * analysis they allow. Without the scoring, the survey is the primary when there is one, else RFM.
 */
export async function prepareAnalysesRead(host: ExcelHost, scan: WorkbookScan, request: AnalysesRequest): Promise<AnalysesPrepared> {
  const columns = request.scoring?.columns ?? DEFAULT_MANAGED;
  const plan = planOf(scan, request, columns);
  if (plan.reads.length === 0) throw new ScoringError(request.service ? 'no-service-table' : 'no-rfm-data');
  const grids = await readTables(host, scan, plan.reads);
  let options = optionsOf(plan, request, plan.primary);
  let prepared: PreparedAnalyses;
  try {
    prepared = prepareEngine(grids, options);
  } catch (e) {
    // A survey whose columns are no dimension after all: RFM, when the workbook has its data.
    if (!(isScoringError(e) && e.problem.code === 'no-service-table' && plan.primary === 'service' && request.rfm)) throw e;
    options = optionsOf(plan, request, 'rfm');
    prepared = prepareEngine(grids, options);
  }
  const source: AnalysesSource = {
    tables: plan.reads.map((r) => r.table),
    reads: readBoxes(plan.reads),
    ...(request.scoring?.mapping ? { mapping: request.scoring.mapping } : {}),
  };
  const scoringPart = prepared.scoring && plan.evaluation ? scoringPrepared(plan, source, prepared.scoring, grids, columns) : undefined;
  return {
    prepared,
    grids,
    columns,
    source,
    options,
    ...(request.keepRules ? { keepRules: request.keepRules } : {}),
    ...(scoringPart ? { scoring: scoringPart } : {}),
  };
}

/** The evaluation score's part of the read, as `prepare` gives it. */
function scoringPrepared(
  plan: Plan,
  source: AnalysesSource,
  prepared: Prepared['prepared'],
  grids: SheetGrid[],
  columns: readonly ManagedColumnId[],
): Prepared {
  const readOf = (t: TableCandidate) => source.reads[source.tables.indexOf(t)]!;
  const readSource: ReadSource = {
    evaluation: plan.evaluation!,
    followUp: plan.followUp ?? null,
    reads: [readOf(plan.evaluation!), ...(plan.followUp ? [readOf(plan.followUp)] : [])],
    ...(source.mapping ? { mapping: source.mapping } : {}),
  };
  return { prepared, grids, columns, source: readSource };
}

/** The prepared analyses scored under their rules: the weighted rules as edited, RFM's weights as edited (neither reads the workbook again). */
export function scoreAnalysesRead(read: AnalysesPrepared, rules: { scoring?: RuleSet; rfm?: RfmRules }): AnalysesScored {
  const run = scoreAnalyses(read.prepared, {
    ...(read.prepared.scoring ? { scoring: rules.scoring ?? read.options.scoring!.rules } : {}),
    ...(read.prepared.rfm ? { rfm: rules.rfm ?? read.options.rfm! } : {}),
  });
  return {
    run,
    grids: read.grids,
    columns: read.columns,
    source: read.source,
    options: read.options,
    ...(read.keepRules ? { keepRules: read.keepRules } : {}),
  };
}

/**
 * Why the run was scored again: the evaluation table's rows as the evaluation score says
 * (sorted, edited …); a follow-up logged; another table the analyses read (the survey, the
 * purchases, the customer table); without the scoring, more or fewer customers, or edited.
 */
function reasonOf(scored: AnalysesScored, next: AnalysesRun, grids: SheetGrid[], changed: boolean[]): RescoreReason {
  const { tables } = scored.source;
  const changedTable = (t: TableCandidate | undefined) => t !== undefined && changed[tables.findIndex((x) => sameTable(x, t))] === true;
  const before = scored.run;
  if (before.scoring && next.scoring) {
    const evaluation = before.scoring.evaluation.table;
    const followUp = before.scoring.followUp?.table;
    if (changedTable(evaluation) || changedTable(followUp)) {
      const index = tables.findIndex((x) => sameTable(x, evaluation));
      const read = scored.source.reads[index]!.box;
      const previewGrid = scored.grids.find((g) => g.name === evaluation.sheet)!;
      const grid = grids.find((g) => g.name === evaluation.sheet)!;
      return classify(before.scoring, next.scoring, changedTable(evaluation), rowText(previewGrid, grid, read.firstCol, read.lastCol));
    }
    return 'analysis-tables';
  }
  const count = (run: AnalysesRun) => (run.primary === 'service' ? (run.service?.customers.length ?? 0) : (run.rfm?.customers.length ?? 0));
  if (count(next) > count(before)) return 'rows-added';
  if (count(next) < count(before)) return 'rows-removed';
  return 'edited';
}

/** The run of several analyses as Apply's job: every table written, the run prepared and scored again when one changed. */
export function analysesJob(scored: AnalysesScored, lang: Language): ApplyJob<AnalysesRun> {
  const { source } = scored;
  return {
    run: scored.run,
    grids: scored.grids,
    tables: source.tables,
    reads: source.reads,
    writes: (run, grids) =>
      buildAnalysesWrite(run, (name) => grids.find((g) => g.name === name)!.rows, lang, scored.columns).map((write) => ({
        table: write.table,
        key: write.key.column,
        write,
      })),
    again: (grids, boxes, changed) => {
      const now = (t: TableCandidate | null | undefined): TableCandidate | null => {
        if (!t) return null;
        const i = source.tables.findIndex((x) => sameTable(x, t));
        if (i < 0) return t;
        const box: CellBox = boxes[i]!;
        return {
          ...source.tables[i]!,
          box,
          sample: sampleOf(
            grids.find((g) => g.name === t.sheet)!,
            box,
          ),
        };
      };
      const { scoring } = scored.options;
      const run = scored.run;
      const options: AnalysesOptions =
        scoring?.tables && run.scoring
          ? {
              ...scored.options,
              scoring: {
                ...scoring,
                tables: {
                  evaluation: now(scoring.tables.evaluation)!,
                  followUp: now(scoring.tables.followUp),
                  service: now(scoring.tables.service),
                  transactions: now(scoring.tables.transactions),
                },
                columns: mappingOf(run.scoring, source.mapping),
              },
            }
          : scored.options;
      const next = scoreAnalyses(prepareEngine(grids, options), {
        ...(run.scoring ? { scoring: run.scoring.rules } : {}),
        ...(run.rfm ? { rfm: run.rfm.rules } : {}),
      });
      return { run: next, reason: reasonOf(scored, next, grids, changed) };
    },
  };
}

/** Where a write's columns went. */
function placeOf(write: {
  sheet: string;
  headerRow: number;
  columns: { id: ManagedColumnId | AnalysisColumnId; column: number }[];
  rows: { row: number }[];
}): WrittenTable {
  return {
    sheet: write.sheet,
    firstRow: write.headerRow,
    lastRow: write.rows.reduce((last, r) => Math.max(last, r.row), write.headerRow),
    columns: write.columns.map(({ id, column }) => ({ id, column })).sort((a, b) => a.column - b.column),
  };
}

const isManaged = (id: ManagedColumnId | AnalysisColumnId): id is ManagedColumnId => (MANAGED_COLUMN_IDS as readonly string[]).includes(id);

/**
 * Writes every analysis's columns (the write path of `apply`, over every table), then stores
 * each analysis's rules, the mapping and a run record in one more request.
 */
export async function applyAnalysesRun(
  host: ExcelHost,
  scored: AnalysesScored,
  lang: Language,
  { by = '', onProgress }: ApplyOptions = {},
): Promise<AnalysesApplied> {
  // The weighted rules stored beside the analyses: the run's, else those the request keeps.
  const kept = scored.run.scoring ? undefined : (scored.keepRules ?? scored.options.knownRules?.[0]);
  if (!scored.run.scoring && !kept) throw new Error('a run without the scoring needs the weighted rules to keep (keepRules)');
  const { run, writes, stats, rescored, store, grids } = await applyJob(
    host,
    analysesJob(scored, lang),
    onProgress && ((done, total) => onProgress(total > 0 ? done / total : 1)),
  );
  const tables = writes.map(({ write }) => placeOf(write));
  let scoring: Omit<Applied, 'rulesStored' | 'warning'> | undefined;
  if (run.scoring) {
    const evaluation = run.scoring.evaluation.table;
    const i = writes.findIndex((w) => sameTable(w.table, evaluation));
    const write = writes[i]!.write;
    const own = tables[i]!.columns.filter((c) => isManaged(c.id)).map((c) => c.column);
    const written: ManagedPlace = { sheet: evaluation.sheet, columns: own, firstRow: tables[i]!.firstRow, lastRow: tables[i]!.lastRow };
    const span = {
      sheet: evaluation.sheet,
      firstCol: evaluation.box.firstCol,
      lastCol: Math.max(evaluation.box.lastCol, ...write.columns.map((c) => c.column)),
    };
    scoring = { run: run.scoring, stats, span, written, ...(rescored ? { rescored } : {}) };
  }
  const done = { run, stats, tables, chartSheets: grids, ...(rescored ? { rescored } : {}) };
  const now = new Date();
  let stored: { rulesStored: boolean; warning?: ScoringError };
  try {
    // One request: the store as the last write found it, the analyses' rules it already had kept.
    await storeRules(host, run.scoring?.rules ?? kept!, analysesMappingOf(run), await analysesRecordOf(run, now, by), now, store, analysesRulesOf(run));
    stored = { rulesStored: true };
  } catch (e) {
    const problem = asProblem(e, 'store-rules');
    stored = {
      rulesStored: false,
      warning: problem instanceof ScoringError ? problem : new ScoringError('excel-failed', { code: 'StoreRules', step: 'store-rules' }),
    };
  }
  return { ...done, ...stored, ...(scoring ? { scoring: { ...scoring, ...stored } } : {}) };
}
