import { headerMatchScore } from '../../src/engine/columns';
import { ScoringError } from '../../src/engine/errors';
import { choosePreset, locateTables, scoreWorkbook } from '../../src/engine/run';
import { headerStem } from '../../src/engine/text';
import { allPresets, getPreset } from '../../src/presets';
import { EVALUATION_HEADER, GRADING_HEADER, SEED_000_ROW, gradingRow, serial, sheet } from '../helpers/grid';

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
    // The same stem once the bracketed note is removed: a stem match, below an exact one (DOMAIN.md section 1).
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

  it('skips a merged title row and blank rows to find the header, and stops at the first blank row', () => {
    const found = locateTables([evaluationSheet], getPreset('evaluation'));
    expect(found.evaluation?.table).toMatchObject({ sheet: '客户评估', source: 'range', box: { firstRow: 2, firstCol: 0, lastRow: 4, lastCol: 12 } });
    expect(found.evaluation?.coverage).toBe(1);
    expect(found.evaluation?.key).toMatchObject({ column: 1, header: '客户名称', kind: 'name' });
    // A stem match (0.95) whose two cells read as 1-5 scores: 0.95 × (0.7 + 0.3 × 1).
    expect(found.evaluation?.indicators.satisfaction).toMatchObject({ column: 6, header: '满意度评分(1-5)', match: 0.95 });
  });

  it('takes an Excel table by its range, and tells the evaluation table from the follow-up log and a service survey', () => {
    const sheets = [
      sheet('Sheet1', [['客户名称', '跟进日期', '跟进方式', '待解决问题', '预计完成时间', '实际完成时间'], ['甲', '2024-06-01', '电话', '', '', '']]),
      sheet('评估', [[], ['客户名称', ...GRADING_HEADER.slice(2)], ['甲', ...gradingRow().slice(2)]], [{ name: '评估表', range: 'A2:H3' }]),
      sheet('服务评价', [['客户名称', '评价周期', '服务响应速度(1-5)', '问题解决能力', '沟通互动质量', '服务增值性', '整体满意度', '推荐意愿(0-10)'], ['甲', '2024Q1', 4, 5, 4, 3, 4, 9]]),
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
    const none = () => scoreWorkbook([sheet('S', [['hello', 'world'], [1, 2]])], { rules: getPreset('evaluation'), asOf });
    expect(none).toThrow(ScoringError);
    expect(none).toThrow(/no-table/);
    const header = EVALUATION_HEADER.filter((h) => h !== '合同履约率');
    const lacking = () => scoreWorkbook([sheet('S', [header, SEED_000_ROW.slice(0, 10)])], { rules: getPreset('evaluation'), asOf });
    expect(lacking).toThrow(/missing-columns.*合同履约率/);
  });

  it('does not count managed columns as data, and recognises them in either language', () => {
    const rows = [[...EVALUATION_HEADER, 'Weighted score', '客户等级', '预警标记'], [...SEED_000_ROW, 100, '观察客户', '']];
    const found = locateTables([sheet('S', rows)], getPreset('evaluation'));
    expect(Object.keys(found.evaluation!.managed)).toEqual(['score', 'tier', 'flags']);
    const run = scoreWorkbook([sheet('S', rows)], { rules: getPreset('evaluation'), asOf: serial('2024-06-30') });
    // The tier column said 观察客户: this run gives 战略级客户, a tier-up.
    expect(run.customers[0]!.flags).toEqual([{ id: 'tier-up', previous: 'watch' }]);
  });

  it('warns about a row without a customer name and about duplicate customers', () => {
    const run = scoreWorkbook([sheet('S', [EVALUATION_HEADER, SEED_000_ROW, ['', ...SEED_000_ROW.slice(1)], [' 示例客户', ...SEED_000_ROW.slice(1)]])], {
      rules: getPreset('evaluation'), asOf: serial('2024-06-30'),
    });
    expect(run.customers).toHaveLength(2);
    expect(run.warnings).toEqual([{ code: 'blank-key', address: 'S!A3' }, { code: 'duplicate-key', key: '示例客户', addresses: ['S!A2', 'S!A4'] }]);
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
    const chosen = scoreWorkbook([sheet('S', rows)], { rules: getPreset('evaluation'), asOf, tables: { evaluation: table }, columns: { satisfaction: '满意度(复核)' } });
    expect(chosen.evaluation.indicators.satisfaction).toMatchObject({ header: '满意度(复核)', column: 11 });
    expect(chosen.customers[0]!.score).toBe(82.1);
    expect(chosen.customers[0]!.flags.map((f) => f.id)).toEqual(['low-satisfaction']);
  });

  it('null leaves an indicator without a column: a required one is then reported missing', () => {
    const table = locateTables([sheet('S', rows)], getPreset('evaluation')).evaluation!.table;
    expect(() => scoreWorkbook([sheet('S', rows)], { rules: getPreset('evaluation'), asOf: serial('2024-06-30'), tables: { evaluation: table }, columns: { satisfaction: null } }))
      .toThrow(/missing-columns.*满意度评分/);
  });
});
