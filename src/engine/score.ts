/**
 * Weighted scoring of one customer (docs/scoring-rules.md section 4): band points per indicator,
 * normalised to 0..100, weighted by Σ(positive weights), risk indicators subtracting.
 */
import { clamp, roundScore } from './round';
import { isLabelBand, maxPointsOf, type BandRule, type IndicatorRule, type LabelBandRule, type RuleSet } from './rules';
import { compact } from './text';
import type { Parsed } from './types';

const EPSILON = 1e-9;

export interface IndicatorResult {
  indicator: string;
  /** What the cell said, as text ('' when blank). */
  raw: string;
  /** The value scored: a number (days for `days-since`), a category label, or null when missing. */
  value: number | string | null;
  /** The band that matched; null when the value fell to `else` or was missing. */
  band: BandRule | null;
  points: number;
  maxPoints: number;
  /** Points ÷ max points × 100. */
  score: number;
  weight: number;
  /** Signed share of the weighted score this indicator gave, in score points. */
  contribution: number;
  missing: boolean;
  /** False when a missing value was left out under the `renormalise` policy. */
  included: boolean;
}

export interface IndicatorInput {
  indicator: IndicatorRule;
  parsed: Parsed;
  raw: string;
}

export interface CustomerScore {
  /** Rounded to one decimal, half away from zero: the figure tiers are decided on. */
  score: number;
  indicators: IndicatorResult[];
}

function compare(value: number, op: string, threshold: number): boolean {
  switch (op) {
    case '>=':
      return value >= threshold - EPSILON;
    case '>':
      return value > threshold + EPSILON;
    case '<=':
      return value <= threshold + EPSILON;
    case '<':
      return value < threshold - EPSILON;
    default:
      return Math.abs(value - threshold) <= EPSILON;
  }
}

export { compare as compareValue };

/** Each label band's spellings in compact form, computed once per band (the live preview scores often). */
const bandSpellings = new WeakMap<BandRule, Set<string>>();

function spellings(band: LabelBandRule): Set<string> {
  let set = bandSpellings.get(band);
  if (!set) {
    set = new Set([band.label, ...(band.synonyms ?? [])].map(compact));
    bandSpellings.set(band, set);
  }
  return set;
}

/** The first band the value falls in, or undefined (the indicator's `else`). */
export function matchBand(indicator: IndicatorRule, value: number | string): BandRule | undefined {
  if (typeof value === 'number') {
    for (const band of indicator.bands) if (!isLabelBand(band) && compare(value, band.op, band.value)) return band;
    return undefined;
  }
  // The parser gives the canonical label: an exact match is the rule, spellings the exception.
  for (const band of indicator.bands) if (isLabelBand(band) && band.label === value) return band;
  const compacted = compact(value);
  for (const band of indicator.bands) if (isLabelBand(band) && spellings(band).has(compacted)) return band;
  return undefined;
}

/** The number or label an indicator scores from a parsed cell; null when missing. */
export function indicatorValue(indicator: IndicatorRule, parsed: Parsed, asOf: number): number | string | null {
  switch (parsed.kind) {
    case 'number':
      return parsed.value;
    case 'category':
      return parsed.value;
    case 'date':
      return indicator.measure === 'days-since' ? Math.max(0, asOf - parsed.serial) : parsed.serial;
    default:
      return null;
  }
}

/**
 * One indicator scored for every customer of a table: everything that depends on the
 * indicator's type, labels and bands but not on weights. The live preview keeps these
 * between edits, so moving a weight re-scores from them without matching a band again.
 */
export interface IndicatorColumn {
  readonly parsed: readonly Parsed[];
  readonly values: readonly (number | string | null)[];
  /** The band each value matched; undefined when it fell to `else` or was missing. */
  readonly bands: readonly (BandRule | undefined)[];
  readonly points: Float64Array;
  /** Points ÷ max points × 100, clamped to 0..100. */
  readonly scores: Float64Array;
  /** 1 where the value was missing. */
  readonly missing: Uint8Array;
  readonly maxPoints: number;
}

/** Scores one indicator for each parsed cell of a column. */
export function scoreColumn(indicator: IndicatorRule, parsed: readonly Parsed[], asOf: number): IndicatorColumn {
  const n = parsed.length;
  const maxPoints = maxPointsOf(indicator);
  const values = new Array<number | string | null>(n);
  const bands = new Array<BandRule | undefined>(n);
  const points = new Float64Array(n);
  const scores = new Float64Array(n);
  const missing = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const value = indicatorValue(indicator, parsed[i]!, asOf);
    const band = value === null ? undefined : matchBand(indicator, value);
    const p = band ? band.points : value === null ? 0 : indicator.else;
    values[i] = value;
    bands[i] = band;
    points[i] = p;
    scores[i] = clamp((p / maxPoints) * 100, 0, 100);
    missing[i] = value === null ? 1 : 0;
  }
  return { parsed, values, bands, points, scores, missing, maxPoints };
}

/** Σ of the positive weights of the indicators counted for customer i (missing ones left out under `renormalise`). */
export function positiveWeight(columns: readonly IndicatorColumn[], weights: readonly number[], renormalise: boolean, i: number): number {
  let positive = 0;
  for (let k = 0; k < columns.length; k++) {
    const w = weights[k]!;
    if (w > 0 && !(renormalise && columns[k]!.missing[i])) positive += w;
  }
  return positive;
}

/** Customer i's weighted score, rounded: the figure tiers are decided on. */
export function weightedScore(columns: readonly IndicatorColumn[], weights: readonly number[], renormalise: boolean, i: number): number {
  const positive = positiveWeight(columns, weights, renormalise, i);
  let total = 0;
  if (positive > 0) {
    for (let k = 0; k < columns.length; k++) {
      const column = columns[k]!;
      if (!(renormalise && column.missing[i])) total += (weights[k]! * column.scores[i]!) / positive;
    }
  }
  return roundScore(clamp(total, 0, 100));
}

/** The per-indicator breakdown of customer i. */
export function breakdownAt(
  indicators: readonly IndicatorRule[],
  columns: readonly IndicatorColumn[],
  renormalise: boolean,
  raws: readonly string[],
  i: number,
): IndicatorResult[] {
  const weights = indicators.map((ind) => ind.weight);
  const positive = positiveWeight(columns, weights, renormalise, i);
  return indicators.map((indicator, k) => {
    const column = columns[k]!;
    const missing = column.missing[i] === 1;
    const included = !(missing && renormalise);
    return {
      indicator: indicator.id,
      raw: raws[k] ?? '',
      value: column.values[i] ?? null,
      band: column.bands[i] ?? null,
      points: column.points[i]!,
      maxPoints: column.maxPoints,
      score: column.scores[i]!,
      weight: indicator.weight,
      contribution: included && positive > 0 ? (indicator.weight * column.scores[i]!) / positive : 0,
      missing,
      included,
    };
  });
}

export function scoreIndicators(rules: RuleSet, inputs: readonly IndicatorInput[], asOf: number): CustomerScore {
  const indicators = inputs.map((i) => i.indicator);
  const columns = inputs.map((i) => scoreColumn(i.indicator, [i.parsed], asOf));
  const renormalise = rules.missing === 'renormalise';
  const score = weightedScore(
    columns,
    indicators.map((i) => i.weight),
    renormalise,
    0,
  );
  return {
    score,
    indicators: breakdownAt(
      indicators,
      columns,
      renormalise,
      inputs.map((i) => i.raw),
      0,
    ),
  };
}
