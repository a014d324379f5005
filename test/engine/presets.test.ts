import { scoreIndicators } from '../../src/engine/score';
import type { Parsed } from '../../src/engine/types';
import { allPresets, getPreset, type PresetId } from '../../src/presets';

/** Points an indicator of a preset gives for a value (a number, or a label for categories). */
function points(preset: PresetId, indicatorId: string, value: number | string | null): number {
  const rules = getPreset(preset);
  const indicator = rules.indicators.find((i) => i.id === indicatorId)!;
  const parsed: Parsed =
    value === null
      ? { kind: 'missing', address: 'A1', text: '', reason: 'blank' }
      : typeof value === 'number'
        ? indicator.type === 'date'
          ? { kind: 'date', serial: 45000 - value }
          : { kind: 'number', value }
        : { kind: 'category', value };
  return scoreIndicators(rules, [{ indicator, parsed, raw: String(value) }], 45000).indicators[0]!.points;
}

type Case = [string, number | string | null, number];

const EVALUATION: Case[] = [
  ['tenure', 3, 30],
  ['tenure', 2, 30],
  ['tenure', 1.99, 15],
  ['tenure', 1, 15],
  ['tenure', 0.99, 0],
  ['tenure', 0, 0],
  ['industryGrowth', '高增长', 30],
  ['industryGrowth', '稳定', 15],
  ['industryGrowth', '衰退', 0],
  ['orderFrequency', 12, 30],
  ['orderFrequency', 11, 15],
  ['orderFrequency', 6, 15],
  ['orderFrequency', 5, 0],
  ['paymentOnTime', 0.95, 30],
  ['paymentOnTime', 0.949, 15],
  ['paymentOnTime', 0.9, 15],
  ['paymentOnTime', 0.899, 0],
  ['satisfaction', 4.5, 25],
  ['satisfaction', 4.4, 15],
  ['satisfaction', 4.0, 15],
  ['satisfaction', 3.9, 0],
  ['complaintResolution', 0.9, 25],
  ['complaintResolution', 0.89, 15],
  ['complaintResolution', 0.8, 15],
  ['complaintResolution', 0.79, 0],
  ['repurchase', 0.8, 20],
  ['repurchase', 0.79, 10],
  ['repurchase', 0.5, 10],
  ['repurchase', 0.49, 0],
  ['newProductWillingness', '主动尝试', 20],
  ['newProductWillingness', '被动接受', 10],
  ['newProductWillingness', '无意愿', 0],
  ['creditRating', 'AAA', 15],
  ['creditRating', 'AA', 10],
  ['creditRating', 'A及以下', 0],
  ['contractFulfilment', 1, 15],
  ['contractFulfilment', 0.99, 10],
  ['contractFulfilment', 0.9, 10],
  ['contractFulfilment', 0.89, 0],
];

const GRADING: Case[] = [
  ['annualRevenue', 500000, 100],
  ['annualRevenue', 499999, 80],
  ['annualRevenue', 100000, 80],
  ['annualRevenue', 99999, 60],
  ['annualRevenue', 10000, 60],
  ['annualRevenue', 9999, 40],
  ['annualRevenue', 0, 40],
  ['tenure', 2, 100],
  ['tenure', 1.9, 80],
  ['tenure', 1, 80],
  ['tenure', 0.9, 60],
  ['tenure', 0.1, 60],
  ['tenure', 0, 40],
  ['industryGrowth', 0.16, 100],
  ['industryGrowth', 0.15, 80],
  ['industryGrowth', 0.1, 80],
  ['industryGrowth', 0.09, 60],
  ['industryGrowth', 0.05, 60],
  ['industryGrowth', 0.049, 40],
  ['industryGrowth', -0.1, 40],
  ['budgetGrowth', 0.21, 100],
  ['budgetGrowth', 0.2, 80],
  ['budgetGrowth', 0.1, 80],
  ['budgetGrowth', 0.09, 60],
  ['budgetGrowth', 0.01, 60],
  ['budgetGrowth', 0, 40],
  ['satisfaction', 9, 100],
  ['satisfaction', 8.9, 80],
  ['satisfaction', 8, 80],
  ['satisfaction', 7.9, 60],
  ['satisfaction', 7, 60],
  ['satisfaction', 6.9, 40],
  ['referrals', 3, 100],
  ['referrals', 2, 100],
  ['referrals', 1, 80],
  ['referrals', 0, 60],
  ['complaints', 0, 100],
  ['complaints', 1, 80],
  ['complaints', 2, 60],
  ['complaints', 3, 40],
  ['complaints', 10, 40],
];

const MAINTENANCE: Case[] = [
  ['revenue12m', 500000, 100],
  ['revenue12m', 499999, 80],
  ['revenue12m', 100000, 80],
  ['revenue12m', 99999, 60],
  ['revenue12m', 10000, 60],
  ['revenue12m', 9999, 40],
  ['profit', 100000, 100],
  ['profit', 99999, 80],
  ['profit', 20000, 80],
  ['profit', 19999, 60],
  ['profit', 5000, 60],
  ['profit', 4999, 40],
  ['industryOutlook', 0.16, 100],
  ['industryOutlook', 0.15, 70],
  ['industryOutlook', 0.05, 70],
  ['industryOutlook', 0.049, 40],
  ['industryOutlook', '高', 100],
  ['industryOutlook', '中', 70],
  ['industryOutlook', '低', 40],
  ['willingness', '强', 100],
  ['willingness', '一般', 70],
  ['willingness', '弱', 40],
  ['demandGrowth', '高', 100],
  ['demandGrowth', '中', 70],
  ['demandGrowth', '低', 40],
  // 流失预警: days since the last transaction
  ['churnWarning', 120, 100],
  ['churnWarning', 90, 100],
  ['churnWarning', 89, 0],
  ['churnWarning', 0, 0],
];

describe.each([
  ['evaluation', EVALUATION],
  ['grading', GRADING],
  ['maintenance', MAINTENANCE],
] as [PresetId, Case[]][])('the %s preset’s bands at and around every threshold', (preset, cases) => {
  it.each(cases)('%s = %p → %p points', (indicator, value, expected) => {
    expect(points(preset, indicator, value)).toBe(expected);
  });

  it('has a case for every indicator', () => {
    const covered = new Set(cases.map(([id]) => id));
    expect(
      getPreset(preset)
        .indicators.map((i) => i.id)
        .filter((id) => !covered.has(id)),
    ).toEqual([]);
  });
});

describe('the shipped presets', () => {
  it('validate against the rule-set schema, with ids, both labels and four tiers each', () => {
    for (const rules of allPresets()) {
      expect(rules.tiers).toHaveLength(4);
      for (const i of rules.indicators) expect(i.label.zh && i.label.en).toBeTruthy();
    }
  });

  it.each([
    ['evaluation', ['strategic', 'key', 'potential', 'watch'], [90, 70, 50, undefined]],
    ['grading', ['core', 'important', 'ordinary', 'prospect'], [90, 70, 50, undefined]],
    ['maintenance', ['strategic', 'key', 'ordinary', 'prospect'], [90, 70, 50, undefined]],
  ] as [PresetId, string[], (number | undefined)[]][])('%s has tiers %p with cut-offs %p', (preset, ids, mins) => {
    const tiers = getPreset(preset).tiers;
    expect(tiers.map((t) => t.id)).toEqual(ids);
    expect(tiers.map((t) => t.min)).toEqual(mins);
  });

  it('grading weights add up to 100 % by indicator and by dimension (价值 50, 潜力 30, 关系 20)', () => {
    const rules = getPreset('grading');
    const byDimension: Record<string, number> = {};
    for (const i of rules.indicators) byDimension[i.dimension!] = (byDimension[i.dimension!] ?? 0) + i.weight;
    expect(byDimension).toEqual({ value: 50, potential: 30, relationship: 20 });
    expect(rules.dimensions.map((d) => d.weight)).toEqual([50, 30, 20]);
  });

  it('maintenance has a −10 % risk indicator and contact cadences of 31, 92 and 183 days', () => {
    const rules = getPreset('maintenance');
    expect(rules.indicators.find((i) => i.id === 'churnWarning')!.weight).toBe(-10);
    expect(rules.tiers.map((t) => t.cadenceDays)).toEqual([31, 92, 183, undefined]);
  });

  it('a missing value scores 0 points, even where the bands’ else gives 40', () => {
    expect(points('grading', 'annualRevenue', null)).toBe(0);
  });

  it('each call gives an independent copy that can be edited', () => {
    const a = getPreset('evaluation');
    a.indicators[0]!.weight = 99;
    expect(getPreset('evaluation').indicators[0]!.weight).toBe(10);
  });
});
