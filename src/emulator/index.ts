/**
 * The emulated Excel host: an in-memory workbook behind the part of the Excel JavaScript
 * API (office.js) the add-in uses, as strict as Excel about loads, syncs, limits and names.
 * For jest and the playground; production code never imports it.
 *
 *   const excel = await EmulatedExcel.fromXlsx(bytes);
 *   await excel.run(async (context) => { … });      // same code as with Excel.run
 *   excel.peek('客户评估', 'N3:N9').values;            // inspection, not office.js
 *
 * See context.ts for the request model (payload size, read limit, partial failure) and
 * client-object.ts for the proxy rules (PropertyNotLoaded, null objects).
 */
import { boxAddress, intersect, parseAddress, rangeAddress, type CellBox } from './address';
import { GENERAL, outputValue, parseInput } from './cells';
import { chartSeries, chartSourceAddress } from './chart-series';
import { describeConditionalFormat } from './conditional-format';
import type { Host } from './context';
import { EmulatorError, ErrorCodes, officeError } from './errors';
import { WorkbookModel, type SheetModel, type Visibility } from './model';
import { compareVersions, createOffice, type EmulatedOffice } from './office';
import { RequestContext } from './request-context';
import { applyInput, shiftRows, usedBox } from './sheet-ops';
import { createStats, type EmulatorStats } from './stats';

export { EmulatorError, ErrorCodes } from './errors';
export type { EmulatedOffice } from './office';
export type { EmulatorStats, RequestStats } from './stats';
export { RequestContext } from './request-context';

/** The newest ExcelApi requirement set (the emulator's default). */
export const NEWEST_API_VERSION = '1.21';

/**
 * Excel on the web's limits (the defaults): 5 MB per request and per response
 * (office-js "resource limits"), 5,000,000 cells per range read, 33,554,000 cells per
 * operation (OperationCellsExceedLimit, web only).
 */
export const WEB_LIMITS = {
  maxRequestBytes: 5 * 1024 * 1024,
  maxResponseBytes: 5 * 1024 * 1024,
  maxReadCells: 5_000_000,
  maxOperationCells: 33_554_000,
} as const;

/** Excel on Windows and Mac: no payload limits, the 5,000,000-cell range read remains. */
export const DESKTOP_LIMITS = { maxRequestBytes: Infinity, maxResponseBytes: Infinity, maxReadCells: 5_000_000, maxOperationCells: Infinity } as const;

export interface EmulatorOptions {
  /** Office.context.displayLanguage; also picks default names (图表 1 / Chart 1). Default zh-CN. */
  displayLanguage?: string;
  /** Highest ExcelApi requirement set supported. Default NEWEST_API_VERSION. */
  apiVersion?: string;
  /** Request size limit. Default 5 MB (Excel on the web). */
  maxRequestBytes?: number;
  /** Cells a single range may read; a larger one reads as null. Default 5,000,000. */
  maxReadCells?: number;
  /** Response size limit in bytes (JSON of the loaded cell values). Default 5 MB (Excel on the web). */
  maxResponseBytes?: number;
  /** Cells one operation may touch (a table column insert shifts cells). Default 33,554,000 (Excel on the web). */
  maxOperationCells?: number;
}

export interface PeekResult {
  address: string;
  values: unknown[][];
  numberFormat: string[][];
  fills: (string | null)[][];
}

export interface ChartView {
  name: string;
  type: string;
  title: string;
  sourceAddress: string;
  seriesBy: string;
  series: { name: string; values: unknown[]; categories: unknown[] }[];
  position?: { start: string; end?: string };
  legend: { position: string; visible: boolean };
}

export class EmulatedExcel {
  readonly stats: EmulatorStats = createStats();
  /** Things Excel would do that the emulator only notes (formulas written as values …). */
  readonly warnings: string[] = [];
  readonly office: EmulatedOffice;
  readonly run: typeof Excel.run;
  readonly options: Required<EmulatorOptions>;
  private readonly host: Host;
  private edit: { ended: Promise<void>; end: () => void } | undefined;
  private readonly editWaiters: (() => void)[] = [];
  private waitingForEdit = 0;
  private readonly requestListeners = new Set<(actions: readonly string[]) => void>();

  private constructor(
    private readonly model: WorkbookModel,
    options: EmulatorOptions,
    private readonly original: Uint8Array | undefined,
  ) {
    this.options = {
      displayLanguage: options.displayLanguage ?? 'zh-CN',
      apiVersion: options.apiVersion ?? NEWEST_API_VERSION,
      maxRequestBytes: options.maxRequestBytes ?? WEB_LIMITS.maxRequestBytes,
      maxReadCells: options.maxReadCells ?? WEB_LIMITS.maxReadCells,
      maxResponseBytes: options.maxResponseBytes ?? WEB_LIMITS.maxResponseBytes,
      maxOperationCells: options.maxOperationCells ?? WEB_LIMITS.maxOperationCells,
    };
    const { apiVersion } = this.options;
    this.host = {
      model,
      stats: this.stats,
      warnings: this.warnings,
      displayLanguage: this.options.displayLanguage,
      maxRequestBytes: this.options.maxRequestBytes,
      maxReadCells: this.options.maxReadCells,
      maxResponseBytes: this.options.maxResponseBytes,
      maxOperationCells: this.options.maxOperationCells,
      supportsApi: (version) => compareVersions(version, apiVersion) <= 0,
      cellEdit: () => this.edit?.ended,
      onWaitingForCellEdit: () => {
        this.waitingForEdit += 1;
        for (const wake of this.editWaiters.splice(0)) wake();
      },
      beforeRequest: (actions) => {
        for (const listener of [...this.requestListeners]) listener(actions);
      },
    };
    this.office = createOffice(this.options.displayLanguage, apiVersion);
    this.run = ((...args: unknown[]) => this.runBatch(args)) as unknown as typeof Excel.run;
  }

  /** A workbook read from .xlsx bytes: values, Excel tables, visibility, protection, charts, conditional formats. */
  static async fromXlsx(bytes: Uint8Array, options: EmulatorOptions = {}): Promise<EmulatedExcel> {
    const { loadXlsx } = await import('./xlsx-load');
    const model = await loadXlsx(bytes);
    return new EmulatedExcel(model, options, new Uint8Array(bytes));
  }

  /** A new workbook with one empty sheet, Sheet1. */
  static empty(options: EmulatorOptions = {}): EmulatedExcel {
    const model = new WorkbookModel();
    const sheet = model.addSheet('Sheet1', { name: 'Sheet1', visibility: 'Visible', protected: false });
    model.activeSheet = sheet;
    return new EmulatedExcel(model, options, undefined);
  }

  /** Sets `Excel`, `Office` and `OfficeExtension` on `target` (e.g. globalThis) for code that uses the globals. */
  install(target: object): void {
    Object.assign(target, {
      Excel: { run: this.run, RequestContext, ErrorCodes: errorCodeObject() },
      Office: this.office,
      OfficeExtension: { Error: EmulatorError, ErrorCodes: errorCodeObject() },
    });
  }

  /** The workbook as a real .xlsx (from the original file when there is one, so what the emulator does not model survives). */
  async toXlsx(): Promise<Uint8Array> {
    const { saveXlsx } = await import('./xlsx-save');
    return saveXlsx(this.model, this.original);
  }

  private async runBatch(args: unknown[]): Promise<unknown> {
    const batch = args[args.length - 1];
    if (typeof batch !== 'function') throw officeError('InvalidArgument', 'Excel.run', 'the last argument must be the batch function');
    const options = args.length > 1 && typeof args[0] === 'object' && args[0] !== null ? (args[0] as { delayForCellEdit?: unknown }) : {};
    const context = new RequestContext(this.host, options.delayForCellEdit === true);
    const result: unknown = batch(context);
    if (!result || typeof (result as { then?: unknown }).then !== 'function') throw officeError('RunMustReturnPromise', 'Excel.run');
    const value = await result;
    await context._flush();
    return value;
  }

  // ---- the user, for tests (not office.js) ----

  /**
   * The user starts typing in a cell: until endCellEdit, a request fails with
   * InvalidOperationInCellEditMode, or waits when its Excel.run asked for `delayForCellEdit`.
   */
  startCellEdit(): void {
    if (this.edit) return;
    let end!: () => void;
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    this.edit = { ended, end };
  }

  /** The user presses Enter: requests that waited run now. */
  endCellEdit(): void {
    const edit = this.edit;
    this.edit = undefined;
    edit?.end();
  }

  /** Resolves once `count` requests (in all) have started waiting for a cell edit to end. */
  whenWaitingForCellEdit(count = 1): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.waitingForEdit >= count) resolve();
        else this.editWaiters.push(check);
      };
      check();
    });
  }

  /**
   * Calls `listener` with the action names of every request (`Range.values`, `Range.load` …)
   * just before Excel runs it: a test acts there as the user or a co-author, at a known point
   * of the add-in's work. Returns the function that stops listening.
   */
  onRequest(listener: (actions: readonly string[]) => void): () => void {
    this.requestListeners.add(listener);
    return () => this.requestListeners.delete(listener);
  }

  /**
   * The user sorts the rows of `address`: `order` lists, top to bottom, which of its rows
   * (0-based within the range) goes there. Values, number formats and fills move with their
   * rows, as Excel's sort moves cells (nothing is typed again).
   */
  sortRows(sheet: string, address: string, order: readonly number[]): void {
    const s = this.sheet(sheet);
    const box = this.box(address);
    const height = box.lastRow - box.firstRow + 1;
    if (order.length !== height || new Set(order).size !== height || order.some((i) => !(i >= 0 && i < height))) {
      throw new Error(`sortRows: the order must list each of the ${height} rows once`);
    }
    // Excel refuses to sort across merged cells of different sizes; the emulator refuses any.
    const merged = s.merges.find((m) => intersect(m, box));
    if (merged) throw new Error(`sortRows: ${address} holds the merged area ${boxAddress(merged)}, which Excel's sort would refuse`);
    for (const grid of [s.values, s.formats, s.fills] as const) {
      const rows = (grid as typeof s.values).read(box, (v) => v);
      order.forEach((from, i) => {
        for (let c = box.firstCol; c <= box.lastCol; c++) (grid as typeof s.values).set(box.firstRow + i, c, rows[from]![c - box.firstCol]);
      });
    }
    s.markDirty(box.firstRow, box.lastRow, box.firstCol, box.lastCol);
    s.markStyled(box.firstRow, box.lastRow);
  }

  /**
   * The user inserts `count` blank rows before sheet row `row` (1-based, as Excel shows it):
   * cells below move down; tables, conditional formats and chart references below move, and
   * those that span the row grow, as in Excel.
   */
  insertRows(sheet: string, row: number, count = 1): void {
    shiftRows(this.model, this.sheet(sheet), row - 1, count);
  }

  /** The user deletes `count` rows from sheet row `row` (1-based): cells below move up; tables and the rest shrink or move. */
  deleteRows(sheet: string, row: number, count = 1): void {
    shiftRows(this.model, this.sheet(sheet), row - 1, -count);
  }

  // ---- inspection for tests (not office.js) ----

  sheetNames(): string[] {
    return this.model.sheets.map((s) => s.name);
  }

  /** Values (as Excel reports them), number formats and fills of a range (default: the used range). */
  peek(sheet: string, address?: string): PeekResult {
    const s = this.sheet(sheet);
    const box = address === undefined ? (usedBox(s, false) ?? { firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 0 }) : this.box(address);
    return {
      address: rangeAddress(s.name, box),
      values: s.values.read(box, outputValue),
      numberFormat: s.formats.read(box, (f) => f ?? GENERAL),
      fills: s.fills.read(box, (f) => f ?? null),
    };
  }

  /** The sheet Worksheet.activate or a selection last brought to the front. */
  activeSheet(): string | undefined {
    return this.model.activeSheet?.name;
  }

  /** What the add-in last selected (Range.select, RangeAreas.select): its sheet and blocks. */
  selection(): { sheet: string; boxes: CellBox[]; address: string } | undefined {
    const selection = this.model.selection;
    if (!selection) return undefined;
    return {
      sheet: selection.sheet.name,
      boxes: selection.boxes.map((b) => ({ ...b })),
      address: selection.boxes.map((b) => boxAddress(b)).join(', '),
    };
  }

  /** The sheet's merged areas (`A3:A4` …), top to bottom. */
  merges(sheet: string): string[] {
    return [...this.sheet(sheet).merges].sort((a, b) => a.firstRow - b.firstRow || a.firstCol - b.firstCol).map((b) => boxAddress(b));
  }

  tables(sheet: string): { name: string; range: string }[] {
    const s = this.sheet(sheet);
    return this.model.tablesOn(s).map((t) => ({ name: t.name, range: boxAddress(t.box) }));
  }

  charts(sheet: string): ChartView[] {
    const s = this.sheet(sheet);
    return this.model.chartsOn(s).map((c) => ({
      name: c.name,
      type: c.type,
      title: c.title.text,
      sourceAddress: chartSourceAddress(c),
      seriesBy: c.seriesBy,
      series: chartSeries(c, this.options.displayLanguage),
      ...(c.position ? { position: { ...c.position } } : {}),
      legend: { ...c.legend },
    }));
  }

  conditionalFormats(sheet: string): { address: string; type: string; rule: unknown; fill?: string; fontColor?: string }[] {
    return this.model.conditionalFormatsOn(this.sheet(sheet)).map(describeConditionalFormat);
  }

  protect(sheet: string): void {
    this.sheet(sheet).protected = true;
  }

  unprotect(sheet: string): void {
    this.sheet(sheet).protected = false;
  }

  visibility(sheet: string): Visibility {
    return this.sheet(sheet).visibility;
  }

  /**
   * A co-author's (or the user's) edit, applied at once, between syncs: the value is read as
   * typed input; null or '' clears. A range address takes a 2-D array of its size (or one value
   * for every cell).
   */
  editCell(sheet: string, address: string, value: unknown): void {
    const s = this.sheet(sheet);
    const { firstRow, firstCol, lastRow, lastCol } = this.box(address);
    const grid = Array.isArray(value) ? (value as unknown[][]) : undefined;
    if (grid && (grid.length !== lastRow - firstRow + 1 || grid.some((row) => !Array.isArray(row) || row.length !== lastCol - firstCol + 1))) {
      throw new Error(`editCell: the array does not have the size of ${address}`);
    }
    for (let r = firstRow; r <= lastRow; r++) {
      for (let c = firstCol; c <= lastCol; c++) {
        const v = grid ? grid[r - firstRow]![c - firstCol] : value;
        const input = v === null || v === undefined ? ({ kind: 'clear' } as const) : parseInput(v, s.formats.get(r, c), this.model.date1904);
        if (input.kind === 'invalid') throw new Error(`editCell: ${input.reason}`);
        s.markDirty(r, r, c, c);
        applyInput(this.host, s, r, c, input);
      }
    }
  }

  private sheet(name: string): SheetModel {
    const sheet = this.model.findSheet(name);
    if (!sheet) throw new Error(`The emulated workbook has no sheet "${name}" (it has ${this.sheetNames().join(', ')}).`);
    return sheet;
  }

  private box(address: string) {
    const parsed = parseAddress(address);
    if (!parsed) throw new Error(`"${address}" is not an A1 address`);
    return parsed.box;
  }
}

function errorCodeObject(): Record<string, string> {
  return { ...ErrorCodes };
}
