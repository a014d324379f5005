/**
 * Apply: the managed columns of DOMAIN.md section 6 written into the rows as they are at the
 * moment of writing, never a customer's result into another customer's row.
 *
 * 1. Check: one read of everything the preview read (the evaluation table with the columns
 *    the new managed columns take, the follow-up log; values and number formats), with the
 *    sheet's protection, the Excel table's range (or the sheet's used rows) and the tier
 *    column's conditional formats. Headers or the table's columns changed: stop with a
 *    sentence. Anything else changed (sorted, a value edited, rows inserted or deleted): the
 *    rows are scored again as they are now, with the same rules, as-of date and mapping, and
 *    the result says so.
 * 2. Write, in as few syncs as the 5 MB request limit allows. Each write request first reads
 *    the key cells of its rows: if a row moved meanwhile, what was written is put back and the
 *    apply starts again from the check (twice at most, then it stops with a sentence).
 * 3. A failure part-way puts back only the cells that still hold what this run wrote (a
 *    co-author's newer edit stays), removes the columns this run added, and restores the
 *    conditional formats the tier colouring replaced.
 */
import { cellRef, formatRange, type CellBox } from '../engine/address';
import type { ManagedColumnId } from '../engine/columns';
import { ScoringError } from '../engine/errors';
import type { ManagedCell, ManagedWrite } from '../engine/managed';
import { buildManagedWrite } from '../i18n/results';
import type { ColumnChoice } from '../engine/mapping';
import { prepareWorkbook, scorePrepared, type ScoringRun } from '../engine/run';
import { cellText, isBlank, sampleOf, type TableCandidate } from '../engine/tables';
import { normaliseKey } from '../engine/text';
import type { RawCell, SheetGrid } from '../engine/types';
import type { Language } from '../i18n/strings';
import { boxOfAddress } from './find';
import { inExcel, LIMITS, type ExcelHost } from './host';
import { address, estimateRowBytes, planReads, readSlices, type Slice } from './read';
import { fromExcel, jsonBytes, placeFormats, placeValues, toExcel } from './values';

export interface WriteStats {
  /** Syncs used: the check's reads and the writes (a retry's included). */
  syncs: number;
  /** Row chunks the values were split into. */
  chunks: number;
}

/** What the preview read, so that Apply can read it again and score what is there now. */
export interface ReadSource {
  /** The evaluation table as chosen from the scan (a plain block reaches down to the sheet's used rows). */
  evaluation: TableCandidate;
  followUp: TableCandidate | null;
  /** The user's own choice of columns, if any. */
  mapping?: ColumnChoice;
  /** The boxes read: the evaluation table with its extra columns first, then the follow-up log. */
  reads: Slice[];
}

/** Why the rows were scored again at Apply. */
export type RescoreReason = 'sorted' | 'edited' | 'rows-added' | 'rows-removed' | 'moved' | 'follow-up';

export interface ApplyInput {
  /** The run the preview showed. */
  run: ScoringRun;
  /** The grids the preview read. */
  grids: SheetGrid[];
  columns: readonly ManagedColumnId[];
  source: ReadSource;
}

export interface WriteResult {
  /** The run written: the preview's, or the rows scored again as they were at Apply. */
  run: ScoringRun;
  write: ManagedWrite;
  stats: WriteStats;
  rescored?: { reason: RescoreReason };
}

/** How often a write that found rows moved under it starts again before giving up. */
const ATTEMPTS = 3;

/** Conditional format kinds the tier colouring replaces on the tier column, and can restore. */
const RESTORABLE = new Set(['CellValue', 'ContainsText', 'Custom']);

interface CapturedFormat {
  type: string;
  box: CellBox;
  priority: number;
  stopIfTrue: boolean;
  rule: unknown;
  fill: string | null;
  font: string | null;
}

interface CheckedState {
  run: ScoringRun;
  grid: SheetGrid;
  write: ManagedWrite;
  table: TableCandidate;
  rescored?: { reason: RescoreReason };
  /** The tier column's conditional formats this run replaces: their proxies and what they were. */
  replaced: { format: Excel.ConditionalFormat; captured: CapturedFormat }[];
}

class RowsMoved extends Error {}

/** `onProgress(rowsWritten, rows)` is called after each chunk's sync (long writes take several). */
export async function applyScores(
  host: ExcelHost, input: ApplyInput, lang: Language, onProgress?: (written: number, total: number) => void,
): Promise<WriteResult> {
  const stats: WriteStats = { syncs: 0, chunks: 0 };
  return inExcel(host, 'write', async (context) => {
    for (let attempt = 1; ; attempt++) {
      const state = await check(context, input, lang, stats);
      try {
        await writeColumns(context, state, stats, onProgress);
        return { run: state.run, write: state.write, stats, ...(state.rescored ? { rescored: state.rescored } : {}) };
      } catch (error) {
        if (!(error instanceof RowsMoved)) throw error;
        if (attempt >= ATTEMPTS) throw new ScoringError('excel-failed', { code: 'Conflict', step: 'write' });
      }
    }
  });
}

// ---- 1. check ----

/** A new grid shaped like `g`, without cells. */
function emptyLike(g: SheetGrid): SheetGrid {
  return { name: g.name, rows: [], formats: [], tables: g.tables.map((t) => ({ ...t })), ...(g.date1904 ? { date1904: true } : {}) };
}

/** Bytes one row of `box` took in the preview's read: what the check's read is planned by. */
function rowBytesFrom(grid: SheetGrid | undefined, box: CellBox): number {
  const width = box.lastCol - box.firstCol + 1;
  if (!grid) return estimateRowBytes(width);
  const values: RawCell[][] = [];
  const formats: (string | null)[][] = [];
  const rows = box.lastRow - box.firstRow + 1;
  const step = Math.max(1, Math.floor(rows / 500));
  for (let r = box.firstRow; r <= box.lastRow; r += step) {
    values.push((grid.rows[r] ?? []).slice(box.firstCol, box.lastCol + 1));
    formats.push((grid.formats?.[r] ?? []).slice(box.firstCol, box.lastCol + 1).map((f) => f ?? null));
  }
  return estimateRowBytes(width, { values, formats });
}

function sameCell(a: RawCell, b: RawCell): boolean {
  return (isBlank(a) && isBlank(b)) || a === b;
}

/** The cells of `box` that differ between two grids (values or number formats). */
function differs(before: SheetGrid, now: SheetGrid, box: CellBox): boolean {
  for (let r = box.firstRow; r <= box.lastRow; r++) {
    const a = before.rows[r] ?? [];
    const b = now.rows[r] ?? [];
    const fa = before.formats?.[r] ?? [];
    const fb = now.formats?.[r] ?? [];
    for (let c = box.firstCol; c <= box.lastCol; c++) {
      if (!sameCell(a[c], b[c]) || (fa[c] ?? null) !== (fb[c] ?? null)) return true;
    }
  }
  return false;
}

/** The mapping the preview used, so that scoring again reads the same columns: each mapped indicator's header, then the user's own choice. */
function mappingOf(run: ScoringRun, chosen: ColumnChoice = {}): ColumnChoice {
  const mapping: ColumnChoice = {};
  for (const [id, column] of Object.entries(run.evaluation.indicators)) mapping[id] = column.header;
  return { ...mapping, ...chosen };
}

/**
 * Why the rows were scored again: more or fewer customers; the same customers, each row's
 * cells unchanged, in another order (sorted) or at other rows (moved); else edited.
 */
function classify(before: ScoringRun, after: ScoringRun, evaluationChanged: boolean, rowOf: (grid: 'before' | 'now', row: number) => string): RescoreReason {
  if (!evaluationChanged) return 'follow-up';
  if (after.customers.length > before.customers.length) return 'rows-added';
  if (after.customers.length < before.customers.length) return 'rows-removed';
  const was = new Map(before.customers.map((c) => [normaliseKey(c.key), rowOf('before', c.row)]));
  const same = after.customers.every((c) => was.get(normaliseKey(c.key)) === rowOf('now', c.row));
  if (!same || was.size !== before.customers.length) return 'edited';
  if (before.customers.some((c, i) => normaliseKey(c.key) !== normaliseKey(after.customers[i]!.key))) return 'sorted';
  return before.customers.some((c, i) => c.row !== after.customers[i]!.row) ? 'moved' : 'edited';
}

/**
 * The table's shape now against the preview's: the header row and the columns must be the
 * same; rows may have come or gone. A sentence (thrown) when the shape changed.
 */
function checkTableShape(name: string, before: CellBox, now: CellBox): void {
  if (now.firstRow !== before.firstRow || now.firstCol !== before.firstCol || now.lastCol !== before.lastCol) {
    throw new ScoringError('table-changed', { name, before: formatRange(before), after: formatRange(now) });
  }
}

async function check(context: Excel.RequestContext, input: ApplyInput, lang: Language, stats: WriteStats): Promise<CheckedState> {
  const { run: preview, source } = input;
  const table = preview.evaluation.table;
  const sheetName = table.sheet;
  const previewGrid = input.grids.find((g) => g.name === sheetName)!;
  // Where the managed columns go (and a refusal when a new one would land on data): the same after scoring again.
  const previewWrite = buildManagedWrite(preview, previewGrid.rows, lang, input.columns);
  const tierCol = previewWrite.columns.find((c) => c.id === 'tier')?.column;

  const sheet = context.workbook.worksheets.getItem(sheetName);
  const grids = input.grids.map(emptyLike);
  const gridOf = (name: string) => grids.find((g) => g.name === name)!;
  const place = (slice: Slice, values: unknown[][], formats: unknown[][]) => {
    placeValues(gridOf(slice.sheet), slice.box, values);
    placeFormats(gridOf(slice.sheet), slice.box, formats);
  };
  let protection: Excel.WorksheetProtection | undefined;
  let tierFormats: Excel.ConditionalFormatCollection | undefined;
  // The tables read (the evaluation table, then the follow-up log) and how far each reaches now:
  // an Excel table's range, or a plain block's sheet's used rows.
  const tables = [source.evaluation, ...(source.followUp ? [source.followUp] : [])];
  const extents: Excel.Range[] = [];
  /** Per table read: whether it shows a totals row now (its last row, not a customer); false for plain blocks. */
  const totals: (Excel.Table | undefined)[] = [];
  const plan = planReads(source.reads.map((slice) => ({ ...slice, rowBytes: rowBytesFrom(input.grids.find((g) => g.name === slice.sheet), slice.box) })));
  stats.syncs += await readSlices(context, plan, place, () => {
    protection = sheet.protection.load('protected');
    extents.length = 0;
    totals.length = 0;
    for (const t of tables) {
      const ws = context.workbook.worksheets.getItem(t.sheet);
      const excelTable = t.source === 'excel-table' && t.name ? ws.tables.getItem(t.name).load('showTotals') : undefined;
      totals.push(excelTable);
      extents.push((excelTable ? excelTable.getRange() : ws.getUsedRange(true)).load('address'));
    }
    if (tierCol !== undefined) {
      tierFormats = sheet.getRange(address({ firstRow: table.box.firstRow + 1, lastRow: 1_048_575, firstCol: tierCol, lastCol: tierCol })).conditionalFormats;
      tierFormats.load('items/type');
    }
  });
  if (protection!.protected) throw new ScoringError('sheet-protected', { sheet: sheetName });
  const grid = gridOf(sheetName);
  const nows = extents.map((e) => boxOfAddress(e.address));
  tables.forEach((t, i) => { if (t.source === 'excel-table' && t.name) checkTableShape(t.name, t.box, nows[i]!); });
  const header = { ...table.box, lastRow: table.box.firstRow };
  for (let c = header.firstCol; c <= header.lastCol; c++) {
    const before = cellText(previewGrid.rows[header.firstRow]?.[c]);
    const after = cellText(grid.rows[header.firstRow]?.[c]);
    if (before !== after) throw new ScoringError('headers-changed', { sheet: sheetName, cell: cellRef(header.firstRow, c), before, after });
  }

  // Rows the tables gained beyond what the preview read: read them too. An Excel table reaches
  // exactly to its range; a plain block to its sheet's last used row.
  const boxesNow = tables.map((t, i) => {
    const now = nows[i]!;
    if (t.source === 'excel-table' && t.name) {
      const info = gridOf(t.sheet).tables.find((x) => x.name === t.name);
      const withTotals = totals[i]?.showTotals === true;
      if (info) Object.assign(info, { range: formatRange(now), totalsRow: withTotals || undefined });
      // The customers end above the totals row.
      return withTotals ? { ...now, lastRow: now.lastRow - 1 } : now;
    }
    return { ...t.box, lastRow: Math.max(t.box.lastRow, now.lastRow) };
  });
  const changed: boolean[] = [];
  for (const [i, read] of source.reads.entries()) {
    const lastRow = boxesNow[i]?.lastRow ?? read.box.lastRow;
    const previewOf = input.grids.find((g) => g.name === read.sheet)!;
    if (lastRow > read.box.lastRow) {
      const more = { ...read.box, firstRow: read.box.lastRow + 1, lastRow };
      stats.syncs += await readSlices(context, planReads([{ sheet: read.sheet, box: more, rowBytes: rowBytesFrom(previewOf, read.box) }]), place);
    }
    changed.push(lastRow !== read.box.lastRow || differs(previewOf, gridOf(read.sheet), { ...read.box, lastRow: Math.max(lastRow, read.box.lastRow) }));
  }
  const readBox = source.reads[0]!.box;
  const evaluationChanged = changed[0]!;
  const othersChanged = changed.slice(1).some(Boolean);
  let run = preview;
  let rescored: CheckedState['rescored'];
  if (evaluationChanged || othersChanged) {
    const evaluation: TableCandidate = { ...source.evaluation, box: boxesNow[0]!, sample: sampleOf(grid, boxesNow[0]!) };
    const followUp = source.followUp ? { ...source.followUp, box: boxesNow[1]!, sample: sampleOf(gridOf(source.followUp.sheet), boxesNow[1]!) } : null;
    const prepared = prepareWorkbook(grids, {
      rules: preview.rules, asOf: preview.asOf, tables: { evaluation, followUp }, columns: mappingOf(preview, source.mapping),
      without: preview.evaluation.without,
    });
    run = scorePrepared(prepared, preview.rules);
    const cols = { firstCol: readBox.firstCol, lastCol: readBox.lastCol };
    const rowOf = (which: 'before' | 'now', r: number) => {
      const g = which === 'before' ? previewGrid : grid;
      const line: unknown[] = [];
      for (let c = cols.firstCol; c <= cols.lastCol; c++) line.push(g.rows[r]?.[c] ?? null, g.formats?.[r]?.[c] ?? null);
      return JSON.stringify(line);
    };
    rescored = { reason: classify(preview, run, evaluationChanged, rowOf) };
  }
  const write = rescored ? buildManagedWrite(run, grid.rows, lang, input.columns) : previewWrite;

  // The tier column's conditional formats inside its data rows, which the colouring replaces: read to restore them on failure.
  const replaced: CheckedState['replaced'] = [];
  const tierPlan = write.columns.find((c) => c.id === 'tier');
  if (tierPlan && tierFormats && tierFormats.items.length > 0) {
    const data = { firstRow: run.evaluation.table.box.firstRow + 1, lastRow: run.evaluation.table.box.lastRow, firstCol: tierPlan.column, lastCol: tierPlan.column };
    const details = tierFormats.items.filter((f) => RESTORABLE.has(f.type)).map((format) => ({ format, ...loadDetails(format) }));
    if (details.length > 0) {
      await context.sync();
      stats.syncs++;
      for (const d of details) {
        const captured = d.read();
        if (inside(data, captured.box)) replaced.push({ format: d.format, captured });
      }
    }
  }
  return { run, grid, write, table: run.evaluation.table, replaced, ...(rescored ? { rescored } : {}) };
}

function inside(outer: CellBox, inner: CellBox): boolean {
  return inner.firstRow >= outer.firstRow && inner.lastRow <= outer.lastRow && inner.firstCol >= outer.firstCol && inner.lastCol <= outer.lastCol;
}

/** Queues the loads of a conditional format's range, rule and colours; `read()` after the sync. */
function loadDetails(format: Excel.ConditionalFormat): { read(): CapturedFormat } {
  format.load('type, priority, stopIfTrue');
  const range = format.getRange().load('address');
  const part = format.type === 'CellValue' ? format.cellValue : format.type === 'ContainsText' ? format.textComparison : format.custom;
  part.load('rule');
  part.format.fill.load('color');
  part.format.font.load('color');
  return {
    read: () => ({
      type: format.type, box: boxOfAddress(range.address), priority: format.priority, stopIfTrue: format.stopIfTrue,
      rule: part.rule, fill: part.format.fill.color ?? null, font: part.format.font.color ?? null,
    }),
  };
}

// ---- 2. write ----

interface ColumnRun {
  firstCol: number;
  /** Indices into write.columns, left to right. */
  members: number[];
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
function columnCells(write: ManagedWrite, table: TableCandidate, grid: SheetGrid): ManagedCell[][] {
  const firstData = table.box.firstRow + 1;
  const byRow = new Map(write.rows.map((r) => [r.row, r.cells]));
  return write.columns.map((plan, i) => {
    const out: ManagedCell[] = [];
    for (let r = firstData; r <= table.box.lastRow; r++) {
      const cells = byRow.get(r);
      if (cells) out.push(cells[i] ?? null);
      else out.push(plan.added ? null : keep(grid.rows[r]?.[plan.column]));
    }
    return out;
  });
}

function keep(cell: RawCell): ManagedCell {
  if (cell === null || cell === undefined) return null;
  return typeof cell === 'number' ? cell : String(cell);
}

/**
 * Row chunks [from, to) of the data rows, each under the request budget (`cells` are columns
 * of values as sent to Excel) and, when `response` gives what reading a row back costs (its
 * key cell), under the response budget too.
 */
export function chunkRows(
  cells: readonly (readonly (string | number)[])[], budget: number = LIMITS.writeChunkBytes,
  response?: (row: number) => number, responseBudget: number = LIMITS.readBudgetBytes,
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

function excelFormulaText(text: string): string {
  return `="${text.replace(/"/g, '""')}"`;
}

/** What the cells of one chunk held just before this run wrote them (read in the same request, before the writes). */
type Prior = ({ values: unknown[][]; formats: unknown[][] } | undefined)[];

async function writeColumns(
  context: Excel.RequestContext, state: CheckedState, stats: WriteStats, onProgress?: (written: number, total: number) => void,
): Promise<void> {
  const { write, table, grid } = state;
  const sheet = context.workbook.worksheets.getItem(write.sheet);
  const managed = columnCells(write, table, grid);
  // Each cell as Excel must receive it, worked out once for sizing and for sending.
  const cells = managed.map((column) => column.map(toExcel));
  const runs = columnRuns(write);
  const firstData = table.box.firstRow + 1;
  const keyCol = state.run.evaluation.key.column;
  // Each write request reads back its rows' keys and the cells it overwrites: their bytes count against the response limit.
  const readBack = (r: number) => jsonBytes([fromExcelKey(grid.rows[firstData + r]?.[keyCol])]) + 2
    + write.columns.reduce((n, plan) => (plan.added ? n : n + jsonBytes([fromExcelKey(grid.rows[firstData + r]?.[plan.column])]) + 14), 0);
  const chunks = chunkRows(cells, LIMITS.writeChunkBytes, readBack);
  const added = write.columns.filter((c) => c.added);
  const excelTable = table.source === 'excel-table' && table.name ? sheet.tables.getItem(table.name) : undefined;
  const priors: Prior[] = [];
  stats.chunks = chunks.length;
  let attempted = 0;
  try {
    for (const [k, [from, to]] of chunks.entries()) {
      attempted = to;
      const rows = (col: number) => address({ firstRow: firstData + from, lastRow: firstData + to - 1, firstCol: col, lastCol: col });
      // Read before this request's writes: the rows' keys (a row that moved since the check is caught here) and what the cells held.
      const keys = sheet.getRange(rows(keyCol)).load('values');
      const prior = write.columns.map((plan) => (plan.added ? undefined : sheet.getRange(rows(plan.column)).load('values, numberFormat')));
      context.application.suspendApiCalculationUntilNextSync();
      if (k === 0) {
        for (const c of added) {
          // The column alone (no values): a table column insert on the web is limited by the cells it touches.
          if (excelTable) excelTable.columns.add(undefined, undefined, c.header);
          else sheet.getRange(cellRef(table.box.firstRow, c.column)).values = [[toExcel(c.header)]];
        }
      }
      for (const run of runs) {
        const box = { firstRow: firstData + from, lastRow: firstData + to - 1, firstCol: run.firstCol, lastCol: run.firstCol + run.members.length - 1 };
        const range = sheet.getRange(address(box));
        const values: (string | number)[][] = [];
        for (let r = from; r < to; r++) values.push(run.members.map((i) => cells[i]![r] ?? ''));
        range.values = values;
        run.members.forEach((i, j) => {
          const format = write.columns[i]!.numberFormat;
          if (format) range.getColumn(j).numberFormat = values.map(() => [format]);
        });
      }
      if (k === chunks.length - 1) colourTiers(sheet, state);
      await context.sync();
      stats.syncs++;
      priors[k] = prior.map((range) => range && { values: range.values, formats: range.numberFormat });
      const moved = keys.values.some((row, i) => cellText(fromExcel(row[0])) !== cellText(grid.rows[firstData + from + i]?.[keyCol]));
      if (moved) throw new RowsMoved();
      onProgress?.(to, chunks.at(-1)![1]);
    }
  } catch (error) {
    // What each cell held before this run: as read in its chunk's request, or as the check read it (a request that failed returns nothing).
    const before = (i: number, r: number): { value: RawCell; format: string | null } => {
      const k = chunks.findIndex(([from, to]) => r - firstData >= from && r - firstData < to);
      const p = priors[k]?.[i];
      if (p) {
        const at = r - firstData - chunks[k]![0];
        return { value: fromExcel(p.values[at]?.[0]), format: typeof p.formats[at]?.[0] === 'string' ? (p.formats[at]![0] as string) : 'General' };
      }
      return { value: grid.rows[r]?.[write.columns[i]!.column] ?? null, format: grid.formats?.[r]?.[write.columns[i]!.column] ?? 'General' };
    };
    await restore(context, state, managed, attempted, before).catch(() => undefined); // the first error is the one to report
    throw error;
  }
}

/** Tier cells coloured per tier with conditional formats on the tier column: few operations, and they follow edits. */
function colourTiers(sheet: Excel.Worksheet, state: CheckedState): void {
  const { write, table } = state;
  const tierColumn = write.columns.find((c) => c.id === 'tier');
  if (!tierColumn || table.box.lastRow <= table.box.firstRow) return;
  for (const { format } of state.replaced) format.delete();
  const range = sheet.getRange(address({ firstRow: table.box.firstRow + 1, lastRow: table.box.lastRow, firstCol: tierColumn.column, lastCol: tierColumn.column }));
  for (const tier of write.tiers) {
    const format = range.conditionalFormats.add('CellValue');
    format.cellValue.format.fill.color = `#${tier.color}`;
    format.cellValue.rule = { formula1: excelFormulaText(tier.label), operator: 'EqualTo' };
  }
}

// ---- 3. restore ----

/** A cell as Excel reports it holds what this run wrote there (the value before toExcel). */
function holdsWritten(now: unknown, written: ManagedCell): boolean {
  const cell = fromExcel(now);
  if (written === null) return isBlank(cell);
  return typeof written === 'number' ? cell === written : cell === written;
}

/**
 * Puts back what this run wrote in the first `rows` data rows, where the cells still hold it;
 * removes the columns it added (or, when someone typed into one meanwhile, only this run's
 * cells); restores the tier column's conditional formats.
 */
async function restore(
  context: Excel.RequestContext, state: CheckedState, managed: ManagedCell[][], rows: number,
  before: (column: number, row: number) => { value: RawCell; format: string | null },
): Promise<void> {
  const { write, table } = state;
  const sheet = context.workbook.worksheets.getItem(write.sheet);
  const firstData = table.box.firstRow + 1;
  const header = table.box.firstRow;
  const excelTable = table.source === 'excel-table' && table.name ? sheet.tables.getItem(table.name) : undefined;
  // What the cells hold now (an added table column may not exist: read it by its header).
  const current = write.columns.map((plan) => {
    // An added column is read whole: a cell typed into it by someone else keeps it.
    const box = { firstRow: header, lastRow: plan.added ? table.box.lastRow : firstData + rows - 1, firstCol: plan.column, lastCol: plan.column };
    return sheet.getRange(address(box)).load('values');
  });
  const tier = write.columns.find((c) => c.id === 'tier');
  const tierData = tier ? { firstRow: firstData, lastRow: table.box.lastRow, firstCol: tier.column, lastCol: tier.column } : undefined;
  const oldFormats = (a: number, b: number, i: number) => {
    const formats: string[][] = [];
    for (let r = a; r < b; r++) formats.push([before(i, r).format ?? 'General']);
    return formats;
  };
  const formatsNow = tierData ? sheet.getRange(address({ ...tierData, lastRow: 1_048_575 })).conditionalFormats.load('items/type') : undefined;
  await context.sync();

  write.columns.forEach((plan, i) => {
    const values = current[i]!.values;
    const ours = (r: number) => holdsWritten(values[r - header]?.[0], managed[i]![r - firstData] ?? null);
    if (plan.added) {
      const headerOurs = cellText(fromExcel(values[0]?.[0])) === plan.header;
      let foreign = !headerOurs;
      for (let r = firstData; r <= table.box.lastRow; r++) if (!ours(r) && !isBlank(fromExcel(values[r - header]?.[0]))) foreign = true;
      if (!foreign && excelTable) {
        excelTable.columns.getItem(plan.header).delete();
        return;
      }
      // Someone typed into the new column meanwhile (or it is a plain range): clear only this run's cells.
      for (const [a, b] of runsWhere(firstData, firstData + rows, ours)) {
        const range = sheet.getRange(address({ firstRow: a, lastRow: b - 1, firstCol: plan.column, lastCol: plan.column }));
        range.clear('Contents');
        if (plan.numberFormat) range.numberFormat = oldFormats(a, b, i);
      }
      if (headerOurs && !foreign) sheet.getRange(cellRef(header, plan.column)).clear('Contents');
      return;
    }
    for (const [a, b] of runsWhere(firstData, firstData + rows, ours)) {
      const box = { firstRow: a, lastRow: b - 1, firstCol: plan.column, lastCol: plan.column };
      const range = sheet.getRange(address(box));
      const old: (string | number)[][] = [];
      for (let r = a; r < b; r++) old.push([toExcel(keep(before(i, r).value))]);
      if (plan.numberFormat) range.numberFormat = oldFormats(a, b, i);
      range.values = old;
    }
  });

  if (tierData && formatsNow) {
    // The colouring's formats (and any partial replacement) out, the replaced ones back with their priorities.
    const details = formatsNow.items.filter((f) => RESTORABLE.has(f.type)).map((format) => ({ format, ...loadDetails(format) }));
    await context.sync();
    for (const d of details) if (inside(tierData, d.read().box)) d.format.delete();
    const byPriority = [...state.replaced].sort((a, b) => b.captured.priority - a.captured.priority);
    for (const { captured } of byPriority) {
      const format = sheet.getRange(address(captured.box)).conditionalFormats.add(captured.type as Excel.ConditionalFormatType);
      const part = captured.type === 'CellValue' ? format.cellValue : captured.type === 'ContainsText' ? format.textComparison : format.custom;
      (part as { rule: unknown }).rule = captured.rule;
      if (captured.fill) part.format.fill.color = captured.fill;
      if (captured.font) part.format.font.color = captured.font;
      format.stopIfTrue = captured.stopIfTrue;
    }
  }
  await context.sync();
}

/** Runs [from, to) of consecutive rows in [first, end) for which `keep(r)` holds. */
function runsWhere(first: number, end: number, keep: (r: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let r = first; r <= end; r++) {
    const yes = r < end && keep(r);
    if (yes && start < 0) start = r;
    if (!yes && start >= 0) {
      out.push([start, r]);
      start = -1;
    }
  }
  return out;
}
