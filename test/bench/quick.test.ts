/**
 * `npm run bench -- --quick` runs end to end, so the benchmark never rots: it generates the
 * workbooks, times the score command, the in-process figures, the add-in path against the
 * naive add-in, the production bundle and the analyses (`score --preset service` and
 * `--preset rfm` on 1,000 customers), and writes its results. What it checks is that
 * every figure was produced, never how fast anything was (BENCH_BUDGETS=report: budget
 * misses do not fail the run here; the bench itself reports them).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

jest.setTimeout(300_000);

interface Entry {
  name: string;
  rows: number | null;
  median_ms: number | null;
  peak_mb: number | null;
  ratio: number | null;
  unit: string;
  value: number | null;
  runs?: number;
  charts?: number;
}

const root = resolve(__dirname, '../..');
let dir: string;
let run: ReturnType<typeof spawnSync>;
let results: { mode: string; machine: { cpus: number; memoryGb: number }; entries: Entry[]; budgets: { name: string; ok: boolean | null }[] };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-quick-'));
  run = spawnSync('npm', ['run', 'bench', '--', '--quick', '--out', join(dir, 'results.json')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BENCH_BUDGETS: 'report' },
  });
  results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function entry(name: string, rows: number | null): Entry {
  const found = results.entries.find((e) => e.name === name && e.rows === rows);
  if (!found) throw new Error(`no ${name} entry for ${rows} rows in ${JSON.stringify(results.entries.map((e) => `${e.name}@${e.rows}`))}`);
  return found;
}

test('the quick bench exits cleanly and says which machine it ran on', () => {
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  expect(run.stdout).toMatch(/machine: \d+ × .*, [\d.]+ GB memory/);
  expect(results.mode).toBe('quick');
  expect(results.machine.cpus).toBeGreaterThan(0);
  expect(results.machine.memoryGb).toBeGreaterThan(0);
});

test('every entry has the fields of results.json', () => {
  for (const e of results.entries) {
    expect(Object.keys(e)).toEqual(expect.arrayContaining(['name', 'rows', 'median_ms', 'peak_mb', 'ratio', 'unit']));
  }
});

test('the score command was timed as a child process on 1,000 and 10,000 customers, with its peak memory', () => {
  for (const rows of [1_000, 10_000]) {
    const score = entry('score', rows);
    expect(score.median_ms).toBeGreaterThan(0);
    expect(score.peak_mb).toBeGreaterThan(0);
    expect(score.ratio).toBeGreaterThan(0); // × the XML floor
  }
});

test('the XML floor, preparing and the live preview were measured', () => {
  for (const rows of [1_000, 10_000]) {
    expect(entry('xml-floor', rows).median_ms).toBeGreaterThan(0);
    expect(entry('prepare', rows).value).toBeGreaterThan(0);
  }
  expect(entry('preview', 10_000).median_ms).toBeGreaterThan(0);
});

test('the add-in path is compared with the naive add-in at 10,000 rows: one sync per row, plus the header and the last', () => {
  const ours = entry('addin-syncs', 10_000);
  const naive = entry('naive-syncs', 10_000);
  expect(naive.value).toBe(10_002);
  expect(ours.value).toBeGreaterThan(0);
  expect(ours.ratio).toBeCloseTo(10_002 / ours.value!, 1);
  expect(entry('addin-request-bytes', 10_000).value).toBeGreaterThan(0);
  expect(entry('naive-request-bytes', 10_000).value).toBeGreaterThan(0);
});

test('score --preset service and score --preset rfm were timed as child processes on 1,000 customers only, three runs each, with their peak memory', () => {
  for (const name of ['score-service', 'score-rfm']) {
    const e = entry(name, 1_000);
    expect(e.runs).toBe(3);
    // The survey's radar, its radar per 所属行业, the NPS bar and the RFM segments' bar: both runs carry both analyses.
    expect(e.charts).toBe(4);
    expect(e.median_ms).toBeGreaterThan(0);
    expect(e.peak_mb).toBeGreaterThan(0);
    expect(results.entries.filter((x) => x.name === name).map((x) => x.rows)).toEqual([1_000]);
  }
  expect(run.stdout).toMatch(/\| `score --preset service` \(survey, RFM beside it, charts\): time, peak memory \| .* \|/);
  expect(run.stdout).toMatch(/\| `score --preset rfm` \(RFM, survey beside it, charts\): time, peak memory \| .* \|/);
});

test('the production bundle was built and measured', () => {
  expect(entry('bundle', null).value).toBeGreaterThan(0);
});

test('LibreOffice is not run in quick mode, and only the budgets quick mode can check are listed', () => {
  expect(results.entries.filter((e) => e.name.startsWith('libreoffice'))).toEqual([]);
  expect(results.budgets.map((b) => b.name)).toEqual([
    'score on 10,000 < 1.5 s',
    'prepare ≥ 150,000 customers/s (10,000)',
    'live preview ≤ 3 ms at 10,000',
    'add-in ≥ 1,000× fewer syncs than naive at 10,000',
  ]);
  for (const b of results.budgets) expect(typeof b.ok).toBe('boolean');
});
