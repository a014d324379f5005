/**
 * Write: the managed columns of DOMAIN.md section 6, into the Excel table as table columns
 * or beside a plain range, updated in place on the next run. Everything is computed before
 * the first write; a check sync makes sure the sheet is writable, the headers and the table
 * are still the ones read and the new columns' cells are empty; then the values go out in
 * as few syncs as the 5 MB request limit allows. A failure part-way restores what was
 * written.
 */
import { cellRef, formatRange, type CellBox } from '../engine/address';
import { ScoringError } from '../engine/errors';
import type { ManagedCell, ManagedWrite } from '../engine/managed';
import { cellText, isBlank, type TableCandidate } from '../engine/tables';
import type { RawCell, SheetGrid } from '../engine/types';
import { isOfficeError, LIMITS, type ExcelHost } from './host';
import { fromExcel, jsonBytes, toExcel } from './values';

export interface WriteStats {
  /** Syncs used, the check included. */
  syncs: number;
  /** Row chunks the values were split into. */
  chunks: number;
}

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

/** Row chunks [from, to) of the data rows, each under the request budget; `cells` are columns of values as sent to Excel. */
export function chunkRows(cells: readonly (readonly (string | number)[])[], budget: number = LIMITS.writeChunkBytes): [number, number][] {
  const rows = cells[0]?.length ?? 0;
  const chunks: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  for (let r = 0; r < rows; r++) {
    // values, plus the score column's number format, plus separators
    const rowBytes = jsonBytes(cells.map((c) => c[r] ?? '')) + 8 * cells.length;
    if (r > start && bytes + rowBytes > budget) {
      chunks.push([start, r]);
      start = r;
      bytes = 0;
    }
    bytes += rowBytes;
  }
  if (rows > start) chunks.push([start, rows]);
  return chunks;
}

function address(box: CellBox): string {
  return `${cellRef(box.firstRow, box.firstCol)}:${cellRef(box.lastRow, box.lastCol)}`;
}

function excelFormulaText(text: string): string {
  return `="${text.replace(/"/g, '""')}"`;
}

/** `onProgress(rowsWritten, rows)` is called after each chunk's sync (long writes take several). */
export async function writeManagedColumns(
  host: ExcelHost, write: ManagedWrite, table: TableCandidate, grid: SheetGrid, onProgress?: (written: number, total: number) => void,
): Promise<WriteStats> {
  // Each cell as Excel must receive it, worked out once for sizing and for sending.
  const cells = columnCells(write, table, grid).map((column) => column.map(toExcel));
  const runs = columnRuns(write);
  const chunks = chunkRows(cells);
  const firstData = table.box.firstRow + 1;
  const added = write.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.added);
  const stats: WriteStats = { syncs: 0, chunks: chunks.length };

  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(write.sheet);
    // 1. Check: writable, same headers, same table, empty target cells.
    sheet.protection.load('protected');
    const header = sheet.getRange(address({ ...table.box, lastRow: table.box.firstRow }));
    header.load('values');
    const targets = added.map(({ c }) => {
      const range = sheet.getRange(address({ firstRow: table.box.firstRow, lastRow: table.box.lastRow, firstCol: c.column, lastCol: c.column }));
      range.load('values');
      return range;
    });
    // The number formats this run will set, to put back if it fails part-way.
    const formatted = write.columns
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.numberFormat)
      .map(({ c, i }) => {
        const range = sheet.getRange(address({ firstRow: firstData, lastRow: table.box.lastRow, firstCol: c.column, lastCol: c.column }));
        range.load('numberFormat');
        return { i, range };
      });
    const excelTable = table.source === 'excel-table' && table.name ? sheet.tables.getItem(table.name) : undefined;
    const tableRange = excelTable?.getRange();
    tableRange?.load('address');
    excelTable?.load('showTotals');
    await context.sync();
    stats.syncs++;
    if (sheet.protection.protected) throw new ScoringError('sheet-protected', { sheet: write.sheet });
    header.values[0]!.forEach((now, j) => {
      const before = cellText(grid.rows[table.box.firstRow]?.[table.box.firstCol + j]);
      if (cellText(fromExcel(now)) !== before) {
        throw new ScoringError('headers-changed', { sheet: write.sheet, cell: cellRef(table.box.firstRow, table.box.firstCol + j), before, after: cellText(fromExcel(now)) });
      }
    });
    if (tableRange) {
      const now = tableRange.address.slice(tableRange.address.lastIndexOf('!') + 1);
      // The candidate ends above the table's totals row (not a customer); the table includes it.
      const expected = formatRange(excelTable!.showTotals ? { ...table.box, lastRow: table.box.lastRow + 1 } : table.box);
      if (now !== expected) throw new ScoringError('table-changed', { name: table.name!, before: expected, after: now });
    }
    const occupied = targets.flatMap((range, k) =>
      range.values.flatMap((row, r) => (isBlank(fromExcel(row[0])) ? [] : [cellRef(table.box.firstRow + r, added[k]!.c.column)])));
    if (occupied.length) throw new ScoringError('columns-occupied', { cells: occupied.slice(0, 3).join(', ') + (occupied.length > 3 ? ` (+${occupied.length - 3})` : '') });

    // 2. Write, chunk by chunk; on failure, put back what was there.
    let written = 0;
    try {
      for (const [k, [from, to]] of chunks.entries()) {
        context.application.suspendApiCalculationUntilNextSync();
        if (k === 0) {
          for (const { c } of added) {
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
        if (k === chunks.length - 1) colourTiers(sheet, write, table);
        written = to;
        await context.sync();
        stats.syncs++;
        onProgress?.(written, chunks.at(-1)![1]);
      }
    } catch (error) {
      const formats = new Map(formatted.map(({ i, range }) => [i, range.numberFormat.map((row) => [String(row[0] ?? 'General')])]));
      await restore(context, sheet, excelTable, write, table, grid, added.map(({ c }) => c.header), runs, written, formats);
      if (isOfficeError(error)) throw new ScoringError('excel-failed', { code: error.code, message: error.message });
      throw error;
    }
  });
  return stats;
}

/** Tier cells coloured per tier with conditional formats on the tier column: few operations, and they follow edits. */
function colourTiers(sheet: Excel.Worksheet, write: ManagedWrite, table: TableCandidate): void {
  const tierColumn = write.columns.find((c) => c.id === 'tier');
  if (!tierColumn || table.box.lastRow <= table.box.firstRow) return;
  const range = sheet.getRange(address({ firstRow: table.box.firstRow + 1, lastRow: table.box.lastRow, firstCol: tierColumn.column, lastCol: tierColumn.column }));
  range.conditionalFormats.clearAll();
  for (const tier of write.tiers) {
    const format = range.conditionalFormats.add('CellValue');
    format.cellValue.format.fill.color = `#${tier.color}`;
    format.cellValue.rule = { formula1: excelFormulaText(tier.label), operator: 'EqualTo' };
  }
}

/** Puts back the managed columns' old values and removes the columns this run added. */
async function restore(
  context: Excel.RequestContext, sheet: Excel.Worksheet, excelTable: Excel.Table | undefined, write: ManagedWrite,
  table: TableCandidate, grid: SheetGrid, addedHeaders: string[], runs: ColumnRun[], written: number,
  formats: Map<number, string[][]>,
): Promise<void> {
  const firstData = table.box.firstRow + 1;
  if (written > 0) {
    for (const [i, old] of formats) {
      const col = write.columns[i]!.column;
      sheet.getRange(address({ firstRow: firstData, lastRow: firstData + written - 1, firstCol: col, lastCol: col })).numberFormat = old.slice(0, written);
    }
  }
  for (const run of runs) {
    const members = run.members.filter((i) => !write.columns[i]!.added);
    for (const i of members) {
      const col = write.columns[i]!.column;
      if (written === 0) continue;
      const values: (string | number)[][] = [];
      for (let r = firstData; r < firstData + written; r++) values.push([toExcel(keep(grid.rows[r]?.[col]))]);
      sheet.getRange(address({ firstRow: firstData, lastRow: firstData + written - 1, firstCol: col, lastCol: col })).values = values;
    }
  }
  if (excelTable) {
    const columns = addedHeaders.map((header) => excelTable.columns.getItemOrNullObject(header));
    columns.forEach((c) => c.load('name'));
    try {
      await context.sync();
    } catch {
      return; // cannot even look: nothing more to do
    }
    for (const c of columns) if (!c.isNullObject) c.delete();
  } else {
    for (const c of write.columns.filter((p) => p.added)) {
      sheet.getRange(address({ firstRow: table.box.firstRow, lastRow: table.box.lastRow, firstCol: c.column, lastCol: c.column })).clear('Contents');
    }
  }
  try {
    await context.sync();
  } catch {
    // The restore itself failed (the sheet became read-only, say); the first error is the one to report.
  }
}
