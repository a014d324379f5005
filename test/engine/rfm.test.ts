/**
 * RFM (docs/scoring-rules.md section 6 `rfm`): the segments in order, R / F / M from a transactions table
 * within a period (purchases outside it left out and counted) or from the customer table's
 * columns, the weighted score, and 流失风险客户 as a churn risk in the scoring's flags
 * (docs/scoring-rules.md section 7). Expected values are worked out by hand.
 */
import { prepareAnalyses, runAnalyses, scoreAnalyses } from '../../src/engine/analyses';
import { isScoringError } from '../../src/engine/errors';
import { isoFromSerial, serialFromIso } from '../../src/engine/parse';
import { addMonths, rfmPeriod, rfmScore, segmentOf } from '../../src/engine/rfm';
import { RfmRulesSchema } from '../../src/engine/rules';
import type { RawCell, SheetGrid } from '../../src/engine/types';
import { allPresets, getPreset, getRfmPreset, getServicePreset } from '../../src/presets';

const AS_OF = serialFromIso('2024-06-30')!;
const day = (iso: string) => serialFromIso(iso)!;

function sheet(name: string, rows: RawCell[][]): SheetGrid {
  return { name, rows, tables: [] };
}

describe('the segments, first match wins', () => {
  it('流失风险客户 whenever R ≤ 2, even with F and M at 5', () => {
    expect(segmentOf(2, 5, 5)).toBe('at-risk');
    expect(segmentOf(1, 1, 1)).toBe('at-risk');
  });

  it('高价值客户 when all three are ≥ 4', () => {
    expect(segmentOf(4, 4, 4)).toBe('high-value');
    expect(segmentOf(5, 4, 5)).toBe('high-value');
  });

  it('潜力客户 when all three are ≥ 3 but one is below 4', () => {
    expect(segmentOf(3, 5, 5)).toBe('potential');
    expect(segmentOf(5, 5, 3)).toBe('potential');
  });

  it('低价值客户 for the rest: R ≥ 3 with F or M below 3, or a letter missing', () => {
    expect(segmentOf(3, 2, 5)).toBe('low-value');
    expect(segmentOf(5, 5, 1)).toBe('low-value');
    expect(segmentOf(5, null, 5)).toBe('low-value');
    expect(segmentOf(null, 5, 5)).toBe('low-value');
  });
});

describe('the period', () => {
  it('by default the 12 months up to the as-of date, both days included', () => {
    const p = rfmPeriod(AS_OF, getRfmPreset());
    expect([isoFromSerial(p.from), isoFromSerial(p.to)]).toEqual(['2023-07-01', '2024-06-30']);
  });

  it('a length in months, a start, an end, or both as the user set them', () => {
    const rules = getRfmPreset();
    const at = (choice: Parameters<typeof rfmPeriod>[2]) => {
      const p = rfmPeriod(AS_OF, rules, choice);
      return [isoFromSerial(p.from), isoFromSerial(p.to)];
    };
    expect(at({ months: 6 })).toEqual(['2024-01-01', '2024-06-30']);
    expect(at({ from: day('2024-01-01') })).toEqual(['2024-01-01', '2024-06-30']);
    expect(at({ to: day('2023-12-31') })).toEqual(['2023-01-01', '2023-12-31']);
    expect(at({ from: day('2024-03-01'), to: day('2024-03-31') })).toEqual(['2024-03-01', '2024-03-31']);
  });

  it('months back from a day a shorter month lacks land on its last day (EDATE)', () => {
    expect(isoFromSerial(addMonths(day('2024-02-29'), -12))).toBe('2023-02-28');
    expect(isoFromSerial(addMonths(day('2024-03-31'), -1))).toBe('2024-02-29');
    expect(isoFromSerial(addMonths(day('2024-01-31'), 1))).toBe('2024-02-29');
  });
});

/** A customer table and its purchases (as of 2024-06-30, period 2023-07-01 .. 2024-06-30). */
const CUSTOMERS = sheet('客户', [
  ['客户编号', '客户名称', '规模'],
  ['C001', '甲商贸', '大型'],
  ['C002', '乙电子', '小型'],
  ['C003', '丙食品', '中型'],
  ['C004', '丁建材', '小型'],
  ['C005', '戊医药', '中型'],
]);
const PURCHASES = sheet('交易记录', [
  ['客户名称', '交易日期', '交易金额'],
  ['甲商贸', day('2024-06-20'), 50000],
  ['甲商贸', '2024-05-10', '3万'],
  ['甲商贸', '2024/3/1', 20000],
  ['甲商贸', day('2023-06-30'), 10000],
  ['乙电子', day('2024-06-01'), 2000],
  ['乙电子', day('2024-07-05'), 7000],
  ['丙食品', day('2024-01-10'), '15万'],
  ['丁建材', day('2024-06-28'), 5000],
  ['丁建材', day('2024-06-15'), 5000],
  ['丁建材', day('2024-04-01'), 5000],
  ['丁建材', day('2023-12-01'), 5000],
  ['戊医药', day('2023-05-20'), 90000],
  ['己公司', day('2024-02-02'), 1000],
  ['甲商贸', '下周', 800],
]);

describe('a transactions table with purchases outside the period', () => {
  const run = runAnalyses([CUSTOMERS, PURCHASES], { primary: 'rfm', asOf: AS_OF, rfm: getRfmPreset(), service: getServicePreset() });
  const rfm = run.rfm!;
  const byKey = (key: string) => rfm.customers.find((c) => c.key === key)!;

  it('per customer of the customer table: R days since its last purchase in the period, F purchases, M amount', () => {
    // 甲: 06-20, 05-10, 03-01 (the 2023-06-30 one is the day before the period) → R 10, F 3, M 100,000.
    expect(byKey('甲商贸').values).toEqual({ recency: 10, frequency: 3, monetary: 100000 });
    // 乙: 06-01 (the 07-05 one is after the as-of date) → R 29, F 1, M 2,000.
    expect(byKey('乙电子').values).toEqual({ recency: 29, frequency: 1, monetary: 2000 });
    // 丙: 2024-01-10 → 21 + 29 + 31 + 30 + 31 + 30 = 172 days.
    expect(byKey('丙食品').values).toEqual({ recency: 172, frequency: 1, monetary: 150000 });
    expect(byKey('丁建材').values).toEqual({ recency: 2, frequency: 4, monetary: 20000 });
    // 戊: its one purchase is before the period: no purchase in it, R the worst of all.
    expect(byKey('戊医药').values).toEqual({ recency: Infinity, frequency: 0, monetary: 0 });
  });

  it('purchases outside the period are left out and counted; an unreadable one and an unknown customer are reported', () => {
    expect(rfm.outside).toBe(3);
    expect(rfm.purchases).toBe(10); // 甲 3, 乙 1, 丙 1, 丁 4 and 己公司's 1
    expect(rfm.warnings).toEqual(
      expect.arrayContaining([
        { code: 'purchases-outside-period', count: 3, from: '2023-07-01', to: '2024-06-30' },
        { code: 'unknown-transaction-customer', key: '己公司', addresses: ['交易记录!A14'] },
        { code: 'unreadable-transaction', address: '交易记录!B15', text: '下周' },
      ]),
    );
  });

  it('quintile scores of the five customers, each letter ranked worst to best', () => {
    // R: 戊 ∞, 丙 172, 乙 29, 甲 10, 丁 2 → 1..5. F: 戊 0 → 1; 乙 1, 丙 1 tie at ranks 2-3, r = 2.5 → floor(2) + 1 = 3;
    // 甲 3 → 4; 丁 4 → 5. M: 戊 0 → 1; 乙 2,000 → 2; 丁 20,000 → 3; 甲 100,000 → 4; 丙 150,000 → 5.
    expect(rfm.customers.map((c) => [c.key, c.scores.recency, c.scores.frequency, c.scores.monetary])).toEqual([
      ['甲商贸', 4, 4, 4],
      ['乙电子', 3, 3, 2],
      ['丙食品', 2, 3, 5],
      ['丁建材', 5, 5, 3],
      ['戊医药', 1, 1, 1],
    ]);
  });

  it('the segments and the weighted score (equal weights: the mean × 20)', () => {
    expect(rfm.customers.map((c) => [c.key, c.segment.id, c.score])).toEqual([
      ['甲商贸', 'high-value', 80],
      ['乙电子', 'low-value', 53.3],
      ['丙食品', 'at-risk', 66.7],
      ['丁建材', 'potential', 86.7],
      ['戊医药', 'at-risk', 20],
    ]);
    expect(rfm.summary.segments).toEqual({ 'at-risk': 2, 'high-value': 1, potential: 1, 'low-value': 1 });
    expect(byKey('丙食品').flags).toEqual([{ id: 'churn-risk', reason: 'rfm-at-risk' }]);
  });

  it('the cut values: the range of values per score', () => {
    expect(rfm.cuts.recency.map((c) => [c.score, c.min, c.max, c.customers])).toEqual([
      [1, Infinity, Infinity, 1],
      [2, 172, 172, 1],
      [3, 29, 29, 1],
      [4, 10, 10, 1],
      [5, 2, 2, 1],
    ]);
    expect(rfm.cuts.frequency.map((c) => [c.min, c.max, c.customers])).toEqual([
      [0, 0, 1],
      [null, null, 0],
      [1, 1, 2],
      [3, 3, 1],
      [4, 4, 1],
    ]);
  });

  it('a shorter period leaves out more: from 2024-01-01, 丁建材’s 2023-12-01 purchase is out', () => {
    const short = runAnalyses([CUSTOMERS, PURCHASES], { primary: 'rfm', asOf: AS_OF, rfm: getRfmPreset(), period: { from: day('2024-01-01') } });
    expect(short.rfm!.customers.find((c) => c.key === '丁建材')!.values).toEqual({ recency: 2, frequency: 3, monetary: 15000 });
    expect(short.rfm!.outside).toBe(4);
  });

  it('other weights change the score, never the letters or the segments', () => {
    const prepared = prepareAnalyses([CUSTOMERS, PURCHASES], { primary: 'rfm', asOf: AS_OF, rfm: getRfmPreset() });
    // An online shop raises F (R 1 : F 2 : M 1): 丙 (2 + 2×3 + 5) ÷ 4 × 20 = 65.0; 乙 (3 + 6 + 2) ÷ 4 × 20 = 55.0.
    const shop = scoreAnalyses(prepared, { rfm: RfmRulesSchema.parse({ ...getRfmPreset(), weights: { recency: 1, frequency: 2, monetary: 1 } }) }).rfm!;
    expect(shop.customers.map((c) => [c.key, c.score, c.segment.id])).toEqual([
      ['甲商贸', 80, 'high-value'],
      ['乙电子', 55, 'low-value'],
      ['丙食品', 65, 'at-risk'],
      ['丁建材', 90, 'potential'],
      ['戊医药', 20, 'at-risk'],
    ]);
    // A manufacturer raises M (R 1 : F 1 : M 2): 丙 (2 + 3 + 10) ÷ 4 × 20 = 75.0; 丁 (5 + 5 + 6) ÷ 4 × 20 = 80.0.
    const maker = scoreAnalyses(prepared, { rfm: RfmRulesSchema.parse({ ...getRfmPreset(), weights: { recency: 1, frequency: 1, monetary: 2 } }) }).rfm!;
    expect(maker.customers.map((c) => c.score)).toEqual([80, 50, 75, 80, 20]);
  });

  it('the weighted score counts a missing letter as 0', () => {
    expect(rfmScore({ recency: 5, frequency: null, monetary: 4 }, { recency: 1, frequency: 1, monetary: 1 })).toBe(60);
  });
});

describe('tables that name customers by different keys (客户编号 / 客户名称)', () => {
  const BY_ID = sheet('订单', [
    ['订单日期', '客户编号', '订单金额（万元）'],
    [day('2024-06-20'), 'C001', 5],
    [day('2024-05-10'), 'c001', 3],
    [day('2024-01-10'), 'C003', 15],
    [day('2024-06-28'), 'C004', 0.5],
    [day('2024-02-02'), 'C009', 0.1],
  ]);

  it('purchases by 客户编号 join a customer table keyed by 客户名称 through its 客户编号 column', () => {
    const run = runAnalyses([CUSTOMERS, BY_ID], { primary: 'rfm', asOf: AS_OF, rfm: getRfmPreset(), service: getServicePreset(), knownRules: allPresets() });
    const rfm = run.rfm!;
    // The customers keep their names; 甲 has two purchases (c001 folds to C001): R 10, F 2, M 80,000.
    expect(rfm.customers.map((c) => [c.key, c.values.recency, c.values.frequency, c.values.monetary])).toEqual([
      ['甲商贸', 10, 2, 80000],
      ['乙电子', Infinity, 0, 0],
      ['丙食品', 172, 1, 150000],
      ['丁建材', 2, 1, 5000],
      ['戊医药', Infinity, 0, 0],
    ]);
    expect(rfm.warnings).toContainEqual({ code: 'unknown-transaction-customer', key: 'C009', addresses: ['订单!B6'] });
    expect(run.warnings.filter((w) => w.code === 'join-key-kinds-differ')).toEqual([]);
  });

  it('a 合计 row under the purchases is no purchase, and is reported', () => {
    const withTotal = sheet('订单', [...BY_ID.rows, [], ['合计', '', 23.6]]);
    const run = runAnalyses([CUSTOMERS, withTotal], {
      primary: 'rfm',
      asOf: AS_OF,
      rfm: getRfmPreset(),
      service: getServicePreset(),
      knownRules: allPresets(),
    });
    expect(run.rfm!.purchases).toBe(5);
    expect(run.rfm!.warnings).toContainEqual({ code: 'rows-skipped', reason: 'totals-row', addresses: ['订单!A8:C8'] });
  });

  it('a customer merged down over its purchases: every purchase under the merge is its', () => {
    const merged: SheetGrid = {
      ...sheet('交易记录', [
        ['客户名称', '交易日期', '交易金额'],
        ['甲商贸', day('2024-06-20'), 50000],
        [null, day('2024-05-10'), 30000],
        ['', day('2024-03-01'), 20000],
        ['丙食品', day('2024-01-10'), 150000],
      ]),
      merges: [{ firstRow: 1, lastRow: 3, firstCol: 0, lastCol: 0 }],
    };
    const rfm = runAnalyses([CUSTOMERS, merged], {
      primary: 'rfm',
      asOf: AS_OF,
      rfm: getRfmPreset(),
      service: getServicePreset(),
      knownRules: allPresets(),
    }).rfm!;
    expect(rfm.customers.find((c) => c.key === '甲商贸')!.values).toEqual({ recency: 10, frequency: 3, monetary: 100000 });
    expect(rfm.warnings.filter((w) => w.code === 'blank-key')).toEqual([]);
  });

  it('no purchase in the period: every customer ties at 3 on each letter (the tie rule), and the run says why', () => {
    const rfm = runAnalyses([CUSTOMERS, BY_ID], {
      primary: 'rfm',
      asOf: day('2026-11-30'),
      rfm: getRfmPreset(),
      service: getServicePreset(),
      knownRules: allPresets(),
    }).rfm!;
    expect(rfm.purchases).toBe(0);
    // Five customers, all equal: r = 3 → floor(5 × 2.5 ÷ 5) + 1 = 3.
    expect(rfm.customers.map((c) => [c.scores.recency, c.scores.frequency, c.scores.monetary])).toEqual(Array.from({ length: 5 }, () => [3, 3, 3]));
    expect(rfm.warnings).toContainEqual({ code: 'no-purchases-in-period', from: '2025-12-01', to: '2026-11-30' });
  });

  it('purchases with both columns join on the one the customer table keys by', () => {
    const both = sheet('订单', [
      ['订单日期', '客户名称', '客户编号', '订单金额'],
      [day('2024-06-20'), '甲商贸（华东）', 'C001', 1000],
    ]);
    const customers = sheet('客户', [
      ['客户编号', '所属行业', '规模'],
      ['C001', '制造', '大型'],
      ['C002', '零售', '小型'],
    ]);
    const rfm = runAnalyses([customers, both], {
      primary: 'rfm',
      asOf: AS_OF,
      rfm: getRfmPreset(),
      service: getServicePreset(),
      knownRules: allPresets(),
    }).rfm!;
    expect(rfm.customers.map((c) => [c.key, c.values.frequency])).toEqual([
      ['C001', 1],
      ['C002', 0],
    ]);
  });

  it('a survey by 客户编号 joins the customer table by its 客户编号 column: the names in the report, no customer unknown', () => {
    const survey = sheet('服务评价', [
      ['客户编号', '评价周期', '服务响应速度(1-5)', '问题解决能力', '沟通互动质量', '服务增值性', '整体满意度', '推荐意愿(0-10)'],
      ['C001', 'Q1', 5, 4, 4, 3, 5, 9],
      ['C002', 'Q1', 2, 3, 3, 2, 3, 5],
      ['C008', 'Q1', 4, 4, 4, 4, 4, 8],
    ]);
    const run = runAnalyses([CUSTOMERS, survey, BY_ID], {
      primary: 'service',
      asOf: AS_OF,
      rfm: getRfmPreset(),
      service: getServicePreset(),
      knownRules: allPresets(),
    });
    expect(run.service!.customers.map((c) => [c.key, c.score])).toEqual([
      ['甲商贸', 84],
      ['乙电子', 52],
      ['C008', 80],
    ]);
    expect(run.warnings.filter((w) => w.code === 'unknown-service-customer').map((w) => (w as { key: string }).key)).toEqual(['C008']);
  });

  it('a survey by 客户编号 and a customer table with names only: said, not silently unmatched', () => {
    const names = sheet('客户', [
      ['客户名称', '所属行业', '规模'],
      ['甲商贸', '制造', '大型'],
    ]);
    const survey = sheet('服务评价', [
      ['客户编号', '服务响应速度(1-5)', '问题解决能力', '沟通互动质量', '推荐意愿(0-10)'],
      ['C001', 5, 4, 4, 9],
    ]);
    const purchases = sheet('交易记录', [
      ['客户名称', '交易日期', '交易金额'],
      ['甲商贸', day('2024-06-20'), 1000],
    ]);
    const run = runAnalyses([names, survey, purchases], {
      primary: 'service',
      asOf: AS_OF,
      rfm: getRfmPreset(),
      service: getServicePreset(),
      knownRules: allPresets(),
    });
    expect(run.warnings).toContainEqual({ code: 'join-key-kinds-differ', sheet: '服务评价' });
  });
});

describe('RFM from the customer table’s own columns', () => {
  it('R as days (距今天数), F with its unit, M in 万元; an unreadable cell is missing, unranked and flagged', () => {
    const run = runAnalyses(
      [
        sheet('客户价值', [
          ['客户名称', '距今天数', '购买次数', '累计金额(万元)'],
          ['A公司', 5, 12, 50],
          ['B公司', '60天', 6, 20],
          ['C公司', 167, '2次', 5],
          ['D公司', 5, 3, '待核'],
        ]),
      ],
      { primary: 'rfm', asOf: AS_OF, rfm: getRfmPreset() },
    );
    const rfm = run.rfm!;
    expect(rfm.source).toBe('columns');
    // R: C 167 → 1, B 60 → 2, A and D 5 tie at ranks 3-4, r = 3.5 → floor(3.75) + 1 = 4.
    // F: C 2 → 1, D 3 → 2, B 6 → floor(3.125) + 1 = 4, A 12 → floor(4.375) + 1 = 5.
    // M over the three present (n = 3): C 50,000 → floor(5 × 0.5 ÷ 3) + 1 = 1, B 200,000 → floor(2.5) + 1 = 3, A 500,000 → floor(4.17) + 1 = 5.
    expect(rfm.customers.map((c) => [c.key, c.scores.recency, c.scores.frequency, c.scores.monetary, c.segment.id])).toEqual([
      ['A公司', 4, 5, 5, 'high-value'],
      ['B公司', 2, 4, 3, 'at-risk'],
      ['C公司', 1, 1, 1, 'at-risk'],
      ['D公司', 4, 2, null, 'low-value'],
    ]);
    expect(rfm.customers[3]!.flags).toEqual([{ id: 'missing-data', indicator: 'monetary', address: '客户价值!D5', text: '待核', reason: 'unreadable' }]);
    // D: (4 + 2 + 0) ÷ 3 × 20 = 40.0.
    expect(rfm.customers[3]!.score).toBe(40);
  });

  it('without R, F and M all three, and without purchases, there is nothing to segment', () => {
    let code = '';
    try {
      runAnalyses(
        [
          sheet('客户价值', [
            ['客户名称', '最近交易日期', '交易金额'],
            ['A公司', day('2024-06-01'), 100],
          ]),
        ],
        { primary: 'rfm', asOf: AS_OF, rfm: getRfmPreset() },
      );
    } catch (e) {
      if (isScoringError(e)) code = e.problem.code;
    }
    expect(code).toBe('no-rfm-data');
  });
});

describe('beside the scoring: 流失风险客户 is a churn risk in its flags', () => {
  it('the maintenance preset’s customers at risk by RFM get 流失预警 (RFM), after the transaction reason', () => {
    const table = sheet('客户评估', [
      ['客户名称', '近12个月交易金额', '利润贡献', '行业增长前景', '合作意愿', '需求扩展性', '最近交易日期', '交易次数'],
      ['甲', 600000, 120000, '高', '强', '高', day('2024-06-20'), 12],
      ['乙', 200000, 30000, '中', '一般', '中', day('2024-05-01'), 6],
      ['丙', 50000, 8000, '低', '弱', '低', day('2024-02-01'), 2],
      ['丁', 800000, 150000, '高', '强', '高', day('2024-06-25'), 20],
      ['戊', 20000, 3000, '低', '弱', '低', day('2024-06-10'), 1],
    ]);
    const run = runAnalyses([table], {
      primary: 'scoring',
      asOf: AS_OF,
      scoring: { rules: getPreset('maintenance') },
      rfm: getRfmPreset(),
      service: getServicePreset(),
    });
    // R (days): 甲 10, 乙 60, 丙 150, 丁 5, 戊 20 → 丙 1, 乙 2, 戊 3, 甲 4, 丁 5: 丙 and 乙 are at risk.
    expect(run.rfm!.customers.map((c) => [c.key, c.segment.id])).toEqual([
      ['甲', 'high-value'],
      ['乙', 'at-risk'],
      ['丙', 'at-risk'],
      ['丁', 'high-value'],
      ['戊', 'low-value'],
    ]);
    const churn = run.scoring!.customers.map((c) => c.flags.filter((f) => f.id === 'churn-risk'));
    // 丙: 150 days without a transaction is the churn reason (one 流失预警 per customer); 乙: 60 days, so RFM's.
    expect(churn).toEqual([[], [{ id: 'churn-risk', reason: 'rfm-at-risk' }], [{ id: 'churn-risk', reason: 'no-transaction', days: 150 }], [], []]);
    expect(run.scoring!.summary.flags['churn-risk']).toBe(2);
  });
});
