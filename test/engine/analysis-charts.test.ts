/**
 * The chart data of the service survey and RFM (src/engine/charts.ts): the radar of the
 * dimensions' means (overall and per tier), promoters / passives / detractors, customers per
 * segment, and the means per group (行业, 规模) with one series per group, as seed 001 asks
 * (“结合客户类型（如行业、规模、合作时长）分析差异点”). Values worked out by hand.
 */
import { runAnalyses } from '../../src/engine/analyses';
import { groupColumns, npsBars, segmentCounts, serviceByGroup, serviceRadar } from '../../src/engine/charts';
import { serialFromIso } from '../../src/engine/parse';
import type { RawCell, SheetGrid } from '../../src/engine/types';
import { getPreset, getRfmPreset, getServicePreset } from '../../src/presets';

const AS_OF = serialFromIso('2024-06-30')!;
const sheet = (name: string, rows: RawCell[][]): SheetGrid => ({ name, rows, tables: [] });

/** Seed 001's evaluation table (evaluation preset) with 所属行业 and 规模, and its 服务水平评价汇总表. */
const EVALUATION = sheet('客户评估', [
  [
    '客户名称',
    '所属行业',
    '规模',
    '合作时长',
    '所属行业增长潜力',
    '年均交易频次',
    '回款及时率',
    '满意度评分(1-5)',
    '投诉解决及时率',
    '复购率',
    '新产品/服务尝试意愿',
    '客户信用等级',
    '合同履约率',
  ],
  ['XX科技有限公司', '软件', '大型', '3年', '高增长', 15, '98%', 4.6, '95%', '85%', '主动尝试', 'AAA', '100%'],
  ['YY贸易集团', '商贸', '中型', '1.5年', '稳定', 8, '92%', 4.1, '85%', '60%', '被动接受', 'AA', '95%'],
  ['华东精密制造有限公司', '装备制造', '中型', '0.5年', '衰退', 4, '85%', 3.8, '70%', '40%', '无意愿', 'A', '80%'],
]);
const SURVEY = sheet('服务评价', [
  ['客户名称', '评价周期', '服务响应速度(1-5)', '问题解决能力', '沟通互动质量', '服务增值性', '整体满意度', '推荐意愿(0-10)'],
  ['XX科技有限公司', '2024Q1', 5, 4, 5, 4, 5, 9],
  ['YY贸易集团', '2024Q1', 3, 4, 4, 3, 4, 7],
  ['XX科技有限公司', '2024Q2', 4, 4, 5, 3, 4, 10],
  ['YY贸易集团', '2024Q2', 4, 3, 4, 3, 4, 8],
  ['ZZ物流有限公司', '2024Q2', 2, 3, 3, 2, 3, 3],
]);

const run = runAnalyses([EVALUATION, SURVEY], {
  primary: 'scoring',
  asOf: AS_OF,
  scoring: { rules: getPreset('evaluation') },
  service: getServicePreset(),
  rfm: getRfmPreset(),
});

describe('the service radar', () => {
  it('overall: each dimension’s mean of the customers’ means, on the 1-5 scale they share', () => {
    // XX 4.5, 4, 5, 3.5, 4.5; YY 3.5, 3.5, 4, 3, 4; ZZ 2, 3, 3, 2, 3.
    const radar = serviceRadar(run.service!, run.scoring);
    expect(radar.axes.map((a) => a.label.zh)).toEqual(['服务响应及时性', '问题解决能力', '沟通互动质量', '服务增值性', '整体满意度']);
    expect([radar.max, radar.percent]).toEqual([5, false]);
    expect(radar.series[0]).toEqual({ tier: null, customers: 3, values: [3.33, 3.5, 4, 2.83, 3.83] });
  });

  it('per tier of the scoring, where its survey customers are: XX 战略级客户 (100.0), YY 潜力客户 (55.5)', () => {
    const radar = serviceRadar(run.service!, run.scoring);
    expect(radar.series.slice(1).map((s) => [s.tier!.id, s.customers, s.values])).toEqual([
      ['strategic', 1, [4.5, 4, 5, 3.5, 4.5]],
      ['potential', 1, [3.5, 3.5, 4, 3, 4]],
    ]);
  });
});

describe('promoters, passives and detractors', () => {
  it('counts of the answers 9, 7, 10, 8, 3 and the NPS (2 − 1) ÷ 5 = 20.0, thin', () => {
    expect(npsBars(run.service!)).toEqual({
      bars: [
        { id: 'promoters', answers: 2 },
        { id: 'passives', answers: 2 },
        { id: 'detractors', answers: 1 },
      ],
      nps: 20,
      thin: true,
    });
  });
});

describe('dimension means per group, one series per group', () => {
  it('by 规模 of the evaluation table: 大型 (XX), 中型 (YY), and ZZ, not in it, without a group', () => {
    const byScale = serviceByGroup(run, [EVALUATION, SURVEY], '规模')!;
    expect(byScale.column).toEqual({ table: 'customers', sheet: '客户评估', header: '规模' });
    expect(byScale.series).toEqual([
      { group: '大型', customers: 1, values: [4.5, 4, 5, 3.5, 4.5] },
      { group: '中型', customers: 1, values: [3.5, 3.5, 4, 3, 4] },
      { group: null, customers: 1, values: [2, 3, 3, 2, 3] },
    ]);
  });

  it('by a column of the survey itself (评价周期 is the period, so a 区域 column): read from each customer’s rows', () => {
    const withRegion = sheet(
      '服务评价',
      SURVEY.rows.map((r, i) => [...r, i === 0 ? '区域' : i % 2 ? '华东' : '华北']),
    );
    const own = runAnalyses([EVALUATION, withRegion], { primary: 'service', asOf: AS_OF, service: getServicePreset(), knownRules: [getPreset('evaluation')] });
    const byRegion = serviceByGroup(own, [EVALUATION, withRegion], '区域')!;
    // XX rows 1 and 3 → 华东; YY rows 2 and 4 → 华北; ZZ row 5 → 华东. 华东: XX and ZZ: (4.5+2)/2 = 3.25, (4+3)/2 = 3.5, 4, 2.75, 3.75.
    expect(byRegion.series).toEqual([
      { group: '华东', customers: 2, values: [3.25, 3.5, 4, 2.75, 3.75] },
      { group: '华北', customers: 1, values: [3.5, 3.5, 4, 3, 4] },
    ]);
  });

  it('undefined for a column neither table has; the columns to group by are the category columns', () => {
    expect(serviceByGroup(run, [EVALUATION, SURVEY], '区域')).toBeUndefined();
    // Label columns only: 合作时长 (3年) and the rates (98%) are measures.
    expect(groupColumns(run, [EVALUATION, SURVEY])).toEqual([
      { table: 'customers', header: '所属行业' },
      { table: 'customers', header: '规模' },
      { table: 'customers', header: '所属行业增长潜力' },
      { table: 'customers', header: '新产品/服务尝试意愿' },
      { table: 'customers', header: '客户信用等级' },
    ]);
  });
});

describe('the columns offered to group by', () => {
  it('leave out the customer’s number beside its name and a note column filled on few rows', () => {
    const customers = sheet('客户', [
      ['客户编号', '客户名称', '所属行业', '备注', '对接销售'],
      ['C001', 'XX科技有限公司', '软件', '', '张三'],
      ['C002', 'YY贸易集团', '商贸', '重点跟进', '张三'],
      ['C003', '华东精密制造有限公司', '装备制造', '', '李四'],
      ['C004', 'ZZ物流有限公司', '物流', '', '李四'],
    ]);
    const survey = SURVEY;
    const analysed = runAnalyses([customers, survey], {
      primary: 'service',
      asOf: AS_OF,
      service: getServicePreset(),
      rfm: getRfmPreset(),
      knownRules: [getPreset('evaluation')],
    });
    // 客户编号 C001-C004 names one customer each; 备注 says something on one row of four.
    expect(groupColumns(analysed, [customers, survey])).toEqual([
      { table: 'customers', header: '所属行业' },
      { table: 'customers', header: '对接销售' },
    ]);
  });
});

describe('customers per RFM segment', () => {
  it('in the segments’ order, zeros kept', () => {
    const purchases = sheet('交易记录', [
      ['客户名称', '交易日期', '交易金额'],
      ['甲', serialFromIso('2024-06-20')!, 100],
      ['乙', serialFromIso('2024-01-20')!, 300],
      ['丙', serialFromIso('2024-06-01')!, 50],
    ]);
    const rfm = runAnalyses([purchases], { primary: 'rfm', asOf: AS_OF, rfm: getRfmPreset() }).rfm!;
    // n = 3 without a customer table: R 甲 10 → 5, 丙 29 → 3, 乙 162 → 1 (floor(5 × 0.5 ÷ 3) + 1); F all 1 → 3;
    // M 丙 50 → 1, 甲 100 → 3, 乙 300 → 5. 乙 R 1 at risk; 甲 5, 3, 3 potential; 丙 3, 3, 1 low value.
    expect(segmentCounts(rfm).segments.map((s) => [s.segment.id, s.customers])).toEqual([
      ['at-risk', 1],
      ['high-value', 0],
      ['potential', 1],
      ['low-value', 1],
    ]);
  });
});
