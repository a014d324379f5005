import { chartTables } from '../../src/excel/charts';
import { planReads } from '../../src/excel/read';
import { chunkRows } from '../../src/excel/write';
import { fromExcel, jsonBytes, toExcel } from '../../src/excel/values';
import { EVALUATION_HEADER, SEED_000_ROW, scoreRows } from '../helpers/grid';

describe('values between Excel and the engine', () => {
  it.each([
    ['=1+1', "'=1+1"], ['+86 138', "'+86 138"], ['-高风险', "'-高风险"], ['@home', "'@home"], ["'quoted", "''quoted"],
    ['2024', "'2024"], ['战略级客户', '战略级客户'], ['流失预警(212天无跟进)', '流失预警(212天无跟进)'],
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

describe('read planning under the 5 million cell limit', () => {
  const box = (rows: number, cols: number) => ({ firstRow: 0, firstCol: 0, lastRow: rows - 1, lastCol: cols - 1 });

  it('reads everything in one sync below the limit, whatever the number of tables', () => {
    expect(planReads([{ sheet: 'a', box: box(100_000, 16) }, { sheet: 'b', box: box(50_000, 11) }])).toHaveLength(1);
  });

  it('splits by rows above it, every sync within the limit and every row read once', () => {
    const plan = planReads([{ sheet: 'a', box: box(400_000, 16) }]);
    expect(plan.length).toBe(2);
    const cells = plan.map((s) => s.reduce((n, x) => n + (x.box.lastRow - x.box.firstRow + 1) * 16, 0));
    expect(Math.max(...cells)).toBeLessThanOrEqual(5_000_000);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(400_000 * 16);
  });
});

describe('write chunking under the 5 MB request limit', () => {
  it('one chunk for small tables; for 100,000 rows, chunks of at most 4 MB covering every row once', () => {
    const small = [[1, 2, 3], ['a', 'b', 'c']];
    expect(chunkRows(small.map((c) => c.map(toExcel)))).toEqual([[0, 3]]);
    const n = 100_000;
    const big = [Array.from({ length: n }, (_, i) => i / 7), Array.from({ length: n }, () => '重点客户'), Array.from({ length: n }, () => '流失预警(212天无跟进)；跟进逾期(1项，最早应于2024-06-15完成)')];
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
    expect(zh.bar.values).toEqual([['等级', '客户数'], ['战略级客户', 1], ['重点客户', 0], ['潜力客户', 0], ['观察客户', 0]]);
    expect(chartTables(run, 'en-US').bar.values[0]).toEqual(['Tier', 'Customers']);
  });
});
