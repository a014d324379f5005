/**
 * Direct reading of the SpreadsheetML parts of an .xlsx package, in plain TypeScript.
 *
 * excelize-wasm is the authority for writing, but reading through it is slow: the Go XML
 * decoder in wasm needs about 4 s to load a 10,000-row sheet, `GetRows` another 5-6 s, and
 * each per-cell call (GetCellType, GetCellStyle) 40-300 µs. Scanning the sheet XML here
 * takes a few hundred milliseconds and gives what excelize does not expose in bulk: every
 * cell's type attribute `t` (a number vs a number stored as text), its style id `s`, and
 * its stored value. `read.ts` checks this reader against excelize's in the tests and falls
 * back to excelize for packages this reader does not handle (other compressions).
 *
 * The worksheets and the shared strings are scanned as they are inflated (sheet-stream.ts);
 * the small parts (workbook, relationships, styles, tables) are read whole.
 */
import { builtInFormatCode } from '../engine/number-format';
import type { CellFormat, ExcelTableInfo, RawCell } from '../engine/types';
import { isRefusal } from './errors';
import { CellScan, decodeXml, SharedStringScanner, SheetScanner, type SheetScanOptions } from './sheet-stream';
import { readZip, type ZipArchive } from './zip';

export { CellScan, decodeXml, isoToSerial, type CellInfo, type CellTypeAttr } from './sheet-stream';

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
  try {
    const scanner = await scanSheetPart(zip, path, { sharedStrings: null, scan: true });
    return scanner ? scanner.cells : null;
  } catch (error) {
    if (isRefusal(error)) throw error;
    return null;
  }
}

/**
 * Streams a worksheet part through a SheetScanner (values, formats, types and styles as
 * `options` ask); undefined when the package has no such part.
 */
export async function scanSheetPart(zip: ZipArchive, path: string, options: SheetScanOptions): Promise<SheetScanner | undefined> {
  const scanner = new SheetScanner(options);
  if (!(await zip.stream(path, (chunk) => scanner.push(chunk)))) return undefined;
  scanner.end();
  return scanner;
}

/** The shared string table of a package, streamed; undefined when it has no such part. */
export async function readSharedStrings(zip: ZipArchive, path: string): Promise<string[] | undefined> {
  const scanner = new SharedStringScanner();
  if (!(await zip.stream(path, (chunk) => scanner.push(chunk)))) return undefined;
  scanner.end();
  return scanner.strings;
}

export interface ParsedSheet {
  cells: CellScan;
  /** Stored values by 0-based row and column (ragged: a row may run past its last value, holes and nulls where there is none; rows without any are absent); empty when not asked for. */
  values: RawCell[][];
  /** Number format codes by 0-based row and column (ragged), where the cell's style is not General; with `styleFormats` only. */
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
 * Parses a worksheet's `<sheetData>` held in memory as text. With `sharedStrings`, also
 * returns every cell's value: numbers as numbers, text as strings, booleans as booleans,
 * errors as their text, `t="d"` dates as serial numbers, formulas as their cached value;
 * empty cells are left out. (The reader streams the part instead: scanSheetPart.)
 */
export function parseSheetXml(xml: string, sharedStrings: string[] | null, options: SheetXmlOptions = {}): ParsedSheet {
  const scanner = new SheetScanner({
    sharedStrings,
    styleFormats: options.styleFormats,
    date1904: options.date1904,
    scan: options.skipScan !== true,
  }).all(new TextEncoder().encode(xml));
  return { cells: scanner.cells, values: scanner.rows, formats: scanner.formatRows() };
}

/** The shared string table: plain and rich text items, without phonetic (ruby) runs. */
export function parseSharedStrings(xml: string): string[] {
  return new SharedStringScanner().all(new TextEncoder().encode(xml)).strings;
}

/**
 * The Excel tables of a worksheet (name, A1 range with header row and totals row, whether it
 * has one), in `<tableParts>` order: the sheet's XML, or the `r:id`s of its `<tablePart>`s.
 */
export async function readSheetTables(zip: ZipArchive, sheetPath: string, sheet: string | readonly string[]): Promise<ExcelTableInfo[]> {
  const slash = sheetPath.lastIndexOf('/');
  const dir = sheetPath.slice(0, slash + 1);
  const relsXml = await zip.readText(`${dir}_rels/${sheetPath.slice(slash + 1)}.rels`);
  if (relsXml === undefined) return [];
  const rels = parseRelationships(relsXml, dir).filter((rel) => /\/table$/.test(rel.type));
  const order =
    typeof sheet !== 'string'
      ? [...sheet]
      : [...sheet.matchAll(/<(?:[\w.-]+:)?tablePart(?=[\s/>])([^>]*)>/g)]
          .map((m) => /(?:^|\s)[\w.-]+:id\s*=\s*(["'])(.*?)\1/.exec(m[1] ?? '')?.[2])
          .map((id) => (id === undefined ? undefined : decodeXml(id)))
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
