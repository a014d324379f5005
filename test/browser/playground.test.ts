/**
 * The playground in a real browser (Debian's chromium through playwright-core): the real
 * task-pane bundle in its iframe against the emulated workbook. Builds the playground once into
 * a temporary folder, serves it with scripts/serve.mjs on a free port, and checks that no
 * request leaves localhost.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { describeProblem } from '../../src/i18n/problems';
import { fill, managedHeader, pick } from '../../src/i18n/scoring';
import { stringsFor, type Language } from '../../src/i18n/strings';
import { allPresets } from '../../src/presets';
import { todaySerial } from '../../src/taskpane/model';
import { readWorkbook } from '../../src/xlsx/read';
import { scoreFile } from '../../src/xlsx/score-file';
import { buildWorkbook } from '../fixtures/build';
import { noTableWorkbook } from '../fixtures/workbooks';
import { buildPlayground, CHROMIUM, CHROMIUM_ARGS, isLocal, ROOT, serve, tempDir, type Server } from './playground-server';

jest.setTimeout(60_000);

const SAMPLE = path.join(ROOT, 'assets/sample-customers.xlsx');
const AXE = require.resolve('axe-core/axe.min.js', { paths: [ROOT] });
const RESULTS = path.join(ROOT, 'test-results');
const NO_TABLE = 'no-table.xlsx';

let dir: string;
let server: Server | undefined;
let context: BrowserContext | undefined;
let requests: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH)`);
  dir = tempDir('playground-browser-');
  const { root, ms, built } = await buildPlayground(path.join(dir, 'dist'));
  if (built) console.log(`playground built in ${(ms / 1000).toFixed(1)} s`);
  fs.writeFileSync(path.join(root, NO_TABLE), await buildWorkbook(noTableWorkbook));
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  server = await serve(root, home);
  context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
  });
  context.on('request', (request) => requests.push(request.url()));
  // Anything not local is recorded above, then refused (no waiting on a network that is not there).
  await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
}, 180_000);

afterAll(async () => {
  await context?.close();
  server?.child.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  requests = [];
  pageErrors.length = 0;
});

afterEach(() => {
  const external = requests.filter((url) => !isLocal(url));
  expect(external).toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
});

async function open(query: string): Promise<Page> {
  const page = await context!.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(`${server!.base}/playground/index.html${query}`);
  return page;
}

/** The task pane's frame, once its bundle has rendered the panel's heading. */
async function paneFrame(page: Page, language: Language): Promise<Frame> {
  const pane = page.frameLocator('iframe[data-testid="pane"]');
  await pane.getByRole('heading', { level: 1, name: stringsFor(language).productName }).waitFor();
  const handle = await page.locator('iframe[data-testid="pane"]').elementHandle();
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error('the pane iframe has no frame');
  return frame;
}

/** axe-core run in the pane frame (injected from node_modules, no network): serious and critical violations. */
async function seriousViolations(frame: Frame): Promise<string[]> {
  const hasAxe = await frame.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!hasAxe) await frame.addScriptTag({ path: AXE });
  const violations = await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.join(', ')}`);
}

/** The cells of the playground's grid for a sheet, as text, keyed by sheet row number. */
async function gridRows(page: Page, sheet: string): Promise<string[][]> {
  return page.locator(`table[data-sheet="${sheet}"] tbody tr`).evaluateAll((rows) =>
    rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  );
}

describe('the playground in chromium', () => {
  it('finds the evaluation table 客户评估 and the follow-up log 跟进记录 of the sample workbook; no serious axe violations', async () => {
    const s = stringsFor('zh-CN');
    const page = await open('?lang=zh-CN');
    const frame = await paneFrame(page, 'zh-CN');
    const tables = frame.locator('section[aria-labelledby="tables-heading"]');
    await tables.getByRole('heading', { name: s.tablesHeading }).waitFor();
    const evaluation = tables.locator('div', { has: frame.getByRole('heading', { level: 3, name: s.roleEvaluation }) });
    const followUp = tables.locator('div', { has: frame.getByRole('heading', { level: 3, name: s.roleFollowUp }) });
    await expectText(evaluation.last(), '客户评估');
    await expectText(followUp.last(), '跟进记录');
    await frame.getByRole('button', { name: s.applyButton }).waitFor();
    expect(await frame.getByRole('button', { name: s.applyButton }).isEnabled()).toBe(true);
    expect(await seriousViolations(frame)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('Apply writes 综合得分 / 客户等级 / 预警标记 with the values the score command gives (as of today); no serious axe violations when done', async () => {
    const s = stringsFor('zh-CN');
    // What the score command writes for the same file, as of today (the panel's default as-of date).
    const asOf = todaySerial();
    const out = path.join(dir, 'sample.scored.xlsx');
    await scoreFile({ input: SAMPLE, asOf, out, lang: 'zh-CN' });
    const expectedSheet = (await readWorkbook(new Uint8Array(fs.readFileSync(out)))).find((sh) => sh.name === '客户评估')!;

    const page = await open('?lang=zh-CN');
    const frame = await paneFrame(page, 'zh-CN');
    await frame.getByRole('button', { name: s.applyButton }).click();
    await frame.getByRole('heading', { level: 2, name: s.resultsHeading }).waitFor({ timeout: 30_000 });

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

    expect(await seriousViolations(frame)).toEqual([]);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'playground-after-apply.png'), fullPage: true });
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
    await frame.getByRole('heading', { level: 2, name: en.tablesHeading }).waitFor();
    await frame.getByRole('button', { name: en.applyButton }).waitFor();
    expect(await frame.locator('html').getAttribute('lang')).toBe('en-US');
    const text = await frame.locator('body').innerText();
    expect(text).toContain(en.roleEvaluation);
    expect(text).not.toContain(zh.applyButton);
    expect(text).not.toContain(zh.tablesHeading);
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
    await moves.getByText(s.previewNoMoves, { exact: true }).waitFor();
    const bar = preview.getByRole('img');
    const before = await bar.getAttribute('aria-label');
    expect(before).toMatch(new RegExp(`^${escapeRegExp(s.previewBarLabel.split('{counts}')[0]!)}`));
    const syncsBefore = await page.getByTestId('syncs').innerText();

    // The evaluation preset's first indicator, weighted 100 % instead of its default.
    const evaluation = allPresets().find((r) => r.id === 'evaluation')!;
    const first = evaluation.indicators[0]!;
    expect(first.weight).not.toBe(100);
    const input = frame.getByRole('spinbutton', { name: fill(s.weightInput, { indicator: pick(first.label, 'en-US') }) });
    await input.fill('100');

    const movedPattern = new RegExp(`^${escapeRegExp(s.previewMoves).replace('\\{up\\}', '\\d+').replace('\\{down\\}', '\\d+')}$`);
    expect(await poll(async () => (await moves.innerText()).trim(), (text) => movedPattern.test(text), 10_000)).toMatch(movedPattern);
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

  it('importing a rules file that is not valid JSON shows the sentence in the pane', async () => {
    const page = await open('?lang=zh-CN');
    const frame = await paneFrame(page, 'zh-CN');
    await frame.getByRole('button', { name: stringsFor('zh-CN').applyButton }).waitFor();
    await frame.locator('input[type="file"]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"rules": ') });
    const prefix = '规则文件「bad.json」不是有效的 JSON：';
    const error = frame.getByText(prefix, { exact: false });
    await error.first().waitFor();
    expect((await error.first().innerText()).trim().startsWith(prefix)).toBe(true);
    expect(await seriousViolations(frame)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('a workbook without a usable table: the pane says so in one sentence; no serious axe violations', async () => {
    const page = await open(`?lang=zh-CN&workbook=/${NO_TABLE}`);
    const frame = await paneFrame(page, 'zh-CN');
    const sentences = allPresets().map((rules) => describeProblem({ code: 'no-table', params: { preset: pick(rules.label, 'zh-CN') } }, 'zh-CN'));
    const bar = frame.getByText(sentences[0]!.slice(0, 10));
    await bar.first().waitFor();
    const shown = (await bar.first().innerText()).trim();
    expect(sentences).toContain(shown);
    expect(await frame.getByRole('button', { name: stringsFor('zh-CN').applyButton }).count()).toBe(0);
    expect(await seriousViolations(frame)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.waitFor();
  expect(await locator.innerText()).toContain(text);
}

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
