/**
 * The add-in (src/excel through the emulated Excel) on the layouts of docs/scoring-rules.md section 1:
 * an Excel table with a totals row (the totals row is not a customer, the managed columns
 * are added inside the table, a second Apply is stable) and a two-row header with merged
 * group titles; the same results as the `score` command (tested in test/cli/tables.test.ts).
 */
import { formatRange } from '../../src/engine/address';
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps } from '../../src/excel/ops';
import { allPresets, getPreset } from '../../src/presets';
import { buildWorkbook } from '../fixtures/build';
import type { FixtureCell } from '../fixtures/build';
import { CUSTOMER_HEADER, CUSTOMER_ROWS, CUSTOMER_SCORES, totalsTableWorkbook, twoRowHeaderSpec } from '../fixtures/tables';
import { describeWarning } from '../../src/i18n/scoring';
import { scoreWorkbook } from '../../src/engine/run';
import { readWorkbook } from '../../src/xlsx/read';
import { serial } from '../helpers/grid';

jest.setTimeout(120_000);

const AS_OF = serial('2024-06-30');
const evaluation = getPreset('evaluation');

async function scoreAndApply(ops: ReturnType<typeof createWorkbookOps>) {
  const scan = await ops.scan(allPresets());
  const scored = await ops.score(scan, { rules: evaluation, asOf: AS_OF });
  const applied = await ops.apply(scored, 'zh-CN');
  return { scan, scored, applied };
}

describe('an Excel table with a totals row', () => {
  let excel: EmulatedExcel;
  let ops: ReturnType<typeof createWorkbookOps>;
  let first: Awaited<ReturnType<typeof scoreAndApply>>;

  beforeAll(async () => {
    excel = await EmulatedExcel.fromXlsx(await totalsTableWorkbook());
    ops = createWorkbookOps({ run: excel.run });
    first = await scoreAndApply(ops);
  });

  it('the candidate ends above the totals row; the six customers are scored, 合计 is not one of them', () => {
    const table = first.scored.run.evaluation.table;
    expect([table.source, table.name, formatRange(table.box)]).toEqual(['excel-table', '客户评估表', 'A3:M9']);
    expect(first.scored.run.customers.map((c) => c.score)).toEqual(CUSTOMER_SCORES);
    expect(first.scored.run.customers.map((c) => c.key)).not.toContain('合计');
  });

  it('Apply adds the managed columns inside the table; the totals row stays its last row', () => {
    expect(excel.tables('客户评估')).toEqual([{ name: '客户评估表', range: 'A3:P10' }]);
    const view = excel.peek('客户评估', 'N3:P10').values;
    expect(view[0]).toEqual(['综合得分', '客户等级', '预警标记']);
    expect(view.slice(1, 7).map((r) => r[0])).toEqual(CUSTOMER_SCORES);
    expect(view[7]).toEqual(['', '', '']);
    expect(excel.peek('客户评估', 'A10:E10').values).toEqual([['', '合计', '', '', 45]]);
  });

  it('a second Apply finds the columns inside the table and leaves the table as it is', async () => {
    const before = excel.peek('客户评估', 'A3:P10').values;
    const second = await scoreAndApply(ops);
    expect(formatRange(second.scored.run.evaluation.table.box)).toBe('A3:P9');
    expect(second.scored.run.customers.map((c) => c.score)).toEqual(CUSTOMER_SCORES);
    expect(excel.tables('客户评估')).toEqual([{ name: '客户评估表', range: 'A3:P10' }]);
    expect(excel.peek('客户评估', 'A3:Q10').values).toEqual(before.map((r) => [...r, '']));
  });
});

describe('a two-row header with merged group titles', () => {
  it('is found from the scan, scored as the score command scores it, and written beside the lower header row', async () => {
    const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(twoRowHeaderSpec));
    const ops = createWorkbookOps({ run: excel.run });
    const { scored } = await scoreAndApply(ops);
    const table = scored.run.evaluation.table;
    expect(formatRange(table.box)).toBe('A4:M10');
    expect(table.headers.slice(0, 4)).toEqual(['序号', '客户名称', '合作时长（年）', '所属行业(增长潜力)']);
    expect(table.groups).toEqual([
      '',
      '',
      '基础信息',
      '基础信息',
      '合作历史',
      '合作历史',
      '客户满意度',
      '客户满意度',
      '合作潜力',
      '合作潜力',
      '风险控制',
      '风险控制',
      '',
    ]);
    expect(scored.run.customers.map((c) => c.score)).toEqual(CUSTOMER_SCORES);
    expect(excel.peek('客户评估', 'N3:P5').values).toEqual([
      ['', '', ''],
      ['综合得分', '客户等级', '预警标记'],
      [100, '战略级客户', ''],
    ]);
  });
});

describe('a plain block whose end lies below the rows the scan sees', () => {
  // Header in row 1; 69 customers in rows 2-70 (the fixture's six, renamed, over and over);
  // a blank row 71; three more customers 72-74; 合计 in row 75; a late customer in row 76.
  const customer = (n: number): FixtureCell[] => {
    const row = [...CUSTOMER_ROWS[(n - 1) % 6]!];
    row[0] = n;
    row[1] = `客户${n}`;
    return row;
  };
  const rows: FixtureCell[][] = [
    CUSTOMER_HEADER,
    ...Array.from({ length: 69 }, (_, i) => customer(i + 1)),
    [],
    ...Array.from({ length: 3 }, (_, i) => customer(70 + i)),
    [null, '合计', null, null, 999],
    customer(73),
  ];

  it('the add-in (scan of the top rows, then the full table) and the score command end it at the same row and report the same rows', async () => {
    const bytes = await buildWorkbook({ sheets: [{ name: '客户评估', rows }] });
    const excel = await EmulatedExcel.fromXlsx(bytes);
    const ops = createWorkbookOps({ run: excel.run });
    const scan = await ops.scan(allPresets());
    const { run } = await ops.score(scan, { rules: evaluation, asOf: AS_OF });
    const direct = scoreWorkbook(await readWorkbook(bytes), { rules: evaluation, asOf: AS_OF });
    for (const r of [run, direct]) {
      expect(formatRange(r.evaluation.table.box)).toBe('A1:M74');
      expect(r.customers).toHaveLength(72);
      expect(r.customers.at(-1)!.key).toBe('客户72');
      expect(r.warnings.map((w) => describeWarning(w, evaluation, 'zh-CN'))).toEqual(['客户评估!A75:M76 未作为客户读取：表格在合计行处结束。']);
    }
    expect(run.customers.map((c) => [c.key, c.row, c.score])).toEqual(direct.customers.map((c) => [c.key, c.row, c.score]));
  });
});
