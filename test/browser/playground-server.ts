/**
 * Helpers for the browser tests: build the playground into a temporary folder, serve it with
 * scripts/serve.mjs on a free port, and launch Debian's chromium through playwright-core
 * (never a downloaded browser).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Builds the playground (production, `--env playground`: the minified task pane that ships) into
 * `outDir`. PLAYGROUND_BUILD_MODE=development builds faster (about 9 s instead of 25 s).
 * PLAYGROUND_DIST=<folder> skips the build and serves an existing one.
 */
export async function buildPlayground(outDir: string): Promise<{ root: string; ms: number; built: boolean }> {
  if (process.env.PLAYGROUND_DIST) return { root: path.resolve(process.env.PLAYGROUND_DIST), ms: 0, built: false };
  const started = Date.now();
  const mode = process.env.PLAYGROUND_BUILD_MODE === 'development' ? 'development' : 'production';
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const args = [cli, '--mode', mode, ...(mode === 'production' ? ['--env', 'playground'] : []), '--output-path', outDir];
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`webpack failed (${error.message}):\n${stdout}\n${stderr}`));
      else resolve();
    });
  });
  if (!fs.existsSync(path.join(outDir, 'playground', 'index.html')) || !fs.existsSync(path.join(outDir, 'playground', 'pane.html'))) {
    throw new Error(`the build in ${outDir} has no playground/index.html or pane.html`);
  }
  return { root: outDir, ms: Date.now() - started, built: true };
}

export interface Server {
  base: string;
  child: ChildProcess;
  output: () => string;
}

/**
 * scripts/serve.mjs (or another script that ends up serving, such as scripts/start.mjs) on a
 * free port (PORT=0) over plain HTTP (HOME is an empty folder: no dev certificates).
 */
export async function serve(root: string, home: string, script = 'scripts/serve.mjs', env: NodeJS.ProcessEnv = {}): Promise<Server> {
  let output = '';
  const child = spawn(process.execPath, [path.join(ROOT, script)], {
    env: { ...process.env, PORT: '0', SERVE_ROOT: root, HOME: home, USERPROFILE: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Serving .* on (http:\/\/localhost:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
  return { base, child, output: () => output };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** True for the hosts the playground may talk to. */
export function isLocal(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return true;
  return ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
}
