/**
 * Read: the chosen tables' values in bulk — one sync for all of them while they stay under
 * Excel's read limit, row chunks above it.
 */
import { cellRef, formatRange, type CellBox } from '../engine/address';
import type { TableCandidate } from '../engine/tables';
import type { SheetGrid } from '../engine/types';
import type { WorkbookScan } from './find';
import { LIMITS, type ExcelHost } from './host';
import { placeValues } from './values';

export interface TableRead {
  table: TableCandidate;
  /** Columns right of the table to read too (where new managed columns will go). */
  extraColumns?: number;
}

interface Slice {
  sheet: string;
  box: CellBox;
}

function cells(box: CellBox): number {
  return (box.lastRow - box.firstRow + 1) * (box.lastCol - box.firstCol + 1);
}

/** Row slices of every box, packed into syncs of at most `limit` cells each. */
export function planReads(boxes: readonly Slice[], limit: number = LIMITS.readCells): Slice[][] {
  const slices: Slice[] = [];
  for (const { sheet, box } of boxes) {
    const width = box.lastCol - box.firstCol + 1;
    const rowsPerSlice = Math.max(1, Math.floor(limit / width));
    for (let r = box.firstRow; r <= box.lastRow; r += rowsPerSlice) {
      slices.push({ sheet, box: { ...box, firstRow: r, lastRow: Math.min(box.lastRow, r + rowsPerSlice - 1) } });
    }
  }
  const syncs: Slice[][] = [];
  let current: Slice[] = [];
  let load = 0;
  for (const slice of slices) {
    if (current.length && load + cells(slice.box) > limit) {
      syncs.push(current);
      current = [];
      load = 0;
    }
    current.push(slice);
    load += cells(slice.box);
  }
  if (current.length) syncs.push(current);
  return syncs;
}

/** The grids of the sheets holding the tables, with the tables' cells filled in (rows[0][0] = A1). */
export async function readTables(host: ExcelHost, scan: WorkbookScan, reads: readonly TableRead[]): Promise<SheetGrid[]> {
  const grids = new Map<string, SheetGrid>();
  for (const { table } of reads) {
    if (grids.has(table.sheet)) continue;
    const tables = scan.candidates
      .filter((c) => c.sheet === table.sheet && c.source === 'excel-table' && c.name)
      .map((c) => ({ name: c.name!, range: formatRange(c.box) }));
    grids.set(table.sheet, { name: table.sheet, rows: [], tables });
  }
  const boxes = reads.map(({ table, extraColumns = 0 }) => ({ sheet: table.sheet, box: { ...table.box, lastCol: table.box.lastCol + extraColumns } }));
  const plan = planReads(boxes);
  await host.run(async (context) => {
    for (const syncSlices of plan) {
      const loaded = syncSlices.map((slice) => {
        const range = context.workbook.worksheets.getItem(slice.sheet).getRange(`${cellRef(slice.box.firstRow, slice.box.firstCol)}:${cellRef(slice.box.lastRow, slice.box.lastCol)}`);
        range.load('values');
        return { slice, range };
      });
      await context.sync();
      for (const { slice, range } of loaded) placeValues(grids.get(slice.sheet)!, slice.box, range.values);
    }
  });
  return [...grids.values()];
}
