/**
 * Direct reading of the SpreadsheetML parts of an .xlsx package, in plain TypeScript.
 *
 * excelize-wasm is the authority for writing, but reading through it is slow: the Go XML
 * decoder in wasm needs about 4 s to load a 10,000-row sheet, `GetRows` another 5-6 s, and
 * each per-cell call (GetCellType, GetCellStyle) 40-300 µs. Scanning the sheet XML here
 * takes a few hundred milliseconds and gives what excelize does not expose in bulk: every
 * cell's type attribute `t` (a number vs a number stored as text), its style id `s`, and
 * its stored value. `read.ts` checks this reader against excelize's in the tests and falls
 * back to excelize for packages this reader does not handle (zip64, other compressions).
 */
import { columnIndex } from '../../src/engine/address';
import { builtInFormatCode } from '../../src/engine/number-format';
import { DATE1904_OFFSET } from '../../src/engine/parse-date';
import type { CellFormat, ExcelTableInfo, RawCell } from '../../src/engine/types';
import { isRefusal } from '../../src/xlsx/errors';
import { readZip, type ZipArchive } from '../../src/xlsx/zip';

export type SheetKind = 'worksheet' | 'chartsheet' | 'other';

export interface SheetPart {
  name: string;
  kind: SheetKind;
  /** Zip entry name, e.g. `xl/worksheets/sheet1.xml`. */
  path: string;
}

export interface WorkbookParts {
  zip: ZipArchive;
  sheets: SheetPart[];
  /** Zip entry name of the shared string table, when there is one. */
  sharedStrings?: string;
  /** Zip entry name of the style sheet (number formats), when there is one. */
  styles?: string;
  /** The workbook uses the 1904 date system (`<workbookPr date1904="1"/>`). */
  date1904: boolean;
}

/** The cell types of SpreadsheetML (`t` attribute; absent means number). */
export type CellTypeAttr = 'n' | 's' | 'str' | 'inlineStr' | 'b' | 'e' | 'd';
const TYPE_CODES: CellTypeAttr[] = ['n', 's', 'str', 'inlineStr', 'b', 'e', 'd'];

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

/** The sheet parts of a workbook, or null when the package cannot be read this way. */
export async function readWorkbookParts(data: Uint8Array, opened?: ZipArchive): Promise<WorkbookParts | null> {
  try {
    const zip = opened ?? readZip(data);
    if (!zip) return null;
    const rootRels = await zip.readText('_rels/.rels');
    if (rootRels === undefined) return null;
    const officeDoc = parseRelationships(rootRels, '').find((rel) => /\/officeDocument$/.test(rel.type));
    if (!officeDoc) return null;
    const workbookPath = officeDoc.target;
    const workbookXml = await zip.readText(workbookPath);
    const slash = workbookPath.lastIndexOf('/');
    const dir = slash >= 0 ? workbookPath.slice(0, slash + 1) : '';
    const relsXml = await zip.readText(`${dir}_rels/${workbookPath.slice(slash + 1)}.rels`);
    if (workbookXml === undefined || relsXml === undefined) return null;
    const rels = new Map(parseRelationships(relsXml, dir).map((rel) => [rel.id, rel]));
    const sheets: SheetPart[] = [];
    for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet(?=[\s/>])([^>]*)>/g)) {
      const attrs = m[1] ?? '';
      const name = attr(attrs, 'name');
      const id = /(?:^|\s)[\w.-]+:id\s*=\s*(["'])(.*?)\1/.exec(attrs)?.[2];
      const rel = id === undefined ? undefined : rels.get(id);
      if (name === undefined || !rel) return null;
      const kind: SheetKind = /\/worksheet$/.test(rel.type) ? 'worksheet' : /\/chartsheet$/.test(rel.type) ? 'chartsheet' : 'other';
      sheets.push({ name, kind, path: rel.target });
    }
    const sst = [...rels.values()].find((rel) => /\/sharedStrings$/.test(rel.type));
    const styles = [...rels.values()].find((rel) => /\/styles$/.test(rel.type));
    return { zip, sheets, sharedStrings: sst?.target, styles: styles?.target, date1904: isDate1904(workbookXml) };
  } catch (error) {
    if (isRefusal(error)) throw error; // a part too large to read: no fallback may read it either
    return null;
  }
}

/** Whether workbook.xml sets the 1904 date system: `<workbookPr date1904="1"/>` (or `"true"`). */
export function isDate1904(workbookXml: string): boolean {
  const pr = /<(?:[\w.-]+:)?workbookPr(?=[\s/>])([^>]*)>/.exec(workbookXml)?.[1];
  const value = pr === undefined ? undefined : attr(pr, 'date1904')?.trim().toLowerCase();
  return value === '1' || value === 'true';
}

/**
 * The number format code of each cell style (index into `<cellXfs>`), from styles.xml:
 * the custom `<numFmt>` codes and the built-in ids (ECMA-376 18.8.30). null where the style's
 * format is General (or an id the file does not define). Styles sharing a format share its
 * string.
 */
export function parseStyleFormats(xml: string): CellFormat[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt(?=[\s/>])([^>]*)>/g)) {
    const id = attr(m[1] ?? '', 'numFmtId');
    const code = attr(m[1] ?? '', 'formatCode');
    if (id !== undefined && /^\d+$/.test(id.trim()) && code !== undefined) custom.set(Number(id), code);
  }
  const start = xml.search(/<(?:[\w.-]+:)?cellXfs(?=[\s/>])/);
  if (start < 0) return [];
  const endMatch = /<\/(?:[\w.-]+:)?cellXfs>/.exec(xml.slice(start));
  const section = endMatch ? xml.slice(start, start + endMatch.index) : xml.slice(start);
  const codes = new Map<number, CellFormat>();
  const formats: CellFormat[] = [];
  for (const m of section.matchAll(/<(?:[\w.-]+:)?xf(?=[\s/>])([^>]*)>/g)) {
    const idText = attr(m[1] ?? '', 'numFmtId')?.trim();
    const id = idText !== undefined && /^\d+$/.test(idText) ? Number(idText) : 0;
    let code = codes.get(id);
    if (code === undefined) {
      const found = custom.get(id) ?? builtInFormatCode(id);
      code = found === undefined || found === '' || found.toLowerCase() === 'general' ? null : found;
      codes.set(id, code);
    }
    formats.push(code);
  }
  return formats;
}

/** Scans the `<row>`/`<c>` elements of a worksheet part (types and styles); null when unreadable. */
export async function scanCells(zip: ZipArchive, path: string): Promise<CellScan | null> {
  let xml: string | undefined;
  try {
    xml = await zip.readText(path);
  } catch (error) {
    if (isRefusal(error)) throw error;
    return null;
  }
  return xml === undefined ? null : parseSheetXml(xml, null).cells;
}

export interface ParsedSheet {
  cells: CellScan;
  /** Stored values by 0-based row and column (sparse, ragged); empty when not asked for. */
  values: RawCell[][];
  /** Number format codes by 0-based row and column (sparse, ragged), where the cell's style is not General; with `styleFormats` only. */
  formats: CellFormat[][];
}

export interface SheetXmlOptions {
  /** The format code of each style (parseStyleFormats): fills `formats`. */
  styleFormats?: readonly CellFormat[];
  /** The workbook is in the 1904 date system: `t="d"` dates become its serials, like its numbers. */
  date1904?: boolean;
  /** Leave out the per-cell scan of types and styles (the direct reader does not need it). */
  skipScan?: boolean;
}

/**
 * Parses a worksheet's `<sheetData>`. With `sharedStrings`, also returns every cell's value:
 * numbers as numbers, text as strings, booleans as booleans, errors as their text, `t="d"`
 * dates as serial numbers, formulas as their cached value; empty cells are left out.
 */
export function parseSheetXml(xml: string, sharedStrings: string[] | null, options: SheetXmlOptions = {}): ParsedSheet {
  const cells = new CellScan();
  const values: RawCell[][] = [];
  const formats: CellFormat[][] = [];
  const styleFormats = options.styleFormats;
  const date1904 = options.date1904 === true;
  const scan = options.skipScan !== true;
  const start = xml.search(/<(?:[\w.-]+:)?sheetData[\s/>]/);
  if (start < 0) return { cells, values, formats };
  const re = /<(\/?)((?:[\w.-]+:)?)(sheetData|row|c)(?=[\s/>])([^>]*?)(\/?)>/g;
  re.lastIndex = start;
  let row = -1;
  let col = -1;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const [, closing, prefix = '', tag, attrs = '', selfClosing] = m;
    if (closing) {
      if (tag === 'sheetData') break;
      continue;
    }
    if (tag === 'row') {
      const r = attr(attrs, 'r');
      row = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : row + 1;
      col = -1;
      continue;
    }
    if (tag !== 'c') continue;
    const ref = attr(attrs, 'r');
    const parsed = ref === undefined ? undefined : /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
    if (parsed) {
      col = columnIndex(parsed[1]!);
      row = Number(parsed[2]) - 1;
    } else {
      col += 1;
    }
    const t = attr(attrs, 't');
    const type: CellTypeAttr = t !== undefined && (TYPE_CODES as string[]).includes(t) ? (t as CellTypeAttr) : 'n';
    const s = attr(attrs, 's');
    const style = s !== undefined && /^\d+$/.test(s) ? Number(s) : 0;
    if (scan) cells.set(row, col, type, style);
    if (styleFormats !== undefined) {
      const format = styleFormats[style];
      if (format) (formats[row] ??= [])[col] = format;
    }

    let content = '';
    if (!selfClosing) {
      const close = `</${prefix}c>`;
      const end = xml.indexOf(close, re.lastIndex);
      if (end < 0) break;
      content = xml.slice(re.lastIndex, end);
      re.lastIndex = end + close.length;
    }
    if (sharedStrings === null || content === '') continue;
    const value = cellValue(type, content, sharedStrings, date1904);
    if (value === null) continue;
    (values[row] ??= [])[col] = value;
  }
  return { cells, values, formats };
}

const V_ELEMENT = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/;
const IS_ELEMENT = /<(?:[\w.-]+:)?is(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?is>/;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function cellValue(type: CellTypeAttr, content: string, sharedStrings: string[], date1904: boolean): RawCell {
  if (type === 'inlineStr') {
    const inline = IS_ELEMENT.exec(content)?.[1];
    return nonEmpty(inline === undefined ? undefined : richText(inline));
  }
  const v = V_ELEMENT.exec(content)?.[1];
  if (v === undefined) return null;
  const text = decodeXml(v);
  switch (type) {
    case 'n':
      return text === '' ? null : NUMBER.test(text.trim()) ? Number(text) : text;
    case 's':
      return nonEmpty(sharedStrings[Number(text)]);
    case 'b':
      return text === '1' || text.toLowerCase() === 'true';
    case 'd':
      return text === '' ? null : (isoToSerial(text, date1904) ?? text);
    case 'str':
      return nonEmpty(decodeEscapes(text));
    default:
      return nonEmpty(text); // 'e': the error text, e.g. #N/A
  }
}

function nonEmpty(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text;
}

/** The shared string table: plain and rich text items, without phonetic (ruby) runs. */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  const re = /<(?:[\w.-]+:)?si(?=[\s/>])[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g;
  for (const m of xml.matchAll(re)) out.push(richText(m[1] ?? ''));
  return out;
}

/** The text of an `<si>` or `<is>` item: every `<t>` outside `<rPh>`, unescaped. */
function richText(fragment: string): string {
  const body = fragment.replace(/<(?:[\w.-]+:)?rPh(?=[\s>])[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '');
  let text = '';
  for (const m of body.matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g)) text += m[1] ?? '';
  return decodeEscapes(decodeXml(text));
}

/** Excel's `_xHHHH_` escapes of characters XML cannot hold (`_x000D_` is a carriage return). */
function decodeEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
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

/** The Excel tables of a worksheet (name, A1 range with header row and totals row, whether it has one), in `<tableParts>` order. */
export async function readSheetTables(zip: ZipArchive, sheetPath: string, sheetXml: string): Promise<ExcelTableInfo[]> {
  const slash = sheetPath.lastIndexOf('/');
  const dir = sheetPath.slice(0, slash + 1);
  const relsXml = await zip.readText(`${dir}_rels/${sheetPath.slice(slash + 1)}.rels`);
  if (relsXml === undefined) return [];
  const rels = parseRelationships(relsXml, dir).filter((rel) => /\/table$/.test(rel.type));
  const order = [...sheetXml.matchAll(/<(?:[\w.-]+:)?tablePart(?=[\s/>])([^>]*)>/g)]
    .map((m) => /(?:^|\s)[\w.-]+:id\s*=\s*(["'])(.*?)\1/.exec(m[1] ?? '')?.[2])
    .filter((id): id is string => id !== undefined);
  rels.sort((a, b) => rank(order, a.id) - rank(order, b.id));
  const tables: ExcelTableInfo[] = [];
  for (const rel of rels) {
    if (order.length > 0 && !order.includes(rel.id)) continue;
    const xml = await zip.readText(rel.target);
    const root = xml === undefined ? undefined : /<(?:[\w.-]+:)?table(?=[\s>])([^>]*)>/.exec(xml)?.[1];
    if (root === undefined) continue;
    const name = attr(root, 'displayName') ?? attr(root, 'name');
    const ref = attr(root, 'ref');
    if (name === undefined || ref === undefined) continue;
    // totalsRowCount="1": the table's last row is its totals row (totalsRowShown alone only says it once was).
    const totals = Number(attr(root, 'totalsRowCount') ?? 0) > 0;
    tables.push({ name, range: ref.replace(/\$/g, '').toUpperCase(), ...(totals ? { totalsRow: true } : {}) });
  }
  return tables;
}

function rank(order: string[], id: string): number {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
}

export interface Relationship {
  id: string;
  type: string;
  /** Resolved zip entry name. */
  target: string;
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

export function parseRelationships(xml: string, baseDir: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship(?=[\s/>])([^>]*)>/g)) {
    const attrs = m[1] ?? '';
    const id = attr(attrs, 'Id');
    const type = attr(attrs, 'Type');
    const target = attr(attrs, 'Target');
    if (id === undefined || type === undefined || target === undefined) continue;
    if (attr(attrs, 'TargetMode') === 'External') continue;
    out.push({ id, type, target: resolvePath(baseDir, target) });
  }
  return out;
}

function resolvePath(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : baseDir + target).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

const attrPatterns = new Map<string, RegExp>();

export function attr(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(["'])(.*?)\\1`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? decodeXml(m[2] ?? '') : undefined;
}

export function decodeXml(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (whole, dec?: string, hex?: string, named?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[named ?? ''] ?? whole;
  });
}
