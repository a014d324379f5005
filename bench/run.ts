/**
 * `npm run bench`: how fast the product is against what users would do instead, measured
 * on this machine in one run, with budgets (issue 9). Tests count syncs and bytes, never
 * seconds: timings live here. Runs bundled by esbuild (as the panel's code runs bundled by
 * webpack), and times the `score` command bundled the same way (dist/cli.cjs), as a child
 * process.
 *
 * On generated workbooks of 1,000, 10,000 and 100,000 customers (generate.ts: seed 000's
 * layout, mixed values, a follow-up log of two rows per customer):
 * 1. `score`: wall time and peak memory of the command, median of a few runs;
 * 2. LibreOffice recalculating the same scoring written as formulas, on the same customers
 *    with clean values (formulas cannot read `80万`), and saving — after checking on 1,000
 *    customers that its scores and tiers equal the command's;
 * 3. the floor: inflating the XML of every part the command reads (both sheets and the shared
 *    strings) and counting its cells; beside it, that plus deflating the evaluation sheet's
 *    XML again at the writer's level (what any tool that writes the scores into the file pays);
 * 4. the add-in's path on the emulated Excel (scan, score, apply) against the naive add-in
 *    of naive-addin.ts: syncs and request bytes;
 * 5. preparing (parsing) the rows once, and the live preview after a weight edit;
 * 6. the production task pane's size, gzipped.
 *
 *
 * And the analyses of issue 11, on workbooks of a customer table, a service survey and a
 * ledger of purchases (generate.ts): `score --preset service` and `score --preset rfm`, charts
 * included, as child processes against LibreOffice recalculating the same analysis written as
 * formulas (formulas.ts), checked equal on 1,000 customers first. LibreOffice's formulas read
 * the survey or the ledger once per customer, so a size it would take over 5 minutes for is
 * not run (the entry says so) and the ratio is taken at the largest size both ran.
 *
 * Prints a table, writes bench/results.json, exits 1 when a budget is missed (after
 * printing everything; BENCH_BUDGETS=report makes misses not fail), 2 when the bench
 * itself could not run. Options: --quick (1,000 and 10,000, the analyses on 1,000, no
 * LibreOffice), --no-libreoffice, --no-bundle, --sizes 1000,10000 (the analyses' too),
 * --only evaluation|analyses, --out <results.json>, --cache <folder>; --table-from
 * <results.json> prints an earlier run's table.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { RuleSetSchema, type RfmRules, type RuleSet, type ServiceRules } from '../src/engine/rules';
import { prepareWorkbook, previewPrepared } from '../src/engine/run';
import { serialFromIso } from '../src/engine/parse';
import type { RawCell, SheetGrid } from '../src/engine/types';
import { EmulatedExcel } from '../src/emulator';
import { createWorkbookOps } from '../src/excel/ops';
import { allPresets, getPreset, getRfmPreset, getServicePreset } from '../src/presets';
import { readWorkbook } from '../src/xlsx/read';
import { readZip } from '../src/xlsx/zip';
import { DEFLATE_LEVEL } from '../src/xlsx/zip-package';
import {
  AS_OF_ISO,
  CUSTOMER_SHEET,
  ensureAnalysesWorkbook,
  ensureWorkbook,
  FORMULA_SHEET,
  PERIOD_FROM_ISO,
  RFM_FORMULA_SHEET,
  SERVICE_FORMULA_SHEET,
  SURVEY_DIMENSIONS,
} from './generate';
import { findLibreOffice, LibreOffice } from './libreoffice';
import { median, runChild, timeSync, type ChildRun } from './measure';
import { naiveAddin } from './naive-addin';

// ---- options ----

interface Options {
  quick: boolean;
  libreoffice: boolean;
  bundle: boolean;
  sizes: number[];
  out: string;
  cache: string;
  /** Budget misses do not fail the exit code (BENCH_BUDGETS=report). */
  reportOnly: boolean;
  /** Only print the table of an earlier run's results.json. */
  tableFrom?: string;
  /** Only the evaluation's entries, or only the analyses' (`--only evaluation|analyses`). */
  only?: 'evaluation' | 'analyses';
  /** Customers of the analyses' workbooks (`--quick`: 1,000 only). */
  analysesSizes: number[];
}

const ROOT = resolve(__dirname, '..');

function parseOptions(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const known = new Set(['--quick', '--no-libreoffice', '--no-bundle', '--sizes', '--out', '--cache', '--table-from', '--only']);
  const withValue = new Set(['--sizes', '--out', '--cache', '--table-from', '--only']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!known.has(arg)) throw new BenchError(`unknown option ${arg} (options: ${[...known].join(' ')})`);
    if (withValue.has(arg)) i++;
  }
  const sizes =
    value('--sizes')
      ?.split(',')
      .map((s) => Number(s.replace(/_/g, ''))) ?? (quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new BenchError('--sizes takes customer counts such as 1000,10000');
  const only = value('--only');
  if (only !== undefined && only !== 'evaluation' && only !== 'analyses') throw new BenchError('--only takes evaluation or analyses');
  return {
    quick,
    libreoffice: !quick && !argv.includes('--no-libreoffice'),
    bundle: !argv.includes('--no-bundle'),
    sizes,
    out: resolve(value('--out') ?? join(ROOT, 'bench', 'results.json')),
    cache: resolve(value('--cache') ?? join(ROOT, 'bench', '.cache')),
    reportOnly: process.env.BENCH_BUDGETS === 'report',
    ...(value('--table-from') ? { tableFrom: resolve(value('--table-from')!) } : {}),
    ...(only ? { only } : {}),
    analysesSizes: argv.includes('--sizes') ? sizes : quick ? [1_000] : [1_000, 10_000, 100_000],
  };
}

class BenchError extends Error {}

// ---- results ----

/** One figure of the run, as bench/results.json stores it. */
export interface Entry {
  name: string;
  /** Customers (null for figures that do not depend on them: the bundle). */
  rows: number | null;
  /** Median wall time; null when the figure is not a time. */
  median_ms: number | null;
  /** Peak resident memory of the process measured; null when not measured. */
  peak_mb: number | null;
  /** The ratio the budgets speak of, as `note` says (e.g. LibreOffice's time ÷ score's); null when none. */
  ratio: number | null;
  /** Unit of `value`. */
  unit: string;
  /** The figure in `unit` (the same as median_ms for plain times). */
  value: number | null;
  runs?: number;
  note?: string;
  /** The charts in the command's output (the analyses' entries: charts are part of what is timed). */
  charts?: number;
}

interface Budget {
  name: string;
  /** null: not checked in this run (the figure was not measured). */
  ok: boolean | null;
  figure: string;
}

const entries: Entry[] = [];
const notes: string[] = [];

function add(entry: Entry): Entry {
  entries.push(entry);
  return entry;
}

/** A time that has no figure (failed, stopped at the limit, not run): the entry says why in `note`. */
function untimed(name: string, rows: number, note: string): Entry {
  return add({ name, rows, median_ms: null, peak_mb: null, ratio: null, unit: 'ms', value: null, runs: 0, note });
}

function find(name: string, rows: number | null): Entry | undefined {
  return entries.find((e) => e.name === name && e.rows === rows);
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms: number | null) =>
  ms === null
    ? '—'
    : ms >= 10_000
      ? `${(ms / 1000).toFixed(1)} s`
      : ms >= 1000
        ? `${(ms / 1000).toFixed(2)} s`
        : ms >= 10
          ? `${ms.toFixed(0)} ms`
          : `${ms.toFixed(2)} ms`;
const fmtMb = (mb: number | null) => (mb === null ? '—' : mb >= 1024 ? `${(mb / 1024).toFixed(2)} GB` : `${mb.toFixed(0)} MB`);
const fmtRatio = (r: number | null) => (r === null ? '—' : r >= 100 ? `${r.toFixed(0)}×` : r >= 1 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`);

// ---- the measurements ----

const RUNS: Record<'full' | 'quick', (rows: number) => number> = {
  full: (rows) => (rows <= 1_000 ? 5 : 3),
  quick: (rows) => (rows <= 1_000 ? 3 : 2),
};
/** A first run slower than this is not repeated (the 100,000-customer runs can take minutes). */
const REPEAT_BELOW_MS = 60_000;

function scoreArgs(input: string, out: string, preset: string, json?: string): string[] {
  const cli = join(ROOT, 'dist', 'cli.cjs');
  return [
    '--require',
    join(ROOT, 'bench', 'report-rss.cjs'),
    cli,
    input,
    '--preset',
    preset,
    '--as-of',
    AS_OF_ISO,
    '--out',
    out,
    '--lang',
    'en-US',
    ...(json ? ['--json', json] : []),
  ];
}

async function scoreOnce(input: string, scratch: string, json?: string, preset = 'evaluation'): Promise<ChildRun> {
  const run = await runChild(process.execPath, scoreArgs(input, join(scratch, 'scored.xlsx'), preset, json));
  if (run.code !== 0) throw new BenchError(`the score command failed on ${input} (exit ${run.code}):\n${run.stderr.trim()}`);
  return run;
}

/** What one comparison of the command with LibreOffice times: the preset, the entries' names and notes. */
interface Comparison {
  preset: string;
  /** How the log lines name the command. */
  label: string;
  scoreEntry: string;
  officeEntry: string;
  scoreNote: string;
  officeNote: string;
  /** LibreOffice's time limit: a run that reaches it is stopped and the entry says so. */
  officeLimitMs?: number;
}

const EVALUATION_COMPARISON: Comparison = {
  preset: 'evaluation',
  label: 'score',
  scoreEntry: 'score',
  officeEntry: 'libreoffice',
  scoreNote: 'the score command (dist/cli.cjs, node) on mixed values; ratio: × the XML floor',
  officeNote: "LibreOffice headless: open, recalculate the formula version (clean values), save as .xlsx; ratio: its time ÷ score's",
};

/** Runs `score` and (when given) LibreOffice on the same size, interleaved, each repeated while it is quick enough. */
async function timeCommands(
  rows: number,
  input: string,
  formulas: string | undefined,
  lo: LibreOffice | undefined,
  planned: number,
  scratch: string,
  what: Comparison = EVALUATION_COMPARISON,
): Promise<void> {
  const score: ChildRun[] = [];
  const office: ChildRun[] = [];
  let scoreFailure: string | undefined;
  let officeStopped: ChildRun | undefined;
  for (let i = 0; i < planned; i++) {
    const wantScore = scoreFailure === undefined && (i === 0 || score[0]!.ms < REPEAT_BELOW_MS);
    const wantOffice = lo && formulas && !officeStopped && (i === 0 || office[0]!.ms < REPEAT_BELOW_MS);
    if (!wantScore && !wantOffice) break;
    if (wantScore) {
      try {
        const run = await scoreOnce(input, scratch, undefined, what.preset);
        score.push(run);
        log(`  ${what.label} ${fmtInt(rows)}: run ${i + 1}: ${fmtMs(run.ms)}, peak ${fmtMb(run.peakMb)}`);
      } catch (error) {
        scoreFailure = error instanceof Error ? error.message : String(error);
        log(`  ${what.label} ${fmtInt(rows)}: FAILED: ${scoreFailure}`);
      }
    }
    if (wantOffice) {
      const run = await lo!.convert(formulas!, join(scratch, 'lo-out'), what.officeLimitMs);
      if (run.timedOut) {
        officeStopped = run;
        log(`  LibreOffice (${what.preset}) ${fmtInt(rows)}: stopped after ${fmtMs(run.ms)} (the bench's limit)`);
      } else {
        office.push(run);
        log(`  LibreOffice (${what.preset}) ${fmtInt(rows)}: run ${i + 1}: ${fmtMs(run.ms)}, peak ${fmtMb(run.peakMb)}`);
      }
    }
  }
  const peak = (runs: ChildRun[]) => (runs.some((r) => r.peakMb === null) ? null : Math.max(...runs.map((r) => r.peakMb!)));
  if (score.length > 0) {
    const ms = median(score.map((r) => r.ms));
    add({ name: what.scoreEntry, rows, median_ms: ms, peak_mb: peak(score), ratio: null, unit: 'ms', value: ms, runs: score.length, note: what.scoreNote });
  } else {
    untimed(what.scoreEntry, rows, `failed: ${scoreFailure ?? 'not run'}`);
  }
  if (office.length > 0) {
    const ms = median(office.map((r) => r.ms));
    add({ name: what.officeEntry, rows, median_ms: ms, peak_mb: peak(office), ratio: null, unit: 'ms', value: ms, runs: office.length, note: what.officeNote });
  } else if (officeStopped) {
    untimed(what.officeEntry, rows, `capped: stopped after ${fmtMs(officeStopped.ms)}, the bench's limit for LibreOffice; ${what.officeNote}`);
  }
}

/** Before timing LibreOffice: on 1,000 customers its scores and tiers must equal the command's for the same clean data. */
async function checkLibreOffice(lo: LibreOffice, clean: string, scratch: string): Promise<void> {
  const json = join(scratch, 'check-report.json');
  await scoreOnce(clean, scratch, json);
  const report = JSON.parse(readFileSync(json, 'utf8')) as { rows: { key: string; score: number; tier: { id: string } }[] };
  const converted = await lo.convert(clean, join(scratch, 'lo-check'));
  const grids = await readWorkbook(new Uint8Array(readFileSync(converted.output)));
  const sheet = grids.find((g) => g.name === FORMULA_SHEET);
  if (!sheet) throw new BenchError(`LibreOffice's output has no sheet ${FORMULA_SHEET}`);
  const header = sheet.rows[0] ?? [];
  const scoreCol = header.indexOf('fs');
  const tierCol = header.indexOf('ft');
  const rules = getPreset('evaluation');
  const tierOf = new Map(rules.tiers.map((t) => [t.label.zh, t.id]));
  const differences: string[] = [];
  report.rows.forEach((row, i) => {
    const cells = sheet.rows[i + 1] ?? [];
    const score = cells[scoreCol];
    const tier = typeof cells[tierCol] === 'string' ? tierOf.get(cells[tierCol] as string) : undefined;
    if (score !== row.score || tier !== row.tier.id)
      differences.push(`${row.key}: score ${row.score} / ${row.tier.id}, LibreOffice ${String(score)} / ${String(cells[tierCol])}`);
  });
  if (report.rows.length === 0 || sheet.rows.length - 1 !== report.rows.length || differences.length > 0) {
    throw new BenchError(
      `LibreOffice and the score command disagree on the clean 1,000-customer workbook (${differences.length} of ${report.rows.length} customers; ${sheet.rows.length - 1} formula rows):\n  ${differences.slice(0, 5).join('\n  ')}\nThe comparison would not be of the same scoring: stopping. (Is OOXMLRecalcMode honoured? Does the preset still match bench/formulas.ts?)`,
    );
  }
  log(
    `  LibreOffice check: its ${fmtInt(report.rows.length)} scores and tiers equal the score command's (the stored results in the file were wrong on purpose, so it did recalculate)`,
  );
}

/**
 * The floor: inflate parts of the package and count their `<c` cell elements, in-process;
 * with `deflate`, also deflate that part's XML again at the direct writer's level.
 */
function xmlFloor(bytes: Uint8Array, parts: readonly string[], rows: number, name: string, deflate?: string): void {
  const zip = readZip(bytes);
  if (!zip) throw new BenchError('the generated workbook is not a zip the reader can open');
  const entries = parts.map((p) => {
    const entry = zip.entries.get(p);
    if (!entry) throw new BenchError(`the generated workbook has no ${p}`);
    return bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  });
  let cells = 0;
  const t = timeSync(
    5,
    () => {
      cells = 0;
      for (const [i, compressed] of entries.entries()) {
        const xml = inflateRawSync(compressed);
        if (parts[i] === deflate) deflateRawSync(xml, { level: DEFLATE_LEVEL });
        for (let i = xml.indexOf(0x3c); i >= 0 && i < xml.length - 2; i = xml.indexOf(0x3c, i + 1)) {
          if (xml[i + 1] === 0x63 /* c */) {
            const next = xml[i + 2];
            if (next === 0x20 || next === 0x3e || next === 0x2f) cells++;
          }
        }
      }
    },
    1,
  );
  add({
    name,
    rows,
    median_ms: t.median,
    peak_mb: null,
    ratio: null,
    unit: 'ms',
    value: t.median,
    runs: 5,
    note: `inflate ${parts.join(' + ')} and count its ${fmtInt(cells)} <c> elements${deflate ? `, deflate ${deflate} again (level ${DEFLATE_LEVEL})` : ''} (node:zlib, in-process)`,
  });
}

/** Preparing (reading cells into parsed values) and the live preview, in-process, on the grids the reader gives. */
function engineFigures(rows: number, grids: SheetGrid[], rules: RuleSet, asOf: number, quick: boolean): void {
  const prepareRuns = rows >= 100_000 ? 3 : 5;
  const prepare = timeSync(
    prepareRuns,
    () => {
      prepareWorkbook(grids, { rules, asOf });
    },
    1,
  );
  const perSecond = rows / (prepare.median / 1000);
  add({
    name: 'prepare',
    rows,
    median_ms: prepare.median,
    peak_mb: null,
    ratio: null,
    unit: 'customers/s',
    value: perSecond,
    runs: prepareRuns,
    note: 'prepareWorkbook on the grids read from the mixed workbook: find the tables, map the columns, parse every cell (what the pane does once after reading)',
  });
  if (rows < 10_000) return;
  const prepared = prepareWorkbook(grids, { rules, asOf });
  const editCount = rows >= 100_000 || quick ? 20 : 50;
  const edits = Array.from({ length: editCount + 3 }, (_, k) =>
    RuleSetSchema.parse({
      ...structuredClone(rules),
      indicators: rules.indicators.map((ind) => (ind.id === 'satisfaction' ? { ...ind, weight: 5 + k } : ind)),
    }),
  );
  previewPrepared(prepared, rules); // the first preview after reading matches every band
  const preview = timeSync(
    editCount,
    (i) => {
      previewPrepared(prepared, edits[i + 3]!);
    },
    3,
  );
  add({
    name: 'preview',
    rows,
    median_ms: preview.median,
    peak_mb: null,
    ratio: null,
    unit: 'ms',
    value: preview.median,
    runs: editCount,
    note: 'previewPrepared after a weight edit (the live preview while a slider moves)',
  });
}

async function addinFigures(rows: number, bytes: Uint8Array, rules: RuleSet, asOf: number, naiveRows: number): Promise<void> {
  const excel = await EmulatedExcel.fromXlsx(bytes);
  const ops = createWorkbookOps({ run: excel.run });
  const phases: string[] = [];
  let syncs = 0;
  let requestBytes = 0;
  const phase = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    excel.stats.reset();
    const value = await f();
    const bytesNow = excel.stats.requests.reduce((n, r) => n + r.bytes, 0);
    phases.push(`${name} ${excel.stats.syncs}`);
    syncs += excel.stats.syncs;
    requestBytes += bytesNow;
    return value;
  };
  const started = performance.now();
  const scan = await phase('scan', () => ops.scan(allPresets()));
  const scored = await phase('score', () => ops.score(scan, { rules, asOf }));
  await phase('apply', () => ops.apply(scored, 'zh-CN'));
  const ms = performance.now() - started;
  if (scored.run.customers.length !== rows) throw new BenchError(`the add-in path scored ${scored.run.customers.length} customers of ${rows}`);

  const naiveExcel = await EmulatedExcel.fromXlsx(bytes);
  naiveExcel.stats.reset();
  const naiveStarted = performance.now();
  const naive = await naiveAddin(naiveExcel.run, rules, asOf, naiveRows);
  const naiveMs = performance.now() - naiveStarted;
  const measuredSyncs = naiveExcel.stats.syncs;
  const measuredBytes = naiveExcel.stats.requests.reduce((n, r) => n + r.bytes, 0);
  // Per row beyond the header's and the last sync: what one more customer costs the naive add-in.
  const scale = rows / naive.rows;
  const naiveSyncs = naive.rows === rows ? measuredSyncs : 2 + (measuredSyncs - 2) * scale;
  const naiveBytes = naive.rows === rows ? measuredBytes : measuredBytes * scale;
  const extrapolated =
    naive.rows === rows
      ? ''
      : `; measured on the first ${fmtInt(naive.rows)} customers (${measuredSyncs} syncs, ${fmtInt(measuredBytes)} bytes, ${fmtMs(naiveMs)}) and extrapolated per row`;

  // The naive add-in must write what the add-in writes, or the comparison is of different work.
  const ours = excel.peek(scored.run.evaluation.table.sheet, `O4:Q${3 + naive.rows}`).values;
  const differing = naive.written.filter((cells, i) => JSON.stringify(cells.map((c) => c ?? '')) !== JSON.stringify(ours[i])).length;
  if (differing > 0) notes.push(`the naive add-in wrote different managed cells than the add-in for ${differing} of ${naive.rows} customers`);

  add({
    name: 'addin-syncs',
    rows,
    median_ms: ms,
    peak_mb: null,
    ratio: naiveSyncs / syncs,
    unit: 'syncs',
    value: syncs,
    runs: 1,
    note: `scan + score + apply through the emulated Excel (${phases.join(', ')}); ratio: naive syncs ÷ these; time is the emulator's, not Excel's`,
  });
  add({
    name: 'addin-request-bytes',
    rows,
    median_ms: null,
    peak_mb: null,
    ratio: naiveBytes / requestBytes,
    unit: 'bytes',
    value: requestBytes,
    runs: 1,
    note: 'request bytes as the emulator counts them; ratio: naive ÷ these',
  });
  add({
    name: 'naive-syncs',
    rows,
    median_ms: naive.rows === rows ? naiveMs : null,
    peak_mb: null,
    ratio: null,
    unit: 'syncs',
    value: naiveSyncs,
    runs: 1,
    note: `bench/naive-addin.ts: one row read and written per sync${extrapolated}`,
  });
  add({
    name: 'naive-request-bytes',
    rows,
    median_ms: null,
    peak_mb: null,
    ratio: null,
    unit: 'bytes',
    value: naiveBytes,
    runs: 1,
    note: `bench/naive-addin.ts${extrapolated}`,
  });
}

async function bundleFigure(scratch: string): Promise<void> {
  const outDir = join(scratch, 'webpack');
  rmSync(outDir, { recursive: true, force: true });
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const run = await runChild(process.execPath, [cli, '--mode', 'production', '--output-path', outDir, '--config', join(ROOT, 'webpack.config.js')]);
  const printed = /taskpane bundle: ([\d.]+) KB \(([\d.]+) KB gzipped\)/.exec(run.stdout);
  if (run.code !== 0 || !printed) throw new BenchError(`the production build failed (exit ${run.code}):\n${(run.stdout + run.stderr).trim().slice(-2000)}`);
  add({
    name: 'bundle',
    rows: null,
    median_ms: null,
    peak_mb: null,
    ratio: null,
    unit: 'KB gzipped',
    value: Number(printed[2]),
    runs: 1,
    note: `the task pane's JavaScript after \`webpack --mode production\`: ${printed[1]} KB, ${printed[2]} KB gzipped (level 9)`,
  });
}

// ---- the analyses (issue 11): score --preset service and --preset rfm against LibreOffice ----

/**
 * LibreOffice's time limit per run of the analyses' formulas. Its AVERAGEIFS, COUNTIFS and
 * RANK.AVG read the whole survey or ledger once per customer, so its time grows with the
 * square of the customers: a size whose run would pass 5 minutes (judged from the size below,
 * as if it grew only linearly) is not run, and a run that reaches the limit is stopped.
 */
const ANALYSES_OFFICE_LIMIT_MS = 5 * 60_000;

const SERVICE_COMPARISON: Comparison = {
  preset: 'service',
  label: 'score --preset service',
  scoreEntry: 'score-service',
  officeEntry: 'libreoffice-service',
  scoreNote:
    'score --preset service on the analyses workbook (customer table, survey of two periods per customer, ledger of purchases), charts included; RFM runs beside it, as the command does whenever a workbook has purchases',
  officeNote:
    "LibreOffice headless: the survey as formulas (AVERAGEIFS per customer and dimension, the score, the weakest dimension; COUNTIFS for the NPS; no charts), recalculated and saved as .xlsx; ratio: its time ÷ score's",
  officeLimitMs: ANALYSES_OFFICE_LIMIT_MS,
};

const RFM_COMPARISON: Comparison = {
  preset: 'rfm',
  label: 'score --preset rfm',
  scoreEntry: 'score-rfm',
  officeEntry: 'libreoffice-rfm',
  scoreNote:
    'score --preset rfm on the analyses workbook (purchases within the 12 months up to the as-of date), charts included; the survey runs beside it, as the command does whenever a workbook has one',
  officeNote:
    "LibreOffice headless: RFM as formulas (COUNTIFS, SUMIFS, MAXIFS per customer within the period; RANK.AVG for the quintiles; the score and the segment; no charts), recalculated and saved as .xlsx; ratio: its time ÷ score's",
  officeLimitMs: ANALYSES_OFFICE_LIMIT_MS,
};

function analysesRules(): { service: ServiceRules; rfm: RfmRules } {
  return { service: getServicePreset(), rfm: getRfmPreset() };
}

/** The same within what the report's rounding (two decimals for means) leaves. */
const near = (a: unknown, b: unknown, within = 1e-9) => typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= within;

/** LibreOffice's recalculated copy of a formula workbook: its customer names and its formula sheet's rows (header dropped). */
async function officeResults(lo: LibreOffice, formulas: string, sheetName: string, scratch: string): Promise<{ names: string[]; rows: RawCell[][] }> {
  const converted = await lo.convert(formulas, join(scratch, 'lo-check'));
  const grids = await readWorkbook(new Uint8Array(readFileSync(converted.output)));
  const customers = grids.find((g) => g.name === CUSTOMER_SHEET);
  const sheet = grids.find((g) => g.name === sheetName);
  if (!customers || !sheet) throw new BenchError(`LibreOffice's output of ${formulas} lacks the sheet ${customers ? sheetName : CUSTOMER_SHEET}`);
  return { names: customers.rows.slice(1).map((r) => String(r[0] ?? '')), rows: sheet.rows.slice(1) };
}

function disagree(what: string, compared: number, differences: string[]): never {
  throw new BenchError(
    `LibreOffice and score --preset ${what} disagree on the 1,000-customer analyses workbook (${differences.length} differences over ${compared} customers):\n  ${differences.slice(0, 5).join('\n  ')}\nThe comparison would not be of the same analysis: stopping. (Does the preset still match bench/formulas.ts?)`,
  );
}

/**
 * Before timing LibreOffice on the survey: on 1,000 customers, each customer's dimension
 * means, score and weakest dimension, the dimensions' means and the NPS of its formulas equal
 * the command's report on the same customers.
 */
async function checkServiceOffice(lo: LibreOffice, plain: string, formulas: string, scratch: string): Promise<void> {
  const json = join(scratch, 'check-service.json');
  await scoreOnce(plain, scratch, json, 'service');
  const report = JSON.parse(readFileSync(json, 'utf8')) as {
    rows: { key: string; score: number | null; weakest: { id: string } | null; breakdown: { mean: number | null }[] }[];
    service: { nps: { score: number | null }; dimensions: { mean: number | null }[] };
  };
  const office = await officeResults(lo, formulas, SERVICE_FORMULA_SHEET, scratch);
  const rules = analysesRules().service;
  const idOf = new Map(rules.dimensions.map((d) => [d.label.zh, d.id]));
  const dimensions = SURVEY_DIMENSIONS.length;
  const byKey = new Map(report.rows.map((r) => [r.key, r]));
  const differences: string[] = [];
  office.names.forEach((name, i) => {
    const cells = office.rows[i] ?? [];
    const ours = byKey.get(name);
    const weakest = typeof cells[dimensions + 1] === 'string' ? idOf.get(cells[dimensions + 1] as string) : undefined;
    const meansAgree = ours?.breakdown.every((b, d) => near(b.mean, cells[d], 0.005 + 1e-9)) ?? false;
    if (!ours || !near(ours.score, cells[dimensions]) || weakest !== ours.weakest?.id || !meansAgree || ours.breakdown.length !== dimensions) {
      differences.push(
        `${name}: score ${ours?.score} / ${ours?.weakest?.id} / ${ours?.breakdown.map((b) => b.mean).join(' ')}, LibreOffice ${String(cells[dimensions])} / ${String(cells[dimensions + 1])} / ${cells.slice(0, dimensions).join(' ')}`,
      );
    }
  });
  const summary = office.rows[0] ?? [];
  const nps = summary[dimensions + 2];
  if (!near(report.service.nps.score, nps)) differences.push(`NPS: score ${report.service.nps.score}, LibreOffice ${String(nps)}`);
  report.service.dimensions.forEach((d, k) => {
    const mean = summary[dimensions + 3 + k];
    if (!near(d.mean, mean, 0.005 + 1e-9)) differences.push(`dimension ${k + 1}'s mean: score ${d.mean}, LibreOffice ${String(mean)}`);
  });
  if (report.rows.length !== office.names.length) differences.push(`customers: score ${report.rows.length}, LibreOffice ${office.names.length}`);
  if (differences.length > 0) disagree('service', office.names.length, differences);
  log(
    `  LibreOffice check (service): its ${fmtInt(office.names.length)} customers' means, scores and weakest dimensions, the dimensions' means and the NPS (${String(nps)}) equal the score command's`,
  );
}

/**
 * Before timing LibreOffice on RFM: on 1,000 customers, each customer's F, M, R, F and M scores,
 * RFM score and segment of its formulas equal the command's report, over the same period.
 */
async function checkRfmOffice(lo: LibreOffice, plain: string, formulas: string, scratch: string): Promise<void> {
  const json = join(scratch, 'check-rfm.json');
  await scoreOnce(plain, scratch, json, 'rfm');
  const report = JSON.parse(readFileSync(json, 'utf8')) as {
    rows: { key: string; score: number; tier: { id: string }; breakdown: { indicator: string; value: number | null; points: number | null }[] }[];
    rfm: { period: { from: string; to: string } | null };
  };
  if (report.rfm.period?.from !== PERIOD_FROM_ISO || report.rfm.period.to !== AS_OF_ISO) {
    throw new BenchError(
      `score --preset rfm counted purchases over ${JSON.stringify(report.rfm.period)}, the formulas over ${PERIOD_FROM_ISO} to ${AS_OF_ISO}`,
    );
  }
  const office = await officeResults(lo, formulas, RFM_FORMULA_SHEET, scratch);
  const segmentOf = new Map(analysesRules().rfm.segments.map((s) => [s.label.zh, s.id]));
  const byKey = new Map(report.rows.map((r) => [r.key, r]));
  const differences: string[] = [];
  office.names.forEach((name, i) => {
    // nf nm nl nd sr sf sm ss sg
    const [f, m, , , sr, sf, sm, score, segment] = office.rows[i] ?? [];
    const ours = byKey.get(name);
    const letter = (id: string) => ours?.breakdown.find((b) => b.indicator === id);
    const agree =
      ours !== undefined &&
      near(letter('frequency')?.value, f) &&
      near(letter('monetary')?.value, m) &&
      near(letter('recency')?.points, sr) &&
      near(letter('frequency')?.points, sf) &&
      near(letter('monetary')?.points, sm) &&
      near(ours.score, score) &&
      typeof segment === 'string' &&
      segmentOf.get(segment) === ours.tier.id;
    if (!agree) {
      differences.push(
        `${name}: score F ${letter('frequency')?.value} M ${letter('monetary')?.value} → ${['recency', 'frequency', 'monetary'].map((l) => letter(l)?.points).join(' ')} ${ours?.score} ${ours?.tier.id}, LibreOffice F ${String(f)} M ${String(m)} → ${String(sr)} ${String(sf)} ${String(sm)} ${String(score)} ${String(segment)}`,
      );
    }
  });
  if (report.rows.length !== office.names.length) differences.push(`customers: score ${report.rows.length}, LibreOffice ${office.names.length}`);
  if (differences.length > 0) disagree('rfm', office.names.length, differences);
  log(`  LibreOffice check (rfm): its ${fmtInt(office.names.length)} customers' F, M, quintile scores, RFM scores and segments equal the score command's`);
}

/** The chart parts of a package. */
function chartsIn(bytes: Uint8Array): number {
  const zip = readZip(bytes);
  if (!zip) throw new BenchError('the score command wrote a file that is not a zip');
  return [...zip.entries.keys()].filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name)).length;
}

/**
 * `score --preset service` and `score --preset rfm` on the analyses workbooks, each interleaved
 * with LibreOffice recalculating the same analysis as formulas (after the check on 1,000
 * customers), size by size; a size LibreOffice would take over its limit for is not run there.
 */
async function analysesFigures(options: Options, lo: LibreOffice | undefined, scratch: string): Promise<void> {
  const rules = analysesRules();
  const files = new Map<number, string>();
  for (const rows of options.analysesSizes) {
    const plain = ensureAnalysesWorkbook(options.cache, rows, 'none', rules);
    log(`analyses workbook of ${fmtInt(rows)} customers: ${plain.generatedMs > 0 ? `generated in ${fmtMs(plain.generatedMs)}` : 'cached'}`);
    files.set(rows, plain.path);
  }
  // The formula versions, made when LibreOffice runs at their size.
  const formulasOf = (rows: number, preset: 'service' | 'rfm') => {
    const made = ensureAnalysesWorkbook(options.cache, rows, preset, rules);
    if (made.generatedMs > 0) log(`  ${preset} formula workbook of ${fmtInt(rows)} customers generated in ${fmtMs(made.generatedMs)}`);
    return made.path;
  };
  if (lo) {
    const plain = ensureAnalysesWorkbook(options.cache, 1_000, 'none', rules).path;
    await checkServiceOffice(lo, plain, formulasOf(1_000, 'service'), scratch);
    await checkRfmOffice(lo, plain, formulasOf(1_000, 'rfm'), scratch);
  }
  let previous: number | undefined;
  for (const rows of options.analysesSizes) {
    const plain = files.get(rows)!;
    for (const what of [SERVICE_COMPARISON, RFM_COMPARISON]) {
      // LibreOffice at this size, judged from the size below as if it grew linearly.
      const below = previous === undefined ? undefined : find(what.officeEntry, previous);
      const expected = below?.median_ms != null ? (below.median_ms * rows) / previous! : undefined;
      const capped = below !== undefined && (below.median_ms === null || (expected !== undefined && expected > ANALYSES_OFFICE_LIMIT_MS));
      const formulas = lo && !capped ? formulasOf(rows, what.preset as 'service' | 'rfm') : undefined;
      await timeCommands(rows, plain, formulas, lo, RUNS[options.quick ? 'quick' : 'full'](rows), scratch, what);
      const timed = find(what.scoreEntry, rows);
      if (timed?.median_ms != null) timed.charts = chartsIn(new Uint8Array(readFileSync(join(scratch, 'scored.xlsx'))));
      if (lo && capped) {
        const why =
          below.median_ms === null
            ? `it was stopped at ${fmtInt(previous!)}`
            : `${fmtMs(below.median_ms)} at ${fmtInt(previous!)} would be at least ${fmtMs(expected!)} here even if it grew only linearly`;
        untimed(
          what.officeEntry,
          rows,
          `capped: not run, over the bench's ${fmtMs(ANALYSES_OFFICE_LIMIT_MS)} limit for LibreOffice (${why}); compared at ${fmtInt(previous!)} instead`,
        );
        log(`  LibreOffice (${what.preset}) ${fmtInt(rows)}: not run (${why})`);
      }
    }
    previous = rows;
  }
  for (const what of [SERVICE_COMPARISON, RFM_COMPARISON]) {
    for (const e of entries.filter((x) => x.name === what.officeEntry && x.median_ms !== null)) {
      const ours = find(what.scoreEntry, e.rows)?.median_ms;
      if (ours) e.ratio = e.median_ms! / ours;
    }
  }
}

// ---- budgets ----

function budgets(options: Options): Budget[] {
  return [...(options.only === 'analyses' ? [] : evaluationBudgets(options)), ...(options.only === 'evaluation' ? [] : analysesBudgets(options))];
}

/**
 * The analyses' budgets (issue 11: the same speed budget as the rest of the command): each
 * preset at least 10× faster than LibreOffice at the largest size both ran, under 1.5 s on
 * 10,000 customers, under 1 GB peak memory on 100,000.
 */
function analysesBudgets(options: Options): Budget[] {
  const out: Budget[] = [];
  const check = (name: string, ok: boolean | null, figure: string) => out.push({ name, ok, figure });
  const sizes = options.analysesSizes;
  for (const what of [SERVICE_COMPARISON, RFM_COMPARISON]) {
    const failedAt = (rows: number) => find(what.scoreEntry, rows) !== undefined && find(what.scoreEntry, rows)!.median_ms === null;
    if (options.libreoffice) {
      // As the score's (checked on 100,000), on a size where the work outweighs starting the processes.
      const both = sizes.filter((n) => n >= 10_000 && find(what.scoreEntry, n)?.median_ms != null && find(what.officeEntry, n)?.median_ms != null);
      if (both.length > 0) {
        const at = Math.max(...both);
        const ours = find(what.scoreEntry, at)!.median_ms!;
        const office = find(what.officeEntry, at)!.median_ms!;
        const capped = sizes.filter((n) => n > at && find(what.officeEntry, n)?.note?.startsWith('capped'));
        check(
          `${what.label} ≥ 10× faster than LibreOffice (at ${fmtInt(at)}${capped.length > 0 ? `; LibreOffice capped at ${capped.map(fmtInt).join(', ')}` : ''})`,
          office / ours >= 10,
          `${fmtRatio(office / ours)} (${fmtMs(ours)} vs ${fmtMs(office)})`,
        );
      } else if (sizes.some((n) => n >= 10_000)) check(`${what.label} ≥ 10× faster than LibreOffice`, sizes.some(failedAt) ? false : null, 'not measured');
    }
    if (sizes.includes(10_000)) {
      const ms = find(what.scoreEntry, 10_000)?.median_ms ?? null;
      check(`${what.label} on 10,000 < 1.5 s`, ms !== null ? ms < 1500 : failedAt(10_000) ? false : null, fmtMs(ms));
    }
    if (sizes.includes(100_000)) {
      const peak = find(what.scoreEntry, 100_000)?.peak_mb ?? null;
      check(`${what.label} on 100,000 < 1 GB peak memory`, peak !== null ? peak < 1024 : failedAt(100_000) ? false : null, fmtMb(peak));
    }
  }
  return out;
}

function evaluationBudgets(options: Options): Budget[] {
  const out: Budget[] = [];
  const check = (name: string, ok: boolean | null, figure: string) => out.push({ name, ok, figure });
  const time = (name: string, rows: number) => find(name, rows)?.median_ms ?? null;
  const score10k = time('score', 10_000);
  const score100k = time('score', 100_000);
  const scoreEntry100k = find('score', 100_000);
  const lo100k = time('libreoffice', 100_000);
  const floor100k = time('xml-floor', 100_000);
  const has100k = options.sizes.includes(100_000);
  const failedAt = (rows: number) => find('score', rows) !== undefined && find('score', rows)!.median_ms === null;

  if (has100k && options.libreoffice) {
    check(
      'score on 100,000 ≥ 10× faster than LibreOffice',
      score100k !== null && lo100k !== null ? lo100k / score100k >= 10 : failedAt(100_000) ? false : null,
      score100k !== null && lo100k !== null ? `${fmtRatio(lo100k / score100k)} (${fmtMs(score100k)} vs ${fmtMs(lo100k)})` : 'not measured',
    );
  }
  if (has100k) {
    check(
      'score on 100,000 ≤ 5× the XML floor',
      score100k !== null && floor100k !== null ? score100k / floor100k <= 5 : failedAt(100_000) ? false : null,
      score100k !== null && floor100k !== null ? `${fmtRatio(score100k / floor100k)} (${fmtMs(score100k)} vs ${fmtMs(floor100k)})` : 'not measured',
    );
    const peak = scoreEntry100k?.peak_mb ?? null;
    check('score on 100,000 < 1 GB peak memory', peak !== null ? peak < 1024 : failedAt(100_000) ? false : null, fmtMb(peak));
    check(
      'score time 10,000 → 100,000 grows ≤ 11×',
      score10k !== null && score100k !== null ? score100k / score10k <= 11 : failedAt(100_000) ? false : null,
      score10k !== null && score100k !== null ? fmtRatio(score100k / score10k) : 'not measured',
    );
  }
  if (options.sizes.includes(10_000)) {
    check('score on 10,000 < 1.5 s', score10k !== null ? score10k < 1500 : failedAt(10_000) ? false : null, fmtMs(score10k));
  }
  for (const rows of options.sizes.filter((n) => n >= 10_000)) {
    const prepare = find('prepare', rows);
    if (prepare?.value != null) check(`prepare ≥ 150,000 customers/s (${fmtInt(rows)})`, prepare.value >= 150_000, `${fmtInt(prepare.value)} customers/s`);
  }
  for (const [rows, limit] of [
    [10_000, 3],
    [100_000, 30],
  ] as const) {
    const preview = time('preview', rows);
    if (options.sizes.includes(rows)) check(`live preview ≤ ${limit} ms at ${fmtInt(rows)}`, preview === null ? null : preview <= limit, fmtMs(preview));
  }
  const addin = find('addin-syncs', 10_000);
  if (addin)
    check(
      'add-in ≥ 1,000× fewer syncs than naive at 10,000',
      addin.ratio! >= 1000,
      `${fmtRatio(addin.ratio)} (${fmtInt(find('naive-syncs', 10_000)!.value!)} vs ${addin.value})`,
    );
  return out;
}

// ---- output ----

/** One line per figure, one column per size: what the bench prints and the README shows. */
function table(sizes: readonly number[]): string[] {
  const lines = [`| | ${sizes.map(fmtInt).join(' | ')} |`, `| --- |${sizes.map(() => ' ---: |').join('')}`];
  const row = (label: string, cell: (rows: number) => string | undefined) => {
    const cells = sizes.map((n) => cell(n) ?? '—');
    if (cells.some((c) => c !== '—')) lines.push(`| ${label} | ${cells.join(' | ')} |`);
  };
  const timed = (name: string) => (n: number) => {
    const e = find(name, n);
    if (!e) return undefined;
    if (e.median_ms === null) return e.note?.startsWith('failed') ? 'failed' : undefined;
    return e.peak_mb === null ? fmtMs(e.median_ms) : `${fmtMs(e.median_ms)}, ${fmtMb(e.peak_mb)}`;
  };
  const ratio = (name: string) => (n: number) => {
    const r = find(name, n)?.ratio;
    return r == null ? undefined : fmtRatio(r);
  };
  const count = (name: string) => (n: number) => {
    const e = find(name, n);
    return e?.value == null ? undefined : fmtInt(e.value);
  };
  row('`score` command: time, peak memory (mixed values)', timed('score'));
  row('LibreOffice: recalculate + save, peak memory (clean values)', timed('libreoffice'));
  row('LibreOffice time ÷ `score` time', ratio('libreoffice'));
  row('floor: inflate + scan the XML it reads (both sheets, shared strings)', timed('xml-floor'));
  row('`score` time ÷ floor', ratio('score'));
  row('the same + deflate the evaluation sheet XML again (read-and-write floor)', timed('xml-floor-rw'));
  row('`score` time ÷ read-and-write floor', (n) => {
    const score = find('score', n)?.median_ms;
    const rw = find('xml-floor-rw', n)?.median_ms;
    return score != null && rw ? fmtRatio(score / rw) : undefined;
  });
  row('reading the workbook in-process (src/xlsx/read.ts)', timed('read'));
  row('preparing the rows (customers/s)', (n) => {
    const e = find('prepare', n);
    return e?.value == null ? undefined : `${fmtMs(e.median_ms)} (${fmtInt(e.value)}/s)`;
  });
  row('live preview after a weight edit', timed('preview'));
  row('add-in path, emulated Excel: syncs (scan + score + apply)', (n) => {
    const e = find('addin-syncs', n);
    const phases = /\((scan [^)]*)\)/.exec(e?.note ?? '')?.[1];
    return e?.value == null ? undefined : `${fmtInt(e.value)}${phases ? ` (${phases})` : ''}`;
  });
  row('naive add-in (one row per sync): syncs', count('naive-syncs'));
  row('naive syncs ÷ add-in syncs', ratio('addin-syncs'));
  row('add-in path: request bytes', count('addin-request-bytes'));
  row('naive add-in: request bytes', count('naive-request-bytes'));
  row('`score` time ÷ its time at 10,000', (n) => (n === 100_000 ? ratio('score-growth')(n) : undefined));
  const officeCell = (name: string) => (n: number) => {
    const note = find(name, n)?.note ?? '';
    if (note.startsWith('capped: stopped')) return '> 5 min (stopped at the limit)';
    if (note.startsWith('capped')) return '> 5 min (not run)';
    return timed(name)(n);
  };
  row('`score --preset service` (survey, RFM beside it, charts): time, peak memory', timed('score-service'));
  row('LibreOffice: the survey as formulas, recalculate + save, peak memory', officeCell('libreoffice-service'));
  row('LibreOffice time ÷ `score --preset service` time', ratio('libreoffice-service'));
  row('`score --preset rfm` (RFM, survey beside it, charts): time, peak memory', timed('score-rfm'));
  row('LibreOffice: RFM as formulas, recalculate + save, peak memory', officeCell('libreoffice-rfm'));
  row('LibreOffice time ÷ `score --preset rfm` time', ratio('libreoffice-rfm'));
  const bundle = find('bundle', null);
  if (bundle?.value != null) lines.push('', `task pane bundle (production): ${bundle.note?.replace(/^.*: /, '') ?? `${bundle.value} KB gzipped`}`);
  return lines;
}

function machine(): { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string; loadAverage: { start: number; end?: number } } {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? '',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: { start: round(loadavg()[0]!)! },
  };
}

// ---- main ----

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.tableFrom) {
    const earlier = JSON.parse(readFileSync(options.tableFrom, 'utf8')) as { entries: Entry[]; budgets: Budget[]; machine: ReturnType<typeof machine> };
    entries.push(...earlier.entries);
    const sizes = [...new Set(earlier.entries.map((e) => e.rows).filter((n): n is number => n !== null))].sort((a, b) => a - b);
    for (const line of table(sizes)) log(line);
    for (const b of earlier.budgets) log(`  ${b.ok === null ? 'not checked' : b.ok ? 'ok    ' : 'MISSED'}  ${b.name}: ${b.figure}`);
    return 0;
  }
  const host = machine();
  const evaluation = options.only !== 'analyses';
  const analyses = options.only !== 'evaluation';
  log(
    `bench: ${options.quick ? 'quick (no LibreOffice)' : 'full'}${options.only ? `, only the ${options.only}` : ''}; sizes ${evaluation ? options.sizes.map(fmtInt).join(', ') : '—'}, the analyses' ${analyses ? options.analysesSizes.map(fmtInt).join(', ') : '—'}`,
  );
  log(`machine: ${host.cpus} × ${host.cpuModel}, ${host.memoryGb} GB memory, node ${host.node}, ${host.platform}`);
  const cli = join(ROOT, 'dist', 'cli.cjs');
  if (!existsSync(cli)) throw new BenchError(`${cli} is missing: run the bench with \`npm run bench\`, which bundles the score command first`);
  const rules = getPreset('evaluation');
  const asOf = serialFromIso(AS_OF_ISO)!;
  const scratch = join(tmpdir(), `customer-scoring-bench-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  let lo: LibreOffice | undefined;
  try {
    // Workbooks, generated once and cached.
    const files = new Map<number, { mixed: string; clean?: string }>();
    for (const rows of evaluation ? options.sizes : []) {
      const mixed = ensureWorkbook(options.cache, rows, 'mixed', rules);
      const clean = options.libreoffice ? ensureWorkbook(options.cache, rows, 'clean', rules) : undefined;
      const made = mixed.generatedMs + (clean?.generatedMs ?? 0);
      log(`workbooks of ${fmtInt(rows)} customers: ${made > 0 ? `generated in ${fmtMs(made)}` : 'cached'} (${options.cache})`);
      files.set(rows, { mixed: mixed.path, ...(clean ? { clean: clean.path } : {}) });
    }

    if (options.libreoffice) {
      const found = findLibreOffice(log);
      if ('missing' in found) {
        notes.push(`LibreOffice skipped: ${found.missing}`);
        log(`LibreOffice skipped: ${found.missing}`);
      } else {
        log(
          `LibreOffice: ${found.version} (${found.binary})${evaluation ? '; formulas read clean values, since a formula cannot read 80万, 18个月 or 2次/月 — the score command reads the mixed ones' : ''}`,
        );
        lo = new LibreOffice(found.binary, scratch);
        if (evaluation) await checkLibreOffice(lo, ensureWorkbook(options.cache, 1_000, 'clean', rules).path, scratch);
      }
    } else {
      notes.push(options.quick ? 'LibreOffice not run (--quick)' : 'LibreOffice not run (--no-libreoffice)');
    }

    // 1 and 2: the command and LibreOffice, interleaved per size.
    for (const rows of evaluation ? options.sizes : []) {
      const { mixed, clean } = files.get(rows)!;
      await timeCommands(rows, mixed, clean, lo, RUNS[options.quick ? 'quick' : 'full'](rows), scratch);
    }

    // 3 and 5: the floor, reading, preparing, previewing — in-process.
    for (const rows of evaluation ? options.sizes : []) {
      const bytes = new Uint8Array(readFileSync(files.get(rows)!.mixed));
      const read = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml'];
      xmlFloor(bytes, read, rows, 'xml-floor');
      xmlFloor(bytes, read, rows, 'xml-floor-rw', read[0]);
      const started = performance.now();
      const grids = await readWorkbook(bytes);
      const readMs = performance.now() - started;
      add({
        name: 'read',
        rows,
        median_ms: readMs,
        peak_mb: null,
        ratio: null,
        unit: 'ms',
        value: readMs,
        runs: 1,
        note: 'readWorkbook of the mixed workbook, in-process (one run; part of what score does)',
      });
      engineFigures(rows, grids, rules, asOf, options.quick);
      log(`  in-process figures for ${fmtInt(rows)} done`);
    }

    // Ratios the budgets speak of.
    for (const e of entries.filter((x) => x.name === 'score' && x.median_ms !== null)) {
      const floor = find('xml-floor', e.rows)?.median_ms;
      if (floor) e.ratio = e.median_ms! / floor;
      const office = find('libreoffice', e.rows);
      if (office?.median_ms != null) office.ratio = office.median_ms / e.median_ms!;
    }
    const s10 = find('score', 10_000)?.median_ms;
    const s100 = find('score', 100_000)?.median_ms;
    if (s10 != null && s100 != null)
      add({
        name: 'score-growth',
        rows: 100_000,
        median_ms: null,
        peak_mb: null,
        ratio: s100 / s10,
        unit: '×',
        value: s100 / s10,
        note: 'score time at 100,000 ÷ at 10,000 (linear would be 10×)',
      });

    // 4: the add-in path at 10,000 (or the largest size below it).
    const addinRows = options.sizes.includes(10_000) ? 10_000 : Math.max(...options.sizes.filter((n) => n <= 10_000));
    if (evaluation && Number.isFinite(addinRows)) {
      const naiveRows = options.quick ? Math.min(1_000, addinRows) : addinRows;
      await addinFigures(addinRows, new Uint8Array(readFileSync(files.get(addinRows)!.mixed)), rules, asOf, naiveRows);
      log(`  add-in figures for ${fmtInt(addinRows)} done`);
    }

    // The analyses: score --preset service and --preset rfm against LibreOffice.
    if (analyses) await analysesFigures(options, lo, scratch);

    // 6: the bundle.
    if (evaluation && options.bundle) {
      await bundleFigure(scratch);
      log('  bundle built');
    } else if (evaluation) notes.push('bundle not built (--no-bundle)');
  } finally {
    lo?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  }

  const checked = budgets(options);
  host.loadAverage.end = round(loadavg()[0]!)!;
  log('');
  log(
    `machine: ${host.cpus} × ${host.cpuModel}, ${host.memoryGb} GB memory; load average (1 min) ${host.loadAverage.start} at the start, ${host.loadAverage.end} at the end (other work on the machine slows every figure)`,
  );
  const sizes = [...new Set([...(evaluation ? options.sizes : []), ...(analyses ? options.analysesSizes : [])])].sort((a, b) => a - b);
  for (const line of table(sizes)) log(line);
  log('');
  log('budgets:');
  for (const b of checked) log(`  ${b.ok === null ? 'not checked' : b.ok ? 'ok    ' : 'MISSED'}  ${b.name}: ${b.figure}`);
  for (const note of notes) log(`note: ${note}`);
  mkdirSync(dirname(options.out), { recursive: true });
  const results = {
    date: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    machine: host,
    notes,
    entries: entries.map((e) => ({ ...e, median_ms: round(e.median_ms), peak_mb: round(e.peak_mb), ratio: round(e.ratio), value: round(e.value) })),
    budgets: checked,
  };
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  log(`results: ${options.out}`);
  const missed = checked.filter((b) => b.ok === false);
  if (missed.length === 0) return 0;
  log(`${missed.length} budget(s) missed${options.reportOnly ? ' (BENCH_BUDGETS=report: not failing)' : ''}`);
  return options.reportOnly ? 0 : 1;
}

function round(n: number | null): number | null {
  return n === null ? null : Math.round(n * 100) / 100;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
