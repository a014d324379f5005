/**
 * Header matching: how well a header names an indicator or a known column (docs/scoring-rules.md
 * section 1), and the one-to-one assignment of columns to roles that maximises the total
 * match. A header is compared with each synonym in four ways, best first: the same text
 * (exact), the same stem once units, brackets, `*` and spaces are removed (stem), the same
 * concepts of the domain lexicon (concept: `近12个月交易额` ~ `年交易金额`, `合作年限` ~
 * `合作时长`), or one stem inside the other (partial). Period words never block a match.
 */
import { conceptAgreement, conceptsOf, hasDistinctiveConcept, withoutPeriods } from './lexicon';
import { compact, headerStem } from './text';

export type HeaderMatchKind = 'exact' | 'stem' | 'concept' | 'partial';

export interface HeaderEvidence {
  kind: HeaderMatchKind;
  /** 1 for exact, 0.9-0.95 for a stem, up to 0.85 for a concept or partial match. */
  score: number;
}

/** Scores of each kind of header match. */
export const HEADER_SCORES = { exact: 1, stem: 0.95, periodStem: 0.9, conceptBase: 0.3, conceptSpan: 0.55, partialBase: 0.5, partialSpan: 0.35 } as const;

/** The header with its brackets' marks (not their text) removed, compacted: `所属行业(增长潜力)` → `所属行业增长潜力`. */
function unbracketed(text: string): string {
  return compact(text).replace(/[()[\]{}【】〔〕（）［］｛｝<>《》*＊:：_\-/\\]/g, '');
}

interface Reading {
  exact: string;
  stem: string;
  unbracketed: string;
  periodStem: string;
}

const readings = new Map<string, Reading>();

function readingOf(text: string): Reading {
  let r = readings.get(text);
  if (!r) {
    r = { exact: compact(text), stem: headerStem(text), unbracketed: unbracketed(text), periodStem: headerStem(withoutPeriods(text)) };
    if (readings.size > 20_000) readings.clear();
    readings.set(text, r);
  }
  return r;
}

/** How well a header names something with these synonyms, and how; undefined when not at all. */
export function headerEvidence(header: string, synonyms: readonly string[]): HeaderEvidence | undefined {
  const h = readingOf(header);
  if (!h.stem && !h.exact) return undefined;
  let best: HeaderEvidence | undefined;
  const consider = (kind: HeaderMatchKind, score: number) => {
    const rounded = Math.round(score * 1000) / 1000;
    if (rounded > 0 && (!best || rounded > best.score)) best = { kind, score: rounded };
  };
  const headerConcepts = conceptsOf(header);
  for (const synonym of synonyms) {
    const s = readingOf(synonym);
    if (!s.exact) continue;
    if (s.exact === h.exact) return { kind: 'exact', score: HEADER_SCORES.exact };
    if ((s.stem && s.stem === h.stem) || s.unbracketed === h.unbracketed) consider('stem', HEADER_SCORES.stem);
    else if (s.periodStem && s.periodStem === h.periodStem) consider('stem', HEADER_SCORES.periodStem);
    const synonymConcepts = conceptsOf(synonym);
    const agreement = conceptAgreement(headerConcepts, synonymConcepts);
    if (agreement > 0) consider('concept', HEADER_SCORES.conceptBase + HEADER_SCORES.conceptSpan * agreement);
    if (h.stem && s.stem) {
      // One stem inside the other. A short word (两字) must cover at least half of the other,
      // and a word that names only generic concepts never counts: `客户` does not take `客户信用等级`.
      // A header inside a synonym must not lose the synonym's distinctive concepts: `行业` is
      // inside `行业增速` but says nothing of growth.
      if (h.stem.includes(s.stem) && containable(s.stem, h.stem)) {
        consider('partial', HEADER_SCORES.partialBase + HEADER_SCORES.partialSpan * (s.stem.length / h.stem.length));
      } else if (s.stem.includes(h.stem) && containable(h.stem, s.stem) && !losesDistinctive(synonymConcepts, headerConcepts)) {
        consider('partial', HEADER_SCORES.partialBase + HEADER_SCORES.partialSpan * (h.stem.length / s.stem.length));
      }
    }
  }
  return best;
}

/** How well a header names something: 1 for an exact match, less for a looser one, 0 for none. */
export function headerMatchScore(header: string, synonyms: readonly string[]): number {
  return headerEvidence(header, synonyms)?.score ?? 0;
}

/** Whether `whole` names a distinctive concept that `part` does not. */
function losesDistinctive(whole: ReturnType<typeof conceptsOf>, part: ReturnType<typeof conceptsOf>): boolean {
  for (const [id, w] of whole) if (w >= 1 && !part.has(id)) return true;
  return false;
}

function containable(part: string, whole: string): boolean {
  if (!(part.length >= 3 || (part.length >= 2 && part.length * 2 >= whole.length))) return false;
  const concepts = conceptsOf(part);
  return concepts.size === 0 || hasDistinctiveConcept(part);
}

/** Known columns other than indicators: the key, the override, and the follow-up and service logs. */
export const KEY_NAME_COLUMNS = [
  '客户名称',
  '客户',
  '客户全称',
  '客户简称',
  '公司名称',
  '企业名称',
  '单位名称',
  '公司',
  '企业',
  'Customer',
  'Customer name',
  'Client',
  'Client name',
  'Company',
  'Company name',
  'Account',
  'Account name',
];
export const KEY_ID_COLUMNS = ['客户编号', '客户编码', '客户代码', '客户ID', 'Customer ID', 'Customer no', 'Customer number', 'Client ID', 'Account ID'];
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

/**
 * The service survey's columns (seed 001 模板2, seed 003's questionnaire): the period, the
 * dimensions and 推荐意愿. The service preset (src/presets/service.ts) takes its dimensions'
 * spellings from here, so that the survey the finder locates is the one the analysis reads.
 */
export const SERVICE_COLUMNS = {
  period: [
    '评价周期',
    '评价期间',
    '调研周期',
    '调查周期',
    '评价时间',
    '调查时间',
    '调研时间',
    '评价日期',
    '调查日期',
    'Period',
    'Survey period',
    'Wave',
    'Survey date',
  ],
  responsiveness: ['服务响应速度', '服务响应及时性', '响应速度', '响应及时性', 'Responsiveness', 'Response speed'],
  problemSolving: ['问题解决能力', '问题解决', 'Problem solving'],
  communication: ['沟通互动质量', '沟通质量', '沟通互动', 'Communication', 'Communication quality'],
  addedValue: ['服务增值性', '增值服务', '服务增值', 'Added value', 'Value added'],
  overall: ['整体满意度', '总体满意度', 'Overall satisfaction'],
  productQuality: ['产品质量', '产品质量满意度', 'Product quality'],
  afterSales: ['售后支持', '售后服务', 'After-sales support', 'After-sales service'],
  personalisation: ['个性化体验', '个性化服务', 'Personalised experience', 'Personalisation', 'Personalization'],
  recommend: ['推荐意愿', '推荐可能性', '净推荐值', 'NPS', 'Likelihood to recommend', 'Would recommend'],
} as const;
export type ServiceColumnId = keyof typeof SERVICE_COLUMNS;

/**
 * RFM from the customer table's own columns (docs/scoring-rules.md section 6 `rfm`): the last purchase as
 * a date or as days since it, the purchases and the amount in the period.
 */
export const RFM_COLUMNS = {
  recencyDate: [
    '最近交易日期',
    '最后交易日期',
    '最近一次交易日期',
    '最近下单日期',
    '最近购买日期',
    '最后购买日期',
    '最近消费日期',
    '最近一次购买日期',
    'Last transaction date',
    'Last order date',
    'Last purchase date',
  ],
  recencyDays: [
    '距今天数',
    '最近购买距今天数',
    '最近交易距今天数',
    '最近消费距今天数',
    '未交易天数',
    '未购买天数',
    '距上次购买天数',
    'Days since last purchase',
    'Days since last order',
    'Recency (days)',
    'Recency',
  ],
  frequency: [
    '交易次数',
    '购买次数',
    '购买频次',
    '交易频次',
    '年均交易频次',
    '消费次数',
    '消费频次',
    '下单次数',
    '订单数',
    'Purchases',
    'Number of purchases',
    'Orders',
    'Purchase frequency',
    'Frequency',
  ],
  monetary: [
    '交易金额',
    '累计金额',
    '累计交易金额',
    '消费金额',
    '累计消费金额',
    '购买金额',
    '交易额',
    '近12个月交易额',
    '近12个月交易金额',
    '年交易金额',
    'Amount',
    'Total amount',
    'Total spend',
    'Monetary',
    'Revenue',
  ],
} as const;
export type RfmColumnId = keyof typeof RFM_COLUMNS;

/** A transactions table (交易记录): one row per purchase. */
export const TRANSACTION_COLUMNS = {
  date: ['交易日期', '下单日期', '购买日期', '消费日期', '订单日期', '成交日期', 'Transaction date', 'Order date', 'Purchase date', 'Date'],
  amount: ['交易金额', '订单金额', '消费金额', '购买金额', '成交金额', '金额', 'Amount', 'Order amount', 'Order value'],
} as const;

/** The columns the add-in writes (docs/scoring-rules.md section 8), recognised in either language. */
export const MANAGED_COLUMNS = {
  score: { zh: '综合得分', en: 'Weighted score' },
  tier: { zh: '客户等级', en: 'Tier' },
  flags: { zh: '预警标记', en: 'Flags' },
  breakdown: { zh: '得分说明', en: 'Score breakdown' },
  previousTier: { zh: '上次等级', en: 'Previous tier' },
} as const;
export type ManagedColumnId = keyof typeof MANAGED_COLUMNS;
export const MANAGED_COLUMN_IDS = Object.keys(MANAGED_COLUMNS) as ManagedColumnId[];

/** Which of the named columns a header is, if any: the same stem as its Chinese or English name. */
function namedColumnOf<Id extends string>(names: Record<Id, { zh: string; en: string }>, ids: readonly Id[], header: string): Id | undefined {
  const stem = headerStem(header);
  if (!stem) return undefined;
  return ids.find((id) => headerStem(names[id].zh) === stem || headerStem(names[id].en) === stem);
}

/** Which managed column a header is, if any: exact stems only, so `客户等级` never takes `客户信用等级`. */
export function managedColumnOf(header: string): ManagedColumnId | undefined {
  return namedColumnOf(MANAGED_COLUMNS, MANAGED_COLUMN_IDS, header);
}

/**
 * The columns the service and RFM analyses write (docs/scoring-rules.md section 6), recognised in either
 * language like the managed columns: 服务得分 and 短板维度 in the service table (and in the
 * evaluation table where the keys join), R / F / M, RFM 得分 and RFM 分群 in the customer table.
 */
export const ANALYSIS_COLUMNS = {
  serviceScore: { zh: '服务得分', en: 'Service score' },
  weakestDimension: { zh: '短板维度', en: 'Weakest dimension' },
  rfmR: { zh: 'R', en: 'R' },
  rfmF: { zh: 'F', en: 'F' },
  rfmM: { zh: 'M', en: 'M' },
  rfmScore: { zh: 'RFM 得分', en: 'RFM score' },
  segment: { zh: 'RFM 分群', en: 'RFM segment' },
} as const;
export type AnalysisColumnId = keyof typeof ANALYSIS_COLUMNS;
export const ANALYSIS_COLUMN_IDS = Object.keys(ANALYSIS_COLUMNS) as AnalysisColumnId[];
export const SERVICE_WRITTEN: readonly AnalysisColumnId[] = ['serviceScore', 'weakestDimension'];
export const RFM_WRITTEN: readonly AnalysisColumnId[] = ['rfmR', 'rfmF', 'rfmM', 'rfmScore', 'segment'];

/** Which analysis column a header is, if any (exact stems, either language). */
export function analysisColumnOf(header: string): AnalysisColumnId | undefined {
  return namedColumnOf(ANALYSIS_COLUMNS, ANALYSIS_COLUMN_IDS, header);
}

/** A column the product writes (a managed or an analysis column): never read as an indicator or a dimension. */
export function isWrittenColumn(header: string): boolean {
  return managedColumnOf(header) !== undefined || analysisColumnOf(header) !== undefined;
}

/** Minimum header score for a column to be taken by a role. */
export const MIN_MATCH = 0.6;

/**
 * The one-to-one assignment of roles (rows) to columns that maximises the total score
 * (Hungarian algorithm, O(n² m)). `scores[r][c]` is role r's score for column c; 0 or less
 * means the pair is not allowed. Returns each role's column, or -1.
 */
export function assignOptimal(scores: readonly (readonly number[])[]): number[] {
  const n = scores.length;
  if (n === 0) return [];
  const m = scores[0]!.length;
  // Columns 0..m-1 are real, m..m+n-1 are "no column" (score 0) so that every role can stay unassigned.
  const width = m + n;
  const cost = (r: number, c: number) => (c < m ? -Math.max(0, scores[r]![c]!) : 0);
  const INF = Number.POSITIVE_INFINITY;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(width + 1);
  const p = new Int32Array(width + 1); // p[c] = role (1-based) assigned to column c (1-based)
  const way = new Int32Array(width + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(width + 1).fill(INF);
    const used = new Uint8Array(width + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= width; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= width; j++) {
        if (used[j]) {
          const r = p[j]!;
          u[r] = u[r]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) {
    const r = p[j]!;
    if (r > 0 && scores[r - 1]![j - 1]! > 0) result[r - 1] = j - 1;
  }
  return result;
}
