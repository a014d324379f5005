/**
 * Charts: the charts of the run's chart specs (src/i18n/charts.ts: a radar of each tier's
 * average per dimension, 0-100, and a clustered bar of customers per tier), fed from small
 * summary ranges on the managed sheet 评分图表 / Scoring charts, titled in the user's
 * language, replaced in place on every run. The `score` command draws the same specs into
 * its output (src/xlsx/chart-parts.ts), under the same names, so each finds the other's.
 */
import { SUMMARY_AREA, type ChartKind } from '../engine/chart-specs';
import type { ScoringRun } from '../engine/run';
import { scoringCharts } from '../i18n/charts';
import type { Language } from '../i18n/strings';
import { inExcel, type ExcelHost } from './host';
import { CHARTS_SHEET } from '../engine/managed-sheets';
import { toExcel } from './values';

export { CHART_NAMES } from '../engine/chart-specs';
export { chartTables, type ChartTables } from '../i18n/charts';

const EXCEL_TYPE = { radar: 'Radar', bar: 'BarClustered' } as const satisfies Record<ChartKind, string>;

/** Inserts or refreshes the charts: two syncs (find the sheet and the old charts; write and draw). */
export async function insertCharts(host: ExcelHost, run: ScoringRun, lang: Language): Promise<void> {
  const spec = scoringCharts(run, lang);
  await inExcel(host, 'charts', async (context) => {
    const sheets = context.workbook.worksheets;
    const zh = sheets.getItemOrNullObject(CHARTS_SHEET.zh);
    const en = sheets.getItemOrNullObject(CHARTS_SHEET.en);
    zh.load('name');
    en.load('name');
    await context.sync();
    const sheet = !zh.isNullObject ? zh : !en.isNullObject ? en : sheets.add(lang === 'zh-CN' ? CHARTS_SHEET.zh : CHARTS_SHEET.en);
    const old = spec.charts.map((c) => sheet.charts.getItemOrNullObject(c.name));
    old.forEach((c) => c.load('name'));
    await context.sync();
    for (const chart of old) if (!chart.isNullObject) chart.delete();

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
