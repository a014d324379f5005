/**
 * The live preview's memory of scored columns, owned by one prepared run (`PreparedRun.cache`).
 *
 * While a user drags a weight slider or a band threshold, every edit scores every customer
 * again. Most indicators did not change, and the one being edited goes back and forth between
 * a few states; scoring a column (matching each value to a band) is most of the work. So each
 * indicator's last few scored columns are kept, under keys that say exactly what a column
 * depends on, never under the identity of a rule object:
 *
 * - the parsing key (`parsingKey`): type, labels, scale and period. Cells parsed under one
 *   parsing key read the same whatever the bands: a threshold being dragged re-scores the
 *   parsed cells without parsing them again.
 * - the scoring key (`scoringKey`): the parsing key, the measure, the bands and `else`. A
 *   column scored under one scoring key is the same column: a weight being moved takes it as
 *   it is.
 *
 * Weights, cut-offs, gates and the missing-value policy are applied per customer when a run
 * is scored (evaluate.ts) and are in neither key.
 */
import { categoryLabels } from './evidence';
import type { IndicatorRule } from './rules';
import { scoreColumn, type IndicatorColumn } from './score';
import type { Parsed } from './types';

/** What an indicator's parsed cells depend on: its type, labels, scale and period. */
export function parsingKey(indicator: IndicatorRule): string {
  return `${indicator.type}|${JSON.stringify(categoryLabels(indicator))}|${JSON.stringify(indicator.scale ?? null)}|${indicator.period ?? ''}`;
}

/** What an indicator's scored column depends on, given its parsing key: also its measure, bands and `else`. */
export function scoringKey(indicator: IndicatorRule, parsing: string = parsingKey(indicator)): string {
  return `${parsing}|${indicator.measure ?? ''}|${indicator.else}|${JSON.stringify(indicator.bands)}`;
}

/** A scored column and the keys it was made under. */
interface KeptColumn {
  parsing: string;
  scoring: string;
  column: IndicatorColumn;
}

export class PreviewCache {
  /** Scored columns kept per indicator: the one in use and the one before (a band being edited goes back and forth). */
  static readonly KEPT = 2;

  /** Per indicator id: the columns scored most recently, the most recent first. */
  private readonly kept = new Map<string, KeptColumn[]>();

  /** `asOf`: the run's as-of date, which a `days-since` value counts from. */
  constructor(private readonly asOf: number) {}

  /**
   * The indicator scored for every customer: as kept when a column was scored under the same
   * scoring key; else scored from the cells kept under the same parsing key, or from
   * `parse(parsingKey)` (the cells parsed for the indicator as it is now).
   */
  column(indicator: IndicatorRule, parse: (parsing: string) => readonly Parsed[]): IndicatorColumn {
    const parsing = parsingKey(indicator);
    const scoring = scoringKey(indicator, parsing);
    const kept = this.kept.get(indicator.id) ?? [];
    const hit = kept.find((e) => e.scoring === scoring);
    if (hit) return hit.column;
    const parsed = kept.find((e) => e.parsing === parsing)?.column.parsed ?? parse(parsing);
    const column = scoreColumn(indicator, parsed, this.asOf);
    this.kept.set(indicator.id, [{ parsing, scoring, column }, ...kept].slice(0, PreviewCache.KEPT));
    return column;
  }
}
