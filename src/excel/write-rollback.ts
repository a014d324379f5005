/**
 * Apply's last step, rolling back (write.ts runs the steps). A failure part-way through the
 * writes puts back what the rollback record of each table written says this run changed: only
 * the cells that still hold what it wrote get what they held before (a co-author's newer edit
 * stays), the columns it added go (or, when someone typed into one meanwhile, only this run's
 * cells in it), and the conditional formats the tier and segment colouring replaced come back
 * with their priorities.
 */
import { cellRef, type CellBox } from '../engine/address';
import type { ManagedCell, ManagedColumnPlan } from '../engine/managed';
import { isBlankCell } from '../engine/blank';
import { cellText, type TableCandidate } from '../engine/tables';
import type { RawCell, SheetGrid } from '../engine/types';
import { address } from './read';
import { inside, loadDetails, RESTORABLE, type CheckedTarget, type ReplacedFormat } from './write-check';
import { asManagedCell, fromExcel, toExcel } from './values';

/** What the cells of one write request held before it, read in that request: its data rows and, per managed column it overwrote, values and number formats. */
export interface HeldCells {
  from: number;
  to: number;
  columns: ({ values: unknown[][]; formats: unknown[][] } | undefined)[];
}

/**
 * What this run wrote and what it replaced, kept as the writing goes: everything rolling
 * back needs, and nothing else.
 */
export interface RollbackRecord {
  sheet: string;
  /** The table written into: its header row and data rows (an Excel table by name). */
  table: TableCandidate;
  /** The managed columns, and which of them this run added. */
  columns: readonly ManagedColumnPlan[];
  /** Per managed column, per data row: what this run writes there. */
  written: readonly (readonly ManagedCell[])[];
  /** Data rows, from the first, that a write request was made for: a request that failed may have written some of its cells. */
  attempted: number;
  /** What the cells held before, per write request that came back. */
  held: HeldCells[];
  /** The sheet as the check read it: what the cells held where no request came back. */
  checked: SheetGrid;
  /** The coloured columns (the tier, the RFM segment) and the conditional formats their colouring replaced. */
  coloured: readonly { column: number; replaced: readonly ReplacedFormat[] }[];
}

/** A record of nothing written yet, for the write of `target`; `written` is what it writes, per managed column and data row. */
export function startRecord(target: CheckedTarget, written: readonly (readonly ManagedCell[])[]): RollbackRecord {
  return {
    sheet: target.write.sheet,
    table: target.table,
    columns: target.write.columns,
    written,
    attempted: 0,
    held: [],
    checked: target.grid,
    coloured: target.coloured.map(({ column, replaced }) => ({ column, replaced })),
  };
}

/** What the cell of managed column `i` in sheet row `r` held before this run: as its request read it, or as the check did. */
function heldBefore(record: RollbackRecord, i: number, r: number): { value: RawCell; format: string } {
  const at = r - (record.table.box.firstRow + 1);
  const held = record.held.find((h) => at >= h.from && at < h.to);
  const cells = held?.columns[i];
  if (held && cells) {
    const k = at - held.from;
    const format = cells.formats[k]?.[0];
    return { value: fromExcel(cells.values[k]?.[0]), format: typeof format === 'string' ? format : 'General' };
  }
  const col = record.columns[i]!.column;
  return { value: record.checked.rows[r]?.[col] ?? null, format: record.checked.formats?.[r]?.[col] ?? 'General' };
}

/** A cell as Excel reports it holds what this run wrote there (the value before toExcel). */
function holdsWritten(now: unknown, written: ManagedCell): boolean {
  const cell = fromExcel(now);
  if (written === null) return isBlankCell(cell);
  return typeof written === 'number' ? cell === written : cell === written;
}

/** The number formats managed column `i` held in sheet rows [a, b). */
function heldFormats(record: RollbackRecord, i: number, a: number, b: number): string[][] {
  const formats: string[][] = [];
  for (let r = a; r < b; r++) formats.push([heldBefore(record, i, r).format]);
  return formats;
}

/**
 * Queues putting back managed column `i` from the record, given what its cells hold now (`now`,
 * from the header row): a cell that still holds what this run wrote gets what it held; an added
 * column is removed, or, when someone typed into it meanwhile (or it is a plain range), only
 * this run's cells are cleared.
 */
function putBackColumn(sheet: Excel.Worksheet, record: RollbackRecord, i: number, now: unknown[][]): void {
  const { table } = record;
  const plan = record.columns[i]!;
  const header = table.box.firstRow;
  const firstData = header + 1;
  const end = firstData + record.attempted;
  const ours = (r: number) => holdsWritten(now[r - header]?.[0], record.written[i]![r - firstData] ?? null);
  const at = (a: number, b: number) => sheet.getRange(address({ firstRow: a, lastRow: b - 1, firstCol: plan.column, lastCol: plan.column }));
  if (plan.added) {
    const headerOurs = cellText(fromExcel(now[0]?.[0])) === plan.header;
    let foreign = !headerOurs;
    for (let r = firstData; r <= table.box.lastRow; r++) if (!ours(r) && !isBlankCell(fromExcel(now[r - header]?.[0]))) foreign = true;
    if (!foreign && table.source === 'excel-table' && table.name) {
      sheet.tables.getItem(table.name).columns.getItem(plan.header).delete();
      return;
    }
    for (const [a, b] of runsWhere(firstData, end, ours)) {
      const range = at(a, b);
      range.clear('Contents');
      if (plan.numberFormat) range.numberFormat = heldFormats(record, i, a, b);
    }
    if (headerOurs && !foreign) sheet.getRange(cellRef(header, plan.column)).clear('Contents');
    return;
  }
  for (const [a, b] of runsWhere(firstData, end, ours)) {
    const range = at(a, b);
    const old: (string | number)[][] = [];
    for (let r = a; r < b; r++) old.push([toExcel(asManagedCell(heldBefore(record, i, r).value))]);
    if (plan.numberFormat) range.numberFormat = heldFormats(record, i, a, b);
    range.values = old;
  }
}

/** The colouring's formats on a coloured column's data rows (and any partial replacement) out; the replaced ones back with their priorities. */
async function restoreColumnFormats(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  replaced: readonly ReplacedFormat[],
  data: CellBox,
  formatsNow: Excel.ConditionalFormatCollection,
): Promise<void> {
  const details = formatsNow.items.filter((f) => RESTORABLE.has(f.type)).map((format) => ({ format, ...loadDetails(format) }));
  await context.sync();
  for (const d of details) if (inside(data, d.read().box)) d.format.delete();
  const byPriority = [...replaced].sort((a, b) => b.captured.priority - a.captured.priority);
  for (const { captured } of byPriority) {
    const format = sheet.getRange(address(captured.box)).conditionalFormats.add(captured.type as Excel.ConditionalFormatType);
    const part = captured.type === 'CellValue' ? format.cellValue : captured.type === 'ContainsText' ? format.textComparison : format.custom;
    (part as { rule: unknown }).rule = captured.rule;
    if (captured.fill) part.format.fill.color = captured.fill;
    if (captured.font) part.format.font.color = captured.font;
    format.stopIfTrue = captured.stopIfTrue;
  }
}

/**
 * Puts the table back as the record says it was: the managed cells of the attempted rows
 * that still hold what this run wrote, the columns it added, the coloured columns' formats.
 */
export async function rollBack(context: Excel.RequestContext, record: RollbackRecord): Promise<void> {
  const { table } = record;
  const sheet = context.workbook.worksheets.getItem(record.sheet);
  const header = table.box.firstRow;
  const firstData = header + 1;
  // What the cells hold now, from the header row (an added table column may not exist: read it by its header). An added column is read whole: a cell typed into it by someone else keeps it.
  const now = record.columns.map((plan) =>
    sheet
      .getRange(
        address({
          firstRow: header,
          lastRow: plan.added ? table.box.lastRow : firstData + record.attempted - 1,
          firstCol: plan.column,
          lastCol: plan.column,
        }),
      )
      .load('values'),
  );
  const coloured = record.coloured.map(({ column, replaced }) => {
    const data = { firstRow: firstData, lastRow: table.box.lastRow, firstCol: column, lastCol: column };
    return { replaced, data, formatsNow: sheet.getRange(address({ ...data, lastRow: 1_048_575 })).conditionalFormats.load('items/type') };
  });
  await context.sync();
  record.columns.forEach((_, i) => putBackColumn(sheet, record, i, now[i]!.values));
  for (const { replaced, data, formatsNow } of coloured) await restoreColumnFormats(context, sheet, replaced, data, formatsNow);
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
