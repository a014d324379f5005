import { EmulatedExcel } from '../../src/emulator';
import { officeEnvironment } from '../../src/excel/environment';

describe('the Office environment', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-US', 'en-US'],
    ['fr-FR', 'en-US'],
  ])('display language %p gives the panel %p', async (display, language) => {
    const excel = EmulatedExcel.empty({ displayLanguage: display });
    expect(await officeEnvironment(excel.office)).toEqual({ language, inOffice: true, supported: true, theme: 'light' });
  });

  it('the declared minimum, ExcelApi 1.6, is supported (Excel 2019 has up to 1.8); an Excel without it is not', async () => {
    expect((await officeEnvironment(EmulatedExcel.empty({ apiVersion: '1.8' }).office)).supported).toBe(true);
    expect((await officeEnvironment(EmulatedExcel.empty({ apiVersion: '1.6' }).office)).supported).toBe(true);
    expect((await officeEnvironment(EmulatedExcel.empty({ apiVersion: '1.5' }).office)).supported).toBe(false);
  });

  it('outside Office: English, not supported', async () => {
    expect(await officeEnvironment(undefined)).toEqual({ language: 'en-US', inOffice: false, supported: false, theme: 'light' });
    expect(await officeEnvironment({ onReady: () => Promise.reject(new Error('offline')) })).toEqual({
      language: 'en-US',
      inOffice: false,
      supported: false,
      theme: 'light',
    });
  });

  it.each([
    ['#FFFFFF', 'light'],
    ['#E6E6E6', 'light'],
    ['#262626', 'dark'],
    ['#000000', 'dark'],
    ['#1F1F1F', 'dark'],
    [undefined, 'light'],
    ['teal', 'light'],
  ])('an Office body background %p gives the %p panel theme', async (background, theme) => {
    const office = { onReady: () => Promise.resolve(), context: { displayLanguage: 'zh-CN', officeTheme: { bodyBackgroundColor: background } } };
    expect((await officeEnvironment(office)).theme).toBe(theme);
  });
});
