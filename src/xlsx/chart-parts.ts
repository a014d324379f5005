/**
 * The XML of the charts the `score` command draws (the chart specs of
 * src/engine/chart-specs.ts): a chart part per chart and the drawing part's anchors that
 * place them on the charts sheet. Both package writers use it: the direct writer writes these
 * parts itself (direct-charts.ts), the excelize writer lets excelize's AddChart make the
 * parts and their relationships and then puts these in their place, so that both give the
 * same charts.
 *
 * The shape follows what excelize's AddChart writes (a chartSpace with a title, one plot,
 * a category and a value axis, series as strRef/numRef formulas to the sheet), kept to the
 * element order of the DrawingML chart schema (ECMA-376 Part 1, 21.2) and with what
 * excelize leaves out and Excel writes: the series' caches (strCache/numCache), so that a
 * reader that does not recalculate shows the values; `<c:marker><c:symbol val="none"/>` on
 * radar series, which makes Excel's 'Radar' (without it Excel shows 'RadarMarkers', what the
 * add-in does not draw); no varyColors on the single bar series, as Excel's BarClustered.
 * The anchor is a twoCellAnchor from the top-left of `from` to the bottom-right of `to`
 * (the next cell's corner, offsets 0) with a graphicFrame named as the add-in names its
 * charts, so that either finds and replaces the other's.
 */
import { tryParseRange } from '../engine/address';
import { chartSeries, type ChartSpec, type SeriesRef } from '../engine/chart-specs';
import { attr } from './ooxml';
import { escapeXml } from './write-common';

export const CHART_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
export const DRAWINGML_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
export const SPREADSHEET_DRAWING_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const DRAWING_REL = `${REL_NS}/drawing`;
export const CHART_REL = `${REL_NS}/chart`;
export const DRAWING_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
export const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';

const AXES = { cat: 100000000, val: 100000001 };

/** A number as the cache writes it: the shortest text that reads back as the same double. */
function numberText(n: number): string {
  return n === 0 ? '0' : String(n).replace('e', 'E');
}

function strRef(ref: SeriesRef<string>): string {
  const pts = ref.values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${escapeXml(ref.formula)}</c:f><c:strCache><c:ptCount val="${ref.values.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(ref: SeriesRef<number | null>): string {
  const pts = ref.values.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${numberText(v)}</c:v></c:pt>`)).join('');
  return `<c:numRef><c:f>${escapeXml(ref.formula)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${ref.values.length}"/>${pts}</c:numCache></c:numRef>`;
}

function title(text: string): string {
  return (
    '<c:title><c:tx><c:rich><a:bodyPr rot="0" spcFirstLastPara="1" vertOverflow="ellipsis" wrap="square" anchor="ctr" anchorCtr="1"/><a:lstStyle/>' +
    `<a:p><a:pPr><a:defRPr sz="1400" b="0"/></a:pPr><a:r><a:rPr sz="1400" b="0"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
    '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'
  );
}

function axes(kind: ChartSpec['kind']): string {
  // Horizontal bars put the categories on the left and the values along the bottom.
  const [catPos, valPos] = kind === 'bar' ? ['l', 'b'] : ['b', 'l'];
  const scaling = '<c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>';
  return (
    `<c:catAx><c:axId val="${AXES.cat}"/>${scaling}<c:axPos val="${catPos}"/>${kind === 'radar' ? '<c:majorGridlines/>' : ''}` +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `<c:crossAx val="${AXES.val}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${AXES.val}"/>${scaling}<c:axPos val="${valPos}"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="${kind === 'radar' ? 'cross' : 'none'}"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${AXES.cat}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`
  );
}

/** The chart part of a chart spec whose table is on the sheet named `sheet`. */
export function chartXml(chart: ChartSpec, sheet: string): string {
  const series = chartSeries(chart, sheet)
    .map((s, i) => {
      const head = `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx>${strRef(s.name)}</c:tx>`;
      const marks = chart.kind === 'radar' ? '<c:marker><c:symbol val="none"/></c:marker>' : '<c:invertIfNegative val="0"/>';
      return `${head}${marks}<c:cat>${strRef(s.categories)}</c:cat><c:val>${numRef(s.values)}</c:val></c:ser>`;
    })
    .join('');
  const axisIds = `<c:axId val="${AXES.cat}"/><c:axId val="${AXES.val}"/>`;
  const plot =
    chart.kind === 'radar'
      ? `<c:radarChart><c:radarStyle val="marker"/><c:varyColors val="0"/>${series}${axisIds}</c:radarChart>`
      : `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="182"/>${axisIds}</c:barChart>`;
  const legend = chart.legend ? '<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>' : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${CHART_NS}" xmlns:a="${DRAWINGML_NS}" xmlns:r="${REL_NS}">` +
    '<c:date1904 val="0"/><c:roundedCorners val="0"/>' +
    `<c:chart>${title(chart.title)}<c:plotArea><c:layout/>${plot}${axes(chart.kind)}</c:plotArea>${legend}` +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    '<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup/></c:printSettings>' +
    '</c:chartSpace>'
  );
}

/** A corner of an anchor: `<col>`, `<colOff>`, `<row>`, `<rowOff>` (0-based). */
function marker(p: string, tag: 'from' | 'to', row: number, col: number): string {
  return `<${p}${tag}><${p}col>${col}</${p}col><${p}colOff>0</${p}colOff><${p}row>${row}</${p}row><${p}rowOff>0</${p}rowOff></${p}${tag}>`;
}

export interface AnchorOptions {
  /** The prefix (with its colon, '' for none) the drawing binds to the spreadsheetDrawing namespace. */
  prefix: string;
  /** The drawing object's id, unique in the drawing. */
  id: number;
  /** The id of the drawing's relationship to the chart part. */
  relId: string;
  /** Declare the DrawingML namespace on the anchor (a drawing whose root does not bind `a:` to it). */
  declare: boolean;
}

/** The twoCellAnchor that places `chart` on the sheet, as a graphicFrame named as the chart. */
export function anchorXml(chart: ChartSpec, o: AnchorOptions): string {
  const from = tryParseRange(chart.position.from);
  const to = tryParseRange(chart.position.to);
  if (!from || !to) throw new Error(`not a chart position: ${chart.position.from}:${chart.position.to}`);
  const p = o.prefix;
  const ns = o.declare ? ` xmlns:a="${DRAWINGML_NS}"` : '';
  return (
    `<${p}twoCellAnchor${ns}>${marker(p, 'from', from.firstRow, from.firstCol)}${marker(p, 'to', to.lastRow + 1, to.lastCol + 1)}` +
    `<${p}graphicFrame macro=""><${p}nvGraphicFramePr><${p}cNvPr id="${o.id}" name="${escapeXml(chart.name)}"/><${p}cNvGraphicFramePr/></${p}nvGraphicFramePr>` +
    `<${p}xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></${p}xfrm>` +
    `<a:graphic><a:graphicData uri="${CHART_NS}"><c:chart xmlns:c="${CHART_NS}" xmlns:r="${REL_NS}" r:id="${o.relId}"/></a:graphicData></a:graphic>` +
    `</${p}graphicFrame><${p}clientData/></${p}twoCellAnchor>`
  );
}

/** A drawing part holding the given anchors. */
export function drawingXml(anchors: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<xdr:wsDr xmlns:xdr="${SPREADSHEET_DRAWING_NS}" xmlns:a="${DRAWINGML_NS}">${anchors}</xdr:wsDr>`
  );
}

/** A chart shown in a drawing part: its anchor (as written, at `index`), its name, its drawing object id and its relationship. */
export interface ChartFrame {
  name: string;
  anchor: string;
  index: number;
  id: number;
  relId: string;
}

/** The anchors of a drawing part that show a chart (a graphicFrame with a `c:chart`), in order; pictures, shapes and groups are left out. */
export function chartFrames(drawing: string): ChartFrame[] {
  const out: ChartFrame[] = [];
  for (const m of drawing.matchAll(/<(?:[\w.-]+:)?(twoCellAnchor|oneCellAnchor|absoluteAnchor)(?=[\s>])[^>]*>[\s\S]*?<\/(?:[\w.-]+:)?\1>/g)) {
    const frame = /<(?:[\w.-]+:)?graphicFrame(?=[\s>])[\s\S]*?<\/(?:[\w.-]+:)?graphicFrame>/.exec(m[0])?.[0];
    if (frame === undefined) continue;
    const nvPr = /<(?:[\w.-]+:)?cNvPr(?=[\s/>])([^>]*)>/.exec(frame)?.[1] ?? '';
    const relId = /<(?:[\w.-]+:)?chart(?=[\s/>])[^>]*?\s[\w.-]+:id\s*=\s*["']([^"']*)["']/.exec(frame)?.[1];
    const name = attr(nvPr, 'name');
    if (name === undefined || relId === undefined) continue;
    out.push({ name, anchor: m[0], index: m.index, id: Number(attr(nvPr, 'id')) || 0, relId });
  }
  return out;
}

/** The prefix a drawing part binds to the spreadsheetDrawing namespace (its root's), and whether an anchor must declare `a:`. */
export function drawingPrefix(drawing: string): { prefix: string; declare: boolean } | undefined {
  const root = /<([\w.-]+:)?wsDr(?=[\s>])([^>]*)>/.exec(drawing);
  return root ? { prefix: root[1] ?? '', declare: attr(root[2] ?? '', 'xmlns:a') !== DRAWINGML_NS } : undefined;
}
