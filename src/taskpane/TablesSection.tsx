/** Section 1: the tables found (evaluation, follow-up, service), a pick of the evaluation table, and Refresh. */
import { Body1, Button, Dropdown, Field, Option, Subtitle2, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { formatRange } from '../engine/address';
import type { TableCandidate } from '../engine/tables';
import { candidateLabel, formatPercent, type Selection } from './model';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  list: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS },
});

export interface TablesSectionProps {
  candidates: readonly TableCandidate[];
  selection: Selection;
  /** The candidate index picked as the evaluation table, or null for the proposal's. */
  pickIndex: number | null;
  onPick(index: number): void;
  onRefresh(): void;
  disabled?: boolean;
}

function TableFacts({ table, coverage }: { table: TableCandidate; coverage?: number }) {
  const styles = useStyles();
  const { s, language } = useStrings();
  return (
    <dl className={styles.list}>
      <dt className={styles.term}>{s.tableSheet}</dt>
      <dd className={styles.value}>{table.sheet}</dd>
      <dt className={styles.term}>{s.tableRange}</dt>
      <dd className={styles.value}>{formatRange(table.box)}</dd>
      <dt className={styles.term}>{s.tableExcelName}</dt>
      <dd className={styles.value}>{table.name ?? s.tablePlainRange}</dd>
      {coverage !== undefined && (
        <>
          <dt className={styles.term}>{s.tableConfidence}</dt>
          <dd className={styles.value}>{formatPercent(coverage, language)}</dd>
        </>
      )}
    </dl>
  );
}

function Role({ title, table, coverage }: { title: string; table?: TableCandidate; coverage?: number }) {
  const { s } = useStrings();
  return (
    <div>
      <Subtitle2 as="h3">{title}</Subtitle2>
      {table ? <TableFacts table={table} coverage={coverage} /> : <Body1 as="p">{s.tableNotFound}</Body1>}
    </div>
  );
}

export function TablesSection({ candidates, selection, pickIndex, onPick, onRefresh, disabled }: TablesSectionProps) {
  const { s } = useStrings();
  const styles = useStyles();
  const evaluation = selection.evaluation;
  const current = evaluation ? candidates.indexOf(evaluation) : -1;
  const selected = pickIndex ?? (current >= 0 ? current : null);
  return (
    <section className={styles.section} aria-labelledby="tables-heading">
      <Title3 as="h2" id="tables-heading">{s.tablesHeading}</Title3>
      <Role title={s.roleEvaluation} table={evaluation} coverage={selection.mapping?.coverage ?? 0} />
      <Role title={s.roleFollowUp} table={selection.followUp} />
      <Role title={s.roleService} table={selection.service} />
      <Field label={s.tablePick}>
        <Dropdown
          disabled={disabled}
          value={evaluation ? candidateLabel(evaluation, s) : ''}
          selectedOptions={selected === null ? [] : [String(selected)]}
          onOptionSelect={(_, data) => { if (data.optionValue !== undefined) onPick(Number(data.optionValue)); }}
        >
          {candidates.map((c, i) => (
            <Option key={i} value={String(i)}>{candidateLabel(c, s)}</Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.row}>
        <Button disabled={disabled} onClick={onRefresh}>{s.refresh}</Button>
      </div>
    </section>
  );
}
