/**
 * The analyses' path in syncs on Excel on the web's 5 MB limits, as syncs.test.ts holds the
 * evaluation score's: a workbook of 10,000 customers (客户评估), a survey of two periods per
 * customer (20,000 rows) and 50,000 purchases (test/fixtures/analyses-scale.ts). The syncs
 * grow only with the bytes Excel must send back (each response at most 5 MB): from 1,000 to
 * 10,000 customers the reads of the three tables (11 MB at 10,000) take two syncs more in the
 * preview and in Apply's check, and nothing else grows. Every customer is written.
 */
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps, scoreAnalysesRead } from '../../src/excel/ops';
import { allPresets, getPreset, getRfmPreset, getServicePreset } from '../../src/presets';
import { analysesAtScale, SCALE_SHEETS } from '../fixtures/analyses-scale';
import { serial } from '../helpers/grid';

jest.setTimeout(180_000);

const AS_OF = serial('2024-06-30');
const FIVE_MB = 5 * 1024 * 1024;
const SEGMENTS = ['流失风险客户', '高价值客户', '潜力客户', '低价值客户'];

type Phases = { scan: number; prepare: number; apply: number; charts: number };

/** Scan, preview (the evaluation score, the survey and RFM), Apply and Insert charts, each phase's syncs counted. */
async function path(customers: number, edit?: (excel: EmulatedExcel) => void) {
  const excel = await EmulatedExcel.fromXlsx(await analysesAtScale(customers));
  const ops = createWorkbookOps({ run: excel.run });
  const phases: Partial<Phases> = {};
  const requests: { bytes: number; responseBytes: number }[] = [];
  const phase = async <T>(name: keyof Phases, f: () => Promise<T>): Promise<T> => {
    excel.stats.reset();
    const value = await f();
    phases[name] = excel.stats.syncs;
    requests.push(...excel.stats.requests);
    return value;
  };
  const scan = await phase('scan', () => ops.scan(allPresets()));
  const read = await phase('prepare', () =>
    ops.prepareAnalyses(scan, {
      asOf: AS_OF,
      scoring: { rules: getPreset('evaluation') },
      service: getServicePreset(),
      rfm: getRfmPreset(),
      knownRules: allPresets(),
    }),
  );
  const scored = scoreAnalysesRead(read, {});
  edit?.(excel);
  const applied = await phase('apply', () => ops.applyAnalyses(scored, 'zh-CN'));
  await phase('charts', () => ops.insertAnalysesCharts(applied, 'zh-CN'));
  return { excel, scored, applied, phases: phases as Phases, requests };
}

const column = (excel: EmulatedExcel, sheet: string, address: string) => excel.peek(sheet, address).values.map((r) => r[0]);

describe('the analyses of 10,000 customers, 20,000 survey rows and 50,000 purchases', () => {
  let small: Phases;
  beforeAll(async () => {
    small = (await path(1_000)).phases;
  });

  it('take 11 syncs from scan to Apply (14 with the charts), none over 5 MB either way, at most two more than at 1,000 customers in any phase, and write every customer', async () => {
    const { excel, scored, applied, phases, requests } = await path(10_000);
    expect(scored.run.scoring?.customers).toHaveLength(10_000);
    expect(scored.run.service?.customers).toHaveLength(10_000);
    expect(scored.run.rfm?.source).toBe('transactions');
    expect(scored.run.rfm?.customers).toHaveLength(10_000);
    // Scan: the sheets, then the samples. Preview: the three tables' 11 MB in three reads. Apply: the check's
    // three reads, one write per table written (客户评估, 服务评价), the rules stored. Charts: find the sheet, our charts, draw.
    expect(phases).toEqual({ scan: 2, prepare: 3, apply: 6, charts: 3 });
    expect(small).toEqual({ scan: 2, prepare: 1, apply: 4, charts: 3 });
    for (const name of ['scan', 'prepare', 'apply', 'charts'] as const) expect(phases[name]).toBeLessThanOrEqual(small[name] + 2);
    expect(applied.stats).toEqual({ syncs: 5, chunks: 2 });
    expect(requests.every((r) => r.bytes <= FIVE_MB && r.responseBytes <= FIVE_MB)).toBe(true);
    expect(applied.rulesStored).toBe(true);

    // 客户评估 A:N, then 综合得分 … 预警标记 (O–Q), R F M RFM 得分 RFM 分群 (R–V), 服务得分 短板维度 (W–X).
    const E = SCALE_SHEETS.evaluation;
    expect(excel.peek(E, 'O1:X1').values).toEqual([['综合得分', '客户等级', '预警标记', 'R', 'F', 'M', 'RFM 得分', 'RFM 分群', '服务得分', '短板维度']]);
    expect(column(excel, E, 'O2:O10001').every((v) => typeof v === 'number')).toBe(true);
    for (const letter of ['R', 'S', 'T']) expect(column(excel, E, `${letter}2:${letter}10001`).every((v) => [1, 2, 3, 4, 5].includes(v as number))).toBe(true);
    expect(column(excel, E, 'V2:V10001').every((v) => SEGMENTS.includes(v as string))).toBe(true);
    expect(column(excel, E, 'W2:W10001').every((v) => typeof v === 'number')).toBe(true);
    // Customer 1's answers 1, 1, 1, 1, 1 and 2, 2, 3, 2, 4: means 1.5, 1.5, 2, 1.5, 2.5 → 9 ÷ 5 ÷ 5 × 100 = 36.0, weakest the first 1.5.
    // Customer 10,000's 5, 3, 4, 5, 3 and 1, 4, 1, 1, 1: means 3, 3.5, 2.5, 3, 2 → 14 ÷ 5 ÷ 5 × 100 = 56.0, weakest 整体满意度.
    expect(excel.peek(E, 'W2:X2').values).toEqual([[36, '服务响应及时性']]);
    expect(excel.peek(E, 'W10001:X10001').values).toEqual([[56, '整体满意度']]);
    // The survey (header on row 2): every one of its 20,000 rows, customer 1's first period on row 3, customer 10,000's second on row 20002.
    const S = SCALE_SHEETS.survey;
    expect(excel.peek(S, 'I2:J2').values).toEqual([['服务得分', '短板维度']]);
    expect(column(excel, S, 'I3:I20002').every((v) => typeof v === 'number')).toBe(true);
    expect(excel.peek(S, 'I3:J3').values).toEqual([[36, '服务响应及时性']]);
    expect(excel.peek(S, 'I20002:J20002').values).toEqual([[56, '整体满意度']]);
    // The purchases are read, never written.
    expect(excel.peek(SCALE_SHEETS.transactions, 'D1:D50001').values.every((r) => r[0] === '')).toBe(true);
    expect(excel.charts('评分图表').map((c) => c.name)).toContain('CustomerScoring.Segments');
  });

  it('a purchase logged after the preview: Apply reads the row gained and works RFM out again, in one sync more', async () => {
    // Customer 1 buys again on the as-of date, on row 50002 below the 50,000 purchases. Its five purchases
    // (0, 71, 142, 213 and 284 days before 2024-06-30) are all in the period: F 5 → 6, the most of anyone (F score 5).
    const { excel, scored, applied, phases, requests } = await path(10_000, (excel) =>
      excel.editCell(SCALE_SHEETS.transactions, 'A50002:C50002', [['客户000001有限公司', '2024/6/30', 1000]]),
    );
    expect(applied.rescored).toEqual({ reason: 'analysis-tables' });
    expect(phases.apply).toBe(7);
    expect(requests.every((r) => r.bytes <= FIVE_MB && r.responseBytes <= FIVE_MB)).toBe(true);
    expect(scored.run.rfm?.customers[0]?.values.frequency).toBe(5);
    expect(applied.run.rfm?.customers[0]?.values.frequency).toBe(6);
    expect(applied.run.rfm?.purchases).toBe(scored.run.rfm!.purchases + 1);
    expect(excel.peek(SCALE_SHEETS.evaluation, 'S2').values).toEqual([[5]]);
  });
});
