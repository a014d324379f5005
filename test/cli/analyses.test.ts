/**
 * `score --preset service` and `score --preset rfm` end to end, on real .xlsx files shaped like
 * seed 001's two templates, seed 003's survey, a transactions sheet and a customer table with
 * R, F and M columns (test/fixtures/analyses.ts): the summary printed, the JSON report in the
 * layout of the other presets, the columns written (服务得分 / 短板维度; R / F / M / RFM 得分 /
 * RFM 分群), a second run refreshing them in place, the store, and a package Excel opens
 * (test/helpers/ooxml-check.ts). Figures worked out by hand from docs/scoring-rules.md section 6, as of
 * 2024-06-30.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES_SHEET } from '../../src/engine/managed-sheets';
import type { AnalysesReport, ReportRow, ScoringReport, ServicePrimaryReport } from '../../src/engine/report';
import { storedRulesFromGrid } from '../../src/engine/stored-rules';
import type { RawCell, SheetGrid } from '../../src/engine/types';
import { readWorkbook } from '../../src/xlsx/read';
import { writerUse } from '../../src/xlsx/write';
import {
  SERVICE_HEADER,
  evaluationRfmWorkbook,
  expertiseSurvey,
  rfmColumnsWorkbook,
  seed001Analyses,
  seed003Survey,
  transactionsWorkbook,
} from '../fixtures/analyses';
import { writeFixture, type FixtureSpec } from '../fixtures/build';
import { runScore, type Ran } from '../helpers/cli-run';
import { checkPackage } from '../helpers/ooxml-check';
import { getRfmPreset, getServicePreset } from '../../src/presets';

jest.setTimeout(60_000);

const run = runScore;

interface Scored {
  ran: Ran;
  report: AnalysesReport;
  bytes: Uint8Array;
  sheets: SheetGrid[];
  out: string;
  /** A cell of the scored copy, by sheet and A1 address. */
  cell(sheet: string, address: string): RawCell;
}

function cellOf(sheets: SheetGrid[], sheet: string, address: string): RawCell {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return sheets.find((s) => s.name === sheet)!.rows[Number(m[2]) - 1]?.[col] ?? null;
}

/** Scores `input` (a path) with the options into `<input>.<tag>.scored.xlsx` and reads it all back. */
async function scoreInput(input: string, tag: string, ...options: string[]): Promise<Scored> {
  const out = input.replace(/\.xlsx$/, `.${tag}.scored.xlsx`);
  const json = input.replace(/\.xlsx$/, `.${tag}.json`);
  const ran = await run(input, '--as-of', '2024-06-30', '--out', out, '--json', json, ...options);
  if (ran.code !== 0) throw new Error(`score failed: ${ran.stderr}`);
  const bytes = new Uint8Array(readFileSync(out));
  const sheets = await readWorkbook(bytes);
  return { ran, report: JSON.parse(readFileSync(json, 'utf8')) as AnalysesReport, bytes, sheets, out, cell: (s, a) => cellOf(sheets, s, a) };
}

async function score(spec: FixtureSpec, file: string, tag: string, ...options: string[]): Promise<Scored> {
  return scoreInput(await writeFixture(spec, file), tag, ...options);
}

const column = (s: Scored, sheet: string, letter: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => s.cell(sheet, `${letter}${from + i}`));

describe('score --preset service on seed 001’s two templates (evaluation table, follow-up log, 服务水平评价汇总表)', () => {
  let first: Scored;
  let again: Scored;

  beforeAll(async () => {
    writerUse.excelize = 0;
    first = await score(seed001Analyses, '服务评价-001.xlsx', 'service', '--preset', 'service', '--lang', 'zh-CN');
    again = await scoreInput(first.out, 'again', '--preset', 'service', '--lang', 'zh-CN');
  });

  it('says what it did: the customers and answers, the dimensions’ means on their scale, the NPS and the thin sample', () => {
    expect(first.ran.stdout.split('\n')[0]).toBe(
      '服务评价：「服务评价」中 3 位客户的 5 条评价，各维度平均分 服务响应及时性 3.33/5，问题解决能力 3.5/5，沟通互动质量 4/5，服务增值性 2.83/5，整体满意度 3.83/5；' +
        '净推荐值 NPS 20（推荐者 2、被动者 2、贬损者 1，共 5 份回答，少于 30 份，仅供参考）；其中 1 位客户不在评估表中。',
    );
  });

  it('reports one row per survey customer: its score out of 100, its weakest dimension, its means', () => {
    const report = first.report as ServicePrimaryReport;
    expect(report.preset).toBe('service');
    // XX: 响应 (5+4)/2 4.5, 解决 4, 沟通 5, 增值 (4+3)/2 3.5, 整体 4.5 → 21.5/5 = 4.3 → 86.0, weakest 服务增值性.
    // YY: 3.5, 3.5, 4, 3, 4 → 3.6 → 72.0, weakest 服务增值性. ZZ: 2, 3, 3, 2, 3 → 2.6 → 52.0; 响应 and 增值 tie at 2: 响应 is first.
    expect(report.rows.map((r) => [r.key, r.rows, r.periods, r.score, r.weakest?.label, r.recommend])).toEqual([
      ['XX科技有限公司', [3, 5], ['2024年第1季度', '2024年第2季度'], 86, '服务增值性', 9.5],
      ['YY贸易集团', [4, 6], ['2024年第1季度', '2024年第2季度'], 72, '服务增值性', 7.5],
      ['ZZ物流有限公司', [7], ['2024年第2季度'], 52, '服务响应及时性', 3],
    ]);
    expect(report.rows[0]!.breakdown.map((b) => [b.column, b.mean, b.scaleMax, b.score])).toEqual([
      ['C', 4.5, 5, 90],
      ['D', 4, 5, 80],
      ['E', 5, 5, 100],
      ['F', 3.5, 5, 70],
      ['G', 4.5, 5, 90],
    ]);
  });

  it('reports the survey: each dimension’s scale and mean, the NPS, the customer not in the evaluation table', () => {
    const { service, tables, warnings } = first.report;
    expect(tables.service).toMatchObject({ sheet: '服务评价', range: 'A2:H7', source: 'excel-table', name: '服务评价表' });
    expect(service!.dimensions.map((d) => [d.label, d.header, `${d.scale.min}-${d.scale.max}`, d.scale.source, d.mean])).toEqual([
      ['服务响应及时性', '服务响应速度(1-5)', '1-5', 'header', 3.33],
      ['问题解决能力', '问题解决能力', '1-5', 'table', 3.5],
      ['沟通互动质量', '沟通互动质量', '1-5', 'table', 4],
      ['服务增值性', '服务增值性', '1-5', 'table', 2.83],
      ['整体满意度', '整体满意度', '1-5', 'table', 3.83],
    ]);
    // 9 and 10 promoters, 7 and 8 passives, 3 a detractor: (2 − 1) ÷ 5 = 20.0.
    expect(service!.nps).toEqual({ answers: 5, promoters: 2, passives: 2, detractors: 1, score: 20, thin: true });
    expect([service!.customers, service!.unknownCustomers]).toEqual([3, 1]);
    expect(warnings).toEqual([
      '服务评价表中的客户「ZZ物流有限公司」（服务评价!A7）不在评估表中。',
      '推荐意愿只有 5 份有效回答（少于 30 份），净推荐值（NPS）仅供参考。',
    ]);
  });

  it('writes 服务得分 and 短板维度 on every survey row (its customer’s), inside the Excel table', () => {
    expect([first.cell('服务评价', 'I2'), first.cell('服务评价', 'J2')]).toEqual(['服务得分', '短板维度']);
    expect(column(first, '服务评价', 'I', 3, 7)).toEqual([86, 72, 86, 72, 52]);
    expect(column(first, '服务评价', 'J', 3, 7)).toEqual(['服务增值性', '服务增值性', '服务增值性', '服务增值性', '服务响应及时性']);
    expect(first.sheets.find((s) => s.name === '服务评价')!.tables).toEqual([{ name: '服务评价表', range: 'A2:J7' }]);
  });

  it('and in the evaluation table where the keys join; a customer without answers gets empty cells', () => {
    expect([first.cell('客户评估', 'N1'), first.cell('客户评估', 'O1')]).toEqual(['服务得分', '短板维度']);
    expect(column(first, '客户评估', 'N', 2, 4)).toEqual([86, 72, null]);
    expect(column(first, '客户评估', 'O', 2, 4)).toEqual(['服务增值性', '服务增值性', null]);
  });

  it('keeps everything else, stores the service rules and the run, and writes a package Excel opens', async () => {
    expect(column(first, '服务评价', 'H', 2, 7)).toEqual(['推荐意愿(0-10)', 9, 7, 10, 8, 3]);
    const stored = storedRulesFromGrid(first.sheets.find((s) => s.name === RULES_SHEET)!.rows);
    expect(stored.analyses?.primary).toBe('service');
    expect(stored.mapping.service).toEqual({ sheet: '服务评价', range: 'A2:H7', name: '服务评价表' });
    expect(stored.runs.map((r) => [r.preset, r.customers, r.analyses])).toEqual([['service', 3, { service: { customers: 3, answers: 5, nps: 20 } }]]);
    expect(await checkPackage(first.bytes, { veryHidden: RULES_SHEET })).toEqual([]);
    expect(writerUse.excelize).toBe(0);
  });

  it('run again on its own output: the same cells, updated in place (no second pair of columns), two runs logged', async () => {
    expect(again.sheets.find((s) => s.name === '服务评价')!.tables).toEqual([{ name: '服务评价表', range: 'A2:J7' }]);
    expect(column(again, '服务评价', 'I', 2, 7)).toEqual(column(first, '服务评价', 'I', 2, 7));
    expect(again.cell('服务评价', 'K2')).toBeNull();
    expect(again.cell('客户评估', 'P1')).toBeNull();
    expect(column(again, '客户评估', 'N', 1, 4)).toEqual(['服务得分', 86, 72, null]);
    expect(storedRulesFromGrid(again.sheets.find((s) => s.name === RULES_SHEET)!.rows).runs).toHaveLength(2);
    expect(await checkPackage(again.bytes, { veryHidden: RULES_SHEET })).toEqual([]);
  });
});

describe('score --preset evaluation on the same workbook: the service score beside the weighted score', () => {
  let scored: Scored;
  beforeAll(async () => {
    scored = await score(seed001Analyses, '服务评价-001-evaluation.xlsx', 'evaluation', '--preset', 'evaluation', '--lang', 'en-US');
  });

  it('writes the managed columns, then Service score and Weakest dimension, in the evaluation table', () => {
    expect(['N1', 'O1', 'P1', 'Q1', 'R1'].map((a) => scored.cell('客户评估', a))).toEqual([
      'Weighted score',
      'Tier',
      'Flags',
      'Service score',
      'Weakest dimension',
    ]);
    // XX at the top band everywhere: 100.0; YY (see scoring-rules.md's bands): 7,766.7 ÷ 140 = 55.5.
    expect(column(scored, '客户评估', 'N', 2, 4)).toEqual([100, 55.5, 0]);
    expect(column(scored, '客户评估', 'Q', 2, 4)).toEqual([86, 72, null]);
    expect(column(scored, '客户评估', 'R', 2, 4)).toEqual(['Added value', 'Added value', null]);
    expect(column(scored, '服务评价', 'J', 2, 7)).toEqual(['Weakest dimension', 'Added value', 'Added value', 'Added value', 'Added value', 'Responsiveness']);
  });

  it('reports each customer’s service score and the survey beside the rows; the summary has a line for it', () => {
    const report = scored.report as ScoringReport;
    expect(report.rows.map((r) => [r.key, r.score, r.tier.id, r.service])).toEqual([
      ['XX科技有限公司', 100, 'strategic', { score: 86, weakest: { id: 'addedValue', label: 'Added value' } }],
      ['YY贸易集团', 55.5, 'potential', { score: 72, weakest: { id: 'addedValue', label: 'Added value' } }],
      ['华东精密制造有限公司', 0, 'watch', null],
    ]);
    expect(report.service!.nps.score).toBe(20);
    expect(scored.ran.stdout).toContain(
      'Service survey on “服务评价”: customers 3, answers 5; dimension means Responsiveness 3.33/5, Problem solving 3.5/5, Communication 4/5, Added value 2.83/5, ' +
        'Overall satisfaction 3.83/5; NPS 20 (promoters 2, passives 2, detractors 1; answers 5, fewer than 30: a thin figure); customers not in the evaluation table: 1.',
    );
  });
});

describe('seed 003’s survey, alone in its workbook', () => {
  let scored: Scored;
  let unasked: Scored;
  beforeAll(async () => {
    scored = await score(seed003Survey, '满意度调研-003.xlsx', 'service', '--preset', 'service', '--lang', 'zh-CN');
    unasked = await score(seed003Survey, '满意度调研-003-auto.xlsx', 'auto', '--lang', 'zh-CN');
  });

  it('reads its dimensions by header (产品质量, 服务响应速度, 售后支持, 个性化体验) on 1-5 told from the data', () => {
    expect(scored.report.service!.dimensions.map((d) => [d.column, d.label, d.scale.max, d.scale.source, d.mean])).toEqual([
      ['B', '产品质量', 5, 'data', 4],
      ['C', '服务响应及时性', 5, 'data', 3.33],
      ['D', '售后支持', 5, 'data', 3.67],
      ['E', '个性化体验', 5, 'data', 3.67],
    ]);
    // 9 promoter, 8 passive, 6 detractor: 0.
    expect(scored.report.service!.nps).toEqual({ answers: 3, promoters: 1, passives: 1, detractors: 1, score: 0, thin: true });
  });

  it('writes each customer’s score and weakest dimension beside its answers', () => {
    // 甲 5 4 5 4 → 4.5 → 90.0, 4 twice: 服务响应速度 (C) before 个性化体验 (E). 乙 4 4 3 3 → 70.0, 售后支持 (D) before E.
    // 丙 3 2 3 4 → 60.0, 服务响应速度.
    expect(column(scored, '满意度调研', 'G', 2, 5)).toEqual(['服务得分', 90, 70, 60]);
    expect(column(scored, '满意度调研', 'H', 2, 5)).toEqual(['短板维度', '服务响应及时性', '售后支持', '服务响应及时性']);
    expect(scored.report.tables.evaluation).toMatchObject({ sheet: '满意度调研', range: 'A2:F5' });
  });

  it('without --preset, a workbook that is a survey alone is analysed as one', async () => {
    expect(unasked.report.preset).toBe('service');
    expect(column(unasked, '满意度调研', 'G', 2, 5)).toEqual(['服务得分', 90, 70, 60]);
    expect(await checkPackage(unasked.bytes, { veryHidden: RULES_SHEET })).toEqual([]);
  });
});

describe('a survey with each customer’s name merged down over its two periods (saved as Excel keeps merges)', () => {
  it('scores both periods of each customer and writes 服务得分 and 短板维度 on both rows', async () => {
    const merged: FixtureSpec = {
      sheets: [
        {
          name: '服务评价',
          rows: [
            SERVICE_HEADER,
            ['甲公司', '2024Q1', 5, 4, 4, 3, 5, 9],
            [null, '2024Q2', 3, 4, 4, 3, 3, 6],
            ['乙公司', '2024Q1', 2, 3, 3, 2, 3, 5],
            [null, '2024Q2', 4, 3, 3, 2, 3, 7],
          ],
          merges: ['A2:A3', 'A4:A5'],
        },
      ],
    };
    const s = await score(merged, '合并单元格.xlsx', 'service', '--preset', 'service', '--lang', 'zh-CN');
    // 甲 means 4, 4, 4, 3, 4 → 76.0, weakest 服务增值性; 乙 3, 3, 3, 2, 3 → 56.0, 服务增值性. NPS: 9 promoter, 6 and 5 detractors, 7 passive → (1 − 2) ÷ 4 = −25.
    expect(column(s, '服务评价', 'I', 1, 5)).toEqual(['服务得分', 76, 76, 56, 56]);
    expect(column(s, '服务评价', 'J', 1, 5)).toEqual(['短板维度', '服务增值性', '服务增值性', '服务增值性', '服务增值性']);
    expect(s.report.service!.nps).toMatchObject({ answers: 4, promoters: 1, passives: 1, detractors: 2, score: -25 });
    expect(s.report.warnings.some((w) => w.includes('没有客户名称'))).toBe(false);
  });
});

describe('a survey with a score column the service rules lack', () => {
  const spec = expertiseSurvey;

  it('scores the rules’ dimensions, and says the column left out, in the summary and the report', async () => {
    const s = await score(spec, '专业能力.xlsx', 'service', '--preset', 'service', '--lang', 'zh-CN');
    // 甲 5, 4 → (1 + 0.8) ÷ 2 = 90.0; 乙 4, 3 → (0.8 + 0.6) ÷ 2 = 70.0: 专业能力's 1 and 2 are not in them.
    expect(column(s, '满意度调研', 'F', 1, 3)).toEqual(['服务得分', 90, 70]);
    const sentence = '服务评价表的「专业能力(1-5)」列（满意度调研!C1）是评分，但不是服务评价规则中的维度，未计入服务得分和短板维度。';
    expect(s.ran.stdout.split('\n')).toContain(sentence);
    expect(s.report.warnings).toContain(sentence);
  });

  it('a 平均 row under the answers: not a customer, and the terminal says which row was left out', async () => {
    const withAverage: FixtureSpec = { sheets: [{ name: '满意度调研', rows: [...spec.sheets[0]!.rows, ['平均', 4.5, 1.5, 3.5, 8.5]] }] };
    const s = await score(withAverage, '平均行.xlsx', 'service', '--preset', 'service', '--lang', 'zh-CN');
    expect(s.report.service!.customers).toBe(2);
    expect(s.ran.stdout.split('\n')).toContain('满意度调研!A4:E4 未作为客户读取：表格在合计行处结束。');
    expect(column(s, '满意度调研', 'F', 1, 4)).toEqual(['服务得分', 90, 70, null]);
  });

  it('--rules with the service rules and that dimension added: it counts, and the rules are stored', async () => {
    const input = await writeFixture(spec, '专业能力-规则.xlsx');
    const rulesPath = input.replace(/\.xlsx$/, '.service.json');
    const rules = {
      ...getServicePreset(),
      id: 'my-service',
      dimensions: [...getServicePreset().dimensions, { id: 'expertise', label: { zh: '专业能力', en: 'Expertise' }, columns: ['专业能力'] }],
    };
    writeFileSync(rulesPath, JSON.stringify(rules));
    const s = await scoreInput(input, 'rules', '--rules', rulesPath, '--lang', 'zh-CN');
    // 甲 5, 1, 4 → (1 + 0.2 + 0.8) ÷ 3 = 0.6667 → 66.7, weakest 专业能力; 乙 4, 2, 3 → (0.8 + 0.4 + 0.6) ÷ 3 = 0.6 → 60.0, 专业能力.
    expect(column(s, '满意度调研', 'F', 1, 3)).toEqual(['服务得分', 66.7, 60]);
    expect(column(s, '满意度调研', 'G', 1, 3)).toEqual(['短板维度', '专业能力', '专业能力']);
    expect(s.report.preset).toBe('service');
    expect((s.report as { rulesSource?: string }).rulesSource).toBe('file');
    expect(s.report.warnings.some((w) => w.includes('专业能力(1-5)'))).toBe(false);
    const stored = storedRulesFromGrid(s.sheets.find((x) => x.name === RULES_SHEET)!.rows);
    expect(stored.analyses?.service?.id).toBe('my-service');
  });

  it('--rules with RFM rules that are not valid: one sentence naming the field', async () => {
    const input = await writeFixture(spec, '专业能力-坏规则.xlsx');
    const rulesPath = input.replace(/\.xlsx$/, '.rfm.json');
    writeFileSync(rulesPath, JSON.stringify({ ...getRfmPreset(), weights: { recency: 0, frequency: 0, monetary: 0 } }));
    const ran = await run(input, '--as-of', '2024-06-30', '--rules', rulesPath, '--lang', 'zh-CN');
    expect(ran.code).not.toBe(0);
    expect(ran.stderr.trim()).toBe(`规则文件「${rulesPath}」无效：字段 weights 至少一个字母的权重要大于 0。`);
  });
});

describe('score --preset rfm on a customer table and its transactions', () => {
  let scored: Scored;
  let again: Scored;
  beforeAll(async () => {
    scored = await score(transactionsWorkbook, '交易记录.xlsx', 'rfm', '--preset', 'rfm', '--lang', 'zh-CN');
    again = await scoreInput(scored.out, 'again', '--preset', 'rfm', '--lang', 'zh-CN');
  });

  it('says what it did: the segments, the period and the purchases left out', () => {
    expect(scored.ran.stdout.split('\n').slice(0, 2)).toEqual([
      '已按「RFM 分层」为「客户」中的 5 位客户分群（按 10 笔交易，统计期间 2023-07-01 至 2024-06-30，期间外 3 笔未计入）：流失风险客户 2，高价值客户 1，潜力客户 1，低价值客户 1。',
      '预警：流失预警 2。',
    ]);
  });

  it('reports a row per customer with its RFM score, its segment as the tier, its flags and its letters', () => {
    const report = scored.report as ScoringReport;
    expect(report.preset).toBe('rfm');
    // R 甲 10, 乙 29, 丙 172, 丁 2, 戊 none → 4, 3, 2, 5, 1. F 3, 1, 1, 4, 0 → 4, 3, 3, 5, 1. M 10万, 2千, 15万, 2万, 0 → 4, 2, 5, 3, 1.
    expect(report.rows.map((r) => [r.key, r.row, r.score, r.tier.label, r.flags.map((f) => f.detail)])).toEqual([
      ['甲商贸', 2, 80, '高价值客户', []],
      ['乙电子', 3, 53.3, '低价值客户', []],
      ['丙食品', 4, 66.7, '流失风险客户', ['流失预警(RFM 分群为流失风险客户)']],
      ['丁建材', 5, 86.7, '潜力客户', []],
      ['戊医药', 6, 20, '流失风险客户', ['流失预警(RFM 分群为流失风险客户)']],
    ]);
    const row = (key: string) => report.rows.find((r) => r.key === key)!;
    const letters = (r: ReportRow) => r.breakdown.map((b) => [b.label, b.column, b.value, b.band, b.points, b.weight, b.contribution]);
    expect(letters(row('丙食品'))).toEqual([
      ['R（最近一次购买）', 'B', 172, '172天', 2, 1, 13.333],
      ['F（购买频次）', 'B', 1, '1次', 3, 1, 20],
      ['M（购买金额）', 'C', 150000, '15万', 5, 1, 33.333],
    ]);
    expect(letters(row('戊医药'))[0]).toEqual(['R（最近一次购买）', 'B', null, '无交易', 1, 1, 6.667]);
    expect(report.summary.tiers).toEqual({ 'at-risk': 2, 'high-value': 1, potential: 1, 'low-value': 1 });
  });

  it('shows the cut values of each letter per score, the period and the weights', () => {
    const { rfm, tables } = scored.report;
    expect(rfm!.source).toBe('transactions');
    expect(rfm!.period).toEqual({ from: '2023-07-01', to: '2024-06-30' });
    expect([rfm!.purchases, rfm!.outside]).toEqual([10, 3]);
    expect(rfm!.weights).toEqual({ recency: 1, frequency: 1, monetary: 1 });
    expect(rfm!.cuts.recency.map((c) => c.text)).toEqual(['无交易', '172天', '29天', '10天', '2天']);
    expect(rfm!.cuts.frequency.map((c) => c.text)).toEqual(['0次', '—', '1次', '3次', '4次']);
    expect(rfm!.cuts.monetary.map((c) => c.text)).toEqual(['0元', '2,000元', '2万', '10万', '15万']);
    expect(tables.transactions).toMatchObject({ sheet: '交易记录', range: 'A1:C14', columns: { date: { column: 'B' }, amount: { column: 'C' } } });
    expect(tables.evaluation).toMatchObject({ sheet: '客户', range: 'A1:D6', name: '客户表' });
  });

  it('reports the purchases left out and the customer the customer table lacks', () => {
    expect(scored.report.warnings).toEqual([
      '交易记录中有 3 笔交易不在统计期间 2023-07-01 至 2024-06-30 内，未计入 RFM。',
      '交易记录中的客户「己公司」（交易记录!A14）不在客户表中。',
    ]);
  });

  it('writes R, F, M, RFM 得分 and RFM 分群 into the customer table, which grows by them', () => {
    expect(['E1', 'F1', 'G1', 'H1', 'I1'].map((a) => scored.cell('客户', a))).toEqual(['R', 'F', 'M', 'RFM 得分', 'RFM 分群']);
    expect([2, 3, 4, 5, 6].map((r) => ['E', 'F', 'G', 'H', 'I'].map((c) => scored.cell('客户', `${c}${r}`)))).toEqual([
      [4, 4, 4, 80, '高价值客户'],
      [3, 3, 2, 53.3, '低价值客户'],
      [2, 3, 5, 66.7, '流失风险客户'],
      [5, 5, 3, 86.7, '潜力客户'],
      [1, 1, 1, 20, '流失风险客户'],
    ]);
    expect(scored.sheets.find((s) => s.name === '客户')!.tables).toEqual([{ name: '客户表', range: 'A1:I6' }]);
  });

  it('stores the RFM rules and a run logged by its segments; a package Excel opens', async () => {
    const stored = storedRulesFromGrid(scored.sheets.find((s) => s.name === RULES_SHEET)!.rows);
    expect(stored.analyses?.primary).toBe('rfm');
    expect(stored.analyses?.rfm?.weights).toEqual({ recency: 1, frequency: 1, monetary: 1 });
    expect(stored.mapping.transactions).toEqual({ sheet: '交易记录', range: 'A1:C14' });
    expect(stored.runs[0]).toMatchObject({ preset: 'rfm', customers: 5, tiers: { 'at-risk': 2, 'high-value': 1, potential: 1, 'low-value': 1 } });
    expect(await checkPackage(scored.bytes, { veryHidden: RULES_SHEET })).toEqual([]);
  });

  it('run again: the same cells in the same columns, the table the same size', async () => {
    expect(again.sheets.find((s) => s.name === '客户')!.tables).toEqual([{ name: '客户表', range: 'A1:I6' }]);
    expect(column(again, '客户', 'I', 1, 6)).toEqual(column(scored, '客户', 'I', 1, 6));
    expect(again.cell('客户', 'J1')).toBeNull();
    expect(await checkPackage(again.bytes, { veryHidden: RULES_SHEET })).toEqual([]);
  });

  it('--period-from sets the period: from 2024-01-01, 丁建材’s December purchase is out too', async () => {
    const short = await score(transactionsWorkbook, '交易记录-期间.xlsx', 'period', '--preset', 'rfm', '--period-from', '2024-01-01', '--lang', 'en-US');
    expect(short.ran.stdout.split('\n')[0]).toBe(
      'Segmented 5 customers on “客户” with “RFM segments” (from 9 purchases, 2024-01-01 to 2024-06-30; 4 outside the period left out): At risk 2, High value 1, Potential 1, Low value 1.',
    );
    expect(short.report.rfm!.period).toEqual({ from: '2024-01-01', to: '2024-06-30' });
    expect(['E1', 'H1', 'I1'].map((a) => short.cell('客户', a))).toEqual(['R', 'RFM score', 'RFM segment']);
  });
});

describe('score --preset rfm on a customer table with 最近交易日期, 交易次数 and 交易金额(万元)', () => {
  let scored: Scored;
  beforeAll(async () => {
    scored = await score(rfmColumnsWorkbook, '客户价值.xlsx', 'rfm', '--preset', 'rfm', '--lang', 'zh-CN');
  });

  it('reads the letters from the columns and scores them by quintile', () => {
    // R (days): A 5, B 60, C 167, D 5 → C 1, B 2, A and D tie at ranks 3-4 (r = 3.5) → floor(3.75) + 1 = 4.
    // F: C 2 → 1, D 3 → 2, B 6 → 4, A 12 → 5. M (万元): C 5 → 1, B 20 → 2, A 50 → 4, D 80 → 5.
    expect([2, 3, 4, 5].map((r) => ['E', 'F', 'G', 'H', 'I'].map((c) => scored.cell('客户价值', `${c}${r}`)))).toEqual([
      [4, 5, 4, 86.7, '高价值客户'],
      [2, 4, 2, 53.3, '流失风险客户'],
      [1, 1, 1, 20, '流失风险客户'],
      [4, 2, 5, 73.3, '低价值客户'],
    ]);
    expect(scored.report.rfm!.source).toBe('columns');
    expect(scored.report.rfm!.period).toBeNull();
    expect(scored.report.tables.evaluation.columns).toMatchObject({ recency: { column: 'B' }, frequency: { column: 'C' }, monetary: { column: 'D' } });
    expect(scored.report.rfm!.cuts.recency.map((c) => c.text)).toEqual(['167天', '60天', '—', '5天', '—']);
  });
});

describe('score --preset rfm on an evaluation table that carries R, F and M columns beside its indicators', () => {
  it('reads F from 购买频次, not the evaluation score’s 年均交易频次, as the add-in does beside the evaluation score', async () => {
    const s = await score(evaluationRfmWorkbook, '评估加RFM.xlsx', 'rfm', '--preset', 'rfm', '--lang', 'zh-CN');
    // The letters worked out in test/excel/analyses.test.ts (RFM from the evaluation table's own columns):
    // F from 购买频次 24, 12, 12次, 6, 6, 2, 24, 12 → 5, 3, 3, 2, 2, 1, 5, 3.
    expect(s.report.rfm!.table.columns).toMatchObject({ frequency: { header: '购买频次(次/年)' } });
    expect(column(s, '客户评估', 'O', 1, 9)).toEqual(['R', 5, 4, 4, 3, 1, 1, 5, 2]);
    expect(column(s, '客户评估', 'P', 1, 9)).toEqual(['F', 5, 3, 3, 2, 2, 1, 5, 3]);
    expect(column(s, '客户评估', 'S', 1, 9)).toEqual([
      'RFM 分群',
      '高价值客户',
      '潜力客户',
      '低价值客户',
      '低价值客户',
      '流失风险客户',
      '流失风险客户',
      '高价值客户',
      '流失风险客户',
    ]);
  });
});

describe('the options of the period, and of the scoring only, refused with one sentence', () => {
  let file: string;
  beforeAll(async () => {
    file = await writeFixture(transactionsWorkbook, '交易记录-参数.xlsx');
  });

  it.each([
    [['--period-from', '2024-13-01'], '命令参数有误：--period-from 应为 YYYY-MM-DD 格式的日期，而不是“2024-13-01”。'],
    [['--period-to', '明天'], '命令参数有误：--period-to 应为 YYYY-MM-DD 格式的日期，而不是“明天”。'],
    [['--period-months', '0'], '命令参数有误：--period-months 应为 1 到 120 之间的整数，而不是“0”。'],
    [['--period-from', '2024-06-01', '--period-to', '2024-01-01'], '命令参数有误：统计期间的开始日期 2024-06-01 晚于结束日期 2024-01-01。'],
    [
      ['--map', '合作时长=B'],
      '命令参数有误：--map 和 --without 只用于评分方案（evaluation、grading、maintenance 或 --rules），不能与 --preset service 或 --preset rfm 同用。',
    ],
  ])('%j', async (options, sentence) => {
    const ran = await run(file, '--preset', 'rfm', '--as-of', '2024-06-30', '--lang', 'zh-CN', ...options);
    expect(ran).toEqual({ code: 1, stdout: '', stderr: `${sentence}\n` });
  });
});

describe('the evaluation table and the survey on one sheet', () => {
  it('are written in one go by the direct writer: the managed and service columns right of the one, the service columns right of the other', async () => {
    const [evaluation, , survey] = seed001Analyses.sheets;
    const oneSheet: FixtureSpec = {
      sheets: [{ name: '客户', rows: [...evaluation!.rows, [], [], ...survey!.rows.slice(1)] }],
    };
    writerUse.excelize = 0;
    const scored = await score(oneSheet, '同一工作表.xlsx', 'evaluation', '--preset', 'evaluation', '--lang', 'zh-CN');
    expect(['N1', 'O1', 'P1', 'Q1', 'R1'].map((a) => scored.cell('客户', a))).toEqual(['综合得分', '客户等级', '预警标记', '服务得分', '短板维度']);
    expect(column(scored, '客户', 'Q', 2, 4)).toEqual([86, 72, null]);
    // The survey's header is row 7; its rows 8-12.
    expect(column(scored, '客户', 'I', 7, 12)).toEqual(['服务得分', 86, 72, 86, 72, 52]);
    expect(column(scored, '客户', 'J', 7, 12)).toEqual(['短板维度', '服务增值性', '服务增值性', '服务增值性', '服务增值性', '服务响应及时性']);
    expect(writerUse.excelize).toBe(0);
    expect(await checkPackage(scored.bytes, { veryHidden: RULES_SHEET })).toEqual([]);
  });
});
