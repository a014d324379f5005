/**
 * Which table is the evaluation table, which is the follow-up log, and which column
 * feeds which indicator. Decided by how well headers match; the decision is reported.
 */
import { columnLetter } from './address';
import {
  assignColumns, COMPLAINT_COLUMNS, FOLLOW_UP_COLUMNS, KEY_ID_COLUMNS, KEY_NAME_COLUMNS, LAST_TRANSACTION_COLUMNS,
  managedColumnOf, OVERRIDE_COLUMNS, SERVICE_COLUMNS, type Claim, type FollowUpField, type ManagedColumnId,
} from './columns';
import type { RuleSet } from './rules';
import { describeCandidate, type TableCandidate } from './tables';

export interface MappedColumn {
  /** 0-based column index on the sheet. */
  column: number;
  header: string;
  /** 1 for an exact header match, less for a looser one. */
  match: number;
}

export interface EvaluationMapping {
  table: TableCandidate;
  key: MappedColumn & { kind: 'name' | 'id' };
  /** Indicator id → its column; unmapped indicators are absent. */
  indicators: Record<string, MappedColumn>;
  /** Required indicators without a column. */
  missingRequired: string[];
  override?: MappedColumn;
  lastTransaction?: MappedColumn;
  complaints?: MappedColumn;
  /** Managed columns already in the table (from an earlier run), by id. */
  managed: Partial<Record<ManagedColumnId, MappedColumn>>;
  /** Share of the rule set's indicators that found a column, 0..1. */
  coverage: number;
}

export interface FollowUpMapping {
  table: TableCandidate;
  key: MappedColumn & { kind: 'name' | 'id' };
  fields: Partial<Record<FollowUpField, MappedColumn>>;
}

type EvalRole = 'keyName' | 'keyId' | 'override' | 'lastTransaction' | 'complaints' | `indicator:${string}`;

function mapped(t: TableCandidate, column: number, match: number): MappedColumn {
  return { column, header: t.headers[column - t.box.firstCol] ?? '', match };
}

function keyOf(t: TableCandidate, found: Map<string, { column: number; score: number }>) {
  const name = found.get('keyName');
  const id = found.get('keyId');
  if (name) return { ...mapped(t, name.column + t.box.firstCol, name.score), kind: 'name' as const };
  if (id) return { ...mapped(t, id.column + t.box.firstCol, id.score), kind: 'id' as const };
  return undefined;
}

/**
 * The user's own choice of columns: indicator id → the header of the column it reads, or
 * null for "no column". Indicators not named keep the proposed column.
 */
export type ColumnChoice = Record<string, string | null>;

/** Maps a candidate table to the rule set's indicators; undefined when it has no key column. */
export function mapEvaluation(t: TableCandidate, rules: RuleSet, choice: ColumnChoice = {}): EvaluationMapping | undefined {
  const chosenHeaders = new Set(Object.values(choice).filter((h): h is string => h !== null));
  // Columns the user gave to an indicator are not offered to any other role.
  const headers = t.headers.map((h) => (chosenHeaders.has(h) ? '' : h));
  const claims: Claim<EvalRole>[] = [
    { role: 'keyName', synonyms: KEY_NAME_COLUMNS },
    { role: 'keyId', synonyms: KEY_ID_COLUMNS },
    ...rules.indicators.filter((i) => !(i.id in choice)).map((i) => ({ role: `indicator:${i.id}` as const, synonyms: i.columns })),
    { role: 'override', synonyms: OVERRIDE_COLUMNS },
    { role: 'lastTransaction', synonyms: LAST_TRANSACTION_COLUMNS },
    { role: 'complaints', synonyms: COMPLAINT_COLUMNS },
  ];
  const found = assignColumns(headers, claims);
  for (const [id, header] of Object.entries(choice)) {
    const column = header === null ? -1 : t.headers.indexOf(header);
    if (column >= 0) found.set(`indicator:${id}`, { column, score: 1 });
  }
  const key = keyOf(t, found);
  if (!key) return undefined;
  const at = (role: EvalRole) => {
    const m = found.get(role);
    return m ? mapped(t, m.column + t.box.firstCol, m.score) : undefined;
  };
  const indicators: Record<string, MappedColumn> = {};
  const missingRequired: string[] = [];
  for (const ind of rules.indicators) {
    const m = at(`indicator:${ind.id}`);
    if (m) indicators[ind.id] = m;
    else if (ind.required) missingRequired.push(ind.id);
  }
  const managed: Partial<Record<ManagedColumnId, MappedColumn>> = {};
  t.headers.forEach((header, i) => {
    const id = managedColumnOf(header);
    if (id && !managed[id]) managed[id] = mapped(t, i + t.box.firstCol, 1);
  });
  const byRole = (role: string) => rules.indicators.find((i) => i.role === role && indicators[i.id]);
  const lastTx = byRole('last-transaction');
  const complaintInd = byRole('complaints');
  return {
    table: t,
    key,
    indicators,
    missingRequired,
    override: at('override'),
    lastTransaction: lastTx ? indicators[lastTx.id] : at('lastTransaction'),
    complaints: complaintInd ? indicators[complaintInd.id] : at('complaints'),
    managed,
    coverage: Object.keys(indicators).length / rules.indicators.length,
  };
}

/** Maps a candidate table as a follow-up log; undefined without a key and a follow-up date. */
export function mapFollowUp(t: TableCandidate): FollowUpMapping | undefined {
  const fieldIds = Object.keys(FOLLOW_UP_COLUMNS) as FollowUpField[];
  const claims: Claim<string>[] = [
    { role: 'keyName', synonyms: KEY_NAME_COLUMNS },
    { role: 'keyId', synonyms: KEY_ID_COLUMNS },
    ...fieldIds.map((f) => ({ role: f, synonyms: FOLLOW_UP_COLUMNS[f] })),
  ];
  const found = assignColumns(t.headers, claims);
  const key = keyOf(t, found);
  if (!key || !found.has('date')) return undefined;
  const fields: Partial<Record<FollowUpField, MappedColumn>> = {};
  for (const f of fieldIds) {
    const m = found.get(f);
    if (m) fields[f] = mapped(t, m.column + t.box.firstCol, m.score);
  }
  return { table: t, key, fields };
}

/** How much a candidate looks like a service-evaluation survey: the number of its service columns. */
export function serviceScore(t: TableCandidate): number {
  const found = assignColumns(t.headers, Object.entries(SERVICE_COLUMNS).map(([role, synonyms]) => ({ role, synonyms })));
  return found.size;
}

export interface TableReport {
  sheet: string;
  range: string;
  source: 'excel-table' | 'range';
  name?: string;
  /** How sure the finder is, 0..1. */
  confidence: number;
  columns: Record<string, { column: string; header: string }>;
}

export function reportColumns(columns: Record<string, MappedColumn | undefined>): TableReport['columns'] {
  const out: TableReport['columns'] = {};
  for (const [id, m] of Object.entries(columns)) if (m) out[id] = { column: columnLetter(m.column), header: m.header };
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
