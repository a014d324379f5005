/**
 * The service evaluation (docs/scoring-rules.md section 6 `service`): scale detection, each customer's
 * dimension means over several periods, the 百分制 score, the weakest dimension (the first in
 * table order on a tie), the dimensions' means over all customers and the NPS. Expected
 * values are worked out by hand from the rows in each test.
 */
import { runAnalyses, type AnalysesRun } from '../../src/engine/analyses';
import { isScoringError } from '../../src/engine/errors';
import { serialFromIso } from '../../src/engine/parse';
import { detectScale, npsOf } from '../../src/engine/service';
import type { RawCell, SheetGrid } from '../../src/engine/types';
import { buildAnalysesReport } from '../../src/i18n/results';
import { getRfmPreset, getServicePreset } from '../../src/presets';

const AS_OF = serialFromIso('2024-06-30')!;

function sheet(name: string, rows: RawCell[][]): SheetGrid {
  return { name, rows, tables: [] };
}

function survey(
  rows: RawCell[][],
  header = ['客户名称', '评价周期', '服务响应速度(1-5)', '问题解决能力', '沟通互动质量', '服务增值性', '整体满意度', '推荐意愿(0-10)'],
): AnalysesRun {
  return runAnalyses([sheet('服务评价', [header, ...rows])], { primary: 'service', asOf: AS_OF, service: getServicePreset(), rfm: getRfmPreset() });
}

describe('each dimension’s scale, from the header or the data', () => {
  it('the header says it: (1-5), (0-10), and a maximum alone (5分制, 10分制, 满分10分, out of 10) from 0', () => {
    expect(detectScale('服务响应速度(1-5)', [9])).toEqual({ min: 1, max: 5, source: 'header' });
    expect(detectScale('推荐意愿（0-10）', [])).toEqual({ min: 0, max: 10, source: 'header' });
    expect(detectScale('整体满意度5分制', [8])).toEqual({ min: 0, max: 5, source: 'header' });
    expect(detectScale('问题解决能力(10分制)', [3])).toEqual({ min: 0, max: 10, source: 'header' });
    expect(detectScale('沟通互动质量 满分10分', [])).toEqual({ min: 0, max: 10, source: 'header' });
    expect(detectScale('Overall satisfaction (out of 10)', [])).toEqual({ min: 0, max: 10, source: 'header' });
  });

  it('otherwise the data: a value above 5 makes it 1-10, none above 5 keeps it 1-5', () => {
    expect(detectScale('问题解决能力', [3, 4, 5, '4分'])).toEqual({ min: 1, max: 5, source: 'data' });
    expect(detectScale('问题解决能力', [3, '8分', 9.5])).toEqual({ min: 1, max: 10, source: 'data' });
    expect(detectScale('问题解决能力', [5.5])).toEqual({ min: 1, max: 10, source: 'data' });
    expect(detectScale('问题解决能力', [null, '—'])).toEqual({ min: 1, max: 5, source: 'data' });
  });

  it('a dimension without a scale in its header takes the one the other headers write (seed 001 writes (1-5) after the first only)', () => {
    const run = survey([['甲公司', 'Q1', 4, 4, 4, 4, 4, 9]]);
    expect(run.service!.dimensions.map((d) => [d.scale.max, d.scale.source])).toEqual([
      [5, 'header'],
      [5, 'table'],
      [5, 'table'],
      [5, 'table'],
      [5, 'table'],
    ]);
  });

  it('without a scale in any header, the survey’s data as a whole decide: one score above 5 makes every dimension 1-10', () => {
    // 服务增值性 was rated 3 to 5 of 10 by everyone: on 1-10 with the others, not on 1-5 (where 5 would be full marks).
    const header = ['客户名称', '评价周期', '服务响应速度', '问题解决能力', '沟通互动质量', '服务增值性', '整体满意度', '推荐意愿(0-10)'];
    const run = survey(
      [
        ['甲公司', 'Q1', 9, 8, 9, 5, 9, 9],
        ['乙公司', 'Q1', 7, 6, 8, 3, 7, 7],
      ],
      header,
    );
    expect(run.service!.dimensions.map((d) => [d.scale.max, d.scale.source])).toEqual(Array.from({ length: 5 }, () => [10, 'data']));
    // 甲: (9 + 8 + 9 + 5 + 9) ÷ 50 = 0.8 → 80.0, weakest 服务增值性 (5 of 10).
    expect(run.service!.customers[0]).toMatchObject({ score: 80, weakest: 'addedValue' });
  });

  it('a value outside the scale its header gives is left out and reported with its cell', () => {
    const run = survey([
      ['甲公司', 'Q1', 6, 4, 4, 4, 4, 9],
      ['甲公司', 'Q2', 4, 4, 4, 4, 4, 9],
    ]);
    expect(run.service!.customers[0]!.means[0]).toBe(4); // the 6 on 1-5 is not counted
    expect(run.service!.warnings).toContainEqual({ code: 'unreadable-service-cell', address: '服务评价!C2', text: '6' });
  });
});

describe('the survey’s own summary rows', () => {
  it('an 平均 row under the answers is not a customer: the survey ends there, and says so', () => {
    const run = survey([
      ['甲公司', 'Q1', 5, 4, 4, 3, 5, 9],
      ['乙公司', 'Q1', 2, 3, 3, 2, 3, 5],
      ['平均', '', 3.5, 3.5, 3.5, 2.5, 4, 7],
    ]);
    expect(run.service!.customers.map((c) => [c.key, c.score])).toEqual([
      ['甲公司', 84], // (5 + 4 + 4 + 3 + 5) ÷ 25 = 0.84
      ['乙公司', 52], // 13 ÷ 25
    ]);
    expect(run.service!.nps).toMatchObject({ answers: 2, promoters: 1, detractors: 1 });
    expect(run.service!.warnings).toContainEqual({ code: 'rows-skipped', reason: 'totals-row', addresses: ['服务评价!A4:H4'] });
  });
});

describe('a customer’s name merged down over its periods', () => {
  it('the rows under the merged area’s first row are that customer’s (Excel keeps the name in the first cell only)', () => {
    const header = ['客户名称', '评价周期', '服务响应速度(1-5)', '问题解决能力', '沟通互动质量', '服务增值性', '整体满意度', '推荐意愿(0-10)'];
    const grid: SheetGrid = {
      ...sheet('服务评价', [
        header,
        ['甲公司', 'Q1', 5, 4, 4, 3, 5, 9],
        [null, 'Q2', 3, 4, 4, 3, 3, 6],
        ['乙公司', 'Q1', 2, 3, 3, 2, 3, 5],
        ['', 'Q2', 4, 3, 3, 2, 3, 7],
      ]),
      merges: [
        { firstRow: 1, lastRow: 2, firstCol: 0, lastCol: 0 },
        { firstRow: 3, lastRow: 4, firstCol: 0, lastCol: 0 },
      ],
    };
    const run = runAnalyses([grid], { primary: 'service', asOf: AS_OF, service: getServicePreset(), rfm: getRfmPreset() });
    // 甲: means 4, 4, 4, 3, 4 → 19 ÷ 25 = 76.0; 乙: 3, 3, 3, 2, 3 → 14 ÷ 25 = 56.0.
    expect(run.service!.customers.map((c) => [c.key, c.rows, c.score])).toEqual([
      ['甲公司', [1, 2], 76],
      ['乙公司', [3, 4], 56],
    ]);
    expect(run.service!.warnings.filter((w) => w.code === 'blank-key')).toEqual([]);
  });

  it('without the merge, a row with no name is still reported and left out', () => {
    const header = ['客户名称', '评价周期', '服务响应速度(1-5)', '问题解决能力', '沟通互动质量', '推荐意愿(0-10)'];
    const run = runAnalyses([sheet('服务评价', [header, ['甲公司', 'Q1', 5, 4, 4, 9], [null, 'Q2', 3, 4, 4, 6]])], {
      primary: 'service',
      asOf: AS_OF,
      service: getServicePreset(),
      rfm: getRfmPreset(),
    });
    expect(run.service!.customers.map((c) => c.rows)).toEqual([[1]]);
    expect(run.service!.warnings).toContainEqual({ code: 'blank-key', address: '服务评价!A3' });
  });
});

describe('the survey period', () => {
  it('a 调查时间 column of dates is the period, shown as days (date-formatted numbers, as Excel stores them)', () => {
    const header = ['客户名称', '调查时间', '服务响应速度(1-5)', '问题解决能力', '沟通互动质量', '推荐意愿(0-10)'];
    const grid: SheetGrid = {
      ...sheet('服务评价', [header, ['甲公司', 45366, 5, 4, 4, 9], ['甲公司', 45550, 3, 4, 4, 6]]),
      formats: [[], [null, 'yyyy"年"m"月"'], [null, 'yyyy/m/d']],
    };
    const run = runAnalyses([grid], { primary: 'service', asOf: AS_OF, service: getServicePreset(), rfm: getRfmPreset() });
    expect(run.service!.mapping.period?.header).toBe('调查时间');
    // 45366 is 2024-03-15 and 45550 is 2024-09-15 in the 1900 system.
    expect(run.service!.customers[0]!.periods).toEqual(['2024-03-15', '2024-09-15']);
  });
});

describe('a score column that is none of the rules’ dimensions', () => {
  const header = ['客户名称', '评价周期', '服务响应速度(1-5)', '专业能力(1-5)', '整体满意度', '服务态度 5分制', '评价次数', '备注', '推荐意愿(0-10)'];
  const rows: RawCell[][] = [
    ['甲公司', 'Q1', 4, 2, 4, 3, 2, '好', 9],
    ['乙公司', 'Q1', 3, 5, 3, '—', 1, '', 7],
  ];

  it('is left out of the score and said so, with its header cell; a column without a scale in its header is not', () => {
    const run = survey(rows, header);
    // 甲: responsiveness 4, overall 4 → (0.8 + 0.8) ÷ 2 × 100 = 80.0 (专业能力's 2 would have made it lower)
    expect(run.service!.customers[0]!.score).toBe(80);
    const unused = run.service!.warnings.filter((w) => w.code === 'service-column-unused');
    expect(unused).toEqual([
      { code: 'service-column-unused', header: '专业能力(1-5)', address: '服务评价!D1' },
      { code: 'service-column-unused', header: '服务态度 5分制', address: '服务评价!F1' },
    ]);
  });

  it('a column whose cells are mostly not scores on its scale is not called one', () => {
    const run = survey(
      [
        ['甲公司', 'Q1', 4, '良好', 4, 3, 2, '', 9],
        ['乙公司', 'Q1', 3, '较差', 3, 3, 1, '', 7],
        ['丙公司', 'Q1', 3, 4, 3, 3, 1, '', 7],
      ],
      header,
    );
    expect(run.service!.warnings.filter((w) => w.code === 'service-column-unused').map((w) => (w as { header: string }).header)).toEqual(['服务态度 5分制']);
  });
});

describe('per customer: the dimensions’ means over its periods, the 百分制 score, the weakest dimension', () => {
  const run = survey([
    ['XX科技有限公司', '2024Q1', 5, 4, 5, 4, 5, 9],
    ['YY贸易集团', '2024Q1', 3, 4, 4, 3, 4, 7],
    ['XX科技有限公司', '2024Q2', 4, 4, 5, 3, 4, 10],
    ['YY贸易集团', '2024Q2', 4, 3, 4, 3, 4, 8],
    ['XX科技有限公司', '2024Q3', 3, '', 5, 5, 3, null],
  ]);
  const [xx, yy] = run.service!.customers;

  it('each dimension’s mean over the rows that read (a blank is not a zero)', () => {
    // XX: 响应 (5+4+3)/3 = 4; 解决 (4+4)/2 = 4; 沟通 5; 增值 (4+3+5)/3 = 4; 整体 (5+4+3)/3 = 4.
    expect(xx!.means).toEqual([4, 4, 5, 4, 4]);
    expect(xx!.rows).toEqual([1, 3, 5]);
    expect(xx!.periods).toEqual(['2024Q1', '2024Q2', '2024Q3']);
    // YY: 3.5, 3.5, 4, 3, 4.
    expect(yy!.means).toEqual([3.5, 3.5, 4, 3, 4]);
  });

  it('the score: the mean of the dimension means ÷ 5 × 100, one decimal', () => {
    // XX: (4+4+5+4+4)/5 = 4.2 → 84.0; YY: (3.5+3.5+4+3+4)/5 = 3.6 → 72.0.
    expect(xx!.score).toBe(84);
    expect(yy!.score).toBe(72);
  });

  it('the weakest dimension: the lowest mean; on a tie, the first in table order', () => {
    // XX: 4, 4, 5, 4, 4 — four tie at 4: 服务响应速度 (column C) is the first.
    expect(xx!.weakest).toBe('responsiveness');
    // YY: 服务增值性 3 alone is the lowest.
    expect(yy!.weakest).toBe('addedValue');
  });

  it('over all customers: each dimension’s mean of the customers’ means (each customer once)', () => {
    // 响应 (4+3.5)/2 = 3.75; 解决 3.75; 沟通 4.5; 增值 3.5; 整体 4.
    expect(run.service!.means).toEqual([3.75, 3.75, 4.5, 3.5, 4]);
  });

  it('the report writes the score, the weakest dimension and the means by label', () => {
    const report = buildAnalysesReport(run, 'zh-CN');
    expect(report.rows.map((r) => [r.key, r.score, 'weakest' in r ? r.weakest?.label : undefined])).toEqual([
      ['XX科技有限公司', 84, '服务响应及时性'],
      ['YY贸易集团', 72, '服务增值性'],
    ]);
    expect(report.service!.dimensions.map((d) => [d.header, d.scale.max, d.scale.source, d.mean])).toEqual([
      ['服务响应速度(1-5)', 5, 'header', 3.75],
      ['问题解决能力', 5, 'table', 3.75],
      ['沟通互动质量', 5, 'table', 4.5],
      ['服务增值性', 5, 'table', 3.5],
      ['整体满意度', 5, 'table', 4],
    ]);
  });
});

describe('dimensions on different scales', () => {
  it('each mean is a share of its own maximum: 4 of 5 and 8 of 10 are both 80 %', () => {
    const run = survey([['甲公司', 'Q1', 4, 8, 9]], ['客户名称', '评价周期', '服务响应速度(1-5)', '问题解决能力(10分制)', '推荐意愿(0-10)']);
    const c = run.service!.customers[0]!;
    expect(c.means).toEqual([4, 8]);
    expect(c.score).toBe(80);
  });

  it('on a tie of shares, the first in table order is the weakest: 3 of 5 and 6 of 10', () => {
    const run = survey([['甲公司', 'Q1', 3, 6, 9]], ['客户名称', '评价周期', '服务响应速度(1-5)', '问题解决能力(10分制)', '推荐意愿(0-10)']);
    expect(run.service!.customers[0]!.weakest).toBe('responsiveness');
  });
});

describe('NPS from 推荐意愿 0-10', () => {
  it('promoters 9-10, passives 7-8, detractors 0-6: % promoters − % detractors', () => {
    // 10, 9, 9 promoters; 8, 7 passives; 6, 0, 3 detractors: (3 − 3) ÷ 8 = 0; one more 9: (4 − 3) ÷ 9 = 11.1.
    expect(npsOf([10, 9, 9, 8, 7, 6, 0, 3], 30)).toEqual({ answers: 8, promoters: 3, passives: 2, detractors: 3, score: 0, thin: true });
    expect(npsOf([10, 9, 9, 8, 7, 6, 0, 3, 9], 30).score).toBe(11.1);
    expect(npsOf([10, 10, 6], 30).score).toBe(33.3); // (2 − 1) ÷ 3
    expect(npsOf([0, 1, 6], 30).score).toBe(-100);
    expect(npsOf([9, 10], 30).score).toBe(100);
  });

  it('none without answers', () => {
    expect(npsOf([null, null], 30)).toEqual({ answers: 0, promoters: 0, passives: 0, detractors: 0, score: null, thin: true });
    const run = survey([['甲公司', 'Q1', 4, 4, 4, 4, 4, null]]);
    expect(run.service!.nps.score).toBeNull();
    expect(run.service!.warnings).toContainEqual({ code: 'no-nps-answers' });
  });

  it('thin below 30 answers, not at 30', () => {
    expect(npsOf(new Array(29).fill(9), 30).thin).toBe(true);
    expect(npsOf(new Array(30).fill(9), 30).thin).toBe(false);
    const rows = Array.from({ length: 29 }, (_, i): RawCell[] => [`客户${i}`, 'Q1', 4, 4, 4, 4, 4, i % 11]);
    const run = survey(rows);
    expect(run.service!.warnings).toContainEqual({ code: 'nps-thin', answers: 29, minimum: 30 });
    const full = survey([...rows, ['客户29', 'Q1', 4, 4, 4, 4, 4, 10]]);
    expect(full.service!.warnings.filter((w) => w.code === 'nps-thin')).toEqual([]);
  });

  it('every answer counts, a customer’s two periods twice; 11 is no answer on 0-10', () => {
    const run = survey([
      ['甲公司', 'Q1', 4, 4, 4, 4, 4, 9],
      ['甲公司', 'Q2', 4, 4, 4, 4, 4, 10],
      ['乙公司', 'Q1', 4, 4, 4, 4, 4, 11],
    ]);
    expect(run.service!.nps).toMatchObject({ answers: 2, promoters: 2, score: 100 });
    expect(run.service!.warnings).toContainEqual({ code: 'unreadable-service-cell', address: '服务评价!H4', text: '11' });
  });
});

describe('the survey alone', () => {
  it('no survey: --preset service is refused with its own problem', () => {
    let code = '';
    try {
      runAnalyses(
        [
          sheet('客户', [
            ['客户名称', '规模'],
            ['甲公司', '大型'],
          ]),
        ],
        { primary: 'service', asOf: AS_OF, service: getServicePreset() },
      );
    } catch (e) {
      if (isScoringError(e)) code = e.problem.code;
    }
    expect(code).toBe('no-service-table');
  });
});
