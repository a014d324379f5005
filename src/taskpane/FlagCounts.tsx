import { Body1, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { FLAG_IDS, type FlagId } from '../engine/flags';
import { flagName } from '../i18n/scoring';
import type { Language, Strings } from '../i18n/strings';
import { formatCount } from './model';

const useStyles = makeStyles({ number: { textAlign: 'end' } });

export interface FlagCountsProps {
  /** Customers per flag. */
  counts: Record<FlagId, number>;
  language: Language;
  strings: Strings;
  /** The id of the heading that names the table. */
  labelledBy: string;
}

/** Customers per warning flag, the flags that occur only; a sentence when none does. */
export function FlagCounts({ counts, language, strings: s, labelledBy }: FlagCountsProps) {
  const styles = useStyles();
  const flags = FLAG_IDS.filter((id) => counts[id] > 0);
  if (flags.length === 0) return <Body1 as="p">{s.noFlags}</Body1>;
  return (
    <Table size="small" aria-labelledby={labelledBy}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{s.flagColumn}</TableHeaderCell>
          <TableHeaderCell className={styles.number}>{s.customersColumn}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {flags.map((id) => (
          <TableRow key={id}>
            <TableCell>{flagName(id, language)}</TableCell>
            <TableCell className={styles.number}>{formatCount(counts[id], language)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
