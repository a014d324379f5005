/**
 * Number formats and the date system as an .xlsx file stores them (docs/scoring-rules.md sections 1
 * and 2): the grids carry each cell's format code and the workbook's date system, through
 * the direct reader and through excelize, and the engine scores them as Excel shows them.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { scoreWorkbook } from '../../src/engine/run';
import type { SheetGrid } from '../../src/engine/types';
import { isDate1904, parseStyleFormats } from '../../src/xlsx/ooxml';
import { readWorkbook, readWorkbookWithExcelize } from '../../src/xlsx/read';
import { readZip } from '../../src/xlsx/zip';
import { getPreset } from '../../src/presets';
import { buildWorkbook } from '../fixtures/build';
import { serial } from '../helpers/grid';
import { MAIN, SPEC } from './spec';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/**
 * The same package with a zip64 end of central directory (as tools write for large files):
 * the direct reader declines it (src/xlsx/zip.ts), excelize (Go's archive/zip) reads it.
 */
function asZip64(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  const entries = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  const out = new Uint8Array(eocd + 56 + 20 + 22);
  out.set(zip.subarray(0, eocd));
  const o = new DataView(out.buffer);
  const record = eocd;
  o.setUint32(record, 0x06064b50, true); // zip64 end of central directory record
  o.setBigUint64(record + 4, 44n, true);
  o.setUint16(record + 12, 45, true);
  o.setUint16(record + 14, 45, true);
  o.setBigUint64(record + 24, BigInt(entries), true);
  o.setBigUint64(record + 32, BigInt(entries), true);
  o.setBigUint64(record + 40, BigInt(cdSize), true);
  o.setBigUint64(record + 48, BigInt(cdOffset), true);
  const locator = record + 56;
  o.setUint32(locator, 0x07064b50, true);
  o.setBigUint64(locator + 8, BigInt(record), true);
  o.setUint32(locator + 16, 1, true);
  const end = locator + 20;
  o.setUint32(end, 0x06054b50, true);
  o.setUint16(end + 8, 0xffff, true);
  o.setUint16(end + 10, 0xffff, true);
  o.setUint32(end + 12, cdSize, true);
  o.setUint32(end + 16, 0xffffffff, true);
  return out;
}

describe('styles.xml: the number format of each cell style', () => {
  const STYLES = `<?xml version="1.0" encoding="UTF-8"?><x:styleSheet xmlns:x="${NS}">
<x:numFmts count="2"><x:numFmt numFmtId="164" formatCode="0.0&quot;%&quot;"/><x:numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></x:numFmts>
<x:cellStyleXfs count="2"><x:xf numFmtId="10"/><x:xf numFmtId="14"/></x:cellStyleXfs>
<x:cellXfs count="8">
<x:xf numFmtId="0" fontId="0"/>
<x:xf numFmtId="9" applyNumberFormat="1"/>
<x:xf numFmtId="14" applyNumberFormat="1"><x:alignment horizontal="center"/></x:xf>
<x:xf numFmtId="31"/>
<x:xf numFmtId="164"/>
<x:xf numFmtId="165"/>
<x:xf numFmtId="49"/>
<x:xf/>
</x:cellXfs>
<x:cellStyles count="1"><x:cellStyle name="Normal" xfId="0" builtinId="0"/></x:cellStyles></x:styleSheet>`;

  it('reads cellXfs (not cellStyleXfs), custom codes and built-in ids; General is null', () => {
    expect(parseStyleFormats(STYLES)).toEqual([null, '0%', 'yyyy/m/d', 'yyyy"年"m"月"d"日"', '0.0"%"', 'yyyy"年"m"月"d"日";@', '@', null]);
  });

  it('workbookPr date1904 is 1 or true', () => {
    expect(isDate1904(`<workbook xmlns="${NS}"><workbookPr date1904="1"/><sheets/></workbook>`)).toBe(true);
    expect(isDate1904(`<x:workbook xmlns:x="${NS}"><x:workbookPr defaultThemeVersion="164011" date1904="true"/></x:workbook>`)).toBe(true);
    expect(isDate1904(`<workbook xmlns="${NS}"><workbookPr date1904="0"/></workbook>`)).toBe(false);
    expect(isDate1904(`<workbook xmlns="${NS}"><workbookPr defaultThemeVersion="164011"/></workbook>`)).toBe(false);
    expect(isDate1904(`<workbook xmlns="${NS}"><sheets/></workbook>`)).toBe(false);
  });
});

describe('grids carry the cells’ number formats', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await buildWorkbook({
      sheets: [
        {
          name: '客户评估',
          rows: [
            ['客户名称', '合同履约率(%)', '合作时长', '利润', '备注'],
            ['甲', 1, { date: '2019-05-01' }, 12.5, '文本'],
            ['乙', 0.95, { date: '2020-01-15' }, 3, 7],
          ],
          styles: [
            { range: 'B2:B3', numFmt: '0%' },
            { range: 'D2', numFmt: '[Red]0.00"万元"' },
            { range: 'E3', numFmt: '@' },
          ],
        },
      ],
    });
  });

  it('the code per cell where the style is not General, null elsewhere', async () => {
    const [grid] = await readWorkbook(bytes);
    expect(grid!.rows).toEqual([
      ['客户名称', '合同履约率(%)', '合作时长', '利润', '备注'],
      ['甲', 1, 43586, 12.5, '文本'],
      ['乙', 0.95, 43845, 3, 7],
    ]);
    expect(grid!.formats).toEqual([
      [null, null, null, null, null],
      [null, '0%', 'yyyy-mm-dd', '[Red]0.00"万元"', null],
      [null, '0%', 'yyyy-mm-dd', null, '@'],
    ]);
    expect(grid!.date1904).toBeUndefined();
  });

  it('excelize’s path gives the same grid', async () => {
    expect(await readWorkbookWithExcelize(bytes)).toEqual(await readWorkbook(bytes));
  });

  it('in a zip64 package, the formats are the same as in the plain package', async () => {
    const zip64 = asZip64(bytes);
    expect(readZip(zip64)).not.toBeNull(); // the zip reader reads zip64 directly
    expect(await readWorkbook(zip64)).toEqual(await readWorkbook(bytes));
  });

  it('a workbook without any format has no formats', async () => {
    const plain = await buildWorkbook({
      sheets: [
        {
          name: 'S',
          rows: [
            ['客户名称', '金额'],
            ['甲', 1],
          ],
        },
      ],
    });
    const [grid] = await readWorkbook(plain);
    expect(grid).toEqual({
      name: 'S',
      rows: [
        ['客户名称', '金额'],
        ['甲', 1],
      ],
      tables: [],
    });
  });

  it('the shared fixture: 0.0% on 回款及时率, yyyy-mm-dd on its dates', async () => {
    const main = (await readWorkbook(await buildWorkbook(SPEC))).find((g) => g.name === MAIN)!;
    expect(main.formats?.[2]?.[2]).toBe('0.0%');
    expect(main.formats?.[2]?.[4]).toBe('yyyy-mm-dd');
    expect(main.formats?.[2]?.[1]).toBeNull();
  });

  it('the evaluation preset reads a %-formatted 1 as 100 % and a date-formatted serial under 合作时长 as a start date', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户评估');
    ws.addRow([
      '客户名称',
      '合作时长',
      '所属行业(增长潜力)',
      '年均交易频次',
      '回款及时率(%)',
      '满意度评分(1-5)',
      '投诉解决及时率',
      '复购率',
      '新产品/服务尝试意愿',
      '客户信用等级',
      '合同履约率(%)',
    ]);
    ws.addRow(['示例客户', new Date(Date.UTC(2019, 4, 1)), '高增长', 15, 98, 4.8, 0.95, 0.85, '主动尝试', 'AAA级', 1]);
    ws.getCell('B2').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('G2').numFmt = '0%';
    ws.getCell('H2').numFmt = '0%';
    ws.getCell('K2').numFmt = '0%';
    const grids = await readWorkbook(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const c = scoreWorkbook(grids, { rules: getPreset('evaluation'), asOf: serial('2024-06-30') }).customers[0]!;
    expect(c.indicators.find((i) => i.indicator === 'tenure')!.value).toBeCloseTo(1887 / 365.25, 12);
    expect(c.indicators.find((i) => i.indicator === 'contractFulfilment')).toMatchObject({ value: 1, points: 15 });
    expect(c.score).toBe(100);
    expect(c.flags).toEqual([]);
  });
});

describe('a workbook in the 1904 date system', () => {
  const MAINTENANCE_HEADER = ['客户名称', '近12个月交易金额', '利润贡献', '行业增长前景', '合作意愿', '需求扩展性', '最近交易日期'];
  const FOLLOW_UP_HEADER = [
    '客户名称',
    '对接人',
    '跟进日期',
    '跟进方式',
    '跟进事由',
    '客户反馈要点',
    '待解决问题',
    '责任部门/人',
    '预计完成时间',
    '实际完成时间',
    '客户确认情况',
  ];
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  let bytes: Uint8Array;

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const evaluation = wb.addWorksheet('客户评估');
    evaluation.addRow(MAINTENANCE_HEADER);
    evaluation.addRow(['甲公司', '80万', '15万', '高', '强', '高', day('2024-06-01')]);
    evaluation.getCell('G2').numFmt = 'yyyy-mm-dd';
    const log = wb.addWorksheet('跟进记录');
    log.addRow(FOLLOW_UP_HEADER);
    log.addRow(['甲公司', '王经理', day('2024-06-20'), '电话', '季度回访', '满意', '合同待签', '销售部', day('2024-07-15'), null, '']);
    log.addRow(['甲公司', '王经理', day('2024-06-10'), '拜访', '报价', '满意', '报价待确认', '销售部', day('2024-06-15'), day('2024-06-14'), '已确认']);
    for (const ref of ['C2', 'I2', 'C3', 'I3', 'J3']) log.getCell(ref).numFmt = 'yyyy-mm-dd';
    bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  });

  it('is read with its serials as stored and the date system marked', async () => {
    const grids = await readWorkbook(bytes);
    for (const grid of grids) expect(grid.date1904).toBe(true);
    // 2024-06-01 is 45444 in the 1900 system, 45444 − 1462 = 43982 in the 1904 system
    expect(grids[0]!.rows[1]![6]).toBe(43982);
    expect(grids[0]!.formats?.[1]?.[6]).toBe('yyyy-mm-dd');
    expect(await readWorkbookWithExcelize(bytes)).toEqual(grids);
    expect(await readWorkbook(asZip64(bytes))).toEqual(grids); // through excelize and the copy it saves
  });

  it('scores with the right dates: no false churn or overdue flags', async () => {
    const run = scoreWorkbook(await readWorkbook(bytes), { rules: getPreset('maintenance'), asOf: serial('2024-06-30') });
    const c = run.customers[0]!;
    expect(c.indicators.find((i) => i.indicator === 'churnWarning')).toMatchObject({ value: 29, points: 0 }); // 2024-06-01 → 06-30
    expect(c.followUp).toEqual({ rows: 2, lastDate: serial('2024-06-20'), open: 1, overdue: 0 });
    expect(c.score).toBe(100);
    expect(c.tier.id).toBe('strategic');
    expect(c.flags).toEqual([]);
  });

  it('a t="d" date cell of a 1904 workbook is read in its date system too', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const path = 'xl/worksheets/sheet1.xml';
    const xml = await zip.file(path)!.async('string');
    const patched = xml.replace(/<c r="G2"([^>]*?)(?: t="\w+")?>\s*<v>[^<]*<\/v>\s*<\/c>/, '<c r="G2"$1 t="d"><v>2024-06-01T00:00:00Z</v></c>');
    expect(patched).not.toBe(xml);
    zip.file(path, patched);
    const grids: SheetGrid[] = await readWorkbook(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    expect(grids[0]!.rows[1]![6]).toBe(43982);
  });
});
