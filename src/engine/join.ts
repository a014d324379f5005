/**
 * Customers are joined across tables by key (docs/scoring-rules.md section 1): 客户名称 or 客户编号,
 * normalised. Two tables that key their customers by different kinds still join when one of
 * them has the other's kind of column too.
 */
import { keyColumnOfKind, type MappedColumn } from './mapping';
import { cellText, type TableCandidate } from './tables';
import { normaliseKey } from './text';
import type { SheetGrid } from './types';

/**
 * How a table that names its customers by the other kind of key (客户编号 where the customer
 * table has 客户名称, or the reverse) joins the customer table (docs/scoring-rules.md section 1):
 * its own column of the customer table's kind when it has one (`key`); else the customer
 * table's column of its kind (`join`, and `translate`: that column's keys → the customer
 * table's own); else `unmatched`.
 */
export function joinKeys(
  homeSheet: SheetGrid,
  home: { table: TableCandidate; key: MappedColumn & { kind: 'name' | 'id' } },
  table: TableCandidate,
  key: MappedColumn & { kind: 'name' | 'id' },
): { key?: MappedColumn & { kind: 'name' | 'id' }; join?: MappedColumn; translate?: Map<string, string>; unmatched?: true } {
  const homeKind = home.key.kind;
  if (homeKind === key.kind) return {};
  const own = keyColumnOfKind(table, homeKind);
  if (own) return { key: own };
  const join = keyColumnOfKind(home.table, key.kind);
  if (!join) return { unmatched: true };
  const grid = homeSheet.rows;
  const translate = new Map<string, string>();
  for (let r = home.table.box.firstRow + 1; r <= home.table.box.lastRow; r++) {
    const other = cellText(grid[r]?.[join.column]);
    const mine = cellText(grid[r]?.[home.key.column]);
    if (other && mine && !translate.has(normaliseKey(other))) translate.set(normaliseKey(other), mine);
  }
  return { join, translate };
}
