/** Proxy objects behave like office.js: nothing is known before load + sync, writes wait for sync. */
import { EmulatorError } from '../../src/emulator';
import { customerWorkbook, thrown } from './helpers';

describe('reading properties', () => {
  test('a property read before load + sync throws PropertyNotLoaded; after the sync it has the value', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('B2:C3');
      expect(thrown(() => range.values).code).toBe('PropertyNotLoaded');
      range.load('values');
      expect(thrown(() => range.values).code).toBe('PropertyNotLoaded'); // loaded at the sync, not before
      await context.sync();
      expect(range.values).toEqual([
        [98, 4.8],
        [96, 4.6],
      ]);
      expect(thrown(() => range.address).code).toBe('PropertyNotLoaded'); // only what was loaded
    });
  });

  test('the error is an OfficeExtension.Error with Excel-style message and debugInfo', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      const error = thrown(() => range.values);
      expect(error).toBeInstanceOf(EmulatorError);
      expect(error.message).toMatch(/The property 'values' is not available/);
      expect(error.debugInfo).toMatchObject({ code: 'PropertyNotLoaded', errorLocation: 'Range.values' });
    });
  });

  test('the value is the snapshot of the sync that loaded it, even after the cells change', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem('Sheet1').getRange('B2');
      cell.load('values');
      await context.sync();
      excel.editCell('Sheet1', 'B2', 50); // a co-author edits
      await context.sync();
      expect(cell.values).toEqual([[98]]);
      cell.load('values');
      await context.sync();
      expect(cell.values).toEqual([[50]]);
    });
  });

  test.each([
    ['a comma list', 'values, address'],
    ['an array', ['values', 'address']],
    ['a select object', { select: 'values,address' }],
  ])('load accepts %s', async (_, spec) => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A2');
      range.load(spec as string);
      await context.sync();
      expect(range.values).toEqual([['华东精密']]);
      expect(range.address).toBe('Sheet1!A2');
    });
  });

  test('collection items need load("items/...") + sync; item properties are those loaded', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      expect(thrown(() => sheets.items).code).toBe('PropertyNotLoaded');
      sheets.load('items/name, items/visibility');
      await context.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([['Sheet1', 'Visible']]);
      expect(thrown(() => sheets.items[0]!.position).code).toBe('PropertyNotLoaded');
    });
  });

  test('navigation paths load through: items/worksheet/name on tables', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      context.workbook.tables.add('Sheet1!A1:C4', true);
      await context.sync();
      const tables = context.workbook.tables.load('items/name, items/worksheet/name');
      await context.sync();
      expect(tables.items.map((t) => [t.name, t.worksheet.name])).toEqual([['表1', 'Sheet1']]);
    });
  });

  test('an unknown property in load fails the sync with NotImplemented', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').load('hyperlink');
      await expect(context.sync()).rejects.toMatchObject({ code: 'NotImplemented' });
    });
  });

  test('proxies are not extensible: a property the emulator does not have cannot be set silently', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      expect(() => {
        (range as unknown as Record<string, unknown>).vaules = [[1]];
      }).toThrow(TypeError);
    });
  });
});

describe('writing properties', () => {
  test('a write takes effect at sync, not before', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('D1:D2');
      range.values = [['综合得分'], [95.5]];
      expect(excel.peek('Sheet1', 'D1:D2').values).toEqual([[''], ['']]);
      await context.sync();
      expect(excel.peek('Sheet1', 'D1:D2').values).toEqual([['综合得分'], [95.5]]);
    });
  });

  test('like office.js, the proxy keeps the value it was given (no load needed to read it back)', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('D1');
      range.values = [['x']];
      expect(range.values).toEqual([['x']]);
    });
  });

  test('Excel.run sends what is still queued when the batch ends', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('D1').values = [['late']];
    });
    expect(excel.peek('Sheet1', 'D1').values).toEqual([['late']]);
  });

  test('nothing queued is sent when the batch throws', async () => {
    const excel = customerWorkbook();
    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('D1').values = [['never']];
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(excel.peek('Sheet1', 'D1').values).toEqual([['']]);
  });

  test('a batch that does not return a promise is refused', async () => {
    const excel = customerWorkbook();
    const run = excel.run as unknown as (batch: (context: unknown) => unknown) => Promise<unknown>;
    await expect(run(() => 1)).rejects.toMatchObject({ code: 'RunMustReturnPromise' });
  });
});

describe('null objects', () => {
  test('getItemOrNullObject: isNullObject after sync, other properties throw', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('不存在');
      const present = context.workbook.worksheets.getItemOrNullObject('sheet1'); // names ignore case
      expect(thrown(() => missing.isNullObject).code).toBe('PropertyNotLoaded');
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      missing.load('name');
      await context.sync();
      expect(() => missing.name).toThrow(EmulatorError);
      expect(() => missing.name).toThrow(/null object/);
    });
  });

  test('an operation on a null object fails with ItemNotFound', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('不存在');
      missing.getRange('A1').values = [[1]];
      await expect(context.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
  });

  test('getUsedRangeOrNullObject is a null object on a blank sheet; getUsedRange gives A1', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const blank = context.workbook.worksheets.add('空白');
      const nothing = blank.getUsedRangeOrNullObject(true);
      const a1 = blank.getUsedRange().load('address');
      await context.sync();
      expect(nothing.isNullObject).toBe(true);
      expect(a1.address).toBe("'空白'!A1");
    });
  });
});
