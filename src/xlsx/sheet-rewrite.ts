/**
 * Rewrites one worksheet part as a stream: the inflated XML is scanned row by row, rows the
 * plan does not touch are copied as they are, planned rows get their cells inserted or
 * replaced in column order (and rows that do not exist yet are inserted in row order), and
 * the result is deflated as it is produced. Neither the sheet's XML nor its cells are ever
 * held whole: at 100,000 customers the sheet is 40 MB of XML and the rewrite holds a few
 * hundred KB.
 *
 * It works on the UTF-8 bytes, never decoding the sheet to text: markup is ASCII, so rows,
 * cells and the attributes it reads (`r`, `s`, `t`, `spans`) are found byte by byte, copied
 * as byte ranges, and the cells it writes are ASCII (text goes to the shared strings). Only
 * the few cells a plan looks at (the header row, a cell it replaces) are decoded. That
 * halves the work of a rewrite against decoding and encoding 40 MB of mostly CJK text.
 *
 * What is before `<sheetData>` (dimension, sheet views, column widths) is held back until
 * the plan says it can be edited (a new column's width depends on whether its header cell
 * was empty), then edited once and written. The rewriter refuses (Unsupported, so that
 * write.ts falls back to excelize) what it cannot rewrite faithfully: rows or cells out of
 * order, anything but rows inside `<sheetData>`, and a shared or array formula whose master
 * cell would be overwritten while cells it covers stay.
 */
import { tryParseRange } from '../engine/address';
import { attr } from './ooxml';
import { DeflateSink, Unsupported, type DeflatedPart } from './zip-package';

export interface ExistingCell {
  col: number;
  /** Style id (`s`), 0 when absent. */
  style: number;
  /** The `t` attribute, undefined when absent (a number). */
  type: string | undefined;
  /** The whole `<c>` element. */
  xml: string;
}

export interface RenderedCell {
  /** The `<c>` element, '' for no cell at all. */
  xml: string;
  style: number;
}

export interface PlannedCell {
  col: number;
  /**
   * The cell to write, given the existing one (undefined when there is none) and the final
   * style of the cell on its left (0 when there is none); undefined keeps the existing cell.
   */
  render(existing: ExistingCell | undefined, left: number): RenderedCell | undefined;
}

export interface SheetPlan {
  /** 0-based rows that get cells, ascending, each once. */
  rows: ArrayLike<number>;
  /** The cells planned on `row`, ascending by column. Called once per planned row, rows ascending. */
  cellsAt(row: number): PlannedCell[];
  /** Rows whose final cells the caller wants to see (a table's header row). */
  capture?: ReadonlySet<number>;
  onCapture?(row: number, cells: readonly ExistingCell[]): void;
  /** Whether the cell will be written by the plan (a replaced formula master may cover only such cells). */
  writes(row: number, col: number): boolean;
  /** An existing cell is replaced (its shared string reference goes, for one). */
  onReplaced?(cell: ExistingCell): void;
  /** Whether the part before `<sheetData>` may be edited now (checked after each planned row). */
  prefixReady(): boolean;
  /** The part before `<sheetData>` as it is to be written. */
  editPrefix(prefix: string): string;
  /**
   * The part after `</sheetData>` as it is to be written (a drawing to refer to). Without it
   * the part is copied as it streams; with it, it is held whole (a few elements) until the end.
   */
  editSuffix?(suffix: string): string;
}

export interface RewriteResult {
  part: DeflatedPart;
  /** A formula cell was overwritten (the calculation chain no longer holds). */
  formulaRemoved: boolean;
}

const FORMULA = /<(?:[\w.-]+:)?f[\s>/]/;
const SHEET_DATA = /<([\w.-]+:)?sheetData(?=[\s/>])[^>]*?(\/?)>/g;
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

function isBoundary(ch: number | undefined): boolean {
  return ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13;
}

/** Whether `bytes` occur in `buf` at `at`. */
function at(buf: Buffer, pos: number, bytes: Buffer): boolean {
  if (pos + bytes.length > buf.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[pos + i] !== bytes[i]) return false;
  return true;
}

/**
 * The first `byte` in `buf` from `from` (before `to`), -1 when there is none: a loop, for the
 * short distances inside a row, where Buffer#indexOf's call costs more than the search.
 */
function find(buf: Buffer, byte: number, from: number, to: number = buf.length): number {
  for (let i = from; i < to; i++) if (buf[i] === byte) return i;
  return -1;
}

/** The first `</c>` (as `close`) in `buf` from `from` (before `to`), -1 when there is none. */
function findClose(buf: Buffer, close: Buffer, from: number, to: number): number {
  for (let i = find(buf, LT, from, to); i >= 0; i = find(buf, LT, i + 1, to)) if (at(buf, i, close)) return i;
  return -1;
}

/** Where the value found by the last attrAt call ends. */
let valueEnd = 0;

/**
 * Where the value of attribute `name` starts in a start tag's attributes (`from`…`to` of
 * `buf`), -1 when it has none; its end is left in `valueEnd`. Values are not unescaped
 * (the attributes read this way, `r`, `s`, `t`, `spans`, never need it).
 */
function attrAt(buf: Buffer, from: number, to: number, name: string): number {
  let i = from;
  while (i < to) {
    let c = buf[i]!;
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && (c = buf[i]!) !== 61 && c !== 32 && c !== 9 && c !== 10 && c !== 13) i++;
    let matches = i - nameStart === name.length;
    for (let k = 0; matches && k < name.length; k++) matches = buf[nameStart + k] === name.charCodeAt(k);
    while (i < to && buf[i] !== 61) i++;
    i++;
    while (i < to && ((c = buf[i]!) === 32 || c === 9 || c === 10 || c === 13)) i++;
    const quote = buf[i];
    if (quote !== 34 && quote !== 39) return -1;
    const start = ++i;
    while (i < to && buf[i] !== quote) i++;
    if (matches) {
      valueEnd = i;
      return start;
    }
    i++;
  }
  return -1;
}

/** The unsigned integer written in `buf` from `from` to `to`, NaN when it is not one. */
function integerAt(buf: Buffer, from: number, to: number): number {
  if (from >= to) return NaN;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The 0-based column of a cell's `r` attribute, read from its start tag (`from`…`to`, after
 * the element name): -2 when it has none, -1 when it is no reference.
 */
function refColumn(buf: Buffer, from: number, to: number): number {
  const value = attrAt(buf, from, to, 'r');
  if (value < 0) return -2;
  let n = 0;
  for (let k = value; k < valueEnd; k++) {
    const ch = buf[k]!;
    if (ch === 36 /* $ */ && k === value) continue;
    if (ch >= 65 && ch <= 90) n = n * 26 + (ch - 64);
    else if (ch >= 97 && ch <= 122) n = n * 26 + (ch - 96);
    else break;
  }
  return n > 0 ? n - 1 : -1;
}

/** Rewrites the sheet whose XML `source` yields (as UTF-8 chunks) according to `plan`. */
export async function rewriteSheet(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, plan: SheetPlan): Promise<RewriteResult> {
  const sink = new DeflateSink();
  try {
    const rewriter = new Rewriter(plan);
    for await (const chunk of source) {
      rewriter.feed(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), false);
      await sink.write(rewriter.take());
    }
    rewriter.feed(Buffer.alloc(0), true);
    await sink.write(rewriter.take());
    return { part: await sink.end(), formulaRemoved: rewriter.formulaRemoved };
  } catch (error) {
    sink.abort();
    throw error;
  }
}

const EMPTY = Buffer.alloc(0);

class Rewriter {
  formulaRemoved = false;
  private buf: Buffer = EMPTY;
  private phase: 'prefix' | 'rows' | 'suffix' = 'prefix';
  /** What is produced: byte ranges of the input and ASCII (or UTF-8) text. */
  private out: (Buffer | string)[] = [];
  private held: (Buffer | string)[] | null = null;
  private heldPrefix = '';
  private p = '';
  private rowOpen = '<row';
  private rowClose = '</row>';
  private rowOpenBytes = Buffer.from('<row');
  private rowCloseBytes = Buffer.from('</row>');
  private cOpenBytes = Buffer.from('<c');
  private cCloseBytes = Buffer.from('</c>');
  private endBytes = Buffer.from('</sheetData>');
  private lastRow = -1;
  private next = 0;
  /** What follows `</sheetData>`, held for the plan's editSuffix. */
  private suffix: Buffer[] = [];

  constructor(private readonly plan: SheetPlan) {}

  /** What has been produced since the last call, as bytes. */
  take(): Buffer {
    if (this.out.length === 0) return EMPTY;
    const pieces: Buffer[] = [];
    let text = '';
    for (const piece of this.out) {
      if (typeof piece === 'string') text += piece;
      else {
        if (text !== '') {
          pieces.push(Buffer.from(text, 'utf8'));
          text = '';
        }
        pieces.push(piece);
      }
    }
    if (text !== '') pieces.push(Buffer.from(text, 'utf8'));
    this.out = [];
    return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
  }

  private emit(piece: Buffer | string): void {
    if (this.held) this.held.push(piece);
    else this.out.push(piece);
  }

  private releaseIfReady(force: boolean): void {
    if (!this.held || (!force && !this.plan.prefixReady())) return;
    const held = this.held;
    this.held = null;
    this.out.push(this.plan.editPrefix(this.heldPrefix), ...held);
    this.heldPrefix = '';
  }

  feed(chunk: Buffer, final: boolean): void {
    const buf = this.buf.length === 0 ? chunk : chunk.length === 0 ? this.buf : Buffer.concat([this.buf, chunk]);
    let pos = 0;
    if (this.phase === 'prefix') {
      // Markup is ASCII: found in a latin1 reading, whose offsets are the bytes'.
      SHEET_DATA.lastIndex = 0;
      const m = SHEET_DATA.exec(buf.toString('latin1'));
      if (!m) {
        if (final) throw new Unsupported('worksheet without sheetData');
        this.buf = buf;
        return;
      }
      this.p = m[1] ?? '';
      this.rowOpen = `<${this.p}row`;
      this.rowClose = `</${this.p}row>`;
      this.rowOpenBytes = Buffer.from(this.rowOpen);
      this.rowCloseBytes = Buffer.from(this.rowClose);
      this.cOpenBytes = Buffer.from(`<${this.p}c`);
      this.cCloseBytes = Buffer.from(`</${this.p}c>`);
      this.endBytes = Buffer.from(`</${this.p}sheetData>`);
      this.heldPrefix = buf.toString('utf8', 0, m.index);
      this.held = [];
      pos = m.index + m[0].length;
      if (m[2] === '/') {
        this.emit(`<${this.p}sheetData>`);
        this.insertUpTo(Infinity);
        this.emit(`</${this.p}sheetData>`);
        this.releaseIfReady(true);
        this.phase = 'suffix';
      } else {
        this.emit(buf.subarray(m.index, pos));
        this.releaseIfReady(false);
        this.phase = 'rows';
      }
    }
    if (this.phase === 'rows') pos = this.rows(buf, pos, final);
    if (this.phase === 'suffix') {
      if (pos < buf.length) {
        if (this.plan.editSuffix) this.suffix.push(Buffer.from(buf.subarray(pos)));
        else this.emit(buf.subarray(pos));
      }
      pos = buf.length;
      if (final && this.plan.editSuffix) this.emit(this.plan.editSuffix(Buffer.concat(this.suffix).toString('utf8')));
    }
    // The unhandled rest (a row cut by the chunk's end) is copied: the chunk's buffer may be reused.
    this.buf = pos < buf.length ? Buffer.from(buf.subarray(pos)) : EMPTY;
    if (final && this.phase !== 'suffix') throw new Unsupported('worksheet ends inside sheetData');
  }

  /** Handles the complete rows in `buf` from `pos`; returns where the unhandled rest starts. */
  private rows(buf: Buffer, pos: number, final: boolean): number {
    const end = this.endBytes;
    for (;;) {
      const lt = find(buf, LT, pos);
      if (lt < 0) {
        if (pos < buf.length) this.emit(buf.subarray(pos));
        return buf.length;
      }
      if (lt > pos) this.emit(buf.subarray(pos, lt));
      pos = lt;
      if (at(buf, lt, this.rowOpenBytes) && isBoundary(buf[lt + this.rowOpenBytes.length])) {
        const gt = find(buf, GT, lt);
        if (gt < 0) return pos;
        const selfClosing = buf[gt - 1] === SLASH;
        let rowEnd = gt + 1;
        if (!selfClosing) {
          const close = buf.indexOf(this.rowCloseBytes, gt);
          if (close < 0) return pos;
          rowEnd = close + this.rowCloseBytes.length;
        }
        this.row(buf, lt, gt, rowEnd, selfClosing);
        pos = rowEnd;
      } else if (at(buf, lt, end)) {
        this.insertUpTo(Infinity);
        this.emit(end);
        this.releaseIfReady(true);
        this.phase = 'suffix';
        return lt + end.length;
      } else if (at(buf, lt, COMMENT)) {
        const close = buf.indexOf('-->', lt);
        if (close < 0) return pos;
        this.emit(buf.subarray(lt, close + 3));
        pos = close + 3;
      } else {
        if (!final && buf.length - lt < end.length + 8) return pos; // a tag cut by the chunk's end
        throw new Unsupported(`unexpected element in sheetData: ${buf.toString('utf8', lt, Math.min(buf.length, lt + 20))}`);
      }
    }
  }

  /** Inserts the planned rows before `row` that the sheet does not have. */
  private insertUpTo(row: number): void {
    const rows = this.plan.rows;
    while (this.next < rows.length && rows[this.next]! < row) {
      const r = rows[this.next++]!;
      this.n = 0;
      const pieces = this.merge(r, EMPTY, 0, 0, 0);
      if (pieces.length > 0) {
        this.emit(`${this.rowOpen} r="${r + 1}">`);
        for (const piece of pieces) this.emit(piece);
        this.emit(this.rowClose);
      }
      this.afterPlannedRow(r, pieces);
    }
  }

  private afterPlannedRow(row: number, pieces: readonly (Buffer | string)[]): void {
    if (this.plan.capture?.has(row)) {
      const content = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
      this.plan.onCapture?.(row, this.cellsOf(content, 0, content.length));
    }
    this.releaseIfReady(false);
  }

  private row(buf: Buffer, start: number, gt: number, end: number, selfClosing: boolean): void {
    const headStart = start + this.rowOpenBytes.length;
    const headEnd = selfClosing ? gt - 1 : gt;
    const r = attrAt(buf, headStart, headEnd, 'r');
    const hasR = r >= 0;
    const number = hasR ? integerAt(buf, r, valueEnd) : NaN;
    const row = number > 0 ? number - 1 : this.lastRow + 1;
    if (row <= this.lastRow) throw new Unsupported('rows out of order');
    this.lastRow = row;
    this.insertUpTo(row);
    const rows = this.plan.rows;
    const contentEnd = selfClosing ? gt + 1 : end - this.rowCloseBytes.length;
    if (!(this.next < rows.length && rows[this.next] === row)) {
      this.emit(buf.subarray(start, end));
      if (this.plan.capture?.has(row)) this.plan.onCapture?.(row, this.cellsOf(buf, gt + 1, contentEnd));
      return;
    }
    this.next++;
    const tail = this.scanCells(buf, gt + 1, contentEnd);
    const pieces = this.merge(row, buf, gt + 1, tail, contentEnd);
    this.emit(this.rowOpen);
    this.rowAttrs(buf, headStart, headEnd, hasR, row);
    this.emit('>');
    for (const piece of pieces) this.emit(piece);
    this.emit(this.rowClose);
    this.afterPlannedRow(row, pieces);
  }

  /** Emits the row's attributes (`from`…`to` of `buf`) with `r` present and `spans` covering its planned cells. */
  private rowAttrs(buf: Buffer, from: number, to: number, hasR: boolean, row: number): void {
    if (!hasR) this.emit(` r="${row + 1}"`);
    const spans = this.plannedMin >= 0 ? attrAt(buf, from, to, 'spans') : -1;
    if (spans < 0) {
      if (to > from) this.emit(buf.subarray(from, to));
      return;
    }
    const text = buf.toString('latin1', spans, valueEnd);
    const key = `${text}|${this.plannedMin}|${this.plannedMax}`;
    if (key !== this.spansKey) {
      // Rows of a sheet mostly share their spans: the new text is worked out once per kind.
      const numbers = text
        .split(/[\s:]+/)
        .filter((x) => /^\d+$/.test(x))
        .map(Number);
      this.spansKey = key;
      this.spansText = `${Math.min(...numbers, this.plannedMin + 1)}:${Math.max(...numbers, this.plannedMax + 1)}`;
    }
    const afterSpans = valueEnd;
    this.emit(buf.subarray(from, spans));
    this.emit(this.spansText);
    this.emit(buf.subarray(afterSpans, to));
  }

  private spansKey = '';
  private spansText = '';

  // The cells of the row being rewritten: where each starts and ends, its column (reused arrays).
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private cols = new Int32Array(64);
  private n = 0;
  private plannedMin = -1;
  private plannedMax = -1;

  /** Finds the `<c>` elements of a row's content; returns where what follows the last one starts. */
  private scanCells(buf: Buffer, from: number, to: number): number {
    this.n = 0;
    let pos = from;
    let col = -1;
    const cOpen = this.cOpenBytes;
    while (pos < to) {
      const lt = find(buf, LT, pos, to);
      if (lt < 0) return pos;
      if (!(at(buf, lt, cOpen) && isBoundary(buf[lt + cOpen.length]))) return lt;
      const gt = find(buf, GT, lt, to);
      if (gt < 0) throw new Unsupported('unclosed cell');
      let end = gt + 1;
      if (buf[gt - 1] !== SLASH) {
        const close = findClose(buf, this.cCloseBytes, gt, to);
        if (close < 0) throw new Unsupported('unclosed cell');
        end = close + this.cCloseBytes.length;
      }
      const ref = refColumn(buf, lt + cOpen.length, gt);
      const column = ref === -2 ? col + 1 : ref;
      if (column <= col) throw new Unsupported('cells out of order');
      col = column;
      if (this.n === this.starts.length) this.grow();
      this.starts[this.n] = lt;
      this.ends[this.n] = end;
      this.cols[this.n] = col;
      this.n++;
      pos = end;
    }
    return to;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    for (const key of ['starts', 'ends', 'cols'] as const) {
      const grown = new Int32Array(size);
      grown.set(this[key]);
      this[key] = grown;
    }
  }

  /** The i-th scanned cell as an object (only for the few cells the plan looks at). */
  private existing(buf: Buffer, i: number): ExistingCell {
    const start = this.starts[i]!;
    const gt = find(buf, GT, start);
    const end = buf[gt - 1] === SLASH ? gt - 1 : gt;
    const t = attrAt(buf, start + this.cOpenBytes.length, end, 't');
    const type = t >= 0 ? buf.toString('latin1', t, valueEnd) : undefined;
    return { col: this.cols[i]!, style: this.styleOf(buf, i), type, xml: buf.toString('utf8', start, this.ends[i]!) };
  }

  /** The style id of the i-th scanned cell (0 without one). */
  private styleOf(buf: Buffer, i: number): number {
    const start = this.starts[i]!;
    const gt = find(buf, GT, start);
    const s = attrAt(buf, start + this.cOpenBytes.length, buf[gt - 1] === SLASH ? gt - 1 : gt, 's');
    if (s < 0) return 0;
    const style = integerAt(buf, s, valueEnd);
    return Number.isInteger(style) ? style : 0;
  }

  /** Every `<c>` of a row's content as objects (a captured row). */
  private cellsOf(buf: Buffer, from: number, to: number): ExistingCell[] {
    this.scanCells(buf, from, to);
    return Array.from({ length: this.n }, (_, i) => this.existing(buf, i));
  }

  /**
   * The row's content with the planned cells inserted or replaced in column order, as pieces:
   * runs of the existing cells (`from`…`to` of `buf` is the row's content, `tail` where what
   * follows its last cell starts; scanCells ran on it) and the cells written.
   */
  private merge(row: number, buf: Buffer, from: number, tail: number, to: number): (Buffer | string)[] {
    const planned = this.plan.cellsAt(row);
    this.plannedMin = planned.length > 0 ? planned[0]!.col : -1;
    this.plannedMax = planned.length > 0 ? planned[planned.length - 1]!.col : -1;
    const pieces: (Buffer | string)[] = [];
    let run = from;
    let a = 0;
    // What is left of the next planned cell: a column, and its style (or the scanned cell to read it from).
    let lastCol = -2;
    let lastStyle = 0;
    let lastCell = -1;
    for (const plan of planned) {
      while (a < this.n && this.cols[a]! < plan.col) {
        lastCol = this.cols[a]!;
        lastCell = a;
        a++;
      }
      const same = a < this.n && this.cols[a] === plan.col ? a : -1;
      const existing = same >= 0 ? this.existing(buf, same) : undefined;
      let left = 0;
      if (lastCol === plan.col - 1) left = lastCell >= 0 ? this.styleOf(buf, lastCell) : lastStyle;
      const rendered = plan.render(existing, left);
      if (rendered === undefined) {
        if (existing) {
          lastCol = existing.col;
          lastCell = same;
          a++;
        }
        continue;
      }
      const cut = same >= 0 ? this.starts[same]! : a < this.n ? this.starts[a]! : tail;
      if (cut > run) pieces.push(buf.subarray(run, cut));
      // Plans write `<c>` and `<v>`: in a sheet whose elements carry a prefix, the cells get it too.
      if (rendered.xml !== '') pieces.push(this.p === '' ? rendered.xml : rendered.xml.replace(/<(\/?)(c|v)(?=[\s/>])/g, `<$1${this.p}$2`));
      run = same >= 0 ? this.ends[same]! : cut;
      if (existing) {
        this.replaced(row, existing);
        a++;
      }
      if (rendered.xml !== '') {
        lastCol = plan.col;
        lastStyle = rendered.style;
        lastCell = -1;
      } else if (existing) {
        lastCol = -2;
      }
    }
    if (to > run) pieces.push(buf.subarray(run, to));
    return pieces;
  }

  private replaced(row: number, cell: ExistingCell): void {
    this.plan.onReplaced?.(cell);
    if (!FORMULA.test(cell.xml)) return;
    this.formulaRemoved = true;
    const f = /<(?:[\w.-]+:)?f(?=[\s>/])([^>]*?)\/?>/.exec(cell.xml)?.[1] ?? '';
    const type = attr(f, 't');
    const ref = attr(f, 'ref');
    if ((type === 'shared' || type === 'array' || type === 'dataTable') && ref !== undefined) {
      const box = tryParseRange(ref);
      if (!box) throw new Unsupported(`formula range ${ref}`);
      for (let r = box.firstRow; r <= box.lastRow; r++) {
        for (let c = box.firstCol; c <= box.lastCol; c++) {
          if ((r !== row || c !== cell.col) && !this.plan.writes(r, c)) throw new Unsupported(`the ${type} formula over ${ref} would lose its master cell`);
        }
      }
    }
  }
}

const COMMENT = Buffer.from('<!--');
