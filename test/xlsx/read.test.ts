import JSZip from 'jszip';
import { buildWorkbook } from '../fixtures/build';
import { loadExcelize } from '../../src/xlsx/excelize';
import { readWorkbook, readWorkbookWithExcelize, XlsxError } from '../../src/xlsx/read';
import { MAIN, MAIN_GRID, NOTES, NOTES_GRID, SPEC } from './spec';

async function expectNotXlsx(data: Uint8Array, reader = readWorkbook): Promise<XlsxError> {
  const error = await reader(data).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(XlsxError);
  expect((error as XlsxError).code).toBe('not-xlsx');
  expect((error as XlsxError).message).not.toMatch(/^\s*$/);
  return error as XlsxError;
}

describe('readWorkbook', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await buildWorkbook(SPEC);
  });

  test('returns every worksheet as a rectangular grid of typed raw values', async () => {
    const grids = await readWorkbook(bytes);
    expect(grids.map((g) => g.name)).toEqual([MAIN, NOTES]);
    const [main, notes] = grids;
    expect(main!.rows).toEqual(MAIN_GRID);
    expect(notes!.rows).toEqual(NOTES_GRID);
    for (const grid of grids) {
      const width = grid.rows[0]!.length;
      expect(grid.rows.every((row) => row.length === width)).toBe(true);
    }
  });

  test('tells numbers from numbers stored as text, keeps dates as serials and formulas as cached values', async () => {
    const [main, notes] = await readWorkbook(bytes);
    const row = main!.rows[2]!;
    expect(row[1]).toBe(120); // number
    expect(row[3]).toBe('00123'); // number stored as text
    expect(main!.rows[5]![3]).toBe('1e3'); // looks like a number, is text
    expect(main!.rows[5]![2]).toBe('95%');
    expect(row[4]).toBe(45453); // 2024-06-10 as a date cell
    expect(row[5]).toBe(true);
    expect(main!.rows[4]![2]).toBe(0.95); // formula =1-0.05
    expect(main!.rows[7]![1]).toBe(450.5); // formula =SUM(B3:B6)
    expect(main!.rows[5]![0]).toBe('  宁德时代 '); // text is not trimmed
    expect(notes!.rows[5]![1]).toBe(10); // formula on the second sheet
    expect(notes!.rows[6]![0]).toBe('#N/A'); // error cell
    expect(notes!.rows[6]![1]).toBe('战略级客户(说明)'); // formula with a text result
  });

  test('merged cells keep their value in the top-left cell only', async () => {
    const [main] = await readWorkbook(bytes);
    expect(main!.rows[0]).toEqual(['2024年客户评估（示例）', null, null, null, null, null, null]);
  });

  test('lists each sheet’s Excel tables with their A1 range including the header row', async () => {
    const grids = await readWorkbook(bytes);
    expect(grids[0]!.tables).toEqual([{ name: '客户表', range: 'A2:G6' }]);
    expect(grids[1]!.tables).toEqual([]);
  });

  test('the grid covers a table even where its last rows are empty', async () => {
    const data = await buildWorkbook({
      sheets: [{ name: '表', rows: [['客户名称', '金额'], ['甲', 1], [], []], table: { name: 'T', range: 'A1:B4' } }],
    });
    const [grid] = await readWorkbook(data);
    expect(grid!.rows).toEqual([
      ['客户名称', '金额'],
      ['甲', 1],
      [null, null],
      [null, null],
    ]);
  });

  test('the direct XML reader and excelize’s GetRows give the same grids', async () => {
    expect(await readWorkbook(bytes)).toEqual(await readWorkbookWithExcelize(bytes));
  });

  test('skips chart sheets', async () => {
    const ex = await loadExcelize();
    const f = ex.OpenReader(bytes);
    const added = f.AddChartSheet('图表页', {
      Type: ex.Col,
      Series: [{ Name: '人数', Categories: `'${NOTES}'!$A$2:$A$5`, Values: `'${NOTES}'!$B$2:$B$5` }],
    });
    expect(added.error).toBeFalsy();
    const withChartSheet = f.WriteToBuffer().buffer as Uint8Array;
    expect(f.GetSheetList().list).toContain('图表页');
    expect((await readWorkbook(withChartSheet)).map((g) => g.name)).toEqual([MAIN, NOTES]);
    expect((await readWorkbookWithExcelize(withChartSheet)).map((g) => g.name)).toEqual([MAIN, NOTES]);
  });

  describe('input that is not an .xlsx workbook throws XlsxError not-xlsx', () => {
    test('random bytes', async () => {
      const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
      await expectNotXlsx(random);
    });
    test('a .csv file', async () => {
      await expectNotXlsx(new TextEncoder().encode('客户名称,金额\n甲,1\n'));
    });
    test('an empty file', async () => {
      const error = await expectNotXlsx(new Uint8Array(0));
      expect(error.message).toMatch(/empty/);
    });
    test('an old .xls (OLE) file', async () => {
      await expectNotXlsx(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    });
    test('a zip that is not a workbook', async () => {
      const zip = new JSZip();
      zip.file('readme.txt', 'hello');
      await expectNotXlsx(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    });
    test('a truncated workbook', async () => {
      await expectNotXlsx(bytes.subarray(0, Math.floor(bytes.length / 2)));
    });
    test('the excelize path says the same', async () => {
      await expectNotXlsx(new TextEncoder().encode('a,b\n'), readWorkbookWithExcelize);
      await expectNotXlsx(bytes.subarray(0, 100), readWorkbookWithExcelize);
    });
  });
});

describe('merged areas', () => {
  it('are read as 0-based boxes (a name merged down over two rows, a title across a row); a sheet without any has none', async () => {
    const bytes = await buildWorkbook({
      sheets: [
        {
          name: '服务评价',
          rows: [['服务水平评价汇总表'], ['客户名称', '评价周期', '整体满意度'], ['甲公司', 'Q1', 4], [null, 'Q2', 5]],
          merges: ['A1:C1', 'A3:A4'],
        },
        { name: '说明', rows: [['无合并']] },
      ],
    });
    const [survey, notes] = await readWorkbook(bytes);
    expect(survey!.merges).toEqual([
      { firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 2 },
      { firstRow: 2, firstCol: 0, lastRow: 3, lastCol: 0 },
    ]);
    // Excel keeps the value in the first cell only.
    expect(survey!.rows[3]![0]).toBeNull();
    expect(notes!.merges).toBeUndefined();
  });
});
