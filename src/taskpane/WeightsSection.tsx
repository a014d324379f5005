/** Tuning: each indicator's weight (slider and number) and its effective share, with a reset to the preset. */
import { Body1, Button, Caption1, Input, MessageBar, MessageBarBody, Slider, Text, makeStyles, tokens } from '@fluentui/react-components';
import { fill, pick } from '../i18n/scoring';
import { describeRulesProblem, positiveTotal, problemSection, readNumber, setWeight, showNumber, type RulesEditProps, shownIndicators } from './edit';
import { formatPercent } from './model';
import { RULES_PROBLEM_ID } from './field-ids';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  weight: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  weightRow: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  slider: { flexGrow: 1, minWidth: 0 },
  number: { width: '5.5em' },
  button: { alignSelf: 'flex-start' },
});

export function WeightsSection({ edit, mapping, onDraft, onReset, disabled }: RulesEditProps) {
  const { s, language } = useStrings();
  const styles = useStyles();
  const { draft, base, problem } = edit;
  const total = positiveTotal(draft);
  const shown = shownIndicators(draft, mapping);
  const edited = draft !== base;
  return (
    <div className={styles.section}>
      <Body1 as="p">{s.weightsExplain}</Body1>
      {Number.isFinite(total) && total > 0 && Math.abs(total - 100) > 1e-9 && (
        <MessageBar intent="warning">
          <MessageBarBody>{fill(s.weightsNotHundred, { total: formatPercent(total / 100, language) })}</MessageBarBody>
        </MessageBar>
      )}
      {shown.map(({ ind, index }) => {
        const risk = (base.indicators[index]?.weight ?? ind.weight) < 0;
        const magnitude = Math.abs(ind.weight);
        const label = pick(ind.label, language);
        const weightText = formatPercent(magnitude / 100, language);
        const share = total > 0 && Number.isFinite(magnitude) ? formatPercent(magnitude / total, language) : '—';
        const sliderId = `weight-slider-${ind.id}`;
        const change = (value: number) => onDraft(setWeight(draft, base, index, value));
        return (
          <div key={ind.id} className={styles.weight}>
            <label htmlFor={sliderId}>
              <Text weight="semibold">{label}</Text> <Text>{fill(risk ? s.riskWeight : s.plainWeight, { weight: weightText })}</Text>
            </label>
            <div className={styles.weightRow}>
              <Slider
                id={sliderId}
                className={styles.slider}
                min={0}
                max={100}
                step={1}
                disabled={disabled}
                value={Number.isFinite(magnitude) ? Math.min(100, Math.round(magnitude)) : 0}
                onChange={(_, data) => change(data.value)}
              />
              <Input
                className={styles.number}
                type="number"
                min={0}
                max={100}
                step={1}
                disabled={disabled}
                aria-label={fill(risk ? s.riskWeightInput : s.weightInput, { indicator: label })}
                value={showNumber(magnitude)}
                onChange={(_, data) => change(readNumber(data.value))}
              />
            </div>
            <Caption1>{fill(s.weightShare, { share })}</Caption1>
          </div>
        );
      })}
      {problem && problemSection(problem) === 'weights' && (
        <MessageBar intent="error" id={RULES_PROBLEM_ID} tabIndex={-1}>
          <MessageBarBody>{describeRulesProblem(problem, draft, s, language)}</MessageBarBody>
        </MessageBar>
      )}
      <Button className={styles.button} disabled={disabled || !edited} onClick={onReset}>
        {s.resetRules}
      </Button>
    </div>
  );
}
