/**
 * A large evaluation workbook written directly as SpreadsheetML (exceljs needs minutes and
 * gigabytes for 100,000 rows): seed 000's customer table as an Excel table below a merged
 * title, with the mixed values users type (`18个月`, `2次/月`, `93%`, `4.2分`, numbers as
 * numbers), a follow-up log of two rows per customer and a notes sheet with a formula — the
 * workbook the issue's measurements were made on. Strings go through a shared string table,
 * as Excel saves them.
 *
 * Deterministic: customer i's cells depend on i only, so a test can work out what a row holds.
 */
import { columnLetter } from '../../src/engine/address';
import { part, zip, type Part } from './hostile';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export const BIG_SHEET = '客户评估';
export const BIG_TABLE = '客户评估表';
/** Seed 000's customer header (A:N), on row 3. */
export const BIG_HEADER = [
  '客户名称',
  '所属行业',
  '对接人',
  '合作时长',
  '所属行业增长潜力',
  '年均交易频次',
  '回款及时率',
  '产品/服务满意度评分(1-5分)',
  '投诉解决及时率',
  '复购率(近1年)',
  '新产品/服务尝试意愿',
  '客户信用等级',
  '合同履约率',
  '备注',
];
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

type Cell = string | number | null | { date: number };

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

/** Customer i's row (A:N): every indicator in one of the forms users type. */
export function customerRow(i: number): Cell[] {
  return [
    `客户${String(i + 1).padStart(6, '0')}有限公司`,
    pick(['新能源', '物流', '建材', '电子', '食品', '化工'], i),
    pick(['陈经理', '王经理', '李经理', '赵经理'], i),
    pick<Cell>([3, '18个月', '2年', '1年6个月', 0.5, '2018年'], i),
    pick(['高增长', '稳定', '衰退', '稳定行业', '高增长行业'], i),
    pick<Cell>([15, '8次', '2次/月', '—', 4, '12次/年', '1次/周'], i),
    pick<Cell>([98, '93%', 85, '97%', 91], i),
    pick<Cell>([4.8, '4.2分', 3.6, '4.5', 4, 45], i),
    pick<Cell>(['95%', 0.85, '70%', '90%'], i),
    pick<Cell>([0.85, '60%', 0.3, '80%', 0.5], i),
    pick(['主动尝试', '被动接受', '无意愿'], i),
    pick(['AAA', 'AA级', 'A级', 'AAA级', 'BBB'], i),
    pick<Cell>(['100%', 0.95, 0.88, 1], i),
    i % 7 === 0 ? `备注${i % 50}` : null,
  ];
}

/** The follow-up log's two rows for customer i: dates as date cells and as text, one still open. */
function followUpRows(i: number): Cell[][] {
  const name = `客户${String(i + 1).padStart(6, '0')}有限公司`;
  const day = 45300 + (i % 150); // 2024-01-08 … 2024-06-05
  return [
    [name, pick(['王经理', '李经理'], i), { date: day }, '拜访', '季度回访', '满意', null, '销售部', null, null, '已确认'],
    [
      name,
      pick(['王经理', '李经理'], i),
      i % 3 === 0 ? '2024/5/10' : { date: day + 20 },
      '电话',
      '报价',
      '价格偏高',
      i % 4 === 0 ? '报价待确认' : null,
      '销售部',
      i % 4 === 0 ? { date: day + 40 } : null,
      null,
      '',
    ],
  ];
}

export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The shared strings of a generated package, each text once. */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;

  of(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(text, i);
      this.list.push(text);
    }
    return i;
  }
}

const encoder = new TextEncoder();

/** A sheet's XML in chunks of about 1,000 rows; a date cell gets the style `dateStyle` (its index in the package's cellXfs). */
export function* sheetChunks(
  head: string,
  rows: Iterable<{ r: number; cells: Cell[]; style?: number }>,
  tail: string,
  sst: SharedStrings,
  dateStyle = 2,
): Generator<Uint8Array> {
  yield encoder.encode(head);
  let buffer = '';
  let n = 0;
  for (const { r, cells, style } of rows) {
    let xml = `<row r="${r}" spans="1:${Math.max(1, cells.length)}">`;
    cells.forEach((cell, c) => {
      const ref = `${columnLetter(c)}${r}`;
      const s = style ? ` s="${style}"` : '';
      if (cell === null) return;
      if (typeof cell === 'number') xml += `<c r="${ref}"${s}><v>${cell}</v></c>`;
      else if (typeof cell === 'string') xml += `<c r="${ref}"${s} t="s"><v>${sst.of(cell)}</v></c>`;
      else xml += `<c r="${ref}" s="${dateStyle}"><v>${cell.date}</v></c>`;
    });
    buffer += `${xml}</row>`;
    if (++n % 1000 === 0) {
      yield encoder.encode(buffer);
      buffer = '';
    }
  }
  yield encoder.encode(buffer + tail);
}

/**
 * The workbook with `customers` customers: sheet 客户评估 (title A1 merged over A1:N1, the
 * header on row 3, customers from row 4, the table 客户评估表 over them), 跟进记录 (two rows
 * per customer from row 3) and 说明 (a SUM formula). `zip64`: the package's central directory
 * in zip64 form.
 */
export async function bigEvaluationWorkbook(customers: number, { zip64 = false } = {}): Promise<Uint8Array> {
  const sst = new SharedStrings();
  const last = 3 + customers;
  const evaluationRows = function* () {
    yield { r: 1, cells: ['客户关系综合评估表（2024年度）'] as Cell[], style: 1 };
    yield { r: 3, cells: BIG_HEADER as Cell[], style: 1 };
    for (let i = 0; i < customers; i++) yield { r: 4 + i, cells: customerRow(i) };
  };
  const evaluation = await part(
    'xl/worksheets/sheet1.xml',
    sheetChunks(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><dimension ref="A1:N${last}"/>` +
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
        '<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="24" customWidth="1"/></cols><sheetData>',
      evaluationRows(),
      `</sheetData><mergeCells count="1"><mergeCell ref="A1:N1"/></mergeCells><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="L4:L${last}"><formula1>"AAA,AA,A"</formula1></dataValidation></dataValidations>` +
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>',
      sst,
    ),
    6,
  );
  const followRows = function* () {
    yield { r: 1, cells: ['客户关系维护跟进记录表'] as Cell[], style: 1 };
    yield { r: 2, cells: FOLLOW_UP_HEADER as Cell[], style: 1 };
    let r = 3;
    for (let i = 0; i < customers; i++) for (const cells of followUpRows(i)) yield { r: r++, cells };
  };
  const followUp = await part(
    'xl/worksheets/sheet2.xml',
    sheetChunks(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><dimension ref="A1:K${2 + 2 * customers}"/><sheetFormatPr defaultRowHeight="15"/><sheetData>`,
      followRows(),
      '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
      sst,
    ),
    6,
  );
  const notes = await part('xl/worksheets/sheet3.xml', [
    encoder.encode(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><dimension ref="A1:B2"/><sheetData>` +
        `<row r="1"><c r="A1" t="s"><v>${sst.of('客户数')}</v></c><c r="B1"><f>COUNTA('${BIG_SHEET}'!A4:A${last})</f><v>${customers}</v></c></row>` +
        `<row r="2"><c r="A2" t="s"><v>${sst.of('说明')}</v></c><c r="B2" t="s"><v>${sst.of('由评分命令生成的测试工作簿')}</v></c></row>` +
        '</sheetData></worksheet>',
    ),
  ]);
  const columns = BIG_HEADER.map((h, i) => `<tableColumn id="${i + 1}" name="${escape(h)}"/>`).join('');
  const table = await part('xl/tables/table1.xml', [
    encoder.encode(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${NS}" id="1" name="${BIG_TABLE}" displayName="${BIG_TABLE}" ref="A3:N${last}" totalsRowShown="0">` +
        `<autoFilter ref="A3:N${last}"/><tableColumns count="${BIG_HEADER.length}">${columns}</tableColumns>` +
        '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>',
    ),
  ]);
  const sstXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${sst.count}" uniqueCount="${sst.list.length}">` +
    sst.list.map((s) => `<si><t>${escape(s)}</t></si>`).join('') +
    '</sst>';
  const parts: Part[] = [
    await part('[Content_Types].xml', [
      encoder.encode(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          [1, 2, 3]
            .map(
              (n) =>
                `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
            )
            .join('') +
          '<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>' +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      ),
    ]),
    await part('_rels/.rels', [
      encoder.encode(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    ]),
    await part('xl/workbook.xml', [
      encoder.encode(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
          `<sheet name="${BIG_SHEET}" sheetId="1" r:id="rId1"/><sheet name="跟进记录" sheetId="2" r:id="rId2"/><sheet name="说明" sheetId="3" r:id="rId3"/></sheets>` +
          `<definedNames><definedName name="客户清单">'${BIG_SHEET}'!$A$4:$A$${last}</definedName></definedNames><calcPr calcId="191029"/></workbook>`,
      ),
    ]),
    await part('xl/_rels/workbook.xml.rels', [
      encoder.encode(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">` +
          [1, 2, 3].map((n) => `<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('') +
          `<Relationship Id="rId4" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId5" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    ]),
    await part('xl/worksheets/_rels/sheet1.xml.rels', [
      encoder.encode(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/table" Target="../tables/table1.xml"/></Relationships>`,
      ),
    ]),
    evaluation,
    followUp,
    notes,
    table,
    await part('xl/styles.xml', [
      encoder.encode(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}">` +
          '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
          '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>' +
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
          '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
      ),
    ]),
    await part('xl/sharedStrings.xml', [encoder.encode(sstXml)], 6),
  ];
  return zip(parts, {}, zip64);
}
