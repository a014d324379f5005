/**
 * The errors of the emulated host: one class that stands in for `OfficeExtension.Error`
 * (installed as `OfficeExtension.Error`, so `instanceof` works in add-in code), the
 * string codes of `Excel.ErrorCodes` / `OfficeExtension.ErrorCodes`, and Excel's
 * messages for them. What the emulator knows beyond Excel's generic message (which
 * cell, which dimensions) goes into `debugInfo.statement`, a field Excel also fills.
 */

export const ErrorCodes = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  conflict: 'Conflict',
  generalException: 'GeneralException',
  insertDeleteConflict: 'InsertDeleteConflict',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  invalidReference: 'InvalidReference',
  invalidRequestContext: 'InvalidRequestContext',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  nonBlankCellOffSheet: 'NonBlankCellOffSheet',
  notImplemented: 'NotImplemented',
  operationCellsExceedLimit: 'OperationCellsExceedLimit',
  propertyNotLoaded: 'PropertyNotLoaded',
  valueNotLoaded: 'ValueNotLoaded',
  rangeExceedsLimit: 'RangeExceedsLimit',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  runMustReturnPromise: 'RunMustReturnPromise',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

const MESSAGES: Record<ErrorCode, string> = {
  AccessDenied: 'You cannot perform the requested operation.',
  ApiNotFound: 'The API you are trying to use could not be found. It may be available in a newer version of Excel.',
  Conflict: 'Request could not be processed because of a conflict.',
  GeneralException: 'There was an internal error while processing the request.',
  InsertDeleteConflict: 'The insert or delete operation attempted resulted in a conflict.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The operation attempted is invalid on the object.',
  InvalidOperationInCellEditMode:
    "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
  InvalidReference: 'This reference is not valid for the current operation.',
  InvalidRequestContext: 'Cannot use the object across different request contexts.',
  ItemAlreadyExists: 'The resource already exists.',
  ItemNotFound: "The requested resource doesn't exist.",
  NonBlankCellOffSheet:
    "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet. These non-empty cells might appear empty but have blank values, some formatting, or a formula. Delete enough rows or columns to make room for what you want to insert and then try again.",
  NotImplemented: 'The requested feature is not implemented.',
  OperationCellsExceedLimit: 'The attempted operation affects more than the limit of 33554000 cells.',
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  RangeExceedsLimit: 'The cell count in the range has exceeded the maximum supported number.',
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  RequestPayloadSizeLimitExceeded:
    'The request payload size has exceeded the limit. See the documentation: https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins.',
  ResponsePayloadSizeLimitExceeded:
    'The response payload size has exceeded the limit. See the documentation: https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins.',
  RunMustReturnPromise: 'The batch function passed to the ".run" method didn\'t return a promise.',
};

export interface EmulatorDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  /** What the emulator was doing, with the specifics (not Excel's exact wording). */
  statement?: string;
}

/** `OfficeExtension.Error` of the emulated host. */
export class EmulatorError extends Error {
  readonly code: ErrorCode;
  readonly debugInfo: EmulatorDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: EmulatorError | null = null;

  constructor(code: ErrorCode, message: string, debugInfo: Omit<EmulatorDebugInfo, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, ...debugInfo };
  }

  override toString(): string {
    const where = this.debugInfo.errorLocation ? ` [${this.debugInfo.errorLocation}]` : '';
    const detail = this.debugInfo.statement ? ` (${this.debugInfo.statement})` : '';
    return `${this.name}: ${this.code}: ${this.message}${where}${detail}`;
  }
}

/** An error with Excel's message for `code`; `detail` goes to `debugInfo.statement`. */
export function officeError(code: ErrorCode, errorLocation: string, detail?: string): EmulatorError {
  return new EmulatorError(code, MESSAGES[code], { errorLocation, statement: detail });
}

export function propertyNotLoaded(property: string, type: string): EmulatorError {
  return new EmulatorError('PropertyNotLoaded', MESSAGES.PropertyNotLoaded.replace('{0}', property), {
    errorLocation: `${type}.${property}`,
  });
}

export function valueNotLoaded(): EmulatorError {
  return new EmulatorError('ValueNotLoaded', MESSAGES.ValueNotLoaded, { errorLocation: 'ClientResult.value' });
}

/** Any exception from an operation, as the error `sync()` rejects with. */
export function asOfficeError(error: unknown, errorLocation: string): EmulatorError {
  if (error instanceof EmulatorError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return officeError('GeneralException', errorLocation, `emulator: ${text}`);
}
