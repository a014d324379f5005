/** The Office stand-in and the globals install() provides. */
import { EmulatedExcel, EmulatorError } from '../../src/emulator';

test('Office.onReady resolves with the host and platform', async () => {
  const excel = EmulatedExcel.empty();
  await expect(excel.office.onReady()).resolves.toEqual({ host: 'Excel', platform: 'OfficeOnline' });
});

test('displayLanguage defaults to zh-CN and can be set', () => {
  expect(EmulatedExcel.empty().office.context.displayLanguage).toBe('zh-CN');
  expect(EmulatedExcel.empty({ displayLanguage: 'en-US' }).office.context.displayLanguage).toBe('en-US');
});

test('isSetSupported compares ExcelApi versions up to the configured one (default: the newest, 1.21)', () => {
  const { isSetSupported } = EmulatedExcel.empty().office.context.requirements;
  expect(isSetSupported('ExcelApi', '1.9')).toBe(true);
  expect(isSetSupported('ExcelApi', '1.21')).toBe(true);
  expect(isSetSupported('ExcelApi', '1.22')).toBe(false);
  expect(EmulatedExcel.empty({ apiVersion: '1.12' }).office.context.requirements.isSetSupported('ExcelApi', '1.13')).toBe(false);
  expect(isSetSupported('ExcelApi')).toBe(true);
  expect(isSetSupported('WordApi', '1.1')).toBe(false);
  const old = EmulatedExcel.empty({ apiVersion: '1.8' }).office.context.requirements;
  expect(old.isSetSupported('ExcelApi', '1.9')).toBe(false);
  expect(old.isSetSupported('ExcelApi', '1.8')).toBe(true);
});

test('APIs above the configured version throw ApiNotFound when called, as office.js does', async () => {
  const excel = EmulatedExcel.empty({ apiVersion: '1.5' });
  await excel.run(async (context) => {
    expect(() => context.application.suspendApiCalculationUntilNextSync()).toThrow(expect.objectContaining({ code: 'ApiNotFound' })); // ExcelApi 1.6
    expect(() => context.workbook.worksheets.getItem('Sheet1').getRange('A1').getAbsoluteResizedRange(1, 1)).toThrow(/could not be found/); // 1.7
  });
  expect(excel.stats.suspendCalls).toBe(0);
  expect(excel.stats.requests).toHaveLength(0);
});

test('install() sets Excel.run, Office and OfficeExtension.Error for code that uses the globals', async () => {
  const excel = EmulatedExcel.empty();
  const target: Record<string, any> = {};
  excel.install(target);
  expect(target.Office.context.requirements.isSetSupported('ExcelApi', '1.9')).toBe(true);
  expect(target.Excel.ErrorCodes.itemNotFound).toBe('ItemNotFound');
  const error = await (target.Excel.run as typeof Excel.run)(async (context) => {
    context.workbook.worksheets.getItem('nope').load('name');
    await context.sync();
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(target.OfficeExtension.Error);
  expect(error).toBeInstanceOf(EmulatorError);
  expect((error as EmulatorError).code).toBe('ItemNotFound');
});
