/**
 * What the charts show (DOMAIN.md section 6): the tier averages of each dimension (or of
 * each indicator when the rules have no dimensions), 0..100, for the radar chart, and the
 * customers per tier for the bar chart.
 */
import { roundScore } from './round';
import type { RuleSet, TierRule } from './rules';
import type { CustomerResult, ScoringRun } from './run';

export interface RadarSummary {
  /** What the radar's axes are. */
  axis: 'dimension' | 'indicator';
  /** Axis ids, in rule order. */
  axes: { id: string; label: { zh: string; en: string } }[];
  /** One series per tier: its customers' average on each axis; null when the tier has none. */
  series: { tier: TierRule; values: (number | null)[] }[];
}

export interface TierCounts {
  tiers: { tier: TierRule; customers: number }[];
}

/** A customer's score on each axis: the |weight|-weighted mean of its indicators' scores. */
function axisScores(rules: RuleSet, customer: CustomerResult, axis: RadarSummary['axis'], axes: RadarSummary['axes']): (number | null)[] {
  return axes.map(({ id }) => {
    let sum = 0;
    let weight = 0;
    for (const r of customer.indicators) {
      if (!r.included) continue;
      const indicator = rules.indicators.find((i) => i.id === r.indicator)!;
      if ((axis === 'dimension' ? indicator.dimension : indicator.id) !== id) continue;
      sum += Math.abs(r.weight) * r.score;
      weight += Math.abs(r.weight);
    }
    return weight > 0 ? sum / weight : null;
  });
}

export function radarSummary(run: ScoringRun): RadarSummary {
  const { rules } = run;
  const used = new Set(rules.indicators.map((i) => i.dimension).filter((d): d is string => d !== undefined));
  const dimensions = rules.dimensions.filter((d) => used.has(d.id));
  const axis: RadarSummary['axis'] = dimensions.length >= 3 ? 'dimension' : 'indicator';
  const axes = axis === 'dimension'
    ? dimensions.map((d) => ({ id: d.id, label: d.label }))
    : rules.indicators.map((i) => ({ id: i.id, label: i.label }));
  const series = rules.tiers.map((tier) => {
    const members = run.customers.filter((c) => c.tier.id === tier.id).map((c) => axisScores(rules, c, axis, axes));
    const values = axes.map((_, a) => {
      const present = members.map((m) => m[a]).filter((v): v is number => v !== null && v !== undefined);
      return present.length ? roundScore(present.reduce((s, v) => s + v, 0) / present.length) : null;
    });
    return { tier, values };
  });
  return { axis, axes, series };
}

export function tierCounts(run: ScoringRun): TierCounts {
  return { tiers: run.rules.tiers.map((tier) => ({ tier, customers: run.summary.tiers[tier.id] ?? 0 })) };
}
