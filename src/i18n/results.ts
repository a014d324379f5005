/**
 * A run's results in a language: the words the engine's managed cells and report are written
 * in (`resultWords`), and the two built with them for a language, as the add-in and the
 * `score` command ask for them (`buildManagedWrite`, `buildReport`).
 */
import type { AnalysesRun } from '../engine/analyses';
import { analysesReportIn } from '../engine/analysis-report';
import { analysesWriteIn, type AnalysesWrite } from '../engine/analysis-write';
import { DEFAULT_MANAGED, managedCellIn, managedWriteIn, type ManagedCell, type ManagedWrite } from '../engine/managed';
import { ANALYSIS_COLUMNS, type ManagedColumnId } from '../engine/columns';
import { reportIn, type AnalysesReport, type ScoringReport } from '../engine/report';
import type { RfmLetter, RfmRules, RuleSet, ServiceRules } from '../engine/rules';
import type { CustomerResult, ScoringRun } from '../engine/run';
import type { RawCell } from '../engine/types';
import type { AnalysisWords, ResultWords } from '../engine/words';
import {
  describeBand,
  describeFlag,
  describeWarning,
  formatMoney,
  formatNumber,
  formatValue,
  indicatorLabel,
  indicatorOf,
  managedHeader,
  pick,
  tierLabel,
} from './scoring';
import type { Language } from './strings';

/** The words of `rules`' results in `lang`. */
export function resultWords(rules: RuleSet, lang: Language): ResultWords {
  const zh = lang === 'zh-CN';
  const words: ResultWords = {
    header: (id) => managedHeader(id, lang),
    tier: (tier) => tierLabel(tier, lang),
    indicator: (id) => indicatorLabel(rules, id, lang),
    band: (band, indicator) => describeBand(band, indicator, lang),
    flag: (flag) => describeFlag(flag, rules, lang),
    flags: (flags) => flags.map(words.flag).join(zh ? '；' : '; '),
    breakdown: (customer) => describeBreakdown(customer, rules, lang),
    warning: (warning) => describeWarning(warning, rules, lang),
  };
  return words;
}

/** `合作时长 3年 → ≥2年 30/30分 (+7.1)；…`: every indicator's value, band, points and contribution. */
function describeBreakdown(customer: CustomerResult, rules: RuleSet, lang: Language): string {
  const zh = lang === 'zh-CN';
  const parts = customer.indicators.map((r) => {
    const ind = indicatorOf(rules, r.indicator)!;
    const sign = r.contribution >= 0 ? '+' : '−';
    const points = zh ? `${r.points}/${r.maxPoints}分` : `${r.points}/${r.maxPoints} pts`;
    return `${indicatorLabel(rules, r.indicator, lang)} ${formatValue(r.value, ind, lang)} → ${describeBand(r.band, ind, lang)} ${points} (${sign}${Math.abs(r.contribution).toFixed(1)})`;
  });
  const head = customer.overridden
    ? zh
      ? `人工调整为${tierLabel(customer.tier, lang)}（计算等级${tierLabel(customer.computedTier, lang)}）；`
      : `Overridden to ${tierLabel(customer.tier, lang)} (computed ${tierLabel(customer.computedTier, lang)}); `
    : '';
  return head + parts.join(zh ? '；' : '; ');
}

/** The managed columns of a run and every customer's cells, in `lang` (src/engine/managed.ts lays them out). */
export function buildManagedWrite(
  run: ScoringRun,
  grid: readonly RawCell[][],
  lang: Language,
  wanted: readonly ManagedColumnId[] = DEFAULT_MANAGED,
): ManagedWrite {
  return managedWriteIn(run, grid, resultWords(run.rules, lang), wanted);
}

/** One customer's cell of a managed column, in `lang`. */
export function managedCell(id: ManagedColumnId, customer: CustomerResult, run: ScoringRun, lang: Language): ManagedCell {
  return managedCellIn(id, customer, resultWords(run.rules, lang));
}

/** The JSON report of a run (the `score` command's `--json`), in `lang`. */
export function buildReport(run: ScoringRun, lang: Language): ScoringReport {
  return reportIn(run, resultWords(run.rules, lang));
}

/** The bars of the NPS chart (src/engine/charts.ts `npsBars`), as the pane and the charts name them. */
export const NPS_GROUP_LABELS: Record<'promoters' | 'passives' | 'detractors', { zh: string; en: string }> = {
  promoters: { zh: '推荐者（9-10分）', en: 'Promoters (9-10)' },
  passives: { zh: '被动者（7-8分）', en: 'Passives (7-8)' },
  detractors: { zh: '贬损者（0-6分）', en: 'Detractors (0-6)' },
};

/** The service radar's series over all customers, and the group of customers without a value (src/engine/charts.ts). */
export const SERVICE_SERIES_LABELS = {
  overall: { zh: '全部客户', en: 'All customers' },
  noGroup: { zh: '未分组', en: 'No group' },
} as const;

/** The RFM letters as the report and the pane name them. */
export const LETTER_LABELS: Record<RfmLetter, { zh: string; en: string }> = {
  recency: { zh: 'R（最近一次购买）', en: 'R (recency)' },
  frequency: { zh: 'F（购买频次）', en: 'F (frequency)' },
  monetary: { zh: 'M（购买金额）', en: 'M (monetary)' },
};

/** The words of the service and RFM analyses' results in `lang`, with their rules' labels. */
export function analysisWords(rules: { service?: ServiceRules; rfm?: RfmRules }, lang: Language): AnalysisWords {
  const zh = lang === 'zh-CN';
  const none = zh ? '无交易' : 'no purchase';
  const value = (letter: RfmLetter, v: number | null): string => {
    if (v === null) return zh ? '缺失' : 'missing';
    switch (letter) {
      case 'recency':
        return Number.isFinite(v) ? (zh ? `${formatNumber(v, 0)}天` : `${formatNumber(v, 0)} days`) : none;
      case 'frequency':
        return zh ? `${formatNumber(v, 2)}次` : formatNumber(v, 2);
      case 'monetary':
        return formatMoney(v, lang);
    }
  };
  const words: AnalysisWords = {
    header: (id) => pick(ANALYSIS_COLUMNS[id], lang),
    segment: (segment) => pick(segment.label, lang),
    dimension: (id) => {
      const d = rules.service?.dimensions.find((x) => x.id === id);
      return d ? pick(d.label, lang) : id;
    },
    letter: (letter) => pick(LETTER_LABELS[letter], lang),
    rfmValue: value,
    rfmRange: (letter, min, max, noPurchase) => {
      const parts: string[] = [];
      if (min !== null && max !== null) {
        if (min === max) parts.push(value(letter, min));
        else if (letter === 'monetary') parts.push(`${formatMoney(min, lang)}-${formatMoney(max, lang)}`);
        else {
          const range = `${formatNumber(min, letter === 'recency' ? 0 : 2)}-${formatNumber(max, letter === 'recency' ? 0 : 2)}`;
          parts.push(letter === 'recency' ? (zh ? `${range}天` : `${range} days`) : zh ? `${range}次` : range);
        }
      }
      if (noPurchase > 0) parts.push(none);
      return parts.length ? parts.join(zh ? '、' : ', ') : '—';
    },
    flag: (flag) => describeFlag(flag, undefined, lang, (id) => (id in LETTER_LABELS ? pick(LETTER_LABELS[id as RfmLetter], lang) : id)),
    flags: (flags) => flags.map(words.flag).join(zh ? '；' : '; '),
    warning: (warning) => describeWarning(warning, undefined, lang),
  };
  return words;
}

/** The rules of a run's analyses (for their words). */
function rulesOf(run: AnalysesRun): { service?: ServiceRules; rfm?: RfmRules } {
  return { ...(run.service ? { service: run.service.rules } : {}), ...(run.rfm ? { rfm: run.rfm.rules } : {}) };
}

/**
 * The writes of a run of several analyses in `lang`, one per table (src/engine/analysis-write.ts
 * lays them out): the scoring's managed columns (`wanted`) and the analyses' columns.
 */
export function buildAnalysesWrite(
  run: AnalysesRun,
  gridOf: (sheet: string) => readonly RawCell[][],
  lang: Language,
  wanted: readonly ManagedColumnId[] = DEFAULT_MANAGED,
): AnalysesWrite[] {
  return analysesWriteIn(run, gridOf, run.scoring ? resultWords(run.scoring.rules, lang) : undefined, analysisWords(rulesOf(run), lang), wanted);
}

/** The JSON report of a run of several analyses, in `lang`. */
export function buildAnalysesReport(run: AnalysesRun, lang: Language): AnalysesReport {
  return analysesReportIn(run, run.scoring ? resultWords(run.scoring.rules, lang) : undefined, analysisWords(rulesOf(run), lang));
}
