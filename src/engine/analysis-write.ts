/**
 * What the analyses write back (docs/scoring-rules.md section 6): 服务得分 / Service score and 短板维度 /
 * Weakest dimension on every row of the survey (its customer's) and in the customer table
 * where the keys join; R, F, M, RFM 得分 / RFM score and RFM 分群 / RFM segment in the customer
 * table (or, without one, on every purchase row of the transactions table).
 *
 * A table gets one ManagedWrite with everything written into it: the scoring's managed
 * columns first, then the analyses' columns in the next free columns, so that a sheet is
 * written once and no two new columns land on each other. An analysis column an earlier run
 * left is updated in place; one whose analysis this run does not carry is left as it is.
 * The texts come from the words given (src/i18n/results.ts `buildAnalysesWrite`).
 */
import { formatRange } from './address';
import type { AnalysesRun } from './analyses';
import { analysisColumnOf, RFM_WRITTEN, SERVICE_WRITTEN, type AnalysisColumnId, type ManagedColumnId } from './columns';
import { DEFAULT_MANAGED, managedCellIn, planColumns, planManagedColumns, type ManagedCell, type ManagedColumnPlan, type ManagedWrite } from './managed';
import type { MappedColumn } from './mapping';
import { cellText, type TableCandidate } from './tables';
import { normaliseKey } from './text';
import type { RawCell } from './types';
import type { AnalysisWords, ResultWords } from './words';

/** The analyses' cells of one table, by row. */
interface TableCells {
  table: TableCandidate;
  ids: Set<AnalysisColumnId>;
  rows: Map<number, Partial<Record<AnalysisColumnId, ManagedCell>>>;
  segmentColors: Map<number, string>;
}

/** The analyses' columns in the order they are added: RFM's letters, score and segment, then the service's. */
const ORDER: readonly AnalysisColumnId[] = [...RFM_WRITTEN, ...SERVICE_WRITTEN];

const tableKey = (t: TableCandidate) => `${t.sheet}\u0000${formatRange(t.box)}`;

/** Every analysis's cells, per table it writes into. */
function analysisCells(run: AnalysesRun, gridOf: (sheet: string) => readonly RawCell[][], words: AnalysisWords): TableCells[] {
  const tables = new Map<string, TableCells>();
  const cellsOf = (table: TableCandidate, ids: readonly AnalysisColumnId[]) => {
    let entry = tables.get(tableKey(table));
    if (!entry) tables.set(tableKey(table), (entry = { table, ids: new Set(), rows: new Map(), segmentColors: new Map() }));
    for (const id of ids) entry.ids.add(id);
    return entry;
  };
  // A row's cells are never changed once put (a second analysis on the row makes a new object), so the first are kept as given: a spread per row was a quarter of the write plan at 100,000 customers.
  const put = (entry: TableCells, row: number, cells: Partial<Record<AnalysisColumnId, ManagedCell>>) => {
    const before = entry.rows.get(row);
    entry.rows.set(row, before ? { ...before, ...cells } : cells);
  };

  const { service, rfm, customers } = run;
  if (service) {
    const survey = cellsOf(service.mapping.table, SERVICE_WRITTEN);
    const byKey = new Map<string, Partial<Record<AnalysisColumnId, ManagedCell>>>();
    for (const c of service.customers) {
      const cells = { serviceScore: c.score, weakestDimension: c.weakest === null ? null : words.dimension(c.weakest) };
      byKey.set(normaliseKey(c.key), cells);
      for (const row of c.rows) put(survey, row, cells);
    }
    if (customers && tableKey(customers.table) !== tableKey(service.mapping.table)) {
      const entry = cellsOf(customers.table, SERVICE_WRITTEN);
      const grid = gridOf(customers.table.sheet);
      for (let r = customers.table.box.firstRow + 1; r <= customers.table.box.lastRow; r++) {
        const key = cellText(grid[r]?.[customers.key.column]);
        if (key) put(entry, r, byKey.get(normaliseKey(key)) ?? { serviceScore: null, weakestDimension: null });
      }
    }
  }
  if (rfm) {
    const entry = cellsOf(rfm.table, RFM_WRITTEN);
    for (const c of rfm.customers) {
      const cells = {
        rfmR: c.scores.recency,
        rfmF: c.scores.frequency,
        rfmM: c.scores.monetary,
        rfmScore: c.score,
        segment: words.segment(c.segment),
      };
      for (const row of c.rows) {
        put(entry, row, cells);
        entry.segmentColors.set(row, c.segment.color);
      }
    }
  }
  return [...tables.values()];
}

/** One table's write, with the table and its key column (the add-in checks each written row's key before it writes). */
export interface AnalysesWrite extends ManagedWrite {
  table: TableCandidate;
  key: MappedColumn;
}

/** The key column of each table a run writes into, by tableKey. */
function keysOf(run: AnalysesRun): Map<string, MappedColumn> {
  const keys = new Map<string, MappedColumn>();
  const add = (table: TableCandidate, key: MappedColumn) => {
    if (!keys.has(tableKey(table))) keys.set(tableKey(table), key);
  };
  if (run.scoring) add(run.scoring.evaluation.table, run.scoring.evaluation.key);
  if (run.customers) add(run.customers.table, run.customers.key);
  if (run.service) add(run.service.mapping.table, run.service.mapping.key);
  if (run.rfm) add(run.rfm.table, run.rfm.key);
  return keys;
}

/**
 * The writes of a run of several analyses, one per table: the scoring's managed columns
 * (`wanted`, and those the table already has) and the analyses' columns. `scoringWords` are
 * needed when the run carries the scoring.
 */
export function analysesWriteIn(
  run: AnalysesRun,
  gridOf: (sheet: string) => readonly RawCell[][],
  scoringWords: ResultWords | undefined,
  words: AnalysisWords,
  wanted: readonly ManagedColumnId[] = DEFAULT_MANAGED,
): AnalysesWrite[] {
  const keys = keysOf(run);
  const analyses = analysisCells(run, gridOf, words);
  const scoring = run.scoring;
  const scoringTable = scoring ? tableKey(scoring.evaluation.table) : undefined;
  const order = [...(scoring ? [scoring.evaluation.table] : []), ...analyses.map((a) => a.table).filter((t) => tableKey(t) !== scoringTable)];
  return order.map((table) => {
    const grid = gridOf(table.sheet);
    const own = analyses.find((a) => tableKey(a.table) === tableKey(table));
    const withScoring = scoring && tableKey(table) === scoringTable ? scoring : undefined;
    const scoringPlans = withScoring && scoringWords ? planManagedColumns(withScoring, grid, scoringWords, wanted) : [];
    const next = Math.max(table.box.lastCol, ...scoringPlans.map((p) => p.column)) + 1;
    const existing = new Map<AnalysisColumnId, { column: number; header: string }>();
    table.headers.forEach((header, i) => {
      const id = header ? analysisColumnOf(header) : undefined;
      if (id && !existing.has(id)) existing.set(id, { column: table.box.firstCol + i, header });
    });
    const ids = own ? ORDER.filter((id) => own.ids.has(id)) : [];
    const analysisPlans = planColumns(
      table,
      grid,
      ids,
      (id) => existing.get(id),
      (id) => words.header(id),
      next,
    );
    const columns: ManagedColumnPlan[] = [...scoringPlans, ...analysisPlans];

    const scored = new Map((withScoring?.customers ?? []).map((c) => [c.row, c]));
    const rowNumbers = [...new Set([...scored.keys(), ...(own?.rows.keys() ?? [])])].sort((a, b) => a - b);
    const rows: ManagedWrite['rows'] = rowNumbers.map((row) => {
      const customer = scored.get(row);
      const cells: ManagedCell[] = [
        ...scoringPlans.map((p) => (customer && scoringWords ? managedCellIn(p.id, customer, scoringWords) : null)),
        ...analysisPlans.map((p) => own?.rows.get(row)?.[p.id] ?? null),
      ];
      const segmentColor = own?.segmentColors.get(row);
      return { row, cells, tierColor: customer?.tier.color ?? '', ...(segmentColor ? { segmentColor } : {}) };
    });
    const lastCol = Math.max(table.box.lastCol, ...columns.map((c) => c.column));
    const write: AnalysesWrite = {
      table,
      key: keys.get(tableKey(table))!,
      sheet: table.sheet,
      headerRow: table.box.firstRow,
      columns,
      rows,
      tiers: withScoring && scoringWords ? withScoring.rules.tiers.map((t) => ({ label: scoringWords.tier(t), color: t.color })) : [],
    };
    if (analysisPlans.some((p) => p.id === 'segment') && run.rfm) {
      write.segments = run.rfm.rules.segments.map((s) => ({ label: words.segment(s), color: s.color }));
    }
    if (table.source === 'excel-table' && table.name && lastCol > table.box.lastCol) {
      write.tableRange = { name: table.name, range: formatRange({ ...table.box, lastCol }) };
    }
    return write;
  });
}
