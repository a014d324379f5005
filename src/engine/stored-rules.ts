/**
 * The rule set and mapping in use, stored in the workbook so that a colleague who opens the
 * shared file scores it the same way, with a record of every run. They live on a very
 * hidden sheet (`_CustomerScoring`): it travels with the file on every Excel platform and
 * through .xlsx tools, users do not stumble on it, and what it holds is validated on load.
 *
 *   A1 marker   B1 format version      C1..Cn  the stored JSON, in chunks of 30,000 characters
 *   A2 savedAt  B2 ISO time            E1:M1   run-log headers, E2:M… one run per row
 *   A3 chunks   B3 n
 *   A4 runs     B4 number of runs logged
 *
 * This module is the format, pure, and its one layout: `storeArea` gives the whole area a
 * store is written as (the cells to clear included), from what the previous store held.
 * src/excel/rules-store.ts reads and writes it through office-js; the score command reads it
 * from .xlsx files and writes it into the scored copy (`storeContents`, the same area as cells).
 */
import { z } from 'zod';
import { formatRange } from './address';
import { ScoringError } from './errors';
import { jsonFault } from './json-place';
import { isoFromSerial } from './parse-date';
import { formatPath, parseRfmRules, parseRuleSet, parseServiceRules, type RfmRules, type RuleSet, type RuleSetProblem, type ServiceRules } from './rules';
import type { AnalysesRun, AnalysisKind } from './analyses';
import type { ScoringRun } from './run';
import type { TableCandidate } from './tables';

export const STORE_MARKER = 'customer-scoring-rules';
export const STORE_FORMAT_VERSION = 1;
export const CHUNK = 30_000;
/** Runs kept in the log; older ones drop off. */
export const MAX_RUNS = 500;
/**
 * The run log's columns, from E. `by` (who ran it), `without` (the indicators scored
 * without, as a JSON list of ids) and `analyses` (the service and RFM figures of the run, as
 * JSON) came later: logs without them read as '', [] and no analyses.
 */
export const LOG_HEADERS = ['at', 'preset', 'rulesHash', 'asOf', 'customers', 'tiers', 'by', 'without', 'analyses'] as const;
/** The run log's first column (E), 0-based. */
export const LOG_COL = 4;

/** The run log's cells on 0-based rows first..last, e.g. `E2:L5`. */
export function logRange(firstRow: number, lastRow: number): string {
  return formatRange({ firstRow, lastRow, firstCol: LOG_COL, lastCol: LOG_COL + LOG_HEADERS.length - 1 });
}

export const MappingSchema = z.object({
  /** Where the tables were when they were read (an Excel table also by name). */
  evaluation: z.object({ sheet: z.string(), range: z.string(), name: z.string().optional() }).optional(),
  followUp: z.object({ sheet: z.string(), range: z.string(), name: z.string().optional() }).nullable().optional(),
  /** Indicator id → the header of the column it was read from. */
  indicators: z.record(z.string(), z.string()).default({}),
  /** The indicators whose column the user chose (the others were matched by header and data). */
  chosen: z.array(z.string()).optional(),
  /** The indicators the team does not track: scored without, their weight set aside. */
  without: z.array(z.string()).optional(),
  /** Where the service survey and the transactions table were (stores from before the analyses have neither). */
  service: z.object({ sheet: z.string(), range: z.string(), name: z.string().optional() }).nullable().optional(),
  transactions: z.object({ sheet: z.string(), range: z.string(), name: z.string().optional() }).nullable().optional(),
});
export type StoredMapping = z.output<typeof MappingSchema>;

/**
 * The rules of the other analyses stored beside the weighted rules, and which analysis the
 * last run had as its primary (`score --preset rfm`): stores from before them have none.
 */
export interface StoredAnalyses {
  primary?: AnalysisKind;
  service?: ServiceRules;
  rfm?: RfmRules;
}

/** What a run's service and RFM analyses add to its log record. */
export interface RunAnalysesRecord {
  service?: { customers: number; answers: number; nps: number | null };
  rfm?: { customers: number; segments: Record<string, number> };
}

export interface RunRecord {
  at: string;
  preset: string;
  rulesHash: string;
  asOf: string;
  customers: number;
  tiers: Record<string, number>;
  /** Who ran it, as they gave their name ('' when they did not). */
  by: string;
  /** Indicators scored without (not tracked), by id; read as [] from logs written before it existed. */
  without?: string[];
  /** The service and RFM figures of the run; absent from logs written before them, and when the run had neither. */
  analyses?: RunAnalysesRecord;
}

export interface StoredRules {
  rules: RuleSet;
  mapping: StoredMapping;
  /** The other analyses' rules and the last run's primary; absent in stores from before them. */
  analyses?: StoredAnalyses;
  savedAt: string;
  runs: RunRecord[];
}

/** SHA-256 of the rule set's JSON, hex: the same rules give the same hash on every machine. */
export async function rulesHash(rules: RuleSet | RfmRules | ServiceRules): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(rules)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The store is damaged: `part` says what (a meta cell, the JSON, the rules, the mapping) with
 * the cell, place or field; src/i18n/problems.ts says it in each language.
 */
function damaged(part: 'cell' | 'json-near' | 'json-end' | 'json-empty' | 'rules' | 'mapping', params: Record<string, string | number>): ScoringError {
  return new ScoringError('stored-rules-damaged', { part, ...params });
}

/** A meta cell holding what it must not: its address and what it holds. */
function damagedCell(cell: string, value: unknown): ScoringError {
  return damaged('cell', { cell, value: String(value) });
}

/**
 * The stored JSON (the chunks of C1…, joined) cannot be parsed: which chunk's cell, and where
 * in it (1-based character), the scan of json-place.ts finds the fault.
 */
function damagedJson(chunks: readonly string[]): ScoringError {
  const text = chunks.join('');
  const place = jsonFault(text);
  if (!place || place.fault === 'empty') return damaged('json-empty', { cell: 'C1' });
  let start = 0;
  let index = 0;
  while (index < chunks.length - 1 && place.offset >= start + chunks[index]!.length) start += chunks[index++]!.length;
  const cell = `C${index + 1}`;
  if (place.fault === 'end') return damaged('json-end', { cell });
  return damaged('json-near', { cell, char: [...chunks[index]!.slice(0, place.offset - start)].length + 1 });
}

/** The stored JSON in cell-sized chunks (`analyses` only when there are some: a store without them reads as before). */
export function storedChunks(rules: RuleSet, mapping: StoredMapping, analyses?: StoredAnalyses): string[] {
  const json = JSON.stringify(analyses && Object.keys(analyses).length > 0 ? { rules, mapping, analyses } : { rules, mapping });
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) chunks.push(json.slice(i, i + CHUNK));
  return chunks;
}

/** The number of JSON chunks and logged runs the meta cells (A1:B4) announce; refuses damaged or newer ones. */
export function storedSizes(meta: readonly (readonly unknown[])[]): { chunks: number; runs: number } {
  const [marker, version] = meta[0] ?? [];
  if (marker !== STORE_MARKER) throw damagedCell('A1', marker);
  if (typeof version !== 'number') throw damagedCell('B1', version);
  if (version > STORE_FORMAT_VERSION) throw new ScoringError('stored-rules-newer', { version });
  const chunks = Number(meta[2]?.[1]);
  if (!Number.isInteger(chunks) || chunks < 1 || chunks > 1000) throw damagedCell('B3', meta[2]?.[1]);
  return { chunks, runs: Math.max(0, Number(meta[3]?.[1]) || 0) };
}

/** The stored rules from the meta cells, the JSON chunks and the run-log rows; damaged content is refused with a sentence. */
export function parseStoredRules(meta: readonly (readonly unknown[])[], chunks: readonly unknown[], log: readonly (readonly unknown[])[]): StoredRules {
  storedSizes(meta);
  const texts = chunks.map((c) => (c === null || c === undefined ? '' : String(c)));
  let stored: unknown;
  try {
    stored = JSON.parse(texts.join(''));
  } catch {
    throw damagedJson(texts);
  }
  const { rules, mapping, analyses } = (stored ?? {}) as { rules?: unknown; mapping?: unknown; analyses?: unknown };
  const parsed = parseRuleSet(rules);
  if (!parsed.ok) throw damagedRules('rules', parsed.problem);
  const map = MappingSchema.safeParse(mapping ?? {});
  if (!map.success) throw damaged('mapping', { path: formatPath(['mapping', ...(map.error.issues[0]?.path ?? [])]) });
  const other = storedAnalysesOf(analyses);
  return {
    rules: parsed.rules,
    mapping: map.data,
    ...(other ? { analyses: other } : {}),
    savedAt: String(meta[1]?.[1] ?? ''),
    runs: log.map(toRecord).filter((r): r is RunRecord => r !== null),
  };
}

function damagedRules(at: string, { path, message }: RuleSetProblem): ScoringError {
  return damaged('rules', { path: path === '(root)' ? at : `${at}.${path}`, messageZh: message.zh, messageEn: message.en });
}

const KINDS: readonly AnalysisKind[] = ['scoring', 'service', 'rfm'];

/** The stored analyses' rules, validated like the weighted rules; undefined when the store has none. */
function storedAnalysesOf(input: unknown): StoredAnalyses | undefined {
  if (input === undefined || input === null) return undefined;
  const { primary, service, rfm } = input as { primary?: unknown; service?: unknown; rfm?: unknown };
  const out: StoredAnalyses = {};
  if (typeof primary === 'string' && (KINDS as readonly string[]).includes(primary)) out.primary = primary as AnalysisKind;
  if (service !== undefined) {
    const parsed = parseServiceRules(service);
    if (!parsed.ok) throw damagedRules('analyses.service', parsed.problem);
    out.service = parsed.rules;
  }
  if (rfm !== undefined) {
    const parsed = parseRfmRules(rfm);
    if (!parsed.ok) throw damagedRules('analyses.rfm', parsed.problem);
    out.rfm = parsed.rules;
  }
  return out;
}

function toRecord(row: readonly unknown[]): RunRecord | null {
  const [at, preset, hash, asOf, customers, tiers, by, without, analyses] = row;
  try {
    const other = analysesCellOf(analyses);
    return {
      at: String(at),
      preset: String(preset),
      rulesHash: String(hash),
      asOf: String(asOf),
      customers: Number(customers),
      tiers: JSON.parse(String(tiers)) as Record<string, number>,
      by: by === null || by === undefined ? '' : String(by),
      without: withoutOf(without),
      ...(other ? { analyses: other } : {}),
    };
  } catch {
    return null;
  }
}

/** The `analyses` cell of a log row: the run's service and RFM figures as JSON; none for logs from before it or an empty cell. */
function analysesCellOf(cell: unknown): RunAnalysesRecord | undefined {
  if (typeof cell !== 'string' || cell.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(cell);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0 ? (value as RunAnalysesRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** The `without` cell of a log row: a JSON list of ids; [] for logs from before it existed or a cell that is not one. */
function withoutOf(cell: unknown): string[] {
  if (typeof cell !== 'string' || cell.trim() === '') return [];
  try {
    const list: unknown = JSON.parse(cell);
    return Array.isArray(list) ? list.map(String) : [];
  } catch {
    return [];
  }
}

/** The meta cells A1:B4 of a rules sheet's grid (rows of raw values from A1). */
function metaOf(rows: readonly (readonly unknown[])[]): unknown[][] {
  return [0, 1, 2, 3].map((r) => [rows[r]?.[0] ?? null, rows[r]?.[1] ?? null]);
}

/** The stored rules read from the rules sheet's grid (an .xlsx read by the score command), or null without one. */
export function storedRulesFromGrid(rows: readonly (readonly unknown[])[]): StoredRules {
  const meta = metaOf(rows);
  const { chunks, runs } = storedSizes(meta);
  const body = Array.from({ length: chunks }, (_, r) => rows[r]?.[2] ?? null);
  const log = Array.from({ length: runs }, (_, i) => (rows[i + 1] ?? []).slice(LOG_COL, LOG_COL + LOG_HEADERS.length));
  return parseStoredRules(meta, body, log);
}

/**
 * The mapping of a run as stored: where the tables were, which header each indicator was read
 * from, which of them the user chose, and the indicators scored without.
 */
export function mappingOf(run: ScoringRun): StoredMapping {
  const where = whereOf;
  const entries = Object.entries(run.evaluation.indicators);
  const chosen = entries.filter(([, m]) => m.chosen).map(([id]) => id);
  return {
    evaluation: where(run.evaluation.table),
    followUp: run.followUp ? where(run.followUp.table) : null,
    indicators: Object.fromEntries(entries.map(([id, m]) => [id, m.header])),
    ...(chosen.length > 0 ? { chosen } : {}),
    ...(run.evaluation.without.length > 0 ? { without: [...run.evaluation.without] } : {}),
  };
}

/** Where a table was, as stored. */
function whereOf(t: TableCandidate): { sheet: string; range: string; name?: string } {
  return { sheet: t.sheet, range: formatRange(t.box), ...(t.name ? { name: t.name } : {}) };
}

/**
 * The mapping of a run of several analyses: the scoring's (as `mappingOf`), or, without the
 * scoring, where the customer table was; and where the survey and the transactions were.
 */
export function analysesMappingOf(run: AnalysesRun): StoredMapping {
  const base: StoredMapping = run.scoring
    ? mappingOf(run.scoring)
    : { ...(run.customers ? { evaluation: whereOf(run.customers.table) } : {}), followUp: null, indicators: {} };
  return {
    ...base,
    service: run.service ? whereOf(run.service.mapping.table) : null,
    transactions: run.rfm?.transactions ? whereOf(run.rfm.transactions.table) : null,
  };
}

/** The rules of a run's other analyses and its primary, as stored. */
export function analysesRulesOf(run: AnalysesRun): StoredAnalyses {
  return {
    primary: run.primary,
    ...(run.service ? { service: run.service.rules } : {}),
    ...(run.rfm ? { rfm: run.rfm.rules } : {}),
  };
}

/**
 * The log record of a run of several analyses: the primary's figures (the scoring's tiers, RFM's
 * segments; for the survey its customers and no tiers) and each analysis's in `analyses`.
 * `rules` are the weighted rules stored (hashed when the primary is the scoring).
 */
export async function analysesRecordOf(run: AnalysesRun, now: Date, by = ''): Promise<RunRecord> {
  const analyses: RunAnalysesRecord = {
    ...(run.service ? { service: { customers: run.service.customers.length, answers: run.service.nps.answers, nps: run.service.nps.score } } : {}),
    ...(run.rfm ? { rfm: { customers: run.rfm.customers.length, segments: { ...run.rfm.summary.segments } } } : {}),
  };
  const extra = Object.keys(analyses).length > 0 ? { analyses } : {};
  if (run.primary === 'scoring' && run.scoring) return { ...(await runRecordOf(run.scoring, now, by)), ...extra };
  const rfm = run.primary === 'rfm' ? run.rfm : undefined;
  const rules = rfm ? rfm.rules : run.service!.rules;
  return {
    at: now.toISOString(),
    preset: rules.id,
    rulesHash: await rulesHash(rules),
    asOf: isoFromSerial(run.asOf),
    customers: rfm ? rfm.customers.length : run.service!.customers.length,
    tiers: rfm ? { ...rfm.summary.segments } : {},
    by: by.trim(),
    without: [],
    ...extra,
  };
}

/** The log record of a run made at `now` by `by` (a name, '' when not given). */
export async function runRecordOf(run: ScoringRun, now: Date, by = ''): Promise<RunRecord> {
  return {
    at: now.toISOString(),
    preset: run.rules.id,
    rulesHash: await rulesHash(run.rules),
    asOf: isoFromSerial(run.asOf),
    customers: run.customers.length,
    tiers: run.summary.tiers,
    by: by.trim(),
    without: [...run.evaluation.without],
  };
}

/** The meta cells A1:B4. */
export function storeMeta(chunks: number, runs: number, now: Date): (string | number)[][] {
  return [
    [STORE_MARKER, STORE_FORMAT_VERSION],
    ['savedAt', now.toISOString()],
    ['chunks', chunks],
    ['runs', runs],
  ];
}

/** A run record as a log row (E:L, in LOG_HEADERS order). */
export function runRow(run: RunRecord): (string | number)[] {
  return [
    run.at,
    run.preset,
    run.rulesHash,
    run.asOf,
    run.customers,
    JSON.stringify(run.tiers),
    run.by,
    JSON.stringify(run.without ?? []),
    run.analyses ? JSON.stringify(run.analyses) : '',
  ];
}

/** How many logged runs of a previous store to keep, from its meta cells: none when it is damaged or from a newer format. */
export function keptRuns(meta: readonly (readonly unknown[])[]): number {
  try {
    return Math.min(Math.floor(storedSizes(meta).runs), MAX_RUNS);
  } catch {
    return 0;
  }
}

/**
 * What a writer read of the store before writing: the meta cells A1:B4 and the run-log rows
 * from E2, as read (office-js gives '' for an empty cell, a file reader null). Only the first
 * keptRuns(meta) log rows are used: a writer may read E2:L(MAX_RUNS + 1) with the meta in one go.
 */
export interface PreviousStore {
  meta: readonly (readonly unknown[])[];
  log: readonly (readonly unknown[])[];
}

/**
 * The whole store area to write, from A1: `values[r][c]` is the cell on row r, column c,
 * `rows` × STORE_COLUMNS. A null clears the cell (office-js writers write '' there; text and
 * numbers are written as they are, never as formulas).
 */
export interface StoreArea {
  /** The rectangle's A1 range, `A1:L5`. */
  range: string;
  rows: number;
  values: (string | number | null)[][];
}

/** The columns the store occupies: A to the log's last column (L). */
export const STORE_COLUMNS = LOG_COL + LOG_HEADERS.length;

/** A count a damaged meta cell may announce, as a number of rows to clear: an integer within 0..max, else 0. */
function announced(value: unknown, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : 0;
}

/** A cell of an earlier run-log row, kept as it was read. */
function logCell(v: unknown): string | number | null {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  return v === null || v === undefined ? null : String(v);
}

/**
 * The store area that holds these rules and mapping and, after the runs the previous store
 * logged, `run` (at most MAX_RUNS kept, the oldest dropped): the meta cells, the JSON chunks,
 * the log's headers and rows, and a null on every other cell of the rectangle, which covers
 * every row the previous store announced (its chunks and its log), so that writing the area
 * in one go leaves nothing of it. A damaged store, or one from a newer format, starts a fresh
 * log (src/excel/rules-store.ts refuses to load a newer one before it comes to this).
 */
export function storeArea(
  previous: PreviousStore | undefined,
  rules: RuleSet,
  mapping: StoredMapping,
  run: RunRecord | undefined,
  now: Date,
  analyses?: StoredAnalyses,
): StoreArea {
  const meta = previous?.meta ?? [];
  const kept = keptRuns(meta);
  const oldLog = (previous?.log ?? []).slice(0, kept).map((row) => Array.from({ length: LOG_HEADERS.length }, (_, c) => logCell(row[c])));
  const log: (string | number | null)[][] = run ? [...oldLog, runRow(run)].slice(-MAX_RUNS) : oldLog;
  const chunks = storedChunks(rules, mapping, analyses);

  const used = Math.max(4, chunks.length, log.length > 0 ? log.length + 1 : 0);
  const before = previous ? Math.max(4, announced(meta[2]?.[1], 1000), announced(meta[3]?.[1], MAX_RUNS) + 1) : 0;
  const rows = Math.max(used, before);
  const values: (string | number | null)[][] = Array.from({ length: rows }, () => new Array<string | number | null>(STORE_COLUMNS).fill(null));
  storeMeta(chunks.length, log.length, now).forEach((cells, r) =>
    cells.forEach((v, c) => {
      values[r]![c] = v;
    }),
  );
  chunks.forEach((chunk, r) => {
    values[r]![2] = chunk;
  });
  if (log.length > 0)
    LOG_HEADERS.forEach((h, c) => {
      values[0]![LOG_COL + c] = h;
    });
  log.forEach((cells, i) =>
    cells.forEach((v, c) => {
      values[i + 1]![LOG_COL + c] = v;
    }),
  );
  return { range: formatRange({ firstRow: 0, firstCol: 0, lastRow: rows - 1, lastCol: STORE_COLUMNS - 1 }), rows, values };
}

/** The meta cells A1:B4 and the run-log rows a previous store's grid holds (rows of raw values from A1). */
export function previousStoreOf(grid: readonly (readonly unknown[])[]): PreviousStore {
  const meta = metaOf(grid);
  const log = Array.from({ length: keptRuns(meta) }, (_, i) => (grid[i + 1] ?? []).slice(LOG_COL, LOG_COL + LOG_HEADERS.length));
  return { meta, log };
}

/** One cell of the rules sheet, 0-based; `null` clears it. Strings are text, never formulas. */
export interface StoreCell {
  row: number;
  col: number;
  value: string | number | null;
}

/**
 * Every cell to write on the rules sheet so that it stores these rules and mapping and, after
 * the runs already logged there, `run` (the score command's writer, which takes cells): the
 * filled cells of `storeArea`, and a null on every cell of A:L the previous grid fills and the
 * new store does not (old chunks, old log rows, what a damaged store left anywhere). `previous`
 * is the sheet's grid as read (rows of raw values), or undefined when there is no such sheet.
 * Sorted by row, then column.
 */
export function storeContents(
  previous: readonly (readonly unknown[])[] | undefined,
  rules: RuleSet,
  mapping: StoredMapping,
  run: RunRecord | undefined,
  now: Date,
  analyses?: StoredAnalyses,
): StoreCell[] {
  const area = storeArea(previous ? previousStoreOf(previous) : undefined, rules, mapping, run, now, analyses);
  const filled = (row: number, col: number) => area.values[row]?.[col] != null;
  const rows = Math.max(area.rows, previous?.length ?? 0);
  const cells: StoreCell[] = [];
  for (let row = 0; row < rows; row++) {
    const before = previous?.[row];
    for (let col = 0; col < STORE_COLUMNS; col++) {
      if (filled(row, col)) cells.push({ row, col, value: area.values[row]![col]! });
      else if (before?.[col] !== null && before?.[col] !== undefined) cells.push({ row, col, value: null });
    }
  }
  return cells;
}
