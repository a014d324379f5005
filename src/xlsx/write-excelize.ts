/**
 * The fallback writer: managed columns (score, tier, flags …) into a copy of the user's
 * workbook through excelize-wasm, for the packages the direct writer (direct-write.ts) does
 * not handle — see write.ts. It makes one wasm call per run of cells and re-saves the whole
 * package, which costs minutes at 100,000 customers: it is not the path for ordinary files.
 *
 * The original bytes are opened with excelize-wasm, which keeps what it does not touch
 * (other sheets, styles, formulas, merges, validation, comments, defined names, charts,
 * images, tables) and re-saves the package. Only the given cells are written:
 *
 * - strings are always written as text (`=1+1`, `-高风险` never become formulas), numbers as
 *   numbers, `null` clears a cell's value (its style stays);
 * - a column whose header cell already holds text is a column that already exists: its
 *   header is left as it is and its cells keep their styles; only the number format (when
 *   the cell has none) and, in a column that uses fills, the fill are set;
 * - a new column gets the header, the header style of its left neighbour, and data cells
 *   styled like their left neighbours without fill and number format;
 * - in a column where some value has a `fill`, the values without one get no fill, so a
 *   colour from the previous run does not linger;
 * - `table` re-creates the Excel table over the new range with its name, style and options.
 *
 * `CellsWrite` writes given cells on a sheet of its own (the add-in's very hidden rules sheet),
 * creating the sheet when missing: strings as text, numbers as numbers, `null` clears. Its
 * `veryHidden` state is patched into the workbook part after excelize has saved the package,
 * since excelize-wasm's SetSheetVisible knows only visible and hidden. Its `charts` are drawn
 * with excelize's AddChart and then given the direct writer's chart parts (excelize-charts.ts).
 */
import { addMissingCharts, ourChartParts, sheetCharts } from './excelize-charts';
import { loadExcelize, type Excelize, type ExcelizeFile } from './excelize';
import { check, writeFailed } from './errors';
import { asXlsxError, openWorkbook } from './read';
import { cellRef, columnLetter, tryParseRange, type CellBox } from '../engine/address';
import { attr, parseRelationships, readWorkbookParts, scanCells, type CellScan, type WorkbookParts } from './ooxml';
import { readZip } from './zip';
// The zip entry replacer (the emulator's .xlsx saver uses it for the same veryHidden patch).
import { replaceZipEntries } from './zip-patch';
import {
  checkTableResize,
  DerivedStyles,
  MAX_COLS,
  newColumnWidth,
  validate,
  validateCells,
  withNewColumns,
  type CellsWrite,
  type ColumnWrite,
  type DeriveOptions,
  type SheetWrite,
} from './write-common';

/** Writes the managed columns (`writes`) and then the given cells of other sheets (`cells`), all in one save. */
export async function writeWithExcelize(data: Uint8Array, writes: SheetWrite[], cells: readonly CellsWrite[] = []): Promise<Uint8Array> {
  const ex = await loadExcelize();
  const f = openWorkbook(ex, data);
  try {
    const parts = await readWorkbookParts(data);
    // Parts patched after excelize has saved the package (a table with a totals row).
    const patches = new Map<string, Uint8Array>();
    for (const write of writes) await applySheetWrite(f, parts, write, patches);
    for (const write of cells) await applyCellsWrite(ex, f, parts, write);
    const veryHidden = cells.filter((c) => c.visibility === 'veryHidden').map((c) => c.sheet);
    if (veryHidden.length > 0) keepActiveSheetVisible(f, new Set(veryHidden));
    const out = f.WriteToBuffer();
    if (out.error) throw writeFailed({ reason: 'generate' }, `The workbook could not be saved: ${out.error}`);
    const buffer = out.buffer as unknown;
    let bytes: Uint8Array;
    if (buffer instanceof Uint8Array) bytes = buffer;
    else if (buffer instanceof ArrayBuffer) bytes = new Uint8Array(buffer);
    else throw writeFailed({ reason: 'generate' }, 'The workbook could not be saved: excelize returned no bytes.');
    if (patches.size > 0) bytes = replaceZipEntries(bytes, patches);
    const charted = cells.filter((c) => c.charts?.length || c.staleCharts?.length);
    if (charted.length > 0) bytes = await withOurCharts(bytes, charted);
    return veryHidden.length > 0 ? await withVeryHiddenSheets(bytes, new Set(veryHidden)) : bytes;
  } catch (error) {
    throw asXlsxError(error, 'write-failed', 'The workbook could not be written');
  }
}

async function applyCellsWrite(ex: Excelize, f: ExcelizeFile, parts: WorkbookParts | null, write: CellsWrite): Promise<void> {
  const { sheet } = write;
  const part = parts?.sheets.find((s) => s.name === sheet);
  if (part && part.kind !== 'worksheet') throw writeFailed({ reason: 'chart-sheet', sheet }, `"${sheet}" is a chart sheet, not a worksheet.`);
  validateCells(write);
  if (!(f.GetSheetList().list ?? []).includes(sheet)) check(f.NewSheet(sheet), 'write-failed', `new sheet "${sheet}"`);
  // One SetSheetRow call per run of adjacent cells in a row (as writeColumn does per column):
  // strings become text cells, never formulas; null clears the value.
  const sorted = [...write.cells].sort((a, b) => a.row - b.row || a.col - b.col);
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.row === sorted[i]!.row && sorted[j]!.col === sorted[j - 1]!.col + 1) j++;
    const run = sorted.slice(i, j).map((c) => (typeof c.value === 'number' ? c.value + 0 : c.value)); // -0 → 0
    const at = cellRef(sorted[i]!.row, sorted[i]!.col);
    check(f.SetSheetRow(sheet, at, run), 'write-failed', `cells from ${at} of "${sheet}"`);
    i = j;
  }
  const written = sorted.filter((c) => c.value !== null);
  if (written.length > 0) {
    extendDimension(f, sheet, {
      firstRow: written[0]!.row,
      lastRow: written[written.length - 1]!.row,
      firstCol: Math.min(...written.map((c) => c.col)),
      lastCol: Math.max(...written.map((c) => c.col)),
    });
  }
  if (write.charts?.length) addMissingCharts(ex, f, sheet, write.charts, part && parts ? await sheetCharts(parts.zip, part.path) : []);
}

/** The saved package with our charts' parts and anchors as the direct writer writes them (excelize-charts.ts). */
async function withOurCharts(bytes: Uint8Array, writes: readonly CellsWrite[]): Promise<Uint8Array> {
  const saved = await readWorkbookParts(bytes);
  if (!saved) throw writeFailed({ reason: 'generate' }, 'The saved workbook cannot be read to finish its charts.');
  const patches = new Map<string, Uint8Array | null>();
  for (const write of writes) {
    const part = saved.sheets.find((s) => s.name === write.sheet);
    if (!part) throw writeFailed({ reason: 'generate' }, `The saved workbook lacks the sheet "${write.sheet}".`);
    for (const [path, text] of await ourChartParts(saved.zip, part.path, write.sheet, write.charts ?? [], write.staleCharts ?? []))
      patches.set(path, text === null ? null : new TextEncoder().encode(text));
  }
  return replaceZipEntries(bytes, patches);
}

/** The workbook must open on a visible sheet: when the active one is to be very hidden, the first other sheet becomes active. */
function keepActiveSheetVisible(f: ExcelizeFile, hidden: ReadonlySet<string>): void {
  const list = f.GetSheetList().list ?? [];
  const active = f.GetActiveSheetIndex();
  const name = active.error ? undefined : list[active.index];
  if (name === undefined || !hidden.has(name)) return;
  const next = list.find((n) => !hidden.has(n) && (f.GetSheetVisible(n).visible ?? true));
  if (next !== undefined) check(f.SetActiveSheet(f.GetSheetIndex(next).index), 'write-failed', `active sheet "${next}"`);
}

/** Sets state="veryHidden" on these sheets' elements in the saved workbook part. */
async function withVeryHiddenSheets(bytes: Uint8Array, sheets: ReadonlySet<string>): Promise<Uint8Array> {
  const zip = readZip(bytes);
  const rootRels = zip ? await zip.readText('_rels/.rels') : undefined;
  const workbookPath = rootRels === undefined ? undefined : parseRelationships(rootRels, '').find((r) => /\/officeDocument$/.test(r.type))?.target;
  const xml = workbookPath === undefined ? undefined : await zip!.readText(workbookPath);
  if (workbookPath === undefined || xml === undefined)
    throw writeFailed({ reason: 'generate' }, 'The saved workbook has no workbook part to mark the rules sheet very hidden.');
  let found = 0;
  const patched = xml.replace(/<((?:[\w.-]+:)?sheet)(?=[\s/>])([^>]*?)(\/?)>/g, (whole, tag: string, attrs: string, close: string) => {
    const name = attr(attrs, 'name');
    if (name === undefined || !sheets.has(name)) return whole;
    found++;
    return `<${tag}${attrs.replace(/\s+state\s*=\s*(["']).*?\1/, '')} state="veryHidden"${close}>`;
  });
  if (found !== sheets.size) throw writeFailed({ reason: 'generate' }, 'The saved workbook lacks the sheet to mark very hidden.');
  return replaceZipEntries(bytes, new Map([[workbookPath, new TextEncoder().encode(patched)]]));
}

async function applySheetWrite(f: ExcelizeFile, parts: WorkbookParts | null, write: SheetWrite, patches: Map<string, Uint8Array>): Promise<void> {
  const { sheet } = write;
  const sheets = f.GetSheetList().list ?? [];
  if (!sheets.includes(sheet)) throw writeFailed({ reason: 'no-sheet', sheet }, `The workbook has no sheet named "${sheet}".`);
  const part = parts?.sheets.find((s) => s.name === sheet);
  if (part && part.kind !== 'worksheet') throw writeFailed({ reason: 'chart-sheet', sheet }, `"${sheet}" is a chart sheet, not a worksheet.`);
  validate(write);

  const scan = part && parts ? await scanCells(parts.zip, part.path) : null;
  const styles = new Styles(f, sheet, scan);
  const columns = [...write.columns].sort((a, b) => a.col - b.col); // left neighbours first
  const touched: CellBox = { firstRow: Infinity, firstCol: Infinity, lastRow: -1, lastCol: -1 };
  for (const column of columns) {
    writeColumn(f, sheet, column, styles);
    for (const row of [column.headerRow, ...column.values.map((v) => v.row)]) {
      touched.firstRow = Math.min(touched.firstRow, row);
      touched.lastRow = Math.max(touched.lastRow, row);
    }
    touched.firstCol = Math.min(touched.firstCol, column.col);
    touched.lastCol = Math.max(touched.lastCol, column.col);
  }
  if (write.table) await resizeTable(f, parts, sheet, write.table, patches);
  if (touched.lastRow >= 0) extendDimension(f, sheet, touched);
}

function writeColumn(f: ExcelizeFile, sheet: string, column: ColumnWrite, styles: Styles): void {
  const { col, headerRow } = column;
  const headerRef = cellRef(headerRow, col);
  const existingHeader = check(f.GetCellValue(sheet, headerRef, { RawCellValue: true }), 'write-failed', headerRef).value ?? '';
  const isNew = existingHeader.trim() === '';
  if (isNew) {
    check(f.SetCellStr(sheet, headerRef, column.header), 'write-failed', `header ${headerRef}`);
    if (styles.at(headerRow, col) === 0 && col > 0) {
      const left = styles.at(headerRow, col - 1);
      if (left !== 0) styles.set(headerRow, col, headerRow, left);
    }
  }

  const values = [...column.values].sort((a, b) => a.row - b.row);
  const fillManaged = values.some((v) => v.fill !== undefined);

  // Values: one SetSheetCol call per run of consecutive rows.
  for (let i = 0; i < values.length;) {
    let j = i + 1;
    while (j < values.length && values[j]!.row === values[j - 1]!.row + 1) j++;
    const run = values.slice(i, j).map((v) => (typeof v.value === 'number' ? v.value + 0 : v.value)); // -0 → 0
    check(f.SetSheetCol(sheet, cellRef(values[i]!.row, col), run as (string | number)[]), 'write-failed', `values of ${columnLetter(col)}`);
    i = j;
  }

  // Styles: the target style of every written cell, applied per run of equal styles.
  const targets = values.map(({ row, fill }) => {
    const existing = styles.at(row, col);
    const fillTarget = fillManaged ? (fill ? fill.replace('#', '').toUpperCase() : null) : undefined;
    if (existing !== 0) return styles.derive(existing, { numberFormat: column.numberFormat, onlyIfGeneral: true, fill: fillTarget });
    const left = col > 0 ? styles.at(row, col - 1) : 0;
    return styles.derive(left, { numberFormat: column.numberFormat, onlyIfGeneral: false, fill: fillTarget, strip: true });
  });
  for (let i = 0; i < values.length;) {
    const style = targets[i]!;
    let j = i + 1;
    while (j < values.length && values[j]!.row === values[j - 1]!.row + 1 && targets[j] === style) j++;
    const first = values[i]!.row;
    const last = values[j - 1]!.row;
    if (values.slice(i, j).some((v) => styles.at(v.row, col) !== style)) styles.set(first, col, last, style);
    i = j;
  }

  if (isNew) widenNewColumn(f, sheet, col, column);
}

/** A new column gets a width that fits its header and values. */
function widenNewColumn(f: ExcelizeFile, sheet: string, col: number, column: ColumnWrite): void {
  const letter = columnLetter(col);
  const current = f.GetColWidth(sheet, letter);
  if (current.error) return;
  const width = newColumnWidth(column);
  if (width > (current.width ?? 0)) check(f.SetColWidth(sheet, letter, letter, width), 'write-failed', `width of ${letter}`);
}

type ExcelizeStyle = NonNullable<ReturnType<ExcelizeFile['GetStyle']>['style']>;

/** Style ids of the sheet's cells (from the XML scan, or per-cell excelize calls) and derived styles. */
class Styles {
  private readonly written = new Map<number, number>();
  private readonly derived = new DerivedStyles((base, opts) => this.compute(base, opts));
  private readonly definitions = new Map<number, ExcelizeStyle>();

  constructor(
    private readonly f: ExcelizeFile,
    private readonly sheet: string,
    private readonly scan: CellScan | null,
  ) {}

  at(row: number, col: number): number {
    const key = row * MAX_COLS + col;
    const mine = this.written.get(key);
    if (mine !== undefined) return mine;
    if (this.scan) return this.scan.get(row, col)?.style ?? 0;
    const got = this.f.GetCellStyle(this.sheet, cellRef(row, col));
    const id = got.error ? 0 : (got.style ?? 0);
    this.written.set(key, id);
    return id;
  }

  /** Applies `style` to rows first..last of column `col`. */
  set(first: number, col: number, last: number, style: number): void {
    check(this.f.SetCellStyle(this.sheet, cellRef(first, col), cellRef(last, col), style), 'write-failed', `style of ${cellRef(first, col)}`);
    for (let row = first; row <= last; row++) this.written.set(row * MAX_COLS + col, style);
  }

  derive(base: number, opts: DeriveOptions): number {
    return this.derived.derive(base, opts);
  }

  private compute(base: number, opts: DeriveOptions): number {
    const style: ExcelizeStyle = structuredClone(this.definition(base));
    let changed = false;
    if (opts.strip) {
      if (hasFill(style) || !isGeneral(style)) changed = true;
      delete style.Fill;
      setGeneral(style);
    }
    if (opts.numberFormat !== undefined && (!opts.onlyIfGeneral || isGeneral(style)) && style.CustomNumFmt !== opts.numberFormat) {
      setGeneral(style);
      style.CustomNumFmt = opts.numberFormat;
      changed = true;
    }
    if (opts.fill === null && hasFill(style)) {
      delete style.Fill;
      changed = true;
    } else if (opts.fill && fillColor(style) !== opts.fill) {
      style.Fill = { Type: 'pattern', Pattern: 1, Color: [opts.fill] };
      changed = true;
    }
    if (!changed) return base;
    // GetStyle reports the workbook's default font on every style; giving it back to
    // NewStyle would add a copy of that font. Without a Font, NewStyle uses the default one.
    const plain = this.definition(0);
    if (style.Font && sameStyle(style.Font, plain.Font ?? {})) delete style.Font;
    if (sameStyle(style, plain)) return 0;
    return check(this.f.NewStyle(style), 'write-failed', 'new cell style').style;
  }

  private definition(id: number): ExcelizeStyle {
    let style = this.definitions.get(id);
    if (!style) {
      style = check(this.f.GetStyle(id), 'write-failed', `cell style ${id}`).style ?? {};
      this.definitions.set(id, style);
    }
    return style;
  }
}

function isGeneral(style: ExcelizeStyle): boolean {
  return (style.NumFmt ?? 0) === 0 && !style.CustomNumFmt;
}

function setGeneral(style: ExcelizeStyle): void {
  style.NumFmt = 0;
  delete style.CustomNumFmt;
  delete style.DecimalPlaces;
}

function hasFill(style: ExcelizeStyle): boolean {
  const fill = style.Fill;
  if (!fill || !fill.Type) return false;
  return fill.Type === 'gradient' || (fill.Pattern ?? 0) !== 0;
}

function fillColor(style: ExcelizeStyle): string | undefined {
  const fill = style.Fill;
  if (!fill || fill.Type !== 'pattern' || fill.Pattern !== 1) return undefined;
  return fill.Color?.[0]?.replace('#', '').toUpperCase();
}

/** Equal once false, 0, '', empty arrays and empty objects are ignored (GetStyle's defaults). */
function sameStyle(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = canonical((value as Record<string, unknown>)[key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (value === false || value === 0 || value === '' || value === null) return undefined;
  return value;
}

async function resizeTable(
  f: ExcelizeFile,
  parts: WorkbookParts | null,
  sheet: string,
  target: { name: string; range: string },
  patches: Map<string, Uint8Array>,
): Promise<void> {
  const tables = check(f.GetTables(sheet), 'write-failed', `tables of "${sheet}"`).tables ?? [];
  const wanted = target.name.toLowerCase(); // Excel table names are case-insensitive
  let table = tables.find((t) => (t.Name ?? '').toLowerCase() === wanted);
  let displayName = table?.Name;
  if (!table && parts) {
    // readWorkbook reports `displayName`; excelize lists `name` (Excel keeps them equal, others may not).
    for (const t of tables) {
      const path = (t as { tableXML?: string }).tableXML;
      const xml = path ? await parts.zip.readText(path).catch(() => undefined) : undefined;
      const shown = xml === undefined ? undefined : /<(?:[\w.-]+:)?table(?=[\s>])[^>]*?\sdisplayName\s*=\s*["']([^"']*)["']/.exec(xml)?.[1];
      if (shown !== undefined && shown.toLowerCase() === wanted) {
        table = t;
        displayName = shown;
        break;
      }
    }
  }
  if (!table) throw writeFailed({ reason: 'no-table', sheet, table: target.name }, `Sheet "${sheet}" has no Excel table named "${target.name}".`);
  const tableName = displayName ?? table.Name ?? target.name;
  const range = target.range.replace(/\$/g, '').toUpperCase();
  const now = tryParseRange(table.Range ?? '');
  let next = tryParseRange(range);
  if (!now || !next) throw writeFailed({ reason: 'invalid-write' }, `Invalid table range "${target.range}".`);

  const xmlPath = (table as { tableXML?: string }).tableXML;
  const xml = xmlPath && parts ? await parts.zip.readText(xmlPath).catch(() => undefined) : undefined;
  const root = xml === undefined ? undefined : /<(?:[\w.-]+:)?table(?=[\s>])([^>]*)>/.exec(xml)?.[1];
  const totalsRows = Number((root === undefined ? undefined : attr(root, 'totalsRowCount')) ?? 0) || 0;
  const resize = checkTableResize({
    tableName,
    now,
    next,
    range,
    totalsRows,
    headerRowCount: root === undefined ? undefined : attr(root, 'headerRowCount'),
    headerAt: (col) => check(f.GetCellValue(sheet, cellRef(now.firstRow, col), { RawCellValue: true }), 'write-failed', cellRef(now.firstRow, col)).value ?? '',
  });
  if (!resize) return;
  next = resize.next;

  if (totalsRows > 0 && xml !== undefined && xmlPath) {
    // DeleteTable + AddTable would drop the totals row: the table part is extended instead.
    patches.set(xmlPath, new TextEncoder().encode(withNewColumns(xml, now, next, resize.newNames)));
    return;
  }

  const name = table.Name ?? target.name;
  check(f.DeleteTable(name), 'write-failed', `table "${name}"`);
  check(
    f.AddTable(sheet, {
      Range: range,
      Name: displayName ?? name, // the name formulas and the Name Manager use
      StyleName: table.StyleName ?? '',
      ShowFirstColumn: table.ShowFirstColumn ?? false,
      ShowLastColumn: table.ShowLastColumn ?? false,
      ShowRowStripes: table.ShowRowStripes ?? false,
      ShowColumnStripes: table.ShowColumnStripes ?? false,
    }),
    'write-failed',
    `table "${name}" over ${range}`,
  );
}

/** Keeps the sheet's `<dimension>` (used range) covering the written cells. */
function extendDimension(f: ExcelizeFile, sheet: string, touched: CellBox): void {
  const got = f.GetSheetDimension(sheet);
  if (got.error || !got.dimension) return;
  const box = tryParseRange(got.dimension);
  if (!box) return;
  const top = Math.min(box.firstRow, touched.firstRow);
  const left = Math.min(box.firstCol, touched.firstCol);
  const bottom = Math.max(box.lastRow, touched.lastRow);
  const right = Math.max(box.lastCol, touched.lastCol);
  if (top === box.firstRow && left === box.firstCol && bottom === box.lastRow && right === box.lastCol) return;
  check(f.SetSheetDimension(sheet, `${cellRef(top, left)}:${cellRef(bottom, right)}`), 'write-failed', 'sheet dimension');
}
