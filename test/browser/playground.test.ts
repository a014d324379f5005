/**
 * The playground in a real browser (Debian's chromium through playwright-core): the real
 * task-pane bundle in its iframe against the emulated workbook. Builds the playground once into
 * a temporary folder, serves it with scripts/serve.mjs on a free port, and checks that no
 * request leaves localhost.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { describeProblem } from '../../src/i18n/problems';
import { fill, managedHeader, pick } from '../../src/i18n/scoring';
import { stringsFor } from '../../src/i18n/strings';
import { allPresets } from '../../src/presets';
import { todaySerial } from '../../src/taskpane/model';
import { serialFromIso } from '../../src/engine/parse';
import { formatDay } from '../../src/taskpane/dates';
import { readWorkbook } from '../../src/xlsx/read';
import { scoreFile } from '../../src/xlsx/score-file';
import { buildWorkbook } from '../fixtures/build';
import { noTableWorkbook } from '../fixtures/workbooks';
import { fill as fillPlayground, PLAYGROUND_STRINGS } from '../../src/playground/strings';
import { ROOT } from './playground-server';
import { gridRows, paneFrame, usePlayground } from './playground-session';

jest.setTimeout(60_000);

const SAMPLE = path.join(ROOT, 'assets/sample-customers.xlsx');
const AXE = require.resolve('axe-core/axe.min.js', { paths: [ROOT] });
const RESULTS = path.join(ROOT, 'test-results');
const NO_TABLE = 'no-table.xlsx';

const session = usePlayground({
  prefix: 'playground-browser-',
  locale: 'en-US',
  prepare: async (root) => fs.writeFileSync(path.join(root, NO_TABLE), await buildWorkbook(noTableWorkbook)),
});
const { open, pageErrors } = session;

afterEach(() => {
  expect(session.requests.length).toBeGreaterThan(0);
});

type Impact = 'minor' | 'moderate' | 'serious' | 'critical';
const SERIOUS: Impact[] = ['serious', 'critical'];
const EVERY_IMPACT: Impact[] = ['minor', 'moderate', ...SERIOUS];

/**
 * axe-core run in a page or a frame (injected from node_modules, no network): the violations of
 * the given impacts, each as "impact id (help): targets". `exclude`: CSS selectors of elements
 * left out with their content (the pane's iframe, when checking the page around it).
 */
async function axeViolations(target: Page | Frame, { exclude = [], impacts = SERIOUS }: { exclude?: string[]; impacts?: Impact[] } = {}): Promise<string[]> {
  const frame = 'mainFrame' in target ? target.mainFrame() : target;
  const hasAxe = await frame.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated through the DevTools protocol, which the page's content security policy does not
  // govern (an injected <script> would be refused by it, as any inline script must be).
  if (!hasAxe) await frame.evaluate(fs.readFileSync(AXE, 'utf8'));
  const violations = await frame.evaluate(async (excluded) => {
    type Context = Document | { exclude: string[][] };
    const axe = (
      window as unknown as {
        axe: {
          run(context: Context): Promise<{
            violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] }[];
          }>;
        };
      }
    ).axe;
    // Colours are judged at rest: a button that was just enabled fades from grey for ~100 ms (Fluent's transition).
    // Endless animations (a spinner) are not waited for.
    const ending = document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
    await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
    const result = await axe.run(excluded.length > 0 ? { exclude: excluded.map((selector) => [selector]) } : document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`),
    }));
  }, exclude);
  return violations.filter((v) => (impacts as (string | null)[]).includes(v.impact)).map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.join(', ')}`);
}

/** axe-core in the pane's frame: serious and critical violations. */
const seriousViolations = (frame: Frame) => axeViolations(frame);

/** axe-core on the playground page itself, the pane's iframe left out (checked on its own above): violations of any impact. */
const pageViolations = (page: Page) => axeViolations(page, { exclude: ['iframe[data-testid="pane"]'], impacts: EVERY_IMPACT });

describe('the playground in chromium', () => {
  it('finds the evaluation table 客户评估 and the follow-up log 跟进记录 of the sample workbook; no serious axe violations', async () => {
    const s = stringsFor('zh-CN');
    const page = await open('?lang=zh-CN');
    const frame = await paneFrame(page, 'zh-CN');
    // What was found, one line each (the customers once the preview has read the table): the sample's 24 customers on A3:M27.
    const found = frame.locator('main dl').first().locator(':scope > div');
    await found
      .first()
      .getByText(/24 位客户$/)
      .waitFor();
    expect((await found.allInnerTexts()).map((line) => line.replace(/\s+/g, ' ').trim())).toEqual([
      '客户评估表：客户评估 A3:M27 · 24 位客户',
      '客户跟进记录：跟进记录 A2:K47',
      '服务调查：未找到',
      '评分规则：客户关系综合评估',
    ]);
    await frame.getByRole('button', { name: s.applyButton }).waitFor();
    expect(await frame.getByRole('button', { name: s.applyButton }).isEnabled()).toBe(true);
    expect(await seriousViolations(frame)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('Apply, as of the date set in the panel, writes 综合得分 / 客户等级 / 预警标记 with the values the score command gives for that date; the flagged rows can be selected; no serious axe violations', async () => {
    const s = stringsFor('zh-CN');
    // What the score command writes for the same file as of 2024-06-30, the date typed into the panel (today is its default).
    const asOf = serialFromIso('2024-06-30')!;
    const out = path.join(session.dir, 'sample.scored.xlsx');
    await scoreFile({ input: SAMPLE, asOf, out, lang: 'zh-CN' });
    const expectedSheet = (await readWorkbook(new Uint8Array(fs.readFileSync(out)))).find((sh) => sh.name === '客户评估')!;

    const page = await open('?lang=zh-CN');
    const frame = await paneFrame(page, 'zh-CN');
    const asOfField = frame.getByRole('textbox', { name: s.asOfLabel });
    // Today, as a Chinese pane writes a day (2024/06/30), and the date typed the same way.
    expect(await asOfField.inputValue()).toBe(formatDay(todaySerial(), 'zh-CN'));
    await asOfField.fill('2024/06/30');
    await frame.getByRole('heading', { name: '预警（截至 2024/06/30）' }).waitFor();
    await frame.getByRole('button', { name: s.applyButton }).click();
    await frame.getByRole('heading', { level: 2, name: s.resultsHeading }).waitFor({ timeout: 30_000 });
    // Where the columns went: right of A3:M27, N to P.
    await frame.getByText('结果已写入「客户评估」的 N–P 列。', { exact: true }).waitFor();

    const scoreH = managedHeader('score', 'zh-CN');
    const tierH = managedHeader('tier', 'zh-CN');
    const flagsH = managedHeader('flags', 'zh-CN');
    expect([scoreH, tierH, flagsH]).toEqual(['综合得分', '客户等级', '预警标记']);
    const grid = page.locator('table[data-sheet="客户评估"]');
    await grid.getByRole('cell', { name: scoreH, exact: true }).waitFor();
    const shown = await gridRows(page, '客户评估');

    const headerIndex = (rows: unknown[][]) => rows.findIndex((row) => row.includes(scoreH));
    const hShown = headerIndex(shown);
    const hExpected = headerIndex(expectedSheet.rows);
    expect(hShown).toBeGreaterThanOrEqual(0);
    expect(hExpected).toBeGreaterThanOrEqual(0);
    const col = (row: unknown[], header: string) => {
      const i = row.indexOf(header);
      if (i < 0) throw new Error(`no column ${header} in ${JSON.stringify(row)}`);
      return i;
    };
    const sh = shown[hShown]!;
    const eh = expectedSheet.rows[hExpected]!;
    for (const header of [tierH, flagsH]) expect(sh).toContain(header);

    const expected = new Map<string, { score: number; tier: string; flags: string }>();
    for (const row of expectedSheet.rows.slice(hExpected + 1)) {
      const name = row[col(eh, '客户名称')];
      if (typeof name !== 'string' || name === '') continue;
      expected.set(name, { score: Number(row[col(eh, scoreH)]), tier: String(row[col(eh, tierH)] ?? ''), flags: String(row[col(eh, flagsH)] ?? '') });
    }
    expect(expected.size).toBe(24);

    const compared: string[] = [];
    for (const row of shown.slice(hShown + 1)) {
      const name = row[col(sh, '客户名称')];
      if (!name) continue;
      const want = expected.get(name);
      if (!want) throw new Error(`the grid shows a customer the score command did not score: ${name}`);
      expect({ name, score: Number(row[col(sh, scoreH)]), tier: row[col(sh, tierH)], flags: row[col(sh, flagsH)] }).toEqual({
        name,
        score: expect.closeTo(want.score, 6),
        tier: want.tier,
        flags: want.flags,
      });
      compared.push(name);
    }
    expect(compared.sort()).toEqual([...expected.keys()].sort());

    // Select every flagged customer: exactly the rows whose 预警标记 cell is not empty are selected, across the table and its new columns.
    const flaggedRows = (
      await page.locator('table[data-sheet="客户评估"] tbody tr').evaluateAll(
        (rows, flagsCol) =>
          rows.flatMap((tr) => {
            const cells = [...tr.querySelectorAll('td')];
            return cells[flagsCol]?.textContent ? [Number(tr.querySelector('th')!.textContent)] : [];
          }),
        col(sh, flagsH),
      )
    ).filter((r) => r > hShown + 1);
    expect(flaggedRows.length).toBeGreaterThan(0);
    expect(flaggedRows.length).toBeLessThan(24);
    await frame.getByRole('button', { name: fill(s.selectAllFlagged.other, { count: String(flaggedRows.length) }) }).click();
    await frame.getByText(fill(s.selectedRows.other, { count: String(flaggedRows.length), sheet: '客户评估' }), { exact: true }).waitFor();
    await grid.locator('td[data-selected]').first().waitFor();
    const selected = await page.locator('table[data-sheet="客户评估"] tbody tr').evaluateAll((rows) =>
      rows.flatMap((tr) => {
        const cells = [...tr.querySelectorAll('td')];
        const on = cells.filter((td) => td.hasAttribute('data-selected')).length;
        return on === 0 ? [] : [{ row: Number(tr.querySelector('th')!.textContent), on, width: cells.length }];
      }),
    );
    expect(selected.map((r) => r.row)).toEqual(flaggedRows);
    // Every column of the table, 预警标记 included, is selected in those rows.
    expect(selected.every((r) => r.on === col(sh, flagsH) + 1)).toBe(true);

    // Select the new columns: N3:P27, header to last customer, and nothing else.
    await frame.getByRole('button', { name: s.selectWritten }).click();
    await frame.getByText('已选中「客户评估」的 N3:P27。', { exact: true }).waitFor();
    await poll(
      () => grid.locator('td[data-selected]').count(),
      (n) => n === 25 * 3,
      10_000,
    );
    const columnsSelected = await page.locator('table[data-sheet="客户评估"] tbody tr').evaluateAll((rows) =>
      rows.flatMap((tr) => {
        const cells = [...tr.querySelectorAll('td')];
        const on = cells.flatMap((td, i) => (td.hasAttribute('data-selected') ? [i] : []));
        return on.length === 0 ? [] : [{ row: Number(tr.querySelector('th')!.textContent), on }];
      }),
    );
    expect(columnsSelected).toEqual(Array.from({ length: 25 }, (_, i) => ({ row: 3 + i, on: [13, 14, 15] })));

    expect(await seriousViolations(frame)).toEqual([]);
    expect(await pageViolations(page)).toEqual([]);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'playground-after-apply.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('axe finds no serious or critical violation in the pane in any state it reaches: rules that do not fit, every tuning section open, an edited preview, an invalid band, English, an error', async () => {
    const s = stringsFor('zh-CN');
    const page = await open('?lang=zh-CN');
    const frame = await paneFrame(page, 'zh-CN');
    const blocked = frame.locator('#apply-blocked');
    await frame.getByRole('button', { name: s.applyButton }).waitFor();
    const states: Record<string, string[]> = {};

    // Mapping incomplete: rules whose indicators the sample table lacks (chosen in the rules section).
    const grading = allPresets().find((r) => r.id === 'grading')!;
    const evaluation = allPresets().find((r) => r.id === 'evaluation')!;
    await frame.getByRole('button', { name: /^规则与记录/ }).click();
    await frame.getByRole('combobox', { name: s.presetPick }).click();
    await frame.getByRole('option', { name: pick(grading.label, 'zh-CN') }).click();
    await blocked.getByText(/^无法应用：必需指标「.*」没有对应的列/).waitFor();
    states['mapping incomplete'] = await seriousViolations(frame);
    await frame.getByRole('combobox', { name: s.presetPick }).click();
    await frame.getByRole('option', { name: pick(evaluation.label, 'zh-CN') }).click();
    await blocked.waitFor({ state: 'detached' });

    // Every tuning section open, with the table's mapping and the rules as they are.
    for (const section of ['表格与列', '权重', '分档与分数线']) await frame.getByRole('button', { name: new RegExp(`^${section}`) }).click();
    await frame.getByRole('combobox', { name: s.tablePick }).waitFor();
    states['every section open'] = await seriousViolations(frame);

    // An edited preview, then a band threshold that is not a number.
    const first = evaluation.indicators[0]!;
    await frame.getByRole('spinbutton', { name: fill(s.weightInput, { indicator: pick(first.label, 'zh-CN') }) }).fill('100');
    await frame.getByText(/位客户上调/).waitFor();
    states['preview edited'] = await seriousViolations(frame);
    // The first indicator's bands, unfolded.
    await frame.getByRole('button', { name: pick(first.label, 'zh-CN'), exact: true }).click();
    const threshold = frame.getByRole('spinbutton', { name: /^第 1 档分界值/ }).first();
    await threshold.fill('');
    await blocked.getByText(s.blockedInvalidRules, { exact: true }).waitFor();
    states['invalid band'] = await seriousViolations(frame);
    await frame.getByRole('button', { name: s.resetRules }).first().click();
    await blocked.waitFor({ state: 'detached' });

    // An error from the workbook side: the evaluation sheet protected (through the page's emulated Excel) before Apply.
    await page.evaluate(async () => {
      type Run = (batch: (context: Excel.RequestContext) => Promise<void>) => Promise<void>;
      const run = (window as unknown as { __emulatedExcel: { Excel: { run: Run } } }).__emulatedExcel.Excel.run;
      await run(async (context) => {
        context.workbook.worksheets.getItem('客户评估').protection.protect();
        await context.sync();
      });
    });
    await frame.getByRole('button', { name: s.applyButton }).click();
    await frame.getByText(describeProblem({ code: 'sheet-protected', params: { sheet: '客户评估' } }, 'zh-CN'), { exact: true }).waitFor({ timeout: 30_000 });
    states['error'] = await seriousViolations(frame);

    // The same panel in English.
    await page.locator('[data-testid="language"] select, select[data-testid="language"]').first().selectOption('en-US');
    const english = await paneFrame(page, 'en-US');
    await english.getByRole('button', { name: stringsFor('en-US').applyButton }).waitFor();
    states['en-US'] = await seriousViolations(english);

    expect(states).toEqual({ 'mapping incomplete': [], 'every section open': [], 'preview edited': [], 'invalid band': [], error: [], 'en-US': [] });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('the language switch shows the pane in English', async () => {
    const zh = stringsFor('zh-CN');
    const en = stringsFor('en-US');
    const page = await open('?lang=zh-CN');
    await paneFrame(page, 'zh-CN');
    await page.locator('select[data-testid="language"], [data-testid="language"] select').first().selectOption('en-US');
    const frame = await paneFrame(page, 'en-US');
    await frame.getByRole('heading', { level: 2, name: en.scoreHeading }).waitFor();
    await frame.getByRole('button', { name: en.applyButton }).waitFor();
    expect(await frame.locator('html').getAttribute('lang')).toBe('en-US');
    const text = await frame.locator('body').innerText();
    expect(text).toContain(en.roleEvaluation);
    expect(text).not.toContain(zh.applyButton);
    expect(text).not.toContain(zh.scoreHeading);
    // The managed columns the Apply section announces are named in English too.
    for (const id of ['score', 'tier', 'flags'] as const) expect(text).toContain(managedHeader(id, 'en-US'));
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('moving a weight changes the live preview (and writes nothing)', async () => {
    const s = stringsFor('en-US');
    const page = await open('?lang=en-US');
    const frame = await paneFrame(page, 'en-US');
    const preview = frame.locator('section[aria-labelledby="preview-heading"]');
    await preview.getByRole('heading', { name: s.previewHeading }).waitFor();
    const moves = preview.locator('p[aria-live="polite"]');
    const bar = preview.getByRole('img');
    await bar.waitFor();
    // Unedited rules: no tier moves to speak of.
    expect((await moves.innerText()).trim()).toBe('');
    const before = await bar.getAttribute('aria-label');
    expect(before).toMatch(new RegExp(`^${escapeRegExp(s.previewBarLabel.split('{counts}')[0]!)}`));
    const syncsBefore = await page.getByTestId('syncs').innerText();

    // The evaluation preset's first indicator, weighted 100 % instead of its default.
    const evaluation = allPresets().find((r) => r.id === 'evaluation')!;
    const first = evaluation.indicators[0]!;
    expect(first.weight).not.toBe(100);
    await frame.getByRole('button', { name: new RegExp(`^${s.sectionWeights}`) }).click();
    const input = frame.getByRole('spinbutton', { name: fill(s.weightInput, { indicator: pick(first.label, 'en-US') }) });
    await input.fill('100');

    // Either plural form of the sentence (English: "1 customer moves up", "2 customers move up").
    const movedForms = [s.previewMoves.one, s.previewMoves.other].map((form) => escapeRegExp(form).replace('\\{up\\}', '\\d+').replace('\\{down\\}', '\\d+'));
    const movedPattern = new RegExp(`^(?:${movedForms.join('|')})$`);
    expect(
      await poll(
        async () => (await moves.innerText()).trim(),
        (text) => movedPattern.test(text),
        10_000,
      ),
    ).toMatch(movedPattern);
    expect(await bar.getAttribute('aria-label')).not.toBe(before);
    // A preview only: the workbook was not written.
    expect(await page.getByTestId('syncs').innerText()).toBe(syncsBefore);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('after Apply, inserting the charts draws the radar and the bar chart on 评分图表, and a second click replaces them', async () => {
    const s = stringsFor('zh-CN');
    const page = await open('?lang=zh-CN');
    const frame = await paneFrame(page, 'zh-CN');
    await frame.getByRole('button', { name: s.applyButton }).click();
    await frame.getByRole('heading', { level: 2, name: s.resultsHeading }).waitFor({ timeout: 30_000 });
    for (let click = 0; click < 2; click++) {
      await frame.getByRole('button', { name: s.chartsButton }).click();
      await frame.getByText(s.chartsDone, { exact: true }).waitFor({ timeout: 30_000 });
    }
    await page.getByRole('tab', { name: '评分图表' }).click();
    const charts = page.locator('figure[data-chart]');
    await charts.first().waitFor();
    expect(await charts.evaluateAll((figures) => figures.map((f) => f.getAttribute('data-chart')))).toEqual(['CustomerScoring.Radar', 'CustomerScoring.Bar']);
    expect(await charts.locator('svg').count()).toBe(2);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('the playground page around the pane has no axe violations, serious or lesser (sample workbook open, after Apply, on the charts sheet)', async () => {
    const s = stringsFor('zh-CN');
    const page = await open('?lang=zh-CN');
    const frame = await paneFrame(page, 'zh-CN');
    await frame.getByRole('button', { name: s.applyButton }).waitFor();
    const grid = page.locator('table[data-sheet="客户评估"]');
    await grid.waitFor();
    // The evaluation sheet is wider than the box that shows it: that box scrolls (axe's scrollable-region-focusable applies).
    const scrolls = await grid.evaluate((table) => {
      let box = table.parentElement;
      while (box && getComputedStyle(box).overflowX !== 'auto') box = box.parentElement;
      return box !== null && box.scrollWidth > box.clientWidth;
    });
    expect(scrolls).toBe(true);
    expect(await pageViolations(page)).toEqual([]);

    await frame.getByRole('button', { name: s.applyButton }).click();
    await frame.getByRole('heading', { level: 2, name: s.resultsHeading }).waitFor({ timeout: 30_000 });
    await grid.getByRole('cell', { name: managedHeader('score', 'zh-CN'), exact: true }).waitFor();
    expect(await pageViolations(page)).toEqual([]);

    await frame.getByRole('button', { name: s.chartsButton }).click();
    await frame.getByText(s.chartsDone, { exact: true }).waitFor({ timeout: 30_000 });
    // The sheet the add-in added is the one shown: its charts are drawn (named images) above its cells.
    await page.getByRole('tab', { name: '评分图表', selected: true }).waitFor();
    const charts = page.getByRole('tabpanel', { name: '评分图表' }).getByRole('img');
    await charts.first().waitFor();
    expect(await charts.count()).toBe(2);
    expect(await pageViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('the page around the pane has no axe violations when it shows an error instead of a workbook', async () => {
    const ps = PLAYGROUND_STRINGS['en-US'];
    const url = 'http://example.invalid/book.xlsx';
    const page = await open(`?lang=en-US&workbook=${encodeURIComponent(url)}`);
    await page.getByText(fillPlayground(ps.notSameOrigin, { url }), { exact: true }).waitFor();
    expect(await page.locator('iframe').count()).toBe(0);
    expect(await pageViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('the sheet tabs are one tab stop with arrow keys between sheets; the sheet panel takes the focus and scrolls with the keyboard', async () => {
    const ps = PLAYGROUND_STRINGS['en-US'];
    const page = await open('?lang=en-US');
    await paneFrame(page, 'en-US');
    await page.locator('table[data-sheet="客户评估"]').waitFor();
    const tabs = page.getByRole('tablist', { name: ps.sheetTabs }).getByRole('tab');
    const names = (await tabs.allInnerTexts()).map((t) => t.trim());
    expect(names.slice(0, 2)).toEqual(['客户评估', '跟进记录']);
    expect(names.length).toBeGreaterThanOrEqual(3);
    // Only the selected tab is in the tab order.
    expect(await tabs.evaluateAll((list) => list.map((tab) => tab.getAttribute('tabindex')))).toEqual(names.map((_, i) => (i === 0 ? '0' : '-1')));
    const last = names.length - 1;
    /** The index of the focused tab (-1: none). */
    const focused = () => tabs.evaluateAll((list) => list.indexOf(document.activeElement as HTMLElement));

    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe(1);
    await page.keyboard.press('End');
    expect(await focused()).toBe(last);
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe(0);
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe(last);
    await page.keyboard.press('Home');
    expect(await focused()).toBe(0);
    // The arrows move the focus only; Enter shows the focused sheet.
    await page.keyboard.press('ArrowRight');
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('false');
    await page.keyboard.press('Enter');
    await page.locator('table[data-sheet="跟进记录"]').waitFor();
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await tabs.nth(1).getAttribute('tabindex')).toBe('0');

    // Back to the wide evaluation sheet; Tab leaves the tabs for its panel, which the arrow keys scroll.
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.locator('table[data-sheet="客户评估"]').waitFor();
    await page.keyboard.press('Tab');
    const panel = page.getByRole('tabpanel', { name: '客户评估' });
    expect(await panel.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await panel.evaluate((el) => el.scrollLeft)).toBe(0);
    await page.keyboard.press('ArrowRight');
    expect(
      await poll(
        () => panel.evaluate((el) => el.scrollLeft),
        (left) => left > 0,
        5_000,
      ),
    ).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('importing a rules file that is not valid JSON shows the sentence in the pane', async () => {
    const page = await open('?lang=zh-CN');
    const frame = await paneFrame(page, 'zh-CN');
    await frame.getByRole('button', { name: stringsFor('zh-CN').applyButton }).waitFor();
    await frame.getByRole('button', { name: /^规则与记录/ }).click();
    await frame.locator('input[type="file"]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"rules": ') });
    const prefix = '规则文件「bad.json」不是有效的 JSON：';
    const error = frame.getByText(prefix, { exact: false });
    await error.first().waitFor();
    expect((await error.first().innerText()).trim().startsWith(prefix)).toBe(true);
    expect(await seriousViolations(frame)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('a workbook without a usable table: the pane says so in one sentence, with nothing to offer but finding the tables again; no serious axe violations', async () => {
    const s = stringsFor('zh-CN');
    const page = await open(`?lang=zh-CN&workbook=/${NO_TABLE}`);
    const frame = await paneFrame(page, 'zh-CN');
    const sentences = allPresets().map((rules) => describeProblem({ code: 'no-table', params: { preset: pick(rules.label, 'zh-CN') } }, 'zh-CN'));
    const bar = frame.getByText(sentences[0]!.slice(0, 10));
    await bar.first().waitFor();
    const shown = (await bar.first().innerText()).trim();
    expect(sentences).toContain(shown);
    expect(await frame.getByRole('button', { name: s.applyButton }).count()).toBe(0);
    // Nothing in it looks like a table (a meeting note): no rules or table to offer, only finding the tables again.
    expect(await frame.getByText(s.noTableOffers).count()).toBe(0);
    expect(await frame.getByRole('combobox', { name: s.noTablePick }).count()).toBe(0);
    expect(await frame.getByRole('button', { name: s.refresh }).count()).toBe(1);
    expect(await seriousViolations(frame)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads `read()` until `done` holds or `timeout` ms have passed; returns the last value (the caller asserts on it). */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeout: number): Promise<T> {
  const until = Date.now() + timeout;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
