/**
 * What both writers share: the shapes of a write (managed columns, cells of a sheet of the
 * caller's own), the checks every write passes before anything is saved, how wide a new
 * column is made, and how a table part grows by new columns.
 *
 * The writers: direct-write.ts (the streaming one, used for every package it can handle) and
 * write-excelize.ts (the excelize-wasm one, kept as the fallback for the others); write.ts
 * picks.
 */
import { cellRef, columnLetter, tryParseRange, type CellBox } from '../engine/address';
import type { ChartSpec } from '../engine/chart-specs';
import { writeFailed } from './errors';
import { attr } from './ooxml';
import { Unsupported } from './zip-package';

/** How a cell style is derived from another for a managed cell (both writers derive styles alike). */
export interface DeriveOptions {
  numberFormat: string | undefined;
  /** Set the number format only when the style has none (General). */
  onlyIfGeneral: boolean;
  /** 'RRGGBB' to set, null to remove, undefined to keep. */
  fill: string | null | undefined;
  /** Drop the base style's fill and number format first (a template copied from a neighbour). */
  strip?: boolean;
}

/** The key under which a derived style is remembered: one derived style per base and options. */
function deriveKey(base: number, opts: DeriveOptions): string {
  return `${base}|${opts.numberFormat ?? ''}|${opts.onlyIfGeneral}|${opts.fill === undefined ? '~' : (opts.fill ?? '-')}|${opts.strip ?? false}`;
}

/** Derived styles remembered per base and options, so that each is computed (and added) once. */
export class DerivedStyles {
  private readonly memo = new Map<string, number>();

  constructor(private readonly compute: (base: number, opts: DeriveOptions) => number) {}

  derive(base: number, opts: DeriveOptions): number {
    const key = deriveKey(base, opts);
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const id = this.compute(base, opts);
    this.memo.set(key, id);
    return id;
  }
}

export type CellWrite = string | number | null; // null = clear the cell's value

export interface ColumnWrite {
  /** 0-based column index (0 = A). */
  col: number;
  /** 0-based row index of the header row. */
  headerRow: number;
  header: string;
  /** row 0-based; fill = 'RRGGBB' background or undefined. */
  values: { row: number; value: CellWrite; fill?: string }[];
  /** e.g. '0.0' for the score column. */
  numberFormat?: string;
}

export interface SheetWrite {
  sheet: string;
  columns: ColumnWrite[];
  /** The Excel table to (re)size to `range` so the new columns become table columns. */
  table?: { name: string; range: string };
}

/** Cells written one by one on a sheet the caller owns (created at the end of the workbook when missing). */
export interface CellsWrite {
  sheet: string;
  /** 0-based row and column; a string is text (never a formula), null clears the cell's value. */
  cells: readonly { row: number; col: number; value: CellWrite }[];
  /** 'veryHidden': hidden so that users cannot unhide it from Excel's menus. Absent: left as it is (a new sheet is visible). */
  visibility?: 'veryHidden';
  /**
   * Charts drawn on this sheet from its cells: each found on the sheet by its name is
   * replaced in place, one not found is added; the sheet's other charts and pictures stay.
   */
  charts?: readonly ChartSpec[];
  /**
   * Names of charts of ours to remove from this sheet where it has them (an earlier run's
   * charts that this run does not draw), with their chart parts; a second chart of a name in
   * `charts` goes too. Every other chart and picture stays.
   */
  staleCharts?: readonly string[];
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** Refuses (write-failed, invalid-write) managed columns that are not valid: a caller's bug, said before anything is saved. */
export function validate(write: SheetWrite): void {
  const seen = new Set<number>();
  for (const column of write.columns) {
    const where = `column ${Number.isInteger(column.col) && column.col >= 0 ? columnLetter(column.col) : column.col} of "${write.sheet}"`;
    if (!Number.isInteger(column.col) || column.col < 0 || column.col >= MAX_COLS) {
      throw writeFailed({ reason: 'invalid-write' }, `Invalid column index ${column.col}.`);
    }
    if (seen.has(column.col)) throw writeFailed({ reason: 'invalid-write' }, `${where} is written twice.`);
    seen.add(column.col);
    if (typeof column.header !== 'string' || column.header.trim() === '') throw writeFailed({ reason: 'invalid-write' }, `${where} has no header.`);
    if (!Number.isInteger(column.headerRow) || column.headerRow < 0 || column.headerRow >= MAX_ROWS) {
      throw writeFailed({ reason: 'invalid-write' }, `Invalid header row ${column.headerRow} in ${where}.`);
    }
    const rows = new Set<number>();
    for (const { row, value, fill } of column.values) {
      if (!Number.isInteger(row) || row < 0 || row >= MAX_ROWS || row === column.headerRow) {
        throw writeFailed({ reason: 'invalid-write' }, `Invalid row ${row} in ${where}.`);
      }
      if (rows.has(row)) throw writeFailed({ reason: 'invalid-write' }, `Row ${row + 1} of ${where} is written twice.`);
      rows.add(row);
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw writeFailed({ reason: 'invalid-write' }, `${cellRef(row, column.col)} of "${write.sheet}": ${value} is not a number Excel can store.`);
      }
      if (value !== null && typeof value !== 'number' && typeof value !== 'string') {
        throw writeFailed({ reason: 'invalid-write' }, `${cellRef(row, column.col)} of "${write.sheet}": unsupported value ${String(value)}.`);
      }
      if (fill !== undefined && !/^#?[0-9a-fA-F]{6}$/.test(fill)) {
        throw writeFailed({ reason: 'invalid-write' }, `${cellRef(row, column.col)} of "${write.sheet}": fill "${fill}" is not RRGGBB.`);
      }
    }
  }
}

/** Refuses (write-failed, invalid-write) cells that are not valid. */
export function validateCells(write: CellsWrite): void {
  const { sheet } = write;
  const seen = new Set<number>();
  for (const { row, col, value } of write.cells) {
    if (!Number.isInteger(row) || row < 0 || row >= MAX_ROWS || !Number.isInteger(col) || col < 0 || col >= MAX_COLS) {
      throw writeFailed({ reason: 'invalid-write' }, `Invalid cell (row ${row}, column ${col}) on "${sheet}".`);
    }
    if (seen.has(row * MAX_COLS + col)) throw writeFailed({ reason: 'invalid-write' }, `${cellRef(row, col)} of "${sheet}" is written twice.`);
    seen.add(row * MAX_COLS + col);
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw writeFailed({ reason: 'invalid-write' }, `${cellRef(row, col)} of "${sheet}": ${value} is not a number Excel can store.`);
    }
    if (value !== null && typeof value !== 'number' && typeof value !== 'string') {
      throw writeFailed({ reason: 'invalid-write' }, `${cellRef(row, col)} of "${sheet}": unsupported value ${String(value)}.`);
    }
  }
}

/** The width a new column gets: its header and values fit (CJK characters count double), between 10 and 50. */
export function newColumnWidth(column: ColumnWrite): number {
  let widest = displayWidth(column.header) + 3; // room for the table's filter button
  for (const { value } of column.values.slice(0, 500)) {
    if (typeof value === 'string') widest = Math.max(widest, displayWidth(value));
  }
  return Math.min(50, Math.max(10, widest + 1));
}

function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

/**
 * A table part grown from `now` to `next` by new columns at its right, as Excel grows a
 * table: `ref` and the autoFilter's range cover them, and each gets a `<tableColumn>` with
 * the next free id and its header as name. Everything else stays: the totals row (still the
 * last row, its labels and functions on their columns), calculated columns, style, ids.
 */
export function withNewColumns(xml: string, now: CellBox, next: CellBox, names: readonly string[]): string {
  const rangeAttr = (tag: string, text: string, grow: (box: CellBox) => CellBox): string =>
    text.replace(new RegExp(`(<(?:[\\w.-]+:)?${tag}(?=[\\s>/])[^>]*?\\sref\\s*=\\s*)(["'])([^"']*)\\2`), (whole, head: string, quote: string, ref: string) => {
      const box = tryParseRange(ref);
      return box ? `${head}${quote}${formatBox(grow(box))}${quote}` : whole;
    });
  let out = rangeAttr('table', xml, () => next);
  out = rangeAttr('autoFilter', out, (box) => (box.lastCol === now.lastCol ? { ...box, lastCol: next.lastCol } : box));
  const columns = /<((?:[\w.-]+:)?)tableColumns(?=[\s>])([^>]*)>([\s\S]*?)<\/\1tableColumns>/.exec(out);
  if (!columns) throw writeFailed({ reason: 'generate' }, 'The table part has no tableColumns.');
  const [whole, prefix = '', attrs = '', body = ''] = columns;
  const ids = [...body.matchAll(/<(?:[\w.-]+:)?tableColumn(?=[\s/>])[^>]*?\sid\s*=\s*["'](\d+)["']/g)].map((m) => Number(m[1]));
  let id = Math.max(0, ...ids);
  const added = names.map((name) => `<${prefix}tableColumn id="${++id}" name="${escapeXml(name)}"/>`).join('');
  const count = ids.length + names.length;
  const head = /\scount\s*=/.test(attrs) ? attrs.replace(/(\scount\s*=\s*)(["'])\d*\2/, `$1"${count}"`) : `${attrs} count="${count}"`;
  return out.replace(whole, () => `<${prefix}tableColumns${head}>${body}${added}</${prefix}tableColumns>`);
}

/**
 * A table part (without a totals row) resized from `now` to `next`, both starting at the same
 * header cell: `ref` and the autoFilter cover `next`; columns added at the right get a
 * `<tableColumn>` named by `names` (the headers of the new columns), columns dropped at the
 * right lose theirs. What the excelize writer did by deleting and re-adding the table,
 * without losing the part's other settings.
 */
export function resizedTablePart(xml: string, now: CellBox, next: CellBox, names: readonly string[]): string {
  if (next.lastCol >= now.lastCol) {
    const grown = withNewColumns(xml, now, { ...next, lastRow: now.lastRow }, names);
    return setRef(setRef(grown, 'table', next), 'autoFilter', next);
  }
  const columns = /<((?:[\w.-]+:)?)tableColumns(?=[\s>])([^>]*)>([\s\S]*?)<\/\1tableColumns>/.exec(xml);
  if (!columns) throw writeFailed({ reason: 'generate' }, 'The table part has no tableColumns.');
  const [whole, prefix = '', attrs = '', body = ''] = columns;
  const keep = next.lastCol - next.firstCol + 1;
  const items = [...body.matchAll(new RegExp(`<${prefix}tableColumn(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${prefix}tableColumn>)`, 'g'))].map((m) => m[0]);
  const head = /\scount\s*=/.test(attrs) ? attrs.replace(/(\scount\s*=\s*)(["'])\d*\2/, `$1"${keep}"`) : `${attrs} count="${keep}"`;
  const out = xml.replace(whole, () => `<${prefix}tableColumns${head}>${items.slice(0, keep).join('')}</${prefix}tableColumns>`);
  return setRef(setRef(out, 'table', next), 'autoFilter', next);
}

function setRef(xml: string, tag: string, box: CellBox): string {
  return xml.replace(
    new RegExp(`(<(?:[\\w.-]+:)?${tag}(?=[\\s>/])[^>]*?\\sref\\s*=\\s*)(["'])([^"']*)\\2`),
    (whole, head: string, quote: string) => `${head}${quote}${formatBox(box)}${quote}`,
  );
}

/** `A1:B2` of a box. */
export function formatBox(box: CellBox): string {
  return `${cellRef(box.firstRow, box.firstCol)}:${cellRef(box.lastRow, box.lastCol)}`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What a table resize is checked against: the table as it is and as asked for. */
export interface TableResize {
  /** The name users see (displayName, else name). */
  tableName: string;
  now: CellBox;
  next: CellBox;
  /** The range asked for, as the caller wrote it (for the sentences). */
  range: string;
  totalsRows: number;
  /** The table element's headerRowCount attribute, when it has one. */
  headerRowCount: string | undefined;
  /** The text of the header cell in column `col` of the header row (as the sheet will hold it). */
  headerAt(col: number): string;
}

/**
 * The checks both writers make before a table part is resized, refused with writeFailed:
 * a table grows or shrinks from its header row only, keeps a data row, has a header row,
 * its headers are non-empty and unique (case-insensitive, as Excel requires), and one with a
 * totals row only gains columns. The totals row stays the table's last row when the caller
 * gave the range of its header and data rows. Undefined when the table already covers the
 * range; else the range to write and the names of the new columns.
 */
export function checkTableResize(t: TableResize): { next: CellBox; newNames: string[] } | undefined {
  const { tableName, now, range, totalsRows } = t;
  let next = t.next;
  if (totalsRows > 0 && next.lastRow === now.lastRow - totalsRows) next = { ...next, lastRow: now.lastRow };
  if (now.firstRow === next.firstRow && now.firstCol === next.firstCol && now.lastRow === next.lastRow && now.lastCol === next.lastCol) return undefined;
  if (next.firstRow !== now.firstRow || next.firstCol !== now.firstCol) {
    throw writeFailed(
      { reason: 'table-moved', table: tableName, cell: cellRef(now.firstRow, now.firstCol), range },
      `Table "${tableName}" can only grow or shrink from its header row at ${cellRef(now.firstRow, now.firstCol)}, not move to ${range}.`,
    );
  }
  if (next.lastRow <= next.firstRow) throw writeFailed({ reason: 'table-no-data', table: tableName, range }, `Table range ${range} has no data row.`);
  if (t.headerRowCount === '0') {
    throw writeFailed({ reason: 'table-no-header', table: tableName }, `Table "${tableName}" has no header row; it cannot be resized automatically.`);
  }
  const seen = new Map<string, string>();
  const headers: string[] = [];
  for (let col = next.firstCol; col <= next.lastCol; col++) {
    const ref = cellRef(next.firstRow, col);
    const header = t.headerAt(col).trim();
    if (header === '') throw writeFailed({ reason: 'table-empty-header', table: tableName, cell: ref }, `Table "${tableName}": header cell ${ref} is empty.`);
    const key = header.toLowerCase();
    const other = seen.get(key);
    if (other)
      throw writeFailed(
        { reason: 'table-duplicate-header', table: tableName, cell: other, other: ref, header },
        `Table "${tableName}": headers ${other} and ${ref} are both "${header}".`,
      );
    seen.set(key, ref);
    headers.push(header);
  }
  if (totalsRows > 0 && (next.lastRow !== now.lastRow || next.lastCol < now.lastCol)) {
    throw writeFailed(
      { reason: 'table-totals', table: tableName, range },
      `Table "${tableName}" has a totals row; only columns can be added to it, not ${range}.`,
    );
  }
  return { next, newNames: headers.slice(now.lastCol - now.firstCol + 1) };
}

/** The number after the highest `rIdN` of a relationships part: the next free id is `rId` + it. */
export function nextRelId(relsXml: string): number {
  const ids = [...relsXml.matchAll(/\sId\s*=\s*["']rId(\d+)["']/g)].map((m) => Number(m[1]));
  return Math.max(0, ...ids) + 1;
}

/** `xml` with `items` just before the closing tag of its root `element` (whatever its prefix; a self-closing one opened up). */
export function insertBeforeClose(xml: string, element: string, items: string): string {
  const m = new RegExp(`</([\\w.-]+:)?${element}>\\s*$`).exec(xml);
  if (m) return xml.slice(0, m.index) + items + xml.slice(m.index);
  const empty = new RegExp(`<((?:[\\w.-]+:)?${element})(?=[\\s/])([^>]*?)/>`).exec(xml);
  if (!empty) throw new Unsupported(`no ${element} element`);
  return xml.slice(0, empty.index) + `<${empty[1]}${empty[2]}>${items}</${empty[1]}>` + xml.slice(empty.index + empty[0].length);
}

/** A relationships part without the relationship `id`. */
export function withoutRelationship(relsXml: string, id: string): string {
  return relsXml.replace(/<(?:[\w.-]+:)?Relationship(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?Relationship>)/g, (whole) =>
    attr(whole, 'Id') === id ? '' : whole,
  );
}

/** `[Content_Types].xml` without the override of `part` (a package path, case-insensitive). */
export function withoutOverride(typesXml: string, part: string): string {
  return typesXml.replace(/<(?:[\w.-]+:)?Override(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?Override>)/g, (whole) => {
    const name = attr(whole, 'PartName');
    return name !== undefined && name.replace(/^\//, '').toLowerCase() === part.toLowerCase() ? '' : whole;
  });
}
