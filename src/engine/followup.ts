/**
 * Follow-up log analysis with an as-of date (docs/scoring-rules.md section 7): last contact, open and
 * overdue items. 实际完成时间 is read as a date (docs/scoring-rules.md section 2): an item is done as of
 * the as-of date only when it was completed on or before it.
 */
import { cellAddress, type CellBox } from './address';
import type { FollowUpMapping } from './mapping';
import { parseCell } from './parse';
import { isBlankCell } from './blank';
import { cellText } from './tables';
import { keyReader } from './merges';
import { compact, normaliseKey } from './text';
import type { RawCell } from './types';

export interface FollowUpSummary {
  /** Rows of the log for this customer. */
  rows: number;
  /** Latest follow-up date on or before the as-of date (Excel serial). */
  lastDate?: number;
  /** Items with a due date or an open issue and no completion date. */
  open: number;
  /** Open items whose due date is before the as-of date. */
  overdue: number;
  earliestOverdue?: number;
}

export interface UnreadableDate {
  address: string;
  text: string;
}

/** One customer of the log: the key as first written, the log's rows for it, and what they say. */
export interface FollowUpEntry {
  key: string;
  rows: number[];
  summary: FollowUpSummary;
}

export interface FollowUpAnalysis {
  /** Per normalised key, in order of first appearance (one map: a log of 200,000 rows is looked up once per row). */
  byKey: Map<string, FollowUpEntry>;
  unreadable: UnreadableDate[];
}

/** What a completion cell says without a date: done (已完成) or not yet (未完成). Compared in compact form. */
const DONE_WORDS = new Set([
  '已完成',
  '完成',
  '已解决',
  '已处理',
  '已办结',
  '已关闭',
  '已闭环',
  '是',
  '√',
  '✓',
  '✔',
  'done',
  'completed',
  'finished',
  'closed',
  'resolved',
  'yes',
  'true',
]);
const NOT_DONE_WORDS = new Set([
  '未完成',
  '未解决',
  '未处理',
  '待完成',
  '待处理',
  '待解决',
  '处理中',
  '进行中',
  '跟进中',
  '待定',
  '未',
  '否',
  '×',
  '✗',
  'notdone',
  'pending',
  'open',
  'inprogress',
  'ongoing',
  'tbd',
  'no',
  'false',
]);

export interface FollowUpOptions {
  /** The log's workbook counts dates in the 1904 system. */
  date1904?: boolean;
  /** The sheet's merged areas (SheetGrid.merges). */
  merges?: readonly CellBox[];
}

export function analyseFollowUps(rows: readonly RawCell[][], mapping: FollowUpMapping, asOf: number, options: FollowUpOptions = {}): FollowUpAnalysis {
  const date1904 = options.date1904 === true;
  const { table, key, fields } = mapping;
  const sheet = table.sheet;
  const byKey = new Map<string, FollowUpEntry>();
  // A customer merged down over its follow-ups shows only in the first row (merges.ts).
  const keyAt = keyReader(rows, options.merges);
  const unreadable: UnreadableDate[] = [];
  const reading = { address: '', date1904 };
  const dateAt = (row: number, col: number | undefined): number | undefined => {
    if (col === undefined) return undefined;
    const raw = rows[row]?.[col];
    if (raw === null || raw === undefined) return undefined;
    const parsed = parseCell(raw, 'date', reading);
    if (parsed.kind === 'date') return parsed.serial;
    // The address is worked out only for a date that could not be read (most cells read).
    if (parsed.kind === 'missing' && parsed.reason !== 'blank') unreadable.push({ address: cellAddress(sheet, row, col), text: parsed.text });
    return undefined;
  };
  /** Whether the item was done as of the as-of date: a completion date on or before it, or a word saying it is done. */
  const doneAt = (row: number, col: number | undefined): boolean => {
    if (col === undefined) return false;
    const word = compact(cellText(rows[row]?.[col]));
    if (DONE_WORDS.has(word)) return true;
    if (NOT_DONE_WORDS.has(word)) return false;
    const completed = dateAt(row, col); // unreadable text is reported, and the item counts as not done
    return completed !== undefined && completed <= asOf;
  };
  for (let r = table.box.firstRow + 1; r <= table.box.lastRow; r++) {
    const keyText = cellText(keyAt(r, key.column));
    if (!keyText) continue;
    const norm = normaliseKey(keyText);
    let entry = byKey.get(norm);
    if (entry) entry.rows.push(r);
    else byKey.set(norm, (entry = { key: keyText, rows: [r], summary: { rows: 0, open: 0, overdue: 0 } }));
    const summary = entry.summary;
    summary.rows++;
    const date = dateAt(r, fields.date?.column);
    if (date !== undefined && date <= asOf && (summary.lastDate === undefined || date > summary.lastDate)) summary.lastDate = date;
    const due = dateAt(r, fields.due?.column);
    const done = doneAt(r, fields.done?.column);
    const hasOpenIssue =
      fields.openIssue !== undefined &&
      !isBlankCell(rows[r]?.[fields.openIssue.column]) &&
      !/^(无|没有|none|n\/a|-)$/i.test(cellText(rows[r]?.[fields.openIssue.column]));
    if (!done && (due !== undefined || hasOpenIssue)) {
      summary.open++;
      if (due !== undefined && due < asOf) {
        summary.overdue++;
        if (summary.earliestOverdue === undefined || due < summary.earliestOverdue) summary.earliestOverdue = due;
      }
    }
  }
  return { byKey, unreadable };
}
