/** Workbook, Application, WorksheetCollection, Worksheet, WorksheetProtection. */
import { ClientCollection, ClientObject, resultAction, type ClientResult, type Resolver } from './client-object';
import type { Execution, RequestContextCore } from './context';
import { officeError } from './errors';
import type { SheetModel, Visibility, WorkbookModel } from './model';
import { areasOnSheet, Range, rangeOnSheet, type RangeAreas } from './range';
import { assertWritable, usedBox } from './sheet-ops';
import { TableCollection } from './table';
import { ChartCollection } from './chart';
import { insideGrid, MAX_ROWS } from './address';
import { DAYS_1900_TO_1904 } from './cells';

const VISIBILITIES = new Set<Visibility>(['Visible', 'Hidden', 'VeryHidden']);

export class Workbook extends ClientObject<WorkbookModel> {
  readonly _type = 'Workbook';
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  readonly application: Application;
  private _functions: Functions | undefined = undefined;

  constructor(context: RequestContextCore) {
    super(context, (x) => x.model);
    this.worksheets = new WorksheetCollection(context);
    this.tables = new TableCollection(context, undefined);
    this.application = new Application(context);
    Object.preventExtensions(this);
  }

  /** Worksheet functions (ExcelApi 1.2); the emulator evaluates DATE only. */
  get functions(): Functions {
    this.context._requireApi('1.2', 'Workbook.functions');
    return (this._functions ??= new Functions(this.context));
  }
}

/** `workbook.functions`: Excel's worksheet functions evaluated on request; only DATE is modelled. */
export class Functions extends ClientObject<WorkbookModel> {
  readonly _type = 'Functions';

  constructor(context: RequestContextCore) {
    super(context, (x) => x.model);
    Object.preventExtensions(this);
  }

  /** DATE(year, month, day) in the workbook's date system: 1904-01-01 is 0 in the 1904 system, 1462 in the 1900 one. */
  date(year: number, month: number, day: number): FunctionResult {
    return new FunctionResult(this.context, (x) => {
      const y = year >= 0 && year < 1900 ? year + 1900 : year;
      if (![y, month, day].every(Number.isInteger) || y > 9999) return { value: null, error: '#NUM!' };
      const ms = Date.UTC(y, month - 1, 1) + (day - 1) * 86_400_000;
      let serial = (ms - Date.UTC(1899, 11, 30)) / 86_400_000;
      if (x.model.date1904) serial -= DAYS_1900_TO_1904;
      else if (serial < 61) serial -= 1;
      return serial < 0 ? { value: null, error: '#NUM!' } : { value: serial, error: null };
    });
  }
}

/** The result of a worksheet function: `value`, or `error` (#NUM! …), after load and sync. */
export class FunctionResult extends ClientObject<{ value: number | null; error: string | null }> {
  readonly _type = 'FunctionResult';

  constructor(context: RequestContextCore, resolver: Resolver<{ value: number | null; error: string | null }>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return {
      value: (r: { value: number | null }) => r.value,
      error: (r: { error: string | null }) => r.error,
    };
  }

  get value(): number {
    return this._get('value');
  }
  get error(): string {
    return this._get('error');
  }
}

export class Application extends ClientObject<WorkbookModel> {
  readonly _type = 'Application';

  constructor(context: RequestContextCore) {
    super(context, (x) => x.model);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { calculationMode: () => 'Automatic' };
  }

  get calculationMode(): string {
    return this._get('calculationMode');
  }

  /** Accepted; counted in stats.suspendCalls when the request runs. */
  suspendApiCalculationUntilNextSync(): void {
    this.context._requireApi('1.6', 'Application.suspendApiCalculationUntilNextSync');
    this._invoke('suspendApiCalculationUntilNextSync', [], (x) => {
      x.host.stats.suspendCalls += 1;
    });
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.context._requireApi('1.9', 'Application.suspendScreenUpdatingUntilNextSync');
    this._invoke('suspendScreenUpdatingUntilNextSync', [], (x) => {
      x.host.stats.screenUpdatingSuspends += 1;
    });
  }
}

export class WorksheetCollection extends ClientCollection<Worksheet, SheetModel> {
  readonly _type = 'WorksheetCollection';

  constructor(context: RequestContextCore) {
    super(context, (x) => x.model.sheets);
    Object.preventExtensions(this);
  }

  protected _createItem(sheet: SheetModel): Worksheet {
    return new Worksheet(this.context, this._boundTo(sheet, 'Worksheet'));
  }

  protected _alive(sheet: SheetModel): boolean {
    return !sheet.deleted;
  }

  getItem(key: string): Worksheet {
    return new Worksheet(this.context, stickySheet(key, false, 'WorksheetCollection.getItem'));
  }

  getItemOrNullObject(key: string): Worksheet {
    this.context._requireApi('1.4', 'WorksheetCollection.getItemOrNullObject');
    return new Worksheet(this.context, stickySheet(key, true, 'WorksheetCollection.getItemOrNullObject'))._instantiate('getItemOrNullObject');
  }

  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, (x) => x.model.activeSheet ?? x.model.sheets[0] ?? null);
  }

  getFirst(visibleOnly = false): Worksheet {
    return new Worksheet(this.context, (x) => {
      const sheet = x.model.sheets.find((s) => !visibleOnly || s.visibility === 'Visible');
      if (!sheet) throw officeError('ItemNotFound', 'WorksheetCollection.getFirst');
      return sheet;
    });
  }

  getLast(visibleOnly = false): Worksheet {
    return new Worksheet(this.context, (x) => {
      const sheet = [...x.model.sheets].reverse().find((s) => !visibleOnly || s.visibility === 'Visible');
      if (!sheet) throw officeError('ItemNotFound', 'WorksheetCollection.getLast');
      return sheet;
    });
  }

  getCount(visibleOnly = false): ClientResult<number> {
    this.context._requireApi('1.4', 'WorksheetCollection.getCount');
    return resultAction(
      this.context,
      'WorksheetCollection.getCount',
      [visibleOnly],
      (x) => x.model.sheets.filter((s) => !visibleOnly || s.visibility === 'Visible').length,
    );
  }

  /** Adds a sheet at the end (name default `Sheet<n>`); ItemAlreadyExists when the name is taken. */
  add(name?: string): Worksheet {
    let created: SheetModel | undefined;
    this._invoke('add', [name ?? null], (x) => {
      const model = x.model;
      let sheetName = name;
      if (sheetName === undefined || sheetName === null) {
        let n = model.sheets.length + 1;
        while (model.findSheet(`Sheet${n}`)) n++;
        sheetName = `Sheet${n}`;
      }
      checkSheetName(sheetName, 'WorksheetCollection.add');
      if (model.findSheet(sheetName)) throw officeError('ItemAlreadyExists', 'WorksheetCollection.add', `a sheet named "${sheetName}" exists`);
      created = model.addSheet(sheetName);
    });
    return new Worksheet(this.context, () => {
      if (!created) throw officeError('ItemNotFound', 'WorksheetCollection.add', 'the sheet was not added');
      if (created.deleted) throw officeError('ItemNotFound', 'Worksheet', 'the sheet was deleted');
      return created;
    });
  }
}

/** A sheet found by name (case-insensitive) or id, then bound to that sheet for later requests. */
function stickySheet(key: string, orNull: boolean, location: string): Resolver<SheetModel> {
  let bound: SheetModel | undefined;
  return (x) => {
    if (bound && !bound.deleted) return bound;
    if (bound) throw officeError('ItemNotFound', location, `the sheet "${key}" was deleted`);
    const sheet = typeof key === 'string' ? (x.model.findSheet(key) ?? x.model.sheets.find((s) => sheetId(s) === key)) : undefined;
    if (!sheet) {
      if (orNull) return null;
      throw officeError('ItemNotFound', location, `no sheet named "${String(key)}"`);
    }
    bound = sheet;
    return sheet;
  };
}

export function sheetId(sheet: SheetModel): string {
  return `{${sheet.id.toString(16).toUpperCase().padStart(8, '0')}-0001-0000-0000-000000000000}`;
}

/** Excel's rules for sheet names: 1–31 characters, none of : \ / ? * [ ], no apostrophe at either end. */
export function checkSheetName(name: unknown, location: string): asserts name is string {
  const ok =
    typeof name === 'string' &&
    name.length >= 1 &&
    name.length <= 31 &&
    !/[:\\/?*[\]]/.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    name.toLowerCase() !== 'history';
  if (!ok) throw officeError('InvalidArgument', location, `"${String(name)}" is not a valid sheet name`);
}

export class Worksheet extends ClientObject<SheetModel> {
  readonly _type = 'Worksheet';
  private _protection: WorksheetProtection | undefined = undefined;
  private _tables: TableCollection | undefined = undefined;
  private _charts: ChartCollection | undefined = undefined;

  constructor(context: RequestContextCore, resolver: Resolver<SheetModel>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return {
      name: (s: SheetModel) => s.name,
      id: (s: SheetModel) => sheetId(s),
      position: (s: SheetModel, x: Execution) => x.model.sheets.indexOf(s),
      visibility: (s: SheetModel) => s.visibility,
    };
  }

  protected override _navigations() {
    return { protection: () => this.protection, tables: () => this.tables, charts: () => this.charts };
  }

  get name(): string {
    return this._get('name');
  }
  set name(name: string) {
    this._set('name', name, (sheet, x) => {
      checkSheetName(name, 'Worksheet.name');
      assertWritable(sheet, 'Worksheet.name');
      const other = x.model.findSheet(name);
      if (other && other !== sheet) throw officeError('ItemAlreadyExists', 'Worksheet.name', `a sheet named "${name}" exists`);
      sheet.name = name;
    });
  }

  get id(): string {
    return this._get('id');
  }

  get position(): number {
    return this._get('position');
  }
  set position(position: number) {
    this._set('position', position, (sheet, x) => {
      const sheets = x.model.sheets;
      if (!Number.isInteger(position) || position < 0 || position >= sheets.length) {
        throw officeError('InvalidArgument', 'Worksheet.position', `position ${position} of ${sheets.length} sheets`);
      }
      sheets.splice(sheets.indexOf(sheet), 1);
      sheets.splice(position, 0, sheet);
    });
  }

  get visibility(): Visibility {
    return this._get('visibility');
  }
  set visibility(visibility: Visibility) {
    this._set('visibility', visibility, (sheet, x) => {
      if (!VISIBILITIES.has(visibility)) throw officeError('InvalidArgument', 'Worksheet.visibility', `"${String(visibility)}"`);
      if (visibility !== 'Visible' && sheet.visibility === 'Visible' && x.model.sheets.filter((s) => s.visibility === 'Visible').length === 1) {
        throw officeError('InvalidOperation', 'Worksheet.visibility', 'a workbook must keep at least one visible sheet');
      }
      sheet.visibility = visibility;
      if (visibility !== 'Visible' && x.model.activeSheet === sheet) x.model.activeSheet = x.model.sheets.find((s) => s.visibility === 'Visible');
    });
  }

  get protection(): WorksheetProtection {
    return (this._protection ??= new WorksheetProtection(this.context, (x) => this._entity(x)));
  }

  get tables(): TableCollection {
    return (this._tables ??= new TableCollection(this.context, (x) => this._entity(x)));
  }

  get charts(): ChartCollection {
    return (this._charts ??= new ChartCollection(this.context, (x) => this._entity(x)));
  }

  /** A range by A1 address (`B3:M9`, `A1`; whole columns or rows are not supported); no address: the whole sheet. */
  getRange(address?: string): Range {
    return rangeOnSheet(this.context, (x) => this._entity(x), address ?? `A1:XFD${MAX_ROWS}`, 'Worksheet.getRange');
  }

  /** Several blocks of this sheet, "A5:N5, A9:N11" (ExcelApi 1.9). */
  getRanges(address: string): RangeAreas {
    this.context._requireApi('1.9', 'Worksheet.getRanges');
    return areasOnSheet(this.context, (x) => this._entity(x), address, 'Worksheet.getRanges');
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    this.context._requireApi('1.7', 'Worksheet.getRangeByIndexes');
    return new Range(this.context, (x) => {
      const sheet = this._entity(x);
      if (!sheet) return null;
      const box = { firstRow: startRow, firstCol: startColumn, lastRow: startRow + rowCount - 1, lastCol: startColumn + columnCount - 1 };
      if (![startRow, startColumn, rowCount, columnCount].every(Number.isInteger) || !insideGrid(box)) {
        throw officeError('InvalidArgument', 'Worksheet.getRangeByIndexes', `${startRow}, ${startColumn}, ${rowCount}, ${columnCount}`);
      }
      return { sheet, box };
    });
  }

  getCell(row: number, column: number): Range {
    return this.getRangeByIndexesAt(row, column);
  }

  private getRangeByIndexesAt(row: number, column: number): Range {
    return new Range(this.context, (x) => {
      const sheet = this._entity(x);
      if (!sheet) return null;
      const box = { firstRow: row, firstCol: column, lastRow: row, lastCol: column };
      if (!Number.isInteger(row) || !Number.isInteger(column) || !insideGrid(box))
        throw officeError('InvalidArgument', 'Worksheet.getCell', `${row}, ${column}`);
      return { sheet, box };
    });
  }

  /** The used range (values, and formats unless valuesOnly); A1 for a blank sheet. */
  getUsedRange(valuesOnly = false): Range {
    return new Range(this.context, (x) => {
      const sheet = this._entity(x);
      if (!sheet) return null;
      return { sheet, box: usedBox(sheet, valuesOnly) ?? { firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 0 } };
    });
  }

  /** The used range, or a null object for a blank sheet. */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    this.context._requireApi('1.4', 'Worksheet.getUsedRangeOrNullObject');
    return new Range(this.context, (x) => {
      const sheet = this._entity(x);
      if (!sheet) return null;
      const box = usedBox(sheet, valuesOnly);
      return box ? { sheet, box } : null;
    })._instantiate('getUsedRangeOrNullObject');
  }

  delete(): void {
    this._invoke('delete', [], (x) => {
      const sheet = this._required(x, 'Worksheet.delete');
      assertWritable(sheet, 'Worksheet.delete');
      const visible = x.model.sheets.filter((s) => s.visibility === 'Visible');
      if (visible.length === 1 && visible[0] === sheet)
        throw officeError('InvalidOperation', 'Worksheet.delete', 'a workbook must keep at least one visible sheet');
      x.model.deleteSheet(sheet);
    });
  }

  activate(): void {
    this._invoke('activate', [], (x) => {
      const sheet = this._required(x, 'Worksheet.activate');
      if (sheet.visibility !== 'Visible') throw officeError('InvalidOperation', 'Worksheet.activate', `the sheet "${sheet.name}" is hidden`);
      x.model.activeSheet = sheet;
    });
  }
}

export class WorksheetProtection extends ClientObject<SheetModel> {
  readonly _type = 'WorksheetProtection';

  constructor(context: RequestContextCore, resolver: Resolver<SheetModel>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { protected: (s: SheetModel) => s.protected };
  }

  get protected(): boolean {
    return this._get('protected');
  }

  protect(_options?: unknown, _password?: string): void {
    this.context._requireApi('1.2', 'WorksheetProtection.protect');
    this._invoke('protect', [], (x) => {
      const sheet = this._required(x, 'WorksheetProtection.protect');
      if (sheet.protected) throw officeError('InvalidOperation', 'WorksheetProtection.protect', 'the sheet is already protected');
      sheet.protected = true;
    });
  }

  unprotect(_password?: string): void {
    this.context._requireApi('1.2', 'WorksheetProtection.unprotect');
    this._invoke('unprotect', [], (x) => {
      this._required(x, 'WorksheetProtection.unprotect').protected = false;
    });
  }
}
