/**
 * Builds assets/sample-customers.xlsx, the workbook a newcomer opens first: a realistic
 * Chinese evaluation table (seed 000's ten indicators) as an Excel table below a title,
 * a follow-up log, and a notes sheet. Deterministic: the same file every run.
 *
 *   npx tsx scripts/make-sample.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWorkbook, type FixtureCell } from '../test/fixtures/build';

/** A small deterministic PRNG (mulberry32), so the sample never changes between runs. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(20240630);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const between = (min: number, max: number, digits = 0) => Number((min + rand() * (max - min)).toFixed(digits));

const NAMES = [
  '华东精密制造有限公司',
  '北方新能源科技',
  '南方物流集团',
  '西部建材股份',
  '东海电子',
  '金桥医疗器械',
  '远航汽车零部件',
  '恒信包装材料',
  '瑞丰食品',
  '星辰软件',
  '蓝海化工',
  '青山环保科技',
  '启明光电',
  '中联工程机械',
  '天成纺织',
  '嘉禾农业发展',
  '博远教育科技',
  '新元半导体',
  '安达保险经纪',
  '宏图建筑设计',
  '万通供应链',
  '德润家居',
  '凯盛电气',
  '海川水务',
];
const OWNERS = ['王经理', '李经理', '赵经理', '钱经理', '孙经理'];

function evaluationRow(i: number, name: string): FixtureCell[] {
  const strong = rand() < 0.35;
  const weak = !strong && rand() < 0.3;
  const level = strong ? 1 : weak ? 0 : 0.5;
  const tenure = strong ? pick(['3年', '5年', 4, '2年6个月']) : weak ? pick([0.5, '8个月', 1]) : pick(['18个月', 2, '1年6个月', 1]);
  return [
    i + 1,
    name,
    tenure,
    pick(level === 1 ? ['高增长', '高增长', '稳定'] : level === 0 ? ['衰退', '稳定'] : ['稳定', '高增长']),
    rand() < 0.3 ? `${between(4 + 10 * level, 8 + 12 * level)}次` : between(4 + 10 * level, 8 + 12 * level),
    between(85 + 10 * level, 92 + 8 * level),
    rand() < 0.05 ? '—' : between(3.4 + 1.2 * level, 4.1 + 0.9 * level, 1),
    `${between(75 + 20 * level, 85 + 15 * level)}%`,
    `${between(35 + 50 * level, 60 + 40 * level)}%`,
    pick(level === 1 ? ['主动尝试', '主动尝试', '被动接受'] : level === 0 ? ['无意愿', '被动接受'] : ['被动接受', '主动尝试']),
    pick(level === 1 ? ['AAA级', 'AAA', 'AA级'] : level === 0 ? ['A级', 'BBB', 'AA'] : ['AA', 'AA级', 'AAA']),
    level === 1 ? '100%' : `${between(86, 99)}%`,
    null,
  ];
}

function followUps(names: readonly string[]): FixtureCell[][] {
  const rows: FixtureCell[][] = [];
  names.forEach((name, i) => {
    if (i % 7 === 6) return; // a few customers have never been followed up
    const visits = 1 + Math.floor(rand() * 3);
    for (let v = 0; v < visits; v++) {
      const month = 1 + Math.floor(rand() * 6);
      const day = 1 + Math.floor(rand() * 27);
      const date = `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const open = rand() < 0.3;
      const dueMonth = Math.min(12, month + 1);
      rows.push([
        name,
        pick(OWNERS),
        v % 2 === 0 ? { date } : date.replace(/-/g, '/'),
        pick(['电话', '拜访', '微信', '邮件']),
        pick(['季度回访', '报价沟通', '回款提醒', '需求调研', '投诉处理']),
        pick(['满意', '价格偏高', '交期需缩短', '希望增加培训']),
        open ? pick(['报价待确认', '方案待出', '合同待签']) : '',
        pick(['销售部', '售前', '财务部', '客服部']),
        open ? { date: `2024-${String(dueMonth).padStart(2, '0')}-15` } : null,
        null,
        open ? '' : '已确认',
      ]);
    }
  });
  return rows;
}

export async function buildSample(): Promise<Uint8Array> {
  const header = [
    '序号',
    '客户名称',
    '合作时长（年）',
    '所属行业(增长潜力)',
    '年均交易频次(次/年)',
    '回款及时率(%)',
    '满意度评分(1-5)',
    '投诉解决及时率',
    '复购率(近1年)',
    '新产品/服务尝试意愿',
    '客户信用等级',
    '合同履约率',
    '备注',
  ];
  const rows = NAMES.map((name, i) => evaluationRow(i, name));
  const lastRow = 3 + rows.length;
  return buildWorkbook({
    sheets: [
      {
        name: '客户评估',
        rows: [['2024年度客户关系综合评估表'], [], header, ...rows],
        merges: ['A1:M1'],
        table: { name: '客户评估表', range: `A3:M${lastRow}` },
        validation: { range: `K4:K${lastRow}`, list: ['AAA', 'AA', 'A'] },
        styles: [{ range: 'A1', bold: true }],
        columnWidths: [
          { col: 'B', width: 22 },
          { col: 'D', width: 16 },
          { col: 'J', width: 18 },
        ],
      },
      {
        name: '跟进记录',
        rows: [
          ['客户关系维护跟进记录表'],
          [
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
          ],
          ...followUps(NAMES),
        ],
        merges: ['A1:K1'],
        styles: [{ range: 'A2:K2', bold: true, fill: 'D9E1F2' }],
        columnWidths: [{ col: 'A', width: 22 }],
      },
      {
        name: '说明',
        rows: [
          ['本工作簿为示例数据，用于体验客户评分加载项。'],
          ['评分规则：客户关系综合评估（10 项指标，权重合计 140%，按权重归一化为百分制）。'],
          ['等级：≥90 战略级客户；≥70 重点客户；≥50 潜力客户；其余为观察客户。'],
        ],
      },
    ],
  });
}

if (require.main === module) {
  buildSample().then((bytes) => {
    const file = join(__dirname, '..', 'assets', 'sample-customers.xlsx');
    writeFileSync(file, bytes);
    process.stdout.write(`${file}: ${bytes.length} bytes\n`);
  });
}
