/**
 * Charts: insert (or refresh) the charts of the last run on the Scoring charts sheet. After an
 * Apply that included the service survey, the user picks the column whose groups the group
 * radar compares (行业, 规模 or any category column the tables have, as the `score` command's
 * --group-by), preselected with the one the command would use, or no group radar; when the
 * tables have no such column, a sentence says why there is none.
 */
import { Body1, Button, Field, MessageBar, MessageBarBody, Select, Spinner, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { defaultGroupColumn, groupColumns } from '../engine/charts';
import { isScoringError } from '../engine/errors';
import type { ScoringRun } from '../engine/run';
import type { AnalysesApplied } from '../excel/analyses';
import type { WorkbookOps } from '../excel/ops';
import { analysesCharts } from '../i18n/charts';
import { errorSentence } from './model';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  flush: { margin: 0 },
  button: { alignSelf: 'flex-start' },
  select: { maxWidth: '100%' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** The option of no group radar (a column's option is its index). */
const NO_GROUP = '';

/** The headers the survey's customers can be grouped by, each once (a header in both tables is the survey's: serviceByGroup reads it first). */
function groupHeaders(analyses: AnalysesApplied): string[] {
  return [...new Set(groupColumns(analyses.run, analyses.chartSheets).map((c) => c.header))];
}

/** The run whose charts to insert: the evaluation score's alone, or every analysis an Apply wrote. */
export type ChartsSectionProps = { ops: WorkbookOps } & ({ run: ScoringRun; analyses?: undefined } | { analyses: AnalysesApplied; run?: undefined });

type ChartsState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'failed'; sentence: string };

export function ChartsSection({ ops, run, analyses }: ChartsSectionProps) {
  const { s, language } = useStrings();
  const styles = useStyles();
  const [state, setState] = useState<ChartsState>({ kind: 'idle' });
  // The group radar is the survey's: its columns are offered only when the Apply included it.
  const headers = useMemo(() => (analyses?.run.service ? groupHeaders(analyses) : undefined), [analyses]);
  const [groupBy, setGroupBy] = useState<string | null>(() =>
    analyses?.run.service ? (defaultGroupColumn(analyses.run, analyses.chartSheets) ?? null) : null,
  );
  // The charts the button draws, as their titles read on the sheet (the group radar follows the pick).
  const titles = useMemo(
    () => (analyses ? analysesCharts(analyses.run, analyses.chartSheets, language, { groupBy }).charts.map((c) => c.title) : undefined),
    [analyses, language, groupBy],
  );
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
      if (analyses) await ops.insertAnalysesCharts(analyses, language, { groupBy });
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
        {titles ? s.chartsExplainAnalyses : s.chartsExplain}
      </Body1>
      {titles && (
        <ul className={styles.list}>
          {titles.map((title) => (
            <li key={title}>
              <Body1>{title}</Body1>
            </li>
          ))}
        </ul>
      )}
      {headers && headers.length > 0 && (
        <Field label={s.chartsGroupLabel} hint={s.chartsGroupHint}>
          <Select
            className={styles.select}
            value={groupBy === null ? NO_GROUP : String(headers.indexOf(groupBy))}
            disabled={state.kind === 'busy'}
            onChange={(_, data) => setGroupBy(data.value === NO_GROUP ? null : (headers[Number(data.value)] ?? null))}
          >
            {headers.map((header, i) => (
              <option key={header} value={String(i)}>
                {header}
              </option>
            ))}
            <option value={NO_GROUP}>{s.chartsGroupNone}</option>
          </Select>
        </Field>
      )}
      {headers && headers.length === 0 && (
        <Body1 as="p" className={styles.flush}>
          {s.chartsNoGroup}
        </Body1>
      )}
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
