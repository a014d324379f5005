/** Charts: insert (or refresh) the charts of the last run on the Scoring charts sheet. */
import { Body1, Button, MessageBar, MessageBarBody, Spinner, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { isScoringError } from '../engine/errors';
import type { ScoringRun } from '../engine/run';
import type { AnalysesApplied } from '../excel/analyses';
import type { WorkbookOps } from '../excel/ops';
import { errorSentence } from './model';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  flush: { margin: 0 },
  button: { alignSelf: 'flex-start' },
});

/** The run whose charts to insert: the evaluation score's alone, or every analysis an Apply wrote. */
export type ChartsSectionProps = { ops: WorkbookOps } & ({ run: ScoringRun; analyses?: undefined } | { analyses: AnalysesApplied; run?: undefined });

type ChartsState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'failed'; sentence: string };

export function ChartsSection({ ops, run, analyses }: ChartsSectionProps) {
  const { s, language } = useStrings();
  const styles = useStyles();
  const [state, setState] = useState<ChartsState>({ kind: 'idle' });
  /** The answer of an insert started before the panel moved on (or unmounted) is dropped. */
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  async function insert(): Promise<void> {
    setState({ kind: 'busy' });
    try {
      if (analyses) await ops.insertAnalysesCharts(analyses, language);
      else await ops.insertCharts(run, language);
      if (live.current) setState({ kind: 'done' });
    } catch (e) {
      if (!isScoringError(e)) console.error(e);
      if (live.current) setState({ kind: 'failed', sentence: errorSentence(e, s, language) });
    }
  }

  return (
    <section className={styles.section} aria-labelledby="charts-heading">
      <Subtitle2 as="h2" id="charts-heading" className={styles.flush}>
        {s.chartsHeading}
      </Subtitle2>
      <Body1 as="p" className={styles.flush}>
        {s.chartsExplain}
      </Body1>
      <Button
        className={styles.button}
        disabled={state.kind === 'busy'}
        onClick={() => {
          void insert();
        }}
      >
        {s.chartsButton}
      </Button>
      {state.kind === 'busy' && <Spinner size="small" label={s.chartsBusy} />}
      {state.kind === 'done' && (
        <MessageBar intent="success">
          <MessageBarBody>{s.chartsDone}</MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>{state.sentence}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
