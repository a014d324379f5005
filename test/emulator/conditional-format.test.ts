/** Conditional formats: text and cell value rules with fills, validation, clearAll. */
import { customerWorkbook, failure, thrown } from './helpers';

test('a ContainsText rule with a fill, and a CellValue rule', async () => {
  const excel = customerWorkbook();
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    const flags = sheet.getRange('D2:D4').conditionalFormats.add('ContainsText');
    flags.textComparison.format.fill.color = '#FFC7CE';
    flags.textComparison.rule = { operator: 'Contains', text: '流失预警' };
    const scores = sheet.getRange('B2:B4').conditionalFormats.add('CellValue');
    scores.cellValue.format.fill.color = 'lightgreen';
    scores.cellValue.rule = { formula1: '=90', operator: 'GreaterThanOrEqual' };
    await context.sync();
    const items = sheet.getRange('A1:D4').conditionalFormats.load('items/type');
    await context.sync();
    expect(items.items.map((f) => f.type).sort()).toEqual(['CellValue', 'ContainsText']);
  });
  expect(excel.conditionalFormats('Sheet1')).toEqual([
    { address: 'Sheet1!B2:B4', type: 'CellValue', rule: { formula1: '=90', operator: 'GreaterThanOrEqual' }, fill: '#90EE90' },
    { address: 'Sheet1!D2:D4', type: 'ContainsText', rule: { operator: 'Contains', text: '流失预警' }, fill: '#FFC7CE' },
  ]);
});

test('rules are checked: operator, text, formula1, and the right part for the type', async () => {
  const excel = customerWorkbook();
  await excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem('Sheet1').getRange('D2:D4');
    const text = range.conditionalFormats.add('ContainsText');
    text.textComparison.rule = { operator: 'Like' as Excel.ConditionalTextOperator, text: 'x' };
    expect((await failure(context.sync())).code).toBe('InvalidArgument');
    const value = range.conditionalFormats.add('CellValue');
    value.cellValue.rule = { formula1: '=1', operator: 'Between' };
    expect((await failure(context.sync())).code).toBe('InvalidArgument');
    value.textComparison.rule = { operator: 'Contains', text: 'x' };
    expect((await failure(context.sync())).code).toBe('InvalidOperation');
    range.conditionalFormats.add('Sparkles' as Excel.ConditionalFormatType);
    expect((await failure(context.sync())).code).toBe('InvalidArgument');
  });
});

test('clearAll removes the formats inside the range, not the others', async () => {
  const excel = customerWorkbook();
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    sheet.getRange('D2:D4').conditionalFormats.add('ContainsText').textComparison.rule = { operator: 'Contains', text: '流失' };
    sheet.getRange('B2:B4').conditionalFormats.add('ContainsText').textComparison.rule = { operator: 'Contains', text: '高' };
    await context.sync();
    sheet.getRange('D1:D10').conditionalFormats.clearAll();
  });
  expect(excel.conditionalFormats('Sheet1').map((f) => f.address)).toEqual(['Sheet1!B2:B4']);
});

test('conditional formats need ExcelApi 1.6: an older host throws ApiNotFound at the call', async () => {
  const excel = customerWorkbook({ apiVersion: '1.5' });
  await excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem('Sheet1').getRange('D2:D4');
    expect(thrown(() => range.conditionalFormats).code).toBe('ApiNotFound');
  });
});
