/**
 * The set-up every browser test file shares: the playground built and served (playground-server.ts),
 * Debian's chromium launched on it through playwright-core, every request recorded and any that
 * is not local refused (and failed in afterEach), the page errors collected; and how a test
 * reaches the task pane's frame and reads the playground's grid.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { stringsFor, type Language } from '../../src/i18n/strings';
import { buildPlayground, CHROMIUM, CHROMIUM_ARGS, isLocal, serve, tempDir, type Server } from './playground-server';

export interface PlaygroundSession {
  /** The temporary folder of this file's run (build, profile, home). */
  readonly dir: string;
  /** The folder served: files written here can be opened with `?workbook=/<name>`. */
  readonly root: string;
  readonly server: Server;
  readonly context: BrowserContext;
  /** The URLs the browser requested during the current test. */
  readonly requests: string[];
  /** The uncaught errors of the pages opened during the current test. */
  readonly pageErrors: string[];
  /**
   * A new page on the playground, `query` appended to its address (`?lang=zh-CN&workbook=/x.xlsx`);
   * `before` runs on the page before it navigates (an init script, a viewport).
   */
  open(query: string, before?: (page: Page) => Promise<void>): Promise<Page>;
}

/**
 * Registers the hooks of a browser test file: before all, the build, the server and chromium
 * (`locale` its language); before each test, fresh request and error lists; after each, no
 * request has left localhost; after all, everything closed and the folder removed. `prepare`
 * may write files into the served folder before the server starts.
 */
export function usePlayground(options: { prefix: string; locale: string; prepare?: (root: string) => Promise<void> }): PlaygroundSession {
  let dir = '';
  let root = '';
  let server: Server | undefined;
  let context: BrowserContext | undefined;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH)`);
    dir = tempDir(options.prefix);
    const build = await buildPlayground(path.join(dir, 'dist'));
    if (build.built) console.log(`playground built in ${(build.ms / 1000).toFixed(1)} s`);
    root = build.root;
    await options.prepare?.(root);
    const home = path.join(dir, 'home');
    fs.mkdirSync(home);
    server = await serve(root, home);
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
      locale: options.locale,
    });
    context.on('request', (request) => requests.push(request.url()));
    // Anything not local is recorded above, then refused (no waiting on a network that is not there).
    await context.route(
      (url) => !isLocal(url.href),
      (route) => route.abort('blockedbyclient'),
    );
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    server?.child.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    requests.length = 0;
    pageErrors.length = 0;
  });

  afterEach(() => {
    expect(requests.filter((url) => !isLocal(url))).toEqual([]);
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} has not started (beforeAll failed?)`);
    return value;
  };
  return {
    get dir() {
      return dir;
    },
    get root() {
      return root;
    },
    get server() {
      return started(server, 'server');
    },
    get context() {
      return started(context, 'browser');
    },
    requests,
    pageErrors,
    async open(query: string, before?: (page: Page) => Promise<void>): Promise<Page> {
      const page = await started(context, 'browser').newPage();
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      await before?.(page);
      await page.goto(`${started(server, 'server').base}/playground/index.html${query}`);
      return page;
    },
  };
}

/** The task pane's frame, once its bundle has rendered the panel's heading in `language`. */
export async function paneFrame(page: Page, language: Language): Promise<Frame> {
  await page
    .frameLocator('iframe[data-testid="pane"]')
    .getByRole('heading', { level: 1, name: stringsFor(language).productName })
    .waitFor();
  const frame = await (await page.locator('iframe[data-testid="pane"]').elementHandle())!.contentFrame();
  if (!frame) throw new Error('the pane iframe has no frame');
  return frame;
}

/** The cells of the playground's grid for a sheet, as text: [row, 1-based, minus 1] → texts by column (A = 0). */
export async function gridRows(page: Page, sheet: string): Promise<string[][]> {
  return page
    .locator(`table[data-sheet="${sheet}"] tbody tr`)
    .evaluateAll((rows) => rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}
