/**
 * A minimal, read-only zip reader: enough to read a few XML parts of an .xlsx that
 * excelize-wasm does not expose (cell types and style ids in bulk).
 *
 * Stored and deflated entries, zip64 included, no encryption (the central directory is read
 * by zip-directory.ts, as for the writer) — `readZip` returns null for a package whose
 * central directory it cannot read, and `read` throws for an entry it
 * cannot inflate; the callers fall back to slower per-cell excelize calls.
 *
 * Bounded work on hostile files (limits.ts): an entry whose declared size is beyond the
 * limit is refused before inflating, and since declared sizes can lie, inflation stops as
 * soon as the output passes the limit (per entry, and for the archive in all). Both throw
 * XlsxError 'too-large'.
 *
 * A large part (a sheet of 100,000 rows is about 50 MB of XML) is best not held whole:
 * `stream` hands its bytes over chunk by chunk as they are inflated, so that a reader can
 * scan them as they come and keep only what it reads out of them.
 */
import { XlsxError } from './errors';
import { XLSX_LIMITS } from './limits';
import { openPackage, Unsupported, type ZipPackage } from './zip-directory';

export { findEndOfCentralDirectory } from './zip-directory';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the central directory declares it: not to be trusted. */
  uncompressedSize: number;
  dataOffset: number;
}

export interface ZipArchive {
  entries: Map<string, ZipEntry>;
  /** The entry's bytes, or undefined when it does not exist. */
  read(name: string): Promise<Uint8Array | undefined>;
  /** The entry as UTF-8 text, or undefined when it does not exist. */
  readText(name: string): Promise<string | undefined>;
  /**
   * The entry's bytes chunk by chunk, as they are inflated (the limits checked as they
   * come); false when it does not exist. A chunk is only lent to `onChunk`: whatever is kept
   * of it must be copied. When `onChunk` throws, inflation stops and the error is thrown.
   */
  stream(name: string, onChunk: (chunk: Uint8Array) => void): Promise<boolean>;
  /** Bytes unpacked so far by `read` and `readText`, refused ones included (to see that a bomb was stopped early). */
  readonly inflatedBytes: number;
}

export interface ZipLimits {
  /** Most bytes one entry may unpack to. */
  entryBytes: number;
  /** Most bytes all entries read may unpack to together. */
  totalBytes: number;
}

export function readZip(data: Uint8Array, limits: ZipLimits = { entryBytes: XLSX_LIMITS.partBytes, totalBytes: XLSX_LIMITS.packageBytes }): ZipArchive | null {
  let pkg: ZipPackage;
  try {
    pkg = openPackage(data);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  const utf8 = new TextDecoder('utf-8');
  const entries = new Map<string, ZipEntry>(
    pkg.entries.map(({ name, method, compressedSize, size, dataOffset }) => [name, { name, method, compressedSize, uncompressedSize: size, dataOffset }]),
  );

  let inflated = 0;
  const stream = async (name: string, onChunk: (chunk: Uint8Array) => void): Promise<boolean> => {
    const entry = entries.get(name.replace(/^\//, ''));
    if (!entry) return false;
    if (entry.uncompressedSize > limits.entryBytes) throw tooLarge('part-bytes', limits.entryBytes, entry.name);
    const raw = data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    // The most this entry may unpack to: its limit, and what is left of the archive's.
    const room = Math.min(limits.entryBytes, limits.totalBytes - inflated);
    const refuse = () => (room < limits.entryBytes ? tooLarge('package-bytes', limits.totalBytes) : tooLarge('part-bytes', limits.entryBytes, entry.name));
    let produced = 0;
    const take = (chunk: Uint8Array): boolean => {
      produced += chunk.length;
      inflated += chunk.length;
      if (produced > room) return false;
      onChunk(chunk);
      return true;
    };
    if (entry.method === 0) {
      if (!take(raw)) throw refuse();
    } else if (entry.method === 8) {
      if (!(await inflateRaw(raw, take))) throw refuse();
    } else {
      throw new Error(`zip entry ${name}: compression method ${entry.method} not supported`);
    }
    return true;
  };
  const read = async (name: string): Promise<Uint8Array | undefined> => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const found = await stream(name, (chunk) => {
      chunks.push(chunk);
      total += chunk.length;
    });
    if (!found) return undefined;
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  };
  return {
    entries,
    read,
    stream,
    async readText(name) {
      const bytes = await read(name);
      return bytes === undefined ? undefined : utf8.decode(bytes);
    },
    get inflatedBytes() {
      return inflated;
    },
  };
}

/**
 * Refuses a package whose central directory declares more than the limits allow, before
 * anything is inflated (what the entries really unpack to is checked while reading them).
 */
export function checkDeclaredSizes(zip: ZipArchive, limits: ZipLimits = { entryBytes: XLSX_LIMITS.partBytes, totalBytes: XLSX_LIMITS.packageBytes }): void {
  let total = 0;
  for (const entry of zip.entries.values()) {
    if (entry.uncompressedSize > limits.entryBytes) throw tooLarge('part-bytes', limits.entryBytes, entry.name);
    total += entry.uncompressedSize;
  }
  if (total > limits.totalBytes) throw tooLarge('package-bytes', limits.totalBytes);
}

function tooLarge(kind: 'part-bytes' | 'package-bytes', limit: number, part?: string): XlsxError {
  const what = kind === 'part-bytes' ? `The part ${part ?? ''} unpacks to more than ${limit} bytes.` : `The package unpacks to more than ${limit} bytes.`;
  return new XlsxError('too-large', what, { limit: { kind, limit } });
}

/**
 * Raw DEFLATE, with the web-standard DecompressionStream (Node ≥ 18, browsers) or node:zlib,
 * handed to `take` chunk by chunk as it is inflated. Stops as soon as `take` says no (the
 * output passed a limit): false then. An error `take` throws stops inflation and is thrown.
 */
async function inflateRaw(input: Uint8Array, take: (chunk: Uint8Array) => boolean): Promise<boolean> {
  const DS = (globalThis as { DecompressionStream?: typeof DecompressionStream }).DecompressionStream;
  if (typeof DS === 'function') {
    const ds = new DS('deflate-raw');
    const writer = ds.writable.getWriter();
    void writer.write(input as Uint8Array<ArrayBuffer>).catch(() => undefined);
    void writer.close().catch(() => undefined);
    const reader = ds.readable.getReader();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          finished = true;
          return true;
        }
        if (!take(value)) return false;
      }
    } finally {
      if (!finished) await reader.cancel().catch(() => undefined);
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only here, where there is no DecompressionStream (old node): an import would put node:zlib into the browser bundles.
  const zlib = require('node:zlib') as typeof import('node:zlib');
  const inflater = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
  inflater.end(input);
  try {
    for await (const chunk of inflater as AsyncIterable<Uint8Array>) {
      if (!take(chunk)) return false;
    }
    return true;
  } finally {
    inflater.destroy();
  }
}
