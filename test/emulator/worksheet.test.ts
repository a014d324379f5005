/** Worksheets: visibility, adding with default names, deleting, activating, positions. */
import { customerWorkbook, failure, thrown } from './helpers';

test('visibility can be read and set, VeryHidden included; the last visible sheet cannot be hidden', async () => {
  const excel = customerWorkbook();
  await excel.run(async (context) => {
    const settings = context.workbook.worksheets.add('设置');
    settings.visibility = 'VeryHidden';
    const sheets = context.workbook.worksheets.load('items/name, items/visibility, items/position');
    await context.sync();
    expect(sheets.items.map((s) => [s.name, s.visibility, s.position])).toEqual([
      ['Sheet1', 'Visible', 0],
      ['设置', 'VeryHidden', 1],
    ]);
    context.workbook.worksheets.getItem('Sheet1').visibility = 'Hidden';
    expect((await failure(context.sync())).code).toBe('InvalidOperation');
    settings.visibility = 'Sideways' as Excel.SheetVisibility;
    expect((await failure(context.sync())).code).toBe('InvalidArgument');
  });
  expect([excel.visibility('Sheet1'), excel.visibility('设置')]).toEqual(['Visible', 'VeryHidden']);
});

test('add() without a name picks the next free SheetN; delete and activate check visibility', async () => {
  const excel = customerWorkbook();
  await excel.run(async (context) => {
    const added = context.workbook.worksheets.add().load('name');
    await context.sync();
    expect(added.name).toBe('Sheet2');
    added.visibility = 'Hidden';
    added.activate();
    expect((await failure(context.sync())).code).toBe('InvalidOperation');
    context.workbook.worksheets.getItem('Sheet1').delete(); // the only visible sheet
    expect((await failure(context.sync())).code).toBe('InvalidOperation');
    added.delete();
    const count = context.workbook.worksheets.getCount();
    await context.sync();
    expect(count.value).toBe(1);
  });
});

test('position moves a sheet; getRange without an address is the whole sheet', async () => {
  const excel = customerWorkbook();
  await excel.run(async (context) => {
    const second = context.workbook.worksheets.add('汇总');
    second.position = 0;
    const whole = second.getRange().load('address');
    await context.sync();
    expect(whole.address).toBe("'汇总'!A1:XFD1048576");
  });
  expect(excel.sheetNames()).toEqual(['汇总', 'Sheet1']);
});

describe('getRanges and selecting (ExcelApi 1.9)', () => {
  test('several blocks: address, areaCount, cellCount; select() activates the sheet and records the blocks', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      context.workbook.worksheets.add('其他').activate();
      await context.sync();
      const areas = context.workbook.worksheets.getItem('Sheet1').getRanges('A2:C2, $A$4:C4').load('address, areaCount, cellCount');
      areas.select();
      await context.sync();
      expect([areas.address, areas.areaCount, areas.cellCount]).toEqual(['Sheet1!A2:C2, Sheet1!A4:C4', 2, 6]);
    });
    expect(excel.activeSheet()).toBe('Sheet1');
    expect(excel.selection()).toEqual({
      sheet: 'Sheet1',
      address: 'A2:C2, A4:C4',
      boxes: [
        { firstRow: 1, firstCol: 0, lastRow: 1, lastCol: 2 },
        { firstRow: 3, firstCol: 0, lastRow: 3, lastCol: 2 },
      ],
    });
  });

  test('Range.select records a single block', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('B3').select();
      await context.sync();
    });
    expect(excel.selection()?.address).toBe('B3');
  });

  test('a bad address, a block of another sheet, a hidden sheet and an old API version are refused; nothing is selected', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRanges('A1:B2, nonsense').select();
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
      sheet.getRanges('A1, 其他!B2').select();
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
      sheet.getRanges('').select();
      expect((await failure(context.sync())).code).toBe('InvalidArgument');
      const hidden = context.workbook.worksheets.add('隐藏');
      hidden.visibility = 'Hidden';
      await context.sync();
      hidden.getRanges('A1:A2').select();
      expect((await failure(context.sync())).code).toBe('InvalidOperation');
    });
    expect(excel.selection()).toBeUndefined();
    const old = customerWorkbook({ apiVersion: '1.8' });
    await old.run(async (context) => {
      expect(thrown(() => context.workbook.worksheets.getItem('Sheet1').getRanges('A1')).code).toBe('ApiNotFound');
    });
  });

  test('deleting the selected sheet clears the selection', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const extra = context.workbook.worksheets.add('临时');
      extra.getRanges('A1:B1').select();
      await context.sync();
      expect(excel.selection()?.sheet).toBe('临时');
      extra.delete();
      await context.sync();
    });
    expect(excel.selection()).toBeUndefined();
  });
});
