/**
 * The words a run's results are written in, in one language. The engine lays out the managed
 * cells (managed.ts) and the JSON report (report.ts) and asks these for every text, so that it
 * makes no sentence itself: src/i18n gives them (`resultWords(rules, lang)` in
 * src/i18n/results.ts), with the rule set's labels in that language.
 */
import type { ManagedColumnId } from './columns';
import type { Flag } from './flags';
import type { Warning } from './prepare';
import type { BandRule, IndicatorRule, TierRule } from './rules';
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
