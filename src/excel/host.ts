/**
 * The Excel host the add-in talks to: office.js's `Excel.run` in Excel, the emulated host
 * in tests and the playground. Every office-js call of the add-in lives in src/excel and
 * goes through this.
 */

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHost {
  run: ExcelRun;
}

/** The real Excel, through office.js's global `Excel`. */
export function officeHost(): ExcelHost {
  return { run: (batch) => Excel.run(batch) };
}

/** Excel's limits (office-js "resource limits"): per request, and per read. */
export const LIMITS = {
  requestBytes: 5 * 1024 * 1024,
  /** What one write request carries at most, leaving room for the request's own overhead. */
  writeChunkBytes: 4 * 1024 * 1024,
  readCells: 5_000_000,
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
