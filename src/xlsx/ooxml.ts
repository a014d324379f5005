/**
 * Light reading of SpreadsheetML parts that excelize-wasm does not expose in bulk:
 * which part each sheet lives in (and whether it is a worksheet or a chart sheet), and
 * every cell's type attribute `t` and style id `s`. Cell *values* still come from
 * excelize; this only tells a number from a number stored as text, etc.
 *
 * One call of excelize's GetCellType or GetCellStyle costs 40–300 µs in wasm, so asking
 * per cell for a 10,000-row sheet takes seconds; scanning the sheet XML takes milliseconds.
 */
import { readZip, type ZipArchive } from './zip';

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
export async function readWorkbookParts(data: Uint8Array): Promise<WorkbookParts | null> {
  try {
    const zip = readZip(data);
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
    return { zip, sheets };
  } catch {
    return null;
  }
}

/** Scans the `<row>`/`<c>` elements of a worksheet part; null when it cannot be read. */
export async function scanCells(zip: ZipArchive, path: string): Promise<CellScan | null> {
  let xml: string | undefined;
  try {
    xml = await zip.readText(path);
  } catch {
    return null;
  }
  if (xml === undefined) return null;
  const scan = new CellScan();
  const start = xml.search(/<(?:[\w.-]+:)?sheetData[\s/>]/);
  if (start < 0) return scan;
  const re = /<(\/?)(?:[\w.-]+:)?(sheetData|row|c)(?=[\s/>])([^>]*)>/g;
  re.lastIndex = start;
  let row = -1;
  let col = -1;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const [, closing, tag, attrs = ''] = m;
    if (closing) {
      if (tag === 'sheetData') break;
      continue;
    }
    if (tag === 'row') {
      const r = attr(attrs, 'r');
      row = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : row + 1;
      col = -1;
    } else if (tag === 'c') {
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
      scan.set(row, col, type, s !== undefined && /^\d+$/.test(s) ? Number(s) : 0);
    }
  }
  return scan;
}

interface Relationship {
  id: string;
  type: string;
  /** Resolved zip entry name. */
  target: string;
}

function parseRelationships(xml: string, baseDir: string): Relationship[] {
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

function attr(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(["'])(.*?)\\1`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? decodeXml(m[2] ?? '') : undefined;
}

/** 'A' → 0, 'AA' → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0 → 'A', 26 → 'AA'. */
export function columnName(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** 0-based row and column → 'B3'. */
export function cellName(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** 'B3:L20' → 0-based corners. */
export function parseRange(range: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(range.trim());
  if (!m) return undefined;
  const a = { col: columnIndex(m[1]!), row: Number(m[2]) - 1 };
  const b = m[3] && m[4] ? { col: columnIndex(m[3]), row: Number(m[4]) - 1 } : a;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

function decodeXml(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (whole, dec?: string, hex?: string, named?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[named ?? ''] ?? whole;
  });
}
