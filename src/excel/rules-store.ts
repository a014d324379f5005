/**
 * The rule set and mapping in use, stored in the workbook so that a colleague who opens the
 * shared file scores it the same way, with a record of every run, on the very hidden sheet
 * whose layout src/engine/stored-rules.ts describes. This is its office-js side.
 */
import { RuleSetSchema, type RuleSet } from '../engine/rules';
import {
  keptRuns, LOG_HEADERS, logRange, MAX_RUNS, parseStoredRules, runRow, storedChunks, storedSizes, storeMeta,
  type RunRecord, type StoredMapping, type StoredRules,
} from '../engine/stored-rules';
import { inExcel, type ExcelHost } from './host';
import { RULES_SHEET } from '../engine/managed-sheets';
import { toExcel } from './values';

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
    return parseStoredRules(meta.values, body.values.map((r) => r[0]), log?.values ?? []);
  });
}

/**
 * Stores the rules and mapping in use and, when given, appends a run record. Three syncs at
 * most: whether the store exists, its current size, then the writes.
 */
export async function storeRules(host: ExcelHost, rules: RuleSet, mapping: StoredMapping, run?: RunRecord, now: Date = new Date()): Promise<void> {
  RuleSetSchema.parse(rules);
  const chunks = storedChunks(rules, mapping);
  await inExcel(host, 'store-rules', async (context) => {
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
    const oldRuns = keptRuns(metaValues); // a damaged store (or none) starts a fresh log
    if (oldChunks > chunks.length) sheet.getRange(`C1:C${oldChunks}`).clear('Contents');
    sheet.getRange(`C1:C${chunks.length}`).values = chunks.map((c) => [toExcel(c)]);
    let runs = oldRuns;
    if (run) {
      sheet.getRange(logRange(0, 0)).values = [[...LOG_HEADERS]];
      const row = runRow(run).map((v) => (typeof v === 'number' ? v : toExcel(v)));
      if (oldRuns >= MAX_RUNS) {
        // Drop the oldest: shift the log up by one row.
        const log = sheet.getRange(logRange(2, MAX_RUNS));
        log.load('values');
        await context.sync();
        sheet.getRange(logRange(1, MAX_RUNS - 1)).values = log.values;
        sheet.getRange(logRange(MAX_RUNS, MAX_RUNS)).values = [row];
      } else {
        sheet.getRange(logRange(oldRuns + 1, oldRuns + 1)).values = [row];
        runs = oldRuns + 1;
      }
    }
    sheet.getRange('A1:B4').values = storeMeta(chunks.length, runs, now);
    sheet.visibility = 'VeryHidden';
    await context.sync();
  });
}

export { rulesHash, type RunRecord, type StoredMapping, type StoredRules } from '../engine/stored-rules';
