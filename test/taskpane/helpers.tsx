/** A fake `WorkbookOps` whose answers the tests control, and scans and runs built from the engine. */
import './setup';
import { render } from '@testing-library/react';
import type { RuleSet } from '../../src/engine/rules';
import type { TableCandidate } from '../../src/engine/tables';
import { propose, type WorkbookScan } from '../../src/excel/find';
import type { Applied, Scored, WorkbookOps } from '../../src/excel/ops';
import type { ReadSource } from '../../src/excel/write';
import type { Language } from '../../src/i18n/strings';
import { allPresets } from '../../src/presets';
import { App } from '../../src/taskpane/App';
import { EVALUATION_HEADER, SEED_000_ROW, scoreRows, serial } from '../helpers/grid';

export const PRESETS: RuleSet[] = allPresets();
export const AS_OF = serial('2024-06-30');

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

export function candidate(headers: string[], more: Partial<TableCandidate> = {}): TableCandidate {
  return {
    sheet: '客户评估', source: 'excel-table', name: '客户评估表',
    box: { firstRow: 2, firstCol: 0, lastRow: 8, lastCol: headers.length - 1 }, headers, ...more,
  };
}

export const FOLLOW_UP_HEADER = ['客户名称', '对接人', '跟进日期', '跟进方式', '跟进事由', '预计完成时间', '实际完成时间'];

/** The evaluation table (Excel table 客户评估表 on A3:K9) and a follow-up log as a plain range. */
export function evaluationScan(headers: string[] = EVALUATION_HEADER): WorkbookScan {
  return {
    sheets: [{ name: '客户评估', visibility: 'Visible', protected: false }, { name: '跟进记录', visibility: 'Visible', protected: false }],
    candidates: [
      candidate(headers),
      { sheet: '跟进记录', source: 'range', box: { firstRow: 1, firstCol: 0, lastRow: 6, lastCol: FOLLOW_UP_HEADER.length - 1 }, headers: FOLLOW_UP_HEADER },
    ],
  };
}

/** What a fake `prepare` read: the evaluation table only. */
export function sourceOf(evaluation: TableCandidate): ReadSource {
  return { evaluation, followUp: null, reads: [{ sheet: evaluation.sheet, box: evaluation.box }] };
}

/** A real run of the evaluation preset over three customers. */
export function evaluationScored(): Scored {
  const weak = ['西部建材', 0.5, '衰退', 4, 85, 3.6, 0.7, 0.3, '无意愿', 'A级', 0.88];
  const gap = ['东海电子', 2, '稳定', '—', 99, 4.5, '90%', '80%', '主动尝试', 'AAA', '100%'];
  const run = scoreRows('evaluation', EVALUATION_HEADER, [SEED_000_ROW, weak, gap]);
  return { run, grids: [], columns: ['score', 'tier', 'flags'], source: sourceOf(candidate(EVALUATION_HEADER)) };
}

export const APPLIED: Applied = {
  run: evaluationScored().run, stats: { syncs: 2, chunks: 1 }, span: { sheet: '客户评估', firstCol: 0, lastCol: 13 }, rulesStored: true,
};

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
