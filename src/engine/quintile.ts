/**
 * Quintile scores (docs/scoring-rules.md section 6 `rfm`): the customers ordered from worst to best on
 * a letter, tied values given their average rank r (1..n), and each scored
 * floor(5 × (r − 0.5) ÷ n) + 1. Equal values get equal scores, and no bin collapses because
 * of ties: all equal scores 3 for everyone; n = 5 distinct values score 1..5.
 *
 * The average rank of a run of ties from rank a to rank b is (a + b) ÷ 2, so 2r is a whole
 * number and the score is worked out in whole numbers, exactly:
 * floor(5 × (a + b − 1) ÷ 2n) + 1.
 */

/** Which way is better: more (F, M) or fewer (R, the days since the last purchase). */
export type Better = 'higher' | 'lower';

/** Two values are tied when they differ by binary noise only (sums of amounts: 0.1 + 0.2 and 0.3). */
function tied(a: number, b: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Each value's quintile score 1..5; null where the value is null (a missing value is not
 * ranked, and n counts only the values present). Infinity is a value: with `lower` better it
 * is the worst (a customer with no purchase in the period).
 */
export function quintileScores(values: readonly (number | null)[], better: Better): (number | null)[] {
  const out = new Array<number | null>(values.length).fill(null);
  const present: number[] = [];
  values.forEach((v, i) => {
    if (v !== null && !Number.isNaN(v)) present.push(i);
  });
  const n = present.length;
  if (n === 0) return out;
  // Worst first: the lowest when higher is better, the highest when lower is better; ties in table order.
  const sign = better === 'higher' ? 1 : -1;
  present.sort((i, j) => {
    const a = values[i]!;
    const b = values[j]!;
    if (a === b) return i - j;
    return sign * (a < b ? -1 : 1);
  });
  let first = 0;
  while (first < n) {
    let last = first;
    const v = values[present[first]!]!;
    while (last + 1 < n && tied(v, values[present[last + 1]!]!)) last++;
    // 1-based ranks first + 1 .. last + 1: their average r has 2r = first + last + 2.
    const score = Math.floor((5 * (first + last + 1)) / (2 * n)) + 1;
    for (let k = first; k <= last; k++) out[present[k]!] = score;
    first = last + 1;
  }
  return out;
}

/** The values that got one score: the lowest and the highest of them, and how many customers. */
export interface CutRange {
  score: number;
  /** null when no customer got this score. */
  min: number | null;
  max: number | null;
  customers: number;
}

/** For each score 1..5, the range of the values that got it: the cut values shown to the user. */
export function cutRanges(values: readonly (number | null)[], scores: readonly (number | null)[]): CutRange[] {
  const ranges: CutRange[] = [1, 2, 3, 4, 5].map((score) => ({ score, min: null, max: null, customers: 0 }));
  values.forEach((v, i) => {
    const s = scores[i];
    if (v === null || s === null || s === undefined) return;
    const range = ranges[s - 1]!;
    range.customers++;
    if (range.min === null || v < range.min) range.min = v;
    if (range.max === null || v > range.max) range.max = v;
  });
  return ranges;
}
