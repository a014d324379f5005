/**
 * Values as Excel stores them, office-js side: number formats read in the same sync as the
 * values (scan samples and table reads), the workbook's date system, and the first data rows
 * of an Excel table that lies outside the top rows the scan reads.
 */
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps } from '../../src/excel/ops';
import { allPresets, getPreset } from '../../src/presets';
import { replaceZipEntries } from '../../src/xlsx/zip-patch';
import { buildWorkbook, type FixtureCell } from '../fixtures/build';
import { zipText } from '../helpers/zip';
import { serial } from '../helpers/grid';

jest.setTimeout(60_000);

const AS_OF = serial('2024-06-30');
const HEADER = [
  '客户名称',
  '合作时长',
  '所属行业增长潜力',
  '年均交易频次',
  '回款及时率',
  '满意度评分',
  '投诉解决及时率',
  '复购率',
  '新产品/服务尝试意愿',
  '客户信用等级',
  '合同履约率',
];
const ROW: FixtureCell[] = ['华东精密', 3, '高增长', 15, 1, 4.8, 0.95, 0.85, '主动尝试', 'AAA', 1];

/** The evaluation columns on 客户评估!A1:K2 (回款及时率 in E2 formatted 0%, 合作时长 a date), in the 1904 system when asked. */
async function workbook(date1904: boolean, rows: FixtureCell[][] = [HEADER, ROW], table?: { name: string; range: string }) {
  const bytes = await buildWorkbook({
    sheets: [{ name: '客户评估', rows, ...(table ? { table } : {}), styles: [{ range: `E${rows.length}`, numFmt: '0%' }] }],
  });
  if (!date1904) return bytes;
  const xml = (await zipText(bytes, 'xl/workbook.xml')).replace('<workbookPr ', '<workbookPr date1904="1" ');
  return replaceZipEntries(bytes, new Map([['xl/workbook.xml', new TextEncoder().encode(xml)]]));
}

test('the scan and the table read carry each cell’s number format, read with its value in one sync; the 1904 system is known', async () => {
  const excel = await EmulatedExcel.fromXlsx(await workbook(true));
  const ops = createWorkbookOps({ run: excel.run });
  excel.stats.reset();
  const scan = await ops.scan(allPresets());
  expect(excel.stats.syncs).toBe(2);
  expect(scan.date1904).toBe(true);
  const [candidate] = scan.candidates;
  expect(candidate!.sample).toEqual({
    values: [['华东精密', 3, '高增长', 15, 1, 4.8, 0.95, 0.85, '主动尝试', 'AAA', 1]],
    formats: [[null, null, null, null, '0%', null, null, null, null, null, null]],
  });
  excel.stats.reset();
  const { grids } = await ops.prepare(scan, { rules: getPreset('evaluation'), asOf: AS_OF });
  expect(excel.stats.syncs).toBe(1);
  expect(grids[0]).toMatchObject({ name: '客户评估', date1904: true });
  expect(grids[0]!.rows[1]!.slice(0, 5)).toEqual(['华东精密', 3, '高增长', 15, 1]);
  expect(grids[0]!.formats![1]!.slice(0, 6)).toEqual([null, null, null, null, '0%', null]);
});

test('a workbook in the 1900 system says so by leaving date1904 out', async () => {
  const excel = await EmulatedExcel.fromXlsx(await workbook(false));
  const scan = await createWorkbookOps({ run: excel.run }).scan(allPresets());
  expect(scan.date1904).toBeUndefined();
});

test('an Excel table below the top rows the scan reads: its first 50 data rows (values and formats) are read in a third sync', async () => {
  const data: FixtureCell[][] = Array.from({ length: 60 }, (_, i) => [`客户${i + 1}`, 3, '高增长', 15, 0.98, 4.8, 0.95, 0.85, '主动尝试', 'AAA', 1]);
  // A title on row 1, the table's header on row 100: the scan's top rows (1-60) do not reach it.
  const rows: FixtureCell[][] = [['2024年度客户评估'], ...Array.from({ length: 98 }, () => [] as FixtureCell[]), HEADER, ...data];
  const excel = await EmulatedExcel.fromXlsx(await workbook(false, rows, { name: '远处的表', range: 'A100:K160' }));
  const ops = createWorkbookOps({ run: excel.run });
  excel.stats.reset();
  const scan = await ops.scan(allPresets());
  expect(excel.stats.syncs).toBe(3);
  const table = scan.candidates.find((c) => c.name === '远处的表')!;
  expect(table.sample!.values).toHaveLength(50);
  expect(table.sample!.values[0]![0]).toBe('客户1');
  expect(table.sample!.values[49]![0]).toBe('客户50');
  // The last row of the fixture carries the 0% format (row 160: beyond the sample).
  expect(table.sample!.formats!.every((r) => r.every((f) => f === null))).toBe(true);
});
