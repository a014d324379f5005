/** Tuning: the table to score (and what is known of it) and the column each indicator of the rules in use reads. */
import { Body1, Button, Dropdown, Field, Option, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { columnLetter } from '../engine/address';
import type { ColumnChoice, EvaluationMapping } from '../engine/mapping';
import type { IndicatorRule } from '../engine/rules';
import type { TableCandidate } from '../engine/tables';
import { fill, pick } from '../i18n/scoring';
import type { Strings } from '../i18n/strings';
import { useStrings } from './strings-context';
import { mappingFieldId } from './field-ids';
import type { Selection } from './model';
import { TableDetails, TablePick } from './TablePick';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  indicators: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

export interface MappingSectionProps {
  /** The tables the scan found. */
  candidates: readonly TableCandidate[];
  /** The candidate index picked as the evaluation table, or null for the proposal's. */
  pickIndex: number | null;
  onPick(index: number): void;
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
  candidates,
  pickIndex,
  onPick,
  selection,
  columns,
  without,
  onMap,
  onWithout,
  onResetMapping,
  disabled,
}: MappingSectionProps) {
  const styles = useStyles();
  const { s, language } = useStrings();
  const { rules, mapping, evaluation } = selection;
  // Every header of the table once, with its column letter: `G · 近12个月交易额（万元）`.
  const columnsOfTable = evaluation
    ? evaluation.headers
        .flatMap((h, i) => (h === '' ? [] : [{ header: h, letter: columnLetter(evaluation.box.firstCol + i) }]))
        .filter((c, i, all) => all.findIndex((o) => o.header === c.header) === i)
    : [];
  return (
    <div className={styles.section}>
      <TablePick candidates={candidates} selection={selection} pickIndex={pickIndex} onPick={onPick} disabled={disabled} />
      {evaluation && <TableDetails table={evaluation} coverage={mapping?.coverage ?? 0} />}
      <Subtitle2 as="h4">{s.indicatorsHeading}</Subtitle2>
      <Body1 as="p">{s.mappingAutomatic}</Body1>
      <div className={styles.indicators}>
        {rules.indicators.map((indicator) => {
          // Without a mapping (the table lost its key column, perhaps to a hand-picked column) show the hand-picked ones.
          const isWithout = without.includes(indicator.id);
          const header = isWithout ? undefined : mapping ? mapping.indicators[indicator.id]?.header : (columns[indicator.id] ?? undefined);
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
                selectedOptions={[isWithout ? WITHOUT : (header ?? NO_COLUMN)]}
                onOptionSelect={(_, data) => {
                  if (data.optionValue === WITHOUT) onWithout(indicator.id);
                  else if (data.optionValue !== undefined) onMap(indicator.id, data.optionValue === NO_COLUMN ? null : data.optionValue);
                }}
              >
                {offered.map((c) => (
                  <Option key={c.header} value={c.header} text={text(c.header)}>
                    {text(c.header)}
                  </Option>
                ))}
                <Option value={WITHOUT} text={s.scoreWithout}>
                  {s.scoreWithout}
                </Option>
                <Option value={NO_COLUMN} text={s.noColumn}>
                  {s.noColumn}
                </Option>
              </Dropdown>
            </Field>
          );
        })}
      </div>
      {(Object.keys(columns).length > 0 || without.length > 0) && (
        <div>
          <Button disabled={disabled} onClick={onResetMapping}>
            {s.resetMapping}
          </Button>
        </div>
      )}
    </div>
  );
}

/** Position of a header among the matcher's candidates (those not among them after, in table order). */
function rank(ranked: readonly string[], header: string): number {
  const i = ranked.indexOf(header);
  return i < 0 ? ranked.length : i;
}
