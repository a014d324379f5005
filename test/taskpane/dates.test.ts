/** Dates in the pane's language: how the *Flags as of* field and the run summary write a day, and what the field reads. */
import { formatDay, parseDay } from '../../src/taskpane/dates';
import { serial } from '../helpers/grid';

describe('dates in the pane language', () => {
  it('writes a day as each language does: 2024/06/30 and 6/30/2024', () => {
    expect(formatDay(serial('2024-06-30'), 'zh-CN')).toBe('2024/06/30');
    expect(formatDay(serial('2024-06-30'), 'en-US')).toBe('6/30/2024');
    expect(formatDay(serial('2026-01-05'), 'zh-CN')).toBe('2026/01/05');
    expect(formatDay(serial('2026-01-05'), 'en-US')).toBe('1/5/2026');
  });

  it.each([
    ['2024/06/30', 'zh-CN'],
    ['2024/6/30', 'zh-CN'],
    ['2024-06-30', 'zh-CN'],
    ['2024.6.30', 'zh-CN'],
    ['2024年6月30日', 'zh-CN'],
    ['2024年6月30', 'zh-CN'],
    [' ２０２４／０６／３０ ', 'zh-CN'], // full-width digits and slashes, as a Chinese IME types them
    ['6/30/2024', 'en-US'],
    ['06/30/2024', 'en-US'],
    ['2024-06-30', 'en-US'],
    ['2024/06/30', 'en-US'],
  ] as const)('reads %s in %s as 2024-06-30', (text, language) => {
    expect(parseDay(text, language)).toBe(serial('2024-06-30'));
  });

  it.each([
    ['', 'zh-CN'],
    ['明天', 'zh-CN'],
    ['6/30/2024', 'zh-CN'], // month first is English only
    ['30/6/2024', 'en-US'],
    ['2024/02/30', 'en-US'],
    ['2023-02-29', 'zh-CN'],
    ['2024/13/01', 'zh-CN'],
    ['24/6/30', 'zh-CN'],
    ['1899-12-31', 'en-US'],
  ] as const)('does not read %j in %s as a day', (text, language) => {
    expect(parseDay(text, language)).toBeUndefined();
  });

  it('reads a leap day', () => {
    expect(parseDay('2/29/2024', 'en-US')).toBe(serial('2024-02-29'));
  });
});
