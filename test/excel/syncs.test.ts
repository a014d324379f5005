/**
 * The add-in's path in syncs (issue 9's budget: at least 1,000 times fewer than a naive
 * add-in's one sync per row, which takes 10,002 at 10,000 customers, so at most 10) and the
 * rules store written in one request after Apply, on Excel on the web's 5 MB limits.
 */
import { buildWorkbook as benchWorkbook, EVALUATION_SHEET } from '../../bench/generate';
import { RULES_SHEET } from '../../src/engine/managed-sheets';
import { MAX_RUNS } from '../../src/engine/stored-rules';
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps } from '../../src/excel/ops';
import { allPresets, getPreset } from '../../src/presets';
import { buildWorkbook } from '../fixtures/build';
import { evaluationWorkbook } from '../fixtures/workbooks';
import { serial } from '../helpers/grid';

jest.setTimeout(120_000);

const AS_OF = serial('2024-06-30');
const FIVE_MB = 5 * 1024 * 1024;
const evaluation = getPreset('evaluation');

describe('scan, score and apply of 10,000 customers (the bench’s workbook)', () => {
  async function path(edit?: (excel: EmulatedExcel) => void) {
    const excel = await EmulatedExcel.fromXlsx(new Uint8Array(benchWorkbook(10_000, 'mixed', evaluation)));
    const ops = createWorkbookOps({ run: excel.run });
    const phases: Record<string, number> = {};
    const requests: { bytes: number; responseBytes: number }[] = [];
    const phase = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
      excel.stats.reset();
      const value = await f();
      phases[name] = excel.stats.syncs;
      requests.push(...excel.stats.requests);
      return value;
    };
    const scan = await phase('scan', () => ops.scan(allPresets()));
    const scored = await phase('score', () => ops.score(scan, { rules: evaluation, asOf: AS_OF }));
    edit?.(excel);
    const applied = await phase('apply', () => ops.apply(scored, 'zh-CN'));
    return { excel, ops, scored, applied, phases, requests };
  }

  it('take at most 9 syncs in all, none over 5 MB either way, and write every customer', async () => {
    const { excel, ops, applied, phases, requests } = await path();
    const total = phases.scan! + phases.score! + phases.apply!;
    expect({ ...phases, total }).toEqual({ scan: 2, score: 2, apply: 4, total: 8 });
    expect(total).toBeLessThanOrEqual(9);
    expect(requests.every((r) => r.bytes <= FIVE_MB && r.responseBytes <= FIVE_MB)).toBe(true);
    // Apply: the check's two reads, one write, and the rules stored in a request of their own.
    expect(applied.stats).toEqual({ syncs: 3, chunks: 1 });
    expect(applied.rulesStored).toBe(true);
    expect(applied.run.customers).toHaveLength(10_000);
    // Customer 1 (row 4) and customer 10,000 (row 10003): 综合得分 and 客户等级 written on their own rows.
    const [first, last] = [applied.run.customers[0]!, applied.run.customers[9_999]!];
    expect(excel.peek(EVALUATION_SHEET, 'O3:P4').values).toEqual([
      ['综合得分', '客户等级'],
      [first.score, first.tier.label.zh],
    ]);
    expect(excel.peek(EVALUATION_SHEET, 'O10003:P10003').values).toEqual([[last.score, last.tier.label.zh]]);
    const stored = await ops.loadStoredRules();
    expect(stored?.runs.map((r) => r.customers)).toEqual([10_000]);
  });

  it('a cell edited after the preview: Apply still reads the tables again and scores them as they are, in the same syncs', async () => {
    // Customer 5,000 (row 5003): 满意度评分 (G) set to 1.
    const { excel, applied, phases } = await path((excel) => excel.editCell(EVALUATION_SHEET, 'G5003', 1));
    expect(applied.rescored).toEqual({ reason: 'edited' });
    expect(phases.scan! + phases.score! + phases.apply!).toBeLessThanOrEqual(9);
    const customer = applied.run.customers.find((c) => c.row === 5002)!;
    expect(excel.peek(EVALUATION_SHEET, 'O5003').values).toEqual([[customer.score]]);
    expect(excel.peek(EVALUATION_SHEET, 'Q5003').values[0]![0]).toContain('满意度低(1 < 4)');
  });
});

describe('the rules stored after Apply, in one request', () => {
  async function open() {
    const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(evaluationWorkbook));
    const ops = createWorkbookOps({ run: excel.run });
    return { excel, ops };
  }

  /** Apply with the evaluation preset; `storeSyncs` are the syncs after the write path's. */
  async function apply(excel: EmulatedExcel, ops: ReturnType<typeof createWorkbookOps>, by = '') {
    const scored = await ops.score(await ops.scan(allPresets()), { rules: evaluation, asOf: AS_OF });
    excel.stats.reset();
    const applied = await ops.apply(scored, 'zh-CN', { by });
    return { applied, storeSyncs: excel.stats.syncs - applied.stats.syncs };
  }

  it('no store yet: the very hidden sheet is made with the rules and the first run record', async () => {
    const { excel, ops } = await open();
    const { applied, storeSyncs } = await apply(excel, ops, '王经理');
    expect(applied.rulesStored).toBe(true);
    expect(storeSyncs).toBe(1);
    expect(excel.visibility(RULES_SHEET)).toBe('VeryHidden');
    const stored = await ops.loadStoredRules();
    expect(stored?.rules).toEqual(evaluation);
    expect(stored?.runs).toHaveLength(1);
    expect(stored?.runs[0]).toMatchObject({
      preset: 'evaluation',
      asOf: '2024-06-30',
      customers: 6,
      tiers: { strategic: 1, key: 2, potential: 2, watch: 1 },
      by: '王经理',
    });
  });

  it('a store with runs: the new run is appended after them', async () => {
    const { excel, ops } = await open();
    await apply(excel, ops, '王经理');
    const { applied, storeSyncs } = await apply(excel, ops, '李经理');
    expect(applied.rulesStored).toBe(true);
    expect(storeSyncs).toBe(1);
    expect(excel.peek(RULES_SHEET, 'A4:B4').values).toEqual([['runs', 2]]);
    expect((await ops.loadStoredRules())?.runs.map((r) => r.by)).toEqual(['王经理', '李经理']);
  });

  it(`a full store (${MAX_RUNS} runs): the oldest drops off, the others move up one row, the new run last`, async () => {
    const { excel, ops } = await open();
    await apply(excel, ops);
    // 500 earlier runs, 'run 1' the oldest (row 2) to 'run 500' (row 501).
    const log = Array.from({ length: MAX_RUNS }, (_, i) => [`run ${i + 1}`, 'evaluation', `hash ${i + 1}`, 'as of', i + 1, '{"key":1}', `销售${i + 1}`, '[]']);
    excel.editCell(RULES_SHEET, `E2:L${MAX_RUNS + 1}`, log);
    excel.editCell(RULES_SHEET, 'B4', MAX_RUNS);
    const { applied, storeSyncs } = await apply(excel, ops, '赵经理');
    expect(applied.rulesStored).toBe(true);
    expect(storeSyncs).toBe(1);
    expect(excel.peek(RULES_SHEET, 'B4').values).toEqual([[MAX_RUNS]]);
    expect(excel.peek(RULES_SHEET, 'E2:L2').values).toEqual([['run 2', 'evaluation', 'hash 2', 'as of', 2, '{"key":1}', '销售2', '[]']]);
    expect(excel.peek(RULES_SHEET, `E${MAX_RUNS}:F${MAX_RUNS}`).values).toEqual([['run 500', 'evaluation']]);
    expect(excel.peek(RULES_SHEET, `E${MAX_RUNS + 2}:L${MAX_RUNS + 2}`).values).toEqual([['', '', '', '', '', '', '', '']]);
    const runs = (await ops.loadStoredRules())!.runs;
    expect(runs).toHaveLength(MAX_RUNS);
    expect(runs[0]!.at).toBe('run 2');
    expect(runs.at(-1)).toMatchObject({ preset: 'evaluation', asOf: '2024-06-30', customers: 6, by: '赵经理' });
  });

  it('a rules sheet that cannot be written: the results stay written, rulesStored is false and the warning says why', async () => {
    const { excel, ops } = await open();
    await apply(excel, ops);
    expect(excel.peek('客户评估', 'N4').values).toEqual([[100]]);
    excel.editCell('客户评估', 'G4', 3.0); // 华东精密's satisfaction drops: the second run writes a lower score
    excel.protect(RULES_SHEET);
    const rules = excel.peek(RULES_SHEET).values;
    const { applied } = await apply(excel, ops);
    expect(applied.rulesStored).toBe(false);
    expect(applied.warning?.problem).toEqual({ code: 'excel-failed', params: { code: 'AccessDenied', step: 'store-rules' } });
    const written = excel.peek('客户评估', 'N4').values[0]![0];
    expect(written).toBeLessThan(100);
    expect(written).toBe(applied.run.customers[0]!.score);
    expect(excel.peek(RULES_SHEET).values).toEqual(rules);
  });
});
