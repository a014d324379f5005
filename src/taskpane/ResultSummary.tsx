/** After Apply: customers per tier, flag counts and the run's warnings. */
import {
  Body1, Button, MessageBar, MessageBarBody, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title3,
  makeStyles, tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Applied, Scored } from '../excel/ops';
import { describeProblem } from '../i18n/problems';
import { describeWarning, fill, pick, tierLabel } from '../i18n/scoring';
import type { Language, Strings } from '../i18n/strings';
import { FlagCounts } from './FlagCounts';
import { formatCount } from './model';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  number: { textAlign: 'end' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  button: { alignSelf: 'flex-start' },
});

export interface ResultSummaryProps {
  s: Strings;
  language: Language;
  scored: Scored;
  applied: Applied;
  onBack(): void;
  /** More sections shown before the Back button (the charts). */
  children?: ReactNode;
}

export function ResultSummary({ s, language, scored, applied, onBack, children }: ResultSummaryProps) {
  const styles = useStyles();
  const { run } = scored;
  const warnings = [
    ...run.warnings.map((w) => describeWarning(w, run.rules, language)),
    ...(applied.warning ? [describeProblem(applied.warning.problem, language)] : []),
  ];
  return (
    <section className={styles.section} aria-labelledby="results-heading">
      <Title3 as="h2" id="results-heading">{s.resultsHeading}</Title3>
      <Body1 as="p">
        {fill(s.resultsScored, { count: formatCount(run.customers.length, language), sheet: run.evaluation.table.sheet, rules: pick(run.rules.label, language) })}
      </Body1>
      <Subtitle2 as="h3" id="tiers-heading">{s.tiersHeading}</Subtitle2>
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
      <Subtitle2 as="h3" id="flags-heading">{s.flagsHeading}</Subtitle2>
      <FlagCounts counts={run.summary.flags} language={language} strings={s} labelledBy="flags-heading" />
      {warnings.length > 0 && (
        <>
          <Subtitle2 as="h3">{s.warningsHeading}</Subtitle2>
          <MessageBar intent="warning">
            <MessageBarBody>
              <ul className={styles.list}>
                {warnings.map((w, i) => <li key={i}>{w}</li>)}
              </ul>
            </MessageBarBody>
          </MessageBar>
        </>
      )}
      {children}
      <Button className={styles.button} onClick={onBack}>{s.scoreAgain}</Button>
    </section>
  );
}
