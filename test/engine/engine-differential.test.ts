/**
 * TEMPORARY: the engine with its fast paths and per-column reading against the engine as it
 * was (test/old-src, a copy of src/engine before the change), on generated cells and tables.
 */
import fc from 'fast-check';
import * as oldParse from '../old-src/engine/parse';
import * as oldRun from '../old-src/engine/run';
import * as oldText from '../old-src/engine/text';
import * as oldNumber from '../old-src/engine/parse-number';
import * as oldCount from '../old-src/engine/parse-count';
import * as oldDuration from '../old-src/engine/parse-duration';
import * as oldCategory from '../old-src/engine/parse-category';
import * as oldFollow from '../old-src/engine/followup';
import { decideRateScale, parseCell, type ParseContext } from '../../src/engine/parse';
import { compact, foldWidth, normaliseKey } from '../../src/engine/text';
import { headerScale, headerUnit, readNumber } from '../../src/engine/parse-number';
import { headerCountPerYear } from '../../src/engine/parse-count';
import { durationHeaderYears } from '../../src/engine/parse-duration';
import { containedCategory, exactCategory } from '../../src/engine/parse-category';
import { COUNT_PERIODS } from '../../src/engine/parse-count';
import { RuleSetSchema, type RuleSet } from '../../src/engine/rules';
import { prepareWorkbook, previewPrepared, scorePrepared } from '../../src/engine/run';
import type { CategoryLabel, CellFormat, RawCell, SheetGrid, ValueType } from '../../src/engine/types';
import { getPreset } from '../../src/presets';

const TYPES: ValueType[] = ['money', 'count', 'rate', 'duration', 'score', 'date', 'category', 'text'];

const unit = fc.constantFrom(
  ...'0123456789０１２３４５６７８９，．％＋－　 \t\nAaZzÄäΣσ万元亿次年月分级AＡ-/#.,%eE+高增长稳定衰退主动尝试被动接受无意愿不非级ａｂ~约¥￥',
  '\u00a0', '\u2003', '\u3000', '\u3001', '\u9fff', '\ua000', 'İ', 'ß', '😀', 'RMB', 'cny', 'N/A', '以上', '个月', '次/月', '/5', '分',
);
const text = fc.oneof(fc.string({ unit, maxLength: 14 }), fc.string({ maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
const numberish = fc.tuple(
  fc.constantFrom('', ' ', '约', '~', '¥', '-', '+', '－', '大约'),
  fc.oneof(fc.integer({ min: 0, max: 3_000_000 }).map(String), fc.double({ min: 0, max: 1e6, noNaN: true }).map(String), fc.constantFrom('1,234', '12,345.6', '1e3', '.5', '5.', '007', '9'.repeat(400))),
  fc.constantFrom('', ' ', '万', '万元', '元', '亿', '%', '％', '‰', '次', '次/年', '家', '年', '个月', '年6个月', '分', '/5', '/10分', '以上', '+', '级', '次/月', ' times a month', 'e', 'E5', ',5', '.x'),
).map((p) => p.join(''));
const raw: fc.Arbitrary<RawCell> = fc.oneof(
  text, numberish,
  fc.double(), fc.double({ min: -1e6, max: 3e6 }), fc.integer({ min: -100, max: 50000 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 0, 1, 61, 2_958_465, 20240310, 43586.5),
  fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.constantFrom('', ' ', '-', '—', 'N/A', 'n/a', '无', '暂无', '#N/A', '#n/a', '#DIV/0!', 'AAA级', '高增长行业', '不稳定', '每季度1次', '半年1次', '2019年', '2019年5月', '9/10', '2024-03-10', '2024年3月10日', '20240310', '45292'),
);
const format: fc.Arbitrary<CellFormat> = fc.constantFrom(undefined, null, 'General', '0%', '0.0%', 'yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '@', '0.00', '[h]:mm:ss', '#,##0');
const labels: fc.Arbitrary<CategoryLabel[]> = fc.array(fc.record({
  label: fc.oneof(fc.string({ unit, minLength: 1, maxLength: 5 }), fc.constantFrom('AAA', 'AA', '高增长', '稳定', '衰退', '无意愿', '-')),
  synonyms: fc.array(fc.oneof(fc.string({ unit, maxLength: 5 }), fc.constantFrom('AAA级', '无', '高', '', 'High growth')), { maxLength: 3 }),
}, { requiredKeys: ['label'] }), { maxLength: 5 });
const header = fc.oneof(fc.constant(undefined), text, fc.constantFrom(
  '年交易额（万元）', '年交易额(元)', '金额(亿元)', '回款及时率(%)', '回款及时率%', '合作起始时间', '合作时长(月)', '合作时间(年)', 'Customer since',
  '满意度评分(1-10)', '满意度(满分10分)', '(5-1)', '交易频次(次/月)', '月均下单次数', '合作时长(天)', '单位：', '年交易额万元',
));
const ctx: fc.Arbitrary<ParseContext> = fc.record({
  address: fc.string({ maxLength: 8 }), header, asOf: fc.oneof(fc.integer({ min: -10, max: 2_958_470 }), fc.constant(45473)), labels, format,
  date1904: fc.boolean(), rateScale: fc.constantFrom('fraction' as const, 'percent' as const),
  scale: fc.record({ min: fc.constantFrom(0, 1, 3), max: fc.constantFrom(0, 5, 10, 100) }), period: fc.constantFrom(...COUNT_PERIODS),
}, { requiredKeys: ['address'] });

describe('text and value helpers read as before', () => {
  test('foldWidth, compact, normaliseKey', () => {
    fc.assert(fc.property(text, (t) => {
      expect(foldWidth(t)).toBe(oldText.foldWidth(t));
      expect(compact(t)).toBe(oldText.compact(t));
      expect(normaliseKey(t)).toBe(oldText.normaliseKey(t));
    }), { numRuns: 20000 });
  });

  test('readNumber and the units, scales and periods of headers (asked twice: the second from memory)', () => {
    fc.assert(fc.property(fc.oneof(text, numberish), header, (t, h) => {
      expect(readNumber(t)).toEqual(oldNumber.readNumber(t));
      for (let i = 0; i < 2; i++) {
        expect(headerUnit(h)).toEqual(oldNumber.headerUnit(h));
        expect(headerScale(h)).toEqual(oldNumber.headerScale(h));
        expect(headerCountPerYear(h)).toEqual(oldCount.headerCountPerYear(h));
        expect(durationHeaderYears(h)).toEqual(oldDuration.durationHeaderYears(h));
      }
    }), { numRuns: 20000 });
  });

  test('category labels, the same list asked again', () => {
    fc.assert(fc.property(labels, fc.array(fc.oneof(text, fc.constantFrom('AAA级', '高增长行业', '不稳定', '非高增长', '稳定')), { maxLength: 5 }), (ls, cells) => {
      for (const c of cells) {
        expect(exactCategory(c, ls)).toBe(oldCategory.exactCategory(c, ls));
        expect(containedCategory(c, ls)).toBe(oldCategory.containedCategory(c, ls));
      }
    }), { numRuns: 5000 });
  });

  test('parseCell for every type and context', () => {
    fc.assert(fc.property(raw, fc.constantFrom(...TYPES), ctx, (r, type, c) => {
      expect(parseCell(r, type, c)).toEqual(oldParse.parseCell(r, type, c));
    }), { numRuns: 30000 });
  });

  test('decideRateScale', () => {
    fc.assert(fc.property(fc.array(fc.record({ raw, format }), { maxLength: 12 }), (cells) => {
      expect(decideRateScale(cells)).toBe(oldParse.decideRateScale(cells));
    }), { numRuns: 5000 });
  });
});

// ---------------------------------------------------------------------------------------
// Whole tables
// ---------------------------------------------------------------------------------------

const EVALUATION_HEADER = ['客户名称', '合作时长（年）', '所属行业(增长潜力)', '年均交易频次(次/年)', '回款及时率(%)', '满意度评分(1-5)', '投诉解决及时率', '复购率(近1年)', '新产品/服务尝试意愿', '客户信用等级', '合同履约率', '客户等级', '人工调整等级', '最近交易日期', '投诉次数'];
const GRADING_HEADER = ['客户编号', '客户名称', '年交易金额（万元）', '合作时长', '行业增长率', '预算增长空间', '满意度评分(1-10)', '转介绍数', '投诉次数', '客户等级', '最近交易日期'];

const cellOf: Record<string, fc.Arbitrary<RawCell>> = {
  key: fc.oneof(fc.constantFrom('华东精密', '北方物流', ' 华东精密 ', 'ＡＢＣ公司', 'abc公司', '', null, '西部建材'), fc.integer({ min: 1, max: 40 }).map((i) => `客户${i}`)),
  duration: fc.oneof({ arbitrary: fc.constantFrom('3年', '18个月', '1年6个月', 2, 2019, '2018年', 43586, '2.5 years'), weight: 5 }, { arbitrary: raw, weight: 1 }),
  category: fc.oneof({ arbitrary: fc.constantFrom('高增长', '稳定', '衰退', '高增长行业', '主动尝试', '被动接受', '无意愿', 'AAA级', 'AA', 'A级', 'BBB', '主动', '高', '中', '低', '强', '一般', '弱'), weight: 5 }, { arbitrary: raw, weight: 1 }),
  count: fc.oneof({ arbitrary: fc.constantFrom('15次', '2次/月', '每季度1次', 12, '1次/周', 4, '8次'), weight: 5 }, { arbitrary: raw, weight: 1 }),
  rate: fc.oneof({ arbitrary: fc.constantFrom('98%', 0.95, 96, '—', 1, 0.5, '85%', 0.88), weight: 5 }, { arbitrary: raw, weight: 1 }),
  score: fc.oneof({ arbitrary: fc.constantFrom(4.8, '4.5分', 45, '9/10', 3.6, 9.5, 8), weight: 5 }, { arbitrary: raw, weight: 1 }),
  money: fc.oneof({ arbitrary: fc.constantFrom('80万', 80, 120000, '12,000元', '1.2亿', '50万+', -5), weight: 5 }, { arbitrary: raw, weight: 1 }),
  tier: fc.oneof({ arbitrary: fc.constantFrom('', '战略级客户', '重点客户', '潜力客户', '观察客户', '核心客户', '普通客户', 'strategic', 'core', '未知'), weight: 5 }, { arbitrary: raw, weight: 1 }),
  date: fc.oneof({ arbitrary: fc.oneof(fc.integer({ min: 44000, max: 45600 }), fc.constantFrom('2024-03-10', '2023/12/1', '2024年5月6日', 45400)), weight: 5 }, { arbitrary: raw, weight: 1 }),
  mcat: fc.oneof({ arbitrary: fc.constantFrom('高', '中', '低', '强', '一般', '弱', 'High', '中等'), weight: 5 }, { arbitrary: raw, weight: 1 }),
  any: raw,
};
const EVAL_KINDS = ['key', 'duration', 'category', 'count', 'rate', 'score', 'rate', 'rate', 'category', 'category', 'rate', 'tier', 'tier', 'date', 'count'];
const GRADING_KINDS = ['any', 'key', 'money', 'duration', 'rate', 'rate', 'score', 'count', 'count', 'tier', 'date'];

function table(kinds: string[]): fc.Arbitrary<{ rows: RawCell[][]; formats: CellFormat[][] }> {
  return fc.array(fc.tuple(fc.tuple(...kinds.map((k) => cellOf[k]!)), fc.array(format, { minLength: kinds.length, maxLength: kinds.length })), { minLength: 1, maxLength: 30 })
    .map((rows) => ({ rows: rows.map(([r]) => r as RawCell[]), formats: rows.map(([, f]) => f) }));
}

const followUps = fc.array(fc.tuple(cellOf.key!, cellOf.date!, cellOf.date!, fc.oneof(cellOf.date!, fc.constantFrom('已完成', '未完成', '进行中', 'done')), fc.constantFrom(null, '', '报价待确认', '无', '-')), { maxLength: 40 })
  .map((rows) => [['客户名称', '跟进日期', '预计完成时间', '实际完成时间', '待解决问题'], ...rows] as RawCell[][]);

export const outcomes = { scored: 0, refused: 0 };
afterAll(() => console.log(JSON.stringify(outcomes)));

function runBoth(sheets: SheetGrid[], rules: RuleSet, edited: RuleSet[]): void {
  const options = { rules, asOf: 45473 };
  let fresh: ReturnType<typeof prepareWorkbook> | undefined;
  let old: ReturnType<typeof oldRun.prepareWorkbook> | undefined;
  let freshError: unknown;
  let oldError: unknown;
  try { fresh = prepareWorkbook(sheets, options); } catch (e) { freshError = e; }
  try { old = oldRun.prepareWorkbook(sheets, options); } catch (e) { oldError = e; }
  expect((freshError as { problem?: unknown } | undefined)?.problem).toEqual((oldError as { problem?: unknown } | undefined)?.problem);
  expect(freshError === undefined).toBe(oldError === undefined);
  if (!fresh || !old) { outcomes.refused++; const code = (freshError as { problem?: { code?: string } }).problem?.code ?? String(freshError); (outcomes as Record<string, number>)[code] = ((outcomes as Record<string, number>)[code] ?? 0) + 1; return; }
  outcomes.scored++;
  expect(fresh.warnings).toEqual(old.warnings);
  expect(fresh.rateScales).toEqual(old.rateScales);
  for (const r of [rules, ...edited]) {
    const a = scorePrepared(fresh, r);
    const b = oldRun.scorePrepared(old, r);
    expect(a.customers).toEqual(b.customers);
    expect(a.warnings).toEqual(b.warnings);
    expect(a.summary).toEqual(b.summary);
    const pa = previewPrepared(fresh, r);
    const pb = oldRun.previewPrepared(old, r);
    expect([...pa.scores]).toEqual([...pb.scores]);
    expect([...pa.tiers]).toEqual([...pb.tiers]);
    expect(pa.summary).toEqual(pb.summary);
  }
}

/** Edited copies of the rules: weights, a band, a scale and a period, a type (what makes the preview read cells again). */
function edits(rules: RuleSet, k: number, weight: number, value: number): RuleSet[] {
  const ind = rules.indicators[k % rules.indicators.length]!;
  const edit = (change: (i: RuleSet['indicators'][number]) => object) => {
    try {
      return [RuleSetSchema.parse({ ...structuredClone(rules), indicators: rules.indicators.map((i) => (i.id === ind.id ? { ...i, ...change(i) } : i)) })];
    } catch {
      return [];
    }
  };
  return [
    ...edit(() => ({ weight })),
    ...edit((i) => ({ bands: i.bands.map((b, j) => (j === 0 && 'value' in b ? { ...b, value } : b)) })),
    ...edit((i) => (i.type === 'score' ? { scale: { min: 0, max: 10 } } : i.type === 'count' ? { period: 'month' } : { type: i.type === 'rate' ? 'count' : i.type })),
    ...edit((i) => (i.type === 'count' ? { type: 'rate' } : i.type === 'money' ? { type: 'count' } : {})),
  ];
}

describe('whole tables score and preview as before', () => {
  test('evaluation tables (seed-000 layout) with a follow-up log', () => {
    const rules = getPreset('evaluation');
    fc.assert(fc.property(table(EVAL_KINDS), fc.option(followUps, { nil: undefined }), fc.boolean(), fc.nat(20), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 100 }), (t, log, date1904, k, weight, value) => {
      const sheets: SheetGrid[] = [{ name: '客户评估', rows: [EVALUATION_HEADER, ...t.rows], tables: [], formats: [EVALUATION_HEADER.map(() => null), ...t.formats], ...(date1904 ? { date1904 } : {}) }];
      if (log) sheets.push({ name: '跟进记录', rows: log, tables: [] });
      runBoth(sheets, rules, edits(rules, k, weight, value / 100));
    }), { numRuns: 400 });
  });

  test('grading tables (money in 万, gates, complaints) in an Excel table, without formats', () => {
    const rules = getPreset('grading');
    fc.assert(fc.property(table(GRADING_KINDS), fc.nat(20), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 100 }), (t, k, weight, value) => {
      const sheets: SheetGrid[] = [{ name: 'Sheet 1', rows: [['客户分级表'], GRADING_HEADER, ...t.rows], tables: [{ name: 'T', range: `A2:K${t.rows.length + 2}` }] }];
      runBoth(sheets, rules, edits(rules, k, weight, value));
    }), { numRuns: 400 });
  });

  test('maintenance tables (money, days since the last transaction, contact cadence) with a follow-up log', () => {
    const rules = getPreset('maintenance');
    const header = ['客户名称', '近12个月交易金额', '利润贡献', '行业增长前景', '合作意愿', '需求扩展性', '最近交易日期', '客户等级', '人工调整等级'];
    const kinds = ['key', 'money', 'money', 'rate', 'mcat', 'mcat', 'date', 'tier', 'tier'];
    fc.assert(fc.property(table(kinds), followUps, fc.nat(20), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 100 }), (t, log, k, weight, value) => {
      const sheets: SheetGrid[] = [{ name: '客户维护', rows: [header, ...t.rows], tables: [], formats: [header.map(() => null), ...t.formats] }, { name: '跟进', rows: log, tables: [] }];
      runBoth(sheets, rules, edits(rules, k, weight, value * 1000));
    }), { numRuns: 300 });
  });

  test('the follow-up analysis', () => {
    fc.assert(fc.property(followUps, fc.boolean(), (log, date1904) => {
      const mapping = { table: { sheet: 'L', source: 'range' as const, box: { firstRow: 0, firstCol: 0, lastRow: log.length - 1, lastCol: 4 }, headers: log[0] as string[] }, key: { column: 0, header: '客户名称', kind: 'name' as const }, fields: { date: { column: 1 }, due: { column: 2 }, done: { column: 3 }, openIssue: { column: 4 } } };
      const fresh = (require('../../src/engine/followup') as typeof import('../../src/engine/followup')).analyseFollowUps(log, mapping as never, 45473, { date1904 });
      const old = oldFollow.analyseFollowUps(log, mapping as never, 45473, { date1904 });
      expect(fresh.unreadable).toEqual(old.unreadable);
      expect(new Map([...fresh.byKey].map(([k, e]) => [k, e.summary]))).toEqual(old.byKey);
      expect(new Map([...fresh.byKey].map(([k, e]) => [k, { key: e.key, rows: e.rows }]))).toEqual(old.keys);
    }), { numRuns: 2000 });
  });
});
