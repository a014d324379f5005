/**
 * `npm run build -- --env url=https://scoring.example.test/addin/`: the production dist/ for a
 * team's own address. Builds once (webpack-cli, as npm runs it) into a temporary folder, then
 * checks the produced manifest with the same checks as manifest.xml (test/helpers/manifest-checks.ts,
 * xmllint against the XSDs in test/schemas/manifest/), that no file of dist/ names localhost,
 * the manifest's Version, the page's content security policy, the one sentence a wrong address
 * gets, and that a build without `--env url` is configured exactly as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'webpack';
import { DeployError, addinBaseUrl, manifestVersion } from '../../scripts/deploy-manifest.cjs';
import { ROOT, tempDir } from '../browser/playground-server';
import { MANIFEST_PATH, checkIcons, checkId, checkResids, checkUrls, checkZhOverrides, parseXml, validateAgainstSchema } from '../helpers/manifest-checks';
import { ADDRESS, attribute, buildForAddress, directives, filesUnder, metaPolicy, webpack } from './deploy-build';

jest.setTimeout(180_000);

const PANE_POLICY =
  "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com https://officeapis.public.onecdn.static.microsoft; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

let dir = '';
let dist = '';
beforeAll(() => {
  dir = tempDir('deploy-build-');
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const read = (rel: string): string => fs.readFileSync(path.join(dist, rel), 'utf8');

describe('npm run build -- --env url=https://scoring.example.test/addin/', () => {
  beforeAll(async () => {
    dist = (await buildForAddress(path.join(dir, 'dist'))).root;
  }, 180_000);

  it('writes dist/manifest.xml, valid against the Office add-in XSDs and passing every manifest check, with every URL under the address', () => {
    const file = path.join(dist, 'manifest.xml');
    const lint = validateAgainstSchema(file);
    expect(lint.output).toMatch(/validates$/);
    expect(lint.ok).toBe(true);

    const doc = parseXml(read('manifest.xml'));
    expect(checkId(doc)).toEqual([]);
    expect(checkResids(doc)).toEqual([]);
    expect(checkZhOverrides(doc)).toEqual([]);
    expect(checkUrls(doc)).toEqual([]);
    // The icons the manifest names are the PNGs in dist/assets/, of the declared sizes.
    expect(checkIcons(doc, { baseUrl: ADDRESS, dir: dist })).toEqual([]);

    const urls = [...read('manifest.xml').matchAll(/DefaultValue="(https?:[^"]*)"/g)].map((m) => m[1]);
    expect(urls).toEqual([
      'https://scoring.example.test/addin/assets/icon-32.png',
      'https://scoring.example.test/addin/assets/icon-64.png',
      'https://scoring.example.test/addin/taskpane.html',
      'https://scoring.example.test/addin/assets/icon-16.png',
      'https://scoring.example.test/addin/assets/icon-32.png',
      'https://scoring.example.test/addin/assets/icon-80.png',
      'https://scoring.example.test/addin/taskpane.html',
    ]);
  });

  it('names localhost nowhere: not in the manifest, not in any file of dist/', () => {
    const files = filesUnder(dist);
    expect(files).toEqual(
      expect.arrayContaining(['manifest.xml', 'taskpane.html', 'assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png']),
    );
    // The shipped build: no playground.
    expect(files.filter((f) => f.startsWith('playground/'))).toEqual([]);
    const naming = files.filter((f) => fs.readFileSync(path.join(dist, f)).toString('latin1').toLowerCase().includes('localhost'));
    expect(naming).toEqual([]);
  });

  it('gives the manifest the Version of package.json (0.1.0 → 0.1.0.0) and changes nothing else but the URLs', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const version = /<Version>([^<]*)<\/Version>/.exec(read('manifest.xml'))?.[1];
    expect(version).toBe(`${pkg.version}.0`);
    expect(version).toMatch(/^\d+\.\d+\.\d+\.0$/);
    // manifest.xml, with the address and the Version put back, is what development sideloads.
    const dev = fs.readFileSync(MANIFEST_PATH, 'utf8');
    const back = read('manifest.xml')
      .replaceAll('https://scoring.example.test/addin/', 'https://localhost:3000/')
      .replace(/<Version>[^<]*<\/Version>/, /<Version>[^<]*<\/Version>/.exec(dev)![0]);
    expect(back).toBe(dev);
  });

  it('serves a page whose first script comes after its content security policy: scripts from itself and the office.js CDN, connections to itself, no inline script, no eval', () => {
    const html = read('taskpane.html');
    const policy = metaPolicy(html);
    expect(policy).toBe(PANE_POLICY);
    const d = directives(policy!);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com', 'https://officeapis.public.onecdn.static.microsoft']);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'"]);
    expect(d.get('font-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    // frame-ancestors is ignored in a <meta> and must not be sent at all (Excel on the web frames the pane).
    expect(d.has('frame-ancestors')).toBe(false);

    expect(html.search(/http-equiv="?Content-Security-Policy/)).toBeGreaterThan(0);
    expect(html.search(/http-equiv="?Content-Security-Policy/)).toBeLessThan(html.indexOf('<script'));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ src: attribute(m[0], 'src'), body: m[2]!.trim() }));
    // Every script is a file (no inline code): office.js from the CDN, then the bundle beside the page.
    expect(scripts.map((s) => s.body)).toEqual(scripts.map(() => ''));
    expect(scripts.map((s) => s.src)).toEqual([
      'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
      expect.stringMatching(/^taskpane\.[0-9a-f]{8}\.js$/),
    ]);
  });
});

describe('deploy/nginx.conf and the playground declare the same policy as the pane', () => {
  const conf = fs.readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
  const map = /map \$uri \$customer_scoring_csp \{([\s\S]*?)\n\}/.exec(conf)?.[1] ?? '';
  const entries = [...map.matchAll(/^\s*("[^"]*"|\S+)\s+"([^"]*)";$/gm)].map((m) => [m[1]!.replace(/^"|"$/g, ''), m[2]!]);

  it('the header nginx sends by default is the <meta> of the pane', () => {
    expect(entries.map(([key]) => key)).toEqual(['default', '~/playground/(index\\.html)?$']);
    expect(entries[0]![1]).toBe(PANE_POLICY);
    expect(metaPolicy(fs.readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8'))).toBe(PANE_POLICY);
  });

  it("the playground's page adds 'wasm-unsafe-eval' to script-src and nothing else, in its <meta> and in nginx's header", () => {
    const playground = metaPolicy(fs.readFileSync(path.join(ROOT, 'src/playground/index.html'), 'utf8'))!;
    expect(entries[1]![1]).toBe(playground);
    const pane = directives(PANE_POLICY);
    const page = directives(playground);
    expect(page.get('script-src')).toEqual([...pane.get('script-src')!, "'wasm-unsafe-eval'"]);
    page.delete('script-src');
    pane.delete('script-src');
    expect(page).toEqual(pane);
  });
});

describe('an address that is not absolute HTTPS stops the build with one sentence', () => {
  const sentence = (raw: unknown): string => {
    try {
      addinBaseUrl(raw);
    } catch (error) {
      expect(error).toBeInstanceOf(DeployError);
      return (error as Error).message;
    }
    throw new Error(`addinBaseUrl(${JSON.stringify(raw)}) did not refuse`);
  };

  it('says which: not HTTPS, not absolute, a query, or no address at all', () => {
    expect(sentence('http://scoring.example.test/addin/')).toBe(
      'The add-in address "http://scoring.example.test/addin/" does not use HTTPS, and Office loads add-ins only over HTTPS: serve dist/ with a certificate and build with --env url=https://scoring.example.test/addin/',
    );
    const notAbsolute = (raw: string) =>
      `The add-in address "${raw}" is not an absolute URL: give the full address dist/ will be served from, starting with https:// and the server's name, for example --env url=https://scoring.example.com/addin/`;
    for (const raw of ['scoring.example.test/addin/', '/addin/', 'https:scoring.example.test/addin/', 'https://']) expect(sentence(raw)).toBe(notAbsolute(raw));
    expect(sentence('https://scoring.example.test/addin/?v=2')).toBe(
      'The add-in address "https://scoring.example.test/addin/?v=2" carries a user name, a query or a fragment: give only the folder dist/ is served from, for example --env url=https://scoring.example.com/addin/',
    );
    // `--env url` without "=" gives true; `--env url=` gives an empty string.
    const missing = '--env url= needs the HTTPS address dist/ will be served from, for example npm run build -- --env url=https://scoring.example.com/addin/';
    expect(sentence(true)).toBe(missing);
    expect(sentence('')).toBe(missing);
    for (const raw of ['http://x/', 'x/', 'https://x/?a', true]) expect(sentence(raw)).not.toMatch(/\n/);
  });

  it('takes an HTTPS folder address as it is, adding the final "/" when it is missing', () => {
    expect(addinBaseUrl('https://scoring.example.test/addin/')).toBe('https://scoring.example.test/addin/');
    expect(addinBaseUrl('https://scoring.example.test/addin')).toBe('https://scoring.example.test/addin/');
    expect(addinBaseUrl('https://Scoring.Example.Test:8443')).toBe('https://scoring.example.test:8443/');
  });

  it('webpack prints the sentence alone and exits with 2 before building anything', async () => {
    const out = path.join(dir, 'refused');
    const run = await webpack(['--mode', 'production', '--env', 'url=http://scoring.example.test/addin/', '--output-path', out]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'The add-in address "http://scoring.example.test/addin/" does not use HTTPS, and Office loads add-ins only over HTTPS: serve dist/ with a certificate and build with --env url=https://scoring.example.test/addin/\n',
    });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a package.json version the manifest cannot carry is refused too', () => {
    expect(manifestVersion('0.1.0')).toBe('0.1.0.0');
    expect(() => manifestVersion('1.0.0-rc.1')).toThrow(
      'package.json\'s version "1.0.0-rc.1" cannot become a manifest <Version>, which is three or four plain numbers such as 1.2.3.0: set a version such as 1.2.3 before building for an address.',
    );
    expect(() => manifestVersion('123456.0.0')).toThrow(DeployError);
  });
});

describe('without --env url the build is configured as before', () => {
  type ConfigFn = (env: Record<string, unknown>, argv: { mode?: 'production' | 'development' }) => Configuration;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS: loaded as webpack loads it.
  const config = require(path.join(ROOT, 'webpack.config.js')) as ConfigFn;
  const pluginNames = (c: Configuration) => (c.plugins ?? []).map((p) => (p as object).constructor.name);
  /** The configuration without its plugins and functions (compared separately). */
  const plain = (c: Configuration) => ({ ...c, plugins: undefined, performance: { ...c.performance, assetFilter: undefined } });

  it.each([
    ['npm run build (and the bench)', {}, 'production'],
    ['npm run build:playground', { playground: true }, 'production'],
    ['npm start (development)', {}, 'development'],
  ] as const)('%s: --env url only adds the manifest plugin', (_name, env, mode) => {
    const before = config({ ...env }, { mode });
    const after = config({ ...env, url: ADDRESS }, { mode });
    expect(pluginNames(before)).not.toContain('DeployManifestPlugin');
    expect(pluginNames(after)).toEqual([
      ...pluginNames(before).filter((n) => n !== 'BundleSizePlugin'),
      'DeployManifestPlugin',
      ...(mode === 'production' ? ['BundleSizePlugin'] : []),
    ]);
    expect(plain(after)).toEqual(plain(before));
  });

  it('npm run build still prints the bundle size the bench reads (BundleSizePlugin, production only)', () => {
    expect(pluginNames(config({}, { mode: 'production' }))).toContain('BundleSizePlugin');
    expect(pluginNames(config({}, { mode: 'development' }))).not.toContain('BundleSizePlugin');
  });
});
