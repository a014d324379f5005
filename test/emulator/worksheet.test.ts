/** Worksheets: visibility, adding with default names, deleting, activating, positions. */
import { customerWorkbook, failure } from './helpers';

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
