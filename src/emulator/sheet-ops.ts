/**
 * What operations do to a sheet's cells, shared by the proxies: protection checks, value and
 * format writes, clearing, the used range, and inserting cells (a table column) with the
 * shifts Excel makes to what lies to the right.
 */
import { columnCount, contains, intersect, MAX_COLS, rowCount, type CellBox } from './address';
import { GENERAL, parseInput, outputValue, type CellInput } from './cells';
import { officeError } from './errors';
import type { CellRef, SheetModel, WorkbookModel } from './model';

export function assertWritable(sheet: SheetModel, location: string): void {
  if (sheet.protected) throw officeError('AccessDenied', location, `the sheet "${sheet.name}" is protected`);
}

/** A 2-D argument of exactly the box's size, or a single non-array value for every cell. */
export function checkShape(value: unknown, box: CellBox, location: string): ((r: number, c: number) => unknown) {
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
export function writeValues(host: { warnings: string[] }, sheet: SheetModel, box: CellBox, values: unknown, location: string): void {
  const at = checkShape(values, box, location);
  // Parse everything first: an invalid value fails the action before any cell changes.
  const inputs: CellInput[][] = [];
  for (let r = 0; r < rowCount(box); r++) {
    const line: CellInput[] = [];
    for (let c = 0; c < columnCount(box); c++) {
      const input = parseInput(at(r, c), sheet.formats.get(box.firstRow + r, box.firstCol + c));
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
    host.warnings.push(`${sheet.name}!${colRow(row, col)}: "${input.value.formula}" was written as a value; Excel takes it as a formula (the emulator reads it back as #NAME?)`);
  }
  if (input.numberFormat) {
    sheet.formats.set(row, col, input.numberFormat);
    sheet.markStyled(row, row);
  }
}

function colRow(row: number, col: number): string {
  let n = col + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${row + 1}`;
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
export function insertColumnCells(model: WorkbookModel, sheet: SheetModel, firstRow: number, lastRow: number, col: number, location: string, except?: object): void {
  const span: CellBox = { firstRow, lastRow, firstCol: col, lastCol: MAX_COLS - 1 };
  for (const table of model.tablesOn(sheet)) {
    if (table === except) continue;
    if (!intersect(table.box, span)) continue;
    const rowsInside = table.box.firstRow >= firstRow && table.box.lastRow <= lastRow;
    if (!rowsInside) {
      throw officeError('InsertDeleteConflict', location, `inserting cells would shift part of the table "${table.name}"`);
    }
  }
  for (let r = firstRow; r <= lastRow; r++) {
    if (sheet.values.rowWidth(r) >= MAX_COLS || sheet.formats.rowWidth(r) >= MAX_COLS || sheet.fills.rowWidth(r) >= MAX_COLS) {
      throw officeError('InsertDeleteConflict', location, 'the cells would be pushed off the sheet');
    }
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

