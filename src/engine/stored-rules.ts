/**
 * The rule set and mapping in use, stored in the workbook so that a colleague who opens the
 * shared file scores it the same way, with a record of every run. They live on a very
 * hidden sheet (`_CustomerScoring`): it travels with the file on every Excel platform and
 * through .xlsx tools, users do not stumble on it, and what it holds is validated on load.
 *
 *   A1 marker   B1 format version      C1..Cn  the stored JSON, in chunks of 30,000 characters
 *   A2 savedAt  B2 ISO time            E1:J1   run-log headers, E2:J… one run per row
 *   A3 chunks   B3 n
 *   A4 runs     B4 number of runs logged
 *
 * This module is the format, pure; src/excel/rules-store.ts reads and writes it through
 * office-js and the score command reads it from .xlsx files.
 */
import { z } from 'zod';
import { ScoringError } from './errors';
import { parseRuleSet, type RuleSet } from './rules';

export const STORE_MARKER = 'customer-scoring-rules';
export const STORE_FORMAT_VERSION = 1;
export const CHUNK = 30_000;
/** Runs kept in the log; older ones drop off. */
export const MAX_RUNS = 500;
export const LOG_HEADERS = ['at', 'preset', 'rulesHash', 'asOf', 'customers', 'tiers'] as const;

export const MappingSchema = z.object({
  /** Where the tables were when they were read (an Excel table also by name). */
  evaluation: z.object({ sheet: z.string(), range: z.string(), name: z.string().optional() }).optional(),
  followUp: z.object({ sheet: z.string(), range: z.string(), name: z.string().optional() }).nullable().optional(),
  /** Indicator id → the header of the column the user mapped it to. */
  indicators: z.record(z.string(), z.string()).default({}),
});
export type StoredMapping = z.output<typeof MappingSchema>;

export interface RunRecord {
  at: string;
  preset: string;
  rulesHash: string;
  asOf: string;
  customers: number;
  tiers: Record<string, number>;
}

export interface StoredRules {
  rules: RuleSet;
  mapping: StoredMapping;
  savedAt: string;
  runs: RunRecord[];
}

/** SHA-256 of the rule set's JSON, hex: the same rules give the same hash on every machine. */
export async function rulesHash(rules: RuleSet): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(rules)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function damaged(detail: string): ScoringError {
  return new ScoringError('stored-rules-damaged', { detail });
}

/** The stored JSON in cell-sized chunks. */
export function storedChunks(rules: RuleSet, mapping: StoredMapping): string[] {
  const json = JSON.stringify({ rules, mapping });
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) chunks.push(json.slice(i, i + CHUNK));
  return chunks;
}

/** The number of JSON chunks and logged runs the meta cells (A1:B4) announce; refuses damaged or newer ones. */
export function storedSizes(meta: readonly (readonly unknown[])[]): { chunks: number; runs: number } {
  const [marker, version] = meta[0] ?? [];
  if (marker !== STORE_MARKER) throw damaged(`A1 = “${String(marker)}”`);
  if (typeof version !== 'number') throw damaged(`B1 = “${String(version)}”`);
  if (version > STORE_FORMAT_VERSION) throw new ScoringError('stored-rules-newer', { version });
  const chunks = Number(meta[2]?.[1]);
  if (!Number.isInteger(chunks) || chunks < 1 || chunks > 1000) throw damaged(`B3 = “${String(meta[2]?.[1])}”`);
  return { chunks, runs: Math.max(0, Number(meta[3]?.[1]) || 0) };
}

/** The stored rules from the meta cells, the JSON chunks and the run-log rows; damaged content is refused with a sentence. */
export function parseStoredRules(meta: readonly (readonly unknown[])[], chunks: readonly unknown[], log: readonly (readonly unknown[])[]): StoredRules {
  storedSizes(meta);
  let stored: unknown;
  try {
    stored = JSON.parse(chunks.map((c) => (c === null || c === undefined ? '' : String(c))).join(''));
  } catch (e) {
    throw damaged((e as Error).message);
  }
  const { rules, mapping } = (stored ?? {}) as { rules?: unknown; mapping?: unknown };
  const parsed = parseRuleSet(rules);
  if (!parsed.ok) throw damaged(`rules.${parsed.problem.path}: ${parsed.problem.message.en}`);
  const map = MappingSchema.safeParse(mapping ?? {});
  if (!map.success) throw damaged(`mapping: ${map.error.issues[0]?.message ?? ''}`);
  return {
    rules: parsed.rules,
    mapping: map.data,
    savedAt: String(meta[1]?.[1] ?? ''),
    runs: log.map(toRecord).filter((r): r is RunRecord => r !== null),
  };
}

function toRecord(row: readonly unknown[]): RunRecord | null {
  const [at, preset, hash, asOf, customers, tiers] = row;
  try {
    return { at: String(at), preset: String(preset), rulesHash: String(hash), asOf: String(asOf), customers: Number(customers), tiers: JSON.parse(String(tiers)) as Record<string, number> };
  } catch {
    return null;
  }
}


/** The stored rules read from the rules sheet's grid (an .xlsx read by the score command), or null without one. */
export function storedRulesFromGrid(rows: readonly (readonly unknown[])[]): StoredRules {
  const meta = [0, 1, 2, 3].map((r) => [rows[r]?.[0] ?? null, rows[r]?.[1] ?? null]);
  const { chunks, runs } = storedSizes(meta);
  const body = Array.from({ length: chunks }, (_, r) => rows[r]?.[2] ?? null);
  const log = Array.from({ length: runs }, (_, i) => (rows[i + 1] ?? []).slice(4, 10));
  return parseStoredRules(meta, body, log);
}
