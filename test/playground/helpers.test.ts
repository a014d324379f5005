import { EmulatedExcel } from '../../src/emulator';
import { cellText, columnName, downloadName, headerRows, paneSize, sameOriginUrl, topLeft } from '../../src/playground/grid';
import { publishEmulator, type PlaygroundWindow } from '../../src/playground/publish';
import { fill, PLAYGROUND_STRINGS, playgroundLanguage } from '../../src/playground/strings';

describe('grid helpers', () => {
  test('columnName', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  test('topLeft', () => {
    expect(topLeft("'客户 评估'!B3:K20")).toEqual({ row: 2, col: 1 });
    expect(topLeft('Sheet1!A1')).toEqual({ row: 0, col: 0 });
    expect(topLeft('$AA$10:$AB$12')).toEqual({ row: 9, col: 26 });
    expect(topLeft('nonsense')).toEqual({ row: 0, col: 0 });
  });

  test('cellText', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(12)).toBe('12');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText('文本')).toBe('文本');
  });

  test('headerRows: table headers, else the first non-empty row', () => {
    expect([...headerRows([['title'], [], ['a']], 0, ['A3:C9'])]).toEqual([2]);
    expect([...headerRows([[''], [null, 'x']], 4, [])]).toEqual([5]);
    expect([...headerRows([[]], 0, [])]).toEqual([]);
  });

  test('sameOriginUrl', () => {
    const base = 'http://localhost:3000/playground/index.html?workbook=x';
    expect(sameOriginUrl('book.xlsx', base)).toBe('http://localhost:3000/playground/book.xlsx');
    expect(sameOriginUrl('/files/a.xlsx', base)).toBe('http://localhost:3000/files/a.xlsx');
    expect(sameOriginUrl('https://example.com/a.xlsx', base)).toBeUndefined();
    expect(sameOriginUrl('//example.com/a.xlsx', base)).toBeUndefined();
    expect(sameOriginUrl('http://localhost:3001/a.xlsx', base)).toBeUndefined();
  });

  test('paneSize: ?pane=320x600 sizes the pane as Excel shows it; anything else fills the column', () => {
    expect(paneSize('320x600')).toEqual({ width: 320, height: 600 });
    expect(paneSize('350x900')).toEqual({ width: 350, height: 900 });
    for (const other of [null, '', '320', '320x', 'x600', '32x60', '320X600', '320x600px']) expect(paneSize(other)).toBeUndefined();
  });

  test('downloadName', () => {
    expect(downloadName('客户.xlsx')).toBe('客户.playground.xlsx');
    expect(downloadName('.XLSX')).toBe('workbook.playground.xlsx');
  });
});

describe('strings', () => {
  test('both languages have the same non-empty keys and placeholders', () => {
    const zh = PLAYGROUND_STRINGS['zh-CN'];
    const en = PLAYGROUND_STRINGS['en-US'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(zh[key]).not.toBe('');
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(holes(zh[key])).toEqual(holes(en[key]));
    }
    expect(zh.download).toBe('下载工作簿');
    expect(en.download).toBe('Download workbook');
  });

  test('playgroundLanguage: ?lang= first, then the browser, default zh-CN', () => {
    expect(playgroundLanguage('en', 'zh-CN')).toBe('en-US');
    expect(playgroundLanguage(null, 'zh-TW')).toBe('zh-CN');
    expect(playgroundLanguage(undefined, 'en-GB')).toBe('en-US');
    expect(playgroundLanguage(null, 'fr-FR')).toBe('zh-CN');
  });

  test('fill', () => {
    expect(fill('{shown} / {total} {x}', { shown: 1, total: 2 })).toBe('1 / 2 {x}');
  });
});

describe('publishEmulator', () => {
  test('publishes Office, Excel and OfficeExtension; Excel.run reports every settled batch', async () => {
    const excel = EmulatedExcel.empty({ displayLanguage: 'en-US' });
    const target: PlaygroundWindow = {};
    const settled = jest.fn();
    const globals = publishEmulator(excel, target, settled);
    expect(target.__emulatedExcel).toBe(globals);
    expect((globals.Office as { context: { displayLanguage: string } }).context.displayLanguage).toBe('en-US');
    expect(typeof (globals.OfficeExtension as { Error: unknown }).Error).toBe('function');

    const run = globals.Excel.run as typeof Excel.run;
    await run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['x']];
      await context.sync();
    });
    await Promise.resolve();
    expect(settled).toHaveBeenCalledTimes(1);
    expect(excel.peek('Sheet1', 'A1').values).toEqual([['x']]);

    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem('nope').getRange('A1').values = [['x']];
        await context.sync();
      }),
    ).rejects.toBeTruthy();
    await Promise.resolve();
    expect(settled).toHaveBeenCalledTimes(2);
  });
});
