/**
 * The charts of a run in the user's language, as chart specs (src/engine/chart-specs.ts) that
 * the add-in and the `score` command both draw: the scoring's radar of each tier's average per
 * dimension and bar of customers per tier; the service survey's radar of the dimensions'
 * means (overall, then per tier), its radar of the means per group of customers (行业, 规模 or
 * a column the user picks) and its bar of promoters / passives / detractors; the bar of
 * customers per RFM segment. Here because the titles, the tables' headers and the labels are
 * texts; the data is src/engine/charts.ts's, the layout chart-specs.ts's.
 */
import type { AnalysesRun } from '../engine/analyses';
import { CHART_NAMES, layoutCharts, type ChartDraft, type ChartsSheetSpec, type SummaryCell, type SummaryTable } from '../engine/chart-specs';
import {
  defaultGroupColumn,
  MAX_GROUPS,
  npsBars,
  radarSummary,
  segmentCounts,
  serviceByGroup,
  serviceRadar,
  tierCounts,
  type ServiceAxes,
} from '../engine/charts';
import { CHARTS_SHEET } from '../engine/managed-sheets';
import type { RfmRun } from '../engine/rfm';
import type { ScoringRun } from '../engine/run';
import type { ServiceRun } from '../engine/service';
import type { SheetGrid } from '../engine/types';
import { CHART_TEXTS } from './excel';
import { NPS_GROUP_LABELS, SERVICE_SERIES_LABELS } from './results';
import { fill, formatNumber } from './scoring';
import type { Language } from './strings';

const pick = (label: { zh: string; en: string }, lang: Language) => (lang === 'zh-CN' ? label.zh : label.en);

/** The scoring's two charts, before layout. */
function scoringDrafts(run: ScoringRun, lang: Language): ChartDraft[] {
  const texts = CHART_TEXTS[lang];
  const radar = radarSummary(run);
  const radarValues: SummaryCell[][] = [
    [texts.radarCorner, ...radar.series.map((s) => pick(s.tier.label, lang))],
    ...radar.axes.map((axis, a) => [pick(axis.label, lang), ...radar.series.map((s) => s.values[a] ?? '')]),
  ];
  const counts = tierCounts(run).tiers;
  const barValues: SummaryCell[][] = [[texts.barCorner, texts.barSeries], ...counts.map((t) => [pick(t.tier.label, lang), t.customers])];
  return [
    { name: CHART_NAMES.radar, kind: 'radar', title: texts.radarTitle, values: radarValues, legend: true },
    { name: CHART_NAMES.bar, kind: 'bar', title: texts.barTitle, values: barValues, legend: false },
  ];
}

/** The charts of a scoring run, laid out on the charts sheet. */
export function scoringCharts(run: ScoringRun, lang: Language): ChartsSheetSpec {
  return layoutCharts(CHART_TEXTS[lang].sheetTitle, scoringDrafts(run, lang));
}

/** What the service radars' values are: means out of the shared scale's maximum, or per cent of each dimension's. */
function scaleText(axes: ServiceAxes, lang: Language): string {
  const texts = CHART_TEXTS[lang];
  return axes.percent ? texts.scalePercent : fill(texts.scaleOutOf, { max: axes.max });
}

/** A radar's table: the corner and the series' names, then a row per dimension. */
function radarTable(axes: ServiceAxes, names: string[], series: readonly { values: (number | null)[] }[], lang: Language): SummaryCell[][] {
  return [[CHART_TEXTS[lang].radarCorner, ...names], ...axes.axes.map((axis, a) => [pick(axis.label, lang), ...series.map((s) => s.values[a] ?? '')])];
}

function serviceRadarDraft(service: ServiceRun, scoring: ScoringRun | undefined, lang: Language): ChartDraft {
  const radar = serviceRadar(service, scoring);
  const names = radar.series.map((s) => (s.tier ? pick(s.tier.label, lang) : pick(SERVICE_SERIES_LABELS.overall, lang)));
  return {
    name: CHART_NAMES.serviceRadar,
    kind: 'radar',
    title: fill(CHART_TEXTS[lang].serviceRadarTitle, { scale: scaleText(radar, lang) }),
    values: radarTable(radar, names, radar.series, lang),
    legend: radar.series.length > 1,
  };
}

/** The radar of the means per group of the column `column`; undefined when the tables lack it or it has more groups than a chart shows. */
function groupRadarDraft(run: AnalysesRun, sheets: readonly SheetGrid[], column: string, lang: Language): ChartDraft | undefined {
  const radar = serviceByGroup(run, sheets, column);
  if (!radar || radar.series.filter((s) => s.group !== null).length > MAX_GROUPS) return undefined;
  const names = radar.series.map((s) => s.group ?? pick(SERVICE_SERIES_LABELS.noGroup, lang));
  return {
    name: CHART_NAMES.groupRadar,
    kind: 'radar',
    title: fill(CHART_TEXTS[lang].groupRadarTitle, { column: radar.column.header, scale: scaleText(radar, lang) }),
    values: radarTable(radar, names, radar.series, lang),
    legend: true,
  };
}

function npsDraft(service: ServiceRun, lang: Language): ChartDraft {
  const texts = CHART_TEXTS[lang];
  const bars = npsBars(service);
  const title =
    bars.nps === null
      ? texts.npsTitleNone
      : fill(bars.thin ? texts.npsTitleThin : texts.npsTitle, { nps: formatNumber(bars.nps, 1), minimum: service.rules.minAnswers });
  return {
    name: CHART_NAMES.nps,
    kind: 'bar',
    title,
    values: [[texts.npsCorner, texts.npsSeries], ...bars.bars.map((b) => [pick(NPS_GROUP_LABELS[b.id], lang), b.answers])],
    legend: false,
  };
}

function segmentsDraft(rfm: RfmRun, lang: Language): ChartDraft {
  const texts = CHART_TEXTS[lang];
  return {
    name: CHART_NAMES.segments,
    kind: 'bar',
    title: texts.segmentsTitle,
    values: [[texts.segmentsCorner, texts.barSeries], ...segmentCounts(rfm).segments.map((s) => [pick(s.segment.label, lang), s.customers])],
    legend: false,
  };
}

export interface AnalysesChartsOptions {
  /**
   * The column (its header, as written or by its stem) whose values group the survey's
   * customers in the group radar; by default 行业 where the tables have it, else 规模, else
   * no group radar; null for no group radar (the pane's choice). A column the tables lack gives
   * no group radar (the `score` command refuses it before: src/xlsx/score-file.ts).
   */
  groupBy?: string | null;
}

/**
 * Every chart of what the run carries, laid out on the charts sheet: the scoring's two when
 * it has the scoring, then the service survey's radar, group radar (when there is a column
 * to group by) and NPS bar (when the survey has 推荐意愿), then the RFM segments' bar.
 * `sheets` holds the rows the group radar reads (the survey's and the customer table's).
 */
export function analysesCharts(run: AnalysesRun, sheets: readonly SheetGrid[], lang: Language, options: AnalysesChartsOptions = {}): ChartsSheetSpec {
  const drafts: ChartDraft[] = run.scoring ? scoringDrafts(run.scoring, lang) : [];
  if (run.service) {
    drafts.push(serviceRadarDraft(run.service, run.scoring, lang));
    const column = options.groupBy === null ? undefined : (options.groupBy ?? defaultGroupColumn(run, sheets));
    const group = column === undefined ? undefined : groupRadarDraft(run, sheets, column, lang);
    if (group) drafts.push(group);
    if (run.service.mapping.recommend) drafts.push(npsDraft(run.service, lang));
  }
  if (run.rfm) drafts.push(segmentsDraft(run.rfm, lang));
  return layoutCharts(CHART_TEXTS[lang].sheetTitle, drafts);
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
