/** A protected sheet refuses writes with AccessDenied. */
import { customerWorkbook, failure } from './helpers';

type Batch = (context: Excel.RequestContext) => void;

const writes: [string, Batch][] = [
  ['values', (c) => (c.workbook.worksheets.getItem('Sheet1').getRange('D1').values = [[1]])],
  ['numberFormat', (c) => (c.workbook.worksheets.getItem('Sheet1').getRange('B2').numberFormat = [['0.0']])],
  ['fill', (c) => (c.workbook.worksheets.getItem('Sheet1').getRange('B2').format.fill.color = '#FFC7CE')],
  ['clear', (c) => c.workbook.worksheets.getItem('Sheet1').getRange('B2').clear()],
  ['conditional format', (c) => c.workbook.worksheets.getItem('Sheet1').getRange('B2:B4').conditionalFormats.add('ContainsText')],
  ['table column', (c) => c.workbook.tables.getItem('表1').columns.add(undefined, undefined, '综合得分')],
  ['chart add', (c) => c.workbook.worksheets.getItem('Sheet1').charts.add('Radar', c.workbook.worksheets.getItem('Sheet1').getRange('A1:B4'))],
  ['chart delete', (c) => c.workbook.worksheets.getItem('Sheet1').charts.getItemAt(0).delete()],
  ['sheet rename', (c) => (c.workbook.worksheets.getItem('Sheet1').name = '改名')],
  ['sheet delete', (c) => c.workbook.worksheets.getItem('Sheet1').delete()],
];

async function protectedWorkbook() {
  const excel = customerWorkbook();
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    sheet.tables.add('A1:C4', true);
    sheet.charts.add('ColumnClustered', sheet.getRange('A1:B4'));
    context.workbook.worksheets.add('其他');
  });
  excel.protect('Sheet1');
  return excel;
}

test.each(writes)('%s on a protected sheet fails with AccessDenied', async (_, write) => {
  const excel = await protectedWorkbook();
  const before = excel.peek('Sheet1');
  await excel.run(async (context) => {
    write(context);
    const error = await failure(context.sync());
    expect(error.code).toBe('AccessDenied');
  });
  expect(excel.peek('Sheet1')).toEqual(before);
  expect(excel.tables('Sheet1')).toEqual([{ name: '表1', range: 'A1:C4' }]);
  expect(excel.charts('Sheet1')).toHaveLength(1);
  expect(excel.conditionalFormats('Sheet1')).toHaveLength(0);
  expect(excel.sheetNames()).toEqual(['Sheet1', '其他']);
});

test('the failing write stops the request there: earlier writes elsewhere stay, later ones are not applied', async () => {
  const excel = await protectedWorkbook();
  await excel.run(async (context) => {
    context.workbook.worksheets.getItem('其他').getRange('A1').values = [['before']];
    context.workbook.worksheets.getItem('Sheet1').getRange('D1').values = [['refused']];
    context.workbook.worksheets.getItem('其他').getRange('A2').values = [['after']];
    expect((await failure(context.sync())).code).toBe('AccessDenied');
  });
  expect(excel.peek('其他', 'A1:A2').values).toEqual([['before'], ['']]);
});

test('reads work on a protected sheet, and protection.protected tells', async () => {
  const excel = await protectedWorkbook();
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    const protection = sheet.protection.load('protected');
    const other = context.workbook.worksheets.getItem('其他').protection.load('protected');
    const values = sheet.getRange('A2').load('values');
    await context.sync();
    expect([protection.protected, other.protected, values.values]).toEqual([true, false, [['华东精密']]]);
  });
});
