/**
 * What the deployment tests share: the production build for a team's address, made the way
 * `npm run build -- --env url=…` makes it (webpack-cli with webpack.config.js), and the content
 * security policy read from a page or a header.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../browser/playground-server';

/** The address of the done-when: a name reserved for tests (RFC 2606), never on the network. */
export const ADDRESS = 'https://scoring.example.test/addin/';
export const HOST = 'scoring.example.test';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** webpack-cli with `args`, from the repository's root, as `npm run build -- …` runs it. */
export function webpack(args: string[]): Promise<Run> {
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The production build for `address` into `outDir`: `--mode production --env url=<address>`,
 * plus `--env playground` when asked (the nginx test serves the playground too).
 * DEPLOY_DIST=<folder> skips the build and uses an existing one (same options).
 */
export async function buildForAddress(outDir: string, options: { address?: string; playground?: boolean } = {}): Promise<{ root: string; built: boolean }> {
  if (process.env.DEPLOY_DIST) return { root: path.resolve(process.env.DEPLOY_DIST), built: false };
  const args = [
    '--mode',
    'production',
    '--env',
    `url=${options.address ?? ADDRESS}`,
    ...(options.playground ? ['--env', 'playground'] : []),
    '--output-path',
    outDir,
  ];
  const run = await webpack(args);
  if (run.code !== 0) throw new Error(`webpack ${args.join(' ')} failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
  if (!fs.existsSync(path.join(outDir, 'manifest.xml'))) throw new Error(`the build in ${outDir} has no manifest.xml`);
  return { root: outDir, built: true };
}

/** Every file under `dir`, as paths relative to it with "/" separators, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** An attribute of an HTML tag's text, quoted or not (the production build minifies the HTML). */
export function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(String.raw`\s${name}=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`, 'i').exec(tag);
  const value = m ? (m[1] ?? m[2] ?? m[3])! : undefined;
  return value
    ?.replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The content of a page's `<meta http-equiv="Content-Security-Policy">` (there must be at most one), or undefined. */
export function metaPolicy(html: string): string | undefined {
  const tags = [...html.matchAll(/<meta\b[^>]*>/gi)]
    .map((m) => m[0])
    .filter((tag) => attribute(tag, 'http-equiv')?.toLowerCase() === 'content-security-policy');
  if (tags.length > 1) throw new Error(`${tags.length} content security policy <meta> tags`);
  return tags[0] === undefined ? undefined : attribute(tags[0], 'content');
}

/** A policy as directive → sources, e.g. "script-src 'self' https://x" → script-src: ['self', https://x]. */
export function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    if (out.has(name)) throw new Error(`the policy names ${name} twice: ${policy}`);
    out.set(name.toLowerCase(), sources);
  }
  return out;
}
