import type { RuleSetInput } from '../engine/rules';

/** `evaluation` — 客户关系综合评估 (seed 000; docs/scoring-rules.md section 6). Weights add up to 140 %, as in the seed. */
export const evaluationPreset: RuleSetInput = {
  schemaVersion: 1,
  id: 'evaluation',
  label: { zh: '客户关系综合评估', en: 'Customer relationship evaluation' },
  dimensions: [
    { id: 'basics', label: { zh: '基础信息', en: 'Basics' } },
    { id: 'history', label: { zh: '合作历史', en: 'Cooperation history' } },
    { id: 'satisfaction', label: { zh: '客户满意度', en: 'Satisfaction' } },
    { id: 'potential', label: { zh: '合作潜力', en: 'Potential' } },
    { id: 'risk', label: { zh: '风险控制', en: 'Risk control' } },
  ],
  indicators: [
    {
      id: 'tenure', label: { zh: '合作时长', en: 'Years as customer' }, dimension: 'basics',
      columns: ['合作时长', '合作年限', '合作起始时间', '合作开始时间', 'Years as customer', 'Relationship length', 'Customer since'],
      type: 'duration', bands: [{ op: '>=', value: 2, points: 30 }, { op: '>=', value: 1, points: 15 }], else: 0, maxPoints: 30, weight: 10,
    },
    {
      id: 'industryGrowth', label: { zh: '所属行业增长潜力', en: 'Industry growth potential' }, dimension: 'basics',
      // Not `所属行业` alone: that names the industry (新能源, 互联网), not its growth potential.
      columns: ['所属行业增长潜力', '行业增长潜力', '所属行业(增长潜力)', 'Industry growth potential', 'Industry growth'],
      type: 'category',
      bands: [
        { label: '高增长', synonyms: ['高增长行业', '高', 'High growth', 'High'], points: 30 },
        { label: '稳定', synonyms: ['稳定行业', '平稳', '中', 'Stable', 'Medium'], points: 15 },
        { label: '衰退', synonyms: ['衰退行业', '下滑', '低', 'Declining', 'Low'], points: 0 },
      ],
      else: 0, maxPoints: 30, weight: 10,
    },
    {
      id: 'orderFrequency', label: { zh: '年均交易频次', en: 'Orders per year' }, dimension: 'history',
      columns: ['年均交易频次', '年均采购次数', '交易频次', 'Orders per year', 'Purchase frequency'],
      type: 'count', bands: [{ op: '>=', value: 12, points: 30 }, { op: '>=', value: 6, points: 15 }], else: 0, maxPoints: 30, weight: 15,
    },
    {
      id: 'paymentOnTime', label: { zh: '回款及时率', en: 'On-time payment rate' }, dimension: 'history',
      columns: ['回款及时率', '回款率', 'On-time payment rate', 'Payment on time'],
      type: 'rate', bands: [{ op: '>=', value: 0.95, points: 30 }, { op: '>=', value: 0.9, points: 15 }], else: 0, maxPoints: 30, weight: 15,
    },
    {
      id: 'satisfaction', label: { zh: '满意度评分', en: 'Satisfaction score' }, dimension: 'satisfaction', role: 'satisfaction',
      columns: ['满意度评分', '客户满意度', '满意度', '产品/服务满意度评分', 'Satisfaction score', 'Satisfaction'],
      type: 'score', scale: { min: 1, max: 5 },
      bands: [{ op: '>=', value: 4.5, points: 25 }, { op: '>=', value: 4.0, points: 15 }], else: 0, maxPoints: 25, weight: 25,
    },
    {
      id: 'complaintResolution', label: { zh: '投诉解决及时率', en: 'Complaints resolved on time' }, dimension: 'satisfaction',
      columns: ['投诉解决及时率', '投诉解决率', 'Complaints resolved on time', 'Complaint resolution rate'],
      type: 'rate', bands: [{ op: '>=', value: 0.9, points: 25 }, { op: '>=', value: 0.8, points: 15 }], else: 0, maxPoints: 25, weight: 10,
    },
    {
      id: 'repurchase', label: { zh: '复购率', en: 'Repurchase rate' }, dimension: 'potential',
      columns: ['复购率', '复购率(近1年)', 'Repurchase rate', 'Repeat purchase rate'],
      type: 'rate', bands: [{ op: '>=', value: 0.8, points: 20 }, { op: '>=', value: 0.5, points: 10 }], else: 0, maxPoints: 20, weight: 20,
    },
    {
      id: 'newProductWillingness', label: { zh: '新产品/服务尝试意愿', en: 'Willingness to try new products' }, dimension: 'potential',
      columns: ['新产品/服务尝试意愿', '新产品尝试意愿', '尝试意愿', 'Willingness to try new products', 'New product interest'],
      type: 'category',
      bands: [
        { label: '主动尝试', synonyms: ['主动', '积极', '乐于尝试', '愿意尝试', 'Eager', 'Proactive', 'Active', 'Keen'], points: 20 },
        { label: '被动接受', synonyms: ['被动', '一般', '观望', '可以接受', 'Passive', 'Neutral', 'Accepts'], points: 10 },
        { label: '无意愿', synonyms: ['无', '拒绝', '不愿意', '不感兴趣', '没有意愿', 'None', 'Unwilling', 'Not interested', 'No interest'], points: 0 },
      ],
      else: 0, maxPoints: 20, weight: 10,
    },
    {
      id: 'creditRating', label: { zh: '客户信用等级', en: 'Credit rating' }, dimension: 'risk',
      columns: ['客户信用等级', '信用等级', '信用评级', 'Credit rating', 'Credit grade'],
      type: 'category',
      bands: [
        { label: 'AAA', synonyms: ['AAA级'], points: 15 },
        { label: 'AA', synonyms: ['AA级'], points: 10 },
        { label: 'A及以下', synonyms: ['A', 'A级', 'A级及以下', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D', 'A or below'], points: 0 },
      ],
      else: 0, maxPoints: 15, weight: 15,
    },
    {
      id: 'contractFulfilment', label: { zh: '合同履约率', en: 'Contract fulfilment rate' }, dimension: 'risk',
      columns: ['合同履约率', '履约率', 'Contract fulfilment rate', 'Contract fulfillment rate'],
      type: 'rate', bands: [{ op: '>=', value: 1, points: 15 }, { op: '>=', value: 0.9, points: 10 }], else: 0, maxPoints: 15, weight: 10,
    },
  ],
  tiers: [
    { id: 'strategic', label: { zh: '战略级客户', en: 'Strategic' }, min: 90, color: 'C6EFCE' },
    { id: 'key', label: { zh: '重点客户', en: 'Key' }, min: 70, color: 'DDEBF7' },
    { id: 'potential', label: { zh: '潜力客户', en: 'Potential' }, min: 50, color: 'FFF2CC' },
    { id: 'watch', label: { zh: '观察客户', en: 'Watch' }, color: 'FCE4D6' },
  ],
};
