import { headerUnit, isoFromSerial, parseCell, parseDateText, serialFromIso, serialFromYmd, type ParseContext } from '../../src/engine/parse';
import type { CategoryLabel, MissingReason, RawCell, ValueType } from '../../src/engine/types';

const at: ParseContext = { address: '客户评估!D5' };
const under = (header: string, extra: Partial<ParseContext> = {}): ParseContext => ({ ...at, header, ...extra });

/** The value a cell reads as, or a failure naming what came back instead. */
function numberOf(raw: RawCell, type: ValueType, ctx: ParseContext = at): number {
  const parsed = parseCell(raw, type, ctx);
  if (parsed.kind !== 'number') throw new Error(`${JSON.stringify(raw)} as ${type}: ${JSON.stringify(parsed)}`);
  return parsed.value;
}

function expectMissing(raw: RawCell, type: ValueType, reason: MissingReason, ctx: ParseContext = at): void {
  expect(parseCell(raw, type, ctx)).toEqual({
    kind: 'missing',
    address: ctx.address,
    text: raw == null ? '' : String(raw).trim(),
    reason,
  });
}

describe('money is read in yuan', () => {
  it.each<[RawCell, number]>([
    ['800000', 800_000],
    [800000, 800_000],
    ['80万', 800_000],
    ['80 万元', 800_000],
    ['1.2亿', 120_000_000],
    ['1.2 亿元', 120_000_000],
    ['¥12,000', 12_000],
    ['12,000元', 12_000],
    ['￥3.5万', 35_000],
    ['１２，０００元', 12_000],
    ['12，000', 12_000],
    ['1,234,567.89', 1_234_567.89],
    ['RMB 12,000', 12_000],
    ['CNY12000', 12_000],
    ['12000 RMB', 12_000],
    ['80w', 800_000],
    ['80W', 800_000],
    ['12k', 12_000],
    ['12 千元', 12_000],
    ['3百万', 3_000_000],
    ['约80万', 800_000],
    ['~80万', 800_000],
    ['-3.5万', -35_000],
    ['+5000', 5_000],
    ['-¥5,000', -5_000],
    ['50万以上', 500_000],
  ])('%j is %d yuan', (raw, yuan) => {
    expect(numberOf(raw, 'money')).toBeCloseTo(yuan, 6);
  });

  it('80万 under any header is 800,000 yuan (a unit in the cell wins over the header)', () => {
    expect(numberOf('80万', 'money', under('年交易额（亿元）'))).toBe(800_000);
    expect(numberOf('80万', 'money', under('年交易额(元)'))).toBe(800_000);
    expect(numberOf('12,000元', 'money', under('年交易额（万元）'))).toBe(12_000);
  });

  it.each<[string, RawCell, number]>([
    ['年交易额（万元）', 80, 800_000],
    ['年交易额（万元）', '80', 800_000],
    ['年交易额（万元）', '¥80', 800_000],
    ['年交易额(元)', 80, 80],
    ['年交易额(亿元)', 1.5, 150_000_000],
    ['利润贡献（千元）', 20, 20_000],
    ['金额（单位：万元）', 3, 30_000],
    ['Annual revenue (10k CNY)', 3, 30_000],
    ['年交易额万元', 80, 800_000],
    ['年交易额', 80, 80],
  ])('under %s the plain number %j is %d yuan', (header, raw, yuan) => {
    expect(numberOf(raw, 'money', under(header))).toBe(yuan);
  });

  it.each<RawCell>(['80万元左右', '12 000', '1,2345', '80%', '80次', '80万万', 'abc', '1.2.3', '80~100万', true, false])(
    '%j is not an amount of money',
    (raw) => expectMissing(raw, 'money', 'unreadable'),
  );
});

describe('counts', () => {
  it.each<[RawCell, number]>([
    ['15', 15],
    [15, 15],
    ['15次', 15],
    ['12 次/年', 12],
    ['3次/月', 36],
    ['2家', 2],
    ['4个', 4],
    ['3人', 3],
    ['8笔', 8],
    ['6单', 6],
    ['9件', 9],
    ['0', 0],
    ['10次以上', 10],
    ['７.５次', 7.5],
  ])('%j counts %d', (raw, n) => {
    expect(numberOf(raw, 'count')).toBe(n);
  });

  it.each<RawCell>(['-1', -2, '3万', '15%', '十五次', '两家'])('%j is not a count', (raw) => expectMissing(raw, 'count', 'unreadable'));
});

describe('rates are fractions', () => {
  it.each<[RawCell, number]>([
    ['0.98', 0.98],
    [0.98, 0.98],
    ['98%', 0.98],
    ['98 %', 0.98],
    ['98％', 0.98],
    ['98', 0.98],
    [98, 0.98],
    ['1', 1],
    [1, 1],
    [0, 0],
    ['100%', 1],
    ['-5%', -0.05],
    [-5, -0.05],
    ['-0.05', -0.05],
    ['5‰', 0.005],
    ['150%', 1.5],
    ['95%以上', 0.95],
  ])('%j in a rate column is %d', (raw, fraction) => {
    expect(numberOf(raw, 'rate')).toBeCloseTo(fraction, 12);
  });

  it.each<[RawCell, number]>([
    [98, 0.98],
    ['98', 0.98],
    [1, 1], // alone, a number of at most 1 is a fraction: the column decides otherwise (decideRateScale)
    [0, 0],
    [100, 1],
    [0.98, 0.98],
    ['98%', 0.98],
    [-5, -0.05],
  ])('under 回款及时率(%%), without a column decision, the number %j is %d', (raw, fraction) => {
    expect(numberOf(raw, 'rate', under('回款及时率(%)'))).toBeCloseTo(fraction, 12);
  });

  it.each<RawCell>(['98分', 'abc', '98%%', '0.98.1', true])('%j is not a rate', (raw) => expectMissing(raw, 'rate', 'unreadable'));
});

describe('durations are years', () => {
  it.each<[RawCell, number]>([
    ['3', 3],
    [3, 3],
    [2.5, 2.5],
    ['3年', 3],
    ['18个月', 1.5],
    ['1年6个月', 1.5],
    ['1年零6个月', 1.5],
    ['2.5 years', 2.5],
    ['1 year 6 months', 1.5],
    ['6 months', 0.5],
    ['2 yrs', 2],
    ['半年', 0.5],
    ['两年半', 2.5],
    ['三年', 3],
    ['十八个月', 1.5],
    ['3年以上', 3],
    ['０.５年', 0.5],
  ])('%j lasts %d years', (raw, years) => {
    expect(numberOf(raw, 'duration')).toBeCloseTo(years, 12);
  });

  it.each<RawCell>(['-1', -2, '6个月1年', '3年年', 'abc', '3 apples', true])('%j is not a duration', (raw) => expectMissing(raw, 'duration', 'unreadable'));

  it('a plain number under 合作时长(月) is months, and a unit in the cell still wins', () => {
    expect(numberOf(18, 'duration', under('合作时长(月)'))).toBe(1.5);
    expect(numberOf('2年', 'duration', under('合作时长(月)'))).toBe(2);
  });

  describe('from a start date up to the as-of date', () => {
    const asOf = serialFromYmd(2024, 6, 30);
    const start = under('合作起始时间', { asOf });

    it.each<[string, RawCell, number]>([
      ['a written start date', '2022-06-30', 731 / 365.25],
      ['a start date written in Chinese', '2023年6月30日', 366 / 365.25],
      ['an Excel serial', serialFromYmd(2021, 6, 30), 1096 / 365.25],
      ['an Excel serial with a time of day', serialFromYmd(2021, 6, 30) + 0.75, 1096 / 365.25],
      ['a serial given as text', String(serialFromYmd(2021, 6, 30)), 1096 / 365.25],
      ['the as-of date itself', '2024-06-30', 0],
      ['a date after the as-of date', '2025-01-01', 0],
      ['a duration written with its unit', '3年', 3],
    ])('%s in 合作起始时间 gives years', (_what, raw, years) => {
      expect(numberOf(raw, 'duration', start)).toBeCloseTo(years, 12);
    });

    it.each(['首次合作日期', '合作开始时间', 'Customer since', 'Start date', '合作时间'])('%s is a start-date column', (header) => {
      expect(numberOf(serialFromYmd(2022, 6, 30), 'duration', under(header, { asOf }))).toBeCloseTo(731 / 365.25, 12);
    });

    it.each(['合作时长', '合作年限', '合作时间(年)', 'Years as customer'])('%s holds years, not dates', (header) => {
      expect(numberOf(3, 'duration', under(header, { asOf }))).toBe(3);
    });

    it('a date in any duration column is a start date', () => {
      expect(numberOf('2022-06-30', 'duration', under('合作时长', { asOf }))).toBeCloseTo(731 / 365.25, 12);
    });

    it('without an as-of date a start date cannot be read', () => {
      expectMissing('2022-06-30', 'duration', 'unreadable', under('合作起始时间'));
      expectMissing(45000, 'duration', 'unreadable', under('合作起始时间'));
    });

    it('an impossible start date is unreadable', () => {
      expectMissing('2022-02-30', 'duration', 'unreadable', start);
      expectMissing(-5, 'duration', 'unreadable', start);
    });
  });
});

describe('scores', () => {
  it.each<[RawCell, number]>([
    ['4.8', 4.8],
    [4.8, 4.8],
    ['4.8分', 4.8],
    [' 9 分 ', 9],
    ['９分', 9],
    ['4.5/5', 4.5],
    ['9分/10分', 9],
    ['0', 0],
    ['85', 85],
  ])('%j scores %d', (raw, score) => {
    expect(numberOf(raw, 'score')).toBe(score);
  });

  it.each<RawCell>(['6/5', '4.5/0', '-1', '好', '4.5元', true])('%j is not a score', (raw) => expectMissing(raw, 'score', 'unreadable'));
});

describe('dates are Excel serials', () => {
  it('serial 45292 is 2024-01-01, both ways', () => {
    expect(serialFromYmd(2024, 1, 1)).toBe(45292);
    expect(isoFromSerial(45292)).toBe('2024-01-01');
    expect(serialFromIso('2024-01-01')).toBe(45292);
  });

  it('1900-03-01 is serial 61, the first day the 1899-12-30 epoch agrees with Excel', () => {
    expect(serialFromYmd(1900, 3, 1)).toBe(61);
    expect(isoFromSerial(61)).toBe('1900-03-01');
  });

  it('isoFromSerial drops the time of day and pads the year', () => {
    expect(isoFromSerial(45292.99)).toBe('2024-01-01');
    expect(isoFromSerial(2958465)).toBe('9999-12-31');
    expect(isoFromSerial(Number.NaN)).toBe('');
  });

  it('serialFromIso rejects what is not a real day', () => {
    expect(serialFromIso('2024-02-30')).toBeUndefined();
    expect(serialFromIso('2024-02-29')).toBe(serialFromYmd(2024, 2, 29));
    expect(serialFromIso('2023-02-29')).toBeUndefined();
    expect(serialFromIso('2024/01/01')).toBeUndefined();
  });

  const march10 = serialFromYmd(2024, 3, 10);
  it.each<[RawCell, number]>([
    [45292, 45292],
    [45292.75, 45292],
    ['45292', 45292],
    ['45292.5', 45292],
    ['2024-03-10', march10],
    ['2024/3/10', march10],
    ['2024年3月10日', march10],
    ['2024.03.10', march10],
    ['2024-3-10 14:30', march10],
    ['2024-03-10T08:00:00', march10],
    ['2024-03-10T23:30:00Z', march10],
    ['２０２４－０３－１０', march10],
    ['20240310', march10],
    [20240310, march10],
    [2958465, 2958465],
  ])('%j is serial %d', (raw, serial) => {
    expect(parseCell(raw, 'date', at)).toEqual({ kind: 'date', serial });
  });

  it.each<RawCell>([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-03-10 25:00',
    '2024-03/10',
    '2024-03',
    '10/3/2024',
    '1899-12-31',
    '0',
    0,
    -1,
    2958466,
    '45,292',
    '明天',
    true,
  ])('%j is not a date', (raw) => expectMissing(raw, 'date', 'unreadable'));

  it('parseDateText reads written dates only, not serials', () => {
    expect(parseDateText('2024/3/10')).toBe(march10);
    expect(parseDateText('45292')).toBeUndefined();
    expect(parseDateText('2024-02-30')).toBeUndefined();
  });
});

describe('categories match the rule’s labels', () => {
  const credit: CategoryLabel[] = [
    { label: 'AAA', synonyms: ['AAA级'] },
    { label: 'AA', synonyms: ['AA级'] },
    { label: 'A及以下', synonyms: ['A', 'A级', 'BBB'] },
  ];
  const growth: CategoryLabel[] = [{ label: '高增长', synonyms: ['High growth'] }, { label: '稳定', synonyms: ['平稳'] }, { label: '衰退' }];
  const willingness: CategoryLabel[] = [{ label: '主动尝试', synonyms: ['主动'] }, { label: '被动接受' }, { label: '无意愿', synonyms: ['无', '不愿意'] }];
  const category = (raw: RawCell, labels: CategoryLabel[]) => parseCell(raw, 'category', { ...at, labels });

  it.each<[RawCell, CategoryLabel[], string]>([
    ['AAA', credit, 'AAA'],
    ['aaa', credit, 'AAA'],
    ['ＡＡＡ', credit, 'AAA'],
    [' AA ', credit, 'AA'],
    ['A', credit, 'A及以下'],
    ['BBB', credit, 'A及以下'],
    ['high  growth', growth, '高增长'],
    ['平稳', growth, '稳定'],
    ['主动尝试', willingness, '主动尝试'],
    ['无', willingness, '无意愿'],
  ])('%j is exactly a spelling of its label', (raw, labels, label) => {
    expect(category(raw, labels)).toEqual({ kind: 'category', value: label });
  });

  it.each<[RawCell, CategoryLabel[], string]>([
    ['AAA级', credit, 'AAA'],
    ['AAA级客户', credit, 'AAA'],
    ['AA+', credit, 'AA'],
    ['信用AA', credit, 'AA'],
    ['高增长行业', growth, '高增长'],
    ['行业稳定', growth, '稳定'],
    ['比较主动', willingness, '主动尝试'],
  ])('%j contains the longest matching spelling', (raw, labels, label) => {
    expect(category(raw, labels)).toEqual({ kind: 'category', value: label });
  });

  it('AAA级 is AAA, not AA or A, whatever order the labels come in', () => {
    expect(category('AAA级客户', [...credit].reverse())).toEqual({ kind: 'category', value: 'AAA' });
  });

  it.each<[RawCell, CategoryLabel[]]>([
    ['中等', growth],
    ['不稳定', growth],
    ['非高增长', growth],
    ['B', credit],
    [42, growth],
  ])('%j matches no label and is unreadable', (raw, labels) => {
    expectMissing(raw, 'category', 'unreadable', { ...at, labels });
  });

  it('without labels nothing can be matched', () => {
    expectMissing('AAA', 'category', 'unreadable');
  });

  it('a blank spelling that is no label is blank', () => {
    expectMissing('-', 'category', 'blank', { ...at, labels: credit });
    expectMissing('无', 'category', 'blank', { ...at, labels: credit });
  });
});

describe('text', () => {
  it('is the trimmed cell', () => {
    expect(parseCell('  张三  ', 'text', at)).toEqual({ kind: 'text', value: '张三' });
    expect(parseCell(42, 'text', at)).toEqual({ kind: 'text', value: '42' });
  });
});

describe('missing values', () => {
  const allTypes: ValueType[] = ['money', 'count', 'rate', 'duration', 'score', 'date', 'text'];
  const blanks: RawCell[] = [null, undefined, '', '   ', '\u3000', '\t\n', '-', '--', '—', '–', '/', 'N/A', 'n/a', 'NA', '无', '空', '暂无', ' N/A ', '－'];
  const errors = ['#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA'];

  describe.each(allTypes)('as %s', (type) => {
    it.each(blanks.map((b) => [b]))('%j is blank', (raw) => expectMissing(raw, type, 'blank'));
    it.each(errors)('%s is an Excel error', (raw) => expectMissing(raw, type, 'error'));
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('the number %d is unreadable for every type', (n) => {
    for (const type of [...allTypes, 'category'] as ValueType[]) expectMissing(n, type, 'unreadable', { ...at, labels: [{ label: 'x' }] });
  });

  it('a missing value carries the address and the text seen', () => {
    expect(parseCell('  8O万 ', 'money', { address: 'Sheet1!C7' })).toEqual({
      kind: 'missing',
      address: 'Sheet1!C7',
      text: '8O万',
      reason: 'unreadable',
    });
  });

  it('an amount too large for a number is unreadable, not Infinity', () => {
    expectMissing('1e305亿', 'money', 'unreadable');
    expectMissing(1e305, 'money', 'unreadable', under('金额(亿元)'));
  });

  it('minus zero reads as zero', () => {
    expect(Object.is(numberOf(-0, 'money'), 0)).toBe(true);
  });
});

describe('headerUnit', () => {
  it.each<[string | undefined, ReturnType<typeof headerUnit>]>([
    ['年交易额（万元）', { multiplier: 1e4 }],
    ['年交易额(元)', { multiplier: 1 }],
    ['年交易额(亿元)', { multiplier: 1e8 }],
    ['年交易额(亿)', { multiplier: 1e8 }],
    ['利润（千元）', { multiplier: 1e3 }],
    ['金额【单位：万元】', { multiplier: 1e4 }],
    ['Revenue (CNY)', { multiplier: 1 }],
    ['Revenue (k)', { multiplier: 1e3 }],
    ['回款及时率(%)', { percent: true }],
    ['回款及时率（％）', { percent: true }],
    ['回款及时率%', { percent: true }],
    ['年交易额万元', { multiplier: 1e4 }],
    ['服务响应速度(1-5)', {}],
    ['合作时长(年)', {}],
    ['客户名称', {}],
    ['', {}],
    [undefined, {}],
  ])('%j → %j', (header, unit) => {
    expect(headerUnit(header)).toEqual(unit);
  });
});
