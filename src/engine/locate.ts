/**
 * Locating the tables a run reads and choosing the rule set that fits them: the evaluation
 * table (the one whose columns cover the most indicators, by header and data), the follow-up
 * log and a service survey, among the candidates the finder (tables.ts) gives. The first
 * step of a run; prepare.ts reads what is located here.
 */
import {
  ANALYSIS_COLUMNS,
  COMPLAINT_COLUMNS,
  FOLLOW_UP_COLUMNS,
  KEY_ID_COLUMNS,
  KEY_NAME_COLUMNS,
  LAST_TRANSACTION_COLUMNS,
  MANAGED_COLUMNS,
  OVERRIDE_COLUMNS,
  RFM_COLUMNS,
  SERVICE_COLUMNS,
  TRANSACTION_COLUMNS,
} from './columns';
import {
  mapEvaluation,
  mapFollowUp,
  mapTransactions,
  serviceScore,
  type ColumnChoice,
  type EvaluationMapping,
  type FollowUpMapping,
  type MappingOptions,
  type TransactionsMapping,
} from './mapping';
import type { RuleSet } from './rules';
import { findTableCandidates, refineCandidate, sampleOf, type TableCandidate } from './tables';
import type { SheetGrid } from './types';

/** Every header text the finder should recognise, for spotting header rows. */
export function knownHeaders(rulesList: readonly RuleSet[]): string[] {
  return [
    ...KEY_NAME_COLUMNS,
    ...KEY_ID_COLUMNS,
    ...OVERRIDE_COLUMNS,
    ...LAST_TRANSACTION_COLUMNS,
    ...COMPLAINT_COLUMNS,
    ...Object.values(FOLLOW_UP_COLUMNS).flat(),
    ...Object.values(SERVICE_COLUMNS).flat(),
    ...Object.values(RFM_COLUMNS).flat(),
    ...Object.values(TRANSACTION_COLUMNS).flat(),
    ...Object.values(MANAGED_COLUMNS).flatMap((m) => [m.zh, m.en]),
    ...Object.values(ANALYSIS_COLUMNS).flatMap((m) => [m.zh, m.en]),
    ...rulesList.flatMap((r) => r.indicators.flatMap((i) => i.columns)),
  ];
}

export interface LocatedTables {
  evaluation?: EvaluationMapping;
  followUp?: FollowUpMapping;
  service?: TableCandidate;
  /** A transactions table (交易记录: one row per purchase), for RFM. */
  transactions?: TransactionsMapping;
  candidates: TableCandidate[];
}

/** What the user said about the columns: their own choices, and the indicators they do not track. */
export interface LocateOptions extends MappingOptions {
  columns?: ColumnChoice;
}

/**
 * The tables the user (or the add-in's finder) chose, instead of locating them by how well
 * their headers match. `followUp: null` means no follow-up log.
 */
export interface ChosenTables {
  evaluation: TableCandidate;
  followUp?: TableCandidate | null;
  service?: TableCandidate | null;
  transactions?: TableCandidate | null;
}

function rowCount(t: TableCandidate): number {
  return t.box.lastRow - t.box.firstRow;
}

/** Picks the evaluation table (best indicator coverage), the follow-up log and a service survey. */
export function locateTables(sheets: readonly SheetGrid[], rules: RuleSet, extraRules: readonly RuleSet[] = [], options: LocateOptions = {}): LocatedTables {
  return classifyCandidates(findTableCandidates(sheets, knownHeaders([rules, ...extraRules])), rules, options);
}

/** Whether mapping `a` covers the rules better than `b`: more indicators mapped, then stronger evidence, then more rows. */
function better(a: EvaluationMapping, b: EvaluationMapping): boolean {
  if (a.coverage !== b.coverage) return a.coverage > b.coverage;
  if (a.strength !== b.strength) return a.strength > b.strength;
  return rowCount(a.table) > rowCount(b.table);
}

/**
 * Classifies candidate tables: the evaluation table (the one whose columns cover the most
 * indicators, by header and data), the follow-up log and a service survey.
 */
export function classifyCandidates(candidates: TableCandidate[], rules: RuleSet, options: LocateOptions = {}): LocatedTables {
  let evaluation: EvaluationMapping | undefined;
  for (const c of candidates) {
    const m = mapEvaluation(c, rules, options.columns, options);
    if (!m || m.coverage === 0) continue;
    if (!evaluation || better(m, evaluation)) evaluation = m;
  }
  let followUp: FollowUpMapping | undefined;
  for (const c of candidates) {
    if (c === evaluation?.table) continue;
    const m = mapFollowUp(c);
    if (m && (!followUp || Object.keys(m.fields).length > Object.keys(followUp.fields).length)) followUp = m;
  }
  const service = candidates
    .filter((c) => c !== evaluation?.table && c !== followUp?.table)
    .map((c) => ({ c, s: serviceScore(c) }))
    .filter(({ s }) => s >= 3)
    .sort((a, b) => b.s - a.s)[0]?.c;
  const transactions = locateTransactions(candidates.filter((c) => c !== evaluation?.table && c !== followUp?.table && c !== service));
  return { evaluation, followUp, service, ...(transactions ? { transactions } : {}), candidates };
}

/** The transactions table among the candidates: the one with the most rows that maps as one. */
export function locateTransactions(candidates: readonly TableCandidate[]): TransactionsMapping | undefined {
  let best: TransactionsMapping | undefined;
  for (const c of candidates) {
    const m = mapTransactions(c);
    if (m && (!best || rowCount(c) > rowCount(best.table))) best = m;
  }
  return best;
}

/**
 * The rule set whose indicators the candidate tables cover best: the largest share of its
 * indicators actually mapped (header and data agreeing), then the stronger evidence; the
 * first wins ties.
 */
export function choosePresetFor(candidates: TableCandidate[], presets: readonly RuleSet[]): RuleSet {
  let best = presets[0]!;
  let bestCoverage = -1;
  let bestStrength = -1;
  for (const rules of presets) {
    const evaluation = classifyCandidates(candidates, rules).evaluation;
    const coverage = evaluation?.coverage ?? 0;
    const strength = evaluation ? evaluation.strength / rules.indicators.length : 0;
    if (coverage > bestCoverage || (coverage === bestCoverage && strength > bestStrength)) {
      best = rules;
      bestCoverage = coverage;
      bestStrength = strength;
    }
  }
  return best;
}

/** The rule set whose indicators the workbook's evaluation table covers best (first wins ties). */
export function choosePreset(sheets: readonly SheetGrid[], presets: readonly RuleSet[]): RuleSet {
  return choosePresetFor(findTableCandidates(sheets, knownHeaders(presets)), presets);
}

/** The chosen tables, mapped; header blocks made exact and their data sampled from the grids. */
export function chosenTables(
  sheets: readonly SheetGrid[],
  rules: RuleSet,
  tables: ChosenTables,
  columns: ColumnChoice = {},
  options: MappingOptions = {},
): LocatedTables {
  const refine = (t: TableCandidate) => {
    const sheet = sheets.find((s) => s.name === t.sheet)!;
    const refined = refineCandidate(sheet, t);
    // The candidate may come from a scan of the sheet's top rows only (an Excel table's header):
    // its data, as read now, is the evidence the columns are matched on.
    return { ...refined, sample: sampleOf(sheet, refined.box) };
  };
  const evaluationTable = refine(tables.evaluation);
  const followUpTable = tables.followUp ? refine(tables.followUp) : undefined;
  const transactions = tables.transactions ? mapTransactions(refine(tables.transactions)) : undefined;
  return {
    evaluation: mapEvaluation(evaluationTable, rules, columns, options),
    followUp: followUpTable ? mapFollowUp(followUpTable) : undefined,
    // The survey too is exact: a plain block found in the add-in's scan reaches down to its sheet's last used row.
    service: tables.service ? refine(tables.service) : undefined,
    ...(transactions ? { transactions } : {}),
    candidates: [evaluationTable, ...(followUpTable ? [followUpTable] : [])],
  };
}
