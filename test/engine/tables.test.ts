import { headerMatchScore } from '../../src/engine/columns';
import { ScoringError } from '../../src/engine/errors';
import { choosePreset, locateTables, scoreWorkbook } from '../../src/engine/run';
import { headerStem } from '../../src/engine/text';
import { allPresets, getPreset } from '../../src/presets';
import { EVALUATION_HEADER, GRADING_HEADER, SEED_000_ROW, gradingRow, serial, sheet } from '../helpers/grid';
import type { RawCell, SheetGrid } from '../../src/engine/types';

describe('header matching', () => {
  it.each([
    ['* 年交易金额（万元）', '年交易金额'],
    ['服务响应速度(1-5)', '服务响应速度'],
    ['回款及时率 (%)', '回款及时率'],
    ['满意度评分【1-10分】', '满意度评分'],
    ['　客户名称　', '客户名称'],
    ['Ｃｕｓｔｏｍｅｒ Ｎａｍｅ', 'customername'],
  ])('%p has the stem %p', (header, stem) => {
    expect(headerStem(header)).toBe(stem);
  });

  it('prefers exact headers to stems, accepts a synonym inside a longer header, but not a short word inside a long one', () => {
    expect(headerMatchScore('复购率', ['复购率'])).toBe(1);
    // The same stem once the bracketed note is removed: a stem match, below an exact one (docs/scoring-rules.md section 1).
    expect(headerMatchScore('复购率(近1年)', ['复购率'])).toBe(0.95);
    expect(headerMatchScore('近一年复购率', ['复购率'])).toBeGreaterThanOrEqual(0.6);
    expect(headerMatchScore('客户信用等级', ['客户'])).toBe(0);
  });
});

describe('finding the tables of a workbook', () => {
  const evaluationSheet = sheet('客户评估', [
    ['2024年度客户关系综合评估表'],
    [],
    ['序号', ...EVALUATION_HEADER, '备注'],
    [1, ...SEED_000_ROW, ''],
    [2, ...SEED_000_ROW.map((v, i) => (i === 0 ? '华东精密' : v)), '老客户'],
    [],
    ['制表人：', '张三'],
  ]);

  it('skips a merged title row and blank rows to find the header, and ends before a note below a blank row', () => {
    const found = locateTables([evaluationSheet], getPreset('evaluation'));
    expect(found.evaluation?.table).toMatchObject({ sheet: '客户评估', source: 'range', box: { firstRow: 2, firstCol: 0, lastRow: 4, lastCol: 12 } });
    expect(found.evaluation?.coverage).toBe(1);
    expect(found.evaluation?.key).toMatchObject({ column: 1, header: '客户名称', kind: 'name' });
    // A stem match (0.95) whose two cells read as 1-5 scores: 0.95 × (0.7 + 0.3 × 1).
    expect(found.evaluation?.indicators.satisfaction).toMatchObject({ column: 6, header: '满意度评分(1-5)', match: 0.95 });
  });

  it('takes an Excel table by its range, and tells the evaluation table from the follow-up log and a service survey', () => {
    const sheets = [
      sheet('Sheet1', [
        ['客户名称', '跟进日期', '跟进方式', '待解决问题', '预计完成时间', '实际完成时间'],
        ['甲', '2024-06-01', '电话', '', '', ''],
      ]),
      sheet('评估', [[], ['客户名称', ...GRADING_HEADER.slice(2)], ['甲', ...gradingRow().slice(2)]], [{ name: '评估表', range: 'A2:H3' }]),
      sheet('服务评价', [
        ['客户名称', '评价周期', '服务响应速度(1-5)', '问题解决能力', '沟通互动质量', '服务增值性', '整体满意度', '推荐意愿(0-10)'],
        ['甲', '2024Q1', 4, 5, 4, 3, 4, 9],
      ]),
    ];
    const found = locateTables(sheets, getPreset('grading'));
    expect(found.evaluation?.table).toMatchObject({ sheet: '评估', source: 'excel-table', name: '评估表' });
    expect(found.followUp?.table.sheet).toBe('Sheet1');
    expect(Object.keys(found.followUp!.fields).sort()).toEqual(['date', 'done', 'due', 'method', 'openIssue']);
    expect(found.service?.sheet).toBe('服务评价');
  });

  it('chooses the preset whose indicators the headers match best', () => {
    expect(choosePreset([evaluationSheet], allPresets()).id).toBe('evaluation');
    expect(choosePreset([sheet('S', [GRADING_HEADER, gradingRow()])], allPresets()).id).toBe('grading');
  });

  it('refuses a workbook without an evaluation table, and one lacking a required column, with the column named', () => {
    const asOf = serial('2024-06-30');
    const none = () =>
      scoreWorkbook(
        [
          sheet('S', [
            ['hello', 'world'],
            [1, 2],
          ]),
        ],
        { rules: getPreset('evaluation'), asOf },
      );
    expect(none).toThrow(ScoringError);
    expect(none).toThrow(/no-table/);
    const header = EVALUATION_HEADER.filter((h) => h !== '合同履约率');
    const lacking = () => scoreWorkbook([sheet('S', [header, SEED_000_ROW.slice(0, 10)])], { rules: getPreset('evaluation'), asOf });
    expect(lacking).toThrow(/missing-columns.*合同履约率/);
  });

  it('does not count managed columns as data, and recognises them in either language', () => {
    const rows = [
      [...EVALUATION_HEADER, 'Weighted score', '客户等级', '预警标记'],
      [...SEED_000_ROW, 100, '观察客户', ''],
    ];
    const found = locateTables([sheet('S', rows)], getPreset('evaluation'));
    expect(Object.keys(found.evaluation!.managed)).toEqual(['score', 'tier', 'flags']);
    const run = scoreWorkbook([sheet('S', rows)], { rules: getPreset('evaluation'), asOf: serial('2024-06-30') });
    // The tier column said 观察客户: this run gives 战略级客户, a tier-up.
    expect(run.customers[0]!.flags).toEqual([{ id: 'tier-up', previous: 'watch' }]);
  });

  it('warns about a row without a customer name and about duplicate customers', () => {
    const run = scoreWorkbook([sheet('S', [EVALUATION_HEADER, SEED_000_ROW, ['', ...SEED_000_ROW.slice(1)], [' 示例客户', ...SEED_000_ROW.slice(1)]])], {
      rules: getPreset('evaluation'),
      asOf: serial('2024-06-30'),
    });
    expect(run.customers).toHaveLength(2);
    expect(run.warnings).toEqual([
      { code: 'blank-key', address: 'S!A3' },
      { code: 'duplicate-key', key: '示例客户', addresses: ['S!A2', 'S!A4'] },
    ]);
  });
});

describe('the user’s own choice of columns', () => {
  const header = [...EVALUATION_HEADER, '满意度(复核)'];
  const rows = [header, [...SEED_000_ROW, 3.2]];

  it('an indicator reads the column the user picked, and that column is not offered to another role', () => {
    const table = locateTables([sheet('S', rows)], getPreset('evaluation')).evaluation!.table;
    const asOf = serial('2024-06-30');
    const proposed = scoreWorkbook([sheet('S', rows)], { rules: getPreset('evaluation'), asOf, tables: { evaluation: table } });
    expect(proposed.evaluation.indicators.satisfaction?.header).toBe('满意度评分(1-5)');
    const chosen = scoreWorkbook([sheet('S', rows)], {
      rules: getPreset('evaluation'),
      asOf,
      tables: { evaluation: table },
      columns: { satisfaction: '满意度(复核)' },
    });
    expect(chosen.evaluation.indicators.satisfaction).toMatchObject({ header: '满意度(复核)', column: 11 });
    expect(chosen.customers[0]!.score).toBe(82.1);
    expect(chosen.customers[0]!.flags.map((f) => f.id)).toEqual(['low-satisfaction']);
  });

  it('null leaves an indicator without a column: a required one is then reported missing', () => {
    const table = locateTables([sheet('S', rows)], getPreset('evaluation')).evaluation!.table;
    expect(() =>
      scoreWorkbook([sheet('S', rows)], {
        rules: getPreset('evaluation'),
        asOf: serial('2024-06-30'),
        tables: { evaluation: table },
        columns: { satisfaction: null },
      }),
    ).toThrow(/missing-columns.*满意度评分/);
  });
});

describe('where a plain block ends (docs/scoring-rules.md section 1, finding the header and the rows)', () => {
  const asOf = serial('2024-06-30');
  const rules = getPreset('evaluation');
  /** The seed-000 row (100.0 points) for another customer. */
  const customer = (name: string): (string | number)[] => [name, ...SEED_000_ROW.slice(1)] as (string | number)[];
  /** Satisfaction 4.2 earns 15 of 25 points: 100 − 25 × (1 − 15/25) × 100 / 140 = 92.857 → 92.9. */
  const satisfied42 = (name: string): (string | number)[] => customer(name).map((v, i) => (i === 5 ? 4.2 : v));
  const score = (rows: RawCell[][], tables: SheetGrid['tables'] = []) => scoreWorkbook([sheet('客户评估', rows, tables)], { rules, asOf });
  const keysAndScores = (run: ReturnType<typeof score>) => run.customers.map((c) => [c.key, c.score]);

  it('a single blank row inside the block does not end it: the customers below it are scored', () => {
    const run = score([EVALUATION_HEADER, customer('华东精密'), customer('北方新能源'), [], satisfied42('南方物流'), customer('西部矿业')]);
    expect(keysAndScores(run)).toEqual([
      ['华东精密', 100],
      ['北方新能源', 100],
      ['南方物流', 92.9],
      ['西部矿业', 100],
    ]);
    expect(run.evaluation.table.box).toEqual({ firstRow: 0, firstCol: 0, lastRow: 5, lastCol: 10 });
    expect(run.warnings).toEqual([]);
  });

  it('two blank rows end it; the customer rows below them are reported, not scored', () => {
    const run = score([EVALUATION_HEADER, customer('华东精密'), customer('北方新能源'), [], [], customer('南方物流'), customer('西部矿业')]);
    expect(keysAndScores(run)).toEqual([
      ['华东精密', 100],
      ['北方新能源', 100],
    ]);
    expect(run.warnings).toEqual([{ code: 'rows-skipped', reason: 'blank-rows', addresses: ['客户评估!A6:K7'] }]);
  });

  it('a 合计 row ends it and is reported with the rows after it', () => {
    const totals = ['合计', '', '', 30, '', '', '', '', '', '', ''];
    const run = score([EVALUATION_HEADER, customer('华东精密'), customer('北方新能源'), totals, customer('南方物流')]);
    expect(keysAndScores(run)).toEqual([
      ['华东精密', 100],
      ['北方新能源', 100],
    ]);
    expect(run.warnings).toEqual([{ code: 'rows-skipped', reason: 'totals-row', addresses: ['客户评估!A4:K5'] }]);
  });

  it.each([['合 计'], ['总计：'], ['小计'], ['Total'], ['Grand total'], ['SUM'], ['合计（万元）'], ['平均'], ['平均值：'], ['均值'], ['Average'], ['Mean']])(
    '%p in the key column is a totals row, also after a blank 序号 cell',
    (word) => {
      const rows = [
        ['序号', ...EVALUATION_HEADER],
        [1, ...customer('华东精密')],
        [2, ...satisfied42('北方新能源')],
        ['', word, '', '', 27],
      ];
      const run = score(rows);
      expect(keysAndScores(run)).toEqual([
        ['华东精密', 100],
        ['北方新能源', 92.9],
      ]);
      expect(run.warnings).toEqual([{ code: 'rows-skipped', reason: 'totals-row', addresses: ['客户评估!A4:L4'] }]);
    },
  );

  it('a customer whose name merely contains Total is a customer', () => {
    const run = score([EVALUATION_HEADER, customer('Total Solutions Ltd'), customer('合计宝科技'), customer('平均数码'), customer('Mean Machines')]);
    expect(keysAndScores(run)).toEqual([
      ['Total Solutions Ltd', 100],
      ['合计宝科技', 100],
      ['平均数码', 100],
      ['Mean Machines', 100],
    ]);
  });

  it('a row that repeats the header ends it (a printed page header); it and the rows after it are reported', () => {
    const run = score([EVALUATION_HEADER, customer('华东精密'), customer('北方新能源'), EVALUATION_HEADER, customer('南方物流')]);
    expect(keysAndScores(run)).toEqual([
      ['华东精密', 100],
      ['北方新能源', 100],
    ]);
    expect(run.warnings).toEqual([{ code: 'rows-skipped', reason: 'repeated-header', addresses: ['客户评估!A4:K5'] }]);
  });

  it('a note after a blank row (制表人) is neither a customer nor reported', () => {
    const run = score([EVALUATION_HEADER, customer('华东精密'), [], ['制表人：', '张三'], ['审核：', '李四']]);
    expect(keysAndScores(run)).toEqual([['华东精密', 100]]);
    expect(run.evaluation.table.box.lastRow).toBe(1);
    expect(run.warnings).toEqual([]);
  });

  it('another table one blank row below is not read as customers of the first', () => {
    const followUp = [
      ['客户名称', '跟进日期', '跟进方式', '待解决问题', '预计完成时间', '实际完成时间'],
      ['华东精密', '2024-06-01', '电话', '报价', '2024-06-10', '2024-06-09'],
    ];
    const run = score([EVALUATION_HEADER, customer('华东精密'), customer('北方新能源'), [], ...followUp]);
    expect(keysAndScores(run)).toEqual([
      ['华东精密', 100],
      ['北方新能源', 100],
    ]);
    expect(run.evaluation.table.box.lastRow).toBe(2);
  });
});

describe('two-row headers with merged group titles', () => {
  const asOf = serial('2024-06-30');
  const rules = getPreset('evaluation');
  // 客户名称 is merged over both header rows (A3:A4): its lower cell is blank in the grid.
  // The group titles are merged over their indicators: only the first cell holds the text.
  const upper = ['客户名称', '基础信息', '', '合作历史', '', '客户满意度', '', '合作潜力', '', '风险控制', ''];
  const lower = ['', ...EVALUATION_HEADER.slice(1)];
  const row = (name: string, satisfaction = 4.8): RawCell[] => [name, ...SEED_000_ROW.slice(1)].map((v, i) => (i === 5 ? satisfaction : v));

  it('takes the lower cell as the header (the upper one where the lower is blank) and keeps the group titles; every customer is scored', () => {
    const grid = sheet('客户评估', [['2024年客户评估表'], upper, lower, row('华东精密'), row('北方新能源', 4.2), row('南方物流')]);
    const run = scoreWorkbook([grid], { rules, asOf });
    const table = run.evaluation.table;
    expect(table.box).toEqual({ firstRow: 2, firstCol: 0, lastRow: 5, lastCol: 10 });
    expect(table.headers).toEqual(['客户名称', ...EVALUATION_HEADER.slice(1)]);
    expect(table.groups).toEqual([
      '',
      '基础信息',
      '基础信息',
      '合作历史',
      '合作历史',
      '客户满意度',
      '客户满意度',
      '合作潜力',
      '合作潜力',
      '风险控制',
      '风险控制',
    ]);
    expect(run.evaluation.key).toMatchObject({ column: 0, header: '客户名称' });
    expect(run.evaluation.coverage).toBe(1);
    expect(run.customers.map((c) => [c.key, c.score])).toEqual([
      ['华东精密', 100],
      ['北方新能源', 92.9],
      ['南方物流', 100],
    ]);
  });

  it('is found when the upper row itself names two known columns (客户编号 and 客户名称 merged vertically)', () => {
    const grid = sheet('S', [
      ['客户编号', ...upper],
      ['', ...lower],
      ['C001', ...row('华东精密')],
    ]);
    const table = locateTables([grid], rules).evaluation!.table;
    expect(table.box).toEqual({ firstRow: 1, firstCol: 0, lastRow: 2, lastCol: 11 });
    expect(table.headers.slice(0, 3)).toEqual(['客户编号', '客户名称', '合作时长（年）']);
    expect(table.groups?.slice(0, 4)).toEqual(['', '', '基础信息', '基础信息']);
  });

  it('does not mistake a one-cell title row, or a title with a note (单位：万元), for group titles', () => {
    for (const title of [['客户评估表 2024'], ['客户评估表', '', '', '', '', '', '', '', '', '', '单位：万元']]) {
      const table = locateTables([sheet('S', [title, EVALUATION_HEADER, row('华东精密')])], rules).evaluation!.table;
      expect(table.box).toEqual({ firstRow: 1, firstCol: 0, lastRow: 2, lastCol: 10 });
      expect(table.headers).toEqual(EVALUATION_HEADER);
      expect(table.groups).toBeUndefined();
    }
  });

  it('an Excel table whose header row is the lower row gets the group titles of the row above it', () => {
    const named = ['客户名称', ...EVALUATION_HEADER.slice(1)];
    const grid = sheet('S', [['', ...upper.slice(1)], named, row('华东精密')], [{ name: '评估表', range: 'A2:K3' }]);
    const table = locateTables([grid], rules).evaluation!.table;
    expect(table).toMatchObject({ source: 'excel-table', name: '评估表', headers: named });
    expect(table.groups?.slice(0, 3)).toEqual(['', '基础信息', '基础信息']);
  });

  it('a repeated two-row header ends the block at its first row', () => {
    const grid = sheet('S', [upper, lower, row('华东精密'), upper, lower, row('南方物流')]);
    const run = scoreWorkbook([grid], { rules, asOf });
    expect(run.customers.map((c) => c.key)).toEqual(['华东精密']);
    expect(run.warnings).toEqual([{ code: 'rows-skipped', reason: 'repeated-header', addresses: ['S!A4:K6'] }]);
  });
});

describe('Excel tables with a totals row', () => {
  it('the totals row is not a customer: the table ends above it', () => {
    const rows = [EVALUATION_HEADER, SEED_000_ROW, ['华东精密', ...SEED_000_ROW.slice(1)], ['汇总', '', '', 30]];
    const run = scoreWorkbook([sheet('S', rows, [{ name: '评估表', range: 'A1:K4', totalsRow: true }])], {
      rules: getPreset('evaluation'),
      asOf: serial('2024-06-30'),
    });
    expect(run.evaluation.table.box).toEqual({ firstRow: 0, firstCol: 0, lastRow: 2, lastCol: 10 });
    expect(run.customers.map((c) => c.key)).toEqual(['示例客户', '华东精密']);
  });
});
