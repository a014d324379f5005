import fc from 'fast-check';
import { COUNT_PERIODS } from '../../src/engine/parse-count';
import { decideRateScale, parseCell, parseCellUnchecked, type ParseContext } from '../../src/engine/parse';
import { formatKind } from '../../src/engine/number-format';
import type { CategoryLabel, CellFormat, Parsed, RawCell, ValueType } from '../../src/engine/types';

const RUNS = 3000;
const TYPES: ValueType[] = ['money', 'count', 'rate', 'duration', 'score', 'date', 'category', 'text'];
const MAX_SERIAL = 2_958_465;

/** Pieces of the things people type into numeric cells, half- and full-width. */
const numberish: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', ' ', '约', '~', '～', '¥', '￥', 'RMB ', 'cny', '-', '+', '－', '−', '-¥', '¥-', '大约'),
    fc.oneof(
      fc.array(fc.constantFrom(...'0123456789０１２３４５６７８９,，.．  eE-+'), { minLength: 0, maxLength: 16 }).map((cs) => cs.join('')),
      fc.integer({ min: 0, max: 3_000_000 }).map(String),
      fc.integer({ min: 0, max: 2_000_000_000 }).map((n) => n.toLocaleString('en-US')),
      fc.double({ min: 0, max: 1e6, noNaN: true }).map(String),
      fc.integer({ min: 0, max: 99_999 }).map((n) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
    ),
    fc.constantFrom(
      '',
      ' ',
      '万',
      '万元',
      ' 万元',
      '元',
      '亿',
      '亿元',
      '千',
      '千元',
      '百万',
      'w',
      'W',
      'k',
      'K',
      'RMB',
      '%',
      '％',
      ' %',
      '‰',
      '次',
      '次/年',
      '家',
      '个',
      '年',
      '个月',
      '年6个月',
      '半',
      '天',
      ' years',
      ' months',
      '分',
      '/5',
      '/0',
      '/10分',
      '以上',
      '+',
      '级',
      '号',
      '次/月',
      '次/周',
      '次/季度',
      '次/两周',
      '/3个月',
      ' times a month',
      'x/week',
      '年5月',
      '年度',
    ),
    fc.constantFrom('', '', '', ' ', '以上', '左右', '万', '%', '/', '-3-10', '年3月10日', 'T08:00:00', ' 14:30'),
  )
  .map((parts) => parts.join(''));

/** Written dates with plausible and implausible parts. */
const dateish: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: 12000 }),
    fc.constantFrom('-', '/', '.', '年', '－'),
    fc.integer({ min: -1, max: 14 }),
    fc.constantFrom('-', '/', '.', '月'),
    fc.integer({ min: -1, max: 33 }),
    fc.constantFrom('', '日', ' 14:30', 'T08:00:00', ' 25:61', 'Z'),
  )
  .map(([y, s1, m, s2, d, tail]) => `${y}${s1}${m}${s2}${d}${tail}`);

const labelsArb: fc.Arbitrary<CategoryLabel[]> = fc.array(
  fc.record(
    {
      label: fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.constantFrom('AAA', 'AA', 'A及以下', '高增长', '稳定', '衰退', '无意愿', '-', ' ')),
      synonyms: fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('AAA级', '无', '高', '', 'High growth')), { maxLength: 4 }),
    },
    { requiredKeys: ['label'] },
  ),
  { maxLength: 6 },
);

const rawArb: fc.Arbitrary<RawCell> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom(...'０１２３４５６７８９，．％＋－　万元亿次年月分级AＡ-/ #') }),
  numberish,
  dateish,
  fc.double(),
  fc.double({ min: -1e6, max: 3e6 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1, 60, 61, MAX_SERIAL, MAX_SERIAL + 1, 20240310, 1e308),
  fc.integer(),
  fc.integer({ min: -100, max: 100 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom('', ' ', '-', '—', 'N/A', '无', '暂无', '#N/A', '#DIV/0!', '#GETTING_DATA', 'AAA级', '高增长行业', '不稳定'),
  fc.constantFrom('每季度1次', '每两周一次', '半年1次', '月均2次', 'weekly', 'twice a month', '每十个月一次', '2019年', '2019年13月', '9/10', '45分/5'),
);

/** Number format codes: real ones, and strings of the characters that mean something in them. */
const formatArb: fc.Arbitrary<CellFormat> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom(
    'General',
    '0%',
    '0.0%;[Red]-0.0%',
    '0"%"',
    '0\\%',
    'yyyy-mm-dd',
    'yyyy"年"m"月"d"日"',
    '[$-F800]dddd, mmmm dd, yyyy',
    '[h]:mm:ss',
    'h:mm',
    '@',
    '[Red]0.00',
    '[Color10]#,##0',
    '[DBNum1][$-804]General',
    '0.00E+00',
    ';;;',
    '"',
    '[',
    '\\',
    '_',
    '*',
    '"%',
    '[$-F400',
  ),
  fc.string({ unit: fc.constantFrom(...'"\\[]%;@0#?.,ymdhsAMP/E+-_* 年月日$F800元'), maxLength: 16 }),
  fc.string({ maxLength: 10 }),
);

const scaleArb = fc.record({
  min: fc.oneof(fc.constantFrom(0, 1), fc.double({ noNaN: true, noDefaultInfinity: true })),
  max: fc.oneof(fc.constantFrom(0, 5, 10, 100), fc.double({ noNaN: true, noDefaultInfinity: true })),
});

const headerArb: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    '年交易额（万元）',
    '年交易额(元)',
    '金额(亿元)',
    '利润贡献（千元）',
    '回款及时率(%)',
    '回款及时率%',
    '合作起始时间',
    '首次合作日期',
    '合作时长',
    '合作时长(月)',
    '合作时间(年)',
    'Customer since',
    '服务响应速度(1-5)',
    '(((',
    '（万元',
    '单位：',
  ),
  fc
    .tuple(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('(', '（', '【', ''),
      fc.constantFrom('万元', '%', '亿', '月', '元', 'k', ''),
      fc.constantFrom(')', '）', ''),
    )
    .map((p) => p.join('')),
);

const ctxArb: fc.Arbitrary<ParseContext> = fc.record(
  {
    address: fc.string({ maxLength: 12 }),
    header: fc.oneof(headerArb, fc.constantFrom('满意度评分(1-10)', '满意度(满分10分)', '(0-0)', '(5-1)', '交易频次(次/月)', '月均下单次数', '合作时长(天)')),
    asOf: fc.oneof(fc.integer({ min: -10, max: MAX_SERIAL + 10 }), fc.double(), fc.constant(45473)),
    labels: labelsArb,
    format: formatArb,
    date1904: fc.boolean(),
    rateScale: fc.constantFrom('fraction' as const, 'percent' as const),
    scale: scaleArb,
    period: fc.constantFrom(...COUNT_PERIODS),
  },
  { requiredKeys: ['address'] },
);

const EXPECTED_KIND: Record<ValueType, Parsed['kind']> = {
  money: 'number',
  count: 'number',
  rate: 'number',
  duration: 'number',
  score: 'number',
  date: 'date',
  category: 'category',
  text: 'text',
};

/** What every result must satisfy, whatever the cell. */
function checkResult(type: ValueType, raw: RawCell, ctx: ParseContext, result: Parsed): void {
  if (result.kind === 'missing') {
    expect(result.address).toBe(ctx.address);
    expect(['blank', 'error', 'unreadable']).toContain(result.reason);
    expect(result.text).toBe(raw == null ? '' : String(raw).trim());
    return;
  }
  expect(result.kind).toBe(EXPECTED_KIND[type]);
  switch (result.kind) {
    case 'number':
      expect(Number.isFinite(result.value)).toBe(true);
      expect(Object.is(result.value, -0)).toBe(false);
      if (type === 'count' || type === 'duration' || type === 'score') expect(result.value).toBeGreaterThanOrEqual(0);
      break;
    case 'date':
      expect(Number.isInteger(result.serial)).toBe(true);
      expect(result.serial).toBeGreaterThanOrEqual(1);
      expect(result.serial).toBeLessThanOrEqual(MAX_SERIAL);
      break;
    case 'category':
      expect((ctx.labels ?? []).map((l) => l.label)).toContain(result.value);
      break;
    case 'text':
      expect(result.value).toBe(String(raw).trim());
      break;
  }
}

describe.each(TYPES)('parseCell as %s, on any cell under any header, format, date system, rate decision, scale and period', (type) => {
  it(`never throws, even without its safety net, and returns a finite value of the right kind or a missing value with the address (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(rawArb, ctxArb, (raw, ctx) => {
        // The type's readers themselves must not throw: parseCell's catch-all would hide it.
        let result: Parsed | undefined;
        expect(() => {
          result = parseCellUnchecked(raw, type, ctx);
        }).not.toThrow();
        checkResult(type, raw, ctx, result!);
        expect(parseCell(raw, type, ctx)).toEqual(result);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('deciding a rate column and classifying formats', () => {
  it('never throws, on any cells and formats (1000 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ raw: rawArb, format: formatArb })), (cells) => {
        expect(['fraction', 'percent']).toContain(decideRateScale(cells));
        for (const { format } of cells) expect(['general', 'number', 'percent', 'date', 'time', 'text']).toContain(formatKind(format));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseCell on text that is a cell value with extra spaces', () => {
  it('reads the same with the spaces around it (1000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(numberish, dateish), fc.constantFrom(...TYPES), ctxArb, (text, type, ctx) => {
        const plain = parseCell(text, type, ctx);
        const padded = parseCell(`  ${text}\u3000`, type, ctx);
        if (plain.kind === 'missing' || padded.kind === 'missing') {
          expect(padded.kind).toBe(plain.kind);
        } else {
          expect(padded).toEqual(plain);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
