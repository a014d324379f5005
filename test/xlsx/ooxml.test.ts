import JSZip from 'jszip';
import { cellRef as cellName, columnIndex, columnLetter as columnName, tryParseRange as parseRange } from '../../src/engine/address';
import { isoToSerial, parseSharedStrings, parseSheetXml } from '../../src/xlsx/ooxml';
import { readWorkbook, readWorkbookWithExcelize, XlsxError } from '../../src/xlsx/read';
import { readZip } from '../../src/xlsx/zip';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A hand-written package with what exceljs and excelize never write but other tools do. */
async function handMadeWorkbook(sheetXml: string, sharedStrings: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="A&amp;B 表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Target="/xl/worksheets/sheet1.xml" Id="rId1" Type="${REL_NS}/worksheet"/><Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  zip.file('xl/worksheets/sheet1.xml', sheetXml);
  zip.file('xl/sharedStrings.xml', sharedStrings);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const SST = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="6" uniqueCount="6">
<si><t>客户</t></si>
<si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本</t></r></si>
<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>
<si><t>a_x000D_b &amp; &lt;c&gt;</t></si>
<si><t/></si>
<si><t>42</t></si>
</sst>`;

const SHEET = `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${NS}"><x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c><x:c r="E1" t="s"><x:v>4</x:v></x:c><x:c r="F1" t="s"><x:v>5</x:v></x:c></x:row>
<x:row><x:c><x:v>1.5</x:v></x:c><x:c t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c t="d"><x:v>2024-06-10T00:00:00Z</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c><x:c t="str"><x:f>"x"&amp;"y"</x:f><x:v>xy</x:v></x:c><x:c><x:f>1+1</x:f></x:c><x:c r="J2"><x:v>-2.5E-3</x:v></x:c></x:row>
<x:row r="4"><x:c r="B4" s="0"/><x:c r="C4" t="inlineStr"><x:is><x:r><x:t>内</x:t></x:r><x:r><x:t>联</x:t></x:r></x:is></x:c></x:row>
</x:sheetData></x:worksheet>`;

const EXPECTED = [
  ['客户', '富 文本', '東京', 'a\rb & <c>', null, '42', null, null, null, null],
  [1.5, '内联', 45453, true, '#DIV/0!', 'xy', null, null, null, -0.0025],
  [null, null, null, null, null, null, null, null, null, null],
  [null, null, '内联', null, null, null, null, null, null, null],
];

describe('direct SpreadsheetML reading', () => {
  test('a hand-made package: prefixes, cells without r, inline and rich text, phonetic runs, t="d", escapes', async () => {
    const data = await handMadeWorkbook(SHEET, SST);
    const grids = await readWorkbook(data);
    expect(grids).toEqual([{ name: 'A&B 表', rows: EXPECTED, tables: [] }]);
  });

  test('excelize reads the hand-made package the same way', async () => {
    const data = await handMadeWorkbook(SHEET, SST);
    expect(await readWorkbookWithExcelize(data)).toEqual(await readWorkbook(data));
  });

  test('a worksheet part that is not XML is left to excelize, which reads it as an empty sheet', async () => {
    const data = await handMadeWorkbook('this is not xml', SST);
    const expected = [{ name: 'A&B 表', rows: [], tables: [] }];
    expect(await readWorkbookWithExcelize(data)).toEqual(expected);
    expect(await readWorkbook(data)).toEqual(expected);
  });

  test('a package without any worksheet is not a workbook', async () => {
    const zip = await JSZip.loadAsync(await handMadeWorkbook(SHEET, SST));
    zip.file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}"><sheets/></workbook>`);
    const error = await readWorkbook(await zip.generateAsync({ type: 'uint8array' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxError);
    expect((error as XlsxError).code).toBe('not-xlsx');
  });

  test('parseSharedStrings drops phonetic runs and joins rich text runs', () => {
    expect(parseSharedStrings(SST)).toEqual(['客户', '富 文本', '東京', 'a\rb & <c>', '', '42']);
  });

  test('parseSheetXml records type and style of every cell, including empty styled ones', () => {
    const { cells, values } = parseSheetXml(SHEET, parseSharedStrings(SST));
    expect(cells.get(0, 5)).toEqual({ type: 's', style: 0 });
    expect(cells.get(1, 0)).toEqual({ type: 'n', style: 0 });
    expect(cells.get(1, 5)).toEqual({ type: 'str', style: 0 });
    expect(cells.get(3, 1)).toEqual({ type: 'n', style: 0 });
    expect(cells.get(2, 0)).toBeUndefined();
    expect(values[1]?.[9]).toBe(-0.0025);
    const styled = parseSheetXml(`<worksheet><sheetData><row r="3"><c r="B3" s="7" t="s"><v>0</v></c></row></sheetData></worksheet>`, null);
    expect(styled.cells.get(2, 1)).toEqual({ type: 's', style: 7 });
    expect(styled.values).toEqual([]);
  });

  test('isoToSerial follows Excel’s 1900 date system', () => {
    expect(isoToSerial('2024-06-10')).toBe(45453);
    expect(isoToSerial('2024-06-10T12:00:00')).toBe(45453.5);
    expect(isoToSerial('1900-01-01')).toBe(1);
    expect(isoToSerial('1900-02-28')).toBe(59);
    expect(isoToSerial('1900-03-01')).toBe(61);
    expect(isoToSerial('2024/06/10')).toBeUndefined();
  });

  test('cell and range names', () => {
    expect(columnIndex('A')).toBe(0);
    expect(columnIndex('AA')).toBe(26);
    expect(columnIndex('XFD')).toBe(16383);
    expect(columnName(0)).toBe('A');
    expect(columnName(25)).toBe('Z');
    expect(columnName(26)).toBe('AA');
    expect(columnName(16383)).toBe('XFD');
    expect(cellName(2, 1)).toBe('B3');
    expect(parseRange('$B$3:L20')).toEqual({ firstRow: 2, firstCol: 1, lastRow: 19, lastCol: 11 });
    expect(parseRange('C5')).toEqual({ firstRow: 4, firstCol: 2, lastRow: 4, lastCol: 2 });
    expect(parseRange('not a range')).toBeUndefined();
  });

  test('readZip reads stored and deflated entries and rejects what is not a zip', async () => {
    const zip = new JSZip();
    zip.file('a.txt', '客户'.repeat(1000), { compression: 'DEFLATE' });
    zip.file('b.txt', 'stored', { compression: 'STORE' });
    const archive = readZip(await zip.generateAsync({ type: 'uint8array' }))!;
    expect(await archive.readText('a.txt')).toBe('客户'.repeat(1000));
    expect(await archive.readText('b.txt')).toBe('stored');
    expect(await archive.readText('missing.txt')).toBeUndefined();
    expect(readZip(new TextEncoder().encode('PK not really a zip'))).toBeNull();
  });
});
