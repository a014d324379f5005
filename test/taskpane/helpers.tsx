/** A fake `WorkbookOps` whose answers the tests control, and the panel rendered with it (the data: fixtures.ts). */
import './setup';
import { render } from '@testing-library/react';
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
