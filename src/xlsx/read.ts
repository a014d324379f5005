/**
 * Reads every worksheet of an .xlsx file into rectangular grids of raw cell values:
 * numbers as numbers (a date is its serial number), text as strings (a number stored as
 * text stays a string), booleans as booleans, error cells as their text (`#N/A`), formula
 * cells as their cached value; plus each sheet's Excel tables. Chart sheets are skipped.
 * Each grid also carries the number format code of every cell whose style is not General
 * (`formats`: a `0%` cell's 1 is 100 %, a `yyyy-mm-dd` cell's 43586 is a date) and whether
 * the workbook counts dates in the 1904 system (`date1904`); the engine reads values by them.
 *
 * The sheet XML is read directly, in one pass as it is inflated (see ooxml.ts and
 * sheet-stream.ts: about 1 s for 100,000 customers, against ~10 s for 10,000 rows through
 * excelize-wasm), and the grids are laid out from the rows as scanned, without copying them.
 * Packages that reader cannot handle go through
 * excelize's `GetRows(sheet, {RawCellValue: true})` instead, with the cells' types and
 * styles scanned from the package (or from the copy excelize saves of it, when the package
 * itself cannot be opened here, e.g. zip64; `GetCellType` per cell only if even that
 * fails). Both paths give the same grids (checked in the tests).
 */
import { cellRef, tryParseRange } from '../engine/address';
import type { CellFormat, ExcelTableInfo, RawCell, SheetGrid } from '../engine/types';
import { loadExcelize, resetExcelize, type Excelize, type ExcelizeFile } from './excelize';
import { check, isRefusal, XlsxError } from './errors';
import { XLSX_LIMITS } from './limits';
import {
  attr,
  isoToSerial,
  parseStyleFormats,
  readSharedStrings,
  readSheetTables,
  readWorkbookParts,
  scanCells,
  scanSheetPart,
  type CellScan,
  type CellTypeAttr,
  type SheetPart,
  type WorkbookParts,
} from './ooxml';
import { tooLargeGrid, type SheetScanLimits } from './sheet-stream';
import { checkDeclaredSizes, readZip, type ZipArchive } from './zip';

export { XlsxError } from './errors';
export type { XlsxErrorCode, XlsxLimitExceeded } from './errors';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Every worksheet of the workbook as a grid. Refuses (XlsxError 'too-large') a package beyond
 * the limits of limits.ts before doing the work, and 'encrypted' a password-protected file.
 */
export async function readWorkbook(data: Uint8Array): Promise<SheetGrid[]> {
  checkSignature(data);
  const zip = readZip(data);
  if (zip) checkDeclaredSizes(zip);
  const parts = await readWorkbookParts(data, zip ?? undefined);
  if (parts) {
    const grids = await readDirectly(parts).catch((error: unknown) => {
      if (isRefusal(error)) throw error; // the excelize fallback must not take on what was refused
      return undefined;
    });
    if (grids && grids.length > 0) return grids;
    // Excelize gets the last word, on a workbook whose cells are within the limits.
    await countCells(parts);
  }
  return readWorkbookWithExcelize(data);
}

/** The direct reader; throws on anything unexpected so that excelize gets the last word. */
async function readDirectly(parts: WorkbookParts): Promise<SheetGrid[]> {
  const sharedStrings = (parts.sharedStrings ? await readSharedStrings(parts.zip, parts.sharedStrings) : undefined) ?? [];
  const styleFormats = await readStyleFormats(parts);
  const grids: SheetGrid[] = [];
  const limits = scanLimits();
  for (const sheet of parts.sheets) {
    if (sheet.kind !== 'worksheet') continue;
    const scanned = await scanSheetPart(parts.zip, sheet.path, { sharedStrings, styleFormats, date1904: parts.date1904, limits });
    if (!scanned || !scanned.sawWorksheet) throw new Error(`unreadable part ${sheet.path}`);
    const tables = await readSheetTables(parts.zip, sheet.path, scanned.tableParts);
    const grid = gridOf(sheet.name, scanned.rows, (height, width) => scanned.formatGrid(height, width), tables, parts.date1904);
    // Merged areas (a customer's name merged down over its rows): the engine reads a blank cell under one from its first cell.
    const merges = scanned.mergeRefs.flatMap((ref) => {
      const box = tryParseRange(ref);
      return box && (box.lastRow > box.firstRow || box.lastCol > box.firstCol) ? [box] : [];
    });
    if (merges.length > 0) grid.merges = merges;
    grids.push(grid);
  }
  return grids;
}

/** The limits of limits.ts as the sheet scanner checks them, with a cell count shared by the workbook's sheets. */
function scanLimits(): SheetScanLimits {
  return { cells: { count: 0 }, maxCells: XLSX_LIMITS.cells, gridCells: XLSX_LIMITS.gridCells };
}

/** The format code of each cell style, from the package's styles part ([] when it has none). */
async function readStyleFormats(parts: WorkbookParts): Promise<CellFormat[]> {
  const xml = parts.styles ? await parts.zip.readText(parts.styles) : undefined;
  return xml === undefined ? [] : parseStyleFormats(xml);
}

/**
 * A sheet's grid: values made rectangular, formats laid out the same way (only when some cell
 * has one: `formats` lays them out for the grid's height and width), the date system. The
 * rows are laid out in place (padded with null), not copied.
 */
function gridOf(
  name: string,
  values: RawCell[][],
  formats: (height: number, width: number) => CellFormat[][] | undefined,
  tables: ExcelTableInfo[],
  date1904: boolean,
): SheetGrid {
  const rows = rectangle(values, tables);
  const grid: SheetGrid = { name, rows, tables };
  const laidOut = formats(rows.length, rows[0]?.length ?? 0);
  if (laidOut) grid.formats = laidOut;
  if (date1904) grid.date1904 = true;
  return grid;
}

/** Sparse `formats` cut to the grid's rectangle (null where General), in place; undefined when no cell in it has a format. */
function formatsLike(formats: CellFormat[][], height: number, width: number): CellFormat[][] | undefined {
  let any = false;
  for (let r = 0; r < height && r < formats.length && !any; r++) {
    const source = formats[r];
    if (!source) continue;
    const end = Math.min(width, source.length);
    for (let c = 0; c < end; c++) {
      if (source[c]) {
        any = true;
        break;
      }
    }
  }
  if (!any) return undefined;
  const out = new Array<CellFormat[]>(height);
  for (let r = 0; r < height; r++) out[r] = fitRow(formats[r], width);
  return out;
}

/** A row cut or padded to `width`, holes and undefined made null; in place when there is one. */
function fitRow<T>(row: (T | null | undefined)[] | undefined, width: number): (T | null)[] {
  if (!row) return new Array<T | null>(width).fill(null);
  if (row.length > width) row.length = width;
  for (let c = 0; c < width; c++) if (row[c] === undefined) row[c] = null;
  return row as (T | null)[];
}

/** Every worksheet's cells counted (within the size limits), before excelize reads them. */
async function countCells(parts: WorkbookParts): Promise<void> {
  const limits = scanLimits();
  for (const sheet of parts.sheets) {
    if (sheet.kind !== 'worksheet') continue;
    await scanSheetPart(parts.zip, sheet.path, { sharedStrings: null, countOnly: true, limits }).catch((error: unknown) => {
      if (isRefusal(error)) throw error;
      return undefined;
    });
  }
}

/** The same grids through excelize-wasm (slow; the fallback, and the reference in tests). */
export async function readWorkbookWithExcelize(data: Uint8Array): Promise<SheetGrid[]> {
  const ex = await loadExcelize();
  const f = openWorkbook(ex, data);
  try {
    // The package map gives every cell's type and style in one scan. When this package cannot
    // be read directly (zip64, for one), excelize saves a copy that can: about 0.8 s for
    // 10,000 rows, against ~250 µs per cell for excelize's own per-cell look-ups.
    const parts = (await readWorkbookParts(data)) ?? (await resavedParts(f));
    const sheetNames = f.GetSheetList().list ?? [];
    const props = parts ? undefined : f.GetWorkbookProps();
    const date1904 = parts ? parts.date1904 : !props?.error && props?.props?.Date1904 === true;
    const styleFormats = parts ? await readStyleFormats(parts) : undefined;
    const grids: SheetGrid[] = [];
    for (const name of sheetNames) {
      const part = parts?.sheets.find((s) => s.name === name);
      if (part && part.kind !== 'worksheet') continue; // chart sheets, dialog sheets
      const grid = await readSheet(f, name, part && parts ? () => scanCells(parts.zip, part.path) : undefined, part, parts?.zip, { date1904, styleFormats });
      if (!grid) continue;
      const merged = f.GetMergeCells(name, true);
      const merges = (merged.error ? [] : merged.mergeCells).flatMap((m) => {
        const box = tryParseRange(`${m.GetStartAxis()}:${m.GetEndAxis()}`);
        return box && (box.lastRow > box.firstRow || box.lastCol > box.firstCol) ? [box] : [];
      });
      if (merges.length > 0) grid.merges = merges;
      grids.push(grid);
    }
    if (grids.length === 0) throw new XlsxError('not-xlsx', 'The workbook has no worksheet.');
    return grids;
  } catch (error) {
    throw asXlsxError(error, 'not-xlsx', 'The workbook could not be read');
  }
}

/** The package map of the workbook as excelize saves it; null when that fails. */
async function resavedParts(f: ExcelizeFile): Promise<WorkbookParts | null> {
  try {
    const saved = f.WriteToBuffer();
    return saved.error || !(saved.buffer instanceof Uint8Array) ? null : await readWorkbookParts(saved.buffer);
  } catch {
    return null;
  }
}

function checkSignature(data: Uint8Array): void {
  if (!(data instanceof Uint8Array) || data.length === 0) throw new XlsxError('not-xlsx', 'The file is empty.');
  if (startsWith(data, OLE_MAGIC)) {
    // Excel saves a password-protected .xlsx as an OLE compound file holding the encrypted
    // package (MS-OFFCRYPTO); any other compound file here is an old .xls workbook.
    if (compoundFileStreams(data).includes('EncryptedPackage')) {
      throw new XlsxError('encrypted', 'The workbook is password-protected (encrypted).');
    }
    throw new XlsxError('not-xlsx', 'This is not an .xlsx file (an old .xls workbook).');
  }
  if (!startsWith(data, ZIP_MAGIC)) throw new XlsxError('not-xlsx', 'This is not an .xlsx file (it is not a zip package).');
}

/**
 * The names in an OLE compound file's directory (MS-CFB), or [] when it cannot be read.
 * Bounded: the directory chain is followed through the FAT at most once per sector.
 */
export function compoundFileStreams(data: Uint8Array): string[] {
  if (data.length < 512 || !startsWith(data, OLE_MAGIC)) return [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return [];
  const size = 1 << shift;
  const perFat = size / 4;
  const sectorAt = (sector: number) => (sector + 1) * size;
  // The FAT's sectors: 109 in the header, the rest in the DIFAT chain.
  const fat: number[] = [];
  const fatCount = view.getUint32(0x2c, true);
  for (let i = 0; i < 109 && fat.length < fatCount; i++) fat.push(view.getUint32(0x4c + i * 4, true));
  let difat = view.getUint32(0x44, true);
  const seenDifat = new Set<number>();
  while (fat.length < fatCount && difat < 0xfffffffa && !seenDifat.has(difat) && sectorAt(difat) + size <= data.length) {
    seenDifat.add(difat);
    for (let i = 0; i < perFat - 1 && fat.length < fatCount; i++) fat.push(view.getUint32(sectorAt(difat) + i * 4, true));
    difat = view.getUint32(sectorAt(difat) + (perFat - 1) * 4, true);
  }
  const next = (sector: number): number => {
    const fatSector = fat[Math.floor(sector / perFat)];
    if (fatSector === undefined || sectorAt(fatSector) + size > data.length) return 0xfffffffe;
    return view.getUint32(sectorAt(fatSector) + (sector % perFat) * 4, true);
  };
  const names: string[] = [];
  const seen = new Set<number>();
  for (let sector = view.getUint32(0x30, true); sector < 0xfffffffa && !seen.has(sector); sector = next(sector)) {
    seen.add(sector);
    const base = sectorAt(sector);
    if (base + size > data.length) break;
    for (let entry = base; entry + 128 <= base + size; entry += 128) {
      const length = view.getUint16(entry + 0x40, true);
      const type = view.getUint8(entry + 0x42);
      if (type === 0 || length < 2 || length > 64) continue;
      let name = '';
      for (let k = 0; k + 2 < length; k += 2) name += String.fromCharCode(view.getUint16(entry + k, true));
      names.push(name);
    }
  }
  return names;
}

/** Opens the bytes in excelize or throws XlsxError 'not-xlsx' with a useful message. */
export function openWorkbook(ex: Excelize, data: Uint8Array): ExcelizeFile {
  checkSignature(data);
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
  zip: ZipArchive | undefined,
  { date1904, styleFormats }: { date1904: boolean; styleFormats: CellFormat[] | undefined },
): Promise<SheetGrid | undefined> {
  // Without the package map, a chart sheet shows up as "is not a worksheet" here: skip it.
  const gotTables = f.GetTables(name);
  if (gotTables.error && !part) return undefined;
  const tables: ExcelTableInfo[] = [];
  for (const t of check(gotTables, 'not-xlsx', `Sheet "${name}" could not be read`).tables ?? []) {
    // excelize does not report the totals row: the table part says it (totalsRowCount="1").
    const path = (t as { tableXML?: string }).tableXML;
    const xml = path && zip ? await zip.readText(path).catch(() => undefined) : undefined;
    const root = xml === undefined ? undefined : /<(?:[\w.-]+:)?table(?=[\s>])([^>]*)>/.exec(xml)?.[1];
    const totals = root !== undefined && Number(attr(root, 'totalsRowCount') ?? 0) > 0;
    tables.push({ name: t.Name ?? '', range: (t.Range ?? '').replace(/\$/g, '').toUpperCase(), ...(totals ? { totalsRow: true } : {}) });
  }
  const raw = check(f.GetRows(name, { RawCellValue: true }), 'not-xlsx', `Sheet "${name}" could not be read`).result ?? [];
  const scan = scanner ? await scanner() : null;
  const typeAt = scan
    ? (row: number, col: number): CellTypeAttr | undefined => scan.get(row, col)?.type
    : (row: number, col: number): CellTypeAttr | undefined => cellTypeFromExcelize(f, name, row, col);

  const values: RawCell[][] = raw.map((cells, r) =>
    cells.map((text, c) => (text === '' ? null : toRawCell(text, looksNumeric(text) || isIsoDate(text) ? typeAt(r, c) : 's', date1904))),
  );
  // Formats come from the package map's scan; without one (excelize could not even save a
  // readable copy) the grid goes without them.
  const formats: CellFormat[][] = [];
  if (scan && styleFormats) {
    values.forEach((row, r) =>
      row.forEach((_, c) => {
        const code = styleFormats[scan.get(r, c)?.style ?? 0];
        if (code) (formats[r] ??= [])[c] = code;
      }),
    );
  }
  return gridOf(name, values, (height, width) => formatsLike(formats, height, width), tables, date1904);
}

/**
 * A rectangular grid: as wide as the widest row, as tall as the last value, covering every
 * table. Refuses ('too-large') a rectangle beyond the grid limit (a cell or a table range
 * far out at XFD1048576) before laying it out. The rows of `values` are padded in place.
 */
function rectangle(values: RawCell[][], tables: ExcelTableInfo[]): RawCell[][] {
  let height = 0;
  let width = 0;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (!row) continue;
    for (let c = row.length - 1; c >= 0; c--) {
      if (row[c] !== null && row[c] !== undefined) {
        height = r + 1;
        width = Math.max(width, c + 1);
        break;
      }
    }
  }
  for (const table of tables) {
    const box = tryParseRange(table.range);
    if (!box) continue;
    height = Math.max(height, box.lastRow + 1);
    width = Math.max(width, box.lastCol + 1);
  }
  if (height * width > XLSX_LIMITS.gridCells) throw tooLargeGrid(height, width, XLSX_LIMITS.gridCells);
  const grid = new Array<RawCell[]>(height);
  for (let r = 0; r < height; r++) grid[r] = fitRow(values[r], width);
  return grid;
}

/** The JS value of a cell's raw text, given its SpreadsheetML type (undefined: unknown). */
function toRawCell(text: string, type: CellTypeAttr | undefined, date1904: boolean): RawCell {
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
      return isoToSerial(text, date1904) ?? text;
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

const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
function looksNumeric(text: string): boolean {
  return NUMERIC.test(text);
}

function isIsoDate(text: string): boolean {
  return isoToSerial(text) !== undefined;
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
