/**
 * The `score` command's work on files: read an .xlsx, score it, write a scored copy
 * (the input is never modified) and, on request, a JSON report.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { runAnalyses, type AnalysesRun, type AnalysisKind } from '../engine/analyses';
import type { ManagedColumnId } from '../engine/columns';
import { isScoringError, ScoringError } from '../engine/errors';
import { CHARTS_SHEET, RULES_SHEET } from '../engine/managed-sheets';
import { staleChartNames, SUMMARY_AREA, type ChartsSheetSpec } from '../engine/chart-specs';
import { groupColumns, MAX_GROUPS, serviceByGroup } from '../engine/charts';
import { analysesCharts, chartsSheetName } from '../i18n/charts';
import { analysesMappingOf, analysesRecordOf, analysesRulesOf, storeContents, storedRulesFromGrid, type StoredAnalyses } from '../engine/stored-rules';
import { describeProblem } from '../i18n/problems';
import { DEFAULT_MANAGED, type ManagedWrite } from '../engine/managed';
import type { AnalysesReport } from '../engine/report';
import type { PeriodChoice } from '../engine/rfm';
import { buildAnalysesReport, buildAnalysesWrite } from '../i18n/results';
import { anyRulesFromText, type AnyRules, type RfmRules, type RuleSet, type ServiceRules } from '../engine/rules';
import { choosePreset, choosePresetFor, locateTables, type ScoringOptions, type ScoringRun } from '../engine/run';
import { columnIndex, formatRange, parseRange } from '../engine/address';
import { indicatorNamed, type ColumnChoice } from '../engine/mapping';
import type { TableCandidate } from '../engine/tables';
import { compact } from '../engine/text';
import type { SheetGrid } from '../engine/types';
import type { Language } from '../i18n/strings';
import { allPresets, getPreset, getRfmPreset, getServicePreset, isAnalysisPresetId, type AnalysisPresetId, type PresetId } from '../presets';
import { readProblem, writeProblem, XlsxError } from './errors';
import { readWorkbook } from './read';
import { writeWorkbook, type CellsWrite, type SheetWrite } from './write';
import { MAX_COLS } from './write-common';

export interface ScoreFileOptions {
  input: string;
  /** A weighted preset, or `service` / `rfm`: the analysis asked for, whose rows the report lists. */
  preset?: PresetId | AnalysisPresetId;
  rulesFile?: string;
  /** Excel serial of the as-of date. */
  asOf: number;
  out?: string;
  json?: string;
  lang: Language;
  breakdown?: boolean;
  /** When the run happens (the run record's time and the store's savedAt); now by default. */
  now?: Date;
  /** Who runs it, for the run record ('' by default). */
  by?: string;
  /** `--map`: the column an indicator reads, as the user typed them (indicator by id or label, column by letter or header). */
  map?: readonly { indicator: string; column: string }[];
  /** `--without`: indicators (by id or label) the team does not track, scored without. */
  without?: readonly string[];
  /** `--period-from` / `--period-to` / `--period-months`: the period RFM counts a transactions table's purchases in. */
  period?: PeriodChoice;
  /** `--no-charts` gives false: no charts sheet is written or refreshed. Charts are drawn by default. */
  charts?: boolean;
  /** `--group-by`: the column (by header) whose values group the survey's customers in the group radar; 行业, else 规模 by default. */
  groupBy?: string;
}

export interface ScoreFileResult {
  /** The weighted scoring's run, when the run carries it (the primary is a weighted preset or rules). */
  run: ScoringRun | undefined;
  /** Every analysis the run carries (the scoring, the service survey, RFM) and which is the primary. */
  analyses: AnalysesRun;
  /** Where the rules came from: a preset, a rules file, or the rules stored in the workbook. */
  rulesSource: 'preset' | 'file' | 'workbook';
  /** Sentences worth telling beside the summary (stored rules that could not be used). */
  notices: string[];
  /** The JSON report: built when first asked for (and always when `json` is given), since at 100,000 customers it is a million objects the summary does not need. */
  readonly report: AnalysesReport & { rulesSource: ScoreFileResult['rulesSource'] };
  outPath: string;
  reportPath?: string;
}

export function defaultOutPath(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}.scored${ext || '.xlsx'}`);
}

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new ScoringError('file-unreadable', { file: path, reason: systemReason(e) });
  }
}

export async function loadRulesFile(path: string): Promise<AnyRules> {
  return anyRulesFromText(new TextDecoder().decode(await readInput(path)), path);
}

export async function readSheets(path: string): Promise<{ bytes: Uint8Array; sheets: SheetGrid[] }> {
  const bytes = await readInput(path);
  try {
    return { bytes, sheets: await readWorkbook(bytes) };
  } catch (e) {
    if (e instanceof XlsxError) throw readProblem(e, path);
    throw e;
  }
}

/** The managed columns as cell writes for the .xlsx writer: the tier cells carry their tier's colour, the RFM segment's cells their segment's. */
export function toSheetWrite(write: ManagedWrite): SheetWrite {
  const fillOf = (id: ManagedWrite['columns'][number]['id'], r: ManagedWrite['rows'][number]) =>
    id === 'tier' ? r.tierColor : id === 'segment' ? r.segmentColor : undefined;
  return {
    sheet: write.sheet,
    columns: write.columns.map((plan, i) => ({
      col: plan.column,
      headerRow: write.headerRow,
      header: plan.header,
      ...(plan.numberFormat ? { numberFormat: plan.numberFormat } : {}),
      values: write.rows.map((r) => {
        const fill = fillOf(plan.id, r);
        return { row: r.row, value: r.cells[i] ?? null, ...(fill ? { fill } : {}) };
      }),
    })),
    ...(write.tableRange ? { table: write.tableRange } : {}),
  };
}

/**
 * The writes of one sheet joined into one, where they can be (their columns apart, at most one
 * table to grow): the direct writer writes a sheet once per call, and a sheet written twice
 * goes to the slower excelize writer.
 */
export function mergeSheetWrites(writes: readonly SheetWrite[]): SheetWrite[] {
  const out: SheetWrite[] = [];
  for (const write of writes) {
    const same = out.find((w) => w.sheet === write.sheet && !(w.table && write.table) && !w.columns.some((a) => write.columns.some((b) => a.col === b.col)));
    if (!same) {
      out.push({ ...write, columns: [...write.columns] });
      continue;
    }
    same.columns.push(...write.columns);
    if (write.table) same.table = write.table;
  }
  return out;
}

/** The rules the run uses, where they came from, and which analysis is its primary. */
interface RunRules {
  primary: AnalysisKind;
  /** The weighted rules: the primary's when it is the scoring; else the ones to keep in the store. */
  rules: RuleSet | undefined;
  rulesSource: ScoreFileResult['rulesSource'];
  stored?: StoredAnalyses;
}

/**
 * The rules of the run: --rules, --preset (weighted, or service / rfm), else the rules stored
 * in the workbook (with the primary they were last run as), else the weighted preset its
 * tables fit best — or, when no table of the workbook is an evaluation table, the survey or RFM.
 */
function rulesOfRun(options: ScoreFileOptions, sheets: readonly SheetGrid[], rulesFile: AnyRules | undefined, notices: string[]): RunRules {
  const storeSheet = sheets.find((s) => s.name === RULES_SHEET);
  let stored: ReturnType<typeof storedRulesFromGrid> | undefined;
  let damage: string | undefined;
  try {
    if (storeSheet) stored = storedRulesFromGrid(storeSheet.rows);
  } catch (e) {
    if (!isScoringError(e)) throw e;
    damage = describeProblem(e.problem, options.lang);
  }
  // A damaged store is worth a sentence when its rules were the ones to use (neither --rules nor --preset).
  if (damage && !rulesFile && !options.preset) notices.push(damage);
  const storedAnalyses = stored?.analyses;
  if (rulesFile?.kind === 'weighted')
    return { primary: 'scoring', rules: rulesFile.rules, rulesSource: 'file', ...(storedAnalyses ? { stored: storedAnalyses } : {}) };
  if (rulesFile) {
    // The survey's or RFM's own rules (their preset copied and edited): that analysis is the run's, under them.
    const own = rulesFile.kind === 'service' ? { service: rulesFile.rules } : { rfm: rulesFile.rules };
    return { primary: rulesFile.kind, rules: stored?.rules, rulesSource: 'file', stored: { ...storedAnalyses, ...own } };
  }
  if (options.preset && isAnalysisPresetId(options.preset)) {
    return { primary: options.preset, rules: stored?.rules, rulesSource: 'preset', ...(storedAnalyses ? { stored: storedAnalyses } : {}) };
  }
  if (options.preset)
    return { primary: 'scoring', rules: getPreset(options.preset), rulesSource: 'preset', ...(storedAnalyses ? { stored: storedAnalyses } : {}) };
  if (stored) {
    const primary = storedAnalyses?.primary ?? 'scoring';
    return { primary, rules: stored.rules, rulesSource: 'workbook', ...(storedAnalyses ? { stored: storedAnalyses } : {}) };
  }
  const rules = choosePreset(sheets, allPresets());
  const evaluation = locateTables(sheets, rules).evaluation;
  if (!evaluation || evaluation.coverage < 0.5) {
    // No table covers half a preset's indicators: a workbook of a survey or of purchases alone is analysed as what it is.
    const fallback = (
      [
        ['service', getServicePreset()],
        ['rfm', getRfmPreset()],
      ] as const
    ).find(([kind]) => {
      try {
        runAnalyses(sheets, {
          primary: kind,
          asOf: options.asOf,
          service: getServicePreset(),
          rfm: getRfmPreset(),
          knownRules: allPresets(),
          ...(options.period ? { period: options.period } : {}),
        });
        return true;
      } catch (e) {
        if (isScoringError(e)) return false;
        throw e;
      }
    });
    if (fallback) return { primary: fallback[0], rules: undefined, rulesSource: 'preset' };
  }
  return { primary: 'scoring', rules, rulesSource: 'preset' };
}

/**
 * The charts sheet as the add-in writes it (src/excel/charts.ts), as cells and charts for the
 * .xlsx writer: the sheet of either language that the workbook has (else a new one in the
 * report's language), its summary area's old contents cleared, the title and the tables
 * written, the charts replaced by name, and our charts the spec does not hold removed.
 */
export function chartsSheetWrite(sheets: readonly SheetGrid[], spec: ChartsSheetSpec, lang: Language): CellsWrite {
  const existing = sheets.find((s) => s.name === CHARTS_SHEET.zh) ?? sheets.find((s) => s.name === CHARTS_SHEET.en);
  const cells = new Map<number, CellsWrite['cells'][number]>();
  const put = (row: number, col: number, value: string | number | null) => cells.set(row * MAX_COLS + col, { row, col, value });
  const area = parseRange(SUMMARY_AREA);
  existing?.rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value !== null && value !== undefined && value !== '' && r <= area.lastRow && c <= area.lastCol) put(r, c, null);
    }),
  );
  put(0, 0, spec.title);
  for (const chart of spec.charts) {
    const box = parseRange(chart.table.address);
    chart.table.values.forEach((row, r) => row.forEach((value, c) => put(box.firstRow + r, box.firstCol + c, value === '' ? null : value)));
  }
  return { sheet: existing?.name ?? chartsSheetName(lang), cells: [...cells.values()], charts: spec.charts, staleCharts: staleChartNames(spec.charts) };
}

export async function scoreFile(options: ScoreFileOptions): Promise<ScoreFileResult> {
  const outPath = options.out ?? defaultOutPath(options.input);
  if (resolve(outPath) === resolve(options.input)) {
    throw new ScoringError('bad-option', { option: 'out-is-input' });
  }
  // A rules file is read (and refused) before the workbook.
  const rulesFile = options.rulesFile ? await loadRulesFile(options.rulesFile) : undefined;
  const { bytes, sheets } = await readSheets(options.input);
  const notices: string[] = [];
  const chosen = rulesOfRun(options, sheets, rulesFile, notices);
  const { primary, rulesSource, rules } = chosen;
  if (primary !== 'scoring' && ((options.map?.length ?? 0) > 0 || (options.without?.length ?? 0) > 0)) {
    throw new ScoringError('bad-option', { option: 'map-needs-scoring' });
  }
  const serviceRules: ServiceRules = chosen.stored?.service ?? getServicePreset();
  const rfmRules: RfmRules = chosen.stored?.rfm ?? getRfmPreset();
  const analyses = runAnalyses(sheets, {
    primary,
    asOf: options.asOf,
    service: serviceRules,
    rfm: rfmRules,
    knownRules: allPresets(),
    ...(primary === 'scoring' ? { scoring: scoringOptions(sheets, rules!, options) } : rules ? { keepRules: rules } : {}),
    ...(options.period ? { period: options.period } : {}),
  });
  const run = analyses.scoring;
  if (options.groupBy !== undefined) checkGroupBy(analyses, sheets, options.groupBy);
  const wanted: ManagedColumnId[] = options.breakdown ? [...DEFAULT_MANAGED, 'breakdown'] : [...DEFAULT_MANAGED];
  const gridOf = (name: string) => sheets.find((s) => s.name === name)!.rows;
  const writes = buildAnalysesWrite(analyses, gridOf, options.lang, wanted);
  let built: ScoreFileResult['report'] | undefined;
  const report = (): ScoreFileResult['report'] => {
    if (built) return built;
    built = { ...buildAnalysesReport(analyses, options.lang), rulesSource };
    built.warnings.unshift(...notices);
    return built;
  };

  // The rules used, the mapping and a run record go into the copy as the add-in stores them
  // (a very hidden sheet), so that they travel with the file whichever way it was scored. A run
  // without the scoring keeps the weighted rules the store had (or those the tables fit best).
  const now = options.now ?? new Date();
  const previousStore = sheets.find((s) => s.name === RULES_SHEET)?.rows;
  // Chosen among the tables the analyses found with the same presets' headers, rather than scanning every sheet again.
  const keptRules = run?.rules ?? rules ?? (analyses.candidates ? choosePresetFor(analyses.candidates, allPresets()) : choosePreset(sheets, allPresets()));
  const store = storeContents(
    previousStore,
    keptRules,
    analysesMappingOf(analyses),
    await analysesRecordOf(analyses, now, options.by ?? ''),
    now,
    analysesRulesOf(analyses),
  );

  let scored: Uint8Array;
  try {
    // One save for the managed columns and the store: a failure leaves no output file.
    // The charts of the analyses the run carries; none with --no-charts.
    const spec =
      options.charts === false ? undefined : analysesCharts(analyses, sheets, options.lang, options.groupBy !== undefined ? { groupBy: options.groupBy } : {});
    const charts = spec ? [chartsSheetWrite(sheets, spec, options.lang)] : [];
    scored = await writeWorkbook(bytes, mergeSheetWrites(writes.map(toSheetWrite)), [
      ...charts,
      { sheet: RULES_SHEET, cells: store, visibility: 'veryHidden' },
    ]);
  } catch (e) {
    if (!(e instanceof XlsxError)) throw e;
    throw writeProblem(e, outPath);
  }
  // Write beside the target and rename, so that a failure leaves no half-written file.
  await writeAtomically(outPath, scored);
  if (options.json) await writeAtomically(options.json, new TextEncoder().encode(`${JSON.stringify(report(), null, 2)}\n`));
  return {
    run,
    analyses,
    outPath,
    rulesSource,
    notices,
    ...(options.json ? { reportPath: options.json } : {}),
    get report() {
      return report();
    },
  };
}

/**
 * Refuses a --group-by the run cannot chart, with one sentence: without a service survey, a
 * column neither the survey nor the customer table has (naming the columns that group), or
 * one with more groups than the chart shows.
 */
function checkGroupBy(analyses: AnalysesRun, sheets: readonly SheetGrid[], groupBy: string): void {
  if (!analyses.service) throw new ScoringError('bad-option', { option: 'group-by-no-service', value: groupBy });
  const radar = serviceByGroup(analyses, sheets, groupBy);
  if (!radar) {
    const known = groupColumns(analyses, sheets).map((c) => c.header);
    if (known.length === 0) throw new ScoringError('bad-option', { option: 'group-by-nothing', value: groupBy });
    throw new ScoringError('bad-option', { option: 'group-by', value: groupBy, knownZh: known.join('、'), knownEn: known.join(', ') });
  }
  const groups = radar.series.filter((s) => s.group !== null).length;
  if (groups > MAX_GROUPS) throw new ScoringError('bad-option', { option: 'group-by-groups', value: radar.column.header, groups, max: MAX_GROUPS });
}

/** The indicator of the rules the user's words name (id, zh or en label), or a bad-option error of `option`. */
function indicatorOf(rules: RuleSet, text: string, option: 'map-indicator' | 'without-indicator'): string {
  const id = indicatorNamed(rules, text);
  if (id) return id;
  throw new ScoringError('bad-option', {
    option,
    value: text,
    rulesZh: rules.label.zh,
    rulesEn: rules.label.en,
    knownZh: rules.indicators.map((i) => `${i.id}（${i.label.zh}）`).join('、'),
    knownEn: rules.indicators.map((i) => `${i.id} (${i.label.en})`).join(', '),
  });
}

/** The header of the table's column the user named, by its header or its letter; undefined when there is none. */
function headerNamed(t: TableCandidate, text: string): string | undefined {
  const wanted = compact(text);
  const byHeader = t.headers.find((h) => h !== '' && compact(h) === wanted);
  if (byHeader !== undefined) return byHeader;
  if (!/^[a-z]{1,3}$/i.test(text.trim())) return undefined;
  const index = columnIndex(text.trim().toUpperCase()) - t.box.firstCol;
  const header = t.headers[index];
  return header ? header : undefined;
}

/**
 * The scoring's options with the user's --map and --without: the evaluation table is located as
 * usual, then each --map names a column of it; a name that fits nothing is refused with one
 * sentence.
 */
function scoringOptions(sheets: readonly SheetGrid[], rules: RuleSet, options: ScoreFileOptions): Omit<ScoringOptions, 'asOf'> {
  const without = [...new Set((options.without ?? []).map((w) => indicatorOf(rules, w, 'without-indicator')))];
  const maps = (options.map ?? []).map((m) => ({ id: indicatorOf(rules, m.indicator, 'map-indicator'), column: m.column }));
  const both = maps.find((m) => without.includes(m.id));
  if (both) {
    const label = rules.indicators.find((i) => i.id === both.id)!.label;
    throw new ScoringError('bad-option', { option: 'map-and-without', valueZh: label.zh, valueEn: label.en });
  }
  if (maps.length === 0) return { rules, without };
  const located = locateTables(sheets, rules, [], { asOf: options.asOf, without });
  if (!located.evaluation) throw new ScoringError('no-table', { preset: rules.id });
  const table = located.evaluation.table;
  const columns: ColumnChoice = {};
  for (const m of maps) {
    const header = headerNamed(table, m.column);
    if (header === undefined)
      throw new ScoringError('bad-option', { option: 'map-column', value: m.column, sheet: table.sheet, range: formatRange(table.box) });
    columns[m.id] = header;
  }
  return {
    rules,
    columns,
    without,
    tables: {
      evaluation: table,
      followUp: located.followUp?.table ?? null,
      service: located.service ?? null,
      transactions: located.transactions?.table ?? null,
    },
  };
}

async function writeAtomically(path: string, data: Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (e) {
    // The temporary file may not exist, or its folder not be one (ENOTDIR): the write's own error is the one to tell.
    await rm(temp, { force: true }).catch(() => undefined);
    throw new ScoringError('write-failed', { file: path, reason: systemReason(e) });
  }
}

/** A file system error as a reason the i18n can say: its errno code ('unknown' without one), never its English message. */
function systemReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code !== '' ? code : 'unknown';
}
