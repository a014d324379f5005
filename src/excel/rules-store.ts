/**
 * The rule set and mapping in use, stored in the workbook so that a colleague who opens the
 * shared file scores it the same way, with a record of every run, on the very hidden sheet
 * whose layout src/engine/stored-rules.ts describes. This is its office-js side.
 *
 * Storing needs what the store holds now (its meta cells and run log): Apply reads that in
 * the requests it makes anyway (whether the sheet exists in its check, the store's cells with
 * its last write) and hands it over, so that storing after Apply is one request of writes,
 * still separate from the results': a store that fails leaves the results written.
 *
 * The store holds the other analyses' rules (the service survey's, RFM's) beside the weighted
 * rules. A store written with some of them left out keeps those the workbook already stored:
 * the area read before writing includes the first JSON chunks, so that storing after Apply
 * stays one request (a store of more chunks than that, rare, is read in one more).
 */
import { RuleSetSchema, type RuleSet } from '../engine/rules';
import {
  logRange,
  MAX_RUNS,
  parseStoredRules,
  storeArea,
  storedSizes,
  type RunRecord,
  type StoredAnalyses,
  type StoredMapping,
  type StoredRules,
} from '../engine/stored-rules';
import { inExcel, type ExcelHost } from './host';
import { RULES_SHEET } from '../engine/managed-sheets';
import { toExcel } from './values';

/** What the store holds before it is written: whether the rules sheet exists, its meta cells and its run log. */
export interface StoreArea {
  exists: boolean;
  /** A1:B4 as read ([] without a rules sheet). */
  meta: unknown[][];
  /** The run log's rows E2:M(MAX_RUNS + 1) as read ([] without a rules sheet). */
  log: unknown[][];
  /** The first BODY_CHUNKS cells of the stored JSON, C1:C2, as read ([] without a rules sheet): the analyses' rules to keep. */
  body: unknown[][];
}

/** The JSON chunks read with the store area: a store of the three analyses' rules takes one (30,000 characters). */
export const BODY_CHUNKS = 2;

/**
 * The most bytes reading the store area brings back: the meta cells, MAX_RUNS log rows of
 * about 1 KB at most (ISO times, ids, a SHA-256, a count per tier and segment, a name of at
 * most 100 characters) and BODY_CHUNKS chunks of 30,000 characters (at most 3 bytes each).
 * Apply's last write request keeps this much of its response budget for it.
 */
export const STORE_AREA_BYTES = 768 * 1024;

/** Queues the question whether the rules sheet exists; the answer after the next sync. */
export function probeStore(context: Excel.RequestContext): () => boolean {
  const sheet = context.workbook.worksheets.getItemOrNullObject(RULES_SHEET);
  sheet.load('name');
  return () => !sheet.isNullObject;
}

/** Queues the reads of the store area (nothing when the rules sheet does not exist); the area after the next sync. */
export function loadStoreArea(context: Excel.RequestContext, exists: boolean): () => StoreArea {
  if (!exists) return () => ({ exists: false, meta: [], log: [], body: [] });
  const sheet = context.workbook.worksheets.getItem(RULES_SHEET);
  const meta = sheet.getRange('A1:B4').load('values');
  const log = sheet.getRange(logRange(1, MAX_RUNS)).load('values');
  const body = sheet.getRange(`C1:C${BODY_CHUNKS}`).load('values');
  return () => ({ exists: true, meta: meta.values, log: log.values, body: body.values });
}

/**
 * The analyses' rules the store already holds, from the area read (and the chunks beyond it,
 * read in one more sync when the store has more); none when there is no store or it cannot be
 * read (a damaged store is replaced, as its rules are).
 */
async function storedAnalysesIn(context: Excel.RequestContext, area: StoreArea): Promise<StoredAnalyses | undefined> {
  if (!area.exists) return undefined;
  try {
    const { chunks } = storedSizes(area.meta);
    let body = area.body.map((r) => r[0]);
    if (chunks > body.length) {
      const all = context.workbook.worksheets.getItem(RULES_SHEET).getRange(`C1:C${chunks}`).load('values');
      await context.sync();
      body = all.values.map((r) => r[0]);
    }
    return parseStoredRules(area.meta, body.slice(0, chunks), []).analyses;
  } catch {
    return undefined;
  }
}

/** What the workbook stores, or null when it stores nothing. Damaged or newer content is refused with a sentence. */
export async function loadStoredRules(host: ExcelHost): Promise<StoredRules | null> {
  return inExcel(host, 'read', async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(RULES_SHEET);
    sheet.load('name');
    await context.sync();
    if (sheet.isNullObject) return null;
    const meta = sheet.getRange('A1:B4');
    meta.load('values');
    await context.sync();
    const { chunks, runs } = storedSizes(meta.values);
    const body = sheet.getRange(`C1:C${chunks}`);
    body.load('values');
    const log = runs > 0 ? sheet.getRange(logRange(1, runs)) : undefined;
    log?.load('values');
    await context.sync();
    return parseStoredRules(
      meta.values,
      body.values.map((r) => r[0]),
      log?.values ?? [],
    );
  });
}

/**
 * Stores the rules and mapping in use and, when given, appends a run record (the oldest
 * dropped once MAX_RUNS are kept). `analyses` are the other analyses' rules (and the primary)
 * of this run: the ones it does not give are kept as the store held them. With `found`, the
 * store area as read just before (Apply's), in one sync; without, it reads the area first
 * (whether the sheet exists, then its cells).
 */
export async function storeRules(
  host: ExcelHost,
  rules: RuleSet,
  mapping: StoredMapping,
  run?: RunRecord,
  now: Date = new Date(),
  found?: StoreArea,
  analyses?: StoredAnalyses,
): Promise<void> {
  RuleSetSchema.parse(rules);
  await inExcel(host, 'store-rules', async (context) => {
    let area = found;
    if (!area) {
      const exists = probeStore(context);
      await context.sync();
      const read = loadStoreArea(context, exists());
      if (exists()) await context.sync();
      area = read();
    }
    const kept = await storedAnalysesIn(context, area);
    const merged = kept || analyses ? { ...kept, ...analyses } : undefined;
    queueStore(context, area, rules, mapping, run, now, merged);
    await context.sync();
  });
}

/** Queues the writes that turn the store `area` into the store of `rules`, `mapping` and `analyses` and, after its kept runs, `run` (the layout of stored-rules.ts, written as one range). */
function queueStore(
  context: Excel.RequestContext,
  area: StoreArea,
  rules: RuleSet,
  mapping: StoredMapping,
  run: RunRecord | undefined,
  now: Date,
  analyses: StoredAnalyses | undefined,
): void {
  const sheets = context.workbook.worksheets;
  const sheet = area.exists ? sheets.getItem(RULES_SHEET) : sheets.add(RULES_SHEET);
  const next = storeArea(area.exists ? { meta: area.meta, log: area.log } : undefined, rules, mapping, run, now, analyses);
  // toExcel: '' clears a cell (null would leave it as it is), and text that Excel would read as a number or date stays text.
  sheet.getRange(next.range).values = next.values.map((row) => row.map((v) => (typeof v === 'number' ? v : toExcel(v))));
  sheet.visibility = 'VeryHidden';
}

export { rulesHash, type RunRecord, type StoredAnalyses, type StoredMapping, type StoredRules } from '../engine/stored-rules';
