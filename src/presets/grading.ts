import type { RuleSetInput } from '../engine/rules';

/** `grading` — 客户分级 (seed 002; docs/scoring-rules.md section 6), on the 100/80/60/40 scale. */
export const gradingPreset: RuleSetInput = {
  schemaVersion: 1,
  id: 'grading',
  label: { zh: '客户分级', en: 'Customer grading' },
  dimensions: [
    { id: 'value', label: { zh: '价值', en: 'Value' }, weight: 50 },
    { id: 'potential', label: { zh: '潜力', en: 'Potential' }, weight: 30 },
    { id: 'relationship', label: { zh: '关系', en: 'Relationship' }, weight: 20 },
  ],
  indicators: [
    {
      id: 'annualRevenue', label: { zh: '年交易金额', en: 'Annual revenue' }, dimension: 'value',
      columns: ['年交易金额', '年交易额', '年度交易额', '年采购金额', 'Annual revenue', 'Annual sales'],
      type: 'money',
      bands: [{ op: '>=', value: 500000, points: 100 }, { op: '>=', value: 100000, points: 80 }, { op: '>=', value: 10000, points: 60 }],
      else: 40, maxPoints: 100, weight: 30,
    },
    {
      id: 'tenure', label: { zh: '合作时长', en: 'Years as customer' }, dimension: 'value',
      columns: ['合作时长', '合作年限', '合作起始时间', 'Years as customer', 'Relationship length'],
      type: 'duration',
      bands: [{ op: '>=', value: 2, points: 100 }, { op: '>=', value: 1, points: 80 }, { op: '>', value: 0, points: 60 }],
      else: 40, maxPoints: 100, weight: 20,
    },
    {
      id: 'industryGrowth', label: { zh: '行业增长率', en: 'Industry growth rate' }, dimension: 'potential',
      columns: ['行业增长率', '行业增速', 'Industry growth rate', 'Industry growth'],
      type: 'rate',
      bands: [{ op: '>', value: 0.15, points: 100 }, { op: '>=', value: 0.1, points: 80 }, { op: '>=', value: 0.05, points: 60 }],
      else: 40, maxPoints: 100, weight: 15,
    },
    {
      id: 'budgetGrowth', label: { zh: '预算增长空间', en: 'Budget growth room' }, dimension: 'potential',
      columns: ['预算增长空间', '预算增长', 'Budget growth room', 'Budget growth'],
      type: 'rate',
      bands: [{ op: '>', value: 0.2, points: 100 }, { op: '>=', value: 0.1, points: 80 }, { op: '>', value: 0, points: 60 }],
      else: 40, maxPoints: 100, weight: 15,
    },
    {
      id: 'satisfaction', label: { zh: '满意度评分', en: 'Satisfaction score' }, dimension: 'relationship', role: 'satisfaction',
      columns: ['满意度评分', '客户满意度', '满意度', 'Satisfaction score', 'Satisfaction'],
      type: 'score', scale: { min: 1, max: 10 },
      bands: [{ op: '>=', value: 9, points: 100 }, { op: '>=', value: 8, points: 80 }, { op: '>=', value: 7, points: 60 }],
      else: 40, maxPoints: 100, weight: 10,
    },
    {
      id: 'referrals', label: { zh: '转介绍数', en: 'Referrals per year' }, dimension: 'relationship',
      columns: ['转介绍数', '转介绍', '转介绍次数', '推荐客户数', 'Referrals per year', 'Referrals'],
      type: 'count', bands: [{ op: '>=', value: 2, points: 100 }, { op: '>=', value: 1, points: 80 }], else: 60, maxPoints: 100, weight: 5,
    },
    {
      id: 'complaints', label: { zh: '投诉次数', en: 'Complaints' }, dimension: 'relationship', role: 'complaints',
      columns: ['投诉次数', '投诉数', '年投诉次数', 'Complaints', 'Complaint count'],
      type: 'count',
      bands: [{ op: '<=', value: 0, points: 100 }, { op: '<=', value: 1, points: 80 }, { op: '<=', value: 2, points: 60 }],
      else: 40, maxPoints: 100, weight: 5,
    },
  ],
  tiers: [
    {
      id: 'core', label: { zh: '核心客户', en: 'Core' }, min: 90, color: 'C6EFCE',
      gates: [
        { indicator: 'annualRevenue', op: '>=', value: 500000 },
        { indicator: 'tenure', op: '>=', value: 2 },
        { indicator: 'satisfaction', op: '>=', value: 9 },
        { indicator: 'referrals', op: '>=', value: 2 },
      ],
    },
    {
      id: 'important', label: { zh: '重要客户', en: 'Important' }, min: 70, color: 'DDEBF7',
      gates: [
        { indicator: 'annualRevenue', op: '>=', value: 100000 },
        { indicator: 'tenure', op: '>=', value: 1 },
        { indicator: 'satisfaction', op: '>=', value: 8 },
      ],
    },
    { id: 'ordinary', label: { zh: '普通客户', en: 'Ordinary' }, min: 50, color: 'FFF2CC' },
    { id: 'prospect', label: { zh: '潜在客户', en: 'Prospect' }, color: 'EDEDED' },
  ],
  complaintCap: 3,
};
