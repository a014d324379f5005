/** The one error type of the .xlsx layer; callers never see a raw wasm/Go error. */
export type XlsxErrorCode = 'not-xlsx' | 'write-failed';

export class XlsxError extends Error {
  readonly code: XlsxErrorCode;

  constructor(code: XlsxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'XlsxError';
    this.code = code;
  }
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
