/**
 * Apply's first step, the check (write.ts runs the steps): everything the preview read is read
 * again, in as few syncs as the response limit allows, with the sheet's protection, each
 * table's extent now, the tier column's conditional formats and whether the rules store
 * exists. The sheet protected, the header cells or an Excel table's columns changed: stop
 * with a sentence (nothing written). Rows gained are read too. Anything else changed (sorted,
 * a value edited, rows inserted or deleted, a follow-up logged): the rows are scored again as
 * they are now, with the same rules, as-of date and mapping, and the result says why.
 */
import { cellRef, formatRange, type CellBox } from '../engine/address';
import type { ManagedColumnId } from '../engine/columns';
import { ScoringError } from '../engine/errors';
import type { ManagedWrite } from '../engine/managed';
import { buildManagedWrite } from '../i18n/results';
import type { ColumnChoice } from '../engine/mapping';
import { prepareWorkbook, scorePrepared, type ScoringRun } from '../engine/run';
import { isBlankCell } from '../engine/blank';
import { cellText, sampleOf, type TableCandidate } from '../engine/tables';
import { normaliseKey } from '../engine/text';
import type { RawCell, SheetGrid } from '../engine/types';
import type { Language } from '../i18n/strings';
import { boxOfAddress } from './find';
import { address, estimateRowBytes, planReads, readSlices, type Slice } from './read';
import { probeStore } from './rules-store';
import { placeFormats, placeValues } from './values';

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

/** Where the check adds the syncs it used (Apply's WriteStats). */
export interface SyncCounter {
  syncs: number;
}

/** Conditional format kinds the tier colouring replaces on the tier column, and can restore. */
export const RESTORABLE = new Set(['CellValue', 'ContainsText', 'Custom']);

export interface CapturedFormat {
  type: string;
  box: CellBox;
  priority: number;
  stopIfTrue: boolean;
  rule: unknown;
  fill: string | null;
  font: string | null;
}

/** A conditional format the tier colouring replaces: its proxy and what it was. */
export interface ReplacedFormat {
  format: Excel.ConditionalFormat;
  captured: CapturedFormat;
}

/** What the check found: the run to write (the preview's or scored again), the sheet as read now, and what the writing needs. */
export interface CheckedState {
  run: ScoringRun;
  grid: SheetGrid;
  write: ManagedWrite;
  table: TableCandidate;
  rescored?: { reason: RescoreReason };
  /** The tier column's conditional formats this run replaces. */
  replaced: ReplacedFormat[];
  /** Whether the rules sheet exists: its store area is read with the last write. */
  storeExists: boolean;
}

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
  return (isBlankCell(a) && isBlankCell(b)) || a === b;
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

/** The tables the preview read: the evaluation table, then the follow-up log. */
function tablesOf(source: ReadSource): TableCandidate[] {
  return [source.evaluation, ...(source.followUp ? [source.followUp] : [])];
}

/** What the check's first request reads besides the cells. */
interface Surroundings {
  protected: boolean;
  /** Per table read: its box now (an Excel table's range, or a plain block's sheet's used rows) and whether it shows a totals row. */
  extents: { box: CellBox; totals: boolean }[];
  /** The tier column's conditional formats (types loaded), when the write has a tier column. */
  tierFormats?: Excel.ConditionalFormatCollection;
  storeExists: boolean;
}

/** The grids the preview read, read again (each a new grid shaped like the preview's), and the surroundings with them. */
async function readAgain(
  context: Excel.RequestContext,
  input: ApplyInput,
  tierCol: number | undefined,
  stats: SyncCounter,
): Promise<{ grids: SheetGrid[]; around: Surroundings; place: (slice: Slice, values: unknown[][], formats: unknown[][]) => void }> {
  const { source } = input;
  const table = input.run.evaluation.table;
  const grids = input.grids.map(emptyLike);
  const place = (slice: Slice, values: unknown[][], formats: unknown[][]) => {
    const grid = grids.find((g) => g.name === slice.sheet)!;
    placeValues(grid, slice.box, values);
    placeFormats(grid, slice.box, formats);
  };
  let queued: () => Surroundings = () => {
    throw new Error('the check read nothing');
  };
  const plan = planReads(
    source.reads.map((slice) => ({
      ...slice,
      rowBytes: rowBytesFrom(
        input.grids.find((g) => g.name === slice.sheet),
        slice.box,
      ),
    })),
  );
  stats.syncs += await readSlices(context, plan, place, () => {
    // Queued again when the first request is split: the last one queued is the one that came back.
    const sheet = context.workbook.worksheets.getItem(table.sheet);
    const protection = sheet.protection.load('protected');
    const storeExists = probeStore(context);
    const extents = tablesOf(source).map((t) => {
      const ws = context.workbook.worksheets.getItem(t.sheet);
      const excelTable = t.source === 'excel-table' && t.name ? ws.tables.getItem(t.name).load('showTotals') : undefined;
      return { excelTable, range: (excelTable ? excelTable.getRange() : ws.getUsedRange(true)).load('address') };
    });
    let tierFormats: Excel.ConditionalFormatCollection | undefined;
    if (tierCol !== undefined) {
      tierFormats = sheet.getRange(address({ firstRow: table.box.firstRow + 1, lastRow: 1_048_575, firstCol: tierCol, lastCol: tierCol })).conditionalFormats;
      tierFormats.load('items/type');
    }
    queued = () => ({
      protected: protection.protected,
      extents: extents.map((e) => ({ box: boxOfAddress(e.range.address), totals: e.excelTable?.showTotals === true })),
      ...(tierFormats ? { tierFormats } : {}),
      storeExists: storeExists(),
    });
  });
  return { grids, around: queued(), place };
}

/** Stops with a sentence when the sheet is protected, an Excel table's columns moved, or the header cells changed. */
function checkShape(input: ApplyInput, grid: SheetGrid, around: Surroundings): void {
  const table = input.run.evaluation.table;
  if (around.protected) throw new ScoringError('sheet-protected', { sheet: table.sheet });
  tablesOf(input.source).forEach((t, i) => {
    if (t.source === 'excel-table' && t.name) checkTableShape(t.name, t.box, around.extents[i]!.box);
  });
  const previewGrid = input.grids.find((g) => g.name === table.sheet)!;
  const header = table.box.firstRow;
  for (let c = table.box.firstCol; c <= table.box.lastCol; c++) {
    const before = cellText(previewGrid.rows[header]?.[c]);
    const after = cellText(grid.rows[header]?.[c]);
    if (before !== after) throw new ScoringError('headers-changed', { sheet: table.sheet, cell: cellRef(header, c), before, after });
  }
}

/**
 * Each table's box now: an Excel table reaches exactly to its range (its customers end above a
 * totals row; the grid's table info follows), a plain block to its sheet's last used row.
 */
function boxesNow(source: ReadSource, grids: SheetGrid[], around: Surroundings): CellBox[] {
  return tablesOf(source).map((t, i) => {
    const { box: now, totals } = around.extents[i]!;
    if (t.source === 'excel-table' && t.name) {
      const info = grids.find((g) => g.name === t.sheet)!.tables.find((x) => x.name === t.name);
      if (info) Object.assign(info, { range: formatRange(now), totalsRow: totals || undefined });
      return totals ? { ...now, lastRow: now.lastRow - 1 } : now;
    }
    return { ...t.box, lastRow: Math.max(t.box.lastRow, now.lastRow) };
  });
}

/** Reads the rows the tables gained beyond what the preview read; per read, whether its cells changed since the preview. */
async function readGainedRows(
  context: Excel.RequestContext,
  input: ApplyInput,
  grids: SheetGrid[],
  boxes: CellBox[],
  place: (slice: Slice, values: unknown[][], formats: unknown[][]) => void,
  stats: SyncCounter,
): Promise<boolean[]> {
  const changed: boolean[] = [];
  for (const [i, read] of input.source.reads.entries()) {
    const lastRow = boxes[i]?.lastRow ?? read.box.lastRow;
    const previewOf = input.grids.find((g) => g.name === read.sheet)!;
    if (lastRow > read.box.lastRow) {
      const more = { ...read.box, firstRow: read.box.lastRow + 1, lastRow };
      stats.syncs += await readSlices(context, planReads([{ sheet: read.sheet, box: more, rowBytes: rowBytesFrom(previewOf, read.box) }]), place);
    }
    const now = grids.find((g) => g.name === read.sheet)!;
    changed.push(lastRow !== read.box.lastRow || differs(previewOf, now, { ...read.box, lastRow: Math.max(lastRow, read.box.lastRow) }));
  }
  return changed;
}

/** The rows scored again as they are now, with the preview's rules, as-of date and mapping, and why. */
function scoreAgain(
  input: ApplyInput,
  grids: SheetGrid[],
  boxes: CellBox[],
  evaluationChanged: boolean,
): { run: ScoringRun; rescored: { reason: RescoreReason } } {
  const { run: preview, source } = input;
  const gridOf = (name: string) => grids.find((g) => g.name === name)!;
  const grid = gridOf(preview.evaluation.table.sheet);
  const previewGrid = input.grids.find((g) => g.name === preview.evaluation.table.sheet)!;
  const evaluation: TableCandidate = { ...source.evaluation, box: boxes[0]!, sample: sampleOf(grid, boxes[0]!) };
  const followUp = source.followUp ? { ...source.followUp, box: boxes[1]!, sample: sampleOf(gridOf(source.followUp.sheet), boxes[1]!) } : null;
  const prepared = prepareWorkbook(grids, {
    rules: preview.rules,
    asOf: preview.asOf,
    tables: { evaluation, followUp },
    columns: mappingOf(preview, source.mapping),
    without: preview.evaluation.without,
  });
  const run = scorePrepared(prepared, preview.rules);
  const { firstCol, lastCol } = source.reads[0]!.box;
  const rowOf = (which: 'before' | 'now', r: number) => {
    const g = which === 'before' ? previewGrid : grid;
    const line: unknown[] = [];
    for (let c = firstCol; c <= lastCol; c++) line.push(g.rows[r]?.[c] ?? null, g.formats?.[r]?.[c] ?? null);
    return JSON.stringify(line);
  };
  return { run, rescored: { reason: classify(preview, run, evaluationChanged, rowOf) } };
}

/** The tier column's conditional formats inside its data rows, which the colouring replaces: read (one sync) to restore them on failure. */
async function captureTierFormats(
  context: Excel.RequestContext,
  run: ScoringRun,
  write: ManagedWrite,
  tierFormats: Excel.ConditionalFormatCollection | undefined,
  stats: SyncCounter,
): Promise<ReplacedFormat[]> {
  const tierPlan = write.columns.find((c) => c.id === 'tier');
  if (!tierPlan || !tierFormats || tierFormats.items.length === 0) return [];
  const data = {
    firstRow: run.evaluation.table.box.firstRow + 1,
    lastRow: run.evaluation.table.box.lastRow,
    firstCol: tierPlan.column,
    lastCol: tierPlan.column,
  };
  const details = tierFormats.items.filter((f) => RESTORABLE.has(f.type)).map((format) => ({ format, ...loadDetails(format) }));
  if (details.length === 0) return [];
  await context.sync();
  stats.syncs++;
  return details.map((d) => ({ format: d.format, captured: d.read() })).filter((r) => inside(data, r.captured.box));
}

export async function check(context: Excel.RequestContext, input: ApplyInput, lang: Language, stats: SyncCounter): Promise<CheckedState> {
  const { run: preview, source } = input;
  const sheetName = preview.evaluation.table.sheet;
  const previewGrid = input.grids.find((g) => g.name === sheetName)!;
  // Where the managed columns go (and a refusal when a new one would land on data): the same after scoring again.
  const previewWrite = buildManagedWrite(preview, previewGrid.rows, lang, input.columns);
  const tierCol = previewWrite.columns.find((c) => c.id === 'tier')?.column;

  const { grids, around, place } = await readAgain(context, input, tierCol, stats);
  const grid = grids.find((g) => g.name === sheetName)!;
  checkShape(input, grid, around);
  const boxes = boxesNow(source, grids, around);
  const changed = await readGainedRows(context, input, grids, boxes, place, stats);
  const again = changed.some(Boolean) ? scoreAgain(input, grids, boxes, changed[0]!) : undefined;
  const run = again?.run ?? preview;
  const write = again ? buildManagedWrite(run, grid.rows, lang, input.columns) : previewWrite;
  const replaced = await captureTierFormats(context, run, write, around.tierFormats, stats);
  return { run, grid, write, table: run.evaluation.table, replaced, storeExists: around.storeExists, ...(again ? { rescored: again.rescored } : {}) };
}

export function inside(outer: CellBox, inner: CellBox): boolean {
  return inner.firstRow >= outer.firstRow && inner.lastRow <= outer.lastRow && inner.firstCol >= outer.firstCol && inner.lastCol <= outer.lastCol;
}

/** Queues the loads of a conditional format's range, rule and colours; `read()` after the sync. */
export function loadDetails(format: Excel.ConditionalFormat): { read(): CapturedFormat } {
  format.load('type, priority, stopIfTrue');
  const range = format.getRange().load('address');
  const part = format.type === 'CellValue' ? format.cellValue : format.type === 'ContainsText' ? format.textComparison : format.custom;
  part.load('rule');
  part.format.fill.load('color');
  part.format.font.load('color');
  return {
    read: () => ({
      type: format.type,
      box: boxOfAddress(range.address),
      priority: format.priority,
      stopIfTrue: format.stopIfTrue,
      rule: part.rule,
      fill: part.format.fill.color ?? null,
      font: part.format.font.color ?? null,
    }),
  };
}
