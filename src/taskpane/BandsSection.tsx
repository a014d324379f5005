/** Tuning: every indicator's bands (thresholds and points; a category band's points) and the tier cut-offs, with a reset to the preset. */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { isLabelBand } from '../engine/rules';
import { fill, pick } from '../i18n/scoring';
import {
  describeRulesProblem,
  problemSection,
  readNumber,
  setBand,
  setCutOff,
  showNumber,
  thresholdFactor,
  type RulesEditProps,
  shownIndicators,
} from './edit';
import { RULES_PROBLEM_ID } from './field-ids';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  number: { width: '5.5em' },
  bands: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingVerticalS },
  cutOffs: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  button: { alignSelf: 'flex-start' },
});

const OPS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

export function BandsSection({ edit, mapping, onDraft, onReset, disabled }: RulesEditProps) {
  const { s, language } = useStrings();
  const styles = useStyles();
  const { draft, base, problem } = edit;
  const shown = shownIndicators(draft, mapping);
  return (
    <div className={styles.section}>
      <Subtitle2 as="h4">{s.bandsHeading}</Subtitle2>
      <Accordion collapsible multiple>
        {shown.map(({ ind, index }) => {
          const label = pick(ind.label, language);
          const factor = thresholdFactor(ind.type);
          const numeric = ind.bands.map((band, j) => ({ band, j })).filter(({ band }) => !isLabelBand(band));
          const labels = ind.bands.map((band, j) => ({ band, j })).filter(({ band }) => isLabelBand(band));
          return (
            <AccordionItem key={ind.id} value={ind.id}>
              <AccordionHeader as="h5">{label}</AccordionHeader>
              <AccordionPanel>
                {numeric.length === 0 && labels.length === 0 ? (
                  <Caption1>{s.noNumericBands}</Caption1>
                ) : (
                  <div className={styles.bands}>
                    {numeric.map(({ band, j }, n) => {
                      if (isLabelBand(band)) return null;
                      const unit = factor === 100 ? ' %' : '';
                      return [
                        <Field key={`v${j}`} label={`${fill(s.bandThreshold, { n: n + 1, op: OPS[band.op] ?? band.op })}${unit}`}>
                          <Input
                            type="number"
                            disabled={disabled}
                            value={showNumber(band.value * factor)}
                            onChange={(_, data) => onDraft(setBand(draft, index, j, 'value', readNumber(data.value) / factor))}
                          />
                        </Field>,
                        <Field key={`p${j}`} label={fill(s.bandPoints, { n: n + 1 })}>
                          <Input
                            type="number"
                            disabled={disabled}
                            value={showNumber(band.points)}
                            onChange={(_, data) => onDraft(setBand(draft, index, j, 'points', readNumber(data.value)))}
                          />
                        </Field>,
                      ];
                    })}
                    {labels.map(({ band, j }) => (
                      <Field key={`l${j}`} label={fill(s.labelPoints, { label: isLabelBand(band) ? band.label : '' })}>
                        <Input
                          type="number"
                          disabled={disabled}
                          value={showNumber(band.points)}
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
      <Subtitle2 as="h4">{s.cutOffsHeading}</Subtitle2>
      <div className={styles.cutOffs}>
        {draft.tiers.slice(0, -1).map((tier, i) => (
          <Field key={tier.id} label={fill(s.cutOffInput, { tier: pick(tier.label, language) })}>
            <Input
              className={styles.number}
              type="number"
              min={0}
              max={100}
              disabled={disabled}
              value={showNumber(tier.min ?? Number.NaN)}
              onChange={(_, data) => onDraft(setCutOff(draft, i, readNumber(data.value)))}
            />
          </Field>
        ))}
      </div>
      {problem && problemSection(problem) === 'bands' && (
        <MessageBar intent="error" id={RULES_PROBLEM_ID} tabIndex={-1}>
          <MessageBarBody>{describeRulesProblem(problem, draft, s, language)}</MessageBarBody>
        </MessageBar>
      )}
      <Button className={styles.button} disabled={disabled || draft === base} onClick={onReset}>
        {s.resetRules}
      </Button>
    </div>
  );
}
