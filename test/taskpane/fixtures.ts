/** Scans, runs and answers built from the engine for the task-pane tests: plain data, no DOM (the reducer's tests use them in node). */
import type { RuleSet } from '../../src/engine/rules';
import type { TableCandidate } from '../../src/engine/tables';
import type { WorkbookScan } from '../../src/excel/find';
import type { Applied, Scored } from '../../src/excel/ops';
import type { ReadSource } from '../../src/excel/write';
import { allPresets } from '../../src/presets';
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
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function candidate(headers: string[], more: Partial<TableCandidate> = {}): TableCandidate {
  return {
    sheet: '客户评估',
    source: 'excel-table',
    name: '客户评估表',
    box: { firstRow: 2, firstCol: 0, lastRow: 8, lastCol: headers.length - 1 },
    headers,
    ...more,
  };
}

export const FOLLOW_UP_HEADER = ['客户名称', '对接人', '跟进日期', '跟进方式', '跟进事由', '预计完成时间', '实际完成时间'];

/** The evaluation table (Excel table 客户评估表 on A3:K9) and a follow-up log as a plain range. */
export function evaluationScan(headers: string[] = EVALUATION_HEADER): WorkbookScan {
  return {
    sheets: [
      { name: '客户评估', visibility: 'Visible', protected: false },
      { name: '跟进记录', visibility: 'Visible', protected: false },
    ],
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
  run: evaluationScored().run,
  stats: { syncs: 2, chunks: 1 },
  span: { sheet: '客户评估', firstCol: 0, lastCol: 13 },
  rulesStored: true,
  // 综合得分, 客户等级, 预警标记 right of A3:K9: L–N, from the header row to the last customer.
  written: { sheet: '客户评估', columns: [11, 12, 13], firstRow: 2, lastRow: 8 },
};
