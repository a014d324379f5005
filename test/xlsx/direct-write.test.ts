/**
 * The direct writer on packages the fixture builders do not make: written by hand as
 * SpreadsheetML, the way other tools save them — without shared strings or styles, with a
 * namespace prefix, rows and cells without references, stored (uncompressed) entries, a zip64
 * central directory, formulas and a calculation chain in a managed column. Each comes out
 * readable, passing the OOXML check, with every untouched part copied still compressed; what
 * the direct writer refuses goes to the excelize writer and still comes out right.
 */
import * as zlib from 'node:zlib';
import { RULES_SHEET } from '../../src/engine/managed-sheets';
import { readWorkbook } from '../../src/xlsx/read';
import { writeWorkbook, writerUse, type SheetWrite } from '../../src/xlsx/write';
import { MINIMAL_STYLES } from '../../src/xlsx/styles-xml';
import { openPackage, rawData } from '../../src/xlsx/zip-package';
import { buildWorkbook } from '../fixtures/build';
import { bigEvaluationWorkbook } from '../helpers/big-workbook';
import { part, zip } from '../helpers/hostile';
import { checkPackage } from '../helpers/ooxml-check';
import { unzipText } from './spec';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const encode = (s: string) => new TextEncoder().encode(s);

interface RawSheet {
  name: string;
  xml: string;
}

/** A package of the given sheets and optional parts, as hand-written XML; `stored` entries are not compressed. */
async function rawWorkbook(sheets: RawSheet[], extra: { sst?: string; styles?: string; calcChain?: string; stored?: boolean } = {}): Promise<Uint8Array> {
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>`,
    ...sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`),
    ...(extra.sst ? [`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>`] : []),
    ...(extra.styles ? [`<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>`] : []),
    ...(extra.calcChain ? [`<Override PartName="/xl/calcChain.xml" ContentType="${CT}.calcChain+xml"/>`] : []),
  ];
  const rels = [
    ...sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`),
    ...(extra.sst ? [`<Relationship Id="rId20" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`] : []),
    ...(extra.styles ? [`<Relationship Id="rId21" Type="${REL}/styles" Target="styles.xml"/>`] : []),
    ...(extra.calcChain ? [`<Relationship Id="rId22" Type="${REL}/calcChain" Target="calcChain.xml"/>`] : []),
  ];
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`,
    ],
    [
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">${rels.join('')}</Relationships>`],
    ...sheets.map((s, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, s.xml]),
    ...(extra.sst ? [['xl/sharedStrings.xml', extra.sst] as [string, string]] : []),
    ...(extra.styles ? [['xl/styles.xml', extra.styles] as [string, string]] : []),
    ...(extra.calcChain ? [['xl/calcChain.xml', extra.calcChain] as [string, string]] : []),
  ];
  const parts = await Promise.all(files.map(([name, xml]) => part(name, [encode(xml)])));
  const bytes = zip(parts);
  return extra.stored ? storedCopy(bytes) : bytes;
}

/** The same package with every entry stored (method 0) instead of deflated. */
function storedCopy(bytes: Uint8Array): Uint8Array {
  const pkg = openPackage(bytes);
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of pkg.entries) {
    const data = zlib.inflateRawSync(rawData(pkg, entry));
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt32LE(entry.crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(entry.nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt32LE(entry.crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(entry.nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    local.push(head, Buffer.from(entry.nameBytes), data);
    central.push(dir, Buffer.from(entry.nameBytes));
    offset += 30 + entry.nameBytes.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(pkg.entries.length, 8);
  end.writeUInt16LE(pkg.entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, cd, end]));
}

/** The entries whose compressed bytes are the same in both packages. */
function unchangedEntries(before: Uint8Array, after: Uint8Array): string[] {
  const a = openPackage(before);
  const b = openPackage(after);
  return a.entries
    .filter((e) => {
      const other = b.byName.get(e.name);
      return other !== undefined && other.method === e.method && Buffer.from(rawData(a, e)).equals(Buffer.from(rawData(b, other)));
    })
    .map((e) => e.name);
}

const inline = (ref: string, text: string, s = '') => `<c r="${ref}"${s} t="inlineStr"><is><t>${text}</t></is></c>`;
const customers = (prefix = '') =>
  `<${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="${NS}"><${prefix}dimension ref="A1:B3"/><${prefix}sheetData>` +
  `<${prefix}row r="1">${inline('A1', '客户名称').replace(/<(\/?)(c|is|t)\b/g, `<$1${prefix}$2`)}${inline('B1', '金额').replace(/<(\/?)(c|is|t)\b/g, `<$1${prefix}$2`)}</${prefix}row>` +
  `<${prefix}row r="2">${inline('A2', '甲').replace(/<(\/?)(c|is|t)\b/g, `<$1${prefix}$2`)}<${prefix}c r="B2"><${prefix}v>1</${prefix}v></${prefix}c></${prefix}row>` +
  `<${prefix}row r="3">${inline('A3', '乙').replace(/<(\/?)(c|is|t)\b/g, `<$1${prefix}$2`)}<${prefix}c r="B3"><${prefix}v>2</${prefix}v></${prefix}c></${prefix}row>` +
  `</${prefix}sheetData></${prefix}worksheet>`;

function scoreColumns(sheet = '客户'): SheetWrite {
  return {
    sheet,
    columns: [
      {
        col: 2,
        headerRow: 0,
        header: '综合得分',
        numberFormat: '0.0',
        values: [
          { row: 1, value: 85.5 },
          { row: 2, value: -0 },
        ],
      },
      {
        col: 3,
        headerRow: 0,
        header: '客户等级',
        values: [
          { row: 1, value: '重点客户', fill: 'C6EFCE' },
          { row: 2, value: '观察客户', fill: 'FFC7CE' },
        ],
      },
    ],
  };
}

async function write(data: Uint8Array, writes: SheetWrite[], store = true): Promise<{ out: Uint8Array; direct: boolean }> {
  const before = writerUse.excelize;
  const out = await writeWorkbook(
    data,
    writes,
    store
      ? [
          {
            sheet: RULES_SHEET,
            cells: [
              { row: 0, col: 0, value: 'customer-scoring-rules' },
              { row: 0, col: 1, value: 1 },
            ],
            visibility: 'veryHidden',
          },
        ]
      : [],
  );
  return { out, direct: writerUse.excelize === before };
}

describe('the direct writer on packages written by other tools', () => {
  it('a workbook without shared strings or styles: both are created, registered and used', async () => {
    const data = await rawWorkbook([{ name: '客户', xml: customers() }]);
    const { out, direct } = await write(data, [scoreColumns()]);
    expect(direct).toBe(true);
    expect(await checkPackage(out, { veryHidden: RULES_SHEET })).toEqual([]);
    const [sheet, store] = await readWorkbook(out);
    expect(sheet!.rows).toEqual([
      ['客户名称', '金额', '综合得分', '客户等级'],
      ['甲', 1, 85.5, '重点客户'],
      ['乙', 2, 0, '观察客户'],
    ]);
    expect(store!.rows).toEqual([['customer-scoring-rules', 1]]);
    const parts = await unzipText(out);
    expect(parts.get('[Content_Types].xml')).toContain(`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>`);
    expect(parts.get('[Content_Types].xml')).toContain(`<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>`);
    // The score cells carry the 0.0 format, the tier cells their fills.
    expect(parts.get('xl/styles.xml')).toContain('<numFmt numFmtId="164" formatCode="0.0"/>');
    expect(parts.get('xl/styles.xml')).toMatch(/<fgColor rgb="FFC6EFCE"\/>[\s\S]*<fgColor rgb="FFFFC7CE"\/>/);
    expect(parts.get('xl/worksheets/sheet1.xml')).toMatch(/<c r="C2" s="1"><v>85\.5<\/v><\/c><c r="D2" s="2" t="s"><v>\d+<\/v><\/c>/);
  });

  it('a namespace prefix on every element (x:worksheet, x:row, x:c) is kept and used for the new cells', async () => {
    const data = await rawWorkbook([{ name: '客户', xml: customers('x:') }]);
    const { out, direct } = await write(data, [scoreColumns()], false);
    expect(direct).toBe(true);
    expect(await checkPackage(out)).toEqual([]);
    const xml = (await unzipText(out)).get('xl/worksheets/sheet1.xml')!;
    expect(xml).toMatch(/<x:c r="C2" s="\d+"><x:v>85\.5<\/x:v><\/x:c>/);
    expect(xml).toContain('<x:dimension ref="A1:D3"/>');
    expect((await readWorkbook(out))[0]!.rows[1]).toEqual(['甲', 1, 85.5, '重点客户']);
  });

  it('rows and cells without references: the rewritten rows get them, the others stay as they were', async () => {
    const xml =
      `<worksheet xmlns="${NS}"><sheetData><row><c t="inlineStr"><is><t>客户名称</t></is></c><c t="inlineStr"><is><t>金额</t></is></c></row>` +
      '<row><c t="inlineStr"><is><t>甲</t></is></c><c><v>1</v></c></row><row><c t="inlineStr"><is><t>乙</t></is></c><c><v>2</v></c></row>' +
      '<row><c t="inlineStr"><is><t>备注</t></is></c></row></sheetData></worksheet>';
    const { out, direct } = await write(await rawWorkbook([{ name: '客户', xml }]), [scoreColumns()], false);
    expect(direct).toBe(true);
    expect(await checkPackage(out)).toEqual([]);
    expect((await readWorkbook(out))[0]!.rows).toEqual([
      ['客户名称', '金额', '综合得分', '客户等级'],
      ['甲', 1, 85.5, '重点客户'],
      ['乙', 2, 0, '观察客户'],
      ['备注', null, null, null],
    ]);
    expect((await unzipText(out)).get('xl/worksheets/sheet1.xml')).toContain('<row><c t="inlineStr"><is><t>备注</t></is></c></row>');
  });

  it('rows the sheet does not have yet are inserted in order; cells the row lacks in column order', async () => {
    const xml =
      `<worksheet xmlns="${NS}"><dimension ref="A1:E5"/><sheetData><row r="1">${inline('A1', '客户名称')}${inline('E1', '备注')}</row>` +
      `<row r="2">${inline('A2', '甲')}${inline('E2', '老客户')}</row><row r="5">${inline('A5', '合计')}</row></sheetData></worksheet>`;
    const columns: SheetWrite = {
      sheet: '客户',
      columns: [
        {
          col: 2,
          headerRow: 0,
          header: '综合得分',
          values: [
            { row: 1, value: 1 },
            { row: 2, value: 2 },
            { row: 3, value: 3 },
            { row: 6, value: 6 },
          ],
        },
      ],
    };
    const { out, direct } = await write(await rawWorkbook([{ name: '客户', xml }]), [columns], false);
    expect(direct).toBe(true);
    expect(await checkPackage(out)).toEqual([]);
    expect((await readWorkbook(out))[0]!.rows.map((r) => [r[0], r[2], r[4]])).toEqual([
      ['客户名称', '综合得分', '备注'],
      ['甲', 1, '老客户'],
      [null, 2, null],
      [null, 3, null],
      ['合计', null, null],
      [null, null, null],
      [null, 6, null],
    ]);
  });

  it('text XML cannot carry is escaped the way Excel reads it back', async () => {
    const texts = ['<a & b>', '  前后空格  ', '第一行\r\n第二行', 'tab\there', '_x0041_ stays', 'bell\u0007', '😀 emoji'];
    const columns: SheetWrite = {
      sheet: '客户',
      columns: [{ col: 2, headerRow: 0, header: '备注 & 说明', values: texts.map((value, i) => ({ row: i + 1, value })) }],
    };
    const { out, direct } = await write(await rawWorkbook([{ name: '客户', xml: customers() }]), [columns], false);
    expect(direct).toBe(true);
    expect(await checkPackage(out)).toEqual([]);
    expect((await readWorkbook(out))[0]!.rows.map((r) => r[2])).toEqual(['备注 & 说明', ...texts]);
  });

  it('stored (uncompressed) entries: the untouched ones are copied stored, byte for byte', async () => {
    const data = await rawWorkbook(
      [
        { name: '客户', xml: customers() },
        { name: '其他', xml: `<worksheet xmlns="${NS}"><sheetData><row r="1">${inline('A1', '不动')}</row></sheetData></worksheet>` },
      ],
      { stored: true },
    );
    expect(openPackage(data).entries.every((e) => e.method === 0)).toBe(true);
    const { out, direct } = await write(data, [scoreColumns()], false);
    expect(direct).toBe(true);
    expect(await checkPackage(out)).toEqual([]);
    // The workbook's relationships and content types gain the shared strings and styles it lacked.
    expect(unchangedEntries(data, out)).toEqual(['_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet2.xml']);
    expect(
      openPackage(out)
        .entries.filter((e) => e.method === 0)
        .map((e) => e.name),
    ).toEqual(['_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet2.xml']);
    expect((await readWorkbook(out))[1]!.rows).toEqual([['不动']]);
  });

  it('a zip64 package is read; the copy is a plain zip with every untouched part still compressed as it was', async () => {
    const data = await bigEvaluationWorkbook(30, { zip64: true });
    const write0: SheetWrite = {
      sheet: '客户评估',
      columns: [{ col: 14, headerRow: 2, header: '综合得分', numberFormat: '0.0', values: Array.from({ length: 30 }, (_, i) => ({ row: 3 + i, value: i })) }],
      table: { name: '客户评估表', range: 'A3:O33' },
    };
    const { out, direct } = await write(data, [write0]);
    expect(direct).toBe(true);
    expect(await checkPackage(out, { veryHidden: RULES_SHEET })).toEqual([]);
    expect(unchangedEntries(data, out)).toEqual(['_rels/.rels', 'xl/worksheets/_rels/sheet1.xml.rels', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml']);
    const [evaluation] = await readWorkbook(out);
    expect(evaluation!.rows.slice(2, 6).map((r) => r[14])).toEqual(['综合得分', 0, 1, 2]);
    expect(evaluation!.tables).toEqual([{ name: '客户评估表', range: 'A3:O33' }]);
  });

  it('every part the write does not touch is copied still compressed, byte for byte (a workbook with charts, image, comments)', async () => {
    const { MAIN, SPEC } = await import('./spec');
    const data = await buildWorkbook(SPEC);
    const { out, direct } = await write(data, [
      { sheet: MAIN, columns: [{ col: 7, headerRow: 1, header: '综合得分', values: [{ row: 2, value: 1 }] }], table: { name: '客户表', range: 'A2:H6' } },
    ]);
    expect(direct).toBe(true);
    const changed = openPackage(data)
      .entries.map((e) => e.name)
      .filter((n) => !unchangedEntries(data, out).includes(n));
    expect(changed.sort()).toEqual(
      [
        '[Content_Types].xml',
        'xl/_rels/workbook.xml.rels',
        'xl/sharedStrings.xml',
        'xl/tables/table1.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ].sort(),
    );
  });

  it('a formula overwritten in a managed column takes the calculation chain with it', async () => {
    const xml =
      `<worksheet xmlns="${NS}"><dimension ref="A1:C4"/><sheetData><row r="1">${inline('A1', '客户名称')}${inline('B1', '金额')}${inline('C1', '综合得分')}</row>` +
      `<row r="2">${inline('A2', '甲')}<c r="B2"><v>1</v></c><c r="C2"><f>B2*10</f><v>10</v></c></row>` +
      `<row r="3">${inline('A3', '乙')}<c r="B3"><v>2</v></c><c r="C3"><f>B3*10</f><v>20</v></c></row>` +
      `<row r="4"><c r="B4"><f>SUM(B2:B3)</f><v>3</v></c></row></sheetData></worksheet>`;
    const calcChain = `<calcChain xmlns="${NS}"><c r="C2" i="1"/><c r="C3"/><c r="B4"/></calcChain>`;
    const data = await rawWorkbook([{ name: '客户', xml }], { calcChain });
    expect(await checkPackage(data)).toEqual([]);
    const columns: SheetWrite = {
      sheet: '客户',
      columns: [
        {
          col: 2,
          headerRow: 0,
          header: '综合得分',
          values: [
            { row: 1, value: 55 },
            { row: 2, value: 66 },
          ],
        },
      ],
    };
    const { out, direct } = await write(data, [columns], false);
    expect(direct).toBe(true);
    expect(await checkPackage(out)).toEqual([]);
    const parts = await unzipText(out);
    expect(parts.has('xl/calcChain.xml')).toBe(false);
    expect(parts.get('xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
    expect(parts.get('[Content_Types].xml')).not.toContain('calcChain');
    expect(parts.get('xl/worksheets/sheet1.xml')).toContain('<c r="B4"><f>SUM(B2:B3)</f><v>3</v></c>');
    expect((await readWorkbook(out))[0]!.rows.map((r) => r[2])).toEqual(['综合得分', 55, 66, null]);
  });

  it('a shared formula whose master a managed column would overwrite while cells it covers stay: the excelize writer does it', async () => {
    const xml =
      `<worksheet xmlns="${NS}"><sheetData><row r="1">${inline('A1', '客户名称')}${inline('B1', '综合得分')}</row>` +
      `<row r="2">${inline('A2', '甲')}<c r="B2"><f t="shared" ref="B2:B4" si="0">ROW()</f><v>2</v></c></row>` +
      `<row r="3">${inline('A3', '乙')}<c r="B3"><f t="shared" si="0"/><v>3</v></c></row>` +
      '<row r="4"><c r="B4"><f t="shared" si="0"/><v>4</v></c></row></sheetData></worksheet>';
    const data = await rawWorkbook([{ name: '客户', xml }], { styles: MINIMAL_STYLES }); // excelize needs a style sheet
    expect(await checkPackage(data)).toEqual([]);
    const columns: SheetWrite = {
      sheet: '客户',
      columns: [
        {
          col: 1,
          headerRow: 0,
          header: '综合得分',
          values: [
            { row: 1, value: 90 },
            { row: 2, value: 80 },
          ],
        },
      ],
    };
    const { out, direct } = await write(data, [columns], false);
    expect(direct).toBe(false);
    expect(writerUse.lastFallback).toMatch(/shared formula over B2:B4/);
    expect((await readWorkbook(out))[0]!.rows.slice(1).map((r) => r[1])).toEqual([90, 80, 4]);
  });

  it('an existing header held as an inline string is an existing column: its text stays', async () => {
    const xml = customers().replace('</row><row r="2">', `${inline('C1', '得分')}</row><row r="2">`);
    const columns: SheetWrite = {
      sheet: '客户',
      columns: [
        {
          col: 2,
          headerRow: 0,
          header: '综合得分',
          values: [
            { row: 1, value: 1 },
            { row: 2, value: 2 },
          ],
        },
      ],
    };
    const { out, direct } = await write(await rawWorkbook([{ name: '客户', xml }]), [columns], false);
    expect(direct).toBe(true);
    expect((await readWorkbook(out))[0]!.rows.map((r) => r[2])).toEqual(['得分', 1, 2]);
    expect((await unzipText(out)).get('xl/worksheets/sheet1.xml')).not.toContain('<cols>'); // no width for a column that was there
  });
});
