/** Section 2: the rule set (a preset, or the rules stored in the workbook) and the column each indicator reads. */
import { Body1, Button, Dropdown, Field, Option, Subtitle2, Title3, makeStyles, tokens } from '@fluentui/react-components';
import type { ColumnChoice } from '../engine/mapping';
import type { RuleSet } from '../engine/rules';
import type { StoredRules } from '../excel/rules-store';
import { fill, pick } from '../i18n/scoring';
import type { Language, Strings } from '../i18n/strings';
import { choiceKey, choiceOfKey, IMPORTED_KEY, STORED_KEY, type ImportedRules, type RulesChoice, type Selection } from './model';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  indicators: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

export interface MappingSectionProps {
  s: Strings;
  language: Language;
  presets: readonly RuleSet[];
  stored: StoredRules | null;
  /** A rules file the user imported, if any. */
  imported?: ImportedRules | null;
  choice: RulesChoice;
  onChoose(choice: RulesChoice): void;
  selection: Selection;
  /** The columns chosen by hand (indicator id → header, or null for none). */
  columns: ColumnChoice;
  /** The user chose a column (by header) for an indicator, or none (null). */
  onMap(indicator: string, header: string | null): void;
  /** Forget the columns chosen by hand. */
  onResetMapping(): void;
  disabled?: boolean;
}

/** The "no column" option's value: headers are never empty (blank header cells are not offered). */
const NO_COLUMN = '';

export function MappingSection({ s, language, presets, stored, imported, choice, onChoose, selection, columns, onMap, onResetMapping, disabled }: MappingSectionProps) {
  const styles = useStyles();
  const { rules, mapping, evaluation } = selection;
  const options = [
    ...presets.map((p) => ({ key: choiceKey({ kind: 'preset', id: p.id }), text: pick(p.label, language) })),
    ...(stored ? [{ key: STORED_KEY, text: fill(s.storedRulesOption, { name: pick(stored.rules.label, language) }) }] : []),
    ...(imported ? [{ key: IMPORTED_KEY, text: fill(s.importedRulesOption, { name: pick(imported.rules.label, language) }) }] : []),
  ];
  const selectedKey = choiceKey(choice);
  const headers = [...new Set(evaluation?.headers.filter((h) => h !== '') ?? [])];
  return (
    <section className={styles.section} aria-labelledby="mapping-heading">
      <Title3 as="h2" id="mapping-heading">{s.mappingHeading}</Title3>
      <Field label={s.presetPick}>
        <Dropdown
          disabled={disabled}
          value={options.find((o) => o.key === selectedKey)?.text ?? ''}
          selectedOptions={[selectedKey]}
          onOptionSelect={(_, data) => { if (data.optionValue) onChoose(choiceOfKey(data.optionValue)); }}
        >
          {options.map((o) => <Option key={o.key} value={o.key}>{o.text}</Option>)}
        </Dropdown>
      </Field>
      <Subtitle2 as="h3">{s.indicatorsHeading}</Subtitle2>
      <Body1 as="p">{s.mappingAutomatic}</Body1>
      <div className={styles.indicators}>
        {rules.indicators.map((indicator) => {
          // Without a mapping (the table lost its key column, perhaps to a hand-picked column) show the hand-picked ones.
          const header = mapping ? mapping.indicators[indicator.id]?.header : columns[indicator.id] ?? undefined;
          const unmapped = header === undefined;
          return (
            <Field
              key={indicator.id}
              label={pick(indicator.label, language)}
              validationState={unmapped ? (indicator.required ? 'error' : 'warning') : 'none'}
              validationMessage={unmapped ? (indicator.required ? s.notMapped : s.notMappedOptional) : undefined}
            >
              <Dropdown
                disabled={disabled || !evaluation}
                value={header ?? ''}
                placeholder={s.notMapped}
                selectedOptions={[header ?? NO_COLUMN]}
                onOptionSelect={(_, data) => {
                  if (data.optionValue !== undefined) onMap(indicator.id, data.optionValue === NO_COLUMN ? null : data.optionValue);
                }}
              >
                <Option value={NO_COLUMN} text={s.noColumn}>{s.noColumn}</Option>
                {headers.map((h) => <Option key={h} value={h}>{h}</Option>)}
              </Dropdown>
            </Field>
          );
        })}
      </div>
      {Object.keys(columns).length > 0 && (
        <div><Button disabled={disabled} onClick={onResetMapping}>{s.resetMapping}</Button></div>
      )}
    </section>
  );
}
