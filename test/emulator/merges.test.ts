/**
 * Merged cells in the emulated Excel: loaded from the file's `<mergeCells>` as Excel keeps them
 * (the value in the top-left cell only), found with Range.getMergedAreasOrNullObject
 * (ExcelApi 1.13: the areas whose top-left cell is in the range, whole; a null object when
 * none; at most 512), moved by row and cell shifts, and saved back.
 */
import { EmulatedExcel } from '../../src/emulator';
import { replaceZipEntries } from '../../src/xlsx/zip-patch';
import { buildWorkbook, type FixtureSpec } from '../fixtures/build';
import { zipText } from '../helpers/zip';
import { failure, thrown } from './helpers';

jest.setTimeout(60_000);

/** A service survey: 客户名称 merged down over each customer's two 评价周期 rows, a title merged across. */
const survey: FixtureSpec = {
  sheets: [
    {
      name: '服务评价',
      rows: [
        ['服务水平评价汇总表'],
        ['客户名称', '评价周期', '服务响应速度(1-5)', '推荐意愿(0-10)'],
        ['甲公司', '2024年第1季度', 5, 9],
        [null, '2024年第2季度', 4, 10],
        ['乙公司', '2024年第1季度', 3, 7],
        [null, '2024年第2季度', 4, 8],
        ['丙公司', '2024年第2季度', 2, 3],
      ],
      merges: ['A1:D1', 'A3:A4', 'A5:A6'],
    },
  ],
};

let surveyBytes: Uint8Array;

beforeAll(async () => {
  surveyBytes = await buildWorkbook(survey);
});

/** The survey with a value the file left in A4, a cell under the merged area A3:A4. */
async function withValueUnderMerge(): Promise<Uint8Array> {
  const xml = await zipText(surveyBytes, 'xl/worksheets/sheet1.xml');
  const edited = xml.replace(/<c r="A4"[^>]*\/>/, '<c r="A4" t="inlineStr"><is><t>甲公司</t></is></c>');
  expect(edited).not.toBe(xml);
  return replaceZipEntries(surveyBytes, new Map([['xl/worksheets/sheet1.xml', new TextEncoder().encode(edited)]]));
}

/** Loads the merged areas of `address` (their blocks' positions); `undefined` for a null object. */
async function mergedAreas(excel: EmulatedExcel, address: string) {
  return excel.run(async (context) => {
    const areas = context.workbook.worksheets.getItem('服务评价').getRange(address).getMergedAreasOrNullObject();
    areas.load('address, areaCount, areas/items/address, areas/items/rowIndex, areas/items/rowCount');
    await context.sync();
    if (areas.isNullObject) return undefined;
    return {
      address: areas.address,
      areaCount: areas.areaCount,
      areas: areas.areas.items.map((r) => ({ address: r.address, rowIndex: r.rowIndex, rowCount: r.rowCount })),
    };
  });
}

describe('merged areas loaded from the file', () => {
  test('keep the value in the top-left cell; the other cells of the area read as ""', async () => {
    const excel = await EmulatedExcel.fromXlsx(await withValueUnderMerge());
    expect(excel.merges('服务评价')).toEqual(['A1:D1', 'A3:A4', 'A5:A6']);
    const values = await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('服务评价').getRange('A3:B6').load('values');
      await context.sync();
      return range.values;
    });
    expect(values).toEqual([
      ['甲公司', '2024年第1季度'],
      ['', '2024年第2季度'],
      ['乙公司', '2024年第1季度'],
      ['', '2024年第2季度'],
    ]);
  });
});

describe('Range.getMergedAreasOrNullObject', () => {
  test('lists the merged areas whose top-left cell is in the range, whole, top to bottom', async () => {
    const excel = await EmulatedExcel.fromXlsx(surveyBytes);
    expect(await mergedAreas(excel, 'A2:D7')).toEqual({
      address: "'服务评价'!A3:A4, '服务评价'!A5:A6",
      areaCount: 2,
      areas: [
        { address: "'服务评价'!A3:A4", rowIndex: 2, rowCount: 2 },
        { address: "'服务评价'!A5:A6", rowIndex: 4, rowCount: 2 },
      ],
    });
    // A4:D5 holds A5's top-left cell, not A3's (as Excel: OfficeDev/office-js#3611); A5:A6 comes whole.
    expect((await mergedAreas(excel, 'A4:D5'))?.areas.map((a) => a.address)).toEqual(["'服务评价'!A5:A6"]);
  });

  test('is a null object where the range holds no merged area (nor a top-left cell of one)', async () => {
    const excel = await EmulatedExcel.fromXlsx(surveyBytes);
    expect(await mergedAreas(excel, 'B2:D7')).toBeUndefined();
    expect(await mergedAreas(excel, 'A4')).toBeUndefined();
  });

  test('needs ExcelApi 1.13: below it the call throws ApiNotFound, as office.js does', async () => {
    const excel = await EmulatedExcel.fromXlsx(surveyBytes, { apiVersion: '1.12' });
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('服务评价').getRange('A2:D7');
      expect(thrown(() => range.getMergedAreasOrNullObject())).toMatchObject({
        code: 'ApiNotFound',
        debugInfo: { errorLocation: 'Range.getMergedAreasOrNullObject' },
      });
      await context.sync();
    });
    const at113 = await EmulatedExcel.fromXlsx(surveyBytes, { apiVersion: '1.13' });
    expect((await mergedAreas(at113, 'A2:D7'))?.areaCount).toBe(2);
  });

  test('more than 512 areas in the range fail the request; 512 are answered', async () => {
    // 513 customers of two rows each: A2:A3, A4:A5 … A1026:A1027.
    const rows = [
      ['客户名称', '评价周期'],
      ...Array.from({ length: 513 }, (_, i) => [
        [`客户${i + 1}`, '第1季度'],
        [null, '第2季度'],
      ]).flat(),
    ];
    const merges = Array.from({ length: 513 }, (_, i) => `A${2 * i + 2}:A${2 * i + 3}`);
    const excel = await EmulatedExcel.fromXlsx(await buildWorkbook({ sheets: [{ name: '服务评价', rows, merges }] }));
    const error = await failure(
      excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('服务评价');
        sheet.getRange('A1:B1027').getMergedAreasOrNullObject().load('address');
        await context.sync();
      }),
    );
    expect(error).toMatchObject({ code: 'GeneralException', debugInfo: { errorLocation: 'Range.getMergedAreasOrNullObject' } });
    // 512 of them (the top-left cells of A2:A3 … A1024:A1025) are the most Excel returns.
    await excel.run(async (context) => {
      const areas = context.workbook.worksheets.getItem('服务评价').getRange('A1:B1025').getMergedAreasOrNullObject().load('areaCount');
      await context.sync();
      expect(areas.areaCount).toBe(512);
    });
  });

  test('the areas loaded count in the response size, as Excel sends them', async () => {
    const excel = await EmulatedExcel.fromXlsx(surveyBytes);
    excel.stats.reset();
    await mergedAreas(excel, 'A2:D7');
    // {"address":"'服务评价'!A3:A4","rowIndex":2,"rowCount":2} twice (60 bytes each: 服务评价 is 12 in UTF-8) and the joined address.
    const item = JSON.stringify({ address: "'服务评价'!A3:A4", rowIndex: 2, rowCount: 2 });
    const joined = JSON.stringify("'服务评价'!A3:A4, '服务评价'!A5:A6");
    expect(new TextEncoder().encode(item).length).toBe(60);
    expect(excel.stats.requests.at(-1)!.responseBytes).toBe(2 * 60 + new TextEncoder().encode(joined).length + 1);
  });
});

describe('merged areas follow the cells', () => {
  test('rows the user inserts or deletes move them, grow them, and a merge left with one cell is none', async () => {
    const excel = await EmulatedExcel.fromXlsx(surveyBytes);
    excel.insertRows('服务评价', 4); // inside A3:A4: it grows to A3:A5; A5:A6 moves to A6:A7
    expect(excel.merges('服务评价')).toEqual(['A1:D1', 'A3:A5', 'A6:A7']);
    excel.deleteRows('服务评价', 7); // A6:A7 loses a row: one cell, no merge any more
    expect(excel.merges('服务评价')).toEqual(['A1:D1', 'A3:A5']);
  });

  test('the user cannot sort rows across merged cells', async () => {
    const excel = await EmulatedExcel.fromXlsx(surveyBytes);
    expect(() => excel.sortRows('服务评价', 'A3:D6', [2, 3, 0, 1])).toThrow(/merged area A3:A4/);
    expect(excel.peek('服务评价', 'A3:A6').values).toEqual([['甲公司'], [''], ['乙公司'], ['']]);
  });

  test('a table column inserted beside them moves the areas in its rows, and refuses to cut one', async () => {
    const spec: FixtureSpec = {
      sheets: [
        {
          name: '服务评价',
          rows: [
            ['客户名称', '得分', null, '备注'],
            ['甲公司', 5, null, '季度回访'],
            ['乙公司', 4, null, null],
            [null, null, null, null],
          ],
          table: { name: '评价表', range: 'A1:B3' },
          merges: ['D2:E3'],
        },
      ],
    };
    const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(spec));
    await excel.run(async (context) => {
      context.workbook.tables.getItem('评价表').columns.add(undefined, undefined, '服务得分');
      await context.sync();
    });
    expect(excel.merges('服务评价')).toEqual(['E2:F3']);
    expect(excel.peek('服务评价', 'E2:F3').values).toEqual([
      ['季度回访', ''],
      ['', ''],
    ]);

    const cut = await EmulatedExcel.fromXlsx(await buildWorkbook({ sheets: [{ ...spec.sheets[0]!, merges: ['D3:E4'] }] }));
    const error = await failure(
      cut.run(async (context) => {
        context.workbook.tables.getItem('评价表').columns.add(undefined, undefined, '服务得分');
        await context.sync();
      }),
    );
    expect(error).toMatchObject({ code: 'InsertDeleteConflict' });
    expect(cut.merges('服务评价')).toEqual(['D3:E4']);
  });

  test('saving keeps the file’s merged areas and writes the ones that moved', async () => {
    const excel = await EmulatedExcel.fromXlsx(surveyBytes);
    excel.insertRows('服务评价', 2); // a row above the header: every merge below row 1 moves down one row
    const saved = await excel.toXlsx();
    const xml = await zipText(saved, 'xl/worksheets/sheet1.xml');
    const refs = [...xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(refs).toEqual(['A1:D1', 'A4:A5', 'A6:A7']);
    const again = await EmulatedExcel.fromXlsx(saved);
    expect(again.merges('服务评价')).toEqual(['A1:D1', 'A4:A5', 'A6:A7']);
    expect(again.peek('服务评价', 'A4:A7').values).toEqual([['甲公司'], [''], ['乙公司'], ['']]);
  });

  test('saving a sheet with cells written beside merged areas that did not move keeps their values', async () => {
    const excel = await EmulatedExcel.fromXlsx(surveyBytes);
    await excel.run(async (context) => {
      // A column beside the survey, every row of it written (A4 and A6 under the areas written blank too).
      context.workbook.worksheets.getItem('服务评价').getRange('A3:E6').values = [
        ['甲公司', '2024年第1季度', 5, 9, 86],
        ['', '2024年第2季度', 4, 10, 86],
        ['乙公司', '2024年第1季度', 3, 7, 72],
        ['', '2024年第2季度', 4, 8, 72],
      ];
      await context.sync();
    });
    const again = await EmulatedExcel.fromXlsx(await excel.toXlsx());
    expect(again.merges('服务评价')).toEqual(['A1:D1', 'A3:A4', 'A5:A6']);
    expect(again.peek('服务评价', 'A3:E6').values).toEqual([
      ['甲公司', '2024年第1季度', 5, 9, 86],
      ['', '2024年第2季度', 4, 10, 86],
      ['乙公司', '2024年第1季度', 3, 7, 72],
      ['', '2024年第2季度', 4, 8, 72],
    ]);
  });
});
