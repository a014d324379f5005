/**
 * Errors a user can cause (a bad workbook, a missing column, a bad rules file). They are
 * values with a code and parameters; src/i18n turns them into one sentence in zh-CN or
 * en-US. Anything else is a bug and may keep its stack trace.
 */
export type ProblemCode =
  | 'not-xlsx'
  | 'too-large'
  | 'encrypted'
  | 'file-unreadable'
  | 'no-table'
  | 'no-customers'
  | 'missing-columns'
  | 'bad-rules'
  | 'rules-newer'
  | 'bad-json'
  | 'bad-option'
  | 'columns-occupied'
  | 'write-failed'
  | 'headers-changed'
  | 'table-changed'
  | 'sheet-protected'
  | 'stored-rules-damaged'
  | 'stored-rules-newer'
  | 'excel-failed';

export type Problem = { code: ProblemCode; params: Record<string, string | number> };

export class ScoringError extends Error {
  readonly problem: Problem;
  constructor(code: ProblemCode, params: Record<string, string | number> = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'ScoringError';
    this.problem = { code, params };
  }
}

export function isScoringError(e: unknown): e is ScoringError {
  return e instanceof ScoringError;
}
