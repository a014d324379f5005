/**
 * Table finding inside a sheet's grid (docs/scoring-rules.md section 1, "Finding the header and the
 * rows"): Excel tables first (their totals row is not a customer), then blocks of cells
 * whose first row is a header row (a title row and blank rows above it are skipped). A
 * header may span two rows, merged group titles (价值维度 …) above the indicator names.
 * A plain block runs on past a single blank row and ends at two blank rows, at a row that
 * repeats its header or at a totals row; the customer-like rows it leaves out are kept on
 * the candidate so that the run can report them.
 *
 * The add-in finds candidates from a sheet's top rows only and makes them exact from the
 * full grid with `refineCandidate`; the `score` command finds them from the full grid. Both
 * end a block with the same function on the same facts (the candidate's header, groups and
 * the grid), so the two paths agree.
 */
import { formatRange, parseRange, type CellBox } from './address';
import { isBlankCell } from './blank';
import { headerMatchScore, MIN_MATCH } from './columns';
import { isManagedSheet } from './managed-sheets';
import { compact, foldWidth } from './text';
import type { CellFormat, RawCell, SheetGrid } from './types';

export interface TableCandidate {
  sheet: string;
  source: 'excel-table' | 'range';
  /** The Excel table's name, for `excel-table`. */
  name?: string;
  /**
   * Header row and data rows, 0-based inclusive. `lastRow === headerRow` means no data rows.
   * For a two-row header, `firstRow` is the lower row (the indicator names); for an Excel
   * table with a totals row, `lastRow` is the row above it.
   */
  box: CellBox;
  headers: string[];
  /**
   * The merged group title above each header (价值维度 over 近12个月交易额 …) when the header
   * spans two rows; '' where a column has none. Absent for one-row headers.
   */
  groups?: string[];
  /** The first data rows, for matching columns by their data (docs/scoring-rules.md section 1). */
  sample?: TableSample;
  /** A plain block that ended before rows that look like customers: those rows, and why. */
  skipped?: SkippedRows;
}

/** Why a plain block ended: two or more blank rows, a row repeating the header, a totals row. */
export type BlockEnd = 'blank-rows' | 'repeated-header' | 'totals-row';

/** Rows below a block's end that were not read: runs of consecutive 0-based sheet rows. */
export interface SkippedRows {
  reason: BlockEnd;
  rows: { firstRow: number; lastRow: number }[];
}

/** How many data rows of a table the column matcher looks at; the add-in reads as many in its scan. */
export const SAMPLE_ROWS = 50;

/** Data rows of a table as read, columns counted from the table's first column. */
export interface TableSample {
  values: RawCell[][];
  /** Number format codes, laid out like `values`, where the host or file gave them. */
  formats?: CellFormat[][];
}

/** The first SAMPLE_ROWS data rows of `box` in the sheet's grid (what of them the grid holds). */
export function sampleOf(sheet: SheetGrid, box: CellBox): TableSample {
  const values: RawCell[][] = [];
  const formats: CellFormat[][] = [];
  const last = Math.min(box.lastRow, box.firstRow + SAMPLE_ROWS);
  for (let r = box.firstRow + 1; r <= last; r++) {
    const row = sheet.rows[r] ?? [];
    const frow = sheet.formats?.[r] ?? [];
    const v: RawCell[] = [];
    const f: CellFormat[] = [];
    for (let c = box.firstCol; c <= box.lastCol; c++) {
      v.push(row[c] ?? null);
      f.push(frow[c] ?? null);
    }
    values.push(v);
    formats.push(f);
  }
  return sheet.formats ? { values, formats } : { values };
}

/** How far down a sheet to look for a header row. */
const HEADER_SCAN_ROWS = 60;

/** The notion of an empty cell (src/engine/blank.ts), under the name src/excel still imports. */
export { isBlankCell as isBlank } from './blank';

export function cellText(cell: RawCell): string {
  return isBlankCell(cell) ? '' : String(cell).trim();
}

/**
 * Every candidate table of the workbook. `knownHeaders` are all the synonyms the rules
 * and the known columns use; a row is a header row when at least two of its cells match.
 */
export function findTableCandidates(sheets: readonly SheetGrid[], knownHeaders: readonly string[]): TableCandidate[] {
  const out: TableCandidate[] = [];
  for (const sheet of sheets) {
    if (isManagedSheet(sheet.name)) continue;
    const covered = sheet.tables.map((t) => parseRange(t.range));
    for (const table of sheet.tables) {
      const range = parseRange(table.range);
      // The totals row (the table's last row) is not a customer: the candidate ends above it.
      const box = table.totalsRow && range.lastRow > range.firstRow ? { ...range, lastRow: range.lastRow - 1 } : range;
      const others = covered.filter((b) => b !== covered[sheet.tables.indexOf(table)]);
      const header = tableHeader(sheet.rows, box, others);
      out.push({ sheet: sheet.name, source: 'excel-table', name: table.name, box, ...header, sample: sampleOf(sheet, box) });
    }
    out.push(...findHeaderBlocks(sheet, covered, knownHeaders));
  }
  return out;
}

/** An Excel table's headers: its header row, with the group titles of a row of merged titles right above it. */
function tableHeader(rows: readonly RawCell[][], box: CellBox, covered: readonly CellBox[]): { headers: string[]; groups?: string[] } {
  const lower = visibleRow(rows, box.firstRow, box.firstCol, box.lastCol, covered);
  const upper = box.firstRow > 0 ? visibleRow(rows, box.firstRow - 1, box.firstCol, box.lastCol, covered) : undefined;
  const two = upper ? twoRowHeader(upper, lower) : undefined;
  if (two) return two;
  return { headers: lower.map(cellText) };
}

/** A row's cells over columns first..last, cells inside `covered` boxes read as blank. */
function visibleRow(rows: readonly RawCell[][], r: number, first: number, last: number, covered: readonly CellBox[]): RawCell[] {
  const row = rows[r] ?? [];
  const out: RawCell[] = [];
  for (let c = first; c <= last; c++) out.push(covered.some((b) => inside(b, r, c)) ? null : (row[c] ?? null));
  return out;
}

function inside(box: CellBox, row: number, col: number): boolean {
  return row >= box.firstRow && row <= box.lastRow && col >= box.firstCol && col <= box.lastCol;
}

/**
 * The two rows `upper` and `lower` (same columns) read as one header, or undefined when
 * `upper` is not a row of group titles. A column's header is its lower cell, or the upper
 * one where the lower is blank (a header merged vertically, such as 客户名称); a group
 * title (upper and lower both filled) covers its column and the blank upper cells to its
 * right (a merged title) until the next upper cell or a column without a header.
 *
 * A row of group titles holds only text, at least two cells, and at least one title that
 * spans two or more columns; besides it, another title or a vertically merged header; and
 * no `label：value` note. So a one-cell title row (客户评估表 2024), or a title with a note
 * (单位：万元) above a header, is not taken for group titles.
 */
function twoRowHeader(upper: readonly RawCell[], lower: readonly RawCell[]): { headers: string[]; groups: string[] } | undefined {
  const filled = upper.filter((c) => !isBlankCell(c));
  // Text only, and no `label：value` notes (单位：万元, 制表日期：…), which sit in title rows.
  if (filled.length < 2 || filled.some((c) => typeof c !== 'string' || /[:：]/.test(c))) return undefined;
  const headers: string[] = [];
  const groups: string[] = [];
  let titles = 0;
  let wide = 0;
  let vertical = 0;
  let open: { title: string; span: number } | undefined;
  for (let i = 0; i < lower.length; i++) {
    const up = cellText(upper[i]);
    const low = cellText(lower[i]);
    if (low === '') {
      // Above a blank lower cell: a header merged over both rows, or nothing.
      open = undefined;
      headers.push(up);
      groups.push('');
      if (up !== '') vertical++;
      continue;
    }
    headers.push(low);
    if (up !== '') {
      open = { title: up, span: 1 };
      titles++;
    } else if (open) {
      open.span++;
      if (open.span === 2) wide++;
    }
    groups.push(open?.title ?? '');
  }
  if (wide === 0 || (titles < 2 && vertical === 0)) return undefined;
  return { headers, groups };
}

/** The text cells of row `r` outside `covered`, and whether at least two of them name known columns. */
function isHeaderRow(sheet: SheetGrid, r: number, covered: readonly CellBox[], knownHeaders: readonly string[]): boolean {
  const row = sheet.rows[r] ?? [];
  let texts = 0;
  let matched = 0;
  row.forEach((cell, c) => {
    if (typeof cell !== 'string' || cell.trim() === '' || covered.some((b) => inside(b, r, c))) return;
    texts++;
    if (matched < 2 && headerMatchScore(cell, knownHeaders) >= MIN_MATCH) matched++;
  });
  return texts >= 2 && matched >= 2;
}

function findHeaderBlocks(sheet: SheetGrid, covered: readonly CellBox[], knownHeaders: readonly string[]): TableCandidate[] {
  const rows = sheet.rows;
  const blocks: TableCandidate[] = [];
  let r = 0;
  while (r < rows.length && r < HEADER_SCAN_ROWS + (blocks.at(-1)?.box.lastRow ?? 0)) {
    const block = headerBlockAt(sheet, r, r > 0 && (blocks.at(-1)?.box.lastRow ?? -1) < r - 1, covered, knownHeaders);
    if (block) {
      blocks.push(block);
      r = block.box.lastRow + 1;
    } else r++;
  }
  return blocks;
}

/**
 * A header block whose header starts at row `r`, or undefined when row `r` is not a header
 * row. The header is row `r` alone, or two rows: the group titles in the row above it (when
 * `mayLookUp`) or row `r` itself above a second header row.
 */
function headerBlockAt(
  sheet: SheetGrid,
  r: number,
  mayLookUp: boolean,
  covered: readonly CellBox[],
  knownHeaders: readonly string[],
): TableCandidate | undefined {
  if (!isHeaderRow(sheet, r, covered, knownHeaders)) return undefined;
  const pairs: [number, number][] = [];
  if (mayLookUp) pairs.push([r - 1, r]);
  if (isHeaderRow(sheet, r + 1, covered, knownHeaders)) pairs.push([r, r + 1]);
  for (const [upperRow, lowerRow] of pairs) {
    // The span of the two rows together: a vertically merged header shows only in the upper row.
    const width = Math.max(sheet.rows[upperRow]?.length ?? 0, sheet.rows[lowerRow]?.length ?? 0);
    const upper = visibleRow(sheet.rows, upperRow, 0, width - 1, covered);
    const lower = visibleRow(sheet.rows, lowerRow, 0, width - 1, covered);
    const span = spanOf(lower.map((cell, c) => (isBlankCell(cell) ? upper[c] : cell)));
    if (!span) continue;
    const two = twoRowHeader(upper.slice(span.first, span.last + 1), lower.slice(span.first, span.last + 1));
    if (two) return block(sheet, lowerRow, span.first, span.last, covered, two);
  }
  const span = spanOf(visibleRow(sheet.rows, r, 0, (sheet.rows[r]?.length ?? 0) - 1, covered));
  if (!span) return undefined;
  return block(sheet, r, span.first, span.last, covered, { headers: visibleRow(sheet.rows, r, span.first, span.last, covered).map(cellText) });
}

/** The header's columns: from the first text cell through the run of non-blank cells (a single blank gap is allowed). */
function spanOf(cells: readonly RawCell[]): { first: number; last: number } | undefined {
  const first = cells.findIndex((c) => typeof c === 'string' && c.trim() !== '');
  if (first < 0) return undefined;
  let last = first;
  for (let c = first + 1; c < cells.length; c++) {
    if (!isBlankCell(cells[c])) last = c;
    else if (c + 1 >= cells.length || isBlankCell(cells[c + 1])) break;
  }
  return { first, last };
}

function block(
  sheet: SheetGrid,
  headerRow: number,
  firstCol: number,
  lastCol: number,
  covered: readonly CellBox[],
  header: { headers: string[]; groups?: string[] },
): TableCandidate {
  const end = blockEnd(sheet.rows, headerRow, firstCol, lastCol, covered, header.headers, header.groups);
  const box = { firstRow: headerRow, firstCol, lastRow: end.lastRow, lastCol };
  return {
    sheet: sheet.name,
    source: 'range',
    box,
    ...header,
    sample: sampleOf(sheet, box),
    ...(end.skipped ? { skipped: end.skipped } : {}),
  };
}

/**
 * 合计 / 总计 / 小计 / Total / Grand total / Sum, and the average rows a survey or a score sheet
 * ends with (平均 / 平均值 / 均值 / 平均分 / Average / Mean), with spaces, a colon or a bracketed note.
 */
const TOTALS = /^(?:合计|總計|合計|总计|总合计|小计|小計|共计|total|totals|grandtotal|subtotal|sum|平均|平均值|平均分|总平均|均值|average|mean|avg)$/;

function isTotalsWord(cell: RawCell): boolean {
  // Most cells are not: rule them out before folding.
  if (
    typeof cell !== 'string' ||
    cell.length > 24 ||
    !/[计計均]|[tｔTＴ][oｏOＯ][tｔTＴ]|[sｓSＳ][uｕUＵ][mｍMＭ]|[aａAＡ][vｖVＶ]|[mｍMＭ][eｅEＥ][aａAＡ]/.test(cell)
  )
    return false;
  const word = foldWidth(cell)
    .replace(/[([【（][^)\]】）]*[)\]】）]?/g, '')
    .replace(/[\s:：]+/g, '')
    .toLowerCase();
  return TOTALS.test(word);
}

/** A cell that starts with a digit (a number, 3年, 98%, 2024-03-10): what data rows have and header rows do not. */
function startsWithDigit(cell: RawCell): boolean {
  return typeof cell === 'number' || (typeof cell === 'string' && /^\s*[-+]?[\d０-９]/.test(cell));
}

const compactText = (cell: RawCell): string => compact(cellText(cell));

/** What `blockEnd` needs of a row: its first two filled cells within the block and (scanned in full) their count. */
interface Filled {
  count: number;
  first: RawCell;
  second: RawCell;
  /** Some filled cell starts with a digit (only when the row was scanned in full). */
  digit: boolean;
}

/**
 * Where a plain block ends (docs/scoring-rules.md section 1): its last data row, and the customer-like
 * rows left below it. The block ends at
 * - a run of two or more blank rows;
 * - a row that repeats the header (its cells are the headers or the group titles);
 * - a totals row: 合计 / 总计 / 小计 / Total / Sum in the row's first or second filled cell
 *   (the key column, or the first column when 序号 is blank in that row);
 * - after a single blank row, a row that does not look like a customer row (a note such as
 *   制表人：张三, or the header of another table): fewer than half as many filled cells as the
 *   block's rows usually have, or no cell starting with a digit where its rows have some.
 * A single blank row followed by customer rows does not end it.
 */
function blockEnd(
  rows: readonly RawCell[][],
  headerRow: number,
  firstCol: number,
  lastCol: number,
  covered: readonly CellBox[],
  headers: readonly string[],
  groups: readonly string[] | undefined,
): { lastRow: number; skipped?: SkippedRows } {
  const headerWords = headers.map((h, i) => new Set([compactText(h), compactText(groups?.[i] ?? '')].filter((w) => w !== '')));
  const longestWord = Math.max(0, ...headerWords.flatMap((set) => [...set].map((w) => w.length)));
  const coveredHere = covered.filter((b) => b.lastCol >= firstCol && b.firstCol <= lastCol);
  const counts: number[] = [];
  let digits = false;
  let typical = 0;

  const filledAt = (row: readonly RawCell[], r: number, c: number): boolean =>
    !isBlankCell(row[c]) && (coveredHere.length === 0 || !coveredHere.some((b) => inside(b, r, c)));
  /**
   * A row's filled cells within the block: the first two, and (with `full`) how many and
   * whether one starts with a digit. Without `full` it stops at the second filled cell:
   * most rows need no more.
   */
  const scan = (r: number, full: boolean): Filled => {
    const row = rows[r];
    const out: Filled = { count: 0, first: null, second: null, digit: false };
    if (!row) return out;
    for (let c = firstCol; c <= lastCol; c++) {
      if (!filledAt(row, r, c)) continue;
      const cell = row[c];
      if (out.count === 0) out.first = cell;
      else if (out.count === 1) out.second = cell;
      out.count++;
      if (!full && out.count === 2) break;
      if (full && !out.digit) out.digit = startsWithDigit(cell);
    }
    return out;
  };
  const isHeaderWord = (cell: RawCell, c: number): boolean => {
    const words = headerWords[c - firstCol]!;
    if (words.size === 0) return false;
    if (typeof cell === 'number') return words.has(String(cell));
    // Text far longer than any header word cannot fold to one: no folding needed.
    if (typeof cell === 'string' && cell.length > 2 * longestWord + 8) return false;
    return words.has(compactText(cell));
  };
  /** The row repeats the header: its first two filled cells are headers (or group titles) of their columns, and four in five of all. */
  const repeatsHeader = (r: number): boolean => {
    const row = rows[r] ?? [];
    let filled = 0;
    let same = 0;
    for (let c = firstCol; c <= lastCol; c++) {
      if (!filledAt(row, r, c)) continue;
      filled++;
      if (isHeaderWord(row[c], c)) same++;
      else if (filled <= 2) return false;
    }
    return same >= 2 && same >= 0.8 * filled;
  };
  const isTotals = (filled: Filled): boolean => isTotalsWord(filled.first) || isTotalsWord(filled.second);
  const looksLikeCustomer = (filled: Filled): boolean => filled.count >= Math.max(2, Math.ceil(typical / 2)) && (!digits || filled.digit);

  let lastRow = headerRow;
  let blanks = 0;
  let end: { reason: BlockEnd; row: number } | undefined;
  for (let r = headerRow + 1; r < rows.length; r++) {
    const filled = scan(r, !digits || blanks > 0 || counts.length < SAMPLE_ROWS);
    if (filled.count === 0) {
      if (++blanks >= 2) {
        end = { reason: 'blank-rows', row: r + 1 };
        break;
      }
      continue;
    }
    if (repeatsHeader(r)) {
      end = { reason: 'repeated-header', row: r };
      break;
    }
    if (isTotals(filled)) {
      end = { reason: 'totals-row', row: r };
      break;
    }
    if (blanks > 0 && !looksLikeCustomer(filled)) break;
    blanks = 0;
    lastRow = r;
    if (counts.length < SAMPLE_ROWS) {
      counts.push(filled.count);
      typical = [...counts].sort((a, b) => a - b)[Math.floor(counts.length / 2)]!;
    }
    digits ||= filled.digit;
  }
  if (!end) return { lastRow };

  // The rows left out: the row that ended the block (a repeated header, a totals row) and
  // the customer-like rows after it, up to the next run of two blank rows. Below blank
  // rows, only a stretch that starts like customer rows counts (not another table or a note).
  const skipped: number[] = [];
  let r = end.row;
  if (end.reason === 'blank-rows') {
    while (r < rows.length && scan(r, false).count === 0) r++;
    if (r >= rows.length) return { lastRow };
    const first = scan(r, true);
    if (repeatsHeader(r) || !looksLikeCustomer(first)) return { lastRow };
  } else {
    skipped.push(r++);
  }
  for (blanks = 0; r < rows.length && blanks < 2; r++) {
    const filled = scan(r, true);
    if (filled.count === 0) {
      blanks++;
      continue;
    }
    blanks = 0;
    if (repeatsHeader(r) || isTotals(filled) || looksLikeCustomer(filled)) skipped.push(r);
  }
  if (skipped.length === 0) return { lastRow };
  const runs: SkippedRows['rows'] = [];
  for (const row of skipped) {
    const last = runs.at(-1);
    if (last && last.lastRow === row - 1) last.lastRow = row;
    else runs.push({ firstRow: row, lastRow: row });
  }
  return { lastRow, skipped: { reason: end.reason, rows: runs } };
}

/**
 * A candidate found from a sheet's top rows only, made exact from the full grid: a header
 * block ends as `blockEnd` says. Excel tables keep their range.
 */
export function refineCandidate(sheet: SheetGrid, candidate: TableCandidate): TableCandidate {
  if (candidate.source === 'excel-table') return candidate;
  const covered = sheet.tables.map((t) => parseRange(t.range));
  const { firstRow, firstCol, lastCol } = candidate.box;
  const end = blockEnd(sheet.rows, firstRow, firstCol, lastCol, covered, candidate.headers, candidate.groups);
  const box = { ...candidate.box, lastRow: end.lastRow };
  const { skipped: _, ...rest } = candidate;
  return { ...rest, box, sample: sampleOf(sheet, box), ...(end.skipped ? { skipped: end.skipped } : {}) };
}

/** `'客户评估'!A3:M13` for messages and reports. */
export function describeCandidate(t: TableCandidate): string {
  return `${t.sheet}!${formatRange(t.box)}`;
}
