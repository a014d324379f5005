/**
 * What "blank" means, in one place. A cell is blank at three depths, and each question the
 * engine asks needs one of them, never another:
 *
 * - `isBlankCell(cell)`: the cell holds nothing (no value, or only spaces). Where a table's
 *   header or block ends, whether a row has data, whether a new column would land on data:
 *   a cell holding `-` or `无` is not empty there, it is written over by nobody.
 * - `isBlankText(text)`: the text is one of the ways people write "no value" (`-`, `N/A`,
 *   `无`, `暂无` or nothing at all, docs/scoring-rules.md section 2): such a cell reads as missing, reason
 *   'blank', not as an unreadable value.
 * - `isBlankReading(parsed)`: a parsed cell that says nothing about which role its column
 *   plays: blank, or an Excel error (`#N/A`). An unreadable text is not blank there: it is
 *   evidence that the column holds something else.
 *
 * Each is the one before it, seen later in the reading: an empty cell's text is a blank
 * spelling, and a blank spelling parses to a blank reading.
 */
import type { Parsed, RawCell } from './types';

export function isBlankCell(cell: RawCell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** Spellings of "nothing here", compared after width folding, trimming and lower-casing. */
const BLANK_SPELLINGS = new Set(['', '-', '--', '—', '——', '–', '/', 'n/a', 'na', '无', '空', '暂无']);

/** The longest blank spelling has three characters: longer texts are not looked up. */
const LONGEST_SPELLING = Math.max(...[...BLANK_SPELLINGS].map((b) => b.length));

/** `text` folded to half-width and trimmed (as the parser holds it) is a spelling of "no value". */
export function isBlankText(text: string): boolean {
  return text.length <= LONGEST_SPELLING && BLANK_SPELLINGS.has(text.toLowerCase());
}

export function isBlankReading(parsed: Parsed): boolean {
  return parsed.kind === 'missing' && parsed.reason !== 'unreadable';
}
