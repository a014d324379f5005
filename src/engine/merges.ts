/**
 * Merged cells as a workbook shows them (docs/scoring-rules.md section 1): Excel keeps a merged area's
 * value in its first cell only, so a customer's name merged down over its survey periods, its
 * follow-ups or its purchases leaves the rows under the first blank. The tables that hold
 * several rows per customer read their key through a key reader: a blank cell under a merged
 * area's first row takes that first cell's value.
 */
import type { CellBox } from './address';
import { isBlankCell } from './blank';
import type { RawCell } from './types';

/** Reads (r, c) as a row's key shows it: its own cell, or, when that is blank under a merged area's first row, the area's first cell. */
export type KeyReader = (r: number, c: number) => RawCell;

/** A key reader over a sheet's rows and merged areas (none: the cells as they are). */
export function keyReader(rows: readonly (readonly RawCell[] | undefined)[], merges: readonly CellBox[] | undefined): KeyReader {
  // For each column, the cell each row under a merged area's first row reads from (a ledger may merge 50,000 names: a look-up, not a search).
  const byColumn = new Map<number, Map<number, CellBox>>();
  for (const box of merges ?? []) {
    for (let c = box.firstCol; c <= box.lastCol; c++) {
      for (let r = box.firstRow + 1; r <= box.lastRow; r++) {
        let column = byColumn.get(c);
        if (!column) byColumn.set(c, (column = new Map()));
        column.set(r, box);
      }
    }
  }
  if (byColumn.size === 0) return (r, c) => rows[r]?.[c];
  return (r, c) => {
    const own = rows[r]?.[c];
    if (!isBlankCell(own)) return own;
    const area = byColumn.get(c)?.get(r);
    return area ? rows[area.firstRow]?.[area.firstCol] : own;
  };
}
