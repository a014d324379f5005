/** Tier decision (docs/scoring-rules.md section 5): cut-offs on the rounded score, admission gates, the complaint cap. */
import type { GateRule, RuleSet, TierRule } from './rules';
import { compareValue } from './score';

export interface GateFailure {
  gate: GateRule;
  /** The raw value the gate saw; null when it was missing. */
  actual: number | null;
}

export interface TierDecision {
  /** The tier the score and gates give (before the complaint cap). */
  gated: TierRule;
  /** The tier after the complaint cap. */
  tier: TierRule;
  /** The highest tier whose cut-off the score reached but whose gates held the customer back. */
  blocked?: { tier: TierRule; failures: GateFailure[] };
  capped: boolean;
}

function reached(tier: TierRule, score: number): boolean {
  return tier.min === undefined || score >= tier.min;
}

/**
 * What the gates read: customer `customer`'s raw value of an indicator, by id (null when
 * missing or not a number). The customer is passed on each call, so that one reader serves
 * every customer of a run and holds no state of its own.
 */
export type GateValues = (indicator: string, customer: number) => number | null;

/**
 * @param valueOf the gates' values (customer `customer`'s are read)
 * @param complaints the customer's complaint count, if known
 * @param customer the customer `valueOf` is asked about (its index in a run; 0 for one alone)
 */
export function decideTier(rules: RuleSet, score: number, valueOf: GateValues, complaints: number | null, customer = 0): TierDecision {
  const tiers = rules.tiers;
  let blocked: TierDecision['blocked'];
  let index = tiers.length - 1;
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i]!;
    if (!reached(tier, score)) continue;
    let failures: GateFailure[] | undefined;
    for (const gate of tier.gates) {
      const actual = valueOf(gate.indicator, customer);
      if (actual === null || !compareValue(actual, gate.op, gate.value)) (failures ??= []).push({ gate, actual });
    }
    if (!failures) {
      index = i;
      break;
    }
    blocked ??= { tier, failures };
  }
  // The score's own tier (ignoring gates) is what the complaint cap counts down from.
  let scoreIndex = -1;
  for (let i = 0; i < tiers.length && scoreIndex < 0; i++) if (reached(tiers[i]!, score)) scoreIndex = i;
  const capped = rules.complaintCap !== undefined && complaints !== null && complaints >= rules.complaintCap;
  const finalIndex = capped ? Math.max(index, Math.min(scoreIndex + 1, tiers.length - 1)) : index;
  return { gated: tiers[index]!, tier: tiers[finalIndex]!, blocked, capped };
}
