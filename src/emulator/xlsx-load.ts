/**
 * Reads an .xlsx into the emulator's model: values and Excel tables through src/xlsx
 * (readWorkbook), and from the package XML what that reader leaves out: sheet visibility,
 * sheet protection, table options (totals/header rows, style), charts (name, type, title,
 * series references, anchor), conditional formats (text, cell value and formula rules with
 * their fill), the number format of every cell that holds a value (styles.xml: cellXfs and
 * numFmts, read by src/xlsx/ooxml.ts as the score command reads them, built-in ids as zh-CN
 * Excel shows them), the 1904 date system (workbookPr date1904) and merged areas
 * (`<mergeCells>`): as Excel keeps them, only an area's top-left cell holds a value (a value
 * a file left in another cell of the area is not loaded).
 * Cell fills, and the formats of blank cells, rows and columns, are not read. Chart sheets
 * are not modelled.
 */
import { parseAddress, type CellBox } from './address';
import { ChartModel, ConditionalFormatModel, TableModel, WorkbookModel, type CellRef, type ExplicitSeries, type SheetModel, type Visibility } from './model';
import { readWorkbook } from '../xlsx/read';
import { attr, decodeXml, isDate1904, parseRelationships, parseStyleFormats, relsPathOf, scanCells, type Relationship } from '../xlsx/ooxml';
import { readZip, type ZipArchive } from '../xlsx/zip';
import { columnLetter } from '../engine/address';
import type { CellFormat } from '../engine/types';

export async function loadXlsx(bytes: Uint8Array): Promise<WorkbookModel> {
  const grids = await readWorkbook(bytes);
  const model = new WorkbookModel();
  const zip = readZip(bytes);
  const pkg = zip ? await readPackage(zip).catch(() => undefined) : undefined;

  for (const grid of grids) {
    const info = pkg?.sheets.get(grid.name);
    const visibility = info?.visibility ?? 'Visible';
    const isProtected = info?.protected ?? false;
    const sheet = model.addSheet(grid.name, { name: grid.name, visibility, protected: isProtected });
    sheet.visibility = visibility;
    sheet.protected = isProtected;
    const scan = info && zip ? await scanCells(zip, info.path) : null;
    sheet.merges = info ? readMerges(info.xml) : [];
    sheet.originMerges = sheet.merges.map((b) => ({ ...b }));
    const hidden = coveredCells(sheet.merges);
    grid.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === null || value === undefined || value === '') return;
        if (hidden.has(r, c)) return;
        sheet.values.set(r, c, value);
        const format = pkg?.formats[scan?.get(r, c)?.style ?? 0];
        if (format) sheet.formats.set(r, c, format);
      });
    });
    for (const t of grid.tables) {
      const box = parseAddress(t.range)?.box;
      if (!box) continue;
      const options = info?.tables.get(t.name.toLowerCase());
      const ids = Array.from({ length: box.lastCol - box.firstCol + 1 }, (_, i) => i + 1);
      model.tables.push(
        new TableModel(model.newId(), t.name, sheet, box, ids, options?.totals ?? false, options?.headers ?? true, options?.style ?? '', {
          name: t.name,
          range: box,
        }),
      );
    }
  }
  if (pkg && zip) {
    for (const sheet of model.sheets) {
      const info = pkg.sheets.get(sheet.name);
      if (!info) continue;
      const charts = await readCharts(zip, info, sheet, model);
      model.charts.push(...charts);
      sheet.nextChartNumber = charts.length + 1;
      for (const format of readConditionalFormats(info.xml, sheet, model, pkg.dxfFills)) model.conditionalFormats.push(format);
    }
  }
  model.date1904 = pkg?.date1904 ?? false;
  model.activeSheet = model.sheets[pkg?.activeTab ?? 0] ?? model.sheets.find((s) => s.visibility === 'Visible');
  if (model.activeSheet?.visibility !== 'Visible') model.activeSheet = model.sheets.find((s) => s.visibility === 'Visible');
  return model;
}

interface SheetInfo {
  visibility: Visibility;
  protected: boolean;
  path: string;
  xml: string;
  rels: Relationship[];
  tables: Map<string, { totals: boolean; headers: boolean; style: string }>;
}

interface PackageInfo {
  sheets: Map<string, SheetInfo>;
  dxfFills: (string | undefined)[];
  activeTab: number;
  /** The number format code of each cell style (index into cellXfs); null for General. */
  formats: CellFormat[];
  date1904: boolean;
}

async function readPackage(zip: ZipArchive): Promise<PackageInfo> {
  const rootRels = parseRelationships((await zip.readText('_rels/.rels')) ?? '', '');
  const workbookPath = rootRels.find((r) => /\/officeDocument$/.test(r.type))?.target ?? 'xl/workbook.xml';
  const workbookXml = (await zip.readText(workbookPath)) ?? '';
  const dir = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const workbookRels = parseRelationships((await zip.readText(relsPathOf(workbookPath))) ?? '', dir);
  const sheets = new Map<string, SheetInfo>();
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet(?=[\s/>])([^>]*)>/g)) {
    const attrs = m[1] ?? '';
    const name = attr(attrs, 'name');
    const id = /(?:^|\s)[\w.-]+:id\s*=\s*(["'])(.*?)\1/.exec(attrs)?.[2];
    const rel = workbookRels.find((r) => r.id === id);
    if (name === undefined || !rel || !/\/worksheet$/.test(rel.type)) continue;
    const state = attr(attrs, 'state');
    const xml = (await zip.readText(rel.target)) ?? '';
    const rels = parseRelationships((await zip.readText(relsPathOf(rel.target))) ?? '', rel.target.slice(0, rel.target.lastIndexOf('/') + 1));
    const protection = /<(?:[\w.-]+:)?sheetProtection(?=[\s/>])([^>]*)>/.exec(xml)?.[1];
    const tables = new Map<string, { totals: boolean; headers: boolean; style: string }>();
    for (const tableRel of rels.filter((r) => /\/table$/.test(r.type))) {
      const tableXml = (await zip.readText(tableRel.target)) ?? '';
      const root = /<(?:[\w.-]+:)?table(?=[\s>])([^>]*)>/.exec(tableXml)?.[1] ?? '';
      const tableName = attr(root, 'displayName') ?? attr(root, 'name');
      if (tableName === undefined) continue;
      tables.set(tableName.toLowerCase(), {
        totals: Number(attr(root, 'totalsRowCount') ?? 0) > 0,
        headers: attr(root, 'headerRowCount') !== '0',
        style: attr(/<(?:[\w.-]+:)?tableStyleInfo(?=[\s/>])([^>]*)>/.exec(tableXml)?.[1] ?? '', 'name') ?? '',
      });
    }
    sheets.set(name, {
      visibility: state === 'veryHidden' ? 'VeryHidden' : state === 'hidden' ? 'Hidden' : 'Visible',
      protected: protection !== undefined && /^(?:1|true)$/.test(attr(protection, 'sheet') ?? '0'),
      path: rel.target,
      xml,
      rels,
      tables,
    });
  }
  const activeTab = Number(attr(/<(?:[\w.-]+:)?workbookView(?=[\s/>])([^>]*)>/.exec(workbookXml)?.[1] ?? '', 'activeTab') ?? 0);
  const stylesRel = workbookRels.find((r) => /\/styles$/.test(r.type));
  const stylesXml = stylesRel ? ((await zip.readText(stylesRel.target)) ?? '') : '';
  return {
    sheets,
    dxfFills: readDxfFills(stylesXml),
    activeTab: Number.isInteger(activeTab) ? activeTab : 0,
    formats: parseStyleFormats(stylesXml),
    date1904: isDate1904(workbookXml),
  };
}

/** The sheet's merged areas (`<mergeCell ref="A2:A3"/>`), top to bottom; single cells are no merge. */
export function readMerges(xml: string): CellBox[] {
  const block = /<(?:[\w.-]+:)?mergeCells(?=[\s>])[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?mergeCells>/.exec(xml)?.[1] ?? '';
  const boxes: CellBox[] = [];
  for (const m of block.matchAll(/<(?:[\w.-]+:)?mergeCell(?=[\s/>])([^>]*)>/g)) {
    const box = parseAddress(attr(m[1] ?? '', 'ref') ?? '')?.box;
    if (box && (box.lastRow > box.firstRow || box.lastCol > box.firstCol)) boxes.push(box);
  }
  return boxes.sort((a, b) => a.firstRow - b.firstRow || a.firstCol - b.firstCol);
}

/** The cells of merged areas other than their top-left ones (blank in Excel). */
function coveredCells(merges: readonly CellBox[]): { has(row: number, col: number): boolean } {
  if (merges.length === 0) return { has: () => false };
  const byRow = new Map<number, CellBox[]>();
  for (const box of merges) {
    for (let r = box.firstRow; r <= box.lastRow; r++) {
      const list = byRow.get(r) ?? [];
      list.push(box);
      byRow.set(r, list);
    }
  }
  return {
    has: (row, col) => (byRow.get(row) ?? []).some((b) => col >= b.firstCol && col <= b.lastCol && (row !== b.firstRow || col !== b.firstCol)),
  };
}

/** The fill colour of each differential format (`<dxf>`), for conditional formats. */
function readDxfFills(stylesXml: string): (string | undefined)[] {
  const dxfs = /<(?:[\w.-]+:)?dxfs(?=[\s>])[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?dxfs>/.exec(stylesXml)?.[1] ?? '';
  return [...dxfs.matchAll(/<(?:[\w.-]+:)?dxf(?=[\s>/])[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?dxf>)/g)].map((m) => {
    const fill = /<(?:[\w.-]+:)?fill(?=[\s>])[\s\S]*?<\/(?:[\w.-]+:)?fill>/.exec(m[1] ?? '')?.[0] ?? '';
    const color = /<(?:[\w.-]+:)?(?:bgColor|fgColor)(?=[\s/>])([^>]*)>/.exec(fill)?.[1];
    const rgb = color === undefined ? undefined : attr(color, 'rgb');
    return rgb ? `#${rgb.slice(-6).toUpperCase()}` : undefined;
  });
}

const CF_TEXT_OPERATORS: Record<string, string> = {
  containsText: 'Contains',
  notContainsText: 'NotContains',
  notContains: 'NotContains',
  beginsWith: 'BeginsWith',
  endsWith: 'EndsWith',
};
const CF_CELL_OPERATORS: Record<string, string> = {
  between: 'Between',
  notBetween: 'NotBetween',
  equal: 'EqualTo',
  notEqual: 'NotEqualTo',
  greaterThan: 'GreaterThan',
  lessThan: 'LessThan',
  greaterThanOrEqual: 'GreaterThanOrEqual',
  lessThanOrEqual: 'LessThanOrEqual',
};

function readConditionalFormats(xml: string, sheet: SheetModel, model: WorkbookModel, dxfFills: (string | undefined)[]): ConditionalFormatModel[] {
  const out: ConditionalFormatModel[] = [];
  for (const block of xml.matchAll(/<(?:[\w.-]+:)?conditionalFormatting(?=[\s>])([^>]*)>([\s\S]*?)<\/(?:[\w.-]+:)?conditionalFormatting>/g)) {
    const sqref = attr(block[1] ?? '', 'sqref') ?? '';
    const boxes = sqref
      .split(/\s+/)
      .map((ref) => parseAddress(ref)?.box)
      .filter((b): b is CellBox => !!b);
    for (const rule of (block[2] ?? '').matchAll(/<(?:[\w.-]+:)?cfRule(?=[\s>/])([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?cfRule>)/g)) {
      const attrs = rule[1] ?? '';
      const type = attr(attrs, 'type') ?? '';
      const formulas = [...(rule[2] ?? '').matchAll(/<(?:[\w.-]+:)?formula>([\s\S]*?)<\/(?:[\w.-]+:)?formula>/g)].map((f) => decodeXml(f[1] ?? ''));
      let kind: string;
      let parsed: Record<string, unknown> | undefined;
      if (type in CF_TEXT_OPERATORS) {
        kind = 'ContainsText';
        parsed = { operator: CF_TEXT_OPERATORS[type], text: attr(attrs, 'text') ?? '' };
      } else if (type === 'cellIs') {
        kind = 'CellValue';
        const operator = CF_CELL_OPERATORS[attr(attrs, 'operator') ?? ''] ?? 'EqualTo';
        parsed = { formula1: `=${formulas[0] ?? ''}`, operator, ...(formulas[1] !== undefined ? { formula2: `=${formulas[1]}` } : {}) };
      } else if (type === 'expression') {
        kind = 'Custom';
        parsed = { formula: `=${formulas[0] ?? ''}` };
      } else {
        kind = { dataBar: 'DataBar', colorScale: 'ColorScale', iconSet: 'IconSet', top10: 'TopBottom' }[type] ?? 'PresetCriteria';
      }
      const dxf = attr(attrs, 'dxfId');
      const priority = Number(attr(attrs, 'priority') ?? out.length + 1) - 1;
      for (const box of boxes) {
        const format = new ConditionalFormatModel(model.newId(), sheet, box, kind, priority, { sqref });
        format.rule = parsed;
        format.fill = dxf === undefined ? undefined : dxfFills[Number(dxf)];
        format.stopIfTrue = /^(?:1|true)$/.test(attr(attrs, 'stopIfTrue') ?? '');
        out.push(format);
      }
    }
  }
  return out;
}

async function readCharts(zip: ZipArchive, info: SheetInfo, sheet: SheetModel, model: WorkbookModel): Promise<ChartModel[]> {
  const out: ChartModel[] = [];
  for (const drawingRel of info.rels.filter((r) => /\/drawing$/.test(r.type))) {
    const drawing = (await zip.readText(drawingRel.target)) ?? '';
    const dir = drawingRel.target.slice(0, drawingRel.target.lastIndexOf('/') + 1);
    const rels = parseRelationships((await zip.readText(relsPathOf(drawingRel.target))) ?? '', dir);
    for (const anchor of drawing.matchAll(/<(?:[\w.-]+:)?(twoCellAnchor|oneCellAnchor|absoluteAnchor)(?=[\s>])[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?\1>/g)) {
      const body = anchor[2] ?? '';
      const chartId = /<(?:[\w.-]+:)?chart(?=[\s/>])[^>]*?\s[\w.-]+:id\s*=\s*["']([^"']*)["']/.exec(body)?.[1];
      const chartPath = rels.find((r) => r.id === chartId && /\/chart$/.test(r.type))?.target;
      if (!chartPath) continue;
      const chartXml = (await zip.readText(chartPath)) ?? '';
      const name = attr(/<(?:[\w.-]+:)?cNvPr(?=[\s/>])([^>]*)>/.exec(body)?.[1] ?? '', 'name') ?? `Chart ${out.length + 1}`;
      const start = anchorCell(body, 'from');
      const end = anchorCell(body, 'to');
      const chart = new ChartModel(model.newId(), name, sheet, chartType(chartXml), undefined, 'Columns', chartSeriesRefs(chartXml, model), {
        anchor: start ?? 'A1',
      });
      chart.title.text = chartTitle(chartXml);
      if (start) chart.position = end ? { start, end } : { start };
      const legend = /<(?:[\w.-]+:)?legend(?=[\s>])[\s\S]*?<\/(?:[\w.-]+:)?legend>/.exec(chartXml)?.[0];
      chart.legend.visible = legend !== undefined;
      const pos = legend ? attr(/<(?:[\w.-]+:)?legendPos(?=[\s/>])([^>]*)>/.exec(legend)?.[1] ?? '', 'val') : undefined;
      chart.legend.position = { t: 'Top', b: 'Bottom', l: 'Left', r: 'Right', tr: 'Corner' }[pos ?? 'r'] ?? 'Right';
      out.push(chart);
    }
  }
  return out;
}

function anchorCell(body: string, corner: 'from' | 'to'): string | undefined {
  const part = new RegExp(`<(?:[\\w.-]+:)?${corner}>([\\s\\S]*?)</(?:[\\w.-]+:)?${corner}>`).exec(body)?.[1];
  if (!part) return undefined;
  const col = /<(?:[\w.-]+:)?col>(\d+)</.exec(part)?.[1];
  const row = /<(?:[\w.-]+:)?row>(\d+)</.exec(part)?.[1];
  return col === undefined || row === undefined ? undefined : `${columnLetter(Number(col))}${Number(row) + 1}`;
}

/** Excel's chart type name for the first plot of a chart part. */
export function chartType(xml: string): string {
  const plot =
    /<(?:[\w.-]+:)?(bar|bar3D|line|line3D|pie|pie3D|doughnut|radar|area|area3D|scatter|bubble|stock|surface|surface3D|ofPie)Chart(?=[\s>])[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?\1Chart>/.exec(
      xml,
    );
  if (!plot) return 'Unknown';
  const [, kind = '', body = ''] = plot;
  const val = (tag: string) => attr(new RegExp(`<(?:[\\w.-]+:)?${tag}(?=[\\s/>])([^>]*)>`).exec(body)?.[1] ?? '', 'val');
  const grouping = val('grouping') ?? 'clustered';
  const suffix = grouping === 'stacked' ? 'Stacked' : grouping === 'percentStacked' ? 'Stacked100' : 'Clustered';
  const noMarkers = () => {
    const markers = [...body.matchAll(/<(?:[\w.-]+:)?marker(?=[\s>])[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?marker>/g)];
    return markers.length > 0 && markers.every((m) => /symbol\s+val=["']none["']/.test(m[1] ?? ''));
  };
  switch (kind) {
    case 'bar':
    case 'bar3D':
      return `${kind === 'bar3D' ? '3D' : ''}${val('barDir') === 'bar' ? 'Bar' : 'Column'}${suffix}`;
    case 'line':
    case 'line3D':
      return grouping === 'stacked' ? 'LineStacked' : noMarkers() || !/<(?:[\w.-]+:)?marker(?=[\s>])/.test(body) ? 'Line' : 'LineMarkers';
    case 'radar': {
      const style = val('radarStyle');
      if (style === 'filled') return 'RadarFilled';
      return style === 'marker' && !noMarkers() ? 'RadarMarkers' : 'Radar';
    }
    case 'pie':
      return 'Pie';
    case 'pie3D':
      return '3DPie';
    case 'doughnut':
      return 'Doughnut';
    case 'area':
    case 'area3D':
      return grouping === 'stacked' ? 'AreaStacked' : 'Area';
    case 'scatter':
      return 'XYScatter';
    default:
      return kind.charAt(0).toUpperCase() + kind.slice(1);
  }
}

function chartTitle(xml: string): string {
  const title = /<(?:[\w.-]+:)?chart(?=[\s>])[^>]*>\s*<(?:[\w.-]+:)?title(?=[\s>])[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?title>/.exec(xml)?.[1];
  if (!title) return '';
  const texts = [...title.matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g)].map((m) => decodeXml(m[1] ?? ''));
  if (texts.length) return texts.join('');
  return decodeXml(/<(?:[\w.-]+:)?v>([\s\S]*?)</.exec(title)?.[1] ?? '');
}

function chartSeriesRefs(xml: string, model: WorkbookModel): ExplicitSeries[] {
  const out: ExplicitSeries[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?ser(?=[\s>])[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?ser>/g)) {
    const body = m[1] ?? '';
    const part = (tag: string) => new RegExp(`<(?:[\\w.-]+:)?${tag}(?=[\\s>])[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?${tag}>`).exec(body)?.[1];
    const formula = (fragment: string | undefined) => {
      const f = fragment === undefined ? undefined : /<(?:[\w.-]+:)?f>([\s\S]*?)<\/(?:[\w.-]+:)?f>/.exec(fragment)?.[1];
      return f === undefined ? undefined : decodeXml(f);
    };
    const tx = part('tx');
    const txFormula = formula(tx);
    const txRef = txFormula === undefined ? undefined : resolveRef(txFormula, model);
    const literal = tx === undefined ? undefined : /<(?:[\w.-]+:)?v>([\s\S]*?)</.exec(tx)?.[1];
    out.push({
      name: txRef ?? (txFormula !== undefined ? txFormula : literal !== undefined ? decodeXml(literal) : undefined),
      categories: resolveRef(formula(part('cat') ?? part('xVal')), model),
      values: resolveRef(formula(part('val') ?? part('yVal')), model),
    });
  }
  return out;
}

/** `'说明'!$B$2:$B$5` as a reference to cells of a sheet of the model. */
function resolveRef(formula: string | undefined, model: WorkbookModel): CellRef | undefined {
  if (formula === undefined) return undefined;
  const parsed = parseAddress(formula.replace(/^\(|\)$/g, ''));
  if (!parsed || parsed.sheet === undefined) return undefined;
  const sheet = model.findSheet(parsed.sheet);
  return sheet ? { sheet, box: parsed.box } : undefined;
}
