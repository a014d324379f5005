/**
 * Several analyses on one workbook (docs/scoring-rules.md section 6): the weighted score of a rule set
 * (evaluation, grading, maintenance or the user's own), the service survey and RFM. A run
 * carries each analysis its tables allow: the scoring when its rules are given, the service
 * evaluation whenever the workbook has a survey, RFM whenever it has a transactions table
 * or a customer table with all three of R, F and M. One of them is the primary: the one the
 * user asked for (`score --preset service`), whose rows the report lists.
 *
 * The analyses join on the customer table: the evaluation table when the scoring runs,
 * otherwise the table with a key column that is none of the others (the one with the most
 * RFM columns, then the most rows). A survey customer that the customer table lacks is
 * reported; a customer whose RFM segment is 流失风险客户 is a churn risk in the scoring's
 * flags too (docs/scoring-rules.md section 7).
 *
 * What depends only on the workbook (the rows read, the quintiles, the segments, the survey's
 * means) is prepared once (`prepareAnalyses`); the weights are applied by `scoreAnalyses`,
 * which the pane's preview calls on every edit.
 */
import { cellAddress } from './address';
import { ScoringError } from './errors';
import { joinKeys } from './join';
import { choosePresetFor, knownHeaders, locateTransactions } from './locate';
import { mapEvaluation, mapFollowUp, mapRfmColumns, mapService, serviceScore as surveyColumns, type MappedColumn, type TransactionsMapping } from './mapping';
import { prepareWorkbook, skippedRows, type PreparedRun, type ScoringOptions, type Warning } from './prepare';
import { prepareRfmFromColumns, prepareRfmFromTransactions, rfmPeriod, scoreRfm, type PeriodChoice, type PreparedRfm, type RfmRun } from './rfm';
import type { RfmRules, RuleSet, ServiceRules } from './rules';
import { analyseService, prepareService, type PreparedService, type ServiceRun } from './service';
import { scorePrepared, type ScoringRun } from './summary';
import { findTableCandidates, type TableCandidate } from './tables';
import { normaliseKey } from './text';
import type { SheetGrid } from './types';

/** The analyses a run can carry: the weighted score of a rule set, the service survey, RFM. */
export type AnalysisKind = 'scoring' | 'service' | 'rfm';
export const ANALYSIS_KINDS: readonly AnalysisKind[] = ['scoring', 'service', 'rfm'];

export interface AnalysesOptions {
  /** The analysis asked for: its rows are the report's, and the run fails without its tables. */
  primary: AnalysisKind;
  /** Excel serial of the as-of date. */
  asOf: number;
  /** The weighted rules, their columns and tables: required when the primary is 'scoring', and then it runs. */
  scoring?: Omit<ScoringOptions, 'asOf'>;
  /** The service rules: the survey is analysed when given and the workbook has one. */
  service?: ServiceRules;
  /** The RFM rules: RFM runs when given and the tables allow. */
  rfm?: RfmRules;
  /** The period purchases are counted in, as the user set it (else the RFM rules' period). */
  period?: PeriodChoice;
  /** Rule sets whose headers help find the tables when the scoring does not run (the shipped presets). */
  knownRules?: readonly RuleSet[];
  /** The weighted rules kept beside a run without the scoring (the workbook's stored rules); else the known rules' best fit stands for them. */
  keepRules?: RuleSet;
}

/** The columns of a table the weighted rules would read as indicators (none without rules or a mapping). */
function weightedColumns(table: TableCandidate, rules: RuleSet | undefined): number[] {
  const mapping = rules ? mapEvaluation(table, rules) : undefined;
  return mapping ? Object.values(mapping.indicators).map((c) => c.column) : [];
}

/** The table the analyses join on and write beside the scoring's columns. */
export interface CustomerTable {
  table: TableCandidate;
  key: MappedColumn & { kind: 'name' | 'id' };
}

export interface PreparedAnalyses {
  primary: AnalysisKind;
  asOf: number;
  scoring?: PreparedRun;
  service?: PreparedService;
  rfm?: PreparedRfm;
  customers?: CustomerTable;
  /** The join's own warnings (survey customers the customer table lacks). */
  warnings: Warning[];
  /** How many survey customers the customer table lacks. */
  unknownServiceCustomers: number;
  /**
   * The workbook's table candidates (found with `knownRules`' headers) when the scoring did not
   * run: a caller that must still choose a weighted preset (the command, for the store) chooses
   * among them rather than scanning every sheet again.
   */
  candidates?: TableCandidate[];
}

export interface AnalysesRun {
  primary: AnalysisKind;
  asOf: number;
  scoring?: ScoringRun;
  service?: ServiceRun;
  rfm?: RfmRun;
  /** The table the analyses join on (the evaluation table when the scoring runs). */
  customers?: CustomerTable;
  /** The join's own warnings (the analyses' own are on each). */
  warnings: Warning[];
  unknownServiceCustomers: number;
  /** As PreparedAnalyses.candidates. */
  candidates?: TableCandidate[];
}

/** The rules each analysis is scored under: those it was prepared with, or edited ones. */
export interface AnalysesRules {
  scoring?: RuleSet;
  rfm?: RfmRules;
}

/** The tables the analyses read when the scoring does not run. */
export interface AnalysisTables {
  customers?: CustomerTable;
  service?: TableCandidate;
  transactions?: TransactionsMapping;
}

type Located = AnalysisTables & { candidates?: TableCandidate[] };

/**
 * The tables among the candidates when the scoring does not run: the follow-up log, the
 * survey and the transactions set aside, the customer table is the keyed table with the most
 * RFM columns, then the most rows. The add-in finds them in its scan with this (to read them),
 * the run again in what it read.
 */
export function locateAnalysisTables(candidates: readonly TableCandidate[]): AnalysisTables {
  let followUp: TableCandidate | undefined;
  let followUpFields = -1;
  for (const c of candidates) {
    const m = mapFollowUp(c);
    if (m && Object.keys(m.fields).length > followUpFields) {
      followUp = c;
      followUpFields = Object.keys(m.fields).length;
    }
  }
  const service = candidates
    .filter((c) => c !== followUp)
    .map((c) => ({ c, s: surveyColumns(c) }))
    .filter(({ s }) => s >= 3)
    .sort((a, b) => b.s - a.s)[0]?.c;
  const transactions = locateTransactions(candidates.filter((c) => c !== followUp && c !== service));
  let customers: CustomerTable | undefined;
  let best = -1;
  for (const c of candidates) {
    if (c === followUp || c === service || c === transactions?.table) continue;
    const m = mapRfmColumns(c);
    if (!m) continue;
    const rank = [m.recency, m.frequency, m.monetary].filter(Boolean).length * 1e9 + (c.box.lastRow - c.box.firstRow);
    if (rank > best) {
      best = rank;
      customers = { table: c, key: m.key };
    }
  }
  return { ...(customers ? { customers } : {}), ...(service ? { service } : {}), ...(transactions ? { transactions } : {}) };
}

function locateWithoutScoring(sheets: readonly SheetGrid[], knownRules: readonly RuleSet[]): Located {
  const candidates = findTableCandidates(sheets, knownHeaders(knownRules));
  return { ...locateAnalysisTables(candidates), candidates };
}

function gridOf(sheets: readonly SheetGrid[], name: string): SheetGrid {
  return sheets.find((s) => s.name === name)!;
}

/**
 * Reads what each analysis needs, once. Throws a ScoringError when the primary analysis's
 * tables are not there: 'no-table' / 'missing-columns' (scoring), 'no-service-table',
 * 'no-rfm-data'.
 */
export function prepareAnalyses(sheets: readonly SheetGrid[], options: AnalysesOptions): PreparedAnalyses {
  const { primary, asOf } = options;
  let scoring: PreparedRun | undefined;
  let located: Located;
  if (primary === 'scoring') {
    if (!options.scoring) throw new Error('the scoring analysis needs its rules');
    scoring = prepareWorkbook(sheets, { ...options.scoring, asOf });
    located = {
      customers: { table: scoring.evaluation.table, key: scoring.evaluation.key },
      ...(scoring.service ? { service: scoring.service } : {}),
      ...(scoring.transactions ? { transactions: scoring.transactions } : {}),
    };
  } else {
    located = locateWithoutScoring(sheets, options.knownRules ?? []);
  }

  // The customer table's rows left out, when the scoring (which reports them for its table) does not run.
  const joinWarnings: Warning[] = !scoring && located.customers ? skippedRows(located.customers.table) : [];
  let service: PreparedService | undefined;
  if (options.service && located.service) {
    let mapping = mapService(located.service, options.service);
    let translate: Map<string, string> | undefined;
    const home = located.customers;
    if (mapping && home && home.table !== mapping.table) {
      const joined = joinKeys(gridOf(sheets, home.table.sheet), home, mapping.table, mapping.key);
      if (joined.key) mapping = { ...mapping, key: joined.key };
      translate = joined.translate;
      if (joined.unmatched) joinWarnings.push({ code: 'join-key-kinds-differ', sheet: mapping.table.sheet });
    }
    if (mapping && mapping.dimensions.length > 0) {
      service = prepareService(gridOf(sheets, located.service.sheet), mapping, options.service);
      // The survey names its customers as the customer table's other key column does: each row takes the customer table's key.
      if (translate) for (const row of service.rows) row.key = translate.get(normaliseKey(row.key)) ?? row.key;
    }
  }
  if (primary === 'service' && !service) throw new ScoringError('no-service-table');

  let rfm: PreparedRfm | undefined;
  if (options.rfm) {
    const customers = located.customers;
    if (located.transactions) {
      const period = rfmPeriod(asOf, options.rfm, options.period);
      let transactions = located.transactions;
      let home: Parameters<typeof prepareRfmFromTransactions>[4];
      if (customers) {
        home = { sheet: gridOf(sheets, customers.table.sheet), table: customers.table, key: customers.key };
        const joined = joinKeys(gridOf(sheets, customers.table.sheet), customers, transactions.table, transactions.key);
        if (joined.key) transactions = { ...transactions, key: joined.key };
        if (joined.join) home = { ...home, join: joined.join };
        if (joined.unmatched) joinWarnings.push({ code: 'join-key-kinds-differ', sheet: transactions.table.sheet });
      }
      rfm = prepareRfmFromTransactions(gridOf(sheets, transactions.table.sheet), transactions, period, asOf, home);
    } else if (customers) {
      // The letters prefer the columns the weighted score does not read (mapRfmColumns); without
      // the scoring, those the weighted rules kept beside the run would read, so that RFM alone
      // (score --preset rfm) reads the letters the add-in reads beside the evaluation score.
      const scored = scoring
        ? Object.values(scoring.evaluation.indicators).map((c) => c.column)
        : weightedColumns(
            customers.table,
            options.keepRules ?? (options.knownRules?.length ? choosePresetFor([customers.table], options.knownRules) : undefined),
          );
      const columns = mapRfmColumns(customers.table, scored);
      if (columns?.recency && columns.frequency && columns.monetary) rfm = prepareRfmFromColumns(gridOf(sheets, customers.table.sheet), columns, asOf);
    }
  }
  if (primary === 'rfm' && !rfm) throw new ScoringError('no-rfm-data');

  // A churn risk in the scoring's flags for each customer RFM puts at risk (the same table's rows).
  if (scoring && rfm && rfm.table === scoring.evaluation.table) {
    const atRisk = new Set<number>();
    rfm.customers.forEach((c, i) => {
      if (rfm!.segments[i] === 'at-risk') for (const r of c.rows) atRisk.add(r);
    });
    for (const c of scoring.customers) {
      if (atRisk.has(c.row)) c.rfmAtRisk = true;
      else delete c.rfmAtRisk;
    }
  }

  const warnings: Warning[] = [...joinWarnings];
  let unknownServiceCustomers = 0;
  const customers = located.customers ?? (rfm ? { table: rfm.table, key: rfm.key } : undefined);
  if (service && customers && customers.table !== service.mapping.table) {
    const known = new Set<string>();
    const grid = gridOf(sheets, customers.table.sheet).rows;
    for (let r = customers.table.box.firstRow + 1; r <= customers.table.box.lastRow; r++) {
      const cell = grid[r]?.[customers.key.column];
      if (cell !== null && cell !== undefined && String(cell).trim() !== '') known.add(normaliseKey(String(cell).trim()));
    }
    const seen = new Map<string, { key: string; rows: number[] }>();
    for (const row of service.rows) {
      const norm = normaliseKey(row.key);
      if (known.has(norm)) continue;
      const entry = seen.get(norm);
      if (entry) entry.rows.push(row.row);
      else seen.set(norm, { key: row.key, rows: [row.row] });
    }
    const { table, key } = service.mapping;
    for (const { key: name, rows } of seen.values()) {
      warnings.push({ code: 'unknown-service-customer', key: name, addresses: rows.map((r) => cellAddress(table.sheet, r, key.column)) });
    }
    unknownServiceCustomers = seen.size;
  }
  return {
    primary,
    asOf,
    ...(scoring ? { scoring } : {}),
    ...(service ? { service } : {}),
    ...(rfm ? { rfm } : {}),
    ...(customers ? { customers } : {}),
    warnings,
    unknownServiceCustomers,
    ...(located.candidates ? { candidates: located.candidates } : {}),
  };
}

/** Scores the prepared analyses under their rules (the ones prepared with, or edited ones: other weights, bands, tiers). */
export function scoreAnalyses(prepared: PreparedAnalyses, rules: AnalysesRules): AnalysesRun {
  const scoring = prepared.scoring && rules.scoring ? scorePrepared(prepared.scoring, rules.scoring) : undefined;
  const rfm = prepared.rfm && rules.rfm ? scoreRfm(prepared.rfm, rules.rfm) : undefined;
  const service = prepared.service ? analyseService(prepared.service) : undefined;
  return {
    primary: prepared.primary,
    asOf: prepared.asOf,
    ...(scoring ? { scoring } : {}),
    ...(service ? { service } : {}),
    ...(rfm ? { rfm } : {}),
    ...(prepared.customers ? { customers: prepared.customers } : {}),
    warnings: [...prepared.warnings],
    unknownServiceCustomers: prepared.unknownServiceCustomers,
    ...(prepared.candidates ? { candidates: prepared.candidates } : {}),
  };
}

/** Prepares and scores every analysis the tables allow, under the rules given. */
export function runAnalyses(sheets: readonly SheetGrid[], options: AnalysesOptions): AnalysesRun {
  return scoreAnalyses(prepareAnalyses(sheets, options), {
    ...(options.scoring ? { scoring: options.scoring.rules } : {}),
    ...(options.rfm ? { rfm: options.rfm } : {}),
  });
}
