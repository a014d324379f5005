/** Names: unknown sheets, tables, charts and columns; the *OrNullObject variants; duplicates. */
import { customerWorkbook, failure, thrown } from './helpers';

async function withTableAndChart() {
  const excel = customerWorkbook();
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    sheet.tables.add('A1:C4', true).name = '客户评估表';
    sheet.charts.add('ColumnClustered', sheet.getRange('A1:B4'), 'Columns').name = '回款图';
  });
  return excel;
}

describe('ItemNotFound at sync', () => {
  test('an unknown sheet', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('客户评估');
      expect(sheet).toBeDefined(); // getItem itself does not throw
      sheet.load('name');
      const error = await failure(context.sync());
      expect(error.code).toBe('ItemNotFound');
      expect(error.debugInfo.errorLocation).toBe('WorksheetCollection.getItem');
    });
  });

  test('an unknown table (workbook and sheet collections)', async () => {
    const excel = await withTableAndChart();
    await excel.run(async (context) => {
      context.workbook.tables.getItem('客户表').load('name');
      expect((await failure(context.sync())).code).toBe('ItemNotFound');
      context.workbook.worksheets.add('其他').tables.getItem('客户评估表').load('name'); // exists, but on another sheet
      expect((await failure(context.sync())).code).toBe('ItemNotFound');
      const found = context.workbook.tables.getItem('客户评估表'.toUpperCase()).load('name');
      await context.sync();
      expect(found.name).toBe('客户评估表');
    });
  });

  test('an unknown chart', async () => {
    const excel = await withTableAndChart();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').charts.getItem('雷达图').load('name');
      expect((await failure(context.sync())).code).toBe('ItemNotFound');
    });
  });

  test('an unknown table column', async () => {
    const excel = await withTableAndChart();
    await excel.run(async (context) => {
      const columns = context.workbook.tables.getItem('客户评估表').columns;
      columns.getItem('综合得分').load('name');
      expect((await failure(context.sync())).code).toBe('ItemNotFound');
      const known = columns.getItem('满意度').load('index');
      await context.sync();
      expect(known.index).toBe(2);
    });
  });
});

describe('getItemOrNullObject', () => {
  test('tables, charts and columns give null objects instead of failing', async () => {
    const excel = await withTableAndChart();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const noTable = context.workbook.tables.getItemOrNullObject('无');
      const noChart = sheet.charts.getItemOrNullObject('无');
      const noColumn = sheet.tables.getItem('客户评估表').columns.getItemOrNullObject('综合得分');
      const chart = sheet.charts.getItemOrNullObject('回款图');
      await context.sync();
      expect([noTable.isNullObject, noChart.isNullObject, noColumn.isNullObject, chart.isNullObject]).toEqual([true, true, true, false]);
    });
  });

  test('needs ExcelApi 1.4: with an older host the call throws ApiNotFound (as office.js does)', async () => {
    const excel = customerWorkbook({ apiVersion: '1.3' });
    await excel.run(async (context) => {
      expect(thrown(() => context.workbook.worksheets.getItemOrNullObject('Sheet1')).code).toBe('ApiNotFound');
    });
  });
});

describe('sheet names', () => {
  test('adding a sheet whose name exists (in any case) fails with ItemAlreadyExists', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      context.workbook.worksheets.add('SHEET1');
      expect((await failure(context.sync())).code).toBe('ItemAlreadyExists');
      context.workbook.worksheets.add('客户评估');
      await context.sync();
    });
    expect(excel.sheetNames()).toEqual(['Sheet1', '客户评估']);
  });

  test('renaming to a taken or invalid name fails; a good name works', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const added = context.workbook.worksheets.add('评分');
      await context.sync();
      added.name = 'sheet1';
      expect((await failure(context.sync())).code).toBe('ItemAlreadyExists');
      added.name = '评分/2024';
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
      added.name = '评分2024';
      await context.sync();
      added.getRange('A1').values = [['still the same sheet']];
    });
    expect(excel.sheetNames()).toEqual(['Sheet1', '评分2024']);
    expect(excel.peek('评分2024', 'A1').values).toEqual([['still the same sheet']]);
  });

  test('a sheet proxy stays bound to its sheet after a rename; deleting it makes it fail', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.add('临时');
      sheet.load('name');
      await context.sync();
      sheet.name = '临时2';
      sheet.delete();
      await context.sync();
      sheet.load('name');
      expect((await failure(context.sync())).code).toBe('ItemNotFound');
    });
    expect(excel.sheetNames()).toEqual(['Sheet1']);
  });
});
