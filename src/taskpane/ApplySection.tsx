/** Apply — score and write the managed columns, with progress; when it cannot run, the reason and the one click that fixes it. */
import { Button, Field, MessageBar, MessageBarActions, MessageBarBody, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
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
  onApply(): void;
}

export function ApplySection({ blocked, fix, step, progress, onApply }: ApplySectionProps) {
  const styles = useStyles();
  const { s } = useStrings();
  return (
    <div className={styles.section}>
      {blocked && (
        <MessageBar intent="warning" id="apply-blocked">
          <MessageBarBody>{blocked}</MessageBarBody>
          {fix && (
            <MessageBarActions>
              <Button onClick={fix.onFix}>{fix.label}</Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      <Button
        className={styles.button}
        appearance="primary"
        disabled={blocked !== undefined || step !== undefined}
        aria-describedby={blocked ? 'apply-blocked' : 'apply-explain'}
        onClick={onApply}
      >
        {s.applyButton}
      </Button>
      {step && (
        <Field label={step === 'scoring' ? s.progressScoring : s.progressWriting} validationState="none">
          <ProgressBar value={step === 'writing' ? progress : undefined} />
        </Field>
      )}
    </div>
  );
}
