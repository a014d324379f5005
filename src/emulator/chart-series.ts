/**
 * The series of a chart. A chart added through the API keeps its source range, and its series
 * are derived from the cells each time they are read (Excel's live link): with seriesBy
 * 'Columns' each column is a series, the first row gives the series names when it holds text
 * (or the top-left cell is empty) and the first column the categories when it holds text;
 * 'Rows' is the same transposed. A chart read from a file keeps its series references instead.
 */
import { rangeAddress, type CellBox } from './address';
import type { CellRef, ChartModel, ExplicitSeries } from './model';
import { readValues } from './sheet-ops';

export interface SeriesView {
  name: string;
  values: unknown[];
  categories: unknown[];
}

export function isChinese(x: { host: { displayLanguage: string } } | string): boolean {
  const language = typeof x === 'string' ? x : x.host.displayLanguage;
  return language.toLowerCase().startsWith('zh');
}

/** The series of a chart as references: derived from its source range, or as stored in its file. */
export function seriesSpecs(chart: ChartModel): ExplicitSeries[] {
  const source = chart.source;
  if (!source) return chart.explicitSeries;
  if (source.sheet.deleted) return [];
  const grid = readValues(source.sheet, source.box);
  const byColumns = chart.seriesBy === 'Columns';
  const { firstRow, firstCol, lastRow, lastCol } = source.box;
  const seriesCount = byColumns ? lastCol - firstCol + 1 : lastRow - firstRow + 1;
  const pointCount = byColumns ? lastRow - firstRow + 1 : lastCol - firstCol + 1;
  const cell = (point: number, series: number) => (byColumns ? grid[point]?.[series] : grid[series]?.[point]);
  const isText = (v: unknown) => typeof v === 'string' && v !== '';
  const topLeftEmpty = grid[0]?.[0] === '';
  let hasCategories = false;
  if (seriesCount > 1) {
    hasCategories = topLeftEmpty || (pointCount === 1 && isText(cell(0, 0)));
    for (let i = 1; i < pointCount && !hasCategories; i++) hasCategories = isText(cell(i, 0));
  }
  const first = hasCategories ? 1 : 0;
  let hasNames = false;
  if (pointCount > 1) {
    hasNames = topLeftEmpty;
    for (let j = first; j < seriesCount && !hasNames; j++) hasNames = isText(cell(0, j));
  }
  const bodyStart = hasNames ? 1 : 0;
  if (pointCount - bodyStart <= 0) return [];
  /** Cells of series line `j` from point `from` on (a column, or a row when by rows). */
  const line = (j: number, from: number): CellRef =>
    byColumns
      ? { sheet: source.sheet, box: { firstRow: firstRow + from, lastRow, firstCol: firstCol + j, lastCol: firstCol + j } }
      : { sheet: source.sheet, box: { firstRow: firstRow + j, lastRow: firstRow + j, firstCol: firstCol + from, lastCol } };
  const at = (point: number, j: number): CellRef => {
    const row = byColumns ? firstRow + point : firstRow + j;
    const col = byColumns ? firstCol + j : firstCol + point;
    return { sheet: source.sheet, box: { firstRow: row, lastRow: row, firstCol: col, lastCol: col } };
  };
  const out: ExplicitSeries[] = [];
  for (let j = first; j < seriesCount; j++) {
    out.push({
      name: hasNames ? at(0, j) : undefined,
      categories: hasCategories ? line(0, bodyStart) : undefined,
      values: line(j, bodyStart),
    });
  }
  return out;
}

/** The series a chart shows now (names, values, categories read from the cells). */
export function chartSeries(chart: ChartModel, displayLanguage: string): SeriesView[] {
  const defaultName = (k: number) => (isChinese(displayLanguage) ? `系列${k}` : `Series${k}`);
  return seriesSpecs(chart).map((s, i) => {
    const values = s.values ? flat(s.values) : [];
    const named = chart.seriesNames.get(i);
    return {
      name: named ?? (s.name === undefined ? defaultName(i + 1) : typeof s.name === 'string' ? s.name : String(flat(s.name)[0] ?? '')),
      values,
      categories: s.categories ? flat(s.categories) : values.map((_, k) => k + 1),
    };
  });
}

function flat(ref: CellRef): unknown[] {
  if (ref.sheet.deleted) return [];
  return readValues(ref.sheet, ref.box).flat();
}

/** The cells a chart reads, as an address (its source range, or the box around its references). */
export function chartSourceAddress(chart: ChartModel): string {
  if (chart.source) return rangeAddress(chart.source.sheet.name, chart.source.box);
  const refs = chart.explicitSeries.flatMap((s) => [s.categories, s.values, typeof s.name === 'object' ? s.name : undefined]).filter((r): r is CellRef => !!r);
  const first = refs[0];
  if (!first || refs.some((r) => r.sheet !== first.sheet)) return '';
  const box = refs.reduce<CellBox>(
    (b, r) => ({
      firstRow: Math.min(b.firstRow, r.box.firstRow),
      firstCol: Math.min(b.firstCol, r.box.firstCol),
      lastRow: Math.max(b.lastRow, r.box.lastRow),
      lastCol: Math.max(b.lastCol, r.box.lastCol),
    }),
    first.box,
  );
  return rangeAddress(first.sheet.name, box);
}
