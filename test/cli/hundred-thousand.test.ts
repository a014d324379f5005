/**
 * The `score` command on 100,000 customers (issue #9): seed 000's evaluation table with the
 * mixed values users type and a follow-up log of two rows per customer, scored through
 * scoreFile and read back with the .xlsx reader. Every managed cell says what the JSON report
 * says for its customer, and a second run on the output gives the same cells, byte for byte.
 * No timings are checked here (the bench measures them).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES_SHEET } from '../../src/engine/managed-sheets';
import { serialFromIso } from '../../src/engine/parse';
import type { ScoringReport } from '../../src/engine/report';
import { storedRulesFromGrid } from '../../src/engine/stored-rules';
import type { RawCell, SheetGrid } from '../../src/engine/types';
import { readWorkbook } from '../../src/xlsx/read';
import { scoreFile } from '../../src/xlsx/score-file';
import { writerUse } from '../../src/xlsx/write';
import { BIG_HEADER, BIG_SHEET, BIG_TABLE, bigEvaluationWorkbook } from '../helpers/big-workbook';
import { zipText } from '../helpers/zip';

jest.setTimeout(900_000);

const N = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'hundred-thousand-'));
const input = join(dir, '客户评估.xlsx');
const out = join(dir, '客户评估.scored.xlsx');
const again = join(dir, '客户评估.again.xlsx');
const asOf = serialFromIso('2024-06-30')!;

/** The managed columns N, O, P (0-based 14…16) of a row of the evaluation sheet. */
const managed = (sheet: SheetGrid, row: number): RawCell[] => (sheet.rows[row] ?? []).slice(14, 17).map((v) => v ?? null);

describe(`${N.toLocaleString('en-US')} customers: the score command's copy says what its report says`, () => {
  let report: ScoringReport;
  let first: SheetGrid[];
  const fallbacks = writerUse.excelize;

  beforeAll(async () => {
    writeFileSync(input, await bigEvaluationWorkbook(N));
    await scoreFile({ input, out, json: join(dir, 'report.json'), preset: 'evaluation', asOf, lang: 'zh-CN', now: new Date('2024-06-30T08:00:00Z') });
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ScoringReport;
    first = await readWorkbook(new Uint8Array(readFileSync(out)));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the three columns into the table, right of 备注, and nothing else moves', () => {
    const sheet = first.find((s) => s.name === BIG_SHEET)!;
    expect(sheet.rows[2]).toEqual([...BIG_HEADER, '综合得分', '客户等级', '预警标记']);
    expect(sheet.tables).toEqual([{ name: BIG_TABLE, range: `A3:Q${N + 3}` }]);
    expect(sheet.rows).toHaveLength(N + 3);
    expect(writerUse.excelize).toBe(fallbacks); // the direct writer did it
  });

  it('two customers worked out by hand', () => {
    const sheet = first.find((s) => s.name === BIG_SHEET)!;
    // Row 4, customer 1: 3 years, 高增长, 15 a year, 98 (%), 4.8, 95%, 0.85, 主动尝试, AAA, 100%: every
    // indicator at its top band → 100, 战略级客户; its follow-up 报价待确认 was due 2024-02-17 + 1.
    expect(managed(sheet, 3)).toEqual([100, '战略级客户', '跟进逾期(1项，最早应于2024-02-18完成)']);
    // Row 6, customer 3: only 2年 (30/30 × weight 10) and 2次/月 = 24 a year (30/30 × 15) score:
    // 2,500 ÷ 140 = 17.86 → 17.9, 观察客户; 3.6 is below 4 → 满意度低.
    expect(managed(sheet, 5)).toEqual([17.9, '观察客户', '满意度低(3.6 < 4)']);
  });

  it('every customer’s 综合得分, 客户等级 and 预警标记 equal the report’s', () => {
    const sheet = first.find((s) => s.name === BIG_SHEET)!;
    expect(report.rows).toHaveLength(N);
    const differing: unknown[] = [];
    for (const r of report.rows) {
      const expected = [r.score, r.tier.label, r.flags.map((f) => f.detail).join('；') || null];
      const actual = managed(sheet, r.row - 1);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) differing.push({ row: r.row, expected, actual });
    }
    expect(differing.slice(0, 5)).toEqual([]);
    expect(differing).toHaveLength(0);
  });

  it('a second run on the output: every cell value the same, byte for byte; the rules sheet logs the second run', async () => {
    await scoreFile({ input: out, out: again, preset: 'evaluation', asOf, lang: 'zh-CN', now: new Date('2024-07-01T08:00:00Z') });
    const second = await readWorkbook(new Uint8Array(readFileSync(again)));
    const grids = (sheets: SheetGrid[]) => JSON.stringify(sheets.filter((s) => s.name !== RULES_SHEET));
    const [a, b] = [grids(first), grids(second)];
    expect(b.length).toBe(a.length);
    expect(b === a).toBe(true);
    expect(storedRulesFromGrid(second.find((s) => s.name === RULES_SHEET)!.rows).runs.map((run) => run.at)).toEqual([
      '2024-06-30T08:00:00.000Z',
      '2024-07-01T08:00:00.000Z',
    ]);
    // The evaluation sheet's part is rewritten to the same bytes: same shared strings, same styles.
    const sheetXml = async (path: string) => zipText(new Uint8Array(readFileSync(path)), 'xl/worksheets/sheet1.xml');
    expect((await sheetXml(again)) === (await sheetXml(out))).toBe(true);
    expect(writerUse.excelize).toBe(fallbacks);
  });
});
