import { SERVICE_COLUMNS } from '../engine/columns';
import type { ServiceRulesInput } from '../engine/rules';

/**
 * `service` — 服务水平评价 (seeds 001 and 003; docs/scoring-rules.md section 6): the five dimensions of
 * seed 001's 服务水平评价汇总表, and the three of seed 003's questionnaire that are not among
 * them (产品质量, 售后支持, 个性化体验), each on the scale its column uses; 推荐意愿 0-10 for the
 * NPS. The header spellings are the finder's own (SERVICE_COLUMNS), so that the survey located
 * is the survey read.
 */
const dimension = (id: Exclude<keyof typeof SERVICE_COLUMNS, 'period' | 'recommend'>, zh: string, en: string) => ({
  id,
  label: { zh, en },
  columns: [...SERVICE_COLUMNS[id]],
});

export const servicePreset: ServiceRulesInput = {
  schemaVersion: 1,
  kind: 'service',
  id: 'service',
  label: { zh: '服务水平评价', en: 'Service evaluation' },
  description: {
    zh: '每位客户各维度在各评价周期的平均分、百分制服务得分（各维度平均分 ÷ 满分 × 100）和短板维度；全部客户的各维度平均分和净推荐值（NPS）。',
    en: 'Per customer: each dimension’s mean over the survey periods, the service score out of 100 (the dimension means ÷ the scale’s maximum × 100) and the weakest dimension; over all customers: each dimension’s mean and the net promoter score (NPS).',
  },
  dimensions: [
    dimension('responsiveness', '服务响应及时性', 'Responsiveness'),
    dimension('problemSolving', '问题解决能力', 'Problem solving'),
    dimension('communication', '沟通互动质量', 'Communication'),
    dimension('addedValue', '服务增值性', 'Added value'),
    dimension('overall', '整体满意度', 'Overall satisfaction'),
    dimension('productQuality', '产品质量', 'Product quality'),
    dimension('afterSales', '售后支持', 'After-sales support'),
    dimension('personalisation', '个性化体验', 'Personalisation'),
  ],
  recommend: { label: { zh: '推荐意愿', en: 'Likelihood to recommend' }, columns: [...SERVICE_COLUMNS.recommend] },
  period: { columns: [...SERVICE_COLUMNS.period] },
  minAnswers: 30,
};
