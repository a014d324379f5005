/**
 * Each analysis through the playground in a real browser (Debian's chromium through
 * playwright-core, the production task-pane bundle over the emulated Excel): seed 001's
 * evaluation table with its survey (the evaluation's first screen still whole at 320 × 600,
 * the survey in its tab, one Apply writing both; then the group radar by 规模), seed 003's
 * survey alone (the pane opens on it) and purchases alone (the pane opens on RFM; the period's
 * months; a manufacturer's weights), and a survey whose 专业能力 column counts once a service
 * rules file naming it is imported in the rules section. The cells the grid shows after Apply are compared with
 * the figures worked out by hand in test/excel/analyses.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { columnIndex } from '../../src/engine/address';
import { stringsFor } from '../../src/i18n/strings';
import { getServicePreset } from '../../src/presets';
import { expertiseSurvey, seed001Analyses, seed003Survey, transactionsWorkbook } from '../fixtures/analyses';
import { buildWorkbook, type FixtureSpec } from '../fixtures/build';
import { ROOT } from './playground-server';
import { gridRows, paneFrame, usePlayground } from './playground-session';

jest.setTimeout(120_000);

const RESULTS = path.join(ROOT, 'test-results');
const session = usePlayground({ prefix: 'playground-analyses-', locale: 'zh-CN' });

async function place(name: string, spec: FixtureSpec): Promise<string> {
  fs.writeFileSync(path.join(session.root, name), await buildWorkbook(spec));
  return name;
}

/** The text of a column of the grid, rows `first`..`last` (1-based). */
async function column(page: Page, sheet: string, letter: string, first: number, last: number): Promise<string[]> {
  const rows = await gridRows(page, sheet);
  return Array.from({ length: last - first + 1 }, (_, i) => rows[first + i - 1]?.[columnIndex(letter)] ?? '');
}

/** Whether an element lies inside its frame's viewport, which is the pane, not scrolled. */
function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.bottom > r.top && window.scrollY === 0;
  });
}

describe('the analyses in the playground (chromium)', () => {
  it('seed 001 at 320 × 600: the evaluation’s date, preview and Apply on the first screen; the survey in its tab; one Apply writes both', async () => {
    const s = stringsFor('zh-CN');
    const page = await session.open(`?lang=zh-CN&pane=320x600&workbook=/${encodeURIComponent(await place('seed-001-analyses.xlsx', seed001Analyses))}`, (p) =>
      p.setViewportSize({ width: 1400, height: 800 }),
    );
    const frame = await paneFrame(page, 'zh-CN');
    const apply = frame.getByRole('button', { name: s.applyButton });
    await frame.waitForFunction((label) => [...document.querySelectorAll('button')].some((b) => b.textContent === label && !b.disabled), s.applyButton);
    const bar = frame.getByRole('img', { name: /^各等级客户数：/ });
    await bar.waitFor();
    const first = { asOf: frame.getByRole('textbox', { name: s.asOfLabel }), bar, apply, tabs: frame.getByRole('tablist', { name: s.analysesLabel }) };
    const outside: string[] = [];
    for (const [name, locator] of Object.entries(first)) if (!(await inViewport(locator))) outside.push(name);
    expect(outside).toEqual([]);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.locator('iframe[data-testid="pane"]').screenshot({ path: path.join(RESULTS, 'pane-analyses-320x600-zh-CN.png') });

    await frame.getByRole('tab', { name: s.tabService }).click();
    const survey = frame.getByRole('region', { name: s.serviceHeading });
    await survey.getByText('NPS +20：推荐者 2，被动者 2，贬损者 1（共 5 份回答）').waitFor();
    await survey.getByRole('button', { name: s.applyButton }).click();
    await frame.getByRole('heading', { level: 2, name: s.analysesResultsHeading }).waitFor({ timeout: 60_000 });

    await page.getByRole('tab', { name: '服务评价', exact: true }).click();
    await page.locator('table[data-sheet="服务评价"]').getByRole('cell', { name: '短板维度', exact: true }).waitFor();
    expect(await column(page, '服务评价', 'I', 2, 7)).toEqual(['服务得分', '86', '72', '86', '72', '52']);
    expect(await column(page, '服务评价', 'J', 3, 7)).toEqual(['服务增值性', '服务增值性', '服务增值性', '服务增值性', '服务响应及时性']);
    await page.getByRole('tab', { name: '客户评估', exact: true }).click();
    await page.locator('table[data-sheet="客户评估"]').getByRole('cell', { name: '服务得分', exact: true }).waitFor();
    expect(await column(page, '客户评估', 'Q', 1, 4)).toEqual(['服务得分', '86', '72', '']);
    expect(session.pageErrors).toEqual([]);
    await page.close();
  });

  it('seed 001 after Apply: 规模 picked for the group radar, Insert charts draws one series per size on 评分图表', async () => {
    const s = stringsFor('zh-CN');
    const page = await session.open(`?lang=zh-CN&workbook=/${encodeURIComponent(await place('seed-001-groups.xlsx', seed001Analyses))}`);
    const frame = await paneFrame(page, 'zh-CN');
    await frame.getByRole('tab', { name: s.tabService }).click();
    const survey = frame.getByRole('region', { name: s.serviceHeading });
    await survey.getByText('NPS +20：推荐者 2，被动者 2，贬损者 1（共 5 份回答）').waitFor();
    await survey.getByRole('button', { name: s.applyButton }).click();
    const charts = frame.getByRole('region', { name: s.chartsHeading });
    const pick = charts.getByRole('combobox', { name: s.chartsGroupLabel });
    await pick.waitFor({ timeout: 60_000 });
    // 所属行业 names the industry alone: preselected; 规模 is the second column offered.
    expect(await pick.locator('option:checked').innerText()).toBe('所属行业');
    await pick.selectOption({ label: '规模' });
    await charts.getByRole('button', { name: s.chartsButton }).click();
    await charts.getByText(s.chartsDone, { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: '评分图表', exact: true }).click();
    const group = page.locator('figure[data-chart="CustomerScoring.GroupRadar"]');
    await group.waitFor();
    expect(await group.locator('figcaption').innerText()).toBe('按「规模」分组的服务评价各维度平均分（满分 5 分）');
    // XX科技 大型, YY贸易 中型, ZZ物流 not in the evaluation table: one series each, in the legend.
    expect(await group.locator('li').allInnerTexts()).toEqual(['大型', '中型', '未分组']);
    expect(session.pageErrors).toEqual([]);
    await page.close();
  });

  it('seed 003’s survey alone: the pane opens on it, and Apply writes 服务得分 and 短板维度 beside it', async () => {
    const s = stringsFor('zh-CN');
    const page = await session.open(`?lang=zh-CN&workbook=/${encodeURIComponent(await place('seed-003-survey.xlsx', seed003Survey))}`);
    const frame = await paneFrame(page, 'zh-CN');
    const survey = frame.getByRole('region', { name: s.serviceHeading });
    await survey.getByText('平均服务得分（百分制）：73.3').waitFor();
    expect(await frame.getByRole('tab', { name: s.tabService }).getAttribute('aria-selected')).toBe('true');
    await survey.getByRole('button', { name: s.applyButton }).click();
    await frame.getByRole('heading', { level: 2, name: s.analysesResultsHeading }).waitFor({ timeout: 60_000 });
    await page.locator('table[data-sheet="满意度调研"]').getByRole('cell', { name: '短板维度', exact: true }).waitFor();
    expect(await column(page, '满意度调研', 'G', 2, 5)).toEqual(['服务得分', '90', '70', '60']);
    expect(await column(page, '满意度调研', 'H', 3, 5)).toEqual(['服务响应及时性', '售后支持', '服务响应及时性']);
    expect(session.pageErrors).toEqual([]);
    await page.close();
  });

  it('a survey with 专业能力(1-5), in Chinese: a service rules file imported in the rules section counts it at once; Apply writes the scores with it', async () => {
    const s = stringsFor('zh-CN');
    const spec = expertiseSurvey;
    const page = await session.open(`?lang=zh-CN&workbook=/${encodeURIComponent(await place('expertise-survey.xlsx', spec))}`);
    const frame = await paneFrame(page, 'zh-CN');
    const survey = frame.getByRole('region', { name: s.serviceHeading });
    // The shipped rules leave 专业能力 out: 甲 90.0, 乙 70.0.
    await survey.getByText('平均服务得分（百分制）：80').waitFor();
    await survey.getByRole('button', { name: new RegExp(`^${s.sectionRules}`) }).click();
    const rules = getServicePreset();
    rules.id = 'service-expertise';
    rules.label = { zh: '含专业能力的服务评价', en: 'Service with expertise' };
    rules.dimensions.push({ id: 'expertise', label: { zh: '专业能力', en: 'Expertise' }, columns: ['专业能力'] });
    await survey
      .locator('input[type="file"]')
      .setInputFiles({ name: 'service.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(rules)) });
    await survey
      .getByText('已导入服务评价规则「含专业能力的服务评价」（文件「service.json」），服务评价的预览已按新规则更新；应用时会保存到工作簿。')
      .waitFor();
    await survey.getByRole('table', { name: s.dimensionsHeading }).getByRole('cell', { name: '专业能力', exact: true }).waitFor();
    await survey.getByRole('button', { name: s.applyButton }).click();
    await frame.getByRole('heading', { level: 2, name: s.analysesResultsHeading }).waitFor({ timeout: 60_000 });
    await page.locator('table[data-sheet="满意度调研"]').getByRole('cell', { name: '短板维度', exact: true }).waitFor();
    // 甲 (5 + 1 + 4) ÷ 3 ÷ 5 × 100 = 66.7, 乙 (4 + 2 + 3) ÷ 3 ÷ 5 × 100 = 60.0; 专业能力 the weakest of both.
    expect(await column(page, '满意度调研', 'F', 1, 3)).toEqual(['服务得分', '66.7', '60']);
    expect(await column(page, '满意度调研', 'G', 2, 3)).toEqual(['专业能力', '专业能力']);
    expect(session.pageErrors).toEqual([]);
    await page.close();
  });

  it('purchases, in English: 6 months for the period count the purchases from 2024-01-01', async () => {
    const s = stringsFor('en-US');
    const page = await session.open(`?lang=en-US&workbook=/${encodeURIComponent(await place('transactions-months.xlsx', transactionsWorkbook))}`);
    const frame = await paneFrame(page, 'en-US');
    const rfm = frame.getByRole('region', { name: s.rfmHeading });
    await rfm.getByRole('textbox', { name: s.asOfLabel }).fill('6/30/2024');
    await rfm.getByText('From 10 purchases between 7/1/2023 and 6/30/2024; 3 outside the period left out.').waitFor();
    await rfm.getByRole('button', { name: new RegExp(`^${s.sectionPeriod}`) }).click();
    await rfm.getByRole('textbox', { name: s.periodMonths }).fill('6');
    // 6 months up to 2024-06-30 start on 2024-01-01: 丁's purchase of 2023-12-01 is left out too (test/taskpane/analyses.test.tsx).
    await rfm.getByText('Period: 1/1/2024 to 6/30/2024').waitFor();
    await rfm.getByText('From 9 purchases between 1/1/2024 and 6/30/2024; 4 outside the period left out.').waitFor();
    expect(session.pageErrors).toEqual([]);
    await page.close();
  });

  it('purchases alone, in English: the pane opens on RFM; with a manufacturer’s weights Apply writes R, F, M, the RFM score and the segment', async () => {
    const s = stringsFor('en-US');
    const page = await session.open(`?lang=en-US&workbook=/${encodeURIComponent(await place('transactions.xlsx', transactionsWorkbook))}`);
    const frame = await paneFrame(page, 'en-US');
    const rfm = frame.getByRole('region', { name: s.rfmHeading });
    // R is counted up to the as-of date: the fixture's, typed in as a user would.
    await rfm.getByRole('textbox', { name: s.asOfLabel }).fill('6/30/2024');
    await rfm.getByText('Mean RFM score: 61.3').waitFor();
    await rfm.getByRole('button', { name: new RegExp(`^${s.sectionRfmWeights}`) }).click();
    await rfm.getByRole('button', { name: s.rfmExampleMaker }).click();
    await rfm.getByText('Mean RFM score: 61', { exact: true }).waitFor();
    await rfm.getByRole('button', { name: s.applyButton }).click();
    await frame.getByRole('heading', { level: 2, name: s.analysesResultsHeading }).waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: '客户', exact: true }).click();
    await page.locator('table[data-sheet="客户"]').getByRole('cell', { name: 'RFM segment', exact: true }).waitFor();
    const rows = await gridRows(page, '客户');
    // (R + F + 2M) ÷ 4 × 20 over the letters of test/excel/analyses.test.ts: 甲 80, 乙 50, 丙 75, 丁 80, 戊 20.
    expect(rows.slice(0, 6).map((r) => r.slice(columnIndex('E'), columnIndex('I') + 1))).toEqual([
      ['R', 'F', 'M', 'RFM score', 'RFM segment'],
      ['4', '4', '4', '80', 'High value'],
      ['3', '3', '2', '50', 'Low value'],
      ['2', '3', '5', '75', 'At risk'],
      ['5', '5', '3', '80', 'Potential'],
      ['1', '1', '1', '20', 'At risk'],
    ]);
    expect(session.pageErrors).toEqual([]);
    await page.close();
  });
});
