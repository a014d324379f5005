/**
 * Apply's first step, the check (write.ts runs the steps): everything the preview read is read
 * again, in as few syncs as the response limit allows, with the protection of each sheet
 * written to, each table's extent now, the coloured columns' conditional formats (the tier,
 * the RFM segment) and whether the rules store exists. A sheet protected, the header cells of
 * a table written to or an Excel table's columns changed: stop with a sentence (nothing
 * written). Rows gained are read too. Anything else changed (sorted, a value edited, rows
 * inserted or deleted, a follow-up logged, a purchase added): the rows are scored again as
 * they are now, with the same rules, as-of date and mapping, and the result says why.
 *
 * The check works on an ApplyJob: what the preview read and how to write and score a run. The
 * evaluation score alone is one (`scoringJob`); the run of several analyses is another
 * (src/excel/analyses.ts), which writes into several tables with the same check, chunks and
 * rollback.
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
import { address, estimateRowBytes, MERGE_ROW_BYTES, placeMerges, planReads, readSlices, type Slice, type SliceTarget } from './read';
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

/** Why the rows were scored again at Apply: the evaluation table's rows, the follow-up log, or another table the analyses read (the survey, the purchases). */
export type RescoreReason = 'sorted' | 'edited' | 'rows-added' | 'rows-removed' | 'moved' | 'follow-up' | 'analysis-tables';

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

/** Conditional format kinds the colouring replaces on a coloured column (the tier, the RFM segment), and can restore. */
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

/** A conditional format the colouring replaces: its proxy and what it was. */
export interface ReplacedFormat {
  format: Excel.ConditionalFormat;
  captured: CapturedFormat;
}

/** One table Apply writes into: the table (its box as scored), its key column, and what goes into it. */
export interface TableWrite {
  table: TableCandidate;
  /** 0-based column of the customer key: each write request checks its rows still hold the keys read. */
  key: number;
  write: ManagedWrite;
}

/**
 * What Apply needs of a run to check, score again and write it: the run the preview showed,
 * the grids it read, the tables read (the first ones' shapes and headers checked), and how a
 * run is written and scored again.
 */
export interface ApplyJob<R> {
  run: R;
  grids: SheetGrid[];
  /** The tables read, each with the box read (the table and the columns beside it where new columns go), in the same order. */
  tables: TableCandidate[];
  reads: Slice[];
  /** The writes of `run` over `grids`, one per table written (throws when a new column would land on data). */
  writes(run: R, grids: SheetGrid[]): TableWrite[];
  /** The run over the grids as read now, the tables at their boxes now (in `tables` order; `changed` says which changed), and why. */
  again(grids: SheetGrid[], boxes: CellBox[], changed: boolean[]): { run: R; reason: RescoreReason };
}

/** A column coloured per label with conditional formats (the tier, the RFM segment), and the formats of it the colouring replaces. */
export interface ColouredColumn {
  column: number;
  labels: { label: string; color: string }[];
  replaced: ReplacedFormat[];
}

/** A table to write, as the check found it: the sheet as read now and its coloured columns. */
export interface CheckedTarget extends TableWrite {
  grid: SheetGrid;
  coloured: ColouredColumn[];
}

/** What the check found: the run to write (the preview's or scored again), and each table to write into. */
export interface CheckedState<R> {
  run: R;
  targets: CheckedTarget[];
  rescored?: { reason: RescoreReason };
  /** Whether the rules sheet exists: its store area is read with the last write. */
  storeExists: boolean;
  /** The grids `run` was scored from: the preview's, or, when the rows were scored again, every table as the check read it again. */
  grids: SheetGrid[];
}

/** A new grid shaped like `g`, without cells (nor merged areas: read again where the preview read them). */
function emptyLike(g: SheetGrid): SheetGrid {
  const merges = g.merges ? { merges: [] } : {};
  return { name: g.name, rows: [], formats: [], tables: g.tables.map((t) => ({ ...t })), ...(g.date1904 ? { date1904: true } : {}), ...merges };
}

/** Whether the preview read merged areas (ExcelApi 1.13): the check reads them again, in the same syncs. */
function readMergesAgain(grids: readonly SheetGrid[]): boolean {
  return grids.some((g) => g.merges !== undefined);
}

/** The merged areas of a grid that intersect `box`, as comparable text. */
function mergesIn(grid: SheetGrid, box: CellBox): string {
  return (grid.merges ?? [])
    .filter((m) => m.firstRow <= box.lastRow && m.lastRow >= box.firstRow && m.firstCol <= box.lastCol && m.lastCol >= box.firstCol)
    .map(formatRange)
    .sort()
    .join(',');
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

/** The cells of `box` that differ between two grids (values, number formats or merged areas). */
function differs(before: SheetGrid, now: SheetGrid, box: CellBox): boolean {
  if (mergesIn(before, box) !== mergesIn(now, box)) return true;
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
export function mappingOf(run: ScoringRun, chosen: ColumnChoice = {}): ColumnChoice {
  const mapping: ColumnChoice = {};
  for (const [id, column] of Object.entries(run.evaluation.indicators)) mapping[id] = column.header;
  return { ...mapping, ...chosen };
}

/**
 * Why the rows were scored again: more or fewer customers; the same customers, each row's
 * cells unchanged, in another order (sorted) or at other rows (moved); else edited.
 */
export function classify(
  before: ScoringRun,
  after: ScoringRun,
  evaluationChanged: boolean,
  rowOf: (grid: 'before' | 'now', row: number) => string,
): RescoreReason {
  if (!evaluationChanged) return 'follow-up';
  if (after.customers.length > before.customers.length) return 'rows-added';
  if (after.customers.length < before.customers.length) return 'rows-removed';
  const was = new Map(before.customers.map((c) => [normaliseKey(c.key), rowOf('before', c.row)]));
  const same = after.customers.every((c) => was.get(normaliseKey(c.key)) === rowOf('now', c.row));
  if (!same || was.size !== before.customers.length) return 'edited';
  if (before.customers.some((c, i) => normaliseKey(c.key) !== normaliseKey(after.customers[i]!.key))) return 'sorted';
  return before.customers.some((c, i) => c.row !== after.customers[i]!.row) ? 'moved' : 'edited';
}

/** A row's cells (values and formats) over `firstCol..lastCol` of the preview's grid or the grid now, as one comparable text. */
export function rowText(before: SheetGrid, now: SheetGrid, firstCol: number, lastCol: number): (which: 'before' | 'now', row: number) => string {
  return (which, r) => {
    const g = which === 'before' ? before : now;
    const line: unknown[] = [];
    for (let c = firstCol; c <= lastCol; c++) line.push(g.rows[r]?.[c] ?? null, g.formats?.[r]?.[c] ?? null);
    return JSON.stringify(line);
  };
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

/** The tables the preview of the evaluation score read: the evaluation table, then the follow-up log. */
function tablesOf(source: ReadSource): TableCandidate[] {
  return [source.evaluation, ...(source.followUp ? [source.followUp] : [])];
}

/** The columns of a write coloured per label: the tier (per tier) and the RFM segment (per segment). */
function colouredPlans(write: ManagedWrite): { column: number; labels: { label: string; color: string }[] }[] {
  return write.columns.flatMap((plan) => {
    if (plan.id === 'tier') return [{ column: plan.column, labels: write.tiers }];
    if (plan.id === 'segment') return [{ column: plan.column, labels: write.segments ?? [] }];
    return [];
  });
}

/** A coloured column's data rows down to the sheet's end (where its conditional formats are looked for). */
function colouredBox(table: TableCandidate, column: number): CellBox {
  return { firstRow: table.box.firstRow + 1, lastRow: 1_048_575, firstCol: column, lastCol: column };
}

/** What the check's first request reads besides the cells. */
interface Surroundings {
  /** The sheets written to that are protected. */
  protectedSheet?: string;
  /** Per table read: its box now (an Excel table's range, or a plain block's sheet's used rows) and whether it shows a totals row. */
  extents: { box: CellBox; totals: boolean }[];
  /** Per write of the preview, per coloured column: its conditional formats (types loaded). */
  colouredFormats: Excel.ConditionalFormatCollection[][];
  storeExists: boolean;
}

/** The grids the preview read, read again (each a new grid shaped like the preview's), and the surroundings with them. */
async function readAgain<R>(
  context: Excel.RequestContext,
  job: ApplyJob<R>,
  previewWrites: readonly TableWrite[],
  stats: SyncCounter,
): Promise<{ grids: SheetGrid[]; around: Surroundings; place: SliceTarget }> {
  const grids = job.grids.map(emptyLike);
  const withMerges = readMergesAgain(job.grids);
  const place: SliceTarget = {
    withMerges,
    place: (slice, values, formats, merges) => {
      const grid = grids.find((g) => g.name === slice.sheet)!;
      placeValues(grid, slice.box, values);
      placeFormats(grid, slice.box, formats);
      if (grid.merges) placeMerges(grid, merges);
    },
  };
  let queued: () => Surroundings = () => {
    throw new Error('the check read nothing');
  };
  const plan = planReads(
    job.reads.map((slice) => ({
      ...slice,
      rowBytes:
        rowBytesFrom(
          job.grids.find((g) => g.name === slice.sheet),
          slice.box,
        ) + (withMerges ? MERGE_ROW_BYTES : 0),
    })),
  );
  const writtenSheets = [...new Set(previewWrites.map((w) => w.table.sheet))];
  stats.syncs += await readSlices(context, plan, place, () => {
    // Queued again when the first request is split: the last one queued is the one that came back.
    const protections = writtenSheets.map((name) => ({ name, protection: context.workbook.worksheets.getItem(name).protection.load('protected') }));
    const storeExists = probeStore(context);
    const extents = job.tables.map((t) => {
      const ws = context.workbook.worksheets.getItem(t.sheet);
      const excelTable = t.source === 'excel-table' && t.name ? ws.tables.getItem(t.name).load('showTotals') : undefined;
      return { excelTable, range: (excelTable ? excelTable.getRange() : ws.getUsedRange(true)).load('address') };
    });
    const colouredFormats = previewWrites.map(({ table, write }) =>
      colouredPlans(write).map(({ column }) => {
        const formats = context.workbook.worksheets.getItem(table.sheet).getRange(address(colouredBox(table, column))).conditionalFormats;
        formats.load('items/type');
        return formats;
      }),
    );
    queued = () => {
      const locked = protections.find((p) => p.protection.protected);
      return {
        ...(locked ? { protectedSheet: locked.name } : {}),
        extents: extents.map((e) => ({ box: boxOfAddress(e.range.address), totals: e.excelTable?.showTotals === true })),
        colouredFormats,
        storeExists: storeExists(),
      };
    };
  });
  return { grids, around: queued(), place };
}

/** Stops with a sentence when a sheet written to is protected, an Excel table's columns moved, or the header cells of a table written to changed. */
function checkShape<R>(job: ApplyJob<R>, previewWrites: readonly TableWrite[], grids: SheetGrid[], around: Surroundings): void {
  if (around.protectedSheet !== undefined) throw new ScoringError('sheet-protected', { sheet: around.protectedSheet });
  job.tables.forEach((t, i) => {
    if (t.source === 'excel-table' && t.name) checkTableShape(t.name, t.box, around.extents[i]!.box);
  });
  for (const { table } of previewWrites) {
    const previewGrid = job.grids.find((g) => g.name === table.sheet)!;
    const grid = grids.find((g) => g.name === table.sheet)!;
    const header = table.box.firstRow;
    for (let c = table.box.firstCol; c <= table.box.lastCol; c++) {
      const before = cellText(previewGrid.rows[header]?.[c]);
      const after = cellText(grid.rows[header]?.[c]);
      if (before !== after) throw new ScoringError('headers-changed', { sheet: table.sheet, cell: cellRef(header, c), before, after });
    }
  }
}

/**
 * Each table's box now: an Excel table reaches exactly to its range (its customers end above a
 * totals row; the grid's table info follows), a plain block to its sheet's last used row.
 */
function boxesNow(tables: readonly TableCandidate[], grids: SheetGrid[], around: Surroundings): CellBox[] {
  return tables.map((t, i) => {
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
async function readGainedRows<R>(
  context: Excel.RequestContext,
  job: ApplyJob<R>,
  grids: SheetGrid[],
  boxes: CellBox[],
  place: SliceTarget,
  stats: SyncCounter,
): Promise<boolean[]> {
  const changed: boolean[] = [];
  for (const [i, read] of job.reads.entries()) {
    const lastRow = boxes[i]?.lastRow ?? read.box.lastRow;
    const previewOf = job.grids.find((g) => g.name === read.sheet)!;
    if (lastRow > read.box.lastRow) {
      const more = { ...read.box, firstRow: read.box.lastRow + 1, lastRow };
      const rowBytes = rowBytesFrom(previewOf, read.box) + (place.withMerges ? MERGE_ROW_BYTES : 0);
      const mergeColumns = read.mergeColumns ? { mergeColumns: read.mergeColumns } : {};
      stats.syncs += await readSlices(context, planReads([{ sheet: read.sheet, box: more, rowBytes, ...mergeColumns }]), place);
    }
    const now = grids.find((g) => g.name === read.sheet)!;
    changed.push(lastRow !== read.box.lastRow || differs(previewOf, now, { ...read.box, lastRow: Math.max(lastRow, read.box.lastRow) }));
  }
  return changed;
}

/** The rows of the evaluation score scored again as they are now, with the preview's rules, as-of date and mapping, and why. */
function scoreAgain(input: ApplyInput, grids: SheetGrid[], boxes: CellBox[], evaluationChanged: boolean): { run: ScoringRun; reason: RescoreReason } {
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
  return { run, reason: classify(preview, run, evaluationChanged, rowText(previewGrid, grid, firstCol, lastCol)) };
}

/** The evaluation score's Apply as a job: the evaluation table written, scored again as `score` would. */
export function scoringJob(input: ApplyInput, lang: Language): ApplyJob<ScoringRun> {
  return {
    run: input.run,
    grids: input.grids,
    tables: tablesOf(input.source),
    reads: input.source.reads,
    writes: (run, grids) => {
      const grid = grids.find((g) => g.name === run.evaluation.table.sheet)!;
      return [{ table: run.evaluation.table, key: run.evaluation.key.column, write: buildManagedWrite(run, grid.rows, lang, input.columns) }];
    },
    again: (grids, boxes, changed) => scoreAgain(input, grids, boxes, changed[0]!),
  };
}

/** Each coloured column's conditional formats inside its data rows, which the colouring replaces: read (one sync for all) to restore them on failure. */
async function captureColouredFormats(
  context: Excel.RequestContext,
  writes: readonly TableWrite[],
  formats: ((Excel.ConditionalFormatCollection | undefined)[] | undefined)[],
  stats: SyncCounter,
): Promise<ColouredColumn[][]> {
  const pending = writes.map(({ table, write }, w) =>
    colouredPlans(write).map(({ column, labels }, c) => {
      const found = formats[w]?.[c];
      const data = { firstRow: table.box.firstRow + 1, lastRow: table.box.lastRow, firstCol: column, lastCol: column };
      const details = (found?.items ?? []).filter((f) => RESTORABLE.has(f.type)).map((format) => ({ format, ...loadDetails(format) }));
      return { column, labels, data, details };
    }),
  );
  if (pending.some((cols) => cols.some((c) => c.details.length > 0))) {
    await context.sync();
    stats.syncs++;
  }
  return pending.map((cols) =>
    cols.map(({ column, labels, data, details }) => ({
      column,
      labels,
      replaced: details.map((d) => ({ format: d.format, captured: d.read() })).filter((r) => inside(data, r.captured.box)),
    })),
  );
}

export async function check<R>(context: Excel.RequestContext, job: ApplyJob<R>, stats: SyncCounter): Promise<CheckedState<R>> {
  // Where the columns go (and a refusal when a new one would land on data): the same after scoring again.
  const previewWrites = job.writes(job.run, job.grids);
  const { grids, around, place } = await readAgain(context, job, previewWrites, stats);
  checkShape(job, previewWrites, grids, around);
  const boxes = boxesNow(job.tables, grids, around);
  const changed = await readGainedRows(context, job, grids, boxes, place, stats);
  const again = changed.some(Boolean) ? job.again(grids, boxes, changed) : undefined;
  const run = again?.run ?? job.run;
  const writes = again ? job.writes(run, grids) : previewWrites;
  // The formats loaded are those of the preview's coloured columns: a column scored again lands where the preview's did (same table, same headers).
  const sameColumns = (w: TableWrite, i: number) => {
    const before = previewWrites[i];
    return before && before.table.sheet === w.table.sheet && colouredPlans(before.write).every((c, k) => colouredPlans(w.write)[k]?.column === c.column);
  };
  const coloured = await captureColouredFormats(
    context,
    writes,
    writes.map((w, i) => (sameColumns(w, i) ? around.colouredFormats[i] : undefined)),
    stats,
  );
  const targets: CheckedTarget[] = writes.map((w, i) => ({ ...w, grid: grids.find((g) => g.name === w.table.sheet)!, coloured: coloured[i]! }));
  return { run, targets, storeExists: around.storeExists, grids: again ? grids : job.grids, ...(again ? { rescored: { reason: again.reason } } : {}) };
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
