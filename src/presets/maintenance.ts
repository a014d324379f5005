import type { RuleSetInput } from '../engine/rules';

/** `maintenance` — 客户维护计划 (seed 004; docs/scoring-rules.md section 6), with contact cadence by tier. */
export const maintenancePreset: RuleSetInput = {
  schemaVersion: 1,
  id: 'maintenance',
  label: { zh: '客户维护计划', en: 'Customer maintenance plan' },
  dimensions: [
    { id: 'value', label: { zh: '价值', en: 'Value' } },
    { id: 'potential', label: { zh: '潜力', en: 'Potential' } },
    { id: 'risk', label: { zh: '风险', en: 'Risk' } },
  ],
  indicators: [
    {
      id: 'revenue12m', label: { zh: '近12个月交易金额', en: 'Revenue, last 12 months' }, dimension: 'value',
      columns: ['近12个月交易金额', '近12个月交易额', '近一年交易额', '年交易金额', 'Revenue last 12 months', 'Revenue (12 months)'],
      type: 'money',
      bands: [{ op: '>=', value: 500000, points: 100 }, { op: '>=', value: 100000, points: 80 }, { op: '>=', value: 10000, points: 60 }],
      else: 40, maxPoints: 100, weight: 40,
    },
    {
      id: 'profit', label: { zh: '利润贡献', en: 'Profit contribution' }, dimension: 'value',
      columns: ['利润贡献', '毛利贡献', '利润', 'Profit contribution', 'Profit'],
      type: 'money',
      bands: [{ op: '>=', value: 100000, points: 100 }, { op: '>=', value: 20000, points: 80 }, { op: '>=', value: 5000, points: 60 }],
      else: 40, maxPoints: 100, weight: 30,
    },
    {
      id: 'industryOutlook', label: { zh: '行业增长前景', en: 'Industry outlook' }, dimension: 'potential',
      columns: ['行业增长前景', '行业前景', '行业增长率', 'Industry outlook', 'Industry growth'],
      type: 'rate',
      bands: [
        { op: '>', value: 0.15, points: 100 }, { label: '高', synonyms: ['High'], points: 100 },
        { op: '>=', value: 0.05, points: 70 }, { label: '中', synonyms: ['Medium'], points: 70 },
        { label: '低', synonyms: ['Low'], points: 40 },
      ],
      else: 40, maxPoints: 100, weight: 10,
    },
    {
      id: 'willingness', label: { zh: '合作意愿', en: 'Willingness to cooperate' }, dimension: 'potential',
      columns: ['合作意愿', 'Willingness to cooperate', 'Willingness'],
      type: 'category',
      bands: [
        { label: '强', synonyms: ['高', '强烈', 'Strong', 'High'], points: 100 },
        { label: '一般', synonyms: ['中', '中等', 'Medium', 'Moderate'], points: 70 },
        { label: '弱', synonyms: ['低', '较弱', 'Weak', 'Low'], points: 40 },
      ],
      else: 40, maxPoints: 100, weight: 10,
    },
    {
      id: 'demandGrowth', label: { zh: '需求扩展性', en: 'Room for more business' }, dimension: 'potential',
      columns: ['需求扩展性', '需求扩展', '扩展潜力', '增购潜力', 'Room for more business', 'Demand growth', 'Expansion potential', 'Upsell potential'],
      type: 'category',
      bands: [
        { label: '高', synonyms: ['强', 'High'], points: 100 },
        { label: '中', synonyms: ['一般', 'Medium'], points: 70 },
        { label: '低', synonyms: ['弱', 'Low'], points: 40 },
      ],
      else: 40, maxPoints: 100, weight: 10,
    },
    {
      id: 'churnWarning', label: { zh: '流失预警', en: 'Churn warning' }, dimension: 'risk', role: 'last-transaction',
      columns: ['最近交易日期', '最后交易日期', '最近一次交易日期', '最近下单日期', 'Last transaction date', 'Last order date'],
      type: 'date', measure: 'days-since',
      bands: [{ op: '>=', value: 90, points: 100 }], else: 0, maxPoints: 100, weight: -10,
    },
  ],
  tiers: [
    { id: 'strategic', label: { zh: '战略客户', en: 'Strategic' }, min: 90, color: 'C6EFCE', cadenceDays: 31 },
    { id: 'key', label: { zh: '重点客户', en: 'Key' }, min: 70, color: 'DDEBF7', cadenceDays: 92 },
    { id: 'ordinary', label: { zh: '普通客户', en: 'Ordinary' }, min: 50, color: 'FFF2CC', cadenceDays: 183 },
    { id: 'prospect', label: { zh: '潜在客户', en: 'Prospect' }, color: 'EDEDED' },
  ],
};
