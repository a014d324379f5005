/**
 * Worksheet and shared-string XML read in one pass, as a stream of bytes.
 *
 * Why: a sheet of 100,000 customers is about 50 MB of XML. Inflating it whole, decoding it
 * into one string and matching regular expressions over it cost 3 s and several copies of
 * the part in memory (the bytes, the string, a match object and substrings per cell). Here
 * the inflated chunks are scanned as they arrive, byte by byte (`<` found with
 * `indexOf`, names and attributes compared as bytes), and only what a cell holds is kept:
 * a number parsed from its digits, a shared string by its index, text decoded only where a
 * cell holds text of its own. Nothing per cell is allocated but the value itself.
 *
 * The scanner works on whole elements: a cell (`<c …>…</c>`), a row's start tag, a shared
 * string item (`<si>…</si>`). An element cut by a chunk boundary is kept and scanned again
 * once more bytes have come (once there are twice as many, so that a huge element, which
 * only a hostile file has, costs linear time, not quadratic).
 *
 * The limits of limits.ts are enforced while scanning: the cells counted as they come, and
 * the rectangle of the values refused as soon as it passes the grid limit (values only ever
 * widen it, so refusing early refuses exactly what reading to the end would refuse).
 *
 * Decision: our own scanner rather than an XML library. On the 100,000-customer sheet (48 MB
 * of XML, 1.3 million cells; inflating it takes 60 ms with node:zlib) this scanner reads
 * values, formats and the grid in about 0.4 s; saxes 5 and htmlparser2 6 (the versions in
 * node_modules, through exceljs) take 0.8-0.9 s only to report the tags and texts, before
 * any value is read, and would be new direct dependencies. A worksheet's cells are a few
 * fixed shapes (`<c r t s><v>…</v></c>`, `<is>` for inline text), which a byte scanner reads
 * without decoding the XML to text. Inflation is the web-standard DecompressionStream or
 * node:zlib (zip.ts): fflate would not be faster than zlib and is one more package.
 */
import { DATE1904_OFFSET } from '../engine/parse-date';
import type { CellFormat, RawCell } from '../engine/types';
import { XlsxError } from './errors';

/** The cell types of SpreadsheetML (`t` attribute; absent means number). */
export type CellTypeAttr = 'n' | 's' | 'str' | 'inlineStr' | 'b' | 'e' | 'd';
export const TYPE_CODES: readonly CellTypeAttr[] = ['n', 's', 'str', 'inlineStr', 'b', 'e', 'd'];

export interface CellInfo {
  type: CellTypeAttr;
  /** Style id (index into cellXfs); 0 when absent. */
  style: number;
}

/** Every `<c>` element of one worksheet, by 0-based row and column. */
export class CellScan {
  private readonly cells = new Map<number, number>();

  set(row: number, col: number, type: CellTypeAttr, style: number): void {
    this.cells.set(row * 16384 + col, style * 8 + TYPE_CODES.indexOf(type));
  }

  get(row: number, col: number): CellInfo | undefined {
    const packed = this.cells.get(row * 16384 + col);
    if (packed === undefined) return undefined;
    return { type: TYPE_CODES[packed % 8] ?? 'n', style: Math.floor(packed / 8) };
  }

  get size(): number {
    return this.cells.size;
  }
}

// ---------------------------------------------------------------------------------------
// Text of XML
// ---------------------------------------------------------------------------------------

export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (whole, dec?: string, hex?: string, named?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[named ?? ''] ?? whole;
  });
}

/** Excel's `_xHHHH_` escapes of characters XML cannot hold (`_x000D_` is a carriage return). */
export function decodeEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** The text of an `<si>` or `<is>` item: every `<t>` outside `<rPh>`, unescaped. */
export function richText(fragment: string): string {
  const body = fragment.replace(/<(?:[\w.-]+:)?rPh(?=[\s>])[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '');
  let text = '';
  for (const m of body.matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g)) text += m[1] ?? '';
  return decodeEscapes(decodeXml(text));
}

/**
 * An ISO 8601 date (a `t="d"` cell) as an Excel serial number of the workbook's date
 * system (1900, or 1904 with `date1904`), so that it reads like the workbook's numbers.
 */
export function isoToSerial(text: string, date1904 = false): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const serial = (ms + fraction - Date.UTC(1899, 11, 30)) / 86_400_000;
  if (date1904) return serial - DATE1904_OFFSET;
  // Excel counts a 29 February 1900 that never was: serials before 1 March 1900 are one lower.
  return serial < 61 ? serial - 1 : serial;
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function nonEmpty(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text;
}

// ---------------------------------------------------------------------------------------
// Bytes
// ---------------------------------------------------------------------------------------

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const COLON = 0x3a;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOS = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;
const AMP = 0x26;
const UNDERSCORE = 0x5f;
const DOLLAR = 0x24;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

const utf8 = new TextDecoder('utf-8');
const EMPTY = new Uint8Array(0);
/** 10^k, exact up to 10^22: a decimal of at most 15 digits is m / 10^k, correctly rounded. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** End of the tag name starting at `i` (at white space, `/` or `>`; `end` when the buffer ends first). */
function nameEnd(v: Uint8Array, i: number, end: number): number {
  for (; i < end; i++) {
    const b = v[i]!;
    if (b === GT || b === SLASH || isSpace(b)) return i;
  }
  return end;
}

/** Start of the local part of the name in [start, end): after its prefix's colon. */
function localStart(v: Uint8Array, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (v[i] === COLON) return i + 1;
  return start;
}

/** Whether bytes [start, end) spell the ASCII `word`. */
function spells(v: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (v[start + k] !== word.charCodeAt(k)) return false;
  return true;
}

function text(v: Uint8Array, start: number, end: number): string {
  return start >= end ? '' : utf8.decode(v.subarray(start, end));
}

/** Digits only (at most 15): their value; -1 otherwise. */
function digitsValue(v: Uint8Array, start: number, end: number): number {
  if (start >= end || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const b = v[i]!;
    if (b < ZERO || b > NINE) return -1;
    n = n * 10 + (b - ZERO);
  }
  return n;
}

/**
 * A plain decimal (`-12.5`, `0.95`, `45453`) of at most 15 digits, as Number() reads it; NaN
 * for anything else (exponents, signs other than a leading minus, white space, entities),
 * which the caller reads from the text.
 */
function plainNumber(v: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = v[i] === MINUS;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const b = v[i]!;
    if (b >= ZERO && b <= NINE) {
      mantissa = mantissa * 10 + (b - ZERO);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (b === DOT && fraction < 0) {
      fraction = 0;
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  const value = fraction > 0 ? mantissa / POW10[fraction]! : mantissa;
  return negative ? -value : value;
}

/** Calls `visit(nameStart, nameEnd, valueStart, valueEnd)` for each attribute in [start, end) of a start tag. */
function eachAttribute(v: Uint8Array, start: number, end: number, visit: (ns: number, ne: number, vs: number, ve: number) => void): void {
  let i = start;
  while (i < end) {
    while (i < end && isSpace(v[i]!)) i++;
    const ns = i;
    while (i < end && v[i] !== EQUALS && !isSpace(v[i]!)) i++;
    const ne = i;
    while (i < end && isSpace(v[i]!)) i++;
    if (i >= end || v[i] !== EQUALS || ne === ns) return;
    i++;
    while (i < end && isSpace(v[i]!)) i++;
    const quote = v[i];
    if (quote !== QUOTE && quote !== APOS) return;
    const vs = i + 1;
    let ve = vs;
    while (ve < end && v[ve] !== quote) ve++;
    if (ve >= end) return;
    visit(ns, ne, vs, ve);
    i = ve + 1;
  }
}

/** An attribute's text, entities decoded. */
function attributeText(v: Uint8Array, start: number, end: number): string {
  return decodeXml(text(v, start, end));
}

// ---------------------------------------------------------------------------------------
// Chunks → whole elements
// ---------------------------------------------------------------------------------------

/**
 * Takes a part's bytes chunk by chunk and hands them to `scan` in runs that end wherever
 * `scan` stopped: the bytes of an element cut by a chunk boundary wait for the next chunk.
 */
export abstract class ChunkScanner {
  private pending: Uint8Array = EMPTY;
  private pendingLength = 0;
  /** Scan the pending bytes again once there are this many (twice what was left unscanned). */
  private need = 0;
  private ended = false;

  /** Scans what it can of v[start, end); returns where it stopped (the start of an element it cannot finish yet). */
  protected abstract scan(v: Uint8Array, start: number, end: number, final: boolean): number;

  push(chunk: Uint8Array): void {
    if (this.ended || chunk.length === 0) return;
    if (this.pendingLength === 0) {
      const stop = this.scan(chunk, 0, chunk.length, false);
      this.keep(chunk, stop, chunk.length);
      return;
    }
    this.append(chunk);
    if (this.pendingLength < this.need) return;
    const stop = this.scan(this.pending.subarray(0, this.pendingLength), 0, this.pendingLength, false);
    this.keep(this.pending, stop, this.pendingLength);
  }

  /** The part has ended: what is left is scanned as it is (an element cut short is dropped). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.pendingLength > 0) this.scan(this.pending.subarray(0, this.pendingLength), 0, this.pendingLength, true);
    this.pending = EMPTY;
    this.pendingLength = 0;
  }

  /** Scans a whole part held in memory. */
  all(bytes: Uint8Array): this {
    this.push(bytes);
    this.end();
    return this;
  }

  private keep(from: Uint8Array, stop: number, end: number): void {
    const left = end - stop;
    if (left <= 0) {
      this.pendingLength = 0;
      this.need = 0;
      return;
    }
    if (from === this.pending) {
      this.pending.copyWithin(0, stop, end);
    } else {
      if (this.pending.length < left) this.pending = new Uint8Array(Math.max(left * 2, 64 * 1024));
      this.pending.set(from.subarray(stop, end), 0);
    }
    this.pendingLength = left;
    this.need = left * 2;
  }

  private append(chunk: Uint8Array): void {
    const length = this.pendingLength + chunk.length;
    if (this.pending.length < length) {
      const grown = new Uint8Array(Math.max(length, this.pending.length * 2));
      grown.set(this.pending.subarray(0, this.pendingLength), 0);
      this.pending = grown;
    }
    this.pending.set(chunk, this.pendingLength);
    this.pendingLength = length;
  }
}

/**
 * Where a tag starting with `<?` or `<!` ends: after `?>` (a processing instruction), `-->`
 * (a comment), `]]>` (CDATA) or `>` (a declaration); -1 when that is not in the buffer.
 */
function skipSpecial(v: Uint8Array, lt: number, end: number): number {
  if (lt + 4 > end) return -1; // too short to tell a comment from a declaration yet
  let close: readonly number[];
  if (v[lt + 1] === QUESTION) close = [QUESTION, GT];
  else if (v[lt + 2] === MINUS && v[lt + 3] === MINUS) close = [MINUS, MINUS, GT];
  else if (v[lt + 2] === 0x5b /* [ */) close = [0x5d, 0x5d, GT];
  else close = [GT];
  const last = close.length - 1;
  for (let i = v.indexOf(GT, lt + 2 + last); i >= 0; i = v.indexOf(GT, i + 1)) {
    let ok = true;
    for (let k = 0; ok && k < last; k++) ok = v[i - last + k] === close[k];
    if (ok) return i + 1;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------
// Shared strings
// ---------------------------------------------------------------------------------------

/** The shared string table (`<si>` items: plain and rich text, without phonetic runs), scanned as it streams. */
export class SharedStringScanner extends ChunkScanner {
  readonly strings: string[] = [];

  protected scan(v: Uint8Array, start: number, end: number, final: boolean): number {
    let pos = start;
    for (;;) {
      const lt = v.indexOf(LT, pos);
      if (lt < 0) return end;
      if (lt + 1 >= end) return final ? end : lt;
      const first = v[lt + 1]!;
      if (first === BANG || first === QUESTION) {
        const after = skipSpecial(v, lt, end);
        if (after < 0) return final ? end : lt;
        pos = after;
        continue;
      }
      const gt = v.indexOf(GT, lt + 1);
      if (gt < 0) return final ? end : lt;
      if (first === SLASH) {
        pos = gt + 1;
        continue;
      }
      const ne = nameEnd(v, lt + 1, gt);
      if (!spells(v, localStart(v, lt + 1, ne), ne, 'si')) {
        pos = gt + 1;
        continue;
      }
      if (v[gt - 1] === SLASH) {
        this.strings.push('');
        pos = gt + 1;
        continue;
      }
      const close = closingTag(v, gt + 1, 'si');
      if (close < 0) return final ? end : lt;
      this.strings.push(itemText(v, gt + 1, close));
      pos = v.indexOf(GT, close) + 1;
    }
  }
}

/** Start of the first end tag with local name `local` (any prefix) at or after `from`; -1 when none in the buffer. */
function closingTag(v: Uint8Array, from: number, local: string): number {
  for (let lt = v.indexOf(LT, from); lt >= 0; lt = v.indexOf(LT, lt + 1)) {
    if (v[lt + 1] !== SLASH) continue;
    const gt = v.indexOf(GT, lt + 2);
    if (gt < 0) return -1;
    const ne = nameEnd(v, lt + 2, gt);
    if (spells(v, localStart(v, lt + 2, ne), ne, local)) return lt;
  }
  return -1;
}

/**
 * The text of a shared string or inline string item in [start, end): the common one-run
 * item (`<t>…</t>`) read from its bytes, anything else (rich text runs, phonetic runs) by
 * richText.
 */
function itemText(v: Uint8Array, start: number, end: number): string {
  // <t> or <t xml:space="preserve">, its text up to the next tag, which must be </t> ending the item.
  if (v[start] === LT && v[start + 1] === 0x74 /* t */ && (v[start + 2] === GT || isSpace(v[start + 2]!))) {
    const open = v.indexOf(GT, start);
    const lt = open < 0 ? -1 : v.indexOf(LT, open);
    if (open >= 0 && lt >= 0 && lt < end && v[open - 1] !== SLASH && v[lt + 1] === SLASH && v[lt + 2] === 0x74 && v[lt + 3] === GT && lt + 4 === end) {
      let plain = true;
      for (let i = open + 1; i < lt; i++) {
        const b = v[i]!;
        if (b === AMP || b === UNDERSCORE) {
          plain = false;
          break;
        }
      }
      const raw = text(v, open + 1, lt);
      return plain ? raw : decodeEscapes(decodeXml(raw));
    }
  }
  return richText(text(v, start, end));
}

// ---------------------------------------------------------------------------------------
// Worksheets
// ---------------------------------------------------------------------------------------

export interface SheetScanLimits {
  /** Cells (`<c>` elements) seen so far over all worksheets; shared between the sheets of a workbook. */
  cells: { count: number };
  maxCells: number;
  /** Most cells the rectangle of a sheet's values may span. */
  gridCells: number;
}

export interface SheetScanOptions {
  /** The shared string table: with it, the cells' values are read; null for types and styles only. */
  sharedStrings: readonly string[] | null;
  /** The format code of each style (parseStyleFormats): fills `formats`. */
  styleFormats?: readonly CellFormat[];
  /** The workbook is in the 1904 date system: `t="d"` dates become its serials, like its numbers. */
  date1904?: boolean;
  /** Record every cell's type and style in a CellScan. */
  scan?: boolean;
  /** Count cells only (no values, formats or scan): the cell limit checked, nothing kept. */
  countOnly?: boolean;
  limits?: SheetScanLimits;
}

const enum Where {
  Before,
  SheetData,
  After,
}

const enum Type {
  N,
  S,
  Str,
  InlineStr,
  B,
  E,
  D,
}

/** A far-out cell is stored sparsely rather than after a run of this many blanks (a hostile file's XFD1048576). */
const DENSE_GAP = 256;
/** A new row of values is made this wide at most before its cells come (as wide as the rows so far). */
const PRESIZED_COLUMNS = 1024;

/**
 * A worksheet's `<sheetData>` scanned as it streams: every cell's value (numbers as numbers,
 * text as strings, booleans as booleans, errors as their text, `t="d"` dates as serial
 * numbers, formulas as their cached value; empty cells left out), the number format of every
 * styled cell, optionally each cell's type and style; and the `<tablePart>` ids after it.
 */
export class SheetScanner extends ChunkScanner {
  /** Values by row and column; rows without values are absent. A row is made as wide as the rows before it: it may run past its last value, with holes and nulls where there is none (the grid is laid out from it in read.ts). */
  readonly rows: RawCell[][] = [];
  /**
   * The cells whose style has a number format, as (row, column, style) triples: compact, and
   * laid out as a grid only at the end, within the grid's rectangle (formatGrid).
   */
  private formatCells = new Int32Array(3 * 1024);
  private formatCount = 0;
  readonly cells: CellScan;
  /** The `r:id`s of the sheet's `<tablePart>` elements, in order. */
  readonly tableParts: string[] = [];
  /** The `ref`s of the sheet's `<mergeCell>` elements (`A2:A3`), in order. */
  readonly mergeRefs: string[] = [];
  /** Whether the part's root is a worksheet (a part that is not XML has none). */
  sawWorksheet = false;
  /** Rows and columns the values span (1 + the last row and column holding one). */
  height = 0;
  width = 0;

  private where = Where.Before;
  private row = -1;
  private col = -1;
  private readonly sharedStrings: readonly string[] | null;
  private readonly styleFormats: readonly CellFormat[] | undefined;
  private readonly date1904: boolean;
  private readonly recordScan: boolean;
  private readonly countOnly: boolean;
  private readonly limits: SheetScanLimits | undefined;

  constructor(options: SheetScanOptions) {
    super();
    this.sharedStrings = options.sharedStrings;
    this.styleFormats = options.styleFormats;
    this.date1904 = options.date1904 === true;
    this.recordScan = options.scan === true;
    this.countOnly = options.countOnly === true;
    this.limits = options.limits;
    this.cells = new CellScan();
  }

  protected scan(v: Uint8Array, start: number, end: number, final: boolean): number {
    let pos = start;
    for (;;) {
      const lt = v.indexOf(LT, pos);
      if (lt < 0) return end;
      if (lt + 1 >= end) return final ? end : lt;
      const first = v[lt + 1]!;
      if (first === BANG || first === QUESTION) {
        const after = skipSpecial(v, lt, end);
        if (after < 0) return final ? end : lt;
        pos = after;
        continue;
      }
      if (first === SLASH) {
        const gt = v.indexOf(GT, lt + 2);
        if (gt < 0) return final ? end : lt;
        if (this.where === Where.SheetData) {
          const ne = nameEnd(v, lt + 2, gt);
          if (spells(v, localStart(v, lt + 2, ne), ne, 'sheetData')) this.where = Where.After;
        }
        pos = gt + 1;
        continue;
      }
      const ne = nameEnd(v, lt + 1, end);
      if (ne >= end) return final ? end : lt;
      const local = localStart(v, lt + 1, ne);
      if (this.where === Where.SheetData && ne - local === 1 && v[local] === 0x63 /* c */) {
        const after = this.cell(v, lt, ne, end);
        if (after < 0) return final ? end : lt;
        pos = after;
        continue;
      }
      const gt = v.indexOf(GT, ne);
      if (gt < 0) return final ? end : lt;
      pos = gt + 1;
      if (this.where === Where.SheetData) {
        if (spells(v, local, ne, 'row')) this.startRow(v, ne, gt);
      } else if (spells(v, local, ne, 'tablePart')) {
        this.tablePart(v, ne, gt);
      } else if (this.where === Where.After && spells(v, local, ne, 'mergeCell')) {
        this.mergeCell(v, ne, gt);
      } else if (this.where === Where.Before) {
        if (spells(v, local, ne, 'worksheet')) this.sawWorksheet = true;
        else if (spells(v, local, ne, 'sheetData') && v[gt - 1] !== SLASH) this.where = Where.SheetData;
      }
    }
  }

  private startRow(v: Uint8Array, from: number, gt: number): void {
    let r: number | undefined;
    eachAttribute(v, from, gt, (ns, ne, vs, ve) => {
      if (r === undefined && ne - ns === 1 && v[ns] === 0x72 /* r */) r = rowNumber(v, vs, ve);
    });
    this.row = r !== undefined && r >= 0 ? r - 1 : this.row + 1;
    this.col = -1;
  }

  private tablePart(v: Uint8Array, from: number, gt: number): void {
    let id: string | undefined;
    eachAttribute(v, from, gt, (ns, ne, vs, ve) => {
      // r:id (any prefix): `[\w.-]+:id`
      if (id === undefined && ne - ns > 3 && v[ne - 3] === COLON && v[ne - 2] === 0x69 && v[ne - 1] === 0x64) id = attributeText(v, vs, ve);
    });
    if (id !== undefined) this.tableParts.push(id);
  }

  private mergeCell(v: Uint8Array, from: number, gt: number): void {
    let ref: string | undefined;
    eachAttribute(v, from, gt, (ns, ne, vs, ve) => {
      if (ref === undefined && spells(v, ns, ne, 'ref')) ref = attributeText(v, vs, ve);
    });
    if (ref !== undefined) this.mergeRefs.push(ref);
  }

  /** One `<c>` element starting at `lt` (its name ends at `ne`): returns where it ends, or -1 when it is not all in the buffer. */
  private cell(v: Uint8Array, lt: number, ne: number, end: number): number {
    // The start tag's attributes (the first r, t and s count), up to its `>` or `/>`.
    let refRow = -1;
    let refCol = -1;
    let type = Type.N;
    let style = 0;
    let seen = 0; // bits: 1 r, 2 t, 4 s
    let i = ne;
    let gt: number;
    let selfClosing = false;
    for (;;) {
      while (i < end && isSpace(v[i]!)) i++;
      if (i >= end) return -1;
      const b = v[i]!;
      if (b === GT) {
        gt = i;
        break;
      }
      if (b === SLASH) {
        if (i + 1 >= end) return -1;
        if (v[i + 1] === GT) {
          gt = i + 1;
          selfClosing = true;
          break;
        }
        i++;
        continue;
      }
      const ns = i;
      while (i < end && !isNameStop(v[i]!)) i++;
      const nameLength = i - ns;
      while (i < end && isSpace(v[i]!)) i++;
      if (i >= end) return -1;
      if (v[i] !== EQUALS) continue;
      i++;
      while (i < end && isSpace(v[i]!)) i++;
      if (i >= end) return -1;
      const quote = v[i];
      if (quote !== QUOTE && quote !== APOS) continue;
      const vs = i + 1;
      let ve = vs;
      while (ve < end && v[ve] !== quote) ve++;
      if (ve >= end) return -1;
      i = ve + 1;
      if (nameLength !== 1) continue;
      const name = v[ns];
      if (name === 0x72 /* r */ && !(seen & 1)) {
        seen |= 1;
        const packed = reference(v, vs, ve);
        if (packed >= 0) {
          refRow = Math.floor(packed / 16384);
          refCol = packed % 16384;
        }
      } else if (name === 0x74 /* t */ && !(seen & 2)) {
        seen |= 2;
        type = cellType(v, vs, ve);
      } else if (name === 0x73 /* s */ && !(seen & 4)) {
        seen |= 4;
        style = styleNumber(v, vs, ve);
      }
    }

    // The value: <v>…</v>, or the inline string's <is>…</is>.
    let after = gt + 1;
    let valueStart = -1;
    let valueEnd = -1;
    let inlineStart = -1;
    let inlineEnd = -1;
    if (!selfClosing) {
      const nameLength = ne - lt - 1;
      // Most cells are `<c …><v>…</v></c>`: read that shape straight away.
      if (v[gt + 1] === LT && v[gt + 2] === 0x76 /* v */ && v[gt + 3] === GT) {
        let vlt = gt + 4;
        while (vlt < end && v[vlt] !== LT) vlt++;
        if (vlt >= end) return -1;
        if (
          v[vlt + 1] === SLASH &&
          v[vlt + 2] === 0x76 &&
          v[vlt + 3] === GT &&
          v[vlt + 4] === LT &&
          v[vlt + 5] === SLASH &&
          closes(v, vlt + 6, lt + 1, nameLength)
        ) {
          valueStart = gt + 4;
          valueEnd = vlt;
          after = vlt + 7 + nameLength;
        }
      }
      if (valueStart < 0) {
        // Any other shape: the children up to the cell's end tag; the first <v> and the first <is> (any prefix).
        let k = v.indexOf(LT, gt + 1);
        for (;;) {
          if (k < 0) return -1;
          const kgt = v.indexOf(GT, k + 1);
          if (kgt < 0) return -1;
          if (v[k + 1] === SLASH) {
            if (kgt - k - 2 === nameLength && closes(v, k + 2, lt + 1, nameLength)) {
              after = kgt + 1;
              break;
            }
            if (inlineStart >= 0 && inlineEnd < 0) {
              const kne = nameEnd(v, k + 2, kgt);
              if (spells(v, localStart(v, k + 2, kne), kne, 'is')) inlineEnd = k;
            }
          } else if (v[k + 1] !== BANG && v[k + 1] !== QUESTION && v[kgt - 1] !== SLASH) {
            const kne = nameEnd(v, k + 1, kgt);
            const kl = localStart(v, k + 1, kne);
            if (valueStart < 0 && kne - kl === 1 && v[kl] === 0x76 /* v */) {
              valueStart = kgt + 1;
              valueEnd = v.indexOf(LT, valueStart);
              k = valueEnd;
              continue;
            }
            if (inlineStart < 0 && spells(v, kl, kne, 'is')) inlineStart = kgt + 1;
          }
          k = v.indexOf(LT, kgt + 1);
        }
      }
    }

    // The whole cell is here: count it, place it, read its value.
    if (this.limits && ++this.limits.cells.count > this.limits.maxCells) throw tooManyCells(this.limits.maxCells);
    if (refCol >= 0) {
      this.row = refRow;
      this.col = refCol;
    } else {
      this.col += 1;
    }
    if (this.countOnly) return after;
    const row = this.row;
    const col = this.col;
    if (this.recordScan) this.cells.set(row, col, TYPE_CODES[type]!, style);
    const styleFormats = this.styleFormats;
    if (styleFormats !== undefined) {
      if (styleFormats[style]) this.placeFormat(row, col, style);
    }
    if (this.sharedStrings === null) return after;
    let value: RawCell = null;
    if (type === Type.InlineStr) {
      if (inlineStart >= 0 && inlineEnd >= 0) value = nonEmpty(itemText(v, inlineStart, inlineEnd));
    } else if (valueStart >= 0) {
      value = this.value(type, v, valueStart, valueEnd);
    }
    if (value !== null) this.put(row, col, value);
    return after;
  }

  /** The value of the cell's `<v>` text in [start, end), by the cell's type. */
  private value(type: Type, v: Uint8Array, start: number, end: number): RawCell {
    switch (type) {
      case Type.N: {
        if (start === end) return null;
        const n = plainNumber(v, start, end);
        if (!Number.isNaN(n)) return n;
        const t = decodeXml(text(v, start, end));
        return t === '' ? null : NUMBER.test(t.trim()) ? Number(t) : t;
      }
      case Type.S: {
        const index = digitsValue(v, start, end);
        return nonEmpty(this.sharedStrings![index >= 0 ? index : Number(decodeXml(text(v, start, end)))]);
      }
      case Type.B: {
        const t = decodeXml(text(v, start, end));
        return t === '1' || t.toLowerCase() === 'true';
      }
      case Type.D: {
        const t = decodeXml(text(v, start, end));
        return t === '' ? null : (isoToSerial(t, this.date1904) ?? t);
      }
      case Type.Str:
        return nonEmpty(decodeEscapes(decodeXml(text(v, start, end))));
      default:
        return nonEmpty(decodeXml(text(v, start, end))); // 'e': the error text, e.g. #N/A
    }
  }

  /** Stores a value, refusing the sheet as soon as its values span more than the grid limit. */
  private put(row: number, col: number, value: RawCell): void {
    if (row >= this.height) this.height = row + 1;
    if (col >= this.width) this.width = col + 1;
    if (this.limits && this.height * this.width > this.limits.gridCells) throw tooLargeGrid(this.height, this.width, this.limits.gridCells);
    let cells = this.rows[row];
    // A new row is made as wide as the rows so far (grown once, not cell by cell); holes are nulled when the grid is laid out.
    if (cells === undefined) this.rows[row] = cells = new Array<RawCell>(Math.min(this.width, PRESIZED_COLUMNS));
    if (col - cells.length > DENSE_GAP) {
      cells[col] = value; // far out: sparse, not a run of nulls
      return;
    }
    while (cells.length < col) cells.push(null);
    cells[col] = value;
  }

  private placeFormat(row: number, col: number, style: number): void {
    if (row < 0 || row > 0x7fffffff || col < 0) return; // no grid within the limits reaches there
    if (this.formatCount * 3 + 3 > this.formatCells.length) {
      const grown = new Int32Array(this.formatCells.length * 2);
      grown.set(this.formatCells);
      this.formatCells = grown;
    }
    const at = this.formatCount++ * 3;
    this.formatCells[at] = row;
    this.formatCells[at + 1] = col;
    this.formatCells[at + 2] = style;
  }

  /**
   * The format codes of the cells inside rows [0, height) and columns [0, width), laid out
   * like the grid (null where General); undefined when no cell there has a format.
   */
  formatGrid(height: number, width: number): CellFormat[][] | undefined {
    const styleFormats = this.styleFormats;
    if (!styleFormats) return undefined;
    let grid: CellFormat[][] | undefined;
    const cells = this.formatCells;
    for (let k = 0; k < this.formatCount * 3; k += 3) {
      const row = cells[k]!;
      const col = cells[k + 1]!;
      if (row >= height || col >= width) continue;
      if (!grid) {
        grid = new Array<CellFormat[]>(height);
        for (let r = 0; r < height; r++) grid[r] = new Array<CellFormat>(width).fill(null);
      }
      grid[row]![col] = styleFormats[cells[k + 2]!] ?? null;
    }
    return grid;
  }

  /** The format codes by row and column, ragged: a row runs to its last formatted cell (null between); rows without any are absent. */
  formatRows(): CellFormat[][] {
    const rows: CellFormat[][] = [];
    const cells = this.formatCells;
    for (let k = 0; k < this.formatCount * 3; k += 3) {
      const row = (rows[cells[k]!] ??= []);
      const col = cells[k + 1]!;
      while (row.length < col) row.push(null);
      row[col] = this.styleFormats?.[cells[k + 2]!] ?? null;
    }
    return rows;
  }
}

/** Whether the `length` bytes at `at` are the name at `name`, followed by `>`. */
function closes(v: Uint8Array, at: number, name: number, length: number): boolean {
  if (v[at + length] !== GT) return false;
  for (let j = 0; j < length; j++) if (v[at + j] !== v[name + j]) return false;
  return true;
}

/**
 * An `r` reference (`B7`, `$B$7`) as 0-based row × 16384 + column; -1 when it is not one.
 * (Rows past 2^53 / 16384 cannot be told apart; no grid within the limits comes near.)
 */
function reference(v: Uint8Array, start: number, end: number): number {
  let i = start;
  if (v[i] === DOLLAR) i++;
  let col = 0;
  let letters = 0;
  for (; i < end && letters < 4; i++, letters++) {
    const b = v[i]! & 0xdf; // upper case
    if (b < 0x41 || b > 0x5a) break;
    col = col * 26 + (b - 0x40);
  }
  if (letters === 0 || letters > 3) return -1;
  if (v[i] === DOLLAR) i++;
  if (i >= end) return -1;
  const row = rowNumber(v, i, end);
  if (row < 0) return -1;
  return (row - 1) * 16384 + (col - 1);
}

/** Bytes that end an attribute's name. */
function isNameStop(b: number): boolean {
  return b === EQUALS || b === GT || b === SLASH || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** A style id: digits, else 0. */
function styleNumber(v: Uint8Array, start: number, end: number): number {
  const n = rowNumber(v, start, end);
  return n < 0 ? 0 : n;
}

/** A row number (1-based digits); -1 when not digits. */
function rowNumber(v: Uint8Array, start: number, end: number): number {
  const n = digitsValue(v, start, end);
  if (n >= 0 || end - start <= 15) return n;
  const t = text(v, start, end);
  return /^\d+$/.test(t) ? Number(t) : -1;
}

function cellType(v: Uint8Array, start: number, end: number): Type {
  const length = end - start;
  if (length === 1) {
    switch (v[start]) {
      case 0x73:
        return Type.S;
      case 0x6e:
        return Type.N;
      case 0x62:
        return Type.B;
      case 0x65:
        return Type.E;
      case 0x64:
        return Type.D;
      default:
        return Type.N;
    }
  }
  if (spells(v, start, end, 'str')) return Type.Str;
  if (spells(v, start, end, 'inlineStr')) return Type.InlineStr;
  return Type.N;
}

function tooManyCells(limit: number): XlsxError {
  return new XlsxError('too-large', `The workbook has more than ${limit} cells.`, { limit: { kind: 'cells', limit } });
}

export function tooLargeGrid(height: number, width: number, limit: number): XlsxError {
  return new XlsxError('too-large', `A sheet spans ${height} rows × ${width} columns.`, { limit: { kind: 'grid-cells', limit } });
}
