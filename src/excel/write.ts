/**
 * Apply: the managed columns of docs/scoring-rules.md section 8 (and the analyses' columns of
 * section 6) written into the rows as they are at the moment of writing, never a customer's
 * result into another customer's row. Four steps, for every table the run writes into:
 *
 * 1. Check (write-check.ts): everything the preview read is read again; a change of the
 *    table's shape stops with a sentence, other changes have the rows scored again as they
 *    are now.
 * 2. Plan the chunks: the managed cells of every data row, in row chunks as few as the 5 MB
 *    request limit (and the response of what each request reads back) allows.
 * 3. Write a chunk, one request each: it first reads the key cells of its rows and what the
 *    cells it overwrites hold, into the rollback record; if a row moved meanwhile, what was
 *    written is put back and the apply starts again from the check (twice at most, then it
 *    stops with a sentence). The last request also reads the rules store's area, so that
 *    storing the rules afterwards takes one request (rules-store.ts).
 * 4. Roll back (write-rollback.ts), from the record, on any failure part-way: only what this
 *    run wrote and what it replaced, a co-author's newer edit kept.
 */
import { cellRef } from '../engine/address';
import { ScoringError } from '../engine/errors';
import type { ManagedCell, ManagedWrite } from '../engine/managed';
import type { ScoringRun } from '../engine/run';
import { cellText } from '../engine/tables';
import type { RawCell, SheetGrid } from '../engine/types';
import type { Language } from '../i18n/strings';
import { inExcel, LIMITS, type ExcelHost } from './host';
import { address } from './read';
import { loadStoreArea, STORE_AREA_BYTES, type StoreArea } from './rules-store';
import { asManagedCell, fromExcel, jsonBytes, toExcel } from './values';
import { check, scoringJob, type ApplyInput, type ApplyJob, type CheckedTarget, type RescoreReason, type TableWrite } from './write-check';
import { rollBack, startRecord, type RollbackRecord } from './write-rollback';

export type { ApplyInput, ApplyJob, ReadSource, RescoreReason, TableWrite } from './write-check';

export interface WriteStats {
  /** Syncs used: the check's reads and the writes (a retry's included). */
  syncs: number;
  /** Row chunks the values were split into (over every table written). */
  chunks: number;
}

export interface WriteResult {
  /** The run written: the preview's, or the rows scored again as they were at Apply. */
  run: ScoringRun;
  write: ManagedWrite;
  stats: WriteStats;
  rescored?: { reason: RescoreReason };
  /** The rules store as it was when the results were written, what storing the rules next needs (rules-store.ts); absent when no write request was made. */
  store?: StoreArea;
}

/** What a job's Apply wrote: the run, each table's write, and what storing the rules next needs. */
export interface JobResult<R> {
  run: R;
  writes: TableWrite[];
  stats: WriteStats;
  rescored?: { reason: RescoreReason };
  store?: StoreArea;
  /** The grids `run` was scored from: the preview's, or the tables as the check read them again when it scored the rows again. */
  grids: SheetGrid[];
}

/** How often a write that found rows moved under it starts again before giving up. */
const ATTEMPTS = 3;

class RowsMoved extends Error {}

/** The evaluation score's Apply. `onProgress(rowsWritten, rows)` is called after each chunk's sync (long writes take several). */
export async function applyScores(
  host: ExcelHost,
  input: ApplyInput,
  lang: Language,
  onProgress?: (written: number, total: number) => void,
): Promise<WriteResult> {
  const { run, writes, stats, store, rescored } = await applyJob(host, scoringJob(input, lang), onProgress);
  return { run, write: writes[0]!.write, stats, ...(store ? { store } : {}), ...(rescored ? { rescored } : {}) };
}

/**
 * Apply of any job: check, then each table's chunks written in turn (the rules store's area
 * read with the very last); a failure anywhere rolls back every table written so far.
 */
export async function applyJob<R>(host: ExcelHost, job: ApplyJob<R>, onProgress?: (written: number, total: number) => void): Promise<JobResult<R>> {
  const stats: WriteStats = { syncs: 0, chunks: 0 };
  return inExcel(host, 'write', async (context) => {
    for (let attempt = 1; ; attempt++) {
      const state = await check(context, job, stats);
      const plans = state.targets.map(planChunks);
      stats.chunks = plans.reduce((n, p) => n + p.chunks.length, 0);
      const total = plans.reduce((n, p) => n + p.rows, 0);
      const records = state.targets.map((target, i) => startRecord(target, plans[i]!.managed));
      try {
        let store: StoreArea | undefined;
        let written = 0;
        for (const [i, target] of state.targets.entries()) {
          const plan = plans[i]!;
          for (const [k, [from, to]] of plan.chunks.entries()) {
            const lastOfAll = i === state.targets.length - 1 && k === plan.chunks.length - 1;
            store = await writeChunk(context, target, plan, k, records[i]!, stats, lastOfAll ? state.storeExists : undefined);
            written += to - from;
            onProgress?.(written, total);
          }
        }
        const writes = state.targets.map(({ table, key, write }) => ({ table, key, write }));
        return { run: state.run, writes, stats, grids: state.grids, ...(store ? { store } : {}), ...(state.rescored ? { rescored: state.rescored } : {}) };
      } catch (error) {
        // The first error is the one to report; the tables written last are put back first.
        for (const record of [...records].reverse()) if (record.attempted > 0) await rollBack(context, record).catch(() => undefined);
        if (!(error instanceof RowsMoved)) throw error;
        if (attempt >= ATTEMPTS) throw new ScoringError('excel-failed', { code: 'Conflict', step: 'write' });
      }
    }
  });
}

// ---- 2. plan the chunks ----

interface ColumnRun {
  firstCol: number;
  /** Indices into write.columns, left to right. */
  members: number[];
}

/** What the write requests of one table send: every data row's managed cells, in row chunks. */
interface WritePlan {
  /** Per managed column, per data row: the customer's cell, or what the cell held (blank for new columns). */
  managed: ManagedCell[][];
  /** The same cells as Excel must receive them. */
  cells: (string | number)[][];
  /** Contiguous runs of managed columns: one rectangle per run and chunk. */
  runs: ColumnRun[];
  /** Data rows [from, to) of each write request, counted from the first data row. */
  chunks: [number, number][];
  /** Data rows in all. */
  rows: number;
}

/** Contiguous runs of managed columns, so that each run is one rectangle per chunk. */
function columnRuns(write: ManagedWrite): ColumnRun[] {
  const order = write.columns.map((c, i) => ({ col: c.column, i })).sort((a, b) => a.col - b.col);
  const runs: ColumnRun[] = [];
  for (const { col, i } of order) {
    const last = runs.at(-1);
    if (last && last.firstCol + last.members.length === col) last.members.push(i);
    else runs.push({ firstCol: col, members: [i] });
  }
  return runs;
}

/** The full column of cells for every data row: the customer's cell, or what the cell held (blank for new columns). */
function columnCells({ write, table, grid }: CheckedTarget): ManagedCell[][] {
  const firstData = table.box.firstRow + 1;
  const byRow = new Map(write.rows.map((r) => [r.row, r.cells]));
  return write.columns.map((plan, i) => {
    const out: ManagedCell[] = [];
    for (let r = firstData; r <= table.box.lastRow; r++) {
      const cells = byRow.get(r);
      if (cells) out.push(cells[i] ?? null);
      else out.push(plan.added ? null : asManagedCell(grid.rows[r]?.[plan.column]));
    }
    return out;
  });
}

/**
 * Row chunks [from, to) of the data rows, each under the request budget (`cells` are columns
 * of values as sent to Excel) and, when `response` gives what reading a row back costs (its
 * key cell), under the response budget too.
 */
export function chunkRows(
  cells: readonly (readonly (string | number)[])[],
  budget: number = LIMITS.writeChunkBytes,
  response?: (row: number) => number,
  responseBudget: number = LIMITS.readBudgetBytes,
): [number, number][] {
  const rows = cells[0]?.length ?? 0;
  const chunks: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  let back = 0;
  for (let r = 0; r < rows; r++) {
    // values, plus the score column's number format, plus separators
    const rowBytes = jsonBytes(cells.map((c) => c[r] ?? '')) + 8 * cells.length;
    const rowBack = response?.(r) ?? 0;
    if (r > start && (bytes + rowBytes > budget || back + rowBack > responseBudget)) {
      chunks.push([start, r]);
      start = r;
      bytes = 0;
      back = 0;
    }
    bytes += rowBytes;
    back += rowBack;
  }
  if (rows > start) chunks.push([start, rows]);
  return chunks;
}

/** A key cell as Excel sends it back. */
function fromExcelKey(cell: RawCell): string | number | boolean {
  return cell === null || cell === undefined ? '' : cell;
}

function planChunks(target: CheckedTarget): WritePlan {
  const { write, table, grid, key } = target;
  const managed = columnCells(target);
  // Each cell as Excel must receive it, worked out once for sizing and for sending.
  const cells = managed.map((column) => column.map(toExcel));
  const firstData = table.box.firstRow + 1;
  // Each write request reads back its rows' keys and the cells it overwrites: their bytes count against the response limit.
  const readBack = (r: number) =>
    jsonBytes([fromExcelKey(grid.rows[firstData + r]?.[key])]) +
    2 +
    write.columns.reduce((n, plan) => (plan.added ? n : n + jsonBytes([fromExcelKey(grid.rows[firstData + r]?.[plan.column])]) + 14), 0);
  // The last write request also reads the rules store's area: every request keeps room for it.
  const chunks = chunkRows(cells, LIMITS.writeChunkBytes, readBack, LIMITS.readBudgetBytes - STORE_AREA_BYTES);
  return { managed, cells, runs: columnRuns(write), chunks, rows: chunks.at(-1)?.[1] ?? 0 };
}

// ---- 3. write a chunk ----

function excelFormulaText(text: string): string {
  return `="${text.replace(/"/g, '""')}"`;
}

/** The new columns, headers only (no values): a table column insert on the web is limited by the cells it touches. */
function addColumns(sheet: Excel.Worksheet, { write, table }: CheckedTarget): void {
  const excelTable = table.source === 'excel-table' && table.name ? sheet.tables.getItem(table.name) : undefined;
  for (const c of write.columns.filter((x) => x.added)) {
    if (excelTable) excelTable.columns.add(undefined, undefined, c.header);
    else sheet.getRange(cellRef(table.box.firstRow, c.column)).values = [[toExcel(c.header)]];
  }
}

/** Tier and segment cells coloured per label with conditional formats on their column: few operations, and they follow edits. */
function colourColumns(sheet: Excel.Worksheet, { table, coloured }: CheckedTarget): void {
  if (table.box.lastRow <= table.box.firstRow) return;
  for (const column of coloured) {
    for (const { format } of column.replaced) format.delete();
    const range = sheet.getRange(address({ firstRow: table.box.firstRow + 1, lastRow: table.box.lastRow, firstCol: column.column, lastCol: column.column }));
    for (const { label, color } of column.labels) {
      const format = range.conditionalFormats.add('CellValue');
      format.cellValue.format.fill.color = `#${color}`;
      format.cellValue.rule = { formula1: excelFormulaText(label), operator: 'EqualTo' };
    }
  }
}

/**
 * Writes chunk `k` of a table's plan in one request: the first adds the new columns, the last
 * colours the tier and segment columns and, when `storeExists` is given (the very last request
 * of the Apply), reads the rules store's area (returned). Before its writes the request reads
 * its rows' keys and what the cells it overwrites hold (into the record). A row whose key is
 * not the one the check read moved meanwhile: RowsMoved.
 */
async function writeChunk(
  context: Excel.RequestContext,
  target: CheckedTarget,
  plan: WritePlan,
  k: number,
  record: RollbackRecord,
  stats: WriteStats,
  storeExists: boolean | undefined,
): Promise<StoreArea | undefined> {
  const { write, table, grid, key } = target;
  const [from, to] = plan.chunks[k]!;
  record.attempted = to;
  const sheet = context.workbook.worksheets.getItem(write.sheet);
  const firstData = table.box.firstRow + 1;
  const rows = (col: number) => address({ firstRow: firstData + from, lastRow: firstData + to - 1, firstCol: col, lastCol: col });
  // Read before this request's writes: the rows' keys (a row that moved since the check is caught here) and what the cells held.
  const keys = sheet.getRange(rows(key)).load('values');
  const prior = write.columns.map((column) => (column.added ? undefined : sheet.getRange(rows(column.column)).load('values, numberFormat')));
  context.application.suspendApiCalculationUntilNextSync();
  if (k === 0) addColumns(sheet, target);
  for (const run of plan.runs) {
    const box = { firstRow: firstData + from, lastRow: firstData + to - 1, firstCol: run.firstCol, lastCol: run.firstCol + run.members.length - 1 };
    const range = sheet.getRange(address(box));
    const values: (string | number)[][] = [];
    for (let r = from; r < to; r++) values.push(run.members.map((i) => plan.cells[i]![r] ?? ''));
    range.values = values;
    run.members.forEach((i, j) => {
      const format = write.columns[i]!.numberFormat;
      if (format) range.getColumn(j).numberFormat = values.map(() => [format]);
    });
  }
  if (k === plan.chunks.length - 1) colourColumns(sheet, target);
  const store = storeExists !== undefined ? loadStoreArea(context, storeExists) : undefined;
  await context.sync();
  stats.syncs++;
  record.held.push({ from, to, columns: prior.map((range) => range && { values: range.values, formats: range.numberFormat }) });
  const moved = keys.values.some((row, i) => cellText(fromExcel(row[0])) !== cellText(grid.rows[firstData + from + i]?.[key]));
  if (moved) throw new RowsMoved();
  return store?.();
}
