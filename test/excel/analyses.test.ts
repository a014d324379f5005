/**
 * The add-in's analyses on the emulated Excel (docs/scoring-rules.md section 6): the service score and
 * the weakest dimension in the survey and in the evaluation table where the keys join, the
 * RFM letters, score and segment in the customer table; written by one Apply with the
 * evaluation score's guarantees (read again and scored again when a table changed, each row's
 * key checked, rolled back on failure, a second run in place), and the store holding each
 * analysis's rules and the run's figures. The expected cells are worked out by hand below.
 */
import { RULES_SHEET } from '../../src/engine/managed-sheets';
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps, scoreAnalysesRead, type AnalysesRequest } from '../../src/excel/ops';
import { allPresets, getPreset, getRfmPreset, getServicePreset } from '../../src/presets';
import { evaluationRfmWorkbook, seed001Analyses, seed003Survey, transactionsWorkbook } from '../fixtures/analyses';
import { buildWorkbook, type FixtureSpec } from '../fixtures/build';
import { serial } from '../helpers/grid';

jest.setTimeout(60_000);

const AS_OF = serial('2024-06-30');

async function open(spec: FixtureSpec) {
  const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(spec));
  return { excel, ops: createWorkbookOps({ run: excel.run }) };
}

/** The request the pane makes: the evaluation score when the workbook has one to score, the survey and RFM under the shipped rules. */
function request(scoring: boolean, rfm = getRfmPreset()): AnalysesRequest {
  return {
    asOf: AS_OF,
    ...(scoring ? { scoring: { rules: getPreset('evaluation') } } : {}),
    service: getServicePreset(),
    rfm,
    knownRules: allPresets(),
    keepRules: getPreset('evaluation'),
  };
}

async function preview(ops: ReturnType<typeof createWorkbookOps>, scoring: boolean, rfm = getRfmPreset()) {
  const read = await ops.prepareAnalyses(await ops.scan(allPresets()), request(scoring, rfm));
  return scoreAnalysesRead(read, {});
}

/**
 * Seed 001's survey (服务评价, scale 1-5 on every dimension; 推荐意愿 0-10), each customer's
 * dimension means over its two quarters, each mean ÷ 5, their mean × 100:
 * - XX科技: 4.5, 4, 5, 3.5, 4.5 → (0.9 + 0.8 + 1 + 0.7 + 0.9) ÷ 5 = 0.86 → 86.0; weakest 服务增值性 (0.7);
 * - YY贸易: 3.5, 3.5, 4, 3, 4 → 0.72 → 72.0; weakest 服务增值性 (0.6);
 * - ZZ物流 (one quarter, not in 客户评估): 2, 3, 3, 2, 3 → 0.52 → 52.0; weakest 服务响应及时性 (0.4, the first of the two lowest).
 * NPS over the five answers 9, 7, 10, 8, 3: promoters 2, passives 2, detractors 1 → (2 − 1) ÷ 5 = +20.0.
 */
const SURVEY_RESULTS = [
  ['服务得分', '短板维度'],
  [86, '服务增值性'],
  [72, '服务增值性'],
  [86, '服务增值性'],
  [72, '服务增值性'],
  [52, '服务响应及时性'],
];

describe('seed 001: the evaluation score and the service survey, one Apply', () => {
  it('writes 服务得分 and 短板维度 on every survey row and in the evaluation table where the keys join; a second run changes nothing', async () => {
    const { excel, ops } = await open(seed001Analyses);
    const scored = await preview(ops, true);
    expect(scored.run.service?.nps).toMatchObject({ answers: 5, promoters: 2, passives: 2, detractors: 1, score: 20, thin: true });
    expect(scored.run.unknownServiceCustomers).toBe(1);
    const applied = await ops.applyAnalyses(scored, 'zh-CN', { by: '王经理' });
    expect(applied.rulesStored).toBe(true);

    // The survey (Excel table 服务评价表 A2:H7) grows by I and J.
    expect(excel.tables('服务评价')).toEqual([{ name: '服务评价表', range: 'A2:J7' }]);
    expect(excel.peek('服务评价', 'I2:J7').values).toEqual(SURVEY_RESULTS);
    // The evaluation table (A1:M4): the scoring's N–P, then the service's Q–R; 华东精密 answered no survey.
    expect(excel.peek('客户评估', 'N1:R1').values).toEqual([['综合得分', '客户等级', '预警标记', '服务得分', '短板维度']]);
    expect(excel.peek('客户评估', 'Q2:R4').values).toEqual([
      [86, '服务增值性'],
      [72, '服务增值性'],
      ['', ''],
    ]);
    expect(applied.tables.map((t) => [t.sheet, t.columns.map((c) => c.id)])).toEqual([
      ['客户评估', ['score', 'tier', 'flags', 'serviceScore', 'weakestDimension']],
      ['服务评价', ['serviceScore', 'weakestDimension']],
    ]);
    // The evaluation score's own place: N–P, from the header row to the last customer.
    expect(applied.scoring?.written).toEqual({ sheet: '客户评估', columns: [13, 14, 15], firstRow: 0, lastRow: 3 });

    const before = { evaluation: excel.peek('客户评估').values, survey: excel.peek('服务评价').values, formats: excel.conditionalFormats('客户评估') };
    const again = await ops.applyAnalyses(await preview(ops, true), 'zh-CN');
    expect(again.rescored).toBeUndefined();
    expect(excel.peek('客户评估').values).toEqual(before.evaluation);
    expect(excel.peek('服务评价').values).toEqual(before.survey);
    expect(excel.tables('服务评价')).toEqual([{ name: '服务评价表', range: 'A2:J7' }]);
    expect(excel.conditionalFormats('客户评估')).toEqual(before.formats);
  });

  it('Insert charts after a second Apply replaces every chart in place: one of each, the user’s own chart on the sheet kept', async () => {
    const { excel, ops } = await open(seed001Analyses);
    await ops.insertAnalysesCharts(await ops.applyAnalyses(await preview(ops, true), 'zh-CN'), 'zh-CN');
    // The user adds a chart of their own on the charts sheet.
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('评分图表');
      const chart = sheet.charts.add('ColumnClustered', sheet.getRange('A3:B8'), 'Columns');
      chart.name = '我的图表';
      await context.sync();
    });
    const again = await ops.applyAnalyses(await preview(ops, true), 'zh-CN');
    await ops.insertAnalysesCharts(again, 'zh-CN');
    expect(excel.charts('评分图表').map((c) => c.name)).toEqual([
      '我的图表',
      'CustomerScoring.Radar',
      'CustomerScoring.Bar',
      'CustomerScoring.ServiceRadar',
      'CustomerScoring.GroupRadar',
      'CustomerScoring.Nps',
    ]);
    expect(excel.sheetNames().filter((n) => n === '评分图表')).toHaveLength(1);
  });

  it('stores the service rules beside the weighted rules, and each run’s service figures in its record, in one request after the writes', async () => {
    const { excel, ops } = await open(seed001Analyses);
    const scored = await preview(ops, true);
    excel.stats.reset();
    const applied = await ops.applyAnalyses(scored, 'zh-CN', { by: '王经理' });
    // The check's read, one write request per table, then the store.
    expect(applied.stats).toEqual({ syncs: 3, chunks: 2 });
    expect(excel.stats.syncs - applied.stats.syncs).toBe(1);
    const stored = await ops.loadStoredRules();
    expect(stored?.rules).toEqual(getPreset('evaluation'));
    expect(stored?.analyses).toEqual({ primary: 'scoring', service: getServicePreset() });
    expect(stored?.mapping.service).toEqual({ sheet: '服务评价', range: 'A2:H7', name: '服务评价表' });
    expect(stored?.runs).toHaveLength(1);
    expect(stored?.runs[0]).toMatchObject({ preset: 'evaluation', customers: 3, by: '王经理', analyses: { service: { customers: 3, answers: 5, nps: 20 } } });
  });

  it('a survey row edited after the preview: the analyses are worked out again from it, and the summary says why', async () => {
    const { excel, ops } = await open(seed001Analyses);
    const scored = await preview(ops, true);
    // ZZ物流 answers 服务响应速度 5 instead of 2: (1 + 0.6 + 0.6 + 0.4 + 0.6) ÷ 5 = 0.64 → 64.0, weakest now 服务增值性 (0.4).
    excel.editCell('服务评价', 'C7', 5);
    const applied = await ops.applyAnalyses(scored, 'zh-CN');
    expect(applied.rescored).toEqual({ reason: 'analysis-tables' });
    expect(excel.peek('服务评价', 'I7:J7').values).toEqual([[64, '服务增值性']]);
  });

  it('the survey sorted after the preview: every row gets its own customer’s results', async () => {
    const { excel, ops } = await open(seed001Analyses);
    const scored = await preview(ops, true);
    excel.sortRows('服务评价', 'A3:H7', [4, 3, 2, 1, 0]); // ZZ, YY Q2, XX Q2, YY Q1, XX Q1
    const applied = await ops.applyAnalyses(scored, 'zh-CN');
    expect(applied.rescored).toEqual({ reason: 'analysis-tables' });
    expect(excel.peek('服务评价', 'A3:A7').values.map((r) => r[0])).toEqual(['ZZ物流有限公司', 'YY贸易集团', 'XX科技有限公司', 'YY贸易集团', 'XX科技有限公司']);
    expect(excel.peek('服务评价', 'I3:J7').values).toEqual([
      [52, '服务响应及时性'],
      [72, '服务增值性'],
      [86, '服务增值性'],
      [72, '服务增值性'],
      [86, '服务增值性'],
    ]);
  });

  it('the survey sorted and edited and a customer’s 所属行业 changed after the preview: Insert charts draws the group radar from the rows as Apply scored them', async () => {
    const { excel, ops } = await open(seed001Analyses);
    const scored = await preview(ops, true);
    excel.editCell('客户评估', 'B3', '软件'); // YY贸易集团: 商贸 → 软件
    excel.sortRows('服务评价', 'A3:H7', [4, 3, 2, 1, 0]); // ZZ, YY Q2, XX Q2, YY Q1, XX Q1
    excel.editCell('服务评价', 'F5', 5); // XX科技 Q2 服务增值性: 3 → 5
    const applied = await ops.applyAnalyses(scored, 'zh-CN');
    expect(applied.rescored).toEqual({ reason: 'edited' });
    await ops.insertAnalysesCharts(applied, 'zh-CN');
    const charts = excel.charts('评分图表');
    expect(charts.map((c) => c.name)).toEqual([
      'CustomerScoring.Radar',
      'CustomerScoring.Bar',
      'CustomerScoring.ServiceRadar',
      'CustomerScoring.GroupRadar',
      'CustomerScoring.Nps',
    ]);
    // Means per customer at Apply: XX科技 (5 + 4) ÷ 2 = 4.5, 4, 5, (4 + 5) ÷ 2 = 4.5, 4.5; YY贸易 3.5, 3.5, 4, 3, 4;
    // ZZ物流 2, 3, 3, 2, 3. By 所属行业 as it is at Apply: 软件 = XX and YY: 4, 3.75, 4.5, 3.75, 4.25;
    // ZZ物流 is not in 客户评估: 未分组.
    const group = charts.find((c) => c.name === 'CustomerScoring.GroupRadar')!;
    expect(group.title).toBe('按「所属行业」分组的服务评价各维度平均分（满分 5 分）');
    expect(group.series.map((x) => [x.name, x.values])).toEqual([
      ['软件', [4, 3.75, 4.5, 3.75, 4.25]],
      ['未分组', [2, 3, 3, 2, 3]],
    ]);
  });

  it('a write that fails on the second table puts the first one back as it was, and nothing is stored', async () => {
    const { excel, ops } = await open(seed001Analyses);
    const scored = await preview(ops, true);
    const before = { evaluation: excel.peek('客户评估').values, survey: excel.peek('服务评价').values };
    // The survey's sheet is protected just before the second request that writes values (the first wrote 客户评估).
    let writes = 0;
    excel.onRequest((actions) => {
      if (actions.includes('Range.values') && ++writes === 2) excel.protect('服务评价');
    });
    await expect(ops.applyAnalyses(scored, 'zh-CN')).rejects.toMatchObject({ problem: { code: 'excel-failed', params: { code: 'AccessDenied' } } });
    expect(excel.peek('客户评估').values).toEqual(before.evaluation);
    expect(excel.peek('服务评价').values).toEqual(before.survey);
    expect(excel.tables('服务评价')).toEqual([{ name: '服务评价表', range: 'A2:H7' }]);
    expect(excel.conditionalFormats('客户评估')).toEqual([]);
    expect(excel.sheetNames()).not.toContain(RULES_SHEET);
  });

  it('a cell beside the survey holds data: nothing is written anywhere, and the sentence names the cell', async () => {
    const { excel, ops } = await open(seed001Analyses);
    excel.editCell('服务评价', 'J5', '备注');
    const before = { evaluation: excel.peek('客户评估').values, survey: excel.peek('服务评价').values };
    // The survey's 短板维度 would land on J, and J5 holds a note.
    await expect(ops.applyAnalyses(await preview(ops, true), 'zh-CN')).rejects.toMatchObject({
      problem: { code: 'columns-occupied', params: { cells: '服务评价!J5' } },
    });
    expect(excel.peek('客户评估').values).toEqual(before.evaluation);
    expect(excel.peek('服务评价').values).toEqual(before.survey);
  });
});

/**
 * The transactions fixture as of 2024-06-30, the period 2023-07-01 to 2024-06-30:
 * 甲商贸 3 purchases (50,000 + 30,000 + 20,000; the one of 2023-06-30 is outside), last 06-20 → R 10 days;
 * 乙电子 1 (2,000; 07-05 is after the period), R 29; 丙食品 1 (150,000), R 172; 丁建材 4 (20,000), R 2;
 * 戊医药 none in the period: R none, F 0, M 0.
 * Quintiles over n = 5, floor(5 × (a + b − 1) ÷ 10) + 1 for ranks a..b worst first:
 * R 戊 1, 丙 2, 乙 3, 甲 4, 丁 5; F 戊 1, 乙 and 丙 tied at ranks 2-3 → 3, 甲 4, 丁 5; M 戊 1, 乙 2, 丁 3, 甲 4, 丙 5.
 * RFM 得分 = mean × 20: 甲 80, 乙 53.3, 丙 66.7, 丁 86.7, 戊 20. Segments: R ≤ 2 at risk (丙, 戊); 甲 all ≥ 4
 * high value; 丁 all ≥ 3 potential; 乙 (M 2) low value.
 */
describe('transactions: RFM in the customer table', () => {
  const RFM = [
    ['R', 'F', 'M', 'RFM 得分', 'RFM 分群'],
    [4, 4, 4, 80, '高价值客户'],
    [3, 3, 2, 53.3, '低价值客户'],
    [2, 3, 5, 66.7, '流失风险客户'],
    [5, 5, 3, 86.7, '潜力客户'],
    [1, 1, 1, 20, '流失风险客户'],
  ];

  it('writes R, F, M, RFM 得分 and RFM 分群 right of 客户表, the segments coloured; a second run changes nothing', async () => {
    const { excel, ops } = await open(transactionsWorkbook);
    const scored = await preview(ops, false);
    expect(scored.run.primary).toBe('rfm');
    const applied = await ops.applyAnalyses(scored, 'zh-CN');
    expect(applied.rulesStored).toBe(true);
    expect(excel.tables('客户')).toEqual([{ name: '客户表', range: 'A1:I6' }]);
    expect(excel.peek('客户', 'E1:I6').values).toEqual(RFM);
    // The purchases are read, never written.
    expect(excel.peek('交易记录').values[0]).toEqual(['客户名称', '交易日期', '交易金额']);
    // One rule per segment on the segment column's data rows.
    const formats = excel.conditionalFormats('客户');
    expect(formats.map((f) => [f.address, f.fill]).sort()).toEqual([
      ["'客户'!I2:I6", '#C6EFCE'],
      ["'客户'!I2:I6", '#DDEBF7'],
      ["'客户'!I2:I6", '#EDEDED'],
      ["'客户'!I2:I6", '#F8CBAD'],
    ]);

    const before = excel.peek('客户').values;
    const second = await preview(ops, false);
    excel.stats.reset();
    const again = await ops.applyAnalyses(second, 'zh-CN');
    // The store existing now, its area (with the stored JSON) is read with the write: storing is still one request.
    expect(excel.stats.syncs - again.stats.syncs).toBe(1);
    expect(excel.peek('客户').values).toEqual(before);
    expect(excel.conditionalFormats('客户')).toEqual(formats);
    const stored = await ops.loadStoredRules();
    expect(stored?.analyses).toEqual({ primary: 'rfm', rfm: getRfmPreset() });
    expect(stored?.runs.map((r) => r.tiers)).toEqual([
      { 'at-risk': 2, 'high-value': 1, potential: 1, 'low-value': 1 },
      { 'at-risk': 2, 'high-value': 1, potential: 1, 'low-value': 1 },
    ]);
  });

  it('the purchases named by 客户编号 (the customer table keyed by 客户名称): the same letters on the same rows', async () => {
    const ids: Record<string, string> = { 甲商贸: 'C001', 乙电子: 'c002', 丙食品: 'C003', 丁建材: 'C004', 戊医药: 'C005', 己公司: 'C009' };
    const [customers, purchases] = transactionsWorkbook.sheets;
    const byId: FixtureSpec = {
      sheets: [
        customers!,
        { ...purchases!, rows: [['客户编号', '交易日期', '交易金额'], ...purchases!.rows.slice(1).map(([name, ...rest]) => [ids[String(name)]!, ...rest])] },
      ],
    };
    const { excel, ops } = await open(byId);
    const scored = await preview(ops, false);
    expect(scored.run.rfm?.customers.map((c) => c.key)).toEqual(['甲商贸', '乙电子', '丙食品', '丁建材', '戊医药']);
    await ops.applyAnalyses(scored, 'zh-CN');
    expect(excel.peek('客户', 'E1:I6').values).toEqual(RFM);
  });

  it('the weights change the RFM score only: a manufacturer’s R 1 : F 1 : M 2', async () => {
    const { excel, ops } = await open(transactionsWorkbook);
    const rules = { ...getRfmPreset(), weights: { recency: 1, frequency: 1, monetary: 2 } };
    await ops.applyAnalyses(await preview(ops, false, rules), 'zh-CN');
    // (R + F + 2M) ÷ 4 × 20: 甲 80, 乙 (3 + 3 + 4) → 50, 丙 (2 + 3 + 10) → 75, 丁 (5 + 5 + 6) → 80, 戊 20; segments unchanged.
    expect(excel.peek('客户', 'H2:I6').values).toEqual([
      [80, '高价值客户'],
      [50, '低价值客户'],
      [75, '流失风险客户'],
      [80, '潜力客户'],
      [20, '流失风险客户'],
    ]);
    expect((await ops.loadStoredRules())?.analyses?.rfm?.weights).toEqual({ recency: 1, frequency: 1, monetary: 2 });
  });
});

/**
 * RFM from the evaluation table's own columns (no transactions sheet), n = 8, the customers
 * worst first on each letter, tied values on their average rank r, score floor(5 × (r − 0.5) ÷ 8) + 1:
 * r = 1 → 1, 2 → 1, 2.5 → 2, 3 → 2, 3.5 → 2, 4 → 3, 5 → 3, 5.5 → 4, 7 → 5, 7.5 → 5, 8 → 5.
 * - R (最近一次购买距今, fewer days better): 西部 200 (r 1) → 1, 川渝 95 (2) → 1, 华东 `60天` (3) → 2,
 *   中原 40 (4) → 3, 华南 and 北方 12 (5, 6: 5.5) → 4, 东海 and 南方 5 (7, 8: 7.5) → 5.
 * - F (购买频次, not the evaluation score's 年均交易频次): 西部 2 (1) → 1, 中原 and 川渝 6 (2, 3: 2.5) → 2,
 *   华南, 北方 `12次` and 华东 12 (4-6: 5) → 3, 东海 and 南方 24 (7, 8: 7.5) → 5.
 * - M (累计购买金额, 万元): 西部 5 (1) → 1, 川渝 30 (2) → 1, 北方 45 and 华东 `45万` (3, 4: 3.5) → 2,
 *   华南 and 中原 80 (5, 6: 5.5) → 4, 东海 120 (7) → 5, 南方 200 (8) → 5.
 * RFM 得分 = (R + F + M) ÷ 3 × 20. Segments, first match: R ≤ 2 流失风险 (川渝, 西部, 华东); all ≥ 4
 * 高价值 (东海, 南方); all ≥ 3 潜力 (华南 4, 3, 4); the rest 低价值 (北方 M 2, 中原 F 2).
 */
describe('RFM from the evaluation table’s own columns', () => {
  const RFM = [
    ['R', 'F', 'M', 'RFM 得分', 'RFM 分群'],
    [5, 5, 5, 100, '高价值客户'], // 东海电子
    [4, 3, 4, 73.3, '潜力客户'], // 华南医药: 11 ÷ 3 × 20 = 73.33
    [4, 3, 2, 60, '低价值客户'], // 北方机械
    [3, 2, 4, 60, '低价值客户'], // 中原建材
    [1, 2, 1, 26.7, '流失风险客户'], // 川渝食品: 4 ÷ 3 × 20 = 26.67
    [1, 1, 1, 20, '流失风险客户'], // 西部纺织
    [5, 5, 5, 100, '高价值客户'], // 南方物流
    [2, 3, 2, 46.7, '流失风险客户'], // 华东精密: 7 ÷ 3 × 20 = 46.67
  ];

  it('writes R, F, M, RFM 得分 and RFM 分群 beside the evaluation score; a second run changes no cell; the segment chart is drawn once', async () => {
    const { excel, ops } = await open(evaluationRfmWorkbook);
    const scored = await preview(ops, true);
    expect(scored.run.primary).toBe('scoring');
    expect(scored.run.rfm?.source).toBe('columns');
    expect([scored.run.rfm?.columns?.recency?.header, scored.run.rfm?.columns?.frequency?.header, scored.run.rfm?.columns?.monetary?.header]).toEqual([
      '最近一次购买距今(天)',
      '购买频次(次/年)',
      '累计购买金额(万元)',
    ]);
    const applied = await ops.applyAnalyses(scored, 'zh-CN');
    expect(applied.rulesStored).toBe(true);
    // A–N the table, O–Q the evaluation score's columns, R–V RFM's.
    expect(excel.peek('客户评估', 'O1:Q1').values).toEqual([['综合得分', '客户等级', '预警标记']]);
    expect(excel.peek('客户评估', 'R1:V9').values).toEqual(RFM);
    // The customers RFM puts at risk carry 流失预警 in the evaluation score's flags, the others not.
    const churn = excel.peek('客户评估', 'Q2:Q9').values.map((r) => String(r[0]).includes('流失预警(RFM 分群为流失风险客户)'));
    expect(churn).toEqual([false, false, false, false, true, true, false, true]);
    expect(applied.tables.map((t) => [t.sheet, t.columns.map((c) => c.id)])).toEqual([
      ['客户评估', ['score', 'tier', 'flags', 'rfmR', 'rfmF', 'rfmM', 'rfmScore', 'segment']],
    ]);
    await ops.insertAnalysesCharts(applied, 'zh-CN');

    const before = { cells: excel.peek('客户评估').values, formats: excel.conditionalFormats('客户评估') };
    const again = await ops.applyAnalyses(await preview(ops, true), 'zh-CN');
    expect(again.rescored).toBeUndefined();
    expect(excel.peek('客户评估').values).toEqual(before.cells);
    expect(excel.conditionalFormats('客户评估')).toEqual(before.formats);
    await ops.insertAnalysesCharts(again, 'zh-CN');
    const charts = excel.charts('评分图表');
    expect(charts.map((c) => c.name)).toEqual(['CustomerScoring.Radar', 'CustomerScoring.Bar', 'CustomerScoring.Segments']);
    const segments = charts.find((c) => c.name === 'CustomerScoring.Segments')!;
    expect(segments.series.map((x) => [x.categories, x.values])).toEqual([
      [
        ['流失风险客户', '高价值客户', '潜力客户', '低价值客户'],
        [3, 2, 1, 2],
      ],
    ]);
  });
});

describe('seed 003’s survey alone', () => {
  it('is analysed on its own: 甲 90.0 (weakest 服务响应及时性), 乙 70.0 (售后支持), 丙 60.0 (服务响应及时性)', async () => {
    // 5, 4, 5, 4 of 5 → 0.9; 4, 4, 3, 3 → 0.7; 3, 2, 3, 4 → 0.6. The first lowest in table order is the weakest.
    const { excel, ops } = await open(seed003Survey);
    const scored = await preview(ops, false);
    expect(scored.run.primary).toBe('service');
    expect(scored.run.service?.nps).toMatchObject({ answers: 3, promoters: 1, passives: 1, detractors: 1, score: 0, thin: true });
    await ops.applyAnalyses(scored, 'zh-CN');
    expect(excel.peek('满意度调研', 'G2:H5').values).toEqual([
      ['服务得分', '短板维度'],
      [90, '服务响应及时性'],
      [70, '售后支持'],
      [60, '服务响应及时性'],
    ]);
    // No weighted scoring ran: the store keeps the rules it was given to keep, and the run's record is the survey's.
    const stored = await ops.loadStoredRules();
    expect(stored?.rules).toEqual(getPreset('evaluation'));
    expect(stored?.runs[0]).toMatchObject({ preset: 'service', customers: 3, tiers: {}, analyses: { service: { customers: 3, answers: 3, nps: 0 } } });
  });
});

describe('the store keeps the analyses’ rules', () => {
  it('the evaluation score applied alone, and the rules saved from the pane, keep the service and RFM rules the workbook stores', async () => {
    const { ops } = await open(transactionsWorkbook);
    const rules = { ...getRfmPreset(), weights: { recency: 1, frequency: 2, monetary: 1 } };
    await ops.applyAnalyses(await preview(ops, false, rules), 'zh-CN');
    await ops.storeRules(getPreset('grading'), { followUp: null, indicators: {} });
    const stored = await ops.loadStoredRules();
    expect(stored?.rules.id).toBe('grading');
    expect(stored?.analyses?.rfm?.weights).toEqual({ recency: 1, frequency: 2, monetary: 1 });
  });

  it('an evaluation-only Apply (the path without the analyses) keeps the service rules the workbook stores', async () => {
    const { ops } = await open(seed001Analyses);
    await ops.applyAnalyses(await preview(ops, true), 'zh-CN');
    await ops.apply(await ops.score(await ops.scan(allPresets()), { rules: getPreset('evaluation'), asOf: AS_OF }), 'zh-CN');
    const stored = await ops.loadStoredRules();
    expect(stored?.runs).toHaveLength(2);
    expect(stored?.analyses).toEqual({ primary: 'scoring', service: getServicePreset() });
  });
});
