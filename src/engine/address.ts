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

/** `B3:L20` (0-based, inclusive); a single cell `B3` is a 1×1 box. */
export function parseRange(range: string): CellBox {
  const m = /^\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(range.trim());
  if (!m) throw new Error(`not an A1 range: ${range}`);
  const firstCol = columnIndex(m[1]!);
  const firstRow = Number(m[2]) - 1;
  const lastCol = m[3] ? columnIndex(m[3]) : firstCol;
  const lastRow = m[4] ? Number(m[4]) - 1 : firstRow;
  return { firstRow, firstCol, lastRow, lastCol };
}

export function formatRange(box: CellBox): string {
  return `${columnLetter(box.firstCol)}${box.firstRow + 1}:${columnLetter(box.lastCol)}${box.lastRow + 1}`;
}
