/**
 * The workbook operations the task pane gets as props: find the tables, read and score
 * them, apply the results, insert the charts, and keep the rules in the workbook.
 */
import { managedColumnOf, type ManagedColumnId } from '../engine/columns';
import { ScoringError } from '../engine/errors';
import { DEFAULT_MANAGED } from '../engine/managed';
import type { RuleSet } from '../engine/rules';
import { prepareWorkbook, scorePrepared, type PreparedRun, type ScoringRun } from '../engine/run';
import type { ColumnChoice } from '../engine/mapping';
import { mappingOf, runRecordOf } from '../engine/stored-rules';
import type { TableCandidate } from '../engine/tables';
import type { SheetGrid } from '../engine/types';
import type { AnalysesChartsOptions } from '../i18n/charts';
import type { Language } from '../i18n/strings';
import { applyAnalysesRun, prepareAnalysesRead, type AnalysesApplied, type AnalysesPrepared, type AnalysesRequest, type AnalysesScored } from './analyses';
import { analysesCharts, insertCharts, scoringCharts } from './charts';
import { propose, scanWorkbook, type Proposal, type WorkbookScan } from './find';
import { asProblem, type ExcelHost } from './host';
import { readBoxes, readTables } from './read';
import { loadStoredRules, storeRules, type StoredMapping, type StoredRules } from './rules-store';
import { selectRows, type RowSpan, type RowSelection } from './select';
import { applyScores, type ReadSource, type RescoreReason, type WriteStats } from './write';

export type { AnalysesApplied, AnalysesPrepared, AnalysesRequest, AnalysesScored, WrittenTable } from './analyses';
export { scoreAnalysesRead } from './analyses';

export interface ScoreRequest {
  rules: RuleSet;
  /** Excel serial of the as-of date. */
  asOf: number;
  /** The tables to score; the proposal's when absent. */
  evaluation?: TableCandidate;
  followUp?: TableCandidate | null;
  /** Managed columns to write; 综合得分, 客户等级, 预警标记 by default. */
  columns?: readonly ManagedColumnId[];
  /** The user's own choice of columns for some indicators (header, or null for none). */
  mapping?: ColumnChoice;
  /** Indicators the team does not track: scored without them, their weight set aside. */
  without?: readonly string[];
}

/** Rows read and parsed once: `scorePrepared` / `previewPrepared` score them under any edited rules without a workbook round trip. */
export interface Prepared {
  prepared: PreparedRun;
  grids: SheetGrid[];
  columns: readonly ManagedColumnId[];
  /** What was read, so that Apply can read it again and score what is there then. */
  source: ReadSource;
}

export interface Scored {
  run: ScoringRun;
  /** The grids read, kept to write back and to check that nothing moved meanwhile. */
  grids: SheetGrid[];
  columns: readonly ManagedColumnId[];
  source: ReadSource;
}

export interface Applied {
  /** The run written: the one scored, or, when the table changed after it was read, the rows scored again as they were. */
  run: ScoringRun;
  /** Set when the rows were scored again at Apply, and why (the summary says so). */
  rescored?: { reason: RescoreReason };
  stats: WriteStats;
  /** The table's columns and the managed columns written: what selecting a customer's row selects. */
  span: RowSpan;
  /** Where the managed columns are: their sheet, their 0-based columns left to right, and the rows from the header to the last customer. */
  written: ManagedPlace;
  /** False when the results were written but the rules could not be stored (said in `warning`). */
  rulesStored: boolean;
  warning?: ScoringError;
}

export interface ManagedPlace {
  sheet: string;
  columns: number[];
  firstRow: number;
  lastRow: number;
}

export interface ApplyOptions {
  /** Who runs it, for the run record ('' when unknown). */
  by?: string;
  /** The share of the rows written so far (0..1), after each write sync. */
  onProgress?(fraction: number): void;
}

export interface WorkbookOps {
  scan(presets: readonly RuleSet[]): Promise<WorkbookScan>;
  propose(scan: WorkbookScan, presets: readonly RuleSet[], rules?: RuleSet): Proposal;
  /** Reads the chosen tables (one sync under the read limit) and parses them. */
  prepare(scan: WorkbookScan, request: ScoreRequest): Promise<Prepared>;
  /** prepare + score with the request's rules. */
  score(scan: WorkbookScan, request: ScoreRequest): Promise<Scored>;
  /** Writes the managed columns and stores the rules with a run record. */
  apply(scored: Scored, lang: Language, options?: ApplyOptions): Promise<Applied>;
  /**
   * Reads the tables of every analysis the request asks for and the workbook allows (the
   * evaluation score, the service survey, RFM) and prepares them; `scoreAnalysesRead`
   * (src/excel/analyses.ts) scores them under edited rules without reading again.
   */
  prepareAnalyses(scan: WorkbookScan, request: AnalysesRequest): Promise<AnalysesPrepared>;
  /** Writes every analysis's columns with `apply`'s guarantees and stores their rules with one run record. */
  applyAnalyses(scored: AnalysesScored, lang: Language, options?: ApplyOptions): Promise<AnalysesApplied>;
  insertCharts(run: ScoringRun, lang: Language): Promise<void>;
  /**
   * Inserts or refreshes the charts of every analysis Apply wrote (the scoring's, the survey's, RFM's); charts of ours the run no longer carries go.
   * `options.groupBy`: the column the group radar compares (the user's pick), null for none; the default column when absent.
   */
  insertAnalysesCharts(applied: AnalysesApplied, lang: Language, options?: AnalysesChartsOptions): Promise<void>;
  /** Selects these 0-based rows (within `span`'s columns) on `span`'s sheet; changes no cell. */
  selectRows(span: RowSpan, rows: readonly number[]): Promise<RowSelection>;
  loadStoredRules(): Promise<StoredRules | null>;
  storeRules(rules: RuleSet, mapping: StoredMapping): Promise<void>;
}

/** How many managed columns a table still lacks: the columns to read beside it. */
function missingManaged(table: TableCandidate, columns: readonly ManagedColumnId[]): number {
  const present = new Set(table.headers.map(managedColumnOf));
  return columns.filter((c) => !present.has(c)).length;
}

// The stored mapping of a run lives in the engine (the score command stores it too).
export { mappingOf } from '../engine/stored-rules';

export function createWorkbookOps(host: ExcelHost): WorkbookOps {
  const prepare: WorkbookOps['prepare'] = async (scan, request) => {
    const proposal = propose(scan, [request.rules], request.rules);
    const evaluation = request.evaluation ?? proposal.evaluation?.table;
    if (!evaluation) throw new ScoringError('no-table', { preset: request.rules.id });
    const followUp = request.followUp === undefined ? proposal.followUp?.table : (request.followUp ?? undefined);
    const columns = request.columns ?? DEFAULT_MANAGED;
    const reads = [{ table: evaluation, extraColumns: missingManaged(evaluation, columns) }, ...(followUp ? [{ table: followUp }] : [])];
    const grids = await readTables(host, scan, reads);
    const prepared = prepareWorkbook(grids, {
      rules: request.rules,
      asOf: request.asOf,
      tables: { evaluation, followUp: followUp ?? null },
      ...(request.mapping ? { columns: request.mapping } : {}),
      ...(request.without ? { without: request.without } : {}),
    });
    const source: ReadSource = { evaluation, followUp: followUp ?? null, reads: readBoxes(reads), ...(request.mapping ? { mapping: request.mapping } : {}) };
    return { prepared, grids, columns, source };
  };
  return {
    scan: (presets) => scanWorkbook(host, presets),
    propose,
    prepare,
    async score(scan, request) {
      const { prepared, grids, columns, source } = await prepare(scan, request);
      return { run: scorePrepared(prepared, request.rules), grids, columns, source };
    },
    async apply(scored, lang, { by = '', onProgress } = {}) {
      const { run, write, stats, rescored, store } = await applyScores(
        host,
        scored,
        lang,
        onProgress && ((done, total) => onProgress(total > 0 ? done / total : 1)),
      );
      const { box, sheet } = run.evaluation.table;
      const span = { sheet, firstCol: box.firstCol, lastCol: Math.max(box.lastCol, ...write.columns.map((c) => c.column)) };
      const written: ManagedPlace = {
        sheet,
        columns: write.columns.map((c) => c.column).sort((a, b) => a - b),
        firstRow: write.headerRow,
        lastRow: write.rows.reduce((last, r) => Math.max(last, r.row), write.headerRow),
      };
      const done = { run, stats, span, written, ...(rescored ? { rescored } : {}) };
      const now = new Date();
      const record = await runRecordOf(run, now, by);
      try {
        // One request: the store as the last write found it.
        await storeRules(host, run.rules, mappingOf(run), record, now, store);
        return { ...done, rulesStored: true };
      } catch (e) {
        const problem = asProblem(e, 'store-rules');
        if (problem instanceof ScoringError) return { ...done, rulesStored: false, warning: problem };
        return { ...done, rulesStored: false, warning: new ScoringError('excel-failed', { code: 'StoreRules', step: 'store-rules' }) };
      }
    },
    prepareAnalyses: (scan, request) => prepareAnalysesRead(host, scan, request),
    applyAnalyses: (scored, lang, options) => applyAnalysesRun(host, scored, lang, options),
    insertCharts: (run, lang) => insertCharts(host, scoringCharts(run, lang), lang),
    insertAnalysesCharts: (applied, lang, options = {}) => insertCharts(host, analysesCharts(applied.run, applied.chartSheets, lang, options), lang),
    selectRows: (span, rows) => selectRows(host, span, rows),
    loadStoredRules: () => loadStoredRules(host),
    storeRules: (rules, mapping) => storeRules(host, rules, mapping),
  };
}
