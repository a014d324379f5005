/**
 * Why the playground could not load or save a workbook, as it tells its user: a workbook the
 * reader refuses gets the add-in's own sentence (not an .xlsx, encrypted, too large), a failed
 * download names its HTTP status; anything else gets the playground's sentence, with the
 * exception's own (English) message kept apart as a detail line for developers, never inside
 * the sentence.
 */
import { describeProblem } from '../i18n/problems';
import { readProblem, XlsxError } from '../xlsx/errors';
import { fill, PLAYGROUND_STRINGS, type PlaygroundLanguage } from './strings';

/** A download the server answered with an error status. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`HTTP ${status} (${url})`);
    this.name = 'HttpFailure';
  }
}

export interface Failure {
  sentence: string;
  /** The technical detail, shown on a line of its own after `details`. */
  detail?: string;
}

export function describeFailure(error: unknown, step: 'load' | 'save', file: string, language: PlaygroundLanguage): Failure {
  const strings = PLAYGROUND_STRINGS[language];
  if (error instanceof XlsxError && error.code !== 'write-failed') return { sentence: describeProblem(readProblem(error, file).problem, language) };
  if (error instanceof HttpFailure) return { sentence: fill(strings.httpFailed, { status: error.status, url: error.url }) };
  return {
    sentence: step === 'load' ? strings.loadFailed : strings.saveFailed,
    detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}
