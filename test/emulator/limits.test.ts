/**
 * What Excel refuses or does differently under load, as the emulator models it: cell edit mode
 * and `delayForCellEdit`, the 8,192-character address of a multi-area range, the cells a table
 * column insert may touch on the web, and the user inserting and deleting rows.
 */
import { EmulatedExcel } from '../../src/emulator';
import { customerWorkbook, failure } from './helpers';

describe('cell edit mode', () => {
  test('a request while the user edits a cell fails with InvalidOperationInCellEditMode, and nothing of it applies', async () => {
    const excel = customerWorkbook();
    excel.startCellEdit();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('D1').values = [['x']];
      expect((await failure(context.sync())).code).toBe('InvalidOperationInCellEditMode');
    });
    expect(excel.peek('Sheet1', 'D1').values).toEqual([['']]);
  });

  test('with delayForCellEdit the request waits until the edit ends, then runs', async () => {
    const excel = customerWorkbook();
    excel.startCellEdit();
    const run = excel.run({ delayForCellEdit: true }, async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('D1');
      range.values = [['written after the edit']];
      range.load('values');
      await context.sync();
      return range.values;
    });
    await excel.whenWaitingForCellEdit();
    expect(excel.peek('Sheet1', 'D1').values).toEqual([['']]);
    excel.endCellEdit();
    expect(await run).toEqual([['written after the edit']]);
  });

  test('delayForCellEdit needs ExcelApi 1.5: an older Excel fails as without it', async () => {
    const excel = customerWorkbook({ apiVersion: '1.4' });
    excel.startCellEdit();
    const error = await excel
      .run({ delayForCellEdit: true }, async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('D1').values = [['x']];
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'InvalidOperationInCellEditMode' });
  });
});

describe('addresses', () => {
  /** `A1:C1, A3:C3, …`: `blocks` one-row blocks, every other row. */
  function blocks(n: number): string {
    return Array.from({ length: n }, (_, i) => `A${2 * i + 1}:C${2 * i + 1}`).join(', ');
  }

  test('getRanges takes an address of up to 8,192 characters, whatever the number of blocks', async () => {
    const excel = customerWorkbook();
    let n = 1;
    while (blocks(n + 1).length <= 8192) n++;
    expect(blocks(n).length).toBeLessThanOrEqual(8192);
    expect(blocks(n + 1).length).toBeGreaterThan(8192);
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const fits = sheet.getRanges(blocks(n)).load('areaCount');
      await context.sync();
      expect(fits.areaCount).toBe(n);
      sheet.getRanges(blocks(n + 1)).load('areaCount');
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
    });
  });
});

describe('inserting a table column', () => {
  async function withTable(options = {}) {
    const excel = EmulatedExcel.empty(options);
    excel.editCell('Sheet1', 'A1:B3', [
      ['客户名称', '得分'],
      ['甲', 1],
      ['乙', 2],
    ]);
    await excel.run(async (context) => {
      context.workbook.tables.add('Sheet1!A1:B3', true).name = 'T';
      await context.sync();
    });
    return excel;
  }

  test('Excel on the web refuses an insert that shifts more than 33,554,000 cells (OperationCellsExceedLimit); nothing moves', async () => {
    const excel = await withTable({ maxOperationCells: 10 });
    excel.editCell('Sheet1', 'F2', '远处的备注'); // the insert at C shifts C1:F3: 3 rows × 4 columns = 12 cells
    await excel.run(async (context) => {
      context.workbook.tables.getItem('T').columns.add(undefined, undefined, '综合得分');
      expect((await failure(context.sync())).code).toBe('OperationCellsExceedLimit');
    });
    expect(excel.tables('Sheet1')).toEqual([{ name: 'T', range: 'A1:B3' }]);
    expect(excel.peek('Sheet1', 'F2').values).toEqual([['远处的备注']]);
    excel.editCell('Sheet1', 'F2', null); // without it: C1:C3, 3 cells
    await excel.run(async (context) => {
      context.workbook.tables.getItem('T').columns.add(undefined, undefined, '综合得分');
      await context.sync();
    });
    expect(excel.tables('Sheet1')).toEqual([{ name: 'T', range: 'A1:C3' }]);
  });

  test('the web limit is on by default: 2,100 rows × the columns up to XFC is over it', async () => {
    const excel = EmulatedExcel.empty();
    expect(excel.options.maxOperationCells).toBe(33_554_000);
    excel.editCell('Sheet1', 'A1:B2101', [['客户名称', '得分'], ...Array.from({ length: 2100 }, (_, i) => [`客户${i}`, i])]);
    excel.editCell('Sheet1', 'XFC5', '误填');
    await excel.run(async (context) => {
      const table = context.workbook.tables.add('Sheet1!A1:B2101', true);
      table.columns.add(undefined, undefined, '综合得分');
      expect((await failure(context.sync())).code).toBe('OperationCellsExceedLimit');
    });
  });

  test('a non-empty cell in the last column would be pushed off the sheet: NonBlankCellOffSheet', async () => {
    const excel = await withTable();
    excel.editCell('Sheet1', 'XFD2', '最后一列');
    await excel.run(async (context) => {
      context.workbook.tables.getItem('T').columns.add(undefined, undefined, '综合得分');
      expect((await failure(context.sync())).code).toBe('NonBlankCellOffSheet');
    });
  });
});

describe('the user inserts and deletes rows', () => {
  async function withTable() {
    const excel = EmulatedExcel.empty();
    excel.editCell('Sheet1', 'A1:B5', [
      ['客户名称', '得分'],
      ['甲', 1],
      ['乙', 2],
      ['丙', 3],
      ['丁', 4],
    ]);
    await excel.run(async (context) => {
      context.workbook.tables.add('Sheet1!A2:B5', true).name = 'T';
      context.workbook.worksheets.getItem('Sheet1').getRange('B3:B5').conditionalFormats.add('CellValue').cellValue.rule = {
        formula1: '=2',
        operator: 'EqualTo',
      };
      await context.sync();
    });
    return excel;
  }

  test('a row inserted inside a table grows it; the cells below move down', async () => {
    const excel = await withTable();
    excel.insertRows('Sheet1', 4);
    expect(excel.tables('Sheet1')).toEqual([{ name: 'T', range: 'A2:B6' }]);
    expect(excel.peek('Sheet1', 'A1:A6').values.map((r) => r[0])).toEqual(['客户名称', '甲', '乙', '', '丙', '丁']);
    expect(excel.conditionalFormats('Sheet1').map((f) => f.address)).toEqual(['Sheet1!B3:B6']);
  });

  test('rows deleted inside a table shrink it; rows above it move it up; its header row deleted removes it', async () => {
    const excel = await withTable();
    excel.deleteRows('Sheet1', 4, 2);
    expect(excel.tables('Sheet1')).toEqual([{ name: 'T', range: 'A2:B3' }]);
    expect(excel.peek('Sheet1', 'A1:A4').values.map((r) => r[0])).toEqual(['客户名称', '甲', '乙', '']);
    expect(excel.conditionalFormats('Sheet1').map((f) => f.address)).toEqual(['Sheet1!B3']);
    excel.deleteRows('Sheet1', 1);
    expect(excel.tables('Sheet1')).toEqual([{ name: 'T', range: 'A1:B2' }]);
    excel.deleteRows('Sheet1', 1);
    expect(excel.tables('Sheet1')).toEqual([]);
  });
});

describe('the date system', () => {
  test('functions.date gives the serial in the workbook’s system: 1904-01-01 is 1462 in the 1900 system', async () => {
    const excel = EmulatedExcel.empty();
    const serial = await excel.run(async (context) => {
      const result = context.workbook.functions.date(1904, 1, 1).load('value');
      await context.sync();
      return result.value;
    });
    expect(serial).toBe(1462);
  });

  test('functions.date needs ExcelApi 1.2', async () => {
    const excel = EmulatedExcel.empty({ apiVersion: '1.1' });
    await excel.run(async (context) => {
      expect(() => context.workbook.functions).toThrow(expect.objectContaining({ code: 'ApiNotFound' }));
    });
  });
});
