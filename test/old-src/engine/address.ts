/** A1 addresses: 0-based column/row indices to and from Excel's letters and numbers. */

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** `C5`: the A1 reference of a 0-based cell. */
export function cellRef(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** `Sheet!C5` style address of a 0-based cell; the sheet is quoted when it needs to be. */
export function cellAddress(sheet: string, row: number, col: number): string {
  return `${quoteSheet(sheet)}!${columnLetter(col)}${row + 1}`;
}

export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

export interface CellBox {
  firstRow: number;
  firstCol: number;
  lastRow: number;
  lastCol: number;
}

/** `B3:L20` (0-based, inclusive, corners in any order); a single cell `B3` is a 1×1 box; undefined when not A1. */
export function tryParseRange(range: string): CellBox | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(range.trim());
  if (!m) return undefined;
  const a = { col: columnIndex(m[1]!), row: Number(m[2]) - 1 };
  const b = m[3] && m[4] ? { col: columnIndex(m[3]), row: Number(m[4]) - 1 } : a;
  return { firstRow: Math.min(a.row, b.row), firstCol: Math.min(a.col, b.col), lastRow: Math.max(a.row, b.row), lastCol: Math.max(a.col, b.col) };
}

export function parseRange(range: string): CellBox {
  const box = tryParseRange(range);
  if (!box) throw new Error(`not an A1 range: ${range}`);
  return box;
}

export function formatRange(box: CellBox): string {
  return `${columnLetter(box.firstCol)}${box.firstRow + 1}:${columnLetter(box.lastCol)}${box.lastRow + 1}`;
}
