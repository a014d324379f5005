/** The choice of the rules to score with: a shipped preset, the rules stored in the workbook, or an imported rules file. */
import { Dropdown, Field, Option } from '@fluentui/react-components';
import type { RuleSet } from '../engine/rules';
import type { StoredRules } from '../excel/rules-store';
import { fill, pick } from '../i18n/scoring';
import { choiceKey, choiceOfKey, type ImportedRules, type RulesChoice } from './model';
import { useStrings } from './strings-context';

export interface RulesPickProps {
  presets: readonly RuleSet[];
  stored: StoredRules | null;
  imported: ImportedRules | null;
  choice: RulesChoice;
  onChoose(choice: RulesChoice): void;
  disabled?: boolean;
}

/** The label of a choice of rules, as the dropdown shows it. */
export function useRulesLabel(presets: readonly RuleSet[], stored: StoredRules | null, imported: ImportedRules | null): (choice: RulesChoice) => string {
  const { s, language } = useStrings();
  return (choice) => {
    if (choice.kind === 'stored' && stored) return fill(s.storedRulesOption, { name: pick(stored.rules.label, language) });
    if (choice.kind === 'imported' && imported) return fill(s.importedRulesOption, { name: pick(imported.rules.label, language) });
    const preset = presets.find((p) => choice.kind === 'preset' && p.id === choice.id);
    return preset ? pick(preset.label, language) : '';
  };
}

export function RulesPick({ presets, stored, imported, choice, onChoose, disabled }: RulesPickProps) {
  const { s } = useStrings();
  const label = useRulesLabel(presets, stored, imported);
  const choices: RulesChoice[] = [
    ...presets.map((p): RulesChoice => ({ kind: 'preset', id: p.id })),
    ...(stored ? [{ kind: 'stored' } as const] : []),
    ...(imported ? [{ kind: 'imported' } as const] : []),
  ];
  const selectedKey = choiceKey(choice);
  return (
    <Field label={s.presetPick}>
      <Dropdown
        disabled={disabled}
        value={label(choice)}
        selectedOptions={[selectedKey]}
        onOptionSelect={(_, data) => {
          if (data.optionValue) onChoose(choiceOfKey(data.optionValue));
        }}
      >
        {choices.map((c) => (
          <Option key={choiceKey(c)} value={choiceKey(c)}>
            {label(c)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
