/**
 * The task pane's state as one pure reducer, so that what the panel shows in every phase and
 * every race can be tested as a plain function (test/taskpane/panel-state.test.ts).
 *
 * Every asynchronous job is a request with an id the hook (usePanel) gives it: the scan, the
 * preview's read, Apply. Its answer carries the id back, and the reducer drops an answer whose
 * id is not the one the state waits for: a late answer of an earlier scan or read never
 * overwrites a newer one, and nothing else has to compare ids by hand.
 *
 *   loading ──▶ ready ──(apply)──▶ applying ──▶ done ──(load)──▶ loading
 *      ▲          │                   │
 *      └─(load)───┴── error ◀─────────┘
 *
 * "No table", "mapping incomplete" and "preview" are views of `ready` (panelView): they follow
 * from the scan and the user's choices, so choosing another table or preset moves between them
 * without a transition of its own. A refresh during Apply is refused (the write is under way
 * and its summary must reach the user; the panel disables the button meanwhile).
 *
 * A workbook can allow several analyses (the evaluation score, the service survey, RFM:
 * `analysesFound`). The pane shows one at a time (`analysis`, a tab), reads them all in one
 * preview read (ops.prepareAnalyses) and writes them all with one Apply; a workbook that
 * allows the evaluation score alone reads and applies it as before (ops.prepare / apply).
 */
import type { AnalysisKind } from '../engine/analyses';
import type { ColumnChoice } from '../engine/mapping';
import { rfmWeightsScore, type RfmRules, type RuleSet, type ServiceRules } from '../engine/rules';
import type { ScoringRun } from '../engine/run';
import type { ScoringError } from '../engine/errors';
import type { WorkbookScan } from '../excel/find';
import type { AnalysesApplied, AnalysesPrepared, Applied, Prepared, Scored, WorkbookOps } from '../excel/ops';
import { getRfmPreset, getServicePreset } from '../presets';
import type { StoredRules } from '../excel/rules-store';
import type { Language } from '../i18n/strings';
import { foldWidth } from '../engine/text';
import { parseDay, formatDay } from './dates';
import { startEdit, withDraft, type RulesEdit } from './edit';
import {
  analysesFound,
  choiceKey,
  rulesOf,
  selectionFor,
  type AnalysesFound,
  type AnalysisRulesFile,
  type Blocker,
  type ImportedAnalyses,
  type ImportedRules,
  type RulesChoice,
  type Selection,
} from './model';

/** What a scan found: the tables, and the rules stored in the workbook (or why they cannot be used). */
export interface Loaded {
  scan: WorkbookScan;
  stored: StoredRules | null;
  /** Why the stored rules could not be used (damaged, from a newer version). */
  storedProblem?: ScoringError;
}

export type ApplyStep = 'scoring' | 'writing';

export type Phase =
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'applying'; step: ApplyStep; /** Share of the rows written (0..1), once the first write sync is done. */ progress?: number }
  /** After Apply: the evaluation score's run and summary (when it ran), and the analyses' (when the workbook had more). */
  | { kind: 'done'; scored?: Scored; applied?: Applied; analyses?: AnalysesApplied }
  | { kind: 'error'; error: unknown };

/** The evaluation score's preview rows for the current selection and date. */
export type PreviewState = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; data: Prepared };

/** The other analyses' preview (the service survey, RFM), read with the evaluation score's. */
export type AnalysesPreview = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; data: AnalysesPrepared };

/** What a preview's read depends on: the tables, the rules, the columns chosen and the date (compared by identity). */
export interface ReadInputs {
  scan: WorkbookScan | undefined;
  rules: RuleSet;
  pickIndex: number | null;
  columns: ColumnChoice;
  without: readonly string[];
  asOf: number;
  /** The period RFM counts purchases in, as set (null: the rules' own). */
  periodFrom: number | null;
  periodTo: number | null;
  periodMonths: number | null;
  /** The service survey's and RFM's rules the read uses (an imported file's or the workbook's; RFM's before the weights and months set in the pane). */
  service: ServiceRules | undefined;
  rfm: RfmRules | undefined;
}

/** The preview's read of the tables, for one set of inputs: the evaluation score's rows and, when the workbook allows more, every analysis's. */
export type PreviewRead = { request: number; inputs: ReadInputs } & (
  { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; data?: Prepared; analyses?: AnalysesPrepared }
);

/** The *Flags as of* field: the text as typed, and the last day it held (what the preview reads). */
export interface AsOfField {
  text: string;
  day: number;
  valid: boolean;
}

/** A date of RFM's period as typed: empty for the rules' own (the months up to the as-of date); `day` the last valid one. */
export interface PeriodField {
  text: string;
  day: number | null;
  valid: boolean;
}

/**
 * The months of RFM's period as typed (the rules' `period.months`: how far back from the as-of
 * date, or from `to`, the period starts when `from` is empty): empty for the rules' own;
 * `months` the last valid whole number of months (1-120).
 */
export interface MonthsField {
  text: string;
  months: number | null;
  valid: boolean;
}

/** RFM's period as set in the pane: its first and last day, and its months. */
export interface PeriodFields {
  from: PeriodField;
  to: PeriodField;
  months: MonthsField;
}

export interface PanelState {
  language: Language;
  presets: readonly RuleSet[];
  phase: Phase;
  /** The scan or Apply the panel waits for: an answer with another id is dropped. */
  request: number;
  workbook: Loaded | null;
  choice: RulesChoice;
  /** The rules chosen when the workbook was read: the rules section is marked edited once others are chosen. */
  initialChoice: RulesChoice;
  /** The candidate the user picked as the evaluation table (index in scan.candidates), or null for the proposal's. */
  pickIndex: number | null;
  /** Columns the user chose by hand for some indicators of the current rules and table. */
  columns: ColumnChoice;
  /** Indicators the user said the team does not track: scored without them. */
  without: readonly string[];
  /** The user's edits of the rules; dropped when other rules are chosen (their `base` is no longer the rules in use). */
  edit: RulesEdit | null;
  /** A rules file the user imported: offered beside the presets and the stored rules until the panel closes. */
  imported: ImportedRules | null;
  /** The service survey's and RFM's rules imported from files: in use instead of the workbook's until the next scan. */
  importedAnalyses: ImportedAnalyses;
  /** The last run applied in this panel: its charts can be inserted until another run replaces it. */
  lastRun: ScoringRun | null;
  asOf: AsOfField;
  /** Who runs the scoring, kept in the run record. */
  by: string;
  preview: PreviewRead | null;
  /** The analysis shown (a tab), or null for the first the workbook allows. */
  analysis: AnalysisKind | null;
  /** RFM's weights as the user set them; null for the rules' own. */
  rfmWeights: RfmRules['weights'] | null;
  /** The period RFM counts a transactions table's purchases in. */
  period: PeriodFields;
}

export type PanelEvent =
  | { type: 'load'; request: number }
  | { type: 'loaded'; request: number; workbook: Loaded; choice: RulesChoice }
  | { type: 'load-failed'; request: number; error: unknown }
  /** The stored rules read again after a save (no new scan); `request` is the one the save was made under. */
  | { type: 'stored-read'; request: number; stored: StoredRules | null }
  | { type: 'choose-rules'; choice: RulesChoice }
  | { type: 'import-rules'; rules: RuleSet; file: string }
  /** A rules file of the service survey or of RFM: its rules replace those in use (RFM's weights and period as the file gives them). */
  | { type: 'import-analysis-rules'; imported: AnalysisRulesFile; file: string }
  | { type: 'pick-table'; index: number }
  | { type: 'map-column'; indicator: string; header: string | null }
  | { type: 'score-without'; indicator: string }
  | { type: 'reset-mapping' }
  | { type: 'draft'; draft: RuleSet }
  | { type: 'reset-rules' }
  | { type: 'as-of'; text: string }
  | { type: 'by'; name: string }
  | { type: 'prepare'; request: number; inputs: ReadInputs }
  /** The preview's read: the evaluation score's rows (`data`) and, when the workbook allows more analyses, all of them (`analyses`). */
  | { type: 'prepared'; request: number; data?: Prepared; analyses?: AnalysesPrepared }
  | { type: 'prepare-failed'; request: number; error: unknown }
  | { type: 'apply'; request: number }
  | { type: 'scored'; request: number }
  | { type: 'progress'; request: number; progress: number }
  | { type: 'applied'; request: number; scored?: Scored; applied?: Applied; analyses?: AnalysesApplied }
  | { type: 'apply-failed'; request: number; error: unknown }
  | { type: 'choose-analysis'; analysis: AnalysisKind }
  /** RFM's weights set by hand or by one of the examples (an online shop raises F, a manufacturer M). */
  | { type: 'rfm-weights'; weights: RfmRules['weights'] }
  | { type: 'reset-rfm' }
  | { type: 'period'; which: 'from' | 'to'; text: string }
  /** The months of RFM's period as typed. */
  | { type: 'period-months'; text: string }
  /** The period back to the rules' own: no first or last day, the rules' months. */
  | { type: 'reset-period' };

export function initialPanel(options: { language: Language; presets: readonly RuleSet[]; asOf: number; by?: string }): PanelState {
  const choice: RulesChoice = { kind: 'preset', id: options.presets[0]?.id ?? '' };
  return {
    language: options.language,
    presets: options.presets,
    phase: { kind: 'loading' },
    request: 0,
    workbook: null,
    choice,
    initialChoice: choice,
    pickIndex: null,
    columns: {},
    without: [],
    edit: null,
    imported: null,
    importedAnalyses: NO_IMPORTED_ANALYSES,
    lastRun: null,
    asOf: { text: formatDay(options.asOf, options.language), day: options.asOf, valid: true },
    by: options.by ?? '',
    preview: null,
    analysis: null,
    rfmWeights: null,
    period: EMPTY_PERIOD,
  };
}

const NO_IMPORTED_ANALYSES: ImportedAnalyses = {};
const EMPTY_DAY: PeriodField = { text: '', day: null, valid: true };
const EMPTY_PERIOD: PeriodFields = { from: EMPTY_DAY, to: EMPTY_DAY, months: { text: '', months: null, valid: true } };

/** The most months a period can span (the RFM rules' schema: whole months, 1-120). */
export const MAX_PERIOD_MONTHS = 120;

/** Whole months of a period as typed (half- or full-width digits); null for empty; undefined when not 1-120. */
export function parseMonths(text: string): number | null | undefined {
  const t = foldWidth(text).trim();
  if (t === '') return null;
  if (!/^\d{1,3}$/.test(t)) return undefined;
  const months = Number(t);
  return months >= 1 && months <= MAX_PERIOD_MONTHS ? months : undefined;
}

type AnalysisRules = { service: ServiceRules; rfm: RfmRules };
const ANALYSIS_RULES = new WeakMap<Loaded, AnalysisRules>();
/** Per scan, the rules last given and the stored analyses' JSON they came from: the store read again after a save keeps them. */
const ANALYSIS_RULES_OF_SCAN = new WeakMap<WorkbookScan, { stored: string; rules: AnalysisRules }>();

/**
 * The service and RFM rules of a workbook: those it stores, else the shipped ones (the same
 * objects for as long as the workbook is loaded, and after a save that stored the same ones:
 * the preview is not read again for them).
 */
export function analysisRulesOf(workbook: Loaded): AnalysisRules {
  let rules = ANALYSIS_RULES.get(workbook);
  if (!rules) {
    const stored = workbook.stored?.analyses;
    const key = JSON.stringify([stored?.service ?? null, stored?.rfm ?? null]);
    const before = ANALYSIS_RULES_OF_SCAN.get(workbook.scan);
    rules = before?.stored === key ? before.rules : { service: stored?.service ?? getServicePreset(), rfm: stored?.rfm ?? getRfmPreset() };
    ANALYSIS_RULES.set(workbook, rules);
    ANALYSIS_RULES_OF_SCAN.set(workbook.scan, { stored: key, rules });
  }
  return rules;
}

/**
 * The service and RFM rules the pane uses: a file the user imported since the workbook was
 * read, else the workbook's (analysisRulesOf); each the same object for as long as it is in use.
 */
export function analysisRulesIn(state: PanelState): { service: ServiceRules; rfm: RfmRules } | undefined {
  if (!state.workbook) return undefined;
  const own = analysisRulesOf(state.workbook);
  const imported = state.importedAnalyses;
  return { service: imported.service?.rules ?? own.service, rfm: imported.rfm?.rules ?? own.rfm };
}

/** RFM's rules as the pane scores them (and Apply stores them): the workbook's or the imported file's, with the weights and the period's months the user set. */
export function rfmRulesOf(state: PanelState): RfmRules | undefined {
  const base = analysisRulesIn(state)?.rfm;
  if (!base) return undefined;
  const months = state.period.months.months;
  if (!state.rfmWeights && months === null) return base;
  return {
    ...base,
    ...(state.rfmWeights ? { weights: state.rfmWeights } : {}),
    ...(months !== null ? { period: { ...base.period, months } } : {}),
  };
}

/** The rules in use: the chosen preset, the stored rules or the imported file (before the user's edits). */
export function rulesInUse(state: PanelState): RuleSet {
  return rulesOf(state.choice, state.presets, state.workbook?.stored ?? null, state.imported);
}

/** The user's edits of the rules in use (none yet: an edit that starts from them). */
export function currentEdit(state: PanelState): RulesEdit {
  const rules = rulesInUse(state);
  return state.edit && state.edit.base === rules ? state.edit : startEdit(rules);
}

/** Hand-picked columns belong to one table and one rule set. */
const FORGET_MAPPING = { columns: {}, without: [] } as const;

export function panelReducer(state: PanelState, event: PanelEvent): PanelState {
  const { phase } = state;
  const busy = phase.kind === 'applying';
  /** An answer to the scan or Apply the panel waits for. */
  const awaited = 'request' in event && event.request === state.request;
  switch (event.type) {
    case 'load':
      // Refused during Apply: the write is under way, and its summary must reach the user.
      if (busy) return state;
      return { ...state, phase: { kind: 'loading' }, request: event.request, preview: null };
    case 'loaded':
      if (!awaited || phase.kind !== 'loading') return state;
      return {
        ...state,
        phase: { kind: 'ready' },
        workbook: event.workbook,
        choice: event.choice,
        initialChoice: event.choice,
        pickIndex: null,
        ...FORGET_MAPPING,
        analysis: null,
        rfmWeights: null,
        period: EMPTY_PERIOD,
        // Another scan, maybe of another workbook: its own rules, as the weighted choice goes back to its stored or proposed rules.
        importedAnalyses: NO_IMPORTED_ANALYSES,
      };
    case 'load-failed':
      if (!awaited || phase.kind !== 'loading') return state;
      return { ...state, phase: { kind: 'error', error: event.error } };
    case 'stored-read':
      if (!awaited || phase.kind !== 'ready' || !state.workbook) return state;
      // The store read again replaces the one read with the scan (and any problem it had).
      return { ...state, workbook: { scan: state.workbook.scan, stored: event.stored } };
    case 'choose-rules':
      if (busy) return state;
      return { ...state, choice: event.choice, ...FORGET_MAPPING };
    case 'import-rules':
      if (busy) return state;
      return { ...state, imported: { rules: event.rules, file: event.file }, choice: { kind: 'imported' }, ...FORGET_MAPPING };
    case 'import-analysis-rules': {
      if (busy) return state;
      const { imported, file } = event;
      if (imported.kind === 'service') return { ...state, importedAnalyses: { ...state.importedAnalyses, service: { rules: imported.rules, file } } };
      // The file's weights and period replace what the pane set: its fields show the file's.
      return { ...state, importedAnalyses: { ...state.importedAnalyses, rfm: { rules: imported.rules, file } }, rfmWeights: null, period: EMPTY_PERIOD };
    }
    case 'pick-table':
      if (busy) return state;
      return { ...state, pickIndex: event.index, ...FORGET_MAPPING };
    case 'map-column':
      if (busy) return state;
      return {
        ...state,
        columns: { ...state.columns, [event.indicator]: event.header },
        without: state.without.filter((id) => id !== event.indicator),
      };
    case 'score-without':
      if (busy) return state;
      return {
        ...state,
        without: state.without.includes(event.indicator) ? state.without : [...state.without, event.indicator],
        columns: Object.fromEntries(Object.entries(state.columns).filter(([id]) => id !== event.indicator)),
      };
    case 'reset-mapping':
      if (busy) return state;
      return { ...state, ...FORGET_MAPPING };
    case 'draft':
      if (busy) return state;
      return { ...state, edit: withDraft(currentEdit(state), event.draft) };
    case 'reset-rules':
      if (busy) return state;
      return { ...state, edit: null };
    case 'as-of': {
      if (busy) return state;
      const day = parseDay(event.text, state.language);
      return { ...state, asOf: { text: event.text, day: day ?? state.asOf.day, valid: day !== undefined } };
    }
    case 'by':
      if (busy) return state;
      return { ...state, by: event.name };
    case 'prepare':
      return { ...state, preview: { request: event.request, inputs: event.inputs, status: 'loading' } };
    case 'prepared':
    case 'prepare-failed': {
      const read = state.preview;
      if (!read || read.request !== event.request) return state;
      const { request, inputs } = read;
      return {
        ...state,
        preview:
          event.type === 'prepared'
            ? { request, inputs, status: 'ready', ...(event.data ? { data: event.data } : {}), ...(event.analyses ? { analyses: event.analyses } : {}) }
            : { request, inputs, status: 'failed', error: event.error },
      };
    }
    case 'choose-analysis':
      // Only a tab: nothing read or written changes, so it is allowed during Apply too.
      return { ...state, analysis: event.analysis };
    case 'rfm-weights':
      if (busy) return state;
      return { ...state, rfmWeights: { ...event.weights } };
    case 'reset-rfm':
      if (busy) return state;
      return { ...state, rfmWeights: null };
    case 'period': {
      if (busy) return state;
      const text = event.text;
      const day = text.trim() === '' ? null : (parseDay(text, state.language) ?? undefined);
      const field: PeriodField = day === undefined ? { text, day: state.period[event.which].day, valid: false } : { text, day, valid: true };
      return { ...state, period: { ...state.period, [event.which]: field } };
    }
    case 'period-months': {
      if (busy) return state;
      const months = parseMonths(event.text);
      // An entry that is no number of months keeps the last valid one for the preview (Apply is blocked meanwhile).
      const field: MonthsField =
        months === undefined ? { text: event.text, months: state.period.months.months, valid: false } : { text: event.text, months, valid: true };
      return { ...state, period: { ...state.period, months: field } };
    }
    case 'reset-period':
      if (busy) return state;
      return { ...state, period: EMPTY_PERIOD };
    case 'apply':
      if (phase.kind !== 'ready' || !state.workbook) return state;
      return { ...state, phase: { kind: 'applying', step: 'scoring' }, request: event.request };
    case 'scored':
      if (!awaited || !busy) return state;
      return { ...state, phase: { kind: 'applying', step: 'writing' } };
    case 'progress':
      if (!awaited || !busy) return state;
      return { ...state, phase: { kind: 'applying', step: 'writing', progress: event.progress } };
    case 'applied': {
      if (!awaited || !busy) return state;
      // The run written: the rows scored again when the table changed after the preview.
      const { scored, applied, analyses } = event;
      const scoring = scored && applied ? { scored: { ...scored, run: applied.run }, applied } : {};
      return {
        ...state,
        phase: { kind: 'done', ...scoring, ...(analyses ? { analyses } : {}) },
        lastRun: applied?.run ?? state.lastRun,
      };
    }
    case 'apply-failed':
      if (!awaited || !busy) return state;
      return { ...state, phase: { kind: 'error', error: event.error } };
  }
}

/** What the preview would read now. */
export function readInputs(state: PanelState): ReadInputs {
  const analyses = analysisRulesIn(state);
  return {
    scan: state.workbook?.scan,
    rules: rulesInUse(state),
    pickIndex: state.pickIndex,
    columns: state.columns,
    without: state.without,
    asOf: state.asOf.day,
    periodFrom: state.period.from.day,
    periodTo: state.period.to.day,
    periodMonths: state.period.months.months,
    service: analyses?.service,
    rfm: analyses?.rfm,
  };
}

function sameInputs(a: ReadInputs, b: ReadInputs): boolean {
  return (Object.keys(a) as (keyof ReadInputs)[]).every((key) => Object.is(a[key], b[key]));
}

/** The tables and the mapping for the state's choices; undefined before a workbook was read. */
export function selectionOf(state: PanelState, ops: Pick<WorkbookOps, 'propose'>): Selection | undefined {
  const scan = state.workbook?.scan;
  return scan ? selectionFor(ops, scan, state.presets, rulesInUse(state), state.pickIndex, state.columns, state.without) : undefined;
}

/** Why Apply cannot run: the selection's blocker, invalid edits, a date that is not one, RFM's weights, a day or the months of its period. */
export type ApplyBlock = Blocker | { code: 'invalid-rules' } | { code: 'as-of' } | { code: 'rfm-weights' } | { code: 'period' } | { code: 'period-months' };

/** Which tuning sections hold edits, for the marker on their header. */
export interface Edited {
  mapping: boolean;
  weights: boolean;
  bands: boolean;
  rules: boolean;
}

interface Tuning {
  workbook: Loaded;
  selection: Selection;
  edit: RulesEdit;
  edited: Edited;
  /** The analyses the tables allow, the one shown, and (when there are several) their preview. */
  analyses: AnalysesView;
}

export interface AnalysesView extends AnalysesFound {
  /** The analysis shown. */
  current: AnalysisKind;
  /** The evaluation score is among them. */
  scoring: boolean;
  /** The service survey's and RFM's preview, when the workbook allows either. */
  preview?: AnalysesPreview;
  /** RFM's rules as scored (the weights as set), when RFM is among them. */
  rfm?: RfmRules;
}

export type PanelView =
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'done'; scored?: Scored; applied?: Applied; analyses?: AnalysesApplied }
  /** No evaluation table for the rules in use: the tables found and the rules that find one are offered. */
  | ({ kind: 'no-table'; offers: RulesChoice[] } & Tuning)
  /** Apply cannot run yet, and why (a required indicator without a column, invalid edits, a bad date). */
  | ({ kind: 'blocked'; block: ApplyBlock; preview?: PreviewState } & Tuning)
  /** Apply can run. `preview` is the evaluation score's, when it is among the analyses. */
  | ({ kind: 'ready'; preview?: PreviewState } & Tuning)
  | ({ kind: 'applying'; step: ApplyStep; progress?: number; preview?: PreviewState } & Tuning);

function sameNumbers(a: readonly (number | undefined)[], b: readonly (number | undefined)[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

/** Which sections differ from what the panel proposed. */
export function editedSections(state: PanelState, edit: RulesEdit): Edited {
  const { draft, base } = edit;
  const weights = !sameNumbers(
    draft.indicators.map((i) => i.weight),
    base.indicators.map((i) => i.weight),
  );
  const bands =
    draft.indicators.some((ind, i) => JSON.stringify(ind.bands) !== JSON.stringify(base.indicators[i]?.bands)) ||
    !sameNumbers(
      draft.tiers.map((t) => t.min),
      base.tiers.map((t) => t.min),
    );
  return {
    mapping: state.pickIndex !== null || Object.keys(state.columns).length > 0 || state.without.length > 0,
    weights,
    bands,
    rules: choiceKey(state.choice) !== choiceKey(state.initialChoice),
  };
}

/** The rules that find an evaluation table in the scan (offered when the rules in use find none). */
export function rulesThatFindATable(state: PanelState, ops: Pick<WorkbookOps, 'propose'>): RulesChoice[] {
  const scan = state.workbook?.scan;
  if (!scan) return [];
  const choices: RulesChoice[] = [
    ...state.presets.map((p): RulesChoice => ({ kind: 'preset', id: p.id })),
    ...(state.workbook?.stored ? [{ kind: 'stored' } as const] : []),
    ...(state.imported ? [{ kind: 'imported' } as const] : []),
  ];
  return choices.filter((choice) => {
    const rules = rulesOf(choice, state.presets, state.workbook?.stored ?? null, state.imported);
    return choiceKey(choice) !== choiceKey(state.choice) && ops.propose(scan, state.presets, rules).evaluation !== undefined;
  });
}

/**
 * What the panel shows: the phase, and in `ready` whether a table was found, what blocks Apply
 * and the preview's rows (only when they were read for this very selection and date).
 */
export function panelView(state: PanelState, selection: Selection | undefined, ops: Pick<WorkbookOps, 'propose'>): PanelView {
  const { phase, workbook } = state;
  if (phase.kind === 'loading') return { kind: 'loading' };
  if (phase.kind === 'error') return { kind: 'error', error: phase.error };
  if (phase.kind === 'done')
    return {
      kind: 'done',
      ...(phase.scored ? { scored: phase.scored } : {}),
      ...(phase.applied ? { applied: phase.applied } : {}),
      ...(phase.analyses ? { analyses: phase.analyses } : {}),
    };
  if (!workbook || !selection) return { kind: 'loading' };
  const edit = currentEdit(state);
  const found = analysesOf(state, selection);
  const scoring = found.kinds.includes('scoring');
  const others = found.kinds.some((k) => k !== 'scoring');
  const read = state.preview && sameInputs(state.preview.inputs, readInputs(state)) ? state.preview : undefined;
  const scoringBlocker = scoring ? selection.blocker : undefined;
  const preview: PreviewState | undefined =
    !scoring || scoringBlocker
      ? undefined
      : read?.status === 'ready' && read.data
        ? { status: 'ready', data: read.data }
        : read?.status === 'failed'
          ? { status: 'failed', error: read.error }
          : { status: 'loading' };
  const analysesPreview: AnalysesPreview | undefined = !others
    ? undefined
    : read?.status === 'ready' && read.analyses
      ? { status: 'ready', data: read.analyses }
      : read?.status === 'failed'
        ? { status: 'failed', error: read.error }
        : { status: 'loading' };
  const rfm = found.kinds.includes('rfm') ? rfmRulesOf(state) : undefined;
  const current = state.analysis && found.kinds.includes(state.analysis) ? state.analysis : (found.kinds[0] ?? 'scoring');
  const analyses: AnalysesView = {
    ...found,
    current,
    scoring,
    ...(analysesPreview ? { preview: analysesPreview } : {}),
    ...(rfm ? { rfm } : {}),
  };
  const tuning: Tuning = { workbook, selection, edit, edited: editedSections(state, edit), analyses };
  if (phase.kind === 'applying')
    return {
      kind: 'applying',
      step: phase.step,
      ...(phase.progress !== undefined ? { progress: phase.progress } : {}),
      ...(preview ? { preview } : {}),
      ...tuning,
    };
  if (found.kinds.length === 0) return { kind: 'no-table', offers: rulesThatFindATable(state, ops), ...tuning };
  const period = state.period.from.valid && state.period.to.valid;
  const block: ApplyBlock | undefined =
    scoringBlocker ??
    (scoring && edit.problem ? { code: 'invalid-rules' } : undefined) ??
    (!state.asOf.valid ? { code: 'as-of' } : undefined) ??
    (rfm && !rfmWeightsScore(rfm.weights) ? { code: 'rfm-weights' } : undefined) ??
    (found.transactions && !period ? { code: 'period' } : undefined) ??
    (found.transactions && !state.period.months.valid ? { code: 'period-months' } : undefined);
  if (block) return { kind: 'blocked', block, ...(preview ? { preview } : {}), ...tuning };
  if (scoring && !preview) return { kind: 'blocked', block: { code: 'no-key' }, ...tuning };
  return { kind: 'ready', ...(preview ? { preview } : {}), ...tuning };
}

/** Whether the user meant the evaluation table the selection has: picked, mapped, under rules chosen, imported, or stored by a scoring run. */
function meantScoring(state: PanelState): boolean {
  const storedPrimary = state.workbook?.stored ? (state.workbook.stored.analyses?.primary ?? 'scoring') : undefined;
  return (
    state.pickIndex !== null ||
    Object.keys(state.columns).length > 0 ||
    state.without.length > 0 ||
    choiceKey(state.choice) !== choiceKey(state.initialChoice) ||
    state.choice.kind === 'imported' ||
    (state.choice.kind === 'stored' && storedPrimary === 'scoring')
  );
}

const FOUND = new WeakMap<Selection, WeakMap<ServiceRules, Map<string, AnalysesFound>>>();

/** The analyses the state's tables allow (the same object for the same selection, service rules and intent). */
export function analysesOf(state: PanelState, selection: Selection): AnalysesFound {
  const scan = state.workbook!.scan;
  const meant = meantScoring(state);
  // The service rules in use tell a survey (an imported file's dimensions may find one the shipped ones do not).
  const service = analysisRulesIn(state)!.service;
  let bySelection = FOUND.get(selection);
  if (!bySelection) FOUND.set(selection, (bySelection = new WeakMap()));
  let byRules = bySelection.get(service);
  if (!byRules) bySelection.set(service, (byRules = new Map()));
  const key = String(meant);
  let found = byRules.get(key);
  if (!found) byRules.set(key, (found = analysesFound(scan, selection, service, meant)));
  return found;
}
