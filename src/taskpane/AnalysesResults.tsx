/**
 * After Apply, the service survey's and RFM's part of the summary: what was written for how
 * many customers (the NPS, customers per segment) and where each table's columns went, with a
 * button that selects them. Under the evaluation score's summary when it ran, on its own
 * (with the way back) when the workbook had only a survey or purchases.
 */
import { Body1, Button, MessageBar, MessageBarBody, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { formatRange } from '../engine/address';
import { isScoringError } from '../engine/errors';
import type { AnalysesApplied, WorkbookOps } from '../excel/ops';
import { describeProblem } from '../i18n/problems';
import { describeWarning, fill, pick } from '../i18n/scoring';
import { plural } from '../i18n/strings';
import { columnsText, errorSentence, formatCount } from './model';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  flush: { margin: 0 },
  button: { alignSelf: 'flex-start' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export interface AnalysesResultsProps {
  applied: AnalysesApplied;
  ops: Pick<WorkbookOps, 'selectRows'>;
  /** Given when the evaluation score did not run: this summary is the whole of it, with the way back. */
  onBack?(): void;
}

type SelectState = { status: 'idle' } | { status: 'selecting' } | { status: 'done'; sheet: string; range: string } | { status: 'failed'; error: unknown };

export function AnalysesResults({ applied, ops, onBack }: AnalysesResultsProps) {
  const styles = useStyles();
  const { s, language } = useStrings();
  const [select, setSelect] = useState<SelectState>({ status: 'idle' });
  const { run } = applied;
  const zh = language === 'zh-CN';
  // The tables whose columns this summary tells of: all but the evaluation score's own (its summary says those).
  const tables = applied.tables
    .map((t) => ({ ...t, columns: t.columns.filter((c) => !['score', 'tier', 'flags', 'breakdown'].includes(c.id)) }))
    .filter((t) => t.columns.length > 0);
  async function selectTable(t: (typeof tables)[number]): Promise<void> {
    const cols = t.columns.map((c) => c.column);
    const box = { firstRow: t.firstRow, lastRow: t.lastRow, firstCol: Math.min(...cols), lastCol: Math.max(...cols) };
    setSelect({ status: 'selecting' });
    try {
      const rows = Array.from({ length: box.lastRow - box.firstRow + 1 }, (_, i) => box.firstRow + i);
      await ops.selectRows({ sheet: t.sheet, firstCol: box.firstCol, lastCol: box.lastCol }, rows);
      setSelect({ status: 'done', sheet: t.sheet, range: formatRange(box) });
    } catch (error) {
      if (!isScoringError(error)) console.error(error);
      setSelect({ status: 'failed', error });
    }
  }
  const warnings = [
    ...(run.service?.warnings ?? []).map((w) => describeWarning(w, undefined, language)),
    ...(run.rfm?.warnings ?? []).map((w) => describeWarning(w, undefined, language)),
    ...run.warnings.map((w) => describeWarning(w, undefined, language)),
    ...(onBack && applied.warning ? [describeProblem(applied.warning.problem, language)] : []),
  ];
  return (
    <section className={styles.section} aria-labelledby="analyses-results-heading">
      <Subtitle2 as="h2" id="analyses-results-heading" className={styles.flush}>
        {s.analysesResultsHeading}
      </Subtitle2>
      {run.service && (
        <Body1 as="p" className={styles.flush}>
          {fill(plural(s.serviceResult, run.service.customers.length, language), { count: formatCount(run.service.customers.length, language) })}
        </Body1>
      )}
      {run.rfm && (
        <Body1 as="p" className={styles.flush}>
          {fill(plural(s.rfmResult, run.rfm.customers.length, language), {
            count: formatCount(run.rfm.customers.length, language),
            segments: run.rfm.rules.segments
              .map((seg) => fill(s.previewBarPart, { tier: pick(seg.label, language), count: formatCount(run.rfm!.summary.segments[seg.id], language) }))
              .join(zh ? '，' : ', '),
          })}
        </Body1>
      )}
      {tables.map((t) => (
        <div key={`${t.sheet}:${t.firstRow}`} className={styles.section}>
          <Body1 as="p" className={styles.flush}>
            {fill(s.writtenTo, { sheet: t.sheet, columns: columnsText(t.columns.map((c) => c.column)) })}
          </Body1>
          <Button
            className={styles.button}
            disabled={select.status === 'selecting'}
            onClick={() => {
              void selectTable(t);
            }}
          >
            {s.selectWritten}
          </Button>
        </div>
      ))}
      <div aria-live="polite">
        {select.status === 'done' && (
          <Body1 as="p" className={styles.flush}>
            {fill(s.selectedWritten, { sheet: select.sheet, range: select.range })}
          </Body1>
        )}
        {select.status === 'failed' && (
          <MessageBar intent="error">
            <MessageBarBody>{errorSentence(select.error, s, language)}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {warnings.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <ul className={styles.list}>
              {warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {onBack && (
        <Button className={styles.button} onClick={onBack}>
          {s.scoreAgain}
        </Button>
      )}
    </section>
  );
}
