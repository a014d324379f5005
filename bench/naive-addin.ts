/**
 * The add-in as it is often first written, kept only for the bench to compare with:
 * it reads one customer row per `context.sync()`, scores it, and queues that row's three
 * managed cells, which go to Excel with the next row's read (so one sync per row, plus
 * one for the header and one at the end: N + 2 syncs). It is generous to itself in one
 * way: the follow-up log is read in one go, with the header. Scores come from the same
 * engine (one customer at a time), and the cells written are the managed cells the real
 * add-in writes (score, tier, flags), so syncs and request bytes compare like for like.
 */
import { managedCell } from '../src/i18n/results';
import type { RuleSet } from '../src/engine/rules';
import { locateTables, scoreWorkbook, type ScoringOptions } from '../src/engine/run';
import type { RawCell, SheetGrid } from '../src/engine/types';
import { columnLetter } from '../src/engine/address';
import { EVALUATION_HEADER, EVALUATION_SHEET, FOLLOW_UP_SHEET, HEADER_ROW } from './generate';

export interface NaiveResult {
  /** Customer rows scored and written. */
  rows: number;
  /** What was written, per customer row (score, tier, flags), for the bench's own check. */
  written: (string | number | null)[][];
}

/**
 * Scores the first `limit` customers (all of them when absent) of the bench's workbook
 * layout through `run` (Excel.run), one row per sync.
 */
export async function naiveAddin(run: typeof Excel.run, rules: RuleSet, asOf: number, limit = Infinity): Promise<NaiveResult> {
  const width = EVALUATION_HEADER.length;
  const last = columnLetter(width - 1);
  const out = [columnLetter(width), columnLetter(width + 2)];
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(EVALUATION_SHEET);
    const used = sheet.getUsedRange().load('rowCount');
    const header = sheet.getRange(`A${HEADER_ROW}:${last}${HEADER_ROW}`).load('values');
    const log = context.workbook.worksheets.getItem(FOLLOW_UP_SHEET).getUsedRange().load('values');
    await context.sync();
    const headerRow = header.values[0] as RawCell[];
    const logRows = log.values as RawCell[][];
    const logHeader = logRows[1]!;
    const byCustomer = new Map<string, RawCell[][]>();
    for (const row of logRows.slice(2)) {
      const key = String(row[0] ?? '');
      const rows = byCustomer.get(key);
      if (rows) rows.push(row);
      else byCustomer.set(key, [row]);
    }
    const lastRow = Math.min(used.rowCount, HEADER_ROW + limit);
    let tables: ScoringOptions['tables'];
    const written: (string | number | null)[][] = [];
    for (let r = HEADER_ROW + 1; r <= lastRow; r++) {
      const range = sheet.getRange(`A${r}:${last}${r}`).load('values');
      await context.sync();
      const row = range.values[0] as RawCell[];
      const grids: SheetGrid[] = [
        { name: EVALUATION_SHEET, rows: [headerRow, row], tables: [] },
        { name: FOLLOW_UP_SHEET, rows: [logHeader, ...(byCustomer.get(String(row[1] ?? '')) ?? [])], tables: [] },
      ];
      if (!tables) {
        const located = locateTables(grids, rules, [], { asOf });
        if (!located.evaluation) throw new Error('naive add-in: no evaluation table');
        tables = { evaluation: located.evaluation.table, followUp: located.followUp?.table ?? null };
      }
      const scored = scoreWorkbook(grids, { rules, asOf, tables });
      const customer = scored.customers[0];
      if (!customer) continue;
      const cells = (['score', 'tier', 'flags'] as const).map((id) => managedCell(id, customer, scored, 'zh-CN'));
      sheet.getRange(`${out[0]}${r}:${out[1]}${r}`).values = [cells.map((c) => c ?? '')];
      written.push(cells);
    }
    await context.sync();
    return { rows: written.length, written };
  });
}
