/**
 * What the panel shows for a scan and the user's choices, derived without touching Excel:
 * the rule set in use, the proposed tables, the chosen evaluation table and its mapping,
 * and why Apply is unavailable, if it is.
 */
import { columnLetter, formatRange } from '../engine/address';
import { isScoringError } from '../engine/errors';
import { locateAnalysisTables, type AnalysisKind } from '../engine/analyses';
import { mapEvaluation, mapRfmColumns, mapService, type ColumnChoice, type EvaluationMapping } from '../engine/mapping';
import type { RfmRules, RuleSet, ServiceRules } from '../engine/rules';
import type { TableCandidate } from '../engine/tables';
import type { WorkbookScan, Proposal } from '../excel/find';
import type { WorkbookOps } from '../excel/ops';
import { rowBlocks } from '../excel/select';
import type { StoredMapping, StoredRules } from '../excel/rules-store';
import { describeProblem } from '../i18n/problems';
import { fill, pick } from '../i18n/scoring';
import type { Language, Strings } from '../i18n/strings';

/** The rules to score with: a shipped preset by id, the rules stored in the workbook, or a rules file the user imported. */
export type RulesChoice = { kind: 'preset'; id: string } | { kind: 'stored' } | { kind: 'imported' };

export const STORED_KEY = 'stored';
export const IMPORTED_KEY = 'imported';

/** A rules file the user imported in the panel (kept until the panel closes). */
export interface ImportedRules {
  rules: RuleSet;
  file: string;
}

/** A rules file of the service survey or of RFM, as imported (`"kind": "service"` / `"rfm"`). */
export type AnalysisRulesFile = { kind: 'service'; rules: ServiceRules } | { kind: 'rfm'; rules: RfmRules };

/**
 * The service survey's and RFM's rules imported from files: the pane uses them instead of the
 * workbook's until another scan, and Apply stores them (there is no choice among them, as there
 * is for the weighted rules: one set of each analysis's rules is in use).
 */
export interface ImportedAnalyses {
  service?: { rules: ServiceRules; file: string };
  rfm?: { rules: RfmRules; file: string };
}

export function choiceKey(choice: RulesChoice): string {
  return choice.kind === 'stored' ? STORED_KEY : choice.kind === 'imported' ? IMPORTED_KEY : `preset:${choice.id}`;
}

export function choiceOfKey(key: string): RulesChoice {
  if (key === STORED_KEY) return { kind: 'stored' };
  if (key === IMPORTED_KEY) return { kind: 'imported' };
  return { kind: 'preset', id: key.slice('preset:'.length) };
}

export function rulesOf(choice: RulesChoice, presets: readonly RuleSet[], stored: StoredRules | null, imported: ImportedRules | null = null): RuleSet {
  if (choice.kind === 'stored' && stored) return stored.rules;
  if (choice.kind === 'imported' && imported) return imported.rules;
  const id = choice.kind === 'preset' ? choice.id : undefined;
  return presets.find((p) => p.id === id) ?? presets[0]!;
}

export type Blocker = { code: 'no-key' } | { code: 'unmapped'; indicators: string[] };

export interface Selection {
  rules: RuleSet;
  proposal: Proposal;
  /** The table to score: the user's pick or the proposal's. */
  evaluation?: TableCandidate;
  /** Its mapping under `rules`; undefined when it has no customer name or ID column. */
  mapping?: EvaluationMapping;
  followUp?: TableCandidate;
  service?: TableCandidate;
  blocker?: Blocker;
}

/**
 * `pickIndex` is the index in `scan.candidates` the user chose, or null for the proposal's
 * table; `columns` the columns the user chose for some indicators (by header).
 */
export function selectionFor(
  ops: Pick<WorkbookOps, 'propose'>,
  scan: WorkbookScan,
  presets: readonly RuleSet[],
  rules: RuleSet,
  pickIndex: number | null,
  columns: ColumnChoice = {},
  without: readonly string[] = [],
): Selection {
  const proposal = ops.propose(scan, presets, rules);
  const evaluation = pickIndex === null ? proposal.evaluation?.table : scan.candidates[pickIndex];
  const byHand = Object.keys(columns).length > 0 || without.length > 0;
  const mapping = evaluation ? (pickIndex === null && !byHand ? proposal.evaluation : mapEvaluation(evaluation, rules, columns, { without })) : undefined;
  const followUp = proposal.followUp && proposal.followUp.table !== evaluation ? proposal.followUp.table : undefined;
  const service = proposal.service && proposal.service !== evaluation ? proposal.service : undefined;
  let blocker: Blocker | undefined;
  if (!mapping) blocker = { code: 'no-key' };
  else if (mapping.missingRequired.length > 0) blocker = { code: 'unmapped', indicators: mapping.missingRequired };
  return { rules, proposal, evaluation, mapping, followUp, service, blocker };
}

/** An indicator's label in the panel's language (its id when the rules have no such indicator). */
export function indicatorLabel(rules: RuleSet, id: string, language: Language): string {
  const indicator = rules.indicators.find((i) => i.id === id);
  return indicator ? pick(indicator.label, language) : id;
}

export function describeBlocker(blocker: Blocker, rules: RuleSet, s: Strings, language: Language): string {
  if (blocker.code === 'no-key') return s.blockedNoKey;
  const labels = blocker.indicators.map((id) => indicatorLabel(rules, id, language));
  return fill(s.blockedUnmapped, { indicators: labels.join(language === 'zh-CN' ? '」「' : ', ') });
}

export function candidateLabel(t: TableCandidate, s: Strings): string {
  const params = { sheet: t.sheet, range: formatRange(t.box), name: t.name ?? '' };
  return fill(t.name ? s.candidateNamed : s.candidatePlain, params);
}

/** The mapping stored with the rules: where the chosen tables are and the column of each mapped indicator. */
export function storedMappingOf(selection: Selection): StoredMapping {
  const where = (t: TableCandidate) => ({ sheet: t.sheet, range: formatRange(t.box), ...(t.name ? { name: t.name } : {}) });
  return {
    ...(selection.evaluation ? { evaluation: where(selection.evaluation) } : {}),
    followUp: selection.followUp ? where(selection.followUp) : null,
    indicators: Object.fromEntries(Object.entries(selection.mapping?.indicators ?? {}).map(([id, m]) => [id, m.header])),
    chosen: Object.entries(selection.mapping?.indicators ?? {})
      .filter(([, m]) => m.chosen)
      .map(([id]) => id),
    without: [...(selection.mapping?.without ?? [])],
  };
}

export { todaySerial } from '../engine/parse';

export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(language).format(n);
}

export function formatPercent(share: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** The sentence for an error: a ScoringError's own, else the panel's "something went wrong" (never a stack trace). */
export function errorSentence(error: unknown, s: Strings, language: Language): string {
  return isScoringError(error) ? describeProblem(error.problem, language) : s.unexpectedError;
}

/** 0-based columns as letters, runs of neighbours joined by a dash: [14, 15, 16] → O–Q, [11, 13] → L, N. */
export function columnsText(columns: readonly number[]): string {
  return rowBlocks(columns)
    .map((r) => (r.first === r.last ? columnLetter(r.first) : `${columnLetter(r.first)}–${columnLetter(r.last)}`))
    .join(', ');
}

const RECORDED_BY_KEY = 'customer-scoring.recorded-by';

/** The name the user gave for the run records, remembered in the panel's local storage ('' when none or no storage). */
export function loadRecordedBy(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string {
  try {
    return storage?.getItem(RECORDED_BY_KEY) ?? '';
  } catch {
    return ''; // storage disabled (some webviews, private modes): the field simply starts empty
  }
}

export function saveRecordedBy(name: string, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(RECORDED_BY_KEY, name);
  } catch {
    // not remembered; the run record still carries the name
  }
}

/** The analyses a workbook's tables allow, in the pane's order (the evaluation score, the service survey, RFM), and their tables. */
export interface AnalysesFound {
  kinds: AnalysisKind[];
  /** The survey, when the service evaluation is among them. */
  service?: TableCandidate;
  /** The transactions table RFM aggregates, when there is one. */
  transactions?: TableCandidate;
  /** The table whose own R, F and M columns RFM reads, when there is no transactions table. */
  rfmColumns?: TableCandidate;
  /** The table the analyses join on without the scoring (their columns go there too). */
  customers?: TableCandidate;
}

/** A table of the survey whose columns the service rules find a dimension in. */
function surveyOf(t: TableCandidate | undefined, rules: ServiceRules): TableCandidate | undefined {
  return t && (mapService(t, rules)?.dimensions.length ?? 0) > 0 ? t : undefined;
}

/** A customer table with all three of R, F and M as columns. */
function withRfmColumns(t: TableCandidate | undefined): TableCandidate | undefined {
  const m = t ? mapRfmColumns(t) : undefined;
  return m?.recency && m.frequency && m.monetary ? t : undefined;
}

/**
 * The analyses the tables allow. The evaluation score when the selection has an evaluation
 * table the user meant (chosen, mapped, under rules chosen or stored by a scoring run) or
 * whose columns cover at least half the rules' indicators, as the `score` command decides;
 * a table that covers less is no evaluation table when the workbook holds a survey or
 * purchases (a survey's 满意度 is one indicator of ten): those are what it is for.
 */
export function analysesFound(scan: WorkbookScan, selection: Selection, service: ServiceRules, meant: boolean): AnalysesFound {
  const withScoring = (() => {
    const proposal = selection.proposal;
    const other = (t: TableCandidate | undefined) => (t && t !== selection.evaluation ? t : undefined);
    const survey = surveyOf(selection.service, service);
    const transactions = other(proposal.transactions?.table);
    return { survey, transactions, rfmColumns: transactions ? undefined : withRfmColumns(selection.evaluation) };
  })();
  const strong = selection.evaluation !== undefined && (meant || (selection.mapping?.coverage ?? 0) >= 0.5);
  if (selection.evaluation && strong) {
    const { survey, transactions, rfmColumns } = withScoring;
    return {
      kinds: ['scoring', ...(survey ? ['service' as const] : []), ...(transactions || rfmColumns ? ['rfm' as const] : [])],
      ...(survey ? { service: survey } : {}),
      ...(transactions ? { transactions } : {}),
      ...(rfmColumns ? { rfmColumns } : {}),
    };
  }
  const located = locateAnalysisTables(scan.candidates);
  const survey = surveyOf(located.service, service);
  const transactions = located.transactions?.table;
  const rfmColumns = transactions ? undefined : withRfmColumns(located.customers?.table);
  const kinds: AnalysisKind[] = [...(survey ? ['service' as const] : []), ...(transactions || rfmColumns ? ['rfm' as const] : [])];
  // No other analysis: the evaluation score as found, however weak (its view says what is missing).
  if (kinds.length === 0) return { kinds: selection.evaluation ? ['scoring'] : [] };
  return {
    kinds,
    ...(survey ? { service: survey } : {}),
    ...(transactions ? { transactions } : {}),
    ...(rfmColumns ? { rfmColumns } : {}),
    ...(located.customers ? { customers: located.customers.table } : {}),
  };
}
