/**
 * The Excel host the add-in talks to: office.js's `Excel.run` in Excel, the emulated host
 * in tests and the playground. Every office-js call of the add-in lives in src/excel and
 * goes through `inExcel`, which asks Excel to wait while the user is typing in a cell
 * (`delayForCellEdit`, ExcelApi 1.5) instead of failing, and turns Office's errors into
 * problems with one sentence each (src/i18n/problems.ts).
 */
import { ScoringError } from '../engine/errors';

export type ExcelBatch<T> = (context: Excel.RequestContext) => Promise<T>;
export type ExcelRun = <T>(options: Excel.RunOptions, batch: ExcelBatch<T>) => Promise<T>;

export interface ExcelHost {
  run: ExcelRun;
  /**
   * Office.context.requirements.isSetSupported. Absent (a bare emulated host): every set is
   * taken as supported, and a call above the host's set still falls back when Excel answers
   * ApiNotFound.
   */
  isSetSupported?(name: string, minVersion?: string): boolean;
}

/** The real Excel, through office.js's globals `Excel` and `Office`. */
export function officeHost(): ExcelHost {
  return {
    run: (options, batch) => Excel.run(options, batch),
    isSetSupported: (name, minVersion) => Office.context.requirements.isSetSupported(name, minVersion),
  };
}

/** Whether the host supports ExcelApi `version`. */
export function supportsExcelApi(host: ExcelHost, version: string): boolean {
  return host.isSetSupported?.('ExcelApi', version) ?? true;
}

/** What the add-in was doing when Excel failed: it decides the second half of the sentence. */
export type ExcelStep = 'read' | 'write' | 'store-rules' | 'charts' | 'select';

/** Runs a batch in Excel: waiting out cell edit mode, with Office's errors as problems. */
export async function inExcel<T>(host: ExcelHost, step: ExcelStep, batch: ExcelBatch<T>): Promise<T> {
  try {
    return await host.run({ delayForCellEdit: true }, batch);
  } catch (error) {
    throw asProblem(error, step);
  }
}

/** An Office error as the problem the panel describes (its code, never its English message); other errors unchanged. */
export function asProblem(error: unknown, step: ExcelStep): unknown {
  if (error instanceof ScoringError || !isOfficeError(error)) return error;
  return new ScoringError('excel-failed', { code: error.code, step });
}

/** Excel's limits (office-js "resource limits"; Excel on the web): per request, per response, per range read. */
export const LIMITS = {
  requestBytes: 5 * 1024 * 1024,
  responseBytes: 5 * 1024 * 1024,
  /** What one write request carries at most, leaving room for the request's own overhead. */
  writeChunkBytes: 4 * 1024 * 1024,
  /**
   * What one read request is planned to bring back at most: 90 % of the response limit, the
   * rest for what the estimate (read.ts, SEEN_MARGIN) does not foresee.
   */
  readBudgetBytes: 4.5 * 1024 * 1024,
  /** A range of more cells reads as null in Excel (office-js#6781): reads stay well below it. */
  readCells: 5_000_000,
  /** Excel refuses longer range addresses (getRanges). */
  addressLength: 8192,
} as const;

/** How much of each sheet the finder reads to spot header rows. */
export const HEADER_SCAN = { rows: 60, columns: 64 } as const;

export interface OfficeErrorLike {
  code: string;
  message: string;
}

/** An office.js error (OfficeExtension.Error), told apart without touching the global. */
export function isOfficeError(e: unknown): e is OfficeErrorLike {
  return typeof e === 'object' && e !== null && typeof (e as OfficeErrorLike).code === 'string' && typeof (e as OfficeErrorLike).message === 'string';
}
