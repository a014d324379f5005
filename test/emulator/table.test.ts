/** Tables: ranges, columns, and columns.add as Excel does it. */
import { customerWorkbook, failure } from './helpers';

/** 客户表 on A1:C4, a note beside it in E2, a cell below-right (E6) outside the table's rows. */
async function tableWorkbook() {
  const excel = customerWorkbook();
  excel.editCell('Sheet1', 'E2', '旁注');
  excel.editCell('Sheet1', 'E6', '表外');
  await excel.run(async (context) => {
    context.workbook.worksheets.getItem('Sheet1').tables.add('A1:C4', true).name = '客户表';
  });
  return excel;
}

test('table ranges: whole, header row, body; columns with names', async () => {
  const excel = await tableWorkbook();
  await excel.run(async (context) => {
    const table = context.workbook.tables.getItem('客户表');
    const ranges = [table.getRange(), table.getHeaderRowRange(), table.getDataBodyRange()].map((r) => r.load('address'));
    const columns = table.columns.load('items/name');
    table.load('name, showTotals');
    const count = context.workbook.tables.load('count');
    await context.sync();
    expect(ranges.map((r) => r.address)).toEqual(['Sheet1!A1:C4', 'Sheet1!A1:C1', 'Sheet1!A2:C4']);
    expect(columns.items.map((c) => c.name)).toEqual(['客户名称', '回款及时率', '满意度']);
    expect([table.name, table.showTotals, count.count]).toEqual(['客户表', false, 1]);
  });
});

describe('columns.add', () => {
  test('without index it appends at the right; the table grows by one column', async () => {
    const excel = await tableWorkbook();
    await excel.run(async (context) => {
      const table = context.workbook.tables.getItem('客户表');
      const column = table.columns.add(undefined, [['综合得分'], [95], [90], [80]]);
      column.load('name, index');
      const range = table.getRange().load('address');
      await context.sync();
      expect([column.name, column.index, range.address]).toEqual(['综合得分', 3, 'Sheet1!A1:D4']);
    });
    expect(excel.peek('Sheet1', 'D1:D4').values).toEqual([['综合得分'], [95], [90], [80]]);
    expect(excel.tables('Sheet1')).toEqual([{ name: '客户表', range: 'A1:D4' }]);
  });

  test('cells beside the table in its rows shift one column right; cells in other rows stay', async () => {
    const excel = await tableWorkbook();
    await excel.run(async (context) => {
      context.workbook.tables.getItem('客户表').columns.add(undefined, undefined, '综合得分');
    });
    expect(excel.peek('Sheet1', 'E2:F2').values).toEqual([['', '旁注']]);
    expect(excel.peek('Sheet1', 'E6').values).toEqual([['表外']]);
  });

  test('an index inserts inside the table; the columns after it move right', async () => {
    const excel = await tableWorkbook();
    await excel.run(async (context) => {
      context.workbook.tables.getItem('客户表').columns.add(1, undefined, '客户等级');
    });
    expect(excel.peek('Sheet1', 'A1:D2').values).toEqual([
      ['客户名称', '客户等级', '回款及时率', '满意度'],
      ['华东精密', '', 98, 4.8],
    ]);
    expect(excel.peek('Sheet1', 'F2').values).toEqual([['旁注']]);
  });

  test('a name that exists (ignoring case) gets a number appended, as Excel does', async () => {
    const excel = await tableWorkbook();
    await excel.run(async (context) => {
      const columns = context.workbook.tables.getItem('客户表').columns;
      const first = columns.add(undefined, undefined, '综合得分').load('name');
      const second = columns.add(undefined, undefined, '综合得分').load('name');
      const third = columns.add(undefined, [['满意度'], [1], [2], [3]]).load('name');
      await context.sync();
      expect([first.name, second.name, third.name]).toEqual(['综合得分', '综合得分2', '满意度2']);
    });
  });

  test('without a name or values Excel picks a default name', async () => {
    const excel = await tableWorkbook();
    await excel.run(async (context) => {
      const column = context.workbook.tables.getItem('客户表').columns.add().load('name');
      await context.sync();
      expect(column.name).toBe('列4');
    });
  });

  test.each([
    ['too few rows', [['综合得分'], [1], [2]]],
    ['body rows only', [[1], [2], [3]]],
    ['two columns', [['a', 'b'], [1, 1], [2, 2], [3, 3]]],
  ])('values with %s fail with InvalidArgument and change nothing', async (_, values) => {
    const excel = await tableWorkbook();
    await excel.run(async (context) => {
      context.workbook.tables.getItem('客户表').columns.add(undefined, values as (string | number)[][]);
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
    });
    expect(excel.tables('Sheet1')).toEqual([{ name: '客户表', range: 'A1:C4' }]);
    expect(excel.peek('Sheet1', 'E2').values).toEqual([['旁注']]);
  });

  test('an index past the last column fails with InvalidArgument', async () => {
    const excel = await tableWorkbook();
    await excel.run(async (context) => {
      context.workbook.tables.getItem('客户表').columns.add(4);
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
    });
  });

  test('a table cut by the shifted rows makes the insert fail with InsertDeleteConflict', async () => {
    const excel = await tableWorkbook();
    excel.editCell('Sheet1', 'F3:G6', [['a', 'b'], [1, 2], [3, 4], [5, 6]]);
    await excel.run(async (context) => {
      context.workbook.tables.add('Sheet1!F3:G6', true);
      await context.sync();
      context.workbook.tables.getItem('客户表').columns.add(undefined, undefined, '综合得分');
      expect((await failure(context.sync())).code).toBe('InsertDeleteConflict');
    });
  });

  test('a column proxy keeps pointing at its column when another is inserted before it', async () => {
    const excel = await tableWorkbook();
    await excel.run(async (context) => {
      const columns = context.workbook.tables.getItem('客户表').columns;
      const satisfaction = columns.getItem('满意度');
      satisfaction.load('index');
      await context.sync();
      columns.add(0, undefined, '序号');
      const body = satisfaction.getDataBodyRange().load('address, values');
      satisfaction.load('index');
      await context.sync();
      expect([satisfaction.index, body.address, body.values]).toEqual([3, 'Sheet1!D2:D4', [[4.8], [4.6], [4.2]]]);
    });
  });
});
