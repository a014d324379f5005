import fc from 'fast-check';
import { RuleSetSchema } from '../../src/engine/rules';
import { prepareWorkbook, previewPrepared, scorePrepared } from '../../src/engine/run';
import { getPreset } from '../../src/presets';
import { GRADING_HEADER, gradingRow, serial, sheet } from '../helpers/grid';

describe('the live preview agrees with full scoring', () => {
  const rules = getPreset('grading');
  const rows = Array.from({ length: 40 }, (_, i) =>
    gradingRow({
      客户名称: `客户${i}`,
      '年交易金额（万元）': (i * 7) % 90,
      合作时长: `${i % 4}年`,
      行业增长率: `${(i * 3) % 25}%`,
      预算增长空间: `${(i * 5) % 30}%`,
      '满意度评分(1-10)': 5 + (i % 6),
      转介绍数: i % 4,
      投诉次数: i % 5,
    }),
  );
  const prepared = prepareWorkbook([sheet('S', [GRADING_HEADER, ...rows])], { rules, asOf: serial('2024-06-30') });

  it('for any weights and cut-offs: the same scores, tiers and counts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -20, max: 60 }).filter((w) => w !== 0),
          { minLength: 7, maxLength: 7 },
        ),
        fc.integer({ min: 71, max: 99 }),
        fc.integer({ min: 51, max: 70 }),
        (weights, core, important) => {
          if (!weights.some((w) => w > 0)) return;
          const edited = RuleSetSchema.parse({
            ...structuredClone(rules),
            indicators: rules.indicators.map((ind, k) => ({ ...ind, weight: weights[k]! })),
            tiers: rules.tiers.map((t) => (t.id === 'core' ? { ...t, min: core } : t.id === 'important' ? { ...t, min: important } : t)),
          });
          const full = scorePrepared(prepared, edited);
          const preview = previewPrepared(prepared, edited);
          expect([...preview.scores]).toEqual(full.customers.map((c) => c.score));
          expect([...preview.tiers]).toEqual(full.customers.map((c) => edited.tiers.indexOf(c.tier)));
          expect(preview.summary).toEqual(full.summary);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('after any sequence of band edits: the same as scoring freshly read rows (no stale cached band)', () => {
    const numeric = rules.indicators.flatMap((ind, k) => (ind.bands.some((b) => 'value' in b) ? [k] : []));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            k: fc.constantFrom(...numeric),
            band: fc.nat(3),
            value: fc.integer({ min: 0, max: 100 }),
            points: fc.integer({ min: 0, max: 30 }),
            renormalise: fc.boolean(),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (edits) => {
          let current = rules;
          for (const { k, band, value, points, renormalise } of edits) {
            current = RuleSetSchema.parse({
              ...structuredClone(current),
              missing: renormalise ? 'renormalise' : 'zero',
              indicators: current.indicators.map((ind, j) =>
                j !== k
                  ? ind
                  : {
                      ...ind,
                      bands: ind.bands.map((b, i) =>
                        i === band % ind.bands.length && 'value' in b ? { ...b, value: value / (ind.type === 'rate' ? 100 : 1), points } : b,
                      ),
                    },
              ),
            });
            const cached = scorePrepared(prepared, current);
            const fresh = scorePrepared(prepareWorkbook([sheet('S', [GRADING_HEADER, ...rows])], { rules: current, asOf: serial('2024-06-30') }), current);
            expect(cached.customers.map((c) => [c.score, c.tier.id, c.indicators.map((i) => i.points)])).toEqual(
              fresh.customers.map((c) => [c.score, c.tier.id, c.indicators.map((i) => i.points)]),
            );
            expect(previewPrepared(prepared, current).summary).toEqual(fresh.summary);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
