/**
 * Sentences and labels of the scoring results, in zh-CN and en-US: problems, warnings,
 * flag details, tier and indicator labels, managed column headers, value formats.
 */
import { MANAGED_COLUMNS, type ManagedColumnId } from '../engine/columns';
import type { Flag, FlagId } from '../engine/flags';
import { isoFromSerial } from '../engine/parse';
import { isLabelBand, type BandRule, type IndicatorRule, type RuleSet, type TierRule } from '../engine/rules';
import type { Warning } from '../engine/run';
import type { BlockEnd } from '../engine/tables';
import type { Language } from './strings';

export type Bilingual = { zh: string; en: string };
export const pick = (text: Bilingual, lang: Language) => (lang === 'zh-CN' ? text.zh : text.en);

export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export const FLAG_NAMES: Record<FlagId, Bilingual> = {
  'churn-risk': { zh: '流失预警', en: 'Churn risk' },
  'followup-overdue': { zh: '跟进逾期', en: 'Follow-up overdue' },
  'cadence-overdue': { zh: '维护超期', en: 'Contact overdue' },
  'low-satisfaction': { zh: '满意度低', en: 'Low satisfaction' },
  'missing-data': { zh: '数据缺失', en: 'Missing data' },
  'tier-gate': { zh: '未达准入', en: 'Tier gate not met' },
  'frequent-complaints': { zh: '投诉频繁', en: 'Frequent complaints' },
  'tier-down': { zh: '等级下调', en: 'Tier down' },
  'tier-up': { zh: '等级上调', en: 'Tier up' },
};

export function flagName(id: FlagId, lang: Language): string {
  return pick(FLAG_NAMES[id], lang);
}

export function tierLabel(tier: TierRule, lang: Language): string {
  return pick(tier.label, lang);
}

export function managedHeader(id: ManagedColumnId, lang: Language): string {
  return pick(MANAGED_COLUMNS[id], lang);
}

export function indicatorOf(rules: RuleSet, id: string): IndicatorRule | undefined {
  return rules.indicators.find((i) => i.id === id);
}

export function indicatorLabel(rules: RuleSet, id: string, lang: Language): string {
  const ind = indicatorOf(rules, id);
  return ind ? pick(ind.label, lang) : id;
}

/**
 * Number formats by precision, built once: the report and the breakdown format a value per
 * indicator per customer, and `toLocaleString` with options builds a new formatter on every
 * call (7 % of a 100,000-customer run). Figures are written with en-US digits (`1,234.5`) in
 * both languages, as they always were: the language changes the words around them, not the
 * digits, so both languages share a formatter per precision.
 */
const numberFormats = new Map<number, Intl.NumberFormat>();

function numberFormat(digits: number): Intl.NumberFormat {
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    numberFormats.set(digits, format);
  }
  return format;
}

/** Texts already made, per precision: a band's threshold is written once per customer, and values repeat. */
const formatted = new Map<number, Map<number, string>>();

/** `n` rounded to `digits` decimals, trailing zeros dropped, thousands grouped: 1234.5 → `1,234.5`. */
function trimNumber(n: number, digits: number): string {
  let texts = formatted.get(digits);
  if (!texts) formatted.set(digits, (texts = new Map()));
  let text = texts.get(n);
  if (text === undefined) {
    text = numberFormat(digits).format(Number(n.toFixed(digits)));
    if (texts.size >= 10_000) texts.clear();
    texts.set(n, text);
  }
  return text;
}

/** A number as the report writes it: rounded to `digits` decimals, thousands grouped (`1,234.5`). */
export function formatNumber(n: number, digits = 2): string {
  return trimNumber(n, digits);
}

/** An amount in yuan as a sales manager writes it: 80万 / 1.2亿 / 800元, or ¥800,000. */
export function formatMoney(value: number, lang: Language): string {
  if (lang === 'zh-CN') {
    if (Math.abs(value) >= 1e8) return `${trimNumber(value / 1e8, 2)}亿`;
    if (Math.abs(value) >= 1e4) return `${trimNumber(value / 1e4, 2)}万`;
    return `${trimNumber(value, 2)}元`;
  }
  return `¥${trimNumber(value, 2)}`;
}

/** A value as a sales manager writes it: 80万 / 800,000, 98%, 3.0 years, 2024-03-10. */
export function formatValue(value: number | string | null, indicator: IndicatorRule | undefined, lang: Language): string {
  if (value === null) return lang === 'zh-CN' ? '缺失' : 'missing';
  if (typeof value === 'string' || !indicator) return String(value);
  switch (indicator.type) {
    case 'money':
      return formatMoney(value, lang);
    case 'rate':
      return `${trimNumber(value * 100, 1)}%`;
    case 'duration':
      return lang === 'zh-CN' ? `${trimNumber(value, 1)}年` : `${trimNumber(value, 1)} years`;
    case 'date':
      if (indicator.measure === 'days-since') return lang === 'zh-CN' ? `${value}天` : `${value} days`;
      return isoFromSerial(value);
    case 'count':
      return lang === 'zh-CN' ? `${trimNumber(value, 2)}` : trimNumber(value, 2);
    default:
      return trimNumber(value, 2);
  }
}

const OPS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

export function describeBand(band: BandRule | null, indicator: IndicatorRule, lang: Language): string {
  if (band === null) return lang === 'zh-CN' ? '其他' : 'else';
  if (isLabelBand(band)) return band.label;
  return `${OPS[band.op]}${formatValue(band.value, indicator, lang)}`;
}

function gateText(rules: RuleSet, gate: { indicator: string; op: string; value: number }, lang: Language): string {
  const ind = indicatorOf(rules, gate.indicator);
  return `${indicatorLabel(rules, gate.indicator, lang)} ${OPS[gate.op]} ${formatValue(gate.value, ind, lang)}`;
}

/**
 * The flag with its detail, as written in the 预警标记 column: `数据缺失(合同履约率)`. `rules` name
 * its indicators and tiers; `label` names an indicator instead (an RFM letter: the RFM run has
 * no weighted rules).
 */
export function describeFlag(flag: Flag, rules: RuleSet | undefined, lang: Language, label?: (id: string) => string): string {
  const zh = lang === 'zh-CN';
  const name = flagName(flag.id, lang);
  const labelOf = label ?? ((id: string) => (rules ? indicatorLabel(rules, id, lang) : id));
  const detail = ((): string => {
    switch (flag.id) {
      case 'missing-data':
        return `${labelOf(flag.indicator)} ${flag.address}${flag.text ? ` “${flag.text}”` : ''}`;
      case 'low-satisfaction': {
        const ind = rules && indicatorOf(rules, flag.indicator);
        return `${formatValue(flag.value, ind, lang)} < ${formatValue(flag.threshold, ind, lang)}`;
      }
      case 'tier-gate': {
        const tier = rules?.tiers.find((t) => t.id === flag.tier);
        const gates = rules ? flag.failures.map((f) => gateText(rules, f.gate, lang)).join(zh ? '、' : ', ') : '';
        return zh ? `${tier ? tierLabel(tier, lang) : flag.tier}需 ${gates}` : `${tier ? tierLabel(tier, lang) : flag.tier} needs ${gates}`;
      }
      case 'frequent-complaints':
        return zh ? `${flag.count}次` : `${flag.count}`;
      case 'churn-risk':
        if (flag.reason === 'never-followed-up') return zh ? '无跟进记录' : 'no follow-up recorded';
        if (flag.reason === 'no-transaction') return zh ? `${flag.days}天无交易` : `no transaction for ${flag.days} days`;
        if (flag.reason === 'rfm-at-risk') return zh ? 'RFM 分群为流失风险客户' : 'RFM segment at risk';
        return zh ? `${flag.days}天无跟进` : `no follow-up for ${flag.days} days`;
      case 'followup-overdue':
        return zh ? `${flag.count}项，最早应于${isoFromSerial(flag.earliestDue)}完成` : `${flag.count} open, first due ${isoFromSerial(flag.earliestDue)}`;
      case 'cadence-overdue':
        if (flag.days === null) return zh ? `无跟进记录，应每${flag.cadenceDays}天` : `no follow-up recorded, due every ${flag.cadenceDays} days`;
        return zh ? `${flag.days}天未跟进，应每${flag.cadenceDays}天` : `${flag.days} days since contact, due every ${flag.cadenceDays}`;
      case 'tier-down':
      case 'tier-up': {
        const tier = rules?.tiers.find((t) => t.id === flag.previous);
        return zh ? `原为${tier ? tierLabel(tier, lang) : flag.previous}` : `was ${tier ? tierLabel(tier, lang) : flag.previous}`;
      }
    }
  })();
  return zh ? `${name}(${detail})` : `${name} (${detail})`;
}

const WARNINGS: Record<Warning['code'], Bilingual> = {
  'blank-key': { zh: '{address} 没有客户名称，该行未评分。', en: '{address} has no customer name; the row was not scored.' },
  'duplicate-key': {
    zh: '客户「{key}」出现多次（{addresses}），每行分别评分。',
    en: 'Customer “{key}” appears more than once ({addresses}); each row was scored.',
  },
  'unknown-follow-up-customer': {
    zh: '跟进记录中的客户「{key}」（{addresses}）不在评估表中。',
    en: 'Customer “{key}” in the follow-up log ({addresses}) is not in the evaluation table.',
  },
  'unreadable-follow-up-date': {
    zh: '跟进记录 {address} 的日期“{text}”无法识别。',
    en: 'The date “{text}” at {address} in the follow-up log could not be read.',
  },
  'unknown-override': {
    zh: '{address} 的人工调整等级“{text}”不是本方案的等级，已忽略。',
    en: 'The tier override “{text}” at {address} is not a tier of these rules and was ignored.',
  },
  'optional-indicator-unmapped': {
    zh: '可选指标「{indicator}」没有对应的列，未计入得分。',
    en: 'The optional indicator “{indicator}” has no column and was left out.',
  },
  'no-follow-up-log': {
    zh: '没有找到客户跟进记录表，无法检查维护周期和跟进逾期。',
    en: 'No follow-up log was found, so contact cadence and overdue follow-ups were not checked.',
  },
  'rows-skipped': { zh: '{addresses} 未作为客户读取：{reason}。', en: '{addresses} were not read as customers: {reason}.' },
  'unknown-service-customer': {
    zh: '服务评价表中的客户「{key}」（{addresses}）不在评估表中。',
    en: 'Customer “{key}” in the service survey ({addresses}) is not in the evaluation table.',
  },
  'unreadable-service-cell': {
    zh: '服务评价 {address} 的评分“{text}”不在该维度的分值范围内或无法识别，未计入。',
    en: 'The survey answer “{text}” at {address} is not a score on its dimension’s scale and was left out.',
  },
  'no-purchases-in-period': {
    zh: '统计期间 {from} 至 {to} 内没有交易：所有客户的 R、F、M 都相同，RFM 分群没有区分度；请检查基准日或统计期间。',
    en: 'No purchase falls in the period {from} to {to}: every customer has the same R, F and M, so the RFM segments cannot tell them apart. Check the as-of date or the period.',
  },
  'join-key-kinds-differ': {
    zh: '「{sheet}」与客户表用不同的客户标识（名称/编号），两边也没有可对应的列，客户可能无法对应。',
    en: '“{sheet}” and the customer table identify customers differently (name vs ID), and neither has the other’s column: customers may not match.',
  },
  'service-column-unused': {
    zh: '服务评价表的「{header}」列（{address}）是评分，但不是服务评价规则中的维度，未计入服务得分和短板维度。',
    en: 'The survey column “{header}” ({address}) holds scores but is none of the service rules’ dimensions: it was left out of the service score and the weakest dimension.',
  },
  'nps-thin': {
    zh: '推荐意愿只有 {answers} 份有效回答（少于 {minimum} 份），净推荐值（NPS）仅供参考。',
    en: 'Only {answers} answers to the likelihood to recommend (fewer than {minimum}): the NPS is a thin figure.',
  },
  'no-nps-answers': {
    zh: '推荐意愿列中没有有效回答，无法计算净推荐值（NPS）。',
    en: 'The likelihood-to-recommend column has no answer that reads, so there is no NPS.',
  },
  'purchases-outside-period': {
    zh: '交易记录中有 {count} 笔交易不在统计期间 {from} 至 {to} 内，未计入 RFM。',
    en: '{count} purchases of the transactions table fall outside the period {from} to {to} and were left out of RFM.',
  },
  'unknown-transaction-customer': {
    zh: '交易记录中的客户「{key}」（{addresses}）不在客户表中。',
    en: 'Customer “{key}” in the transactions table ({addresses}) is not in the customer table.',
  },
  'unreadable-transaction': {
    zh: '交易记录 {address} 的“{text}”无法识别为交易日期或金额，该笔交易未计入。',
    en: 'The transactions table’s “{text}” at {address} does not read as a date or an amount; the purchase was left out.',
  },
  'key-kinds-differ': {
    zh: '评估表和跟进记录用不同的客户标识（名称/编号），可能无法对应。',
    en: 'The evaluation table and the follow-up log identify customers differently (name vs ID); they may not match.',
  },
};

/** Why a plain block's rows below its end were not read (the `rows-skipped` warning). */
const SKIP_REASONS: Record<BlockEnd, Bilingual> = {
  'totals-row': { zh: '表格在合计行处结束', en: 'the table ends at its totals row' },
  'repeated-header': { zh: '表头在此重复出现，表格到此结束', en: 'the header repeats there, which ends the table' },
  'blank-rows': { zh: '它们在连续两行及以上的空行之下，表格在空行处结束', en: 'they lie below two or more blank rows, which end the table' },
};

/** A warning's sentence; `rules` names its indicator, when it has one (the analyses' warnings have none). */
export function describeWarning(warning: Warning, rules: RuleSet | undefined, lang: Language): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(warning)) {
    if (k === 'code') continue;
    params[k] = Array.isArray(v) ? v.join(lang === 'zh-CN' ? '、' : ', ') : String(v);
  }
  if ('indicator' in warning && rules) params.indicator = indicatorLabel(rules, warning.indicator, lang);
  if (warning.code === 'rows-skipped') params.reason = pick(SKIP_REASONS[warning.reason], lang);
  return fill(pick(WARNINGS[warning.code], lang), params);
}
