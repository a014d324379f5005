/**
 * The results of scoring prepared rows under a rule set: every customer's score, tier, flags
 * and breakdown with the counts (`scorePrepared`, what Apply writes and the report shows), or
 * only scores, tiers and counts (`previewPrepared`, the live preview, at every edit).
 */
import { blankEvaluation, evaluateCustomer, planFor } from './evaluate';
import { type Flag, type FlagId, FLAG_IDS } from './flags';
import type { FollowUpSummary } from './followup';
import type { EvaluationMapping, FollowUpMapping } from './mapping';
import type { PreparedRun, Warning } from './prepare';
import type { RuleSet, TierRule } from './rules';
import { breakdownAt, type IndicatorResult } from './score';
import { cellText, type TableCandidate } from './tables';

export interface CustomerResult {
  key: string;
  /** 0-based sheet row of the customer in the evaluation table. */
  row: number;
  score: number;
  tier: TierRule;
  /** The tier the rules give; differs from `tier` when the override column set another. */
  computedTier: TierRule;
  overridden: boolean;
  /** The tier the managed tier column held before this run, if any. */
  previousTier?: TierRule;
  flags: Flag[];
  indicators: IndicatorResult[];
  followUp?: FollowUpSummary;
}

export interface ScoringRun {
  rules: RuleSet;
  asOf: number;
  evaluation: EvaluationMapping;
  followUp?: FollowUpMapping;
  service?: TableCandidate;
  customers: CustomerResult[];
  warnings: Warning[];
  summary: RunSummary;
}

export interface RunSummary {
  tiers: Record<string, number>;
  flags: Record<FlagId, number>;
  /** Indicators scored without (the team does not track them): their weight was set aside. */
  without: string[];
}

/**
 * Scores prepared rows under a rule set: the same one they were prepared with, or an edited
 * copy (other weights, bands, cut-offs, gates). Indicators the table has no column for are
 * left out.
 */
export function scorePrepared(prepared: PreparedRun, rules: RuleSet): ScoringRun {
  const plan = planFor(prepared, rules);
  const warnings = [...prepared.warnings];
  const e = blankEvaluation();
  const cellColumns = plan.indicators.map((ind) => prepared.columns[ind.id]!);
  const customers = prepared.customers.map((c, i): CustomerResult => {
    evaluateCustomer(c, i, plan, prepared.asOf, warnings, e, true);
    const raws = cellColumns.map((column) => cellText(column.raws[i]));
    return {
      key: c.key,
      row: c.row,
      score: e.score,
      tier: e.tier,
      computedTier: e.computed,
      overridden: e.overridden,
      ...(e.previousTier ? { previousTier: e.previousTier } : {}),
      flags: e.flags!,
      indicators: breakdownAt(plan.indicators, plan.columns, plan.renormalise, raws, i),
      ...(c.followUp ? { followUp: c.followUp } : {}),
    };
  });
  return {
    rules,
    asOf: prepared.asOf,
    evaluation: prepared.evaluation,
    followUp: prepared.followUp,
    service: prepared.service,
    customers,
    warnings,
    summary: summarise(rules, customers, prepared.evaluation.without),
  };
}

/** The live preview: each customer's score and tier and the counts, without the per-indicator breakdown. */
export interface Preview {
  scores: Float64Array;
  /** Index into `rules.tiers` of each customer's tier. */
  tiers: Int8Array;
  summary: ScoringRun['summary'];
}

export function previewPrepared(prepared: PreparedRun, rules: RuleSet): Preview {
  const plan = planFor(prepared, rules);
  const customers = prepared.customers;
  const n = customers.length;
  const scores = new Float64Array(n);
  const tiers = new Int8Array(n);
  const perTier = new Int32Array(rules.tiers.length);
  const perFlag = new Int32Array(FLAG_IDS.length);
  const tierIndex = new Map<TierRule, number>();
  rules.tiers.forEach((t, k) => {
    if (!tierIndex.has(t)) tierIndex.set(t, k);
  });
  const tierCounts: Record<string, number> = Object.fromEntries(rules.tiers.map((t) => [t.id, 0]));
  const e = blankEvaluation();
  for (let i = 0; i < n; i++) {
    evaluateCustomer(customers[i]!, i, plan, prepared.asOf, null, e, false);
    scores[i] = e.score;
    const t = tierIndex.get(e.tier) ?? -1;
    tiers[i] = t;
    if (t >= 0) perTier[t]!++;
    else tierCounts[e.tier.id] = (tierCounts[e.tier.id] ?? 0) + 1;
    for (let raised = e.raised, b = 0; raised !== 0; raised >>>= 1, b++) if (raised & 1) perFlag[b]!++;
  }
  rules.tiers.forEach((t, k) => {
    tierCounts[t.id]! += perTier[k]!;
  });
  const flagCounts = Object.fromEntries(FLAG_IDS.map((id, b) => [id, perFlag[b]!])) as Record<FlagId, number>;
  return { scores, tiers, summary: { tiers: tierCounts, flags: flagCounts, without: [...prepared.evaluation.without] } };
}

/** How many customers are in each tier and carry each flag (a customer counts once per flag). */
function summarise(rules: RuleSet, customers: readonly CustomerResult[], without: readonly string[]): RunSummary {
  const tiers: Record<string, number> = Object.fromEntries(rules.tiers.map((t) => [t.id, 0]));
  const flags = Object.fromEntries(FLAG_IDS.map((id) => [id, 0])) as Record<FlagId, number>;
  for (const c of customers) {
    tiers[c.tier.id] = (tiers[c.tier.id] ?? 0) + 1;
    for (const id of new Set(c.flags.map((f) => f.id))) flags[id]++;
  }
  return { tiers, flags, without: [...without] };
}
