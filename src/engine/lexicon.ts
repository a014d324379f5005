/**
 * The domain lexicon: the concepts sales teams name their columns with, and the terms (Chinese
 * and the English a sales team writes) that stand for each. Teams spell the same column in
 * far more ways than any list of whole headers can hold (`客诉处理及时率`, `投诉解决及时率`,
 * `Complaint resolution on time`); what they share is the concepts (complaint, resolution, on
 * time, rate). A header is read as the set of concepts it names, with period words
 * (近12个月, 年度, 年均, last 12 months, annual …), units and brackets set aside, so that two
 * headers can be compared by meaning (docs/scoring-rules.md section 3).
 *
 * Generic concepts (customer, rate, count, date, score, level …) weigh less than the
 * distinctive ones: `客户` alone never makes `客户信用等级` a match.
 */
import { foldWidth } from './text';

/** Weight of a generic concept, against 1 for a distinctive one. */
export const GENERIC = 0.3;

interface ConceptDef {
  weight: number;
  terms: readonly string[];
}

/**
 * Concept id → its weight and terms. A term may stand for more than one concept (`沟通` is both a
 * follow-up and communication); list it under each. Latin terms are matched as whole words.
 */
const CONCEPTS: Record<string, ConceptDef> = {
  // Indicators of the presets.
  complaint: { weight: 1, terms: ['投诉', '客诉', '申诉', '抱怨', 'complaint', 'complaints', 'complain'] },
  resolve: {
    weight: 1,
    terms: ['解决', '处理', '闭环', '结案', '办结', '处置', 'resolution', 'resolve', 'resolved', 'resolving', 'handling', 'handled', 'closure', 'closed'],
  },
  timely: {
    weight: 1,
    terms: [
      '及时',
      '按时',
      '准时',
      '时效',
      '如期',
      '按期',
      '准期',
      '速度',
      'on time',
      'on-time',
      'ontime',
      'timely',
      'punctual',
      'punctuality',
      'in time',
      'speed',
    ],
  },
  repurchase: {
    weight: 1,
    terms: [
      '复购',
      '回购',
      '续购',
      '再次采购',
      '再次购买',
      '重复购买',
      '重复采购',
      '二次购买',
      '二次采购',
      '续约',
      '续签',
      '复购买',
      'repurchase',
      'repurchases',
      'repeat purchase',
      'repeat purchases',
      'repeat order',
      'repeat orders',
      'repeat buying',
      'repeat',
      'rebuy',
      'renewal',
      'renewals',
    ],
  },
  credit: { weight: 1, terms: ['信用', '资信', '信誉', '征信', '授信', 'credit', 'creditworthiness'] },
  frequency: { weight: 1, terms: ['频次', '频率', '频度', 'frequency', 'freq'] },
  fulfil: {
    weight: 1,
    terms: ['履约', '履行', '执行', '兑现', 'fulfil', 'fulfill', 'fulfilment', 'fulfillment', 'fulfilled', 'honoured', 'honored'],
  },
  contract: { weight: 1, terms: ['合同', '契约', '协议', 'contract', 'contracts', 'agreement', 'agreements'] },
  cooperation: {
    weight: 1,
    terms: ['合作', '往来', '合作关系', '客户关系', 'cooperation', 'co-operation', 'relationship', 'partnership', 'partner', 'with us'],
  },
  tenure: { weight: 1, terms: ['年限', '时长', '年数', '年头', 'tenure', 'years', 'length', 'duration', 'how long'] },
  start: {
    weight: 1,
    terms: ['起始', '开始', '始于', '首次合作', '首次', '建立', '签约', 'since', 'start', 'started', 'starting', 'first', 'onboarded', 'onboarding'],
  },
  growth: {
    weight: 1,
    terms: [
      '增长',
      '增速',
      '增幅',
      '增量',
      '前景',
      '景气',
      '成长',
      '发展',
      '趋势',
      '上升',
      'growth',
      'grow',
      'growing',
      'outlook',
      'trend',
      'prospect',
      'prospects',
      'increase',
    ],
  },
  industry: { weight: 1, terms: ['行业', '产业', '领域', '赛道', 'industry', 'sector', 'vertical', 'market'] },
  potential: { weight: 1, terms: ['潜力', '潜能', 'potential'] },
  revenue: {
    weight: 1,
    terms: [
      '交易额',
      '交易金额',
      '销售额',
      '销售金额',
      '销售收入',
      '采购额',
      '采购金额',
      '营收',
      '营业额',
      '营业收入',
      '收入',
      '成交额',
      '成交金额',
      '购买金额',
      '订单金额',
      '订货额',
      '订货金额',
      '进货额',
      '进货金额',
      '业务量',
      '业绩',
      '流水',
      '消费额',
      '消费金额',
      '贸易额',
      '交易规模',
      '销量额',
      'revenue',
      'revenues',
      'sales',
      'turnover',
      'spend',
      'spending',
      'gmv',
      'purchase amount',
      'purchase value',
      'billing',
      'billings',
      'income',
      'order value',
    ],
  },
  profit: { weight: 1, terms: ['利润', '毛利', '净利', '盈利', '利润额', '毛利额', 'profit', 'profits', 'margin', 'margins', 'profitability', 'earnings'] },
  contribution: { weight: GENERIC, terms: ['贡献', 'contribution'] },
  satisfaction: { weight: 1, terms: ['满意', '满意度', 'satisfaction', 'satisfied', 'csat'] },
  payment: {
    weight: 1,
    terms: [
      '回款',
      '付款',
      '收款',
      '账款',
      '还款',
      '结算',
      '支付',
      '回笼',
      '货款',
      '账期',
      'payment',
      'payments',
      'pay',
      'paid',
      'paying',
      'collection',
      'collections',
      'receivable',
      'receivables',
    ],
  },
  referral: {
    weight: 1,
    terms: ['转介绍', '推荐', '介绍', '引荐', '转介', 'referral', 'referrals', 'refer', 'referred', 'recommend', 'recommendation', 'recommendations'],
  },
  // A net promoter score is how likely customers are to recommend, not how many they referred.
  nps: { weight: 1, terms: ['nps', '净推荐值', '净推荐', 'net promoter', 'net promoter score'] },
  budget: { weight: 1, terms: ['预算', 'budget', 'budgets'] },
  room: { weight: GENERIC, terms: ['空间', '余地', 'room', 'headroom'] },
  willingness: {
    weight: 1,
    terms: ['意愿', '意向', '意欲', '态度', 'willingness', 'willing', 'intention', 'intent', 'propensity', 'interest', 'appetite', 'likelihood'],
  },
  demand: { weight: 1, terms: ['需求', 'demand', 'demands', 'need', 'needs'] },
  expand: {
    weight: 1,
    terms: [
      '扩展',
      '扩大',
      '拓展',
      '扩充',
      '增购',
      '加购',
      'expansion',
      'expand',
      'expanding',
      'upsell',
      'up-sell',
      'cross-sell',
      'cross sell',
      'more business',
    ],
  },
  newProduct: {
    weight: 1,
    terms: ['新产品', '新品', '新服务', '新业务', '新方案', 'new product', 'new products', 'new service', 'new services', 'new offering', 'new offerings'],
  },
  try: { weight: 1, terms: ['尝试', '试用', '试点', 'try', 'trying', 'trial', 'trials', 'adopt', 'adoption'] },
  last: { weight: 1, terms: ['最近', '最后', '最新', '上次', '末次', '上一次', '最近一次', 'last', 'latest', 'recent', 'most recent', 'previous'] },
  transaction: {
    weight: 1,
    terms: [
      '交易',
      '成交',
      '下单',
      '订单',
      '采购',
      '购买',
      '订货',
      '进货',
      '消费',
      'transaction',
      'transactions',
      'order',
      'orders',
      'purchase',
      'purchases',
      'deal',
      'deals',
      'buy',
      'bought',
    ],
  },
  churn: { weight: 1, terms: ['流失', 'churn', 'attrition'] },
  scale: { weight: 1, terms: ['规模', '体量', 'size', 'scale', 'headcount'] },
  position: { weight: 1, terms: ['职位', '职务', '岗位', 'position', 'job title', 'title', 'role'] },
  phone: { weight: 1, terms: ['电话', '手机', '邮箱', '地址', 'phone', 'tel', 'mobile', 'email', 'e-mail', 'address'] },
  region: { weight: 1, terms: ['地区', '区域', '省份', '城市', '所在地', 'region', 'city', 'province', 'country', 'territory'] },
  seq: { weight: 1, terms: ['序号', '行号', 'seq', 's/n'] },

  // Generic words.
  customer: { weight: GENERIC, terms: ['客户', '顾客', '客商', '买家', '买方', '甲方', 'customer', 'customers', 'client', 'clients', 'account', 'buyer'] },
  company: { weight: GENERIC, terms: ['公司', '企业', '单位', '机构', '厂商', 'company', 'firm', 'organisation', 'organization', 'enterprise'] },
  date: { weight: GENERIC, terms: ['日期', '时间', '时点', 'date', 'time', 'day', 'when'] },
  level: { weight: GENERIC, terms: ['等级', '级别', '评级', '分级', '层级', '档次', '级', 'grade', 'rating', 'level', 'tier', 'class'] },
  score: { weight: GENERIC, terms: ['评分', '打分', '分数', '得分', '分值', 'score', 'points'] },
  rate: { weight: GENERIC, terms: ['率', '比例', '比率', '占比', '百分比', '%', 'rate', 'ratio', 'percentage', 'pct', 'percent', 'share'] },
  count: {
    weight: GENERIC,
    terms: ['数量', '个数', '次数', '家数', '人数', '数', '量', 'count', 'number of', 'no of', 'qty', 'quantity', 'num', 'times', '#'],
  },
  ability: { weight: GENERIC, terms: ['能力', '水平', 'ability', 'capability', 'skill', 'skills'] },
  quality: { weight: GENERIC, terms: ['质量', '品质', 'quality'] },
  service: { weight: GENERIC, terms: ['服务', 'service'] },
  evaluation: { weight: GENERIC, terms: ['评价', '评估', '考核', 'evaluation', 'assessment', 'review'] },

  // Keys and the override.
  name: { weight: 1, terms: ['名称', '名字', '全称', '简称', '姓名', 'name'] },
  id: { weight: 1, terms: ['编号', '编码', '代码', '代号', '账号', 'id', 'no', 'code'] },
  override: { weight: 1, terms: ['人工', '手动', '手工', '调整', '调整后', '修正', '覆盖', 'override', 'manual', 'adjusted', 'adjustment'] },
  remark: { weight: 1, terms: ['备注', '说明', '注释', '批注', '附注', 'remark', 'remarks', 'note', 'notes', 'comment', 'comments', 'memo'] },

  // The follow-up log.
  followUp: {
    weight: 1,
    terms: ['跟进', '拜访', '回访', '走访', '联系', '沟通', 'follow-up', 'follow up', 'followup', 'visit', 'visits', 'call', 'touchpoint'],
  },
  contact: { weight: 1, terms: ['对接人', '联系人', '对接', '接口人', 'contact', 'contact person'] },
  method: { weight: 1, terms: ['方式', '渠道', '形式', '途径', 'method', 'channel', 'mode', 'via'] },
  reason: { weight: 1, terms: ['事由', '事项', '内容', '目的', '主题', '原因', 'purpose', 'reason', 'subject', 'topic', 'agenda'] },
  feedback: { weight: 1, terms: ['反馈', '意见', '要点', 'feedback'] },
  issue: {
    weight: 1,
    terms: ['问题', '待办', '遗留', 'issue', 'issues', 'problem', 'problems', 'todo', 'to-do', 'open item', 'open items', 'action item', 'action items'],
  },
  pending: { weight: 1, terms: ['待', '未决', '未解决', 'open', 'pending', 'outstanding', 'unresolved'] },
  owner: {
    weight: 1,
    terms: ['责任', '负责', '负责人', '责任人', '经办', '经理', '部门', 'owner', 'responsible', 'assignee', 'rep', 'manager', 'department', 'sales rep'],
  },
  due: { weight: 1, terms: ['预计', '计划', '截止', '到期', '应完成', '预期', 'due', 'planned', 'deadline', 'expected', 'target'] },
  actual: { weight: 1, terms: ['实际', 'actual', 'actually'] },
  done: { weight: 1, terms: ['完成', '办结', 'done', 'completed', 'complete', 'finished', 'closed on', 'completion'] },
  confirmation: { weight: 1, terms: ['确认', '签收', '认可', '签字', 'confirmation', 'confirmed', 'confirm', 'sign-off', 'signoff', 'acknowledged'] },

  // The service evaluation.
  period: { weight: 1, terms: ['周期', '期间', '期次', 'period', 'cycle', 'wave'] },
  response: { weight: 1, terms: ['响应', '反应', '回复', 'responsiveness', 'response', 'respond'] },
  communication: { weight: 1, terms: ['沟通', '交流', '互动', 'communication', 'interaction', 'engagement'] },
  addedValue: { weight: 1, terms: ['增值', '附加值', 'added value', 'value-add', 'value add', 'value added', 'value-added'] },
  overall: { weight: 1, terms: ['整体', '总体', 'overall', 'general'] },
};

/**
 * Period words: they say over what time a figure runs, not what it is, and never block a
 * match (`近12个月交易额` is a 年交易金额). Removed before a header is read for concepts.
 */
const CJK_NUMBER = '(?:\\d+(?:\\.\\d+)?|[一二三四五六七八九十两半]+)';
const PERIOD_PATTERNS: readonly RegExp[] = [
  new RegExp(`(?:最?近|过去|前|上|未来)\\s*${CJK_NUMBER}\\s*个?(?:自然)?(?:年度?|月|季度?|周|天|日)`, 'g'),
  /本年度|上年度|年度|年均|年化|本年|今年|去年|上年|当年|全年|每年|年内|月均|月度|本月|上月|每月|本季度|季度|季均|日均|周均|累计|历史|平均|人均|本期|上期|当期/g,
  /(?:19|20)\d{2}\s*年?/g,
  /\b(?:last|past|trailing|previous|prior|next|in\s+the\s+last)\s*\d+\s*(?:months?|mos?|m|years?|yrs?|y|quarters?|q|weeks?|wks?|days?|d)\b/g,
  /\b\d+\s*(?:months?|mos?|m|years?|yrs?|y)\b/g,
  /(?:\b(?:per|a|each|every)\s+|\/\s*)(?:year|yr|month|quarter|week|day)\b/g,
  /\b(?:annual|annually|annualised|annualized|yearly|monthly|quarterly|weekly|daily|ytd|ltm|ttm|fy|avg|average|mean|total|cumulative|lifetime|this\s+year|last\s+year|current\s+year|prior\s+year)\b/g,
];

/** Lower-cased, width-folded, with the period words removed. */
export function withoutPeriods(text: string): string {
  let s = foldWidth(text).toLowerCase();
  for (const pattern of PERIOD_PATTERNS) s = s.replace(pattern, ' ');
  return s;
}

const LATIN = /[a-z0-9]/;

function latinKey(term: string): string {
  return term
    .toLowerCase()
    .split(/[^a-z0-9%#]+/)
    .filter(Boolean)
    .join(' ');
}

/** Terms by their first character (CJK and symbols) and by their words (Latin), longest first. */
const cjkTerms = new Map<string, { term: string; concepts: string[] }[]>();
const latinTerms = new Map<string, string[]>();
let maxLatinWords = 1;
for (const [id, def] of Object.entries(CONCEPTS)) {
  for (const raw of def.terms) {
    const term = foldWidth(raw).toLowerCase();
    if (LATIN.test(term[0]!)) {
      const key = latinKey(term);
      latinTerms.set(key, [...(latinTerms.get(key) ?? []), id]);
      maxLatinWords = Math.max(maxLatinWords, key.split(' ').length);
    } else {
      const list = cjkTerms.get(term[0]!) ?? [];
      const existing = list.find((t) => t.term === term);
      if (existing) existing.concepts.push(id);
      else list.push({ term, concepts: [id] });
      cjkTerms.set(term[0]!, list);
    }
  }
}
for (const list of cjkTerms.values()) list.sort((a, b) => b.term.length - a.term.length);
// Symbols are terms inside Latin text too (`Paid on time %`).
for (const symbol of ['%', '#']) {
  const ids = cjkTerms.get(symbol)?.find((t) => t.term === symbol)?.concepts;
  if (ids) latinTerms.set(symbol, ids);
}

/** A text read as concepts: concept id → weight. */
export type Concepts = ReadonlyMap<string, number>;

const conceptCache = new Map<string, Concepts>();
const CACHE_LIMIT = 20_000;

/**
 * The concepts a text names, period words set aside: each CJK position takes the longest
 * term starting there, Latin words are matched whole (up to a few words per term).
 */
export function conceptsOf(text: string): Concepts {
  const cached = conceptCache.get(text);
  if (cached) return cached;
  const s = withoutPeriods(text);
  const found = new Map<string, number>();
  const add = (ids: readonly string[]) => {
    for (const id of ids) found.set(id, CONCEPTS[id]!.weight);
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (LATIN.test(ch)) {
      // A run of Latin words: the longest term of up to maxLatinWords words at each word.
      let j = i;
      while (j < s.length && /[a-z0-9\s\-'&/.%#]/.test(s[j]!)) j++;
      const words = s
        .slice(i, j)
        .split(/[^a-z0-9%#]+/)
        .filter(Boolean);
      for (let w = 0; w < words.length;) {
        let taken = 0;
        for (let n = Math.min(maxLatinWords, words.length - w); n >= 1; n--) {
          const ids = latinTerms.get(words.slice(w, w + n).join(' '));
          if (ids) {
            add(ids);
            taken = n;
            break;
          }
        }
        w += taken || 1;
      }
      i = j;
      continue;
    }
    const candidates = cjkTerms.get(ch);
    const hit = candidates?.find((t) => s.startsWith(t.term, i));
    if (hit) {
      add(hit.concepts);
      i += hit.term.length;
    } else i++;
  }
  if (conceptCache.size >= CACHE_LIMIT) conceptCache.clear();
  conceptCache.set(text, found);
  return found;
}

/** Σ of the weights. */
function mass(concepts: Concepts): number {
  let m = 0;
  for (const w of concepts.values()) m += w;
  return m;
}

/**
 * Concepts that exclude each other: a first order date (首次下单日期) is not the last one, a
 * planned date not the actual one, a last contact (最近联系日期) not a last transaction.
 */
const CONFLICTS: readonly (readonly [string, string])[] = [
  ['last', 'start'],
  ['due', 'actual'],
  ['followUp', 'transaction'],
];

/**
 * How closely two texts' concepts agree, 0..1: the weighted F1 of their concept sets (twice the
 * shared weight over both weights). 0 unless they share at least one distinctive concept and
 * name no two concepts that exclude each other.
 */
export function conceptAgreement(a: Concepts, b: Concepts): number {
  for (const [x, y] of CONFLICTS) if ((a.has(x) && b.has(y)) || (a.has(y) && b.has(x))) return 0;
  let shared = 0;
  let distinctive = false;
  for (const [id, w] of a) {
    if (b.has(id)) {
      shared += w;
      if (w >= 1) distinctive = true;
    }
  }
  if (!distinctive) return 0;
  return (2 * shared) / (mass(a) + mass(b));
}

/** Whether a text names at least one distinctive concept. */
export function hasDistinctiveConcept(text: string): boolean {
  for (const w of conceptsOf(text).values()) if (w >= 1) return true;
  return false;
}
