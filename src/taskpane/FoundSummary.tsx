/**
 * The first lines of the pane: what the scan found — the evaluation table and its customers,
 * the follow-up log, the service survey, a transactions table when there is one, the rules in
 * use — one line each, the role and its value apart ("服务调查：未找到", never run together).
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { formatRange } from '../engine/address';
import type { TableCandidate } from '../engine/tables';
import { fill, pick } from '../i18n/scoring';
import { plural } from '../i18n/strings';
import { formatCount, type Selection } from './model';
import type { AnalysesView } from './panel-state';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  list: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  term: { display: 'inline', color: tokens.colorNeutralForeground3 },
  value: { display: 'inline', margin: 0, overflowWrap: 'anywhere' },
});

export interface FoundSummaryProps {
  selection: Selection;
  /** The analyses the tables allow: the survey and the transactions they read; no evaluation table when the scoring is not among them. */
  analyses?: AnalysesView;
  /** The evaluation table's customers, once the preview has read them. */
  customers?: number;
}

export function FoundSummary({ selection, analyses, customers }: FoundSummaryProps) {
  const styles = useStyles();
  const { s, language } = useStrings();
  // The colon is part of the term's text: read aloud and copied, a role and its value never run together.
  const colon = language === 'zh-CN' ? '：' : ': ';
  const row = (term: string, value: string) => (
    <div>
      <dt className={styles.term}>
        {term}
        {colon}
      </dt>
      <dd className={styles.value}>{value}</dd>
    </div>
  );
  const evaluation = !analyses || analyses.scoring ? selection.evaluation : undefined;
  const where = (t: TableCandidate | undefined) => (t ? fill(s.foundTable, { sheet: t.sheet, range: formatRange(t.box) }) : s.tableNotFound);
  const count = customers === undefined ? '' : ` · ${fill(plural(s.foundCustomers, customers, language), { count: formatCount(customers, language) })}`;
  return (
    <dl className={styles.list}>
      {row(s.roleEvaluation, evaluation ? `${where(evaluation)}${count}` : s.tableNotFound)}
      {row(s.roleFollowUp, where(evaluation ? selection.followUp : undefined))}
      {row(s.roleService, where(analyses ? analyses.service : selection.service))}
      {analyses?.transactions && row(s.roleTransactions, where(analyses.transactions))}
      {evaluation && row(s.foundRules, pick(selection.rules.label, language))}
    </dl>
  );
}
