/** Shared data types of the engine. Nothing here knows about Office, files or React. */
import type { CellBox } from './address';

/** A cell as read from a sheet: Excel serial numbers for dates, numbers, text, booleans. */
export type RawCell = string | number | boolean | null | undefined;

/** A sheet as a rectangular grid of raw values; `rows[0][0]` is cell A1. */
export interface SheetGrid {
  name: string;
  rows: RawCell[][];
  /** Excel tables (ListObjects) on this sheet, with their A1 ranges including the header row. */
  tables: ExcelTableInfo[];
  /**
   * Number format codes as the host or the file gives them (`0%`, `yyyy-mm-dd`, `@`), laid out
   * like `rows`; a missing entry means General or unknown. A cell's format decides what its
   * number means (docs/scoring-rules.md section 2: a `%`-formatted 1 is 100 %, a date-formatted number is a date).
   */
  formats?: CellFormat[][];
  /** The workbook uses the 1904 date system (`workbookPr date1904`): serials count from 1904-01-01. */
  date1904?: boolean;
  /**
   * The sheet's merged areas (0-based boxes, as `rows`): a customer's name merged down over its
   * survey periods or follow-ups shows only in the area's first row (engine/merges.ts). Absent
   * when the host could not tell (an add-in below ExcelApi 1.13).
   */
  merges?: CellBox[];
}

/** A number format code; undefined or null for General / unknown. */
export type CellFormat = string | null | undefined;

export interface ExcelTableInfo {
  name: string;
  /** A1 range such as `B3:L20`, header row included (and the totals row, when it has one). */
  range: string;
  /** The table shows a totals row (its last row): not a customer. */
  totalsRow?: boolean;
}

/** The value types of docs/scoring-rules.md section 2. */
export type ValueType = 'money' | 'count' | 'rate' | 'duration' | 'score' | 'date' | 'category' | 'text';

/** A category label with the other ways users write it. */
export interface CategoryLabel {
  label: string;
  synonyms?: string[];
}

/** What the value parser made of one cell. It never throws. */
export type Parsed =
  | { kind: 'number'; value: number }
  | { kind: 'date'; serial: number }
  | { kind: 'category'; value: string }
  | { kind: 'text'; value: string }
  | { kind: 'missing'; address: string; text: string; reason: MissingReason };

/** blank: empty, `-`, `N/A`, `无`…; error: `#N/A`, `#DIV/0!`…; unreadable: text we could not read. */
export type MissingReason = 'blank' | 'error' | 'unreadable';
