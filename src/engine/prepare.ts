/**
 * Preparing a run: the tables located (or the ones chosen) are read once, every customer row
 * into a PreparedCustomer and every mapped indicator's cells, by column, into parsed values,
 * with the follow-up log analysed and the reading's warnings. What is prepared does not
 * depend on weights, bands or tiers, so that the pane scores it again under edited rules in
 * milliseconds (evaluate.ts, summary.ts) without reading the workbook again.
 */
import { cellAddress, columnLetter, formatRange, quoteSheet } from './address';
import { ScoringError, type MissingIndicator } from './errors';
import { parseIndicatorCell, type CellReading } from './evidence';
import { analyseFollowUps, type FollowUpAnalysis, type FollowUpSummary } from './followup';
import { chosenTables, locateTables, type ChosenTables } from './locate';
import { joinKeys } from './join';
import type { ColumnChoice, EvaluationMapping, FollowUpMapping, MappingOptions, TransactionsMapping } from './mapping';
import { decideColumnRateScale, parseCell, type ParseContext, type RateScale } from './parse';
import { parsingKey, PreviewCache } from './preview-cache';
import type { IndicatorRule, RuleSet } from './rules';
import { cellText, type BlockEnd, type TableCandidate } from './tables';
import { normaliseKey } from './text';
import type { CellFormat, Parsed, RawCell, SheetGrid } from './types';

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
  | { code: 'rows-skipped'; reason: BlockEnd; addresses: string[] }
  /** A customer of the service survey that the evaluation (customer) table does not have. */
  | { code: 'unknown-service-customer'; key: string; addresses: string[] }
  /** A survey answer that is no score on its dimension's scale (6 on 1-5, 好, 11 for 推荐意愿). */
  | { code: 'unreadable-service-cell'; address: string; text: string }
  | { code: 'service-column-unused'; header: string; address: string }
  | { code: 'join-key-kinds-differ'; sheet: string }
  | { code: 'no-purchases-in-period'; from: string; to: string }
  /** Fewer 推荐意愿 answers than the rules' minimum: the NPS is thin. */
  | { code: 'nps-thin'; answers: number; minimum: number }
  /** The survey has a 推荐意愿 column but no answer in it reads: no NPS. */
  | { code: 'no-nps-answers' }
  /** Purchases of the transactions table dated outside the RFM period: left out. */
  | { code: 'purchases-outside-period'; count: number; from: string; to: string }
  /** A customer of the transactions table that the customer table does not have. */
  | { code: 'unknown-transaction-customer'; key: string; addresses: string[] }
  /** A purchase whose date or amount does not read: left out. */
  | { code: 'unreadable-transaction'; address: string; text: string };

export interface ScoringOptions {
  rules: RuleSet;
  /** Excel serial of the as-of date. */
  asOf: number;
  /**
   * The tables to use, when the user (or the add-in's finder) chose them; otherwise they are
   * located by how well their headers match. `followUp: null` means no follow-up log.
   */
  tables?: ChosenTables;
  /** The user's own choice of columns for some indicators: a header, or null for no column. */
  columns?: ColumnChoice;
  /**
   * Indicators (ids) the team does not track: scored without, their weight set aside (the
   * others renormalise by Σ positive weights), never flagged 数据缺失, their tier gates waived.
   */
  without?: readonly string[];
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
  /** The customer's RFM segment is 流失风险客户 (set when RFM is analysed alongside): a churn risk. */
  rfmAtRisk?: boolean;
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
  /** A transactions table located beside the evaluation table (for RFM). */
  transactions?: TransactionsMapping;
  customers: PreparedCustomer[];
  /** Per mapped indicator id: its cells. */
  columns: Record<string, PreparedColumn>;
  /** Per mapped indicator id: the parsing key (preview-cache.ts) its cells were parsed under. */
  parsedWith: Record<string, string>;
  /** Per rate indicator id: how its column's plain numbers read, decided once over the whole column. */
  rateScales: Record<string, RateScale>;
  /** The workbook counts dates in the 1904 system (serials read as dates are shifted). */
  date1904: boolean;
  /** Warnings of the reading (blank keys, duplicates, unknown follow-up customers, …). */
  warnings: Warning[];
  /** The columns scored under the rules seen so far, for the live preview's next edit. */
  readonly cache: PreviewCache;
}

/**
 * The required indicators without a column, with their labels; one whose header matched a
 * column whose data did not fit names that column, so that the sentence can say why.
 */
function missingIndicators(rules: RuleSet, evaluation: EvaluationMapping): MissingIndicator[] {
  return evaluation.missingRequired.map((id) => {
    const label = rules.indicators.find((i) => i.id === id)?.label ?? { zh: id, en: id };
    const refused = evaluation.refused[id];
    return {
      indicator: id,
      label: { zh: label.zh, en: label.en },
      ...(refused ? { refused: { letter: columnLetter(refused.column), header: refused.header } } : {}),
    };
  });
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
    throw new ScoringError('missing-columns', { sheet: evaluation.table.sheet }, missingIndicators(rules, evaluation));
  }
  const grid = sheets.find((s) => s.name === evaluation.table.sheet)!;
  const date1904 = grid.date1904 === true;
  const warnings: Warning[] = [];
  for (const ind of rules.indicators) {
    if (!ind.required && !evaluation.indicators[ind.id] && !evaluation.without.includes(ind.id))
      warnings.push({ code: 'optional-indicator-unmapped', indicator: ind.id });
  }
  let followUp = located.followUp;
  let analysis: FollowUpAnalysis | undefined;
  if (followUp) {
    const fuGrid = sheets.find((s) => s.name === followUp!.table.sheet)!;
    // A log that names customers by the other kind of key joins through a column of either table (join.ts).
    const joined = joinKeys(grid, evaluation, followUp.table, followUp.key);
    if (joined.key) followUp = { ...followUp, key: joined.key };
    analysis = analyseFollowUps(fuGrid.rows, followUp, asOf, { date1904: fuGrid.date1904 === true, ...(fuGrid.merges ? { merges: fuGrid.merges } : {}) });
    if (joined.translate) analysis = { ...analysis, byKey: translated(analysis.byKey, joined.translate) };
    for (const u of analysis.unreadable) warnings.push({ code: 'unreadable-follow-up-date', ...u });
    warnings.push(...skippedRows(followUp.table));
    if (joined.unmatched) warnings.push({ code: 'key-kinds-differ' });
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
          code: 'unknown-follow-up-customer',
          key,
          addresses: rows.map((r) => cellAddress(followUp!.table.sheet, r, followUp!.key.column)),
        });
      }
    }
  }
  const parsedWith = Object.fromEntries(rules.indicators.filter((i) => evaluation.indicators[i.id]).map((i) => [i.id, parsingKey(i)]));
  return {
    asOf,
    evaluation,
    followUp,
    service: located.service,
    ...(located.transactions ? { transactions: located.transactions } : {}),
    customers,
    columns: cellColumns,
    parsedWith,
    rateScales,
    date1904,
    warnings,
    cache: new PreviewCache(asOf),
  };
}

/** The follow-up log's customers under the evaluation table's keys (`translate`: the log's keys normalised → the table's). */
function translated(byKey: FollowUpAnalysis['byKey'], translate: ReadonlyMap<string, string>): FollowUpAnalysis['byKey'] {
  const out: FollowUpAnalysis['byKey'] = new Map();
  for (const [norm, entry] of byKey) {
    const home = translate.get(norm);
    const key = home === undefined ? norm : normaliseKey(home);
    const seen = out.get(key);
    if (!seen) out.set(key, home === undefined ? entry : { ...entry, key: home });
    else out.set(key, { ...seen, rows: [...seen.rows, ...entry.rows], summary: mergedSummary(seen.summary, entry.summary) });
  }
  return out;
}

/** The rows a table's end left out (a totals or average row and those below it, …), reported, never dropped silently (docs/scoring-rules.md section 1). */
export function skippedRows(table: TableCandidate): Warning[] {
  if (!table.skipped) return [];
  const { firstCol, lastCol } = table.box;
  const addresses = table.skipped.rows.map((r) => `${quoteSheet(table.sheet)}!${formatRange({ ...r, firstCol, lastCol })}`);
  return [{ code: 'rows-skipped', reason: table.skipped.reason, addresses }];
}

/** One customer's follow-ups written under two spellings of its other key (C001 and C-001 both 甲公司's). */
function mergedSummary(a: FollowUpSummary, b: FollowUpSummary): FollowUpSummary {
  const last = [a.lastDate, b.lastDate].filter((d) => d !== undefined);
  const earliest = [a.earliestOverdue, b.earliestOverdue].filter((d) => d !== undefined);
  return {
    rows: a.rows + b.rows,
    open: a.open + b.open,
    overdue: a.overdue + b.overdue,
    ...(last.length > 0 ? { lastDate: Math.max(...last) } : {}),
    ...(earliest.length > 0 ? { earliestOverdue: Math.min(...earliest) } : {}),
  };
}

/** The customers of the evaluation table read, their indicator cells by column, and their keys normalised. */
interface PreparedRows {
  customers: PreparedCustomer[];
  columns: Record<string, PreparedColumn>;
  keys: ReadonlyMap<string, unknown>;
}

function prepareRows(
  sheetGrid: SheetGrid,
  evaluation: EvaluationMapping,
  rules: RuleSet,
  asOf: number,
  analysis: FollowUpAnalysis | undefined,
  warnings: Warning[],
  rateScales: Record<string, RateScale>,
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
  warnings.push(...skippedRows(table));
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
      complaints: complaints
        ? readCount(row[complaints.column], complaints.header, asOf, { format: formatRow?.[complaints.column] ?? undefined, date1904 })
        : null,
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
      header: mapped[k]!.header,
      at: `${quoteSheet(sheet)}!${columnLetter(mapped[k]!.column)}`,
      raws: raws[k]!,
      parsed: [],
      ...(formatted ? { formats: cellFormat } : {}),
    };
    // A rate column's plain numbers are fractions or per cent as the whole column says (docs/scoring-rules.md section 2).
    if (indicator.type === 'rate') rateScales[indicator.id] = decideColumnRateScale(column.raws, column.formats);
    column.parsed = parseColumn(indicator, column, customers, asOf, date1904, rateScales[indicator.id]);
    columns[indicator.id] = column;
  });
  for (const { key: first, rows } of seen.values()) {
    if (rows.length > 1) warnings.push({ code: 'duplicate-key', key: first, addresses: rows.map((r) => cellAddress(sheet, r, key.column)) });
  }
  return { customers, columns, keys: seen };
}

/** The complaint count (per year), for the complaint cap and the 投诉频繁 flag; null when the cell does not read. */
function readCount(raw: RawCell, header: string, asOf: number, reading: CellReading): number | null {
  const parsed = parseCell(raw, 'count', { address: '', header, asOf, ...reading });
  return parsed.kind === 'number' ? parsed.value : null;
}

/** Distinct values a column remembers what it read them as; a column of unique amounts stops remembering there. */
const DISTINCT_VALUES = 4096;

/**
 * Every cell of a column parsed for the indicator, each distinct value (in each format) read
 * once: a column of 100,000 customers holds a few hundred distinct values (高增长, 98%, 4.8分 …).
 * A missing value names its own cell (the column's `at` and the customer's row).
 */
function parseColumn(
  indicator: IndicatorRule,
  column: PreparedColumn,
  customers: readonly PreparedCustomer[],
  asOf: number,
  date1904: boolean,
  rateScale: RateScale | undefined,
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
      parsed = parseIndicatorCell(indicator, raw, at + (customers[i]!.row + 1), header, asOf, { format, date1904, rateScale });
      if (byRaw.size < DISTINCT_VALUES) byRaw.set(raw, parsed);
    } else if (parsed.kind === 'missing') {
      parsed = { kind: 'missing', address: at + (customers[i]!.row + 1), text: parsed.text, reason: parsed.reason };
    }
    out[i] = parsed;
  }
  return out;
}

/**
 * Every customer's cell of the indicator, parsed: as prepared when `parsing` (the indicator's
 * parsing key) is the one they were prepared under, else read again with the same formats,
 * date system and rate decision (decided now if the indicator became a rate in the edited rules).
 */
export function parsedCells(prepared: PreparedRun, indicator: IndicatorRule, parsing: string): Parsed[] {
  const column = prepared.columns[indicator.id]!;
  if (prepared.parsedWith[indicator.id] === parsing) return column.parsed;
  let rateScale: RateScale | undefined;
  if (indicator.type === 'rate') rateScale = prepared.rateScales[indicator.id] ?? decideColumnRateScale(column.raws, column.formats);
  return parseColumn(indicator, column, prepared.customers, prepared.asOf, prepared.date1904, rateScale);
}
