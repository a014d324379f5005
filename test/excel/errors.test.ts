/**
 * Office's errors as the user reads them: one sentence each, in both languages, with what
 * became of the workbook; never Excel's English message, and no English inside a Chinese
 * sentence. And the errors the add-in can meet while applying, met on the emulated Excel.
 */
import type { Problem } from '../../src/engine/errors';
import { EmulatedExcel, type EmulatorOptions } from '../../src/emulator';
import { createWorkbookOps } from '../../src/excel/ops';
import { describeProblem } from '../../src/i18n/problems';
import { allPresets, getPreset } from '../../src/presets';
import { buildWorkbook } from '../fixtures/build';
import { evaluationWorkbook } from '../fixtures/workbooks';
import { serial } from '../helpers/grid';

jest.setTimeout(60_000);

const CODES = [
  'ItemNotFound',
  'InvalidArgument',
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
  'GeneralException',
  'NonBlankCellOffSheet',
  'RangeExceedsLimit',
  'Conflict',
  'OperationCellsExceedLimit',
  'InvalidOperationInCellEditMode',
  'AccessDenied',
];

const office = (code: string, step?: string): Problem => ({ code: 'excel-failed', params: { code, ...(step ? { step } : {}) } });

describe('Office error sentences', () => {
  it('a renamed or deleted table while writing, in both languages', () => {
    expect(describeProblem(office('ItemNotFound', 'write'), 'zh-CN')).toBe(
      '找不到加载项正在使用的工作表或表格，它可能已被重命名或删除；请重新查找表格后再试；没有写入任何结果，工作簿保持原样。',
    );
    expect(describeProblem(office('ItemNotFound', 'write'), 'en-US')).toBe(
      'A sheet or table the add-in was using can no longer be found (it may have been renamed or deleted); find the tables again and retry; nothing was written and the workbook is as it was.',
    );
  });

  it('Excel on the web’s cell limit for a column insert, and the rules that could not be stored after the results were written', () => {
    expect(describeProblem(office('OperationCellsExceedLimit', 'write'), 'zh-CN')).toBe(
      '网页版 Excel 无法插入新列：此操作涉及的单元格超过 33,554,000 个，通常是因为表格右侧很远的列中有内容；请删除这些内容，或在桌面版 Excel 中运行；没有写入任何结果，工作簿保持原样。',
    );
    expect(describeProblem(office('Conflict', 'store-rules'), 'en-US')).toBe(
      'Someone or something else was changing the table at the same time; try again in a moment; the results were written, but the rules could not be stored in the workbook.',
    );
  });

  it.each(CODES)('%s: its own sentence (not the fallback), a full stop, no Latin words in Chinese but Excel’s name and units', (code) => {
    for (const step of [undefined, 'read', 'write', 'store-rules']) {
      const zh = describeProblem(office(code, step), 'zh-CN');
      const en = describeProblem(office(code, step), 'en-US');
      expect(zh).not.toContain(code);
      expect(en).not.toContain(code);
      expect(zh.endsWith('。')).toBe(true);
      expect(en.endsWith('.')).toBe(true);
      expect(zh.match(/[A-Za-z]+/g)?.filter((w) => !['Excel', 'MB', 'Enter'].includes(w)) ?? []).toEqual([]);
    }
  });

  it('another code: the fallback names it, and only it', () => {
    expect(describeProblem(office('UnsupportedSheet', 'charts'), 'zh-CN')).toBe('Excel 未能完成操作（错误代码 UnsupportedSheet）。');
    expect(describeProblem(office('UnsupportedSheet', 'write'), 'en-US')).toBe(
      'Excel could not finish the operation (error code UnsupportedSheet); nothing was written and the workbook is as it was.',
    );
  });
});

describe('errors met while applying, each with its sentence and nothing changed', () => {
  const AS_OF = serial('2024-06-30');

  async function attempt(options: EmulatorOptions, prepare: (excel: EmulatedExcel) => void) {
    const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(evaluationWorkbook), options);
    const ops = createWorkbookOps({ run: excel.run });
    const scored = await ops.score(await ops.scan(allPresets()), { rules: getPreset('evaluation'), asOf: AS_OF });
    prepare(excel);
    const before = excel.peek('客户评估').values;
    const tables = excel.tables('客户评估');
    const error = await ops.apply(scored, 'zh-CN').catch((e: unknown) => e as { problem: Problem });
    expect(excel.peek('客户评估').values).toEqual(before);
    expect(excel.tables('客户评估')).toEqual(tables);
    return (error as { problem: Problem }).problem;
  }

  it('the new table columns would shift too many cells on the web (a note far right of the table): OperationCellsExceedLimit', async () => {
    // Inserting at N shifts N3:R9 (7 rows × 5 columns = 35 cells) over a limit of 30.
    const problem = await attempt({ maxOperationCells: 30 }, (excel) => excel.editCell('客户评估', 'R5', '备忘'));
    expect(problem).toEqual(office('OperationCellsExceedLimit', 'write'));
  });

  it('a cell in the sheet’s last column would be pushed off it: NonBlankCellOffSheet', async () => {
    const problem = await attempt({}, (excel) => excel.editCell('客户评估', 'XFD6', ' '));
    expect(problem).toEqual(office('NonBlankCellOffSheet', 'write'));
  });
});
