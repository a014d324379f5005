/**
 * The whole flow (find, prepare, score, apply, charts, rules store, select) at the ExcelApi
 * set manifest.xml declares (1.6: Excel 2019 has it) and at the newest one: the same results,
 * and what needs more (multi-block selection, 1.9) falls back to the first block.
 */
import { EmulatedExcel, NEWEST_API_VERSION } from '../../src/emulator';
import { REQUIRED_API } from '../../src/excel/environment';
import { createWorkbookOps, mappingOf } from '../../src/excel/ops';
import { allPresets, getPreset } from '../../src/presets';
import { buildWorkbook } from '../fixtures/build';
import { evaluationWorkbook } from '../fixtures/workbooks';
import { serial } from '../helpers/grid';

jest.setTimeout(60_000);

const AS_OF = serial('2024-06-30');

async function flow(apiVersion: string) {
  const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(evaluationWorkbook), { apiVersion });
  const ops = createWorkbookOps({ run: excel.run, isSetSupported: excel.office.context.requirements.isSetSupported });
  const scan = await ops.scan(allPresets());
  const proposal = ops.propose(scan, allPresets());
  const prepared = await ops.prepare(scan, { rules: proposal.rules, asOf: AS_OF });
  const scored = await ops.score(scan, { rules: proposal.rules, asOf: AS_OF });
  const applied = await ops.apply(scored, 'zh-CN', { by: '王经理' });
  await ops.insertCharts(applied.run, 'zh-CN');
  await ops.storeRules(getPreset('evaluation'), mappingOf(applied.run));
  const stored = await ops.loadStoredRules();
  const flagged = applied.run.customers.filter((c) => c.flags.length > 0).map((c) => c.row);
  const selection = await ops.selectRows(applied.span, flagged);
  return { excel, prepared, applied, stored, flagged, selection };
}

test('the declared minimum is ExcelApi 1.6', () => {
  expect(REQUIRED_API).toEqual({ name: 'ExcelApi', version: '1.6' });
});

test.each([REQUIRED_API.version, NEWEST_API_VERSION])('the whole flow at ExcelApi %s', async (version) => {
  const { excel, prepared, applied, stored, flagged, selection } = await flow(version);
  expect(prepared.prepared.customers).toHaveLength(6);
  expect(excel.peek('客户评估', 'N3:O9').values).toEqual([
    ['综合得分', '客户等级'],
    [100, '战略级客户'],
    [89.3, '重点客户'],
    [55.5, '潜力客户'],
    [0, '观察客户'],
    [85.7, '重点客户'],
    [55.5, '潜力客户'],
  ]);
  expect(excel.conditionalFormats('客户评估')).toHaveLength(4);
  expect(excel.charts('评分图表').map((c) => c.name)).toEqual(['CustomerScoring.Radar', 'CustomerScoring.Bar']);
  expect(applied.rulesStored).toBe(true);
  expect(stored?.rules.id).toBe('evaluation');
  expect(stored?.runs[0]).toMatchObject({ by: '王经理', customers: 6 });
  // Flagged: rows 5-9 (one block). Excel 2019 (1.8) and older select the first block, which is all of them here.
  expect(flagged).toEqual([4, 5, 6, 7, 8]);
  expect(selection).toEqual({ rows: 5, selectedRows: 5, blocks: 1 });
  expect(excel.selection()?.address).toBe('A5:P9');
});

test('below ExcelApi 1.9 a selection of several blocks selects the first; from 1.9 all of them', async () => {
  const rows = [3, 5, 6, 8];
  for (const [version, expected] of [
    ['1.6', { blocks: 1, selectedRows: 1, address: 'A4:P4' }],
    ['1.9', { blocks: 3, selectedRows: 4, address: 'A4:P4, A6:P7, A9:P9' }],
  ] as const) {
    const { excel, applied } = await flow(version);
    const ops = createWorkbookOps({ run: excel.run, isSetSupported: excel.office.context.requirements.isSetSupported });
    const selection = await ops.selectRows(applied.span, rows);
    expect({ ...selection, address: excel.selection()?.address }).toEqual({ rows: 4, ...expected });
  }
});
