/**
 * The *Flags as of* date: a text field in the pane's language (2024/06/30, 6/30/2024; ISO
 * 2024-06-30 too), above the preview whose flags it dates. A text that is not a day says so
 * and blocks Apply; the preview keeps the last day the field held.
 */
import { Field, Input } from '@fluentui/react-components';
import type { AsOfField as AsOf } from './panel-state';
import { useStrings } from './strings-context';

export function AsOfField({ asOf, onChange, disabled }: { asOf: AsOf; onChange(text: string): void; disabled?: boolean }) {
  const { s } = useStrings();
  return (
    <Field label={s.asOfLabel} hint={s.asOfHint} validationState={asOf.valid ? 'none' : 'error'} validationMessage={asOf.valid ? undefined : s.asOfInvalid}>
      <Input value={asOf.text} autoComplete="off" disabled={disabled} onChange={(_, data) => onChange(data.value)} />
    </Field>
  );
}
