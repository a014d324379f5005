/** @jest-environment jsdom */
import './setup';
import { act, fireEvent, screen } from '@testing-library/react';
import { ScoringError } from '../../src/engine/errors';
import type { WorkbookScan } from '../../src/excel/find';
import type { Applied } from '../../src/excel/ops';
import axe from 'axe-core';
import { EVALUATION_HEADER } from '../helpers/grid';
import { APPLIED, PRESETS, SECTIONS, candidate, deferred, evaluationScan, fakeOps, openSection, renderApp } from './helpers';

/** axe's violations, colour contrast left out (jsdom does not lay out or paint). */
async function violations(root: Element): Promise<string[]> {
  const result = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function headingLevels(root: Element): number[] {
  return [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
}

describe('accessibility of the task pane', () => {
  it('ready, with an unmapped indicator: no axe violations, headings in order, every control labelled; the same with every section open', async () => {
    const headers = EVALUATION_HEADER.filter((h) => h !== '合同履约率');
    const { container } = renderApp(fakeOps({ scan: async () => evaluationScan(headers) }), 'zh-CN');
    await screen.findByText(/无法应用/);
    expect(await violations(container)).toEqual([]);
    for (const name of Object.values(SECTIONS['zh-CN'])) await openSection(name);
    expect(await violations(container)).toEqual([]);
    const levels = headingLevels(container);
    expect(levels[0]).toBe(1);
    levels.forEach((l, i) => {
      if (i > 0) expect(l).toBeLessThanOrEqual(levels[i - 1]! + 1);
    });
    for (const control of screen.getAllByRole('combobox')) {
      const label =
        [...container.querySelectorAll('label')].find((l) => l.htmlFor === control.id) ??
        document.getElementById(control.getAttribute('aria-labelledby') ?? '');
      expect(label?.textContent?.trim()).toBeTruthy();
    }
    for (const button of screen.getAllByRole('button')) expect(button.textContent!.trim()).not.toBe('');
  });

  it('done: no axe violations', async () => {
    const { container } = renderApp(fakeOps());
    fireEvent.click(await screen.findByRole('button', { name: 'Apply scores' }));
    await screen.findByRole('region', { name: 'Results' });
    expect(await violations(container)).toEqual([]);
    const levels = headingLevels(container);
    levels.forEach((l, i) => {
      if (i > 0) expect(l).toBeLessThanOrEqual(levels[i - 1]! + 1);
    });
  });

  it('loading, no table, applying, a selection made, and an error: no axe violations in any of them', async () => {
    const scan = deferred<WorkbookScan>();
    const loading = renderApp(fakeOps({ scan: () => scan.promise }));
    expect(await violations(loading.container)).toEqual([]);
    loading.unmount();

    const noTable = renderApp(fakeOps({ scan: async () => ({ sheets: [{ name: 'Sheet1', visibility: 'Visible', protected: false }], candidates: [] }) }));
    await screen.findByText(/^No customer evaluation table was found/);
    expect(await violations(noTable.container)).toEqual([]);
    noTable.unmount();

    // No table for the stored rules, with other rules and a table offered.
    const offers = renderApp(
      fakeOps({
        scan: async () => ({ sheets: [], candidates: [candidate(['客户名称', '利润贡献', '合作意愿', '需求扩展性'])] }),
        loadStoredRules: async () => ({ rules: PRESETS[0]!, mapping: { indicators: {} }, savedAt: '2024-06-01T00:00:00Z', runs: [] }),
      }),
    );
    await screen.findByText('These rules find a customer evaluation table in the workbook:');
    expect(await violations(offers.container)).toEqual([]);
    offers.unmount();

    const write = deferred<Applied>();
    const applying = renderApp(fakeOps({ apply: () => write.promise }));
    fireEvent.click(await screen.findByRole('button', { name: 'Apply scores' }));
    await screen.findByText('Writing the results…');
    expect(await violations(applying.container)).toEqual([]);
    await act(async () => write.resolve(APPLIED));
    fireEvent.click(await screen.findByRole('button', { name: /^Select all flagged customers/ }));
    await screen.findByText(/^Selected \d+ rows? on/);
    expect(await violations(applying.container)).toEqual([]);
    applying.unmount();

    const failing = renderApp(
      fakeOps({
        score: async () => {
          throw new ScoringError('sheet-protected', { sheet: '客户评估' });
        },
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Apply scores' }));
    await screen.findByText(/is protected/);
    expect(await violations(failing.container)).toEqual([]);
  });
});
