/**
 * Table finding inside a sheet's grid: Excel tables first, then blocks of cells whose
 * first row is a header row (a title row and blank rows above it are skipped).
 */
import { formatRange, parseRange, type CellBox } from './address';
import { headerMatchScore, MIN_MATCH } from './columns';
import { isManagedSheet } from './managed-sheets';
import type { CellFormat, RawCell, SheetGrid } from './types';

export interface TableCandidate {
  sheet: string;
  source: 'excel-table' | 'range';
  /** The Excel table's name, for `excel-table`. */
  name?: string;
  /** Header row and data rows, 0-based inclusive. `lastRow === headerRow` means no data rows. */
  box: CellBox;
  headers: string[];
  /**
   * The merged group title above each header (价值维度 over 近12个月交易额 …) when the header
   * spans two rows; '' where a column has none. Absent for one-row headers.
   */
  groups?: string[];
  /** The first data rows, for matching columns by their data (DOMAIN.md section 1). */
  sample?: TableSample;
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

export function isBlank(cell: RawCell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

export function cellText(cell: RawCell): string {
  return isBlank(cell) ? '' : String(cell).trim();
}

/**
 * Every candidate table of the workbook. `knownHeaders` are all the synonyms the rules
 * and the known columns use; a row is a header row when at least two of its cells match.
 */
export function findTableCandidates(sheets: readonly SheetGrid[], knownHeaders: readonly string[]): TableCandidate[] {
  const out: TableCandidate[] = [];
  for (const sheet of sheets) {
    if (isManagedSheet(sheet.name)) continue;
    const covered: CellBox[] = [];
    for (const table of sheet.tables) {
      const box = parseRange(table.range);
      covered.push(box);
      out.push({ sheet: sheet.name, source: 'excel-table', name: table.name, box, headers: headersOf(sheet.rows, box), sample: sampleOf(sheet, box) });
    }
    out.push(...findHeaderBlocks(sheet, covered, knownHeaders));
  }
  return out;
}

function headersOf(rows: readonly RawCell[][], box: CellBox): string[] {
  const row = rows[box.firstRow] ?? [];
  const headers: string[] = [];
  for (let c = box.firstCol; c <= box.lastCol; c++) headers.push(cellText(row[c]));
  return headers;
}

function inside(box: CellBox, row: number, col: number): boolean {
  return row >= box.firstRow && row <= box.lastRow && col >= box.firstCol && col <= box.lastCol;
}

function findHeaderBlocks(sheet: SheetGrid, covered: readonly CellBox[], knownHeaders: readonly string[]): TableCandidate[] {
  const rows = sheet.rows;
  const blocks: TableCandidate[] = [];
  let r = 0;
  while (r < rows.length && r < HEADER_SCAN_ROWS + (blocks.at(-1)?.box.lastRow ?? 0)) {
    const block = headerBlockAt(sheet, r, covered, knownHeaders);
    if (block) {
      blocks.push(block);
      r = block.box.lastRow + 1;
    } else r++;
  }
  return blocks;
}

/** A header block starting at row `r`, or undefined when row `r` is not a header row. */
function headerBlockAt(sheet: SheetGrid, r: number, covered: readonly CellBox[], knownHeaders: readonly string[]): TableCandidate | undefined {
  const row = sheet.rows[r] ?? [];
  const textCols: number[] = [];
  row.forEach((cell, c) => {
    if (typeof cell === 'string' && cell.trim() !== '' && !covered.some((b) => inside(b, r, c))) textCols.push(c);
  });
  if (textCols.length < 2) return undefined;
  const matched = textCols.filter((c) => headerMatchScore(String(row[c]), knownHeaders) >= MIN_MATCH).length;
  if (matched < 2) return undefined;
  // The header spans the run of non-blank cells around the matched ones (a single blank gap is allowed).
  const firstCol = textCols[0]!;
  let lastCol = firstCol;
  for (let c = firstCol + 1; c < row.length; c++) {
    if (!isBlank(row[c]) && !covered.some((b) => inside(b, r, c))) lastCol = c;
    else if (isBlank(row[c + 1]) || c + 1 >= row.length) break;
  }
  const lastRow = blockLastRow(sheet.rows, r, firstCol, lastCol, covered);
  const box = { firstRow: r, firstCol, lastRow, lastCol };
  return { sheet: sheet.name, source: 'range', box, headers: headersOf(sheet.rows, box), sample: sampleOf(sheet, box) };
}

/** The last row of a header block: the row before the first row blank across the block's columns. */
function blockLastRow(rows: readonly RawCell[][], headerRow: number, firstCol: number, lastCol: number, covered: readonly CellBox[]): number {
  let lastRow = headerRow;
  for (let rr = headerRow + 1; rr < rows.length; rr++) {
    const data = rows[rr] ?? [];
    let any = false;
    for (let c = firstCol; c <= lastCol; c++) {
      if (covered.some((b) => inside(b, rr, c))) break;
      if (!isBlank(data[c])) { any = true; break; }
    }
    if (!any) break;
    lastRow = rr;
  }
  return lastRow;
}

/**
 * A candidate found from a sheet's top rows only, made exact from the full grid: a header
 * block ends at its first blank row. Excel tables keep their range.
 */
export function refineCandidate(sheet: SheetGrid, candidate: TableCandidate): TableCandidate {
  if (candidate.source === 'excel-table') return candidate;
  const covered = sheet.tables.map((t) => parseRange(t.range));
  const { firstRow, firstCol, lastCol } = candidate.box;
  const box = { ...candidate.box, lastRow: blockLastRow(sheet.rows, firstRow, firstCol, lastCol, covered) };
  return { ...candidate, box, sample: sampleOf(sheet, box) };
}

/** `'客户评估'!A3:M13` for messages and reports. */
export function describeCandidate(t: TableCandidate): string {
  return `${t.sheet}!${formatRange(t.box)}`;
}
