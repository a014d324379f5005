/**
 * The words a run's results are written in, in one language. The engine lays out the managed
 * cells (managed.ts) and the JSON report (report.ts) and asks these for every text, so that it
 * makes no sentence itself: src/i18n gives them (`resultWords(rules, lang)` in
 * src/i18n/results.ts), with the rule set's labels in that language.
 */
import type { AnalysisColumnId, ManagedColumnId } from './columns';
import type { Flag } from './flags';
import type { Warning } from './prepare';
import type { BandRule, IndicatorRule, RfmLetter, SegmentRule, TierRule } from './rules';
import type { CustomerResult } from './summary';

export interface ResultWords {
  /** The header of a managed column this run adds (one an earlier run left keeps its own). */
  header(id: ManagedColumnId): string;
  tier(tier: TierRule): string;
  /** An indicator's label, by id (the id itself when the rules have no such indicator). */
  indicator(id: string): string;
  /** The band a value matched, as its condition (`≥50万`), its label, or `else`/其他 for null. */
  band(band: BandRule | null, indicator: IndicatorRule): string;
  /** A flag with its detail: `数据缺失(合同履约率 '客户评估'!K5 “—”)`. */
  flag(flag: Flag): string;
  /** A customer's flags as the flags column shows them, joined; '' when none. */
  flags(flags: readonly Flag[]): string;
  /** The breakdown column's text of a customer: every indicator's value, band, points and contribution. */
  breakdown(customer: CustomerResult): string;
  warning(warning: Warning): string;
}

/**
 * The words of the service and RFM analyses' results in one language (src/i18n/results.ts
 * `analysisWords` gives them, with the analyses' rules' labels in that language).
 */
export interface AnalysisWords {
  /** The header of an analysis column this run adds (one an earlier run left keeps its own). */
  header(id: AnalysisColumnId): string;
  segment(segment: SegmentRule): string;
  /** A service dimension's label, by id. */
  dimension(id: string): string;
  /** An RFM letter's label: `R（最近一次购买）`. */
  letter(letter: RfmLetter): string;
  /** An RFM letter's value as written: `35天`, `无交易` (Infinity: no purchase in the period), `12`, `8.5万`. */
  rfmValue(letter: RfmLetter, value: number | null): string;
  /** The values that got one score, as shown: `0-12天`, `35天`, `无交易`, `—` when none. */
  rfmRange(letter: RfmLetter, min: number | null, max: number | null, noPurchase: number): string;
  /** An RFM row's flag with its detail. */
  flag(flag: Flag): string;
  flags(flags: readonly Flag[]): string;
  warning(warning: Warning): string;
}
