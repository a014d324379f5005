/**
 * Which table is the evaluation table, which is the follow-up log, and which column feeds
 * which indicator (docs/scoring-rules.md section 3). Every column gets a score for every role from its
 * header (exact > stem > concept / partial) and from its data (the share of sample cells that
 * read as the role's type); a column whose data fit is below one half is never used for that
 * role. Columns are then assigned one to one, maximising the total score, and each mapping
 * keeps its evidence so that the user can check a guess. The user's own choice always wins.
 */
import { columnLetter } from './address';
import {
  assignOptimal,
  COMPLAINT_COLUMNS,
  FOLLOW_UP_COLUMNS,
  headerEvidence,
  isWrittenColumn,
  KEY_ID_COLUMNS,
  KEY_NAME_COLUMNS,
  LAST_TRANSACTION_COLUMNS,
  managedColumnOf,
  MIN_MATCH,
  OVERRIDE_COLUMNS,
  RFM_COLUMNS,
  SERVICE_COLUMNS,
  TRANSACTION_COLUMNS,
  type FollowUpField,
  type HeaderMatchKind,
  type ManagedColumnId,
} from './columns';
import {
  ANY_FIT,
  columnFit,
  COUNT_FIT,
  DATE_FIT,
  DAYS_FIT,
  DONE_FIT,
  FREQUENCY_FIT,
  indicatorFit,
  MONEY_FIT,
  SCORE_FIT,
  TEXT_FIT,
  tierFit,
  type FitRule,
} from './evidence';
import { conceptsOf } from './lexicon';
import type { RuleSet, ServiceRules } from './rules';
import { describeCandidate, type TableCandidate } from './tables';
import { compact } from './text';

/** Below this share of fitting sample cells a column is never used for a role. */
export const MIN_DATA_FIT = 0.5;

/** Why a column was matched to a role: the header's evidence and the data's. */
export interface MatchEvidence {
  /** How the header named the role; 'none' when it did not (a column the user chose, or one offered for its data only). */
  header: HeaderMatchKind | 'none';
  /** 0..1: exact 1, stem 0.9-0.95, concept or partial up to 0.85, none 0. */
  headerScore: number;
  /** Share of the column's non-blank sample cells that read as the role's type (and labels); null when it has none. */
  dataFit: number | null;
  /** How many non-blank sample cells were looked at. */
  dataCells: number;
  /**
   * The combined score the assignment maximises: the header score, weighed by the data fit
   * (× 0.7 + 0.3 × fit, a column without sample cells counting as half a fit). 0 when the
   * column cannot be taken automatically: header score below MIN_MATCH or data fit below ½.
   */
  score: number;
}

export interface MappedColumn {
  /** 0-based column index on the sheet. */
  column: number;
  header: string;
  /** The combined score of the evidence (`evidence.score`; for a column the user chose, whatever its evidence says). */
  match: number;
  evidence: MatchEvidence;
  /** Found from a concept or partial header match, not from a synonym: the user should check it. */
  guessed: boolean;
  /** The user chose this column (the panel, `--map`). */
  chosen: boolean;
}

/** A column a role could read, with its evidence: what the panel offers under "choose its column". */
export interface ColumnCandidate {
  column: number;
  header: string;
  evidence: MatchEvidence;
  /** Whether the automatic matcher may take it (header strong enough, data fit at least ½). */
  eligible: boolean;
  /** The role that reads this column in the mapping, if any: an indicator id, or `key`, `override`, `lastTransaction`, `complaints`. */
  usedBy?: string;
}

export interface EvaluationMapping {
  table: TableCandidate;
  key: MappedColumn & { kind: 'name' | 'id' };
  /** Indicator id → its column; unmapped indicators (and those scored without) are absent. */
  indicators: Record<string, MappedColumn>;
  /** Required indicators without a column (those scored without are not listed). */
  missingRequired: string[];
  /** Indicators the team does not track: scored without, their weight set aside. */
  without: string[];
  override?: MappedColumn;
  lastTransaction?: MappedColumn;
  complaints?: MappedColumn;
  /** Managed columns already in the table (from an earlier run), by id. */
  managed: Partial<Record<ManagedColumnId, MappedColumn>>;
  /** Share of the rule set's indicators (not counting those scored without) that found a column, 0..1. */
  coverage: number;
  /** Σ of the mapped indicators' combined scores: how well, not only how many (ties in choosing tables and presets). */
  strength: number;
  /** Per indicator id (every indicator of the rules): the columns it could read, best first. */
  candidates: Record<string, ColumnCandidate[]>;
  /**
   * Per unmapped indicator id: the column whose header named it best but whose data did not
   * fit (a 行业 column of 新能源, 互联网 for 行业增长率), so that a refusal can say why.
   */
  refused: Record<string, ColumnCandidate>;
}

export interface FollowUpMapping {
  table: TableCandidate;
  key: MappedColumn & { kind: 'name' | 'id' };
  fields: Partial<Record<FollowUpField, MappedColumn>>;
}

/**
 * The user's own choice of columns: indicator id → the header of the column it reads, or
 * null for "no column". Indicators not named keep the proposed column.
 */
export type ColumnChoice = Record<string, string | null>;

export interface MappingOptions {
  /** Indicator ids the team does not track: no column is looked for, and they are not required. */
  without?: readonly string[];
  /** Excel serial of the as-of date, for reading start dates in the data evidence; 2100-01-01 when not given. */
  asOf?: number;
}

/** A role the columns can be matched to. */
interface Role {
  id: string;
  synonyms: readonly string[];
  fit: FitRule;
}

/**
 * The evidence of one column for one role: its header's, and its data's. Undefined for a
 * managed column or a blank header.
 */
function columnEvidence(t: TableCandidate, role: Role, c: number): MatchEvidence | undefined {
  const header = t.headers[c];
  if (!header || isWrittenColumn(header)) return undefined;
  const h = headerEvidence(header, role.synonyms);
  const data = columnFit(t, role.fit, c);
  const headerScore = h?.score ?? 0;
  const eligible = headerScore >= MIN_MATCH && (data.fit === null || data.fit >= MIN_DATA_FIT);
  const score = eligible ? headerScore * (0.7 + 0.3 * (data.fit ?? 0.5)) : 0;
  return {
    header: h?.kind ?? 'none',
    headerScore: round(headerScore),
    dataFit: data.fit === null ? null : round(data.fit),
    dataCells: data.cells,
    score: round(score),
  };
}

/**
 * The evidence of the table's columns for one role, where the header names the role at all
 * (a column whose header says nothing of it can never be taken automatically, and reading its
 * data would only cost time). Undefined elsewhere.
 */
function evidenceFor(t: TableCandidate, role: Role): (MatchEvidence | undefined)[] {
  return t.headers.map((header, c) => (header && headerEvidence(header, role.synonyms) ? columnEvidence(t, role, c) : undefined));
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Assigns columns to roles one to one, maximising the total combined score. `taken` columns
 * (chosen by the user for something else) are not offered. Ties go to the leftmost column.
 */
function assign(
  t: TableCandidate,
  roles: readonly Role[],
  taken: ReadonlySet<number> = new Set(),
  known: ReadonlyMap<string, (MatchEvidence | undefined)[]> = new Map(),
) {
  const evidence = roles.map((role) => known.get(role.id) ?? evidenceFor(t, role));
  const scores = evidence.map((row) => row.map((e, c) => (e && e.score > 0 && !taken.has(c) ? e.score - c * 1e-7 : 0)));
  const columns = assignOptimal(scores);
  const found = new Map<string, { column: number; evidence: MatchEvidence }>();
  roles.forEach((role, r) => {
    const c = columns[r]!;
    if (c >= 0) found.set(role.id, { column: c, evidence: evidence[r]![c]! });
  });
  return { evidence, found };
}

function mapped(t: TableCandidate, column: number, evidence: MatchEvidence, chosen = false): MappedColumn {
  return {
    column: column + t.box.firstCol,
    header: t.headers[column] ?? '',
    match: evidence.score,
    evidence,
    guessed: !chosen && (evidence.header === 'concept' || evidence.header === 'partial'),
    chosen,
  };
}

function keyOf(t: TableCandidate, found: ReadonlyMap<string, { column: number; evidence: MatchEvidence }>) {
  const name = found.get('keyName');
  const id = found.get('keyId');
  if (name) return { ...mapped(t, name.column, name.evidence), kind: 'name' as const };
  if (id) return { ...mapped(t, id.column, id.evidence), kind: 'id' as const };
  return undefined;
}

/**
 * A table's key column of one kind (客户名称 for 'name', 客户编号 for 'id'), whether or not it is
 * the table's key: how two tables that key their customers differently are joined
 * (docs/scoring-rules.md section 1).
 */
export function keyColumnOfKind(t: TableCandidate, kind: 'name' | 'id'): (MappedColumn & { kind: 'name' | 'id' }) | undefined {
  const found = assign(t, KEY_ROLES).found.get(kind === 'name' ? 'keyName' : 'keyId');
  return found ? { ...mapped(t, found.column, found.evidence), kind } : undefined;
}

const KEY_ROLES: readonly Role[] = [
  { id: 'keyName', synonyms: KEY_NAME_COLUMNS, fit: TEXT_FIT },
  { id: 'keyId', synonyms: KEY_ID_COLUMNS, fit: ANY_FIT },
];

const INDICATOR = 'indicator:';

/** The indicator ids of the rules a user's words name: an id, or a zh or en label (case and width folded). */
export function indicatorNamed(rules: RuleSet, text: string): string | undefined {
  const key = compact(text);
  return rules.indicators.find((i) => [i.id, i.label.zh, i.label.en].some((s) => compact(s) === key))?.id;
}

/** Maps a candidate table to the rule set's indicators; undefined when it has no key column. */
export function mapEvaluation(t: TableCandidate, rules: RuleSet, choice: ColumnChoice = {}, options: MappingOptions = {}): EvaluationMapping | undefined {
  const without = rules.indicators.filter((i) => options.without?.includes(i.id)).map((i) => i.id);
  const withoutSet = new Set(without);
  const chosenColumns = new Map<string, number>();
  for (const [id, header] of Object.entries(choice)) {
    if (withoutSet.has(id) || !rules.indicators.some((i) => i.id === id)) continue;
    chosenColumns.set(id, header === null ? -1 : t.headers.indexOf(header));
  }
  const taken = new Set([...chosenColumns.values()].filter((c) => c >= 0));
  const hasRole = (role: string) => rules.indicators.some((i) => i.role === role);
  const indicatorRoles: Role[] = rules.indicators.map((i) => ({ id: `${INDICATOR}${i.id}`, synonyms: i.columns, fit: indicatorFit(i, options.asOf) }));
  const roles: Role[] = [
    ...KEY_ROLES,
    ...indicatorRoles.filter((r) => {
      const id = r.id.slice(INDICATOR.length);
      return !withoutSet.has(id) && !chosenColumns.has(id);
    }),
    { id: 'override', synonyms: OVERRIDE_COLUMNS, fit: tierFit(rules) },
    // An indicator with the role reads that column itself; then the extra role is not looked for.
    ...(hasRole('last-transaction') ? [] : [{ id: 'lastTransaction', synonyms: LAST_TRANSACTION_COLUMNS, fit: DATE_FIT }]),
    ...(hasRole('complaints') ? [] : [{ id: 'complaints', synonyms: COMPLAINT_COLUMNS, fit: COUNT_FIT }]),
  ];
  const evidenceByRole = new Map(indicatorRoles.map((r) => [r.id, evidenceFor(t, r)]));
  const { found } = assign(t, roles, taken, evidenceByRole);
  const key = keyOf(t, found);
  if (!key) return undefined;

  const indicators: Record<string, MappedColumn> = {};
  const missingRequired: string[] = [];
  const evidenceByIndicator = new Map([...evidenceByRole].map(([id, e]) => [id.slice(INDICATOR.length), e]));
  for (const ind of rules.indicators) {
    if (withoutSet.has(ind.id)) continue;
    const chosen = chosenColumns.get(ind.id);
    if (chosen !== undefined) {
      if (chosen >= 0)
        indicators[ind.id] = mapped(
          t,
          chosen,
          columnEvidence(
            t,
            indicatorRoles.find((r) => r.id === `${INDICATOR}${ind.id}`)!,
            chosen,
          ) ?? noEvidence(),
          true,
        );
    } else {
      const m = found.get(`${INDICATOR}${ind.id}`);
      if (m) indicators[ind.id] = mapped(t, m.column, m.evidence);
    }
    if (!indicators[ind.id] && ind.required) missingRequired.push(ind.id);
  }
  const at = (role: string) => {
    const m = found.get(role);
    return m ? mapped(t, m.column, m.evidence) : undefined;
  };
  const managed: Partial<Record<ManagedColumnId, MappedColumn>> = {};
  t.headers.forEach((header, i) => {
    const id = managedColumnOf(header);
    if (id && !managed[id]) managed[id] = mapped(t, i, { header: 'exact', headerScore: 1, dataFit: null, dataCells: 0, score: 1 });
  });
  const byRole = (role: string) => rules.indicators.find((i) => i.role === role && indicators[i.id]);
  const lastTx = byRole('last-transaction');
  const complaintInd = byRole('complaints');
  const override = at('override');
  const lastTransaction = lastTx ? indicators[lastTx.id] : at('lastTransaction');
  const complaints = complaintInd ? indicators[complaintInd.id] : at('complaints');

  // Who reads each column, for the candidates the panel offers.
  const usedBy = new Map<number, string>([[key.column, 'key']]);
  for (const [id, m] of Object.entries(indicators)) usedBy.set(m.column, id);
  if (override) usedBy.set(override.column, 'override');
  if (lastTransaction && !lastTx) usedBy.set(lastTransaction.column, 'lastTransaction');
  if (complaints && !complaintInd) usedBy.set(complaints.column, 'complaints');
  const candidates: Record<string, ColumnCandidate[]> = {};
  const refused: Record<string, ColumnCandidate> = {};
  for (const ind of rules.indicators) {
    const evidence = evidenceByIndicator.get(ind.id)!;
    candidates[ind.id] = rankCandidates(t, evidence, usedBy);
    if (indicators[ind.id] || withoutSet.has(ind.id)) continue;
    const best = refusedByData(t, evidence, usedBy);
    if (best) refused[ind.id] = best;
  }

  const counted = rules.indicators.filter((i) => !withoutSet.has(i.id));
  const mappedIds = Object.keys(indicators);
  return {
    table: t,
    key,
    indicators,
    missingRequired,
    without,
    ...(override ? { override } : {}),
    ...(lastTransaction ? { lastTransaction } : {}),
    ...(complaints ? { complaints } : {}),
    managed,
    coverage: counted.length === 0 ? 0 : mappedIds.length / counted.length,
    strength: round(mappedIds.reduce((s, id) => s + indicators[id]!.evidence.score, 0)),
    candidates,
    refused,
  };
}

/** The column with the best header evidence whose data fit is below one half, if any. */
function refusedByData(t: TableCandidate, evidence: readonly (MatchEvidence | undefined)[], usedBy: ReadonlyMap<number, string>): ColumnCandidate | undefined {
  let best: ColumnCandidate | undefined;
  evidence.forEach((e, c) => {
    if (!e || e.headerScore < MIN_MATCH || e.dataFit === null || e.dataFit >= MIN_DATA_FIT) return;
    if (best && best.evidence.headerScore >= e.headerScore) return;
    const column = c + t.box.firstCol;
    const user = usedBy.get(column);
    best = { column, header: t.headers[c]!, evidence: e, eligible: false, ...(user ? { usedBy: user } : {}) };
  });
  return best;
}

function noEvidence(): MatchEvidence {
  return { header: 'none', headerScore: 0, dataFit: null, dataCells: 0, score: 0 };
}

/**
 * The columns an indicator could read, best first: those the matcher may take (by score),
 * then those whose header names it too weakly (by header score). Columns whose data does not
 * fit are left out; so are columns whose header says nothing of it (the panel lists every
 * header besides).
 */
function rankCandidates(t: TableCandidate, evidence: readonly (MatchEvidence | undefined)[], usedBy: ReadonlyMap<number, string>): ColumnCandidate[] {
  const out: ColumnCandidate[] = [];
  evidence.forEach((e, c) => {
    if (!e) return;
    if (e.dataFit !== null && e.dataFit < MIN_DATA_FIT) return;
    const eligible = e.score > 0;
    const column = c + t.box.firstCol;
    const user = usedBy.get(column);
    out.push({ column, header: t.headers[c]!, evidence: e, eligible, ...(user ? { usedBy: user } : {}) });
  });
  return out.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      b.evidence.score - a.evidence.score ||
      b.evidence.headerScore - a.evidence.headerScore ||
      (b.evidence.dataFit ?? 0) - (a.evidence.dataFit ?? 0) ||
      a.column - b.column,
  );
}

const FOLLOW_UP_FITS: Record<FollowUpField, FitRule> = {
  contact: TEXT_FIT,
  date: DATE_FIT,
  method: TEXT_FIT,
  reason: TEXT_FIT,
  feedback: TEXT_FIT,
  openIssue: TEXT_FIT,
  owner: TEXT_FIT,
  due: DATE_FIT,
  done: DONE_FIT,
  confirmation: TEXT_FIT,
};

/** Maps a candidate table as a follow-up log; undefined without a key and a follow-up date. */
export function mapFollowUp(t: TableCandidate): FollowUpMapping | undefined {
  const fieldIds = Object.keys(FOLLOW_UP_COLUMNS) as FollowUpField[];
  const roles: Role[] = [...KEY_ROLES, ...fieldIds.map((f) => ({ id: f, synonyms: FOLLOW_UP_COLUMNS[f], fit: FOLLOW_UP_FITS[f] }))];
  const { found } = assign(t, roles);
  const key = keyOf(t, found);
  if (!key || !found.has('date')) return undefined;
  const fields: Partial<Record<FollowUpField, MappedColumn>> = {};
  for (const f of fieldIds) {
    const m = found.get(f);
    if (m) fields[f] = mapped(t, m.column, m.evidence);
  }
  return { table: t, key, fields };
}

const SERVICE_ROLES: readonly Role[] = Object.entries(SERVICE_COLUMNS).map(([id, synonyms]) => ({ id, synonyms, fit: id === 'period' ? ANY_FIT : SCORE_FIT }));

/** How much a candidate looks like a service-evaluation survey: the number of its service columns. */
export function serviceScore(t: TableCandidate): number {
  return assign(t, SERVICE_ROLES).found.size;
}

/** A table read by key and a few roles of its own (the transactions table, the survey, RFM's columns). */
export interface KeyedMapping {
  table: TableCandidate;
  key: MappedColumn & { kind: 'name' | 'id' };
  /** Role id → its column. */
  columns: Record<string, MappedColumn>;
}

/** The table's key and a column for each role that finds one, assigned one to one (`taken` columns, 0-based within the table, not offered); undefined without a key. */
function mapKeyed(t: TableCandidate, roles: readonly Role[], taken?: ReadonlySet<number>): KeyedMapping | undefined {
  const { found } = assign(t, [...KEY_ROLES, ...roles], taken);
  const key = keyOf(t, found);
  if (!key) return undefined;
  const columns: Record<string, MappedColumn> = {};
  for (const role of roles) {
    const m = found.get(role.id);
    if (m) columns[role.id] = mapped(t, m.column, m.evidence);
  }
  return { table: t, key, columns };
}

/** A purchase's date names no `last`: 最近交易日期 is a customer's column, not one purchase's. */
function namesPurchaseDate(header: string): boolean {
  return !conceptsOf(header).has('last');
}

export interface TransactionsMapping {
  table: TableCandidate;
  key: MappedColumn & { kind: 'name' | 'id' };
  date: MappedColumn;
  amount: MappedColumn;
}

/**
 * Maps a candidate table as a transactions table (交易记录: one row per purchase): a key, a
 * purchase date and an amount. Undefined when it lacks one of them, or when its date is a
 * customer's last purchase (最近交易日期: the customer table's column, not a purchase's).
 */
export function mapTransactions(t: TableCandidate): TransactionsMapping | undefined {
  const m = mapKeyed(t, [
    { id: 'date', synonyms: TRANSACTION_COLUMNS.date, fit: DATE_FIT },
    { id: 'amount', synonyms: TRANSACTION_COLUMNS.amount, fit: MONEY_FIT },
  ]);
  const date = m?.columns.date;
  const amount = m?.columns.amount;
  if (!m || !date || !amount || !namesPurchaseDate(date.header)) return undefined;
  return { table: t, key: m.key, date, amount };
}

/** RFM's columns in a customer table: R as a date (最近交易日期) or as days (距今天数), F and M. */
export interface RfmColumnsMapping {
  table: TableCandidate;
  key: MappedColumn & { kind: 'name' | 'id' };
  recency?: MappedColumn & { kind: 'date' | 'days' };
  frequency?: MappedColumn;
  monetary?: MappedColumn;
}

const RFM_ROLES: readonly Role[] = [
  { id: 'recencyDate', synonyms: RFM_COLUMNS.recencyDate, fit: DATE_FIT },
  { id: 'recencyDays', synonyms: RFM_COLUMNS.recencyDays, fit: DAYS_FIT },
  { id: 'frequency', synonyms: RFM_COLUMNS.frequency, fit: FREQUENCY_FIT },
  { id: 'monetary', synonyms: RFM_COLUMNS.monetary, fit: MONEY_FIT },
];

/** The letters of a keyed mapping of RFM_ROLES. */
function rfmLetters(m: KeyedMapping): Pick<RfmColumnsMapping, 'recency' | 'frequency' | 'monetary'> {
  const { recencyDate, recencyDays, frequency, monetary } = m.columns;
  const recency = recencyDate ? { ...recencyDate, kind: 'date' as const } : recencyDays ? { ...recencyDays, kind: 'days' as const } : undefined;
  return { ...(recency ? { recency } : {}), ...(frequency ? { frequency } : {}), ...(monetary ? { monetary } : {}) };
}

/**
 * Maps a customer table's RFM columns (a date of the last purchase wins over a number of
 * days); undefined without a key. `scored` are the table's columns (0-based, on the sheet)
 * the weighted score reads as indicators: a letter is read from one of them only when no
 * other column fits it. An evaluation table's 年均交易频次 is the evaluation score's; a team
 * that adds 购买频次 beside it for RFM means that one for F (alone, 年均交易频次 is F).
 */
export function mapRfmColumns(t: TableCandidate, scored: readonly number[] = []): RfmColumnsMapping | undefined {
  const m = mapKeyed(t, RFM_ROLES);
  if (!m) return undefined;
  const any = rfmLetters(m);
  const taken = new Set(scored.map((c) => c - t.box.firstCol));
  const unscored = taken.size > 0 ? mapKeyed(t, RFM_ROLES, taken) : undefined;
  if (!unscored || unscored.key.column !== m.key.column) return { table: t, key: m.key, ...any };
  const own = rfmLetters(unscored);
  const used = new Set(Object.values(own).map((c) => c.column));
  const letters: Pick<RfmColumnsMapping, 'recency' | 'frequency' | 'monetary'> = { ...own };
  for (const letter of ['recency', 'frequency', 'monetary'] as const) {
    const fallback = any[letter];
    if (!letters[letter] && fallback && !used.has(fallback.column)) Object.assign(letters, { [letter]: fallback });
  }
  return { table: t, key: m.key, ...letters };
}

/** The survey's columns: the period, each dimension the table has (in table order) and 推荐意愿. */
export interface ServiceMapping {
  table: TableCandidate;
  key: MappedColumn & { kind: 'name' | 'id' };
  period?: MappedColumn;
  /** Dimension id → its column, in the table's column order. */
  dimensions: { id: string; column: MappedColumn }[];
  recommend?: MappedColumn;
}

/** Maps a survey table to the service rules' dimensions by header and data; undefined without a key. */
export function mapService(t: TableCandidate, rules: ServiceRules): ServiceMapping | undefined {
  const roles: Role[] = [
    { id: 'period', synonyms: rules.period.columns, fit: ANY_FIT },
    { id: 'recommend', synonyms: rules.recommend.columns, fit: SCORE_FIT },
    ...rules.dimensions.map((d) => ({ id: `dimension:${d.id}`, synonyms: d.columns, fit: SCORE_FIT })),
  ];
  const m = mapKeyed(t, roles);
  if (!m) return undefined;
  const dimensions = rules.dimensions
    .flatMap((d) => {
      const column = m.columns[`dimension:${d.id}`];
      return column ? [{ id: d.id, column }] : [];
    })
    .sort((a, b) => a.column.column - b.column.column);
  return {
    table: t,
    key: m.key,
    dimensions,
    ...(m.columns.period ? { period: m.columns.period } : {}),
    ...(m.columns.recommend ? { recommend: m.columns.recommend } : {}),
  };
}

/** A mapped column in the JSON report: where it is, what it says, and why it was taken. */
export interface ReportedColumn {
  column: string;
  header: string;
  evidence: MatchEvidence;
  guessed: boolean;
  chosen: boolean;
}

export interface TableReport {
  sheet: string;
  range: string;
  source: 'excel-table' | 'range';
  name?: string;
  /** How sure the finder is, 0..1. */
  confidence: number;
  columns: Record<string, ReportedColumn>;
}

export function reportColumns(columns: Record<string, MappedColumn | undefined>): TableReport['columns'] {
  const out: TableReport['columns'] = {};
  for (const [id, m] of Object.entries(columns)) {
    if (m) out[id] = { column: columnLetter(m.column), header: m.header, evidence: m.evidence, guessed: m.guessed, chosen: m.chosen };
  }
  return out;
}

export function describeTable(t: TableCandidate, confidence: number, columns: Record<string, MappedColumn | undefined>): TableReport {
  const where = describeCandidate(t);
  return {
    sheet: t.sheet,
    range: where.slice(where.lastIndexOf('!') + 1),
    source: t.source,
    ...(t.name ? { name: t.name } : {}),
    confidence: Math.round(confidence * 100) / 100,
    columns: reportColumns(columns),
  };
}
