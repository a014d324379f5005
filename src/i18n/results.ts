/**
 * A run's results in a language: the words the engine's managed cells and report are written
 * in (`resultWords`), and the two built with them for a language, as the add-in and the
 * `score` command ask for them (`buildManagedWrite`, `buildReport`).
 */
import { DEFAULT_MANAGED, managedCellIn, managedWriteIn, type ManagedCell, type ManagedWrite } from '../engine/managed';
import type { ManagedColumnId } from '../engine/columns';
import { reportIn, type ScoringReport } from '../engine/report';
import type { RuleSet } from '../engine/rules';
import type { CustomerResult, ScoringRun } from '../engine/run';
import type { RawCell } from '../engine/types';
import type { ResultWords } from '../engine/words';
import { describeBand, describeFlag, describeWarning, formatValue, indicatorLabel, indicatorOf, managedHeader, tierLabel } from './scoring';
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
    ? (zh ? `人工调整为${tierLabel(customer.tier, lang)}（计算等级${tierLabel(customer.computedTier, lang)}）；` : `Overridden to ${tierLabel(customer.tier, lang)} (computed ${tierLabel(customer.computedTier, lang)}); `)
    : '';
  return head + parts.join(zh ? '；' : '; ');
}

/** The managed columns of a run and every customer's cells, in `lang` (src/engine/managed.ts lays them out). */
export function buildManagedWrite(run: ScoringRun, grid: readonly RawCell[][], lang: Language, wanted: readonly ManagedColumnId[] = DEFAULT_MANAGED): ManagedWrite {
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
