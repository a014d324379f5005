/**
 * Sparse cell storage for one sheet property (values, number formats, fills): an array
 * of rows, each a plain array indexed by column, `undefined` for an empty cell. Reading
 * or writing a box touches only its rows, so a 100,000-row write is linear.
 */
import type { CellBox } from './address';

export class Grid<T> {
  private rows: (T | undefined)[][] = [];

  get(row: number, col: number): T | undefined {
    return this.rows[row]?.[col];
  }

  set(row: number, col: number, value: T | undefined): void {
    if (value === undefined) {
      const cells = this.rows[row];
      if (cells && col < cells.length) {
        cells[col] = undefined;
        trimRow(cells);
      }
      return;
    }
    const cells = (this.rows[row] ??= []);
    while (cells.length < col) cells.push(undefined); // keep the row dense (no holes)
    cells[col] = value;
  }

  /** The box as a 2-D array, each cell mapped (empty cells get `map(undefined)`). */
  read<U>(box: CellBox, map: (value: T | undefined) => U): U[][] {
    const out: U[][] = new Array(box.lastRow - box.firstRow + 1);
    const width = box.lastCol - box.firstCol + 1;
    for (let r = box.firstRow, i = 0; r <= box.lastRow; r++, i++) {
      const cells = this.rows[r];
      const line: U[] = new Array(width);
      for (let c = 0; c < width; c++) line[c] = map(cells?.[box.firstCol + c]);
      out[i] = line;
    }
    return out;
  }

  /** Sets every cell of the box to `value` (undefined clears). */
  fill(box: CellBox, value: T | undefined): void {
    for (let r = box.firstRow; r <= box.lastRow; r++) {
      if (value === undefined && !this.rows[r]) continue;
      for (let c = box.firstCol; c <= box.lastCol; c++) this.set(r, c, value);
    }
  }

  /** Inserts `count` empty cells at `col` in rows firstRow..lastRow; the cells from `col` on move right. */
  insertCells(firstRow: number, lastRow: number, col: number, count = 1): void {
    for (let r = firstRow; r <= lastRow; r++) {
      const cells = this.rows[r];
      if (!cells || cells.length <= col) continue;
      cells.splice(col, 0, ...new Array<T | undefined>(count).fill(undefined));
    }
  }

  /** Removes the cell at `col` in rows firstRow..lastRow; the cells right of it move left. */
  deleteCells(firstRow: number, lastRow: number, col: number): void {
    for (let r = firstRow; r <= lastRow; r++) {
      const cells = this.rows[r];
      if (!cells || cells.length <= col) continue;
      cells.splice(col, 1);
      trimRow(cells);
    }
  }

  /** Inserts `count` empty rows before `row` (count > 0), or removes `-count` rows from `row` (count < 0). */
  shiftRows(row: number, count: number): void {
    if (row >= this.rows.length) return;
    if (count > 0) this.rows.splice(row, 0, ...Array.from({ length: count }, () => [] as (T | undefined)[]));
    else this.rows.splice(row, -count);
  }

  /** The last used column + 1 of a row (0 when the row is empty). */
  rowWidth(row: number): number {
    return this.rows[row]?.length ?? 0;
  }

  /** The smallest box holding every non-empty cell, or undefined when there is none. */
  bounds(): CellBox | undefined {
    let firstRow = -1;
    let lastRow = -1;
    let firstCol = Infinity;
    let lastCol = -1;
    for (let r = 0; r < this.rows.length; r++) {
      const cells = this.rows[r];
      if (!cells || cells.length === 0) continue;
      let first = 0;
      while (first < cells.length && cells[first] === undefined) first++;
      if (first === cells.length) continue;
      if (firstRow < 0) firstRow = r;
      lastRow = r;
      firstCol = Math.min(firstCol, first);
      lastCol = Math.max(lastCol, cells.length - 1);
    }
    return firstRow < 0 ? undefined : { firstRow, firstCol, lastRow, lastCol };
  }

  /** Number of rows that may hold cells (the last row index + 1). */
  get height(): number {
    return this.rows.length;
  }
}

function trimRow<T>(cells: (T | undefined)[]): void {
  while (cells.length > 0 && cells[cells.length - 1] === undefined) cells.pop();
}
