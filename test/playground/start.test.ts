/**
 * scripts/start.mjs (`npm start` after the dev build): which way it goes on each platform,
 * and, on this Linux machine, that it serves and says why it does not sideload.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, serve, tempDir, type Server } from '../browser/playground-server';

type Plan = { kind: 'web'; reason: string } | { kind: 'desktop'; steps: { command: string; args: string[] }[] };

/** startPlan from the script itself, run by node (the script is an ES module). */
function plan(input: Record<string, unknown>): Plan {
  const url = pathToFileURL(path.join(ROOT, 'scripts/start.mjs')).href;
  const code = `import(${JSON.stringify(url)}).then((m) => process.stdout.write(JSON.stringify(m.startPlan(JSON.parse(process.argv[1])))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', code, JSON.stringify(input)], { encoding: 'utf8' })) as Plan;
}

const SIDELOAD = [
  '--yes',
  'office-addin-debugging@7.0.0',
  'start',
  'manifest.xml',
  'desktop',
  '--app',
  'excel',
  '--no-debug',
  '--dev-server',
  'node scripts/serve.mjs',
  '--dev-server-port',
  '3000',
];

describe('npm start: sideload into desktop Excel where it can run, else serve for the web', () => {
  it('on Linux it serves (desktop Excel does not run there)', () => {
    expect(plan({ platform: 'linux' })).toEqual({ kind: 'web', reason: 'platform' });
  });

  it('on Windows without certificates: office-addin-dev-certs install, then office-addin-debugging start (as Microsoft’s template)', () => {
    expect(plan({ platform: 'win32', haveCerts: false })).toEqual({
      kind: 'desktop',
      steps: [
        { command: 'npx.cmd', args: ['--yes', 'office-addin-dev-certs@3.0.0', 'install'] },
        { command: 'npx.cmd', args: SIDELOAD },
      ],
    });
  });

  it('on macOS with certificates already there: only the sideload', () => {
    expect(plan({ platform: 'darwin', haveCerts: true })).toEqual({ kind: 'desktop', steps: [{ command: 'npx', args: SIDELOAD }] });
  });

  it('--web or NO_SIDELOAD=1 serves only, on any platform', () => {
    expect(plan({ platform: 'win32', argv: ['--web'] })).toEqual({ kind: 'web', reason: 'asked' });
    expect(plan({ platform: 'darwin', env: { NO_SIDELOAD: '1' } })).toEqual({ kind: 'web', reason: 'asked' });
  });

  it('the stop script ends the same office-addin-debugging session', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('webpack --mode development && node scripts/start.mjs');
    expect(pkg.scripts.stop).toBe('npx --yes office-addin-debugging@7.0.0 stop manifest.xml desktop');
  });

  describe('run here (Linux)', () => {
    let dir: string;
    let server: Server | undefined;
    beforeAll(async () => {
      dir = tempDir('start-test-');
      const root = path.join(dir, 'dist');
      fs.mkdirSync(path.join(root, 'playground'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'home'));
      fs.writeFileSync(path.join(root, 'taskpane.html'), '<!doctype html><title>pane</title>');
      server = await serve(root, path.join(dir, 'home'), 'scripts/start.mjs');
    });
    afterAll(() => {
      server?.child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('says why it serves instead of sideloading, prints both addresses, and serves the task pane', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        http
          .get(`${server!.base}/taskpane.html`, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(status).toBe(200);
      // The addresses are printed right after "Serving …"; the request above gives them time to arrive.
      expect(server!.output()).toContain('Desktop Excel does not run on linux');
      expect(server!.output()).toMatch(/task pane: +http:\/\/localhost:\d+\/taskpane\.html/);
      expect(server!.output()).toMatch(/playground: +http:\/\/localhost:\d+\/playground\/index\.html/);
    });
  });
});
