/**
 * The request context and its queue: what `Excel.run` hands to the batch.
 *
 * Every proxy operation (a load, a property set, a method with an effect) is queued as an
 * Action. `sync()` sends the queue as one request:
 *
 * 1. Payload: each action counts as the UTF-8 length of its name plus the JSON of its
 *    arguments plus 60 bytes; a request over `maxRequestBytes` (5 MB) fails with
 *    RequestPayloadSizeLimitExceeded and nothing of it is applied.
 * 2. Response: the JSON of every cell-valued property loaded (values, numberFormat, text,
 *    valueTypes, formulas) is added up against the state before the request; more than
 *    `maxResponseBytes` (5 MB, Excel on the web) fails with ResponsePayloadSizeLimitExceeded
 *    and nothing is applied. A single range of more than `maxReadCells` (5,000,000) cells
 *    reads as null instead (Excel does not always throw there: OfficeDev/office-js#6781).
 * 3. Cell edit mode (EmulatedExcel.startCellEdit): a request fails with
 *    InvalidOperationInCellEditMode, unless its Excel.run asked for `delayForCellEdit`
 *    (ExcelApi 1.5): then it waits until the edit ends.
 * 4. The actions run in order. The first one that fails rejects `sync()` with its error;
 *    the actions after it are not applied, the ones before it stay applied (as in Excel,
 *    which has no transaction), and no loaded value of that request reaches the proxies.
 */
import type { EmulatorStats } from './stats';
import { asOfficeError, officeError, type EmulatorError } from './errors';
import type { WorkbookModel } from './model';

export interface Host {
  readonly model: WorkbookModel;
  readonly stats: EmulatorStats;
  readonly warnings: string[];
  readonly displayLanguage: string;
  readonly maxRequestBytes: number;
  readonly maxReadCells: number;
  readonly maxResponseBytes: number;
  /** Cells one operation may touch (Excel on the web: 33,554,000; OperationCellsExceedLimit). */
  readonly maxOperationCells: number;
  supportsApi(version: string): boolean;
  /** While the user edits a cell: resolves when the edit ends; undefined when no edit is in progress. */
  cellEdit(): Promise<void> | undefined;
  /** Called when a request starts waiting for the cell edit to end (for tests to wait on that state). */
  onWaitingForCellEdit(): void;
  /** Called with a request's action names just before it runs (tests act as a co-author there). */
  beforeRequest(actions: readonly string[]): void;
}

export interface Action {
  /** `Type.member`, used as the error location. */
  name: string;
  bytes: number;
  /** Cells this action reads (loads), estimated before the request runs. */
  readCells?(x: Execution): number;
  /** Approximate response bytes of this action: the JSON of the values it loads. */
  responseBytes?(x: Execution): number;
  run(x: Execution): void;
}

type Memo = { ok: true; value: unknown } | { ok: false; error: unknown };

/** One request being processed: resolved objects, and the loaded values to hand out on success. */
export class Execution {
  private readonly memo = new Map<object, Memo>();
  private readonly commits: (() => void)[] = [];

  constructor(
    readonly host: Host,
    /** A dry run only estimates (read sizes); it must not change anything. */
    readonly dryRun = false,
  ) {}

  get model(): WorkbookModel {
    return this.host.model;
  }

  /** Resolves an object path once per request. */
  resolve<T>(key: object, compute: () => T): T {
    const hit = this.memo.get(key);
    if (hit) {
      if (hit.ok) return hit.value as T;
      throw hit.error;
    }
    try {
      const value = compute();
      this.memo.set(key, { ok: true, value });
      return value;
    } catch (error) {
      this.memo.set(key, { ok: false, error });
      throw error;
    }
  }

  /** Forgets a resolution (after an action replaced the object, e.g. a deleted sheet). */
  forget(key: object): void {
    this.memo.delete(key);
  }

  onCommit(apply: () => void): void {
    if (!this.dryRun) this.commits.push(apply);
  }

  commit(): void {
    for (const apply of this.commits) apply();
  }
}

export class RequestContextCore {
  /** Queued actions of the next request. */
  _queue: Action[] = [];

  constructor(
    readonly _host: Host,
    /** Excel.run's `delayForCellEdit` (honoured from ExcelApi 1.5). */
    readonly _delayForCellEdit = false,
  ) {}

  /** Like office.js, an API above the host's requirement set version throws ApiNotFound at the call. */
  _requireApi(version: string, location: string): void {
    if (!this._host.supportsApi(version)) {
      throw officeError('ApiNotFound', location, `${location} needs ExcelApi ${version}; the emulated host supports ExcelApi up to the configured apiVersion`);
    }
  }

  _enqueue(action: Action): void {
    this._queue.push(action);
  }

  /** Sends the queued actions (see the module comment); resolves with `passThrough`. */
  async sync<T>(passThrough?: T): Promise<T> {
    const actions = this._queue;
    this._queue = [];
    const host = this._host;
    host.stats.syncs += 1;
    await Promise.resolve(); // a round trip: code after sync() runs later
    if (actions.length > 0) {
      let editing = host.cellEdit();
      while (editing) {
        if (!this._delayForCellEdit || !host.supportsApi('1.5')) {
          host.stats.requests.push({ bytes: actions.reduce((n, a) => n + a.bytes, 0), actions: actions.length, readCells: 0, responseBytes: 0 });
          throw officeError('InvalidOperationInCellEditMode', actions[0]!.name, 'the user is editing a cell');
        }
        host.onWaitingForCellEdit();
        await editing;
        editing = host.cellEdit();
      }
      host.beforeRequest(actions.map((a) => a.name));
      runRequest(host, actions);
    }
    return passThrough as T;
  }

  /** Excel.run's closing sync: counted as a sync only when it carries actions. */
  async _flush(): Promise<void> {
    if (this._queue.length > 0) await this.sync();
  }
}

function runRequest(host: Host, actions: Action[]): void {
  let bytes = 0;
  for (const action of actions) bytes += action.bytes;
  const request = { bytes, actions: actions.length, readCells: 0, responseBytes: 0 };
  host.stats.requests.push(request);
  if (bytes > host.maxRequestBytes) {
    throw officeError(
      'RequestPayloadSizeLimitExceeded',
      actions[0]!.name,
      `the request carries ${actions.length} actions of ${bytes} bytes in all; the limit is ${host.maxRequestBytes} bytes`,
    );
  }
  const dry = new Execution(host, true);
  let readCells = 0;
  let responseBytes = 0;
  for (const action of actions) {
    try {
      readCells += action.readCells?.(dry) ?? 0;
      responseBytes += action.responseBytes?.(dry) ?? 0;
    } catch {
      // the action fails when it runs, with its own error
    }
  }
  request.readCells = readCells;
  request.responseBytes = responseBytes;
  if (responseBytes > host.maxResponseBytes) {
    throw officeError(
      'ResponsePayloadSizeLimitExceeded',
      'Range.load',
      `the response would be about ${responseBytes} bytes; the limit is ${host.maxResponseBytes}`,
    );
  }
  const x = new Execution(host);
  for (const action of actions) {
    try {
      action.run(x);
    } catch (error) {
      const failure: EmulatorError = asOfficeError(error, action.name);
      if (!failure.debugInfo.errorLocation) failure.debugInfo.errorLocation = action.name;
      throw failure;
    }
  }
  x.commit();
}

/** UTF-8 length of a string, without encoding it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export const ACTION_OVERHEAD = 60;

/** Size of an action in the request: its name, its arguments as JSON, and a fixed overhead. */
export function actionBytes(name: string, args: unknown): number {
  const json = JSON.stringify(args, (_key, value: unknown) => (isProxy(value) ? '#object' : value)) ?? '';
  return ACTION_OVERHEAD + utf8Length(name) + utf8Length(json);
}

function isProxy(value: unknown): boolean {
  return typeof value === 'object' && value !== null && '_isEmulatorProxy' in value;
}
