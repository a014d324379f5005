/** Timing helpers of the bench: medians, child processes timed from outside with their peak memory. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface ChildRun {
  ms: number;
  /** Peak resident memory in MB; null when it could not be measured. */
  peakMb: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the command was stopped at its time limit (`timeoutMs`). */
  timedOut?: boolean;
}

const MAXRSS_LINE = /\nBENCH_MAXRSS_KB=(\d+)\n/;
export const TIME_BINARY = '/usr/bin/time';

/**
 * Runs a command and measures its wall time. Peak memory comes from a `BENCH_MAXRSS_KB=`
 * line the child prints (bench/report-rss.cjs) or, with `timeFile`, from GNU time's `%M`
 * written there (the command must then be wrapped in `/usr/bin/time -f %M -o timeFile`).
 * With `timeoutMs`, the command runs in a process group of its own, which is killed when
 * the time is up (LibreOffice starts children of its own); the run then says `timedOut`.
 */
export function runChild(
  command: string,
  args: readonly string[],
  options: { timeFile?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    if (options.timeFile) rmSync(options.timeFile, { force: true });
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, detached: options.timeoutMs !== undefined });
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          }, options.timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (timer) clearTimeout(timer);
      let peakKb: number | undefined;
      const line = MAXRSS_LINE.exec(stderr);
      if (line) peakKb = Number(line[1]);
      else if (options.timeFile && existsSync(options.timeFile)) {
        const figures = readFileSync(options.timeFile, 'utf8').trim().split(/\s+/).map(Number).filter(Number.isFinite);
        if (figures.length > 0) peakKb = figures[figures.length - 1];
      }
      resolve({
        ms,
        peakMb: peakKb === undefined ? null : peakKb / 1024,
        code,
        stdout,
        stderr: stderr.replace(MAXRSS_LINE, '\n'),
        ...(timedOut ? { timedOut } : {}),
      });
    });
  });
}

/** Median time of `runs` calls of `f` (synchronous work), after `warmup` untimed calls. */
export function timeSync(runs: number, f: (i: number) => void, warmup = 0): { median: number; all: number[] } {
  for (let i = 0; i < warmup; i++) f(i);
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    f(i);
    all.push(performance.now() - started);
  }
  return { median: median(all), all };
}
