/**
 * What the charts show (docs/scoring-rules.md section 8): the tier averages of each dimension (or of
 * each indicator when the rules have no dimensions), 0..100, for the radar chart, and the
 * customers per tier for the bar chart; and, for the service survey and RFM, the data of
 * their charts (below). Pure data: the add-in and the `score` command's chart writers lay
 * them out and name them in a language.
 */
import type { AnalysesRun } from './analyses';
import { isWrittenColumn } from './columns';
import type { RfmRun } from './rfm';
import { roundScore } from './round';
import type { RuleSet, SegmentRule, TierRule } from './rules';
import type { CustomerResult, ScoringRun } from './run';
import type { ServiceRun } from './service';
import { cellText, type TableCandidate } from './tables';
import { conceptsOf } from './lexicon';
import { keyColumnOfKind } from './mapping';
import { compact, headerStem, normaliseKey } from './text';
import type { SheetGrid } from './types';

export interface RadarSummary {
  /** What the radar's axes are. */
  axis: 'dimension' | 'indicator';
  /** Axis ids, in rule order. */
  axes: { id: string; label: { zh: string; en: string } }[];
  /** One series per tier: its customers' average on each axis; null when the tier has none. */
  series: { tier: TierRule; values: (number | null)[] }[];
}

export interface TierCounts {
  tiers: { tier: TierRule; customers: number }[];
}

/** A customer's score on each axis: the |weight|-weighted mean of its indicators' scores. */
function axisScores(rules: RuleSet, customer: CustomerResult, axis: RadarSummary['axis'], axes: RadarSummary['axes']): (number | null)[] {
  return axes.map(({ id }) => {
    let sum = 0;
    let weight = 0;
    for (const r of customer.indicators) {
      if (!r.included) continue;
      const indicator = rules.indicators.find((i) => i.id === r.indicator)!;
      if ((axis === 'dimension' ? indicator.dimension : indicator.id) !== id) continue;
      sum += Math.abs(r.weight) * r.score;
      weight += Math.abs(r.weight);
    }
    return weight > 0 ? sum / weight : null;
  });
}

export function radarSummary(run: ScoringRun): RadarSummary {
  const { rules } = run;
  const used = new Set(rules.indicators.map((i) => i.dimension).filter((d): d is string => d !== undefined));
  const dimensions = rules.dimensions.filter((d) => used.has(d.id));
  const axis: RadarSummary['axis'] = dimensions.length >= 3 ? 'dimension' : 'indicator';
  const axes = axis === 'dimension' ? dimensions.map((d) => ({ id: d.id, label: d.label })) : rules.indicators.map((i) => ({ id: i.id, label: i.label }));
  const series = rules.tiers.map((tier) => {
    const members = run.customers.filter((c) => c.tier.id === tier.id).map((c) => axisScores(rules, c, axis, axes));
    const values = axes.map((_, a) => {
      const present = members.map((m) => m[a]).filter((v): v is number => v !== null && v !== undefined);
      return present.length ? roundScore(present.reduce((s, v) => s + v, 0) / present.length) : null;
    });
    return { tier, values };
  });
  return { axis, axes, series };
}

export function tierCounts(run: ScoringRun): TierCounts {
  return { tiers: run.rules.tiers.map((tier) => ({ tier, customers: run.summary.tiers[tier.id] ?? 0 })) };
}

// ---------------------------------------------------------------------------------------------
// The service survey and RFM (docs/scoring-rules.md section 6; seeds 001 and 003): a radar of the service
// dimensions' means (over all customers, and per tier where the scoring gives tiers), a bar of
// promoters / passives / detractors, a bar of customers per RFM segment, and the dimensions'
// means per group of customers (行业, 规模, or any category column) with one series per group.

/** How the service radar's values read: each dimension's mean on the scale they share, or per cent of each one's maximum. */
export interface ServiceAxes {
  axes: { id: string; label: { zh: string; en: string } }[];
  /** The largest value an axis can take: the shared scale's maximum (5, 10), or 100 when the scales differ. */
  max: number;
  /** True when the values are per cent of each dimension's maximum (the dimensions' scales differ). */
  percent: boolean;
}

export interface ServiceRadar extends ServiceAxes {
  /** The overall series first (`tier` null), then one per tier with survey customers, in the rules' order. */
  series: { tier: TierRule | null; customers: number; values: (number | null)[] }[];
}

function serviceAxes(service: ServiceRun): ServiceAxes {
  const maxima = new Set(service.dimensions.map((d) => d.scale.max));
  const percent = maxima.size > 1;
  return {
    axes: service.dimensions.map((d) => ({ id: d.id, label: d.label })),
    max: percent ? 100 : (service.dimensions[0]?.scale.max ?? 5),
    percent,
  };
}

/** The mean of the customers' means of each dimension, two decimals (or per cent of its maximum). */
function dimensionMeans(service: ServiceRun, customers: readonly ServiceRun['customers'][number][], percent: boolean): (number | null)[] {
  return service.dimensions.map((d, i) => {
    const present = customers.map((c) => c.means[i]).filter((v): v is number => v !== null && v !== undefined);
    if (present.length === 0) return null;
    const mean = present.reduce((s, v) => s + v, 0) / present.length;
    return Number((percent ? (mean / d.scale.max) * 100 : mean).toFixed(2));
  });
}

/** The radar of the service dimensions: every survey customer's means averaged, then per tier of the scoring (joined by key). */
export function serviceRadar(service: ServiceRun, scoring?: ScoringRun): ServiceRadar {
  const axes = serviceAxes(service);
  const series: ServiceRadar['series'] = [
    { tier: null, customers: service.customers.length, values: dimensionMeans(service, service.customers, axes.percent) },
  ];
  if (scoring) {
    const tierOf = new Map<string, TierRule>();
    for (const c of scoring.customers) if (!tierOf.has(normaliseKey(c.key))) tierOf.set(normaliseKey(c.key), c.tier);
    for (const tier of scoring.rules.tiers) {
      const members = service.customers.filter((c) => tierOf.get(normaliseKey(c.key))?.id === tier.id);
      if (members.length > 0) series.push({ tier, customers: members.length, values: dimensionMeans(service, members, axes.percent) });
    }
  }
  return { ...axes, series };
}

/** Promoters (9-10), passives (7-8) and detractors (0-6) of 推荐意愿, for the bar chart, with the NPS. */
export interface NpsBars {
  bars: { id: 'promoters' | 'passives' | 'detractors'; answers: number }[];
  nps: number | null;
  thin: boolean;
}

export function npsBars(service: ServiceRun): NpsBars {
  const { nps } = service;
  return {
    bars: [
      { id: 'promoters', answers: nps.promoters },
      { id: 'passives', answers: nps.passives },
      { id: 'detractors', answers: nps.detractors },
    ],
    nps: nps.score,
    thin: nps.thin,
  };
}

/** Customers per RFM segment, in the segments' order. */
export interface SegmentCounts {
  segments: { segment: SegmentRule; customers: number }[];
}

export function segmentCounts(rfm: RfmRun): SegmentCounts {
  return { segments: rfm.rules.segments.map((segment) => ({ segment, customers: rfm.summary.segments[segment.id] })) };
}

/** The service dimensions' means per group of customers: one series per group, in order of first appearance. */
export interface GroupRadar extends ServiceAxes {
  /** The column the groups were read from: the survey's or the customer table's, with its header as written. */
  column: { table: 'service' | 'customers'; sheet: string; header: string };
  /** `group` null: the survey customers without a value in the column (or not in the customer table). */
  series: { group: string | null; customers: number; values: (number | null)[] }[];
}

/** The column of a table whose header names `name` (as written, or its stem: `规模` finds `企业规模(人)` only by stem equality). */
function columnNamed(t: TableCandidate, name: string): number | undefined {
  const wanted = compact(name);
  const stem = headerStem(name);
  let i = t.headers.findIndex((h) => h !== '' && compact(h) === wanted);
  if (i < 0) i = t.headers.findIndex((h) => h !== '' && headerStem(h) === stem);
  return i < 0 ? undefined : t.box.firstCol + i;
}

/**
 * The dimensions' means per group of the column `name` (行业, 规模 …): looked for in the survey
 * first (a group of each survey customer from its rows), then in the customer table (joined by
 * key). Undefined when neither table has such a column.
 */
export function serviceByGroup(run: AnalysesRun, sheets: readonly SheetGrid[], name: string): GroupRadar | undefined {
  const service = run.service;
  if (!service) return undefined;
  const grid = (sheet: string) => sheets.find((s) => s.name === sheet)?.rows ?? [];
  const surveyTable = service.mapping.table;
  const groupOf = new Map<string, string>();
  let column: GroupRadar['column'] | undefined;
  const inSurvey = columnNamed(surveyTable, name);
  if (inSurvey !== undefined) {
    const rows = grid(surveyTable.sheet);
    for (const c of service.customers) {
      const value = c.rows.map((r) => cellText(rows[r]?.[inSurvey])).find((v) => v !== '');
      if (value) groupOf.set(normaliseKey(c.key), value);
    }
    column = { table: 'service', sheet: surveyTable.sheet, header: surveyTable.headers[inSurvey - surveyTable.box.firstCol]! };
  } else if (run.customers) {
    const { table, key } = run.customers;
    const at = columnNamed(table, name);
    if (at === undefined) return undefined;
    const rows = grid(table.sheet);
    for (let r = table.box.firstRow + 1; r <= table.box.lastRow; r++) {
      const k = cellText(rows[r]?.[key.column]);
      const value = cellText(rows[r]?.[at]);
      if (k && value && !groupOf.has(normaliseKey(k))) groupOf.set(normaliseKey(k), value);
    }
    column = { table: 'customers', sheet: table.sheet, header: table.headers[at - table.box.firstCol]! };
  }
  if (!column) return undefined;
  const axes = serviceAxes(service);
  const groups = new Map<string | null, ServiceRun['customers'][number][]>();
  for (const c of service.customers) {
    const group = groupOf.get(normaliseKey(c.key)) ?? null;
    const members = groups.get(group);
    if (members) members.push(c);
    else groups.set(group, [c]);
  }
  // Named groups in order of first appearance; the customers without a group last.
  const order = [...groups.keys()].sort((a, b) => Number(a === null) - Number(b === null));
  return {
    ...axes,
    column,
    series: order.map((group) => ({ group, customers: groups.get(group)!.length, values: dimensionMeans(service, groups.get(group)!, axes.percent) })),
  };
}

/** At most this many distinct values make a column a category to group by (and a group radar's series, the customers without a group aside). */
export const MAX_GROUPS = 12;

/**
 * The columns the survey's customers can be grouped by (行业, 规模 …): columns of labels (no
 * number, no text that starts as one) of the survey and of the customer table with 1 to 12
 * distinct values, none of them a role the analyses
 * read (the key, the period, a dimension, 推荐意愿) or a column the product writes.
 */
export function groupColumns(run: AnalysesRun, sheets: readonly SheetGrid[]): { table: 'service' | 'customers'; header: string }[] {
  const service = run.service;
  if (!service) return [];
  const out: { table: 'service' | 'customers'; header: string }[] = [];
  const scan = (t: TableCandidate, table: 'service' | 'customers', used: ReadonlySet<number>) => {
    const rows = sheets.find((s) => s.name === t.sheet)?.rows ?? [];
    t.headers.forEach((header, i) => {
      const col = t.box.firstCol + i;
      if (!header || used.has(col) || isWrittenColumn(header)) return;
      const values = new Set<string>();
      let numbers = 0;
      let filled = 0;
      // Stops at the first measure or the thirteenth value: a table of 100,000 customers is not read whole for a column that cannot group.
      for (let r = t.box.firstRow + 1; r <= t.box.lastRow && numbers === 0 && values.size <= MAX_GROUPS; r++) {
        const raw = rows[r]?.[col];
        const text = cellText(raw);
        // A number, or text that starts as one (`3年`, `98%`), is a measure, not a category.
        if (typeof raw === 'number' || /^[+\-−]?\d/.test(text)) numbers++;
        if (text) {
          values.add(text);
          filled++;
        }
      }
      // A note column (备注) filled on a row or two groups nobody: at least half the rows say a group.
      const mostlyFilled = filled * 2 >= t.box.lastRow - t.box.firstRow;
      if (numbers === 0 && values.size >= 1 && values.size <= MAX_GROUPS && mostlyFilled) out.push({ table, header });
    });
  };
  const m = service.mapping;
  // A customer's name or number (客户编号 beside 客户名称) names one customer, not a group.
  const keys = (t: TableCandidate) => (['name', 'id'] as const).flatMap((kind) => keyColumnOfKind(t, kind)?.column ?? []);
  scan(
    m.table,
    'service',
    new Set([
      m.key.column,
      ...keys(m.table),
      ...(m.period ? [m.period.column] : []),
      ...(m.recommend ? [m.recommend.column] : []),
      ...m.dimensions.map((d) => d.column.column),
    ]),
  );
  if (run.customers && run.customers.table !== m.table)
    scan(run.customers.table, 'customers', new Set([run.customers.key.column, ...keys(run.customers.table)]));
  return out;
}

/** The distinctive concepts a header names (docs/scoring-rules.md section 3): `所属行业` → industry; `所属行业增长潜力` → industry, growth, potential. */
function distinctiveConcepts(header: string): string[] {
  return [...conceptsOf(header)].filter(([, weight]) => weight >= 1).map(([id]) => id);
}

/**
 * The column the service survey's customers are grouped by when the user picks none (seed
 * 001 compares customers by 行业 and 规模): the first category column (groupColumns) whose
 * header names the industry and nothing else distinctive (行业, 所属行业, Industry, not
 * 所属行业增长潜力), else the first that names the size (规模, 企业规模(人), Company size);
 * undefined when there is neither.
 */
export function defaultGroupColumn(run: AnalysesRun, sheets: readonly SheetGrid[]): string | undefined {
  const columns = groupColumns(run, sheets);
  for (const concept of ['industry', 'scale']) {
    const found = columns.find((c) => {
      const concepts = distinctiveConcepts(c.header);
      return concepts.length === 1 && concepts[0] === concept;
    });
    if (found) return found.header;
  }
  return undefined;
}
