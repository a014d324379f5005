/** The warning flags of docs/scoring-rules.md section 7, as data; their sentences live in src/i18n. */
import type { GateFailure } from './tiers';
import type { MissingReason } from './types';

export const FLAG_IDS = [
  'churn-risk',
  'followup-overdue',
  'cadence-overdue',
  'low-satisfaction',
  'missing-data',
  'tier-gate',
  'frequent-complaints',
  'tier-down',
  'tier-up',
] as const;
export type FlagId = (typeof FLAG_IDS)[number];

export type Flag =
  | { id: 'churn-risk'; reason: 'no-transaction'; days: number }
  | { id: 'churn-risk'; reason: 'no-follow-up'; days: number }
  | { id: 'churn-risk'; reason: 'never-followed-up' }
  /** The customer's RFM segment is 流失风险客户 (R ≤ 2). */
  | { id: 'churn-risk'; reason: 'rfm-at-risk' }
  | { id: 'followup-overdue'; count: number; earliestDue: number }
  | { id: 'cadence-overdue'; days: number | null; cadenceDays: number }
  | { id: 'low-satisfaction'; indicator: string; value: number; threshold: number }
  | { id: 'missing-data'; indicator: string; address: string; text: string; reason: MissingReason | 'no-column' }
  | { id: 'tier-gate'; tier: string; failures: GateFailure[] }
  | { id: 'frequent-complaints'; count: number }
  | { id: 'tier-down'; previous: string }
  | { id: 'tier-up'; previous: string };

/** Days without a transaction that make a customer a churn risk. */
export const CHURN_TRANSACTION_DAYS = 90;
/** Days without a follow-up (近6个月无互动) that make a customer a churn risk. */
export const CHURN_FOLLOW_UP_DAYS = 183;
/** Complaints from which the `frequent-complaints` flag is raised. */
export const FREQUENT_COMPLAINTS = 3;
