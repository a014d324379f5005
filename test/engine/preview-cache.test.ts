/**
 * The live preview's cache (src/engine/preview-cache.ts), owned by each prepared run: while a
 * user moves a weight or drags a band threshold, what did not change is not read or scored again,
 * and what did is never taken from the cache.
 */
import type { IndicatorRule } from '../../src/engine/rules';
import { prepareWorkbook, type PreparedRun } from '../../src/engine/run';
import type { Parsed } from '../../src/engine/types';
import { getPreset } from '../../src/presets';
import { GRADING_HEADER, gradingRow, serial, sheet } from '../helpers/grid';

const rules = getPreset('grading');
const revenue = rules.indicators.find((i) => i.id === 'annualRevenue')!;

/** Two customers: 80万 and 30万 a year. */
function prepared(): PreparedRun {
  const rows = [gradingRow(), gradingRow({ 客户编号: 'C002', 客户名称: '北方物流', '年交易金额（万元）': 30 })];
  return prepareWorkbook([sheet('S', [GRADING_HEADER, ...rows])], { rules, asOf: serial('2024-06-30') });
}

/** The cache's column for `indicator`, counting how often the cells had to be parsed for it. */
function columnOf(run: PreparedRun, indicator: IndicatorRule, parses: { count: number }) {
  return run.cache.column(indicator, (): Parsed[] => {
    parses.count++;
    return run.columns[indicator.id]!.parsed;
  });
}

/** The annual-revenue indicator with its top band (≥ 50万 → 100 points) moved to `threshold`. */
function topBandAt(threshold: number): IndicatorRule {
  return { ...revenue, bands: revenue.bands.map((b, i) => (i === 0 ? { ...b, value: threshold } : b)) };
}

describe('the preview cache of a prepared run', () => {
  it('scores an indicator once: a weight edit (another rule object) takes the scored column as it is', () => {
    const run = prepared();
    const parses = { count: 0 };
    const first = columnOf(run, revenue, parses);
    // 80万 ≥ 50万 → 100 points; 30万 ≥ 10万 → 80 points.
    expect([...first.points]).toEqual([100, 80]);
    expect(columnOf(run, { ...revenue, weight: 5 }, parses)).toBe(first);
    expect(parses.count).toBe(1);
  });

  it('a band edit scores again from the cells already parsed; going back takes the column kept', () => {
    const run = prepared();
    const parses = { count: 0 };
    const original = columnOf(run, revenue, parses);
    const moved = columnOf(run, topBandAt(900000), parses);
    // 80万 < 90万 now: 80 points, as 30万.
    expect([...moved.points]).toEqual([80, 80]);
    expect(parses.count).toBe(1);
    expect(moved.parsed).toBe(original.parsed);
    expect(columnOf(run, topBandAt(500000), parses)).toBe(original);
  });

  it('keeps the two most recent columns of an indicator: a third band drops the oldest', () => {
    const run = prepared();
    const parses = { count: 0 };
    const original = columnOf(run, revenue, parses);
    columnOf(run, topBandAt(600000), parses);
    columnOf(run, topBandAt(700000), parses);
    const again = columnOf(run, revenue, parses);
    expect(again).not.toBe(original);
    expect([...again.points]).toEqual([100, 80]);
  });

  it('another type or scale parses the cells again', () => {
    const run = prepared();
    const parses = { count: 0 };
    columnOf(run, revenue, parses);
    columnOf(run, { ...revenue, type: 'count' }, parses);
    expect(parses.count).toBe(2);
  });

  it('belongs to its prepared run: another run of the same rows scores for itself', () => {
    const a = prepared();
    const b = prepared();
    const parses = { count: 0 };
    const fromA = columnOf(a, revenue, parses);
    const fromB = columnOf(b, revenue, parses);
    expect(a.cache).not.toBe(b.cache);
    expect(fromB).not.toBe(fromA);
    expect(parses.count).toBe(2);
  });
});
