/**
 * The state of the emulated workbook: sheets (cells as rows of arrays), tables, charts and
 * conditional formats. Proxies reach it only while a sync runs; tests inspect it through
 * EmulatedExcel. Nothing here knows about proxies or requests.
 */
import { Grid } from './grid';
import type { CellValue } from './cells';
import type { CellBox } from './address';

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface SheetOrigin {
  /** The sheet's name in the file the emulator was loaded from (or the blank workbook). */
  name: string;
  visibility: Visibility;
  protected: boolean;
}

export class SheetModel {
  readonly values = new Grid<CellValue>();
  readonly formats = new Grid<string>();
  readonly fills = new Grid<string>();
  readonly columnWidths = new Map<number, number>();
  /** Number of the next default chart name (`Chart <n>`); names are not reused, as in Excel. */
  nextChartNumber = 1;
  visibility: Visibility = 'Visible';
  protected = false;
  deleted = false;
  /** Cells written since load: per row, the first and last column touched. */
  readonly dirtyRows = new Map<number, { from: number; to: number }>();
  /** Rows whose number formats or fills were set since load. */
  readonly styledRows = new Set<number>();
  /**
   * Merged areas, as Excel keeps them: the value lives in the area's top-left cell, the other
   * cells are blank. They move with inserted or deleted rows and cells (sheet-ops.ts).
   */
  merges: CellBox[] = [];
  /** The merged areas of the file the sheet was loaded from (xlsx-save.ts writes the difference). */
  originMerges: CellBox[] = [];

  constructor(
    readonly id: number,
    public name: string,
    public origin?: SheetOrigin,
  ) {}

  markDirty(firstRow: number, lastRow: number, firstCol: number, lastCol: number): void {
    for (let r = firstRow; r <= lastRow; r++) {
      const span = this.dirtyRows.get(r);
      if (span) {
        span.from = Math.min(span.from, firstCol);
        span.to = Math.max(span.to, lastCol);
      } else {
        this.dirtyRows.set(r, { from: firstCol, to: lastCol });
      }
    }
  }

  markStyled(firstRow: number, lastRow: number): void {
    for (let r = firstRow; r <= lastRow; r++) this.styledRows.add(r);
  }
}

export interface TableOrigin {
  name: string;
  range: CellBox;
}

export class TableModel {
  deleted = false;
  constructor(
    readonly id: number,
    public name: string,
    public sheet: SheetModel,
    /** Header row, body and totals row. */
    public box: CellBox,
    /** One stable id per column, left to right. */
    public columnIds: number[],
    public showTotals = false,
    public showHeaders = true,
    public style = 'TableStyleMedium2',
    public origin?: TableOrigin,
  ) {}
}

/** A reference to cells on a sheet (chart series parts). */
export interface CellRef {
  sheet: SheetModel;
  box: CellBox;
}

/** A series as stored in a file: references to its name, categories and values. */
export interface ExplicitSeries {
  name?: CellRef | string;
  categories?: CellRef;
  values?: CellRef;
}

export interface ChartOrigin {
  /** Top-left anchor cell in the file (excelize deletes charts by it). */
  anchor: string;
}

export class ChartModel {
  deleted = false;
  /** True once the emulator changed anything of a chart that came from the file. */
  changed = false;
  title: { text: string; visible: boolean } = { text: '', visible: true };
  legend: { position: string; visible: boolean } = { position: 'Right', visible: true };
  position?: { start: string; end?: string };
  size = { width: 360, height: 216, top: 0, left: 0 };
  /** Names given to series (by index), overriding the ones from the cells. */
  seriesNames = new Map<number, string>();

  constructor(
    readonly id: number,
    public name: string,
    public sheet: SheetModel,
    public type: string,
    /** The range given to charts.add / setData; undefined for a chart read from a file. */
    public source: CellRef | undefined,
    public seriesBy: 'Columns' | 'Rows',
    public explicitSeries: ExplicitSeries[] = [],
    public origin?: ChartOrigin,
  ) {}
}

export interface ConditionalFormatOrigin {
  sqref: string;
}

export class ConditionalFormatModel {
  deleted = false;
  /** True once the emulator changed a rule that came from the file. */
  changed = false;
  rule: Record<string, unknown> | undefined;
  fill: string | undefined;
  fontColor: string | undefined;
  stopIfTrue = false;

  constructor(
    readonly id: number,
    public sheet: SheetModel,
    public box: CellBox,
    public type: string,
    public priority: number,
    public origin?: ConditionalFormatOrigin,
  ) {}
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  charts: ChartModel[] = [];
  conditionalFormats: ConditionalFormatModel[] = [];
  /** Sheets of the original file that were deleted (by their original name). */
  deletedOrigins: SheetOrigin[] = [];
  deletedTables: TableOrigin[] = [];
  deletedCharts: { sheet: SheetModel; origin: ChartOrigin }[] = [];
  removedConditionalFormats: { sheet: SheetModel; origin: ConditionalFormatOrigin }[] = [];
  activeSheet: SheetModel | undefined;
  /** The workbook counts dates from 1904-01-01 (`workbookPr date1904`). */
  date1904 = false;
  /** What Range.select / RangeAreas.select last selected; undefined when nothing was. */
  selection: { sheet: SheetModel; boxes: CellBox[] } | undefined;
  private nextId = 1;

  newId(): number {
    return this.nextId++;
  }

  findSheet(name: string): SheetModel | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  findTable(name: string): TableModel | undefined {
    const key = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === key);
  }

  addSheet(name: string, origin?: SheetOrigin): SheetModel {
    const sheet = new SheetModel(this.newId(), name, origin);
    this.sheets.push(sheet);
    return sheet;
  }

  tablesOn(sheet: SheetModel): TableModel[] {
    return this.tables.filter((t) => t.sheet === sheet);
  }

  chartsOn(sheet: SheetModel): ChartModel[] {
    return this.charts.filter((c) => c.sheet === sheet);
  }

  conditionalFormatsOn(sheet: SheetModel): ConditionalFormatModel[] {
    return this.conditionalFormats.filter((f) => f.sheet === sheet).sort((a, b) => a.priority - b.priority);
  }

  deleteSheet(sheet: SheetModel): void {
    sheet.deleted = true;
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (sheet.origin) this.deletedOrigins.push(sheet.origin);
    for (const table of this.tablesOn(sheet)) table.deleted = true;
    for (const chart of this.chartsOn(sheet)) chart.deleted = true;
    for (const format of this.conditionalFormatsOn(sheet)) format.deleted = true;
    this.tables = this.tables.filter((t) => !t.deleted);
    this.charts = this.charts.filter((c) => !c.deleted);
    this.conditionalFormats = this.conditionalFormats.filter((f) => !f.deleted);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets.find((s) => s.visibility === 'Visible');
    if (this.selection?.sheet === sheet) this.selection = undefined;
  }

  deleteChart(chart: ChartModel): void {
    chart.deleted = true;
    this.charts = this.charts.filter((c) => c !== chart);
    if (chart.origin) this.deletedCharts.push({ sheet: chart.sheet, origin: chart.origin });
  }

  deleteConditionalFormat(format: ConditionalFormatModel): void {
    format.deleted = true;
    this.conditionalFormats = this.conditionalFormats.filter((f) => f !== format);
    if (format.origin) this.removedConditionalFormats.push({ sheet: format.sheet, origin: format.origin });
  }
}
