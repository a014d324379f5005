/**
 * `npm run bench`: the speed figures the issues budget, measured (tests count syncs and
 * bytes, never seconds). It runs bundled by esbuild, as the panel's code runs bundled by
 * webpack, not through tsx's module hooks (which cost the hot loop about 2×).
 *
 * - preview: re-scoring 10,000 prepared customers under edited weights (the panel's live
 *   preview while a slider moves) — budget 16 ms;
 * - prepare: reading and parsing the same 10,000 rows once;
 * - excel: find + read + score + apply of 10,000 rows through the emulated Excel (the
 *   emulator's own speed is part of this figure; real Excel differs).
 */
import { performance } from 'node:perf_hooks';
import { RuleSetSchema } from '../src/engine/rules';
import { prepareWorkbook, previewPrepared } from '../src/engine/run';
import { serialFromIso } from '../src/engine/parse';
import type { RawCell, SheetGrid } from '../src/engine/types';
import { EmulatedExcel } from '../src/emulator';
import { createWorkbookOps } from '../src/excel/ops';
import { allPresets, getPreset } from '../src/presets';

const N = 10_000;
const asOf = serialFromIso('2024-06-30')!;
const header = ['客户名称', '合作时长（年）', '所属行业(增长潜力)', '年均交易频次(次/年)', '回款及时率(%)', '满意度评分(1-5)', '投诉解决及时率', '复购率(近1年)', '新产品/服务尝试意愿', '客户信用等级', '合同履约率'];

function row(i: number): RawCell[] {
  return [`客户${i}`, `${i % 5}年`, ['高增长', '稳定', '衰退'][i % 3]!, `${i % 20}次`, 85 + (i % 15), `${3.5 + (i % 15) / 10}`, `${75 + (i % 25)}%`, (i % 10) / 10, ['主动尝试', '被动接受', '无意愿'][i % 3]!, ['AAA级', 'AA', 'A'][i % 3]!, `${88 + (i % 13)}%`];
}

const BUDGET_MS = 16;
function verdict(t: { median: number }): string {
  return t.median <= BUDGET_MS ? 'OK' : 'OVER BUDGET';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(runs: number, f: (i: number) => void): { median: number; max: number } {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f(i);
    t.push(performance.now() - start);
  }
  return { median: median(t), max: Math.max(...t) };
}

async function main(): Promise<void> {
  const rules = getPreset('evaluation');
  const sheets: SheetGrid[] = [{ name: '客户评估', rows: [header, ...Array.from({ length: N }, (_, i) => row(i))], tables: [] }];

  const prepareTime = time(5, () => prepareWorkbook(sheets, { rules, asOf }));
  const prepared = prepareWorkbook(sheets, { rules, asOf });
  const edits = Array.from({ length: 50 }, (_, k) => RuleSetSchema.parse({
    ...structuredClone(rules),
    indicators: rules.indicators.map((ind) => (ind.id === 'satisfaction' ? { ...ind, weight: 5 + k } : ind)),
  }));
  // A band being dragged: every edit gives the satisfaction indicator a new top threshold.
  const bandEdits = Array.from({ length: 50 }, (_, k) => RuleSetSchema.parse({
    ...structuredClone(rules),
    indicators: rules.indicators.map((ind) => (ind.id === 'satisfaction'
      ? { ...ind, bands: ind.bands.map((b, j) => (j === 0 && 'value' in b ? { ...b, value: 4 + k / 100 } : b)) }
      : ind)),
  }));
  // Cold: the first preview after a table is read scores every indicator's bands.
  const fresh = Array.from({ length: 5 }, () => prepareWorkbook(sheets, { rules, asOf }));
  const cold = time(fresh.length, (i) => previewPrepared(fresh[i]!, rules));
  for (let i = 0; i < 5; i++) previewPrepared(prepared, edits[i]!); // warm up
  const preview = time(edits.length, (i) => previewPrepared(prepared, edits[i]!));
  const bands = time(bandEdits.length, (i) => previewPrepared(prepared, bandEdits[i]!));

  const excel = EmulatedExcel.empty();
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.add('客户评估');
    sheet.getRange(`A1:K${N + 1}`).values = sheets[0]!.rows.map((r) => r.map((v) => (v ?? '') as string | number));
    await context.sync();
  });
  const ops = createWorkbookOps({ run: excel.run });
  let start = performance.now();
  const scan = await ops.scan(allPresets());
  const scored = await ops.score(scan, { rules, asOf });
  const readMs = performance.now() - start;
  start = performance.now();
  await ops.apply(scored, 'zh-CN');
  const applyMs = performance.now() - start;

  const lines = [
    `preview  re-score ${N} customers under edited weights: median ${preview.median.toFixed(2)} ms, max ${preview.max.toFixed(2)} ms (budget 16 ms) ${verdict(preview)}`,
    `preview  re-score ${N} customers under an edited band: median ${bands.median.toFixed(2)} ms, max ${bands.max.toFixed(2)} ms (budget 16 ms) ${verdict(bands)}`,
    `preview  first preview after reading (every band matched): median ${cold.median.toFixed(2)} ms`,
    `prepare  read and parse ${N} rows once: median ${prepareTime.median.toFixed(1)} ms`,
    `excel    find + read + score ${N} rows (emulated): ${readMs.toFixed(0)} ms; apply: ${applyMs.toFixed(0)} ms`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (preview.median > BUDGET_MS || bands.median > BUDGET_MS) process.exitCode = 1;
}

main();
