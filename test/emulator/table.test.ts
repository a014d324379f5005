/** Tables: ranges, columns, and columns.add as Excel does it. */
import { EmulatedExcel } from '../../src/emulator';
import { buildWorkbook } from '../fixtures/build';
import { withTotalsRow } from '../helpers/totals';
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
    [
      'two columns',
      [
        ['a', 'b'],
        [1, 1],
        [2, 2],
        [3, 3],
      ],
    ],
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
    excel.editCell('Sheet1', 'F3:G6', [
      ['a', 'b'],
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
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

describe('columns.add on a table with a totals row (loaded from .xlsx)', () => {
  /** 客户表 on A1:C5: three customers and the totals row 合计 (row 5); a note right of the totals row (E5) and one below (E7). */
  async function totalsWorkbook() {
    const bytes = await buildWorkbook({
      sheets: [
        {
          name: 'Sheet1',
          rows: [
            ['客户名称', '回款及时率', '满意度'],
            ['华东精密', 98, 4.8],
            ['北方新能源', 96, 4.6],
            ['南方物流', 91, 4.2],
            ['合计', { formula: 'SUBTOTAL(101,B2:B4)', result: 95 }, null, null, '旁注'],
            [],
            [null, null, null, null, '表外'],
          ],
          table: { name: '客户表', range: 'A1:C5' },
        },
      ],
    });
    return EmulatedExcel.fromXlsx(await withTotalsRow(bytes, { sum: ['满意度'] }));
  }

  test('the table shows its totals row: the body ends above it', async () => {
    const excel = await totalsWorkbook();
    await excel.run(async (context) => {
      const table = context.workbook.tables.getItem('客户表').load('showTotals');
      const body = table.getDataBodyRange().load('address');
      const totals = table.getTotalRowRange().load('address, values');
      await context.sync();
      expect([table.showTotals, body.address, totals.address, totals.values]).toEqual([true, 'Sheet1!A2:C4', 'Sheet1!A5:C5', [['合计', 95, '']]]);
    });
  });

  test('a new column goes inside the table, the totals row included: its totals cell is blank, the totals row stays last', async () => {
    const excel = await totalsWorkbook();
    await excel.run(async (context) => {
      const table = context.workbook.tables.getItem('客户表');
      const column = table.columns.add(undefined, undefined, '综合得分');
      const whole = table.getRange().load('address');
      const totals = table.getTotalRowRange().load('address, values');
      const body = table.getDataBodyRange().load('address');
      const own = column.getTotalRowRange().load('address');
      await context.sync();
      expect([whole.address, body.address, totals.address, own.address]).toEqual(['Sheet1!A1:D5', 'Sheet1!A2:D4', 'Sheet1!A5:D5', 'Sheet1!D5']);
      expect(totals.values).toEqual([['合计', 95, '', '']]);
    });
    // The cells right of the table in its rows move right with it (the note in the totals row too); the others stay.
    expect(excel.peek('Sheet1', 'E5:F5').values).toEqual([['', '旁注']]);
    expect(excel.peek('Sheet1', 'E7').values).toEqual([['表外']]);
  });

  test('values cover the header, the body and the totals row', async () => {
    const excel = await totalsWorkbook();
    await excel.run(async (context) => {
      const columns = context.workbook.tables.getItem('客户表').columns;
      columns.add(undefined, [['综合得分'], [100], [89.3], [55.5], ['']]);
      await context.sync();
      columns.add(undefined, [['客户等级'], ['战略级客户'], ['重点客户'], ['潜力客户']]);
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
    });
    expect(excel.peek('Sheet1', 'D1:D5').values).toEqual([['综合得分'], [100], [89.3], [55.5], ['']]);
    expect(excel.tables('Sheet1')).toEqual([{ name: '客户表', range: 'A1:D5' }]);
  });
});
