/**
 * The worksheet and shared-string parts read as they stream (src/xlsx/sheet-stream.ts):
 * inflated chunks end anywhere, in the middle of a cell, a tag, a Chinese character; what
 * is read must not depend on where. And an ordinary workbook is read by the direct reader
 * alone: the slow excelize fallback is for packages it cannot read.
 */
import fc from 'fast-check';
import JSZip from 'jszip';
import { loadExcelize } from '../../src/xlsx/excelize';
import { parseSharedStrings, parseSheetXml } from '../../src/xlsx/ooxml';
import { readWorkbook } from '../../src/xlsx/read';
import { SharedStringScanner, SheetScanner } from '../../src/xlsx/sheet-stream';
import { buildWorkbook } from '../fixtures/build';

jest.mock('../../src/xlsx/excelize', () => {
  const actual = jest.requireActual<typeof import('../../src/xlsx/excelize')>('../../src/xlsx/excelize');
  return { ...actual, loadExcelize: jest.fn(actual.loadExcelize) };
});

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const FORMATS = [null, '0%', 'yyyy-mm-dd'];

const SST = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="4" uniqueCount="4"><si><t>客户名称</t></si><si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本</t></r></si><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><t>a_x000D_b &amp; &lt;c&gt;</t></si></sst>`;

const SHEET = `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${NS}" xmlns:r="r"><x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s" s="1"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c></x:row>
<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>华东精密</x:t></x:is></x:c><x:c r="B2" s="1"><x:v>0.98</x:v></x:c><x:c r="C2" s="2"><x:v>45453</x:v></x:c><x:c r="D2" t="str"><x:f>"x"&amp;"y"</x:f><x:v>xy</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3" t="b"><x:v>1</x:v></x:c><x:c r="B3" t="e"><x:v>#N/A</x:v></x:c><x:c r="C3" t="d"><x:v>2024-06-10T12:00:00Z</x:v></x:c><x:c r="D3" s="2"/></x:row>
</x:sheetData><x:tableParts count="1"><x:tablePart r:id="rId7"/></x:tableParts></x:worksheet>`;

const SHEET_VALUES = [
  ['客户名称', '富 文本', '東京', 'a\rb & <c>'],
  ['华东精密', 0.98, 45453, 'xy'],
  [true, '#N/A', 45453.5],
];

const bytes = (text: string) => new TextEncoder().encode(text);

/** The scanner fed `data` in pieces of the given sizes (the rest in one piece). */
function fed<T extends { push(chunk: Uint8Array): void; end(): void }>(scanner: T, data: Uint8Array, sizes: readonly number[]): T {
  let at = 0;
  for (const size of sizes) {
    scanner.push(data.slice(at, at + size));
    at += size;
  }
  scanner.push(data.slice(at));
  scanner.end();
  return scanner;
}

/** The scanner's rows as values up to the last one in each (rows are made as wide as those before them). */
function rowsOf(scanner: SheetScanner): unknown[][] {
  return scanner.rows.map((row) => {
    const cells = Array.from(row, (v) => v ?? null);
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    return cells;
  });
}

describe('a sheet read as it streams', () => {
  const sst = parseSharedStrings(SST);

  test('reads values, formats, the table parts and every cell’s type and style', () => {
    const scanner = new SheetScanner({ sharedStrings: sst, styleFormats: FORMATS, scan: true }).all(bytes(SHEET));
    expect(rowsOf(scanner)).toEqual(SHEET_VALUES);
    expect(scanner.formatGrid(3, 4)).toEqual([
      [null, '0%', null, null],
      [null, '0%', 'yyyy-mm-dd', null],
      [null, null, null, 'yyyy-mm-dd'],
    ]);
    expect(scanner.tableParts).toEqual(['rId7']);
    expect(scanner.cells.get(2, 3)).toEqual({ type: 'n', style: 2 });
    expect(scanner.cells.get(1, 3)).toEqual({ type: 'str', style: 0 });
  });

  test('cut after every byte, it reads as it does whole', () => {
    const data = bytes(SHEET);
    for (let cut = 1; cut < data.length; cut++) {
      const scanner = fed(new SheetScanner({ sharedStrings: sst, styleFormats: FORMATS }), data, [cut]);
      expect(rowsOf(scanner)).toEqual(SHEET_VALUES);
      expect(scanner.tableParts).toEqual(['rId7']);
    }
  });

  test('the shared strings cut after every byte read as they do whole', () => {
    const data = bytes(SST);
    for (let cut = 1; cut < data.length; cut++) {
      expect(fed(new SharedStringScanner(), data, [cut]).strings).toEqual(['客户名称', '富 文本', '東京', 'a\rb & <c>']);
    }
  });

  test('cut into chunks of any sizes, it reads as it does whole', () => {
    const data = bytes(
      SHEET.repeat(1).replace(
        '</x:sheetData>',
        `${'<x:row><x:c t="inlineStr"><x:is><x:t>客户</x:t></x:is></x:c><x:c><x:v>-12.5</x:v></x:c></x:row>'.repeat(20)}</x:sheetData>`,
      ),
    );
    const whole = new SheetScanner({ sharedStrings: sst, styleFormats: FORMATS }).all(data);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 40 }), (sizes) => {
        const scanner = fed(new SheetScanner({ sharedStrings: sst, styleFormats: FORMATS }), data, sizes);
        expect(rowsOf(scanner)).toEqual(rowsOf(whole));
        expect(scanner.formatGrid(25, 4)).toEqual(whole.formatGrid(25, 4));
      }),
      { numRuns: 300 },
    );
  });

  test('a cell longer than many chunks (a 3 MB note) arrives whole', () => {
    const note = '备注'.repeat(500_000);
    const data = bytes(
      `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${note}</t></is></c><c r="B1"><v>1</v></c></row></sheetData></worksheet>`,
    );
    const scanner = fed(
      new SheetScanner({ sharedStrings: [] }),
      data,
      Array.from({ length: Math.ceil(data.length / 16384) }, () => 16384),
    );
    expect(scanner.rows[0]![0]).toBe(note);
    expect(scanner.rows[0]![1]).toBe(1);
  });

  test('numbers read as Excel stores them, numbers stored as text stay text', () => {
    const cells = ['0.1', '-2.5E-3', '12345678901234567', '0.30000000000000004', '007', ' 7 ', '+3', '1.', '.5', '-0', 'abc', '&#49;2', '']
      .map((v, i) => `<c r="${String.fromCharCode(65 + i)}1"><v>${v}</v></c>`)
      .join('');
    const { values } = parseSheetXml(`<worksheet><sheetData><row r="1">${cells}<c r="N1" t="s"><v>0</v></c></row></sheetData></worksheet>`, ['00123']);
    expect(values[0]).toEqual([0.1, -0.0025, 12345678901234568, 0.30000000000000004, 7, 7, 3, 1, 0.5, -0, 'abc', 12, null, '00123']);
  });
});

describe('readWorkbook', () => {
  const excelizeLoads = loadExcelize as jest.MockedFunction<typeof loadExcelize>;
  beforeEach(() => excelizeLoads.mockClear());

  test('reads an ordinary workbook without the excelize fallback', async () => {
    const data = await buildWorkbook({
      sheets: [
        {
          name: '客户评估',
          rows: [
            ['客户名称', '回款及时率', '最近交易日期'],
            ['华东精密', 0.98, { date: '2024-06-10' }],
          ],
          table: { name: '客户表', range: 'A1:C2' },
        },
      ],
    });
    excelizeLoads.mockClear(); // the fixture builder uses excelize for the table
    const [grid] = await readWorkbook(data);
    expect(grid!.rows).toEqual([
      ['客户名称', '回款及时率', '最近交易日期'],
      ['华东精密', 0.98, 45453],
    ]);
    expect(grid!.tables).toEqual([{ name: '客户表', range: 'A1:C2' }]);
    expect(excelizeLoads).not.toHaveBeenCalled();
  });

  test('a worksheet part of whitespace between rows, stored without compression, reads the same', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file(
      '_rels/.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    );
    zip.file(
      'xl/workbook.xml',
      `<workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    );
    zip.file(
      'xl/worksheets/sheet1.xml',
      `<worksheet xmlns="${NS}"><sheetData>${'\n  '.repeat(50_000)}<row r="3"><c r="B3" t="inlineStr"><is><t>客户</t></is></c></row></sheetData></worksheet>`,
      { compression: 'STORE' },
    );
    const grids = await readWorkbook(await zip.generateAsync({ type: 'uint8array' }));
    expect(grids).toEqual([
      {
        name: '表',
        rows: [
          [null, null],
          [null, null],
          [null, '客户'],
        ],
        tables: [],
      },
    ]);
    expect(excelizeLoads).not.toHaveBeenCalled();
  });
});
