/**
 * Ids of the fields a blocked Apply's one click brings the user to. Kept apart from the
 * sections that render them, so that the first screen can name them without loading the
 * sections' code (they are loaded when their section is opened).
 */

/** An indicator's column choice. */
export function mappingFieldId(indicator: string): string {
  return `map-${indicator}`;
}

/** The choice of the table to score. */
export const TABLE_PICK_ID = 'table-pick';

/** The sentence saying why the edited rules are invalid. */
export const RULES_PROBLEM_ID = 'rules-problem';

/** RFM's weight of a letter. */
export function rfmWeightId(letter: string): string {
  return `rfm-weight-${letter}`;
}

/** The first day of RFM's period. */
export const PERIOD_FROM_ID = 'period-from';

/** The months of RFM's period. */
export const PERIOD_MONTHS_ID = 'period-months';
