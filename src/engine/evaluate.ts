/**
 * Evaluating one prepared customer under a rule set: the weighted score, the tier (cut-offs,
 * gates, the complaint cap, an override), and the flags of docs/scoring-rules.md section 7. What does not
 * change from one customer to the next is worked out once per rule set (`planFor`); the
 * customer's indicator values are read from the plan's scored columns by index, so that one
 * customer costs no object per cell.
 */
import { CHURN_FOLLOW_UP_DAYS, CHURN_TRANSACTION_DAYS, FREQUENT_COMPLAINTS, type Flag, type FlagId, FLAG_IDS } from './flags';
import { parsedCells, type PreparedCustomer, type PreparedRun, type Warning } from './prepare';
import { isLabelBand, type IndicatorRule, type RuleSet, type TierRule } from './rules';
import { weightedScore, type IndicatorColumn } from './score';
import { compact } from './text';
import { decideTier, type TierDecision } from './tiers';

/** What scoring under one rule set needs, worked out once for all customers. */
export interface ScoringPlan {
  rules: RuleSet;
  /** The rules the tier decision uses: `rules` with the gates on indicators scored without waived. */
  gateRules: RuleSet;
  /** The rules' indicators that have a column, in the rules' order; `columns[k]` is `indicators[k]` scored. */
  indicators: IndicatorRule[];
  columns: IndicatorColumn[];
  weights: number[];
  renormalise: boolean;
  satisfaction: { k: number; indicator: IndicatorRule; threshold: number | undefined }[];
  complaintsFlagAt: number;
  /** What a gate reads: customer i's number for an indicator id, or null (missing, a label, or no column). */
  gateValue(indicator: string, i: number): number | null;
  /** The tier a text names (an override, the tier written by an earlier run), remembered per text. */
  tierNamed(text: string): TierRule | undefined;
}

function tierByText(rules: RuleSet, text: string): TierRule | undefined {
  const t = compact(text);
  if (!t) return undefined;
  return rules.tiers.find((tier) => [tier.id, tier.label.zh, tier.label.en].some((s) => compact(s) === t));
}

function lowestThreshold(indicator: IndicatorRule): number | undefined {
  const mins = indicator.bands.flatMap((b) => (!isLabelBand(b) && (b.op === '>=' || b.op === '>') ? [b.value] : []));
  return mins.length ? Math.min(...mins) : undefined;
}

/** The plan for scoring the prepared customers under `rules`, its columns from the prepared run's preview cache. */
export function planFor(prepared: PreparedRun, rules: RuleSet): ScoringPlan {
  const indicators = rules.indicators.filter((i) => prepared.evaluation.indicators[i.id]);
  const columns = indicators.map((i) => prepared.cache.column(i, (parsing) => parsedCells(prepared, i, parsing)));
  const slot = new Map(indicators.map((i, k) => [i.id, k]));
  const named = new Map<string, TierRule | undefined>();
  const without = new Set(prepared.evaluation.without);
  const gateRules =
    without.size === 0 || !rules.tiers.some((t) => t.gates.some((g) => without.has(g.indicator)))
      ? rules
      : { ...rules, tiers: rules.tiers.map((t) => ({ ...t, gates: t.gates.filter((g) => !without.has(g.indicator)) })) };
  return {
    rules,
    gateRules,
    indicators,
    columns,
    weights: indicators.map((i) => i.weight),
    renormalise: rules.missing === 'renormalise',
    satisfaction: indicators.flatMap((indicator, k) => (indicator.role === 'satisfaction' ? [{ k, indicator, threshold: lowestThreshold(indicator) }] : [])),
    // 投诉频繁 is raised at three complaints whatever cap the rule set puts on the tier (docs/scoring-rules.md section 7).
    complaintsFlagAt: FREQUENT_COMPLAINTS,
    gateValue: (id, i) => {
      const k = slot.get(id);
      const v = k === undefined ? null : columns[k]!.values[i];
      return typeof v === 'number' ? v : null;
    },
    tierNamed: (text) => {
      if (named.has(text)) return named.get(text);
      const tier = tierByText(rules, text);
      if (named.size < 1000) named.set(text, tier);
      return tier;
    },
  };
}

/** The tier decision for customer i under the plan's gate rules, its tiers given back as the rules' own objects. */
function tierDecision(plan: ScoringPlan, score: number, i: number, complaints: number | null): TierDecision {
  const decision = decideTier(plan.gateRules, score, plan.gateValue, complaints, i);
  if (plan.gateRules === plan.rules) return decision;
  const own = (tier: TierRule) => plan.rules.tiers[plan.gateRules.tiers.indexOf(tier)]!;
  return {
    ...decision,
    gated: own(decision.gated),
    tier: own(decision.tier),
    ...(decision.blocked ? { blocked: { ...decision.blocked, tier: own(decision.blocked.tier) } } : {}),
  };
}

/** What a customer's evaluation under a plan gives. */
export interface Evaluated {
  score: number;
  tier: TierRule;
  computed: TierRule;
  overridden: boolean;
  previousTier: TierRule | undefined;
  /** The flags raised, in full; null when only which were raised was asked for. */
  flags: Flag[] | null;
  /** Bit b is set when a flag FLAG_IDS[b] was raised. */
  raised: number;
}

const FLAG_BIT = Object.fromEntries(FLAG_IDS.map((id, b) => [id, 1 << b])) as Record<FlagId, number>;

/** An evaluation to fill in, customer after customer (one object for a whole run). */
export function blankEvaluation(): Evaluated {
  return {
    score: 0,
    tier: undefined as unknown as TierRule,
    computed: undefined as unknown as TierRule,
    overridden: false,
    previousTier: undefined,
    flags: null,
    raised: 0,
  };
}

/**
 * Scores prepared customer i from the plan's columns and decides tier and flags, into `out`.
 * With `detailed`, the flags are built in full (`out.flags`); without (the live preview, which
 * counts them), only which were raised (`out.raised`), without building an object per flag.
 * An override naming no tier of the rules is warned of in `warnings`, when given.
 */
export function evaluateCustomer(
  c: PreparedCustomer,
  i: number,
  plan: ScoringPlan,
  asOf: number,
  warnings: Warning[] | null,
  out: Evaluated,
  detailed: boolean,
): void {
  const { rules, indicators, columns } = plan;
  const score = weightedScore(columns, plan.weights, plan.renormalise, i);
  const decision = tierDecision(plan, score, i, c.complaints);
  const flags: Flag[] | null = detailed ? [] : null;
  let raised = 0;
  for (let k = 0; k < indicators.length; k++) {
    const p = columns[k]!.parsed[i]!;
    if (p.kind !== 'missing') continue;
    raised |= FLAG_BIT['missing-data'];
    flags?.push({ id: 'missing-data', indicator: indicators[k]!.id, address: p.address, text: p.text, reason: p.reason });
  }
  for (const { k, indicator, threshold } of plan.satisfaction) {
    const value = columns[k]!.values[i];
    if (typeof value === 'number' && threshold !== undefined && value < threshold) {
      raised |= FLAG_BIT['low-satisfaction'];
      flags?.push({ id: 'low-satisfaction', indicator: indicator.id, value, threshold });
    }
  }
  if (decision.blocked) {
    raised |= FLAG_BIT['tier-gate'];
    flags?.push({ id: 'tier-gate', tier: decision.blocked.tier.id, failures: decision.blocked.failures });
  }
  if (c.complaints !== null && c.complaints >= plan.complaintsFlagAt) {
    raised |= FLAG_BIT['frequent-complaints'];
    flags?.push({ id: 'frequent-complaints', count: c.complaints });
  }
  let tier = decision.tier;
  let overridden = false;
  if (c.override) {
    const chosen = plan.tierNamed(c.override.text);
    if (chosen) {
      tier = chosen;
      overridden = chosen !== decision.tier;
    } else warnings?.push({ code: 'unknown-override', address: c.override.address, text: c.override.text });
  }
  raised |= relationshipFlags(c, asOf, tier, flags);
  const previousTier = c.previousTierText ? plan.tierNamed(c.previousTierText) : undefined;
  if (previousTier && previousTier !== tier) {
    const up = rules.tiers.indexOf(tier) < rules.tiers.indexOf(previousTier);
    raised |= FLAG_BIT[up ? 'tier-up' : 'tier-down'];
    flags?.push({ id: up ? 'tier-up' : 'tier-down', previous: previousTier.id });
  }
  out.score = score;
  out.tier = tier;
  out.computed = decision.tier;
  out.overridden = overridden;
  out.previousTier = previousTier;
  out.flags = flags;
  out.raised = raised;
}

/**
 * churn-risk, followup-overdue and cadence-overdue: added to `flags` (when built), and which
 * were raised. One churn-risk per customer: the transaction reason first, then the
 * follow-up reasons, then the RFM segment 流失风险客户 (docs/scoring-rules.md section 7).
 */
function relationshipFlags(c: PreparedCustomer, asOf: number, tier: TierRule, flags: Flag[] | null): number {
  const followUp = c.followUp;
  const days = followUp?.lastDate === undefined ? null : asOf - followUp.lastDate;
  let raised = 0;
  if (c.lastTransaction !== undefined && asOf - c.lastTransaction >= CHURN_TRANSACTION_DAYS) {
    raised |= FLAG_BIT['churn-risk'];
    flags?.push({ id: 'churn-risk', reason: 'no-transaction', days: asOf - c.lastTransaction });
  } else if (followUp && days === null) {
    raised |= FLAG_BIT['churn-risk'];
    flags?.push({ id: 'churn-risk', reason: 'never-followed-up' });
  } else if (followUp && days !== null && days >= CHURN_FOLLOW_UP_DAYS) {
    raised |= FLAG_BIT['churn-risk'];
    flags?.push({ id: 'churn-risk', reason: 'no-follow-up', days });
  } else if (c.rfmAtRisk) {
    raised |= FLAG_BIT['churn-risk'];
    flags?.push({ id: 'churn-risk', reason: 'rfm-at-risk' });
  }
  if (!followUp) return raised;
  if (followUp.overdue > 0) {
    raised |= FLAG_BIT['followup-overdue'];
    flags?.push({ id: 'followup-overdue', count: followUp.overdue, earliestDue: followUp.earliestOverdue! });
  }
  if (tier.cadenceDays !== undefined && (days === null || days > tier.cadenceDays)) {
    raised |= FLAG_BIT['cadence-overdue'];
    flags?.push({ id: 'cadence-overdue', days, cadenceDays: tier.cadenceDays });
  }
  return raised;
}
