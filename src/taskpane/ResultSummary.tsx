/** After Apply: customers per tier, flag counts and the run's warnings. */
import {
  Body1,
  Button,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { type ReactNode, useState } from 'react';
import { formatRange } from '../engine/address';
import { isScoringError } from '../engine/errors';
import type { FlagId } from '../engine/flags';
import type { Applied, Scored, WorkbookOps } from '../excel/ops';
import type { RowSelection, RowSpan } from '../excel/select';
import type { RescoreReason } from '../excel/write';
import { describeProblem } from '../i18n/problems';
import { describeWarning, fill, managedHeader, pick, tierLabel } from '../i18n/scoring';
import { plural, type Strings } from '../i18n/strings';
import { FlagCounts } from './FlagCounts';
import { formatDay } from './dates';
import { columnsText, errorSentence, formatCount, indicatorLabel } from './model';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  flush: { margin: 0 },
  number: { textAlign: 'end' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  button: { alignSelf: 'flex-start' },
});

export interface ResultSummaryProps {
  scored: Scored;
  applied: Applied;
  /** For selecting the flagged customers' rows in the sheet. */
  ops: Pick<WorkbookOps, 'selectRows'>;
  onBack(): void;
  /** More sections shown before the Back button (the charts). */
  children?: ReactNode;
}

/** The summary's sentence for rows scored again at Apply. */
function rescoredSentence(reason: RescoreReason, s: Strings): string {
  switch (reason) {
    case 'sorted':
      return s.rescoredSorted;
    case 'edited':
      return s.rescoredEdited;
    case 'rows-added':
      return s.rescoredRowsAdded;
    case 'rows-removed':
      return s.rescoredRowsRemoved;
    case 'moved':
      return s.rescoredMoved;
    case 'follow-up':
      return s.rescoredFollowUp;
    case 'analysis-tables':
      return s.rescoredAnalysisTables;
  }
}

type SelectState =
  | { status: 'idle' }
  | { status: 'selecting' }
  /** Rows of flagged customers selected, or the managed columns' cells (`range`). */
  | { status: 'done'; selection: RowSelection; range?: string }
  | { status: 'failed'; error: unknown };

export function ResultSummary({ scored, applied, ops, onBack, children }: ResultSummaryProps) {
  const { s, language } = useStrings();
  const styles = useStyles();
  const { run } = scored;
  const [select, setSelect] = useState<SelectState>({ status: 'idle' });
  const flaggedRows = (which: (id: FlagId) => boolean) => run.customers.filter((c) => c.flags.some((f) => which(f.id))).map((c) => c.row);
  const allFlagged = flaggedRows(() => true).length;
  async function selectIn(span: RowSpan, rows: readonly number[], range?: string): Promise<void> {
    setSelect({ status: 'selecting' });
    try {
      const selection = await ops.selectRows(span, rows);
      setSelect({ status: 'done', selection, ...(range ? { range } : {}) });
    } catch (error) {
      if (!isScoringError(error)) console.error(error);
      setSelect({ status: 'failed', error });
    }
  }
  const selectRows = (which: (id: FlagId) => boolean) => selectIn(applied.span, flaggedRows(which));
  // The managed columns' cells, header to last customer: one block (the columns between included when they are apart).
  const { written } = applied;
  const box = { firstRow: written.firstRow, lastRow: written.lastRow, firstCol: Math.min(...written.columns), lastCol: Math.max(...written.columns) };
  const selectWritten = () =>
    selectIn(
      { sheet: written.sheet, firstCol: box.firstCol, lastCol: box.lastCol },
      Array.from({ length: box.lastRow - box.firstRow + 1 }, (_, i) => box.firstRow + i),
      formatRange(box),
    );
  const warnings = [
    ...run.warnings.map((w) => describeWarning(w, run.rules, language)),
    ...(applied.warning ? [describeProblem(applied.warning.problem, language)] : []),
  ];
  return (
    <section className={styles.section} aria-labelledby="results-heading">
      <Subtitle2 as="h2" id="results-heading" className={styles.flush}>
        {s.resultsHeading}
      </Subtitle2>
      <Body1 as="p" className={styles.flush}>
        {fill(plural(s.resultsScored, run.customers.length, language), {
          count: formatCount(run.customers.length, language),
          sheet: run.evaluation.table.sheet,
          rules: pick(run.rules.label, language),
        })}
        {language === 'zh-CN' ? '' : ' '}
        {fill(s.resultsAsOf, { date: formatDay(run.asOf, language) })}
      </Body1>
      <Body1 as="p" className={styles.flush}>
        {fill(s.writtenTo, { sheet: written.sheet, columns: columnsText(written.columns) })}
      </Body1>
      <Button
        className={styles.button}
        disabled={select.status === 'selecting'}
        onClick={() => {
          void selectWritten();
        }}
      >
        {s.selectWritten}
      </Button>
      {run.summary.without.length > 0 && (
        <Body1 as="p" className={styles.flush}>
          {fill(s.resultsWithout, {
            indicators: run.summary.without.map((id) => indicatorLabel(run.rules, id, language)).join(language === 'zh-CN' ? '、' : ', '),
          })}
        </Body1>
      )}
      {applied.rescored && (
        <MessageBar intent="info" id="results-rescored">
          <MessageBarBody>{rescoredSentence(applied.rescored.reason, s)}</MessageBarBody>
        </MessageBar>
      )}
      <Subtitle2 as="h3" id="tiers-heading" className={styles.flush}>
        {s.tiersHeading}
      </Subtitle2>
      <Table size="small" aria-labelledby="tiers-heading">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{s.tierColumn}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>{s.customersColumn}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {run.rules.tiers.map((tier) => (
            <TableRow key={tier.id}>
              <TableCell>{tierLabel(tier, language)}</TableCell>
              <TableCell className={styles.number}>{formatCount(run.summary.tiers[tier.id] ?? 0, language)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Subtitle2 as="h3" id="flags-heading" className={styles.flush}>
        {s.flagsHeading}
      </Subtitle2>
      <FlagCounts
        counts={run.summary.flags}
        labelledBy="flags-heading"
        onSelect={(id) => {
          void selectRows((f) => f === id);
        }}
        selectDisabled={select.status === 'selecting'}
      />
      {allFlagged > 0 && (
        <Button
          className={styles.button}
          disabled={select.status === 'selecting'}
          onClick={() => {
            void selectRows(() => true);
          }}
        >
          {fill(plural(s.selectAllFlagged, allFlagged, language), { count: formatCount(allFlagged, language) })}
        </Button>
      )}
      <div aria-live="polite">
        {select.status === 'done' && select.range !== undefined && (
          <Body1 as="p" className={styles.flush}>
            {fill(s.selectedWritten, { sheet: written.sheet, range: select.range })}
          </Body1>
        )}
        {select.status === 'done' && select.range === undefined && (
          <Body1 as="p" className={styles.flush}>
            {select.selection.selectedRows < select.selection.rows
              ? fill(s.selectedFirstRows, {
                  blocks: formatCount(select.selection.blocks, language),
                  selected: formatCount(select.selection.selectedRows, language),
                  count: formatCount(select.selection.rows, language),
                  column: managedHeader('flags', language),
                })
              : fill(plural(s.selectedRows, select.selection.rows, language), {
                  count: formatCount(select.selection.rows, language),
                  sheet: applied.span.sheet,
                })}
          </Body1>
        )}
        {select.status === 'failed' && (
          <MessageBar intent="error">
            <MessageBarBody>{errorSentence(select.error, s, language)}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {warnings.length > 0 && (
        <>
          <Subtitle2 as="h3" className={styles.flush}>
            {s.warningsHeading}
          </Subtitle2>
          <MessageBar intent="warning">
            <MessageBarBody>
              <ul className={styles.list}>
                {warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        </>
      )}
      {children}
      <Button className={styles.button} onClick={onBack}>
        {s.scoreAgain}
      </Button>
    </section>
  );
}
