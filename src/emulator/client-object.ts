/**
 * The proxy machinery shared by every emulated object, modelled on office.js:
 *
 * - a proxy is an object path: a resolver that finds its model object while a request runs
 *   (once per request), `null` for a null object, or throws (ItemNotFound …);
 * - `load(...)` queues a read; the values reach the proxy when the sync succeeds, and a
 *   property read before that throws PropertyNotLoaded;
 * - setting a property queues the write and, like office.js, keeps the written value as the
 *   proxy's local value;
 * - `isNullObject` is known after a sync that loaded the object (or instantiated it, for
 *   the *OrNullObject methods); the other properties of a null object throw when read, and
 *   operations on it fail with ItemNotFound.
 */
import { actionBytes, type Action, type Execution, type RequestContextCore } from './context';
import { officeError, propertyNotLoaded, valueNotLoaded, EmulatorError } from './errors';

export type Resolver<E> = (x: Execution) => E | null;
export type LoadSpec = string | string[] | { select?: string | string[]; expand?: string | string[] } | undefined;

/** Property paths of a load: `'values, address'` → [['values'], ['address']]; empty: every scalar. */
export function parseLoadSpec(spec: LoadSpec): string[][] {
  const parts: string[] = [];
  const add = (value: string | string[] | undefined) => {
    if (value === undefined) return;
    for (const item of Array.isArray(value) ? value : [value]) {
      for (const piece of String(item).split(',')) if (piece.trim()) parts.push(piece.trim());
    }
  };
  if (typeof spec === 'string' || Array.isArray(spec)) add(spec);
  else if (spec && typeof spec === 'object') {
    add(spec.select);
    add(spec.expand);
  }
  return parts.map((p) => p.split('/').map((s) => s.trim()));
}

export abstract class ClientObject<E = unknown> {
  /** Marks proxies (payload sizing replaces them with a short reference). */
  readonly _isEmulatorProxy = true;
  abstract readonly _type: string;
  protected _values: Record<string, unknown> = {};
  _isNull: boolean | undefined;

  constructor(
    readonly context: RequestContextCore,
    private readonly _resolver: Resolver<E>,
  ) {}

  /** The model object in this request (null for a null object). */
  _entity(x: Execution): E | null {
    return x.resolve(this, () => this._resolver(x));
  }

  /** The model object, or ItemNotFound for a null object. */
  _required(x: Execution, location: string): E {
    const entity = this._entity(x);
    if (entity === null) throw officeError('ItemNotFound', location, `the ${this._type} is a null object`);
    return entity;
  }

  /** Readable scalar properties and how to read them from the model object. */
  protected _scalars(): Record<string, (entity: E, x: Execution) => unknown> {
    return {};
  }

  /** Navigation properties (`worksheet`, `format`, …) that `load('a/b')` follows. */
  protected _navigations(): Record<string, () => ClientObject<any>> {
    return {};
  }

  /** Cells read by loading `paths` (for the request's read limit). */
  _readCells(_x: Execution, _paths: string[][]): number {
    return 0;
  }

  /** Bytes the loaded values would take in a response (only for maxResponseBytes). */
  _responseBytes(_x: Execution, _paths: string[][]): number {
    return 0;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded('isNullObject', this._type);
    return this._isNull;
  }

  load(spec?: LoadSpec): this {
    const paths = parseLoadSpec(spec);
    this.context._enqueue({
      name: `${this._type}.load`,
      bytes: actionBytes('load', paths.map((p) => p.join('/')).join(',')),
      readCells: (x) => this._readCells(x, paths),
      responseBytes: (x) => this._responseBytes(x, paths),
      run: (x) => this._runLoad(x, paths),
    });
    return this;
  }

  /** Loads `paths` in the request `x` (called by load, and by parents for nested paths). */
  _runLoad(x: Execution, paths: string[][]): void {
    const entity = this._entity(x);
    if (entity === null) {
      x.onCommit(() => {
        this._isNull = true;
      });
      return;
    }
    const scalars = this._scalars();
    const navigations = this._navigations();
    const wanted = paths.length === 0 ? Object.keys(scalars).map((k) => [k]) : paths;
    const snapshot: Record<string, unknown> = {};
    const nested = new Map<string, string[][]>();
    for (const [head = '', ...rest] of wanted) {
      const navigate = navigations[head];
      if (navigate) {
        const list = nested.get(head) ?? [];
        if (rest.length > 0) list.push(rest);
        nested.set(head, list);
      } else if (head in scalars && rest.length === 0) {
        snapshot[head] = scalars[head]!(entity, x);
      } else {
        throw officeError(
          'NotImplemented',
          `${this._type}.${head}`,
          `the emulator does not model the property "${[head, ...rest].join('/')}" of ${this._type}`,
        );
      }
    }
    for (const [head, list] of nested) navigations[head]!()._runLoad(x, list);
    x.onCommit(() => {
      Object.assign(this._values, snapshot);
      this._isNull = false;
    });
  }

  /** A loaded (or locally set) property value; PropertyNotLoaded otherwise. */
  protected _get<T>(name: string): T {
    if (this._isNull === true) {
      throw new EmulatorError('PropertyNotLoaded', `The object is a null object; its property '${name}' has no value.`, {
        errorLocation: `${this._type}.${name}`,
        statement: 'read isNullObject before reading the properties of an *OrNullObject result',
      });
    }
    if (!(name in this._values)) throw propertyNotLoaded(name, this._type);
    return this._values[name] as T;
  }

  /** Queues a property write; the proxy keeps the value locally, as office.js does. */
  protected _set(name: string, value: unknown, apply: (entity: E, x: Execution) => void): void {
    this._values[name] = value;
    const location = `${this._type}.${name}`;
    this.context._enqueue({
      name: location,
      bytes: actionBytes(name, value),
      run: (x) => apply(this._required(x, location), x),
    });
  }

  /** Queues a method call with an effect. */
  protected _invoke(method: string, args: unknown[], run: (x: Execution) => void, extra?: Partial<Action>): void {
    this.context._enqueue({ name: `${this._type}.${method}`, bytes: actionBytes(method, args), run, ...extra });
  }

  /** For *OrNullObject results: a request action that settles isNullObject at the next sync. */
  _instantiate(method: string): this {
    this.context._enqueue({
      name: `${this._type}.${method}`,
      bytes: actionBytes(method, []),
      run: (x) => {
        let entity: E | null;
        try {
          entity = this._entity(x);
        } catch (error) {
          if (error instanceof EmulatorError && error.code === 'ItemNotFound') entity = null;
          else throw error;
        }
        x.onCommit(() => {
          this._isNull = entity === null;
        });
      },
    });
    return this;
  }

  toJSON(): Record<string, unknown> {
    return { ...this._values };
  }
}

/** A collection proxy: `items` after `load('items/...')`; item proxies bound to their model object. */
export abstract class ClientCollection<Item extends ClientObject<IE>, IE extends object> extends ClientObject<IE[]> {
  private _itemsSnapshot: Item[] | undefined;
  private readonly _itemProxies = new WeakMap<IE, Item>();

  /** A proxy for one member, created once per collection proxy. */
  protected abstract _createItem(entity: IE): Item;

  /** Whether the member still exists (a deleted one makes its proxy fail with ItemNotFound). */
  protected abstract _alive(entity: IE, x: Execution): boolean;

  _item(entity: IE): Item {
    let item = this._itemProxies.get(entity);
    if (!item) {
      item = this._createItem(entity);
      this._itemProxies.set(entity, item);
    }
    return item;
  }

  /** The resolver of a member proxy: the member while it exists. */
  protected _boundTo(entity: IE, type: string): Resolver<IE> {
    return (x) => {
      if (!this._alive(entity, x)) throw officeError('ItemNotFound', `${type}`, `the ${type} was deleted`);
      return entity;
    };
  }

  get items(): Item[] {
    if (this._isNull === true) return this._get('items');
    if (!this._itemsSnapshot) throw propertyNotLoaded('items', this._type);
    return this._itemsSnapshot;
  }

  override _runLoad(x: Execution, paths: string[][]): void {
    const list = this._entity(x);
    if (list === null) {
      x.onCommit(() => {
        this._isNull = true;
      });
      return;
    }
    const scalars = this._scalars();
    const snapshot: Record<string, unknown> = {};
    const itemPaths: string[][] = [];
    let withItems = paths.length === 0;
    for (const path of paths) {
      const [head = '', ...rest] = path;
      if (head === 'items') {
        withItems = true;
        if (rest.length > 0) itemPaths.push(rest);
      } else if (head in scalars && rest.length === 0) {
        snapshot[head] = scalars[head]!(list, x);
      } else {
        withItems = true;
        itemPaths.push(path);
      }
    }
    const items = withItems ? list.map((entity) => this._item(entity)) : undefined;
    if (items) for (const item of items) item._runLoad(x, itemPaths);
    x.onCommit(() => {
      Object.assign(this._values, snapshot);
      if (items) this._itemsSnapshot = items;
      this._isNull = false;
    });
  }

  override _readCells(x: Execution, paths: string[][]): number {
    const itemPaths = paths.filter((p) => p[0] !== 'count').map((p) => (p[0] === 'items' ? p.slice(1) : p));
    if (itemPaths.length === 0) return 0;
    const list = this._entity(x) ?? [];
    let n = 0;
    for (const entity of list) n += this._item(entity)._readCells(x, itemPaths);
    return n;
  }
}

/** `ClientResult<T>` of office.js: `value` once the sync that computed it succeeded. */
export class ClientResult<T> {
  private _loaded = false;
  private _value: T | undefined;

  get value(): T {
    if (!this._loaded) throw valueNotLoaded();
    return this._value as T;
  }

  _settle(x: Execution, value: T): void {
    x.onCommit(() => {
      this._value = value;
      this._loaded = true;
    });
  }
}

/** Queues a method whose result arrives as a ClientResult. */
export function resultAction<T>(context: RequestContextCore, name: string, args: unknown[], compute: (x: Execution) => T): ClientResult<T> {
  const result = new ClientResult<T>();
  context._enqueue({ name, bytes: actionBytes(name.split('.').pop() ?? name, args), run: (x) => result._settle(x, compute(x)) });
  return result;
}
