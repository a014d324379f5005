/**
 * The managed columns of docs/scoring-rules.md section 8: where they go (updated in place when an
 * earlier run left them, in either language; otherwise added right of the table) and what
 * each customer's cells say. Every managed column present in the table is refreshed on every
 * run, asked for or not: a 得分说明 left by an earlier run never stays beside a new score.
 * Shared by the `score` command and the add-in; the texts (headers, tier labels, flags, the
 * breakdown) come from the ResultWords the caller gives (src/i18n/results.ts `buildManagedWrite`
 * gives those of a language).
 */
import { cellAddress, formatRange } from './address';
import { MANAGED_COLUMN_IDS, type AnalysisColumnId, type ManagedColumnId } from './columns';
import { ScoringError } from './errors';
import { isBlankCell } from './blank';
import type { CustomerResult, ScoringRun } from './summary';
import type { TableCandidate } from './tables';
import type { RawCell } from './types';
import type { ResultWords } from './words';

export type ManagedCell = string | number | null;

export interface ManagedColumnPlan {
  /** A managed column of the scoring, or a column of the service or RFM analysis. */
  id: ManagedColumnId | AnalysisColumnId;
  /** 0-based sheet column. */
  column: number;
  header: string;
  /** False when an earlier run's column is updated in place. */
  added: boolean;
  numberFormat?: string;
}

export interface ManagedWrite {
  sheet: string;
  headerRow: number;
  columns: ManagedColumnPlan[];
  /**
   * Per row: its 0-based row and its cells, in the order of `columns`, the tier colour (of the
   * `tier` column) and, where the RFM segment is written, the segment's colour.
   */
  rows: { row: number; cells: ManagedCell[]; tierColor: string; segmentColor?: string }[];
  /** The table's range after the new columns, when it is an Excel table that grows. */
  tableRange?: { name: string; range: string };
  /** Each tier's label as written in the tier column, and its colour (RRGGBB). */
  tiers: { label: string; color: string }[];
  /** Each RFM segment's label and colour, when the segment column is written. */
  segments?: { label: string; color: string }[];
}

export const DEFAULT_MANAGED: readonly ManagedColumnId[] = ['score', 'tier', 'flags'];

/** The columns whose cells hold a score out of 100: written with one decimal. */
const ONE_DECIMAL: ReadonlySet<string> = new Set(['score', 'serviceScore', 'rfmScore']);

/**
 * Where each of `ids` goes in the table: in place where an earlier run left it (`existing`),
 * otherwise in the next free column from `next` on. Refuses when a new column would land on
 * cells that hold data.
 */
export function planColumns<Id extends ManagedColumnId | AnalysisColumnId>(
  table: TableCandidate,
  grid: readonly RawCell[][],
  ids: readonly Id[],
  existing: (id: Id) => { column: number; header: string } | undefined,
  header: (id: Id) => string,
  next: number,
): (ManagedColumnPlan & { id: Id })[] {
  const plans = ids.map((id): ManagedColumnPlan & { id: Id } => {
    const found = existing(id);
    const base = ONE_DECIMAL.has(id) ? { numberFormat: '0.0' } : {};
    if (found) return { id, column: found.column, header: found.header, added: false, ...base };
    return { id, column: next++, header: header(id), added: true, ...base };
  });
  const occupied: string[] = [];
  for (const plan of plans.filter((p) => p.added)) {
    for (let r = table.box.firstRow; r <= table.box.lastRow; r++) {
      if (!isBlankCell(grid[r]?.[plan.column])) occupied.push(cellAddress(table.sheet, r, plan.column));
    }
  }
  if (occupied.length > 0) {
    const shown = occupied.slice(0, 3).join(', ') + (occupied.length > 3 ? ` (+${occupied.length - 3})` : '');
    throw new ScoringError('columns-occupied', { cells: shown });
  }
  return plans;
}

/**
 * Where each managed column goes: the ones asked for, then every other managed column the
 * table already has (refreshed in place). Refuses when a new column would land on cells that
 * hold data.
 */
export function planManagedColumns(
  run: ScoringRun,
  grid: readonly RawCell[][],
  words: ResultWords,
  wanted: readonly ManagedColumnId[] = DEFAULT_MANAGED,
): (ManagedColumnPlan & { id: ManagedColumnId })[] {
  const { table, managed } = run.evaluation;
  const present = MANAGED_COLUMN_IDS.filter((id) => managed[id] && !wanted.includes(id));
  return planColumns(
    table,
    grid,
    [...wanted, ...present],
    (id) => managed[id],
    (id) => words.header(id),
    table.box.lastCol + 1,
  );
}

/** What a customer's cell of a managed column holds: the score as a number, the rest as text (null for an empty cell). */
export function managedCellIn(id: ManagedColumnId, customer: CustomerResult, words: ResultWords): ManagedCell {
  switch (id) {
    case 'score':
      return customer.score;
    case 'tier':
      return words.tier(customer.tier);
    case 'flags':
      return words.flags(customer.flags) || null;
    case 'previousTier':
      return customer.previousTier ? words.tier(customer.previousTier) : null;
    case 'breakdown':
      return words.breakdown(customer);
  }
}

/** The managed columns planned and every customer's cells, in the words given. */
export function managedWriteIn(
  run: ScoringRun,
  grid: readonly RawCell[][],
  words: ResultWords,
  wanted: readonly ManagedColumnId[] = DEFAULT_MANAGED,
): ManagedWrite {
  const columns = planManagedColumns(run, grid, words, wanted);
  const { table } = run.evaluation;
  const rows = run.customers.map((c) => ({ row: c.row, cells: columns.map((p) => managedCellIn(p.id, c, words)), tierColor: c.tier.color }));
  const lastCol = Math.max(table.box.lastCol, ...columns.map((c) => c.column));
  const tiers = run.rules.tiers.map((t) => ({ label: words.tier(t), color: t.color }));
  const write: ManagedWrite = { sheet: table.sheet, headerRow: table.box.firstRow, columns, rows, tiers };
  if (table.source === 'excel-table' && table.name && lastCol > table.box.lastCol) {
    write.tableRange = { name: table.name, range: formatRange({ ...table.box, lastCol }) };
  }
  return write;
}
