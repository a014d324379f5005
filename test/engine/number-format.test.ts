import { builtInFormatCode, formatKind, type FormatKind } from '../../src/engine/number-format';

describe('a number format code says what the number in the cell means', () => {
  it.each<[string | null | undefined, FormatKind]>([
    [undefined, 'general'],
    [null, 'general'],
    ['', 'general'],
    ['General', 'general'],
    ['[$-804]General', 'general'],
    ['[DBNum1][$-804]General', 'general'],
    // per cent: the cell holds a fraction
    ['0%', 'percent'],
    ['0.00%', 'percent'],
    ['0.0%;[Red]-0.0%', 'percent'],
    ['[Color10]0%', 'percent'],
    ['#,##0.0%_);(#,##0.0%)', 'percent'],
    // a % that is only literal text is not a percent format
    ['0"%"', 'number'],
    ['"%"0', 'number'],
    ['0\\%', 'number'],
    ['#,##0.00"%"', 'number'],
    ['0.0"万元"', 'number'],
    ['0"元"', 'number'],
    ['#,##0;[Red]-#,##0', 'number'],
    ['[Red]0.00', 'number'],
    ['[Color10]#,##0', 'number'],
    ['[$¥-804]#,##0.00', 'number'],
    ['_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)', 'number'],
    ['0.00E+00', 'number'],
    ['# ?/?', 'number'],
    [';;;', 'number'],
    ['#,##0;[Red]-#,##0;0;@', 'number'],
    // dates, with or without a time of day
    ['yyyy-mm-dd', 'date'],
    ['yyyy/m/d', 'date'],
    ['m/d/yy h:mm', 'date'],
    ['d-mmm-yy', 'date'],
    ['mmm-yy', 'date'],
    ['yyyy"年"m"月"d"日"', 'date'],
    ['yyyy\\年m\\月d\\日', 'date'],
    ['[$-804]yyyy"年"m"月"d"日";@', 'date'],
    ['[DBNum1][$-804]yyyy"年"m"月"d"日"', 'date'],
    ['m"月"d"日"', 'date'],
    ['[$-F800]dddd, mmmm dd, yyyy', 'date'],
    ['[$-409]mmmm d, yyyy;@', 'date'],
    ['e"年"m"月"d"日"', 'date'],
    // times of day and elapsed time
    ['h:mm', 'time'],
    ['h:mm:ss AM/PM', 'time'],
    ['mm:ss', 'time'],
    ['mmss.0', 'time'],
    ['[h]:mm:ss', 'time'],
    ['[mm]:ss', 'time'],
    ['上午/下午h"时"mm"分"', 'time'],
    ['[$-F400]h:mm:ss AM/PM', 'time'],
    // text
    ['@', 'text'],
    ['"编号："@', 'text'],
  ])('%j is %s', (code, kind) => {
    expect(formatKind(code)).toBe(kind);
  });
});

describe('the built-in number formats of ECMA-376 18.8.30', () => {
  it.each<[number, FormatKind]>([
    [0, 'general'],
    [1, 'number'],
    [2, 'number'],
    [3, 'number'],
    [4, 'number'],
    [9, 'percent'],
    [10, 'percent'],
    [11, 'number'],
    [12, 'number'],
    [13, 'number'],
    [14, 'date'],
    [15, 'date'],
    [16, 'date'],
    [17, 'date'],
    [18, 'time'],
    [19, 'time'],
    [20, 'time'],
    [21, 'time'],
    [22, 'date'],
    [27, 'date'],
    [28, 'date'],
    [29, 'date'],
    [30, 'date'],
    [31, 'date'],
    [32, 'time'],
    [33, 'time'],
    [34, 'time'],
    [35, 'time'],
    [36, 'date'],
    [37, 'number'],
    [38, 'number'],
    [39, 'number'],
    [40, 'number'],
    [41, 'number'],
    [42, 'number'],
    [43, 'number'],
    [44, 'number'],
    [45, 'time'],
    [46, 'time'],
    [47, 'time'],
    [48, 'number'],
    [49, 'text'],
    [50, 'date'],
    [51, 'date'],
    [52, 'date'],
    [53, 'date'],
    [54, 'date'],
    [55, 'time'],
    [56, 'time'],
    [57, 'date'],
    [58, 'date'],
  ])('id %d is %s', (id, kind) => {
    expect(formatKind(builtInFormatCode(id))).toBe(kind);
  });

  it('31 is the Chinese long date and 9 the whole per cent', () => {
    expect(builtInFormatCode(31)).toBe('yyyy"年"m"月"d"日"');
    expect(builtInFormatCode(9)).toBe('0%');
    expect(builtInFormatCode(200)).toBeUndefined();
  });
});
