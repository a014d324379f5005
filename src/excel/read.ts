/**
 * Read: the chosen tables' values and number formats (in the same sync, so that a cell's
 * format always belongs to its value) in bulk. Excel on the web refuses a response over
 * 5 MB, and a range of more than 5,000,000 cells comes back as null: reads are planned by
 * the bytes Excel must send back (estimated from the sample rows the scan read, or from
 * what an earlier read brought), packed into as few syncs as that allows; a sync Excel
 * still refuses as too large is split in two and read again.
 *
 * Merged areas (ExcelApi 1.13, detected at run time: manifest.xml declares 1.6): a customer's
 * name merged down over its survey periods shows in the area's first row only, and the engine
 * needs the areas to give the other rows their customer. They are asked for in the same sync
 * as the values (Range.getMergedAreasOrNullObject), over windows small enough that none can
 * hold more than the 512 areas Excel answers for at most. Below 1.13 the grids carry none.
 */
import { cellRef, formatRange, type CellBox } from '../engine/address';
import { ScoringError } from '../engine/errors';
import { keyColumnOfKind } from '../engine/mapping';
import type { TableCandidate } from '../engine/tables';
import type { CellFormat, RawCell, SheetGrid } from '../engine/types';
import type { WorkbookScan } from './find';
import { inExcel, isOfficeError, LIMITS, supportsExcelApi, type ExcelHost } from './host';
import { jsonBytes, placeFormats, placeValues } from './values';

export interface TableRead {
  table: TableCandidate;
  /** Columns right of the table to read too (where new managed columns will go). */
  extraColumns?: number;
}

export interface Slice {
  sheet: string;
  box: CellBox;
  /**
   * The columns whose merged areas are asked for (the table's key columns, 客户名称 and 客户编号:
   * the engine reads a row's customer through them, engine/merges.ts); absent: every column.
   */
  mergeColumns?: readonly number[];
}

/** A box to read and the bytes one of its rows is expected to take in the response (values + number formats, as JSON). */
export interface PlannedBox extends Slice {
  rowBytes: number;
}

/** What a read hands over: a slice's values, number formats and, when they were read, its merged areas (whole, 0-based). */
export type PlaceSlice = (slice: Slice, values: unknown[][], formats: unknown[][], merges?: CellBox[]) => void;

/**
 * Excel answers at most 512 merged areas per range ("more than 512 … will fail to return the
 * result", office-js typings of getMergedAreasOrNullObject). An area has two cells at least
 * and areas do not overlap: every area a window of R rows and W columns finds holds a cell of
 * the window and a neighbour of it, both inside the window grown by one cell on each side, so
 * it finds at most (R + 2)(W + 2) / 2 areas. Windows keep (R + 2)(W + 2) within 1,024 cells.
 */
const MERGE_WINDOW_CELLS = 1024;
const MERGE_WINDOW_COLUMNS = 30;

/** The windows that cover `box` for merged areas (see MERGE_WINDOW_CELLS), left to right, top to bottom. */
export function mergeWindows(box: CellBox): CellBox[] {
  const out: CellBox[] = [];
  const width = Math.min(box.lastCol - box.firstCol + 1, MERGE_WINDOW_COLUMNS);
  const height = Math.floor(MERGE_WINDOW_CELLS / (width + 2)) - 2;
  for (let r = box.firstRow; r <= box.lastRow; r += height) {
    for (let c = box.firstCol; c <= box.lastCol; c += width) {
      out.push({ firstRow: r, lastRow: Math.min(r + height - 1, box.lastRow), firstCol: c, lastCol: Math.min(c + width - 1, box.lastCol) });
    }
  }
  return out;
}

/**
 * Response bytes per row allowed for merged areas: windows without any answer a null object,
 * and an area takes about 64 bytes of JSON (its row, column, height and width). A customer's
 * name merged over every two rows takes 32 bytes a row; with this allowance and SEEN_MARGIN,
 * a request planned full is refused only when its rows hold less than about 80 bytes of
 * values and formats besides, and a refused request is split and read again: a sync more,
 * never a wrong read. A larger allowance would cost workbooks without merges a sync.
 */
export const MERGE_ROW_BYTES = 8;

const MERGE_PROPERTIES = 'areas/items/rowIndex, areas/items/columnIndex, areas/items/rowCount, areas/items/columnCount';

/** Whether the add-in asks Excel for merged areas: ExcelApi 1.13. */
export function readsMerges(host: ExcelHost): boolean {
  return supportsExcelApi(host, '1.13');
}

function rows(box: CellBox): number {
  return box.lastRow - box.firstRow + 1;
}

/** Bytes per cell assumed when nothing of a table was seen: a short text and a short format code. */
const UNSEEN_CELL_BYTES = 48;

/**
 * The margin over the rows seen. Their bytes are exact (the JSON of the same cells as Excel
 * sends them); rows further down differ only by their content: longer serial numbers and
 * names, a note filled in (about 2 % more per row in the bench's 10,000-customer workbook
 * than its first 50 rows). With the read budget at 90 % of the response limit, a planned
 * request is refused only when its rows average 1.28 times the rows seen, and a refused
 * request is split in two and read again (readSlices): a sync more, never a wrong read.
 */
export const SEEN_MARGIN = 1.15;

/**
 * The response bytes of one row `width` cells wide: from rows already seen (values and
 * formats as read, each row's JSON plus its separator in both arrays), with SEEN_MARGIN for
 * rows further down that hold longer text.
 */
export function estimateRowBytes(width: number, seen?: { values: readonly (readonly RawCell[])[]; formats?: readonly (readonly CellFormat[])[] }): number {
  const n = seen?.values.length ?? 0;
  if (!seen || n === 0) return width * UNSEEN_CELL_BYTES;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const values = seen.values[i] ?? [];
    const formats = seen.formats?.[i] ?? [];
    const line: unknown[] = [];
    const fline: unknown[] = [];
    for (let c = 0; c < width; c++) {
      line.push(values[c] ?? '');
      fline.push(formats[c] ?? 'General');
    }
    total += jsonBytes(line) + jsonBytes(fline) + 2;
  }
  return Math.ceil((total / n) * SEEN_MARGIN);
}

/**
 * Row slices of every box, in order, packed into syncs of at most `budget` bytes each: a box
 * fills what room the sync before it left, so that the syncs are as few as the bytes allow.
 * No slice is more than `maxCells` cells; a single row over the budget is read alone.
 */
export function planReads(boxes: readonly PlannedBox[], budget: number = LIMITS.readBudgetBytes, maxCells: number = LIMITS.readCells): Slice[][] {
  const syncs: Slice[][] = [];
  let current: Slice[] = [];
  let load = 0;
  for (const { sheet, box, rowBytes, mergeColumns } of boxes) {
    const width = box.lastCol - box.firstCol + 1;
    const perRow = Math.max(1, rowBytes);
    const maxRows = Math.max(1, Math.floor(maxCells / width));
    for (let r = box.firstRow; r <= box.lastRow;) {
      let fit = Math.min(Math.floor((budget - load) / perRow), maxRows, box.lastRow - r + 1);
      if (fit < 1) {
        if (current.length > 0) {
          syncs.push(current);
          current = [];
          load = 0;
          continue;
        }
        fit = 1;
      }
      current.push({ sheet, box: { ...box, firstRow: r, lastRow: r + fit - 1 }, ...(mergeColumns ? { mergeColumns } : {}) });
      load += fit * perRow;
      r += fit;
    }
  }
  if (current.length) syncs.push(current);
  return syncs;
}

/** A sync's slices in two halves (by slices, or by rows for a single slice); undefined for one row. */
function split(group: readonly Slice[]): Slice[][] | undefined {
  if (group.length > 1) {
    const half = Math.ceil(group.length / 2);
    return [group.slice(0, half), group.slice(half)];
  }
  const [only] = group;
  if (!only || only.box.firstRow === only.box.lastRow) return undefined;
  const middle = only.box.firstRow + Math.floor(rows(only.box) / 2) - 1;
  return [[{ ...only, box: { ...only.box, lastRow: middle } }], [{ ...only, box: { ...only.box, firstRow: middle + 1 } }]];
}

export function address(box: CellBox): string {
  return `${cellRef(box.firstRow, box.firstCol)}:${cellRef(box.lastRow, box.lastCol)}`;
}

/** Where a read's slices go, with whether their merged areas are read too (in the same syncs). */
export interface SliceTarget {
  place: PlaceSlice;
  withMerges: boolean;
}

/**
 * Reads the planned syncs: each slice's values and number formats in one sync, handed to
 * `place`, with its merged areas when the target asks for them (in the same sync; an Excel
 * that answers ApiNotFound for them is read without). A sync Excel refuses as too large (or
 * whose values come back null) is split and read again. `alongside` queues other loads into
 * the first request (again if it is split). Returns the number of syncs that carried reads.
 */
export async function readSlices(
  context: Excel.RequestContext,
  plan: readonly (readonly Slice[])[],
  target: PlaceSlice | SliceTarget,
  alongside?: () => void,
): Promise<number> {
  const place = typeof target === 'function' ? target : target.place;
  const queue = plan.map((group) => [...group]);
  let pendingAlongside = alongside;
  let merges = typeof target === 'function' ? false : target.withMerges;
  let syncs = 0;
  while (queue.length > 0) {
    const group = queue.shift()!;
    pendingAlongside?.();
    const mergesAsked = merges;
    const loaded = group.map((slice) => {
      const sheet = context.workbook.worksheets.getItem(slice.sheet);
      const range = sheet.getRange(address(slice.box));
      range.load('values, numberFormat');
      let areas: Excel.RangeAreas[] | undefined;
      if (merges) {
        try {
          areas = mergeBoxes(slice).flatMap((box) =>
            mergeWindows(box).map((w) => sheet.getRange(address(w)).getMergedAreasOrNullObject().load(MERGE_PROPERTIES)),
          );
        } catch (error) {
          // Thrown at the call where office.js knows the API set is missing.
          if (!isOfficeError(error) || error.code !== 'ApiNotFound') throw error;
          merges = false;
        }
      }
      return { slice, range, areas };
    });
    let refused: unknown;
    try {
      await context.sync();
      syncs++;
      if (loaded.some(({ range }) => !Array.isArray(range.values) || !Array.isArray(range.numberFormat))) {
        refused = new ScoringError('excel-failed', { code: 'RangeExceedsLimit', step: 'read' });
      }
    } catch (error) {
      if (mergesAsked && merges && isOfficeError(error) && error.code === 'ApiNotFound') {
        // Excel has no merged areas after all (it reported a newer set than it has): read again without.
        merges = false;
        queue.unshift(group);
        continue;
      }
      if (!isOfficeError(error) || error.code !== 'ResponsePayloadSizeLimitExceeded') throw error;
      refused = error;
    }
    if (refused !== undefined) {
      const halves = split(group);
      if (!halves) throw refused; // a single row Excel cannot send
      queue.unshift(...halves);
      continue;
    }
    pendingAlongside = undefined;
    for (const { slice, range, areas } of loaded) place(slice, range.values, range.numberFormat, areas && merges ? areasOf(areas) : undefined);
  }
  return syncs;
}

/** The merged areas the windows found, as 0-based boxes, each once. */
function areasOf(windows: readonly Excel.RangeAreas[]): CellBox[] {
  const seen = new Map<string, CellBox>();
  for (const found of windows) {
    if (found.isNullObject) continue;
    for (const r of found.areas.items) {
      const box = { firstRow: r.rowIndex, firstCol: r.columnIndex, lastRow: r.rowIndex + r.rowCount - 1, lastCol: r.columnIndex + r.columnCount - 1 };
      seen.set(formatRange(box), box);
    }
  }
  return [...seen.values()];
}

/** Adds merged areas read to a grid, each once; `undefined` (not read) leaves the grid without any. */
export function placeMerges(grid: SheetGrid, merges: readonly CellBox[] | undefined): void {
  if (!merges) {
    delete grid.merges;
    return;
  }
  const list = (grid.merges ??= []);
  const known = new Set(list.map(formatRange));
  for (const box of merges) {
    if (known.has(formatRange(box))) continue;
    known.add(formatRange(box));
    list.push({ ...box });
  }
}

/** The boxes a table read covers: the table and its extra columns. */
export function readBoxes(reads: readonly TableRead[]): Slice[] {
  return reads.map(({ table, extraColumns = 0 }) => {
    const mergeColumns = (['name', 'id'] as const).flatMap((kind) => keyColumnOfKind(table, kind)?.column ?? []);
    return { sheet: table.sheet, box: { ...table.box, lastCol: table.box.lastCol + extraColumns }, ...(mergeColumns.length > 0 ? { mergeColumns } : {}) };
  });
}

/** The boxes of a slice whose merged areas are asked for: its key columns' (each a column of the slice's rows), else the whole slice. */
export function mergeBoxes(slice: Slice): CellBox[] {
  const { box, mergeColumns } = slice;
  if (!mergeColumns) return [box];
  return mergeColumns.filter((c) => c >= box.firstCol && c <= box.lastCol).map((c) => ({ ...box, firstCol: c, lastCol: c }));
}

/**
 * The grids of the sheets holding the tables, with the tables' cells (values and formats)
 * filled in (rows[0][0] = A1), and from ExcelApi 1.13 the merged areas found in them.
 */
export async function readTables(host: ExcelHost, scan: WorkbookScan, reads: readonly TableRead[]): Promise<SheetGrid[]> {
  const withMerges = readsMerges(host);
  const grids = new Map<string, SheetGrid>();
  for (const { table } of reads) {
    if (grids.has(table.sheet)) continue;
    const tables = scan.candidates
      .filter((c) => c.sheet === table.sheet && c.source === 'excel-table' && c.name)
      .map((c) => ({ name: c.name!, range: formatRange(c.box) }));
    grids.set(table.sheet, {
      name: table.sheet,
      rows: [],
      formats: [],
      tables,
      ...(scan.date1904 ? { date1904: true } : {}),
      ...(withMerges ? { merges: [] } : {}),
    });
  }
  const boxes = readBoxes(reads).map((slice, i) => {
    const sample = reads[i]!.table.sample;
    const width = slice.box.lastCol - slice.box.firstCol + 1;
    return { ...slice, rowBytes: estimateRowBytes(width, sample) + (withMerges ? MERGE_ROW_BYTES : 0) };
  });
  await inExcel(host, 'read', (context) =>
    readSlices(context, planReads(boxes), {
      withMerges,
      place: (slice, values, formats, merges) => {
        const grid = grids.get(slice.sheet)!;
        placeValues(grid, slice.box, values);
        placeFormats(grid, slice.box, formats);
        placeMerges(grid, merges);
      },
    }),
  );
  return [...grids.values()];
}
