/**
 * docs/scoring-rules.md section 2, "Values as Excel stores them": number formats, the rate column's
 * decision, start dates and years under durations, the 1904 date system, counts per
 * period and score scales. Serials are worked out by hand: 2024-06-30 is 45473,
 * 2019-05-01 is 43586, 2019-01-01 is 43466 (1900 system); a 1904 workbook stores each
 * 1462 lower.
 */
import { decideRateScale, parseCell, type ParseContext } from '../../src/engine/parse';
import type { CellFormat, MissingReason, RawCell, ValueType } from '../../src/engine/types';

const AS_OF = 45473; // 2024-06-30
const at: ParseContext = { address: '客户评估!D5' };
const ctx = (extra: Partial<ParseContext>): ParseContext => ({ ...at, ...extra });

function numberOf(raw: RawCell, type: ValueType, c: ParseContext): number {
  const parsed = parseCell(raw, type, c);
  if (parsed.kind !== 'number') throw new Error(`${JSON.stringify(raw)} as ${type}: ${JSON.stringify(parsed)}`);
  return parsed.value;
}

function expectMissing(raw: RawCell, type: ValueType, c: ParseContext, reason: MissingReason = 'unreadable'): void {
  expect(parseCell(raw, type, c)).toEqual({ kind: 'missing', address: c.address, text: String(raw).trim(), reason });
}

describe('a %-formatted number is the fraction it holds, whatever the header or the column says', () => {
  it.each<[RawCell, CellFormat, number]>([
    [1, '0%', 1],
    [0.98, '0.0%', 0.98],
    [0.9, '0%;[Red]-0%', 0.9],
    [1.05, '0%', 1.05],
  ])('%j formatted %j under 合同履约率(%%) is %d', (raw, format, fraction) => {
    expect(numberOf(raw, 'rate', ctx({ header: '合同履约率(%)', format, rateScale: 'percent' }))).toBe(fraction);
  });

  it('a % that is only literal text in the format leaves the number to the column', () => {
    expect(numberOf(1, 'rate', ctx({ header: '合同履约率', format: '0"%"', rateScale: 'percent' }))).toBe(0.01);
    expect(numberOf(98, 'rate', ctx({ header: '合同履约率', format: '0\\%', rateScale: 'percent' }))).toBe(0.98);
  });

  it('text in a %-formatted cell is read as written', () => {
    expect(numberOf('98', 'rate', ctx({ format: '0%', rateScale: 'percent' }))).toBe(0.98);
  });
});

describe('a rate column without formats is decided as a whole', () => {
  const column = (raws: RawCell[], formats: CellFormat[] = []) => raws.map((raw, i) => ({ raw, format: formats[i] }));
  const read = (raws: RawCell[], formats: CellFormat[] = []) => {
    const rateScale = decideRateScale(column(raws, formats));
    return raws.map((raw, i) => numberOf(raw, 'rate', ctx({ header: '回款及时率(%)', rateScale, format: formats[i] })));
  };

  it('98, 100, 1 are per cent: 98 %, 100 %, 1 %', () => {
    expect(decideRateScale(column([98, 100, 1]))).toBe('percent');
    expect(read([98, 100, 1])).toEqual([0.98, 1, 0.01]);
  });

  it('0.98, 1 are fractions: 98 %, 100 %', () => {
    expect(decideRateScale(column([0.98, 1]))).toBe('fraction');
    expect(read([0.98, 1])).toEqual([0.98, 1]);
  });

  it('plain numbers written as text take part: "95", 0.5 are per cent', () => {
    expect(read(['95', 0.5])).toEqual([0.95, 0.005]);
  });

  it('a number with its unit written keeps it and does not take part: 98%, 0.5, 1 → 98 %, 50 %, 100 %', () => {
    expect(read(['98%', 0.5, 1])).toEqual([0.98, 0.5, 1]);
  });

  it('%-formatted cells are fractions and do not take part: 1 (0%), 0.95 (0%), 0.9 → 100 %, 95 %, 90 %', () => {
    expect(read([1, 0.95, 0.9], ['0%', '0%', null])).toEqual([1, 0.95, 0.9]);
  });

  it('a %-formatted cell beside per-cent numbers is still its fraction: 1 (0%), 95 → 100 %, 95 %', () => {
    expect(read([1, 95], ['0%', null])).toEqual([1, 0.95]);
  });

  it('a negative per-cent number decides too: -5, 0.5 → -5 %, 0.5 %', () => {
    expect(read([-5, 0.5])).toEqual([-0.05, 0.005]);
  });

  it('blank, text and unreadable cells do not decide: 0.98, blank, 高 → fractions', () => {
    expect(decideRateScale(column([0.98, null, '高', '-']))).toBe('fraction');
  });
});

describe('a date-formatted number is a date', () => {
  it.each<ValueType>(['money', 'count', 'rate', 'score'])('so it is not a %s', (type) => {
    expectMissing(43586, type, ctx({ format: 'yyyy-mm-dd', scale: { min: 0, max: 100000 } }));
  });

  it('and in a date column it is the serial it holds', () => {
    expect(parseCell(43586, 'date', ctx({ format: 'yyyy"年"m"月"d"日"' }))).toEqual({ kind: 'date', serial: 43586 });
  });
});

describe('under a duration column, a start date or a year counts the years up to the as-of date', () => {
  const tenure = (extra: Partial<ParseContext> = {}) => ctx({ header: '合作时长', asOf: AS_OF, ...extra });

  it('2019-05-01 stored as a date serial (date-formatted) under 合作时长 is 1887 days: about 5.17 years, not 43,586', () => {
    const years = numberOf(43586, 'duration', tenure({ format: 'yyyy-mm-dd' }));
    expect(years).toBeCloseTo(1887 / 365.25, 12);
    expect(years).toBeCloseTo(5.17, 2);
  });

  it('the same serial without a format is above 200, so not years: a plausible serial is a start date', () => {
    expect(numberOf(43586, 'duration', tenure())).toBeCloseTo(1887 / 365.25, 12);
  });

  it.each<[string, RawCell, number]>([
    ['合作起始时间', '2019年', 2007 / 365.25],
    ['合作起始时间', 2019, 2007 / 365.25],
    ['合作时长', 2019, 2007 / 365.25],
    ['合作时长', '2019', 2007 / 365.25],
    ['合作时间(年)', 2019, 2007 / 365.25],
    ['合作起始时间', '2019年5月', 1887 / 365.25],
    ['合作起始时间', '2019-05', 1887 / 365.25],
    ['合作起始时间', '2019-05-01', 1887 / 365.25],
  ])('under %s, %j counts from its first day', (header, raw, years) => {
    expect(numberOf(raw, 'duration', ctx({ header, asOf: AS_OF }))).toBeCloseTo(years, 12);
  });

  it('a small number under a start-date header is years, as a serial that small is no start date', () => {
    expect(numberOf(3, 'duration', ctx({ header: '合作起始时间', asOf: AS_OF }))).toBe(3);
  });

  it.each<RawCell>([500, 1899, 2101, 9999, 5000000, '300年', '250'])('%j under 合作时长 is neither years nor a start date', (raw) => {
    expectMissing(raw, 'duration', tenure());
  });

  it('a unit in the header still applies below 200 years: 240 under 合作时长(月) is 20 years, 2019 under 合作时长(天) 2019 days', () => {
    expect(numberOf(240, 'duration', ctx({ header: '合作时长(月)', asOf: AS_OF }))).toBe(20);
    expect(numberOf(2019, 'duration', ctx({ header: '合作时长(天)', asOf: AS_OF }))).toBeCloseTo(2019 / 365.25, 12);
  });

  it('a start after the as-of date is 0 years', () => {
    expect(numberOf(46000, 'duration', tenure({ format: 'yyyy-mm-dd' }))).toBe(0);
  });
});

describe('the 1904 date system shifts every serial read as a date by 1462 days', () => {
  it('a date cell: 42124 in a 1904 workbook is 2019-05-01 (43586)', () => {
    expect(parseCell(42124, 'date', ctx({ date1904: true }))).toEqual({ kind: 'date', serial: 43586 });
    expect(parseCell('42124', 'date', ctx({ date1904: true }))).toEqual({ kind: 'date', serial: 43586 });
    expect(parseCell(0, 'date', ctx({ date1904: true }))).toEqual({ kind: 'date', serial: 1462 }); // 1904-01-01
  });

  it('a written date is taken as written', () => {
    expect(parseCell('2019-05-01', 'date', ctx({ date1904: true }))).toEqual({ kind: 'date', serial: 43586 });
    expect(parseCell(20190501, 'date', ctx({ date1904: true }))).toEqual({ kind: 'date', serial: 43586 });
  });

  it('a start date under a duration column, date-formatted or plain', () => {
    const c = ctx({ header: '合作时长', asOf: AS_OF, date1904: true });
    expect(numberOf(42124, 'duration', { ...c, format: 'yyyy-mm-dd' })).toBeCloseTo(1887 / 365.25, 12);
    expect(numberOf(42124, 'duration', c)).toBeCloseTo(1887 / 365.25, 12);
    expect(numberOf('2019-05-01', 'duration', c)).toBeCloseTo(1887 / 365.25, 12);
  });

  it('a negative number is no 1904 date', () => {
    expectMissing(-1, 'date', ctx({ date1904: true }));
  });
});

describe('counts with a period are converted to the indicator’s period (a year unless it says otherwise)', () => {
  it.each<[RawCell, number]>([
    ['2次/月', 24],
    ['1次/周', 52],
    ['每季度1次', 4],
    ['每月2次', 24],
    ['2次/季度', 8],
    ['半年1次', 2],
    ['每半年1次', 2],
    ['一年两次', 2],
    ['月均2次', 24],
    ['每两周一次', 26],
    ['每3个月1次', 4],
    ['12 次/年', 12],
    ['3 times a month', 36],
    ['twice a week', 104],
    ['once a quarter', 4],
    ['2x/month', 24],
    ['weekly', 52],
    ['monthly', 12],
    ['15次', 15],
    [15, 15],
  ])('%j is %d a year', (raw, perYear) => {
    expect(numberOf(raw, 'count', at)).toBe(perYear);
  });

  it('to a monthly indicator: 12次/年 is 1, 2次/月 is 2, 每季度3次 is 1', () => {
    const monthly = ctx({ period: 'month' });
    expect(numberOf('12次/年', 'count', monthly)).toBe(1);
    expect(numberOf('2次/月', 'count', monthly)).toBe(2);
    expect(numberOf('每季度3次', 'count', monthly)).toBe(1);
  });

  it('a plain number takes the header’s period: 2 under 交易频次(次/月) is 24, 3 under 月均下单次数 36', () => {
    expect(numberOf(2, 'count', ctx({ header: '交易频次(次/月)' }))).toBe(24);
    expect(numberOf(3, 'count', ctx({ header: '月均下单次数' }))).toBe(36);
    expect(numberOf(12, 'count', ctx({ header: '年均交易频次(次/年)' }))).toBe(12);
    expect(numberOf('1次/周', 'count', ctx({ header: '交易频次(次/月)' }))).toBe(52);
  });

  it.each<RawCell>(['十五次', '2次/月份份', '每月', '-2次/月'])('%j is not a count', (raw) => expectMissing(raw, 'count', at));
});

describe('a score is read on the rule’s scale', () => {
  const oneToFive = ctx({ header: '满意度评分', scale: { min: 1, max: 5 } });
  const oneToTen = ctx({ header: '满意度评分', scale: { min: 1, max: 10 } });

  it('45 on 1-5 is missing, with its text', () => {
    expectMissing(45, 'score', oneToFive);
    expectMissing('45分', 'score', oneToFive);
    expectMissing(0, 'score', oneToFive);
  });

  it.each<[RawCell, ParseContext, number]>([
    [4.5, oneToFive, 4.5],
    [5, oneToFive, 5],
    [1, oneToFive, 1],
    ['9/10', oneToTen, 9],
    ['9/10', oneToFive, 4.5],
    ['4.5/5', oneToFive, 4.5],
    ['4/5', oneToTen, 8],
    ['85/100', oneToFive, 4.25],
    ['9分/10分', oneToFive, 4.5],
  ])('%j is %p', (raw, c, value) => {
    expect(numberOf(raw, 'score', c)).toBe(value);
  });

  it('a header naming its scale rescales plain numbers: 9 under 满意度(1-10) is 4.5 on 1-5; 4 under (1-5) is 8 on 1-10', () => {
    expect(numberOf(9, 'score', ctx({ header: '满意度评分(1-10)', scale: { min: 1, max: 5 } }))).toBe(4.5);
    expect(numberOf(4, 'score', ctx({ header: '满意度评分（1～5分）', scale: { min: 1, max: 10 } }))).toBe(8);
    expect(numberOf(9, 'score', ctx({ header: '满意度(满分10分)', scale: { min: 1, max: 5 } }))).toBe(4.5);
    expectMissing(11, 'score', ctx({ header: '满意度评分(1-10)', scale: { min: 1, max: 5 } }));
  });

  it('a period in the header is no scale: 4.5 under 满意度评分(2023-2024) is 4.5 on 1-5', () => {
    expect(numberOf(4.5, 'score', ctx({ header: '满意度评分(2023-2024)', scale: { min: 1, max: 5 } }))).toBe(4.5);
  });

  it('out of its own maximum, a score above it is unreadable: 11/10', () => {
    expectMissing('11/10', 'score', oneToTen);
  });

  it('without a scale, any score that is not negative reads', () => {
    expect(numberOf(45, 'score', at)).toBe(45);
  });
});
