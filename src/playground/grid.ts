/** Pure helpers for the playground's sheet grid. */
import { columnIndex, columnLetter } from '../engine/address';

/** 0 → A, 25 → Z, 26 → AA: the engine's column letters, under the name the grid uses. */
export const columnName = columnLetter;

/** The top-left cell of an address such as `'客户 评估'!B3:K20` or `Sheet1!A1`: 0-based row and column. */
export function topLeft(address: string): { row: number; col: number } {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(local);
  if (!m) return { row: 0, col: 0 };
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}

/** How a cell value is shown in the grid. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/**
 * The 0-based sheet rows shown bold as headers: the header row of every Excel table on the
 * sheet, or, without tables, the first non-empty row of the used range.
 */
export function headerRows(values: unknown[][], firstRow: number, tableRanges: string[]): Set<number> {
  const rows = new Set<number>();
  for (const range of tableRanges) rows.add(topLeft(range).row);
  if (rows.size === 0) {
    const i = values.findIndex((row) => row.some((v) => v !== null && v !== undefined && v !== ''));
    if (i >= 0) rows.add(firstRow + i);
  }
  return rows;
}

/** `?workbook=` → an absolute URL when it is same-origin, else undefined. */
export function sameOriginUrl(param: string, base: string): string | undefined {
  try {
    const url = new URL(param, base);
    return url.origin === new URL(base).origin ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** `客户.xlsx` → `客户.playground.xlsx`. */
export function downloadName(name: string): string {
  const stem = name.replace(/\.xlsx$/i, '') || 'workbook';
  return `${stem}.playground.xlsx`;
}

/**
 * `?pane=320x600`: the task pane's frame at a fixed size in CSS pixels, as Excel shows it (its
 * narrowest pane is 320 wide), instead of filling the column; undefined when absent or not a size.
 */
export function paneSize(param: string | null): { width: number; height: number } | undefined {
  const m = /^(\d{3,4})x(\d{3,4})$/.exec(param ?? '');
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}
