/**
 * Selecting customers' rows in the sheet (the Apply summary's "select flagged rows"): the
 * rows within the table's columns and its managed columns, as one multi-block selection
 * (Worksheet.getRanges, ExcelApi 1.9). Excel takes a multi-block address of at most 8,192
 * characters, so the selection stops at the block that would not fit; an Excel without
 * ExcelApi 1.9 (Excel 2019 and older) selects the first block only. Selecting changes no cell.
 */
import { formatRange } from '../engine/address';
import { inExcel, isOfficeError, LIMITS, supportsExcelApi, type ExcelHost } from './host';

/** Where the rows are: the sheet and the columns to select in each row. */
export interface RowSpan {
  sheet: string;
  firstCol: number;
  lastCol: number;
}

export interface RowSelection {
  /** Rows asked for (distinct). */
  rows: number;
  /** Rows selected: all of them unless their address was too long, or Excel cannot select several blocks. */
  selectedRows: number;
  /** Blocks of consecutive rows selected. */
  blocks: number;
}

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

const SEPARATOR = ', ';

/** The blocks' addresses, as many as fit in `limit` characters joined (at least the first). */
export function blockAddresses(span: RowSpan, blocks: readonly { first: number; last: number }[], limit: number = LIMITS.addressLength): string[] {
  const out: string[] = [];
  let length = 0;
  for (const b of blocks) {
    const address = formatRange({ firstRow: b.first, lastRow: b.last, firstCol: span.firstCol, lastCol: span.lastCol });
    const added = (out.length > 0 ? SEPARATOR.length : 0) + address.length;
    if (out.length > 0 && length + added > limit) break;
    out.push(address);
    length += added;
  }
  return out;
}

/** Activates the sheet and selects the rows (within the span's columns); one sync. */
export async function selectRows(host: ExcelHost, span: RowSpan, rows: readonly number[]): Promise<RowSelection> {
  const all = rowBlocks(rows);
  const total = all.reduce((n, b) => n + b.last - b.first + 1, 0);
  if (all.length === 0) return { rows: 0, selectedRows: 0, blocks: 0 };
  const multi = supportsExcelApi(host, '1.9');
  const select = async (count: number) => {
    const addresses = blockAddresses(span, all).slice(0, count);
    await inExcel(host, 'select', async (context) => {
      const sheet = context.workbook.worksheets.getItem(span.sheet);
      sheet.activate();
      if (addresses.length > 1) sheet.getRanges(addresses.join(SEPARATOR)).select();
      else sheet.getRange(addresses[0]).select();
      await context.sync();
    });
    const chosen = all.slice(0, addresses.length);
    return { rows: total, selectedRows: chosen.reduce((n, b) => n + b.last - b.first + 1, 0), blocks: chosen.length };
  };
  try {
    return await select(multi ? all.length : 1);
  } catch (error) {
    // An Excel that reports a newer set than it has: the first block, as below ExcelApi 1.9.
    const code = isOfficeError(error) ? error.code : (error as { problem?: { params?: { code?: unknown } } }).problem?.params?.code;
    if (multi && code === 'ApiNotFound') return select(1);
    throw error;
  }
}
