/**
 * The add-in's workbook side (src/excel) driven through the strict emulated Excel, from
 * real .xlsx fixtures: find, read, score, write, charts and stored rules.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ScoringError } from '../../src/engine/errors';
import { buildReport } from '../../src/i18n/results';
import { RuleSetSchema } from '../../src/engine/rules';
import { EmulatedExcel } from '../../src/emulator';
import type { ExcelRun } from '../../src/excel/host';
import { createWorkbookOps } from '../../src/excel/ops';
import { blockAddresses, rowBlocks } from '../../src/excel/select';
import { RULES_SHEET } from '../../src/engine/managed-sheets';
import { allPresets, getPreset } from '../../src/presets';
import { scoreFile } from '../../src/xlsx/score-file';
import { buildWorkbook, writeFixture } from '../fixtures/build';
import { evaluationWorkbook, gradingWorkbook, missingColumnWorkbook } from '../fixtures/workbooks';
import { serial } from '../helpers/grid';

jest.setTimeout(120_000);

const AS_OF = serial('2024-06-30');
const evaluation = getPreset('evaluation');

async function open(spec = evaluationWorkbook, options = {}) {
  const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(spec), options);
  return { excel, ops: createWorkbookOps({ run: excel.run }) };
}

/** Every sheet's values, for before/after comparisons. */
function snapshot(excel: EmulatedExcel): Record<string, unknown[][]> {
  return Object.fromEntries(excel.sheetNames().map((name) => [name, excel.peek(name).values]));
}

/** A sheet's values without the given columns (0-based). */
function without(values: unknown[][], columns: number[]): unknown[][] {
  return values.map((row) => row.filter((_, c) => !columns.includes(c)));
}

async function scoreAndApply(ops: ReturnType<typeof createWorkbookOps>, rules = evaluation, excel?: EmulatedExcel) {
  const scan = await ops.scan(allPresets());
  const before = excel?.stats.syncs ?? 0;
  const scored = await ops.score(scan, { rules, asOf: AS_OF });
  const readSyncs = (excel?.stats.syncs ?? 0) - before;
  const applied = await ops.apply(scored, 'zh-CN');
  return { scan, scored, applied, readSyncs };
}

describe('find', () => {
  it('lists and classifies the tables and proposes the mapping in at most 2 syncs', async () => {
    const { excel, ops } = await open();
    excel.stats.reset();
    const scan = await ops.scan(allPresets());
    expect(excel.stats.syncs).toBeLessThanOrEqual(2);
    const proposal = ops.propose(scan, allPresets());
    expect(proposal.rules.id).toBe('evaluation');
    expect(proposal.evaluation?.table).toMatchObject({ sheet: '客户评估', source: 'excel-table', name: '客户评估表' });
    expect(proposal.evaluation?.coverage).toBe(1);
    expect(proposal.followUp?.table.sheet).toBe('跟进记录');
    expect(proposal.evaluation?.indicators.creditRating?.header).toBe('客户信用等级');
  });
});

describe('score and apply on the evaluation fixture', () => {
  let excel: EmulatedExcel;
  let ops: ReturnType<typeof createWorkbookOps>;
  let before: Record<string, unknown[][]>;
  let first: Awaited<ReturnType<typeof scoreAndApply>>;
  let afterFirst: Record<string, unknown[][]>;

  beforeAll(async () => {
    ({ excel, ops } = await open());
    before = snapshot(excel);
    excel.stats.reset();
    first = await scoreAndApply(ops, evaluation, excel);
    afterFirst = snapshot(excel);
  });

  it('gives the same results as the score command for the same workbook and preset', async () => {
    const file = await writeFixture(evaluationWorkbook, 'excel-vs-cli.xlsx');
    const cli = await scoreFile({
      input: file,
      preset: 'evaluation',
      asOf: AS_OF,
      lang: 'zh-CN',
      out: file.replace('.xlsx', '.out.xlsx'),
      json: file.replace('.xlsx', '.json'),
    });
    expect({ ...buildReport(first.scored.run, 'zh-CN'), rulesSource: 'preset' }).toEqual(cli.report);
    expect(JSON.parse(readFileSync(file.replace('.xlsx', '.json'), 'utf8'))).toEqual(cli.report);
  });

  it('writes 综合得分, 客户等级 and 预警标记 as table columns with the engine’s values', () => {
    const view = excel.peek('客户评估', 'N3:P9');
    expect(view.values[0]).toEqual(['综合得分', '客户等级', '预警标记']);
    expect(view.values.slice(1).map((r) => r[0])).toEqual([100, 89.3, 55.5, 0, 85.7, 55.5]);
    expect(view.values.slice(1).map((r) => r[1])).toEqual(['战略级客户', '重点客户', '潜力客户', '观察客户', '重点客户', '潜力客户']);
    expect(view.values[5]![2]).toBe('数据缺失(年均交易频次 客户评估!E8 “—”)');
    expect(view.numberFormat.slice(1).map((r) => r[0])).toEqual(Array(6).fill('0.0'));
    expect(excel.tables('客户评估')).toEqual([{ name: '客户评估表', range: 'A3:P9' }]);
  });

  it('colours tier cells with one conditional format per tier', () => {
    const formats = excel.conditionalFormats('客户评估');
    // Excel gives the newest format the top priority; the rules are exclusive, so order does not matter.
    expect(formats.map((f) => [f.address, f.fill]).sort()).toEqual([
      ["'客户评估'!O4:O9", '#C6EFCE'],
      ["'客户评估'!O4:O9", '#DDEBF7'],
      ["'客户评估'!O4:O9", '#FCE4D6'],
      ["'客户评估'!O4:O9", '#FFF2CC'],
    ]);
    expect(formats.map((f) => f.rule)).toContainEqual(expect.objectContaining({ formula1: '="战略级客户"', operator: 'EqualTo' }));
  });

  it('leaves every cell it does not own as it was', () => {
    for (const name of Object.keys(before)) {
      if (name === '客户评估') expect(without(afterFirst[name]!, [13, 14, 15])).toEqual(without(before[name]!, [13, 14, 15]));
      else if (name !== RULES_SHEET) expect(afterFirst[name]).toEqual(before[name]);
    }
  });

  it('reads in one sync and writes in one check sync plus one write sync, all within 5 MB', () => {
    expect(first.readSyncs).toBe(1);
    expect(excel.stats.requests.every((r) => r.bytes <= 5 * 1024 * 1024 && r.responseBytes <= 5 * 1024 * 1024)).toBe(true);
    expect(first.applied.stats).toEqual({ syncs: 2, chunks: 1 });
    expect(first.applied.rulesStored).toBe(true);
  });

  it('selects the flagged customers’ rows across the table and its managed columns (A:P) in one sync, changing no cell', async () => {
    const flagged = first.scored.run.customers.filter((c) => c.flags.length > 0).map((c) => c.row);
    expect(flagged.length).toBeGreaterThan(1);
    expect(first.applied.span).toEqual({ sheet: '客户评估', firstCol: 0, lastCol: 15 });
    const cells = snapshot(excel);
    excel.stats.reset();
    const selection = await ops.selectRows(first.applied.span, flagged);
    expect(excel.stats.syncs).toBe(1);
    expect(snapshot(excel)).toEqual(cells);
    expect(selection).toEqual({ rows: flagged.length, selectedRows: flagged.length, blocks: excel.selection()!.boxes.length });
    const selected = excel.selection()!;
    expect(selected.sheet).toBe('客户评估');
    expect(excel.activeSheet()).toBe('客户评估');
    expect(selected.boxes.every((b) => b.firstCol === 0 && b.lastCol === 15)).toBe(true);
    const rows = selected.boxes.flatMap((b) => Array.from({ length: b.lastRow - b.firstRow + 1 }, (_, i) => b.firstRow + i));
    expect(rows).toEqual([...flagged].sort((a, b) => a - b));
  });

  it('a second run is identical to the first: no duplicate columns, the same values', async () => {
    await scoreAndApply(ops);
    const again = snapshot(excel);
    for (const name of Object.keys(afterFirst)) if (name !== RULES_SHEET) expect(again[name]).toEqual(afterFirst[name]);
    expect(excel.tables('客户评估')).toEqual([{ name: '客户评估表', range: 'A3:P9' }]);
    expect(excel.conditionalFormats('客户评估')).toHaveLength(4);
  });

  it('inserts the radar and bar charts with the right series, and replaces them in place on the next run', async () => {
    await ops.insertCharts(first.scored.run, 'zh-CN');
    await ops.insertCharts(first.scored.run, 'zh-CN');
    const charts = excel.charts('评分图表');
    expect(charts.map((c) => [c.name, c.type, c.title])).toEqual([
      ['CustomerScoring.Radar', 'Radar', '各等级客户画像（平均得分，0-100）'],
      ['CustomerScoring.Bar', 'BarClustered', '各等级客户数'],
    ]);
    const [radar, bar] = charts;
    expect(radar!.series.map((s) => s.name)).toEqual(['战略级客户', '重点客户', '潜力客户', '观察客户']);
    expect(radar!.series[0]!.categories).toEqual(['基础信息', '合作历史', '客户满意度', '合作潜力', '风险控制']);
    expect(radar!.series[0]!.values).toEqual([100, 100, 100, 100, 100]);
    expect(bar!.series).toHaveLength(1);
    expect(bar!.series[0]!.values).toEqual([1, 2, 2, 1]);
    expect(excel.sheetNames().filter((n) => n === '评分图表')).toHaveLength(1);
  });

  it('the charts are in the saved file, and a run on the reopened file still replaces them rather than adding more', async () => {
    const reopened = await EmulatedExcel.fromXlsx(await excel.toXlsx());
    const saved = reopened.charts('评分图表');
    expect(saved.map((c) => [c.name, c.type])).toEqual([
      ['CustomerScoring.Radar', 'Radar'],
      ['CustomerScoring.Bar', 'BarClustered'],
    ]);
    expect(saved[0]!.series.map((s) => s.name)).toEqual(['战略级客户', '重点客户', '潜力客户', '观察客户']);
    await createWorkbookOps({ run: reopened.run }).insertCharts(first.scored.run, 'zh-CN');
    expect(reopened.charts('评分图表')).toHaveLength(2);
  });
});

describe('selecting rows', () => {
  it('merges consecutive rows into blocks, top to bottom, each row once', () => {
    expect(rowBlocks([9, 3, 4, 5, 9, 7])).toEqual([
      { first: 3, last: 5 },
      { first: 7, last: 7 },
      { first: 9, last: 9 },
    ]);
    expect(rowBlocks([])).toEqual([]);
  });

  it('selects as many blocks as an address of 8,192 characters holds, and says how many rows that covers', async () => {
    const excel = EmulatedExcel.empty();
    const ops = createWorkbookOps({ run: excel.run });
    const rows = Array.from({ length: 1001 }, (_, i) => 2 * i + 1);
    const selection = await ops.selectRows({ sheet: 'Sheet1', firstCol: 1, lastCol: 3 }, rows);
    // Rows 2, 4 … : B2:D2 … B8:D8 are 5 characters (4 blocks), B10:D10 … B98:D98 7 (45), B100:D100 … B998:D998 9 (450):
    // 4 × 5 + 45 × 7 + 450 × 9 + 498 separators of 2 = 5,381; then 13 more a block: 216 blocks to 8,189.
    expect(selection).toEqual({ rows: 1001, selectedRows: 715, blocks: 715 });
    expect(excel.selection()!.boxes).toHaveLength(715);
    expect(excel.selection()!.address.startsWith('B2:D2, B4:D4, ')).toBe(true);
    expect(blockAddresses({ sheet: 'Sheet1', firstCol: 1, lastCol: 3 }, rowBlocks(rows)).join(', ').length).toBeLessThanOrEqual(8192);
  });

  it('an Excel without ExcelApi 1.9 (Excel 2019) selects the first block only', async () => {
    const excel = EmulatedExcel.empty({ apiVersion: '1.8' });
    const ops = createWorkbookOps({ run: excel.run, isSetSupported: excel.office.context.requirements.isSetSupported });
    const selection = await ops.selectRows({ sheet: 'Sheet1', firstCol: 1, lastCol: 3 }, [4, 5, 9]);
    expect(selection).toEqual({ rows: 3, selectedRows: 2, blocks: 1 });
    expect(excel.selection()!.address).toBe('B5:D6');
    // Without isSetSupported, Excel's ApiNotFound leads to the same fallback.
    const bare = createWorkbookOps({ run: excel.run });
    expect(await bare.selectRows({ sheet: 'Sheet1', firstCol: 1, lastCol: 3 }, [9, 12])).toEqual({ rows: 2, selectedRows: 1, blocks: 1 });
    expect(excel.selection()!.address).toBe('B10:D10');
  });

  it('no rows: no sync and no selection; a sheet that is gone: the sentence of an Excel failure', async () => {
    const excel = EmulatedExcel.empty();
    const ops = createWorkbookOps({ run: excel.run });
    excel.stats.reset();
    expect(await ops.selectRows({ sheet: 'Sheet1', firstCol: 0, lastCol: 2 }, [])).toEqual({ rows: 0, selectedRows: 0, blocks: 0 });
    expect(excel.stats.syncs).toBe(0);
    const error = await ops.selectRows({ sheet: '客户评估', firstCol: 0, lastCol: 2 }, [3]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScoringError);
    expect((error as ScoringError).problem).toMatchObject({ code: 'excel-failed', params: { code: 'ItemNotFound' } });
    expect(excel.selection()).toBeUndefined();
  });
});

describe('bad input gives a sentence and changes nothing', () => {
  it('a protected sheet', async () => {
    const { excel, ops } = await open();
    const scan = await ops.scan(allPresets());
    const scored = await ops.score(scan, { rules: evaluation, asOf: AS_OF });
    excel.protect('客户评估');
    const before = snapshot(excel);
    await expect(ops.apply(scored, 'zh-CN')).rejects.toMatchObject({ problem: { code: 'sheet-protected', params: { sheet: '客户评估' } } });
    expect(snapshot(excel)).toEqual(before);
    expect(excel.tables('客户评估')).toEqual([{ name: '客户评估表', range: 'A3:M9' }]);
  });

  it('a missing required column', async () => {
    const { excel, ops } = await open(missingColumnWorkbook);
    const before = snapshot(excel);
    const scan = await ops.scan(allPresets());
    await expect(ops.score(scan, { rules: evaluation, asOf: AS_OF })).rejects.toMatchObject({ problem: { code: 'missing-columns' } });
    expect(snapshot(excel)).toEqual(before);
  });

  it('headers changed between read and write', async () => {
    const { excel, ops } = await open();
    const scan = await ops.scan(allPresets());
    const scored = await ops.score(scan, { rules: evaluation, asOf: AS_OF });
    excel.editCell('客户评估', 'C3', '合作年限');
    const before = snapshot(excel);
    await expect(ops.apply(scored, 'zh-CN')).rejects.toMatchObject({
      problem: { code: 'headers-changed', params: { cell: 'C3', before: '合作时长（年）', after: '合作年限' } },
    });
    expect(snapshot(excel)).toEqual(before);
  });

  it('data typed into the column a new managed column would take', async () => {
    const { excel, ops } = await open(gradingWorkbook);
    const scan = await ops.scan(allPresets());
    const scored = await ops.score(scan, { rules: getPreset('grading'), asOf: AS_OF });
    excel.editCell('Customers', 'L4', '备注');
    const before = snapshot(excel);
    await expect(ops.apply(scored, 'en-US')).rejects.toMatchObject({ problem: { code: 'columns-occupied', params: { cells: 'Customers!L4' } } });
    expect(snapshot(excel)).toEqual(before);
  });

  it('formula-looking text stays text', async () => {
    const rules = RuleSetSchema.parse({
      ...structuredClone(evaluation),
      tiers: evaluation.tiers.map((t) => (t.id === 'watch' ? { ...t, label: { zh: '=观察客户', en: '-Watch' } } : t)),
    });
    const { excel, ops } = await open();
    await scoreAndApply(ops, rules);
    expect(excel.peek('客户评估', 'O7').values).toEqual([['=观察客户']]);
    expect(excel.warnings.filter((w) => /formula/i.test(w))).toEqual([]);
  });
});

describe('rules stored in the workbook', () => {
  it('survive a save and reload of the file, with the run record', async () => {
    const { excel, ops } = await open();
    const scan = await ops.scan(allPresets());
    await ops.apply(await ops.score(scan, { rules: evaluation, asOf: AS_OF }), 'zh-CN', { by: '王经理' });
    expect(excel.visibility(RULES_SHEET)).toBe('VeryHidden');
    const reopened = await EmulatedExcel.fromXlsx(await excel.toXlsx());
    const stored = await createWorkbookOps({ run: reopened.run }).loadStoredRules();
    expect(stored?.rules).toEqual(evaluation);
    expect(stored?.mapping.evaluation).toEqual({ sheet: '客户评估', range: 'A3:M9', name: '客户评估表' });
    expect(stored?.runs).toHaveLength(1);
    expect(stored?.runs[0]).toMatchObject({
      preset: 'evaluation',
      asOf: '2024-06-30',
      customers: 6,
      tiers: { strategic: 1, key: 2, potential: 2, watch: 1 },
      by: '王经理',
    });
    expect(stored?.runs[0]?.rulesHash).toMatch(/^[0-9a-f]{64}$/);
    expect(reopened.visibility(RULES_SHEET)).toBe('VeryHidden');
    expect(reopened.peek('客户评估', 'N4:O4').values).toEqual([[100, '战略级客户']]);
  });

  it('travel with the file: the score command on the saved workbook scores with them, not with a preset', async () => {
    const tuned = RuleSetSchema.parse({
      ...structuredClone(evaluation),
      indicators: evaluation.indicators.map((i) => (i.id === 'satisfaction' ? { ...i, weight: 60 } : i)),
    });
    const { excel, ops } = await open();
    const { scored } = await scoreAndApply(ops, tuned);
    const file = await writeFixture(evaluationWorkbook, 'shared.xlsx');
    writeFileSync(file, await excel.toXlsx());
    const cli = await scoreFile({ input: file, asOf: AS_OF, lang: 'zh-CN', out: file.replace('.xlsx', '.out.xlsx') });
    expect(cli.rulesSource).toBe('workbook');
    expect(cli.run!.rules).toEqual(tuned);
    expect(cli.report.rows.map((r) => r.score)).toEqual(scored.run.customers.map((c) => c.score));
    expect(cli.report.rows[1]!.score).not.toBe(89.3); // what the unchanged preset gives
  });

  it('a workbook without stored rules says so with null', async () => {
    const { ops } = await open();
    expect(await ops.loadStoredRules()).toBeNull();
  });

  it('refuses damaged stored rules, and rules from a newer version, with a sentence', async () => {
    const { excel, ops } = await open();
    await scoreAndApply(ops);
    excel.editCell(RULES_SHEET, 'C1', '{"rules": {"id": ');
    await expect(ops.loadStoredRules()).rejects.toMatchObject({ problem: { code: 'stored-rules-damaged' } });
    excel.editCell(RULES_SHEET, 'B1', 2);
    await expect(ops.loadStoredRules()).rejects.toMatchObject({ problem: { code: 'stored-rules-newer', params: { version: 2 } } });
  });
});

/** A 40-character text (120 bytes of UTF-8) that differs by row. */
function text40(i: number): string {
  return `客户关系维护备注第${String(i).padStart(6, '0')}号：季度回访已完成，需求稳定，付款及时，继续保持跟进。`.slice(0, 40);
}

/**
 * A plain-range evaluation table of n customers written straight into an empty emulated
 * workbook (Excel on the web's limits); with `notes`, every row also carries a 40-character
 * customer name and a 40-character note.
 */
async function bigWorkbook(n: number, options = {}, notes = false) {
  const excel = EmulatedExcel.empty(options);
  const header = [
    '客户名称',
    '合作时长',
    '所属行业增长潜力',
    '年均交易频次',
    '回款及时率',
    '满意度评分',
    '投诉解决及时率',
    '复购率',
    '新产品/服务尝试意愿',
    '客户信用等级',
    '合同履约率',
    ...(notes ? ['备注'] : []),
  ];
  const last = notes ? 'L' : 'K';
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.add('客户评估');
    sheet.getRange(`A1:${last}1`).values = [header];
    await context.sync();
    const step = notes ? 10_000 : 20_000;
    for (let start = 0; start < n; start += step) {
      const rows: (string | number)[][] = [];
      for (let i = start; i < Math.min(n, start + step); i++) {
        rows.push([
          notes ? `${text40(i).slice(0, 34)}${String(i).padStart(6, '0')}` : `客户${i}`,
          i % 4,
          ['高增长', '稳定', '衰退'][i % 3]!,
          i % 20,
          0.85 + (i % 15) / 100,
          3.5 + (i % 15) / 10,
          0.75 + (i % 20) / 100,
          (i % 10) / 10,
          ['主动尝试', '被动接受', '无意愿'][i % 3]!,
          ['AAA', 'AA', 'A'][i % 3]!,
          0.88 + (i % 13) / 100,
          ...(notes ? [text40(i)] : []),
        ]);
      }
      sheet.getRange(`A${start + 2}:${last}${start + 1 + rows.length}`).values = rows;
      await context.sync();
    }
  });
  return excel;
}

const FIVE_MB = 5 * 1024 * 1024;

describe('sync budget', () => {
  async function measure(n: number, notes = false) {
    const excel = await bigWorkbook(n, {}, notes);
    const ops = createWorkbookOps({ run: excel.run });
    excel.stats.reset();
    const scan = await ops.scan(allPresets());
    const find = { syncs: excel.stats.syncs, requests: excel.stats.requests };
    excel.stats.reset();
    const scored = await ops.score(scan, { rules: evaluation, asOf: AS_OF });
    const read = { syncs: excel.stats.syncs, requests: excel.stats.requests };
    excel.stats.reset();
    const progress: number[] = [];
    const applied = await ops.apply(scored, 'zh-CN', { onProgress: (f) => progress.push(f) });
    const requests = excel.stats.requests;
    return { excel, scored, find, read, applied, requests, progress };
  }

  it('1,000 and 100,000 rows: the same 2 find syncs; reads and writes in syncs of at most 5 MB each way, writes chunked by bytes', async () => {
    const small = await measure(1_000);
    const large = await measure(100_000);
    expect(small.scored.run.customers).toHaveLength(1_000);
    expect(large.scored.run.customers).toHaveLength(100_000);
    expect(small.find.syncs).toBe(2);
    expect(large.find.syncs).toBe(2);
    expect(small.read.syncs).toBe(1);
    // 100,000 rows × 14 columns of values and number formats: about 17 MB to read, in syncs of at most 4 MB planned.
    const readBytes = large.read.requests.reduce((n, r) => n + r.responseBytes, 0);
    expect(readBytes).toBeGreaterThan(15 * 1024 * 1024);
    expect(large.read.syncs).toBeLessThanOrEqual(Math.ceil((readBytes * 1.5) / (4 * 1024 * 1024)));
    expect(large.read.requests.every((r) => r.responseBytes <= FIVE_MB && r.bytes <= FIVE_MB)).toBe(true);
    expect(small.applied.stats.chunks).toBe(1);
    expect(small.applied.stats).toEqual({ syncs: 2, chunks: 1 }); // the check's read, one write
    const bytes = large.requests.reduce((s, r) => s + r.bytes, 0);
    expect(large.requests.every((r) => r.bytes <= FIVE_MB && r.responseBytes <= FIVE_MB)).toBe(true);
    expect(large.applied.stats.chunks).toBeLessThanOrEqual(Math.ceil(bytes / (4 * 1024 * 1024)) + 1);
    // The check reads what the preview read (in as many syncs), then the writes; nothing was scored again.
    expect(large.applied.stats.syncs).toBe(large.read.syncs + large.applied.stats.chunks);
    expect(large.applied.rescored).toBeUndefined();
    // The panel's progress bar: one step per write sync, rising to all rows written.
    expect(small.progress).toEqual([1]);
    expect(large.progress).toHaveLength(large.applied.stats.chunks);
    expect(large.applied.stats.chunks).toBeGreaterThan(1);
    expect(large.progress.every((f, i) => f > 0 && (i === 0 || f > large.progress[i - 1]!))).toBe(true);
    expect(large.progress.at(-1)).toBe(1);
    expect(large.excel.stats.suspendCalls).toBeGreaterThanOrEqual(large.applied.stats.chunks);
    expect(large.excel.peek('客户评估', 'L100001:M100001').values[0]).toEqual([
      large.scored.run.customers[99_999]!.score,
      large.scored.run.customers[99_999]!.tier.label.zh,
    ]);
  });

  it('100,000 rows of 40-character text are read and written under Excel on the web’s limits: no request or response over 5 MB', async () => {
    const { excel, scored, find, read, applied, requests } = await measure(100_000, true);
    expect(excel.options).toMatchObject({ maxRequestBytes: FIVE_MB, maxResponseBytes: FIVE_MB });
    expect(scored.run.customers).toHaveLength(100_000);
    expect(scored.run.customers[54_321]!.key).toBe(`${text40(54_321).slice(0, 34)}054321`);
    const all = [...find.requests, ...read.requests, ...requests];
    const responses = all.map((r) => r.responseBytes);
    const sent = all.map((r) => r.bytes);
    expect(Math.max(...responses)).toBeLessThanOrEqual(FIVE_MB);
    expect(Math.max(...sent)).toBeLessThanOrEqual(FIVE_MB);
    // 100,000 × (two 120-byte texts, ten short values, twelve number formats and three blank columns): over 35 MB each read.
    const readBytes = read.requests.reduce((n, r) => n + r.responseBytes, 0);
    expect(readBytes).toBeGreaterThan(35 * 1024 * 1024);
    expect(read.syncs).toBeGreaterThanOrEqual(Math.ceil(readBytes / FIVE_MB));
    expect(read.syncs).toBeLessThanOrEqual(Math.ceil((readBytes * 1.5) / (4 * 1024 * 1024)));
    expect(find.syncs).toBe(2);
    expect(applied.stats.syncs).toBe(read.syncs + applied.stats.chunks);
    const last = excel.peek('客户评估', 'A100001:O100001').values[0]!;
    expect(last.slice(11)).toEqual([text40(99_999), scored.run.customers[99_999]!.score, scored.run.customers[99_999]!.tier.label.zh, last[14]]);
  });

  it('a write that fails part-way puts back what it wrote, except a cell a co-author changed meanwhile', async () => {
    const excel = await bigWorkbook(100_000);
    const before = snapshot(excel);
    // Once the first chunk of values is written, a co-author types into a flags cell it wrote,
    // and Excel refuses the next request (the sheet is protected for it).
    let armed = false;
    const run: ExcelRun = (options, batch) =>
      excel.run(options, async (context) => {
        const sync = context.sync.bind(context);
        context.sync = (async () => {
          if (!armed) return sync();
          armed = false;
          excel.protect('客户评估');
          try {
            return await sync();
          } finally {
            excel.unprotect('客户评估');
          }
        }) as typeof context.sync;
        return batch(context);
      });
    const ops = createWorkbookOps({ run: excel.run });
    const scan = await ops.scan(allPresets());
    const scored = await ops.score(scan, { rules: evaluation, asOf: AS_OF });
    const failing = createWorkbookOps({ run });
    const progress: number[] = [];
    const error = await failing
      .apply(scored, 'zh-CN', {
        onProgress: (f) => {
          if (progress.push(f) > 1) return;
          excel.editCell('客户评估', 'N3', '张三：已电话跟进');
          armed = true;
        },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(progress).toHaveLength(1);
    expect(error).toBeInstanceOf(ScoringError);
    expect((error as ScoringError).problem).toEqual({ code: 'excel-failed', params: { code: 'AccessDenied', step: 'write' } });
    // Compared as text: a diff of 1.1 million cells would take jest forever to print.
    const after = excel.peek('客户评估', 'A1:N100001');
    const was = before['客户评估']!.map((row) => [...row, '', '', '']);
    // The co-author's cell stays, and so does the header above it; everything else this run wrote is gone.
    was[0]![13] = '预警标记';
    was[2]![13] = '张三：已电话跟进';
    expect(after.values[0]).toEqual(was[0]);
    expect(after.values[2]).toEqual(was[2]);
    expect(JSON.stringify(after.values) === JSON.stringify(was)).toBe(true);
    expect(after.numberFormat.every((row) => row.every((f) => f === 'General'))).toBe(true);
  });
});
