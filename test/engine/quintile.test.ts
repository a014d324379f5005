/**
 * RFM's quintile scores (docs/scoring-rules.md section 6 `rfm`): customers ordered worst to best, tied
 * values given their average rank r, score = floor(5 × (r − 0.5) ÷ n) + 1. Every expected
 * score below is that formula worked out by hand.
 */
import { cutRanges, quintileScores } from '../../src/engine/quintile';

/** How many customers got each score 1..5. */
function histogram(scores: readonly (number | null)[]): number[] {
  const out = [0, 0, 0, 0, 0];
  for (const s of scores) if (s !== null) out[s - 1]!++;
  return out;
}

describe('quintile scores, more is better (F, M)', () => {
  it('five distinct values score 1 to 5: r = 1..5 gives floor(r − 0.5) + 1 = r', () => {
    expect(quintileScores([30, 10, 50, 20, 40], 'higher')).toEqual([3, 1, 5, 2, 4]);
  });

  it('all equal: every r is (n + 1) ÷ 2, so floor(2.5) + 1 = 3 for everyone, whatever n', () => {
    expect(quintileScores([7, 7, 7, 7], 'higher')).toEqual([3, 3, 3, 3]);
    expect(quintileScores(new Array(1000).fill(0), 'higher')).toEqual(new Array(1000).fill(3));
  });

  it('n = 1 scores 3 (r = 1: floor(5 × 0.5 ÷ 1) + 1)', () => {
    expect(quintileScores([12], 'higher')).toEqual([3]);
    expect(quintileScores([12], 'lower')).toEqual([3]);
  });

  it('n = 2: two different values score 2 and 4 (floor(1.25) + 1, floor(3.75) + 1); two equal ones 3 and 3', () => {
    expect(quintileScores([100, 5], 'higher')).toEqual([4, 2]);
    expect(quintileScores([5, 5], 'higher')).toEqual([3, 3]);
  });

  it('two distinct values, 3 low and 2 high: r = 2 gives floor(1.5) + 1 = 2, r = 4.5 gives floor(4) + 1 = 5', () => {
    expect(quintileScores([10, 20, 10, 20, 10], 'higher')).toEqual([2, 5, 2, 5, 2]);
  });

  it('1,000 distinct values: 200 customers per score, the cut between ranks 200 and 201', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    const scores = quintileScores(values, 'higher');
    expect(histogram(scores)).toEqual([200, 200, 200, 200, 200]);
    // r = 200: floor(5 × 199.5 ÷ 1000) + 1 = floor(0.9975) + 1 = 1; r = 201: floor(1.0025) + 1 = 2.
    expect([scores[199], scores[200], scores[799], scores[800]]).toEqual([1, 2, 4, 5]);
  });

  it('1,000 with heavy ties: 900 customers with no purchase and 100 with one to a hundred', () => {
    const values = [...new Array(900).fill(0), ...Array.from({ length: 100 }, (_, i) => i + 1)];
    const scores = quintileScores(values, 'higher');
    // The 900 zeros: r = 450.5, floor(5 × 450 ÷ 1000) + 1 = floor(2.25) + 1 = 3, no bin collapsing to 1.
    // The others: r ≥ 901, floor(5 × 900.5 ÷ 1000) + 1 = floor(4.5025) + 1 = 5.
    expect(histogram(scores)).toEqual([0, 0, 900, 0, 100]);
  });

  it('1,000 in two equal halves: r = 250.5 → floor(1.25) + 1 = 2, r = 750.5 → floor(3.75) + 1 = 4', () => {
    const values = [...new Array(500).fill(1), ...new Array(500).fill(2)];
    expect(histogram(quintileScores(values, 'higher'))).toEqual([0, 500, 0, 500, 0]);
  });

  it('sums of amounts tie despite binary noise (0.1 + 0.2 and 0.3)', () => {
    expect(quintileScores([0.1 + 0.2, 0.3, 1], 'higher')).toEqual([2, 2, 5]);
  });
});

describe('quintile scores, fewer is better (R: days since the last purchase)', () => {
  it('the most days is the worst: days 172, 29, 10, 2 and 60 score 1, 3, 4, 5 and 2', () => {
    expect(quintileScores([172, 29, 10, 2, 60], 'lower')).toEqual([1, 3, 4, 5, 2]);
  });

  it('no purchase in the period (Infinity) is worse than any number of days, and ties only with itself', () => {
    expect(quintileScores([Infinity, 172, 29, 10, 2], 'lower')).toEqual([1, 2, 3, 4, 5]);
    // Two without a purchase: ranks 1 and 2, r = 1.5 → floor(5 × 1 ÷ 4) + 1 = 2; 30 days r = 3 → floor(3.125) + 1 = 4; 5 days → 5.
    expect(quintileScores([Infinity, 30, Infinity, 5], 'lower')).toEqual([2, 4, 2, 5]);
  });

  it('a missing value is not ranked: n counts only the values present', () => {
    expect(quintileScores([10, null, 20], 'lower')).toEqual([4, null, 2]);
  });
});

describe('cut values: the range of values that got each score', () => {
  it('per score, the lowest and highest value and the customers; a score nobody got has none', () => {
    const values = [10, 20, 10, 20, 10];
    expect(cutRanges(values, quintileScores(values, 'higher'))).toEqual([
      { score: 1, min: null, max: null, customers: 0 },
      { score: 2, min: 10, max: 10, customers: 3 },
      { score: 3, min: null, max: null, customers: 0 },
      { score: 4, min: null, max: null, customers: 0 },
      { score: 5, min: 20, max: 20, customers: 2 },
    ]);
  });
});
