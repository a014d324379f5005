/**
 * The direct writer: the managed columns and the rules sheet written into a copy of the
 * package by touching only the parts that change, in plain TypeScript.
 *
 * Why: excelize-wasm re-saved the whole package and wrote one cell or run of cells per wasm
 * call; at 100,000 customers that took minutes and gigabytes. Here the evaluation sheet's XML
 * is rewritten as a stream (sheet-rewrite.ts), the styles, shared strings, table, workbook,
 * relationships and content types get the few edits they need, and every other part is
 * copied still compressed (zip-package.ts). What it writes is what the excelize writer wrote:
 *
 * - strings as shared strings (never formulas: `=1+1` stays text), numbers as numbers, `null`
 *   clears a cell's value and keeps its style;
 * - an existing column (its header cell holds text) keeps its header and its cells' styles;
 *   only the number format (where the cell has none) and, in a column that uses fills, the
 *   fill are set; a new column gets the header, its left neighbour's header style, data cells
 *   styled like their left neighbours without fill and number format, and a width that fits;
 * - in a column where some value has a fill, values without one get none;
 * - the table grows over the new columns (a totals row stays its last row), the sheet's
 *   `<dimension>` covers what was written;
 * - cells of a sheet of the caller's own (the very hidden rules sheet) go into that sheet, a
 *   new worksheet part when it is missing, registered in the workbook, its relationships and
 *   content types; `veryHidden` is set on it and the workbook opens on a visible sheet;
 * - charts on such a sheet (the charts sheet, from the chart specs): a drawing with a chart
 *   part each, ours replaced in place by name on a later run (direct-charts.ts).
 *
 * A formula cell overwritten takes the calculation chain with it (Excel rebuilds it). What
 * it does not handle it refuses with Unsupported before anything is saved, and write.ts
 * hands the package to the excelize writer instead.
 */
import { cellRef, columnLetter, tryParseRange, type CellBox } from '../engine/address';
import { SheetCharts, type PackageEdits } from './direct-charts';
import { writeFailed } from './errors';
import { attr, decodeXml, parseRelationships, relsPathOf, type Relationship } from './ooxml';
import { SharedStrings, itemText } from './shared-strings';
import { rewriteSheet, type ExistingCell, type PlannedCell, type RenderedCell, type SheetPlan } from './sheet-rewrite';
import { MINIMAL_STYLES, StyleSheet, escapeAttr } from './styles-xml';
import {
  MAX_COLS,
  checkTableResize,
  escapeXml,
  insertBeforeClose,
  newColumnWidth,
  nextRelId,
  resizedTablePart,
  validate,
  validateCells,
  withNewColumns,
  withoutOverride,
  withoutRelationship,
  type CellsWrite,
  type ColumnWrite,
  type SheetWrite,
} from './write-common';
import { buildPackage, deflatePart, inflateChunks, openPackage, readText, Unsupported, type DeflatedPart, type ZipPackage } from './zip-package';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_TYPE = `${REL_NS}/worksheet`;
const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
};

interface SheetEntry {
  name: string;
  /** Position in `<sheets>`. */
  index: number;
  /** The `<sheet …>` element as written. */
  element: string;
  state: string | undefined;
  rel: Relationship | undefined;
}

interface Workbook {
  path: string;
  dir: string;
  xml: string;
  prefix: string;
  relsPath: string;
  relsXml: string;
  rels: Relationship[];
  sheets: SheetEntry[];
}

/** Edits of the part before `<sheetData>` of one sheet: the sheet views' selection. */
interface ViewEdit {
  select?: boolean;
  unselect?: boolean;
}

/** Writes the managed columns (`writes`) and the cells of other sheets (`cells`) into a copy of the package. */
export async function writeDirect(data: Uint8Array, writes: readonly SheetWrite[], cells: readonly CellsWrite[]): Promise<Uint8Array> {
  const pkg = openPackage(data);
  const workbook = workbookOf(pkg);

  // The checks of the excelize writer, in its order, before any work.
  for (const write of writes) {
    const sheet = workbook.sheets.find((s) => s.name === write.sheet);
    if (!sheet) throw writeFailed({ reason: 'no-sheet', sheet: write.sheet }, `The workbook has no sheet named "${write.sheet}".`);
    if (!isWorksheet(sheet)) throw writeFailed({ reason: 'chart-sheet', sheet: write.sheet }, `"${write.sheet}" is a chart sheet, not a worksheet.`);
    validate(write);
  }
  for (const write of cells) {
    const sheet = workbook.sheets.find((s) => s.name === write.sheet);
    if (sheet && !isWorksheet(sheet)) throw writeFailed({ reason: 'chart-sheet', sheet: write.sheet }, `"${write.sheet}" is a chart sheet, not a worksheet.`);
    validateCells(write);
  }
  const names = [...writes, ...cells].map((w) => w.sheet);
  if (new Set(names).size !== names.length) throw new Unsupported('a sheet written twice');

  const wanted = new Set<string>();
  for (const write of writes) {
    for (const column of write.columns) {
      wanted.add(column.header);
      for (const { value } of column.values) if (typeof value === 'string') wanted.add(value);
    }
  }
  for (const write of cells) for (const { value } of write.cells) if (typeof value === 'string') wanted.add(value);

  const sstRel = workbook.rels.find((r) => /\/sharedStrings$/.test(r.type));
  const sstXml = sstRel ? readText(pkg, sstRel.target) : undefined;
  const sst = new SharedStrings(sstXml, wanted);
  const stylesRel = workbook.rels.find((r) => /\/styles$/.test(r.type));
  const stylesXml = stylesRel ? readText(pkg, stylesRel.target) : undefined;
  const styles = new StyleSheet(stylesXml ?? MINIMAL_STYLES);

  const replaced = new Map<string, DeflatedPart>();
  const added: { name: string; part: DeflatedPart }[] = [];
  const removed = new Set<string>();
  let formulaRemoved = false;

  // The workbook must open on a visible sheet: when its active sheet is to be very hidden,
  // the first sheet that stays visible becomes the active one.
  const hidden = new Set(cells.filter((c) => c.visibility === 'veryHidden').map((c) => c.sheet));
  const views = new Map<string, ViewEdit>();
  const activeTab = activeTabOf(workbook.xml);
  let newActive: number | undefined;
  const active = workbook.sheets[activeTab];
  if (active && hidden.has(active.name)) {
    const next = workbook.sheets.find((s) => !hidden.has(s.name) && s.state !== 'hidden' && s.state !== 'veryHidden');
    if (next) {
      newActive = next.index;
      views.set(active.name, { unselect: true });
      views.set(next.name, { select: true });
    }
  }

  for (const write of writes) {
    const sheet = workbook.sheets.find((s) => s.name === write.sheet)!;
    const result = await writeColumns(pkg, sheet, write, sst, styles, views.get(sheet.name));
    replaced.set(sheet.rel!.target, result.sheet);
    if (result.table) replaced.set(result.table.path, deflatePart(result.table.xml));
    formulaRemoved ||= result.formulaRemoved;
  }

  let workbookXml = workbook.xml;
  let relsXml = workbook.relsXml;
  let typesXml = readText(pkg, '[Content_Types].xml');
  if (typesXml === undefined) throw new Unsupported('no [Content_Types].xml');
  const overrides: { part: string; type: string }[] = [];
  const relations: { id: string; type: string; target: string }[] = [];
  const firstRelId = nextRelId(workbook.relsXml);
  const relate = (type: string, target: string): string => {
    const id = `rId${firstRelId + relations.length}`;
    relations.push({ id, type, target });
    return id;
  };

  const edits: PackageEdits = {
    replaced,
    added,
    overrides,
    removed,
    taken: (name) => [...pkg.byName.keys(), ...added.map((a) => a.name)].some((n) => n.toLowerCase() === name.toLowerCase()),
  };
  for (const write of cells) {
    const sheet = workbook.sheets.find((s) => s.name === write.sheet);
    const plan = new CellsPlan(write, sst, views.get(write.sheet));
    if (sheet) {
      const entry = pkg.byName.get(sheet.rel!.target);
      if (!entry) throw new Unsupported(`missing part ${sheet.rel!.target}`);
      const charts =
        write.charts?.length || write.staleCharts?.length
          ? new SheetCharts(pkg, entry.name, write.sheet, write.charts ?? [], write.staleCharts ?? [], false)
          : undefined;
      if (charts) plan.editSuffix = (suffix) => charts.editSuffix(suffix);
      const result = await rewriteSheet(inflateChunks(pkg, entry), plan);
      replaced.set(entry.name, result.part);
      formulaRemoved ||= result.formulaRemoved;
      charts?.finish(edits);
      if (write.visibility === 'veryHidden') workbookXml = withSheetState(workbookXml, sheet, 'veryHidden');
    } else {
      const path = freePartName(edits, `${workbook.dir}worksheets/sheet`, workbook.sheets.length + 1, '.xml');
      const template =
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><dimension ref="A1"/><sheetData/>` +
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
      const charts = write.charts?.length ? new SheetCharts(pkg, path, write.sheet, write.charts, [], true) : undefined;
      if (charts) plan.editSuffix = (suffix) => charts.editSuffix(suffix);
      const result = await rewriteSheet([Buffer.from(template, 'utf8')], plan);
      added.push({ name: path, part: result.part });
      overrides.push({ part: path, type: CT.worksheet });
      charts?.finish(edits);
      const id = relate(WORKSHEET_TYPE, relativeTarget(workbook.dir, path));
      workbookXml = withNewSheet(workbookXml, workbook, write.sheet, id, write.visibility);
    }
  }

  // The sheet that becomes active is selected in its own views too (when no write touched it yet).
  if (newActive !== undefined) {
    const next = workbook.sheets[newActive]!;
    const target = next.rel?.target;
    const written = [...writes, ...cells].some((w) => w.sheet === next.name);
    if (target && !written && pkg.byName.has(target) && isWorksheet(next)) {
      const result = await rewriteSheet(inflateChunks(pkg, pkg.byName.get(target)!), viewOnlyPlan(views.get(next.name)!));
      replaced.set(target, result.part);
    }
    workbookXml = withActiveTab(
      workbookXml,
      newActive,
      workbook.sheets.filter((s) => hidden.has(s.name)).map((s) => s.index),
    );
  }

  if (sst.changed) {
    const text = sst.toXml();
    if (sstRel) replaced.set(sstRel.target, deflatePart(text));
    else {
      const path = freePartName(edits, `${workbook.dir}sharedStrings`, 0, '.xml');
      added.push({ name: path, part: deflatePart(text) });
      overrides.push({ part: path, type: CT.sharedStrings });
      relate(`${REL_NS}/sharedStrings`, relativeTarget(workbook.dir, path));
    }
  }
  if (styles.changed) {
    const text = styles.toXml();
    if (stylesRel) replaced.set(stylesRel.target, deflatePart(text));
    else {
      const path = freePartName(edits, `${workbook.dir}styles`, 0, '.xml');
      added.push({ name: path, part: deflatePart(text) });
      overrides.push({ part: path, type: CT.styles });
      relate(`${REL_NS}/styles`, relativeTarget(workbook.dir, path));
    }
  }

  if (formulaRemoved) {
    // The calculation chain lists formula cells; one that is gone makes Excel repair the file.
    const chain = workbook.rels.find((r) => /\/calcChain$/.test(r.type));
    if (chain) {
      removed.add(chain.target);
      relsXml = withoutRelationship(relsXml, chain.id);
      typesXml = withoutOverride(typesXml, chain.target);
    }
  }

  // Parts removed (our stale charts) lose their content types.
  for (const part of removed) typesXml = withoutOverride(typesXml, part);
  if (relations.length > 0) {
    const items = relations.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeAttr(r.target)}"/>`).join('');
    relsXml = insertBeforeClose(relsXml, 'Relationships', items);
  }
  if (overrides.length > 0) {
    typesXml = insertBeforeClose(typesXml, 'Types', overrides.map((o) => `<Override PartName="/${escapeAttr(o.part)}" ContentType="${o.type}"/>`).join(''));
  }
  if (workbookXml !== workbook.xml) replaced.set(workbook.path, deflatePart(workbookXml));
  if (relsXml !== workbook.relsXml) replaced.set(workbook.relsPath, deflatePart(relsXml));
  if (typesXml !== readText(pkg, '[Content_Types].xml')) replaced.set('[Content_Types].xml', deflatePart(typesXml));
  return buildPackage(pkg, replaced, removed, added);
}

/** Whether the sheet is a worksheet (not a chart sheet, dialog or macro sheet); Unsupported when its part is not found. */
function isWorksheet(sheet: SheetEntry): boolean {
  if (!sheet.rel) throw new Unsupported(`sheet "${sheet.name}" without its part`);
  return /\/worksheet$/.test(sheet.rel.type);
}

/** The workbook part, its relationships and its sheets; Unsupported for what this writer does not handle (strict OOXML). */
function workbookOf(pkg: ZipPackage): Workbook {
  const root = readText(pkg, '_rels/.rels');
  const officeDoc = root === undefined ? undefined : parseRelationships(root, '').find((r) => /\/officeDocument$/.test(r.type));
  if (!officeDoc) throw new Unsupported('no workbook part');
  const path = officeDoc.target;
  const xml = readText(pkg, path);
  const slash = path.lastIndexOf('/');
  const dir = slash >= 0 ? path.slice(0, slash + 1) : '';
  const relsPath = relsPathOf(path);
  const relsXml = readText(pkg, relsPath);
  if (xml === undefined || relsXml === undefined) throw new Unsupported('workbook part or its relationships missing');
  const rootTag = /<([\w.-]+:)?workbook(?=[\s>])([^>]*)>/.exec(xml);
  if (!rootTag) throw new Unsupported('no workbook element');
  const prefix = rootTag[1] ?? '';
  const ns = attr(rootTag[2] ?? '', prefix ? `xmlns:${prefix.slice(0, -1)}` : 'xmlns');
  if (ns !== NS) throw new Unsupported(`workbook namespace ${ns ?? '(none)'}`);
  const rels = parseRelationships(relsXml, dir);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  const sheetsBody = new RegExp(`<${prefix}sheets(?=[\\s>])[^>]*>([\\s\\S]*?)</${prefix}sheets>`).exec(xml)?.[1] ?? '';
  for (const m of sheetsBody.matchAll(new RegExp(`<${prefix}sheet(?=[\\s/>])([^>]*?)/?>`, 'g'))) {
    const attrs = m[1] ?? '';
    const name = attr(attrs, 'name');
    const id = /(?:^|\s)[\w.-]+:id\s*=\s*(["'])(.*?)\1/.exec(attrs)?.[2];
    if (name === undefined) throw new Unsupported('a sheet without a name');
    sheets.push({ name, index: sheets.length, element: m[0], state: attr(attrs, 'state'), rel: id === undefined ? undefined : byId.get(id) });
  }
  return { path, dir, xml, prefix, relsPath, relsXml, rels, sheets };
}

// ---------------------------------------------------------------------------------------
// The managed columns of one sheet
// ---------------------------------------------------------------------------------------

interface ColumnsResult {
  sheet: DeflatedPart;
  table?: { path: string; xml: string };
  formulaRemoved: boolean;
}

interface TablePart {
  path: string;
  xml: string;
  name: string;
  displayName: string | undefined;
  box: CellBox;
  totalsRows: number;
}

async function writeColumns(
  pkg: ZipPackage,
  sheet: SheetEntry,
  write: SheetWrite,
  sst: SharedStrings,
  styles: StyleSheet,
  view: ViewEdit | undefined,
): Promise<ColumnsResult> {
  const path = sheet.rel!.target;
  const entry = pkg.byName.get(path);
  if (!entry) throw new Unsupported(`missing part ${path}`);
  const table = write.table ? findTable(pkg, path, write.sheet, write.table.name) : undefined;
  const plan = new ColumnsPlan(write, sst, styles, view, table?.box.firstRow);
  const result = await rewriteSheet(inflateChunks(pkg, entry), plan);
  const out: ColumnsResult = { sheet: result.part, formulaRemoved: result.formulaRemoved };
  if (table && write.table) {
    const xml = resizedTable(table, write.table.range, plan.captured);
    if (xml !== undefined) out.table = { path: table.path, xml };
  }
  return out;
}

/** The table of the sheet named `name` (case-insensitively, by name and then by display name), or write-failed. */
function findTable(pkg: ZipPackage, sheetPath: string, sheet: string, name: string): TablePart {
  const relsXml = readText(pkg, relsPathOf(sheetPath));
  const slash = sheetPath.lastIndexOf('/');
  const rels = relsXml === undefined ? [] : parseRelationships(relsXml, sheetPath.slice(0, slash + 1)).filter((r) => /\/table$/.test(r.type));
  const parts: TablePart[] = [];
  for (const rel of rels) {
    const xml = readText(pkg, rel.target);
    const root = xml === undefined ? undefined : /<(?:[\w.-]+:)?table(?=[\s>])([^>]*)>/.exec(xml)?.[1];
    if (xml === undefined || root === undefined) continue;
    const box = tryParseRange(attr(root, 'ref') ?? '');
    if (!box) throw new Unsupported(`table ${rel.target} without a range`);
    parts.push({
      path: rel.target,
      xml,
      name: attr(root, 'name') ?? '',
      displayName: attr(root, 'displayName'),
      box,
      totalsRows: Number(attr(root, 'totalsRowCount') ?? 0) || 0,
    });
  }
  const wanted = name.toLowerCase(); // Excel table names are case-insensitive
  const found = parts.find((t) => t.name.toLowerCase() === wanted) ?? parts.find((t) => t.displayName?.toLowerCase() === wanted);
  if (!found) throw writeFailed({ reason: 'no-table', sheet, table: name }, `Sheet "${sheet}" has no Excel table named "${name}".`);
  return found;
}

/** The table part resized to `range` (undefined when it already covers it), with the checks of the excelize writer. */
function resizedTable(table: TablePart, range: string, headerCells: ReadonlyMap<number, string>): string | undefined {
  const tableName = table.displayName ?? table.name;
  const target = range.replace(/\$/g, '').toUpperCase();
  const now = table.box;
  const next = tryParseRange(target);
  if (!next) throw writeFailed({ reason: 'invalid-write' }, `Invalid table range "${range}".`);
  const root = /<(?:[\w.-]+:)?table(?=[\s>])([^>]*)>/.exec(table.xml)?.[1] ?? '';
  const resize = checkTableResize({
    tableName,
    now,
    next,
    range: target,
    totalsRows: table.totalsRows,
    headerRowCount: attr(root, 'headerRowCount'),
    headerAt: (col) => headerCells.get(col) ?? '',
  });
  if (!resize) return undefined;
  return table.totalsRows > 0 ? withNewColumns(table.xml, now, resize.next, resize.newNames) : resizedTablePart(table.xml, now, resize.next, resize.newNames);
}

/** The text a cell shows as its value (a shared string's text, a number as stored), '' for none. */
export function cellText(cell: ExistingCell, sst: SharedStrings): string {
  const xml = cell.xml;
  const type = cell.type ?? attr(/^<[^>]*>/.exec(xml)?.[0] ?? '', 't');
  if (type === 'inlineStr') {
    const is = /<(?:[\w.-]+:)?is(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?is>/.exec(xml)?.[1];
    return is === undefined ? '' : itemText(is);
  }
  const v = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/.exec(xml)?.[1];
  if (v === undefined) return '';
  if (type === 's') return sst.text(Number(v)) ?? '';
  return decodeXml(v);
}

/** A number as an XML value: the shortest text that reads back as the same double; -0 as 0. */
function numberText(n: number): string {
  return n === 0 ? '0' : String(n).replace('e', 'E');
}

function valueCell(ref: string, style: number, value: string | number | null, sst: SharedStrings): string {
  const s = style !== 0 ? ` s="${style}"` : '';
  if (value === null) return style !== 0 ? `<c r="${ref}"${s}/>` : '';
  if (typeof value === 'number') return `<c r="${ref}"${s}><v>${numberText(value)}</v></c>`;
  return `<c r="${ref}"${s} t="s"><v>${sst.indexOf(value)}</v></c>`;
}

/** One managed column while its sheet is rewritten: its cell on the current row is rendered by `render`. */
class ColumnState implements PlannedCell {
  readonly col: number;
  readonly values: ColumnWrite['values'];
  cursor = 0;
  readonly letter: string;
  /** Fills are managed in this column: values without one get none. */
  private readonly fills: boolean;
  /** Whether the header cell was empty (a new column); undefined until its row is written. */
  isNew: boolean | undefined;
  rows?: Set<number>;
  /** The value rendered next (set by cellsAt). */
  current!: ColumnWrite['values'][number];
  /** Derived styles by fill and by base style (× 2, + 1 when stripped). */
  private readonly derived = new Map<string | null | undefined, Map<number, number>>();
  readonly header: PlannedCell;

  constructor(
    readonly column: ColumnWrite,
    private readonly plan: ColumnsPlan,
  ) {
    this.col = column.col;
    this.values = [...column.values].sort((a, b) => a.row - b.row);
    this.letter = columnLetter(column.col);
    this.fills = column.values.some((v) => v.fill !== undefined);
    this.header = { col: column.col, render: (existing, left) => this.renderHeader(existing, left) };
  }

  private renderHeader(existing: ExistingCell | undefined, left: number): RenderedCell | undefined {
    const { column } = this;
    this.plan.headerDone();
    if (existing && cellText(existing, this.plan.sst).trim() !== '') {
      this.isNew = false;
      return undefined;
    }
    this.isNew = true;
    let style = existing?.style ?? 0;
    if (style === 0 && column.col > 0 && left !== 0) style = left;
    return { xml: valueCell(`${this.letter}${column.headerRow + 1}`, style, column.header, this.plan.sst), style };
  }

  render(existing: ExistingCell | undefined, left: number): RenderedCell {
    const { row, value, fill } = this.current;
    const target = this.fills ? (fill === undefined ? null : fill) : undefined;
    const strip = !(existing && existing.style !== 0);
    const base = strip ? left : existing!.style;
    let byBase = this.derived.get(target);
    if (!byBase) this.derived.set(target, (byBase = new Map()));
    const key = base * 2 + (strip ? 1 : 0);
    let style = byBase.get(key);
    if (style === undefined) {
      style = this.plan.styles.derive(base, { numberFormat: this.column.numberFormat, onlyIfGeneral: !strip, fill: target, ...(strip ? { strip } : {}) });
      byBase.set(key, style);
    }
    return { xml: valueCell(`${this.letter}${row + 1}`, style, typeof value === 'number' ? value + 0 : value, this.plan.sst), style };
  }
}

/** The managed columns of a sheet as a plan for the sheet rewriter. */
class ColumnsPlan implements SheetPlan {
  readonly rows: Int32Array;
  readonly capture: ReadonlySet<number>;
  /** The header row's cell texts by column, as written (for the table's column names). */
  readonly captured = new Map<number, string>();
  private readonly columns: ColumnState[];
  private readonly byCol = new Map<number, ColumnState>();
  private pendingHeaders: number;
  private readonly touched: CellBox = { firstRow: Infinity, firstCol: Infinity, lastRow: -1, lastCol: -1 };
  private readonly planned: PlannedCell[] = [];

  constructor(
    write: SheetWrite,
    readonly sst: SharedStrings,
    readonly styles: StyleSheet,
    private readonly view: ViewEdit | undefined,
    tableHeaderRow: number | undefined,
  ) {
    this.columns = [...write.columns].sort((a, b) => a.col - b.col).map((column) => new ColumnState(column, this));
    for (const c of this.columns) this.byCol.set(c.col, c);
    const rows = new Set<number>();
    for (const c of this.columns) {
      rows.add(c.column.headerRow);
      for (const v of c.values) rows.add(v.row);
      this.touched.firstCol = Math.min(this.touched.firstCol, c.col);
      this.touched.lastCol = Math.max(this.touched.lastCol, c.col);
    }
    this.rows = Int32Array.from(rows).sort();
    if (this.rows.length > 0) {
      this.touched.firstRow = this.rows[0]!;
      this.touched.lastRow = this.rows[this.rows.length - 1]!;
    }
    this.pendingHeaders = this.columns.length;
    this.capture = new Set(tableHeaderRow === undefined ? [] : [tableHeaderRow]);
  }

  /** The cells of `row`, in column order (the same array, refilled on each call). */
  cellsAt(row: number): PlannedCell[] {
    const out = this.planned;
    out.length = 0;
    for (const state of this.columns) {
      if (row === state.column.headerRow) out.push(state.header);
      else if (state.values[state.cursor]?.row === row) {
        state.current = state.values[state.cursor++]!;
        out.push(state);
      }
    }
    return out;
  }

  headerDone(): void {
    this.pendingHeaders--;
  }

  onCapture(_row: number, cells: readonly ExistingCell[]): void {
    for (const cell of cells) this.captured.set(cell.col, cellText(cell, this.sst));
  }

  onReplaced(cell: ExistingCell): void {
    if (cell.type === 's') this.sst.released();
  }

  writes(row: number, col: number): boolean {
    const state = this.byCol.get(col);
    if (!state) return false;
    if (row === state.column.headerRow) return true;
    state.rows ??= new Set(state.values.map((v) => v.row));
    return state.rows.has(row);
  }

  prefixReady(): boolean {
    return this.pendingHeaders <= 0;
  }

  editPrefix(prefix: string): string {
    let out = extendDimension(prefix, this.touched);
    const widths = this.columns.filter((c) => c.isNew !== false).map((c) => ({ col: c.col, width: newColumnWidth(c.column) }));
    if (widths.length > 0) out = widenColumns(out, widths);
    return withViewEdit(out, this.view);
  }
}

/** Cells of a sheet of the caller's own (the rules sheet) as a plan for the sheet rewriter. */
class CellsPlan implements SheetPlan {
  readonly rows: Int32Array;
  /** Set when the sheet gets charts (its drawing element). */
  editSuffix?: (suffix: string) => string;
  private readonly sorted: CellsWrite['cells'][number][];
  private cursor = 0;
  private readonly keys: Set<number>;
  private readonly touched: CellBox | undefined;

  constructor(
    write: CellsWrite,
    private readonly sst: SharedStrings,
    private readonly view: ViewEdit | undefined,
  ) {
    this.sorted = [...write.cells].sort((a, b) => a.row - b.row || a.col - b.col);
    this.rows = Int32Array.from(new Set(this.sorted.map((c) => c.row)));
    this.keys = new Set(this.sorted.map((c) => c.row * MAX_COLS + c.col));
    const written = this.sorted.filter((c) => c.value !== null);
    this.touched =
      written.length === 0
        ? undefined
        : {
            firstRow: written[0]!.row,
            lastRow: written[written.length - 1]!.row,
            firstCol: Math.min(...written.map((c) => c.col)),
            lastCol: Math.max(...written.map((c) => c.col)),
          };
  }

  cellsAt(row: number): PlannedCell[] {
    const out: PlannedCell[] = [];
    while (this.sorted[this.cursor]?.row === row) {
      const { col, value } = this.sorted[this.cursor++]!;
      out.push({
        col,
        render: (existing): RenderedCell => {
          const style = existing?.style ?? 0;
          return { xml: valueCell(cellRef(row, col), style, typeof value === 'number' ? value + 0 : value, this.sst), style };
        },
      });
    }
    return out;
  }

  onReplaced(cell: ExistingCell): void {
    if (cell.type === 's') this.sst.released();
  }

  writes(row: number, col: number): boolean {
    return this.keys.has(row * MAX_COLS + col);
  }

  prefixReady(): boolean {
    return true;
  }

  editPrefix(prefix: string): string {
    return withViewEdit(this.touched ? extendDimension(prefix, this.touched) : prefix, this.view);
  }
}

/** A plan that writes no cell and only selects or unselects the sheet's view. */
function viewOnlyPlan(view: ViewEdit): SheetPlan {
  return {
    rows: [],
    cellsAt: () => [],
    writes: () => false,
    prefixReady: () => true,
    editPrefix: (prefix) => withViewEdit(prefix, view),
  };
}

// ---------------------------------------------------------------------------------------
// Edits of the part before <sheetData>
// ---------------------------------------------------------------------------------------

/** `<dimension ref>` grown to cover `box` (left alone when absent or not a range). */
export function extendDimension(prefix: string, box: CellBox): string {
  return prefix.replace(/(<(?:[\w.-]+:)?dimension(?=[\s/>])[^>]*?\sref\s*=\s*)(["'])([^"']*)\2/, (whole, head: string, quote: string, ref: string) => {
    const now = tryParseRange(ref);
    if (!now) return whole;
    const top = Math.min(now.firstRow, box.firstRow);
    const left = Math.min(now.firstCol, box.firstCol);
    const bottom = Math.max(now.lastRow, box.lastRow);
    const right = Math.max(now.lastCol, box.lastCol);
    const text = top === bottom && left === right ? cellRef(top, left) : `${cellRef(top, left)}:${cellRef(bottom, right)}`;
    return `${head}${quote}${text}${quote}`;
  });
}

interface ColSpec {
  min: number;
  max: number;
  attrs: string;
}

/**
 * `<cols>` with each given column at least the given width (1-based `min`/`max`, as Excel
 * writes them): a `<col>` covering several columns is split, a missing one added, a missing
 * `<cols>` created just before `<sheetData>`. A column already as wide stays as it is.
 */
export function widenColumns(prefix: string, widths: readonly { col: number; width: number }[]): string {
  const p = /<([\w.-]+:)?worksheet[\s>]/.exec(prefix)?.[1] ?? '';
  const colsMatch = new RegExp(`<${p}cols(?=[\\s>/])([^>]*?)(?:/>|>([\\s\\S]*?)</${p}cols>)`).exec(prefix);
  const defaultWidth = Number(attr(new RegExp(`<${p}sheetFormatPr(?=[\\s/>])([^>]*)>`).exec(prefix)?.[1] ?? '', 'defaultColWidth')) || 9.140625;
  let specs: ColSpec[] = [];
  for (const m of (colsMatch?.[2] ?? '').matchAll(new RegExp(`<${p}col(?=[\\s/>])([^>]*?)/?>`, 'g'))) {
    const attrs = m[1] ?? '';
    const min = Number(attr(attrs, 'min'));
    const max = Number(attr(attrs, 'max'));
    if (!Number.isInteger(min) || !Number.isInteger(max)) throw new Unsupported('a <col> without min and max');
    specs.push({ min, max, attrs: attrs.replace(/\s(?:min|max)\s*=\s*(["'])[^"']*\1/g, '') });
  }
  let changed = false;
  for (const { col, width } of widths) {
    const n = col + 1;
    const at = specs.findIndex((s) => s.min <= n && n <= s.max);
    const current = at >= 0 ? Number(attr(specs[at]!.attrs, 'width')) || defaultWidth : defaultWidth;
    if (width <= current) continue;
    changed = true;
    const wide = (attrs: string) => `${attrs.replace(/\s(?:width|customWidth)\s*=\s*(["'])[^"']*\1/g, '')} width="${width}" customWidth="1"`;
    if (at < 0) {
      specs.push({ min: n, max: n, attrs: wide('') });
    } else {
      const s = specs[at]!;
      const pieces: ColSpec[] = [];
      if (s.min < n) pieces.push({ ...s, max: n - 1 });
      pieces.push({ min: n, max: n, attrs: wide(s.attrs) });
      if (n < s.max) pieces.push({ ...s, min: n + 1 });
      specs.splice(at, 1, ...pieces);
    }
    specs = specs.sort((a, b) => a.min - b.min);
  }
  if (!changed) return prefix;
  const body = specs.map((s) => `<${p}col min="${s.min}" max="${s.max}"${s.attrs.replace(/\s+$/, '')}/>`).join('');
  if (colsMatch)
    return prefix.slice(0, colsMatch.index) + `<${p}cols${colsMatch[1] ?? ''}>${body}</${p}cols>` + prefix.slice(colsMatch.index + colsMatch[0].length);
  return `${prefix}<${p}cols>${body}</${p}cols>`;
}

/** The sheet views with `tabSelected` taken away or set on the first view. */
export function withViewEdit(prefix: string, edit: ViewEdit | undefined): string {
  if (!edit) return prefix;
  const p = /<([\w.-]+:)?worksheet[\s>]/.exec(prefix)?.[1] ?? '';
  if (edit.unselect) {
    return prefix.replace(new RegExp(`<${p}sheetView(?=[\\s/>])[^>]*>`, 'g'), (tag) => tag.replace(/\stabSelected\s*=\s*(["'])[^"']*\1/, ''));
  }
  if (!edit.select) return prefix;
  const view = new RegExp(`<${p}sheetView(?=[\\s/>])([^>]*?)(/?)>`).exec(prefix);
  if (view) {
    const attrs = view[1]!.replace(/\stabSelected\s*=\s*(["'])[^"']*\1/, '');
    return prefix.slice(0, view.index) + `<${p}sheetView tabSelected="1"${attrs}${view[2]}>` + prefix.slice(view.index + view[0].length);
  }
  const views = `<${p}sheetViews><${p}sheetView tabSelected="1" workbookViewId="0"/></${p}sheetViews>`;
  // sheetViews follows sheetPr and dimension.
  const after = new RegExp(
    `<${p}dimension(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${p}dimension>)|<${p}sheetPr(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${p}sheetPr>)|<${p}worksheet(?=[\\s>])[^>]*>`,
    'g',
  );
  let last: RegExpExecArray | undefined;
  for (let m = after.exec(prefix); m; m = after.exec(prefix)) last = m;
  if (!last) return prefix;
  const at = last.index + last[0].length;
  return prefix.slice(0, at) + views + prefix.slice(at);
}

// ---------------------------------------------------------------------------------------
// Workbook, relationships, content types
// ---------------------------------------------------------------------------------------

function activeTabOf(xml: string): number {
  const view = /<(?:[\w.-]+:)?workbookView(?=[\s/>])([^>]*)>/.exec(xml)?.[1];
  const tab = view === undefined ? undefined : attr(view, 'activeTab');
  return tab !== undefined && /^\d+$/.test(tab) ? Number(tab) : 0;
}

function withActiveTab(xml: string, tab: number, hidden: readonly number[]): string {
  if (!/<(?:[\w.-]+:)?workbookView(?=[\s/>])/.test(xml)) {
    // No book views: the first sheet is the active one. bookViews comes just before sheets.
    const sheets = /<([\w.-]+:)?sheets(?=[\s>])/.exec(xml);
    if (!sheets) throw new Unsupported('workbook without sheets');
    const p = sheets[1] ?? '';
    return `${xml.slice(0, sheets.index)}<${p}bookViews><${p}workbookView activeTab="${tab}"/></${p}bookViews>${xml.slice(sheets.index)}`;
  }
  return xml.replace(/<((?:[\w.-]+:)?workbookView)(?=[\s/>])([^>]*?)(\/?)>/, (whole, tag: string, attrs: string, close: string) => {
    let out = /\sactiveTab\s*=/.test(attrs) ? attrs.replace(/(\sactiveTab\s*=\s*)(["'])[^"']*\2/, `$1"${tab}"`) : `${attrs} activeTab="${tab}"`;
    const first = attr(attrs, 'firstSheet');
    if (first !== undefined && hidden.includes(Number(first))) out = out.replace(/(\sfirstSheet\s*=\s*)(["'])[^"']*\2/, `$1"${tab}"`);
    return `<${tag}${out}${close}>`;
  });
}

function withSheetState(xml: string, sheet: SheetEntry, state: string): string {
  const element = sheet.element.replace(
    /^<((?:[\w.-]+:)?sheet)([^>]*?)(\/?)>$/,
    (whole, tag: string, attrs: string, close: string) => `<${tag}${attrs.replace(/\s+state\s*=\s*(["']).*?\1/, '')} state="${state}"${close}>`,
  );
  const at = xml.indexOf(sheet.element);
  if (at < 0) throw new Unsupported('sheet element not found');
  return xml.slice(0, at) + element + xml.slice(at + sheet.element.length);
}

/** The workbook part with a new `<sheet>` last in `<sheets>`. */
function withNewSheet(xml: string, workbook: Workbook, name: string, relId: string, visibility: CellsWrite['visibility']): string {
  const root = /<(?:[\w.-]+:)?workbook(?=[\s>])([^>]*)>/.exec(xml)![1]!;
  const relPrefix = [...root.matchAll(/\sxmlns:([\w.-]+)\s*=\s*(["'])(.*?)\2/g)].find((m) => m[3] === REL_NS)?.[1];
  if (relPrefix === undefined) throw new Unsupported('workbook without the relationships namespace');
  const ids = [...xml.matchAll(/<(?:[\w.-]+:)?sheet(?=[\s/>])[^>]*?\ssheetId\s*=\s*["'](\d+)["']/g)].map((m) => Number(m[1]));
  const sheetId = Math.max(0, ...ids) + 1;
  const p = workbook.prefix;
  const element = `<${p}sheet name="${escapeXml(name)}" sheetId="${sheetId}"${visibility ? ` state="${visibility}"` : ''} ${relPrefix}:id="${relId}"/>`;
  const close = xml.indexOf(`</${p}sheets>`);
  if (close < 0) throw new Unsupported('workbook without sheets');
  return xml.slice(0, close) + element + xml.slice(close);
}

/** `base` + the first number from `from` (or none for 0) + `ext` that names no part of the package or of this write. */
function freePartName(edits: PackageEdits, base: string, from: number, ext: string): string {
  for (let n = from; ; n++) {
    const name = `${base}${n === 0 ? '' : n}${ext}`;
    if (!edits.taken(name)) return name;
  }
}

/** A part's name relative to the workbook's folder, as its relationship's target. */
function relativeTarget(dir: string, path: string): string {
  return dir !== '' && path.startsWith(dir) ? path.slice(dir.length) : `/${path}`;
}
