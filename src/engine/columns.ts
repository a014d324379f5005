/**
 * Header matching: which column of a table holds which indicator or known column.
 * Headers are compared by their stem (brackets, units, `*`, spaces and full-width forms
 * removed), exactly first, then by containment.
 */
import { headerStem } from './text';

/** How well a header names something: 1 for an exact stem match, less for containment, 0 for none. */
export function headerMatchScore(header: string, synonyms: readonly string[]): number {
  const stem = headerStem(header);
  if (!stem) return 0;
  let best = 0;
  for (const synonym of synonyms) {
    const syn = headerStem(synonym);
    if (!syn) continue;
    if (syn === stem) return 1;
    // Containment: a short word (两字) must cover at least half of the other, so that
    // `客户` does not take `客户信用等级`.
    if (stem.includes(syn) && containable(syn, stem)) best = Math.max(best, 0.5 + 0.4 * (syn.length / stem.length));
    else if (syn.includes(stem) && containable(stem, syn)) best = Math.max(best, 0.4 + 0.4 * (stem.length / syn.length));
  }
  return best;
}

function containable(part: string, whole: string): boolean {
  return part.length >= 3 || (part.length >= 2 && part.length * 2 >= whole.length);
}

/** Known columns other than indicators: the key, the override, and the follow-up and service logs. */
export const KEY_NAME_COLUMNS = ['客户名称', '客户', '客户全称', '公司名称', '企业名称', '单位名称', 'Customer', 'Customer name', 'Client', 'Company'];
export const KEY_ID_COLUMNS = ['客户编号', '客户编码', '客户代码', '客户ID', 'Customer ID', 'Customer no', 'Customer number'];
export const OVERRIDE_COLUMNS = ['人工调整等级', '人工等级', '调整后等级', '手动等级', 'Tier override', 'Manual tier'];
export const LAST_TRANSACTION_COLUMNS = ['最近交易日期', '最后交易日期', '最近一次交易日期', '最近下单日期', 'Last transaction date', 'Last order date'];
export const COMPLAINT_COLUMNS = ['投诉次数', '投诉数', '年投诉次数', 'Complaints', 'Complaint count'];

export const FOLLOW_UP_COLUMNS = {
  contact: ['对接人', '联系人', '客户对接人', 'Contact'],
  date: ['跟进日期', '跟进时间', '拜访日期', '联系日期', 'Follow-up date', 'Visit date'],
  method: ['跟进方式', '联系方式', 'Channel', 'Follow-up method'],
  reason: ['跟进事由', '跟进内容', 'Purpose', 'Reason'],
  feedback: ['客户反馈要点', '客户反馈', 'Customer feedback', 'Feedback'],
  openIssue: ['待解决问题', '遗留问题', '待办事项', 'Open issue', 'Open issues'],
  owner: ['责任部门/人', '责任部门', '责任人', 'Owner'],
  due: ['预计完成时间', '计划完成时间', '预计完成日期', '计划完成日期', 'Due date', 'Due'],
  done: ['实际完成时间', '实际完成日期', '完成时间', '完成日期', 'Completed on', 'Done date'],
  confirmation: ['客户确认情况', '客户确认', 'Customer confirmation'],
} as const;
export type FollowUpField = keyof typeof FOLLOW_UP_COLUMNS;

export const SERVICE_COLUMNS = {
  period: ['评价周期', '评价期间', 'Period'],
  responsiveness: ['服务响应速度', '服务响应及时性', '响应速度', 'Responsiveness'],
  problemSolving: ['问题解决能力', 'Problem solving'],
  communication: ['沟通互动质量', '沟通质量', 'Communication'],
  addedValue: ['服务增值性', '增值服务', 'Added value'],
  overall: ['整体满意度', '总体满意度', 'Overall satisfaction'],
  recommend: ['推荐意愿', 'NPS', 'Likelihood to recommend'],
} as const;

/** The columns the add-in writes (DOMAIN.md section 6), recognised in either language. */
export const MANAGED_COLUMNS = {
  score: { zh: '综合得分', en: 'Weighted score' },
  tier: { zh: '客户等级', en: 'Tier' },
  flags: { zh: '预警标记', en: 'Flags' },
  breakdown: { zh: '得分说明', en: 'Score breakdown' },
  previousTier: { zh: '上次等级', en: 'Previous tier' },
} as const;
export type ManagedColumnId = keyof typeof MANAGED_COLUMNS;
export const MANAGED_COLUMN_IDS = Object.keys(MANAGED_COLUMNS) as ManagedColumnId[];

/** Which managed column a header is, if any: exact stems only, so `客户等级` never takes `客户信用等级`. */
export function managedColumnOf(header: string): ManagedColumnId | undefined {
  const stem = headerStem(header);
  if (!stem) return undefined;
  return MANAGED_COLUMN_IDS.find((id) => headerStem(MANAGED_COLUMNS[id].zh) === stem || headerStem(MANAGED_COLUMNS[id].en) === stem);
}

export interface Claim<R extends string> {
  role: R;
  synonyms: readonly string[];
}

export interface ColumnMatch {
  column: number;
  score: number;
}

/** Minimum score for a column to be taken by a role. */
export const MIN_MATCH = 0.6;

/**
 * Assigns columns to roles, best matches first, each column to at most one role and
 * each role to at most one column. Managed columns never take part.
 */
export function assignColumns<R extends string>(headers: readonly string[], claims: readonly Claim<R>[]): Map<R, ColumnMatch> {
  const pairs: { role: R; column: number; score: number; order: number }[] = [];
  claims.forEach((claim, order) => {
    headers.forEach((header, column) => {
      if (managedColumnOf(header)) return;
      const score = headerMatchScore(header, claim.synonyms);
      if (score >= MIN_MATCH) pairs.push({ role: claim.role, column, score, order });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.order - b.order || a.column - b.column);
  const taken = new Set<number>();
  const result = new Map<R, ColumnMatch>();
  for (const pair of pairs) {
    if (result.has(pair.role) || taken.has(pair.column)) continue;
    result.set(pair.role, { column: pair.column, score: pair.score });
    taken.add(pair.column);
  }
  return result;
}
