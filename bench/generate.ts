/**
 * The bench's workbooks: N customers in seed 000's layout (the evaluation preset's columns
 * under a merged title, as an Excel table, with a follow-up log of two rows per customer),
 * written as sheet XML straight into a zip so that 100,000 customers take seconds.
 *
 * Two versions of the same customers:
 * - `mixed`: values as sales teams type them — `18个月`, `2次/月`, `98%`, `4.2分`, `AAA级`,
 *   synonyms (`高增长行业`, `观望`), `80万` in an amount column, %-formatted fractions, dates
 *   as serials and as text (`2024/5/10`, `2024年6月15日`) in the log. What `score` reads.
 * - `clean`: the same customers as plain numbers and canonical labels (formulas cannot read
 *   `80万` or `18个月`), plus a sheet `公式` scoring them with formulas (formulas.ts), whose
 *   cached results are deliberately wrong (0 and '') so that only a real recalculation
 *   gives the right figures. What LibreOffice recalculates.
 *
 * And the analyses workbook of issue 11 (buildAnalysesWorkbook): a customer table, a service
 * survey of two periods per customer and a ledger of about five purchases per customer, some
 * outside the 12-month period, with the same customers' survey or RFM written as formulas
 * beside them for LibreOffice. Its values are what the formulas can read too (scores as
 * numbers, dates as date-formatted serials, amounts in yuan), so one version serves both.
 *
 * Files are cached under the cache folder, keyed by generator version, rules hash and size.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnLetter } from '../src/engine/address';
import type { RfmRules, RuleSet, ServiceRules } from '../src/engine/rules';
import { formulaColumns, rfmFormulas, serviceFormulas } from './formulas';
import { zipFiles } from './zip-write';

/** Bump when the generated content changes, so cached files are made again. */
export const GENERATOR_VERSION = 1;

/** 2024-06-30, the as-of date the bench scores with (Excel serial). */
export const AS_OF_ISO = '2024-06-30';
const AS_OF_SERIAL = 45473;

export const EVALUATION_SHEET = '客户评估';
export const FOLLOW_UP_SHEET = '跟进记录';
export const FORMULA_SHEET = '公式';
export const TABLE_NAME = '客户评估表';
/** Rows above the header: the merged title and a blank row. */
export const HEADER_ROW = 3;

export const EVALUATION_HEADER = [
  '序号',
  '客户名称',
  '合作时长（年）',
  '所属行业(增长潜力)',
  '年均交易频次(次/年)',
  '回款及时率(%)',
  '满意度评分(1-5)',
  '投诉解决及时率',
  '复购率(近1年)',
  '新产品/服务尝试意愿',
  '客户信用等级',
  '合同履约率',
  '近12个月交易额（万元）',
  '备注',
];
/** The column each indicator of the evaluation preset reads, in both versions. */
export const INDICATOR_COLUMNS: Record<string, number> = {
  tenure: 2,
  industryGrowth: 3,
  orderFrequency: 4,
  paymentOnTime: 5,
  satisfaction: 6,
  complaintResolution: 7,
  repurchase: 8,
  newProductWillingness: 9,
  creditRating: 10,
  contractFulfilment: 11,
};
export const FOLLOW_UP_HEADER = [
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

/** A cell as generated: text (a shared string), a number, or a number with a style (1 = 0%, 2 = date). */
export type GenCell = null | string | number | { v: number; s: 1 | 2 };

/** One customer as the truth behind both versions. */
interface Customer {
  name: string;
  tenureYears: number;
  industry: number;
  orders: number;
  payment: number;
  satisfaction: number;
  complaint: number;
  repurchase: number;
  willingness: number;
  credit: number;
  fulfilment: number;
  amountWan: number;
  remark: string;
}

/** mulberry32: a small deterministic generator, one stream per customer. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const between = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const REGIONS = ['华东', '华南', '北方', '西部', '东海', '南方', '中原', '川渝'];
const WORDS = ['精密', '新能源', '物流', '建材', '电子', '医药', '食品', '机械', '化工', '纺织', '软件', '汽车配件'];
const KINDS = ['制造有限公司', '科技有限公司', '集团', '股份有限公司', '贸易公司'];
const REMARKS = ['付款偶有延迟', '重点维护', '有扩产计划', '价格敏感', '新签约'];

function customer(i: number): Customer {
  const r = random(0x9e3779b9 ^ (i * 2654435761));
  // A customer's overall quality, so that indicators go together and every tier is populated.
  const q = r();
  const skewed = (lo: number, hi: number): number => lo + Math.round((hi - lo) * Math.min(1, Math.max(0, q * 0.8 + r() * 0.45 - 0.1)));
  const skewedPick = <T>(xs: readonly T[]): T => xs[skewed(0, xs.length - 1)]!;
  return {
    name: `${pick(r, REGIONS)}${pick(r, WORDS)}${pick(r, KINDS)}${i + 1}`,
    tenureYears: skewedPick([0.5, 1, 1.5, 2, 3, 4, 5, 8]),
    industry: 2 - skewed(0, 2),
    orders: skewedPick([2, 4, 6, 8, 10, 12, 15, 24, 36]),
    payment: skewed(84, 100),
    satisfaction: skewed(32, 50) / 10,
    complaint: skewed(65, 100),
    repurchase: skewed(20, 100),
    willingness: 2 - skewed(0, 2),
    credit: 2 - skewed(0, 2),
    fulfilment: r() < 0.4 * q + 0.1 ? 100 : skewed(82, 99),
    amountWan: between(r, 5, 500),
    remark: r() < 0.15 ? pick(r, REMARKS) : '',
  };
}

const INDUSTRY = [
  ['高增长', '高增长行业', '高'],
  ['稳定', '稳定行业', '平稳'],
  ['衰退', '衰退行业', '下滑'],
];
const WILLINGNESS = [
  ['主动尝试', '积极', '主动'],
  ['被动接受', '观望', '一般'],
  ['无意愿', '不感兴趣', '拒绝'],
];
const CREDIT = [
  ['AAA', 'AAA级'],
  ['AA', 'AA级'],
  ['A及以下', 'A', 'A级', 'BBB'],
];

function tenureText(r: () => number, years: number): GenCell {
  const months = years * 12;
  const choice = r();
  if (choice < 0.3) return years;
  if (choice < 0.55 && Number.isInteger(years)) return `${years}年`;
  if (choice < 0.8 && years > 1 && !Number.isInteger(years)) return `${Math.floor(years)}年${months % 12}个月`;
  return `${months}个月`;
}

/** A rate as teams write it: `95%`, a %-formatted fraction, or a plain fraction. */
function rateCell(r: () => number, percent: number): GenCell {
  const choice = r();
  if (choice < 0.45) return `${percent}%`;
  if (choice < 0.75) return { v: percent / 100, s: 1 };
  return percent / 100;
}

function mixedRow(c: Customer, i: number): GenCell[] {
  const r = random(i * 7919 + 17);
  const orders = (() => {
    const choice = r();
    if (choice < 0.25 && c.orders % 12 === 0) return `${c.orders / 12}次/月`;
    if (choice < 0.45) return `${c.orders}次`;
    if (choice < 0.65) return String(c.orders);
    return c.orders;
  })();
  const satisfaction = (() => {
    const choice = r();
    if (choice < 0.5) return c.satisfaction;
    if (choice < 0.75) return String(c.satisfaction);
    return `${c.satisfaction}分`;
  })();
  const amount = (() => {
    const choice = r();
    if (choice < 0.4) return `${c.amountWan}万`;
    if (choice < 0.5) return `${c.amountWan}万元`;
    return c.amountWan;
  })();
  return [
    i + 1,
    c.name,
    tenureText(r, c.tenureYears),
    pick(r, INDUSTRY[c.industry]!),
    orders,
    r() < 0.5 ? c.payment : `${c.payment}%`, // the header says (%): plain numbers are per cent
    satisfaction,
    rateCell(r, c.complaint),
    rateCell(r, c.repurchase),
    pick(r, WILLINGNESS[c.willingness]!),
    pick(r, CREDIT[c.credit]!),
    rateCell(r, c.fulfilment),
    amount,
    c.remark || null,
  ];
}

function cleanRow(c: Customer, i: number): GenCell[] {
  return [
    i + 1,
    c.name,
    c.tenureYears,
    INDUSTRY[c.industry]![0]!,
    c.orders,
    { v: c.payment / 100, s: 1 },
    c.satisfaction,
    { v: c.complaint / 100, s: 1 },
    { v: c.repurchase / 100, s: 1 },
    WILLINGNESS[c.willingness]![0]!,
    CREDIT[c.credit]![0]!,
    { v: c.fulfilment / 100, s: 1 },
    c.amountWan,
    c.remark || null,
  ];
}

const CONTACTS = ['王经理', '李经理', '赵经理', '钱经理', '孙经理', '周经理'];
const METHODS = ['拜访', '电话', '邮件', '微信'];
const REASONS = ['季度回访', '报价', '回款提醒', '需求沟通', '售后跟进'];
const FEEDBACK = ['满意', '', '价格偏高', '有扩产计划', '交期关注'];

function ymd(serial: number): [number, number, number] {
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** A date as the log writes it: a date-formatted serial, or text in one of four spellings. */
function dateCell(r: () => number, serial: number): GenCell {
  const [y, m, d] = ymd(serial);
  const choice = r();
  if (choice < 0.5) return { v: serial, s: 2 };
  if (choice < 0.65) return `${y}/${m}/${d}`;
  if (choice < 0.8) return `${y}.${String(m).padStart(2, '0')}.${String(d).padStart(2, '0')}`;
  if (choice < 0.9) return `${y}年${m}月${d}日`;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function followUpRows(c: Customer, i: number): GenCell[][] {
  const r = random(i * 104729 + 3);
  return [0, 1].map(() => {
    const date = AS_OF_SERIAL - between(r, 0, 360);
    const open = r() < 0.3;
    const due = open ? date + between(r, 5, 60) : undefined;
    const done = due !== undefined && r() < 0.5 ? due - between(r, 0, 4) : undefined;
    return [
      c.name,
      pick(r, CONTACTS),
      dateCell(r, date),
      pick(r, METHODS),
      pick(r, REASONS),
      pick(r, FEEDBACK) || null,
      open ? '方案待出' : null,
      '销售部',
      due === undefined ? null : dateCell(r, due),
      done === undefined ? null : dateCell(r, done),
      r() < 0.4 ? '已确认' : null,
    ];
  });
}

// ---- sheet XML ----

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  count = 0;
  idOf(text: string): number {
    this.count++;
    let id = this.index.get(text);
    if (id === undefined) {
      id = this.index.size;
      this.index.set(text, id);
    }
    return id;
  }
  xml(): Buffer {
    const parts: string[] = [`${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.index.size}">`];
    for (const text of this.index.keys()) parts.push(`<si><t xml:space="preserve">${escapeXml(text)}</t></si>`);
    parts.push('</sst>');
    return Buffer.from(parts.join(''), 'utf8');
  }
}

/** A formula cell: its formula text and the wrong cached value written for it. */
export interface FormulaCell {
  f: string;
  text: boolean;
}

type SheetCell = GenCell | FormulaCell;

function cellXml(sst: SharedStrings, ref: string, cell: SheetCell, style?: number): string {
  if (cell === null) return '';
  const s = style !== undefined ? ` s="${style}"` : '';
  if (typeof cell === 'string') return `<c r="${ref}"${s} t="s"><v>${sst.idOf(cell)}</v></c>`;
  if (typeof cell === 'number') return `<c r="${ref}"${s}><v>${cell}</v></c>`;
  if ('f' in cell) return cell.text ? `<c r="${ref}" t="str"><f>${escapeXml(cell.f)}</f><v></v></c>` : `<c r="${ref}"><f>${escapeXml(cell.f)}</f><v>0</v></c>`;
  return `<c r="${ref}" s="${cell.s}"><v>${cell.v}</v></c>`;
}

interface SheetSpec {
  /** Rows from row 1; a row is its cells from column A. */
  rowCount: number;
  row(index: number): SheetCell[] | null;
  /** Style of every cell of a row (the header's bold), by row index. */
  rowStyle?(index: number): number | undefined;
  width: number;
  merge?: string;
  tablePart?: boolean;
}

function sheetXml(sst: SharedStrings, spec: SheetSpec): Buffer {
  const letters = Array.from({ length: spec.width }, (_, c) => columnLetter(c));
  const chunks: Buffer[] = [];
  const lastRef = `${letters[spec.width - 1]}${spec.rowCount}`;
  chunks.push(Buffer.from(`${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><dimension ref="A1:${lastRef}"/><sheetData>`, 'utf8'));
  let part: string[] = [];
  for (let r = 0; r < spec.rowCount; r++) {
    const cells = spec.row(r);
    if (cells && cells.some((c) => c !== null)) {
      const style = spec.rowStyle?.(r);
      let xml = `<row r="${r + 1}">`;
      for (let c = 0; c < cells.length; c++) xml += cellXml(sst, `${letters[c]}${r + 1}`, cells[c]!, style);
      part.push(`${xml}</row>`);
    }
    if (part.length >= 5000) {
      chunks.push(Buffer.from(part.join(''), 'utf8'));
      part = [];
    }
  }
  chunks.push(Buffer.from(part.join(''), 'utf8'));
  let tail = '</sheetData>';
  if (spec.merge) tail += `<mergeCells count="1"><mergeCell ref="${spec.merge}"/></mergeCells>`;
  if (spec.tablePart) tail += '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>';
  chunks.push(Buffer.from(`${tail}</worksheet>`, 'utf8'));
  return Buffer.concat(chunks);
}

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** An Excel table's part: `header` from the top-left of `ref`, with an autofilter and a table style. */
function excelTableXml(id: number, name: string, header: readonly string[], ref: string): string {
  const columns = header.map((h, k) => `<tableColumn id="${k + 1}" name="${escapeXml(h)}"/>`).join('');
  return (
    `${XML_HEAD}<table xmlns="${NS_MAIN}" id="${id}" name="${name}" displayName="${name}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${header.length}">${columns}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
  );
}

function tableXml(rows: number): string {
  return excelTableXml(1, TABLE_NAME, EVALUATION_HEADER, `A${HEADER_ROW}:${columnLetter(EVALUATION_HEADER.length - 1)}${HEADER_ROW + rows}`);
}

/** A sheet of the package: its XML and, when it holds an Excel table, the table's part. */
interface PackageSheet {
  name: string;
  xml: Buffer;
  table?: string;
}

function packageFiles(sheets: readonly PackageSheet[], sst: SharedStrings): { name: string; data: Uint8Array }[] {
  const utf8 = (s: string) => Buffer.from(s, 'utf8');
  const overrides = sheets
    .map(
      (_, k) =>
        `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  // Table parts numbered in sheet order; each sheet with a table gets its own relationships part.
  const tables = sheets.flatMap((s, k) => (s.table ? [{ sheet: k, xml: s.table }] : []));
  const tableOverrides = tables
    .map((_, t) => `<Override PartName="/xl/tables/table${t + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`)
    .join('');
  const files = [
    {
      name: '[Content_Types].xml',
      data: utf8(
        `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          `${overrides}${tableOverrides}` +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: utf8(
        `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: utf8(
        `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
          sheets.map((s, k) => `<sheet name="${escapeXml(s.name)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join('') +
          '</sheets><calcPr calcId="191029"/></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: utf8(
        `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          sheets.map((_, k) => `<Relationship Id="rId${k + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join('') +
          `<Relationship Id="rId${sheets.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
          `<Relationship Id="rId${sheets.length + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/styles.xml', data: utf8(STYLES) },
    ...sheets.map((s, k) => ({ name: `xl/worksheets/sheet${k + 1}.xml`, data: s.xml })),
    ...tables.map((t, k) => ({
      name: `xl/worksheets/_rels/sheet${t.sheet + 1}.xml.rels`,
      data: utf8(
        `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_REL}/table" Target="../tables/table${k + 1}.xml"/></Relationships>`,
      ),
    })),
    ...tables.map((t, k) => ({ name: `xl/tables/table${k + 1}.xml`, data: utf8(t.xml) })),
    { name: 'xl/sharedStrings.xml', data: sst.xml() },
  ];
  return files;
}

/** The workbook of `rows` customers, mixed values or clean values with the formula sheet. */
export function buildWorkbook(rows: number, kind: 'mixed' | 'clean', rules: RuleSet): Buffer {
  const customers = Array.from({ length: rows }, (_, i) => customer(i));
  const sst = new SharedStrings();
  const render = kind === 'mixed' ? mixedRow : cleanRow;
  const evaluation = sheetXml(sst, {
    rowCount: HEADER_ROW + rows,
    width: EVALUATION_HEADER.length,
    row: (r) => (r === 0 ? ['2024年度客户关系综合评估表'] : r === 1 ? null : r === 2 ? EVALUATION_HEADER : render(customers[r - HEADER_ROW]!, r - HEADER_ROW)),
    rowStyle: (r) => (r === 0 || r === 2 ? 3 : undefined),
    merge: `A1:${columnLetter(EVALUATION_HEADER.length - 1)}1`,
    tablePart: true,
  });
  const followUp = sheetXml(sst, {
    rowCount: 2 + rows * 2,
    width: FOLLOW_UP_HEADER.length,
    row: (r) => {
      if (r === 0) return ['客户关系维护跟进记录表'];
      if (r === 1) return FOLLOW_UP_HEADER;
      const k = r - 2;
      const i = Math.floor(k / 2);
      return followUpRows(customers[i]!, i)[k % 2]!;
    },
    rowStyle: (r) => (r < 2 ? 3 : undefined),
  });
  const sheets: PackageSheet[] = [
    { name: EVALUATION_SHEET, xml: evaluation, table: tableXml(rows) },
    { name: FOLLOW_UP_SHEET, xml: followUp },
  ];
  if (kind === 'clean') {
    const formulas = formulaColumns(rules, EVALUATION_SHEET, INDICATOR_COLUMNS);
    sheets.push({
      name: FORMULA_SHEET,
      xml: sheetXml(sst, {
        rowCount: 1 + rows,
        width: formulas.length,
        row: (r) => (r === 0 ? formulas.map((f) => f.header) : formulas.map((f) => ({ f: f.formula(r + 1, HEADER_ROW + r), text: f.text }))),
      }),
    });
  }
  return zipFiles(packageFiles(sheets, sst));
}

/** A short hash of the rules the formula sheet is built from (part of the cache key). */
function rulesHash(rules: RuleSet): string {
  return createHash('sha256').update(JSON.stringify(rules)).digest('hex').slice(0, 8);
}

export function cachedWorkbookPath(cacheDir: string, rows: number, kind: 'mixed' | 'clean', rules: RuleSet): string {
  return join(cacheDir, `v${GENERATOR_VERSION}-${rulesHash(rules)}`, `${kind}-${rows}.xlsx`);
}

/** The cached workbook, generated first when missing; `generatedMs` says how long that took (0 when cached). */
export function ensureWorkbook(cacheDir: string, rows: number, kind: 'mixed' | 'clean', rules: RuleSet): { path: string; generatedMs: number } {
  const path = cachedWorkbookPath(cacheDir, rows, kind, rules);
  if (existsSync(path)) return { path, generatedMs: 0 };
  const started = performance.now();
  mkdirSync(join(path, '..'), { recursive: true });
  const bytes = buildWorkbook(rows, kind, rules);
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, path);
  return { path, generatedMs: performance.now() - started };
}

// ---- the analyses workbook (issue 11): a customer table, a service survey, purchases ----

/** Bump when the analyses workbooks' content changes, so cached files are made again. */
export const ANALYSES_GENERATOR_VERSION = 1;

export const CUSTOMER_SHEET = '客户';
export const CUSTOMER_TABLE = '客户表';
export const CUSTOMER_HEADER = ['客户名称', '所属行业', '规模'];
export const SURVEY_SHEET = '服务评价';
export const SURVEY_TABLE = '服务评价表';
/** Seed 001 模板2's columns; the first dimension's scale is in its header, the others' in their data (1-5). */
export const SURVEY_HEADER = ['客户名称', '评价周期', '服务响应速度(1-5)', '问题解决能力', '沟通互动质量', '服务增值性', '整体满意度', '推荐意愿(0-10)'];
/** The service rules' dimension of each of SURVEY_HEADER's score columns (2..6), in order. */
export const SURVEY_DIMENSIONS = ['responsiveness', 'problemSolving', 'communication', 'addedValue', 'overall'];
/** The survey's title row above its header (seed 001 模板2), so its data starts on row 3. */
export const SURVEY_FIRST_ROW = 3;
export const SURVEY_PERIODS = ['2024年第1季度', '2024年第2季度'];
export const TRANSACTIONS_SHEET = '交易记录';
export const TRANSACTIONS_HEADER = ['客户名称', '交易日期', '交易金额'];
export const SERVICE_FORMULA_SHEET = '服务公式';
export const RFM_FORMULA_SHEET = 'RFM公式';
/** The RFM preset's default period as of AS_OF_ISO: the 12 months up to it, both days included. */
export const PERIOD_FROM_ISO = '2023-07-01';
const PERIOD_FROM_SERIAL = 45108;

const INDUSTRIES = ['制造业', '零售', '物流', '医药', '电子', '建材', '食品', '软件'];
const SIZES = ['大型', '中型', '中型', '小型', '小型', '小型'];

/** One customer of the analyses workbook: its row of the customer table and its quality (answers and purchases go with it). */
interface AnalysisCustomer {
  name: string;
  industry: string;
  size: string;
  quality: number;
}

function analysisCustomer(i: number): AnalysisCustomer {
  const r = random(0x51ed27 ^ Math.imul(i + 1, 2246822519));
  return { name: `${pick(r, REGIONS)}${pick(r, WORDS)}${pick(r, KINDS)}${i + 1}`, industry: pick(r, INDUSTRIES), size: pick(r, SIZES), quality: r() };
}

const clampInt = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));

/**
 * A customer's answers for one period: five dimensions on 1-5 and 推荐意愿 on 0-10, going with
 * its quality. In the second period a few answers are blank (a blank is not a zero), and 5 %
 * of the customers did not answer it at all (null: no row).
 */
function surveyRow(c: AnalysisCustomer, i: number, period: number): GenCell[] | null {
  const r = random(Math.imul(i + 1, 40503) + period * 7 + 11);
  if (period === 1 && r() < 0.05) return null;
  const blank = () => period === 1 && r() < 0.02;
  const dimensions = SURVEY_DIMENSIONS.map(() => {
    const value = clampInt(1.2 + 4 * (c.quality * 0.6 + r() * 0.4), 1, 5);
    return blank() ? null : value;
  });
  const recommend = clampInt(3.6 + 8 * (c.quality * 0.6 + r() * 0.35), 0, 10);
  return [c.name, SURVEY_PERIODS[period]!, ...dimensions, blank() ? null : recommend];
}

/** One purchase: its customer, its date (Excel serial) and its amount in yuan (whole). */
interface Purchase {
  customer: number;
  date: number;
  amount: number;
}

/**
 * Each customer's purchases: 0 to 10 (5 on average), dated from 540 days before the as-of date
 * to 15 days after it, so that about a third fall outside the 12-month period; amounts in
 * whole yuan going with the customer's quality. Listed by date, as a ledger is.
 */
function purchases(customers: readonly AnalysisCustomer[]): Purchase[] {
  const out: Purchase[] = [];
  customers.forEach((c, i) => {
    const r = random(Math.imul(i + 1, 69069) + 5);
    const count = between(r, 0, 10);
    for (let k = 0; k < count; k++) {
      out.push({ customer: i, date: AS_OF_SERIAL - between(r, -15, 540), amount: 100 * between(r, 5, 50 + Math.round(1500 * c.quality)) });
    }
  });
  return out.sort((a, b) => a.date - b.date); // stable: same-day purchases stay in customer order
}

/** What the analyses workbook of `rows` customers holds, and where (the formulas and the bench's check read it). */
export interface AnalysesShape {
  customers: number;
  surveyRows: number;
  purchases: number;
}

/**
 * The analyses workbook of `rows` customers: 客户 (an Excel table: 客户名称, 所属行业 of 8
 * industries, 规模), 服务评价 (seed 001 模板2 under its title, an Excel table, two periods per
 * customer) and 交易记录 (a plain block of purchases, dates as date-formatted serials). With
 * `formulas`, the same plus a sheet scoring the service survey (服务公式) or RFM (RFM公式) with
 * formulas whose stored results are wrong on purpose, for LibreOffice to recalculate.
 */
export function buildAnalysesWorkbook(
  rows: number,
  formulas: 'none' | 'service' | 'rfm',
  rules: { service: ServiceRules; rfm: RfmRules },
): { bytes: Buffer; shape: AnalysesShape } {
  const customers = Array.from({ length: rows }, (_, i) => analysisCustomer(i));
  const sst = new SharedStrings();
  const customerSheet = sheetXml(sst, {
    rowCount: 1 + rows,
    width: CUSTOMER_HEADER.length,
    row: (r) => (r === 0 ? CUSTOMER_HEADER : [customers[r - 1]!.name, customers[r - 1]!.industry, customers[r - 1]!.size]),
    rowStyle: (r) => (r === 0 ? 3 : undefined),
    tablePart: true,
  });
  const surveyRows = [0, 1].flatMap((period) => customers.map((c, i) => surveyRow(c, i, period)).filter((x): x is GenCell[] => x !== null));
  const survey = sheetXml(sst, {
    rowCount: SURVEY_FIRST_ROW - 1 + surveyRows.length,
    width: SURVEY_HEADER.length,
    row: (r) => (r === 0 ? ['服务水平评价汇总表'] : r === 1 ? SURVEY_HEADER : surveyRows[r - 2]!),
    rowStyle: (r) => (r < 2 ? 3 : undefined),
    tablePart: true,
  });
  const ledger = purchases(customers);
  const transactions = sheetXml(sst, {
    rowCount: 1 + ledger.length,
    width: TRANSACTIONS_HEADER.length,
    row: (r) => {
      if (r === 0) return TRANSACTIONS_HEADER;
      const p = ledger[r - 1]!;
      return [customers[p.customer]!.name, { v: p.date, s: 2 }, p.amount];
    },
    rowStyle: (r) => (r === 0 ? 3 : undefined),
  });
  const surveyLastRow = SURVEY_FIRST_ROW - 1 + surveyRows.length;
  const sheets: PackageSheet[] = [
    { name: CUSTOMER_SHEET, xml: customerSheet, table: excelTableXml(1, CUSTOMER_TABLE, CUSTOMER_HEADER, `A1:C${1 + rows}`) },
    { name: SURVEY_SHEET, xml: survey, table: excelTableXml(2, SURVEY_TABLE, SURVEY_HEADER, `A2:H${surveyLastRow}`) },
    { name: TRANSACTIONS_SHEET, xml: transactions },
  ];
  const layout = { customerSheet: CUSTOMER_SHEET, customerFirstRow: 2, customers: rows };
  const set =
    formulas === 'service'
      ? serviceFormulas(rules.service, SURVEY_DIMENSIONS, {
          ...layout,
          surveySheet: SURVEY_SHEET,
          surveyFirstRow: SURVEY_FIRST_ROW,
          surveyLastRow,
          keyColumn: 0,
          dimensionColumns: SURVEY_DIMENSIONS.map((_, k) => 2 + k),
          recommendColumn: 7,
        })
      : formulas === 'rfm'
        ? rfmFormulas(rules.rfm, {
            ...layout,
            transactionsSheet: TRANSACTIONS_SHEET,
            transactionsFirstRow: 2,
            transactionsLastRow: 1 + ledger.length,
            from: PERIOD_FROM_SERIAL,
            to: AS_OF_SERIAL,
            asOf: AS_OF_SERIAL,
          })
        : undefined;
  if (set) {
    const all = [...set.columns, ...set.summary];
    sheets.push({
      name: formulas === 'service' ? SERVICE_FORMULA_SHEET : RFM_FORMULA_SHEET,
      xml: sheetXml(sst, {
        rowCount: 1 + rows,
        width: all.length,
        row: (r) =>
          r === 0
            ? all.map((f) => f.header)
            : [
                ...set.columns.map((f) => ({ f: f.formula(r + 1, 1 + r), text: f.text })),
                ...set.summary.map((f) => (r === 1 ? { f: f.formula(r + 1, 1 + r), text: f.text } : null)),
              ],
      }),
    });
  }
  return { bytes: zipFiles(packageFiles(sheets, sst)), shape: { customers: rows, surveyRows: surveyRows.length, purchases: ledger.length } };
}

/** A short hash of the service and RFM rules the formula sheets are built from (part of the cache key). */
function analysesHash(rules: { service: ServiceRules; rfm: RfmRules }): string {
  return createHash('sha256')
    .update(JSON.stringify([rules.service, rules.rfm]))
    .digest('hex')
    .slice(0, 8);
}

/** The cached analyses workbook (generated first when missing); `generatedMs` 0 when it was cached. */
export function ensureAnalysesWorkbook(
  cacheDir: string,
  rows: number,
  formulas: 'none' | 'service' | 'rfm',
  rules: { service: ServiceRules; rfm: RfmRules },
): { path: string; generatedMs: number } {
  const name = formulas === 'none' ? `analyses-${rows}.xlsx` : `analyses-${formulas}-formulas-${rows}.xlsx`;
  const path = join(cacheDir, `a${ANALYSES_GENERATOR_VERSION}-${analysesHash(rules)}`, name);
  if (existsSync(path)) return { path, generatedMs: 0 };
  const started = performance.now();
  mkdirSync(join(path, '..'), { recursive: true });
  const { bytes } = buildAnalysesWorkbook(rows, formulas, rules);
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, path);
  return { path, generatedMs: performance.now() - started };
}
