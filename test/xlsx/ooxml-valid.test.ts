/**
 * Every workbook the tests build, scored by the `score` command (scoreFile) and scored again
 * on its own output, is a package Excel opens as it is: test/helpers/ooxml-check.ts checks
 * the rules Excel enforces (well-formed parts, content types and relationships, rows and
 * cells in order, `<dimension>`, style and shared string indexes, tables against their header
 * cells, shared formulas, the very hidden rules sheet registered). The input is checked too,
 * so that what is found is the writer's doing. And every one of them went through the direct
 * writer, not the excelize fallback.
 *
 * The checker itself is shown to catch each rule on a package broken by hand, the rules of
 * the drawings and charts the command adds (the charts sheet) included.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { RULES_SHEET } from '../../src/engine/managed-sheets';
import { serialFromIso } from '../../src/engine/parse';
import { scoreFile, type ScoreFileOptions } from '../../src/xlsx/score-file';
import { writeWorkbook, writerUse } from '../../src/xlsx/write';
import { buildWorkbook } from '../fixtures/build';
import { LIBREOFFICE_FILES } from '../fixtures/files/make';
import { buildSeedWorkbook, SEED_AS_OF, SEED_FIXTURES } from '../fixtures/seeds';
import { totalsTableWorkbook, twoRowHeaderSpec } from '../fixtures/tables';
import { evaluationWorkbook, gradingWorkbook, seed002Workbook } from '../fixtures/workbooks';
import { chartsOnSheet, sheetPart } from '../helpers/charts';
import { checkPackage, parseXml } from '../helpers/ooxml-check';
import { MAIN, SPEC } from './spec';

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'ooxml-valid-'));
const asOf = serialFromIso(SEED_AS_OF)!;

interface Case {
  name: string;
  bytes: () => Promise<Uint8Array>;
  options?: Partial<ScoreFileOptions>;
}

const fileBytes = (file: string) => async () => new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'files', file)));

const CASES: Case[] = [
  { name: 'evaluationWorkbook (workbooks.ts)', bytes: () => buildWorkbook(evaluationWorkbook), options: { preset: 'evaluation' } },
  { name: 'evaluationWorkbook with --breakdown', bytes: () => buildWorkbook(evaluationWorkbook), options: { preset: 'evaluation', breakdown: true } },
  { name: 'gradingWorkbook (workbooks.ts)', bytes: () => buildWorkbook(gradingWorkbook) },
  {
    name: 'seed002Workbook (workbooks.ts)',
    bytes: () => buildWorkbook(seed002Workbook),
    options: { without: ['industryGrowth', 'budgetGrowth', 'referrals', 'complaints'] },
  },
  { name: 'the totals-row table (tables.ts)', bytes: totalsTableWorkbook, options: { preset: 'evaluation' } },
  { name: 'the two-row header (tables.ts)', bytes: () => buildWorkbook(twoRowHeaderSpec), options: { preset: 'evaluation' } },
  ...SEED_FIXTURES.map((f): Case => ({ name: `${f.name} (seeds.ts)`, bytes: () => buildSeedWorkbook(f.workbook), options: { preset: f.expected.preset } })),
  ...LIBREOFFICE_FILES.map(({ fixture, file }): Case => ({ name: `${file} (files/)`, bytes: fileBytes(file), options: { preset: fixture.expected.preset } })),
];

async function score(input: Uint8Array, name: string, options: Partial<ScoreFileOptions> = {}): Promise<Uint8Array> {
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '_')}.xlsx`);
  writeFileSync(path, input);
  const out = path.replace(/\.xlsx$/, '.scored.xlsx');
  await scoreFile({ input: path, out, asOf, lang: 'zh-CN', now: new Date('2024-06-30T08:00:00Z'), ...options });
  return new Uint8Array(readFileSync(out));
}

describe('every fixture, scored and scored again, opens in Excel as it is', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (name, { bytes, options }) => {
    const input = await bytes();
    expect(await checkPackage(input)).toEqual([]);
    const fallbacks = writerUse.excelize;
    const once = await score(input, name, options);
    expect(await checkPackage(once, { veryHidden: RULES_SHEET })).toEqual([]);
    const twice = await score(once, `${name}.again`, options);
    expect(await checkPackage(twice, { veryHidden: RULES_SHEET })).toEqual([]);
    expect(writerUse.excelize).toBe(fallbacks);
  });
});

describe('the checker finds what Excel refuses', () => {
  let good: Uint8Array;
  beforeAll(async () => {
    // The .xlsx tests' workbook with a score column in its table and a rules sheet, as the writer makes them.
    good = await writeWorkbook(
      await buildWorkbook(SPEC),
      [
        {
          sheet: MAIN,
          table: { name: '客户表', range: 'A2:H6' },
          columns: [{ col: 7, headerRow: 1, header: '综合得分', numberFormat: '0.0', values: [2, 3, 4, 5].map((row) => ({ row, value: row * 10 })) }],
        },
      ],
      [{ sheet: RULES_SHEET, cells: [{ row: 0, col: 0, value: 'customer-scoring-rules' }], visibility: 'veryHidden' }],
    );
    expect(await checkPackage(good, { veryHidden: RULES_SHEET })).toEqual([]);
  });

  async function broken(edit: (parts: Map<string, string>) => void, remove: string[] = []): Promise<string[]> {
    const zip = await JSZip.loadAsync(good);
    const parts = new Map<string, string>();
    for (const [name, file] of Object.entries(zip.files)) if (!file.dir && /\.(xml|rels)$/.test(name)) parts.set(name, await file.async('string'));
    edit(parts);
    for (const [name, text] of parts) zip.file(name, text);
    for (const name of remove) zip.remove(name);
    return checkPackage(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), { veryHidden: RULES_SHEET });
  }
  const sheet1 = 'xl/worksheets/sheet1.xml';
  const change = (name: string, from: RegExp | string, to: string) => (parts: Map<string, string>) => {
    const text = parts.get(name)!;
    const next = text.replace(from, to);
    expect(next).not.toBe(text);
    parts.set(name, next);
  };

  it.each([
    ['a part that is not well-formed', change(sheet1, '</sheetData>', '</sheetdata>'), /sheet1\.xml is not well-formed XML/],
    ['a bare ampersand', change(sheet1, '<sheetData>', '<sheetData>&'), /not well-formed XML: .*bare “&”/],
    ['cells out of column order', change(sheet1, /<c r="B3"/, '<c r="I3"'), /cell C3 after column 9 in row 3/],
    ['a cell on another row', change(sheet1, /<c r="B3"/, '<c r="B4"'), /cell B4 inside row 3/],
    [
      'cells outside the SpreadsheetML namespace',
      change(sheet1, /<row r="3"/, '<row xmlns="urn:other" r="3"'),
      /<row>, <c>, <v> outside the SpreadsheetML namespace/,
    ],
    ['rows out of order', change(sheet1, /<row r="4"/, '<row r="2"'), /row 2 after row 3/],
    ['a style beyond cellXfs', change(sheet1, /<c r="C3" s="\d+"/, '<c r="C3" s="999"'), /cell C3 has style 999/],
    ['a shared string beyond the table', change(sheet1, /(<c r="A3"[^>]*t="s"[^>]*><v>)\d+/, '$19999'), /A3 uses shared string 9999/],
    ['a dimension that misses cells', change(sheet1, /<dimension ref="[^"]+"/, '<dimension ref="A1:B2"'), /<dimension ref="A1:B2"> does not cover/],
    ['a table column under another header', change('xl/tables/table1.xml', /name="综合得分"/, 'name="得分"'), /column “得分” under the header cell “综合得分”/],
    ['a table range wider than its columns', change('xl/tables/table1.xml', /ref="A2:H6"/, 'ref="A2:I6"'), /8 table columns for a range 9 wide/],
    [
      'a shared formula without its master',
      change(sheet1, /<c r="B8"([^>]*)><f>[^<]*<\/f>/, '<c r="B8"$1><f t="shared" si="7"/>'),
      /shared formula 7 .* has no master/,
    ],
    ['cols out of order', change(sheet1, /<cols>/, '<cols><col min="30" max="30" width="5" customWidth="1"/>'), /<col min="\d+" max="\d+"> after column 30/],
    [
      'an element out of the schema’s order',
      change(sheet1, /(<sheetFormatPr[^>]*?\/>|<sheetFormatPr[^>]*>[^<]*<\/sheetFormatPr>)(<cols>[\s\S]*?<\/cols>)/, '$2$1'),
      /<sheetFormatPr> after <cols>/,
    ],
    [
      'a relationship to nowhere',
      change(
        'xl/_rels/workbook.xml.rels',
        '</Relationships>',
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/none.xml"/></Relationships>',
      ),
      /rId99 points at xl\/theme\/none\.xml/,
    ],
    [
      'a part without a content type',
      change('[Content_Types].xml', /<Override PartName="\/xl\/tables\/table1\.xml"[^>]*(\/>|><\/Override>)/, ''),
      /xl\/tables\/table1\.xml \(table of xl\/worksheets\/sheet1\.xml\) has content type application\/xml/,
    ],
    ['the rules sheet not very hidden', change('xl/workbook.xml', 'state="veryHidden"', 'state="hidden"'), /“_CustomerScoring” is hidden, not veryHidden/],
    ['a cellXfs count that lies', change('xl/styles.xml', /<cellXfs count="\d+"/, '<cellXfs count="1"'), /<cellXfs count="1"> holds/],
  ] as const)('%s', async (_, edit, problem) => {
    expect((await broken(edit)).join('\n')).toMatch(problem);
  });

  it('a part named in the content types but missing', async () => {
    expect((await broken(() => undefined, ['xl/tables/table1.xml'])).join('\n')).toMatch(/override for \/xl\/tables\/table1\.xml, which is not in the package/);
  });

  it('the XML parser: what is and is not well-formed', () => {
    expect(parseXml('<?xml version="1.0"?>\n<a x="1" y=\'2\'><b>t &amp; &#x4e2d;</b><c/><!-- n --></a>').children.map((c) => [c.name, c.text])).toEqual([
      ['b', 't & 中'],
      ['c', ''],
    ]);
    for (const bad of ['<a><b></a>', '<a x="1" x="2"/>', '<a/><b/>', '<a>&nbsp;</a>', '<a x=1/>', '<a>\u0001</a>', '<!DOCTYPE a><a/>', '<a>']) {
      expect(() => parseXml(bad)).toThrow();
    }
  });
});

describe('the checker finds broken drawings and charts', () => {
  let good: Uint8Array;
  let chartsSheet: string;
  let radar: string;
  let drawing: string;
  beforeAll(async () => {
    // The workbook has a chart of the user's: the scoring charts are parts of their own, found by name.
    good = await score(await buildWorkbook(evaluationWorkbook), 'charts-checker', { preset: 'evaluation' });
    expect(await checkPackage(good, { veryHidden: RULES_SHEET })).toEqual([]);
    chartsSheet = (await sheetPart(good, '评分图表'))!;
    radar = (await chartsOnSheet(good, '评分图表'))[0]!.chartPath;
    const zip = await JSZip.loadAsync(good);
    for (const name of Object.keys(zip.files))
      if (/^xl\/drawings\/drawing\d+\.xml$/.test(name) && (await zip.file(name)!.async('string')).includes('CustomerScoring.Radar')) drawing = name;
  });

  async function broken(name: () => string, from: RegExp | string, to: string): Promise<string> {
    const zip = await JSZip.loadAsync(good);
    const text = await zip.file(name())!.async('string');
    const next = text.replace(from, to);
    expect(next).not.toBe(text);
    zip.file(name(), next);
    return (await checkPackage(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }))).join('\n');
  }
  const chart1 = () => radar;
  const drawing1 = () => drawing;

  it.each([
    ['a chart element out of the schema’s order', chart1, '<c:plotArea>', '<c:plotVisOnly val="1"/><c:plotArea>', /<plotArea> after <plotVisOnly> in <chart>/],
    ['a series element out of order', chart1, /(<c:marker>[\s\S]*?<\/c:marker>)(<c:cat>[\s\S]*?<\/c:cat>)/, '$2$1', /<marker> after <cat> in <ser>/],
    [
      'a series on a sheet the workbook lacks',
      chart1,
      /'评分图表'!\$A\$4/,
      "'无此表'!$A$4",
      /“'无此表'!\$A\$4:\$A\$8” does not name a range of a sheet of the workbook/,
    ],
    [
      'a cache that miscounts its range',
      chart1,
      /(<c:cat><c:strRef><c:f>[^<]*<\/c:f><c:strCache>)<c:ptCount val="5"\/>/,
      '$1<c:ptCount val="9"/>',
      /counts 9 points for 5 cells/,
    ],
    [
      'an axis crossing one the plot lacks',
      chart1,
      '<c:crossAx val="100000001"/>',
      '<c:crossAx val="100000009"/>',
      /crosses axis 100000009, which the plot area lacks/,
    ],
    ['a drawing element naming no drawing', () => chartsSheet, /(<drawing [^>]*r:id=")rId1"/, '$1rId9"', /<drawing> names rId9, not a drawing relationship/],
    ['two drawing objects with one id', drawing1, 'id="3" name="CustomerScoring.Bar"', 'id="2" name="CustomerScoring.Bar"', /drawing object id 2 twice/],
    ['a chart frame naming no chart', drawing1, /r:id="rId2"\/>/, 'r:id="rId7"/>', /chart “CustomerScoring\.Bar” names rId7, not a chart relationship/],
    [
      'an anchor that ends before it starts',
      drawing1,
      '<xdr:to><xdr:col>16</xdr:col>',
      '<xdr:to><xdr:col>3</xdr:col>',
      /an anchor from column 7, row 2 to column 3, row 22/,
    ],
  ] as const)('%s', async (_, part, from, to, problem) => {
    expect(await broken(part, from, to)).toMatch(problem);
  });
});
