/**
 * Apply writes what is there (docs/scoring-rules.md section 8): a table sorted, edited, or with rows
 * inserted or deleted between the preview and Apply is scored again as it is, every written
 * row equal to what the `score` command gives on the workbook as it was at Apply; a change of
 * shape stops with a sentence; a write that fails or finds rows moved under it puts back only
 * what it wrote, conditional formats included; an Apply while the user edits a cell waits.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScoringError } from '../../src/engine/errors';
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps } from '../../src/excel/ops';
import { allPresets, getPreset, type PresetId } from '../../src/presets';
import { scoreFile } from '../../src/xlsx/score-file';
import { buildWorkbook } from '../fixtures/build';
import { evaluationWorkbook, gradingWorkbook } from '../fixtures/workbooks';
import { serial } from '../helpers/grid';

jest.setTimeout(120_000);

const AS_OF = serial('2024-06-30');
const dir = mkdtempSync(join(tmpdir(), 'apply-'));
let files = 0;

async function open(spec = evaluationWorkbook) {
  const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(spec));
  return { excel, ops: createWorkbookOps({ run: excel.run }) };
}

async function preview(ops: ReturnType<typeof createWorkbookOps>, preset: PresetId = 'evaluation') {
  const scan = await ops.scan(allPresets());
  return ops.score(scan, { rules: getPreset(preset), asOf: AS_OF });
}

/** What the `score` command writes into the managed columns of the workbook as it is now: its output file, opened. */
async function scoreCommand(excel: EmulatedExcel, preset: PresetId = 'evaluation'): Promise<EmulatedExcel> {
  const input = join(dir, `at-apply-${++files}.xlsx`);
  writeFileSync(input, await excel.toXlsx());
  const out = input.replace('.xlsx', '.scored.xlsx');
  await scoreFile({ input, preset, asOf: AS_OF, lang: 'zh-CN', out });
  return EmulatedExcel.fromXlsx(readFileSync(out));
}

/** The user sorts the rows of `address` into the reverse order (Excel's sort moves the cells). */
function reverseRows(excel: EmulatedExcel, sheet: string, address: string): void {
  const rows = excel.peek(sheet, address).values.length;
  excel.sortRows(
    sheet,
    address,
    Array.from({ length: rows }, (_, i) => rows - 1 - i),
  );
}

describe('a table changed between the preview and Apply is scored as it is at Apply', () => {
  // The evaluation fixture's six customers as the preview scored them (rows 4-9).
  const SCORES = [100, 89.3, 55.5, 0, 85.7, 55.5];
  const TIERS = ['战略级客户', '重点客户', '潜力客户', '观察客户', '重点客户', '潜力客户'];

  it('sorted: each customer’s result lands on its own row, said as a sort (literal cells)', async () => {
    const { excel, ops } = await open();
    const scored = await preview(ops);
    reverseRows(excel, '客户评估', 'A4:M9');
    const applied = await ops.apply(scored, 'zh-CN');
    expect(applied.rescored).toEqual({ reason: 'sorted' });
    const view = excel.peek('客户评估', 'B4:P9').values;
    expect(view.map((r) => r[0])).toEqual(['=SUM(1,1)', '东海电子', '西部建材', '南方物流集团', '北方新能源科技', '华东精密制造有限公司']);
    expect(view.map((r) => r[12])).toEqual([...SCORES].reverse());
    expect(view.map((r) => r[13])).toEqual([...TIERS].reverse());
    // 东海电子's missing frequency is now in row 5: the flag names the cell as it is.
    expect(view[1]![14]).toBe('数据缺失(年均交易频次 客户评估!E5 “—”)');
    expect(applied.run.customers.map((c) => c.row)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it.each([
    ['sorted', (excel: EmulatedExcel) => reverseRows(excel, '客户评估', 'A4:M9'), 'A3:P9'],
    [
      'edited',
      (excel: EmulatedExcel) => {
        excel.editCell('客户评估', 'G7', 4.9);
        excel.editCell('客户评估', 'E8', 12);
      },
      'A3:P9',
    ],
    [
      'rows-added',
      (excel: EmulatedExcel) => {
        excel.insertRows('客户评估', 6);
        excel.editCell('客户评估', 'A6:M6', [[7, '新客户贸易', 2, '高增长', 10, 95, 4.5, '90%', '70%', '主动尝试', 'AA', '98%', '新增']]);
      },
      'A3:P10',
    ],
    ['rows-removed', (excel: EmulatedExcel) => excel.deleteRows('客户评估', 5), 'A3:P8'],
  ])('%s: every written row equals what the score command gives on the workbook at Apply', async (reason, change, range) => {
    const { excel, ops } = await open();
    const scored = await preview(ops);
    change(excel);
    const expected = await scoreCommand(excel);
    const applied = await ops.apply(scored, 'zh-CN');
    expect(applied.rescored).toEqual({ reason });
    expect(excel.tables('客户评估')).toEqual([{ name: '客户评估表', range }]);
    expect(expected.tables('客户评估')).toEqual([{ name: '客户评估表', range }]);
    expect(excel.peek('客户评估', range).values).toEqual(expected.peek('客户评估', range).values);
  });

  it('a follow-up appended to the log after the preview: the rows are scored again with it, as the score command does', async () => {
    const { excel, ops } = await open();
    const scored = await preview(ops);
    expect(scored.run.customers[3]!.flags.map((f) => f.id)).toEqual(['low-satisfaction', 'churn-risk']); // 西部建材: no follow-up at all
    excel.editCell('跟进记录', 'A8:K8', [['西部建材', '周经理', '2024-06-25', '电话', '回访', '', '', '销售部', '', '', '']]);
    const expected = await scoreCommand(excel);
    const applied = await ops.apply(scored, 'zh-CN');
    expect(applied.rescored).toEqual({ reason: 'follow-up' });
    expect(applied.run.customers[3]!.followUp).toMatchObject({ rows: 1 });
    expect(excel.peek('客户评估', 'A3:P9').values).toEqual(expected.peek('客户评估', 'A3:P9').values);
    expect(excel.peek('客户评估', 'P7').values).toEqual([['满意度低(3.6 < 4)']]);
  });

  it('a second run over a sorted table rewrites the managed columns in place for the rows as they are', async () => {
    const { excel, ops } = await open();
    await ops.apply(await preview(ops), 'zh-CN');
    const scored = await preview(ops);
    reverseRows(excel, '客户评估', 'A4:P9'); // the whole table, the earlier results with it
    excel.editCell('客户评估', 'G4', 3.0); // and =SUM(1,1)'s satisfaction drops
    const expected = await scoreCommand(excel);
    const applied = await ops.apply(scored, 'zh-CN');
    expect(applied.rescored).toEqual({ reason: 'edited' }); // sorted and edited: the summary says edited
    expect(excel.peek('客户评估', 'A3:P9').values).toEqual(expected.peek('客户评估', 'A3:P9').values);
    expect(excel.peek('客户评估', 'N4:N9').values.map((r) => r[0])).not.toEqual([...SCORES].reverse());
  });

  it('a plain range (no Excel table), sorted and edited: the same as the score command', async () => {
    const { excel, ops } = await open(gradingWorkbook);
    const scored = await preview(ops, 'grading');
    reverseRows(excel, 'Customers', 'A2:J6');
    excel.editCell('Customers', 'C3', 95);
    const expected = await scoreCommand(excel, 'grading');
    const applied = await ops.apply(scored, 'zh-CN');
    expect(applied.rescored).toEqual({ reason: 'edited' });
    expect(excel.peek('Customers', 'A1:M6').values).toEqual(expected.peek('Customers', 'A1:M6').values);
  });

  it('a 得分说明 column an earlier run left is rewritten even when not asked for, as the score command does', async () => {
    const { excel, ops } = await open();
    const scan = await ops.scan(allPresets());
    await ops.apply(await ops.score(scan, { rules: getPreset('evaluation'), asOf: AS_OF, columns: ['score', 'tier', 'flags', 'breakdown'] }), 'zh-CN');
    expect(excel.peek('客户评估', 'Q3').values).toEqual([['得分说明']]);
    const old = excel.peek('客户评估', 'Q7').values[0]![0];
    excel.editCell('客户评估', 'G7', 4.8);
    const scored = await preview(ops); // the default columns: 综合得分, 客户等级, 预警标记
    const expected = await scoreCommand(excel); // without --breakdown
    await ops.apply(scored, 'zh-CN');
    expect(excel.peek('客户评估', 'A3:Q9').values).toEqual(expected.peek('客户评估', 'A3:Q9').values);
    expect(excel.peek('客户评估', 'Q7').values[0]![0]).not.toBe(old);
    expect(excel.peek('客户评估', 'Q7').values[0]![0]).toContain('满意度评分 4.8 → ≥4.5 25/25分 (+17.9)');
  });

  it('nothing changed: the preview’s results are written as they are, without saying anything', async () => {
    const { excel, ops } = await open();
    const applied = await ops.apply(await preview(ops), 'zh-CN');
    expect(applied.rescored).toBeUndefined();
    expect(excel.peek('客户评估', 'N4:N9').values.map((r) => r[0])).toEqual(SCORES);
  });
});

describe('a change of the table’s shape stops Apply with a sentence, changing nothing', () => {
  it('a column inserted into the Excel table', async () => {
    const { excel, ops } = await open();
    const scored = await preview(ops);
    await excel.run(async (context) => {
      context.workbook.tables.getItem('客户评估表').columns.add(2, undefined, '区域');
      await context.sync();
    });
    const before = excel.peek('客户评估').values;
    await expect(ops.apply(scored, 'zh-CN')).rejects.toMatchObject({
      problem: { code: 'table-changed', params: { name: '客户评估表', before: 'A3:M9', after: 'A3:N9' } },
    });
    expect(excel.peek('客户评估').values).toEqual(before);
  });

  it.each([
    [
      'the table renamed',
      async (excel: EmulatedExcel) =>
        excel.run(async (context) => {
          context.workbook.tables.getItem('客户评估表').name = '评估2024';
          await context.sync();
        }),
    ],
    [
      'the sheet deleted',
      async (excel: EmulatedExcel) =>
        excel.run(async (context) => {
          context.workbook.worksheets.getItem('客户评估').delete();
          await context.sync();
        }),
    ],
  ])('%s: Office’s ItemNotFound, as its sentence in both languages', async (_what, change) => {
    const { excel, ops } = await open();
    const scored = await preview(ops);
    await change(excel);
    const error = await ops.apply(scored, 'zh-CN').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScoringError);
    expect((error as ScoringError).problem).toEqual({ code: 'excel-failed', params: { code: 'ItemNotFound', step: 'write' } });
  });
});

describe('rows that move while Apply writes', () => {
  /** Runs `act` once, just before the first request that writes values. */
  function beforeFirstWrite(excel: EmulatedExcel, act: () => void): void {
    let done = false;
    excel.onRequest((actions) => {
      if (!done && actions.includes('Range.values')) {
        done = true;
        act();
      }
    });
  }

  it('a co-author sorts the table just before the write: what was written is taken back, and the rows are scored again as they are', async () => {
    const { excel, ops } = await open();
    const scored = await preview(ops);
    beforeFirstWrite(excel, () => reverseRows(excel, '客户评估', 'A4:M9'));
    const applied = await ops.apply(scored, 'zh-CN');
    expect(applied.rescored).toEqual({ reason: 'sorted' });
    expect(excel.tables('客户评估')).toEqual([{ name: '客户评估表', range: 'A3:P9' }]);
    expect(excel.peek('客户评估', 'N3:O9').values).toEqual([
      ['综合得分', '客户等级'],
      [55.5, '潜力客户'],
      [85.7, '重点客户'],
      [0, '观察客户'],
      [55.5, '潜力客户'],
      [89.3, '重点客户'],
      [100, '战略级客户'],
    ]);
    expect(excel.conditionalFormats('客户评估')).toHaveLength(4);
  });

  it('…and when Apply cannot go on (the sheet is protected before it reads again), the cells it overwrote and the formats it replaced are back as the co-author left them', async () => {
    const { excel, ops } = await open();
    await ops.apply(await preview(ops), 'zh-CN');
    // The user's own formats on the result columns: one on the tier column (replaced by the colouring), a data bar on the scores.
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('客户评估');
      const mine = sheet.getRange('O4:O9').conditionalFormats.add('ContainsText');
      mine.textComparison.format.fill.color = '#FF0000';
      mine.textComparison.rule = { operator: 'Contains', text: '战略' };
      sheet.getRange('N4:N9').conditionalFormats.add('DataBar');
      await context.sync();
    });
    const formats = excel.conditionalFormats('客户评估');
    expect(formats).toHaveLength(6);
    const scored = await preview(ops);
    let sorted = false;
    beforeFirstWrite(excel, () => {
      reverseRows(excel, '客户评估', 'A4:P9');
      sorted = true;
    });
    const afterSort: unknown[][][] = [];
    excel.onRequest((actions) => {
      // Apply starts again from the check (it reads the sheet's protection): the sheet is protected by then.
      if (sorted && actions.includes('WorksheetProtection.load') && afterSort.length === 0) {
        afterSort.push(excel.peek('客户评估', 'A3:P9').values);
        excel.protect('客户评估');
      }
    });
    const expected = await (async () => {
      const copy = await EmulatedExcel.fromXlsx(await excel.toXlsx());
      reverseRows(copy, '客户评估', 'A4:P9');
      return copy.peek('客户评估', 'A3:P9').values;
    })();
    await expect(ops.apply(scored, 'zh-CN')).rejects.toMatchObject({ problem: { code: 'sheet-protected' } });
    expect(afterSort[0]).toEqual(expected);
    expect(excel.peek('客户评估', 'A3:P9').values).toEqual(expected);
    const key = (f: { address: string; type: string; rule: unknown; fill?: string }) => JSON.stringify([f.address, f.type, f.rule, f.fill ?? null]);
    expect(excel.conditionalFormats('客户评估').map(key).sort()).toEqual(formats.map(key).sort());
  });
});

describe('an Apply while the user is typing in a cell', () => {
  it('waits until the edit ends (delayForCellEdit), then writes', async () => {
    const { excel, ops } = await open();
    const scored = await preview(ops);
    excel.startCellEdit();
    const applying = ops.apply(scored, 'zh-CN');
    await excel.whenWaitingForCellEdit();
    expect(excel.peek('客户评估', 'N3').values).toEqual([['']]);
    excel.endCellEdit();
    const applied = await applying;
    expect(applied.rescored).toBeUndefined();
    expect(excel.peek('客户评估', 'N3:N4').values).toEqual([['综合得分'], [100]]);
  });

  it('without delayForCellEdit Excel would have refused it: the sentence for that case', async () => {
    const { excel } = await open();
    excel.startCellEdit();
    const refused = createWorkbookOps({ run: (_options, batch) => excel.run(batch) });
    const error = await refused.scan(allPresets()).catch((e: unknown) => e);
    expect((error as ScoringError).problem).toEqual({ code: 'excel-failed', params: { code: 'InvalidOperationInCellEditMode', step: 'read' } });
  });
});
