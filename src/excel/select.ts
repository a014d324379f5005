/**
 * Selecting customers' rows in the sheet (the Apply summary's "select flagged rows"): the
 * rows within the table's columns and its managed columns, as one multi-block selection
 * (Worksheet.getRanges, ExcelApi 1.9). Selecting changes no cell.
 */
import { formatRange } from '../engine/address';
import { ScoringError } from '../engine/errors';
import { isOfficeError, type ExcelHost } from './host';

/** Where the rows are: the sheet and the columns to select in each row. */
export interface RowSpan {
  sheet: string;
  firstCol: number;
  lastCol: number;
}

export interface RowSelection {
  /** Rows asked for (distinct). */
  rows: number;
  /** Rows selected: all of them unless there were more than MAX_SELECTED_BLOCKS blocks. */
  selectedRows: number;
  /** Blocks of consecutive rows selected. */
  blocks: number;
}

/**
 * The panel selects at most this many separate blocks at once: each block is a few bytes
 * of address, and a selection of thousands of scattered rows helps nobody (filter the
 * flags column instead). Consecutive rows make one block.
 */
export const MAX_SELECTED_BLOCKS = 500;

/** Distinct 0-based rows merged into runs of consecutive rows, top to bottom. */
export function rowBlocks(rows: readonly number[]): { first: number; last: number }[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const blocks: { first: number; last: number }[] = [];
  for (const r of sorted) {
    const last = blocks.at(-1);
    if (last && last.last + 1 === r) last.last = r;
    else blocks.push({ first: r, last: r });
  }
  return blocks;
}

/** Activates the sheet and selects the rows (within the span's columns); one sync. */
export async function selectRows(host: ExcelHost, span: RowSpan, rows: readonly number[]): Promise<RowSelection> {
  const all = rowBlocks(rows);
  const blocks = all.slice(0, MAX_SELECTED_BLOCKS);
  const selection = {
    rows: all.reduce((n, b) => n + b.last - b.first + 1, 0),
    selectedRows: blocks.reduce((n, b) => n + b.last - b.first + 1, 0),
    blocks: blocks.length,
  };
  if (blocks.length === 0) return selection;
  const address = blocks
    .map((b) => formatRange({ firstRow: b.first, lastRow: b.last, firstCol: span.firstCol, lastCol: span.lastCol }))
    .join(', ');
  try {
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(span.sheet);
      sheet.activate();
      sheet.getRanges(address).select();
      await context.sync();
    });
  } catch (error) {
    if (isOfficeError(error)) throw new ScoringError('excel-failed', { code: error.code, message: error.message });
    throw error;
  }
  return selection;
}
