/**
 * Customers per group as one stacked bar with a legend under it: the tiers in the evaluation
 * score's preview, the segments in RFM's. The bar is one image with the counts as its name;
 * the legend says each group's count in words.
 */
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { fill } from '../i18n/scoring';
import { formatCount } from './model';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    height: '24px',
    width: '100%',
    overflow: 'hidden',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  part: {
    height: '100%',
    color: '#000',
    fontSize: tokens.fontSizeBase200,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    overflow: 'hidden',
  },
  legend: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, margin: 0, padding: 0, listStyle: 'none' },
  legendItem: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalXS },
  swatch: { width: '12px', height: '12px', border: `1px solid ${tokens.colorNeutralStroke1}`, flexShrink: 0 },
});

export interface CountsBarProps {
  groups: { id: string; label: string; count: number; color: string }[];
  /** The bar's name, with `{counts}` for the groups' counts. */
  label: string;
}

export function CountsBar({ groups, label }: CountsBarProps) {
  const styles = useStyles();
  const { s, language } = useStrings();
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  const part = (g: CountsBarProps['groups'][number]) => fill(s.previewBarPart, { tier: g.label, count: formatCount(g.count, language) });
  return (
    <>
      <div className={styles.bar} role="img" aria-label={fill(label, { counts: groups.map(part).join(language === 'zh-CN' ? '，' : ', ') })}>
        {groups.map((g) =>
          g.count === 0 ? null : (
            <div key={g.id} className={styles.part} style={{ width: `${(g.count / total) * 100}%`, backgroundColor: `#${g.color}` }}>
              {formatCount(g.count, language)}
            </div>
          ),
        )}
      </div>
      <ul className={styles.legend}>
        {groups.map((g) => (
          <li key={g.id} className={styles.legendItem}>
            <span className={styles.swatch} style={{ backgroundColor: `#${g.color}` }} aria-hidden="true" />
            <Caption1>{part(g)}</Caption1>
          </li>
        ))}
      </ul>
    </>
  );
}
