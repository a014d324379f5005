/** @jest-environment jsdom */
import './setup';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ScoringError } from '../../src/engine/errors';
import type { Language } from '../../src/i18n/strings';
import { deferred, evaluationScored, fakeOps, renderApp } from './helpers';

jest.setTimeout(20_000);

const BUTTON: Record<Language, string> = { 'en-US': 'Insert or refresh charts', 'zh-CN': '插入/刷新图表' };

/** Renders the panel, applies, and waits for the results. */
async function applied(language: Language, more: Parameters<typeof fakeOps>[0] = {}) {
  const scored = evaluationScored();
  const ops = fakeOps({ score: async () => scored, ...more });
  renderApp(ops, language);
  fireEvent.click(await screen.findByRole('button', { name: language === 'en-US' ? 'Apply scores' : '应用评分' }));
  await screen.findByRole('heading', { level: 2, name: language === 'en-US' ? 'Results' : '评分结果' });
  return { ops, scored };
}

describe('the charts section', () => {
  it('is not shown before a run', async () => {
    renderApp(fakeOps());
    await screen.findByRole('button', { name: 'Apply scores' });
    expect(screen.queryByRole('button', { name: BUTTON['en-US'] })).toBeNull();
  });

  it('inserts the charts of the run in the panel language, with a spinner, then confirms', async () => {
    const charts = deferred<void>();
    const { ops, scored } = await applied('en-US', { insertCharts: () => charts.promise });
    const button = screen.getByRole('button', { name: BUTTON['en-US'] }) as HTMLButtonElement;
    fireEvent.click(button);
    expect(ops.insertCharts).toHaveBeenCalledWith(scored.run, 'en-US');
    expect(screen.getByText('Inserting the charts…')).toBeTruthy();
    expect(button.disabled).toBe(true);
    await act(async () => charts.resolve());
    expect(await screen.findByText('Charts updated on the Scoring charts sheet.')).toBeTruthy();
    expect(screen.queryByText('Inserting the charts…')).toBeNull();
    expect(button.disabled).toBe(false);
  });

  it('says so in Chinese', async () => {
    const { ops, scored } = await applied('zh-CN');
    fireEvent.click(screen.getByRole('button', { name: BUTTON['zh-CN'] }));
    expect(await screen.findByText('图表已更新：评分图表工作表。')).toBeTruthy();
    expect(ops.insertCharts).toHaveBeenCalledWith(scored.run, 'zh-CN');
  });

  it('says why the charts could not be inserted (a ScoringError’s sentence)', async () => {
    await applied('en-US', {
      insertCharts: async () => {
        throw new ScoringError('sheet-protected', { sheet: 'Scoring charts' });
      },
    });
    fireEvent.click(screen.getByRole('button', { name: BUTTON['en-US'] }));
    expect(
      await screen.findByText('The sheet “Scoring charts” is protected, so the results cannot be written; unprotect it first. Nothing was changed.'),
    ).toBeTruthy();
    expect(screen.queryByText('Charts updated on the Scoring charts sheet.')).toBeNull();
  });

  it('says something unexpected went wrong for other errors', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await applied('en-US', {
        insertCharts: async () => {
          throw new Error('GeneralException');
        },
      });
      fireEvent.click(screen.getByRole('button', { name: BUTTON['en-US'] }));
      expect(await screen.findByText(/^Something unexpected went wrong/)).toBeTruthy();
    } finally {
      error.mockRestore();
    }
  });

  it('stays available in the ready state after the run, for the last run', async () => {
    const { ops, scored } = await applied('en-US');
    fireEvent.click(screen.getByRole('button', { name: 'Back to the tables' }));
    await screen.findByRole('button', { name: 'Apply scores' });
    const section = screen.getByRole('region', { name: 'Charts' });
    fireEvent.click(within(section).getByRole('button', { name: BUTTON['en-US'] }));
    await waitFor(() => expect(ops.insertCharts).toHaveBeenCalledWith(scored.run, 'en-US'));
    expect(await within(section).findByText('Charts updated on the Scoring charts sheet.')).toBeTruthy();
  });
});
