/**
 * The chart list of a run (src/i18n/charts.ts analysesCharts), as both the add-in and the
 * `score` command draw it: which charts a run carries, their names, titles, summary tables and
 * places on the charts sheet, in both languages. Workbooks as the reader returns them (no
 * .xlsx here); every figure worked out by hand from docs/scoring-rules.md section 6, as of
 * 2024-06-30.
 */
import { runAnalyses, type AnalysesRun, type AnalysisKind } from '../../src/engine/analyses';
import { CHART_NAMES, OUR_CHART_NAMES, staleChartNames } from '../../src/engine/chart-specs';
import type { RawCell, SheetGrid } from '../../src/engine/types';
import { analysesCharts } from '../../src/i18n/charts';
import { allPresets, getPreset, getRfmPreset, getServicePreset } from '../../src/presets';
import { seed001Analyses } from '../fixtures/analyses';
import { serial, sheet } from '../helpers/grid';

const AS_OF = serial('2024-06-30');

function analyse(sheets: SheetGrid[], primary: AnalysisKind): AnalysesRun {
  return runAnalyses(sheets, {
    primary,
    asOf: AS_OF,
    service: getServicePreset(),
    rfm: getRfmPreset(),
    knownRules: allPresets(),
    ...(primary === 'scoring' ? { scoring: { rules: getPreset('evaluation') } } : {}),
  });
}

/** Seed 001's evaluation table (所属行业, 规模) and 服务水平评价汇总表 (two periods for XX and YY, ZZ not in the evaluation table): text and numbers only. */
const seed001 = (name: string): SheetGrid => sheet(name, seed001Analyses.sheets.find((s) => s.name === name)!.rows as RawCell[][]);
const EVALUATION = seed001('客户评估');
const SURVEY = seed001('服务评价');
/** XX bought on 2024-06-20 (10 days before), YY on 2024-03-01 (121 days), 华东 nothing in the period. */
const PURCHASES = sheet('交易记录', [
  ['客户名称', '交易日期', '交易金额'],
  ['XX科技有限公司', '2024-06-20', 50000],
  ['YY贸易集团', '2024-03-01', 20000],
]);

// The survey's means (docs/scoring-rules.md section 6 `service`): XX 4.5 4 5 3.5 4.5 (two periods), YY 3.5 3.5 4 3 4, ZZ 2 3 3 2 3;
// over all three: 10/3 = 3.33, 3.5, 4, 8.5/3 = 2.83, 11.5/3 = 3.83.
const DIMENSIONS_ZH = ['服务响应及时性', '问题解决能力', '沟通互动质量', '服务增值性', '整体满意度'];
const XX = [4.5, 4, 5, 3.5, 4.5];
const YY = [3.5, 3.5, 4, 3, 4];
const ZZ = [2, 3, 3, 2, 3];
const ALL = [3.33, 3.5, 4, 2.83, 3.83];
const columns = (...series: number[][]) => DIMENSIONS_ZH.map((d, i) => [d, ...series.map((s) => s[i]!)]);

describe('the charts of a run that carries the scoring, the service survey and RFM', () => {
  const run = analyse([EVALUATION, SURVEY, PURCHASES], 'scoring');
  const spec = analysesCharts(run, [EVALUATION, SURVEY, PURCHASES], 'zh-CN');

  it('are, in order, the scoring’s radar and bar, the service radar, the group radar, the NPS bar and the RFM segments’ bar', () => {
    expect(spec.charts.map((c) => [c.name, c.kind, c.legend])).toEqual([
      ['CustomerScoring.Radar', 'radar', true],
      ['CustomerScoring.Bar', 'bar', false],
      ['CustomerScoring.ServiceRadar', 'radar', true],
      ['CustomerScoring.GroupRadar', 'radar', true],
      ['CustomerScoring.Nps', 'bar', false],
      ['CustomerScoring.Segments', 'bar', false],
    ]);
    expect(OUR_CHART_NAMES).toEqual(Object.values(CHART_NAMES));
    expect(staleChartNames(spec.charts)).toEqual([]);
  });

  it('the service radar: all customers, then each tier with survey customers (XX 战略级客户, YY 潜力客户; ZZ has no tier)', () => {
    const chart = spec.charts[2]!;
    expect(chart.title).toBe('服务评价各维度平均分（满分 5 分）');
    expect(chart.table.values).toEqual([['维度', '全部客户', '战略级客户', '潜力客户'], ...columns(ALL, XX, YY)]);
  });

  it('the group radar by 所属行业 (the industry, not 所属行业增长潜力): 软件 XX, 商贸 YY, ZZ without a group', () => {
    const chart = spec.charts[3]!;
    expect(chart.title).toBe('按「所属行业」分组的服务评价各维度平均分（满分 5 分）');
    expect(chart.table.values).toEqual([['维度', '软件', '商贸', '未分组'], ...columns(XX, YY, ZZ)]);
  });

  it('the NPS bar: 9 and 10 promoters, 7 and 8 passives, 3 a detractor; (2 − 1) ÷ 5 = 20, a thin figure', () => {
    const chart = spec.charts[4]!;
    expect(chart.title).toBe('推荐意愿分布（净推荐值 NPS 20，回答少于 30 份，仅供参考）');
    expect(chart.table.values).toEqual([
      ['类别', '回答数'],
      ['推荐者（9-10分）', 2],
      ['被动者（7-8分）', 2],
      ['贬损者（0-6分）', 1],
    ]);
  });

  it('the segments’ bar: R 华东 1, YY 3, XX 5; F 1, 4, 4 (a tie); M 1, 3, 5 → 华东 at risk, XX high value, YY potential', () => {
    const chart = spec.charts[5]!;
    expect(chart.title).toBe('RFM 各分群客户数');
    expect(chart.table.values).toEqual([
      ['分群', '客户数'],
      ['流失风险客户', 1],
      ['高价值客户', 1],
      ['潜力客户', 1],
      ['低价值客户', 0],
    ]);
  });

  it('the tables from A3 down with a blank row between them; the charts in H to P from row 3 down, a blank row between them', () => {
    // Radar 6 rows (5 dimensions), bar 5 (4 tiers), service radar 6, group radar 6, NPS 4, segments 5.
    expect(spec.charts.map((c) => c.table.address)).toEqual(['A3:E8', 'A10:B14', 'A16:D21', 'A23:D28', 'A30:B33', 'A35:B39']);
    // Radars cover 20 rows, bars 17.
    expect(spec.charts.map((c) => `${c.position.from}:${c.position.to}`)).toEqual(['H3:P22', 'H24:P40', 'H42:P61', 'H63:P82', 'H84:P100', 'H102:P118']);
  });

  it('--group-by 规模 groups by size: 大型 XX, 中型 YY; a column the tables lack gives no group radar', () => {
    const bySize = analysesCharts(run, [EVALUATION, SURVEY, PURCHASES], 'zh-CN', { groupBy: '规模' });
    const group = bySize.charts.find((c) => c.name === CHART_NAMES.groupRadar)!;
    expect(group.title).toBe('按「规模」分组的服务评价各维度平均分（满分 5 分）');
    expect(group.table.values[0]).toEqual(['维度', '大型', '中型', '未分组']);
    const none = analysesCharts(run, [EVALUATION, SURVEY, PURCHASES], 'zh-CN', { groupBy: '地区' });
    expect(none.charts.map((c) => c.name)).not.toContain(CHART_NAMES.groupRadar);
    expect(staleChartNames(none.charts)).toEqual([CHART_NAMES.groupRadar]);
  });

  it('in English: the titles, corners, series and labels', () => {
    const en = analysesCharts(run, [EVALUATION, SURVEY, PURCHASES], 'en-US');
    expect(en.charts.slice(2).map((c) => c.title)).toEqual([
      'Service survey: mean per dimension (out of 5)',
      'Service survey: mean per dimension by “所属行业” (out of 5)',
      'Likelihood to recommend (NPS 20; fewer than 30 answers, a thin figure)',
      'Customers per RFM segment',
    ]);
    expect(en.charts[2]!.table.values[0]).toEqual(['Dimension', 'All customers', 'Strategic', 'Potential']);
    expect(en.charts[2]!.table.values.map((r) => r[0])).toEqual([
      'Dimension',
      'Responsiveness',
      'Problem solving',
      'Communication',
      'Added value',
      'Overall satisfaction',
    ]);
    expect(en.charts[3]!.table.values[0]).toEqual(['Dimension', '软件', '商贸', 'No group']);
    expect(en.charts[4]!.table.values.map((r) => r[0])).toEqual(['Group', 'Promoters (9-10)', 'Passives (7-8)', 'Detractors (0-6)']);
    expect(en.charts[5]!.table.values[0]).toEqual(['Segment', 'Customers']);
  });
});

describe('a survey alone', () => {
  /** n customers, one row each: 产品质量, 服务响应速度, 售后支持 and (when given) 推荐意愿. */
  const survey = (rows: RawCell[][], header = ['客户名称', '产品质量', '服务响应速度', '售后支持', '推荐意愿']) => sheet('满意度调研', [header, ...rows]);

  it('one series (no tiers: no legend), no group radar without a category column, no scoring or RFM chart', () => {
    const sheets = [
      survey([
        ['甲', 5, 4, 5, 9],
        ['乙', 4, 4, 3, 8],
        ['丙', 3, 2, 3, 6],
      ]),
    ];
    const spec = analysesCharts(analyse(sheets, 'service'), sheets, 'zh-CN');
    expect(spec.charts.map((c) => [c.name, c.legend])).toEqual([
      ['CustomerScoring.ServiceRadar', false],
      ['CustomerScoring.Nps', false],
    ]);
    // (5 + 4 + 3) ÷ 3 = 4, (4 + 4 + 2) ÷ 3 = 3.33, (5 + 3 + 3) ÷ 3 = 3.67.
    expect(spec.charts[0]!.table.values).toEqual([
      ['维度', '全部客户'],
      ['产品质量', 4],
      ['服务响应及时性', 3.33],
      ['售后支持', 3.67],
    ]);
    expect(staleChartNames(spec.charts)).toEqual(['CustomerScoring.Radar', 'CustomerScoring.Bar', 'CustomerScoring.GroupRadar', 'CustomerScoring.Segments']);
  });

  it('30 answers make a figure that is not thin: 15 promoters, 10 passives, 5 detractors → (15 − 5) ÷ 30 = 33.3', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`客户${i + 1}`, 4, 4, 4, i < 15 ? 10 : i < 25 ? 8 : 3]);
    const sheets = [survey(rows)];
    const nps = analysesCharts(analyse(sheets, 'service'), sheets, 'zh-CN').charts.find((c) => c.name === CHART_NAMES.nps)!;
    expect(nps.title).toBe('推荐意愿分布（净推荐值 NPS 33.3）');
    expect(nps.table.values.slice(1).map((r) => r[1])).toEqual([15, 10, 5]);
  });

  it('a 推荐意愿 column without answers gives empty bars and says so; a survey without one has no NPS bar', () => {
    const blank = [
      survey([
        ['甲', 5, 4, 5, null],
        ['乙', 4, 4, 3, null],
      ]),
    ];
    const nps = analysesCharts(analyse(blank, 'service'), blank, 'en-US').charts.find((c) => c.name === CHART_NAMES.nps)!;
    expect(nps.title).toBe('Likelihood to recommend (no answers yet)');
    expect(nps.table.values.slice(1).map((r) => r[1])).toEqual([0, 0, 0]);
    const without = [survey([['甲', 5, 4, 5]], ['客户名称', '产品质量', '服务响应速度', '售后支持'])];
    expect(analysesCharts(analyse(without, 'service'), without, 'zh-CN').charts.map((c) => c.name)).toEqual(['CustomerScoring.ServiceRadar']);
  });

  it('dimensions on different scales are shown as per cent of each one’s maximum: 4 of 5 and 8 of 10 are both 80', () => {
    const sheets = [
      survey(
        [
          ['甲', 4, 8, 3],
          ['乙', 4, 8, 5],
        ],
        ['客户名称', '产品质量(1-5)', '服务响应速度(1-10)', '售后支持(1-5)'],
      ),
    ];
    const radar = analysesCharts(analyse(sheets, 'service'), sheets, 'zh-CN').charts[0]!;
    expect(radar.title).toBe('服务评价各维度平均分（占各维度满分的百分比）');
    expect(radar.table.values.slice(1).map((r) => r[1])).toEqual([80, 80, 80]);
  });

  it('groups by 规模 when there is no 行业, never by 所属行业增长潜力; eight groups push the charts right of their table', () => {
    const header = ['客户名称', '所属行业增长潜力', '规模', '产品质量', '服务响应速度', '售后支持'];
    const sizes = ['微型', '小型', '中型', '大型', '特大型', '集团', '个体', '外资'];
    const rows = sizes.map((size, i) => [`客户${i + 1}`, i % 2 ? '高增长' : '稳定', size, 5, 4, 3]);
    const sheets = [survey(rows, header)];
    const spec = analysesCharts(analyse(sheets, 'service'), sheets, 'zh-CN');
    const group = spec.charts.find((c) => c.name === CHART_NAMES.groupRadar)!;
    expect(group.title).toBe('按「规模」分组的服务评价各维度平均分（满分 5 分）');
    expect(group.table.values[0]).toEqual(['维度', ...sizes]);
    // The group table is A to I wide: the charts start two columns right of it, at K, nine columns wide (K to S).
    expect(group.table.address).toBe('A8:I11');
    expect(spec.charts.map((c) => `${c.position.from}:${c.position.to}`)).toEqual(['K3:S22', 'K24:S43']);
  });
});
