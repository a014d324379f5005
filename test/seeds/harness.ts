/**
 * Runs a seed fixture through both ways a user scores a workbook — the `score` command's
 * code (scoreFile) and the add-in's workbook operations on the emulated Excel (scan,
 * propose, score, apply) — and checks each against the fixture's hand-worked expectations:
 * the columns mapped, every customer's 综合得分 / 客户等级 / 预警标记, and the cells written.
 *
 * Each way runs once per fixture (in beforeAll); a failure there (a refused workbook, say)
 * is kept and reported by every test that needed the result, with its sentence.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { columnIndex } from '../../src/engine/address';
import { describeProblem } from '../../src/i18n/problems';
import { isScoringError } from '../../src/engine/errors';
import { serialFromIso } from '../../src/engine/parse';
import type { ScoringReport } from '../../src/engine/report';
import { buildReport } from '../../src/i18n/results';
import type { RawCell } from '../../src/engine/types';
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps } from '../../src/excel/ops';
import { allPresets, getPreset } from '../../src/presets';
import { readWorkbook } from '../../src/xlsx/read';
import { scoreFile } from '../../src/xlsx/score-file';
import type { SeedExpectation, SeedFixture } from '../fixtures/seeds';

/** The flags' names as the 预警标记 column writes them (docs/scoring-rules.md section 7). */
export const FLAG_ZH: Record<string, string> = {
  'churn-risk': '流失预警',
  'followup-overdue': '跟进逾期',
  'cadence-overdue': '维护超期',
  'low-satisfaction': '满意度低',
  'missing-data': '数据缺失',
  'tier-gate': '未达准入',
  'frequent-complaints': '投诉频繁',
  'tier-down': '等级下调',
  'tier-up': '等级上调',
};

/** What one way of scoring gave: the report, and the cells of the evaluation sheet after writing. */
export interface Outcome {
  report: ScoringReport;
  /** A cell of the evaluation sheet after the run, by 1-based row and column letter. */
  written(row: number, column: string): RawCell;
}

type Settled = { ok: true; value: Outcome } | { ok: false; error: string };

async function settle(run: () => Promise<Outcome>): Promise<Settled> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    const error = isScoringError(e) ? `${e.problem.code}: ${describeProblem(e.problem, 'zh-CN')}` : e instanceof Error ? (e.stack ?? e.message) : String(e);
    return { ok: false, error };
  }
}

function valueOf(settled: Settled | undefined): Outcome {
  if (!settled) throw new Error('the run did not start');
  if (!settled.ok) throw new Error(`the run failed: ${settled.error}`);
  return settled.value;
}

/** The `score` command's code on the workbook file: a scored copy and its JSON report. */
export async function throughScoreCommand(fixture: SeedFixture, bytes: Uint8Array): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), `${fixture.name}-`));
  const input = join(dir, `${fixture.name}.xlsx`);
  writeFileSync(input, bytes);
  const out = join(dir, `${fixture.name}.scored.xlsx`);
  const json = join(dir, `${fixture.name}.json`);
  const { expected } = fixture;
  await scoreFile({ input, preset: expected.preset, asOf: serialFromIso(expected.asOf)!, lang: 'zh-CN', out, json });
  const report = JSON.parse(readFileSync(json, 'utf8')) as ScoringReport;
  const sheets = await readWorkbook(new Uint8Array(readFileSync(out)));
  const sheet = sheets.find((s) => s.name === expected.evaluation.sheet);
  if (!sheet) throw new Error(`no sheet ${expected.evaluation.sheet} in the scored copy`);
  return { report, written: (row, column) => sheet.rows[row - 1]?.[columnIndex(column)] ?? null };
}

/** The preset the add-in proposes on its own for the workbook (scan, then propose with every preset). */
export async function presetProposedByAddIn(bytes: Uint8Array): Promise<string> {
  const excel = await EmulatedExcel.fromXlsx(bytes);
  const ops = createWorkbookOps({ run: excel.run });
  return ops.propose(await ops.scan(allPresets()), allPresets()).rules.id;
}

/** The add-in on the emulated Excel opened from the same file: scan, propose (the tables, for the expected preset), score, apply. */
export async function throughAddIn(fixture: SeedFixture, bytes: Uint8Array): Promise<Outcome> {
  const { expected } = fixture;
  const excel = await EmulatedExcel.fromXlsx(bytes);
  const ops = createWorkbookOps({ run: excel.run });
  const rules = getPreset(expected.preset);
  const scan = await ops.scan(allPresets());
  // As the panel does: the proposal's tables for the chosen rules, then score and Apply.
  const proposal = ops.propose(scan, [rules], rules);
  const scored = await ops.score(scan, {
    rules,
    asOf: serialFromIso(expected.asOf)!,
    ...(proposal.evaluation ? { evaluation: proposal.evaluation.table } : {}),
    followUp: proposal.followUp?.table ?? null,
  });
  await ops.apply(scored, 'zh-CN');
  const report = buildReport(scored.run, 'zh-CN');
  const sheet = expected.evaluation.sheet;
  return { report, written: (row, column) => (excel.peek(sheet, `${column}${row}`).values[0]?.[0] ?? null) as RawCell };
}

const sorted = (xs: readonly string[]) => [...xs].sort();

/** The flag names in a 预警标记 cell (`流失预警(121天无交易)；跟进逾期(…)`), sorted. */
export function flagNamesIn(cell: RawCell): string[] {
  if (cell === null || cell === undefined || cell === '') return [];
  return sorted(
    String(cell)
      .split('；')
      .map((part) => part.replace(/[(（].*$/s, '').trim()),
  );
}

const isEmpty = (cell: RawCell) => cell === null || cell === undefined || cell === '';

function expectMapping(report: ScoringReport, expected: SeedExpectation): void {
  const table = report.tables.evaluation;
  expect({ sheet: table.sheet, source: table.source, ...(expected.evaluation.name ? { name: table.name } : {}) }).toEqual({
    sheet: expected.evaluation.sheet,
    source: expected.evaluation.source,
    ...(expected.evaluation.name ? { name: expected.evaluation.name } : {}),
  });
  const actual = Object.fromEntries(Object.keys(expected.columns).map((id) => [id, table.columns[id]?.column ?? '(unmapped)']));
  expect(actual).toEqual(expected.columns);
  // Every indicator of the preset is mapped, and only to the column expected.
  const indicatorIds = getPreset(expected.preset).indicators.map((i) => i.id);
  expect(sorted(indicatorIds.filter((id) => table.columns[id]))).toEqual(sorted(indicatorIds.filter((id) => expected.columns[id])));
  if (expected.followUp) expect(report.tables.followUp?.sheet).toBe(expected.followUp.sheet);
}

function expectResults(report: ScoringReport, expected: SeedExpectation): void {
  expect(report.preset).toBe(expected.preset);
  expect(report.asOf).toBe(expected.asOf);
  expect(
    report.rows.map((r) => ({ key: r.key, row: r.row, score: r.score, tier: r.tier.id, tierLabel: r.tier.label, flags: sorted(r.flags.map((f) => f.id)) })),
  ).toEqual(expected.customers.map((c) => ({ key: c.key, row: c.row, score: c.score, tier: c.tier, tierLabel: c.tierLabel, flags: sorted(c.flags) })));
  expect(report.summary.tiers).toEqual(expected.tiers);
  // A 数据缺失 flag names the indicator that could not be read: `数据缺失(满意度评分 客户评估!H9 “45”)`.
  expect(
    report.rows.map((r, i) => {
      const labels = expected.customers[i]?.missing ?? [];
      return sorted(r.flags.filter((f) => f.id === 'missing-data').map((f) => labels.find((l) => f.detail.startsWith(`数据缺失(${l}`)) ?? f.detail));
    }),
  ).toEqual(expected.customers.map((c) => sorted(c.missing ?? [])));
}

function expectFollowUps(report: ScoringReport, expected: SeedExpectation): void {
  const summary = (f: ScoringReport['rows'][number]['followUp']) => (f ? { rows: f.rows, lastDate: f.lastDate, open: f.open, overdue: f.overdue } : f);
  expect(report.rows.map((r) => [r.key, summary(r.followUp)])).toEqual(expected.customers.map((c) => [c.key, c.followUp]));
}

function expectWritten(outcome: Outcome, expected: SeedExpectation): void {
  const { score, tier, flags } = expected.managed;
  const at = (row: number) => [outcome.written(row, score), outcome.written(row, tier), outcome.written(row, flags)];
  expect(at(expected.evaluation.headerRow)).toEqual(['综合得分', '客户等级', '预警标记']);
  const rows = expected.customers.map((c) => {
    const [s, t, f] = at(c.row);
    return { row: c.row, score: s, tier: t, flags: flagNamesIn(f) };
  });
  expect(rows).toEqual(expected.customers.map((c) => ({ row: c.row, score: c.score, tier: c.tierLabel, flags: sorted(c.flags.map((id) => FLAG_ZH[id]!)) })));
  for (const row of expected.notCustomers) expect({ row, cells: at(row).map((v) => (isEmpty(v) ? '' : v)) }).toEqual({ row, cells: ['', '', ''] });
}

/**
 * The tests of one seed fixture, both ways. `load` gives the workbook's bytes (built in code,
 * or a committed file saved by another tool).
 */
export function describeSeed(fixture: SeedFixture, load: () => Promise<Uint8Array>): void {
  const { expected } = fixture;
  const ways: [string, (f: SeedFixture, b: Uint8Array) => Promise<Outcome>][] = [
    ['the score command', throughScoreCommand],
    ['the add-in (emulated Excel)', throughAddIn],
  ];
  describe(`${fixture.name}: ${fixture.about}`, () => {
    for (const [way, run] of ways) {
      describe(`through ${way}`, () => {
        let settled: Settled | undefined;
        beforeAll(async () => {
          settled = await settle(async () => run(fixture, await load()));
        });

        if (way.startsWith('the add-in')) {
          it(`proposes the ${expected.preset} preset for this workbook`, async () => {
            expect(await presetProposedByAddIn(await load())).toBe(expected.preset);
          });
        }

        it(`finds ${expected.evaluation.sheet} and maps every indicator it has to its column`, () => {
          expectMapping(valueOf(settled).report, expected);
        });

        it('scores, tiers and flags every customer as docs/scoring-rules.md says', () => {
          expectResults(valueOf(settled).report, expected);
        });

        if (expected.followUp) {
          it(`reads the follow-up log on ${expected.followUp.sheet}: last contact, open and overdue items per customer`, () => {
            expectFollowUps(valueOf(settled).report, expected);
          });
        }

        it(`writes 综合得分, 客户等级 and 预警标记 into ${expected.managed.score}:${expected.managed.flags}${expected.notCustomers.length ? `, nothing on row ${expected.notCustomers.join(', ')}` : ''}`, () => {
          expectWritten(valueOf(settled), expected);
        });
      });
    }
  });
}
