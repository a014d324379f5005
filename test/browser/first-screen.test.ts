/**
 * The pane's first screen in a real browser (Debian's chromium through playwright-core, the
 * production bundle over the emulated sample workbook), at Excel's narrowest pane (320 × 600)
 * and a common one (350 × 900), in both languages: what was found, the *Flags as of* date, the
 * preview dated by it and Apply are inside the first viewport, without scrolling. Screenshots
 * of each go to test-results/, and so does the time from navigation to a usable Apply (median
 * of 3 per size and language): a figure to read against the 1.5 s budget, not an assertion.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { fill } from '../../src/i18n/scoring';
import { stringsFor, type Language } from '../../src/i18n/strings';
import { formatDay } from '../../src/taskpane/dates';
import { todaySerial } from '../../src/taskpane/model';
import { ROOT } from './playground-server';
import { paneFrame, usePlayground } from './playground-session';

jest.setTimeout(120_000);

const RESULTS = path.join(ROOT, 'test-results');
const SIZES = [
  { width: 320, height: 600 },
  { width: 350, height: 900 },
] as const;
const LANGUAGES: Language[] = ['zh-CN', 'en-US'];
/** The budget the issue sets for navigation → usable Apply on this machine, busy or not (recorded, not asserted). */
const BUDGET_MS = 1500;

const session = usePlayground({ prefix: 'playground-first-screen-', locale: 'en-US' });

type Box = { top: number; bottom: number; left: number; right: number };

/** An element's box in its frame's viewport, and that viewport. */
function boxIn(locator: Locator): Promise<{ box: Box; width: number; height: number; scrollX: number; scrollY: number }> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return {
      box: { top: r.top, bottom: r.bottom, left: r.left, right: r.right },
      width: window.innerWidth,
      height: window.innerHeight,
      scrollX: window.scrollX,
      scrollY: window.scrollY,
    };
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opens the sample with the pane at `size`, the page tall and wide enough to show the whole frame. */
function openAt(size: { width: number; height: number }, language: Language, before?: (page: Page) => Promise<void>): Promise<Page> {
  return session.open(`?lang=${language}&pane=${size.width}x${size.height}`, async (page) => {
    await page.setViewportSize({ width: 1400, height: size.height + 200 });
    await before?.(page);
  });
}

/** The first screen's parts, once Apply is usable and the preview drawn. */
async function firstScreen(frame: Frame, language: Language) {
  const s = stringsFor(language);
  const apply = frame.getByRole('button', { name: s.applyButton });
  await frame.waitForFunction((label) => [...document.querySelectorAll('button')].some((b) => b.textContent === label && !b.disabled), s.applyButton);
  const asOf = frame.getByRole('textbox', { name: s.asOfLabel });
  const day = formatDay(todaySerial(), language);
  expect(await asOf.inputValue()).toBe(day);
  const bar = frame.getByRole('img', { name: new RegExp(`^${escapeRegExp(s.previewBarLabel.split('{counts}')[0]!)}`) });
  await bar.waitFor();
  // The flags are counted up to the date in the field above them.
  const flagsHeading = frame.getByRole('heading', { name: fill(s.previewFlagsAsOf, { date: day }) });
  const flags = frame.locator('ul[aria-labelledby="preview-flags-heading"]');
  const found = frame.locator('main dl').first();
  return { found, asOf, bar, flagsHeading, flags, apply };
}

describe('the first screen of the pane', () => {
  for (const size of SIZES) {
    for (const language of LANGUAGES) {
      it(`${size.width} × ${size.height}, ${language}: what was found, the as-of date, the preview and Apply are in the first viewport, without scrolling`, async () => {
        const page = await openAt(size, language);
        const frame = await paneFrame(page, language);
        const parts = await firstScreen(frame, language);
        const outside: string[] = [];
        for (const [name, locator] of Object.entries(parts)) {
          const { box, width, height, scrollX, scrollY } = await boxIn(locator);
          // The frame is the pane: Excel's size, not scrolled.
          expect({ width, height, scrollX, scrollY }).toEqual({ width: size.width, height: size.height, scrollX: 0, scrollY: 0 });
          if (!(box.top >= 0 && box.left >= 0 && box.bottom <= height && box.right <= width && box.bottom > box.top)) {
            outside.push(`${name} ${JSON.stringify(box)}`);
          }
        }
        expect(outside).toEqual([]);
        // The tuning is behind it: every section closed.
        const expanded = await frame.locator('button[aria-expanded]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-expanded')));
        expect(expanded).toEqual(['false', 'false', 'false', 'false']);
        fs.mkdirSync(RESULTS, { recursive: true });
        await page.locator('iframe[data-testid="pane"]').screenshot({ path: path.join(RESULTS, `pane-${size.width}x${size.height}-${language}.png`) });
        expect(session.pageErrors).toEqual([]);
        await page.close();
      });
    }
  }

  it('navigation to a usable Apply: the median of 3 per size and language, recorded in test-results/first-screen-timings.json', async () => {
    const runs: Record<string, number[]> = {};
    for (const size of SIZES) {
      for (const language of LANGUAGES) {
        const key = `${size.width}x${size.height} ${language}`;
        runs[key] = [];
        for (let i = 0; i < 3; i++) {
          // In the pane's frame, from its first script on: the moment the Apply button is there and enabled.
          const page = await openAt(size, language, async (p) => {
            await p.addInitScript((label: string) => {
              if (!location.pathname.endsWith('/pane.html')) return;
              const w = window as unknown as { __usableApplyAt?: number };
              const check = () => {
                const apply = [...document.querySelectorAll('button')].find((b) => b.textContent === label);
                if (apply && !apply.disabled) w.__usableApplyAt = performance.timeOrigin + performance.now();
                else requestAnimationFrame(check);
              };
              requestAnimationFrame(check);
            }, stringsFor(language).applyButton);
          });
          const frame = await paneFrame(page, language);
          const usableAt = await (await frame.waitForFunction(() => (window as unknown as { __usableApplyAt?: number }).__usableApplyAt)).jsonValue();
          // From the navigation of the playground page (its time origin) to that moment.
          const navigatedAt = await page.evaluate(() => performance.timeOrigin);
          runs[key].push(Math.round(Number(usableAt) - navigatedAt));
          await page.close();
        }
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const medians = Object.fromEntries(Object.entries(runs).map(([key, xs]) => [key, median(xs)]));
    const record = {
      what: 'ms from navigating to the playground (sample workbook) to an enabled Apply in the pane; median of 3',
      measuredAt: new Date().toISOString(),
      budgetMs: BUDGET_MS,
      machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      medians,
      runs,
      overBudget: Object.entries(medians)
        .filter(([, ms]) => ms > BUDGET_MS)
        .map(([key]) => key),
    };
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(path.join(RESULTS, 'first-screen-timings.json'), `${JSON.stringify(record, null, 2)}\n`);
    console.log(`navigation → usable Apply (median of 3, ms): ${JSON.stringify(medians)}; load average ${record.machine.loadAverage.join(' ')}`);
    // A figure, not an assertion: only that each run reached a usable Apply.
    expect(
      Object.values(runs)
        .flat()
        .every((ms) => ms > 0),
    ).toBe(true);
    expect(session.pageErrors).toEqual([]);
  });
});
