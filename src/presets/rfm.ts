import type { RfmRulesInput } from '../engine/rules';

/**
 * `rfm` — RFM 分层 (seed 003; docs/scoring-rules.md section 6): each letter scored 1-5 by quintile over
 * the customers, the four segments, equal weights. Seed 003 adjusts the weights to the trade:
 * an online shop raises F (e.g. R 1 : F 2 : M 1), a manufacturer raises M (R 1 : F 1 : M 2);
 * the description says so, and the weights are edited like any other rule.
 */
export const rfmPreset: RfmRulesInput = {
  schemaVersion: 1,
  kind: 'rfm',
  id: 'rfm',
  label: { zh: 'RFM 分层', en: 'RFM segments' },
  description: {
    zh: '按最近一次购买（R）、购买频次（F）和购买金额（M）的五分位给每位客户打 1-5 分并分群。权重可按行业调整：电商可提高 F 的权重（如 R 1 : F 2 : M 1），制造业可侧重 M（如 R 1 : F 1 : M 2）。',
    en: 'Scores each customer 1-5 on recency (R), frequency (F) and monetary value (M) by quintile, and segments them. Weights follow the trade: an online shop raises F (e.g. R 1 : F 2 : M 1), a manufacturer raises M (e.g. R 1 : F 1 : M 2).',
  },
  weights: { recency: 1, frequency: 1, monetary: 1 },
  period: { months: 12 },
  segments: [
    { id: 'at-risk', label: { zh: '流失风险客户', en: 'At risk' }, color: 'F8CBAD' },
    { id: 'high-value', label: { zh: '高价值客户', en: 'High value' }, color: 'C6EFCE' },
    { id: 'potential', label: { zh: '潜力客户', en: 'Potential' }, color: 'DDEBF7' },
    { id: 'low-value', label: { zh: '低价值客户', en: 'Low value' }, color: 'EDEDED' },
  ],
};
