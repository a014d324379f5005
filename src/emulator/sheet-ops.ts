/**
 * What operations do to a sheet's cells, shared by the proxies: protection checks, value and
 * format writes, clearing, the used range, and inserting cells (a table column) with the
 * shifts Excel makes to what lies to the right.
 */
import { cellRef } from '../engine/address';
import { boxAddress, columnCount, contains, intersect, MAX_COLS, rowCount, type CellBox } from './address';
import { GENERAL, parseInput, outputValue, type CellInput } from './cells';
import { officeError } from './errors';
import type { CellRef, SheetModel, WorkbookModel } from './model';

export function assertWritable(sheet: SheetModel, location: string): void {
  if (sheet.protected) throw officeError('AccessDenied', location, `the sheet "${sheet.name}" is protected`);
}

/** A 2-D argument of exactly the box's size, or a single non-array value for every cell. */
export function checkShape(value: unknown, box: CellBox, location: string): (r: number, c: number) => unknown {
  if (!Array.isArray(value)) return () => value;
  const rows = rowCount(box);
  const cols = columnCount(box);
  const shape = `${value.length}×${Array.isArray(value[0]) ? (value[0] as unknown[]).length : '?'}`;
  const fail = () => officeError('InvalidArgument', location, `a ${shape} array for a ${rows}×${cols} range`);
  if (value.length !== rows) throw fail();
  for (const row of value) if (!Array.isArray(row) || row.length !== cols) throw fail();
  const grid = value as unknown[][];
  return (r, c) => grid[r]![c];
}

/** Writes `values` (2-D array of the box's size, or one value) as Excel parses input. */
export function writeValues(host: { warnings: string[]; model: WorkbookModel }, sheet: SheetModel, box: CellBox, values: unknown, location: string): void {
  const at = checkShape(values, box, location);
  // Parse everything first: an invalid value fails the action before any cell changes.
  const inputs: CellInput[][] = [];
  for (let r = 0; r < rowCount(box); r++) {
    const line: CellInput[] = [];
    for (let c = 0; c < columnCount(box); c++) {
      const input = parseInput(at(r, c), sheet.formats.get(box.firstRow + r, box.firstCol + c), host.model.date1904);
      if (input.kind === 'invalid') throw officeError('InvalidArgument', location, `row ${r + 1}, column ${c + 1}: ${input.reason}`);
      line.push(input);
    }
    inputs.push(line);
  }
  sheet.markDirty(box.firstRow, box.lastRow, box.firstCol, box.lastCol);
  inputs.forEach((line, r) => {
    line.forEach((input, c) => applyInput(host, sheet, box.firstRow + r, box.firstCol + c, input));
  });
}

export function applyInput(host: { warnings: string[] }, sheet: SheetModel, row: number, col: number, input: CellInput): void {
  if (input.kind === 'skip') return;
  if (input.kind === 'clear') {
    sheet.values.set(row, col, undefined);
    return;
  }
  sheet.values.set(row, col, input.value);
  if (typeof input.value === 'object') {
    host.warnings.push(
      `${sheet.name}!${cellRef(row, col)}: "${input.value.formula}" was written as a value; Excel takes it as a formula (the emulator reads it back as #NAME?)`,
    );
  }
  if (input.numberFormat) {
    sheet.formats.set(row, col, input.numberFormat);
    sheet.markStyled(row, row);
  }
}

export function writeNumberFormats(sheet: SheetModel, box: CellBox, formats: unknown, location: string): void {
  const at = checkShape(formats, box, location);
  for (let r = 0; r < rowCount(box); r++) {
    for (let c = 0; c < columnCount(box); c++) {
      const f = at(r, c);
      if (f !== null && f !== undefined && typeof f !== 'string') {
        throw officeError('InvalidArgument', location, `number format at row ${r + 1}, column ${c + 1} is not a string`);
      }
    }
  }
  sheet.markStyled(box.firstRow, box.lastRow);
  for (let r = 0; r < rowCount(box); r++) {
    for (let c = 0; c < columnCount(box); c++) {
      const f = at(r, c) as string | null | undefined;
      if (f === null || f === undefined) continue;
      sheet.formats.set(box.firstRow + r, box.firstCol + c, f === '' || f === GENERAL ? undefined : f);
    }
  }
}

export function readValues(sheet: SheetModel, box: CellBox): (string | number | boolean)[][] {
  return sheet.values.read(box, outputValue);
}

export function readNumberFormats(sheet: SheetModel, box: CellBox): string[][] {
  return sheet.formats.read(box, (f) => f ?? GENERAL);
}

export function fillBox(sheet: SheetModel, box: CellBox, color: string | undefined): void {
  sheet.markStyled(box.firstRow, box.lastRow);
  sheet.fills.fill(box, color);
}

export type ClearWhat = 'All' | 'Contents' | 'Formats' | 'Hyperlinks' | 'RemoveHyperlinks' | 'ResetContents';

export function clearBox(model: WorkbookModel, sheet: SheetModel, box: CellBox, what: ClearWhat): void {
  if (what === 'All' || what === 'Contents' || what === 'ResetContents') {
    sheet.markDirty(box.firstRow, box.lastRow, box.firstCol, box.lastCol);
    sheet.values.fill(box, undefined);
  }
  if (what === 'All' || what === 'Formats') {
    sheet.markStyled(box.firstRow, box.lastRow);
    sheet.formats.fill(box, undefined);
    sheet.fills.fill(box, undefined);
    for (const format of model.conditionalFormatsOn(sheet)) {
      if (contains(box, format.box)) model.deleteConditionalFormat(format);
    }
  }
}

/** The used range: every value (and, unless valuesOnly, every format and fill); undefined when blank. */
export function usedBox(sheet: SheetModel, valuesOnly: boolean): CellBox | undefined {
  const boxes = [sheet.values.bounds()];
  if (!valuesOnly) boxes.push(sheet.formats.bounds(), sheet.fills.bounds());
  let out: CellBox | undefined;
  for (const box of boxes) {
    if (!box) continue;
    out = out
      ? {
          firstRow: Math.min(out.firstRow, box.firstRow),
          firstCol: Math.min(out.firstCol, box.firstCol),
          lastRow: Math.max(out.lastRow, box.lastRow),
          lastCol: Math.max(out.lastCol, box.lastCol),
        }
      : box;
  }
  return out;
}

/**
 * Inserts one column of cells at `col` in rows firstRow..lastRow, shifting the cells from
 * `col` on to the right, as Excel does when a table column is inserted. Tables, conditional
 * formats and chart references lying in those rows move (or widen when they span `col`);
 * a table cut by the row span fails with InsertDeleteConflict, as Excel refuses it.
 */
export function insertColumnCells(
  model: WorkbookModel,
  sheet: SheetModel,
  firstRow: number,
  lastRow: number,
  col: number,
  location: string,
  except?: object,
  maxOperationCells = Infinity,
): void {
  const span: CellBox = { firstRow, lastRow, firstCol: col, lastCol: MAX_COLS - 1 };
  for (const table of model.tablesOn(sheet)) {
    if (table === except) continue;
    if (!intersect(table.box, span)) continue;
    const rowsInside = table.box.firstRow >= firstRow && table.box.lastRow <= lastRow;
    if (!rowsInside) {
      throw officeError('InsertDeleteConflict', location, `inserting cells would shift part of the table "${table.name}"`);
    }
  }
  for (const merge of sheet.merges) {
    if (!intersect(merge, span)) continue;
    if (merge.firstRow < firstRow || merge.lastRow > lastRow) {
      throw officeError('InsertDeleteConflict', location, `inserting cells would shift part of the merged area ${boxAddress(merge)}`);
    }
  }
  let right = col;
  for (let r = firstRow; r <= lastRow; r++) {
    const width = Math.max(sheet.values.rowWidth(r), sheet.formats.rowWidth(r), sheet.fills.rowWidth(r));
    if (width >= MAX_COLS) throw officeError('NonBlankCellOffSheet', location, `row ${r + 1} has cells in the last column`);
    right = Math.max(right, width);
  }
  // Excel on the web refuses an insert that touches too many cells: the block from the new
  // column to the rightmost used cell of those rows, which all shift (Excel's docs:
  // rows × (16383 − table columns) when something sits in the last columns).
  const touched = rowCount({ firstRow, lastRow, firstCol: col, lastCol: col }) * (right - col + 1);
  if (touched > maxOperationCells) {
    throw officeError('OperationCellsExceedLimit', location, `the insert touches ${touched} cells; the limit is ${maxOperationCells}`);
  }
  for (let r = firstRow; r <= lastRow; r++) sheet.markDirty(r, r, col, Math.max(col, sheet.values.rowWidth(r)));
  sheet.markStyled(firstRow, lastRow);
  sheet.values.insertCells(firstRow, lastRow, col);
  sheet.formats.insertCells(firstRow, lastRow, col);
  sheet.fills.insertCells(firstRow, lastRow, col);
  const shift = (box: CellBox): CellBox => {
    if (box.firstRow < firstRow || box.lastRow > lastRow || box.lastCol < col) return box;
    if (box.firstCol >= col) return { ...box, firstCol: box.firstCol + 1, lastCol: box.lastCol + 1 };
    return { ...box, lastCol: box.lastCol + 1 };
  };
  for (const table of model.tablesOn(sheet)) if (table !== except) table.box = shift(table.box);
  for (const format of model.conditionalFormatsOn(sheet)) format.box = shift(format.box);
  sheet.merges = sheet.merges.map(shift);
  for (const chart of model.charts) {
    const shiftRef = (ref: CellRef | undefined) => {
      if (!ref || ref.sheet !== sheet) return;
      const moved = shift(ref.box);
      if (moved !== ref.box) chart.changed = true;
      ref.box = moved;
    };
    shiftRef(chart.source);
    for (const series of chart.explicitSeries) {
      shiftRef(series.categories);
      shiftRef(series.values);
      if (series.name && typeof series.name === 'object') shiftRef(series.name);
    }
  }
}

/** A box after rows were inserted (count > 0) before `row` or deleted (count < 0) from `row`; undefined when all its rows were deleted. */
export function shiftedBox(box: CellBox, row: number, count: number): CellBox | undefined {
  if (count > 0) {
    if (row <= box.firstRow) return { ...box, firstRow: box.firstRow + count, lastRow: box.lastRow + count };
    if (row <= box.lastRow) return { ...box, lastRow: box.lastRow + count };
    return box;
  }
  const last = row - count - 1; // the last deleted row
  if (last < box.firstRow) return { ...box, firstRow: box.firstRow + count, lastRow: box.lastRow + count };
  if (row > box.lastRow) return box;
  const above = Math.max(0, Math.min(box.firstRow, last + 1) - row); // deleted rows above the box
  const inside = Math.min(box.lastRow, last) - Math.max(box.firstRow, row) + 1;
  const height = box.lastRow - box.firstRow + 1 - inside;
  if (height <= 0) return undefined;
  const firstRow = box.firstRow - above;
  return { ...box, firstRow, lastRow: firstRow + height - 1 };
}

/**
 * Whole rows inserted or deleted by the user (EmulatedExcel.insertRows / deleteRows): the cells
 * below move; tables, conditional formats and chart references follow (a table loses the rows
 * deleted inside it and is removed with its header row).
 */
export function shiftRows(model: WorkbookModel, sheet: SheetModel, row: number, count: number): void {
  const height = Math.max(sheet.values.height, sheet.formats.height, sheet.fills.height);
  let width = 0;
  for (let r = row; r < height; r++) width = Math.max(width, sheet.values.rowWidth(r), sheet.formats.rowWidth(r), sheet.fills.rowWidth(r));
  sheet.values.shiftRows(row, count);
  sheet.formats.shiftRows(row, count);
  sheet.fills.shiftRows(row, count);
  // Every row from `row` down changed (moved in, or left blank): saved again across the old width.
  const last = Math.max(height, sheet.values.height) - 1;
  if (width > 0 && last >= row) {
    sheet.markDirty(row, last, 0, width - 1);
    sheet.markStyled(row, last);
  }
  for (const table of model.tablesOn(sheet)) {
    const header = table.box.firstRow;
    const box = shiftedBox(table.box, row, count);
    const headerDeleted = count < 0 && header >= row && header < row - count;
    if (!box || headerDeleted) {
      table.deleted = true;
      if (table.origin) model.deletedTables.push(table.origin);
    } else table.box = box;
  }
  model.tables = model.tables.filter((t) => !t.deleted);
  sheet.merges = keepMerged(sheet.merges.map((m) => shiftedBox(m, row, count)));
  for (const format of model.conditionalFormatsOn(sheet)) {
    const box = shiftedBox(format.box, row, count);
    if (box) format.box = box;
    else model.deleteConditionalFormat(format);
  }
  for (const chart of model.charts) {
    const refs = [chart.source, ...chart.explicitSeries.flatMap((s) => [s.categories, s.values, typeof s.name === 'object' ? s.name : undefined])];
    for (const ref of refs) {
      if (!ref || ref.sheet !== sheet) continue;
      const box = shiftedBox(ref.box, row, count);
      if (box && box !== ref.box) {
        ref.box = box;
        chart.changed = true;
      }
    }
  }
  if (model.selection?.sheet === sheet) model.selection = undefined;
}

/** Merged areas still more than one cell (a merge shrunk to one cell, or deleted, is none). */
function keepMerged(boxes: readonly (CellBox | undefined)[]): CellBox[] {
  return boxes.filter((b): b is CellBox => b !== undefined && (b.lastRow > b.firstRow || b.lastCol > b.firstCol));
}

/**
 * Removes one column of cells at `col` in rows firstRow..lastRow (a table column deleted):
 * the cells right of it in those rows move left; tables, conditional formats and chart
 * references in those rows move or narrow (a conditional format only in that column goes).
 */
export function deleteColumnCells(model: WorkbookModel, sheet: SheetModel, firstRow: number, lastRow: number, col: number, except?: object): void {
  const span: CellBox = { firstRow, lastRow, firstCol: col, lastCol: MAX_COLS - 1 };
  const cut = sheet.merges.find((m) => intersect(m, span) && (m.firstRow < firstRow || m.lastRow > lastRow));
  if (cut) throw officeError('InsertDeleteConflict', 'TableColumn.delete', `deleting cells would shift part of the merged area ${boxAddress(cut)}`);
  for (let r = firstRow; r <= lastRow; r++) sheet.markDirty(r, r, col, Math.max(col, sheet.values.rowWidth(r)));
  sheet.markStyled(firstRow, lastRow);
  sheet.values.deleteCells(firstRow, lastRow, col);
  sheet.formats.deleteCells(firstRow, lastRow, col);
  sheet.fills.deleteCells(firstRow, lastRow, col);
  const shift = (box: CellBox): CellBox | undefined => {
    if (box.firstRow < firstRow || box.lastRow > lastRow || box.lastCol < col) return box;
    if (box.firstCol > col) return { ...box, firstCol: box.firstCol - 1, lastCol: box.lastCol - 1 };
    if (box.firstCol === col && box.lastCol === col) return undefined;
    return { ...box, lastCol: box.lastCol - 1 };
  };
  for (const table of model.tablesOn(sheet)) if (table !== except) table.box = shift(table.box) ?? table.box;
  sheet.merges = keepMerged(sheet.merges.map(shift));
  for (const format of model.conditionalFormatsOn(sheet)) {
    const box = shift(format.box);
    if (box) format.box = box;
    else model.deleteConditionalFormat(format);
  }
  for (const chart of model.charts) {
    for (const ref of [chart.source, ...chart.explicitSeries.flatMap((s) => [s.categories, s.values, typeof s.name === 'object' ? s.name : undefined])]) {
      if (!ref || ref.sheet !== sheet) continue;
      const box = shift(ref.box);
      if (box && box !== ref.box) {
        ref.box = box;
        chart.changed = true;
      }
    }
  }
}
