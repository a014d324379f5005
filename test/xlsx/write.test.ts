import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildWorkbook, FIXTURE_TABLE_STYLE } from '../fixtures/build';
import { loadExcelize } from '../../src/xlsx/excelize';
import { readWorkbook, readWorkbookWithExcelize } from '../../src/xlsx/read';
import { writeWorkbook, writerUse, XlsxError, type ColumnWrite, type SheetWrite } from '../../src/xlsx/write';
import { MAIN, MAIN_GRID, NOTES, NOTES_GRID, SPEC, sheetData, sheetXmlOutsideCells, unzipText } from './spec';
import { withTotalsRow } from '../helpers/totals';

const GREEN = 'C6EFCE';
const RED = 'FFC7CE';
const YELLOW = 'FFEB9C';

/** Score, tier and flags right of the table (H, I, J), rows 3-6, header in row 2. */
function managedColumns(): ColumnWrite[] {
  return [
    {
      col: 7,
      headerRow: 1,
      header: '综合得分',
      numberFormat: '0.0',
      values: [
        { row: 2, value: 85.5 },
        { row: 3, value: 42 },
        { row: 4, value: 100 },
        { row: 5, value: 0.1 + 0.2 },
      ],
    },
    {
      col: 8,
      headerRow: 1,
      header: '客户等级',
      values: [
        { row: 2, value: '=1+1', fill: GREEN },
        { row: 3, value: '-高风险', fill: RED },
        { row: 4, value: '@提醒' },
        { row: 5, value: '+5', fill: YELLOW },
      ],
    },
    {
      col: 9,
      headerRow: 1,
      header: '预警标记',
      values: [
        { row: 2, value: '流失预警' },
        { row: 3, value: null },
        { row: 4, value: '数据缺失(满意度评分)' },
        { row: 5, value: '跟进逾期，维护超期' },
      ],
    },
  ];
}

function scoring(columns = managedColumns()): SheetWrite[] {
  return [{ sheet: MAIN, columns, table: { name: '客户表', range: 'A2:J6' } }];
}

async function loadExcelJS(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return undefined;
  return fill.fgColor?.argb?.slice(-6).toUpperCase();
}

async function failure(promise: Promise<unknown>): Promise<XlsxError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(XlsxError);
  return error as XlsxError;
}

describe('writeWorkbook', () => {
  let original: Uint8Array;
  let written: Uint8Array;
  beforeAll(async () => {
    original = await buildWorkbook(SPEC);
    written = await writeWorkbook(original, scoring());
  });

  test('adds the columns right of the table and leaves every other cell value as it was', async () => {
    const [main, notes] = await readWorkbook(written);
    expect(main!.rows.map((row) => row.slice(0, 7))).toEqual(MAIN_GRID);
    expect(main!.rows.map((row) => row.slice(7))).toEqual([
      [null, null, null],
      ['综合得分', '客户等级', '预警标记'],
      [85.5, '=1+1', '流失预警'],
      [42, '-高风险', null],
      [100, '@提醒', '数据缺失(满意度评分)'],
      [0.1 + 0.2, '+5', '跟进逾期，维护超期'],
      [null, null, null],
      [null, null, null],
    ]);
    expect(notes!.rows).toEqual(NOTES_GRID);
    // excelize's own reading agrees with ours on the written file
    expect(await readWorkbookWithExcelize(written)).toEqual(await readWorkbook(written));
  });

  test('text that looks like a formula stays text', async () => {
    const ex = await loadExcelize();
    const f = ex.OpenReader(written);
    for (const cell of ['I3', 'I4', 'I5', 'I6']) {
      expect(f.GetCellFormula(MAIN, cell).formula).toBe('');
      expect(f.GetCellType(MAIN, cell).cellType).toBe(ex.CellTypeSharedString);
    }
    const xml = (await unzipText(written)).get('xl/worksheets/sheet1.xml')!;
    expect(/<c r="I\d"[^>]*>\s*<f>/.test(xml)).toBe(false);
  });

  test('the table covers the new columns, keeps its name, style and old headers', async () => {
    const [main] = await readWorkbook(written);
    expect(main!.tables).toEqual([{ name: '客户表', range: 'A2:J6' }]);
    const ex = await loadExcelize();
    const [table] = ex.OpenReader(written).GetTables(MAIN).tables;
    expect(table).toMatchObject({ Name: '客户表', Range: 'A2:J6', StyleName: FIXTURE_TABLE_STYLE, ShowRowStripes: true });
    const parts = await unzipText(written);
    const tableXml = [...parts].find(([name]) => name.startsWith('xl/tables/'))![1];
    const columns = [...tableXml.matchAll(/<tableColumn [^>]*name="([^"]*)"/g)].map((m) => m[1]);
    expect(columns).toEqual([...(MAIN_GRID[1] as string[]), '综合得分', '客户等级', '预警标记']);
  });

  test('number format, fills and header style of the new columns', async () => {
    const ws = (await loadExcelJS(written)).getWorksheet(MAIN)!;
    expect(ws.getCell('H3').numFmt).toBe('0.0');
    expect(ws.getCell('H6').numFmt).toBe('0.0');
    expect(fillOf(ws.getCell('I3'))).toBe(GREEN);
    expect(fillOf(ws.getCell('I4'))).toBe(RED);
    expect(fillOf(ws.getCell('I5'))).toBeUndefined();
    expect(fillOf(ws.getCell('I6'))).toBe(YELLOW);
    expect(fillOf(ws.getCell('J3'))).toBeUndefined(); // not copied from the tier column on its left
    for (const header of ['H2', 'I2', 'J2']) {
      expect(ws.getCell(header).font?.bold).toBe(true); // copied from G2
      expect(fillOf(ws.getCell(header))).toBe('DDEBF7');
    }
  });

  test('styles, merges, validation, comment, column width and defined names survive', async () => {
    const wb = await loadExcelJS(written);
    const ws = wb.getWorksheet(MAIN)!;
    expect(ws.getCell('C3').numFmt).toBe('0.0%');
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect((ws.model as { merges?: string[] }).merges).toEqual(['A1:G1']);
    expect(ws.getCell('G5').dataValidation).toMatchObject({ type: 'list', formulae: ['"AAA,AA,A"'] });
    expect(ws.getCell('A3').note).toBe('重点客户，季度回访');
    expect(ws.getColumn('A').width).toBe(20);
    expect(ws.getCell('B8').value).toMatchObject({ formula: 'SUM(B3:B6)', result: 450.5 });
    expect(wb.getWorksheet(NOTES)!.getCell('B6').value).toMatchObject({ formula: 'SUM(B2:B5)', result: 10 });
    const ex = await loadExcelize();
    const f = ex.OpenReader(written);
    expect(f.GetDefinedName().definedNames.map((d) => [d.Name, d.RefersTo])).toEqual(SPEC.definedNames!.map((d) => [d.name, d.refersTo]));
    expect(f.GetCellFormula(NOTES, 'A7').formula).toBe('NA()');
  });

  test('charts, drawings, image, comments, other sheets and the workbook part are byte-identical', async () => {
    const before = await unzipText(original);
    const after = await unzipText(written);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const expectedToChange = new Set([
      '[Content_Types].xml', // the table's entry moves to the end
      'xl/worksheets/sheet1.xml',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/tables/table1.xml',
    ]);
    const unchanged = [...before.keys()].filter((name) => !expectedToChange.has(name));
    expect(unchanged).toEqual(expect.arrayContaining(['xl/charts/chart1.xml', 'xl/charts/chart2.xml', 'xl/media/image1.png', 'xl/workbook.xml']));
    for (const name of unchanged) expect({ name, xml: after.get(name) }).toEqual({ name, xml: before.get(name) });
    const overrides = (xml: string) => [...xml.matchAll(/<Override [^>]*>/g)].map((m) => m[0]).sort();
    expect(overrides(after.get('[Content_Types].xml')!)).toEqual(overrides(before.get('[Content_Types].xml')!));
    // Outside its cells, the written sheet is unchanged: merges, validation, drawing, comments, table part.
    expect(sheetXmlOutsideCells(after.get('xl/worksheets/sheet1.xml')!)).toBe(sheetXmlOutsideCells(before.get('xl/worksheets/sheet1.xml')!));
  });

  test('writing the same columns again changes no cell', async () => {
    const again = await writeWorkbook(written, scoring());
    expect(await readWorkbook(again)).toEqual(await readWorkbook(written));
    const a = (await unzipText(written)).get('xl/worksheets/sheet1.xml')!;
    const b = (await unzipText(again)).get('xl/worksheets/sheet1.xml')!;
    expect(sheetData(b)).toBe(sheetData(a)); // same values, same styles
  });

  test('an existing managed column is overwritten in place', async () => {
    const next = managedColumns();
    next[0]!.values = [
      { row: 2, value: 60 },
      { row: 3, value: 61.5 },
      { row: 4, value: null },
      { row: 5, value: 70 },
    ];
    next[1]!.values = [
      { row: 2, value: '重点客户' },
      { row: 3, value: '战略级客户', fill: GREEN },
      { row: 4, value: '观察客户', fill: RED },
      { row: 5, value: '潜力客户' },
    ];
    next[2]!.values = [
      { row: 2, value: null },
      { row: 3, value: '满意度低' },
      { row: 4, value: null },
      { row: 5, value: null },
    ];
    const rewritten = await writeWorkbook(written, scoring(next));
    const [main] = await readWorkbook(rewritten);
    expect(main!.rows[0]).toHaveLength(10); // no column added
    expect(main!.tables).toEqual([{ name: '客户表', range: 'A2:J6' }]);
    expect(main!.rows.map((row) => row.slice(0, 7))).toEqual(MAIN_GRID);
    expect(main!.rows.slice(1, 6).map((row) => row.slice(7))).toEqual([
      ['综合得分', '客户等级', '预警标记'],
      [60, '重点客户', null],
      [61.5, '战略级客户', '满意度低'],
      [null, '观察客户', null],
      [70, '潜力客户', null],
    ]);
    const ws = (await loadExcelJS(rewritten)).getWorksheet(MAIN)!;
    expect(fillOf(ws.getCell('I3'))).toBeUndefined(); // last run's green is gone
    expect(fillOf(ws.getCell('I4'))).toBe(GREEN);
    expect(fillOf(ws.getCell('I5'))).toBe(RED);
    expect(fillOf(ws.getCell('I6'))).toBeUndefined();
    expect(ws.getCell('H4').numFmt).toBe('0.0');
  });

  test('an existing column keeps its header text and its cells’ own styles', async () => {
    const data = await buildWorkbook({
      sheets: [
        {
          name: 'Customers',
          rows: [
            ['Customer', 'Revenue', 'Weighted score'],
            ['Acme', 100, 12],
            ['Globex', 200, 13],
          ],
          table: { name: 'Customers', range: 'A1:C3' },
          styles: [
            { range: 'C2', bold: true, numFmt: '0.00' },
            { range: 'C3', fill: 'FFFF00' },
          ],
        },
      ],
    });
    const out = await writeWorkbook(data, [
      {
        sheet: 'Customers',
        columns: [
          {
            col: 2,
            headerRow: 0,
            header: '综合得分',
            numberFormat: '0.0',
            values: [
              { row: 1, value: 88.8 },
              { row: 2, value: 77.7 },
            ],
          },
        ],
        table: { name: 'customers', range: 'A1:C3' },
      },
    ]);
    const [grid] = await readWorkbook(out);
    expect(grid!.rows).toEqual([
      ['Customer', 'Revenue', 'Weighted score'],
      ['Acme', 100, 88.8],
      ['Globex', 200, 77.7],
    ]);
    const ws = (await loadExcelJS(out)).getWorksheet('Customers')!;
    expect(ws.getCell('C2').font?.bold).toBe(true);
    expect(ws.getCell('C2').numFmt).toBe('0.00'); // the user's format wins over ours
    expect(ws.getCell('C3').numFmt).toBe('0.0'); // it had none
    expect(fillOf(ws.getCell('C3'))).toBe('FFFF00'); // the column uses no fills: the user's stays
  });

  test('re-saving an exceljs workbook keeps conditional formats, hyperlinks, frozen panes and rich text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addTable({
      name: 'T1',
      ref: 'A1',
      headerRow: true,
      style: { theme: 'TableStyleLight9', showRowStripes: true },
      columns: [{ name: '客户名称' }, { name: '金额' }],
      rows: [
        ['甲', 1],
        ['乙', 2],
      ],
    });
    ws.addConditionalFormatting({
      ref: 'B2:B3',
      rules: [
        {
          type: 'cellIs',
          operator: 'greaterThan',
          formulae: [1],
          priority: 1,
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFF0000' } } },
        },
      ],
    });
    ws.getCell('A5').value = { richText: [{ text: '富', font: { bold: true } }, { text: '文本' }] };
    ws.getCell('A6').value = { text: '链接', hyperlink: 'https://example.com/客户' };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    const data = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const out = await writeWorkbook(data, [
      {
        sheet: '客户',
        columns: [
          {
            col: 2,
            headerRow: 0,
            header: '综合得分',
            values: [
              { row: 1, value: 50 },
              { row: 2, value: 60 },
            ],
          },
        ],
        table: { name: 'T1', range: 'A1:C3' },
      },
    ]);
    const [grid] = await readWorkbook(out);
    expect(grid!.rows.slice(0, 3)).toEqual([
      ['客户名称', '金额', '综合得分'],
      ['甲', 1, 50],
      ['乙', 2, 60],
    ]);
    expect(grid!.rows[4]![0]).toBe('富文本');
    expect(grid!.tables).toEqual([{ name: 'T1', range: 'A1:C3' }]);
    const back = (await loadExcelJS(out)).getWorksheet('客户')!;
    expect(back.getCell('A6').value).toMatchObject({ text: '链接', hyperlink: 'https://example.com/客户' });
    expect(back.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(back.getCell('A5').value).toMatchObject({ richText: [{ text: '富', font: { bold: true } }, { text: '文本' }] });
    const sheetXml = (await unzipText(out)).get('xl/worksheets/sheet1.xml')!;
    expect(sheetXml).toMatch(/<conditionalFormatting sqref="B2:B3">/);
  });

  describe('errors', () => {
    test('bytes that are not a workbook: not-xlsx', async () => {
      expect((await failure(writeWorkbook(new TextEncoder().encode('a,b\n1,2\n'), scoring()))).code).toBe('not-xlsx');
      expect((await failure(writeWorkbook(new Uint8Array(0), scoring()))).code).toBe('not-xlsx');
    });

    test('an unknown sheet or table, a moved table, a bad value: write-failed', async () => {
      const cases: SheetWrite[][] = [
        [{ sheet: '没有这张表', columns: managedColumns() }],
        [{ sheet: MAIN, columns: managedColumns(), table: { name: '没有这个表', range: 'A2:J6' } }],
        [{ sheet: MAIN, columns: managedColumns(), table: { name: '客户表', range: 'B2:J6' } }],
        [{ sheet: MAIN, columns: [{ col: 7, headerRow: 1, header: '综合得分', values: [{ row: 2, value: Number.NaN }] }] }],
        [{ sheet: MAIN, columns: [{ col: 7, headerRow: 1, header: '综合得分', values: [{ row: 2, value: 1, fill: 'red' }] }] }],
        [{ sheet: MAIN, columns: [{ col: 7, headerRow: 1, header: '综合得分', values: [{ row: 1, value: 1 }] }] }],
        [{ sheet: MAIN, columns: [{ col: -1, headerRow: 1, header: '综合得分', values: [] }] }],
        [{ sheet: MAIN, columns: [{ col: 7, headerRow: 1, header: ' ', values: [] }] }],
        [{ sheet: NOTES, columns: [{ col: 0, headerRow: 0, header: '等级', values: [] }], table: { name: '客户表', range: 'A1:A2' } }],
      ];
      for (const writes of cases) {
        const error = await failure(writeWorkbook(original, writes));
        expect({ writes: JSON.stringify(writes).slice(0, 80), code: error.code }).toMatchObject({ code: 'write-failed' });
      }
    });

    test('a table whose new header would repeat an existing one: write-failed', async () => {
      const columns: ColumnWrite[] = [{ col: 7, headerRow: 1, header: '客户名称', values: [{ row: 2, value: 'x' }] }];
      const error = await failure(writeWorkbook(original, [{ sheet: MAIN, columns, table: { name: '客户表', range: 'A2:H6' } }]));
      expect(error.code).toBe('write-failed');
      expect(error.message).toMatch(/客户名称/);
    });
  });
});

describe('writeWorkbook: an Excel table with a totals row gets the new columns inside it', () => {
  // 客户表 on A2:G7: header, four customers, and its totals row 合计 (row 7).
  const spec = {
    sheets: [
      {
        name: MAIN,
        rows: [
          ['2024年客户评估（示例）'],
          ['客户名称', '年交易额（万元）', '回款及时率', '客户编号', '最近交易日期', '是否VIP', '信用等级'],
          ['华为技术', 120, 0.98, '00123', 45453, true, 'AAA'],
          ['小米科技', 80.5, 0.9, '456', 45352, false, 'AA'],
          ['比亚迪', 200, 0.95, '789', 45291, true, 'A'],
          ['宁德时代', 50, 0.95, '1e3', null, false, 'AA'],
          ['合计', { formula: 'SUBTOTAL(109,B3:B6)', result: 450.5 }],
          [null, null, null, null, null, null, null, '表外'],
        ],
        table: { name: '客户表', range: 'A2:G7' },
      },
    ],
  };
  // The managed columns are written for the data rows; the range given is the header and data rows (A2:J6).
  const write = (): SheetWrite[] => [{ sheet: MAIN, columns: managedColumns(), table: { name: '客户表', range: 'A2:J6' } }];
  let original: Uint8Array;
  let written: Uint8Array;
  let tableXml: string;
  beforeAll(async () => {
    original = await withTotalsRow(await buildWorkbook(spec), { sum: ['年交易额（万元）'] });
    written = await writeWorkbook(original, write());
    tableXml = (await unzipText(written)).get('xl/tables/table1.xml')!;
  });

  test('the table grows over the new columns and keeps its totals row as its last row', async () => {
    expect(/<table [^>]*\sref="([^"]+)"/.exec(tableXml)?.[1]).toBe('A2:J7');
    expect(tableXml).toContain('totalsRowCount="1"');
    expect(/<autoFilter ref="([^"]+)"/.exec(tableXml)?.[1]).toBe('A2:J6');
    expect([...tableXml.matchAll(/<tableColumn id="(\d+)" name="([^"]+)"/g)].map((m) => [Number(m[1]), m[2]])).toEqual([
      [1, '客户名称'],
      [2, '年交易额（万元）'],
      [3, '回款及时率'],
      [4, '客户编号'],
      [5, '最近交易日期'],
      [6, '是否VIP'],
      [7, '信用等级'],
      [8, '综合得分'],
      [9, '客户等级'],
      [10, '预警标记'],
    ]);
    expect(tableXml).toContain('<tableColumns count="10">');
    expect(tableXml).toMatch(/name="客户名称"[^>]*totalsRowLabel="合计"/);
    expect(tableXml).toMatch(/name="年交易额（万元）"[^>]*totalsRowFunction="sum"/);
  });

  test('reading it back: the table A2:J7 with its totals row, the totals row untouched, the scores in the data rows', async () => {
    const [grid] = await readWorkbook(written);
    expect(grid!.tables).toEqual([{ name: '客户表', range: 'A2:J7', totalsRow: true }]);
    expect((await readWorkbookWithExcelize(written))[0]!.tables).toEqual(grid!.tables); // the fallback reader says the same
    expect(grid!.rows[6]).toEqual(['合计', 450.5, null, null, null, null, null, null, null, null]);
    expect(grid!.rows[7]).toEqual([null, null, null, null, null, null, null, '表外', null, null]);
    expect(grid!.rows.slice(1, 6).map((r) => r.slice(7))).toEqual([
      ['综合得分', '客户等级', '预警标记'],
      [85.5, '=1+1', '流失预警'],
      [42, '-高风险', null],
      [100, '@提醒', '数据缺失(满意度评分)'],
      [0.30000000000000004, '+5', '跟进逾期，维护超期'],
    ]);
    const f = (await loadExcelize()).OpenReader(written);
    expect(f.GetTables(MAIN).tables?.map((t) => [t.Name, t.Range])).toEqual([['客户表', 'A2:J7']]);
    await loadExcelJS(written); // opens
  });

  test('a second run with the same columns changes nothing in the table', async () => {
    const again = await writeWorkbook(written, [{ sheet: MAIN, columns: managedColumns(), table: { name: '客户表', range: 'A2:J6' } }]);
    expect((await unzipText(again)).get('xl/tables/table1.xml')).toBe(tableXml);
    expect(await readWorkbook(again)).toEqual(await readWorkbook(written));
  });

  test('the range of the whole table (totals row included) is taken as well', async () => {
    const whole = await writeWorkbook(original, [{ sheet: MAIN, columns: managedColumns(), table: { name: '客户表', range: 'A2:J7' } }]);
    expect((await unzipText(whole)).get('xl/tables/table1.xml')).toBe(tableXml);
  });
});

describe('writeWorkbook: cells on a very hidden sheet of their own (the rules store)', () => {
  const STORE = '_Store';
  const cells = [
    { row: 0, col: 0, value: 'customer-scoring-rules' },
    { row: 0, col: 1, value: 1 },
    { row: 0, col: 2, value: '=1+1' },
    { row: 1, col: 2, value: '-高风险' },
    { row: 2, col: 2, value: '00123' },
    { row: 1, col: 0, value: 2.5 },
    { row: 3, col: 4, value: null },
  ];
  let original: Uint8Array;
  let written: Uint8Array;
  beforeAll(async () => {
    original = await buildWorkbook(SPEC);
    written = await writeWorkbook(original, scoring(), [{ sheet: STORE, cells, visibility: 'veryHidden' }]);
  });

  test('creates the sheet, very hidden, after the others; text stays text, numbers are numbers', async () => {
    const parts = await unzipText(written);
    const workbookXml = parts.get('xl/workbook.xml')!;
    expect(workbookXml).toMatch(new RegExp(`<sheet [^>]*name="${STORE}"[^>]*state="veryHidden"`));
    expect([...workbookXml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual([MAIN, NOTES, STORE]);
    expect(workbookXml.match(/state="veryHidden"/g)).toHaveLength(1);
    const grids = await readWorkbook(written);
    expect(grids.find((g) => g.name === STORE)!.rows).toEqual([
      ['customer-scoring-rules', 1, '=1+1'],
      [2.5, null, '-高风险'],
      [null, null, '00123'],
    ]);
    const ex = await loadExcelize();
    const f = ex.OpenReader(written);
    for (const cell of ['A1', 'C1', 'C2', 'C3']) {
      expect(f.GetCellFormula(STORE, cell).formula).toBe('');
      expect(f.GetCellType(STORE, cell).cellType).toBe(ex.CellTypeSharedString);
    }
    expect(f.GetSheetVisible(STORE).visible).toBe(false);
    expect(f.GetSheetName(f.GetActiveSheetIndex().index).name).toBe(MAIN);
    expect(parts.get('xl/worksheets/sheet3.xml')).not.toMatch(/<f[\s>]/);
  });

  test('the other sheets are written exactly as without the store', async () => {
    const alone = await unzipText(await writeWorkbook(original, scoring()));
    const parts = await unzipText(written);
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/charts/chart1.xml', 'xl/tables/table1.xml']) {
      expect(alone.get(name)).toBeDefined();
      expect({ name, xml: parts.get(name) }).toEqual({ name, xml: alone.get(name) });
    }
  });

  test('on an existing sheet: cells are replaced or cleared, and a workbook that was open on it opens on a visible sheet', async () => {
    const spec = { sheets: [{ name: STORE, rows: [['old', 'x', 'kept']] }, ...SPEC.sheets] };
    // The store is the first sheet, active and selected (exceljs does not write tabSelected: added here).
    const zip = await JSZip.loadAsync(await buildWorkbook(spec));
    const storeXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(storeXml).toMatch(/<sheetFormatPr /);
    zip.file(
      'xl/worksheets/sheet1.xml',
      storeXml.replace('<sheetFormatPr ', '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr '),
    );
    const before = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const ex = await loadExcelize();
    expect(ex.OpenReader(before).GetActiveSheetIndex().index).toBe(0);
    const out = await writeWorkbook(
      before,
      [],
      [
        {
          sheet: STORE,
          cells: [
            { row: 0, col: 0, value: 'new' },
            { row: 0, col: 1, value: null },
          ],
          visibility: 'veryHidden',
        },
      ],
    );
    const grids = await readWorkbook(out);
    expect(grids.find((g) => g.name === STORE)!.rows).toEqual([['new', null, 'kept']]);
    expect(grids.find((g) => g.name === MAIN)!.rows).toEqual(MAIN_GRID);
    const f = ex.OpenReader(out);
    expect(f.GetSheetName(f.GetActiveSheetIndex().index).name).toBe(MAIN);
    const parts = await unzipText(out);
    expect(parts.get('xl/workbook.xml')).toMatch(new RegExp(`<sheet [^>]*name="${STORE}"[^>]*state="veryHidden"`));
    expect(parts.get('xl/worksheets/sheet1.xml')).not.toMatch(/tabSelected="(1|true)"/);
  });

  test('a bad cell is refused before anything is saved', async () => {
    for (const bad of [
      [{ row: 0, col: 0, value: Number.POSITIVE_INFINITY }],
      [{ row: -1, col: 0, value: 'x' }],
      [
        { row: 0, col: 0, value: 'x' },
        { row: 0, col: 0, value: 'y' },
      ],
      [{ row: 0, col: 0, value: true as unknown as string }],
    ]) {
      expect((await failure(writeWorkbook(original, [], [{ sheet: STORE, cells: bad, visibility: 'veryHidden' }]))).code).toBe('write-failed');
    }
  });
});

test('every write above went through the direct writer, but for the bytes that are not a zip (excelize refuses them)', () => {
  expect(writerUse).toMatchObject({ excelize: 2, lastFallback: 'not a zip package' });
});
