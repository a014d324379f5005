/**
 * The rule-set schema: one zod schema that validates imported rule sets and gives the
 * TypeScript types. A rule set is what docs/scoring-rules.md sections 4-7 call a preset: indicators
 * with bands and weights, tiers with cut-offs and gates, and the policies around them.
 */
import { z } from 'zod';
import { ScoringError } from './errors';
import { jsonFaultParams } from './json-place';
import { COUNT_PERIODS } from './parse-count';

export const RULE_SET_SCHEMA_VERSION = 1;

const Text = z.string().trim().min(1);
export const Bilingual = z.object({ zh: Text, en: Text });

const Comparison = z.enum(['>=', '>', '<=', '<', '=']);

/** A numeric band: `value op threshold → points`, e.g. `>= 0.95 → 30`. */
const NumericBand = z.object({ op: Comparison, value: z.number().finite(), points: z.number().finite() });
/** A category band: `label → points`; synonyms are other spellings of the label. */
const LabelBand = z.object({ label: Text, synonyms: z.array(Text).optional(), points: z.number().finite() });
export const Band = z.union([NumericBand, LabelBand]);

export const ValueTypeSchema = z.enum(['money', 'count', 'rate', 'duration', 'score', 'date', 'category']);

export const Indicator = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, 'an id of letters, digits, - or _'),
    label: Bilingual,
    /** Header texts that name the source column, in both languages (matched loosely). */
    columns: z.array(Text).min(1),
    type: ValueTypeSchema,
    /** For type `date`: score the number of days since the date, up to the as-of date. */
    measure: z.enum(['value', 'days-since']).default('value'),
    /** For type `score`: the scale the values are given on; a score outside it is missing, one out of another maximum (`9/10`) is rescaled. */
    scale: z
      .object({ min: z.number().finite(), max: z.number().finite() })
      .refine((s) => s.max > s.min && s.max > 0, { message: 'max must be above min and above 0', params: { zh: '最大值必须大于最小值且大于 0' } })
      .optional(),
    /** For type `count`: the period counted per (a year when absent); `2次/月` in a cell is converted to it. */
    period: z.enum(COUNT_PERIODS).optional(),
    /** First matching band wins; a value that matches none gets `else`. */
    bands: z.array(Band).min(1),
    else: z.number().finite().default(0),
    /** The indicator's maximum points; defaults to the highest band's points. */
    maxPoints: z.number().positive().optional(),
    /** Weight in per cent. A negative weight marks a risk indicator, which subtracts. */
    weight: z.number().finite(),
    dimension: z.string().optional(),
    /** A required indicator must be mapped to a column before scoring. */
    required: z.boolean().default(true),
    /** What else the indicator means to the flags (docs/scoring-rules.md section 7). */
    role: z.enum(['satisfaction', 'complaints', 'last-transaction']).optional(),
  })
  .refine((i) => i.weight !== 0, { message: 'weight must not be 0', path: ['weight'], params: { zh: '权重不能为 0' } });

export const Gate = z.object({ indicator: Text, op: Comparison, value: z.number().finite() });

export const Tier = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  label: Bilingual,
  /** Cut-off on the rounded score; the last tier has none (it takes the rest). */
  min: z.number().min(0).max(100).optional(),
  gates: z.array(Gate).default([]),
  /** Background colour of the tier cell, RRGGBB. */
  color: z.string().regex(/^[0-9A-Fa-f]{6}$/),
  /** Contact cadence in days (maintenance); none means no cadence. */
  cadenceDays: z.number().int().positive().optional(),
});

export const Dimension = z.object({ id: Text, label: Bilingual, weight: z.number().optional() });

export const RuleSetSchema = z
  .object({
    schemaVersion: z.literal(RULE_SET_SCHEMA_VERSION),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    label: Bilingual,
    indicators: z.array(Indicator).min(1),
    dimensions: z.array(Dimension).default([]),
    tiers: z.array(Tier).min(2),
    /** `zero`: a missing value scores 0 points (flagged); `renormalise`: leave it out. */
    missing: z.enum(['zero', 'renormalise']).default('zero'),
    /** This many complaints or more cap the tier one level below what the score gives. */
    complaintCap: z.number().int().positive().optional(),
  })
  .superRefine((rules, ctx) => {
    const ids = new Set<string>();
    rules.indicators.forEach((ind, i) => {
      if (ids.has(ind.id))
        ctx.addIssue({ code: 'custom', path: ['indicators', i, 'id'], message: `duplicate id "${ind.id}"`, params: { zh: `编号「${ind.id}」重复` } });
      ids.add(ind.id);
    });
    if (!rules.indicators.some((i) => i.weight > 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['indicators'],
        message: 'at least one indicator needs a positive weight',
        params: { zh: '至少需要一个正权重的指标' },
      });
    }
    rules.tiers.forEach((tier, i) => {
      const last = i === rules.tiers.length - 1;
      if (!last && tier.min === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'min'],
          message: 'every tier but the last needs a cut-off',
          params: { zh: '除最后一个等级外，每个等级都需要分数线' },
        });
      if (last && tier.min !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'min'],
          message: 'the last tier takes the rest and has no cut-off',
          params: { zh: '最后一个等级承接其余客户，不能设分数线' },
        });
      const prev = rules.tiers[i - 1]?.min;
      if (prev !== undefined && tier.min !== undefined && tier.min >= prev) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'min'], message: 'cut-offs must descend', params: { zh: '分数线必须从高到低排列' } });
      }
      tier.gates.forEach((gate, g) => {
        if (!ids.has(gate.indicator))
          ctx.addIssue({
            code: 'custom',
            path: ['tiers', i, 'gates', g, 'indicator'],
            message: `no indicator "${gate.indicator}"`,
            params: { zh: `没有编号为「${gate.indicator}」的指标` },
          });
      });
    });
  });

export type RuleSet = z.output<typeof RuleSetSchema>;
export type RuleSetInput = z.input<typeof RuleSetSchema>;
export type IndicatorRule = RuleSet['indicators'][number];
export type TierRule = RuleSet['tiers'][number];
export type GateRule = TierRule['gates'][number];
export type BandRule = IndicatorRule['bands'][number];
export type NumericBandRule = Extract<BandRule, { op: string }>;
export type LabelBandRule = Extract<BandRule, { label: string }>;

export function isLabelBand(band: BandRule): band is LabelBandRule {
  return 'label' in band;
}

/** The indicator's maximum points: given, or the highest points any band or `else` gives. */
export function maxPointsOf(indicator: IndicatorRule): number {
  if (indicator.maxPoints !== undefined) return indicator.maxPoints;
  let max = indicator.else;
  for (const band of indicator.bands) if (band.points > max) max = band.points;
  return max;
}

/** Where a rule set failed validation: the first issue, with a dotted path such as `indicators[2].weight`. */
export interface RuleSetProblem {
  path: string;
  /** What is wrong with the field, in both languages. */
  message: { zh: string; en: string };
}

export type RuleSetParse = { ok: true; rules: RuleSet } | { ok: false; problem: RuleSetProblem };

export function parseRuleSet(input: unknown): RuleSetParse {
  return parseWith(RuleSetSchema, input);
}

/** Input parsed by a rules schema, or the first problem with its path and message in both languages. */
function parseWith<S extends z.ZodType>(schema: S, input: unknown): { ok: true; rules: z.output<S> } | { ok: false; problem: RuleSetProblem } {
  if (typeof input === 'object' && input !== null && 'schemaVersion' in input) {
    const version = (input as { schemaVersion: unknown }).schemaVersion;
    if (typeof version === 'number' && version > RULE_SET_SCHEMA_VERSION) {
      return {
        ok: false,
        problem: {
          path: 'schemaVersion',
          message: { zh: `来自更新的版本 ${version}，请升级加载项`, en: `is from a newer version (${version}); update the add-in` },
        },
      };
    }
  }
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, rules: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, problem: { path: formatPath(issue.path), message: describeIssue(issue) } };
}

// ---------------------------------------------------------------------------------------------
// The rules of the other analyses (docs/scoring-rules.md section 6 `rfm` and `service`): not weighted
// indicators with bands, so not a RuleSet, but validated the same way and stored beside it.

/** The RFM segments, in the order they are tried (first match wins): docs/scoring-rules.md section 6 `rfm`. */
export const SEGMENT_IDS = ['at-risk', 'high-value', 'potential', 'low-value'] as const;
export type SegmentId = (typeof SEGMENT_IDS)[number];

/** The three letters of RFM, as the rules and results name them. */
export const RFM_LETTERS = ['recency', 'frequency', 'monetary'] as const;
export type RfmLetter = (typeof RFM_LETTERS)[number];

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), {
    message: 'not a real day',
    params: { zh: '不是有效的日期' },
  });

const LetterWeight = z.number().finite().min(0);

/** Whether RFM's weights can score: each a finite number ≥ 0, at least one above 0 (the rules' schema; the pane blocks Apply otherwise). */
export function rfmWeightsScore(weights: { recency: number; frequency: number; monetary: number }): boolean {
  const all = [weights.recency, weights.frequency, weights.monetary];
  return all.every((w) => Number.isFinite(w) && w >= 0) && all.some((w) => w > 0);
}

export const RfmRulesSchema = z
  .object({
    schemaVersion: z.literal(RULE_SET_SCHEMA_VERSION),
    kind: z.literal('rfm'),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    label: Bilingual,
    /** What the rules are for, with the weight examples (an online shop raises F, a manufacturer M). */
    description: Bilingual.optional(),
    /** Each letter's weight; relative (they need not add up to 100). */
    weights: z.object({ recency: LetterWeight, frequency: LetterWeight, monetary: LetterWeight }),
    /**
     * The period a transactions table's purchases are counted in: `from`..`to` (inclusive) when
     * given, else the `months` up to the as-of date (or up to `to`).
     */
    period: z.object({ months: z.number().int().min(1).max(120).default(12), from: IsoDate.optional(), to: IsoDate.optional() }).default({ months: 12 }),
    /** The four segments in docs/scoring-rules.md's order, with their labels and cell colours. */
    segments: z.array(z.object({ id: z.enum(SEGMENT_IDS), label: Bilingual, color: z.string().regex(/^[0-9A-Fa-f]{6}$/) })).length(SEGMENT_IDS.length),
  })
  .superRefine((rules, ctx) => {
    if (!rfmWeightsScore(rules.weights)) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: 'at least one letter needs a weight above 0', params: { zh: '至少一个字母的权重要大于 0' } });
    }
    rules.segments.forEach((segment, i) => {
      if (segment.id !== SEGMENT_IDS[i]) {
        ctx.addIssue({
          code: 'custom',
          path: ['segments', i, 'id'],
          message: `must be "${SEGMENT_IDS[i]}" (the segments are tried in the order ${SEGMENT_IDS.join(', ')})`,
          params: { zh: `应为「${SEGMENT_IDS[i]}」（分群按 ${SEGMENT_IDS.join('、')} 的顺序判断）` },
        });
      }
    });
    const { from, to } = rules.period;
    if (from && to && from > to)
      ctx.addIssue({
        code: 'custom',
        path: ['period', 'from'],
        message: 'the period must start before it ends',
        params: { zh: '期间的开始日期不能晚于结束日期' },
      });
  });

export type RfmRules = z.output<typeof RfmRulesSchema>;
export type RfmRulesInput = z.input<typeof RfmRulesSchema>;
export type SegmentRule = RfmRules['segments'][number];

export const ServiceRulesSchema = z
  .object({
    schemaVersion: z.literal(RULE_SET_SCHEMA_VERSION),
    kind: z.literal('service'),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    label: Bilingual,
    description: Bilingual.optional(),
    /** The survey's dimensions: the header spellings of each; the scale is told from the table. */
    dimensions: z.array(z.object({ id: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/), label: Bilingual, columns: z.array(Text).min(1) })).min(1),
    /** 推荐意愿 0-10, for the NPS. */
    recommend: z.object({ label: Bilingual, columns: z.array(Text).min(1) }),
    /** The survey period's column (评价周期): a customer has a row per period. */
    period: z.object({ columns: z.array(Text).min(1) }),
    /** Below this many 推荐意愿 answers the NPS is said to be thin. */
    minAnswers: z.number().int().positive().default(30),
  })
  .superRefine((rules, ctx) => {
    const ids = new Set<string>();
    rules.dimensions.forEach((d, i) => {
      if (ids.has(d.id))
        ctx.addIssue({ code: 'custom', path: ['dimensions', i, 'id'], message: `duplicate id "${d.id}"`, params: { zh: `编号「${d.id}」重复` } });
      ids.add(d.id);
    });
  });

export type ServiceRules = z.output<typeof ServiceRulesSchema>;
export type ServiceRulesInput = z.input<typeof ServiceRulesSchema>;
export type ServiceDimensionRule = ServiceRules['dimensions'][number];

export function parseRfmRules(input: unknown): { ok: true; rules: RfmRules } | { ok: false; problem: RuleSetProblem } {
  return parseWith(RfmRulesSchema, input);
}

export function parseServiceRules(input: unknown): { ok: true; rules: ServiceRules } | { ok: false; problem: RuleSetProblem } {
  return parseWith(ServiceRulesSchema, input);
}

type Issue = z.core.$ZodIssue;

/**
 * A rules file's text as a rule set, or the problem its user can fix: not JSON ('bad-json',
 * with where it fails), from a newer version ('rules-newer'), or a field that is not valid
 * ('bad-rules'). The score command's --rules and the panel's import both read files this way.
 */
export function rulesFromText(text: string, file: string): RuleSet {
  const json = jsonOfRules(text, file);
  return accepted(parseRuleSet(json), file);
}

/** A rules file of any kind: a weighted rule set, or an analysis's rules (`"kind": "service"` or `"rfm"`, as the presets are written). */
export type AnyRules = { kind: 'weighted'; rules: RuleSet } | { kind: 'service'; rules: ServiceRules } | { kind: 'rfm'; rules: RfmRules };

/** As `rulesFromText`, for a file that may hold the service survey's or RFM's rules (copied from their presets and edited). */
export function anyRulesFromText(text: string, file: string): AnyRules {
  const json = jsonOfRules(text, file);
  const kind = typeof json === 'object' && json !== null ? (json as { kind?: unknown }).kind : undefined;
  if (kind === 'service') return { kind, rules: accepted(parseServiceRules(json), file) };
  if (kind === 'rfm') return { kind, rules: accepted(parseRfmRules(json), file) };
  return { kind: 'weighted', rules: accepted(parseRuleSet(json), file) };
}

function jsonOfRules(text: string, file: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ScoringError('bad-json', { file, ...jsonFaultParams(text) });
  }
  const version = typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (typeof version === 'number' && version > RULE_SET_SCHEMA_VERSION) throw new ScoringError('rules-newer', { file, version });
  return json;
}

function accepted<R>(parsed: { ok: true; rules: R } | { ok: false; problem: RuleSetProblem }, file: string): R {
  if (parsed.ok) return parsed.rules;
  const { path, message } = parsed.problem;
  throw new ScoringError('bad-rules', { file, path, messageZh: message.zh, messageEn: message.en });
}

/** The JSON types a field can expect, as people name them (zod's `expected` is an English type name). */
const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  number: { zh: '数值', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  string: { zh: '文本', en: 'text' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  array: { zh: '列表 […]', en: 'a list […]' },
  object: { zh: '对象 {…}', en: 'an object {…}' },
};

/**
 * What is wrong with the field, in both languages, built from the issue's code: zod's own
 * message is English and, for the checks written here, the `params.zh` beside it.
 */
function describeIssue(issue: Issue): RuleSetProblem['message'] {
  if ('input' in issue && issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return { zh: '缺失（必填）', en: 'is missing (required)' };
  }
  switch (issue.code) {
    case 'invalid_type': {
      const type = TYPE_NAMES[issue.expected];
      return type ? { zh: `类型不对，应为${type.zh}`, en: `has the wrong type: it should be ${type.en}` } : { zh: '类型不对', en: 'has the wrong type' };
    }
    case 'too_small':
      return { zh: `太小或太短（最小 ${String(issue.minimum)}）`, en: `is too small or too short (minimum ${String(issue.minimum)})` };
    case 'too_big':
      return { zh: `太大或太长（最大 ${String(issue.maximum)}）`, en: `is too large or too long (maximum ${String(issue.maximum)})` };
    case 'invalid_format':
      return { zh: '格式不对', en: 'is not in the right format' };
    case 'invalid_value': {
      const values = issue.values.map(String).join(' / ');
      return { zh: `取值不在允许范围内（${values}）`, en: `must be one of ${values}` };
    }
    case 'invalid_union':
      return { zh: '既不是数值分档也不是类别分档', en: 'is neither a numeric band nor a label band' };
    case 'unrecognized_keys':
      return { zh: `包含未知字段 ${issue.keys.join('、')}`, en: `has unknown fields: ${issue.keys.join(', ')}` };
    case 'custom': {
      const zh = (issue.params as { zh?: string } | undefined)?.zh;
      return zh ? { zh, en: issue.message } : { zh: '不符合要求', en: 'is not valid' };
    }
    default:
      return { zh: '不符合要求', en: 'is not valid' };
  }
}

/** A zod path as people write it: `tiers[1].min`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}
