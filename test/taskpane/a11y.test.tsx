/** @jest-environment jsdom */
import './setup';
import { fireEvent, screen } from '@testing-library/react';
import axe from 'axe-core';
import { EVALUATION_HEADER } from '../helpers/grid';
import { evaluationScan, fakeOps, renderApp } from './helpers';

/** axe's violations, colour contrast left out (jsdom does not lay out or paint). */
async function violations(root: Element): Promise<string[]> {
  const result = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function headingLevels(root: Element): number[] {
  return [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
}

describe('accessibility of the task pane', () => {
  it('ready, with an unmapped indicator: no axe violations, headings in order, every control labelled', async () => {
    const headers = EVALUATION_HEADER.filter((h) => h !== '合同履约率');
    const { container } = renderApp(fakeOps({ scan: async () => evaluationScan(headers) }), 'zh-CN');
    await screen.findByText(/无法应用/);
    expect(await violations(container)).toEqual([]);
    const levels = headingLevels(container);
    expect(levels[0]).toBe(1);
    levels.forEach((l, i) => { if (i > 0) expect(l).toBeLessThanOrEqual(levels[i - 1]! + 1); });
    for (const control of screen.getAllByRole('combobox')) {
      const label = [...container.querySelectorAll('label')].find((l) => l.htmlFor === control.id)
        ?? document.getElementById(control.getAttribute('aria-labelledby') ?? '');
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
    levels.forEach((l, i) => { if (i > 0) expect(l).toBeLessThanOrEqual(levels[i - 1]! + 1); });
  });
});
