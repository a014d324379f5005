/** The one error type of the .xlsx layer; callers never see a raw wasm/Go error. */
import { ScoringError } from '../engine/errors';

export type XlsxErrorCode = 'not-xlsx' | 'write-failed' | 'too-large' | 'encrypted';

/** Which limit of limits.ts a 'too-large' workbook exceeded, and its value. */
export interface XlsxLimitExceeded {
  kind: 'part-bytes' | 'package-bytes' | 'cells' | 'grid-cells';
  limit: number;
}

/**
 * Why the writer could not produce the workbook ('write-failed'), with the sheet, table and
 * cells it names: the user's sentence is built from these (src/i18n/reasons.ts WRITE_REASONS),
 * never from the English message, which is for developers. Without one: 'generate'.
 */
export interface WriteFailure {
  reason:
    | 'generate' // excelize could not build or save the package
    | 'invalid-write' // the cells asked for are not valid (a caller's bug)
    | 'no-sheet'
    | 'chart-sheet'
    | 'no-table'
    | 'table-moved'
    | 'table-no-data'
    | 'table-no-header'
    | 'table-empty-header'
    | 'table-duplicate-header'
    | 'table-totals';
  sheet?: string;
  table?: string;
  cell?: string;
  other?: string;
  header?: string;
  range?: string;
}

export class XlsxError extends Error {
  readonly code: XlsxErrorCode;
  /** For 'too-large'. */
  readonly limit?: XlsxLimitExceeded;
  /** For 'write-failed': why, in words the i18n can say. */
  readonly failure?: WriteFailure;

  constructor(code: XlsxErrorCode, message: string, options?: { cause?: unknown; limit?: XlsxLimitExceeded; failure?: WriteFailure }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'XlsxError';
    this.code = code;
    if (options?.limit) this.limit = options.limit;
    if (options?.failure) this.failure = options.failure;
  }
}

/** A 'write-failed' error: `message` for developers, `failure` for the user's sentence. */
export function writeFailed(failure: WriteFailure, message: string): XlsxError {
  return new XlsxError('write-failed', message, { failure });
}

/** A file the reader refused, as the problem its user is told of (its English message is for developers). */
export function readProblem(e: XlsxError, file: string): ScoringError {
  if (e.code === 'encrypted') return new ScoringError('encrypted', { file });
  if (e.code === 'too-large' && e.limit) return new ScoringError('too-large', { file, kind: e.limit.kind, limit: e.limit.limit });
  return new ScoringError('not-xlsx', { file });
}

/**
 * A workbook the writer could not produce, as the problem its user is told of: the writer's
 * reason and the sheet, table and cells it names ('generate' when it gave none), never its
 * English message.
 */
export function writeProblem(e: XlsxError, file: string): ScoringError {
  const { reason, ...named } = e.failure ?? { reason: 'generate' };
  return new ScoringError('write-failed', { ...named, file, reason });
}

/** An error that must stop reading at once: no slower fallback may try the same file. */
export function isRefusal(error: unknown): error is XlsxError {
  return error instanceof XlsxError && (error.code === 'too-large' || error.code === 'encrypted');
}

/** The `error` field every excelize-wasm call returns (`null` or a Go error text). */
export interface ExcelizeResult {
  error?: string | null;
}

/** Throws an XlsxError with `code` when an excelize call reported an error. */
export function check<T extends ExcelizeResult>(result: T, code: XlsxErrorCode, what: string): T {
  if (result.error) throw new XlsxError(code, `${what}: ${result.error}`);
  return result;
}
