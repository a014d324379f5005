/**
 * The charts of the managed charts sheet as data: which charts, of which kind, drawn from
 * which summary table, placed where. Both writers of charts read it: the add-in
 * (src/excel/charts.ts, through office-js) and the `score` command's package writers
 * (src/xlsx/chart-parts.ts and write-excelize.ts), so that a chart the one made is found and
 * replaced by the other. Texts come in as parameters (src/i18n/charts.ts fills them), so the
 * engine stays free of any language.
 *
 * Layout, the same for every chart: the sheet's title in A1, the summary tables from A3 down
 * with one blank row between them, the charts nine columns wide from row 3 down, one blank
 * row between them, in columns H to P, or from the second column right of the widest table
 * when a table reaches column G (a group radar of many groups), so that no chart covers a
 * table. A table's first row names the series (from its second column), its first column
 * the categories (from its second row): one series per further column, as Excel's
 * charts.add(range, 'Columns') reads a range.
 */
import { cellRef, tryParseRange } from './address';

export type ChartKind = 'radar' | 'bar';

/** A summary table's cell: text, a number, or '' for an empty cell. */
export type SummaryCell = string | number;

export interface SummaryTable {
  /** Its range on the charts sheet, e.g. `A3:E8`. */
  address: string;
  values: SummaryCell[][];
}

export interface ChartSpec {
  /** The chart's name in Excel (the drawing object's name), e.g. CustomerScoring.Radar: how a later run finds it. */
  name: string;
  /** radar: Excel's Radar (lines, no markers); bar: BarClustered (horizontal bars). */
  kind: ChartKind;
  title: string;
  table: SummaryTable;
  legend: boolean;
  /** The cells the chart covers: its top-left corner at the top-left of `from`, its bottom-right at the bottom-right of `to`. */
  position: { from: string; to: string };
}

export interface ChartsSheetSpec {
  /** The sheet's title, in A1. */
  title: string;
  charts: ChartSpec[];
}

/** A chart before layout: what it shows, not yet where. */
export interface ChartDraft {
  name: string;
  kind: ChartKind;
  title: string;
  values: SummaryCell[][];
  legend: boolean;
}

/**
 * The charts' names: stable across versions and languages, since a later run finds its charts
 * by them: the scoring's radar of each tier's profile and bar of customers per tier, the
 * service survey's radar of the dimensions' means (overall and per tier), its radar of the
 * means per group of customers (行业, 规模 …) and its bar of promoters / passives / detractors,
 * and the bar of customers per RFM segment.
 */
export const CHART_NAMES = {
  radar: 'CustomerScoring.Radar',
  bar: 'CustomerScoring.Bar',
  serviceRadar: 'CustomerScoring.ServiceRadar',
  groupRadar: 'CustomerScoring.GroupRadar',
  nps: 'CustomerScoring.Nps',
  segments: 'CustomerScoring.Segments',
} as const;

/** Every chart name of ours: a chart so named that a run does not draw is an earlier run's, removed rather than left stale. */
export const OUR_CHART_NAMES: readonly string[] = Object.values(CHART_NAMES);

/** Our charts a run that draws `charts` removes: the other names of ours. */
export function staleChartNames(charts: readonly { name: string }[]): string[] {
  return OUR_CHART_NAMES.filter((name) => !charts.some((c) => c.name === name));
}

/** The area of the charts sheet the summaries are written in; its contents are cleared on each run. */
export const SUMMARY_AREA = 'A1:Z200';

const TABLES_TOP = 2; // row 3
const CHARTS_TOP = 2;
/** The charts' columns: H to P, unless a table is wider than A to F. */
const CHART_COLUMNS = { first: 7, width: 9 };
/** How many rows each kind of chart covers. */
const CHART_ROWS: Record<ChartKind, number> = { radar: 20, bar: 17 };

/** The drafts laid out on the charts sheet: tables from A3 down, charts from H3 down. */
export function layoutCharts(title: string, drafts: readonly ChartDraft[]): ChartsSheetSpec {
  const widthOf = (values: readonly SummaryCell[][]) => Math.max(...values.map((row) => row.length));
  // One empty column between the widest table and the charts.
  const first = Math.max(CHART_COLUMNS.first, ...drafts.map((d) => widthOf(d.values) + 1));
  const last = first + CHART_COLUMNS.width - 1;
  let tableTop = TABLES_TOP;
  let chartTop = CHARTS_TOP;
  const charts = drafts.map((draft): ChartSpec => {
    const { values } = draft;
    const width = widthOf(values);
    const address = `${cellRef(tableTop, 0)}:${cellRef(tableTop + values.length - 1, width - 1)}`;
    tableTop += values.length + 1;
    const rows = CHART_ROWS[draft.kind];
    const position = { from: cellRef(chartTop, first), to: cellRef(chartTop + rows - 1, last) };
    chartTop += rows + 1;
    return { name: draft.name, kind: draft.kind, title: draft.title, table: { address, values }, legend: draft.legend, position };
  });
  return { title, charts };
}

/** A reference to cells of the charts sheet, with what they hold. */
export interface SeriesRef<T> {
  /** `'评分图表'!$B$3:$B$7`. */
  formula: string;
  values: T[];
}

export interface ChartSeries {
  name: SeriesRef<string>;
  categories: SeriesRef<string>;
  /** null where the table's cell is empty. */
  values: SeriesRef<number | null>;
}

/** The series of a chart, one per column of its table after the first, referring to the cells of `sheet`. */
export function chartSeries(chart: ChartSpec, sheet: string): ChartSeries[] {
  const box = tryParseRange(chart.table.address);
  if (!box) throw new Error(`not an A1 range: ${chart.table.address}`);
  const { values } = chart.table;
  const quoted = `'${sheet.replace(/'/g, "''")}'`;
  const ref = (r1: number, c1: number, r2: number, c2: number) => {
    const a = `$${cellRef(r1, c1).replace(/(\d+)$/, '$$$1')}`;
    const b = `$${cellRef(r2, c2).replace(/(\d+)$/, '$$$1')}`;
    return `${quoted}!${a}${r1 === r2 && c1 === c2 ? '' : `:${b}`}`;
  };
  const first = box.firstRow + 1;
  const last = box.lastRow;
  const categories: SeriesRef<string> = {
    formula: ref(first, box.firstCol, last, box.firstCol),
    values: values.slice(1).map((row) => String(row[0] ?? '')),
  };
  const out: ChartSeries[] = [];
  for (let c = 1; c <= box.lastCol - box.firstCol; c++) {
    const col = box.firstCol + c;
    out.push({
      name: { formula: ref(box.firstRow, col, box.firstRow, col), values: [String(values[0]?.[c] ?? '')] },
      categories,
      values: { formula: ref(first, col, last, col), values: values.slice(1).map((row) => (typeof row[c] === 'number' ? (row[c] as number) : null)) },
    });
  }
  return out;
}
