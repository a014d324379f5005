import { getPreset } from '../../src/presets';
import { scoreWorkbook } from '../../src/engine/run';
import type { RawCell } from '../../src/engine/types';
import { EVALUATION_HEADER, SEED_000_ROW, serial, sheet } from '../helpers/grid';

const MAINTENANCE_HEADER = ['客户名称', '近12个月交易金额', '利润贡献', '行业增长前景', '合作意愿', '需求扩展性', '最近交易日期'];
const FOLLOW_UP_HEADER = [
  '客户名称',
  '对接人',
  '跟进日期',
  '跟进方式',
  '跟进事由',
  '客户反馈要点',
  '待解决问题',
  '责任部门/人',
  '预计完成时间',
  '实际完成时间',
  '客户确认情况',
];

function followUp(name: string, date: RawCell, issue = '', due: RawCell = '', done: RawCell = ''): RawCell[] {
  return [name, '王经理', date, '电话', '季度回访', '满意', issue, '销售部', due, done, done ? '已确认' : ''];
}

/** Scores maintenance customers against a follow-up log, as of 2024-06-30 (serial 45473). */
function run(evalRows: RawCell[][], logRows: RawCell[][], header = MAINTENANCE_HEADER, preset: 'maintenance' | 'evaluation' = 'maintenance') {
  return scoreWorkbook([sheet('客户评估', [header, ...evalRows]), sheet('跟进记录', [['客户关系维护跟进记录表'], [], FOLLOW_UP_HEADER, ...logRows])], {
    rules: getPreset(preset),
    asOf: serial('2024-06-30'),
  });
}

const strategic = (name: string): RawCell[] => [name, '80万', '15万', '高', '强', '高', '2024-06-01'];
const flagsOf = (r: ReturnType<typeof run>, key: string) => r.customers.find((c) => c.key === key)!.flags;

describe('follow-up analysis against a fixed as-of date (2024-06-30)', () => {
  it('finds the log below its title row and reports the last follow-up, open and overdue items per customer', () => {
    const r = run(
      [strategic('甲公司')],
      [
        followUp('甲公司', '2024-06-20'),
        followUp('甲公司', serial('2024-05-10'), '报价待确认', '2024-06-15'),
        followUp('甲公司', '2024/6/25', '合同待签', '2024年7月5日'),
        followUp('甲公司', '2024-07-15'), // after the as-of date: not the last contact yet
      ],
    );
    expect(r.followUp?.table.box.firstRow).toBe(2);
    expect(r.customers[0]!.followUp).toEqual({ rows: 4, lastDate: serial('2024-06-25'), open: 2, overdue: 1, earliestOverdue: serial('2024-06-15') });
  });

  it('followup-overdue: a due date before the as-of date with no completion date', () => {
    const r = run(
      [strategic('甲公司'), strategic('乙公司')],
      [
        followUp('甲公司', '2024-06-20', '报价待确认', '2024-06-29'),
        followUp('乙公司', '2024-06-20', '报价待确认', '2024-06-29', '2024-06-28'),
        followUp('乙公司', '2024-06-21', '发票', '2024-06-30'), // due today: not yet overdue
      ],
    );
    expect(flagsOf(r, '甲公司')).toEqual([{ id: 'followup-overdue', count: 1, earliestDue: serial('2024-06-29') }]);
    expect(flagsOf(r, '乙公司')).toEqual([]);
  });

  describe('实际完成时间 is read as a date', () => {
    it.each<RawCell>(['未完成', '-', '无', 'N/A', '进行中', false, '2024-07-02'])(
      '%j: not done as of 2024-06-30, so an item due 2024-06-29 is overdue',
      (done) => {
        const r = run([strategic('甲公司')], [followUp('甲公司', '2024-06-20', '报价待确认', '2024-06-29', done)]);
        expect(r.customers[0]!.followUp).toMatchObject({ open: 1, overdue: 1 });
        expect(flagsOf(r, '甲公司')).toEqual([{ id: 'followup-overdue', count: 1, earliestDue: serial('2024-06-29') }]);
        expect(r.warnings).toEqual([]);
      },
    );

    it.each<RawCell>(['2024-06-28', serial('2024-06-30'), '2024年6月1日', '已完成', true])('%j: done', (done) => {
      const r = run([strategic('甲公司')], [followUp('甲公司', '2024-06-20', '报价待确认', '2024-06-29', done)]);
      expect(r.customers[0]!.followUp).toMatchObject({ open: 0, overdue: 0 });
      expect(flagsOf(r, '甲公司')).toEqual([]);
    });

    it('text that is no date counts as not done and is reported', () => {
      const r = run([strategic('甲公司')], [followUp('甲公司', '2024-06-20', '报价待确认', '2024-06-29', '下周')]);
      expect(r.customers[0]!.followUp).toMatchObject({ open: 1, overdue: 1 });
      expect(r.warnings).toEqual([{ code: 'unreadable-follow-up-date', address: '跟进记录!J4', text: '下周' }]);
    });
  });

  it('cadence-overdue: days since the last follow-up exceed the tier’s cadence (战略 31 days)', () => {
    const r = run(
      [strategic('甲公司'), strategic('乙公司'), strategic('丙公司')],
      [
        followUp('甲公司', '2024-05-30'), // 31 days: on time
        followUp('乙公司', '2024-05-29'), // 32 days: overdue
      ],
    );
    expect(flagsOf(r, '甲公司')).toEqual([]);
    expect(flagsOf(r, '乙公司')).toEqual([{ id: 'cadence-overdue', days: 32, cadenceDays: 31 }]);
    expect(flagsOf(r, '丙公司')).toEqual([
      { id: 'churn-risk', reason: 'never-followed-up' },
      { id: 'cadence-overdue', days: null, cadenceDays: 31 },
    ]);
  });

  it('churn-risk: no transaction for 90 days, or no follow-up for 183 days', () => {
    const lapsed: RawCell[] = ['丁公司', '80万', '15万', '高', '强', '高', '2024-04-01']; // 90 days
    const r = run(
      [lapsed, strategic('戊公司'), strategic('己公司')],
      [
        followUp('丁公司', '2024-06-28'),
        followUp('戊公司', '2023-12-30'), // 183 days
        followUp('己公司', '2023-12-31'), // 182 days
      ],
      MAINTENANCE_HEADER,
    );
    expect(flagsOf(r, '丁公司')[0]).toEqual({ id: 'churn-risk', reason: 'no-transaction', days: 90 });
    expect(flagsOf(r, '戊公司')[0]).toEqual({ id: 'churn-risk', reason: 'no-follow-up', days: 183 });
    expect(flagsOf(r, '己公司').map((f) => f.id)).not.toContain('churn-risk');
  });

  it('joins keys after trimming, folding full-width forms, collapsing spaces and case-folding Latin letters', () => {
    const r = run([strategic('ABC 科技'), strategic('华东精密')], [followUp('  ａｂｃ　　科技 ', '2024-06-20'), followUp('华东精密', '2024-06-20')]);
    expect(r.customers.map((c) => c.followUp?.rows)).toEqual([1, 1]);
    expect(r.warnings).toEqual([]);
  });

  it('a log keyed by 客户编号 joins an evaluation table keyed by 客户名称 through its 客户编号 column', () => {
    const header = ['客户编号', ...MAINTENANCE_HEADER];
    const log = (id: string, date: string, issue = '', due = ''): RawCell[] => [id, ...followUp('', date, issue, due).slice(1)];
    const r = scoreWorkbook(
      [
        sheet('客户评估', [header, ['K01', ...strategic('甲公司')], ['K02', ...strategic('乙公司')]]),
        sheet('跟进记录', [
          ['客户编号', ...FOLLOW_UP_HEADER.slice(1)],
          log('K01', '2024-06-20', '报价待确认', '2024-06-15'),
          log('k02', '2024-05-01'),
          log('K09', '2024-05-01'),
        ]),
      ],
      { rules: getPreset('maintenance'), asOf: serial('2024-06-30') },
    );
    expect(r.customers.map((c) => [c.key, c.followUp?.rows, c.followUp?.overdue])).toEqual([
      ['甲公司', 1, 1],
      ['乙公司', 1, 0],
    ]);
    expect(flagsOf(r as ReturnType<typeof run>, '甲公司')).toContainEqual({ id: 'followup-overdue', count: 1, earliestDue: serial('2024-06-15') });
    expect(r.warnings).toContainEqual({ code: 'unknown-follow-up-customer', key: 'K09', addresses: ['跟进记录!A4'] });
    expect(r.warnings).not.toContainEqual({ code: 'key-kinds-differ' });
  });

  it('a customer merged down over its follow-ups: the rows under the first are its', () => {
    const log = sheet('跟进记录', [FOLLOW_UP_HEADER, followUp('甲公司', '2024-05-20'), followUp('', '2024-06-20', '报价待确认', '2024-06-15')]);
    const r = scoreWorkbook(
      [sheet('客户评估', [MAINTENANCE_HEADER, strategic('甲公司')]), { ...log, merges: [{ firstRow: 1, lastRow: 2, firstCol: 0, lastCol: 0 }] }],
      {
        rules: getPreset('maintenance'),
        asOf: serial('2024-06-30'),
      },
    );
    expect(r.customers[0]!.followUp).toEqual({ rows: 2, lastDate: serial('2024-06-20'), open: 1, overdue: 1, earliestOverdue: serial('2024-06-15') });
  });

  it('reports follow-up rows whose customer is not in the evaluation table, never dropping them silently', () => {
    const r = run([strategic('甲公司')], [followUp('甲公司', '2024-06-20'), followUp('未知公司', '2024-06-20'), followUp('未知公司', '2024-06-21')]);
    expect(r.warnings).toContainEqual({ code: 'unknown-follow-up-customer', key: '未知公司', addresses: ['跟进记录!A5', '跟进记录!A6'] });
  });

  it('low-satisfaction below the lowest band (< 4.0 of 5 in evaluation)', () => {
    const row = [...SEED_000_ROW];
    row[5] = 3.9;
    const r = run(
      [row, SEED_000_ROW.map((v, i) => (i === 0 ? '乙公司' : i === 5 ? 4.0 : v))],
      [followUp('示例客户', '2024-06-01'), followUp('乙公司', '2024-06-01')],
      EVALUATION_HEADER,
      'evaluation',
    );
    expect(r.customers[0]!.flags).toEqual([{ id: 'low-satisfaction', indicator: 'satisfaction', value: 3.9, threshold: 4 }]);
    expect(r.customers[1]!.flags).toEqual([]);
  });

  it('without a follow-up log, says that cadence could not be checked', () => {
    const r = scoreWorkbook([sheet('客户评估', [MAINTENANCE_HEADER, strategic('甲公司')])], { rules: getPreset('maintenance'), asOf: serial('2024-06-30') });
    expect(r.followUp).toBeUndefined();
    expect(r.warnings).toEqual([{ code: 'no-follow-up-log' }]);
    expect(r.customers[0]!.flags).toEqual([]);
  });
});
