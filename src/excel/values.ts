/** Turning office.js range values into the engine's grids, and managed cells into values Excel stores as given. */
import type { ManagedCell } from '../engine/managed';
import type { RawCell, SheetGrid } from '../engine/types';
import type { CellBox } from '../engine/address';

/** Excel returns '' for empty cells; the engine calls them null. */
export function fromExcel(value: unknown): RawCell {
  if (value === '' || value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * A value as Excel must receive it to store it unchanged: text that Excel would read as a
 * formula (`=`, `+`, `-`, `@`), a number or a date, or whose apostrophe it would eat, gets
 * a leading apostrophe, which Excel keeps out of the cell's value.
 */
export function toExcel(value: ManagedCell): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@'\d.]/.test(value) ? `'${value}` : value;
}

/** A cell as read, as a managed cell holds it: what Apply writes back where it keeps a cell. */
export function asManagedCell(cell: RawCell): ManagedCell {
  if (cell === null || cell === undefined) return null;
  return typeof cell === 'number' ? cell : String(cell);
}

/** JSON size of a row of values, as it travels in a request. */
export function jsonBytes(row: readonly unknown[]): number {
  return new TextEncoder().encode(JSON.stringify(row)).length;
}

/** Places a block of values read from `box` into a sheet grid (rows[0][0] = A1). */
export function placeValues(grid: SheetGrid, box: CellBox, values: readonly (readonly unknown[])[]): void {
  values.forEach((row, i) => {
    const r = box.firstRow + i;
    const target = (grid.rows[r] ??= []);
    row.forEach((v, j) => {
      target[box.firstCol + j] = fromExcel(v);
    });
  });
}

/** Excel reports 'General' for cells without a number format; the engine calls that null. */
export function fromExcelFormat(format: unknown): string | null {
  return typeof format === 'string' && format !== '' && format !== 'General' ? format : null;
}

/** Places a block of number formats read from `box` into a sheet grid's `formats` (laid out like `rows`). */
export function placeFormats(grid: SheetGrid, box: CellBox, formats: readonly (readonly unknown[])[]): void {
  const target = (grid.formats ??= []);
  formats.forEach((row, i) => {
    const r = box.firstRow + i;
    const line = (target[r] ??= []);
    row.forEach((f, j) => {
      line[box.firstCol + j] = fromExcelFormat(f);
    });
  });
}
