/**
 * Saves the emulated workbook as a real .xlsx with excelize-wasm. When the emulator was loaded
 * from a file, that file is opened and only the changes are applied, so what the emulator does
 * not model (styles, images, other charts, defined names …) survives; a workbook that
 * started empty is built from excelize's blank file.
 *
 * Applied: sheet renames, additions and deletions; the values of every row written since load
 * (numbers as numbers, strings always as text, never as formulas); the number formats and
 * fills set through the API (on top of the cell's existing style); hidden / veryHidden state;
 * protection; Excel tables (added, renamed, resized, removed); conditional formats (text,
 * cell value and formula rules); charts (added, changed, deleted); merged areas where row
 * and cell shifts moved them.
 * Not applied: sheet order changes, column widths, format clears on cells of the original
 * file, and styles of original cells do not follow cells shifted by a column insert.
 */
import { boxAddress, columnIndex, columnLetter, type CellBox } from './address';
import { seriesSpecs } from './chart-series';
import type { CellValue } from './cells';
import type { CellRef, ChartModel, ConditionalFormatModel, SheetModel, WorkbookModel } from './model';
import { usedBox } from './sheet-ops';
import { replaceZipEntries } from '../xlsx/zip-patch';
import { loadExcelize, type Excelize, type ExcelizeFile } from '../xlsx/excelize';
import { openWorkbook } from '../xlsx/read';
import { readWorkbookParts, scanCells, type CellScan } from '../xlsx/ooxml';
import { readZip } from '../xlsx/zip';
import { attr, parseRelationships as parseRels, relsPathOf } from '../xlsx/ooxml';

type Style = NonNullable<ReturnType<ExcelizeFile['GetStyle']>['style']>;

export async function saveXlsx(model: WorkbookModel, original: Uint8Array | undefined): Promise<Uint8Array> {
  const ex = await loadExcelize();
  const f = original ? openWorkbook(ex, original) : ex.NewFile();
  const parts = original ? await readWorkbookParts(original) : null;
  const must = (result: { error?: string | null }, what: string) => {
    if (result.error) throw new Error(`toXlsx: ${what}: ${result.error}`);
  };

  arrangeSheets(f, model, must);
  const firstVisible = model.sheets.find((s) => s.visibility === 'Visible');
  const active = model.activeSheet && model.activeSheet.visibility === 'Visible' ? model.activeSheet : firstVisible;
  if (active) must(f.SetActiveSheet(f.GetSheetIndex(active.name).index), 'active sheet');

  for (const sheet of model.sheets) {
    const part = sheet.origin && parts ? parts.sheets.find((p) => p.name === sheet.origin!.name) : undefined;
    const scan = part && parts ? await scanCells(parts.zip, part.path) : null;
    // excelize writes a value for a cell under a merged area into the area's top-left cell, and
    // merging discards the other cells' values: the areas that moved go first, come back last.
    const merges = changedMerges(sheet);
    for (const box of merges.gone) must(f.UnmergeCell(sheet.name, ...corners(box)), `unmerge ${boxAddress(box)} on ${sheet.name}`);
    writeValues(f, sheet, must);
    writeStyles(f, sheet, scan, must);
    for (const box of merges.added) must(f.MergeCell(sheet.name, ...corners(box)), `merge ${boxAddress(box)} on ${sheet.name}`);
    if (sheet.visibility !== (sheet.origin?.visibility ?? 'Visible'))
      must(f.SetSheetVisible(sheet.name, sheet.visibility === 'Visible'), `visibility of ${sheet.name}`);
    if (sheet.protected && !sheet.origin?.protected) must(f.ProtectSheet(sheet.name, {}), `protection of ${sheet.name}`);
    if (!sheet.protected && sheet.origin?.protected) must(f.UnprotectSheet(sheet.name), `protection of ${sheet.name}`);
  }
  writeTables(f, model, must);
  writeConditionalFormats(f, model, must);
  writeCharts(ex, f, model, must);

  const out = f.WriteToBuffer();
  if (out.error) throw new Error(`toXlsx: ${out.error}`);
  const raw = out.buffer as unknown;
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw as ArrayBuffer);
  return patchPackage(bytes, model);
}

type Must = (result: { error?: string | null }, what: string) => void;

/**
 * Renamed sheets go to temporary names and new sheets are added under temporary names, then
 * the deleted sheets go, then everything takes its final name (so swapped or reused names work).
 */
function arrangeSheets(f: ExcelizeFile, model: WorkbookModel, must: Must): void {
  const renamed = model.sheets.filter((s) => s.origin && s.origin.name !== s.name);
  const added = model.sheets.filter((s) => !s.origin);
  renamed.forEach((s, i) => must(f.SetSheetName(s.origin!.name, `~emu-r${i}~`), `rename ${s.origin!.name}`));
  added.forEach((s, i) => must(f.NewSheet(`~emu-n${i}~`), `new sheet ${s.name}`));
  for (const gone of model.deletedOrigins) must(f.DeleteSheet(gone.name), `delete sheet ${gone.name}`);
  renamed.forEach((s, i) => must(f.SetSheetName(`~emu-r${i}~`, s.name), `rename to ${s.name}`));
  added.forEach((s, i) => must(f.SetSheetName(`~emu-n${i}~`, s.name), `name new sheet ${s.name}`));
}

function fileValue(cell: CellValue | undefined): string | number | boolean | null {
  if (cell === undefined) return null;
  if (typeof cell === 'object') return cell.formula; // written as text: the file never gets a formula from a value
  return cell;
}

/**
 * The cells written since load (only those: the other cells of the file, formulas included,
 * stay as they are), column by column over runs of rows with the same written columns.
 */
function writeValues(f: ExcelizeFile, sheet: SheetModel, must: Must): void {
  const spans = sheet.origin ? sheet.dirtyRows : allValues(sheet);
  const rows = [...spans.keys()].sort((a, b) => a - b);
  for (let i = 0; i < rows.length;) {
    const span = spans.get(rows[i]!)!;
    let j = i + 1;
    while (j < rows.length && rows[j] === rows[j - 1]! + 1 && spans.get(rows[j]!)!.from === span.from && spans.get(rows[j]!)!.to === span.to) j++;
    const first = rows[i]!;
    const run = rows.slice(i, j);
    for (let c = span.from; c <= span.to; c++) {
      const column = run.map((r) => fileValue(sheet.values.get(r, c)));
      if (!sheet.origin && column.every((v) => v === null)) continue;
      must(f.SetSheetCol(sheet.name, `${columnLetter(c)}${first + 1}`, column as (string | number | boolean)[]), `values of ${sheet.name}`);
    }
    i = j;
  }
}

/**
 * The merged areas to unmerge before the values are written and to merge after: on a sheet
 * with cells written, all of them (a blank written under an area would land in its top-left
 * cell); otherwise those that moved or went, and the new places.
 */
function changedMerges(sheet: SheetModel): { gone: CellBox[]; added: CellBox[] } {
  const before = sheet.origin ? sheet.originMerges : [];
  if (sheet.dirtyRows.size > 0 || !sheet.origin) return { gone: before, added: sheet.merges };
  const now = new Set(sheet.merges.map(boxAddress));
  const was = new Set(before.map(boxAddress));
  return { gone: before.filter((b) => !now.has(boxAddress(b))), added: sheet.merges.filter((b) => !was.has(boxAddress(b))) };
}

/** A box's top-left and bottom-right cells, as excelize takes them. */
function corners(box: CellBox): [string, string] {
  return [`${columnLetter(box.firstCol)}${box.firstRow + 1}`, `${columnLetter(box.lastCol)}${box.lastRow + 1}`];
}

/** Every row of a new sheet, as spans from the first to the last column in use. */
function allValues(sheet: SheetModel): Map<number, { from: number; to: number }> {
  const out = new Map<number, { from: number; to: number }>();
  const width = usedBox(sheet, true)?.lastCol ?? 0;
  for (let r = 0; r < sheet.values.height; r++) if (sheet.values.rowWidth(r) > 0) out.set(r, { from: 0, to: width });
  return out;
}

/** Number formats and fills set through the API, merged into each cell's existing style. */
function writeStyles(f: ExcelizeFile, sheet: SheetModel, scan: CellScan | null, must: Must): void {
  const rows = [...sheet.styledRows].sort((a, b) => a - b);
  if (rows.length === 0) return;
  const derived = new Map<string, number>();
  const definitions = new Map<number, Style>();
  const definition = (id: number): Style => {
    let style = definitions.get(id);
    if (!style) {
      const got = f.GetStyle(id);
      style = got.error ? {} : (got.style ?? {});
      definitions.set(id, style);
    }
    return style;
  };
  const styleFor = (base: number, format: string | undefined, fill: string | undefined): number => {
    const key = `${base}|${format ?? ''}|${fill ?? ''}`;
    let id = derived.get(key);
    if (id === undefined) {
      const style: Style = structuredClone(definition(base));
      if (format !== undefined) {
        style.NumFmt = 0;
        delete style.DecimalPlaces;
        style.CustomNumFmt = format;
      }
      if (fill !== undefined) style.Fill = { Type: 'pattern', Pattern: 1, Color: [fill.replace('#', '')] };
      const made = f.NewStyle(style);
      must(made, `style for ${sheet.name}`);
      id = made.style;
      derived.set(key, id);
    }
    return id;
  };
  const columns = new Map<number, { row: number; style: number }[]>();
  for (const r of rows) {
    const width = Math.max(sheet.formats.rowWidth(r), sheet.fills.rowWidth(r));
    for (let c = 0; c < width; c++) {
      const format = sheet.formats.get(r, c);
      const fill = sheet.fills.get(r, c);
      if (format === undefined && fill === undefined) continue;
      const base = scan?.get(r, c)?.style ?? 0;
      const list = columns.get(c) ?? [];
      list.push({ row: r, style: styleFor(base, format, fill) });
      columns.set(c, list);
    }
  }
  for (const [c, cells] of columns) {
    for (let i = 0; i < cells.length;) {
      let j = i + 1;
      while (j < cells.length && cells[j]!.row === cells[j - 1]!.row + 1 && cells[j]!.style === cells[i]!.style) j++;
      const letter = columnLetter(c);
      must(f.SetCellStyle(sheet.name, `${letter}${cells[i]!.row + 1}`, `${letter}${cells[j - 1]!.row + 1}`, cells[i]!.style), `styles of ${sheet.name}`);
      i = j;
    }
  }
}

function sameBox(a: CellBox, b: CellBox): boolean {
  return a.firstRow === b.firstRow && a.firstCol === b.firstCol && a.lastRow === b.lastRow && a.lastCol === b.lastCol;
}

function writeTables(f: ExcelizeFile, model: WorkbookModel, must: Must): void {
  const options = new Map<
    string,
    { StyleName?: string; ShowFirstColumn?: boolean; ShowLastColumn?: boolean; ShowRowStripes?: boolean; ShowColumnStripes?: boolean }
  >();
  for (const sheet of model.sheets) {
    const got = f.GetTables(sheet.name);
    for (const t of got.error ? [] : (got.tables ?? [])) options.set((t.Name ?? '').toLowerCase(), t);
  }
  for (const gone of model.deletedTables) must(f.DeleteTable(gone.name), `delete table ${gone.name}`);
  for (const table of model.tables) {
    const origin = table.origin;
    if (origin && origin.name === table.name && sameBox(origin.range, table.box)) continue;
    const previous = origin ? options.get(origin.name.toLowerCase()) : undefined;
    if (origin) must(f.DeleteTable(origin.name), `table ${origin.name}`);
    must(
      f.AddTable(table.sheet.name, {
        Range: boxAddress(table.box),
        Name: table.name,
        StyleName: previous?.StyleName || table.style || 'TableStyleMedium2',
        ShowFirstColumn: previous?.ShowFirstColumn ?? false,
        ShowLastColumn: previous?.ShowLastColumn ?? false,
        ShowRowStripes: previous?.ShowRowStripes ?? true,
        ShowColumnStripes: previous?.ShowColumnStripes ?? false,
      }),
      `table ${table.name} over ${boxAddress(table.box)}`,
    );
  }
}

const TEXT_CRITERIA: Record<string, string> = { Contains: 'containing', NotContains: 'not containing', BeginsWith: 'begins with', EndsWith: 'ends with' };
const CELL_CRITERIA: Record<string, string> = {
  Between: 'between',
  NotBetween: 'not between',
  EqualTo: '==',
  NotEqualTo: '!=',
  GreaterThan: '>',
  LessThan: '<',
  GreaterThanOrEqual: '>=',
  LessThanOrEqual: '<=',
};

/**
 * New rules are added; a rule of the file that was removed, changed or moved (cells inserted)
 * has its `sqref` unset, and the remaining rules of that sqref are written again.
 */
function writeConditionalFormats(f: ExcelizeFile, model: WorkbookModel, must: Must): void {
  const key = (sheet: SheetModel, sqref: string) => `${sheet.id}|${sqref}`;
  const unset = new Map<string, { sheet: SheetModel; sqref: string }>();
  for (const { sheet, origin } of model.removedConditionalFormats) unset.set(key(sheet, origin.sqref), { sheet, sqref: origin.sqref });
  for (const c of model.conditionalFormats) {
    const moved = c.origin && !c.origin.sqref.split(/\s+/).includes(boxAddress(c.box));
    if (c.origin && (moved || c.changed)) unset.set(key(c.sheet, c.origin.sqref), { sheet: c.sheet, sqref: c.origin.sqref });
  }
  for (const { sheet, sqref } of unset.values()) {
    if (!sheet.deleted) must(f.UnsetConditionalFormat(sheet.name, sqref), `conditional formats of ${sheet.name}`);
  }
  const rewrite = model.conditionalFormats.filter((c) => !c.origin || unset.has(key(c.sheet, c.origin.sqref)));
  for (const format of [...rewrite].sort((a, b) => b.priority - a.priority)) {
    const options = conditionalFormatOptions(f, format, must);
    if (options) must(f.SetConditionalFormat(format.sheet.name, boxAddress(format.box), [options]), `conditional format on ${format.sheet.name}`);
  }
}

function conditionalFormatOptions(f: ExcelizeFile, format: ConditionalFormatModel, must: Must) {
  const rule = format.rule ?? {};
  const style: Style = {};
  if (format.fill) style.Fill = { Type: 'pattern', Pattern: 1, Color: [format.fill.replace('#', '')] };
  if (format.fontColor) style.Font = { Color: format.fontColor.replace('#', '') };
  const made = f.NewConditionalStyle(style);
  must(made, 'conditional style');
  const stripEquals = (v: unknown) => String(v).replace(/^=/, '');
  switch (format.type) {
    case 'ContainsText':
      if (!TEXT_CRITERIA[String(rule.operator)]) return undefined;
      return {
        Type: 'text',
        Criteria: TEXT_CRITERIA[String(rule.operator)],
        Value: String(rule.text ?? ''),
        Format: made.style,
        StopIfTrue: format.stopIfTrue,
      };
    case 'CellValue': {
      const criteria = CELL_CRITERIA[String(rule.operator)];
      if (!criteria) return undefined;
      if (criteria === 'between' || criteria === 'not between') {
        return {
          Type: 'cell',
          Criteria: criteria,
          MinValue: stripEquals(rule.formula1),
          MaxValue: stripEquals(rule.formula2),
          Format: made.style,
          StopIfTrue: format.stopIfTrue,
        };
      }
      return { Type: 'cell', Criteria: criteria, Value: stripEquals(rule.formula1), Format: made.style, StopIfTrue: format.stopIfTrue };
    }
    case 'Custom':
      return rule.formula ? { Type: 'formula', Criteria: stripEquals(rule.formula), Format: made.style, StopIfTrue: format.stopIfTrue } : undefined;
    default:
      return undefined;
  }
}

function chartTypeCode(ex: Excelize, type: string): number {
  const map: Record<string, number> = {
    ColumnClustered: ex.Col,
    ColumnStacked: ex.ColStacked,
    ColumnStacked100: ex.ColPercentStacked,
    BarClustered: ex.Bar,
    BarStacked: ex.BarStacked,
    BarStacked100: ex.BarPercentStacked,
    Line: ex.Line,
    LineMarkers: ex.Line,
    LineStacked: ex.Line,
    Pie: ex.Pie,
    Doughnut: ex.Doughnut,
    Radar: ex.Radar,
    RadarMarkers: ex.Radar,
    RadarFilled: ex.Radar,
    Area: ex.Area,
    AreaStacked: ex.AreaStacked,
    XYScatter: ex.Scatter,
    '3DColumnClustered': ex.Col3DClustered,
    '3DBarClustered': ex.Bar3DClustered,
    '3DPie': ex.Pie3D,
  };
  return map[type] ?? ex.Col;
}

function refFormula(ref: CellRef): string {
  const abs = boxAddress(ref.box).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  return `'${ref.sheet.name.replace(/'/g, "''")}'!${abs}`;
}

const LEGEND: Record<string, string> = { Right: 'right', Left: 'left', Top: 'top', Bottom: 'bottom', Corner: 'top_right', Custom: 'right' };

function writeCharts(ex: Excelize, f: ExcelizeFile, model: WorkbookModel, must: Must): void {
  for (const { sheet, origin } of model.deletedCharts) if (!sheet.deleted) must(f.DeleteChart(sheet.name, origin.anchor), `delete chart at ${origin.anchor}`);
  for (const chart of model.charts) {
    if (chart.origin && !chart.changed) continue;
    if (chart.origin) must(f.DeleteChart(chart.sheet.name, chart.origin.anchor), `chart at ${chart.origin.anchor}`);
    must(f.AddChart(chart.sheet.name, anchorOf(chart), chartOptions(ex, chart)), `chart ${chart.name}`);
  }
}

function anchorOf(chart: ChartModel): string {
  if (chart.position) return chart.position.start;
  const used = usedBox(chart.sheet, true);
  return `${columnLetter(used ? used.lastCol + 2 : 0)}${(used?.firstRow ?? 0) + 1}`;
}

function chartOptions(ex: Excelize, chart: ChartModel): Parameters<ExcelizeFile['AddChart']>[2] {
  const series = seriesSpecs(chart).map((s, i) => {
    const named = chart.seriesNames.get(i);
    const name = named ?? (s.name === undefined ? undefined : typeof s.name === 'string' ? s.name : refFormula(s.name));
    return {
      ...(name !== undefined ? { Name: name } : {}),
      ...(s.categories ? { Categories: refFormula(s.categories) } : {}),
      ...(s.values ? { Values: refFormula(s.values) } : {}),
    };
  });
  let width = Math.round((chart.size.width * 4) / 3);
  let height = Math.round((chart.size.height * 4) / 3);
  if (chart.position?.end) {
    const a = /^([A-Z]+)(\d+)$/.exec(chart.position.start);
    const b = /^([A-Z]+)(\d+)$/.exec(chart.position.end);
    if (a && b) {
      width = Math.max(64, (columnIndex(b[1]!) - columnIndex(a[1]!) + 1) * 64);
      height = Math.max(20, (Number(b[2]) - Number(a[2]) + 1) * 20);
    }
  }
  return {
    Type: chartTypeCode(ex, chart.type),
    Series: series,
    Format: { Name: chart.name },
    Dimension: { Width: width, Height: height },
    Legend: { Position: chart.legend.visible ? (LEGEND[chart.legend.position] ?? 'right') : 'none' },
    ...(chart.title.visible && chart.title.text ? { Title: { Paragraph: [{ Text: chart.title.text }] } } : {}),
  };
}

/**
 * What excelize-wasm cannot write, patched into the package: every sheet's `state` (it has no
 * veryHidden), and `<marker><symbol val="none"/>` in the series of 'Radar' charts (excelize
 * writes radar charts without markers settings, which Excel shows as 'RadarMarkers').
 */
async function patchPackage(bytes: Uint8Array, model: WorkbookModel): Promise<Uint8Array> {
  const veryHidden = model.sheets.some((s) => s.visibility === 'VeryHidden');
  const radars = model.charts.filter((c) => c.type === 'Radar');
  if (!veryHidden && radars.length === 0) return bytes;
  const zip = readZip(bytes);
  if (!zip) throw new Error('toXlsx: excelize wrote a package the zip reader cannot read');
  const replacements = new Map<string, Uint8Array>();
  const encode = (text: string) => new TextEncoder().encode(text);
  const rootRels = parseRels((await zip.readText('_rels/.rels')) ?? '', '');
  const workbookPath = rootRels.find((r) => /\/officeDocument$/.test(r.type))?.target ?? 'xl/workbook.xml';
  const workbookXml = await zip.readText(workbookPath);
  if (workbookXml === undefined) throw new Error('toXlsx: no workbook part');
  if (veryHidden) replacements.set(workbookPath, encode(withSheetStates(workbookXml, model)));
  if (radars.length > 0) {
    const dir = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
    const workbookRels = parseRels((await zip.readText(relsPathOf(workbookPath))) ?? '', dir);
    for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet(?=[\s/>])([^>]*)>/g)) {
      const attrs = m[1] ?? '';
      const name = attr(attrs, 'name');
      const id = /(?:^|\s)[\w.-]+:id\s*=\s*(["'])(.*?)\1/.exec(attrs)?.[2];
      const sheetPath = workbookRels.find((r) => r.id === id)?.target;
      const wanted = new Set(radars.filter((c) => c.sheet.name === name).map((c) => c.name));
      if (!sheetPath || wanted.size === 0) continue;
      for (const part of await chartPartsByName(zip, sheetPath)) {
        if (!wanted.has(part.name)) continue;
        const xml = await zip.readText(part.path);
        if (xml !== undefined) replacements.set(part.path, encode(withoutRadarMarkers(xml)));
      }
    }
  }
  return replacements.size > 0 ? replaceZipEntries(bytes, replacements) : bytes;
}

function withSheetStates(xml: string, model: WorkbookModel): string {
  const states = new Map(model.sheets.map((s) => [s.name, s.visibility]));
  return xml.replace(/<((?:[\w.-]+:)?sheet)(?=[\s/>])([^>]*?)(\/?)>/g, (whole, tag: string, attrs: string, close: string) => {
    const name = attr(attrs, 'name');
    const visibility = name === undefined ? undefined : states.get(name);
    if (!visibility) return whole;
    const state = visibility === 'VeryHidden' ? 'veryHidden' : visibility === 'Hidden' ? 'hidden' : 'visible';
    const without = attrs.replace(/\s+state\s*=\s*(["']).*?\1/, '');
    return `<${tag}${without} state="${state}"${close}>`;
  });
}

function withoutRadarMarkers(xml: string): string {
  return xml.replace(/(<((?:[\w.-]+:)?)ser>)([\s\S]*?)(<\/\2ser>)/g, (whole, open: string, prefix: string, body: string, close: string) => {
    if (body.includes(`<${prefix}marker>`)) return whole;
    const marker = `<${prefix}marker><${prefix}symbol val="none"></${prefix}symbol></${prefix}marker>`;
    const at = body.search(new RegExp(`<${prefix}(?:dPt|dLbls|cat|val|extLst)[\\s>]`));
    return at < 0 ? whole : `${open}${body.slice(0, at)}${marker}${body.slice(at)}${close}`;
  });
}

/** The chart parts of a worksheet, with the name of the drawing object that shows each. */
async function chartPartsByName(zip: NonNullable<ReturnType<typeof readZip>>, sheetPath: string): Promise<{ name: string; path: string }[]> {
  const out: { name: string; path: string }[] = [];
  const sheetRels = parseRels((await zip.readText(relsPathOf(sheetPath))) ?? '', sheetPath.slice(0, sheetPath.lastIndexOf('/') + 1));
  for (const drawingRel of sheetRels.filter((r) => /\/drawing$/.test(r.type))) {
    const drawing = (await zip.readText(drawingRel.target)) ?? '';
    const rels = parseRels((await zip.readText(relsPathOf(drawingRel.target))) ?? '', drawingRel.target.slice(0, drawingRel.target.lastIndexOf('/') + 1));
    for (const frame of drawing.matchAll(/<(?:[\w.-]+:)?graphicFrame(?=[\s>])[\s\S]*?<\/(?:[\w.-]+:)?graphicFrame>/g)) {
      const name = attr(/<(?:[\w.-]+:)?cNvPr(?=[\s/>])([^>]*)>/.exec(frame[0])?.[1] ?? '', 'name');
      const chartId = /<(?:[\w.-]+:)?chart(?=[\s/>])[^>]*?\s[\w.-]+:id\s*=\s*["']([^"']*)["']/.exec(frame[0])?.[1];
      const path = rels.find((r) => r.id === chartId)?.target;
      if (name !== undefined && path) out.push({ name, path });
    }
  }
  return out;
}
