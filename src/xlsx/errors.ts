/** The one error type of the .xlsx layer; callers never see a raw wasm/Go error. */
export type XlsxErrorCode = 'not-xlsx' | 'write-failed' | 'too-large' | 'encrypted';

/** Which limit of limits.ts a 'too-large' workbook exceeded, and its value. */
export interface XlsxLimitExceeded {
  kind: 'part-bytes' | 'package-bytes' | 'cells' | 'grid-cells';
  limit: number;
}

export class XlsxError extends Error {
  readonly code: XlsxErrorCode;
  /** For 'too-large'. */
  readonly limit?: XlsxLimitExceeded;

  constructor(code: XlsxErrorCode, message: string, options?: { cause?: unknown; limit?: XlsxLimitExceeded }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'XlsxError';
    this.code = code;
    if (options?.limit) this.limit = options.limit;
  }
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
