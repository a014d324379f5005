/** The workbook most .xlsx tests start from, and small helpers to look inside packages. */
import JSZip from 'jszip';
import type { FixtureSpec } from '../fixtures/build';

export const MAIN = '客户评估表';
export const NOTES = '说明';

export const SPEC: FixtureSpec = {
  sheets: [
    {
      name: MAIN,
      rows: [
        ['2024年客户评估（示例）'],
        ['客户名称', '年交易额（万元）', '回款及时率', '客户编号', '最近交易日期', '是否VIP', '信用等级'],
        ['华为技术', 120, 0.98, '00123', { date: '2024-06-10' }, true, 'AAA'],
        ['小米科技', 80.5, 0.9, '456', { date: '2024-03-01' }, false, 'AA'],
        ['比亚迪', 200, { formula: '1-0.05', result: 0.95 }, '789', { date: '2023-12-31' }, true, 'A'],
        ['  宁德时代 ', 50, '95%', '1e3', null, false, 'AA'],
        [],
        ['合计', { formula: 'SUM(B3:B6)', result: 450.5 }],
      ],
      merges: ['A1:G1'],
      table: { name: '客户表', range: 'A2:G6' },
      chart: { type: 'bar', anchor: 'N2', categories: `'${MAIN}'!$A$3:$A$6`, values: `'${MAIN}'!$B$3:$B$6`, title: '年交易额' },
      image: { anchor: 'L10' },
      validation: { range: 'G3:G6', list: ['AAA', 'AA', 'A'] },
      comment: { cell: 'A3', text: '重点客户，季度回访' },
      styles: [
        { range: 'A2:G2', bold: true, fill: 'DDEBF7' },
        { range: 'C3:C6', numFmt: '0.0%' },
      ],
      columnWidths: [{ col: 'A', width: 20 }],
    },
    {
      name: NOTES,
      rows: [
        ['等级', '人数'],
        ['战略级客户', 1],
        ['重点客户', 2],
        ['潜力客户', 3],
        ['观察客户', 4],
        ['合计', { formula: 'SUM(B2:B5)', result: 10 }],
        [
          { formula: 'NA()', result: '#N/A' },
          { formula: 'A2&"(说明)"', result: '战略级客户(说明)' },
        ],
      ],
      chart: { type: 'col', anchor: 'D2', categories: `'${NOTES}'!$A$2:$A$5`, values: `'${NOTES}'!$B$2:$B$5`, title: '各等级人数' },
    },
  ],
  definedNames: [
    { name: '评分区', refersTo: `'${MAIN}'!$A$2:$G$6` },
    { name: '等级表', refersTo: `'${NOTES}'!$A$1:$B$5` },
  ],
};

/** What readWorkbook must return for SPEC's first sheet. */
export const MAIN_GRID = [
  ['2024年客户评估（示例）', null, null, null, null, null, null],
  ['客户名称', '年交易额（万元）', '回款及时率', '客户编号', '最近交易日期', '是否VIP', '信用等级'],
  ['华为技术', 120, 0.98, '00123', 45453, true, 'AAA'],
  ['小米科技', 80.5, 0.9, '456', 45352, false, 'AA'],
  ['比亚迪', 200, 0.95, '789', 45291, true, 'A'],
  ['  宁德时代 ', 50, '95%', '1e3', null, false, 'AA'],
  [null, null, null, null, null, null, null],
  ['合计', 450.5, null, null, null, null, null],
];

export const NOTES_GRID = [
  ['等级', '人数'],
  ['战略级客户', 1],
  ['重点客户', 2],
  ['潜力客户', 3],
  ['观察客户', 4],
  ['合计', 10],
  ['#N/A', '战略级客户(说明)'],
];

/** Every file of a package (directories left out) as text, by entry name. */
export async function unzipText(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir) out.set(name, await entry.async('string'));
  }
  return out;
}

/** Every file of a package as bytes (for images). */
export async function unzipBytes(bytes: Uint8Array, name: string): Promise<Uint8Array | undefined> {
  const entry = (await JSZip.loadAsync(bytes)).file(name);
  return entry ? entry.async('uint8array') : undefined;
}

/** A worksheet's XML without the parts a column write legitimately changes. */
export function sheetXmlOutsideCells(xml: string): string {
  return xml
    .replace(/<sheetData[\s\S]*<\/sheetData>|<sheetData\/>/, '<sheetData/>')
    .replace(/<dimension[^>]*?(\/>|><\/dimension>)/, '')
    .replace(/<cols>[\s\S]*?<\/cols>/, '');
}

/** The `<sheetData>` element of a worksheet's XML. */
export function sheetData(xml: string): string {
  return /<sheetData[\s\S]*<\/sheetData>/.exec(xml)?.[0] ?? '';
}
