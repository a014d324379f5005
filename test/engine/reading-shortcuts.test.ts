/**
 * The shortcuts the engine takes to read 100,000 customers quickly (issue #9) must read
 * exactly what the long way reads: a text with nothing to fold or lower-case is given back
 * as it is, a number written digits-first is read without regular expressions, a header's
 * unit is read once, and a column's repeated values are read once each — by value and
 * format, a missing one still naming its own cell.
 */
import { readNumber, headerUnit } from '../../src/engine/parse-number';
import { prepareWorkbook, scorePrepared } from '../../src/engine/run';
import { compact, foldWidth, normaliseKey } from '../../src/engine/text';
import type { CellFormat, RawCell } from '../../src/engine/types';
import { getPreset } from '../../src/presets';
import { EVALUATION_HEADER, SEED_000_ROW, serial, sheet } from '../helpers/grid';

describe('text normalisation', () => {
  test('full-width characters fold; a text without any is the same text', () => {
    expect(foldWidth('ＡＢＣ１２３　公司')).toBe('ABC123 公司');
    expect(foldWidth('华东精密【集团】')).toBe('华东精密【集团】');
  });

  test('compact forms for labels: folded, lower-case, without spaces', () => {
    expect(compact(' ＡＡＡ 级 ')).toBe('aaa级');
    expect(compact('高增长')).toBe('高增长');
    expect(compact('Key Account')).toBe('keyaccount');
    expect(compact('ÄB\u00a0级')).toBe('äb级');
  });

  test('customer keys: trimmed, inner spaces collapsed, Latin letters lower-case', () => {
    expect(normaliseKey('  华东  精密 ')).toBe('华东 精密');
    expect(normaliseKey('ABC公司')).toBe('abc公司');
    expect(normaliseKey('客户000123有限公司')).toBe('客户000123有限公司');
    expect(normaliseKey('Ｃ００１')).toBe('c001');
  });
});

describe('numbers written as text', () => {
  test.each<[string, { value: number; unit: string } | undefined]>([
    ['85%', { value: 85, unit: '%' }],
    ['80万', { value: 80, unit: '万' }],
    ['4.8分', { value: 4.8, unit: '分' }],
    ['12次/月', { value: 12, unit: '次/月' }],
    ['80 万元 ', { value: 80, unit: '万元' }],
    ['８０万', { value: 80, unit: '万' }],
    ['1,234.5元', { value: 1234.5, unit: '元' }],
    ['1e3', { value: 1000, unit: '' }],
    ['12.x', { value: 12, unit: '.x' }],
    ['-5%', { value: -5, unit: '%' }],
    ['约3年', { value: 3, unit: '年' }],
    ['高增长', undefined],
  ])('%s', (text, expected) => {
    const reading = readNumber(text);
    expect(reading && { value: reading.value, unit: reading.unit }).toEqual(expected);
  });

  test('digits too many for a number are no number', () => {
    expect(readNumber('9'.repeat(400))).toBeUndefined();
  });

  test('a header’s unit is read once and is the same each time it is asked for', () => {
    expect(headerUnit('年交易额（万元）')).toEqual({ multiplier: 10_000 });
    expect(headerUnit('年交易额（万元）')).toBe(headerUnit('年交易额（万元）'));
    expect(Object.isFrozen(headerUnit('回款及时率(%)'))).toBe(true);
    expect(headerUnit('回款及时率(%)')).toEqual({ percent: true });
  });
});

describe('a column’s repeated values', () => {
  const rules = getPreset('evaluation');
  // Columns: A 客户名称, B 合作时长, C 行业, D 频次, E 回款及时率, F 满意度评分(1-5), G 投诉解决, H 复购率, I 意愿, J 信用, K 履约率.
  const rows: RawCell[][] = [
    EVALUATION_HEADER,
    ['甲', ...SEED_000_ROW.slice(1, 4), '—', 4.5, ...SEED_000_ROW.slice(6)],
    ['乙', ...SEED_000_ROW.slice(1, 4), '—', 4.5, ...SEED_000_ROW.slice(6)],
    ['丙', ...SEED_000_ROW.slice(1, 4), 98, 4.5, ...SEED_000_ROW.slice(6)],
  ];
  const general = rows.map((r) => r.map((): CellFormat => null));
  // 丙's 4.5 is shown as a date: a date-formatted number is not a score (docs/scoring-rules.md section 2).
  const formats = general.map((r, i) => (i === 3 ? r.map((f, c) => (c === 5 ? 'yyyy-mm-dd' : f)) : r));
  const run = scorePrepared(prepareWorkbook([{ ...sheet('客户评估', rows), formats }], { rules, asOf: serial('2024-06-30') }), rules);
  const missing = (i: number) => run.customers[i]!.flags.filter((f) => f.id === 'missing-data');

  test('the same blank in two rows: each missing value names its own cell', () => {
    expect(missing(0)).toEqual([{ id: 'missing-data', indicator: 'paymentOnTime', address: '客户评估!E2', text: '—', reason: 'blank' }]);
    expect(missing(1)).toEqual([{ id: 'missing-data', indicator: 'paymentOnTime', address: '客户评估!E3', text: '—', reason: 'blank' }]);
  });

  test('the same number under another format reads by its format', () => {
    expect(run.customers[0]!.indicators.find((r) => r.indicator === 'satisfaction')!.value).toBe(4.5);
    expect(missing(2)).toEqual([{ id: 'missing-data', indicator: 'satisfaction', address: '客户评估!F4', text: '4.5', reason: 'unreadable' }]);
  });
});
