/**
 * Charts: a radar chart (each tier's average per dimension, 0-100) and a clustered bar
 * chart (customers per tier), fed from a small summary range on the managed sheet
 * 评分图表 / Scoring charts, titled in the user's language, replaced in place on every run.
 */
import { cellRef } from '../engine/address';
import { radarSummary, tierCounts } from '../engine/charts';
import type { ScoringRun } from '../engine/run';
import { CHART_TEXTS } from '../i18n/excel';
import type { Language } from '../i18n/strings';
import { inExcel, type ExcelHost } from './host';
import { CHARTS_SHEET } from '../engine/managed-sheets';
import { toExcel } from './values';

export const CHART_NAMES = { radar: 'CustomerScoring.Radar', bar: 'CustomerScoring.Bar' } as const;

/** The area of the charts sheet the add-in writes its summaries into (cleared on each run). */
const SUMMARY_AREA = 'A1:Z60';

export interface ChartTables {
  title: string;
  radar: { address: string; values: (string | number)[][] };
  bar: { address: string; values: (string | number)[][] };
}

/** The summary tables the charts are drawn from, as cell values, laid out from A3 down. */
export function chartTables(run: ScoringRun, lang: Language): ChartTables {
  const texts = CHART_TEXTS[lang];
  const pick = (label: { zh: string; en: string }) => (lang === 'zh-CN' ? label.zh : label.en);
  const radar = radarSummary(run);
  const radarValues: (string | number)[][] = [
    [texts.radarCorner, ...radar.series.map((s) => pick(s.tier.label))],
    ...radar.axes.map((axis, a) => [pick(axis.label), ...radar.series.map((s) => s.values[a] ?? '')]),
  ];
  const counts = tierCounts(run).tiers;
  const barValues: (string | number)[][] = [[texts.barCorner, texts.barSeries], ...counts.map((t) => [pick(t.tier.label), t.customers])];
  const radarTop = 2;
  const barTop = radarTop + radarValues.length + 1;
  const box = (top: number, values: unknown[][]) => `${cellRef(top, 0)}:${cellRef(top + values.length - 1, values[0]!.length - 1)}`;
  return {
    title: texts.sheetTitle,
    radar: { address: box(radarTop, radarValues), values: radarValues },
    bar: { address: box(barTop, barValues), values: barValues },
  };
}

/** Inserts or refreshes both charts: two syncs (find the sheet and the old charts; write and draw). */
export async function insertCharts(host: ExcelHost, run: ScoringRun, lang: Language): Promise<void> {
  const tables = chartTables(run, lang);
  const texts = CHART_TEXTS[lang];
  await inExcel(host, 'charts', async (context) => {
    const sheets = context.workbook.worksheets;
    const zh = sheets.getItemOrNullObject(CHARTS_SHEET.zh);
    const en = sheets.getItemOrNullObject(CHARTS_SHEET.en);
    zh.load('name');
    en.load('name');
    await context.sync();
    const sheet = !zh.isNullObject ? zh : !en.isNullObject ? en : sheets.add(lang === 'zh-CN' ? CHARTS_SHEET.zh : CHARTS_SHEET.en);
    const old = [CHART_NAMES.radar, CHART_NAMES.bar].map((name) => sheet.charts.getItemOrNullObject(name));
    old.forEach((c) => c.load('name'));
    await context.sync();
    for (const chart of old) if (!chart.isNullObject) chart.delete();

    sheet.getRange(SUMMARY_AREA).clear('Contents');
    sheet.getRange('A1').values = [[toExcel(tables.title)]];
    const radarRange = sheet.getRange(tables.radar.address);
    radarRange.values = tables.radar.values.map((row) => row.map((v) => (typeof v === 'number' ? v : toExcel(v))));
    const barRange = sheet.getRange(tables.bar.address);
    barRange.values = tables.bar.values.map((row) => row.map((v) => (typeof v === 'number' ? v : toExcel(v))));

    const radar = sheet.charts.add('Radar', radarRange, 'Columns');
    radar.name = CHART_NAMES.radar;
    radar.title.text = texts.radarTitle;
    radar.setPosition('H3', 'P22');
    const bar = sheet.charts.add('BarClustered', barRange, 'Columns');
    bar.name = CHART_NAMES.bar;
    bar.title.text = texts.barTitle;
    bar.legend.visible = false;
    bar.setPosition('H24', 'P40');
    await context.sync();
  });
}
