/** The choice of the table to score among those the scan found, and what is known of the chosen one. */
import { Dropdown, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import { formatRange } from '../engine/address';
import type { TableCandidate } from '../engine/tables';
import { TABLE_PICK_ID } from './field-ids';
import { candidateLabel, formatPercent, type Selection } from './model';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  list: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
});

export interface TablePickProps {
  candidates: readonly TableCandidate[];
  /** The current selection (undefined: no table found for the rules in use). */
  selection?: Selection;
  /** The candidate index picked as the evaluation table, or null for the proposal's. */
  pickIndex: number | null;
  onPick(index: number): void;
  /** The field's label; "Table to score" unless given. */
  label?: string;
  disabled?: boolean;
}

export function TablePick({ candidates, selection, pickIndex, onPick, label, disabled }: TablePickProps) {
  const { s } = useStrings();
  const evaluation = selection?.evaluation;
  const current = evaluation ? candidates.indexOf(evaluation) : -1;
  const selected = pickIndex ?? (current >= 0 ? current : null);
  return (
    <Field label={label ?? s.tablePick}>
      <Dropdown
        id={TABLE_PICK_ID}
        disabled={disabled}
        value={evaluation ? candidateLabel(evaluation, s) : ''}
        selectedOptions={selected === null ? [] : [String(selected)]}
        onOptionSelect={(_, data) => {
          if (data.optionValue !== undefined) onPick(Number(data.optionValue));
        }}
      >
        {candidates.map((c, i) => (
          <Option key={i} value={String(i)}>
            {candidateLabel(c, s)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** The chosen table's sheet, range, Excel name and how sure the match is. */
export function TableDetails({ table, coverage }: { table: TableCandidate; coverage: number }) {
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
      <dt className={styles.term}>{s.tableConfidence}</dt>
      <dd className={styles.value}>{formatPercent(coverage, language)}</dd>
    </dl>
  );
}
