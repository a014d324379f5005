/** What "blank" means (src/engine/blank.ts): an empty cell, a value written as nothing, a reading that says nothing. */
import { isBlankCell, isBlankReading, isBlankText } from '../../src/engine/blank';
import { parseCell } from '../../src/engine/parse';

describe('blank, at three depths', () => {
  it('an empty cell holds nothing; a dash or 无 is written there, so a new column never lands on it', () => {
    expect([null, undefined, '', '   '].map(isBlankCell)).toEqual([true, true, true, true]);
    expect(['-', '无', 0, false].map(isBlankCell)).toEqual([false, false, false, false]);
  });

  it('a blank spelling is a value written as nothing: -, —, N/A, 无 (docs/scoring-rules.md section 2), and /, 空, 暂无 as people also write it', () => {
    expect(['', '-', '--', '—', '/', 'N/A', 'n/a', 'NA', '无', '空', '暂无'].map(isBlankText)).toEqual(new Array(11).fill(true));
    expect(['0', '无意愿', '暂无数据', 'none'].map(isBlankText)).toEqual([false, false, false, false]);
  });

  it('a blank reading says nothing about a column: a blank or an Excel error; an unreadable text does say something', () => {
    const reading = (text: string) => isBlankReading(parseCell(text, 'money', { address: '' }));
    expect(reading('—')).toBe(true);
    expect(reading('#N/A')).toBe(true);
    expect(reading('很多')).toBe(false);
    expect(reading('80万')).toBe(false);
  });
});
