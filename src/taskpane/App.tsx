/**
 * The task pane: what the scan found, then the evaluation score (the as-of date, the preview
 * and Apply first, the tuning behind them), then the summary of the run. It gets the workbook
 * operations as props (`WorkbookOps`, from src/excel) and never calls office-js itself; its
 * state is panelReducer's, run by usePanel, and its strings come from the StringsProvider.
 *
 * A workbook that also holds a service survey or purchases gets a tab per analysis (评估得分 /
 * 服务评价 / RFM 分层) under what was found: one analysis in view at a time, each with its own
 * preview, Apply and tuning, so that the pane stays as short as one analysis and the
 * evaluation's date, preview and Apply stay on the first screen. The tabs open on the first
 * analysis the tables allow (the evaluation score when there is an evaluation table).
 */
import {
  Body1,
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle1,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { type ReactNode, Suspense } from 'react';
import type { RuleSet } from '../engine/rules';
import type { WorkbookOps } from '../excel/ops';
import { describeProblem } from '../i18n/problems';
import { type Language, stringsFor } from '../i18n/strings';
import { FoundSummary } from './FoundSummary';
import { AnalysisTabs } from './AnalysisTabs';
import { AnalysesResults, ChartsSection, NoTable, ResultSummary, RfmAnalysis, ServiceAnalysis } from './lazy';
import { errorSentence } from './model';
import { rulesThatFindATable } from './panel-state';
import { ScoreAnalysis } from './ScoreAnalysis';
import { StringsProvider, useStrings } from './strings-context';
import { usePanel } from './usePanel';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    minHeight: '100vh',
    boxSizing: 'border-box',
  },
  title: { margin: 0, whiteSpace: 'nowrap' },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  refresh: { whiteSpace: 'nowrap' },
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
          <Panel ops={ops} presets={presets} {...(asOf !== undefined ? { asOf } : {})} />
        </main>
      </StringsProvider>
    </FluentProvider>
  );
}

function Panel({ ops, presets, asOf }: { ops: WorkbookOps; presets: readonly RuleSet[]; asOf?: number }) {
  const styles = useStyles();
  const { s, language } = useStrings();
  const panel = usePanel(ops, presets, asOf !== undefined ? { asOf } : {});
  const { view, state } = panel;
  let body: ReactNode;
  switch (view.kind) {
    case 'loading':
      body = <Spinner label={s.loadingTables} />;
      break;
    case 'error':
      body = (
        <>
          <MessageBar intent="error">
            <MessageBarBody>{errorSentence(view.error, s, language)}</MessageBarBody>
          </MessageBar>
          <div className={styles.actions}>
            <Button onClick={panel.refresh}>{s.refresh}</Button>
          </div>
        </>
      );
      break;
    case 'done':
      body =
        view.scored && view.applied ? (
          <ResultSummary scored={view.scored} applied={view.applied} ops={ops} onBack={panel.refresh}>
            {view.analyses && <AnalysesResults applied={view.analyses} ops={ops} />}
            {view.analyses ? <ChartsSection ops={ops} analyses={view.analyses} /> : <ChartsSection ops={ops} run={view.scored.run} />}
          </ResultSummary>
        ) : view.analyses ? (
          <>
            <AnalysesResults applied={view.analyses} ops={ops} onBack={panel.refresh} />
            <ChartsSection ops={ops} analyses={view.analyses} />
          </>
        ) : null;
      break;
    case 'no-table':
      body = <NoTable panel={panel} view={view} presets={presets} />;
      break;
    case 'blocked':
    case 'ready':
    case 'applying': {
      const preview = view.preview;
      const { analyses } = view;
      // The evaluation score's tab without an evaluation table to score: the tables and rules that would give one.
      const noScoring = analyses.current === 'scoring' && !analyses.scoring;
      body = (
        <>
          {view.workbook.storedProblem && (
            <MessageBar intent="warning">
              <MessageBarBody>{describeProblem(view.workbook.storedProblem.problem, language)}</MessageBarBody>
            </MessageBar>
          )}
          <FoundSummary
            selection={view.selection}
            analyses={analyses}
            {...(preview?.status === 'ready' ? { customers: preview.data.prepared.customers.length } : {})}
          />
          <AnalysisTabs analyses={analyses} onChoose={(analysis) => panel.send({ type: 'choose-analysis', analysis })} />
          {analyses.current === 'service' ? (
            <ServiceAnalysis panel={panel} view={view} ops={ops} presets={presets} />
          ) : analyses.current === 'rfm' ? (
            <RfmAnalysis panel={panel} view={view} ops={ops} presets={presets} />
          ) : noScoring ? (
            <NoTable panel={panel} view={{ ...view, kind: 'no-table', offers: rulesThatFindATable(state, ops) }} presets={presets} />
          ) : (
            <ScoreAnalysis panel={panel} view={view} ops={ops} presets={presets} />
          )}
          {state.lastRun && <ChartsSection ops={ops} run={state.lastRun} />}
        </>
      );
      break;
    }
  }
  const scanned = view.kind === 'ready' || view.kind === 'blocked' || view.kind === 'applying';
  return (
    <>
      <div className={styles.top}>
        <Subtitle1 as="h1" className={styles.title}>
          {s.productName}
        </Subtitle1>
        {/* Find the tables again after editing the workbook: always at hand beside the title. */}
        {scanned && (
          <Button className={styles.refresh} size="small" appearance="subtle" disabled={view.kind === 'applying'} onClick={panel.refresh}>
            {s.refresh}
          </Button>
        )}
      </div>
      <Suspense fallback={<Spinner label={s.loadingSection} />}>{body}</Suspense>
    </>
  );
}

/** A panel that only says one sentence: Excel too old, or not in Excel. */
export function Notice({ language, sentence, theme }: { language: Language; sentence: string; theme?: 'light' | 'dark' }) {
  const styles = useStyles();
  return (
    <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme} lang={language}>
      <main className={styles.root} lang={language}>
        <Subtitle1 as="h1" className={styles.title}>
          {stringsFor(language).productName}
        </Subtitle1>
        <MessageBar intent="warning">
          <MessageBarBody>
            <Body1>{sentence}</Body1>
          </MessageBarBody>
        </MessageBar>
      </main>
    </FluentProvider>
  );
}
