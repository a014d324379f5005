/** @jest-environment jsdom */
import { webDarkTheme } from '@fluentui/react-components';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { ScoringError } from '../../src/engine/errors';
import { getPreset } from '../../src/presets';
import type { WorkbookScan } from '../../src/excel/find';
import type { Applied, Scored } from '../../src/excel/ops';
import { EVALUATION_HEADER, SEED_000_ROW, scoreRows, serial } from '../helpers/grid';
import {
  APPLIED,
  AS_OF,
  PRESETS,
  SECTIONS,
  candidate,
  deferred,
  evaluationScan,
  evaluationScored,
  fakeOps,
  openSection,
  renderApp,
  sectionHeader,
} from './helpers';

const evaluation = getPreset('evaluation');

describe('the task pane', () => {
  it('shows a spinner while the workbook is scanned', async () => {
    const scan = deferred<WorkbookScan>();
    const ops = fakeOps({ scan: () => scan.promise });
    renderApp(ops);
    expect(screen.getByText('Finding the tables…')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Customer Scoring' })).toBeTruthy();
    await act(async () => scan.resolve(evaluationScan()));
    expect(await screen.findByRole('heading', { level: 2, name: 'Evaluation score' })).toBeTruthy();
    expect(screen.queryByText('Finding the tables…')).toBeNull();
  });

  it('says no table was found, and Refresh scans again', async () => {
    const ops = fakeOps({ scan: async () => ({ sheets: [], candidates: [] }) });
    renderApp(ops);
    expect(await screen.findByText(/No customer evaluation table was found/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Apply scores' })).toBeNull();
    expect(ops.scan).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Find tables again' }));
    await waitFor(() => expect(ops.scan).toHaveBeenCalledTimes(2));
    expect(await screen.findByText(/No customer evaluation table was found/)).toBeTruthy();
  });

  it('is ready: the first lines say what was found; the tuning sections are closed and mounted only when opened', async () => {
    const { container } = renderApp(fakeOps());
    await screen.findByRole('heading', { level: 2, name: 'Evaluation score' });
    const found = container.querySelector('dl')!;
    // Each role and its value apart: "Service survey: Not found", never run together.
    expect([...found.querySelectorAll('div')].map((row) => row.textContent)).toEqual([
      'Evaluation table: 客户评估 A3:K9',
      'Follow-up log: 跟进记录 A2:G7',
      'Service survey: Not found',
      `Rules: ${evaluation.label.en}`,
    ]);
    const apply = screen.getByRole('button', { name: 'Apply scores' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(false);
    expect(screen.queryByText(/Apply is unavailable/)).toBeNull();

    // Closed, and not mounted: no column choice, slider, band field, rules choice or run record yet.
    for (const name of Object.values(SECTIONS['en-US'])) expect((await sectionHeader(name)).getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryAllByRole('combobox')).toHaveLength(0);
    expect(screen.queryAllByRole('slider')).toHaveLength(0);
    expect(screen.queryAllByRole('spinbutton')).toHaveLength(0);

    await openSection('Table and columns');
    expect(screen.getByRole('combobox', { name: 'Table to score' }).textContent).toBe('客户评估!A3:K9（客户评估表）'.replace('（', ' (').replace('）', ')'));
    expect(screen.getByText('客户评估表')).toBeTruthy();
    expect(screen.getByText('100%')).toBeTruthy();
    for (const indicator of evaluation.indicators) expect(screen.getByRole('combobox', { name: indicator.label.en })).toBeTruthy();
    // Each column is offered with its letter.
    expect(screen.getByRole('combobox', { name: evaluation.indicators[0]!.label.en }).textContent).toBe('B · 合作时长（年）');
    expect(screen.queryByText('Not mapped')).toBeNull();
    expect(screen.queryAllByRole('slider')).toHaveLength(0);

    await openSection('Rules and runs');
    expect(screen.getByRole('combobox', { name: 'Scoring rules' }).textContent).toBe(evaluation.label.en);
  });

  it('marks unmapped required indicators and disables Apply with the reason', async () => {
    const headers = EVALUATION_HEADER.filter((h) => h !== '合同履约率' && h !== '客户信用等级');
    renderApp(fakeOps({ scan: async () => evaluationScan(headers) }));
    await screen.findByRole('heading', { level: 2, name: 'Evaluation score' });
    const contract = evaluation.indicators.find((i) => i.columns.includes('合同履约率'))!;
    const credit = evaluation.indicators.find((i) => i.columns.includes('客户信用等级'))!;
    // No preview for a table that cannot be scored.
    expect(screen.queryByRole('img', { name: /^Customers per tier/ })).toBeNull();
    await openSection('Table and columns');
    expect(screen.getAllByText('Not mapped').length).toBeGreaterThanOrEqual(2);
    const reason = screen.getByText(/Apply is unavailable/).textContent!;
    expect(reason).toContain(contract.label.en);
    expect(reason).toContain(credit.label.en);
    const apply = screen.getByRole('button', { name: 'Apply scores' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
  });

  it('lets the user choose the column of an indicator, and passes the choice to score', async () => {
    const contract = evaluation.indicators.find((i) => i.columns.includes('合同履约率'))!;
    const credit = evaluation.indicators.find((i) => i.columns.includes('客户信用等级'))!;
    const headers = EVALUATION_HEADER.map((h) => (h === '合同履约率' ? '甲列' : h === '客户信用等级' ? '乙列' : h));
    const ops = fakeOps({ scan: async () => evaluationScan(headers) });
    renderApp(ops);
    await screen.findByText(/Apply is unavailable/);
    const choose = async (label: string, option: string) => {
      fireEvent.click(screen.getByRole('combobox', { name: label }));
      fireEvent.click(await screen.findByRole('option', { name: new RegExp(`· ${option}$`) }));
    };
    // The blocked Apply brings the user to the first unmapped indicator's column choice in one click:
    // its section opens and the field takes the focus (the rules list 客户信用等级 before 合同履约率).
    expect(screen.queryByRole('combobox', { name: credit.label.en })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: `Choose the column for ${credit.label.en}` }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('combobox', { name: credit.label.en })));
    expect((await sectionHeader('Table and columns')).getAttribute('aria-expanded')).toBe('true');
    await choose(contract.label.en, '甲列');
    await waitFor(() => expect(screen.getByRole('combobox', { name: contract.label.en }).textContent).toMatch(/^[A-Z]+ · 甲列$/));
    expect(screen.getByRole('combobox', { name: contract.label.en }).closest('.fui-Field')!.textContent).toContain('Chosen by you');
    expect(screen.getByText(/Apply is unavailable/).textContent).not.toContain(contract.label.en);
    expect(screen.getByText(/Apply is unavailable/).textContent).toContain(credit.label.en);
    await choose(credit.label.en, '乙列');
    await waitFor(() => expect(screen.queryByText(/Apply is unavailable/)).toBeNull());
    expect(screen.queryByText('Not mapped')).toBeNull();
    // The section says it holds edits.
    expect((await sectionHeader('Table and columns')).textContent).toBe('Table and columnsedited');

    fireEvent.click(screen.getByRole('button', { name: 'Apply scores' }));
    await screen.findByRole('region', { name: 'Results' });
    expect(ops.score.mock.calls[0]![1].mapping).toEqual({ [contract.id]: '甲列', [credit.id]: '乙列' });
  });

  it('a required indicator set to no column blocks Apply; matching by header again undoes it', async () => {
    const first = evaluation.indicators[0]!;
    renderApp(fakeOps());
    await openSection('Table and columns');
    fireEvent.click(await screen.findByRole('combobox', { name: first.label.en }));
    fireEvent.click(await screen.findByRole('option', { name: '(no column)' }));
    expect(await screen.findByText(/Apply is unavailable/)).toBeTruthy();
    // The dropdown's placeholder, and the field says what to do.
    expect(screen.getAllByText('Not mapped')).toHaveLength(1);
    expect(screen.getByText(/^No column\. Choose its column, or “Not tracked: score without it”\.$/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Apply scores' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Match columns by header again' }));
    await waitFor(() => expect(screen.queryByText(/Apply is unavailable/)).toBeNull());
    expect(screen.getByRole('combobox', { name: first.label.en }).textContent).toBe('B · 合作时长（年）');
    expect(screen.queryByRole('button', { name: 'Match columns by header again' })).toBeNull();
  });

  it('an indicator the team does not track can be scored without: Apply runs, and score gets `without`', async () => {
    const credit = evaluation.indicators.find((i) => i.columns.includes('客户信用等级'))!;
    const headers = EVALUATION_HEADER.map((h) => (h === '客户信用等级' ? '备注' : h));
    const ops = fakeOps({ scan: async () => evaluationScan(headers) });
    renderApp(ops);
    expect((await screen.findByText(/Apply is unavailable/)).textContent).toContain(credit.label.en);
    await openSection('Table and columns');
    fireEvent.click(screen.getByRole('combobox', { name: credit.label.en }));
    fireEvent.click(await screen.findByRole('option', { name: 'Not tracked: score without it' }));
    await waitFor(() => expect(screen.queryByText(/Apply is unavailable/)).toBeNull());
    expect(screen.getByRole('combobox', { name: credit.label.en }).textContent).toBe('Not tracked: score without it');
    expect(screen.getByText('Left out of the score; its weight is shared among the other indicators.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Apply scores' }));
    await screen.findByRole('region', { name: 'Results' });
    expect(ops.score.mock.calls[0]![1].without).toEqual([credit.id]);
  });

  it('a column matched by what its header means, not by a synonym, is shown as a guess to check', async () => {
    const credit = evaluation.indicators.find((i) => i.columns.includes('客户信用等级'))!;
    const headers = EVALUATION_HEADER.map((h) => (h === '客户信用等级' ? '资信评级' : h));
    renderApp(fakeOps({ scan: async () => evaluationScan(headers) }));
    await openSection('Table and columns');
    const field = (await screen.findByRole('combobox', { name: credit.label.en })).closest('.fui-Field')!;
    expect(screen.getByRole('combobox', { name: credit.label.en }).textContent).toMatch(/ · 资信评级$/);
    expect(field.textContent).toContain('Guessed from what the header means; please check');
    expect(screen.queryByText(/Apply is unavailable/)).toBeNull();
  });

  it('applies: progress while scoring and writing, then the summary per tier and flag', async () => {
    const score = deferred<Scored>();
    const write = deferred<Applied>();
    const ops = fakeOps({ score: () => score.promise, apply: () => write.promise });
    renderApp(ops);
    fireEvent.click(await screen.findByRole('button', { name: 'Apply scores' }));
    expect(screen.getByText('Reading and scoring…')).toBeTruthy();
    expect(screen.getByRole('progressbar')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Apply scores' }) as HTMLButtonElement).disabled).toBe(true);
    expect(ops.score).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        rules: expect.objectContaining({ id: 'evaluation' }),
        asOf: AS_OF,
        evaluation: expect.objectContaining({ name: '客户评估表' }),
        followUp: expect.objectContaining({ sheet: '跟进记录' }),
      }),
    );
    const scored = evaluationScored();
    await act(async () => score.resolve(scored));
    expect(screen.getByText('Writing the results…')).toBeTruthy();
    expect(ops.apply).toHaveBeenCalledWith(scored, 'en-US', expect.objectContaining({ by: '' }));
    await act(async () => write.resolve(APPLIED));

    const results = await screen.findByRole('region', { name: 'Results' });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(within(results).getByText(/Scored 3 customers on “客户评估”/)).toBeTruthy();
    const tiers = within(results).getByRole('table', { name: 'Customers per tier' });
    for (const tier of evaluation.tiers) {
      const row = within(tiers).getByText(tier.label.en).closest('tr')!;
      expect(row.textContent).toBe(`${tier.label.en}${scored.run.summary.tiers[tier.id]}`);
    }
    const flags = within(results).getByRole('table', { name: 'Flags' });
    expect(within(flags).getByText('Missing data').closest('tr')!.textContent).toBe(`Missing data${scored.run.summary.flags['missing-data']}Select`);
    expect(scored.run.summary.flags['missing-data']).toBeGreaterThan(0);
  });

  it('when Apply scored the rows again (the table was sorted after the preview), the summary says so and shows the run written', async () => {
    const written = scoreRows('evaluation', EVALUATION_HEADER, [SEED_000_ROW, SEED_000_ROW.map((v, i) => (i === 0 ? '乙公司' : v))]);
    const ops = fakeOps({ apply: async () => ({ ...APPLIED, run: written, rescored: { reason: 'sorted' as const } }) });
    const { unmount } = renderApp(ops);
    fireEvent.click(await screen.findByRole('button', { name: 'Apply scores' }));
    const results = await screen.findByRole('region', { name: 'Results' });
    expect(
      within(results).getByText('The evaluation table was sorted after the preview, so its rows were scored again as they are now before writing.'),
    ).toBeTruthy();
    expect(within(results).getByText(/Scored 2 customers on “客户评估”/)).toBeTruthy();
    unmount();
    renderApp(fakeOps({ apply: async () => ({ ...APPLIED, rescored: { reason: 'rows-added' as const } }) }), 'zh-CN');
    fireEvent.click(await screen.findByRole('button', { name: '应用评分' }));
    const zh = await screen.findByRole('region', { name: '评分结果' });
    expect(within(zh).getByText('预览之后评估表中增加了行，因此已按各行当前的内容重新评分后写入。')).toBeTruthy();
  });

  it('when nothing changed after the preview, the summary says nothing about it', async () => {
    renderApp(fakeOps());
    fireEvent.click(await screen.findByRole('button', { name: 'Apply scores' }));
    const results = await screen.findByRole('region', { name: 'Results' });
    expect(within(results).queryByText(/after the preview/)).toBeNull();
  });

  it('the as-of date: shown in the pane language (the day given), typed in it or in ISO, read again for the preview, used by Apply; not a date blocks Apply with the reason', async () => {
    const ops = fakeOps();
    renderApp(ops);
    const field = (await screen.findByLabelText('Flags as of')) as HTMLInputElement;
    expect(field.value).toBe('6/30/2024');
    expect(screen.getByText('Follow-up and churn flags count up to this day.')).toBeTruthy();
    await waitFor(() => expect(ops.prepare).toHaveBeenCalledTimes(1));
    expect(ops.prepare.mock.calls[0]![1].asOf).toBe(AS_OF);

    fireEvent.change(field, { target: { value: '7/31/2024' } });
    await waitFor(() => expect(ops.prepare).toHaveBeenCalledTimes(2));
    expect(ops.prepare.mock.calls[1]![1].asOf).toBe(serial('2024-07-31'));

    for (const text of ['', '31/7/2024', '2024-02-30']) {
      fireEvent.change(field, { target: { value: text } });
      expect(await screen.findByText('Enter a valid date, such as 6/30/2024.')).toBeTruthy();
      expect(screen.getByText('Apply is unavailable: the “Flags as of” date is not a valid date.')).toBeTruthy();
      expect((screen.getByRole('button', { name: 'Apply scores' }) as HTMLButtonElement).disabled).toBe(true);
    }
    expect(ops.prepare).toHaveBeenCalledTimes(2); // no read for a date that is not one

    fireEvent.change(field, { target: { value: '2024-08-31' } });
    await waitFor(() => expect(ops.prepare).toHaveBeenCalledTimes(3));
    expect(ops.prepare.mock.calls[2]![1].asOf).toBe(serial('2024-08-31'));
    fireEvent.click(screen.getByRole('button', { name: 'Apply scores' }));
    const results = await screen.findByRole('region', { name: 'Results' });
    expect(ops.score.mock.calls[0]![1].asOf).toBe(serial('2024-08-31'));
    // The summary says the date of the run it shows (the fake run is as of 2024-06-30), in the pane's format.
    expect(within(results).getByText(/Flags as of 6\/30\/2024\./)).toBeTruthy();
  });

  it('the as-of date in Chinese: 2024/06/30, and a Chinese date typed in', async () => {
    const ops = fakeOps();
    renderApp(ops, 'zh-CN');
    const field = (await screen.findByLabelText('预警计算基准日')) as HTMLInputElement;
    expect(field.value).toBe('2024/06/30');
    fireEvent.change(field, { target: { value: '2024年7月31日' } });
    await waitFor(() => expect(ops.prepare).toHaveBeenCalledTimes(2));
    expect(ops.prepare.mock.calls[1]![1].asOf).toBe(serial('2024-07-31'));
    // Month first is English only: in a Chinese pane 7/31/2024 is not a date.
    fireEvent.change(field, { target: { value: '7/31/2024' } });
    expect(await screen.findByText('请输入有效日期，例如 2024/06/30。')).toBeTruthy();
    expect((screen.getByRole('button', { name: '应用评分' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('a long write shows how much is written on a determinate progress bar', async () => {
    const write = deferred<Applied>();
    const ops = fakeOps({
      apply: async (_scored: Scored, _lang: string, options?: { onProgress?(f: number): void }) => {
        options?.onProgress?.(0.5);
        return write.promise;
      },
    });
    renderApp(ops);
    fireEvent.click(await screen.findByRole('button', { name: 'Apply scores' }));
    const bar = await screen.findByRole('progressbar');
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('0.5'));
    expect(bar.getAttribute('aria-valuemax')).toBe('1');
    await act(async () => write.resolve(APPLIED));
    expect(await screen.findByRole('region', { name: 'Results' })).toBeTruthy();
  });

  it('records who ran it: the name typed in "Recorded by" goes with Apply and is remembered for the next time the panel opens', async () => {
    localStorage.clear();
    const ops = fakeOps();
    const first = renderApp(ops);
    await openSection('Rules and runs');
    const name = (await screen.findByLabelText('Recorded by')) as HTMLInputElement;
    expect(name.value).toBe('');
    fireEvent.change(name, { target: { value: '王经理' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply scores' }));
    await screen.findByRole('region', { name: 'Results' });
    expect(ops.apply.mock.calls[0]![2].by).toBe('王经理');
    first.unmount();

    renderApp(fakeOps());
    await openSection('Rules and runs');
    expect(((await screen.findByLabelText('Recorded by')) as HTMLInputElement).value).toBe('王经理');
    localStorage.clear();
  });

  it('selects the rows of a flag’s customers, or of every flagged customer, in the sheet, and says how many', async () => {
    const ops = fakeOps();
    renderApp(ops);
    fireEvent.click(await screen.findByRole('button', { name: 'Apply scores' }));
    const results = await screen.findByRole('region', { name: 'Results' });
    const { run } = evaluationScored();
    const missing = run.customers.filter((c) => c.flags.some((f) => f.id === 'missing-data')).map((c) => c.row);
    const count = missing.length;
    const name = count === 1 ? 'Select the 1 customer flagged Missing data in the sheet' : `Select the ${count} customers flagged Missing data in the sheet`;
    fireEvent.click(within(results).getByRole('button', { name }));
    await within(results).findByText(count === 1 ? 'Selected 1 row on “客户评估”.' : `Selected ${count} rows on “客户评估”.`);
    expect(ops.selectRows).toHaveBeenLastCalledWith(APPLIED.span, missing);

    const flagged = run.customers.filter((c) => c.flags.length > 0).map((c) => c.row);
    expect(flagged.length).toBeGreaterThan(count);
    fireEvent.click(within(results).getByRole('button', { name: `Select all flagged customers in the sheet (${flagged.length})` }));
    await within(results).findByText(`Selected ${flagged.length} rows on “客户评估”.`);
    expect(ops.selectRows).toHaveBeenLastCalledWith(APPLIED.span, flagged);
  });

  it('says where the columns went (sheet and letters) and selects them, header to last customer', async () => {
    const ops = fakeOps();
    renderApp(ops);
    fireEvent.click(await screen.findByRole('button', { name: 'Apply scores' }));
    const results = await screen.findByRole('region', { name: 'Results' });
    // APPLIED wrote columns 11-13 (L–N) of 客户评估, rows 3 to 9.
    expect(within(results).getByText('The results are in columns L–N of “客户评估”.')).toBeTruthy();
    fireEvent.click(within(results).getByRole('button', { name: 'Select these columns' }));
    expect(await within(results).findByText('Selected L3:N9 on “客户评估”.')).toBeTruthy();
    expect(ops.selectRows).toHaveBeenLastCalledWith({ sheet: '客户评估', firstCol: 11, lastCol: 13 }, [2, 3, 4, 5, 6, 7, 8]);
  });

  it('columns written apart are named apart; in Chinese too', async () => {
    const ops = fakeOps({ apply: async () => ({ ...APPLIED, written: { sheet: '客户评估', columns: [15, 11, 12], firstRow: 2, lastRow: 8 } }) });
    renderApp(ops, 'zh-CN');
    fireEvent.click(await screen.findByRole('button', { name: '应用评分' }));
    const results = await screen.findByRole('region', { name: '评分结果' });
    expect(within(results).getByText('结果已写入「客户评估」的 L–M, P 列。')).toBeTruthy();
    fireEvent.click(within(results).getByRole('button', { name: '选中这些列' }));
    expect(await within(results).findByText('已选中「客户评估」的 L3:P9。')).toBeTruthy();
  });

  it('a selection cut at the block limit says so and how to see all; a failed selection gives the sentence', async () => {
    const ops = fakeOps({ selectRows: async () => ({ rows: 1234, selectedRows: 1000, blocks: 500 }) });
    const { unmount } = renderApp(ops, 'zh-CN');
    fireEvent.click(await screen.findByRole('button', { name: '应用评分' }));
    const results = await screen.findByRole('region', { name: '评分结果' });
    fireEvent.click(within(results).getByRole('button', { name: /^在表中选择所有带预警的客户/ }));
    expect(await within(results).findByText('已选中前 500 段（1,234 行中的 1,000 行）；要查看全部，请筛选「预警标记」列。')).toBeTruthy();
    unmount();

    // Office's ItemNotFound (the sheet was renamed or deleted): its own sentence, no code and no English from Excel.
    renderApp(
      fakeOps({
        selectRows: async () => {
          throw new ScoringError('excel-failed', { code: 'ItemNotFound', step: 'select' });
        },
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Apply scores' }));
    const again = await screen.findByRole('region', { name: 'Results' });
    fireEvent.click(within(again).getByRole('button', { name: /^Select all flagged customers/ }));
    const sentence = await within(again).findByText(
      'A sheet or table the add-in was using can no longer be found (it may have been renamed or deleted); find the tables again and retry.',
    );
    expect(sentence.closest('.fui-MessageBar')).toBeTruthy();
  });

  it('shows a ScoringError as its sentence in an error MessageBar, without a stack', async () => {
    const ops = fakeOps({
      score: async () => {
        throw new ScoringError('sheet-protected', { sheet: '客户评估' });
      },
    });
    const { container } = renderApp(ops);
    fireEvent.click(await screen.findByRole('button', { name: 'Apply scores' }));
    const sentence = await screen.findByText(/The sheet “客户评估” is protected/);
    expect(sentence.closest('.fui-MessageBar')?.className).toMatch(/fui-MessageBar/);
    expect(container.textContent).not.toMatch(/Error:|ScoringError|\bat \w+ \(|sheet-protected/);
    expect(ops.apply).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Find tables again' }));
    expect(await screen.findByRole('button', { name: 'Apply scores' })).toBeTruthy();
  });

  it('shows a generic sentence for an unexpected error', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    const ops = fakeOps({
      scan: async () => {
        throw new TypeError('boom: cannot read x of undefined');
      },
    });
    const { container } = renderApp(ops);
    expect(await screen.findByText(/Something unexpected went wrong/)).toBeTruthy();
    expect(container.textContent).not.toMatch(/boom|TypeError|Error:/);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('offers the rules stored in the workbook and uses them by default; a damaged store is said', async () => {
    const stored = {
      rules: { ...evaluation, label: { zh: '我们的规则', en: 'Our rules' } },
      mapping: { indicators: {} },
      savedAt: '2024-06-01T00:00:00Z',
      runs: [],
    };
    const ops = fakeOps({ loadStoredRules: async () => stored });
    const { unmount } = renderApp(ops);
    await openSection('Rules and runs');
    const combo = await screen.findByRole('combobox', { name: 'Scoring rules' });
    expect(combo.textContent).toBe('Rules stored in the workbook (Our rules)');
    fireEvent.click(await screen.findByRole('button', { name: 'Apply scores' }));
    await screen.findByRole('region', { name: 'Results' });
    expect(ops.score.mock.calls[0]![1].rules).toBe(stored.rules);
    unmount();

    renderApp(
      fakeOps({
        loadStoredRules: async () => {
          throw new ScoringError('stored-rules-damaged', { detail: 'C1' });
        },
      }),
    );
    expect(await screen.findByText(/The scoring rules stored in this workbook are damaged \(C1\)/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Apply scores' })).toBeTruthy();
  });

  it('switches preset and evaluation table from the dropdowns; the sections say they hold edits', async () => {
    renderApp(fakeOps());
    await openSection('Rules and runs');
    const presetBox = await screen.findByRole('combobox', { name: 'Scoring rules' });
    fireEvent.click(presetBox);
    fireEvent.click(await screen.findByRole('option', { name: getPreset('grading').label.en }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Scoring rules' }).textContent).toBe(getPreset('grading').label.en));
    // The evaluation table lacks the grading indicators.
    expect(screen.getByText(/Apply is unavailable: these required indicators have no column/)).toBeTruthy();
    expect((await sectionHeader('Rules and runs')).textContent).toBe('Rules and runsedited');

    fireEvent.click(screen.getByRole('combobox', { name: 'Scoring rules' }));
    fireEvent.click(await screen.findByRole('option', { name: evaluation.label.en }));
    await waitFor(() => expect(screen.queryByText(/Apply is unavailable/)).toBeNull());
    expect((await sectionHeader('Rules and runs')).textContent).toBe('Rules and runs');

    await openSection('Table and columns');
    fireEvent.click(screen.getByRole('combobox', { name: 'Table to score' }));
    fireEvent.click(await screen.findByRole('option', { name: '跟进记录!A2:G7' }));
    expect(await screen.findByText(/Apply is unavailable/)).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Table to score' }).textContent).toBe('跟进记录!A2:G7');
    expect((await sectionHeader('Table and columns')).textContent).toBe('Table and columnsedited');
  });

  it('no table for the rules in use: the rules that find one and the tables found are offered', async () => {
    // Stored evaluation rules, and a workbook whose only table has the maintenance plan's columns.
    const stored = { rules: evaluation, mapping: { indicators: {} }, savedAt: '2024-06-01T00:00:00Z', runs: [] };
    const scan: WorkbookScan = { sheets: [], candidates: [candidate(['客户名称', '利润贡献', '合作意愿', '需求扩展性'])] };
    const ops = fakeOps({ scan: async () => scan, loadStoredRules: async () => stored });
    renderApp(ops);
    expect(await screen.findByText(/^No customer evaluation table was found: .* “Customer relationship evaluation” rules\.$/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Apply scores' })).toBeNull();
    expect(screen.getByText('These rules find a customer evaluation table in the workbook:')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Or choose the table to score' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: `Use “${getPreset('maintenance').label.en}”` }));
    // Found: the maintenance plan's other indicators have no column yet.
    expect(await screen.findByText(/Apply is unavailable: these required indicators have no column/)).toBeTruthy();
    expect(screen.getByText('Rules:').parentElement!.textContent).toBe(`Rules: ${getPreset('maintenance').label.en}`);
  });

  it('speaks the panel language: zh-CN labels and sentences', async () => {
    renderApp(fakeOps(), 'zh-CN');
    expect(await screen.findByRole('heading', { level: 2, name: '客户评估评分' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: '客户评分' })).toBeTruthy();
    expect(screen.getByText('服务调查：').parentElement!.textContent).toBe('服务调查：未找到');
    for (const name of Object.values(SECTIONS['zh-CN'])) expect(await sectionHeader(name)).toBeTruthy();
    await openSection('规则与记录');
    expect(screen.getByRole('combobox', { name: '评分方案' }).textContent).toBe(evaluation.label.zh);
    await openSection('表格与列');
    expect(screen.getByRole('combobox', { name: evaluation.indicators[0]!.label.zh })).toBeTruthy();
    expect(screen.getByRole('button', { name: '重新查找表格' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '应用评分' }));
    const results = await screen.findByRole('region', { name: '评分结果' });
    expect(within(results).getByText(/已按「客户关系综合评估」为「客户评估」中的 3 位客户评分/)).toBeTruthy();
    for (const tier of evaluation.tiers) expect(within(results).getByText(tier.label.zh)).toBeTruthy();
    expect(within(results).getByText('数据缺失')).toBeTruthy();
    expect(screen.queryByText('Apply scores')).toBeNull();
  });

  it('uses the dark theme when asked', async () => {
    const { container } = render(<App language="en-US" ops={fakeOps()} presets={PRESETS} theme="dark" />);
    await screen.findByRole('heading', { level: 2, name: 'Evaluation score' });
    const provider = container.querySelector<HTMLElement>('.fui-FluentProvider')!;
    // webDarkTheme's page background is dark (#292929); the light theme's is white.
    const css = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).join('\n');
    expect(css).toContain(webDarkTheme.colorNeutralBackground1);
    expect(provider).toBeTruthy();
  });
});
