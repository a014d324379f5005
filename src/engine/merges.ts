/**
 * Merged cells as a workbook shows them (docs/scoring-rules.md section 1): Excel keeps a merged area's
 * value in its first cell only, so a customer's name merged down over its survey periods, its
 * follow-ups or its purchases leaves the rows under the first blank. The tables that hold
 * several rows per customer read their key through a key reader: a blank cell under a merged
 * area's first row takes that first cell's value.
 */
import type { CellBox } from './address';
import type { RawCell } from './types';

const isBlank = (cell: RawCell) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** Reads (r, c) as a row's key shows it: its own cell, or, when that is blank under a merged area's first row, the area's first cell. */
export type KeyReader = (r: number, c: number) => RawCell;

/** A key reader over a sheet's rows and merged areas (none: the cells as they are). */
export function keyReader(rows: readonly (readonly RawCell[] | undefined)[], merges: readonly CellBox[] | undefined): KeyReader {
  // For each column, the areas spanning two rows or more that cover it.
  const byColumn = new Map<number, CellBox[]>();
  for (const box of merges ?? []) {
    if (box.lastRow <= box.firstRow) continue;
    for (let c = box.firstCol; c <= box.lastCol; c++) {
      const list = byColumn.get(c);
      if (list) list.push(box);
      else byColumn.set(c, [box]);
    }
  }
  if (byColumn.size === 0) return (r, c) => rows[r]?.[c];
  return (r, c) => {
    const own = rows[r]?.[c];
    if (!isBlank(own)) return own;
    const area = byColumn.get(c)?.find((box) => r > box.firstRow && r <= box.lastRow);
    return area ? rows[area.firstRow]?.[area.firstCol] : own;
  };
}
