/**
 * The one hook behind the pane: it runs the workbook jobs (scan, the preview's read, Apply)
 * and feeds their answers to panelReducer, which drops the stale ones. Components get the
 * derived view and send the user's choices as events; none of them talks to `ops` for the
 * panel's own state.
 */
import { useCallback, useEffect, useEffectEvent, useMemo, useReducer, useRef } from 'react';
import { isScoringError, type ScoringError } from '../engine/errors';
import type { RuleSet } from '../engine/rules';
import { scorePrepared } from '../engine/run';
import { scoreAnalysesRead, type AnalysesPrepared, type AnalysesRequest, type ScoreRequest, type Scored, type WorkbookOps } from '../excel/ops';
import type { StoredRules } from '../excel/rules-store';
import { loadRecordedBy, saveRecordedBy, selectionFor, todaySerial, type AnalysesFound } from './model';
import {
  analysesOf,
  analysisRulesIn,
  initialPanel,
  panelReducer,
  panelView,
  rulesInUse,
  type PanelEvent,
  type PanelState,
  type PanelView,
  type ReadInputs,
} from './panel-state';
import { useStrings } from './strings-context';

export interface Panel {
  state: PanelState;
  view: PanelView;
  /** A choice of the user (rules, table, column, an edit, the date …). */
  send(event: PanelEvent): void;
  /** Scans the workbook again (refused during Apply). */
  refresh(): void;
  apply(): void;
  setBy(name: string): void;
  /** After the rules were saved: the stored-rules option and the run records show what the workbook now holds, without scanning again. */
  rulesSaved(): void;
}

/** A problem that is not a ScoringError is a bug or an Excel failure without code: logged for whoever debugs it. */
function logUnexpected(error: unknown): void {
  if (!isScoringError(error)) console.error(error);
}

export function usePanel(ops: WorkbookOps, presets: readonly RuleSet[], options: { asOf?: number } = {}): Panel {
  const { language } = useStrings();
  const [state, send] = useReducer(panelReducer, undefined, () =>
    initialPanel({
      language,
      presets,
      asOf: options.asOf ?? todaySerial(),
      by: loadRecordedBy(),
    }),
  );
  /** Request ids: the reducer keeps the one it waits for and drops answers with another. */
  const ids = useRef(0);
  /** One Apply at a time, even for two clicks within one frame (before the button is disabled). */
  const applying = useRef(false);

  const refresh = useCallback(() => {
    const request = ++ids.current;
    send({ type: 'load', request });
    Promise.all([
      ops.scan(presets),
      ops.loadStoredRules().then(
        (rules): { rules: StoredRules | null; problem?: ScoringError } => ({ rules }),
        (e: unknown) => {
          if (isScoringError(e)) return { rules: null, problem: e };
          throw e;
        },
      ),
    ]).then(
      ([scan, stored]) =>
        send({
          type: 'loaded',
          request,
          workbook: { scan, stored: stored.rules, ...(stored.problem ? { storedProblem: stored.problem } : {}) },
          choice: stored.rules ? { kind: 'stored' } : { kind: 'preset', id: ops.propose(scan, presets).rules.id },
        }),
      (error: unknown) => {
        logUnexpected(error);
        send({ type: 'load-failed', request, error });
      },
    );
  }, [ops, presets]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  const scan = state.workbook?.scan;
  const rules = rulesInUse(state);
  const { pickIndex, columns, without } = state;
  const selection = useMemo(
    () => (scan ? selectionFor(ops, scan, presets, rules, pickIndex, columns, without) : undefined),
    [ops, scan, presets, rules, pickIndex, columns, without],
  );
  const view = useMemo(() => panelView(state, selection, ops), [state, selection, ops]);
  const { workbook } = state;
  // The analyses the tables allow: what the preview reads and Apply writes (analysesOf gives the same object while the selection and intent stay).
  const found: AnalysesFound | undefined = useMemo(() => (workbook && selection ? analysesOf(state, selection) : undefined), [state, workbook, selection]);
  // The service and RFM rules in use (an imported file's or the workbook's): the same objects while they stay in use.
  const inUse = analysisRulesIn(state);
  const serviceRules = inUse?.service;
  const rfmRules = inUse?.rfm;

  /** What `prepare` and `score` read for the selection: its tables, the columns chosen by hand, the indicators left out. */
  const requestFor = useCallback(
    (scoreWith: RuleSet, asOf: number): ScoreRequest | undefined =>
      selection?.evaluation
        ? {
            rules: scoreWith,
            asOf,
            evaluation: selection.evaluation,
            followUp: selection.followUp ?? null,
            ...(Object.keys(columns).length > 0 ? { mapping: columns } : {}),
            ...(without.length > 0 ? { without } : {}),
          }
        : undefined,
    [selection, columns, without],
  );

  /** What `prepareAnalyses` reads when the workbook allows more than the evaluation score: every analysis found, the scoring only when it can run. */
  const analysesRequestFor = useCallback(
    (scoreWith: RuleSet, asOf: number, period: { from: number | null; to: number | null; months: number | null }): AnalysesRequest | undefined => {
      if (!workbook || !found || !serviceRules || !rfmRules || !found.kinds.some((k) => k !== 'scoring')) return undefined;
      const scoring = found.kinds.includes('scoring') ? requestFor(scoreWith, asOf) : undefined;
      return {
        asOf,
        ...(scoring && !selection?.blocker ? { scoring } : {}),
        ...(found.kinds.includes('service') ? { service: serviceRules } : {}),
        ...(found.kinds.includes('rfm') ? { rfm: rfmRules } : {}),
        ...(period.from !== null || period.to !== null || period.months !== null
          ? {
              period: {
                ...(period.from !== null ? { from: period.from } : {}),
                ...(period.to !== null ? { to: period.to } : {}),
                ...(period.months !== null ? { months: period.months } : {}),
              },
            }
          : {}),
        keepRules: rules,
        knownRules: presets,
      };
    },
    [workbook, found, serviceRules, rfmRules, requestFor, selection, rules, presets],
  );

  // Read the tables for the preview once per table, mapping, rules, date and period: weight edits do not read again.
  const asOfDay = state.asOf.day;
  const periodFrom = state.period.from.day;
  const periodTo = state.period.to.day;
  const periodMonths = state.period.months.months;
  // What the read depends on, as readInputs(state) gives it: the reducer shows its answer while they stay the same.
  const inputs: ReadInputs = useMemo(
    () => ({ scan, rules, pickIndex, columns, without, asOf: asOfDay, periodFrom, periodTo, periodMonths, service: serviceRules, rfm: rfmRules }),
    [scan, rules, pickIndex, columns, without, asOfDay, periodFrom, periodTo, periodMonths, serviceRules, rfmRules],
  );
  /** Starts the preview's read for these inputs: the evaluation score alone (prepare), or every analysis found (prepareAnalyses). */
  const startRead = useEffectEvent((inputs: ReadInputs) => {
    if (!scan || !selection) return;
    const several = analysesRequestFor(selection.rules, inputs.asOf, { from: inputs.periodFrom, to: inputs.periodTo, months: inputs.periodMonths });
    const request = !several && !selection.blocker ? requestFor(selection.rules, inputs.asOf) : undefined;
    if (!several && !request) return;
    const id = ++ids.current;
    send({ type: 'prepare', request: id, inputs });
    const read: Promise<PanelEvent> = several
      ? ops
          .prepareAnalyses(scan, several)
          .then((analyses) => ({ type: 'prepared', request: id, analyses, ...(analyses.scoring ? { data: analyses.scoring } : {}) }))
      : ops.prepare(scan, request!).then((data) => ({ type: 'prepared', request: id, data }));
    read.then(send, (error: unknown) => {
      logUnexpected(error);
      send({ type: 'prepare-failed', request: id, error });
    });
  });
  // Read again when what the read depends on changed (not when the stored rules are read back after a save).
  useEffect(() => {
    startRead(inputs);
  }, [ops, scan, selection, inputs, found]);

  const { by } = state;
  const apply = useCallback(() => {
    if (view.kind !== 'ready' || applying.current) return;
    // What the preview shows: the last valid edited rules (the chosen rules themselves when unedited), RFM's weights as set.
    const scoreWith = view.edit.valid;
    const several = analysesRequestFor(scoreWith, asOfDay, { from: periodFrom, to: periodTo, months: periodMonths });
    const request = several ? undefined : requestFor(scoreWith, asOfDay);
    if (!several && !request) return;
    const id = ++ids.current;
    applying.current = true;
    send({ type: 'apply', request: id });
    const { scan: scanned } = view.workbook;
    const onProgress = (progress: number) => send({ type: 'progress', request: id, progress });
    const applyAll = async (request: AnalysesRequest): Promise<void> => {
      const shown = view.analyses.preview;
      const read: AnalysesPrepared = shown?.status === 'ready' ? shown.data : await ops.prepareAnalyses(scanned, request);
      const scored = scoreAnalysesRead(read, { ...(read.scoring ? { scoring: scoreWith } : {}), ...(view.analyses.rfm ? { rfm: view.analyses.rfm } : {}) });
      send({ type: 'scored', request: id });
      const applied = await ops.applyAnalyses(scored, language, { by, onProgress });
      const part = applied.scoring && read.scoring ? { scored: { ...read.scoring, run: applied.scoring.run }, applied: applied.scoring } : {};
      send({ type: 'applied', request: id, ...part, analyses: applied });
    };
    const applyScoring = async (request: ScoreRequest): Promise<void> => {
      const prepared = view.preview?.status === 'ready' ? view.preview.data : undefined;
      const scored: Scored = prepared
        ? { run: scorePrepared(prepared.prepared, scoreWith), grids: prepared.grids, columns: prepared.columns, source: prepared.source }
        : await ops.score(scanned, request);
      send({ type: 'scored', request: id });
      const applied = await ops.apply(scored, language, { by, onProgress });
      send({ type: 'applied', request: id, scored, applied });
    };
    const run = () => (several ? applyAll(several) : applyScoring(request!));
    run()
      .catch((error: unknown) => {
        logUnexpected(error);
        send({ type: 'apply-failed', request: id, error });
      })
      .finally(() => {
        applying.current = false;
      });
  }, [view, requestFor, analysesRequestFor, asOfDay, periodFrom, periodTo, periodMonths, ops, language, by]);

  const setBy = useCallback((name: string) => {
    send({ type: 'by', name });
    saveRecordedBy(name);
  }, []);

  const loadedUnder = state.request;
  const rulesSaved = useCallback(() => {
    ops.loadStoredRules().then(
      (stored) => send({ type: 'stored-read', request: loadedUnder, stored }),
      // The save itself succeeded; a store that cannot be read back is said on the next scan.
      logUnexpected,
    );
  }, [ops, loadedUnder]);

  return { state, view, send, refresh, apply, setBy, rulesSaved };
}
