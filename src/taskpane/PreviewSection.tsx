/**
 * The preview on the pane's first screen: customers per tier and the flags as of the date
 * above it. The tables are read once (`ops.prepare`, by usePanel); every edit of the rules is
 * scored here in memory with `previewPrepared`, deferred so that the sliders stay responsive.
 */
import { Body1, Caption1, MessageBar, MessageBarBody, Spinner, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useDeferredValue, useMemo } from 'react';
import type { RuleSet } from '../engine/rules';
import { previewPrepared, type Preview } from '../engine/run';
import { FLAG_IDS } from '../engine/flags';
import { fill, flagName, tierLabel } from '../i18n/scoring';
import { plural } from '../i18n/strings';
import { formatDay } from './dates';
import { errorSentence, formatCount } from './model';
import type { PreviewState } from './panel-state';
import { CountsBar } from './CountsBar';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  heading: { margin: 0 },
  inline: { display: 'flex', flexWrap: 'wrap', gap: `0 ${tokens.spacingHorizontalM}`, margin: 0, padding: 0, listStyle: 'none' },
  number: { textAlign: 'end' },
});

export interface PreviewSectionProps {
  state: PreviewState;
  /** The unedited rules: the baseline the tier moves are counted against. */
  base: RuleSet;
  /** The last valid edited rules. */
  rules: RuleSet;
  /** The current edits are invalid (the preview shows `rules`, the last valid ones). */
  stale?: boolean;
  /** Apply is running: its progress bar is the only one shown. */
  busy?: boolean;
  /** The date the flags are counted up to (the field above). */
  asOf: number;
}

/** Customers whose tier index under `next` is lower (a higher tier) or higher than under `baseline`. */
export function tierMoves(baseline: Preview, next: Preview): { up: number; down: number } {
  let up = 0;
  let down = 0;
  const n = Math.min(baseline.tiers.length, next.tiers.length);
  for (let i = 0; i < n; i++) {
    if (next.tiers[i]! < baseline.tiers[i]!) up++;
    else if (next.tiers[i]! > baseline.tiers[i]!) down++;
  }
  return { up, down };
}

export function PreviewSection({ state, base, rules, stale, busy, asOf }: PreviewSectionProps) {
  const { s, language } = useStrings();
  const styles = useStyles();
  const deferredRules = useDeferredValue(rules);
  const prepared = state.status === 'ready' ? state.data.prepared : undefined;
  const baseline = useMemo(() => (prepared ? previewPrepared(prepared, base) : undefined), [prepared, base]);
  const preview = useMemo(
    () => (prepared ? (deferredRules === base ? baseline : previewPrepared(prepared, deferredRules)) : undefined),
    [prepared, deferredRules, base, baseline],
  );

  let body;
  if (state.status === 'loading') body = busy ? <Body1 as="p">{s.previewLoading}</Body1> : <Spinner size="small" label={s.previewLoading} />;
  else if (state.status === 'failed') {
    body = (
      <MessageBar intent="warning">
        <MessageBarBody>{fill(s.previewFailed, { reason: errorSentence(state.error, s, language) })}</MessageBarBody>
      </MessageBar>
    );
  } else if (preview && baseline) {
    const tiers = deferredRules.tiers.map((tier) => ({ tier, count: preview.summary.tiers[tier.id] ?? 0 }));
    const moves = tierMoves(baseline, preview);
    body = (
      <>
        <CountsBar
          groups={tiers.map(({ tier, count }) => ({ id: tier.id, label: tierLabel(tier, language), count, color: tier.color }))}
          label={s.previewBarLabel}
        />
        {/* Against the unedited rules: said once the rules are edited. */}
        <Body1 as="p" aria-live="polite" className={styles.heading}>
          {deferredRules === base
            ? null
            : moves.up === 0 && moves.down === 0
              ? s.previewNoMoves
              : fill(plural(s.previewMoves, moves.up, language), { up: formatCount(moves.up, language), down: formatCount(moves.down, language) })}
        </Body1>
        <Subtitle2 as="h4" id="preview-flags-heading" className={styles.heading}>
          {fill(s.previewFlagsAsOf, { date: formatDay(asOf, language) })}
        </Subtitle2>
        {FLAG_IDS.some((id) => preview.summary.flags[id] > 0) ? (
          <ul className={styles.inline} aria-labelledby="preview-flags-heading">
            {FLAG_IDS.filter((id) => preview.summary.flags[id] > 0).map((id) => (
              <li key={id}>
                <Body1>{fill(s.previewFlagPart, { flag: flagName(id, language), count: formatCount(preview.summary.flags[id], language) })}</Body1>
              </li>
            ))}
          </ul>
        ) : (
          <Body1 as="p">{s.noFlags}</Body1>
        )}
      </>
    );
  }
  return (
    <section className={styles.section} aria-labelledby="preview-heading">
      <Subtitle2 as="h3" id="preview-heading" className={styles.heading}>
        {s.previewHeading}
      </Subtitle2>
      {stale && <Caption1>{s.previewStale}</Caption1>}
      {body}
    </section>
  );
}
