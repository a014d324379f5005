/**
 * Rewrites one worksheet part as a stream: the inflated XML is scanned row by row, rows the
 * plan does not touch are copied as text, planned rows get their cells inserted or replaced
 * in column order (and rows that do not exist yet are inserted in row order), and the result
 * is deflated as it is produced. Neither the sheet's XML nor its cells are ever held whole:
 * at 100,000 customers the sheet is 40 MB of XML and the rewrite holds a few hundred KB.
 *
 * What is before `<sheetData>` (dimension, sheet views, column widths) is held back until
 * the plan says it can be edited (a new column's width depends on whether its header cell
 * was empty), then edited once and written. The rewriter refuses (Unsupported, so that
 * write.ts falls back to excelize) what it cannot rewrite faithfully: rows or cells out of
 * order, anything but rows inside `<sheetData>`, and a shared or array formula whose master
 * cell would be overwritten while cells it covers stay.
 */
import { StringDecoder } from 'node:string_decoder';
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
}

export interface RewriteResult {
  part: DeflatedPart;
  /** A formula cell was overwritten (the calculation chain no longer holds). */
  formulaRemoved: boolean;
}

const FORMULA = /<(?:[\w.-]+:)?f[\s>/]/;
const SHEET_DATA = /<([\w.-]+:)?sheetData(?=[\s/>])[^>]*?(\/?)>/g;

function isBoundary(ch: string | undefined): boolean {
  return ch === ' ' || ch === '>' || ch === '/' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** Where the value found by the last attrAt call ends. */
let valueEnd = 0;

/**
 * Where the value of attribute `name` starts in a start tag's attributes (`from`…`to` of
 * `buf`), -1 when it has none; its end is left in `valueEnd`. Values are not unescaped
 * (the attributes read this way, `r`, `s`, `t`, `spans`, never need it).
 */
function attrAt(buf: string, from: number, to: number, name: string): number {
  let i = from;
  while (i < to) {
    let c = buf.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && (c = buf.charCodeAt(i)) !== 61 && c !== 32 && c !== 9 && c !== 10 && c !== 13) i++;
    const matches = i - nameStart === name.length && buf.startsWith(name, nameStart);
    while (i < to && buf.charCodeAt(i) !== 61) i++;
    i++;
    while (i < to && ((c = buf.charCodeAt(i)) === 32 || c === 9 || c === 10 || c === 13)) i++;
    const quote = buf.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return -1;
    const start = ++i;
    while (i < to && buf.charCodeAt(i) !== quote) i++;
    if (matches) {
      valueEnd = i;
      return start;
    }
    i++;
  }
  return -1;
}

/**
 * The 0-based column of a cell's `r` attribute, read from its start tag (`from`…`to`, after
 * the element name) without building strings: -2 when it has none, -1 when it is no reference.
 */
function refColumn(buf: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    let c = buf.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && (c = buf.charCodeAt(i)) !== 61 /* = */ && c !== 32 && c !== 9 && c !== 10 && c !== 13) i++;
    const isR = i - nameStart === 1 && buf.charCodeAt(nameStart) === 114; /* r */
    while (i < to && buf.charCodeAt(i) !== 61) i++;
    i++;
    while (i < to && ((c = buf.charCodeAt(i)) === 32 || c === 9 || c === 10 || c === 13)) i++;
    const quote = buf.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return -1;
    const valueStart = ++i;
    while (i < to && buf.charCodeAt(i) !== quote) i++;
    if (isR) {
      let n = 0;
      for (let k = valueStart; k < i; k++) {
        const ch = buf.charCodeAt(k);
        if (ch === 36 /* $ */ && k === valueStart) continue;
        if (ch >= 65 && ch <= 90) n = n * 26 + (ch - 64);
        else if (ch >= 97 && ch <= 122) n = n * 26 + (ch - 96);
        else break;
      }
      return n > 0 ? n - 1 : -1;
    }
    i++;
  }
  return -2;
}

/** Rewrites the sheet whose XML `source` yields (as UTF-8 chunks) according to `plan`. */
export async function rewriteSheet(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, plan: SheetPlan): Promise<RewriteResult> {
  const sink = new DeflateSink();
  try {
    const rewriter = new Rewriter(plan);
    // node's StringDecoder keeps a character cut by a chunk's end for the next chunk (and decodes faster than TextDecoder).
    const decoder = new StringDecoder('utf8');
    for await (const chunk of source) {
      rewriter.feed(decoder.write(chunk as Buffer), false);
      await sink.write(rewriter.take());
    }
    rewriter.feed(decoder.end(), true);
    await sink.write(rewriter.take());
    return { part: await sink.end(), formulaRemoved: rewriter.formulaRemoved };
  } catch (error) {
    sink.abort();
    throw error;
  }
}

class Rewriter {
  formulaRemoved = false;
  private buf = '';
  private phase: 'prefix' | 'rows' | 'suffix' = 'prefix';
  private out: string[] = [];
  private held: string[] | null = null;
  private heldPrefix = '';
  private p = '';
  private rowOpen = '<row';
  private rowClose = '</row>';
  private cOpen = '<c';
  private cClose = '</c>';
  private lastRow = -1;
  private next = 0;

  constructor(private readonly plan: SheetPlan) {}

  /** What has been produced since the last call. */
  take(): string {
    const text = this.out.join('');
    this.out = [];
    return text;
  }

  private emit(text: string): void {
    if (this.held) this.held.push(text);
    else this.out.push(text);
  }

  private releaseIfReady(force: boolean): void {
    if (!this.held || (!force && !this.plan.prefixReady())) return;
    const held = this.held;
    this.held = null;
    this.out.push(this.plan.editPrefix(this.heldPrefix), ...held);
    this.heldPrefix = '';
  }

  feed(text: string, final: boolean): void {
    this.buf += text;
    let pos = 0;
    const buf = this.buf;
    if (this.phase === 'prefix') {
      SHEET_DATA.lastIndex = 0;
      const m = SHEET_DATA.exec(buf);
      if (!m) {
        if (final) throw new Unsupported('worksheet without sheetData');
        return;
      }
      this.p = m[1] ?? '';
      this.rowOpen = `<${this.p}row`;
      this.rowClose = `</${this.p}row>`;
      this.cOpen = `<${this.p}c`;
      this.cClose = `</${this.p}c>`;
      this.heldPrefix = buf.slice(0, m.index);
      this.held = [];
      pos = m.index + m[0].length;
      if (m[2] === '/') {
        this.emit(`<${this.p}sheetData>`);
        this.insertUpTo(Infinity);
        this.emit(`</${this.p}sheetData>`);
        this.releaseIfReady(true);
        this.phase = 'suffix';
      } else {
        this.emit(m[0]);
        this.releaseIfReady(false);
        this.phase = 'rows';
      }
    }
    if (this.phase === 'rows') pos = this.rows(buf, pos, final);
    if (this.phase === 'suffix') {
      this.emit(buf.slice(pos));
      pos = buf.length;
    }
    this.buf = buf.slice(pos);
    if (final && this.phase !== 'suffix') throw new Unsupported('worksheet ends inside sheetData');
  }

  /** Handles the complete rows in `buf` from `pos`; returns where the unhandled rest starts. */
  private rows(buf: string, pos: number, final: boolean): number {
    const endTag = `</${this.p}sheetData>`;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        this.emit(buf.slice(pos));
        return buf.length;
      }
      if (lt > pos) this.emit(buf.slice(pos, lt));
      pos = lt;
      if (buf.startsWith(this.rowOpen, lt) && isBoundary(buf[lt + this.rowOpen.length])) {
        const gt = buf.indexOf('>', lt);
        if (gt < 0) return pos;
        const selfClosing = buf[gt - 1] === '/';
        let end = gt + 1;
        if (!selfClosing) {
          const close = buf.indexOf(this.rowClose, gt);
          if (close < 0) return pos;
          end = close + this.rowClose.length;
        }
        this.row(buf, lt, gt, end, selfClosing);
        pos = end;
      } else if (buf.startsWith(endTag, lt)) {
        this.insertUpTo(Infinity);
        this.emit(endTag);
        this.releaseIfReady(true);
        this.phase = 'suffix';
        return lt + endTag.length;
      } else if (buf.startsWith('<!--', lt)) {
        const close = buf.indexOf('-->', lt);
        if (close < 0) return pos;
        this.emit(buf.slice(lt, close + 3));
        pos = close + 3;
      } else {
        if (!final && buf.length - lt < endTag.length + 8) return pos; // a tag cut by the chunk's end
        throw new Unsupported(`unexpected element in sheetData: ${buf.slice(lt, lt + 20)}`);
      }
    }
  }

  /** Inserts the planned rows before `row` that the sheet does not have. */
  private insertUpTo(row: number): void {
    const rows = this.plan.rows;
    while (this.next < rows.length && rows[this.next]! < row) {
      const r = rows[this.next++]!;
      this.n = 0;
      const xml = this.merge(r, '', 0, 0, 0);
      if (xml !== '') this.emit(`${this.rowOpen} r="${r + 1}">${xml}${this.rowClose}`);
      this.afterPlannedRow(r, xml);
    }
  }

  private afterPlannedRow(row: number, cellsXml: string): void {
    if (this.plan.capture?.has(row)) this.plan.onCapture?.(row, this.cellsOf(cellsXml, 0, cellsXml.length));
    this.releaseIfReady(false);
  }

  private row(buf: string, start: number, gt: number, end: number, selfClosing: boolean): void {
    const headStart = start + this.rowOpen.length;
    const headEnd = selfClosing ? gt - 1 : gt;
    const r = attrAt(buf, headStart, headEnd, 'r');
    const hasR = r >= 0;
    const number = hasR ? Number(buf.slice(r, valueEnd)) : NaN;
    const row = Number.isInteger(number) && number > 0 ? number - 1 : this.lastRow + 1;
    if (row <= this.lastRow) throw new Unsupported('rows out of order');
    this.lastRow = row;
    this.insertUpTo(row);
    const rows = this.plan.rows;
    const contentEnd = selfClosing ? gt + 1 : end - this.rowClose.length;
    if (!(this.next < rows.length && rows[this.next] === row)) {
      this.emit(buf.slice(start, end));
      if (this.plan.capture?.has(row)) this.plan.onCapture?.(row, this.cellsOf(buf, gt + 1, contentEnd));
      return;
    }
    this.next++;
    const tail = this.scanCells(buf, gt + 1, contentEnd);
    const xml = this.merge(row, buf, gt + 1, tail, contentEnd);
    this.emit(`${this.rowOpen}${this.rowAttrs(buf, headStart, headEnd, hasR, row)}>${xml}${this.rowClose}`);
    this.afterPlannedRow(row, xml);
  }

  /** The row's attributes (`from`…`to` of `buf`) with `r` present and `spans` covering its planned cells. */
  private rowAttrs(buf: string, from: number, to: number, hasR: boolean, row: number): string {
    const spans = this.plannedMin >= 0 ? attrAt(buf, from, to, 'spans') : -1;
    let head: string;
    if (spans < 0) head = buf.slice(from, to);
    else {
      const text = buf.slice(spans, valueEnd);
      const key = `${text}|${this.plannedMin}|${this.plannedMax}`;
      if (key !== this.spansKey) {
        // Rows of a sheet mostly share their spans: the new text is worked out once per kind.
        const numbers = text.split(/[\s:]+/).filter((x) => /^\d+$/.test(x)).map(Number);
        this.spansKey = key;
        this.spansText = `${Math.min(...numbers, this.plannedMin + 1)}:${Math.max(...numbers, this.plannedMax + 1)}`;
      }
      head = buf.slice(from, spans) + this.spansText + buf.slice(valueEnd, to);
    }
    return hasR ? head : ` r="${row + 1}"${head}`;
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
  private scanCells(buf: string, from: number, to: number): number {
    this.n = 0;
    let pos = from;
    let col = -1;
    while (pos < to) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0 || lt >= to) return pos;
      if (!(buf.startsWith(this.cOpen, lt) && isBoundary(buf[lt + this.cOpen.length]))) return lt;
      const gt = buf.indexOf('>', lt);
      let end = gt + 1;
      if (buf[gt - 1] !== '/') {
        const close = buf.indexOf(this.cClose, gt);
        if (close < 0 || close >= to) throw new Unsupported('unclosed cell');
        end = close + this.cClose.length;
      }
      const ref = refColumn(buf, lt + this.cOpen.length, gt);
      const at = ref === -2 ? col + 1 : ref;
      if (at <= col) throw new Unsupported('cells out of order');
      col = at;
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
  private existing(buf: string, i: number): ExistingCell {
    const start = this.starts[i]!;
    const gt = buf.indexOf('>', start);
    const end = buf[gt - 1] === '/' ? gt - 1 : gt;
    const t = attrAt(buf, start + this.cOpen.length, end, 't');
    const type = t >= 0 ? buf.slice(t, valueEnd) : undefined;
    return { col: this.cols[i]!, style: this.styleOf(buf, i), type, xml: buf.slice(start, this.ends[i]!) };
  }

  /** The style id of the i-th scanned cell (0 without one). */
  private styleOf(buf: string, i: number): number {
    const start = this.starts[i]!;
    const gt = buf.indexOf('>', start);
    const s = attrAt(buf, start + this.cOpen.length, buf[gt - 1] === '/' ? gt - 1 : gt, 's');
    if (s < 0) return 0;
    const style = Number(buf.slice(s, valueEnd));
    return Number.isInteger(style) && style >= 0 ? style : 0;
  }

  /** Every `<c>` of a row's content as objects (a captured row). */
  private cellsOf(buf: string, from: number, to: number): ExistingCell[] {
    this.scanCells(buf, from, to);
    return Array.from({ length: this.n }, (_, i) => this.existing(buf, i));
  }

  /**
   * The row's content with the planned cells inserted or replaced in column order. The
   * existing cells between them are copied as runs of text (`from`…`to` is the row's
   * content, `tail` where what follows its last cell starts); scanCells ran on it.
   */
  private merge(row: number, buf: string, from: number, tail: number, to: number): string {
    const planned = this.plan.cellsAt(row);
    this.plannedMin = planned.length > 0 ? planned[0]!.col : -1;
    this.plannedMax = planned.length > 0 ? planned[planned.length - 1]!.col : -1;
    let xml = '';
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
      const at = same >= 0 ? this.starts[same]! : a < this.n ? this.starts[a]! : tail;
      // Plans write `<c>` and `<v>`: in a sheet whose elements carry a prefix, the cells get it too.
      xml += buf.slice(run, at) + (this.p === '' ? rendered.xml : rendered.xml.replace(/<(\/?)(c|v)(?=[\s/>])/g, `<$1${this.p}$2`));
      run = same >= 0 ? this.ends[same]! : at;
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
    return xml + buf.slice(run, to);
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
