/**
 * Weighted scoring of one customer (DOMAIN.md section 3): band points per indicator,
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
    case '>=': return value >= threshold - EPSILON;
    case '>': return value > threshold + EPSILON;
    case '<=': return value <= threshold + EPSILON;
    case '<': return value < threshold - EPSILON;
    default: return Math.abs(value - threshold) <= EPSILON;
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
    case 'number': return parsed.value;
    case 'category': return parsed.value;
    case 'date': return indicator.measure === 'days-since' ? Math.max(0, asOf - parsed.serial) : parsed.serial;
    default: return null;
  }
}

/** Scratch space for scoring one customer's indicators without allocating (the live preview scores thousands at a time). */
export class IndicatorScratch {
  readonly values: (number | string | null)[];
  readonly bands: (BandRule | undefined)[];
  readonly points: Float64Array;
  readonly scores: Float64Array;
  readonly included: Uint8Array;
  readonly contributions: Float64Array;
  private readonly maxima: Float64Array;
  private readonly maximaOf: (IndicatorRule | undefined)[];
  constructor(size: number) {
    this.maxima = new Float64Array(size);
    this.maximaOf = new Array<IndicatorRule | undefined>(size).fill(undefined);
    this.values = new Array<number | string | null>(size).fill(null);
    this.bands = new Array<BandRule | undefined>(size).fill(undefined);
    this.points = new Float64Array(size);
    this.scores = new Float64Array(size);
    this.included = new Uint8Array(size);
    this.contributions = new Float64Array(size);
  }

  /** The indicator's maximum points, worked out once per indicator in slot k. */
  maxPoints(k: number, indicator: IndicatorRule): number {
    if (this.maximaOf[k] !== indicator) {
      this.maximaOf[k] = indicator;
      this.maxima[k] = maxPointsOf(indicator);
    }
    return this.maxima[k]!;
  }
}

/** Scores one customer's indicators into `out` and returns the weighted score, rounded. */
export function scoreInto(rules: RuleSet, indicators: readonly IndicatorRule[], parsed: readonly Parsed[], asOf: number, out: IndicatorScratch): number {
  let positive = 0;
  const renormalise = rules.missing === 'renormalise';
  for (let k = 0; k < indicators.length; k++) {
    const indicator = indicators[k]!;
    const value = indicatorValue(indicator, parsed[k]!, asOf);
    const missing = value === null;
    const band = missing ? undefined : matchBand(indicator, value);
    const points = band ? band.points : missing ? 0 : indicator.else;
    const included = !(missing && renormalise);
    out.values[k] = value;
    out.bands[k] = band;
    out.points[k] = points;
    out.scores[k] = clamp((points / out.maxPoints(k, indicator)) * 100, 0, 100);
    out.included[k] = included ? 1 : 0;
    if (included && indicator.weight > 0) positive += indicator.weight;
  }
  let total = 0;
  for (let k = 0; k < indicators.length; k++) {
    const contribution = out.included[k] && positive > 0 ? (indicators[k]!.weight * out.scores[k]!) / positive : 0;
    out.contributions[k] = contribution;
    total += contribution;
  }
  return roundScore(clamp(total, 0, 100));
}

/** The per-indicator breakdown of what `scoreInto` left in `out`. */
export function breakdownOf(indicators: readonly IndicatorRule[], raws: readonly string[], out: IndicatorScratch): IndicatorResult[] {
  return indicators.map((indicator, k) => ({
    indicator: indicator.id,
    raw: raws[k] ?? '',
    value: out.values[k] ?? null,
    band: out.bands[k] ?? null,
    points: out.points[k]!,
    maxPoints: maxPointsOf(indicator),
    score: out.scores[k]!,
    weight: indicator.weight,
    contribution: out.contributions[k]!,
    missing: out.values[k] === null,
    included: out.included[k] === 1,
  }));
}

export function scoreIndicators(rules: RuleSet, inputs: readonly IndicatorInput[], asOf: number): CustomerScore {
  const indicators = inputs.map((i) => i.indicator);
  const out = new IndicatorScratch(inputs.length);
  const score = scoreInto(rules, indicators, inputs.map((i) => i.parsed), asOf, out);
  return { score, indicators: breakdownOf(indicators, inputs.map((i) => i.raw), out) };
}
