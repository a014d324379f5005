import { roundScore } from '../../src/engine/round';
import { RuleSetSchema, type RuleSetInput } from '../../src/engine/rules';
import { getPreset } from '../../src/presets';
import { EVALUATION_HEADER, SEED_000_ROW, scoreRows } from '../helpers/grid';

const flagIds = (run: ReturnType<typeof scoreRows>, i = 0) => run.customers[i]!.flags.map((f) => f.id);

describe('weighted scoring (docs/scoring-rules.md section 4)', () => {
  it('scores the seed-000 example row 100.0 and calls it 战略级客户, not the seed’s “260分 重点客户”', () => {
    const run = scoreRows('evaluation', EVALUATION_HEADER, [SEED_000_ROW]);
    const c = run.customers[0]!;
    expect(c.score).toBe(100);
    expect(c.tier.id).toBe('strategic');
    expect(c.tier.label.zh).toBe('战略级客户');
    expect(c.flags).toEqual([]);
    expect(c.indicators.map((i) => i.points)).toEqual([30, 30, 30, 30, 25, 25, 20, 20, 15, 15]);
  });

  it('normalises by the weights’ sum when they add up to 140 %', () => {
    const rules = getPreset('evaluation');
    expect(rules.indicators.reduce((s, i) => s + i.weight, 0)).toBe(140);
    // Satisfaction (weight 25) at 0 points, the rest at the maximum: (140 − 25) ÷ 140 × 100 = 82.14…
    const row = [...SEED_000_ROW];
    row[5] = 3.9;
    const run = scoreRows('evaluation', EVALUATION_HEADER, [row]);
    expect(run.customers[0]!.score).toBe(82.1);
    expect(run.customers[0]!.tier.id).toBe('key');
    const satisfaction = run.customers[0]!.indicators.find((i) => i.indicator === 'satisfaction')!;
    expect(satisfaction).toMatchObject({ points: 0, score: 0, contribution: 0, band: null });
  });

  it('explains every indicator: raw value, band, points and weighted contribution that add up to the score', () => {
    const row = [...SEED_000_ROW];
    row[1] = '18个月'; // 1.5 years → 15 of 30
    const run = scoreRows('evaluation', EVALUATION_HEADER, [row]);
    const tenure = run.customers[0]!.indicators.find((i) => i.indicator === 'tenure')!;
    expect(tenure).toMatchObject({ raw: '18个月', value: 1.5, points: 15, maxPoints: 30, score: 50, weight: 10 });
    expect(tenure.band).toEqual({ op: '>=', value: 1, points: 15 });
    expect(tenure.contribution).toBeCloseTo((10 * 50) / 140, 10);
    const sum = run.customers[0]!.indicators.reduce((s, i) => s + i.contribution, 0);
    expect(run.customers[0]!.score).toBe(roundScore(sum));
    expect(run.customers[0]!.score).toBe(96.4);
  });

  it('subtracts a negative (risk) indicator: 100 days without a transaction costs 10 points in maintenance', () => {
    const header = ['客户名称', '近12个月交易金额', '利润贡献', '行业增长前景', '合作意愿', '需求扩展性', '最近交易日期'];
    const run = scoreRows('maintenance', header, [
      ['甲公司', '60万', '12万', '高', '强', '高', '2024-03-22'], // 100 days before 2024-06-30
      ['乙公司', '60万', '12万', '20%', '强', '高', '2024-04-02'], // 89 days
    ]);
    expect(run.customers[0]!.score).toBe(90);
    expect(run.customers[1]!.score).toBe(100);
    expect(run.customers[0]!.indicators.find((i) => i.indicator === 'churnWarning')).toMatchObject({ value: 100, points: 100, contribution: -10 });
    expect(flagIds(run, 0)).toContain('churn-risk');
    expect(flagIds(run, 1)).not.toContain('churn-risk');
  });

  it('clamps the score at 0 when risk outweighs everything', () => {
    const rules = RuleSetSchema.parse({
      ...structuredClone(getPreset('maintenance')),
      indicators: getPreset('maintenance').indicators.map((i) => (i.id === 'churnWarning' ? { ...i, weight: -500 } : i)),
    });
    const header = ['客户名称', '近12个月交易金额', '利润贡献', '行业增长前景', '合作意愿', '需求扩展性', '最近交易日期'];
    const run = scoreRows(rules, header, [['甲公司', '1万', '5千', '低', '弱', '低', '2023-01-01']]);
    expect(run.customers[0]!.score).toBe(0);
  });

  describe('rounding to one decimal, half away from zero', () => {
    it.each([
      [89.25, 89.3],
      [89.2499, 89.2],
      [89.24999999999999, 89.3],
      [0.05, 0.1],
      [-0.05, -0.1],
      [99.95, 100],
      [0, 0],
    ])('%p → %p', (input, expected) => {
      expect(roundScore(input)).toBe(expected);
    });

    it('decides the tier on the rounded score: 89.95 shows as 90.0 and is 战略级客户', () => {
      const rules: RuleSetInput = {
        ...structuredClone(getPreset('evaluation')),
        indicators: [
          {
            id: 'x',
            label: { zh: '测试', en: 'Test' },
            columns: ['测试'],
            type: 'score',
            bands: [{ op: '>=', value: 0, points: 89.95 }],
            maxPoints: 100,
            weight: 100,
          },
        ],
      };
      const run = scoreRows(RuleSetSchema.parse(rules), ['客户名称', '测试'], [['甲', 1]]);
      expect(run.customers[0]!.score).toBe(90);
      expect(run.customers[0]!.tier.id).toBe('strategic');
    });
  });

  describe('missing values', () => {
    const row = [...SEED_000_ROW];
    row[10] = '—'; // 合同履约率 unreadable as blank

    it('by default score 0 points and raise missing-data naming the indicator and the cell', () => {
      const run = scoreRows('evaluation', EVALUATION_HEADER, [row]);
      const c = run.customers[0]!;
      expect(c.score).toBe(92.9); // 130 ÷ 140
      expect(c.flags).toEqual([{ id: 'missing-data', indicator: 'contractFulfilment', address: '客户评估!K2', text: '—', reason: 'blank' }]);
    });

    it('under the renormalise policy are left out and the other weights renormalised', () => {
      const rules = RuleSetSchema.parse({ ...structuredClone(getPreset('evaluation')), missing: 'renormalise' });
      const run = scoreRows(rules, EVALUATION_HEADER, [row]);
      const c = run.customers[0]!;
      expect(c.score).toBe(100);
      expect(c.indicators.find((i) => i.indicator === 'contractFulfilment')).toMatchObject({ included: false, contribution: 0 });
      expect(c.flags.map((f) => f.id)).toEqual(['missing-data']);
    });

    it('reports text it could not read with its address, and still scores the rest', () => {
      const bad = [...SEED_000_ROW];
      bad[3] = '很多次';
      // Two other customers whose counts read: the column's data fits (2 of 3 cells), so it is used.
      const run = scoreRows('evaluation', EVALUATION_HEADER, [bad, SEED_000_ROW, SEED_000_ROW.map((v, i) => (i === 0 ? '乙' : v))]);
      expect(run.customers[0]!.flags).toEqual([
        { id: 'missing-data', indicator: 'orderFrequency', address: '客户评估!D2', text: '很多次', reason: 'unreadable' },
      ]);
      expect(run.customers[0]!.score).toBe(89.3); // (140 − 15) ÷ 140
      expect(run.customers[0]!.tier.id).toBe('key');
    });
  });
});

describe('live preview: prepared once, scored again under edited rules', () => {
  it('gives what a full scoring with the edited rules gives, without reading the cells again', () => {
    const { prepareWorkbook, scorePrepared, scoreWorkbook } = jest.requireActual<typeof import('../../src/engine/run')>('../../src/engine/run');
    const { sheet, serial } = jest.requireActual<typeof import('../helpers/grid')>('../helpers/grid');
    const rules = getPreset('evaluation');
    const rows = [SEED_000_ROW, SEED_000_ROW.map((v, i) => (i === 0 ? '乙' : i === 5 ? 3.9 : v))];
    const sheets = [sheet('S', [EVALUATION_HEADER, ...rows])];
    const prepared = prepareWorkbook(sheets, { rules, asOf: serial('2024-06-30') });
    const edited = RuleSetSchema.parse({
      ...structuredClone(rules),
      indicators: rules.indicators.map((i) => (i.id === 'satisfaction' ? { ...i, weight: 100 } : i)),
      tiers: rules.tiers.map((t) => (t.id === 'key' ? { ...t, min: 60 } : t)),
    });
    const preview = scorePrepared(prepared, edited);
    expect(preview).toEqual(scoreWorkbook(sheets, { rules: edited, asOf: serial('2024-06-30') }));
    expect(preview.customers[1]!.score).toBe(53.5); // 115 ÷ 215
    expect(scorePrepared(prepared, rules).customers[1]!.score).toBe(82.1);
  });

  it('re-reads a category cell when the edited rules rename its labels', () => {
    const { prepareWorkbook, scorePrepared } = jest.requireActual<typeof import('../../src/engine/run')>('../../src/engine/run');
    const { sheet, serial } = jest.requireActual<typeof import('../helpers/grid')>('../helpers/grid');
    const rules = getPreset('evaluation');
    // Two customers rated AAA beside the one rated 良好: the column's data fits the credit rating (2 of 3).
    const rows = [
      SEED_000_ROW.map((v, i) => (i === 9 ? '良好' : v)),
      SEED_000_ROW.map((v, i) => (i === 0 ? '乙' : v)),
      SEED_000_ROW.map((v, i) => (i === 0 ? '丙' : v)),
    ];
    const prepared = prepareWorkbook([sheet('S', [EVALUATION_HEADER, ...rows])], { rules, asOf: serial('2024-06-30') });
    expect(scorePrepared(prepared, rules).customers[0]!.flags.map((f) => f.id)).toEqual(['missing-data']);
    const renamed = RuleSetSchema.parse({
      ...structuredClone(rules),
      indicators: rules.indicators.map((i) => (i.id === 'creditRating' ? { ...i, bands: [{ label: '良好', points: 15 }] } : i)),
    });
    expect(scorePrepared(prepared, renamed).customers[0]).toMatchObject({ score: 100, flags: [] });
  });
});
