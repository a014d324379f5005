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
  | 'no-service-table'
  | 'no-rfm-data'
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

/**
 * A required indicator without a column, as 'missing-columns' lists them: its label in each
 * language (the rules' own) and, when a column's header named it but its data did not fit,
 * that column (`行业增长率（C列「行业」的数据不符）`).
 */
export interface MissingIndicator {
  indicator: string;
  label: { zh: string; en: string };
  refused?: { letter: string; header: string };
}

export type Problem = {
  code: ProblemCode;
  params: Record<string, string | number>;
  /** 'missing-columns': the indicators lacking a column, in the rules' order. */
  missing?: readonly MissingIndicator[];
};

export class ScoringError extends Error {
  readonly problem: Problem;
  constructor(code: ProblemCode, params: Record<string, string | number> = {}, missing?: readonly MissingIndicator[]) {
    super(`${code} ${JSON.stringify(missing ? { ...params, missing } : params)}`);
    this.name = 'ScoringError';
    this.problem = missing ? { code, params, missing } : { code, params };
  }
}

export function isScoringError(e: unknown): e is ScoringError {
  return e instanceof ScoringError;
}
