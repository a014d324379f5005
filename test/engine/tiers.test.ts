import { decideTier, type GateValues } from '../../src/engine/tiers';
import { getPreset } from '../../src/presets';
import { GRADING_HEADER, gradingRow, EVALUATION_HEADER, SEED_000_ROW, scoreRows } from '../helpers/grid';

describe('tiers with admission gates (grading)', () => {
  it('a customer at the top of every band is 核心客户', () => {
    const run = scoreRows('grading', GRADING_HEADER, [gradingRow()]);
    expect(run.customers[0]).toMatchObject({ score: 100, tier: { id: 'core' } });
    expect(run.customers[0]!.flags).toEqual([]);
  });

  it('a score of 94 with 30万 a year fails the 核心客户 gate (≥ 50万) and is 重要客户 with a tier-gate flag', () => {
    const run = scoreRows('grading', GRADING_HEADER, [gradingRow({ '年交易金额（万元）': 30 })]);
    const c = run.customers[0]!;
    expect(c.score).toBe(94); // 年交易金额 80 points × 30 %
    expect(c.tier.id).toBe('important');
    expect(c.flags).toEqual([{ id: 'tier-gate', tier: 'core', failures: [{ gate: { indicator: 'annualRevenue', op: '>=', value: 500000 }, actual: 300000 }] }]);
  });

  it('names every failed gate of the highest blocked tier, and falls through two tiers when both gates fail', () => {
    // 9.5 → 7.5 satisfaction: 60 points × 10 % → 96; fails core (≥ 9) and important (≥ 8) → ordinary.
    const run = scoreRows('grading', GRADING_HEADER, [gradingRow({ '满意度评分(1-10)': 7.5, 转介绍数: 1 })]);
    const c = run.customers[0]!;
    expect(c.score).toBe(95);
    expect(c.tier.id).toBe('ordinary');
    const gate = c.flags.find((f) => f.id === 'tier-gate');
    expect(gate).toMatchObject({ tier: 'core' });
    expect(gate && 'failures' in gate ? gate.failures.map((f) => f.gate.indicator) : []).toEqual(['satisfaction', 'referrals']);
  });

  it('a missing gate value fails the gate', () => {
    const run = scoreRows('grading', GRADING_HEADER, [gradingRow({ 合作时长: '' })]);
    const c = run.customers[0]!;
    expect(c.score).toBe(80); // tenure 0 × 20 %
    expect(c.tier.id).toBe('ordinary');
    expect(c.flags.map((f) => f.id)).toEqual(['missing-data', 'tier-gate']);
  });
});

describe('complaints cap the tier (grading)', () => {
  it('a customer with 3 complaints drops one tier below what the score gives, with frequent-complaints', () => {
    const run = scoreRows('grading', GRADING_HEADER, [gradingRow({ 投诉次数: 3 })]);
    const c = run.customers[0]!;
    expect(c.score).toBe(97); // complaints 40 points × 5 %
    expect(c.computedTier.id).toBe('important');
    expect(c.tier.id).toBe('important');
    expect(c.flags).toEqual([{ id: 'frequent-complaints', count: 3 }]);
  });

  it('two complaints neither cap nor flag', () => {
    const run = scoreRows('grading', GRADING_HEADER, [gradingRow({ 投诉次数: '2次' })]);
    expect(run.customers[0]).toMatchObject({ score: 98, tier: { id: 'core' }, flags: [] });
  });

  it('the cap never lifts a customer whose gates already held them lower', () => {
    const run = scoreRows('grading', GRADING_HEADER, [gradingRow({ 投诉次数: 5, '满意度评分(1-10)': 7.5 })]);
    expect(run.customers[0]!.tier.id).toBe('ordinary');
  });

  it('the lowest tier cannot drop further', () => {
    const run = scoreRows('grading', GRADING_HEADER, [
      gradingRow({ '年交易金额（万元）': 0.5, 合作时长: 0, 行业增长率: '1%', 预算增长空间: 0, '满意度评分(1-10)': 5, 转介绍数: 0, 投诉次数: 4 }),
    ]);
    expect(run.customers[0]!.tier.id).toBe('prospect');
    expect(run.customers[0]!.flags.map((f) => f.id)).toContain('frequent-complaints');
  });
});

describe('manual override (人工调整等级)', () => {
  it('wins over the computed tier, which is still reported', () => {
    const low = [...SEED_000_ROW.slice(0, 5), 3.0, '50%', '40%', '无意愿', 'A级', '80%'];
    const run = scoreRows(
      'evaluation',
      [...EVALUATION_HEADER, '人工调整等级'],
      [
        [...low, '战略级客户'],
        [...SEED_000_ROW, ''],
      ],
    );
    expect(run.customers[0]).toMatchObject({ tier: { id: 'strategic' }, computedTier: { id: 'watch' }, overridden: true, score: 35.7 });
    expect(run.customers[1]).toMatchObject({ tier: { id: 'strategic' }, overridden: false });
  });

  it('accepts the English label or the id, and ignores an unknown label with a warning', () => {
    const run = scoreRows(
      'evaluation',
      [...EVALUATION_HEADER, 'Tier override'],
      [
        [...SEED_000_ROW, 'Watch'],
        [...SEED_000_ROW, 'VIP'],
      ],
    );
    expect(run.customers[0]!.tier.id).toBe('watch');
    expect(run.customers[1]!.tier.id).toBe('strategic');
    expect(run.warnings).toContainEqual({ code: 'unknown-override', address: '客户评估!L3', text: 'VIP' });
  });
});

describe('the gates read the customer they are asked about', () => {
  it('one reader serves every customer, asked in any order', () => {
    const rules = getPreset('grading');
    // Customer 0: 30万 a year; customer 1: 80万. Both 3 years, 9.5 satisfaction, 3 referrals.
    const revenue = [300000, 800000];
    const values: GateValues = (indicator, customer) => {
      switch (indicator) {
        case 'annualRevenue':
          return revenue[customer]!;
        case 'tenure':
          return 3;
        case 'satisfaction':
          return 9.5;
        case 'referrals':
          return 3;
        default:
          return null;
      }
    };
    // A score of 95 reaches 核心客户 (≥ 90); only customer 1 passes its 50万 gate.
    expect(decideTier(rules, 95, values, 0, 1).tier.id).toBe('core');
    expect(decideTier(rules, 95, values, 0, 0).tier.id).toBe('important');
    expect(decideTier(rules, 95, values, 0, 1).tier.id).toBe('core');
  });
});
