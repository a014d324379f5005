/**
 * Values as the report and the score breakdown write them (src/i18n/scoring.ts formatValue):
 * a sales manager's figures (80万, 98%, 3.5年), in either language, formatted by number
 * formats built once rather than once per value.
 */
import { formatValue } from '../../src/i18n/scoring';
import { getPreset } from '../../src/presets';

const grading = getPreset('grading');
const indicator = (id: string) => grading.indicators.find((i) => i.id === id)!;
const revenue = indicator('annualRevenue');
const growth = indicator('industryGrowth');
const tenure = indicator('tenure');
const referrals = indicator('referrals');
const satisfaction = indicator('satisfaction');

describe('formatValue writes figures as a sales manager does', () => {
  test('money in 万 and 亿 in Chinese, in yuan with thousands separators in English', () => {
    expect(formatValue(800_000, revenue, 'zh-CN')).toBe('80万');
    expect(formatValue(1_234_567.891, revenue, 'zh-CN')).toBe('123.46万');
    expect(formatValue(250_000_000, revenue, 'zh-CN')).toBe('2.5亿');
    expect(formatValue(9_999.5, revenue, 'zh-CN')).toBe('9,999.5元');
    expect(formatValue(1_234_567.891, revenue, 'en-US')).toBe('¥1,234,567.89');
  });

  test('rates in per cent with one decimal, durations in years, counts and scores with up to two decimals', () => {
    expect(formatValue(0.98, growth, 'zh-CN')).toBe('98%');
    expect(formatValue(0.12345, growth, 'en-US')).toBe('12.3%');
    expect(formatValue(1.25, tenure, 'zh-CN')).toBe('1.3年');
    expect(formatValue(3, tenure, 'en-US')).toBe('3 years');
    expect(formatValue(24, referrals, 'zh-CN')).toBe('24');
    expect(formatValue(1234.5, referrals, 'en-US')).toBe('1,234.5');
    expect(formatValue(4.456, satisfaction, 'en-US')).toBe('4.46');
    expect(formatValue(null, satisfaction, 'zh-CN')).toBe('缺失');
  });

  test('a thousand values are formatted without building a formatter per value', () => {
    const perValue = jest.spyOn(Number.prototype, 'toLocaleString');
    try {
      for (let i = 0; i < 1000; i++) {
        formatValue(i * 1234.5, revenue, i % 2 ? 'zh-CN' : 'en-US');
        formatValue(i / 1000, growth, 'zh-CN');
      }
      expect(perValue).not.toHaveBeenCalled();
    } finally {
      perValue.mockRestore();
    }
  });
});
