/**
 * The managed columns of DOMAIN.md section 6: where they go (updated in place when an
 * earlier run left them, in either language; otherwise added right of the table) and what
 * each customer's cells say. Every managed column present in the table is refreshed on every
 * run, asked for or not: a 得分说明 left by an earlier run never stays beside a new score.
 * Shared by the `score` command and the add-in.
 */
import { describeBand, describeFlag, formatValue, indicatorLabel, indicatorOf, managedHeader, tierLabel } from '../i18n/scoring';
import type { Language } from '../i18n/strings';
import { cellAddress, formatRange } from './address';
import { MANAGED_COLUMN_IDS, type ManagedColumnId } from './columns';
import { ScoringError } from './errors';
import type { CustomerResult, ScoringRun } from './run';
import { isBlankCell } from './blank';
import type { RawCell } from './types';

export type ManagedCell = string | number | null;

export interface ManagedColumnPlan {
  id: ManagedColumnId;
  /** 0-based sheet column. */
  column: number;
  header: string;
  /** False when an earlier run's column is updated in place. */
  added: boolean;
  numberFormat?: string;
}

export interface ManagedWrite {
  sheet: string;
  headerRow: number;
  columns: ManagedColumnPlan[];
  /** Per customer: its 0-based row and its cells, in the order of `columns`, and the tier colour. */
  rows: { row: number; cells: ManagedCell[]; tierColor: string }[];
  /** The table's range after the new columns, when it is an Excel table that grows. */
  tableRange?: { name: string; range: string };
  /** Each tier's label as written in the tier column, and its colour (RRGGBB). */
  tiers: { label: string; color: string }[];
}

export const DEFAULT_MANAGED: readonly ManagedColumnId[] = ['score', 'tier', 'flags'];

/**
 * Where each managed column goes: the ones asked for, then every other managed column the
 * table already has (refreshed in place). Refuses when a new column would land on cells that
 * hold data.
 */
export function planManagedColumns(run: ScoringRun, grid: readonly RawCell[][], lang: Language, wanted: readonly ManagedColumnId[] = DEFAULT_MANAGED): ManagedColumnPlan[] {
  const { table, managed } = run.evaluation;
  let next = table.box.lastCol + 1;
  const present = MANAGED_COLUMN_IDS.filter((id) => managed[id] && !wanted.includes(id));
  const plans = [...wanted, ...present].map((id): ManagedColumnPlan => {
    const existing = managed[id];
    const base = id === 'score' ? { numberFormat: '0.0' } : {};
    if (existing) return { id, column: existing.column, header: existing.header, added: false, ...base };
    return { id, column: next++, header: managedHeader(id, lang), added: true, ...base };
  });
  const occupied: string[] = [];
  for (const plan of plans.filter((p) => p.added)) {
    for (let r = table.box.firstRow; r <= table.box.lastRow; r++) {
      if (!isBlankCell(grid[r]?.[plan.column])) occupied.push(cellAddress(table.sheet, r, plan.column));
    }
  }
  if (occupied.length > 0) {
    const shown = occupied.slice(0, 3).join(', ') + (occupied.length > 3 ? ` (+${occupied.length - 3})` : '');
    throw new ScoringError('columns-occupied', { cells: shown });
  }
  return plans;
}

export function managedCell(id: ManagedColumnId, customer: CustomerResult, run: ScoringRun, lang: Language): ManagedCell {
  const zh = lang === 'zh-CN';
  switch (id) {
    case 'score': return customer.score;
    case 'tier': return tierLabel(customer.tier, lang);
    case 'flags': return customer.flags.map((f) => describeFlag(f, run.rules, lang)).join(zh ? '；' : '; ') || null;
    case 'previousTier': return customer.previousTier ? tierLabel(customer.previousTier, lang) : null;
    case 'breakdown': return describeBreakdown(customer, run, lang);
  }
}

/** `合作时长 3年 → ≥2年 30/30分 (+7.1)；…`: every indicator's value, band, points and contribution. */
export function describeBreakdown(customer: CustomerResult, run: ScoringRun, lang: Language): string {
  const zh = lang === 'zh-CN';
  const parts = customer.indicators.map((r) => {
    const ind = indicatorOf(run.rules, r.indicator)!;
    const sign = r.contribution >= 0 ? '+' : '−';
    const points = zh ? `${r.points}/${r.maxPoints}分` : `${r.points}/${r.maxPoints} pts`;
    return `${indicatorLabel(run.rules, r.indicator, lang)} ${formatValue(r.value, ind, lang)} → ${describeBand(r.band, ind, lang)} ${points} (${sign}${Math.abs(r.contribution).toFixed(1)})`;
  });
  const head = customer.overridden
    ? (zh ? `人工调整为${tierLabel(customer.tier, lang)}（计算等级${tierLabel(customer.computedTier, lang)}）；` : `Overridden to ${tierLabel(customer.tier, lang)} (computed ${tierLabel(customer.computedTier, lang)}); `)
    : '';
  return head + parts.join(zh ? '；' : '; ');
}

export function buildManagedWrite(run: ScoringRun, grid: readonly RawCell[][], lang: Language, wanted: readonly ManagedColumnId[] = DEFAULT_MANAGED): ManagedWrite {
  const columns = planManagedColumns(run, grid, lang, wanted);
  const { table } = run.evaluation;
  const rows = run.customers.map((c) => ({ row: c.row, cells: columns.map((p) => managedCell(p.id, c, run, lang)), tierColor: c.tier.color }));
  const lastCol = Math.max(table.box.lastCol, ...columns.map((c) => c.column));
  const tiers = run.rules.tiers.map((t) => ({ label: tierLabel(t, lang), color: t.color }));
  const write: ManagedWrite = { sheet: table.sheet, headerRow: table.box.firstRow, columns, rows, tiers };
  if (table.source === 'excel-table' && table.name && lastCol > table.box.lastCol) {
    write.tableRange = { name: table.name, range: formatRange({ ...table.box, lastCol }) };
  }
  return write;
}
