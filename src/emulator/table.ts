/** TableCollection, Table, TableColumnCollection, TableColumn. */
import { cellCount, intersect, parseAddress, rowCount, type CellBox } from './address';
import { headerText, outputValue, parseInput } from './cells';
import { ClientCollection, ClientObject, resultAction, type ClientResult, type Resolver } from './client-object';
import { utf8Length, type Execution, type RequestContextCore } from './context';
import { officeError } from './errors';
import { TableModel, type SheetModel } from './model';
import { Range, type Located } from './range';
import { applyInput, assertWritable, deleteColumnCells, insertColumnCells, readValues } from './sheet-ops';
import { Worksheet } from './worksheet';

export class TableCollection extends ClientCollection<Table, TableModel> {
  readonly _type = 'TableCollection';

  /** `sheet` undefined: the workbook's tables; otherwise the tables of that sheet. */
  constructor(
    context: RequestContextCore,
    private readonly sheet: Resolver<SheetModel> | undefined,
  ) {
    super(context, (x) => {
      if (!sheet) return orderedTables(x);
      const s = sheet(x);
      return s ? orderedTables(x).filter((t) => t.sheet === s) : null;
    });
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { count: (list: TableModel[]) => list.length };
  }

  protected _createItem(table: TableModel): Table {
    return new Table(this.context, this._boundTo(table, 'Table'));
  }

  protected _alive(table: TableModel): boolean {
    return !table.deleted;
  }

  get count(): number {
    return this._get('count');
  }

  getItem(key: string): Table {
    return new Table(this.context, this.find(key, false, `${this._type}.getItem`));
  }

  getItemOrNullObject(key: string): Table {
    this.context._requireApi('1.4', `${this._type}.getItemOrNullObject`);
    return new Table(this.context, this.find(key, true, `${this._type}.getItemOrNullObject`))._instantiate('getItemOrNullObject');
  }

  getItemAt(index: number): Table {
    return new Table(this.context, (x) => {
      const list = this._entity(x);
      if (!list) return null;
      const table = list[index];
      if (!table) throw officeError('ItemNotFound', `${this._type}.getItemAt`, `index ${index} of ${list.length} tables`);
      return table;
    });
  }

  getCount(): ClientResult<number> {
    this.context._requireApi('1.4', `${this._type}.getCount`);
    return resultAction(this.context, `${this._type}.getCount`, [], (x) => this._entity(x)?.length ?? 0);
  }

  /**
   * Makes `address` a table (with headers: the first row). Empty header cells get `Column<n>`
   * and repeated ones a number, as Excel does; a range that overlaps a table fails.
   */
  add(address: string, hasHeaders: boolean): Table {
    let created: TableModel | undefined;
    this._invoke('add', [address, hasHeaders], (x) => {
      const location = `${this._type}.add`;
      const parsed = parseAddress(address);
      if (!parsed) throw officeError('InvalidArgument', location, `"${address}" is not an A1 address`);
      const scoped = this.sheet?.(x);
      const sheet = parsed.sheet !== undefined ? x.model.findSheet(parsed.sheet) : (scoped ?? x.model.activeSheet);
      if (!sheet || (scoped && sheet !== scoped)) throw officeError('InvalidArgument', location, `no such sheet for "${address}"`);
      if (!hasHeaders) throw officeError('NotImplemented', location, 'the emulator only adds tables whose first row holds the headers');
      if (parsed.box.lastRow === parsed.box.firstRow) throw officeError('InvalidArgument', location, 'a table needs a header row and at least one body row');
      assertWritable(sheet, location);
      if (x.model.tablesOn(sheet).some((t) => intersect(t.box, parsed.box))) throw officeError('InvalidArgument', location, 'the range overlaps a table');
      const box = parsed.box;
      const seen: string[] = [];
      for (let c = box.firstCol; c <= box.lastCol; c++) {
        let header = headerText(outputValue(sheet.values.get(box.firstRow, c)));
        if (header === '') header = x.host.displayLanguage.toLowerCase().startsWith('zh') ? `列${c - box.firstCol + 1}` : `Column${c - box.firstCol + 1}`;
        header = uniqueName(header, seen);
        seen.push(header.toLowerCase());
        sheet.markDirty(box.firstRow, box.firstRow, c, c);
        sheet.values.set(box.firstRow, c, header);
      }
      let n = 1;
      const prefix = x.host.displayLanguage.toLowerCase().startsWith('zh') ? '表' : 'Table';
      while (x.model.findTable(`${prefix}${n}`)) n++;
      const ids = Array.from({ length: box.lastCol - box.firstCol + 1 }, (_, i) => i + 1);
      created = new TableModel(x.model.newId(), `${prefix}${n}`, sheet, { ...box }, ids);
      x.model.tables.push(created);
    });
    return new Table(this.context, () => {
      if (!created) throw officeError('ItemNotFound', `${this._type}.add`, 'the table was not added');
      if (created.deleted) throw officeError('ItemNotFound', 'Table', 'the table was deleted');
      return created;
    });
  }

  /** A table by name (case-insensitive, as Excel) or id, bound once found. */
  private find(key: string, orNull: boolean, location: string): Resolver<TableModel> {
    let bound: TableModel | undefined;
    return (x) => {
      if (bound && !bound.deleted) return bound;
      if (bound) throw officeError('ItemNotFound', location, `the table "${key}" was deleted`);
      const list = this._entity(x);
      if (!list) return null;
      const wanted = String(key).toLowerCase();
      const table = list.find((t) => t.name.toLowerCase() === wanted || String(t.id) === String(key));
      if (!table) {
        if (orNull) return null;
        throw officeError('ItemNotFound', location, `no table named "${key}"${this.sheet ? ' on this sheet' : ''}`);
      }
      bound = table;
      return table;
    };
  }
}

function orderedTables(x: Execution): TableModel[] {
  const order = new Map(x.model.sheets.map((s, i) => [s, i]));
  return [...x.model.tables].sort((a, b) => (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0));
}

export class Table extends ClientObject<TableModel> {
  readonly _type = 'Table';
  private _columns: TableColumnCollection | undefined = undefined;
  private _worksheet: Worksheet | undefined = undefined;

  constructor(context: RequestContextCore, resolver: Resolver<TableModel>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return {
      name: (t: TableModel) => t.name,
      id: (t: TableModel) => String(t.id),
      showTotals: (t: TableModel) => t.showTotals,
      showHeaders: (t: TableModel) => t.showHeaders,
      style: (t: TableModel) => t.style,
    };
  }

  protected override _navigations() {
    return { worksheet: () => this.worksheet, columns: () => this.columns };
  }

  get name(): string {
    return this._get('name');
  }
  set name(name: string) {
    this._set('name', name, (table, x) => {
      if (
        typeof name !== 'string' ||
        !/^[A-Za-z_\\\u0080-\uffff][\w.\\\u0080-\uffff]*$/.test(name) ||
        /^[A-Za-z]{1,3}\d+$/.test(name) ||
        /^[RC]$/i.test(name)
      ) {
        throw officeError('InvalidArgument', 'Table.name', `"${String(name)}" is not a valid table name`);
      }
      assertWritable(table.sheet, 'Table.name');
      const other = x.model.findTable(name);
      if (other && other !== table) throw officeError('ItemAlreadyExists', 'Table.name', `a table named "${name}" exists`);
      table.name = name;
    });
  }
  get id(): string {
    return this._get('id');
  }
  get showTotals(): boolean {
    return this._get('showTotals');
  }
  set showTotals(show: boolean) {
    this._set('showTotals', show, (table) => {
      if (show !== table.showTotals) throw officeError('NotImplemented', 'Table.showTotals', 'the emulator cannot add or remove a totals row');
    });
  }
  get showHeaders(): boolean {
    return this._get('showHeaders');
  }
  get style(): string {
    return this._get('style');
  }

  get worksheet(): Worksheet {
    return (this._worksheet ??= new Worksheet(this.context, (x) => this._entity(x)?.sheet ?? null));
  }

  get columns(): TableColumnCollection {
    return (this._columns ??= new TableColumnCollection(this.context, this));
  }

  private part(method: string, pick: (t: TableModel) => CellBox | undefined): Range {
    return new Range(this.context, (x) => {
      const table = this._entity(x);
      if (!table) return null;
      const box = pick(table);
      if (!box) throw officeError('ItemNotFound', `Table.${method}`, `the table "${table.name}" has no such row`);
      return { sheet: table.sheet, box };
    });
  }

  getRange(): Range {
    return this.part('getRange', (t) => t.box);
  }

  getHeaderRowRange(): Range {
    return this.part('getHeaderRowRange', (t) => (t.showHeaders ? { ...t.box, lastRow: t.box.firstRow } : undefined));
  }

  getDataBodyRange(): Range {
    return this.part('getDataBodyRange', bodyBox);
  }

  getTotalRowRange(): Range {
    return this.part('getTotalRowRange', (t) => (t.showTotals ? { ...t.box, firstRow: t.box.lastRow } : undefined));
  }

  /** Turns the table into plain cells; the values stay. */
  convertToRange(): Range {
    let box: Located | undefined;
    this._invoke('convertToRange', [], (x) => {
      const table = this._required(x, 'Table.convertToRange');
      assertWritable(table.sheet, 'Table.convertToRange');
      box = { sheet: table.sheet, box: table.box };
      table.deleted = true;
      x.model.tables = x.model.tables.filter((t) => t !== table);
      if (table.origin) x.model.deletedTables.push(table.origin);
    });
    return new Range(this.context, () => {
      if (!box) throw officeError('ItemNotFound', 'Table.convertToRange');
      return box;
    });
  }
}

export function bodyBox(t: TableModel): CellBox {
  return { ...t.box, firstRow: t.box.firstRow + (t.showHeaders ? 1 : 0), lastRow: t.box.lastRow - (t.showTotals ? 1 : 0) };
}

/** One column of a table, identified by its id (stable when columns are inserted). */
export interface ColumnRef {
  table: TableModel;
  id: number;
}

const columnRefs = new WeakMap<TableModel, Map<number, ColumnRef>>();

function columnRef(table: TableModel, id: number): ColumnRef {
  let refs = columnRefs.get(table);
  if (!refs) columnRefs.set(table, (refs = new Map()));
  let ref = refs.get(id);
  if (!ref) refs.set(id, (ref = { table, id }));
  return ref;
}

function columnIndexOf(ref: ColumnRef): number {
  return ref.table.columnIds.indexOf(ref.id);
}

export function columnName(table: TableModel, index: number): string {
  return headerText(table.sheet.values.get(table.box.firstRow, table.box.firstCol + index));
}

export class TableColumnCollection extends ClientCollection<TableColumn, ColumnRef> {
  readonly _type = 'TableColumnCollection';

  constructor(
    context: RequestContextCore,
    private readonly table: Table,
  ) {
    super(context, (x) => {
      const t = table._entity(x);
      return t ? t.columnIds.map((id) => columnRef(t, id)) : null;
    });
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { count: (list: ColumnRef[]) => list.length };
  }

  protected _createItem(ref: ColumnRef): TableColumn {
    return new TableColumn(this.context, this._boundTo(ref, 'TableColumn'));
  }

  protected _alive(ref: ColumnRef): boolean {
    return !ref.table.deleted && ref.table.columnIds.includes(ref.id);
  }

  get count(): number {
    return this._get('count');
  }

  getItem(key: string | number): TableColumn {
    return new TableColumn(this.context, this.find(key, false, 'TableColumnCollection.getItem'));
  }

  getItemOrNullObject(key: string | number): TableColumn {
    this.context._requireApi('1.4', 'TableColumnCollection.getItemOrNullObject');
    return new TableColumn(this.context, this.find(key, true, 'TableColumnCollection.getItemOrNullObject'))._instantiate('getItemOrNullObject');
  }

  getItemAt(index: number): TableColumn {
    return new TableColumn(this.context, (x) => {
      const t = this.table._entity(x);
      if (!t) return null;
      const id = t.columnIds[index];
      if (id === undefined) throw officeError('ItemNotFound', 'TableColumnCollection.getItemAt', `index ${index} of ${t.columnIds.length} columns`);
      return columnRef(t, id);
    });
  }

  getCount(): ClientResult<number> {
    return resultAction(this.context, 'TableColumnCollection.getCount', [], (x) => this.table._entity(x)?.columnIds.length ?? 0);
  }

  /** A column by name (case-insensitive) or by id (a number), bound to its id once found. */
  private find(key: string | number, orNull: boolean, location: string): Resolver<ColumnRef> {
    let bound: ColumnRef | undefined;
    return (x) => {
      if (bound && this._alive(bound)) return bound;
      if (bound) throw officeError('ItemNotFound', location, `the column "${key}" was deleted`);
      const t = this.table._entity(x);
      if (!t) return null;
      let index = -1;
      if (typeof key === 'number') index = t.columnIds.indexOf(key);
      else {
        const wanted = String(key).toLowerCase();
        for (let i = 0; i < t.columnIds.length && index < 0; i++) if (columnName(t, i).toLowerCase() === wanted) index = i;
      }
      if (index < 0) {
        if (orNull) return null;
        throw officeError('ItemNotFound', location, `the table "${t.name}" has no column "${key}"`);
      }
      bound = columnRef(t, t.columnIds[index]!);
      return bound;
    };
  }

  /**
   * Inserts a column as Excel does: at `index` (null/undefined: after the last column); the
   * cells from there to the right in the table's rows move one column right. `values`, if
   * given, holds one value per table row (header first, then body, then totals). The header
   * is `name`, else the first value, else `Column<n>`; a name already used (ignoring case)
   * gets the lowest number from 2 up appended.
   */
  add(index?: number | null, values?: unknown[][] | null, name?: string | null): TableColumn {
    let created: ColumnRef | undefined;
    if (name !== undefined && name !== null) this.context._requireApi('1.4', 'TableColumnCollection.add');
    this._invoke('add', [index ?? null, values ?? null, name ?? null], (x) => {
      const location = 'TableColumnCollection.add';
      const table = this.table._required(x, location);
      assertWritable(table.sheet, location);
      const count = table.columnIds.length;
      const at = index === undefined || index === null ? count : index;
      if (!Number.isInteger(at) || at < 0 || at > count)
        throw officeError('InvalidArgument', location, `index ${String(index)} for a table of ${count} columns`);
      const rows = rowCount(table.box);
      if (values !== undefined && values !== null) {
        const ok = Array.isArray(values) && values.length === rows && values.every((row) => Array.isArray(row) && row.length === 1);
        if (!ok) throw officeError('InvalidArgument', location, `values must be ${rows} rows × 1 column (header, body${table.showTotals ? ', totals' : ''})`);
      }
      const cells = values ?? undefined;
      const inputs = cells?.slice(table.showHeaders ? 1 : 0).map((row, r) => {
        const input = parseInput(row[0], undefined, x.model.date1904);
        if (input.kind === 'invalid') throw officeError('InvalidArgument', location, `row ${r + 2}: ${input.reason}`);
        return input;
      });
      const existing = table.columnIds.map((_, i) => columnName(table, i).toLowerCase());
      let header = name ?? (cells && table.showHeaders ? headerText(cells[0]![0]) : '');
      if (header === '') {
        let n = count + 1;
        while (existing.includes(`column${n}`) || existing.includes(`列${n}`)) n++;
        header = x.host.displayLanguage.toLowerCase().startsWith('zh') ? `列${n}` : `Column${n}`;
      }
      header = uniqueName(header, existing);

      const col = table.box.firstCol + at;
      insertColumnCells(x.model, table.sheet, table.box.firstRow, table.box.lastRow, col, location, table, x.host.maxOperationCells);
      table.box = { ...table.box, lastCol: table.box.lastCol + 1 };
      if (table.showHeaders) table.sheet.values.set(table.box.firstRow, col, header);
      inputs?.forEach((input, i) => applyInput(x.host, table.sheet, table.box.firstRow + (table.showHeaders ? 1 : 0) + i, col, input));
      const id = Math.max(0, ...table.columnIds) + 1;
      table.columnIds.splice(at, 0, id);
      created = columnRef(table, id);
    });
    return new TableColumn(this.context, () => {
      if (!created) throw officeError('ItemNotFound', 'TableColumnCollection.add', 'the column was not added');
      return created;
    });
  }
}

/** `name`, or `name2`, `name3` … — the first that no existing name equals, ignoring case. */
export function uniqueName(name: string, existingLower: string[]): string {
  if (!existingLower.includes(name.toLowerCase())) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name}${n}`;
    if (!existingLower.includes(candidate.toLowerCase())) return candidate;
  }
}

export class TableColumn extends ClientObject<ColumnRef> {
  readonly _type = 'TableColumn';

  constructor(context: RequestContextCore, resolver: Resolver<ColumnRef>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return {
      name: (ref: ColumnRef) => columnName(ref.table, columnIndexOf(ref)),
      id: (ref: ColumnRef) => ref.id,
      index: (ref: ColumnRef) => columnIndexOf(ref),
      values: (ref: ColumnRef) => readValues(ref.table.sheet, columnBox(ref, ref.table.box)),
    };
  }

  override _readCells(x: Execution, paths: string[][]): number {
    if (!paths.some((p) => p[0] === 'values') && paths.length > 0) return 0;
    const ref = this._entity(x);
    return ref ? cellCount(columnBox(ref, ref.table.box)) : 0;
  }

  override _responseBytes(x: Execution, paths: string[][]): number {
    if (!paths.some((p) => p[0] === 'values') && paths.length > 0) return 0;
    const ref = this._entity(x);
    return ref ? utf8Length(JSON.stringify(readValues(ref.table.sheet, columnBox(ref, ref.table.box)))) : 0;
  }

  get name(): string {
    return this._get('name');
  }
  set name(name: string) {
    this._set('name', name, (ref) => {
      const table = ref.table;
      assertWritable(table.sheet, 'TableColumn.name');
      if (typeof name !== 'string' || name === '') throw officeError('InvalidArgument', 'TableColumn.name', 'a column name must be text');
      const index = columnIndexOf(ref);
      const others = table.columnIds.map((_, i) => (i === index ? '' : columnName(table, i).toLowerCase()));
      if (others.includes(name.toLowerCase())) throw officeError('InvalidArgument', 'TableColumn.name', `the table already has a column "${name}"`);
      table.sheet.markDirty(table.box.firstRow, table.box.firstRow, table.box.firstCol + index, table.box.firstCol + index);
      table.sheet.values.set(table.box.firstRow, table.box.firstCol + index, name);
    });
  }
  get id(): number {
    return this._get('id');
  }
  get index(): number {
    return this._get('index');
  }
  get values(): any[][] {
    return this._get('values');
  }

  private part(method: string, pick: (t: TableModel) => CellBox | undefined): Range {
    return new Range(this.context, (x) => {
      const ref = this._entity(x);
      if (!ref) return null;
      const rows = pick(ref.table);
      if (!rows) throw officeError('ItemNotFound', `TableColumn.${method}`, 'the table has no such row');
      return { sheet: ref.table.sheet, box: columnBox(ref, rows) };
    });
  }

  getRange(): Range {
    return this.part('getRange', (t) => t.box);
  }

  getDataBodyRange(): Range {
    return this.part('getDataBodyRange', bodyBox);
  }

  getHeaderRowRange(): Range {
    return this.part('getHeaderRowRange', (t) => (t.showHeaders ? { ...t.box, lastRow: t.box.firstRow } : undefined));
  }

  getTotalRowRange(): Range {
    return this.part('getTotalRowRange', (t) => (t.showTotals ? { ...t.box, firstRow: t.box.lastRow } : undefined));
  }

  /** Deletes the column from the table: its cells go and the cells right of it in the table's rows move left. The last column cannot go. */
  delete(): void {
    this._invoke('delete', [], (x) => {
      const ref = this._required(x, 'TableColumn.delete');
      const table = ref.table;
      assertWritable(table.sheet, 'TableColumn.delete');
      if (table.columnIds.length === 1) throw officeError('InvalidOperation', 'TableColumn.delete', 'a table keeps at least one column');
      const col = table.box.firstCol + columnIndexOf(ref);
      deleteColumnCells(x.model, table.sheet, table.box.firstRow, table.box.lastRow, col, table);
      table.columnIds.splice(columnIndexOf(ref), 1);
      table.box = { ...table.box, lastCol: table.box.lastCol - 1 };
    });
  }
}

function columnBox(ref: ColumnRef, rows: CellBox): CellBox {
  const col = ref.table.box.firstCol + columnIndexOf(ref);
  return { firstRow: rows.firstRow, lastRow: rows.lastRow, firstCol: col, lastCol: col };
}
