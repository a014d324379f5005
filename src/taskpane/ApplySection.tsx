/** Section 5: Apply — score and write the managed columns, with progress; disabled with the reason when it cannot run. */
import { Body1, Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, ProgressBar, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { DEFAULT_MANAGED } from '../engine/managed';
import { fill, managedHeader } from '../i18n/scoring';
import type { ApplyStep } from './panel-state';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, alignItems: 'stretch' },
  button: { alignSelf: 'flex-start' },
});

export interface ApplySectionProps {
  /** Why Apply cannot run, as a sentence; undefined when it can. */
  blocked?: string;
  /** The one click that fixes what blocks Apply (choose the column for X), when there is one. */
  fix?: { label: string; onFix(): void };
  /** The step in progress, while applying. */
  step?: ApplyStep;
  /** While writing: the share of the rows written (0..1) once known; the bar is indeterminate before. */
  progress?: number;
  /** The as-of date as the field holds it (YYYY-MM-DD; '' or a bad date when the user cleared or mistyped it). */
  asOf: string;
  asOfValid: boolean;
  onAsOf(text: string): void;
  /** Who runs the scoring, for the run record. */
  by: string;
  onBy(name: string): void;
  onApply(): void;
}

export function ApplySection({ blocked, fix, step, progress, asOf, asOfValid, onAsOf, by, onBy, onApply }: ApplySectionProps) {
  const { s, language } = useStrings();
  const styles = useStyles();
  const columns = DEFAULT_MANAGED.map((id) => managedHeader(id, language)).join(language === 'zh-CN' ? '、' : ', ');
  return (
    <section className={styles.section} aria-labelledby="apply-heading">
      <Title3 as="h2" id="apply-heading">{s.applyHeading}</Title3>
      <Body1 as="p">{fill(s.applyExplain, { columns })}</Body1>
      <Field
        label={s.asOfLabel} hint={s.asOfHint}
        validationState={asOfValid ? 'none' : 'error'} validationMessage={asOfValid ? undefined : s.asOfInvalid}
      >
        <Input value={asOf} disabled={step !== undefined} onChange={(_, data) => onAsOf(data.value)} />
      </Field>
      <Field label={s.byLabel} hint={s.byHint}>
        <Input value={by} maxLength={100} autoComplete="name" disabled={step !== undefined} onChange={(_, data) => onBy(data.value)} />
      </Field>
      {blocked && (
        <MessageBar intent="warning" id="apply-blocked">
          <MessageBarBody>{blocked}</MessageBarBody>
          {fix && <MessageBarActions><Button onClick={fix.onFix}>{fix.label}</Button></MessageBarActions>}
        </MessageBar>
      )}
      <Button
        className={styles.button}
        appearance="primary"
        disabled={blocked !== undefined || step !== undefined}
        aria-describedby={blocked ? 'apply-blocked' : undefined}
        onClick={onApply}
      >
        {s.applyButton}
      </Button>
      {step && (
        <Field label={step === 'scoring' ? s.progressScoring : s.progressWriting} validationState="none">
          <ProgressBar value={step === 'writing' ? progress : undefined} />
        </Field>
      )}
    </section>
  );
}
