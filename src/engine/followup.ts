/** Follow-up log analysis with an as-of date (DOMAIN.md section 5): last contact, open and overdue items. */
import { cellAddress } from './address';
import type { FollowUpMapping } from './mapping';
import { parseCell } from './parse';
import { cellText, isBlank } from './tables';
import { normaliseKey } from './text';
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

export interface FollowUpAnalysis {
  byKey: Map<string, FollowUpSummary>;
  /** The key as first written, per normalised key, in order of first appearance. */
  keys: Map<string, { key: string; rows: number[] }>;
  unreadable: UnreadableDate[];
}

export function analyseFollowUps(rows: readonly RawCell[][], mapping: FollowUpMapping, asOf: number): FollowUpAnalysis {
  const { table, key, fields } = mapping;
  const sheet = table.sheet;
  const byKey = new Map<string, FollowUpSummary>();
  const keys = new Map<string, { key: string; rows: number[] }>();
  const unreadable: UnreadableDate[] = [];
  const dateAt = (row: number, col: number | undefined): number | undefined => {
    if (col === undefined) return undefined;
    const raw = rows[row]?.[col];
    const parsed = parseCell(raw, 'date', { address: cellAddress(sheet, row, col) });
    if (parsed.kind === 'date') return parsed.serial;
    if (parsed.kind === 'missing' && parsed.reason !== 'blank') unreadable.push({ address: parsed.address, text: parsed.text });
    return undefined;
  };
  for (let r = table.box.firstRow + 1; r <= table.box.lastRow; r++) {
    const keyText = cellText(rows[r]?.[key.column]);
    if (!keyText) continue;
    const norm = normaliseKey(keyText);
    const seen = keys.get(norm) ?? { key: keyText, rows: [] };
    seen.rows.push(r);
    keys.set(norm, seen);
    const summary = byKey.get(norm) ?? { rows: 0, open: 0, overdue: 0 };
    summary.rows++;
    const date = dateAt(r, fields.date?.column);
    if (date !== undefined && date <= asOf && (summary.lastDate === undefined || date > summary.lastDate)) summary.lastDate = date;
    const due = dateAt(r, fields.due?.column);
    const doneCell = fields.done ? rows[r]?.[fields.done.column] : undefined;
    const done = !isBlank(doneCell);
    const hasOpenIssue = fields.openIssue !== undefined && !isBlank(rows[r]?.[fields.openIssue.column]) && !/^(无|没有|none|n\/a|-)$/i.test(cellText(rows[r]?.[fields.openIssue.column]));
    if (!done && (due !== undefined || hasOpenIssue)) {
      summary.open++;
      if (due !== undefined && due < asOf) {
        summary.overdue++;
        if (summary.earliestOverdue === undefined || due < summary.earliestOverdue) summary.earliestOverdue = due;
      }
    }
    byKey.set(norm, summary);
  }
  return { byKey, keys, unreadable };
}
