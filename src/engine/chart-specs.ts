/**
 * The charts of the managed charts sheet as data: which charts, of which kind, drawn from
 * which summary table, placed where. Both writers of charts read it: the add-in
 * (src/excel/charts.ts, through office-js) and the `score` command's package writers
 * (src/xlsx/chart-parts.ts and write-excelize.ts), so that a chart the one made is found and
 * replaced by the other. Texts come in as parameters (src/i18n/charts.ts fills them), so the
 * engine stays free of any language.
 *
 * Layout, the same for every chart: the sheet's title in A1, the summary tables from A3 down
 * with one blank row between them, the charts in columns H to P from row 3 down, one blank
 * row between them. A table's first row names the series (from its second column), its first
 * column the categories (from its second row): one series per further column, as Excel's
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

/** The charts' names: stable across versions and languages, since a later run finds its charts by them. */
export const CHART_NAMES = { radar: 'CustomerScoring.Radar', bar: 'CustomerScoring.Bar' } as const;

/** The area of the charts sheet the summaries are written in; its contents are cleared on each run. */
export const SUMMARY_AREA = 'A1:Z60';

const TABLES_TOP = 2; // row 3
const CHARTS_TOP = 2;
const CHART_COLUMNS = { first: 7, last: 15 }; // H to P
/** How many rows each kind of chart covers. */
const CHART_ROWS: Record<ChartKind, number> = { radar: 20, bar: 17 };

/** The drafts laid out on the charts sheet: tables from A3 down, charts from H3 down. */
export function layoutCharts(title: string, drafts: readonly ChartDraft[]): ChartsSheetSpec {
  let tableTop = TABLES_TOP;
  let chartTop = CHARTS_TOP;
  const charts = drafts.map((draft): ChartSpec => {
    const { values } = draft;
    const width = Math.max(...values.map((row) => row.length));
    const address = `${cellRef(tableTop, 0)}:${cellRef(tableTop + values.length - 1, width - 1)}`;
    tableTop += values.length + 1;
    const rows = CHART_ROWS[draft.kind];
    const position = { from: cellRef(chartTop, CHART_COLUMNS.first), to: cellRef(chartTop + rows - 1, CHART_COLUMNS.last) };
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
