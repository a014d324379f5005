/** Section 3: weights (slider and number), effective shares, numeric bands and tier cut-offs, with a reset to the preset. */
import {
  Accordion, AccordionHeader, AccordionItem, AccordionPanel, Body1, Button, Caption1, Field, Input, MessageBar, MessageBarBody,
  Slider, Subtitle2, Text, Title3, makeStyles, tokens,
} from '@fluentui/react-components';
import type { EvaluationMapping } from '../engine/mapping';
import { isLabelBand, type RuleSet } from '../engine/rules';
import { fill, pick } from '../i18n/scoring';
import {
  describeRulesProblem, positiveTotal, readNumber, setBand, setCutOff, setWeight, showNumber, thresholdFactor, type RulesEdit,
} from './edit';
import { formatPercent } from './model';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  weight: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  weightRow: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  slider: { flexGrow: 1, minWidth: 0 },
  number: { width: '5.5em' },
  bands: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingVerticalS },
  cutOffs: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  button: { alignSelf: 'flex-start' },
});

const OPS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

export interface WeightsSectionProps {
  edit: RulesEdit;
  /** The evaluation table's mapping: only mapped indicators are shown. */
  mapping?: EvaluationMapping;
  onDraft(draft: RuleSet): void;
  onReset(): void;
  disabled?: boolean;
}

export function WeightsSection({ edit, mapping, onDraft, onReset, disabled }: WeightsSectionProps) {
  const { s, language } = useStrings();
  const styles = useStyles();
  const { draft, base, problem } = edit;
  const total = positiveTotal(draft);
  const shown = draft.indicators.map((ind, index) => ({ ind, index })).filter(({ ind }) => !mapping || mapping.indicators[ind.id] !== undefined);
  const edited = draft !== base;
  return (
    <section className={styles.section} aria-labelledby="weights-heading">
      <Title3 as="h2" id="weights-heading">{s.weightsHeading}</Title3>
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
              <Text weight="semibold">{label}</Text>{' '}
              <Text>{fill(risk ? s.riskWeight : s.plainWeight, { weight: weightText })}</Text>
            </label>
            <div className={styles.weightRow}>
              <Slider
                id={sliderId} className={styles.slider} min={0} max={100} step={1} disabled={disabled}
                value={Number.isFinite(magnitude) ? Math.min(100, Math.round(magnitude)) : 0}
                onChange={(_, data) => change(data.value)}
              />
              <Input
                className={styles.number} type="number" min={0} max={100} step={1} disabled={disabled}
                aria-label={fill(risk ? s.riskWeightInput : s.weightInput, { indicator: label })}
                value={showNumber(magnitude)}
                onChange={(_, data) => change(readNumber(data.value))}
              />
            </div>
            <Caption1>{fill(s.weightShare, { share })}</Caption1>
          </div>
        );
      })}
      <Subtitle2 as="h3">{s.bandsHeading}</Subtitle2>
      <Accordion collapsible multiple>
        {shown.map(({ ind, index }) => {
          const label = pick(ind.label, language);
          const factor = thresholdFactor(ind.type);
          const numeric = ind.bands.map((band, j) => ({ band, j })).filter(({ band }) => !isLabelBand(band));
          const labels = ind.bands.map((band, j) => ({ band, j })).filter(({ band }) => isLabelBand(band));
          return (
            <AccordionItem key={ind.id} value={ind.id}>
              <AccordionHeader as="h4">{label}</AccordionHeader>
              <AccordionPanel>
                {numeric.length === 0 && labels.length === 0 ? <Caption1>{s.noNumericBands}</Caption1> : (
                  <div className={styles.bands}>
                    {numeric.map(({ band, j }, n) => {
                      if (isLabelBand(band)) return null;
                      const unit = factor === 100 ? ' %' : '';
                      return [
                        <Field key={`v${j}`} label={`${fill(s.bandThreshold, { n: n + 1, op: OPS[band.op] ?? band.op })}${unit}`}>
                          <Input
                            type="number" disabled={disabled} value={showNumber(band.value * factor)}
                            onChange={(_, data) => onDraft(setBand(draft, index, j, 'value', readNumber(data.value) / factor))}
                          />
                        </Field>,
                        <Field key={`p${j}`} label={fill(s.bandPoints, { n: n + 1 })}>
                          <Input
                            type="number" disabled={disabled} value={showNumber(band.points)}
                            onChange={(_, data) => onDraft(setBand(draft, index, j, 'points', readNumber(data.value)))}
                          />
                        </Field>,
                      ];
                    })}
                    {labels.map(({ band, j }) => (
                      <Field key={`l${j}`} label={fill(s.labelPoints, { label: isLabelBand(band) ? band.label : '' })}>
                        <Input
                          type="number" disabled={disabled} value={showNumber(band.points)}
                          onChange={(_, data) => onDraft(setBand(draft, index, j, 'points', readNumber(data.value)))}
                        />
                      </Field>
                    ))}
                  </div>
                )}
              </AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>
      <Subtitle2 as="h3">{s.cutOffsHeading}</Subtitle2>
      <div className={styles.cutOffs}>
        {draft.tiers.slice(0, -1).map((tier, i) => (
          <Field key={tier.id} label={fill(s.cutOffInput, { tier: pick(tier.label, language) })}>
            <Input
              className={styles.number} type="number" min={0} max={100} disabled={disabled} value={showNumber(tier.min ?? Number.NaN)}
              onChange={(_, data) => onDraft(setCutOff(draft, i, readNumber(data.value)))}
            />
          </Field>
        ))}
      </div>
      {problem && (
        <MessageBar intent="error" id="rules-problem">
          <MessageBarBody>{describeRulesProblem(problem, draft, s, language)}</MessageBarBody>
        </MessageBar>
      )}
      <Button className={styles.button} disabled={disabled || !edited} onClick={onReset}>{s.resetRules}</Button>
    </section>
  );
}
