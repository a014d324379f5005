/** Range: addresses, dimensions, navigation, number formats, fills, clearing, input parsing. */
import { EmulatedExcel } from '../../src/emulator';
import { customerWorkbook, failure } from './helpers';

describe('addresses', () => {
  test.each([
    ['Sheet1', 'Sheet1!B3:M9'],
    ['客户评估', "'客户评估'!B3:M9"],
    ['My Sheet', "'My Sheet'!B3:M9"],
    ["O'Brien", "'O''Brien'!B3:M9"],
    ['A1', "'A1'!B3:M9"],
  ])('a range on %s has the address %s', async (name, address) => {
    const excel = EmulatedExcel.empty();
    await excel.run(async (context) => {
      const sheet = name === 'Sheet1' ? context.workbook.worksheets.getItem('Sheet1') : context.workbook.worksheets.add(name);
      const range = sheet.getRange('$B$3:M9').load('address, addressLocal, rowCount, columnCount, rowIndex, columnIndex, cellCount');
      await context.sync();
      expect(range.address).toBe(address);
      expect(range.addressLocal).toBe(address);
      expect([range.rowCount, range.columnCount, range.rowIndex, range.columnIndex, range.cellCount]).toEqual([7, 12, 2, 1, 84]);
    });
  });

  test('a bad address fails at sync with InvalidArgument', async () => {
    const excel = EmulatedExcel.empty();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('B3:').load('address');
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
    });
  });
});

describe('dimensions', () => {
  test('values with the wrong dimensions fail with InvalidArgument', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('D1:D3');
      range.values = [['a'], ['b']];
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
      range.values = [
        ['a', 'x'],
        ['b', 'y'],
        ['c', 'z'],
      ];
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
    });
    expect(excel.peek('Sheet1', 'D1:D3').values).toEqual([[''], [''], ['']]);
  });

  test('a 1×1 number format array on a multi-cell range is InvalidArgument; a full array or one plain value works', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('B2:B4');
      range.numberFormat = [['0.0']];
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
      range.numberFormat = [['0.0'], ['0.0'], [null as unknown as string]]; // null leaves a cell as it is
      await context.sync();
      expect(excel.peek('Sheet1', 'B2:B4').numberFormat).toEqual([['0.0'], ['0.0'], ['General']]);
      range.numberFormat = '0%' as unknown as string[][]; // one value for every cell
      range.load('numberFormat');
      await context.sync();
      expect(range.numberFormat).toEqual([['0%'], ['0%'], ['0%']]);
    });
  });
});

describe('values', () => {
  test('empty cells read as "" (never null) and dates stay serial numbers', async () => {
    const excel = customerWorkbook();
    excel.editCell('Sheet1', 'E2', 45473);
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('D2:E2').load('values, valueTypes');
      await context.sync();
      expect(range.values).toEqual([['', 45473]]);
      expect(range.valueTypes).toEqual([['Empty', 'Double']]);
    });
  });

  test('strings are read like typed input unless the cell is formatted as text', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('F1').numberFormat = [['@']];
      sheet.getRange('D1:D7').values = [['15'], ['95%'], ['TRUE'], ["'007"], ['2024-06-30'], ['高风险'], [null]];
      sheet.getRange('F1').values = [['15']];
      await context.sync();
    });
    const peek = excel.peek('Sheet1', 'D1:D6');
    expect(peek.values).toEqual([[15], [0.95], [true], ['007'], [45473], ['高风险']]);
    expect(peek.numberFormat.map((r) => r[0])).toEqual(['General', '0%', 'General', 'General', 'yyyy/m/d', 'General']);
    expect(excel.peek('Sheet1', 'F1').values).toEqual([['15']]);
  });

  test('a string Excel would take as a formula reads back as #NAME? and is reported', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('D1:D2').values = [['=SUM(1,1)'], ['-高风险']];
    });
    expect(excel.peek('Sheet1', 'D1:D2').values).toEqual([['#NAME?'], ['#NAME?']]);
    expect(excel.warnings).toHaveLength(2);
    expect(excel.warnings[0]).toMatch(/D1.*=SUM\(1,1\).*formula/);
  });

  test('a value that is not a cell value fails with InvalidArgument', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('D1').values = [[{ score: 1 }]] as unknown as string[][];
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
    });
  });
});

describe('navigation', () => {
  test('getCell, getRow, getColumn, getResizedRange, getOffsetRange, getAbsoluteResizedRange, getLastRow', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const base = context.workbook.worksheets.getItem('Sheet1').getRange('B2:C4');
      const ranges = [
        base.getCell(1, 1),
        base.getCell(5, 0), // may leave the range
        base.getRow(2),
        base.getColumn(0),
        base.getResizedRange(1, 2),
        base.getOffsetRange(-1, 1),
        base.getAbsoluteResizedRange(1, 1),
        base.getLastRow(),
        base.getIntersectionOrNullObject('C1:Z3'),
      ].map((r) => r.load('address'));
      await context.sync();
      expect(ranges.map((r) => r.address)).toEqual([
        'Sheet1!C3',
        'Sheet1!B7',
        'Sheet1!B4:C4',
        'Sheet1!B2:B4',
        'Sheet1!B2:E5',
        'Sheet1!C1:D3',
        'Sheet1!B2',
        'Sheet1!B4:C4',
        'Sheet1!C2:C3',
      ]);
    });
  });

  test('ranges that leave the grid or the range fail with InvalidArgument', async () => {
    const excel = customerWorkbook();
    for (const make of [
      (r: Excel.Range) => r.getOffsetRange(-5, 0),
      (r: Excel.Range) => r.getRow(3),
      (r: Excel.Range) => r.getResizedRange(-3, 0),
      (r: Excel.Range) => r.getCell(-1, 0),
    ]) {
      await excel.run(async (context) => {
        make(context.workbook.worksheets.getItem('Sheet1').getRange('B2:C4')).load('address');
        expect((await failure(context.sync())).code).toBe('InvalidArgument');
      });
    }
  });

  test('the used range follows values (and formats unless valuesOnly)', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('F10').format.fill.color = 'yellow';
      const values = sheet.getUsedRange(true).load('address');
      const all = sheet.getUsedRange().load('address');
      await context.sync();
      expect([values.address, all.address]).toEqual(['Sheet1!A1:C4', 'Sheet1!A1:F10']);
    });
  });
});

describe('formats and clearing', () => {
  test('fill colour applies to every cell; #FFFFFF reads for no fill, null for mixed; clear removes it', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('B2:C3').format.fill.color = '#ffc7ce';
      const filled = sheet.getRange('B2:C3').format.fill.load('color');
      const mixed = sheet.getRange('B2:B4').format.fill.load('color');
      const none = sheet.getRange('A1').format.fill.load('color');
      await context.sync();
      expect([filled.color, mixed.color, none.color]).toEqual(['#FFC7CE', null, '#FFFFFF']);
      expect(excel.peek('Sheet1', 'B2:C2').fills).toEqual([['#FFC7CE', '#FFC7CE']]);
      sheet.getRange('B2:B3').format.fill.clear();
      sheet.getRange('A1').format.fill.color = 'not a colour';
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
    });
    expect(excel.peek('Sheet1', 'B2:C2').fills).toEqual([[null, '#FFC7CE']]);
  });

  test("clear('Contents') keeps formats, clear('Formats') keeps values, clear() removes both", async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('B2:B4').numberFormat = [['0.0'], ['0.0'], ['0.0']];
      sheet.getRange('B2').clear('Contents');
      sheet.getRange('B3').clear('Formats');
      sheet.getRange('B4').clear();
      sheet.getRange('C2').clear('Everything' as Excel.ClearApplyTo);
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
    });
    const peek = excel.peek('Sheet1', 'B2:B4');
    expect(peek.values).toEqual([[''], [96], ['']]);
    expect(peek.numberFormat).toEqual([['0.0'], ['General'], ['General']]);
  });

  test('autofitColumns is accepted and counted', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:C4').format.autofitColumns();
    });
    expect(excel.stats.autofitCalls).toBe(1);
  });
});
