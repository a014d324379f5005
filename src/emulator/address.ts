/**
 * A1 addresses as Excel's API takes and gives them: `B3:M9`, `$B$3`, `Sheet1!A1:C4`,
 * `'客户评估'!B3:M9`. Boxes are 0-based and inclusive (the engine's CellBox).
 */
import { columnIndex, columnLetter, type CellBox } from '../engine/address';

export type { CellBox } from '../engine/address';

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface ParsedAddress {
  /** The sheet named in the address, unquoted; undefined when there is none. */
  sheet?: string;
  box: CellBox;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** Parses `A1`, `B3:M9`, `Sheet!A1:B2`, `'My sheet'!A1`; undefined when not such an address. */
export function parseAddress(address: string): ParsedAddress | undefined {
  let text = address.trim();
  let sheet: string | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    const raw = text.slice(0, bang);
    text = text.slice(bang + 1);
    if (raw.startsWith("'")) {
      if (!raw.endsWith("'") || raw.length < 3) return undefined;
      sheet = raw.slice(1, -1).replace(/''/g, "'");
    } else {
      if (raw === '') return undefined;
      sheet = raw;
    }
  }
  const [first, second, extra] = text.split(':');
  if (first === undefined || extra !== undefined) return undefined;
  const a = parseCell(first);
  const b = second === undefined ? a : parseCell(second);
  if (!a || !b) return undefined;
  return {
    sheet,
    box: {
      firstRow: Math.min(a.row, b.row),
      firstCol: Math.min(a.col, b.col),
      lastRow: Math.max(a.row, b.row),
      lastCol: Math.max(a.col, b.col),
    },
  };
}

function parseCell(text: string): { row: number; col: number } | undefined {
  const m = CELL.exec(text);
  if (!m) return undefined;
  const col = columnIndex(m[1]!);
  const row = Number(m[2]) - 1;
  if (row < 0 || row >= MAX_ROWS || col < 0 || col >= MAX_COLS) return undefined;
  return { row, col };
}

/** `B3:M9`, or `B3` for a single cell. */
export function boxAddress(box: CellBox): string {
  const a = `${columnLetter(box.firstCol)}${box.firstRow + 1}`;
  if (box.firstRow === box.lastRow && box.firstCol === box.lastCol) return a;
  return `${a}:${columnLetter(box.lastCol)}${box.lastRow + 1}`;
}

/** `Sheet1!B3:M9`, `'客户评估'!B3:M9`: Excel quotes a sheet name unless it is plain ASCII letters, digits, `_` and `.`. */
export function rangeAddress(sheet: string, box: CellBox): string {
  return `${quoteSheetName(sheet)}!${boxAddress(box)}`;
}

export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !looksLikeReference(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Names such as `A1`, `XFD100` or `R1C1` would read as references, so Excel quotes them. */
function looksLikeReference(name: string): boolean {
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^R\d*C\d*$/i.test(name) || /^[RC]$/i.test(name);
}

export function cellCount(box: CellBox): number {
  return (box.lastRow - box.firstRow + 1) * (box.lastCol - box.firstCol + 1);
}

export function rowCount(box: CellBox): number {
  return box.lastRow - box.firstRow + 1;
}

export function columnCount(box: CellBox): number {
  return box.lastCol - box.firstCol + 1;
}

export function insideGrid(box: CellBox): boolean {
  return (
    box.firstRow >= 0 && box.firstCol >= 0 && box.lastRow < MAX_ROWS && box.lastCol < MAX_COLS && box.firstRow <= box.lastRow && box.firstCol <= box.lastCol
  );
}

export function intersect(a: CellBox, b: CellBox): CellBox | undefined {
  const box = {
    firstRow: Math.max(a.firstRow, b.firstRow),
    firstCol: Math.max(a.firstCol, b.firstCol),
    lastRow: Math.min(a.lastRow, b.lastRow),
    lastCol: Math.min(a.lastCol, b.lastCol),
  };
  return box.firstRow <= box.lastRow && box.firstCol <= box.lastCol ? box : undefined;
}

export function contains(outer: CellBox, inner: CellBox): boolean {
  return outer.firstRow <= inner.firstRow && outer.firstCol <= inner.firstCol && outer.lastRow >= inner.lastRow && outer.lastCol >= inner.lastCol;
}

export function sameBox(a: CellBox, b: CellBox): boolean {
  return a.firstRow === b.firstRow && a.firstCol === b.firstCol && a.lastRow === b.lastRow && a.lastCol === b.lastCol;
}

export { columnIndex, columnLetter };
