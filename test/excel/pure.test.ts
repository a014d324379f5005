import { chartTables } from '../../src/excel/charts';
import { estimateRowBytes, planReads } from '../../src/excel/read';
import { chunkRows } from '../../src/excel/write';
import { fromExcel, jsonBytes, toExcel } from '../../src/excel/values';
import { EVALUATION_HEADER, SEED_000_ROW, scoreRows } from '../helpers/grid';

describe('values between Excel and the engine', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 138', "'+86 138"],
    ['-高风险', "'-高风险"],
    ['@home', "'@home"],
    ["'quoted", "''quoted"],
    ['2024', "'2024"],
    ['战略级客户', '战略级客户'],
    ['流失预警(212天无跟进)', '流失预警(212天无跟进)'],
  ])('text %p is sent as %p so that Excel stores it as that text', (text, sent) => {
    expect(toExcel(text)).toBe(sent);
  });

  it('numbers go as numbers, null as an empty cell, and Excel’s empty string reads back as null', () => {
    expect(toExcel(89.3)).toBe(89.3);
    expect(toExcel(null)).toBe('');
    expect(fromExcel('')).toBeNull();
    expect(fromExcel(45292)).toBe(45292);
  });

  it('counts request bytes as UTF-8 JSON', () => {
    expect(jsonBytes(['战略'])).toBe(10); // ["战略"]: 2 × 3 bytes + 4
  });
});

describe('read planning by response bytes (Excel on the web: 5 MB per response)', () => {
  const box = (rows: number, cols: number) => ({ firstRow: 0, firstCol: 0, lastRow: rows - 1, lastCol: cols - 1 });
  const bytesOf = (plan: ReturnType<typeof planReads>, rowBytes: Record<string, number>) =>
    plan.map((sync) => sync.reduce((n, x) => n + (x.box.lastRow - x.box.firstRow + 1) * rowBytes[x.sheet]!, 0));

  it('two small tables in one sync', () => {
    expect(
      planReads([
        { sheet: 'a', box: box(1_000, 16), rowBytes: 300 },
        { sheet: 'b', box: box(500, 11), rowBytes: 200 },
      ]),
    ).toHaveLength(1);
  });

  it('100,000 rows of 1,000 estimated bytes: 100 MB in syncs of at most 4.5 MB, every row read once, in order', () => {
    const plan = planReads([{ sheet: 'a', box: box(100_000, 12), rowBytes: 1_000 }]);
    const bytes = bytesOf(plan, { a: 1_000 });
    expect(Math.max(...bytes)).toBeLessThanOrEqual(4.5 * 1024 * 1024);
    expect(plan.length).toBe(22); // 4,718 rows a sync: 21 full syncs and 922 rows
    const rows = plan.flat().map((s) => [s.box.firstRow, s.box.lastRow]);
    expect(rows[0]![0]).toBe(0);
    expect(rows.at(-1)![1]).toBe(99_999);
    rows.slice(1).forEach(([first], i) => expect(first).toBe(rows[i]![1]! + 1));
  });

  it('the same cells with short values take fewer syncs: the plan follows bytes, not cells', () => {
    const short = planReads([{ sheet: 'a', box: box(100_000, 12), rowBytes: 30 }]);
    const long = planReads([{ sheet: 'a', box: box(100_000, 12), rowBytes: 3_000 }]);
    expect(short).toHaveLength(1);
    expect(long).toHaveLength(64); // 1,572 rows a sync: 63 full syncs and 964 rows
  });

  it('a table fills the room the one before it left: 3 MB and 6 MB in two syncs, not three', () => {
    // 4.5 MB = 4,718,592 bytes: 3,000 rows of a, then 1,718 of b; the other 4,282 rows of b next.
    const plan = planReads([
      { sheet: 'a', box: box(3_000, 10), rowBytes: 1_000 },
      { sheet: 'b', box: box(6_000, 10), rowBytes: 1_000 },
    ]);
    expect(plan.map((sync) => sync.map((s) => [s.sheet, s.box.firstRow, s.box.lastRow]))).toEqual([
      [
        ['a', 0, 2_999],
        ['b', 0, 1_717],
      ],
      [['b', 1_718, 5_999]],
    ]);
  });

  it('a single row over the budget is read alone', () => {
    const plan = planReads([{ sheet: 'a', box: box(3, 10), rowBytes: 2_000 }], 1_000);
    expect(plan.map((sync) => sync.map((s) => [s.box.firstRow, s.box.lastRow]))).toEqual([[[0, 0]], [[1, 1]], [[2, 2]]]);
  });

  it('never more than 5,000,000 cells in one range, however small the cells (a larger read comes back null)', () => {
    const plan = planReads([{ sheet: 'a', box: box(1_000_000, 16), rowBytes: 1 }], Infinity);
    expect(plan.flat().every((s) => (s.box.lastRow - s.box.firstRow + 1) * 16 <= 5_000_000)).toBe(true);
  });

  it('estimates a row from the rows seen (values and formats as JSON, with a margin), or 48 bytes a cell unseen', () => {
    expect(estimateRowBytes(3)).toBe(144);
    // ["华东精密",0.98,""] = 24 bytes; ["General","0%","General"] = 26 bytes; a comma after each row in both → 52 × 1.15 = 59.8, rounded up
    expect(estimateRowBytes(3, { values: [['华东精密', 0.98, null]], formats: [[null, '0%', null]] })).toBe(60);
  });
});

describe('write chunking under the 5 MB request limit', () => {
  it('one chunk for small tables; for 100,000 rows, chunks of at most 4 MB covering every row once', () => {
    const small = [
      [1, 2, 3],
      ['a', 'b', 'c'],
    ];
    expect(chunkRows(small.map((c) => c.map(toExcel)))).toEqual([[0, 3]]);
    const n = 100_000;
    const big = [
      Array.from({ length: n }, (_, i) => i / 7),
      Array.from({ length: n }, () => '重点客户'),
      Array.from({ length: n }, () => '流失预警(212天无跟进)；跟进逾期(1项，最早应于2024-06-15完成)'),
    ];
    const chunks = chunkRows(big.map((c) => c.map((v) => toExcel(v))));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0]![0]).toBe(0);
    expect(chunks.at(-1)![1]).toBe(n);
    chunks.slice(1).forEach(([from], i) => expect(from).toBe(chunks[i]![1]));
    for (const [from, to] of chunks) {
      let bytes = 0;
      for (let r = from; r < to; r++) bytes += jsonBytes(big.map((c) => toExcel(c[r] ?? null)));
      expect(bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    }
  });
});

describe('chart tables', () => {
  it('lay out the radar (dimensions × tiers) and the bar (customers per tier) summaries in the user’s language', () => {
    const run = scoreRows('evaluation', EVALUATION_HEADER, [SEED_000_ROW]);
    const zh = chartTables(run, 'zh-CN');
    expect(zh.radar.address).toBe('A3:E8');
    expect(zh.radar.values[0]).toEqual(['维度', '战略级客户', '重点客户', '潜力客户', '观察客户']);
    expect(zh.radar.values[1]).toEqual(['基础信息', 100, '', '', '']);
    expect(zh.bar.address).toBe('A10:B14');
    expect(zh.bar.values).toEqual([
      ['等级', '客户数'],
      ['战略级客户', 1],
      ['重点客户', 0],
      ['潜力客户', 0],
      ['观察客户', 0],
    ]);
    expect(chartTables(run, 'en-US').bar.values[0]).toEqual(['Tier', 'Customers']);
  });
});
