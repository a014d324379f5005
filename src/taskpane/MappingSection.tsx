/** Section 2: the rule set (a preset, or the rules stored in the workbook) and the column each indicator reads. */
import { Body1, Button, Dropdown, Field, Option, Subtitle2, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { columnLetter } from '../engine/address';
import type { ColumnChoice, EvaluationMapping } from '../engine/mapping';
import type { IndicatorRule } from '../engine/rules';
import type { RuleSet } from '../engine/rules';
import type { StoredRules } from '../excel/rules-store';
import { fill, pick } from '../i18n/scoring';
import type { Strings } from '../i18n/strings';
import { useStrings } from './strings-context';
import { choiceKey, choiceOfKey, IMPORTED_KEY, STORED_KEY, type ImportedRules, type RulesChoice, type Selection } from './model';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  indicators: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

export interface MappingSectionProps {
  presets: readonly RuleSet[];
  stored: StoredRules | null;
  /** A rules file the user imported, if any. */
  imported?: ImportedRules | null;
  choice: RulesChoice;
  onChoose(choice: RulesChoice): void;
  selection: Selection;
  /** The columns chosen by hand (indicator id → header, or null for none). */
  columns: ColumnChoice;
  /** Indicators the team does not track: scored without, their weight set aside. */
  without: readonly string[];
  /** The user chose a column (by header) for an indicator, or none (null). */
  onMap(indicator: string, header: string | null): void;
  /** The user said the team does not track this indicator: score without it. */
  onWithout(indicator: string): void;
  /** Forget the columns chosen by hand. */
  onResetMapping(): void;
  disabled?: boolean;
}

/** The "no column" option's value: headers are never empty (blank header cells are not offered). */
const NO_COLUMN = '';
/** The "not tracked: score without it" option's value; a control character no header holds. */
const WITHOUT = '\u0000without';

/** The id of an indicator's column choice, so that a blocked Apply can bring the user to it. */
export function mappingFieldId(indicator: string): string {
  return `map-${indicator}`;
}

/** What the field says under an indicator's column: how it was matched, or what to do. */
function fieldState(indicator: IndicatorRule, mapping: EvaluationMapping | undefined, header: string | undefined, isWithout: boolean, s: Strings) {
  if (isWithout) return { state: 'none' as const, message: s.scoredWithout };
  const mapped = mapping?.indicators[indicator.id];
  if (header === undefined) {
    const refused = mapping?.refused[indicator.id];
    const why = refused ? `${fill(s.mappingRefused, { column: columnLetter(refused.column), header: refused.header })} ` : '';
    return indicator.required
      ? { state: 'error' as const, message: fill(s.mappingMissing, { why, hint: s.mappingChooseHint }) }
      : { state: 'warning' as const, message: `${why}${s.notMappedOptional}` };
  }
  if (mapped?.chosen) return { state: 'none' as const, message: s.mappingChosen };
  if (mapped?.guessed) return { state: 'warning' as const, message: s.mappingGuessed };
  return { state: 'none' as const, message: undefined };
}

export function MappingSection({
  presets, stored, imported, choice, onChoose, selection, columns, without, onMap, onWithout, onResetMapping, disabled,
}: MappingSectionProps) {
  const styles = useStyles();
  const { s, language } = useStrings();
  const { rules, mapping, evaluation } = selection;
  const options = [
    ...presets.map((p) => ({ key: choiceKey({ kind: 'preset', id: p.id }), text: pick(p.label, language) })),
    ...(stored ? [{ key: STORED_KEY, text: fill(s.storedRulesOption, { name: pick(stored.rules.label, language) }) }] : []),
    ...(imported ? [{ key: IMPORTED_KEY, text: fill(s.importedRulesOption, { name: pick(imported.rules.label, language) }) }] : []),
  ];
  const selectedKey = choiceKey(choice);
  // Every header of the table once, with its column letter: `G · 近12个月交易额（万元）`.
  const columnsOfTable = evaluation
    ? evaluation.headers.flatMap((h, i) => (h === '' ? [] : [{ header: h, letter: columnLetter(evaluation.box.firstCol + i) }]))
      .filter((c, i, all) => all.findIndex((o) => o.header === c.header) === i)
    : [];
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
          const isWithout = without.includes(indicator.id);
          const header = isWithout ? undefined : mapping ? mapping.indicators[indicator.id]?.header : columns[indicator.id] ?? undefined;
          const { state, message } = fieldState(indicator, mapping, header, isWithout, s);
          // The columns the matcher found for it come first, best first; then the rest of the table.
          const ranked = (mapping?.candidates[indicator.id] ?? []).map((c) => c.header);
          const offered = [...columnsOfTable].sort((a, b) => rank(ranked, a.header) - rank(ranked, b.header));
          const text = (h: string) => `${offered.find((c) => c.header === h)?.letter ?? ''} · ${h}`;
          return (
            <Field key={indicator.id} label={pick(indicator.label, language)} validationState={state} validationMessage={message}>
              <Dropdown
                id={mappingFieldId(indicator.id)}
                disabled={disabled || !evaluation}
                value={isWithout ? s.scoreWithout : header === undefined ? '' : text(header)}
                placeholder={s.notMapped}
                selectedOptions={[isWithout ? WITHOUT : header ?? NO_COLUMN]}
                onOptionSelect={(_, data) => {
                  if (data.optionValue === WITHOUT) onWithout(indicator.id);
                  else if (data.optionValue !== undefined) onMap(indicator.id, data.optionValue === NO_COLUMN ? null : data.optionValue);
                }}
              >
                {offered.map((c) => <Option key={c.header} value={c.header} text={text(c.header)}>{text(c.header)}</Option>)}
                <Option value={WITHOUT} text={s.scoreWithout}>{s.scoreWithout}</Option>
                <Option value={NO_COLUMN} text={s.noColumn}>{s.noColumn}</Option>
              </Dropdown>
            </Field>
          );
        })}
      </div>
      {(Object.keys(columns).length > 0 || without.length > 0) && (
        <div><Button disabled={disabled} onClick={onResetMapping}>{s.resetMapping}</Button></div>
      )}
    </section>
  );
}

/** Position of a header among the matcher's candidates (those not among them after, in table order). */
function rank(ranked: readonly string[], header: string): number {
  const i = ranked.indexOf(header);
  return i < 0 ? ranked.length : i;
}
