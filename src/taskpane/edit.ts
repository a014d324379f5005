/**
 * Editing a rule set in the panel: weights, numeric bands and tier cut-offs. Every edit gives
 * a new draft, validated with the rule-set schema; the last valid draft is what the preview
 * shows and what Apply scores with.
 */
import type { EvaluationMapping } from '../engine/mapping';
import { isLabelBand, parseRuleSet, type RuleSet, type RuleSetProblem } from '../engine/rules';
import { fill, pick } from '../i18n/scoring';
import type { Language, Strings } from '../i18n/strings';

export interface RulesEdit {
  /** The rules the edits started from (the preset's or the stored ones). */
  base: RuleSet;
  /** The rules as edited, valid or not. */
  draft: RuleSet;
  /** The last valid draft (`base` until an edit is valid). */
  valid: RuleSet;
  /** Why the draft is invalid, if it is. */
  problem?: RuleSetProblem;
}

/** What a tuning section that edits the rules (weights, bands and cut-offs) gets. */
export interface RulesEditProps {
  edit: RulesEdit;
  /** The evaluation table's mapping: only mapped indicators are shown. */
  mapping?: EvaluationMapping;
  onDraft(draft: RuleSet): void;
  onReset(): void;
  disabled?: boolean;
}

/** The indicators a tuning section shows, with their index in the rules: the mapped ones (all of them without a mapping). */
export function shownIndicators(draft: RuleSet, mapping: EvaluationMapping | undefined) {
  return draft.indicators.map((ind, index) => ({ ind, index })).filter(({ ind }) => !mapping || mapping.indicators[ind.id] !== undefined);
}

export function startEdit(base: RuleSet): RulesEdit {
  return { base, draft: base, valid: base };
}

/** Validates the next draft: valid drafts become the rules to preview and apply. */
export function withDraft(edit: RulesEdit, draft: RuleSet): RulesEdit {
  const parsed = parseRuleSet(draft);
  if (parsed.ok) return { base: edit.base, draft, valid: parsed.rules };
  return { base: edit.base, draft, valid: edit.valid, problem: parsed.problem };
}

/** Sets an indicator's weight magnitude; a risk indicator (negative weight in the base rules) keeps its sign. */
export function setWeight(rules: RuleSet, base: RuleSet, index: number, magnitude: number): RuleSet {
  const sign = (base.indicators[index]?.weight ?? 1) < 0 ? -1 : 1;
  return { ...rules, indicators: rules.indicators.map((ind, i) => (i === index ? { ...ind, weight: sign * magnitude } : ind)) };
}

export function setBand(rules: RuleSet, indicator: number, band: number, field: 'value' | 'points', value: number): RuleSet {
  return {
    ...rules,
    indicators: rules.indicators.map((ind, i) =>
      i !== indicator
        ? ind
        : {
            ...ind,
            // A label band (高/中/低) has points but no threshold.
            bands: ind.bands.map((b, j) => (j !== band || (isLabelBand(b) && field === 'value') ? b : { ...b, [field]: value })),
          },
    ),
  };
}

export function setCutOff(rules: RuleSet, tier: number, min: number): RuleSet {
  return { ...rules, tiers: rules.tiers.map((t, i) => (i === tier ? { ...t, min } : t)) };
}

/** Σ of the positive weights: the scores are normalised by it. */
export function positiveTotal(rules: RuleSet): number {
  return rules.indicators.reduce((sum, i) => (i.weight > 0 ? sum + i.weight : sum), 0);
}

/** How a threshold is shown and typed: rates in %, everything else as is. */
export function thresholdFactor(type: string): number {
  return type === 'rate' ? 100 : 1;
}

/** A number as typed in a field, or NaN for empty or unreadable text (which the schema rejects). */
export function readNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function showNumber(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toPrecision(12))) : '';
}

/** The first problem of an invalid draft, as a sentence naming the tier or indicator. */
export function describeRulesProblem(problem: RuleSetProblem, rules: RuleSet, s: Strings, language: Language): string {
  let where = problem.path;
  const tier = /^tiers\[(\d+)\]/.exec(problem.path);
  const indicator = /^indicators\[(\d+)\]/.exec(problem.path);
  if (tier) {
    const t = rules.tiers[Number(tier[1])];
    if (t) where = fill(s.whereCutOff, { tier: pick(t.label, language) });
  } else if (indicator) {
    const ind = rules.indicators[Number(indicator[1])];
    if (ind) where = fill(s.whereIndicator, { indicator: pick(ind.label, language) });
  }
  return fill(s.rulesInvalid, { where, message: language === 'zh-CN' ? problem.message.zh : problem.message.en });
}

/** The tuning section where a problem of the edited rules is: a weight, or a band or cut-off. */
export function problemSection(problem: RuleSetProblem): 'weights' | 'bands' {
  return /^indicators(?:\[\d+\]\.weight)?$/.test(problem.path) ? 'weights' : 'bands';
}
