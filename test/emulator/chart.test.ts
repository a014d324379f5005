/** Charts: add with series from the source range, live series, title, position, delete, names. */
import { EmulatedExcel } from '../../src/emulator';
import { failure } from './helpers';

/** A tier summary on 汇总!A1:C5 (series in columns) for the charts. */
function summaryWorkbook(displayLanguage = 'zh-CN') {
  const excel = EmulatedExcel.empty({ displayLanguage });
  excel.editCell('Sheet1', 'A1:C5', [
    ['等级', '客户数', '平均分'],
    ['战略级客户', 4, 93],
    ['重点客户', 3, 78],
    ['潜力客户', 7, 60],
    ['观察客户', 10, 41],
  ]);
  return excel;
}

test('charts.add derives series by columns: first row names, first column categories', async () => {
  const excel = summaryWorkbook();
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    const chart = sheet.charts.add('ColumnClustered', sheet.getRange('A1:C5'), 'Columns');
    chart.title.text = '客户等级分布';
    chart.setPosition('E2', 'L16');
    const series = chart.series.load('items/name, count');
    chart.load('name, chartType');
    await context.sync();
    expect([chart.name, chart.chartType, series.count]).toEqual(['图表 1', 'ColumnClustered', 2]);
    expect(series.items.map((s) => s.name)).toEqual(['客户数', '平均分']);
  });
  expect(excel.charts('Sheet1')).toEqual([
    {
      name: '图表 1',
      type: 'ColumnClustered',
      title: '客户等级分布',
      sourceAddress: 'Sheet1!A1:C5',
      seriesBy: 'Columns',
      series: [
        { name: '客户数', values: [4, 3, 7, 10], categories: ['战略级客户', '重点客户', '潜力客户', '观察客户'] },
        { name: '平均分', values: [93, 78, 60, 41], categories: ['战略级客户', '重点客户', '潜力客户', '观察客户'] },
      ],
      position: { start: 'E2', end: 'L16' },
      legend: { position: 'Right', visible: true },
    },
  ]);
});

test("'Auto' picks columns when the range has at least as many rows as columns, rows otherwise", async () => {
  const excel = summaryWorkbook('en-US');
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    sheet.charts.add('Radar', sheet.getRange('A1:B5'));
    sheet.charts.add('BarClustered', sheet.getRange('A1:C2'));
  });
  const [tall, wide] = excel.charts('Sheet1');
  expect([tall!.name, tall!.seriesBy, tall!.title, tall!.series.map((s) => s.name)]).toEqual(['Chart 1', 'Columns', '客户数', ['客户数']]);
  expect([wide!.name, wide!.seriesBy, wide!.series]).toEqual(['Chart 2', 'Rows', [{ name: '战略级客户', values: [4, 93], categories: ['客户数', '平均分'] }]]);
});

test('series follow the source cells at each sync, like Excel’s live link', async () => {
  const excel = summaryWorkbook();
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    sheet.charts.add('ColumnClustered', sheet.getRange('A1:B5'), 'Columns');
    await context.sync();
    sheet.getRange('B1:B2').values = [['客户数量'], [5]];
    await context.sync();
    const series = sheet.charts.getItemAt(0).series.load('items/name');
    await context.sync();
    expect(series.items[0]!.name).toBe('客户数量');
  });
  expect(excel.charts('Sheet1')[0]!.series[0]!.values).toEqual([5, 3, 7, 10]);
});

test('getItem, getItemOrNullObject, rename and delete', async () => {
  const excel = summaryWorkbook();
  await excel.run(async (context) => {
    const charts = context.workbook.worksheets.getItem('Sheet1').charts;
    const chart = charts.add('Radar', context.workbook.worksheets.getItem('Sheet1').getRange('A1:C5'), 'Columns');
    chart.name = '客户雷达图';
    await context.sync();
    const found = charts.getItemOrNullObject('客户雷达图');
    const missing = charts.getItemOrNullObject('图表 1');
    await context.sync();
    expect([found.isNullObject, missing.isNullObject]).toEqual([false, true]);
    found.delete();
    const count = charts.load('count');
    await context.sync();
    expect(count.count).toBe(0);
    charts.getItem('客户雷达图').load('name');
    expect((await failure(context.sync())).code).toBe('ItemNotFound');
  });
  expect(excel.charts('Sheet1')).toEqual([]);
});

test('bad chart type, seriesBy, legend position and position cell fail with InvalidArgument', async () => {
  const excel = summaryWorkbook();
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    const source = sheet.getRange('A1:C5');
    sheet.charts.add('Spider' as Excel.ChartType, source);
    expect((await failure(context.sync())).code).toBe('InvalidArgument');
    sheet.charts.add('Radar', source, 'Diagonal' as Excel.ChartSeriesBy);
    expect((await failure(context.sync())).code).toBe('InvalidArgument');
    const chart = sheet.charts.add('Radar', source);
    await context.sync();
    chart.legend.position = 'Middle' as Excel.ChartLegendPosition;
    expect((await failure(context.sync())).code).toBe('InvalidArgument');
    chart.setPosition('Nowhere');
    expect((await failure(context.sync())).code).toBe('InvalidArgument');
    chart.legend.position = 'Bottom';
    chart.legend.visible = false;
  });
  expect(excel.charts('Sheet1')[0]!.legend).toEqual({ position: 'Bottom', visible: false });
});

test('a chart on one sheet may read another; the source sheet deleted leaves no series', async () => {
  const excel = summaryWorkbook();
  await excel.run(async (context) => {
    const report = context.workbook.worksheets.add('报告');
    report.charts.add('BarClustered', context.workbook.worksheets.getItem('Sheet1').getRange('A1:B5'), 'Columns');
    await context.sync();
    expect(excel.charts('报告')[0]!.sourceAddress).toBe('Sheet1!A1:B5');
    context.workbook.worksheets.getItem('Sheet1').delete();
  });
  expect(excel.charts('报告')[0]!.series).toEqual([]);
});
