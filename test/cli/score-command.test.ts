/**
 * The `score` command end to end, on real .xlsx files built from the fixture specs:
 * it scores, writes a copy with the managed columns, keeps everything else, and refuses
 * bad input with one sentence.
 */
import { runScore, type Ran } from '../helpers/cli-run';
import os from 'node:os';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScoringReport } from '../../src/engine/report';
import type { RawCell, SheetGrid } from '../../src/engine/types';
import { RULES_SHEET } from '../../src/engine/managed-sheets';
import { rulesHash, storedRulesFromGrid } from '../../src/engine/stored-rules';
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps } from '../../src/excel/ops';
import { getPreset } from '../../src/presets';
import { readWorkbook } from '../../src/xlsx/read';
import { buildWorkbook, writeFixture } from '../fixtures/build';
import { evaluationWorkbook, gradingWorkbook, missingColumnWorkbook, noTableWorkbook, seed002Workbook } from '../fixtures/workbooks';
import { zipEntries, zipText } from '../helpers/zip';

jest.setTimeout(60_000);

const run = runScore;

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const sheetOf = (sheets: SheetGrid[], name: string) => sheets.find((s) => s.name === name)!;
const column = (s: SheetGrid, col: number, from: number, to: number): RawCell[] => s.rows.slice(from, to + 1).map((r) => r[col] ?? null);

/** Every cell of a sheet outside the given columns. */
function cellsOutside(s: SheetGrid, skip: number[]): string {
  return JSON.stringify(s.rows.map((r) => r.flatMap((v, c) => (skip.includes(c) ? [] : [v ?? null]))));
}

describe('score: an evaluation workbook with an Excel table, a follow-up log and a chart', () => {
  let input: string;
  let out: string;
  let report: ScoringReport;
  let before: SheetGrid[];
  let after: SheetGrid[];
  let first: Ran;

  beforeAll(async () => {
    input = await writeFixture(evaluationWorkbook, '客户评估.xlsx');
    out = input.replace(/\.xlsx$/, '.scored.xlsx');
    const json = join(input, '..', 'report.json');
    const inputHash = sha(input);
    first = await run(input, '--preset', 'evaluation', '--as-of', '2024-06-30', '--json', json, '--lang', 'zh-CN');
    expect(sha(input)).toBe(inputHash); // the input is never modified
    report = JSON.parse(readFileSync(json, 'utf8')) as ScoringReport;
    before = await readWorkbook(new Uint8Array(readFileSync(input)));
    after = await readWorkbook(new Uint8Array(readFileSync(out)));
  });

  it('succeeds and says what it did in one short summary', () => {
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('已按「客户关系综合评估」为「客户评估」中的 6 位客户评分：战略级客户 1，重点客户 2，潜力客户 2，观察客户 1。');
    expect(first.stdout).toContain('客户评估.scored.xlsx');
  });

  it('reports where each table was found and how its columns were mapped', () => {
    expect(report.preset).toBe('evaluation');
    expect(report.asOf).toBe('2024-06-30');
    expect(report.tables.evaluation).toMatchObject({ sheet: '客户评估', range: 'A3:M9', source: 'excel-table', name: '客户评估表', confidence: 1 });
    // Each mapping with its evidence: the header's kind of match and how many of the 6 customers' cells read as the type.
    expect(report.tables.evaluation.columns.key).toEqual({
      column: 'B',
      header: '客户名称',
      guessed: false,
      chosen: false,
      evidence: { header: 'exact', headerScore: 1, dataFit: 1, dataCells: 6, score: 1 },
    });
    // 回款及时率(%) is the synonym 回款及时率 with a bracketed unit: a stem match (0.95), all six cells rates.
    expect(report.tables.evaluation.columns.paymentOnTime).toEqual({
      column: 'F',
      header: '回款及时率(%)',
      guessed: false,
      chosen: false,
      evidence: { header: 'stem', headerScore: 0.95, dataFit: 1, dataCells: 6, score: 0.95 },
    });
    // 年均交易频次(次/年): five cells read as counts, 东海电子's “—” is blank and not counted.
    expect(report.tables.evaluation.columns.orderFrequency!.evidence).toEqual({ header: 'stem', headerScore: 0.95, dataFit: 1, dataCells: 5, score: 0.95 });
    expect(report.without).toEqual([]);
    expect(report.tables.followUp).toMatchObject({ sheet: '跟进记录', range: 'A2:K7', source: 'range' });
  });

  it('scores every customer as docs/scoring-rules.md says, with tiers and flags', () => {
    expect(report.rows.map((r) => [r.key, r.row, r.score, r.tier.id])).toEqual([
      ['华东精密制造有限公司', 4, 100, 'strategic'],
      ['北方新能源科技', 5, 89.3, 'key'],
      ['南方物流集团', 6, 55.5, 'potential'],
      ['西部建材', 7, 0, 'watch'],
      ['东海电子', 8, 85.7, 'key'],
      ['=SUM(1,1)', 9, 55.5, 'potential'],
    ]);
    expect(report.rows.map((r) => r.flags.map((f) => f.id))).toEqual([
      [],
      ['followup-overdue'],
      ['churn-risk'],
      ['low-satisfaction', 'churn-risk'],
      ['missing-data'],
      ['churn-risk'],
    ]);
    expect(report.rows[4]!.flags[0]!.detail).toBe('数据缺失(年均交易频次 客户评估!E8 “—”)');
    expect(report.rows.map((r) => r.followUp)).toEqual([
      { rows: 1, lastDate: '2024-06-20', open: 0, overdue: 0 },
      { rows: 1, lastDate: '2024-05-10', open: 1, overdue: 1 },
      { rows: 1, lastDate: '2023-12-01', open: 0, overdue: 0 },
      { rows: 0, lastDate: null, open: 0, overdue: 0 },
      { rows: 1, lastDate: '2024-06-28', open: 1, overdue: 0 },
      { rows: 0, lastDate: null, open: 0, overdue: 0 },
    ]);
    expect(report.summary.tiers).toEqual({ strategic: 1, key: 2, potential: 2, watch: 1 });
    expect(report.warnings).toEqual(['跟进记录中的客户「未知客户」（跟进记录!A7）不在评估表中。']);
  });

  it('explains each score indicator by indicator', () => {
    const b = report.rows[1]!.breakdown.find((x) => x.indicator === 'tenure')!;
    expect(b).toEqual({
      indicator: 'tenure',
      label: '合作时长',
      column: 'C',
      raw: '18个月',
      value: 1.5,
      band: '≥1年',
      points: 15,
      maxPoints: 30,
      score: 50,
      weight: 10,
      contribution: 3.571,
    });
  });

  it('writes 综合得分, 客户等级 and 预警标记 as new table columns right of the table, matching the report', () => {
    const s = sheetOf(after, '客户评估');
    expect(s.rows[2]!.slice(13, 16)).toEqual(['综合得分', '客户等级', '预警标记']);
    expect(column(s, 13, 3, 8)).toEqual(report.rows.map((r) => r.score));
    expect(column(s, 14, 3, 8)).toEqual(report.rows.map((r) => r.tier.label));
    expect(column(s, 15, 3, 8)).toEqual(report.rows.map((r) => r.flags.map((f) => f.detail).join('；') || null));
    expect(s.tables).toEqual([{ name: '客户评估表', range: 'A3:P9' }]);
  });

  it('keeps every cell it does not own, the other sheets, the chart, the image and the rest', async () => {
    expect(cellsOutside(sheetOf(after, '客户评估'), [13, 14, 15])).toBe(cellsOutside(sheetOf(before, '客户评估'), [13, 14, 15]));
    for (const name of ['跟进记录', '说明']) expect(sheetOf(after, name).rows).toEqual(sheetOf(before, name).rows);
    const entries = zipEntries(readFileSync(out));
    // The user's chart stays as it was; the two scoring charts are added beside it (test/cli/charts.test.ts).
    const charts = entries.filter((e) => /^xl\/charts\/chart\d+\.xml$/.test(e));
    expect(charts).toEqual(['xl/charts/chart1.xml', 'xl/charts/chart2.xml', 'xl/charts/chart3.xml']);
    expect(await zipText(readFileSync(out), charts[0]!)).toBe(await zipText(readFileSync(input), charts[0]!));
    expect(entries.filter((e) => /^xl\/media\/.+\.png$/.test(e))).toHaveLength(1);
    expect(entries.filter((e) => /^xl\/comments/.test(e))).toHaveLength(1);
    const wb = await zipText(readFileSync(out), 'xl/workbook.xml');
    expect(wb).toContain('客户清单');
    const sheet1 = await zipText(readFileSync(out), 'xl/worksheets/sheet1.xml');
    expect(sheet1).toContain('<mergeCell ref="A1:M1"');
    expect(sheet1).toMatch(/<dataValidation[^>]*sqref="K4:K9"/);
    const notes = await zipText(readFileSync(out), 'xl/worksheets/sheet3.xml');
    expect(notes).toMatch(/<f>SUM\(B2:B5\)<\/f>/);
  });

  it('a second run on its own output changes nothing: same cell values, no duplicate columns', async () => {
    const again = input.replace(/\.xlsx$/, '.again.xlsx');
    const second = await run(out, '--preset', 'evaluation', '--as-of', '2024-06-30', '--out', again, '--lang', 'zh-CN');
    expect(second.code).toBe(0);
    const twice = await readWorkbook(new Uint8Array(readFileSync(again)));
    // The rules store is the one sheet that changes: it logs the second run (its own test is below).
    const withoutStore = (sheets: SheetGrid[]) => JSON.stringify(sheets.filter((x) => x.name !== RULES_SHEET));
    expect(withoutStore(twice)).toBe(withoutStore(after));
    expect(sheetOf(twice, RULES_SHEET).rows[3]![1]).toBe(2);
  });

  it('carries the rules used, the mapping and a run record on the very hidden sheet the add-in uses', async () => {
    const bytes = new Uint8Array(readFileSync(out));
    const wb = await zipText(bytes, 'xl/workbook.xml');
    expect(wb).toMatch(/<sheet [^>]*name="_CustomerScoring"[^>]*state="veryHidden"/);
    expect(before.some((x) => x.name === RULES_SHEET)).toBe(false);
    expect(after.map((x) => x.name)).toEqual([...before.map((x) => x.name), '评分图表', RULES_SHEET]);
    const stored = storedRulesFromGrid(sheetOf(after, RULES_SHEET).rows);
    expect(stored.rules).toEqual(getPreset('evaluation'));
    expect(stored.mapping.evaluation).toEqual({ sheet: '客户评估', range: 'A3:M9', name: '客户评估表' });
    expect(stored.mapping.followUp).toEqual({ sheet: '跟进记录', range: 'A2:K7' });
    expect(stored.mapping.indicators.paymentOnTime).toBe('回款及时率(%)');
    expect(stored.runs).toHaveLength(1);
    expect(stored.runs[0]).toMatchObject({ preset: 'evaluation', asOf: '2024-06-30', customers: 6, tiers: { strategic: 1, key: 2, potential: 2, watch: 1 } });
    expect(stored.runs[0]!.rulesHash).toBe(await rulesHash(getPreset('evaluation')));
    expect(Date.now() - Date.parse(stored.runs[0]!.at)).toBeLessThan(10 * 60_000);
  });

  it('the add-in reads back what the command stored (emulated Excel from the output file)', async () => {
    const excel = await EmulatedExcel.fromXlsx(new Uint8Array(readFileSync(out)));
    expect(excel.visibility(RULES_SHEET)).toBe('VeryHidden');
    const stored = await createWorkbookOps({ run: excel.run }).loadStoredRules();
    expect(stored?.rules).toEqual(getPreset('evaluation'));
    expect(stored?.mapping).toEqual(storedRulesFromGrid(sheetOf(after, RULES_SHEET).rows).mapping);
    expect(stored?.runs).toEqual([expect.objectContaining({ preset: 'evaluation', customers: 6 })]);
  });

  it('scoring the output again without --preset or --rules uses the stored rules and logs a second run', async () => {
    const again = input.replace(/\.xlsx$/, '.stored.xlsx');
    const json = join(input, '..', 'stored-report.json');
    const second = await run(out, '--as-of', '2024-07-31', '--out', again, '--json', json, '--lang', 'en-US', '--by', '王经理');
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(readFileSync(json, 'utf8')) as { rulesSource: string }).rulesSource).toBe('workbook');
    const stored = storedRulesFromGrid(sheetOf(await readWorkbook(new Uint8Array(readFileSync(again))), RULES_SHEET).rows);
    expect(stored.rules).toEqual(getPreset('evaluation'));
    expect(stored.runs.map((r) => [r.preset, r.asOf, r.customers])).toEqual([
      ['evaluation', '2024-06-30', 6],
      ['evaluation', '2024-07-31', 6],
    ]);
    // Who ran each: the system user by default, the --by name when given.
    expect(stored.runs.map((r) => r.by)).toEqual([os.userInfo().username, '王经理']);
    expect(await zipText(new Uint8Array(readFileSync(again)), 'xl/workbook.xml')).toMatch(/<sheet [^>]*name="_CustomerScoring"[^>]*state="veryHidden"/);
  });
});

describe('score: a grading workbook as a plain range, English then Chinese', () => {
  let input: string;

  beforeAll(async () => {
    input = await writeFixture(gradingWorkbook, 'grading.xlsx');
  });

  it('picks the grading preset from the headers, writes English columns beside the range, honours the override', async () => {
    const json = join(input, '..', 'grading.json');
    const r = await run(input, '--as-of', '2024-06-30', '--lang', 'en-US', '--json', json);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Scored 5 customers on “Customers” with “Customer grading”: Core 2, Important 2, Ordinary 0, Prospect 1.');
    const report = JSON.parse(readFileSync(json, 'utf8')) as ScoringReport;
    expect(report.rows.map((x) => [x.key, x.score, x.tier.id, x.computedTier?.id ?? null])).toEqual([
      ['华东精密', 100, 'core', null],
      ['北方新能源', 87, 'important', null],
      ['南方物流', 53, 'prospect', null],
      ['西部建材', 97, 'important', null],
      ['东海电子', 69, 'core', 'ordinary'],
    ]);
    expect(report.rows[2]!.flags).toEqual([{ id: 'frequent-complaints', detail: 'Frequent complaints (3)' }]);
    const s = sheetOf(await readWorkbook(new Uint8Array(readFileSync(input.replace(/\.xlsx$/, '.scored.xlsx')))), 'Customers');
    expect(s.rows[0]!.slice(10, 13)).toEqual(['Weighted score', 'Tier', 'Flags']);
    expect(s.tables).toEqual([]);
  });

  it('recognises its English columns on a Chinese run and updates them in place', async () => {
    const scored = input.replace(/\.xlsx$/, '.scored.xlsx');
    const zh = input.replace(/\.xlsx$/, '.zh.xlsx');
    expect((await run(scored, '--as-of', '2024-06-30', '--lang', 'zh-CN', '--out', zh)).code).toBe(0);
    const s = sheetOf(await readWorkbook(new Uint8Array(readFileSync(zh))), 'Customers');
    expect(s.rows[0]!.length).toBe(13);
    expect(s.rows[0]!.slice(10, 13)).toEqual(['Weighted score', 'Tier', 'Flags']);
    expect(column(s, 11, 1, 5)).toEqual(['核心客户', '重要客户', '潜在客户', '重要客户', '核心客户']);
  });

  it('scores with a rules file: a copied preset with another weight', async () => {
    const rules = structuredClone(getPreset('grading'));
    rules.indicators.find((i) => i.id === 'complaints')!.weight = 30;
    const file = join(input, '..', 'rules.json');
    writeFileSync(file, JSON.stringify(rules));
    const json = join(input, '..', 'rules-report.json');
    const r = await run(input, '--rules', file, '--as-of', '2024-06-30', '--json', json, '--out', join(input, '..', 'rules.xlsx'));
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as ScoringReport;
    // 南方物流: 5300 + 25 × 40 more weight on complaints, over 125 → 50.4
    expect(report.rows[2]!.score).toBe(50.4);
    // The edited rules travel in the output, not the preset they were copied from.
    const stored = storedRulesFromGrid(sheetOf(await readWorkbook(new Uint8Array(readFileSync(join(input, '..', 'rules.xlsx')))), RULES_SHEET).rows);
    expect(stored.rules).toEqual(rules);
    expect(stored.rules).not.toEqual(getPreset('grading'));
    expect(stored.runs).toEqual([expect.objectContaining({ preset: 'grading', rulesHash: await rulesHash(rules), customers: 5 })]);
  });

  it('stores tier labels that look like formulas or start with “-” as text', async () => {
    const grading = getPreset('grading');
    const rules = { ...structuredClone(grading), tiers: grading.tiers.map((t, i) => (i === 0 ? { ...t, label: { zh: '=1+1', en: '-Core' } } : t)) };
    const file = join(input, '..', 'formula-rules.json');
    writeFileSync(file, JSON.stringify(rules));
    const outFile = join(input, '..', 'formula-rules.xlsx');
    expect((await run(input, '--rules', file, '--as-of', '2024-06-30', '--out', outFile, '--lang', 'en-US')).code).toBe(0);
    const bytes = new Uint8Array(readFileSync(outFile));
    const stored = storedRulesFromGrid(sheetOf(await readWorkbook(bytes), RULES_SHEET).rows);
    expect(stored.rules.tiers[0]!.label).toEqual({ zh: '=1+1', en: '-Core' });
    expect(stored.rules).toEqual(rules);
    const excel = await EmulatedExcel.fromXlsx(bytes);
    expect((await createWorkbookOps({ run: excel.run }).loadStoredRules())?.rules.tiers[0]!.label).toEqual({ zh: '=1+1', en: '-Core' });
    // No cell of the store is a formula.
    const wb = await zipText(bytes, 'xl/workbook.xml');
    const rid = /<sheet [^>]*name="_CustomerScoring"[^>]*r:id="([^"]+)"/.exec(wb)![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(await zipText(bytes, 'xl/_rels/workbook.xml.rels'))!;
    const storeXml = await zipText(bytes, `xl/${(target[1] ?? target[2])!.replace(/^\/?xl\//, '')}`);
    expect(storeXml).toContain('<sheetData>');
    expect(storeXml).not.toMatch(/<f[\s>]/);
  });
});

describe('score: seed 002’s customer information table, --without and --map', () => {
  let input: string;

  beforeAll(async () => {
    input = await writeFixture(seed002Workbook, '客户信息采集表.xlsx');
  });

  it('without a choice, stops naming the indicators it lacks and why 行业 was not taken', async () => {
    const r = await run(input, '--preset', 'grading', '--as-of', '2024-06-30', '--lang', 'zh-CN');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      '评估表「客户信息」缺少必需的列：行业增长率（C列「行业」的数据不符）、预算增长空间、转介绍数、投诉次数；' +
        '请为它们选择列（--map 指标=列），或不计入不跟踪的指标（--without 指标），或在规则中把它们设为可选。',
    );
  });

  it('--without (by id or by label) scores without the indicators the team does not track, and says so', async () => {
    const json = join(input, '..', 'seed002.json');
    const out = join(input, '..', 'seed002.scored.xlsx');
    const r = await run(
      input,
      '--as-of',
      '2024-06-30',
      '--lang',
      'zh-CN',
      '--json',
      json,
      '--out',
      out,
      '--without',
      'industryGrowth',
      '--without',
      '预算增长空间',
      '--without',
      'Referrals per year',
      '--without',
      '投诉次数',
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    // The grading preset is chosen from the headers and data.
    expect(r.stdout).toContain('已按「客户分级」为「客户信息」中的 2 位客户评分：核心客户 1，重要客户 0，普通客户 1，潜在客户 0。');
    expect(r.stdout).toContain('未计入（不跟踪）：行业增长率、预算增长空间、转介绍数、投诉次数；其权重已按其余指标重新分配。');
    const report = JSON.parse(readFileSync(json, 'utf8')) as ScoringReport;
    // 80万, 3年, 9.2 → 100 on weights 30, 20, 10; 30万, 1年, 7.5 → (30×80 + 20×80 + 10×60) ÷ 60 = 76.7, below 重要客户's 满意度 ≥ 8.
    expect(report.rows.map((x) => [x.key, x.score, x.tier.id, x.flags.map((f) => f.id)])).toEqual([
      ['*科技有限公司', 100, 'core', []],
      ['*制造集团', 76.7, 'ordinary', ['tier-gate']],
    ]);
    expect(report.without).toEqual([
      { indicator: 'industryGrowth', label: '行业增长率' },
      { indicator: 'budgetGrowth', label: '预算增长空间' },
      { indicator: 'referrals', label: '转介绍数' },
      { indicator: 'complaints', label: '投诉次数' },
    ]);
    // 近12个月交易额（万元） without its period and unit is 年度交易额's stem.
    expect(report.tables.evaluation.columns.annualRevenue).toEqual({
      column: 'G',
      header: '近12个月交易额（万元）',
      guessed: false,
      chosen: false,
      evidence: { header: 'stem', headerScore: 0.9, dataFit: 1, dataCells: 2, score: 0.9 },
    });
    const stored = storedRulesFromGrid(sheetOf(await readWorkbook(new Uint8Array(readFileSync(out))), RULES_SHEET).rows);
    expect(stored.mapping.without).toEqual(['industryGrowth', 'budgetGrowth', 'referrals', 'complaints']);
    expect(stored.runs[0]!.without).toEqual(['industryGrowth', 'budgetGrowth', 'referrals', 'complaints']);
  });

  it('--map gives an indicator the column the user names, by letter or header, even against its data', async () => {
    const json = join(input, '..', 'seed002-map.json');
    const out = join(input, '..', 'seed002-map.scored.xlsx');
    const r = await run(
      input,
      '--preset',
      'grading',
      '--as-of',
      '2024-06-30',
      '--lang',
      'en-US',
      '--json',
      json,
      '--out',
      out,
      '--map',
      'industryGrowth=C',
      '--map',
      '年交易金额=近12个月交易额（万元）',
      '--without',
      'budgetGrowth',
      '--without',
      'referrals',
      '--without',
      'complaints',
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(readFileSync(json, 'utf8')) as ScoringReport;
    // 行业 holds industry names: 行业增长率 reads nothing, 0 points and 数据缺失.
    // (30×100 + 20×100 + 15×0 + 10×100) ÷ 75 = 80 → 重要客户; (30×80 + 20×80 + 15×0 + 10×60) ÷ 75 = 61.3 → 普通客户.
    expect(report.rows.map((x) => [x.score, x.tier.id])).toEqual([
      [80, 'important'],
      [61.3, 'ordinary'],
    ]);
    expect(report.rows[0]!.flags).toEqual([{ id: 'missing-data', detail: 'Missing data (Industry growth rate 客户信息!C3 “互联网”)' }]);
    // The header said 行业, half of the synonym 行业增速 (0.3 + 0.55 × 2 ÷ 3), the data said no:
    // the matcher would never take it; the user did.
    expect(report.tables.evaluation.columns.industryGrowth).toEqual({
      column: 'C',
      header: '行业',
      guessed: false,
      chosen: true,
      evidence: { header: 'concept', headerScore: 0.667, dataFit: 0, dataCells: 2, score: 0 },
    });
    expect(report.tables.evaluation.columns.annualRevenue).toMatchObject({ column: 'G', chosen: true });
    expect(report.tables.evaluation.columns.tenure).toMatchObject({ column: 'I', chosen: false });
    const stored = storedRulesFromGrid(sheetOf(await readWorkbook(new Uint8Array(readFileSync(out))), RULES_SHEET).rows);
    expect(stored.mapping.chosen).toEqual(['annualRevenue', 'industryGrowth']);
    expect(stored.mapping.indicators.industryGrowth).toBe('行业');
  });

  it('a bad --map or --without gets one sentence in either language, exit 1, and no output', async () => {
    const out = join(input, '..', 'seed002-bad.scored.xlsx');
    const bad = async (lang: string, ...args: string[]) => {
      const r = await run(input, '--preset', 'grading', '--as-of', '2024-06-30', '--out', out, '--lang', lang, ...args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
      return r.stderr.trim();
    };
    expect(await bad('zh-CN', '--map', '利润=G')).toBe(
      '命令参数有误：--map 中的“利润”不是「客户分级」的指标（可用：annualRevenue（年交易金额）、tenure（合作时长）、industryGrowth（行业增长率）、' +
        'budgetGrowth（预算增长空间）、satisfaction（满意度评分）、referrals（转介绍数）、complaints（投诉次数））。',
    );
    expect(await bad('en-US', '--map', 'Profit=G')).toBe(
      'Wrong command option: --map names “Profit”, which is not an indicator of “Customer grading” (use one of annualRevenue (Annual revenue), ' +
        'tenure (Years as customer), industryGrowth (Industry growth rate), budgetGrowth (Budget growth room), satisfaction (Satisfaction score), ' +
        'referrals (Referrals per year), complaints (Complaints)).',
    );
    expect(await bad('zh-CN', '--map', 'annualRevenue=Z')).toBe('命令参数有误：--map 中的列“Z”不在评估表「客户信息」的 A2:K4 中（请写列字母或表头）。');
    expect(await bad('en-US', '--map', 'annualRevenue=年交易额')).toBe(
      'Wrong command option: --map names the column “年交易额”, which is not in the evaluation table on “客户信息” (A2:K4); give its letter or its header.',
    );
    expect(await bad('zh-CN', '--map', 'annualRevenue')).toBe('命令参数有误：--map 应写成“指标=列”，而不是“annualRevenue”。');
    expect(await bad('en-US', '--without', 'profit')).toMatch(
      /^Wrong command option: --without names “profit”, which is not an indicator of “Customer grading” \(use one of /,
    );
    expect(await bad('zh-CN', '--map', 'industryGrowth=C', '--without', '行业增长率')).toBe(
      '命令参数有误：指标「行业增长率」不能同时用 --map 指定列又用 --without 不计入。',
    );
  });
});

describe('score: rules stored in the workbook', () => {
  it('damaged stored rules are named in a notice, and the preset that fits the headers is used instead', async () => {
    const file = await writeFixture(
      {
        sheets: [
          ...gradingWorkbook.sheets,
          {
            name: '_CustomerScoring',
            rows: [
              ['customer-scoring-rules', 1, '{"rules": {'],
              ['savedAt', '2024-06-30T00:00:00Z'],
              ['chunks', 1],
              ['runs', 0],
            ],
          },
        ],
      },
      'damaged-store.xlsx',
    );
    const r = await run(file, '--as-of', '2024-06-30', '--lang', 'en-US');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('with “Customer grading”');
    expect(r.stdout).toMatch(/The scoring rules stored in this workbook are damaged \(.+\); the chosen preset is used instead/);
    // The output stores the rules used in place of the damaged ones, with a fresh log.
    const stored = storedRulesFromGrid(sheetOf(await readWorkbook(new Uint8Array(readFileSync(file.replace('.xlsx', '.scored.xlsx')))), RULES_SHEET).rows);
    expect(stored.rules).toEqual(getPreset('grading'));
    expect(stored.runs).toEqual([expect.objectContaining({ preset: 'grading', customers: 5 })]);
  });
});

describe('score: bad input gets one sentence on stderr, exit code 1, and no output file', () => {
  async function refused(args: string[], out: string) {
    const r = await run(...args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
    expect(existsSync(out)).toBe(false);
    return r.stderr.trim();
  }

  it('a file that is not an .xlsx', async () => {
    const file = join(await writeFixture(noTableWorkbook, 'x.xlsx'), '..', '伪装.xlsx');
    writeFileSync(file, '客户名称,得分\n甲,90\n');
    expect(await refused([file, '--lang', 'zh-CN'], file.replace('.xlsx', '.scored.xlsx'))).toBe(
      '「' + file + '」不是可以读取的 Excel 工作簿（.xlsx），请选择 .xlsx 文件。',
    );
  });

  it('a workbook without an evaluation table', async () => {
    const file = await writeFixture(noTableWorkbook, 'no-table.xlsx');
    expect(await refused([file, '--lang', 'en-US'], file.replace('.xlsx', '.scored.xlsx'))).toMatch(/^No customer evaluation table was found/);
  });

  it('a required column missing, named in the sentence', async () => {
    const file = await writeFixture(missingColumnWorkbook, 'missing.xlsx');
    expect(await refused([file, '--preset', 'evaluation', '--lang', 'zh-CN'], file.replace('.xlsx', '.scored.xlsx'))).toBe(
      '评估表「客户评估」缺少必需的列：合同履约率；请为它们选择列（--map 指标=列），或不计入不跟踪的指标（--without 指标），或在规则中把它们设为可选。',
    );
  });

  it('a rules file that is not JSON, and one with a bad field', async () => {
    const file = await writeFixture(gradingWorkbook, 'g2.xlsx');
    const broken = join(file, '..', 'broken.json');
    writeFileSync(broken, '{ "id": "grading", ');
    expect(await refused([file, '--rules', broken, '--lang', 'en-US'], file.replace('.xlsx', '.scored.xlsx'))).toMatch(
      /^The rules file “.*broken\.json” is not valid JSON: /,
    );
    const bad = join(file, '..', 'bad.json');
    const rules = structuredClone(getPreset('grading')) as unknown as { tiers: { min?: number }[] };
    rules.tiers[1]!.min = 95;
    writeFileSync(bad, JSON.stringify(rules));
    expect(await refused([file, '--rules', bad, '--lang', 'zh-CN'], file.replace('.xlsx', '.scored.xlsx'))).toBe(
      `规则文件「${bad}」无效：字段 tiers[1].min 分数线必须从高到低排列。`,
    );
  });

  it('a missing file, an unknown preset and a bad date', async () => {
    const file = await writeFixture(gradingWorkbook, 'g3.xlsx');
    const scored = file.replace('.xlsx', '.scored.xlsx');
    expect(await refused(['/nonexistent/客户.xlsx', '--lang', 'en-US'], '/nonexistent/客户.scored.xlsx')).toBe(
      'Cannot read the file “/nonexistent/客户.xlsx”: no such file.',
    );
    expect(await refused([file, '--preset', 'rmf', '--lang', 'en-US'], scored)).toBe(
      'Wrong command option: --preset must be one of evaluation, grading, maintenance, service, rfm.',
    );
    // rfm is a preset now; a workbook without purchases or R, F and M columns has nothing to segment.
    expect(await refused([file, '--preset', 'rfm', '--lang', 'en-US'], scored)).toBe(
      'The workbook has nothing to segment by RFM: it needs a transactions table (customer, transaction date, amount), or a customer table with all three of the last purchase date (or days since it), the number of purchases and the amount.',
    );
    expect(await refused([file, '--as-of', '2024-02-30', '--lang', 'zh-CN'], scored)).toBe(
      '命令参数有误：--as-of 应为 YYYY-MM-DD 格式的日期，而不是“2024-02-30”。',
    );
  });
});

describe('npm run score, as a user types it', () => {
  const npm = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolvePromise) => {
      execFile(
        'npm',
        ['run', '--silent', 'score', '--', ...args],
        { cwd: join(__dirname, '..', '..'), env: { ...process.env, LANG: 'zh_CN.UTF-8' } },
        (error, stdout, stderr) => resolvePromise({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('exits 0 with a summary on a good workbook, and 1 with one sentence on a bad one', async () => {
    const file = await writeFixture(gradingWorkbook, 'npm-run.xlsx');
    const ok = await npm([file, '--as-of', '2024-06-30']);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toContain('已按「客户分级」为「Customers」中的 5 位客户评分');
    const bad = await npm([file, '--preset', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('命令参数有误：--preset 只能是 evaluation、grading、maintenance、service、rfm。\n');
  });
});

describe('fixtures are real workbooks', () => {
  it('build deterministically enough to read back the same cells', async () => {
    const a = await readWorkbook(await buildWorkbook(gradingWorkbook));
    const b = await readWorkbook(await buildWorkbook(gradingWorkbook));
    expect(a).toEqual(b);
  });
});
