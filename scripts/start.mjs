#!/usr/bin/env node
/**
 * `npm start`, after the development build:
 *
 * - on Windows and macOS, where desktop Excel can be, it sideloads manifest.xml into desktop
 *   Excel as Microsoft's add-in template does: office-addin-dev-certs trusts a local
 *   certificate (HTTPS is required by Office), then office-addin-debugging starts our server
 *   (scripts/serve.mjs) and opens Excel with the add-in. Both tools are fetched by npx, pinned,
 *   on first use: they are not dependencies because they pull in some 590 packages (450 MB)
 *   that Linux and CI never use. `npm run stop` closes the session and removes the sideload.
 * - everywhere else (Linux), with `npm start -- --web`, with NO_SIDELOAD=1, or when the
 *   desktop sideload fails: serves the add-in and the playground (scripts/serve.mjs) and
 *   prints both addresses and how to sideload into Excel on the web.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DEV_CERTS = 'office-addin-dev-certs@3.0.0';
export const DEBUGGING = 'office-addin-debugging@7.0.0';
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * What `npm start` does on this machine: { kind: 'desktop', steps } (commands to run in order)
 * or { kind: 'web', reason } (serve only, and why).
 */
export function startPlan({ platform, argv = [], env = {}, haveCerts = false, port = 3000 }) {
  if (argv.includes('--web')) return { kind: 'web', reason: 'asked' };
  if (env.NO_SIDELOAD === '1') return { kind: 'web', reason: 'asked' };
  if (platform !== 'win32' && platform !== 'darwin') return { kind: 'web', reason: 'platform' };
  const npx = platform === 'win32' ? 'npx.cmd' : 'npx';
  const steps = [];
  if (!haveCerts) steps.push({ command: npx, args: ['--yes', DEV_CERTS, 'install'] });
  steps.push({
    command: npx,
    args: [
      '--yes',
      DEBUGGING,
      'start',
      'manifest.xml',
      'desktop',
      '--app',
      'excel',
      '--no-debug',
      '--dev-server',
      'node scripts/serve.mjs',
      '--dev-server-port',
      String(port),
    ],
  });
  return { kind: 'desktop', steps };
}

function haveCertificates() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  return fs.existsSync(path.join(dir, 'localhost.crt')) && fs.existsSync(path.join(dir, 'localhost.key'));
}

const WHY_WEB = {
  platform: `Desktop Excel does not run on ${process.platform}: serving for Excel on the web and the playground. (桌面版 Excel 不支持此系统：改为提供网页版 Excel 加载项和演示页。)`,
  asked: 'Serving for Excel on the web and the playground, as asked. (按要求仅提供网页版 Excel 加载项和演示页。)',
};

async function serve() {
  await import(pathToFileURL(path.join(here, 'serve.mjs')).href);
}

async function main() {
  const plan = startPlan({
    platform: process.platform,
    argv: process.argv.slice(2),
    env: process.env,
    haveCerts: haveCertificates(),
    port: Number(process.env.PORT || 3000),
  });
  if (plan.kind === 'web') {
    console.log(WHY_WEB[plan.reason]);
    return serve();
  }
  for (const step of plan.steps) {
    console.log(`> ${step.command} ${step.args.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' ')}`);
    const result = spawnSync(step.command, step.args, { stdio: 'inherit', cwd: path.join(here, '..'), shell: process.platform === 'win32' });
    if (result.status !== 0) {
      console.error(
        `Could not sideload into desktop Excel (${step.args[1]} ${result.error ? result.error.message : `exited with ${result.status}`}). ` +
          'Serving for Excel on the web and the playground instead. (无法旁加载到桌面版 Excel：改为提供网页版 Excel 加载项和演示页。)',
      );
      return serve();
    }
  }
  console.log(
    'Excel is open with the add-in: Home → 客户评分 → 评分面板 (Customer scoring → Scoring panel). `npm run stop` ends the session and removes the sideload.',
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
