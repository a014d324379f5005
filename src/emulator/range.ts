/** Range, RangeFormat, RangeFill, RangeFont: cells addressed by a sheet and a box. */
import { cellCount, columnCount, contains, insideGrid, intersect, parseAddress, rangeAddress, rowCount, type CellBox } from './address';
import { formulaText, outputValue, valueType } from './cells';
import { ClientCollection, ClientObject, type Resolver } from './client-object';
import { utf8Length, type Execution, type RequestContextCore } from './context';
import { officeError } from './errors';
import type { SheetModel } from './model';
import { assertWritable, clearBox, fillBox, readNumberFormats, readValues, writeNumberFormats, writeValues, type ClearWhat } from './sheet-ops';
import { ConditionalFormatCollection } from './conditional-format';
import { Worksheet } from './worksheet';
import { normalizeColor } from './colors';

export interface Located {
  sheet: SheetModel;
  box: CellBox;
}

const CELL_PROPERTIES = new Set(['values', 'numberFormat', 'numberFormatLocal', 'valueTypes', 'formulas', 'formulasLocal', 'text']);
const CLEAR_KINDS = new Set(['All', 'Contents', 'Formats', 'Hyperlinks', 'RemoveHyperlinks', 'ResetContents']);

/** What loading a Range reads, per property. */
const RANGE_SCALARS = {
  address: (l: Located) => rangeAddress(l.sheet.name, l.box),
  addressLocal: (l: Located) => rangeAddress(l.sheet.name, l.box),
  values: (l: Located, x: Execution) => (tooLarge(l, x) ? null : readValues(l.sheet, l.box)),
  numberFormat: (l: Located, x: Execution) => (tooLarge(l, x) ? null : readNumberFormats(l.sheet, l.box)),
  numberFormatLocal: (l: Located, x: Execution) => (tooLarge(l, x) ? null : readNumberFormats(l.sheet, l.box)),
  valueTypes: (l: Located, x: Execution) => (tooLarge(l, x) ? null : l.sheet.values.read(l.box, valueType)),
  formulas: (l: Located, x: Execution) => (tooLarge(l, x) ? null : l.sheet.values.read(l.box, formulaText)),
  text: (l: Located, x: Execution) => (tooLarge(l, x) ? null : l.sheet.values.read(l.box, (v) => String(outputValue(v)))),
  rowCount: (l: Located) => rowCount(l.box),
  columnCount: (l: Located) => columnCount(l.box),
  rowIndex: (l: Located) => l.box.firstRow,
  columnIndex: (l: Located) => l.box.firstCol,
  cellCount: (l: Located) => cellCount(l.box),
};

export class Range extends ClientObject<Located> {
  readonly _type = 'Range';
  private _format: RangeFormat | undefined = undefined;
  private _conditionalFormats: ConditionalFormatCollection | undefined = undefined;
  private _worksheet: Worksheet | undefined = undefined;

  constructor(context: RequestContextCore, resolver: Resolver<Located>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return RANGE_SCALARS;
  }

  protected override _navigations() {
    return { format: () => this.format, worksheet: () => this.worksheet };
  }

  override _readCells(x: Execution, paths: string[][]): number {
    const cellProps = paths.length === 0 ? 5 : paths.filter((p) => p.length === 1 && CELL_PROPERTIES.has(p[0]!)).length;
    if (cellProps === 0) return 0;
    const located = this._entity(x);
    return located ? cellProps * cellCount(located.box) : 0;
  }

  override _responseBytes(x: Execution, paths: string[][]): number {
    const located = this._entity(x);
    if (!located) return 0;
    const scalars = this._scalars();
    let n = 0;
    for (const p of paths.length === 0 ? [...CELL_PROPERTIES].map((c) => [c]) : paths) {
      const property = p[0]!;
      if (p.length !== 1 || !CELL_PROPERTIES.has(property)) continue;
      n += utf8Length(JSON.stringify(scalars[property as keyof typeof scalars]!(located, x)) ?? 'null');
    }
    return n;
  }

  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get values(): any[][] {
    return this._get('values');
  }
  set values(values: any[][]) {
    this._set('values', values, (l, x) => {
      assertWritable(l.sheet, 'Range.values');
      writeValues(x.host, l.sheet, l.box, values, 'Range.values');
    });
  }
  get formulas(): any[][] {
    return this._get('formulas');
  }
  set formulas(formulas: any[][]) {
    this._set('formulas', formulas, (l, x) => {
      assertWritable(l.sheet, 'Range.formulas');
      writeValues(x.host, l.sheet, l.box, formulas, 'Range.formulas');
    });
  }
  get numberFormat(): any[][] {
    return this._get('numberFormat');
  }
  set numberFormat(formats: any[][]) {
    this._set('numberFormat', formats, (l) => {
      assertWritable(l.sheet, 'Range.numberFormat');
      writeNumberFormats(l.sheet, l.box, formats, 'Range.numberFormat');
    });
  }
  get numberFormatLocal(): any[][] {
    return this._get('numberFormatLocal');
  }
  set numberFormatLocal(formats: any[][]) {
    this._set('numberFormatLocal', formats, (l) => {
      assertWritable(l.sheet, 'Range.numberFormatLocal');
      writeNumberFormats(l.sheet, l.box, formats, 'Range.numberFormatLocal');
    });
  }
  get valueTypes(): string[][] {
    return this._get('valueTypes');
  }
  get text(): string[][] {
    return this._get('text');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }

  get format(): RangeFormat {
    return (this._format ??= new RangeFormat(this.context, (x) => this._entity(x)));
  }

  get conditionalFormats(): ConditionalFormatCollection {
    this.context._requireApi('1.6', 'Range.conditionalFormats');
    return (this._conditionalFormats ??= new ConditionalFormatCollection(this.context, this));
  }

  get worksheet(): Worksheet {
    return (this._worksheet ??= new Worksheet(this.context, (x) => this._entity(x)?.sheet ?? null));
  }

  /** A range computed from this one while the request runs. */
  private derive(method: string, compute: (l: Located, x: Execution) => Located | null, api?: string): Range {
    const location = `Range.${method}`;
    if (api) this.context._requireApi(api, location);
    return new Range(this.context, (x) => {
      const located = this._entity(x);
      return located ? compute(located, x) : null;
    });
  }

  getCell(row: number, column: number): Range {
    return this.derive('getCell', (l) => {
      checkIndex(row, 'row', 'Range.getCell');
      checkIndex(column, 'column', 'Range.getCell');
      return within(
        l.sheet,
        { firstRow: l.box.firstRow + row, firstCol: l.box.firstCol + column, lastRow: l.box.firstRow + row, lastCol: l.box.firstCol + column },
        'Range.getCell',
      );
    });
  }

  getRow(row: number): Range {
    return this.derive('getRow', (l) => {
      if (!Number.isInteger(row) || row < 0 || row >= rowCount(l.box))
        throw officeError('InvalidArgument', 'Range.getRow', `row ${row} of a ${rowCount(l.box)}-row range`);
      return { sheet: l.sheet, box: { ...l.box, firstRow: l.box.firstRow + row, lastRow: l.box.firstRow + row } };
    });
  }

  getColumn(column: number): Range {
    return this.derive('getColumn', (l) => {
      if (!Number.isInteger(column) || column < 0 || column >= columnCount(l.box)) {
        throw officeError('InvalidArgument', 'Range.getColumn', `column ${column} of a ${columnCount(l.box)}-column range`);
      }
      return { sheet: l.sheet, box: { ...l.box, firstCol: l.box.firstCol + column, lastCol: l.box.firstCol + column } };
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derive(
      'getResizedRange',
      (l) => {
        checkInteger(deltaRows, 'Range.getResizedRange');
        checkInteger(deltaColumns, 'Range.getResizedRange');
        return within(l.sheet, { ...l.box, lastRow: l.box.lastRow + deltaRows, lastCol: l.box.lastCol + deltaColumns }, 'Range.getResizedRange');
      },
      '1.2',
    );
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derive('getOffsetRange', (l) => {
      checkInteger(rowOffset, 'Range.getOffsetRange');
      checkInteger(columnOffset, 'Range.getOffsetRange');
      const b = l.box;
      return within(
        l.sheet,
        { firstRow: b.firstRow + rowOffset, lastRow: b.lastRow + rowOffset, firstCol: b.firstCol + columnOffset, lastCol: b.lastCol + columnOffset },
        'Range.getOffsetRange',
      );
    });
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): Range {
    return this.derive(
      'getAbsoluteResizedRange',
      (l) => {
        if (!Number.isInteger(numRows) || !Number.isInteger(numColumns) || numRows < 1 || numColumns < 1) {
          throw officeError('InvalidArgument', 'Range.getAbsoluteResizedRange', `${numRows} rows × ${numColumns} columns`);
        }
        const b = l.box;
        return within(l.sheet, { ...b, lastRow: b.firstRow + numRows - 1, lastCol: b.firstCol + numColumns - 1 }, 'Range.getAbsoluteResizedRange');
      },
      '1.7',
    );
  }

  getLastRow(): Range {
    return this.derive('getLastRow', (l) => ({ sheet: l.sheet, box: { ...l.box, firstRow: l.box.lastRow } }));
  }

  getLastColumn(): Range {
    return this.derive('getLastColumn', (l) => ({ sheet: l.sheet, box: { ...l.box, firstCol: l.box.lastCol } }));
  }

  getLastCell(): Range {
    return this.derive('getLastCell', (l) => ({ sheet: l.sheet, box: { ...l.box, firstRow: l.box.lastRow, firstCol: l.box.lastCol } }));
  }

  getIntersection(other: Range | string): Range {
    return this.derive('getIntersection', (l, x) => {
      const box = this.intersectWith(l, other, x, 'Range.getIntersection');
      if (!box) throw officeError('ItemNotFound', 'Range.getIntersection', 'the ranges do not intersect');
      return { sheet: l.sheet, box };
    });
  }

  getIntersectionOrNullObject(other: Range | string): Range {
    return this.derive(
      'getIntersectionOrNullObject',
      (l, x) => {
        const box = this.intersectWith(l, other, x, 'Range.getIntersectionOrNullObject');
        return box ? { sheet: l.sheet, box } : null;
      },
      '1.4',
    )._instantiate('getIntersectionOrNullObject');
  }

  /**
   * The merged areas of this range (ExcelApi 1.13), whole, top to bottom; a null object when
   * there are none. As Excel does (OfficeDev/office-js#3611), only the areas whose top-left
   * cell lies in the range are found. More than MAX_MERGED_AREAS fail the request: Excel
   * documents that it "will fail to return the result" without saying how, so the emulator
   * answers GeneralException.
   */
  getMergedAreasOrNullObject(): RangeAreas {
    const location = 'Range.getMergedAreasOrNullObject';
    this.context._requireApi('1.13', location);
    return new RangeAreas(this.context, (x) => {
      const l = this._entity(x);
      if (!l) return null;
      const boxes = l.sheet.merges.filter((m) => contains(l.box, { firstRow: m.firstRow, lastRow: m.firstRow, firstCol: m.firstCol, lastCol: m.firstCol }));
      if (boxes.length > MAX_MERGED_AREAS) {
        throw officeError('GeneralException', location, `the range holds ${boxes.length} merged areas; Excel returns at most ${MAX_MERGED_AREAS}`);
      }
      return boxes.length > 0 ? { sheet: l.sheet, boxes: boxes.map((b) => ({ ...b })) } : null;
    })._instantiate('getMergedAreasOrNullObject');
  }

  private intersectWith(l: Located, other: Range | string, x: Execution, location: string): CellBox | undefined {
    if (typeof other === 'string') {
      const parsed = parseAddress(other);
      if (!parsed || (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== l.sheet.name.toLowerCase())) {
        throw officeError('InvalidArgument', location, `"${other}" is not an address on ${l.sheet.name}`);
      }
      return intersect(l.box, parsed.box);
    }
    if (other.context !== this.context) throw officeError('InvalidRequestContext', location);
    const o = other._required(x, location);
    if (o.sheet !== l.sheet) throw officeError('InvalidArgument', location, 'the ranges are on different sheets');
    return intersect(l.box, o.box);
  }

  clear(applyTo: string = 'All'): void {
    this._invoke('clear', [applyTo], (x) => {
      const l = this._required(x, 'Range.clear');
      if (!CLEAR_KINDS.has(applyTo)) throw officeError('InvalidArgument', 'Range.clear', `applyTo "${applyTo}"`);
      assertWritable(l.sheet, 'Range.clear');
      clearBox(x.model, l.sheet, l.box, applyTo as ClearWhat);
    });
  }

  select(): void {
    this._invoke('select', [], (x) => {
      const l = this._required(x, 'Range.select');
      if (l.sheet.visibility !== 'Visible') throw officeError('InvalidOperation', 'Range.select', `the sheet "${l.sheet.name}" is hidden`);
      x.model.activeSheet = l.sheet;
      x.model.selection = { sheet: l.sheet, boxes: [l.box] };
    });
  }
}

/** Rectangular blocks of one sheet (ExcelApi 1.9): what `Worksheet.getRanges("A1:B2, D4:E5")` gives. */
export interface LocatedAreas {
  sheet: SheetModel;
  boxes: CellBox[];
}

export class RangeAreas extends ClientObject<LocatedAreas> {
  readonly _type = 'RangeAreas';
  private _areas: RangeCollection | undefined = undefined;

  constructor(context: RequestContextCore, resolver: Resolver<LocatedAreas>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _navigations() {
    return { areas: () => this.areas };
  }

  /** The blocks, each a Range (ExcelApi 1.9). */
  get areas(): RangeCollection {
    return (this._areas ??= new RangeCollection(this.context, (x) => {
      const l = this._entity(x);
      return l ? l.boxes.map((box) => ({ sheet: l.sheet, box })) : null;
    }));
  }

  /** The response carries what was loaded: the address, or each block's properties (as JSON). */
  override _responseBytes(x: Execution, paths: string[][]): number {
    const l = this._entity(x);
    if (!l) return 0;
    const scalars = this._scalars();
    let n = 0;
    const perArea: string[] = [];
    for (const [head = '', ...rest] of paths.length === 0 ? Object.keys(scalars).map((k) => [k]) : paths) {
      if (head === 'areas') {
        const property = rest[0] === 'items' ? rest[1] : rest[0];
        if (property !== undefined) perArea.push(property);
      } else if (head in scalars) n += utf8Length(JSON.stringify(scalars[head as keyof typeof scalars](l)));
    }
    if (perArea.length > 0) {
      for (const box of l.boxes) {
        const item: Record<string, unknown> = {};
        for (const p of perArea) if (p in RANGE_SCALARS) item[p] = RANGE_SCALARS[p as keyof typeof RANGE_SCALARS]({ sheet: l.sheet, box }, x);
        n += utf8Length(JSON.stringify(item));
      }
    }
    return n;
  }

  protected override _scalars() {
    const address = (l: LocatedAreas) => l.boxes.map((b) => rangeAddress(l.sheet.name, b)).join(', ');
    return {
      address,
      addressLocal: address,
      areaCount: (l: LocatedAreas) => l.boxes.length,
      cellCount: (l: LocatedAreas) => l.boxes.reduce((n, b) => n + cellCount(b), 0),
    };
  }

  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get areaCount(): number {
    return this._get('areaCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }

  select(): void {
    this._invoke('select', [], (x) => {
      const l = this._required(x, 'RangeAreas.select');
      if (l.sheet.visibility !== 'Visible') throw officeError('InvalidOperation', 'RangeAreas.select', `the sheet "${l.sheet.name}" is hidden`);
      x.model.activeSheet = l.sheet;
      x.model.selection = { sheet: l.sheet, boxes: l.boxes.map((b) => ({ ...b })) };
    });
  }
}

/** The blocks of a RangeAreas (`areas`), each a Range; `items` after `load('items/…')`. */
export class RangeCollection extends ClientCollection<Range, Located> {
  readonly _type = 'RangeCollection';

  constructor(context: RequestContextCore, resolver: Resolver<Located[]>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { count: (list: Located[]) => list.length };
  }

  protected _createItem(entity: Located): Range {
    return new Range(this.context, this._boundTo(entity, 'Range'));
  }

  protected _alive(entity: Located): boolean {
    return !entity.sheet.deleted;
  }

  get count(): number {
    return this._get('count');
  }

  getItemAt(index: number): Range {
    return new Range(this.context, (x) => {
      const list = this._required(x, 'RangeCollection.getItemAt');
      const found = Number.isInteger(index) ? list[index] : undefined;
      if (!found) throw officeError('InvalidArgument', 'RangeCollection.getItemAt', `index ${index} of ${list.length} areas`);
      return found;
    });
  }
}

/** Excel returns at most this many merged areas (Range.getMergedAreasOrNullObject). */
export const MAX_MERGED_AREAS = 512;

/** `A1:B2, D4:E5` (blocks separated by commas, each optionally naming the sheet) on one sheet. */
export function areasOnSheet(context: RequestContextCore, sheet: (x: Execution) => SheetModel | null, address: string, location: string): RangeAreas {
  return new RangeAreas(context, (x) => {
    const s = sheet(x);
    if (!s) return null;
    if (typeof address === 'string' && address.length > MAX_ADDRESS_LENGTH) {
      throw officeError('InvalidArgument', location, `the address has ${address.length} characters; Excel takes at most ${MAX_ADDRESS_LENGTH}`);
    }
    const parts = typeof address === 'string' ? address.split(',').map((a) => a.trim()) : [];
    const boxes = parts.map((part) => {
      const parsed = part ? parseAddress(part) : undefined;
      if (!parsed) throw officeError('InvalidArgument', location, `"${String(address)}" is not a list of A1 addresses`);
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== s.name.toLowerCase()) {
        throw officeError('InvalidArgument', location, `"${part}" is not on the sheet "${s.name}"`);
      }
      return parsed.box;
    });
    if (boxes.length === 0) throw officeError('InvalidArgument', location, 'no address');
    return { sheet: s, boxes };
  });
}

export class RangeFormat extends ClientObject<Located> {
  readonly _type = 'RangeFormat';
  private _fill: RangeFill | undefined = undefined;
  private _font: RangeFont | undefined = undefined;

  constructor(context: RequestContextCore, resolver: Resolver<Located>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return {
      columnWidth: (l: Located) => {
        const widths = new Set<number>();
        for (let c = l.box.firstCol; c <= l.box.lastCol; c++) widths.add(l.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH);
        return widths.size === 1 ? [...widths][0] : null;
      },
    };
  }

  protected override _navigations() {
    return { fill: () => this.fill, font: () => this.font };
  }

  get fill(): RangeFill {
    return (this._fill ??= new RangeFill(this.context, (x) => this._entity(x)));
  }

  get font(): RangeFont {
    return (this._font ??= new RangeFont(this.context, (x) => this._entity(x)));
  }

  get columnWidth(): number {
    return this._get('columnWidth');
  }
  set columnWidth(width: number) {
    this._set('columnWidth', width, (l) => {
      if (typeof width !== 'number' || !(width >= 0)) throw officeError('InvalidArgument', 'RangeFormat.columnWidth', `width ${String(width)}`);
      assertWritable(l.sheet, 'RangeFormat.columnWidth');
      for (let c = l.box.firstCol; c <= l.box.lastCol; c++) l.sheet.columnWidths.set(c, width);
    });
  }

  /** Accepted and counted in stats.autofitCalls; column widths are not computed. */
  autofitColumns(): void {
    this.context._requireApi('1.2', 'RangeFormat.autofitColumns');
    this._invoke('autofitColumns', [], (x) => {
      const l = this._required(x, 'RangeFormat.autofitColumns');
      assertWritable(l.sheet, 'RangeFormat.autofitColumns');
      x.host.stats.autofitCalls += 1;
    });
  }

  autofitRows(): void {
    this.context._requireApi('1.2', 'RangeFormat.autofitRows');
    this._invoke('autofitRows', [], (x) => {
      const l = this._required(x, 'RangeFormat.autofitRows');
      assertWritable(l.sheet, 'RangeFormat.autofitRows');
      x.host.stats.autofitCalls += 1;
    });
  }
}

export const DEFAULT_COLUMN_WIDTH = 48;

export class RangeFill extends ClientObject<Located> {
  readonly _type = 'RangeFill';

  constructor(context: RequestContextCore, resolver: Resolver<Located>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return {
      // Excel reports #FFFFFF for cells without fill, and null when the cells differ.
      color: (l: Located) => {
        const colors = new Set<string>();
        for (let r = l.box.firstRow; r <= l.box.lastRow && colors.size < 2; r++) {
          for (let c = l.box.firstCol; c <= l.box.lastCol && colors.size < 2; c++) colors.add(l.sheet.fills.get(r, c) ?? '#FFFFFF');
        }
        return colors.size === 1 ? [...colors][0] : null;
      },
    };
  }

  get color(): string {
    return this._get('color');
  }
  set color(color: string) {
    this._set('color', color, (l) => {
      const normalized = normalizeColor(color);
      if (!normalized) throw officeError('InvalidArgument', 'RangeFill.color', `"${String(color)}" is not a color`);
      assertWritable(l.sheet, 'RangeFill.color');
      fillBox(l.sheet, l.box, normalized);
    });
  }

  clear(): void {
    this._invoke('clear', [], (x) => {
      const l = this._required(x, 'RangeFill.clear');
      assertWritable(l.sheet, 'RangeFill.clear');
      fillBox(l.sheet, l.box, undefined);
    });
  }
}

/** Font settings are accepted (checked for protection and type) but not stored or readable. */
export class RangeFont extends ClientObject<Located> {
  readonly _type = 'RangeFont';

  constructor(context: RequestContextCore, resolver: Resolver<Located>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  private accept(name: string, value: unknown, ok: boolean): void {
    this._set(name, value, (l) => {
      if (!ok) throw officeError('InvalidArgument', `RangeFont.${name}`, `${String(value)}`);
      assertWritable(l.sheet, `RangeFont.${name}`);
    });
  }

  set bold(value: boolean) {
    this.accept('bold', value, typeof value === 'boolean');
  }
  set italic(value: boolean) {
    this.accept('italic', value, typeof value === 'boolean');
  }
  set color(value: string) {
    this.accept('color', value, normalizeColor(value) !== undefined);
  }
  set name(value: string) {
    this.accept('name', value, typeof value === 'string' && value !== '');
  }
  set size(value: number) {
    this.accept('size', value, typeof value === 'number' && value > 0 && value <= 409);
  }
  get bold(): boolean {
    return this._get('bold');
  }
  get italic(): boolean {
    return this._get('italic');
  }
  get color(): string {
    return this._get('color');
  }
  get name(): string {
    return this._get('name');
  }
  get size(): number {
    return this._get('size');
  }
}

function checkIndex(n: number, what: string, location: string): void {
  if (!Number.isInteger(n) || n < 0) throw officeError('InvalidArgument', location, `${what} ${n}`);
}

function checkInteger(n: number, location: string): void {
  if (!Number.isInteger(n)) throw officeError('InvalidArgument', location, `${n} is not an integer`);
}

function within(sheet: SheetModel, box: CellBox, location: string): Located {
  if (!insideGrid(box)) throw officeError('InvalidArgument', location, 'the range would leave the sheet');
  return { sheet, box };
}

/**
 * A range of more than `maxReadCells` cells reads as null: Excel's five-million-cell limit for
 * reads does not always throw (OfficeDev/office-js#6781, #4783).
 */
function tooLarge(l: Located, x: Execution): boolean {
  return cellCount(l.box) > x.host.maxReadCells;
}

/** Excel refuses range addresses longer than 8,192 characters (getRange, getRanges). */
export const MAX_ADDRESS_LENGTH = 8192;

/** A range of a sheet by A1 address (resolved when the request runs). */
export function rangeOnSheet(context: RequestContextCore, sheet: (x: Execution) => SheetModel | null, address: string, location: string): Range {
  return new Range(context, (x) => {
    const s = sheet(x);
    if (!s) return null;
    const parsed = typeof address === 'string' ? parseAddress(address) : undefined;
    if (!parsed) throw officeError('InvalidArgument', location, `"${String(address)}" is not an A1 address`);
    if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== s.name.toLowerCase()) {
      throw officeError('InvalidArgument', location, `"${address}" is not on the sheet "${s.name}"`);
    }
    return { sheet: s, box: parsed.box };
  });
}
