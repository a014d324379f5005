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

export function scoreIndicators(rules: RuleSet, inputs: readonly IndicatorInput[], asOf: number): CustomerScore {
  const partial = inputs.map(({ indicator, parsed, raw }) => {
    const value = indicatorValue(indicator, parsed, asOf);
    const missing = value === null;
    const band = missing ? undefined : matchBand(indicator, value);
    const points = band ? band.points : missing ? 0 : indicator.else;
    const maxPoints = maxPointsOf(indicator);
    return {
      indicator: indicator.id,
      raw,
      value,
      band: band ?? null,
      points,
      maxPoints,
      score: clamp((points / maxPoints) * 100, 0, 100),
      weight: indicator.weight,
      contribution: 0,
      missing,
      included: !(missing && rules.missing === 'renormalise'),
    };
  });
  const positive = partial.filter((r) => r.included && r.weight > 0).reduce((sum, r) => sum + r.weight, 0);
  let total = 0;
  for (const r of partial) {
    if (!r.included || positive === 0) continue;
    r.contribution = (r.weight * r.score) / positive;
    total += r.contribution;
  }
  return { score: roundScore(clamp(total, 0, 100)), indicators: partial };
}
