/**
 * Scoring a workbook's grids end to end: find the tables, map the columns, parse, score,
 * decide tiers, analyse follow-ups and raise flags. Pure: grids in, results out.
 */
import { cellAddress, columnLetter, formatRange, quoteSheet } from './address';
import {
  COMPLAINT_COLUMNS, FOLLOW_UP_COLUMNS, KEY_ID_COLUMNS, KEY_NAME_COLUMNS, LAST_TRANSACTION_COLUMNS, MANAGED_COLUMNS,
  OVERRIDE_COLUMNS, SERVICE_COLUMNS,
} from './columns';
import { ScoringError } from './errors';
import { CHURN_FOLLOW_UP_DAYS, CHURN_TRANSACTION_DAYS, FREQUENT_COMPLAINTS, type Flag, type FlagId, FLAG_IDS } from './flags';
import { analyseFollowUps, type FollowUpAnalysis, type FollowUpSummary } from './followup';
import { categoryLabels, parseIndicatorCell, type CellReading } from './evidence';
import { mapEvaluation, mapFollowUp, serviceScore, type ColumnChoice, type EvaluationMapping, type FollowUpMapping, type MappingOptions } from './mapping';
import { decideColumnRateScale, parseCell, type ParseContext, type RateScale } from './parse';
import { isLabelBand, type IndicatorRule, type RuleSet, type TierRule } from './rules';
import { breakdownAt, scoreColumn, weightedScore, type IndicatorColumn, type IndicatorResult } from './score';
import { cellText, findTableCandidates, refineCandidate, sampleOf, type BlockEnd, type TableCandidate } from './tables';
import { compact, normaliseKey } from './text';
import { decideTier, type TierDecision } from './tiers';
import { REFUSED_COLUMN } from '../i18n/problems';
import { fill } from '../i18n/scoring';
import type { CellFormat, Parsed, RawCell, SheetGrid } from './types';

export { parseIndicatorCell, type CellReading } from './evidence';

export interface CustomerResult {
  key: string;
  /** 0-based sheet row of the customer in the evaluation table. */
  row: number;
  score: number;
  tier: TierRule;
  /** The tier the rules give; differs from `tier` when the override column set another. */
  computedTier: TierRule;
  overridden: boolean;
  /** The tier the managed tier column held before this run, if any. */
  previousTier?: TierRule;
  flags: Flag[];
  indicators: IndicatorResult[];
  followUp?: FollowUpSummary;
}

export type Warning =
  | { code: 'blank-key'; address: string }
  | { code: 'duplicate-key'; key: string; addresses: string[] }
  | { code: 'unknown-follow-up-customer'; key: string; addresses: string[] }
  | { code: 'unreadable-follow-up-date'; address: string; text: string }
  | { code: 'unknown-override'; address: string; text: string }
  | { code: 'optional-indicator-unmapped'; indicator: string }
  | { code: 'no-follow-up-log' }
  | { code: 'key-kinds-differ' }
  /** Rows below the end of a plain block that look like customers (or end it: a totals row, a repeated header). */
  | { code: 'rows-skipped'; reason: BlockEnd; addresses: string[] };

export interface ScoringRun {
  rules: RuleSet;
  asOf: number;
  evaluation: EvaluationMapping;
  followUp?: FollowUpMapping;
  service?: TableCandidate;
  customers: CustomerResult[];
  warnings: Warning[];
  summary: RunSummary;
}

export interface RunSummary {
  tiers: Record<string, number>;
  flags: Record<FlagId, number>;
  /** Indicators scored without (the team does not track them): their weight was set aside. */
  without: string[];
}

/** Every header text the finder should recognise, for spotting header rows. */
export function knownHeaders(rulesList: readonly RuleSet[]): string[] {
  return [
    ...KEY_NAME_COLUMNS, ...KEY_ID_COLUMNS, ...OVERRIDE_COLUMNS, ...LAST_TRANSACTION_COLUMNS, ...COMPLAINT_COLUMNS,
    ...Object.values(FOLLOW_UP_COLUMNS).flat(), ...Object.values(SERVICE_COLUMNS).flat(),
    ...Object.values(MANAGED_COLUMNS).flatMap((m) => [m.zh, m.en]),
    ...rulesList.flatMap((r) => r.indicators.flatMap((i) => i.columns)),
  ];
}

export interface LocatedTables {
  evaluation?: EvaluationMapping;
  followUp?: FollowUpMapping;
  service?: TableCandidate;
  candidates: TableCandidate[];
}

function rowCount(t: TableCandidate): number {
  return t.box.lastRow - t.box.firstRow;
}

/** What the user said about the columns: their own choices, and the indicators they do not track. */
export interface LocateOptions extends MappingOptions {
  columns?: ColumnChoice;
}

/** Picks the evaluation table (best indicator coverage), the follow-up log and a service survey. */
export function locateTables(sheets: readonly SheetGrid[], rules: RuleSet, extraRules: readonly RuleSet[] = [], options: LocateOptions = {}): LocatedTables {
  return classifyCandidates(findTableCandidates(sheets, knownHeaders([rules, ...extraRules])), rules, options);
}

/** Whether mapping `a` covers the rules better than `b`: more indicators mapped, then stronger evidence, then more rows. */
function better(a: EvaluationMapping, b: EvaluationMapping): boolean {
  if (a.coverage !== b.coverage) return a.coverage > b.coverage;
  if (a.strength !== b.strength) return a.strength > b.strength;
  return rowCount(a.table) > rowCount(b.table);
}

/**
 * Classifies candidate tables: the evaluation table (the one whose columns cover the most
 * indicators, by header and data), the follow-up log and a service survey.
 */
export function classifyCandidates(candidates: TableCandidate[], rules: RuleSet, options: LocateOptions = {}): LocatedTables {
  let evaluation: EvaluationMapping | undefined;
  for (const c of candidates) {
    const m = mapEvaluation(c, rules, options.columns, options);
    if (!m || m.coverage === 0) continue;
    if (!evaluation || better(m, evaluation)) evaluation = m;
  }
  let followUp: FollowUpMapping | undefined;
  for (const c of candidates) {
    if (c === evaluation?.table) continue;
    const m = mapFollowUp(c);
    if (m && (!followUp || Object.keys(m.fields).length > Object.keys(followUp.fields).length)) followUp = m;
  }
  const service = candidates
    .filter((c) => c !== evaluation?.table && c !== followUp?.table)
    .map((c) => ({ c, s: serviceScore(c) }))
    .filter(({ s }) => s >= 3)
    .sort((a, b) => b.s - a.s)[0]?.c;
  return { evaluation, followUp, service, candidates };
}

/**
 * The rule set whose indicators the candidate tables cover best: the largest share of its
 * indicators actually mapped (header and data agreeing), then the stronger evidence; the
 * first wins ties.
 */
export function choosePresetFor(candidates: TableCandidate[], presets: readonly RuleSet[]): RuleSet {
  let best = presets[0]!;
  let bestCoverage = -1;
  let bestStrength = -1;
  for (const rules of presets) {
    const evaluation = classifyCandidates(candidates, rules).evaluation;
    const coverage = evaluation?.coverage ?? 0;
    const strength = evaluation ? evaluation.strength / rules.indicators.length : 0;
    if (coverage > bestCoverage || (coverage === bestCoverage && strength > bestStrength)) {
      best = rules;
      bestCoverage = coverage;
      bestStrength = strength;
    }
  }
  return best;
}

/** The rule set whose indicators the workbook's evaluation table covers best (first wins ties). */
export function choosePreset(sheets: readonly SheetGrid[], presets: readonly RuleSet[]): RuleSet {
  return choosePresetFor(findTableCandidates(sheets, knownHeaders(presets)), presets);
}

/**
 * The required indicators without a column, by label; one whose header matched a column
 * whose data did not fit says so: `行业增长率（C列「行业」的数据不符）`.
 */
function missingLabels(rules: RuleSet, evaluation: EvaluationMapping, lang: 'zh' | 'en'): string[] {
  return evaluation.missingRequired.map((id) => {
    const label = rules.indicators.find((i) => i.id === id)?.label[lang] ?? id;
    const refused = evaluation.refused[id];
    if (!refused) return label;
    return fill(REFUSED_COLUMN[lang], { label, letter: columnLetter(refused.column), header: refused.header });
  });
}

function tierByText(rules: RuleSet, text: string): TierRule | undefined {
  const t = compact(text);
  if (!t) return undefined;
  return rules.tiers.find((tier) => [tier.id, tier.label.zh, tier.label.en].some((s) => compact(s) === t));
}

function lowestThreshold(indicator: IndicatorRule): number | undefined {
  const mins = indicator.bands.flatMap((b) => (!isLabelBand(b) && (b.op === '>=' || b.op === '>') ? [b.value] : []));
  return mins.length ? Math.min(...mins) : undefined;
}

export interface ScoringOptions {
  rules: RuleSet;
  /** Excel serial of the as-of date. */
  asOf: number;
  /**
   * The tables to use, when the user (or the add-in's finder) chose them; otherwise they are
   * located by how well their headers match. `followUp: null` means no follow-up log.
   */
  tables?: { evaluation: TableCandidate; followUp?: TableCandidate | null; service?: TableCandidate | null };
  /** The user's own choice of columns for some indicators: a header, or null for no column. */
  columns?: ColumnChoice;
  /**
   * Indicators (ids) the team does not track: scored without, their weight set aside (the
   * others renormalise by Σ positive weights), never flagged 数据缺失, their tier gates waived.
   */
  without?: readonly string[];
}

/** The chosen tables, mapped; header blocks made exact and their data sampled from the grids. */
function chosenTables(sheets: readonly SheetGrid[], rules: RuleSet, tables: NonNullable<ScoringOptions['tables']>, columns: ColumnChoice = {}, options: MappingOptions = {}): LocatedTables {
  const refine = (t: TableCandidate) => {
    const sheet = sheets.find((s) => s.name === t.sheet)!;
    const refined = refineCandidate(sheet, t);
    // The candidate may come from a scan of the sheet's top rows only (an Excel table's header):
    // its data, as read now, is the evidence the columns are matched on.
    return { ...refined, sample: sampleOf(sheet, refined.box) };
  };
  const evaluationTable = refine(tables.evaluation);
  const followUpTable = tables.followUp ? refine(tables.followUp) : undefined;
  return {
    evaluation: mapEvaluation(evaluationTable, rules, columns, options),
    followUp: followUpTable ? mapFollowUp(followUpTable) : undefined,
    service: tables.service ?? undefined,
    candidates: [evaluationTable, ...(followUpTable ? [followUpTable] : [])],
  };
}

export function scoreWorkbook(sheets: readonly SheetGrid[], options: ScoringOptions): ScoringRun {
  return scorePrepared(prepareWorkbook(sheets, options), options.rules);
}

/** A customer row read, ready to be scored under any weights, bands and tiers (its indicator cells are in `PreparedRun.columns`). */
export interface PreparedCustomer {
  key: string;
  row: number;
  complaints: number | null;
  override?: { text: string; address: string };
  /** Excel serial of the last transaction, when the table has that column and the cell reads. */
  lastTransaction?: number;
  /** What the managed tier column held before this run. */
  previousTierText: string;
  /** From the follow-up log; undefined when there is no log. */
  followUp?: FollowUpSummary;
}

/**
 * One mapped indicator's cells, one per customer in `PreparedRun.customers` order: kept by
 * column (arrays, no object per cell), as scoring reads them.
 */
export interface PreparedColumn {
  /** The column's header: the unit, scale or period its plain numbers are in. */
  header: string;
  /** The start of its cells' addresses (`'客户评估'!D`): with a customer's sheet row number, its cell's. */
  at: string;
  /** Each customer's cell as read. */
  raws: RawCell[];
  /** Each customer's cell's number format (undefined where General); absent when no cell of the column has one. */
  formats?: CellFormat[];
  /** Each customer's cell parsed (for the type and labels `PreparedRun.parsedWith` names). */
  parsed: Parsed[];
}

/** Everything that does not depend on weights, bands and tiers: the tables, the parsed rows, the follow-up analysis. */
export interface PreparedRun {
  asOf: number;
  evaluation: EvaluationMapping;
  followUp?: FollowUpMapping;
  service?: TableCandidate;
  customers: PreparedCustomer[];
  /** Per mapped indicator id: its cells. */
  columns: Record<string, PreparedColumn>;
  /** Per indicator id: the type and labels its cells were parsed for. */
  parsedWith: Record<string, string>;
  /** Per rate indicator id: how its column's plain numbers read, decided once over the whole column. */
  rateScales: Record<string, RateScale>;
  /** The workbook counts dates in the 1904 system (serials read as dates are shifted). */
  date1904: boolean;
  /** Warnings of the reading (blank keys, duplicates, unknown follow-up customers, …). */
  warnings: Warning[];
}

const signatures = new WeakMap<IndicatorRule, string>();

/** What a parsed value depends on: the indicator's type, labels, scale and period. */
function parseSignature(indicator: IndicatorRule): string {
  let signature = signatures.get(indicator);
  if (signature === undefined) {
    signature = `${indicator.type}|${JSON.stringify(categoryLabels(indicator))}|${JSON.stringify(indicator.scale ?? null)}|${indicator.period ?? ''}`;
    signatures.set(indicator, signature);
  }
  return signature;
}

/** Reads and parses the chosen (or located) tables once; `scorePrepared` then scores in a few milliseconds. */
export function prepareWorkbook(sheets: readonly SheetGrid[], { rules, asOf, tables, columns, without }: ScoringOptions): PreparedRun {
  const mappingOptions: MappingOptions = { asOf, ...(without ? { without } : {}) };
  const located = tables
    ? chosenTables(sheets, rules, tables, columns, mappingOptions)
    : locateTables(sheets, rules, [], { ...mappingOptions, ...(columns ? { columns } : {}) });
  const evaluation = located.evaluation;
  if (!evaluation) throw new ScoringError('no-table', { preset: rules.id });
  if (evaluation.missingRequired.length > 0) {
    throw new ScoringError('missing-columns', {
      sheet: evaluation.table.sheet,
      indicatorsZh: missingLabels(rules, evaluation, 'zh').join('、'),
      indicatorsEn: missingLabels(rules, evaluation, 'en').join(', '),
    });
  }
  const grid = sheets.find((s) => s.name === evaluation.table.sheet)!;
  const date1904 = grid.date1904 === true;
  const warnings: Warning[] = [];
  for (const ind of rules.indicators) {
    if (!ind.required && !evaluation.indicators[ind.id] && !evaluation.without.includes(ind.id)) warnings.push({ code: 'optional-indicator-unmapped', indicator: ind.id });
  }
  const followUp = located.followUp;
  let analysis: FollowUpAnalysis | undefined;
  if (followUp) {
    const fuGrid = sheets.find((s) => s.name === followUp.table.sheet)!;
    analysis = analyseFollowUps(fuGrid.rows, followUp, asOf, { date1904: fuGrid.date1904 === true });
    for (const u of analysis.unreadable) warnings.push({ code: 'unreadable-follow-up-date', ...u });
    if (followUp.key.kind !== evaluation.key.kind) warnings.push({ code: 'key-kinds-differ' });
  } else if (rules.tiers.some((t) => t.cadenceDays !== undefined)) {
    warnings.push({ code: 'no-follow-up-log' });
  }

  const rateScales: Record<string, RateScale> = {};
  const { customers, columns: cellColumns, keys } = prepareRows(grid, evaluation, rules, asOf, analysis, warnings, rateScales);
  if (customers.length === 0) throw new ScoringError('no-customers', { sheet: evaluation.table.sheet });

  if (analysis) {
    for (const [norm, { key, rows }] of analysis.byKey) {
      if (!keys.has(norm)) {
        warnings.push({
          code: 'unknown-follow-up-customer', key,
          addresses: rows.map((r) => cellAddress(followUp!.table.sheet, r, followUp!.key.column)),
        });
      }
    }
  }
  const parsedWith = Object.fromEntries(rules.indicators.filter((i) => evaluation.indicators[i.id]).map((i) => [i.id, parseSignature(i)]));
  return { asOf, evaluation, followUp, service: located.service, customers, columns: cellColumns, parsedWith, rateScales, date1904, warnings };
}

/** The customers of the evaluation table read, their indicator cells by column, and their keys normalised. */
interface PreparedRows {
  customers: PreparedCustomer[];
  columns: Record<string, PreparedColumn>;
  keys: ReadonlyMap<string, unknown>;
}

function prepareRows(
  sheetGrid: SheetGrid, evaluation: EvaluationMapping, rules: RuleSet, asOf: number,
  analysis: FollowUpAnalysis | undefined, warnings: Warning[], rateScales: Record<string, RateScale>,
): PreparedRows {
  const { table, key } = evaluation;
  const sheet = table.sheet;
  const grid = sheetGrid.rows;
  const formats = sheetGrid.formats;
  const date1904 = sheetGrid.date1904 === true;
  const mappedIndicators = rules.indicators.filter((i) => evaluation.indicators[i.id]);
  const mapped = mappedIndicators.map((i) => evaluation.indicators[i.id]!);
  // The columns' cells, one per customer: made as long as the table (cut to the customers at the end), not grown cell by cell.
  const rowCount = Math.max(0, table.box.lastRow - table.box.firstRow);
  const raws: RawCell[][] = mapped.map(() => new Array<RawCell>(rowCount));
  const cellFormats: CellFormat[][] | undefined = formats ? mapped.map(() => new Array<CellFormat>(rowCount)) : undefined;
  const customers: PreparedCustomer[] = [];
  /** Per normalised key: the key as first written and the rows it is on. */
  const seen = new Map<string, { key: string; rows: number[] }>();
  if (table.skipped) {
    const { firstCol, lastCol } = table.box;
    const addresses = table.skipped.rows.map((r) => `${quoteSheet(sheet)}!${formatRange({ ...r, firstCol, lastCol })}`);
    warnings.push({ code: 'rows-skipped', reason: table.skipped.reason, addresses });
  }
  // Only the value of these cells is kept: no address is needed to read them.
  const lastTx = evaluation.lastTransaction;
  const lastTxContext: ParseContext | undefined = lastTx ? { address: '', header: lastTx.header, asOf, date1904 } : undefined;
  const complaints = evaluation.complaints;
  const override = evaluation.override;
  const managedTier = evaluation.managed.tier;
  for (let r = table.box.firstRow + 1; r <= table.box.lastRow; r++) {
    const row = grid[r] ?? [];
    const keyText = cellText(row[key.column]);
    if (!keyText) {
      const hasData = row.slice(table.box.firstCol, table.box.lastCol + 1).some((c) => cellText(c) !== '');
      if (hasData) warnings.push({ code: 'blank-key', address: cellAddress(sheet, r, key.column) });
      continue;
    }
    const norm = normaliseKey(keyText);
    const known = seen.get(norm);
    if (known) known.rows.push(r);
    else seen.set(norm, { key: keyText, rows: [r] });
    const formatRow = formats?.[r];
    const at = customers.length;
    for (let k = 0; k < mapped.length; k++) {
      const column = mapped[k]!.column;
      raws[k]![at] = row[column];
      if (cellFormats) cellFormats[k]![at] = formatRow?.[column] ?? undefined;
    }
    const customer: PreparedCustomer = {
      key: keyText,
      row: r,
      complaints: complaints ? readCount(row[complaints.column], complaints.header, asOf, { format: formatRow?.[complaints.column] ?? undefined, date1904 }) : null,
      previousTierText: managedTier ? cellText(row[managedTier.column]) : '',
    };
    const overrideText = override ? cellText(row[override.column]) : '';
    if (overrideText) customer.override = { text: overrideText, address: cellAddress(sheet, r, override!.column) };
    const lastParsed = lastTx ? parseCell(row[lastTx.column], 'date', lastTxContext!) : undefined;
    if (lastParsed?.kind === 'date') customer.lastTransaction = lastParsed.serial;
    if (analysis) customer.followUp = analysis.byKey.get(norm)?.summary ?? { rows: 0, open: 0, overdue: 0 };
    customers.push(customer);
  }
  const columns: Record<string, PreparedColumn> = {};
  mappedIndicators.forEach((indicator, k) => {
    raws[k]!.length = customers.length;
    const cellFormat = cellFormats?.[k];
    if (cellFormat) cellFormat.length = customers.length;
    const formatted = cellFormat !== undefined && cellFormat.some((f) => f !== undefined);
    const column: PreparedColumn = {
      header: mapped[k]!.header, at: `${quoteSheet(sheet)}!${columnLetter(mapped[k]!.column)}`, raws: raws[k]!, parsed: [],
      ...(formatted ? { formats: cellFormat } : {}),
    };
    // A rate column's plain numbers are fractions or per cent as the whole column says (DOMAIN.md section 2).
    if (indicator.type === 'rate') rateScales[indicator.id] = decideColumnRateScale(column.raws, column.formats);
    column.parsed = parseColumn(indicator, column, customers, asOf, date1904, rateScales[indicator.id]);
    columns[indicator.id] = column;
  });
  for (const { key: first, rows } of seen.values()) {
    if (rows.length > 1) warnings.push({ code: 'duplicate-key', key: first, addresses: rows.map((r) => cellAddress(sheet, r, key.column)) });
  }
  return { customers, columns, keys: seen };
}

/** Distinct values a column remembers what it read them as; a column of unique amounts stops remembering there. */
const DISTINCT_VALUES = 4096;

/**
 * Every cell of a column parsed for the indicator, each distinct value (in each format) read
 * once: a column of 100,000 customers holds a few hundred distinct values (高增长, 98%, 4.8分 …).
 * A missing value names its own cell (the column's `at` and the customer's row).
 */
function parseColumn(
  indicator: IndicatorRule, column: PreparedColumn, customers: readonly PreparedCustomer[], asOf: number, date1904: boolean, rateScale: RateScale | undefined,
): Parsed[] {
  const { raws, formats, header, at } = column;
  const out = new Array<Parsed>(raws.length);
  const byFormat = new Map<CellFormat, Map<RawCell, Parsed>>();
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i];
    const format = formats?.[i];
    let byRaw = byFormat.get(format);
    if (!byRaw) byFormat.set(format, (byRaw = new Map()));
    let parsed = byRaw.get(raw);
    if (parsed === undefined) {
      parsed = parseIndicatorCell(indicator, raw, at + (customers[i]!.row + 1), header, asOf, readingOf(column, i, date1904, rateScale));
      if (byRaw.size < DISTINCT_VALUES) byRaw.set(raw, parsed);
    } else if (parsed.kind === 'missing') {
      parsed = { kind: 'missing', address: at + (customers[i]!.row + 1), text: parsed.text, reason: parsed.reason };
    }
    out[i] = parsed;
  }
  return out;
}


/** The reading context of a prepared column's cell `i`. */
function readingOf(column: PreparedColumn, i: number, date1904: boolean, rateScale: RateScale | undefined): CellReading {
  return { format: column.formats?.[i], date1904, rateScale };
}

/** What a scored column depends on: the indicator's type, labels, measure, bands and `else`. */
function columnSignature(indicator: IndicatorRule): string {
  let signature = columnSignatures.get(indicator);
  if (signature === undefined) {
    signature = `${parseSignature(indicator)}|${indicator.measure ?? ''}|${indicator.else}|${JSON.stringify(indicator.bands)}`;
    columnSignatures.set(indicator, signature);
  }
  return signature;
}
const columnSignatures = new WeakMap<IndicatorRule, string>();

/** Scored columns kept per prepared run and indicator, the most recent first (a few per indicator: a band being edited). */
const columnCache = new WeakMap<PreparedRun, Map<string, { signature: string; parsedWith: string; column: IndicatorColumn }[]>>();
const COLUMNS_KEPT = 2;

/** The indicator scored for every prepared customer, from the cache when its bands have been scored before. */
function columnFor(prepared: PreparedRun, indicator: IndicatorRule): IndicatorColumn {
  let byIndicator = columnCache.get(prepared);
  if (!byIndicator) columnCache.set(prepared, (byIndicator = new Map()));
  const signature = columnSignature(indicator);
  const kept = byIndicator.get(indicator.id) ?? [];
  const hit = kept.find((e) => e.signature === signature);
  if (hit) return hit.column;
  // Other bands, same type and labels (a threshold being dragged): the parsed cells are the same.
  const parsedWith = parseSignature(indicator);
  const parsed = kept.find((e) => e.parsedWith === parsedWith)?.column.parsed ?? parsedColumn(prepared, indicator, parsedWith);
  const column = scoreColumn(indicator, parsed, prepared.asOf);
  byIndicator.set(indicator.id, [{ signature, parsedWith, column }, ...kept].slice(0, COLUMNS_KEPT));
  return column;
}

/**
 * Every customer's cell of the indicator, parsed: as prepared when the type, labels, scale
 * and period are those it was prepared with, else read again with the same formats, date
 * system and rate decision (decided now if the indicator became a rate in the edited rules).
 */
function parsedColumn(prepared: PreparedRun, indicator: IndicatorRule, parsedWith: string): Parsed[] {
  const column = prepared.columns[indicator.id]!;
  if (prepared.parsedWith[indicator.id] === parsedWith) return column.parsed;
  let rateScale: RateScale | undefined;
  if (indicator.type === 'rate') rateScale = prepared.rateScales[indicator.id] ?? decideColumnRateScale(column.raws, column.formats);
  return parseColumn(indicator, column, prepared.customers, prepared.asOf, prepared.date1904, rateScale);
}

/** What scoring under one rule set needs, worked out once for all customers. */
interface ScoringPlan {
  rules: RuleSet;
  /** The rules the tier decision uses: `rules` with the gates on indicators scored without waived. */
  gateRules: RuleSet;
  indicators: IndicatorRule[];
  columns: IndicatorColumn[];
  weights: number[];
  renormalise: boolean;
  satisfaction: { k: number; indicator: IndicatorRule; threshold: number | undefined }[];
  complaintsFlagAt: number;
  /** A gate's view of customer i's values: the number for an indicator id, or null. */
  valueAt(i: number): (indicator: string) => number | null;
  /** The tier a text names (an override, the tier written by an earlier run), remembered per text. */
  tierNamed(text: string): TierRule | undefined;
}

function planFor(prepared: PreparedRun, rules: RuleSet): ScoringPlan {
  const indicators = rules.indicators.filter((i) => prepared.evaluation.indicators[i.id]);
  const columns = indicators.map((i) => columnFor(prepared, i));
  const slot = new Map(indicators.map((i, k) => [i.id, k]));
  let row = 0;
  const reader = (id: string): number | null => {
    const k = slot.get(id);
    const v = k === undefined ? null : columns[k]!.values[row];
    return typeof v === 'number' ? v : null;
  };
  const named = new Map<string, TierRule | undefined>();
  const without = new Set(prepared.evaluation.without);
  const gateRules = without.size === 0 || !rules.tiers.some((t) => t.gates.some((g) => without.has(g.indicator)))
    ? rules
    : { ...rules, tiers: rules.tiers.map((t) => ({ ...t, gates: t.gates.filter((g) => !without.has(g.indicator)) })) };
  return {
    rules,
    gateRules,
    indicators,
    columns,
    weights: indicators.map((i) => i.weight),
    renormalise: rules.missing === 'renormalise',
    satisfaction: indicators.flatMap((indicator, k) => (indicator.role === 'satisfaction' ? [{ k, indicator, threshold: lowestThreshold(indicator) }] : [])),
    // 投诉频繁 is raised at three complaints whatever cap the rule set puts on the tier (DOMAIN.md section 5).
    complaintsFlagAt: FREQUENT_COMPLAINTS,
    valueAt: (i) => { row = i; return reader; },
    tierNamed: (text) => {
      if (named.has(text)) return named.get(text);
      const tier = tierByText(rules, text);
      if (named.size < 1000) named.set(text, tier);
      return tier;
    },
  };
}

/** The tier decision under the plan's gate rules, its tiers given back as the rules' own objects. */
function tierDecision(plan: ScoringPlan, score: number, valueOf: (indicator: string) => number | null, complaints: number | null): TierDecision {
  const decision = decideTier(plan.gateRules, score, valueOf, complaints);
  if (plan.gateRules === plan.rules) return decision;
  const own = (tier: TierRule) => plan.rules.tiers[plan.gateRules.tiers.indexOf(tier)]!;
  return {
    ...decision,
    gated: own(decision.gated),
    tier: own(decision.tier),
    ...(decision.blocked ? { blocked: { ...decision.blocked, tier: own(decision.blocked.tier) } } : {}),
  };
}

/** What a customer's evaluation under a plan gives. */
interface Evaluated {
  score: number;
  tier: TierRule;
  computed: TierRule;
  overridden: boolean;
  previousTier: TierRule | undefined;
  /** The flags raised, in full; null when only which were raised was asked for. */
  flags: Flag[] | null;
  /** Bit b is set when a flag FLAG_IDS[b] was raised. */
  raised: number;
}

const FLAG_BIT = Object.fromEntries(FLAG_IDS.map((id, b) => [id, 1 << b])) as Record<FlagId, number>;

/** A fresh evaluation to fill in. */
function evaluation(): Evaluated {
  return { score: 0, tier: undefined as unknown as TierRule, computed: undefined as unknown as TierRule, overridden: false, previousTier: undefined, flags: null, raised: 0 };
}

/**
 * Scores prepared customer i from the plan's columns and decides tier and flags, into `out`.
 * With `detailed`, the flags are built in full (`out.flags`); without (the live preview, which
 * counts them), only which were raised (`out.raised`), without building an object per flag.
 */
function evaluateCustomer(c: PreparedCustomer, i: number, plan: ScoringPlan, asOf: number, warnings: Warning[] | null, out: Evaluated, detailed: boolean): void {
  const { rules, indicators, columns } = plan;
  const score = weightedScore(columns, plan.weights, plan.renormalise, i);
  const decision = tierDecision(plan, score, plan.valueAt(i), c.complaints);
  const flags: Flag[] | null = detailed ? [] : null;
  let raised = 0;
  for (let k = 0; k < indicators.length; k++) {
    const p = columns[k]!.parsed[i]!;
    if (p.kind !== 'missing') continue;
    raised |= FLAG_BIT['missing-data'];
    flags?.push({ id: 'missing-data', indicator: indicators[k]!.id, address: p.address, text: p.text, reason: p.reason });
  }
  for (const { k, indicator, threshold } of plan.satisfaction) {
    const value = columns[k]!.values[i];
    if (typeof value === 'number' && threshold !== undefined && value < threshold) {
      raised |= FLAG_BIT['low-satisfaction'];
      flags?.push({ id: 'low-satisfaction', indicator: indicator.id, value, threshold });
    }
  }
  if (decision.blocked) {
    raised |= FLAG_BIT['tier-gate'];
    flags?.push({ id: 'tier-gate', tier: decision.blocked.tier.id, failures: decision.blocked.failures });
  }
  if (c.complaints !== null && c.complaints >= plan.complaintsFlagAt) {
    raised |= FLAG_BIT['frequent-complaints'];
    flags?.push({ id: 'frequent-complaints', count: c.complaints });
  }
  let tier = decision.tier;
  let overridden = false;
  if (c.override) {
    const chosen = plan.tierNamed(c.override.text);
    if (chosen) { tier = chosen; overridden = chosen !== decision.tier; }
    else warnings?.push({ code: 'unknown-override', address: c.override.address, text: c.override.text });
  }
  raised |= relationshipFlags(c, asOf, tier, flags);
  const previousTier = c.previousTierText ? plan.tierNamed(c.previousTierText) : undefined;
  if (previousTier && previousTier !== tier) {
    const up = rules.tiers.indexOf(tier) < rules.tiers.indexOf(previousTier);
    raised |= FLAG_BIT[up ? 'tier-up' : 'tier-down'];
    flags?.push({ id: up ? 'tier-up' : 'tier-down', previous: previousTier.id });
  }
  out.score = score;
  out.tier = tier;
  out.computed = decision.tier;
  out.overridden = overridden;
  out.previousTier = previousTier;
  out.flags = flags;
  out.raised = raised;
}

/**
 * Scores prepared rows under a rule set: the same one they were prepared with, or an edited
 * copy (other weights, bands, cut-offs, gates). Indicators the table has no column for are
 * left out.
 */
export function scorePrepared(prepared: PreparedRun, rules: RuleSet): ScoringRun {
  const plan = planFor(prepared, rules);
  const warnings = [...prepared.warnings];
  const e = evaluation();
  const cellColumns = plan.indicators.map((ind) => prepared.columns[ind.id]!);
  const customers = prepared.customers.map((c, i): CustomerResult => {
    evaluateCustomer(c, i, plan, prepared.asOf, warnings, e, true);
    const raws = cellColumns.map((column) => cellText(column.raws[i]));
    return {
      key: c.key, row: c.row, score: e.score, tier: e.tier, computedTier: e.computed, overridden: e.overridden,
      ...(e.previousTier ? { previousTier: e.previousTier } : {}), flags: e.flags!,
      indicators: breakdownAt(plan.indicators, plan.columns, plan.renormalise, raws, i), ...(c.followUp ? { followUp: c.followUp } : {}),
    };
  });
  return {
    rules, asOf: prepared.asOf, evaluation: prepared.evaluation, followUp: prepared.followUp, service: prepared.service,
    customers, warnings, summary: summarise(rules, customers, prepared.evaluation.without),
  };
}

/** The live preview: each customer's score and tier and the counts, without the per-indicator breakdown. */
export interface Preview {
  scores: Float64Array;
  /** Index into `rules.tiers` of each customer's tier. */
  tiers: Int8Array;
  summary: ScoringRun['summary'];
}

export function previewPrepared(prepared: PreparedRun, rules: RuleSet): Preview {
  const plan = planFor(prepared, rules);
  const customers = prepared.customers;
  const n = customers.length;
  const scores = new Float64Array(n);
  const tiers = new Int8Array(n);
  const perTier = new Int32Array(rules.tiers.length);
  const perFlag = new Int32Array(FLAG_IDS.length);
  const tierIndex = new Map<TierRule, number>();
  rules.tiers.forEach((t, k) => { if (!tierIndex.has(t)) tierIndex.set(t, k); });
  const tierCounts: Record<string, number> = Object.fromEntries(rules.tiers.map((t) => [t.id, 0]));
  const e = evaluation();
  for (let i = 0; i < n; i++) {
    evaluateCustomer(customers[i]!, i, plan, prepared.asOf, null, e, false);
    scores[i] = e.score;
    const t = tierIndex.get(e.tier) ?? -1;
    tiers[i] = t;
    if (t >= 0) perTier[t]!++;
    else tierCounts[e.tier.id] = (tierCounts[e.tier.id] ?? 0) + 1;
    for (let raised = e.raised, b = 0; raised !== 0; raised >>>= 1, b++) if (raised & 1) perFlag[b]!++;
  }
  rules.tiers.forEach((t, k) => { tierCounts[t.id]! += perTier[k]!; });
  const flagCounts = Object.fromEntries(FLAG_IDS.map((id, b) => [id, perFlag[b]!])) as Record<FlagId, number>;
  return { scores, tiers, summary: { tiers: tierCounts, flags: flagCounts, without: [...prepared.evaluation.without] } };
}

/** The complaint count (per year), for the complaint cap and the 投诉频繁 flag; null when the cell does not read. */
function readCount(raw: RawCell, header: string, asOf: number, reading: CellReading): number | null {
  const parsed = parseCell(raw, 'count', { address: '', header, asOf, ...reading });
  return parsed.kind === 'number' ? parsed.value : null;
}

/** churn-risk, followup-overdue and cadence-overdue: added to `flags` (when built), and which were raised. */
function relationshipFlags(c: PreparedCustomer, asOf: number, tier: TierRule, flags: Flag[] | null): number {
  const followUp = c.followUp;
  const days = followUp?.lastDate === undefined ? null : asOf - followUp.lastDate;
  let raised = 0;
  if (c.lastTransaction !== undefined && asOf - c.lastTransaction >= CHURN_TRANSACTION_DAYS) {
    raised |= FLAG_BIT['churn-risk'];
    flags?.push({ id: 'churn-risk', reason: 'no-transaction', days: asOf - c.lastTransaction });
  } else if (followUp && days === null) {
    raised |= FLAG_BIT['churn-risk'];
    flags?.push({ id: 'churn-risk', reason: 'never-followed-up' });
  } else if (followUp && days !== null && days >= CHURN_FOLLOW_UP_DAYS) {
    raised |= FLAG_BIT['churn-risk'];
    flags?.push({ id: 'churn-risk', reason: 'no-follow-up', days });
  }
  if (!followUp) return raised;
  if (followUp.overdue > 0) {
    raised |= FLAG_BIT['followup-overdue'];
    flags?.push({ id: 'followup-overdue', count: followUp.overdue, earliestDue: followUp.earliestOverdue! });
  }
  if (tier.cadenceDays !== undefined && (days === null || days > tier.cadenceDays)) {
    raised |= FLAG_BIT['cadence-overdue'];
    flags?.push({ id: 'cadence-overdue', days, cadenceDays: tier.cadenceDays });
  }
  return raised;
}

function summarise(rules: RuleSet, customers: readonly CustomerResult[], without: readonly string[]): RunSummary {
  const tiers: Record<string, number> = Object.fromEntries(rules.tiers.map((t) => [t.id, 0]));
  const flags = Object.fromEntries(FLAG_IDS.map((id) => [id, 0])) as Record<FlagId, number>;
  for (const c of customers) {
    tiers[c.tier.id] = (tiers[c.tier.id] ?? 0) + 1;
    for (const id of new Set(c.flags.map((f) => f.id))) flags[id]++;
  }
  return { tiers, flags, without: [...without] };
}
