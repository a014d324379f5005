/**
 * Reads every worksheet of an .xlsx file into rectangular grids of raw cell values.
 *
 * Values come from excelize's `GetRows(sheet, {RawCellValue: true})` (stored values, not
 * formatted text: a date is its serial number, a formula its cached result). Every value
 * arrives as a string, so the cell types (`t` attribute) are read from the sheet XML in one
 * pass: a number stays a number, a number stored as text stays a string, booleans become
 * booleans, error cells keep their text (`#N/A`).
 */
import type { ExcelTableInfo, RawCell, SheetGrid } from '../engine/types';
import { loadExcelize, resetExcelize, type Excelize, type ExcelizeFile } from './excelize';
import { check, XlsxError } from './errors';
import { parseRange, readWorkbookParts, scanCells, type CellScan, type CellTypeAttr, type SheetPart } from './ooxml';

export { XlsxError } from './errors';
export type { XlsxErrorCode } from './errors';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function readWorkbook(data: Uint8Array): Promise<SheetGrid[]> {
  const ex = await loadExcelize();
  const f = openWorkbook(ex, data);
  try {
    const parts = await readWorkbookParts(data);
    const sheetNames = f.GetSheetList().list ?? [];
    const grids: SheetGrid[] = [];
    for (const name of sheetNames) {
      const part = parts?.sheets.find((s) => s.name === name);
      if (part && part.kind !== 'worksheet') continue; // chart sheets, dialog sheets
      const grid = await readSheet(f, name, part && parts ? () => scanCells(parts.zip, part.path) : undefined, part);
      if (grid) grids.push(grid);
    }
    if (grids.length === 0) throw new XlsxError('not-xlsx', 'The workbook has no worksheet.');
    return grids;
  } catch (error) {
    throw asXlsxError(error, 'not-xlsx', 'The workbook could not be read');
  } finally {
    closeQuietly(f);
  }
}

/** Opens the bytes in excelize or throws XlsxError 'not-xlsx' with a useful message. */
export function openWorkbook(ex: Excelize, data: Uint8Array): ExcelizeFile {
  if (!(data instanceof Uint8Array) || data.length === 0) throw new XlsxError('not-xlsx', 'The file is empty.');
  if (startsWith(data, OLE_MAGIC)) {
    throw new XlsxError('not-xlsx', 'This is not an .xlsx file (an old .xls workbook, or a password-protected one).');
  }
  if (!startsWith(data, ZIP_MAGIC)) throw new XlsxError('not-xlsx', 'This is not an .xlsx file (it is not a zip package).');
  let f: ExcelizeFile;
  try {
    f = ex.OpenReader(data);
  } catch (error) {
    resetExcelize();
    throw new XlsxError('not-xlsx', `This is not an .xlsx file: ${describe(error)}`, { cause: error });
  }
  if (f.error) throw new XlsxError('not-xlsx', `This is not an .xlsx file: ${f.error}`);
  return f;
}

async function readSheet(
  f: ExcelizeFile,
  name: string,
  scanner: (() => Promise<CellScan | null>) | undefined,
  part: SheetPart | undefined,
): Promise<SheetGrid | undefined> {
  // Without the package map, a chart sheet shows up as "is not a worksheet" here: skip it.
  const gotTables = f.GetTables(name);
  if (gotTables.error && !part) return undefined;
  const tables: ExcelTableInfo[] = (check(gotTables, 'not-xlsx', `Sheet "${name}" could not be read`).tables ?? []).map((t) => ({
    name: t.Name ?? '',
    range: (t.Range ?? '').replace(/\$/g, '').toUpperCase(),
  }));
  const raw = check(f.GetRows(name, { RawCellValue: true }), 'not-xlsx', `Sheet "${name}" could not be read`).result ?? [];
  const scan = scanner ? await scanner() : null;
  const typeAt = scan
    ? (row: number, col: number): CellTypeAttr | undefined => scan.get(row, col)?.type
    : (row: number, col: number): CellTypeAttr | undefined => cellTypeFromExcelize(f, name, row, col);

  const rows: RawCell[][] = raw.map((cells, r) =>
    cells.map((text, c) => (text === '' ? null : toRawCell(text, looksNumeric(text) || isIsoDate(text) ? typeAt(r, c) : 's'))),
  );

  // Rectangular: as wide as the widest row, and covering every table.
  let height = 0;
  let width = 0;
  rows.forEach((row, r) => {
    for (let c = row.length - 1; c >= 0; c--) {
      if (row[c] !== null) {
        height = r + 1;
        width = Math.max(width, c + 1);
        break;
      }
    }
  });
  for (const table of tables) {
    const box = parseRange(table.range);
    if (!box) continue;
    height = Math.max(height, box.bottom + 1);
    width = Math.max(width, box.right + 1);
  }
  const grid: RawCell[][] = [];
  for (let r = 0; r < height; r++) {
    const row = rows[r] ?? [];
    const out: RawCell[] = new Array<RawCell>(width);
    for (let c = 0; c < width; c++) out[c] = row[c] ?? null;
    grid.push(out);
  }
  return { name, rows: grid, tables };
}

/** The JS value of a cell's raw text, given its SpreadsheetML type (undefined: unknown). */
function toRawCell(text: string, type: CellTypeAttr | undefined): RawCell {
  switch (type) {
    case 'n':
    case undefined: {
      if (!looksNumeric(text)) return text;
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'b':
      return text === '1' || text.toUpperCase() === 'TRUE';
    case 'd':
      return isoToSerial(text) ?? text;
    default:
      return text; // s, str, inlineStr, e
  }
}

/** Per-cell fallback when the sheet XML could not be scanned (slow: one wasm call per cell). */
function cellTypeFromExcelize(f: ExcelizeFile, sheet: string, row: number, col: number): CellTypeAttr | undefined {
  const got = f.GetCellType(sheet, cellRef(row, col));
  if (got.error) return undefined;
  // excelize's CellType enum: Unset, Bool, Date, Error, Formula(str), InlineString, Number, SharedString
  const map: Record<number, CellTypeAttr> = { 0: 'n', 1: 'b', 2: 'd', 3: 'e', 4: 'str', 5: 'inlineStr', 6: 'n', 7: 's' };
  return map[got.cellType as unknown as number];
}

function cellRef(row: number, col: number): string {
  let n = col + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${row + 1}`;
}

const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
function looksNumeric(text: string): boolean {
  return NUMERIC.test(text);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text);
}

/** An ISO 8601 date (a `t="d"` cell) as an Excel serial number (1900 date system). */
export function isoToSerial(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const serial = (ms + fraction - Date.UTC(1899, 11, 30)) / 86_400_000;
  // Excel's phantom 29 Feb 1900: serials before 1 March 1900 are one lower.
  return serial < 61 ? serial - 1 : serial;
}

function startsWith(data: Uint8Array, magic: number[]): boolean {
  return data.length >= magic.length && magic.every((b, i) => data[i] === b);
}

export function asXlsxError(error: unknown, code: XlsxError['code'], context: string): XlsxError {
  if (error instanceof XlsxError) return error;
  resetExcelize(); // the wasm module threw: do not trust its state any more
  return new XlsxError(code, `${context}: ${describe(error)}`, { cause: error });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function closeQuietly(f: ExcelizeFile): void {
  try {
    (f as unknown as { Close?: () => unknown }).Close?.();
  } catch {
    // nothing to do
  }
}
