/**
 * The task pane: finds the tables, shows what was found and how it maps, applies the scores
 * and summarises the run. It gets the workbook operations as props (`WorkbookOps`, from
 * src/excel) and never calls office-js itself.
 *
 *   loading ──▶ no-table ──(Refresh)──▶ loading
 *      │
 *      ▼
 *    ready ──(Apply)──▶ applying ──▶ done ──(Back)──▶ loading
 *      ▲                   │
 *      └──(Refresh)────────┴──▶ error ──(Refresh)──▶ loading
 */
import {
  Body1, Button, FluentProvider, MessageBar, MessageBarBody, Spinner, Title3, makeStyles, tokens, webDarkTheme, webLightTheme,
} from '@fluentui/react-components';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isScoringError, type ScoringError } from '../engine/errors';
import type { ColumnChoice } from '../engine/mapping';
import type { RuleSet } from '../engine/rules';
import type { ScoringRun } from '../engine/run';
import type { WorkbookScan } from '../excel/find';
import { isoFromSerial, serialFromIso } from '../engine/parse';
import { scorePrepared } from '../engine/run';
import type { Applied, Prepared, Scored, WorkbookOps } from '../excel/ops';
import type { StoredRules } from '../excel/rules-store';
import { describeProblem } from '../i18n/problems';
import { fill, pick } from '../i18n/scoring';
import { type Language, stringsFor } from '../i18n/strings';
import { ApplySection, type ApplyStep } from './ApplySection';
import { ChartsSection } from './ChartsSection';
import { MappingSection, mappingFieldId } from './MappingSection';
import { startEdit, withDraft, type RulesEdit } from './edit';
import {
  describeBlocker, errorSentence, indicatorLabel, loadRecordedBy, rulesOf, saveRecordedBy, selectionFor, storedMappingOf, todaySerial, type ImportedRules, type RulesChoice, type Selection,
} from './model';
import { PreviewSection, type PreparedState } from './PreviewSection';
import { ResultSummary } from './ResultSummary';
import { RulesSection } from './RulesSection';
import { TablesSection } from './TablesSection';
import { WeightsSection } from './WeightsSection';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`,
    minHeight: '100vh',
    boxSizing: 'border-box',
  },
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS },
});

export interface AppProps {
  language: Language;
  ops: WorkbookOps;
  presets: readonly RuleSet[];
  /** Excel serial of the date the follow-up flags are measured against; today when absent. */
  asOf?: number;
  theme?: 'light' | 'dark';
}

interface Loaded {
  scan: WorkbookScan;
  stored: StoredRules | null;
  /** Why the stored rules could not be used (damaged, from a newer version). */
  storedProblem?: ScoringError;
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'no-table'; rules: RuleSet }
  | { kind: 'ready'; workbook: Loaded }
  | { kind: 'applying'; workbook: Loaded; step: ApplyStep; /** Share of the rows written (0..1), once the first write sync is done. */ progress?: number }
  | { kind: 'done'; scored: Scored; applied: Applied }
  | { kind: 'error'; error: unknown };

/** The rows read for the preview, for one selection (table, mapping and rules). */
interface PreparedFor {
  selection: Selection;
  state: PreparedState;
  data?: Prepared;
}

export function App({ language, ops, presets, asOf, theme }: AppProps) {
  const styles = useStyles();
  const s = stringsFor(language);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [choice, setChoice] = useState<RulesChoice>({ kind: 'preset', id: presets[0]?.id ?? '' });
  const [pickIndex, setPickIndex] = useState<number | null>(null);
  /** Columns the user chose by hand for some indicators of the current rules and table. */
  const [columns, setColumns] = useState<ColumnChoice>({});
  /** Indicators the user said the team does not track: scored without them. */
  const [without, setWithout] = useState<readonly string[]>([]);
  /** Bumped by every load and apply: a late answer of an earlier one is dropped. */
  const generation = useRef(0);
  /** The user's edits of the rules; dropped when other rules are chosen (their `base` is no longer the rules in use). */
  const [edit, setEdit] = useState<RulesEdit | null>(null);
  const [prepared, setPrepared] = useState<PreparedFor | null>(null);
  /** A rules file the user imported: offered beside the presets and the stored rules until the panel closes. */
  const [imported, setImported] = useState<ImportedRules | null>(null);
  /** The last run applied in this panel: its charts can be inserted until another run replaces it. */
  const [lastRun, setLastRun] = useState<ScoringRun | null>(null);
  /** The date the flags are measured against: the field's text, and the last valid date it held (what the preview and Apply use). */
  const [asOfText, setAsOfText] = useState(() => isoFromSerial(asOf ?? todaySerial()));
  const [asOfDay, setAsOfDay] = useState(() => asOf ?? todaySerial());
  const asOfValid = serialFromIso(asOfText) !== undefined;
  /** Who runs the scoring, kept in the run record and remembered on this computer. */
  const [by, setBy] = useState(() => loadRecordedBy());
  const changeBy = (name: string) => { setBy(name); saveRecordedBy(name); };
  const changeAsOf = (text: string) => {
    setAsOfText(text);
    const serial = serialFromIso(text);
    if (serial !== undefined) setAsOfDay(serial);
  };

  const load = useCallback(async () => {
    const id = ++generation.current;
    setPhase({ kind: 'loading' });
    try {
      const [scan, stored] = await Promise.all([
        ops.scan(presets),
        ops.loadStoredRules().then(
          (rules): { rules: StoredRules | null; problem?: ScoringError } => ({ rules }),
          (e: unknown) => { if (isScoringError(e)) return { rules: null, problem: e }; throw e; },
        ),
      ]);
      if (id !== generation.current) return;
      const initial: RulesChoice = stored.rules ? { kind: 'stored' } : { kind: 'preset', id: ops.propose(scan, presets).rules.id };
      const rules = rulesOf(initial, presets, stored.rules);
      setChoice(initial);
      setPickIndex(null);
      setColumns({});
      setWithout([]);
      if (!ops.propose(scan, presets, rules).evaluation) setPhase({ kind: 'no-table', rules });
      else setPhase({ kind: 'ready', workbook: { scan, stored: stored.rules, ...(stored.problem ? { storedProblem: stored.problem } : {}) } });
    } catch (e) {
      if (id !== generation.current) return;
      if (!isScoringError(e)) console.error(e);
      setPhase({ kind: 'error', error: e });
    }
  }, [ops, presets]);

  useEffect(() => {
    void load();
    return () => { generation.current++; };
  }, [load]);

  const workbook = phase.kind === 'ready' || phase.kind === 'applying' ? phase.workbook : undefined;
  const scan = workbook?.scan;
  const rules = workbook ? rulesOf(choice, presets, workbook.stored, imported) : undefined;
  const selection = useMemo(
    () => (scan && rules ? selectionFor(ops, scan, presets, rules, pickIndex, columns, without) : undefined),
    // On the scan, not the workbook: reading the stored rules again after a save does not read the tables again.
    [ops, scan, presets, rules, pickIndex, columns, without],
  );
  const currentEdit = useMemo(() => (rules ? (edit && edit.base === rules ? edit : startEdit(rules)) : undefined), [edit, rules]);

  // Read the tables for the preview once per table, mapping and rules: weight edits do not read again.
  useEffect(() => {
    if (!scan || !selection?.evaluation || selection.blocker) return;
    let live = true;
    setPrepared({ selection, state: { status: 'loading' } });
    ops.prepare(scan, {
      rules: selection.rules, asOf: asOfDay, evaluation: selection.evaluation, followUp: selection.followUp ?? null,
      ...(Object.keys(columns).length > 0 ? { mapping: columns } : {}), ...(without.length > 0 ? { without } : {}),
    }).then(
      (data) => { if (live) setPrepared({ selection, state: { status: 'ready', prepared: data.prepared }, data }); },
      (e: unknown) => {
        if (!live) return;
        if (!isScoringError(e)) console.error(e);
        setPrepared({ selection, state: { status: 'failed', reason: errorSentence(e, s, language) } });
      },
    );
    return () => { live = false; };
    // `columns` and `without` are part of `selection`; `s` follows `language`.
  }, [ops, scan, selection, asOfDay, language]);
  const preparedNow = prepared && prepared.selection === selection ? prepared : undefined;

  async function apply(): Promise<void> {
    if (!workbook || !selection?.evaluation || selection.blocker || !currentEdit || currentEdit.problem || !asOfValid) return;
    // What the preview shows: the last valid edited rules (the chosen rules themselves when unedited).
    const scoreWith = currentEdit.valid;
    const id = ++generation.current;
    setPhase({ kind: 'applying', workbook, step: 'scoring' });
    try {
      const data = preparedNow?.data;
      const scored: Scored = data
        ? { run: scorePrepared(data.prepared, scoreWith), grids: data.grids, columns: data.columns, source: data.source }
        : await ops.score(workbook.scan, {
          rules: scoreWith, asOf: asOfDay, evaluation: selection.evaluation, followUp: selection.followUp ?? null,
          ...(Object.keys(columns).length > 0 ? { mapping: columns } : {}), ...(without.length > 0 ? { without } : {}),
        });
      if (id !== generation.current) return;
      setPhase({ kind: 'applying', workbook, step: 'writing' });
      const applied = await ops.apply(scored, language, {
        by,
        onProgress: (progress) => { if (id === generation.current) setPhase({ kind: 'applying', workbook, step: 'writing', progress }); },
      });
      if (id !== generation.current) return;
      // The run written: the rows scored again when the table changed after the preview.
      setLastRun(applied.run);
      setPhase({ kind: 'done', scored: { ...scored, run: applied.run }, applied });
    } catch (e) {
      if (id !== generation.current) return;
      if (!isScoringError(e)) console.error(e);
      setPhase({ kind: 'error', error: e });
    }
  }

  const refresh = () => { void load(); };
  /** After saving the rules: the stored-rules option and the run records show what the workbook now holds, without scanning again. */
  const reloadStored = async () => {
    const id = generation.current;
    try {
      const stored = await ops.loadStoredRules();
      if (id !== generation.current) return;
      setPhase((p) => (p.kind === 'ready' ? { kind: 'ready', workbook: { scan: p.workbook.scan, stored } } : p));
    } catch (e) {
      // The save itself succeeded; a store that cannot be read back is said on the next scan.
      if (!isScoringError(e)) console.error(e);
    }
  };
  // Hand-picked columns belong to one table and one rule set.
  const forgetMapping = () => { setColumns({}); setWithout([]); };
  const pickTable = (index: number) => { setPickIndex(index); forgetMapping(); };
  const chooseRules = (next: RulesChoice) => { setChoice(next); forgetMapping(); };
  const importRules = (next: RuleSet, file: string) => { setImported({ rules: next, file }); chooseRules({ kind: 'imported' }); };
  const mapColumn = (indicator: string, header: string | null) => {
    setColumns((current) => ({ ...current, [indicator]: header }));
    setWithout((current) => current.filter((id) => id !== indicator));
  };
  const scoreWithout = (indicator: string) => {
    setWithout((current) => (current.includes(indicator) ? current : [...current, indicator]));
    setColumns((current) => Object.fromEntries(Object.entries(current).filter(([id]) => id !== indicator)));
  };
  /** A blocked Apply's one click: bring the user to the first unmapped indicator's column choice. */
  const chooseColumn = (indicator: string) => {
    const field = document.getElementById(mappingFieldId(indicator));
    field?.scrollIntoView?.({ block: 'center' });
    field?.focus();
  };

  let body: ReactNode;
  switch (phase.kind) {
    case 'loading':
      body = <Spinner label={s.loadingTables} />;
      break;
    case 'no-table':
      body = (
        <>
          <MessageBar intent="warning">
            <MessageBarBody>{describeProblem({ code: 'no-table', params: { preset: pick(phase.rules.label, language) } }, language)}</MessageBarBody>
          </MessageBar>
          <div className={styles.actions}><Button onClick={refresh}>{s.refresh}</Button></div>
        </>
      );
      break;
    case 'error':
      body = (
        <>
          <MessageBar intent="error">
            <MessageBarBody>{errorSentence(phase.error, s, language)}</MessageBarBody>
          </MessageBar>
          <div className={styles.actions}><Button onClick={refresh}>{s.refresh}</Button></div>
        </>
      );
      break;
    case 'done':
      body = (
        <ResultSummary s={s} language={language} scored={phase.scored} applied={phase.applied} ops={ops} onBack={refresh}>
          <ChartsSection s={s} language={language} ops={ops} run={phase.scored.run} />
        </ResultSummary>
      );
      break;
    case 'ready':
    case 'applying': {
      const busy = phase.kind === 'applying';
      const sel = selection!;
      const ed = currentEdit!;
      const firstUnmapped = sel.blocker?.code === 'unmapped' ? sel.blocker.indicators[0] : undefined;
      const blocked = sel.blocker ? describeBlocker(sel.blocker, sel.rules, s, language)
        : ed.problem ? s.blockedInvalidRules : !asOfValid ? s.blockedAsOf : undefined;
      body = (
        <>
          {phase.workbook.storedProblem && (
            <MessageBar intent="warning">
              <MessageBarBody>{describeProblem(phase.workbook.storedProblem.problem, language)}</MessageBarBody>
            </MessageBar>
          )}
          <TablesSection
            s={s} language={language} candidates={phase.workbook.scan.candidates} selection={sel} pickIndex={pickIndex}
            onPick={pickTable} onRefresh={refresh} disabled={busy}
          />
          <MappingSection
            s={s} language={language} presets={presets} stored={phase.workbook.stored} imported={imported} choice={choice} onChoose={chooseRules}
            selection={sel} columns={columns} without={without} onMap={mapColumn} onWithout={scoreWithout} onResetMapping={forgetMapping}
            disabled={busy}
          />
          <WeightsSection
            s={s} language={language} edit={ed} mapping={sel.mapping} disabled={busy}
            onDraft={(draft) => setEdit(withDraft(ed, draft))} onReset={() => setEdit(null)}
          />
          {!sel.blocker && (
            <PreviewSection
              s={s} language={language} state={preparedNow?.state ?? { status: 'loading' }} base={ed.base} rules={ed.valid}
              stale={ed.problem !== undefined} busy={busy}
            />
          )}
          <ApplySection
            s={s} language={language} blocked={blocked}
            fix={firstUnmapped ? { label: fill(s.chooseColumnFor, { indicator: indicatorLabel(sel.rules, firstUnmapped, language) }), onFix: () => chooseColumn(firstUnmapped) } : undefined}
            step={busy ? phase.step : undefined} progress={busy ? phase.progress : undefined} onApply={() => { void apply(); }}
            asOf={asOfText} asOfValid={asOfValid} onAsOf={changeAsOf} by={by} onBy={changeBy}
          />
          <RulesSection
            s={s} language={language} ops={ops} rules={ed.problem ? undefined : ed.valid} mapping={storedMappingOf(sel)}
            runs={phase.workbook.stored?.runs ?? []}
            known={[...presets, ...(phase.workbook.stored ? [phase.workbook.stored.rules] : []), ...(imported ? [imported.rules] : [])]}
            onImport={importRules} onSaved={() => { void reloadStored(); }} disabled={busy}
          />
          {lastRun && <ChartsSection s={s} language={language} ops={ops} run={lastRun} />}
        </>
      );
      break;
    }
  }

  return (
    <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme} lang={language}>
      <main className={styles.root} lang={language}>
        <Title3 as="h1">{s.productName}</Title3>
        {body}
      </main>
    </FluentProvider>
  );
}

/** A panel that only says one sentence: Excel too old, or not in Excel. */
export function Notice({ language, sentence, theme }: { language: Language; sentence: string; theme?: 'light' | 'dark' }) {
  const styles = useStyles();
  return (
    <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme} lang={language}>
      <main className={styles.root} lang={language}>
        <Title3 as="h1">{stringsFor(language).productName}</Title3>
        <MessageBar intent="warning">
          <MessageBarBody><Body1>{sentence}</Body1></MessageBarBody>
        </MessageBar>
      </main>
    </FluentProvider>
  );
}
