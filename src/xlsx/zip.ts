/**
 * A minimal, read-only zip reader: enough to read a few XML parts of an .xlsx that
 * excelize-wasm does not expose (cell types and style ids in bulk).
 *
 * Stored and deflated entries only, no zip64, no encryption — `readZip` returns null for
 * anything else and the callers fall back to slower per-cell excelize calls.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  dataOffset: number;
}

export interface ZipArchive {
  entries: Map<string, ZipEntry>;
  /** The entry's bytes, or undefined when it does not exist. */
  read(name: string): Promise<Uint8Array | undefined>;
  /** The entry as UTF-8 text, or undefined when it does not exist. */
  readText(name: string): Promise<string | undefined>;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function readZip(data: Uint8Array): ZipArchive | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) return null; // zip64
  const utf8 = new TextDecoder('utf-8');
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || view.getUint32(p, true) !== CENTRAL) return null;
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = utf8.decode(data.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) return null; // encrypted
    if (localOffset + 30 > data.length || view.getUint32(localOffset, true) !== LOCAL) return null;
    const dataOffset = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataOffset + compressedSize > data.length) return null;
    entries.set(name, { name, method, compressedSize, dataOffset });
  }

  const read = async (name: string): Promise<Uint8Array | undefined> => {
    const entry = entries.get(name.replace(/^\//, ''));
    if (!entry) return undefined;
    const raw = data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    if (entry.method === 0) return raw;
    if (entry.method === 8) return inflateRaw(raw);
    throw new Error(`zip entry ${name}: compression method ${entry.method} not supported`);
  };
  return {
    entries,
    read,
    async readText(name) {
      const bytes = await read(name);
      return bytes === undefined ? undefined : utf8.decode(bytes);
    },
  };
}

function findEndOfCentralDirectory(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let p = view.byteLength - 22; p >= min; p--) {
    if (view.getUint32(p, true) === EOCD) return p;
  }
  return -1;
}

/** Raw DEFLATE, with the web-standard DecompressionStream (Node ≥ 18, browsers) or node:zlib. */
async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const DS = (globalThis as { DecompressionStream?: typeof DecompressionStream }).DecompressionStream;
  if (typeof DS === 'function') {
    const ds = new DS('deflate-raw');
    const writer = ds.writable.getWriter();
    void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
    void writer.close().catch(() => undefined);
    const reader = ds.readable.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
  const zlib = require('node:zlib') as typeof import('node:zlib');
  return new Uint8Array(zlib.inflateRawSync(bytes));
}
