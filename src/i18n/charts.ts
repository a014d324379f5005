/**
 * The scoring charts of a run in the user's language: the radar of each tier's average per
 * dimension and the bar of customers per tier, as chart specs (src/engine/chart-specs.ts)
 * that the add-in and the `score` command both draw. Here because the titles, the tables'
 * headers and the labels are texts; the layout is the engine's.
 */
import { CHART_NAMES, layoutCharts, type ChartsSheetSpec, type SummaryCell, type SummaryTable } from '../engine/chart-specs';
import { radarSummary, tierCounts } from '../engine/charts';
import { CHARTS_SHEET } from '../engine/managed-sheets';
import type { ScoringRun } from '../engine/run';
import { CHART_TEXTS } from './excel';
import type { Language } from './strings';

/** The charts of a scoring run, laid out on the charts sheet. */
export function scoringCharts(run: ScoringRun, lang: Language): ChartsSheetSpec {
  const texts = CHART_TEXTS[lang];
  const pick = (label: { zh: string; en: string }) => (lang === 'zh-CN' ? label.zh : label.en);
  const radar = radarSummary(run);
  const radarValues: SummaryCell[][] = [
    [texts.radarCorner, ...radar.series.map((s) => pick(s.tier.label))],
    ...radar.axes.map((axis, a) => [pick(axis.label), ...radar.series.map((s) => s.values[a] ?? '')]),
  ];
  const counts = tierCounts(run).tiers;
  const barValues: SummaryCell[][] = [[texts.barCorner, texts.barSeries], ...counts.map((t) => [pick(t.tier.label), t.customers])];
  return layoutCharts(texts.sheetTitle, [
    { name: CHART_NAMES.radar, kind: 'radar', title: texts.radarTitle, values: radarValues, legend: true },
    { name: CHART_NAMES.bar, kind: 'bar', title: texts.barTitle, values: barValues, legend: false },
  ]);
}

/** The charts sheet's name in a language (an existing one in the other language is used as it is). */
export function chartsSheetName(lang: Language): string {
  return lang === 'zh-CN' ? CHARTS_SHEET.zh : CHARTS_SHEET.en;
}

export interface ChartTables {
  title: string;
  radar: SummaryTable;
  bar: SummaryTable;
}

/** The summary tables the two scoring charts are drawn from, laid out from A3 down. */
export function chartTables(run: ScoringRun, lang: Language): ChartTables {
  const spec = scoringCharts(run, lang);
  const table = (name: string) => spec.charts.find((c) => c.name === name)!.table;
  return { title: spec.title, radar: table(CHART_NAMES.radar), bar: table(CHART_NAMES.bar) };
}
