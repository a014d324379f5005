/**
 * Charts: the charts of a chart-sheet spec (src/i18n/charts.ts: `analysesCharts` for every
 * analysis a run carries, `scoringCharts` for a scoring run alone), fed from small summary
 * ranges on the managed sheet 评分图表 / Scoring charts, titled in the user's language,
 * replaced on every run. Every chart of ours on the sheet (by name: CustomerScoring.Radar …)
 * is deleted before the spec's are drawn, so that a chart the run no longer carries (the
 * service radar once the survey is gone) does not linger and no name is drawn twice; the
 * user's own charts stay. The `score` command draws the same specs into its output
 * (src/xlsx/chart-parts.ts), under the same names, so each finds the other's.
 */
import { OUR_CHART_NAMES, SUMMARY_AREA, type ChartKind, type ChartsSheetSpec } from '../engine/chart-specs';
import { CHARTS_SHEET } from '../engine/managed-sheets';
import { chartsSheetName } from '../i18n/charts';
import type { Language } from '../i18n/strings';
import { inExcel, type ExcelHost } from './host';
import { toExcel } from './values';

export { CHART_NAMES } from '../engine/chart-specs';
export { analysesCharts, chartTables, scoringCharts, type ChartTables } from '../i18n/charts';

const EXCEL_TYPE = { radar: 'Radar', bar: 'BarClustered' } as const satisfies Record<ChartKind, string>;

/**
 * Inserts or refreshes the charts of `spec` on the charts sheet (the one the workbook has in
 * either language, else a new one named in `lang`): three syncs (find the sheet; find our old
 * charts; write the tables and draw).
 */
export async function insertCharts(host: ExcelHost, spec: ChartsSheetSpec, lang: Language): Promise<void> {
  await inExcel(host, 'charts', async (context) => {
    const sheets = context.workbook.worksheets;
    const zh = sheets.getItemOrNullObject(CHARTS_SHEET.zh);
    const en = sheets.getItemOrNullObject(CHARTS_SHEET.en);
    zh.load('name');
    en.load('name');
    await context.sync();
    const sheet = !zh.isNullObject ? zh : !en.isNullObject ? en : sheets.add(chartsSheetName(lang));
    const existing = sheet.charts;
    existing.load('items/name');
    await context.sync();
    const ours = new Set(OUR_CHART_NAMES);
    for (const chart of existing.items) if (ours.has(chart.name)) chart.delete();

    sheet.getRange(SUMMARY_AREA).clear('Contents');
    sheet.getRange('A1').values = [[toExcel(spec.title)]];
    const ranges = spec.charts.map((c) => {
      const range = sheet.getRange(c.table.address);
      range.values = c.table.values.map((row) => row.map((v) => (typeof v === 'number' ? v : toExcel(v))));
      return range;
    });
    spec.charts.forEach((c, i) => {
      const chart = sheet.charts.add(EXCEL_TYPE[c.kind], ranges[i]!, 'Columns');
      chart.name = c.name;
      chart.title.text = c.title;
      if (!c.legend) chart.legend.visible = false;
      chart.setPosition(c.position.from, c.position.to);
    });
    await context.sync();
  });
}
