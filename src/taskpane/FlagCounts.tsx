import { Body1, Button, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { FLAG_IDS, type FlagId } from '../engine/flags';
import { fill, flagName } from '../i18n/scoring';
import { plural } from '../i18n/strings';
import { formatCount } from './model';
import { useStrings } from './strings-context';

const useStyles = makeStyles({ number: { textAlign: 'end' } });

export interface FlagCountsProps {
  /** Customers per flag. */
  counts: Record<FlagId, number>;
  /** The id of the heading that names the table. */
  labelledBy: string;
  /** When given, each flag gets a Select button (the summary after Apply; not the preview). */
  onSelect?: (id: FlagId) => void;
  /** Select buttons disabled (a selection is under way). */
  selectDisabled?: boolean;
}

/** Customers per warning flag, the flags that occur only; a sentence when none does. */
export function FlagCounts({ counts, labelledBy, onSelect, selectDisabled }: FlagCountsProps) {
  const styles = useStyles();
  const { s, language } = useStrings();
  const flags = FLAG_IDS.filter((id) => counts[id] > 0);
  if (flags.length === 0) return <Body1 as="p">{s.noFlags}</Body1>;
  return (
    <Table size="small" aria-labelledby={labelledBy}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{s.flagColumn}</TableHeaderCell>
          <TableHeaderCell className={styles.number}>{s.customersColumn}</TableHeaderCell>
          {onSelect && <TableHeaderCell>{s.selectColumn}</TableHeaderCell>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {flags.map((id) => (
          <TableRow key={id}>
            <TableCell>{flagName(id, language)}</TableCell>
            <TableCell className={styles.number}>{formatCount(counts[id], language)}</TableCell>
            {onSelect && (
              <TableCell>
                <Button
                  size="small"
                  appearance="subtle"
                  disabled={selectDisabled}
                  onClick={() => onSelect(id)}
                  aria-label={fill(plural(s.selectFlaggedLabel, counts[id], language), {
                    flag: flagName(id, language),
                    count: formatCount(counts[id], language),
                  })}
                >
                  {s.selectFlagged}
                </Button>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
