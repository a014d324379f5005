/**
 * Values as Excel stores them, scored end to end (docs/scoring-rules.md sections 2, 6 and 7): the grids
 * carry number formats as the host or the file gives them. As of 2024-06-30 (serial 45473);
 * 2019-05-01 is serial 43586. The evaluation preset's weights add up to 140.
 */
import { prepareWorkbook, scorePrepared, scoreWorkbook } from '../../src/engine/run';
import { RuleSetSchema, type RuleSet } from '../../src/engine/rules';
import type { CellFormat, RawCell, SheetGrid } from '../../src/engine/types';
import { getPreset } from '../../src/presets';
import { EVALUATION_HEADER, GRADING_HEADER, SEED_000_ROW, gradingRow, serial } from '../helpers/grid';

const asOf = serial('2024-06-30');

/** One sheet 客户评估 with a header row, data rows and the data rows' number formats (by column). */
function formattedSheet(header: string[], rows: RawCell[][], formats: Record<number, CellFormat> = {}): SheetGrid {
  const formatRow = (): CellFormat[] => header.map((_, c) => formats[c] ?? null);
  return { name: '客户评估', rows: [header, ...rows], tables: [], formats: [header.map(() => null), ...rows.map(formatRow)] };
}

function score(rules: RuleSet, grid: SheetGrid) {
  return scoreWorkbook([grid], { rules, asOf });
}

const indicatorOf = (run: ReturnType<typeof score>, i: number, id: string) => run.customers[i]!.indicators.find((x) => x.indicator === id)!;

describe('合作时长 from a start date', () => {
  it('2019-05-01 stored as a date serial (date-formatted) under 合作时长 is about 5.17 years, not 43,586', () => {
    const header = EVALUATION_HEADER.map((h, c) => (c === 1 ? '合作时长' : h));
    const row = SEED_000_ROW.map((v, c) => (c === 1 ? 43586 : v));
    const run = score(getPreset('evaluation'), formattedSheet(header, [row], { 1: 'yyyy-mm-dd' }));
    const tenure = indicatorOf(run, 0, 'tenure');
    expect(tenure.value).toBeCloseTo(1887 / 365.25, 12);
    expect(tenure.value).toBeCloseTo(5.17, 2);
    expect(tenure.points).toBe(30);
    expect(run.customers[0]!.score).toBe(100);
  });

  it('2019年 under 合作起始时间 counts from 2019-01-01: 2007 days', () => {
    const header = EVALUATION_HEADER.map((h, c) => (c === 1 ? '合作起始时间' : h));
    const rows = [SEED_000_ROW.map((v, c) => (c === 1 ? '2019年' : v)), SEED_000_ROW.map((v, c) => (c === 0 ? '乙' : c === 1 ? '2023年' : v))];
    const run = score(getPreset('evaluation'), formattedSheet(header, rows));
    expect(indicatorOf(run, 0, 'tenure').value).toBeCloseTo(2007 / 365.25, 12);
    expect(indicatorOf(run, 0, 'tenure').points).toBe(30);
    // 2023-01-01 to 2024-06-30: 546 days, 1.49 years → 15 points
    expect(indicatorOf(run, 1, 'tenure').value).toBeCloseTo(546 / 365.25, 12);
    expect(indicatorOf(run, 1, 'tenure').points).toBe(15);
  });
});

describe('合同履约率: the cell’s format, else the whole column, decides what a number means (the header does not)', () => {
  const header = EVALUATION_HEADER.map((h, c) => (c === 10 ? '合同履约率(%)' : h));
  const plainHeader = EVALUATION_HEADER.map((h, c) => (c === 10 ? '合同履约率' : h));
  const withContract = (values: RawCell[]) => values.map((v, i) => SEED_000_ROW.map((x, c) => (c === 0 ? `客户${i + 1}` : c === 10 ? v : x)));

  it('a %-formatted 1 is 100 % and the evaluation preset gives 15 points', () => {
    const run = score(getPreset('evaluation'), formattedSheet(header, withContract([1]), { 10: '0%' }));
    expect(indicatorOf(run, 0, 'contractFulfilment')).toMatchObject({ value: 1, points: 15 });
    expect(run.customers[0]!.score).toBe(100);
  });

  it('a column of 98, 100, 1 is per cent: 98 %, 100 %, 1 % → 10, 15, 0 points', () => {
    const run = score(getPreset('evaluation'), formattedSheet(plainHeader, withContract([98, 100, 1])));
    expect(run.customers.map((c) => c.indicators.find((x) => x.indicator === 'contractFulfilment')!.value)).toEqual([0.98, 1, 0.01]);
    expect(run.customers.map((c) => c.indicators.find((x) => x.indicator === 'contractFulfilment')!.points)).toEqual([10, 15, 0]);
  });

  it('a column of 0.98, 1 is fractions, even under a (%) header: 98 %, 100 % → 10, 15 points', () => {
    const run = score(getPreset('evaluation'), formattedSheet(header, withContract([0.98, 1])));
    expect(run.customers.map((c) => c.indicators.find((x) => x.indicator === 'contractFulfilment')!.value)).toEqual([0.98, 1]);
    expect(run.customers.map((c) => c.indicators.find((x) => x.indicator === 'contractFulfilment')!.points)).toEqual([10, 15]);
  });

  it('the live preview reads the column again the same way when an edit changes how it parses', () => {
    const rules = getPreset('evaluation');
    const prepared = prepareWorkbook([formattedSheet(plainHeader, withContract([98, 100, 1]))], { rules, asOf });
    // A label band on the rate indicator changes what its cells parse as: the column is read again.
    const edited = RuleSetSchema.parse({
      ...structuredClone(rules),
      indicators: rules.indicators.map((i) => (i.id === 'contractFulfilment' ? { ...i, bands: [...i.bands, { label: '全部履约', points: 15 }] } : i)),
    });
    const values = scorePrepared(prepared, edited).customers.map((c) => c.indicators.find((x) => x.indicator === 'contractFulfilment')!.value);
    expect(values).toEqual([0.98, 1, 0.01]);
  });
});

describe('counts and scores', () => {
  it('2次/月 under 年均交易频次 is 24 a year: 30 points', () => {
    const row = SEED_000_ROW.map((v, c) => (c === 3 ? '2次/月' : v));
    const run = score(getPreset('evaluation'), formattedSheet(EVALUATION_HEADER, [row]));
    expect(indicatorOf(run, 0, 'orderFrequency')).toMatchObject({ value: 24, points: 30 });
  });

  it('45 on the 1-5 satisfaction scale is missing (数据缺失) with its text, not full points', () => {
    const row = SEED_000_ROW.map((v, c) => (c === 5 ? 45 : v));
    // Two colleagues with readable scores: a column where most cells do not fit would not be used at all (docs/scoring-rules.md section 3).
    const others = ['乙公司', '丙公司'].map((name) => SEED_000_ROW.map((v, c) => (c === 0 ? name : v)));
    const run = score(getPreset('evaluation'), formattedSheet(EVALUATION_HEADER, [row, ...others]));
    expect(run.customers[0]!.flags).toEqual([{ id: 'missing-data', indicator: 'satisfaction', address: '客户评估!F2', text: '45', reason: 'unreadable' }]);
    expect(run.customers[0]!.score).toBe(82.1); // (140 − 25) ÷ 140
  });

  it('9/10 under a 1-5 satisfaction is 4.5: 25 points', () => {
    const row = SEED_000_ROW.map((v, c) => (c === 5 ? '9/10' : v));
    const run = score(getPreset('evaluation'), formattedSheet(EVALUATION_HEADER, [row]));
    expect(indicatorOf(run, 0, 'satisfaction')).toMatchObject({ value: 4.5, points: 25 });
  });

  it('every score indicator of the presets has its scale', () => {
    for (const id of ['evaluation', 'grading', 'maintenance'] as const) {
      for (const i of getPreset(id).indicators.filter((x) => x.type === 'score')) expect(i.scale).toBeDefined();
    }
    expect(getPreset('evaluation').indicators.find((i) => i.id === 'satisfaction')!.scale).toEqual({ min: 1, max: 5 });
    expect(getPreset('grading').indicators.find((i) => i.id === 'satisfaction')!.scale).toEqual({ min: 1, max: 10 });
  });
});

describe('投诉频繁 at three complaints whatever the complaint cap', () => {
  const grid = (complaints: RawCell): SheetGrid => ({ name: '客户评估', rows: [GRADING_HEADER, gradingRow({ 投诉次数: complaints })], tables: [] });

  it('with complaintCap 5, three complaints raise 投诉频繁 but do not cap the tier', () => {
    const rules = RuleSetSchema.parse({ ...structuredClone(getPreset('grading')), complaintCap: 5 });
    const c = score(rules, grid(3)).customers[0]!;
    // (30 + 20 + 15 + 15 + 10 + 5) × 100 + 5 × 40 = 9700 → 97.0, every core gate met
    expect(c.score).toBe(97);
    expect(c.tier.id).toBe('core');
    expect(c.flags).toEqual([{ id: 'frequent-complaints', count: 3 }]);
  });

  it('with the preset’s cap of 3 the same customer is capped one tier down, with the flag', () => {
    const c = score(getPreset('grading'), grid(3)).customers[0]!;
    expect(c.tier.id).toBe('important');
    expect(c.flags).toEqual([{ id: 'frequent-complaints', count: 3 }]);
  });

  it('two complaints raise nothing; 1次/季度 is four a year and does', () => {
    const rules = RuleSetSchema.parse({ ...structuredClone(getPreset('grading')), complaintCap: 5 });
    expect(score(rules, grid(2)).customers[0]!.flags).toEqual([]);
    expect(score(rules, grid('1次/季度')).customers[0]!.flags).toEqual([{ id: 'frequent-complaints', count: 4 }]);
  });
});
