/**
 * Cell contents and how Excel turns what `range.values = …` receives into them.
 *
 * Excel parses a string written through `values` like typed input unless the cell's
 * number format is Text (`@`): `'15'` becomes the number 15, `'95%'` 0.95 (format `0%`),
 * `'TRUE'` a boolean, `'2024-06-30'` a date serial (format `yyyy/m/d`), a leading
 * apostrophe keeps the rest as text, and `=…` (or `+`/`-` followed by something that is
 * not a number) becomes a formula. The emulator does not evaluate formulas: such a cell
 * reads back as `#NAME?` and the write is listed in `EmulatedExcel.warnings`.
 * `null` (and `undefined`) in an array leaves the cell unchanged, as in Excel.
 */

export interface FormulaCell {
  formula: string;
}

export type CellValue = string | number | boolean | FormulaCell;

/** What a write does to one cell. */
export type CellInput = { kind: 'skip' } | { kind: 'clear' } | { kind: 'set'; value: CellValue; numberFormat?: string };

export const GENERAL = 'General';

/** The value Excel reports for a cell (`''` when empty). */
export function outputValue(cell: CellValue | undefined): string | number | boolean {
  if (cell === undefined) return '';
  if (typeof cell === 'object') return '#NAME?';
  return cell;
}

export function valueType(cell: CellValue | undefined): string {
  if (cell === undefined) return 'Empty';
  if (typeof cell === 'object') return 'Error';
  if (typeof cell === 'number') return 'Double';
  if (typeof cell === 'boolean') return 'Boolean';
  return /^#(?:N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/.test(cell) ? 'Error' : 'String';
}

export function formulaText(cell: CellValue | undefined): string | number | boolean {
  if (cell === undefined) return '';
  return typeof cell === 'object' ? cell.formula : cell;
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const GROUPED = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PERCENT = /^([-+]?(?:\d+\.?\d*|\.\d+))%$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

/** Excel's reading of one written value; a value Excel cannot take is reported as `invalid`. */
export function parseInput(value: unknown, cellFormat: string | undefined, date1904 = false): CellInput | { kind: 'invalid'; reason: string } {
  if (value === null || value === undefined) return { kind: 'skip' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { kind: 'skip' }; // JSON turns NaN/Infinity into null: Excel leaves the cell
    return { kind: 'set', value: value === 0 ? 0 : value };
  }
  if (typeof value === 'boolean') return { kind: 'set', value };
  if (typeof value !== 'string') return { kind: 'invalid', reason: `${Object.prototype.toString.call(value)} is not a cell value` };
  if (value === '') return { kind: 'clear' };
  if (value.length > 32767) return { kind: 'invalid', reason: 'a cell holds at most 32,767 characters' };
  if (cellFormat === '@') return { kind: 'set', value };
  if (value.startsWith("'")) return value.length === 1 ? { kind: 'clear' } : { kind: 'set', value: value.slice(1) };
  const text = value.trim();
  if (NUMBER.test(text)) return { kind: 'set', value: Number(text) + 0 };
  if (GROUPED.test(text)) return { kind: 'set', value: Number(text.replace(/,/g, '')) + 0 };
  const percent = PERCENT.exec(text);
  if (percent) {
    const general = cellFormat === undefined || cellFormat === GENERAL;
    return { kind: 'set', value: Number(percent[1]) / 100, numberFormat: general ? (percent[1]!.includes('.') ? '0.00%' : '0%') : undefined };
  }
  if (/^(?:true|false)$/i.test(text)) return { kind: 'set', value: text.toLowerCase() === 'true' };
  const date = ISO_DATE.exec(text);
  if (date) {
    const serial = dateSerial(Number(date[1]), Number(date[2]), Number(date[3]), date1904);
    if (serial !== undefined) {
      const general = cellFormat === undefined || cellFormat === GENERAL;
      return { kind: 'set', value: serial, numberFormat: general ? 'yyyy/m/d' : undefined };
    }
  }
  if ((value.startsWith('=') && value.length > 1) || /^[+-]./.test(value))
    return { kind: 'set', value: { formula: value.startsWith('=') ? value : `=${value}` } };
  return { kind: 'set', value };
}

/** Days between the 1900 and the 1904 date systems' serial numbers of the same date. */
export const DAYS_1900_TO_1904 = 1462;

/**
 * The serial number of a calendar date in the workbook's date system (1900 by default, with
 * Excel's phantom 1900-02-29; 1904: days since 1904-01-01), or undefined when it is not a date
 * the system can hold.
 */
export function dateSerial(year: number, month: number, day: number, date1904 = false): number | undefined {
  if (year < (date1904 ? 1904 : 1900) || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const serial = (ms - Date.UTC(1899, 11, 30)) / 86_400_000;
  if (date1904) return serial - DAYS_1900_TO_1904;
  return serial < 61 ? serial - 1 : serial;
}

/** The text Excel keeps in a header cell for a value. */
export function headerText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}
