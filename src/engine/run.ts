/**
 * Scoring a workbook's grids end to end: find the tables, map the columns, parse, score,
 * decide tiers, analyse follow-ups and raise flags. Pure: grids in, results out.
 *
 * A run goes through four modules, one job each:
 * - locate.ts: locating the tables and choosing the rule set that fits them;
 * - prepare.ts: reading the customer rows and parsing their cells, once (`prepareWorkbook`);
 * - evaluate.ts: one customer's score, tier and flags under a rule set (with preview-cache.ts,
 *   the scored columns the live preview keeps between edits);
 * - summary.ts: every customer's result and the counts (`scorePrepared`, `previewPrepared`).
 * This module is their public face: import from here.
 */
import { prepareWorkbook, type ScoringOptions } from './prepare';
import { scorePrepared, type ScoringRun } from './summary';
import type { SheetGrid } from './types';

export { parseIndicatorCell, type CellReading } from './evidence';
export {
  choosePreset,
  choosePresetFor,
  classifyCandidates,
  knownHeaders,
  locateTables,
  type ChosenTables,
  type LocatedTables,
  type LocateOptions,
} from './locate';
export { prepareWorkbook, type PreparedColumn, type PreparedCustomer, type PreparedRun, type ScoringOptions, type Warning } from './prepare';
export { PreviewCache } from './preview-cache';
export { previewPrepared, scorePrepared, type CustomerResult, type Preview, type RunSummary, type ScoringRun } from './summary';

/** Locates (or takes the chosen) tables, reads them and scores every customer under `options.rules`. */
export function scoreWorkbook(sheets: readonly SheetGrid[], options: ScoringOptions): ScoringRun {
  return scorePrepared(prepareWorkbook(sheets, options), options.rules);
}
