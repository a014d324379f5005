/** A fake `WorkbookOps` whose answers the tests control, and the panel rendered with it (the data: fixtures.ts). */
import './setup';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { propose } from '../../src/excel/find';
import type { WorkbookOps } from '../../src/excel/ops';
import type { Language } from '../../src/i18n/strings';
import { App } from '../../src/taskpane/App';
import { APPLIED, AS_OF, PRESETS, evaluationScan, evaluationScored } from './fixtures';

export * from './fixtures';

export function fakeOps(overrides: Partial<WorkbookOps> = {}): WorkbookOps & { [K in keyof WorkbookOps]: jest.Mock } {
  // Asserted rather than annotated: the interface grows (prepare, …) and the panel uses only these.
  const ops = {
    scan: async () => evaluationScan(),
    propose,
    // The preview's read never answers unless a test gives one: Apply then scores with `score`.
    prepare: () => new Promise(() => {}),
    score: async () => evaluationScored(),
    apply: async () => APPLIED,
    insertCharts: async () => {},
    selectRows: async (_span: unknown, rows: readonly number[]) => ({ rows: new Set(rows).size, selectedRows: new Set(rows).size, blocks: new Set(rows).size }),
    loadStoredRules: async () => null,
    storeRules: async () => {},
    ...overrides,
  } as WorkbookOps;
  return Object.fromEntries(Object.entries(ops).map(([k, f]) => [k, jest.fn(f as (...a: unknown[]) => unknown)])) as never;
}

export function renderApp(ops: WorkbookOps, language: Language = 'en-US') {
  return render(<App language={language} ops={ops} presets={PRESETS} asOf={AS_OF} />);
}

/** Names of the tuning sections, as their headers read (the "edited" marker may follow). */
export const SECTIONS = {
  'en-US': { mapping: 'Table and columns', weights: 'Weights', bands: 'Bands and cut-offs', rules: 'Rules and runs' },
  'zh-CN': { mapping: '表格与列', weights: '权重', bands: '分档与分数线', rules: '规则与记录' },
} as const;

/** A tuning section's header button (collapsed or open). */
export function sectionHeader(name: string): Promise<HTMLElement> {
  return screen.findByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`) });
}

/** Opens a tuning section (closed at first, its content loaded and mounted only once open) and waits for its content. */
export async function openSection(name: string): Promise<void> {
  const header = await sectionHeader(name);
  if (header.getAttribute('aria-expanded') !== 'true') fireEvent.click(header);
  await waitFor(() => expect(header.getAttribute('aria-expanded')).toBe('true'));
  await waitFor(() => expect(screen.queryByText(/^(Loading…|正在加载…)$/)).toBeNull());
}
