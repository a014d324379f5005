/** @jest-environment jsdom */
import './setup';
import { fireEvent, screen, within } from '@testing-library/react';
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps } from '../../src/excel/ops';
import { getPreset } from '../../src/presets';
import { buildWorkbook } from '../fixtures/build';
import { evaluationWorkbook } from '../fixtures/workbooks';
import { openSection, renderApp } from './helpers';

jest.setTimeout(60_000);

describe('the task pane on the emulated Excel', () => {
  it('finds the evaluation fixture’s tables, applies the scores and writes the managed columns', async () => {
    const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(evaluationWorkbook));
    const ops = createWorkbookOps({ run: excel.run });
    renderApp(ops, 'zh-CN');

    await screen.findByRole('heading', { level: 2, name: '客户评估评分' }, { timeout: 20_000 });
    expect(screen.getByText('客户评估表：').parentElement!.textContent).toBe('客户评估表：客户评估 A3:M9');
    expect(screen.getByText('客户跟进记录：').parentElement!.textContent).toMatch(/^客户跟进记录：跟进记录 /);
    await openSection('表格与列');
    // The table's details: the Excel table's name 客户评估表, how sure.
    expect(screen.getByText('客户评估表')).toBeTruthy();
    expect(screen.getByText('100%')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '应用评分' }));
    const results = await screen.findByRole('region', { name: '评分结果' }, { timeout: 20_000 });
    expect(within(results).getByText(/为「客户评估」中的 6 位客户评分/)).toBeTruthy();
    // Right of A3:M9: N, O and P.
    expect(within(results).getByText('结果已写入「客户评估」的 N–P 列。')).toBeTruthy();
    const tiers = within(results).getByRole('table', { name: '各等级客户数' });
    const counts = getPreset('evaluation').tiers.map((t) => Number(within(tiers).getByText(t.label.zh).closest('tr')!.textContent!.slice(t.label.zh.length)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);

    const header = excel.peek('客户评估').values[2]!;
    expect(header.slice(-3)).toEqual(['综合得分', '客户等级', '预警标记']);
  });

  it('a table sorted after the preview: Apply writes each customer’s result on its own row and the summary says the rows were scored again', async () => {
    const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(evaluationWorkbook));
    const ops = createWorkbookOps({ run: excel.run });
    renderApp(ops, 'zh-CN');
    // The preview has read the table (its chart of customers per tier is drawn).
    await screen.findByRole('img', { name: /^各等级客户数：/ }, { timeout: 20_000 });
    excel.sortRows('客户评估', 'A4:M9', [5, 4, 3, 2, 1, 0]);
    fireEvent.click(screen.getByRole('button', { name: '应用评分' }));
    const results = await screen.findByRole('region', { name: '评分结果' }, { timeout: 20_000 });
    expect(within(results).getByText('预览之后评估表被重新排序过，因此已按各行当前的内容重新评分后写入。')).toBeTruthy();
    expect(excel.peek('客户评估', 'B4:N9').values.map((r) => [r[0], r[12]])).toEqual([
      ['=SUM(1,1)', 55.5],
      ['东海电子', 85.7],
      ['西部建材', 0],
      ['南方物流集团', 55.5],
      ['北方新能源科技', 89.3],
      ['华东精密制造有限公司', 100],
    ]);
  });
});
