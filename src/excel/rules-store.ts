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
 */
import { z } from 'zod';
import { cellRef } from '../engine/address';
import { ScoringError } from '../engine/errors';
import { parseRuleSet, RuleSetSchema, type RuleSet } from '../engine/rules';
import type { ExcelHost } from './host';
import { RULES_SHEET } from './sheets';
import { toExcel } from './values';

export const STORE_MARKER = 'customer-scoring-rules';
export const STORE_FORMAT_VERSION = 1;
const CHUNK = 30_000;
/** Runs kept in the log; older ones drop off. */
export const MAX_RUNS = 500;
const LOG_HEADERS = ['at', 'preset', 'rulesHash', 'asOf', 'customers', 'tiers'] as const;

const MappingSchema = z.object({
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

/** What the workbook stores, or null when it stores nothing. Damaged or newer content is refused with a sentence. */
export async function loadStoredRules(host: ExcelHost): Promise<StoredRules | null> {
  return host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(RULES_SHEET);
    sheet.load('name');
    await context.sync();
    if (sheet.isNullObject) return null;
    const meta = sheet.getRange('A1:B4');
    meta.load('values');
    await context.sync();
    const [marker, version] = meta.values[0] ?? [];
    if (marker !== STORE_MARKER) throw damaged(`A1 = “${String(marker)}”`);
    if (typeof version !== 'number') throw damaged(`B1 = “${String(version)}”`);
    if (version > STORE_FORMAT_VERSION) throw new ScoringError('stored-rules-newer', { version });
    const chunks = Number(meta.values[2]?.[1]);
    const runs = Number(meta.values[3]?.[1]) || 0;
    if (!Number.isInteger(chunks) || chunks < 1 || chunks > 1000) throw damaged(`B3 = “${String(meta.values[2]?.[1])}”`);
    const body = sheet.getRange(`C1:C${chunks}`);
    body.load('values');
    const log = runs > 0 ? sheet.getRange(`E2:J${runs + 1}`) : undefined;
    log?.load('values');
    await context.sync();
    let stored: unknown;
    try {
      stored = JSON.parse(body.values.map((r) => String(r[0] ?? '')).join(''));
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
      savedAt: String(meta.values[1]?.[1] ?? ''),
      runs: (log?.values ?? []).map(toRecord).filter((r): r is RunRecord => r !== null),
    };
  });
}

function toRecord(row: unknown[]): RunRecord | null {
  const [at, preset, hash, asOf, customers, tiers] = row;
  try {
    return { at: String(at), preset: String(preset), rulesHash: String(hash), asOf: String(asOf), customers: Number(customers), tiers: JSON.parse(String(tiers)) as Record<string, number> };
  } catch {
    return null;
  }
}

/**
 * Stores the rules and mapping in use and, when given, appends a run record. Three syncs at
 * most: whether the store exists, its current size, then the writes.
 */
export async function storeRules(host: ExcelHost, rules: RuleSet, mapping: StoredMapping, run?: RunRecord, now: Date = new Date()): Promise<void> {
  RuleSetSchema.parse(rules);
  const json = JSON.stringify({ rules, mapping });
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) chunks.push(json.slice(i, i + CHUNK));
  await host.run(async (context) => {
    const sheets = context.workbook.worksheets;
    const existing = sheets.getItemOrNullObject(RULES_SHEET);
    existing.load('name');
    await context.sync();
    const fresh = existing.isNullObject;
    let metaValues: unknown[][] = [];
    if (!fresh) {
      const meta = existing.getRange('A1:B4');
      meta.load('values');
      await context.sync();
      metaValues = meta.values;
    }
    const sheet = fresh ? sheets.add(RULES_SHEET) : existing;
    const oldChunks = Number(metaValues[2]?.[1]) || 0;
    const oldRuns = metaValues[0]?.[0] !== STORE_MARKER ? 0 : Math.min(Number(metaValues[3]?.[1]) || 0, MAX_RUNS);
    if (oldChunks > chunks.length) sheet.getRange(`C1:C${oldChunks}`).clear('Contents');
    sheet.getRange(`C1:C${chunks.length}`).values = chunks.map((c) => [toExcel(c)]);
    let runs = oldRuns;
    if (run) {
      sheet.getRange('E1:J1').values = [[...LOG_HEADERS]];
      const row = [run.at, run.preset, run.rulesHash, run.asOf, run.customers, JSON.stringify(run.tiers)].map((v) => (typeof v === 'number' ? v : toExcel(v)));
      if (oldRuns >= MAX_RUNS) {
        // Drop the oldest: shift the log up by one row.
        const log = sheet.getRange(`E3:J${MAX_RUNS + 1}`);
        log.load('values');
        await context.sync();
        sheet.getRange(`E2:J${MAX_RUNS}`).values = log.values;
        sheet.getRange(`${cellRef(MAX_RUNS, 4)}:${cellRef(MAX_RUNS, 9)}`).values = [row];
      } else {
        sheet.getRange(`${cellRef(oldRuns + 1, 4)}:${cellRef(oldRuns + 1, 9)}`).values = [row];
        runs = oldRuns + 1;
      }
    }
    sheet.getRange('A1:B4').values = [
      [STORE_MARKER, STORE_FORMAT_VERSION],
      ['savedAt', now.toISOString()],
      ['chunks', chunks.length],
      ['runs', runs],
    ];
    sheet.visibility = 'VeryHidden';
    await context.sync();
  });
}
