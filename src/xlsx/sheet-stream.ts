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

/** Column index of a reference such as `AB12` (0-based), or -1. */
function columnOfRef(ref: string): number {
  let n = 0;
  let i = 0;
  if (ref[0] === '$') i++;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n > 0 ? n - 1 : -1;
}

/** Rewrites the sheet whose XML `source` yields (as UTF-8 chunks) according to `plan`. */
export async function rewriteSheet(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, plan: SheetPlan): Promise<RewriteResult> {
  const sink = new DeflateSink();
  try {
    const rewriter = new Rewriter(plan);
    const decoder = new TextDecoder('utf-8', { fatal: false });
    for await (const chunk of source) {
      rewriter.feed(decoder.decode(chunk, { stream: true }), false);
      await sink.write(rewriter.take());
    }
    rewriter.feed(decoder.decode(), true);
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
      const cells = this.merge(r, []);
      if (cells.xml !== '') this.emit(`<${this.p}row r="${r + 1}">${cells.xml}</${this.p}row>`);
      this.afterPlannedRow(r, cells.final);
    }
  }

  private afterPlannedRow(row: number, final: ExistingCell[]): void {
    if (this.plan.capture?.has(row)) this.plan.onCapture?.(row, final);
    this.releaseIfReady(false);
  }

  private row(buf: string, start: number, gt: number, end: number, selfClosing: boolean): void {
    const head = buf.slice(start + this.rowOpen.length, selfClosing ? gt - 1 : gt);
    const r = attr(head, 'r');
    const row = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : this.lastRow + 1;
    if (row <= this.lastRow) throw new Unsupported('rows out of order');
    this.lastRow = row;
    this.insertUpTo(row);
    const rows = this.plan.rows;
    const planned = this.next < rows.length && rows[this.next] === row;
    if (!planned) {
      this.emit(buf.slice(start, end));
      if (this.plan.capture?.has(row)) this.plan.onCapture?.(row, this.parseCells(buf, gt + 1, selfClosing ? gt + 1 : end - this.rowClose.length).cells);
      return;
    }
    this.next++;
    const { cells, tail } = this.parseCells(buf, gt + 1, selfClosing ? gt + 1 : end - this.rowClose.length);
    const merged = this.merge(row, cells);
    this.emit(`${this.rowOpen}${this.rowAttrs(head, row, merged.final)}>${merged.xml}${tail}${this.rowClose}`);
    this.afterPlannedRow(row, merged.final);
  }

  /** The row's attributes with `r` present and `spans` covering its cells. */
  private rowAttrs(head: string, row: number, cells: readonly ExistingCell[]): string {
    let attrs = head;
    if (attr(attrs, 'r') === undefined) attrs = ` r="${row + 1}"${attrs}`;
    const spans = attr(attrs, 'spans');
    if (spans !== undefined && cells.length > 0) {
      const numbers = spans.split(/[\s:]+/).filter((s) => /^\d+$/.test(s)).map(Number);
      const min = Math.min(...numbers, cells[0]!.col + 1);
      const max = Math.max(...numbers, cells[cells.length - 1]!.col + 1);
      attrs = attrs.replace(/(\sspans\s*=\s*)(["'])[^"']*\2/, `$1"${min}:${max}"`);
    }
    return attrs;
  }

  private parseCells(buf: string, from: number, to: number): { cells: ExistingCell[]; tail: string } {
    const cells: ExistingCell[] = [];
    let pos = from;
    let col = -1;
    while (pos < to) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0 || lt >= to) break;
      if (!(buf.startsWith(this.cOpen, lt) && isBoundary(buf[lt + this.cOpen.length]))) {
        return { cells, tail: buf.slice(lt, to) };
      }
      const gt = buf.indexOf('>', lt);
      const selfClosing = buf[gt - 1] === '/';
      let end = gt + 1;
      if (!selfClosing) {
        const close = buf.indexOf(this.cClose, gt);
        if (close < 0 || close >= to) throw new Unsupported('unclosed cell');
        end = close + this.cClose.length;
      }
      const attrs = buf.slice(lt + this.cOpen.length, selfClosing ? gt - 1 : gt);
      const ref = attr(attrs, 'r');
      const at = ref === undefined ? col + 1 : columnOfRef(ref);
      if (at <= col) throw new Unsupported('cells out of order');
      col = at;
      const s = attr(attrs, 's');
      cells.push({ col, style: s !== undefined && /^\d+$/.test(s) ? Number(s) : 0, type: attr(attrs, 't'), xml: buf.slice(lt, end) });
      pos = end;
    }
    return { cells, tail: '' };
  }

  /** The row's cells with the planned ones inserted or replaced, in column order. */
  private merge(row: number, cells: readonly ExistingCell[]): { xml: string; final: ExistingCell[] } {
    const planned = this.plan.cellsAt(row);
    const final: ExistingCell[] = [];
    let xml = '';
    let lastCol = -2;
    let lastStyle = 0;
    let a = 0;
    for (let b = 0; a < cells.length || b < planned.length; ) {
      const existing = cells[a];
      const plan = planned[b];
      if (existing && (!plan || existing.col < plan.col)) {
        xml += existing.xml;
        final.push(existing);
        lastCol = existing.col;
        lastStyle = existing.style;
        a++;
        continue;
      }
      const same = existing && existing.col === plan!.col ? existing : undefined;
      const rendered = plan!.render(same, lastCol === plan!.col - 1 ? lastStyle : 0);
      if (rendered === undefined) {
        if (same) {
          xml += same.xml;
          final.push(same);
          lastCol = same.col;
          lastStyle = same.style;
        }
      } else {
        if (same) this.replaced(row, same);
        if (rendered.xml !== '') {
          xml += rendered.xml;
          final.push({ col: plan!.col, style: rendered.style, type: undefined, xml: rendered.xml });
          lastCol = plan!.col;
          lastStyle = rendered.style;
        }
      }
      if (same) a++;
      b++;
    }
    return { xml, final };
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
