/**
 * Column matching by evidence (docs/scoring-rules.md section 3): headers compared by concepts, not whole
 * strings, with period words and units set aside; each column's data checked against the
 * indicator's type; columns assigned one to one maximising the total; the evidence kept.
 */
import { assignOptimal, headerEvidence, LAST_TRANSACTION_COLUMNS, MIN_MATCH } from '../../src/engine/columns';
import { ScoringError } from '../../src/engine/errors';
import { mapEvaluation, mapFollowUp } from '../../src/engine/mapping';
import { choosePreset, locateTables, scoreWorkbook } from '../../src/engine/run';
import type { RawCell } from '../../src/engine/types';
import { describeProblem } from '../../src/i18n/problems';
import { getPreset, type PresetId } from '../../src/presets';
import { AS_OF, EVALUATION_HEADER, GRADING_HEADER, SEED_000_ROW, gradingRow, serial, sheet } from '../helpers/grid';

const asOf = serial(AS_OF);

/** Indicator id → the header of the column it reads. */
function headersOf(preset: PresetId, header: string[], rows: RawCell[][]): Record<string, string> {
  const mapping = locateTables([sheet('S', [header, ...rows])], getPreset(preset)).evaluation!;
  return Object.fromEntries(Object.entries(mapping.indicators).map(([id, m]) => [id, m.header]));
}

describe('header evidence: exact, stem, concept, partial', () => {
  const annualRevenue = getPreset('grading').indicators.find((i) => i.id === 'annualRevenue')!.columns;

  it('an exact synonym beats the same stem with units and brackets, which beats a concept match', () => {
    expect(headerEvidence('年交易金额', annualRevenue)).toEqual({ kind: 'exact', score: 1 });
    expect(headerEvidence('* 年交易金额（万元）', annualRevenue)).toEqual({ kind: 'stem', score: 0.95 });
    // 近12个月 is a period word: 近12个月交易额 is 年度交易额 without its period.
    expect(headerEvidence('近12个月交易额（万元）', annualRevenue)).toEqual({ kind: 'stem', score: 0.9 });
    expect(headerEvidence('近一年复购率', ['复购率'])).toEqual({ kind: 'stem', score: 0.9 });
  });

  it('matches by concept where the words differ: 交易额 ~ 交易金额, 年限 ~ 时长, 客诉 ~ 投诉, 资信 ~ 信用', () => {
    // Same concepts on both sides: 0.3 + 0.55 × 1.
    expect(headerEvidence('近12个月交易额', ['年交易金额'])).toEqual({ kind: 'concept', score: 0.85 });
    expect(headerEvidence('合作年限', ['合作时长'])).toEqual({ kind: 'concept', score: 0.85 });
    expect(headerEvidence('客诉处理及时率', ['投诉解决及时率'])).toEqual({ kind: 'concept', score: 0.85 });
    expect(headerEvidence('资信等级', ['信用等级'])).toEqual({ kind: 'concept', score: 0.85 });
    expect(headerEvidence('Complaint resolution on time', ['投诉解决及时率'])?.kind).toBe('concept');
    expect(headerEvidence('Repeat purchase rate', ['复购率'])).toEqual({ kind: 'concept', score: 0.85 });
  });

  it('a generic word alone never matches: 客户 is not 客户信用等级, 回款及时率 is not 投诉解决及时率', () => {
    expect(headerEvidence('客户信用等级', ['客户'])).toBeUndefined();
    expect(headerEvidence('客户经理', ['客户'])).toBeUndefined();
    // They share 及时 and 率, not what is timely: 0.3 + 0.55 × 2 × 1.3 ÷ (2.3 + 3.3), below MIN_MATCH.
    expect(headerEvidence('回款及时率', ['投诉解决及时率'])).toEqual({ kind: 'concept', score: 0.555 });
    expect(0.555).toBeLessThan(MIN_MATCH);
  });

  it('a header naming only part of an indicator is a weak concept match that the data must confirm', () => {
    const e = headerEvidence('行业', ['行业增长率'])!;
    expect(e.kind).toBe('concept');
    expect(e.score).toBeGreaterThanOrEqual(MIN_MATCH);
    expect(e.score).toBeLessThan(0.7);
    // 所属行业 is inside 所属行业增长潜力 but names one of its three concepts: 0.3 + 0.55 × 2 ÷ 4, below MIN_MATCH.
    expect(headerEvidence('所属行业', ['所属行业增长潜力'])).toEqual({ kind: 'concept', score: 0.575 });
  });

  it('concepts that exclude each other never match: a first order, a last contact, a plan are not a last transaction or a completion', () => {
    expect(headerEvidence('最后下单日期', LAST_TRANSACTION_COLUMNS)).toEqual({ kind: 'concept', score: 0.85 });
    expect(headerEvidence('首次下单日期', LAST_TRANSACTION_COLUMNS)).toBeUndefined();
    expect(headerEvidence('最近联系日期', LAST_TRANSACTION_COLUMNS)).toBeUndefined();
    expect(headerEvidence('计划完成日期', ['实际完成时间'])).toBeUndefined();
    expect(headerEvidence('NPS', getPreset('grading').indicators.find((i) => i.id === 'referrals')!.columns)).toBeUndefined();
  });

  it('a word the lexicon does not know still matches inside a longer header (partial)', () => {
    // 0.5 + 0.35 × 4 ÷ 5
    expect(headerEvidence('测试指标A', ['测试指标'])).toEqual({ kind: 'partial', score: 0.78 });
  });
});

describe('one-to-one assignment maximising the total score', () => {
  it('gives a role its second-best column when that frees the only column of another role', () => {
    // Greedy (best pair first) takes role 0 → column 0 (0.9) and leaves role 1 without a column.
    expect(
      assignOptimal([
        [0.9, 0.8],
        [0.85, 0],
      ]),
    ).toEqual([1, 0]);
    expect(
      assignOptimal([
        [0.9, 0],
        [0.85, 0],
      ]),
    ).toEqual([0, -1]);
    expect(
      assignOptimal([
        [0, 0, 0.7],
        [0, 0.6, 0.65],
        [0.9, 0, 0],
      ]),
    ).toEqual([2, 1, 0]);
  });
});

describe('seed 002’s customer information table (客户信息采集表)', () => {
  const HEADER = [
    '客户编号',
    '客户名称',
    '行业',
    '规模(营收)',
    '联系人',
    '职位',
    '近12个月交易额（万元）',
    '交易频次',
    '合作时长',
    '满意度评分',
    '备注(如近期需求)',
  ];
  const ROWS: RawCell[][] = [
    ['C2024001', '*科技有限公司', '互联网', '5000万-1亿', '张*', '采购总监', 80, '12次', '3年', 9.2, '计划采购解决方案'],
    ['C2024002', '*制造集团', '机械制造', '1亿以上', '李*', '总经理', 30, '4次', '1年', 7.5, '对新生产线设备感兴趣'],
  ];
  const sheets = [sheet('客户信息', [HEADER, ...ROWS])];
  const grading = getPreset('grading');
  const TRACKED_NOT = ['industryGrowth', 'budgetGrowth', 'referrals', 'complaints'];

  it('is a grading table: 近12个月交易额（万元） is 年交易金额, and 行业 (互联网, 机械制造) is not 行业增长率', () => {
    expect(choosePreset(sheets, [getPreset('evaluation'), grading, getPreset('maintenance')]).id).toBe('grading');
    const m = locateTables(sheets, grading).evaluation!;
    expect(m.key).toMatchObject({ header: '客户名称', kind: 'name' });
    expect(m.indicators.annualRevenue).toMatchObject({ column: 6, header: '近12个月交易额（万元）', guessed: false, chosen: false });
    expect(m.indicators.annualRevenue!.evidence).toEqual({ header: 'stem', headerScore: 0.9, dataFit: 1, dataCells: 2, score: 0.9 });
    expect(m.indicators.tenure?.header).toBe('合作时长');
    expect(m.indicators.satisfaction?.header).toBe('满意度评分');
    expect(m.indicators.industryGrowth).toBeUndefined();
    expect(m.refused.industryGrowth).toMatchObject({ column: 2, header: '行业', evidence: { dataFit: 0, dataCells: 2 } });
    expect(m.missingRequired).toEqual(TRACKED_NOT);
  });

  it('stops with the indicators it lacks named, and says why 行业 was not taken', () => {
    const run = () => scoreWorkbook(sheets, { rules: grading, asOf });
    expect(run).toThrow(ScoringError);
    try {
      run();
    } catch (e) {
      expect(describeProblem((e as ScoringError).problem, 'zh-CN')).toBe(
        '评估表「客户信息」缺少必需的列：行业增长率（C列「行业」的数据不符）、预算增长空间、转介绍数、投诉次数；' +
          '请为它们选择列（--map 指标=列），或不计入不跟踪的指标（--without 指标），或在规则中把它们设为可选。',
      );
    }
  });

  it('scores without the indicators the team does not track: their weight is set aside, nothing is flagged missing, their gates waived', () => {
    const run = scoreWorkbook(sheets, { rules: grading, asOf, without: TRACKED_NOT });
    // C2024001: 80万 → 100, 3年 → 100, 9.2 → 100 over weights 30 + 20 + 10: 100, 核心客户 (the 转介绍 gate waived).
    // C2024002: 30万 → 80, 1年 → 80, 7.5 → 60: (2400 + 1600 + 600) ÷ 60 = 76.7, held back from 重要客户 by 满意度 ≥ 8.
    expect(run.customers.map((c) => [c.key, c.score, c.tier.id])).toEqual([
      ['*科技有限公司', 100, 'core'],
      ['*制造集团', 76.7, 'ordinary'],
    ]);
    expect(run.customers[0]!.flags).toEqual([]);
    expect(run.customers[1]!.flags.map((f) => f.id)).toEqual(['tier-gate']);
    expect(run.customers[0]!.indicators.map((i) => i.indicator)).toEqual(['annualRevenue', 'tenure', 'satisfaction']);
    expect(run.summary.without).toEqual(TRACKED_NOT);
    expect(run.evaluation.without).toEqual(TRACKED_NOT);
  });
});

describe('所属行业 (新能源, 互联网 …) beside 所属行业(增长潜力) (高增长 / 稳定 / 衰退)', () => {
  const header = ['客户名称', '所属行业', '所属行业(增长潜力)', ...EVALUATION_HEADER.slice(1).filter((h) => h !== '所属行业(增长潜力)')];
  const top = ['示例客户', '新能源', '高增长', '3年', '15次', 98, 4.8, '95%', '85%', '主动尝试', 'AAA级', '100%'];
  const second = ['华东精密', '互联网', '稳定', '3年', '15次', 98, 4.8, '95%', '85%', '主动尝试', 'AAA级', '100%'];

  it('reads the growth potential from the column whose data are growth labels; the top customer scores 100', () => {
    const run = scoreWorkbook([sheet('S', [header, top, second])], { rules: getPreset('evaluation'), asOf });
    expect(run.evaluation.indicators.industryGrowth).toMatchObject({ column: 2, header: '所属行业(增长潜力)' });
    expect(run.customers[0]).toMatchObject({ score: 100, flags: [] });
    expect(run.customers[0]!.tier.id).toBe('strategic');
    // 稳定 → 15 of 30 points at weight 10: 140 − 5 = 135 of 140.
    expect(run.customers[1]!.score).toBe(96.4);
  });

  it('takes the same column from the headers alone when the table has no rows yet', () => {
    const m = mapEvaluation(
      { sheet: 'S', source: 'range', box: { firstRow: 0, firstCol: 0, lastRow: 0, lastCol: header.length - 1 }, headers: header },
      getPreset('evaluation'),
    )!;
    expect(m.indicators.industryGrowth?.header).toBe('所属行业(增长潜力)');
    expect(m.indicators.industryGrowth?.evidence).toEqual({ header: 'exact', headerScore: 1, dataFit: null, dataCells: 0, score: 0.85 });
  });
});

describe('a grading layout with 行业 (industry names) and no growth-rate column', () => {
  const header = GRADING_HEADER.map((h) => (h === '行业增长率' ? '行业' : h));
  const rows = [gradingRow({ 行业增长率: '新能源' }), gradingRow({ 客户编号: 'C002', 客户名称: '北方物流', 行业增长率: '物流' })];
  const sheets = [sheet('S', [header, ...rows])];

  it('does not take 行业 for 行业增长率: the run stops naming it, or scores without it', () => {
    const m = locateTables(sheets, getPreset('grading')).evaluation!;
    expect(m.indicators.industryGrowth).toBeUndefined();
    expect(m.missingRequired).toEqual(['industryGrowth']);
    const problem = (() => {
      try {
        scoreWorkbook(sheets, { rules: getPreset('grading'), asOf });
      } catch (e) {
        return (e as ScoringError).problem;
      }
      throw new Error('the run did not stop');
    })();
    // The engine gives the indicator and the refused column as data; src/i18n says them.
    expect(problem).toEqual({
      code: 'missing-columns',
      params: { sheet: 'S' },
      missing: [{ indicator: 'industryGrowth', label: { zh: '行业增长率', en: 'Industry growth rate' }, refused: { letter: 'E', header: '行业' } }],
    });
    expect(describeProblem(problem, 'zh-CN')).toMatch(/^评估表「S」缺少必需的列：行业增长率（E列「行业」的数据不符）；/);
    expect(describeProblem(problem, 'en-US')).toMatch(
      /^The evaluation table on “S” lacks required columns: Industry growth rate \(column E “行业” holds data that does not fit\); /,
    );
    const run = scoreWorkbook(sheets, { rules: getPreset('grading'), asOf, without: ['industryGrowth'] });
    // Every other indicator at the top band: 100, 核心客户, and no 数据缺失.
    expect(run.customers.map((c) => [c.score, c.tier.id, c.flags.length])).toEqual([
      [100, 'core', 0],
      [100, 'core', 0],
    ]);
  });
});

describe('realistic layouts: every indicator finds its column', () => {
  type Layout = { name: string; preset: PresetId; header: string[]; rows: RawCell[][]; expected: Record<string, string>; key: string };
  const layouts: Layout[] = [
    {
      name: 'evaluation, a team’s own Chinese words',
      preset: 'evaluation',
      header: [
        '客户全称',
        '合作年限',
        '行业景气度',
        '下单频次(次/年)',
        '回款准时率(%)',
        '客户满意度(5分制)',
        '客诉处理及时率',
        '复购比例',
        '新品尝试意愿',
        '资信等级',
        '合同履行率(%)',
      ],
      rows: [
        ['华东精密', 3, '高增长', 15, 98, 4.8, '95%', '85%', '主动尝试', 'AAA', 100],
        ['北方新能源', 1.5, '稳定', 8, 92, 4.2, '85%', '60%', '被动接受', 'AA', 95],
        ['南方物流', 0.5, '衰退', 4, 85, 3.6, '70%', '30%', '无意愿', 'A', 88],
      ],
      key: '客户全称',
      expected: {
        tenure: '合作年限',
        industryGrowth: '行业景气度',
        orderFrequency: '下单频次(次/年)',
        paymentOnTime: '回款准时率(%)',
        satisfaction: '客户满意度(5分制)',
        complaintResolution: '客诉处理及时率',
        repurchase: '复购比例',
        newProductWillingness: '新品尝试意愿',
        creditRating: '资信等级',
        contractFulfilment: '合同履行率(%)',
      },
    },
    {
      name: 'evaluation, in English',
      preset: 'evaluation',
      header: [
        'Customer',
        'Years as customer',
        'Industry outlook',
        'Orders / year',
        'Paid on time %',
        'Satisfaction (1-5)',
        'Complaint resolution on time',
        'Repeat purchase rate',
        'New product interest',
        'Credit rating',
        'Contract fulfillment %',
      ],
      rows: [
        ['Acme Ltd', 3, 'High growth', 15, '98%', 4.8, '95%', '85%', 'Proactive', 'AAA', '100%'],
        ['Borealis', 1.5, 'Stable', 8, '92%', 4.2, '85%', '60%', 'Passive', 'AA', '95%'],
        ['Cobalt Inc', 0.5, 'Declining', 4, '85%', 3.6, '70%', '30%', 'Unwilling', 'A', '88%'],
      ],
      key: 'Customer',
      expected: {
        tenure: 'Years as customer',
        industryGrowth: 'Industry outlook',
        orderFrequency: 'Orders / year',
        paymentOnTime: 'Paid on time %',
        satisfaction: 'Satisfaction (1-5)',
        complaintResolution: 'Complaint resolution on time',
        repurchase: 'Repeat purchase rate',
        newProductWillingness: 'New product interest',
        creditRating: 'Credit rating',
        contractFulfilment: 'Contract fulfillment %',
      },
    },
    {
      name: 'evaluation, with distractors: row numbers, industry names, start dates, the account manager, notes',
      preset: 'evaluation',
      header: [
        '序号',
        '客户编号',
        '客户名称',
        '所属行业',
        '所属行业(增长潜力)',
        '合作起始时间',
        '年采购频次',
        '回款及时率',
        '满意度评分',
        '客诉解决率',
        '复购率(近1年)',
        '尝试意愿',
        '信用评级',
        '合同执行率',
        '客户经理',
        '备注',
      ],
      rows: [
        [1, 'K01', '华东精密', '高端装备', '高增长', '2019-05-01', 15, 0.98, 4.8, 0.95, 0.85, '主动尝试', 'AAA级', 1, '王伟', '老客户'],
        [2, 'K02', '北方新能源', '新能源', '稳定', '2022-11-15', 8, 0.92, 4.2, 0.85, 0.6, '被动接受', 'AA级', 0.95, '李娜', ''],
        [3, 'K03', '南方物流', '中医药', '衰退', '2024-01-10', 4, 0.85, 3.6, 0.7, 0.3, '无意愿', 'A级', 0.88, '张强', '付款慢'],
      ],
      key: '客户名称',
      expected: {
        tenure: '合作起始时间',
        industryGrowth: '所属行业(增长潜力)',
        orderFrequency: '年采购频次',
        paymentOnTime: '回款及时率',
        satisfaction: '满意度评分',
        complaintResolution: '客诉解决率',
        repurchase: '复购率(近1年)',
        newProductWillingness: '尝试意愿',
        creditRating: '信用评级',
        contractFulfilment: '合同执行率',
      },
    },
    {
      name: 'evaluation, units, stars and months',
      preset: 'evaluation',
      header: [
        '* 客户名称',
        '合作时长(月)',
        '行业增长潜力',
        '交易次数/年',
        '回款率',
        '满意度 (1-5)',
        '投诉处理及时率(%)',
        '回购率',
        '新产品尝试意愿',
        '信用等级',
        '合同履约率(%)',
      ],
      rows: [
        ['甲公司', 36, '高增长', '15次', '98%', '4.8分', 95, 85, '主动尝试', 'AAA', 100],
        ['乙公司', 18, '稳定', '8次', '92%', '4.2分', 85, 60, '被动接受', 'AA', 95],
      ],
      key: '* 客户名称',
      expected: {
        tenure: '合作时长(月)',
        industryGrowth: '行业增长潜力',
        orderFrequency: '交易次数/年',
        paymentOnTime: '回款率',
        satisfaction: '满意度 (1-5)',
        complaintResolution: '投诉处理及时率(%)',
        repurchase: '回购率',
        newProductWillingness: '新产品尝试意愿',
        creditRating: '信用等级',
        contractFulfilment: '合同履约率(%)',
      },
    },
    {
      name: 'grading, 002’s words with the grading columns',
      preset: 'grading',
      header: [
        '客户编号',
        '客户名称',
        '行业',
        '近12个月交易额（万元）',
        '合作年限',
        '行业增速(%)',
        '采购预算增长空间',
        '满意度(10分制)',
        '转介绍客户数',
        '客诉次数',
      ],
      rows: [
        ['C001', '华东精密', '新能源', 80, 3, 18, 25, 9.5, 3, 0],
        ['C002', '北方新能源', '互联网', 30, '2年', 12, 15, 8.5, 1, 1],
        ['C003', '南方物流', '物流', 1.2, 0.5, 3, 0, 7, 0, 3],
      ],
      key: '客户名称',
      expected: {
        annualRevenue: '近12个月交易额（万元）',
        tenure: '合作年限',
        industryGrowth: '行业增速(%)',
        budgetGrowth: '采购预算增长空间',
        satisfaction: '满意度(10分制)',
        referrals: '转介绍客户数',
        complaints: '客诉次数',
      },
    },
    {
      name: 'grading, in English, with a sector column',
      preset: 'grading',
      header: [
        'Customer ID',
        'Customer name',
        'Sector',
        'Sales last 12 months (¥)',
        'Tenure (yrs)',
        'Industry growth %',
        'Budget increase',
        'CSAT (1-10)',
        'Referrals',
        'Complaints (12m)',
      ],
      rows: [
        ['A-01', 'Acme Ltd', 'Energy', 800000, 3, '18%', '25%', 9.5, 3, 0],
        ['A-02', 'Borealis', 'Retail', 300000, 2, '12%', '15%', 8.5, 1, 1],
        ['A-03', 'Cobalt Inc', 'Logistics', 12000, 0.5, '3%', '0%', 7, 0, 3],
      ],
      key: 'Customer name',
      expected: {
        annualRevenue: 'Sales last 12 months (¥)',
        tenure: 'Tenure (yrs)',
        industryGrowth: 'Industry growth %',
        budgetGrowth: 'Budget increase',
        satisfaction: 'CSAT (1-10)',
        referrals: 'Referrals',
        complaints: 'Complaints (12m)',
      },
    },
    {
      name: 'grading, with numeric columns that are none of the indicators',
      preset: 'grading',
      header: [
        '序号',
        '客户编号',
        '客户名称',
        '年度销售额（万元）',
        '毛利（万元）',
        '合作时长',
        '行业增长率(%)',
        '预算增长',
        '客户满意度(1-10)',
        '推荐新客户数',
        '年投诉次数',
        '员工数',
      ],
      rows: [
        [1, 'C001', '华东精密', 80, 12, '3年', 18, 25, 9.5, 3, 0, 1200],
        [2, 'C002', '北方新能源', 30, 5, '2年', 12, 15, 8.5, 1, 1, 300],
        [3, 'C003', '南方物流', 1.2, 0.2, '6个月', 3, 0, 7, 0, 3, 45],
      ],
      key: '客户名称',
      expected: {
        annualRevenue: '年度销售额（万元）',
        tenure: '合作时长',
        industryGrowth: '行业增长率(%)',
        budgetGrowth: '预算增长',
        satisfaction: '客户满意度(1-10)',
        referrals: '推荐新客户数',
        complaints: '年投诉次数',
      },
    },
    {
      name: 'maintenance, a team’s own Chinese words',
      preset: 'maintenance',
      header: ['客户名称', '近一年销售额(元)', '毛利额', '行业前景', '合作意向', '需求扩展空间', '最后下单日期'],
      rows: [
        ['甲公司', 600000, 120000, '高', '强', '高', '2024-03-22'],
        ['乙公司', 150000, 30000, '中', '一般', '中', '2024-06-01'],
        ['丙公司', 8000, 3000, '低', '弱', '低', '2023-12-15'],
      ],
      key: '客户名称',
      expected: {
        revenue12m: '近一年销售额(元)',
        profit: '毛利额',
        industryOutlook: '行业前景',
        willingness: '合作意向',
        demandGrowth: '需求扩展空间',
        churnWarning: '最后下单日期',
      },
    },
    {
      name: 'maintenance, in English',
      preset: 'maintenance',
      header: ['Account name', 'Revenue (LTM)', 'Gross margin', 'Sector outlook', 'Cooperation willingness', 'Upsell room', 'Last purchase date'],
      rows: [
        ['Acme Ltd', '600,000', '120,000', 'High', 'Strong', 'High', '2024-03-22'],
        ['Borealis', '150,000', '30,000', 'Medium', 'Moderate', 'Medium', '2024-06-01'],
        ['Cobalt Inc', '8,000', '3,000', 'Low', 'Weak', 'Low', '2023-12-15'],
      ],
      key: 'Account name',
      expected: {
        revenue12m: 'Revenue (LTM)',
        profit: 'Gross margin',
        industryOutlook: 'Sector outlook',
        willingness: 'Cooperation willingness',
        demandGrowth: 'Upsell room',
        churnWarning: 'Last purchase date',
      },
    },
  ];

  it.each(layouts.map((l) => [l.name, l] as const))('%s', (_, layout) => {
    expect(headersOf(layout.preset, layout.header, layout.rows)).toEqual(layout.expected);
    const m = locateTables([sheet('S', [layout.header, ...layout.rows])], getPreset(layout.preset)).evaluation!;
    expect(m.key.header).toBe(layout.key);
    expect(m.missingRequired).toEqual([]);
    expect(() => scoreWorkbook([sheet('S', [layout.header, ...layout.rows])], { rules: getPreset(layout.preset), asOf })).not.toThrow();
  });

  it('the override, last-transaction and complaints columns too', () => {
    const header = [...EVALUATION_HEADER, '调整后等级', '最近一次下单日期', '客诉次数'];
    const rows = [
      [...SEED_000_ROW, '', '2024-06-01', 0],
      [...SEED_000_ROW.map((v, i) => (i === 0 ? '乙' : v)), '重点客户', '2024-02-01', 4],
    ];
    const run = scoreWorkbook([sheet('S', [header, ...rows])], { rules: getPreset('evaluation'), asOf });
    expect(run.evaluation.override?.header).toBe('调整后等级');
    expect(run.evaluation.lastTransaction?.header).toBe('最近一次下单日期');
    expect(run.evaluation.complaints?.header).toBe('客诉次数');
    // 乙: overridden to 重点客户; 150 days without an order; 4 complaints.
    expect(run.customers[1]!.tier.id).toBe('key');
    expect(run.customers[1]!.flags.map((f) => f.id)).toEqual(['frequent-complaints', 'churn-risk']);
  });

  it('the follow-up log’s fields, in Chinese and in English', () => {
    const zh = ['客户', '联系人', '拜访日期', '沟通方式', '拜访目的', '客户意见', '遗留问题', '负责人', '计划完成日期', '完成日期', '客户签字确认'];
    const en = [
      'Customer',
      'Contact person',
      'Visit date',
      'Channel',
      'Purpose',
      'Feedback',
      'Open items',
      'Owner',
      'Due date',
      'Completed on',
      'Confirmed by customer',
    ];
    const fields = ['contact', 'date', 'method', 'reason', 'feedback', 'openIssue', 'owner', 'due', 'done', 'confirmation'];
    const row = (name: string): RawCell[] => [
      name,
      '王经理',
      '2024-06-01',
      '电话',
      '季度回访',
      '满意',
      '报价待确认',
      '销售部',
      '2024-06-15',
      '未完成',
      '已确认',
    ];
    for (const header of [zh, en]) {
      const table = locateTables(
        [
          sheet('S', [
            ['客户名称', '合作时长'],
            ['甲', 3],
          ]),
          sheet('F', [header, row('甲'), row('乙')]),
        ],
        getPreset('evaluation'),
      ).followUp;
      const m = mapFollowUp(table!.table)!;
      expect(m.key.header).toBe(header[0]);
      expect(Object.fromEntries(Object.entries(m.fields).map(([f, c]) => [f, c.header]))).toEqual(Object.fromEntries(fields.map((f, i) => [f, header[i + 1]])));
    }
  });
});

describe('the evidence kept on each mapping, and the candidates offered', () => {
  const header = ['客户名称', '合作年限', '近12个月交易额（万元）', '行业增长率', '预算增长空间', '满意度评分(1-10)', '转介绍数', '投诉次数', '备注'];
  const rows: RawCell[][] = [
    ['甲', 3, 80, '20%', '25%', 9.5, 3, 0, ''],
    ['乙', '1年', 30, '12%', '15%', 8, 1, 1, '新客户'],
  ];
  const m = locateTables([sheet('S', [header, ...rows])], getPreset('grading')).evaluation!;

  it('marks a mapping found from a concept as guessed, with its header and data evidence', () => {
    expect(m.indicators.tenure).toMatchObject({
      header: '合作年限',
      guessed: false,
      chosen: false, // 合作年限 is one of the preset's own names
      evidence: { header: 'exact', headerScore: 1, dataFit: 1, dataCells: 2, score: 1 },
    });
    const grading = getPreset('grading');
    const renamed = { ...grading, indicators: grading.indicators.map((i) => (i.id === 'tenure' ? { ...i, columns: ['合作时长'] } : i)) };
    const guessed = mapEvaluation(m.table, renamed)!.indicators.tenure!;
    // 0.85 × (0.7 + 0.3 × 1)
    expect(guessed).toMatchObject({
      header: '合作年限',
      guessed: true,
      evidence: { header: 'concept', headerScore: 0.85, dataFit: 1, dataCells: 2, score: 0.85 },
    });
  });

  it('lists, per indicator, the columns it could read, best first, with who reads them now', () => {
    const referrals = m.candidates.referrals!;
    expect(referrals[0]).toMatchObject({ header: '转介绍数', eligible: true, usedBy: 'referrals' });
    // Columns of counts without a header that says so are offered after, never taken by themselves.
    expect(referrals.slice(1).every((c) => !c.eligible)).toBe(true);
    expect(referrals.map((c) => c.header)).not.toContain('备注');
  });

  it('a user’s choice always wins, even against the data, and is marked chosen', () => {
    const chosen = mapEvaluation(m.table, getPreset('grading'), { referrals: '备注' })!;
    expect(chosen.indicators.referrals).toMatchObject({ header: '备注', chosen: true, guessed: false, evidence: { header: 'none', dataFit: 0, dataCells: 1 } });
    // The column the user took is no longer offered to anything else; 转介绍数 is free.
    expect(Object.values(chosen.indicators).filter((c) => c.header === '备注')).toHaveLength(1);
  });
});
