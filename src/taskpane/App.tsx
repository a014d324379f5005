/**
 * The task pane: finds the tables, shows what was found and how it maps, applies the scores
 * and summarises the run. It gets the workbook operations as props (`WorkbookOps`, from
 * src/excel) and never calls office-js itself; its state is panelReducer's, run by usePanel.
 */
import {
  Body1, Button, FluentProvider, MessageBar, MessageBarBody, Spinner, Title3, makeStyles, tokens, webDarkTheme, webLightTheme,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { RuleSet } from '../engine/rules';
import type { WorkbookOps } from '../excel/ops';
import { describeProblem } from '../i18n/problems';
import { fill, pick } from '../i18n/scoring';
import { type Language, stringsFor } from '../i18n/strings';
import { ApplySection } from './ApplySection';
import { ChartsSection } from './ChartsSection';
import { MappingSection, mappingFieldId } from './MappingSection';
import { describeBlocker, errorSentence, indicatorLabel, storedMappingOf } from './model';
import { rulesInUse } from './panel-state';
import { PreviewSection } from './PreviewSection';
import { ResultSummary } from './ResultSummary';
import { RulesSection } from './RulesSection';
import { StringsProvider, useStrings } from './strings-context';
import { TablesSection } from './TablesSection';
import { usePanel } from './usePanel';
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

export function App({ language, ops, presets, asOf, theme }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme} lang={language}>
      <StringsProvider language={language}>
        <main className={styles.root} lang={language}>
          <Title3 as="h1">{stringsFor(language).productName}</Title3>
          <Panel ops={ops} presets={presets} {...(asOf !== undefined ? { asOf } : {})} />
        </main>
      </StringsProvider>
    </FluentProvider>
  );
}

function Panel({ ops, presets, asOf }: { ops: WorkbookOps; presets: readonly RuleSet[]; asOf?: number }) {
  const styles = useStyles();
  const { s, language } = useStrings();
  const { state, view, send, refresh, apply, setBy, rulesSaved } = usePanel(ops, presets, asOf !== undefined ? { asOf } : {});
  /** A blocked Apply's one click: bring the user to the first unmapped indicator's column choice. */
  const chooseColumn = (indicator: string) => {
    const field = document.getElementById(mappingFieldId(indicator));
    field?.scrollIntoView?.({ block: 'center' });
    field?.focus();
  };

  let body: ReactNode;
  switch (view.kind) {
    case 'loading':
      body = <Spinner label={s.loadingTables} />;
      break;
    case 'no-table':
      body = (
        <>
          <MessageBar intent="warning">
            <MessageBarBody>{describeProblem({ code: 'no-table', params: { preset: pick(rulesInUse(state).label, language) } }, language)}</MessageBarBody>
          </MessageBar>
          <div className={styles.actions}><Button onClick={refresh}>{s.refresh}</Button></div>
        </>
      );
      break;
    case 'error':
      body = (
        <>
          <MessageBar intent="error">
            <MessageBarBody>{errorSentence(view.error, s, language)}</MessageBarBody>
          </MessageBar>
          <div className={styles.actions}><Button onClick={refresh}>{s.refresh}</Button></div>
        </>
      );
      break;
    case 'done':
      body = (
        <ResultSummary scored={view.scored} applied={view.applied} ops={ops} onBack={refresh}>
          <ChartsSection ops={ops} run={view.scored.run} />
        </ResultSummary>
      );
      break;
    case 'blocked':
    case 'ready':
    case 'applying': {
      const busy = view.kind === 'applying';
      const { selection: sel, edit: ed, workbook } = view;
      const block = view.kind === 'blocked' ? view.block : undefined;
      const firstUnmapped = block?.code === 'unmapped' ? block.indicators[0] : undefined;
      const blocked = !block ? undefined
        : block.code === 'invalid-rules' ? s.blockedInvalidRules : block.code === 'as-of' ? s.blockedAsOf : describeBlocker(block, sel.rules, s, language);
      body = (
        <>
          {workbook.storedProblem && (
            <MessageBar intent="warning">
              <MessageBarBody>{describeProblem(workbook.storedProblem.problem, language)}</MessageBarBody>
            </MessageBar>
          )}
          <TablesSection
            candidates={workbook.scan.candidates} selection={sel} pickIndex={state.pickIndex}
            onPick={(index) => send({ type: 'pick-table', index })} onRefresh={refresh} disabled={busy}
          />
          <MappingSection
            presets={presets} stored={workbook.stored} imported={state.imported} choice={state.choice}
            onChoose={(choice) => send({ type: 'choose-rules', choice })}
            selection={sel} columns={state.columns} without={state.without}
            onMap={(indicator, header) => send({ type: 'map-column', indicator, header })}
            onWithout={(indicator) => send({ type: 'score-without', indicator })}
            onResetMapping={() => send({ type: 'reset-mapping' })}
            disabled={busy}
          />
          <WeightsSection
            edit={ed} mapping={sel.mapping} disabled={busy}
            onDraft={(draft) => send({ type: 'draft', draft })} onReset={() => send({ type: 'reset-rules' })}
          />
          {view.preview && (
            <PreviewSection state={view.preview} base={ed.base} rules={ed.valid} stale={ed.problem !== undefined} busy={busy} />
          )}
          <ApplySection
            blocked={blocked}
            fix={firstUnmapped ? { label: fill(s.chooseColumnFor, { indicator: indicatorLabel(sel.rules, firstUnmapped, language) }), onFix: () => chooseColumn(firstUnmapped) } : undefined}
            step={view.kind === 'applying' ? view.step : undefined} progress={view.kind === 'applying' ? view.progress : undefined} onApply={apply}
            asOf={state.asOf.text} asOfValid={state.asOf.valid} onAsOf={(text) => send({ type: 'as-of', text })} by={state.by} onBy={setBy}
          />
          <RulesSection
            ops={ops} rules={ed.problem ? undefined : ed.valid} mapping={storedMappingOf(sel)}
            runs={workbook.stored?.runs ?? []}
            known={[...presets, ...(workbook.stored ? [workbook.stored.rules] : []), ...(state.imported ? [state.imported.rules] : [])]}
            onImport={(rules, file) => send({ type: 'import-rules', rules, file })} onSaved={rulesSaved} disabled={busy}
          />
          {state.lastRun && <ChartsSection ops={ops} run={state.lastRun} />}
        </>
      );
      break;
    }
  }
  return <>{body}</>;
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
