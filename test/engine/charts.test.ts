import { radarSummary, tierCounts } from '../../src/engine/charts';
import { EVALUATION_HEADER, GRADING_HEADER, SEED_000_ROW, gradingRow, scoreRows } from '../helpers/grid';

describe('chart summaries', () => {
  it('the radar shows each tier’s average per dimension, 0..100, null for an empty tier', () => {
    const weak = [...SEED_000_ROW];
    weak[0] = '乙';
    weak[5] = 3.9; // satisfaction 0 → the 客户满意度 dimension: (25 × 0 + 10 × 100) ÷ 35
    const run = scoreRows('evaluation', EVALUATION_HEADER, [SEED_000_ROW, weak]);
    const radar = radarSummary(run);
    expect(radar.axis).toBe('dimension');
    expect(radar.axes.map((a) => a.label.zh)).toEqual(['基础信息', '合作历史', '客户满意度', '合作潜力', '风险控制']);
    expect(radar.series.map((s) => s.tier.id)).toEqual(['strategic', 'key', 'potential', 'watch']);
    expect(radar.series[0]!.values).toEqual([100, 100, 100, 100, 100]);
    expect(radar.series[1]!.values).toEqual([100, 100, 28.6, 100, 100]);
    expect(radar.series[2]!.values).toEqual([null, null, null, null, null]);
  });

  it('the bar chart counts customers per tier, every tier listed', () => {
    const run = scoreRows('grading', GRADING_HEADER, [gradingRow(), gradingRow({ 客户名称: '乙', '年交易金额（万元）': 30 })]);
    expect(tierCounts(run).tiers.map((t) => [t.tier.id, t.customers])).toEqual([
      ['core', 1],
      ['important', 1],
      ['ordinary', 0],
      ['prospect', 0],
    ]);
  });
});
