/**
 * The zip side of the direct writer (direct-write.ts): the package's entries as the central
 * directory lists them (zip64 included), a part inflated whole or as a stream of chunks, and
 * a new package in which every part that does not change is copied still compressed — its
 * bytes as they were, never inflated and deflated again — and the changed or new parts are
 * deflated with node:zlib.
 *
 * The central directory is read by zip-directory.ts (shared with the reader, zip.ts). Local
 * headers are rebuilt from the central directory (their sizes written in place, no data
 * descriptor, no zip64 extra: the limits of limits.ts keep a package far below 4 GB); the data
 * is copied.
 */
import { once } from 'node:events';
import * as zlib from 'node:zlib';
import { XlsxError } from './errors';
import { XLSX_LIMITS } from './limits';
import { CENTRAL, EOCD, LOCAL, Unsupported, type PackageEntry, type ZipPackage } from './zip-directory';

export { openPackage, Unsupported, type PackageEntry, type ZipPackage } from './zip-directory';

function tooLarge(name: string): XlsxError {
  return new XlsxError('too-large', `The part ${name} unpacks to more than ${XLSX_LIMITS.partBytes} bytes.`, {
    limit: { kind: 'part-bytes', limit: XLSX_LIMITS.partBytes },
  });
}

/** The compressed bytes of an entry, as stored. */
export function rawData(pkg: ZipPackage, entry: PackageEntry): Uint8Array {
  return pkg.data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
}

/** A (small) part inflated whole, as text; undefined when there is no such entry. */
export function readText(pkg: ZipPackage, name: string): string | undefined {
  const entry = pkg.byName.get(name.replace(/^\//, ''));
  if (!entry) return undefined;
  if (entry.size > XLSX_LIMITS.partBytes) throw tooLarge(entry.name);
  const raw = rawData(pkg, entry);
  let bytes: Uint8Array;
  if (entry.method === 0) bytes = raw;
  else {
    try {
      bytes = zlib.inflateRawSync(raw, { maxOutputLength: XLSX_LIMITS.partBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(entry.name);
      throw new Unsupported(`part ${entry.name} cannot be inflated`);
    }
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** An entry's bytes inflated as a stream of chunks (at most the part limit in all). */
export async function* inflateChunks(pkg: ZipPackage, entry: PackageEntry): AsyncGenerator<Buffer> {
  const raw = rawData(pkg, entry);
  if (entry.method === 0) {
    for (let i = 0; i < raw.length; i += 1 << 18) yield Buffer.from(raw.buffer, raw.byteOffset + i, Math.min(1 << 18, raw.length - i));
    return;
  }
  const inflate = zlib.createInflateRaw({ chunkSize: 1 << 18 });
  inflate.end(raw);
  let total = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > XLSX_LIMITS.partBytes) throw tooLarge(entry.name);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof XlsxError) throw error;
    throw new Unsupported(`part ${entry.name} cannot be inflated`);
  } finally {
    inflate.destroy();
  }
}

/** A part ready to be stored: deflated bytes, the CRC-32 and size of what they inflate to. */
export interface DeflatedPart {
  data: Uint8Array;
  crc: number;
  size: number;
}

/**
 * zlib's level 4. Measured on the 100,000-customer evaluation sheet (43 MB of XML): level 6
 * (zlib's default, close to what Excel writes) takes 2.6× as long for a file 5 % smaller;
 * level 1 is twice as fast again but its file is a third larger.
 */
export const DEFLATE_LEVEL = 4;

export function deflatePart(text: string | Uint8Array): DeflatedPart {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return { data: zlib.deflateRawSync(bytes, { level: DEFLATE_LEVEL }), crc: zlib.crc32(bytes), size: bytes.length };
}

/** Deflates text or bytes written to it piece by piece, with back-pressure: the whole part is never held uncompressed. */
export class DeflateSink {
  // A few MB may wait for the deflater: the rewriter goes on producing while zlib's thread compresses.
  private readonly stream = zlib.createDeflateRaw({ level: DEFLATE_LEVEL, chunkSize: 1 << 17, writableHighWaterMark: 8 << 20 } as zlib.ZlibOptions);
  private readonly out: Buffer[] = [];
  private failure: unknown;
  private crc = 0;
  private size = 0;

  constructor() {
    this.stream.on('data', (b: Buffer) => this.out.push(b));
    this.stream.on('error', (e) => {
      this.failure = e;
    });
  }

  async write(text: string | Buffer): Promise<void> {
    if (text.length === 0) return;
    if (this.failure) throw this.failure;
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    this.crc = zlib.crc32(bytes, this.crc);
    this.size += bytes.length;
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }

  async end(): Promise<DeflatedPart> {
    const ended = once(this.stream, 'end');
    this.stream.end();
    await ended;
    if (this.failure) throw this.failure;
    return { data: Buffer.concat(this.out), crc: this.crc, size: this.size };
  }

  /** Stops without a result (the write failed elsewhere). */
  abort(): void {
    this.stream.destroy();
  }
}

/**
 * A new package: the entries of `pkg` in their order — removed ones left out, replaced ones
 * with their new data, the others copied still compressed — then the added parts.
 */
export function buildPackage(
  pkg: ZipPackage,
  replaced: ReadonlyMap<string, DeflatedPart>,
  removed: ReadonlySet<string>,
  added: readonly { name: string; part: DeflatedPart }[],
): Uint8Array {
  const pieces: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  const utf8 = new TextEncoder();
  const reference = pkg.byName.get('[Content_Types].xml') ?? pkg.entries[0];
  const put = (meta: Omit<PackageEntry, 'dataOffset' | 'compressedSize'>, data: Uint8Array) => {
    const flags = meta.flags & ~0x0008; // sizes in the local header: no data descriptor
    const local = new Uint8Array(30 + meta.nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, meta.method, true);
    lv.setUint16(10, meta.time, true);
    lv.setUint16(12, meta.date, true);
    lv.setUint32(14, meta.crc >>> 0, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, meta.size, true);
    lv.setUint16(26, meta.nameBytes.length, true);
    local.set(meta.nameBytes, 30);
    const central = new Uint8Array(46 + meta.nameBytes.length + meta.extra.length + meta.comment.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, CENTRAL, true);
    cv.setUint16(4, meta.versionMadeBy, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, meta.method, true);
    cv.setUint16(12, meta.time, true);
    cv.setUint16(14, meta.date, true);
    cv.setUint32(16, meta.crc >>> 0, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, meta.size, true);
    cv.setUint16(28, meta.nameBytes.length, true);
    cv.setUint16(30, meta.extra.length, true);
    cv.setUint16(32, meta.comment.length, true);
    cv.setUint16(36, meta.internalAttrs, true);
    cv.setUint32(38, meta.externalAttrs >>> 0, true);
    cv.setUint32(42, offset, true);
    central.set(meta.nameBytes, 46);
    central.set(meta.extra, 46 + meta.nameBytes.length);
    central.set(meta.comment, 46 + meta.nameBytes.length + meta.extra.length);
    pieces.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
    if (offset > 0xfffffff0) throw new Unsupported('package beyond 4 GB');
  };
  for (const entry of pkg.entries) {
    if (removed.has(entry.name)) continue;
    const part = replaced.get(entry.name);
    if (part) put({ ...entry, method: 8, crc: part.crc, size: part.size }, part.data);
    else put(entry, rawData(pkg, entry));
  }
  for (const { name, part } of added) {
    const nameBytes = utf8.encode(name);
    put(
      {
        name,
        nameBytes,
        versionMadeBy: reference?.versionMadeBy ?? 20,
        flags: /^[\x20-\x7e]*$/.test(name) ? 0 : 0x0800,
        method: 8,
        time: reference?.time ?? 0,
        date: reference?.date ?? 0x21,
        crc: part.crc,
        size: part.size,
        extra: new Uint8Array(0),
        comment: new Uint8Array(0),
        internalAttrs: 0,
        externalAttrs: 0,
      },
      part.data,
    );
  }
  if (centrals.length > 0xfffe) throw new Unsupported('too many entries');
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22 + pkg.comment.length);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, EOCD, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  ev.setUint16(20, pkg.comment.length, true);
  end.set(pkg.comment, 22);
  const out = new Uint8Array(offset + centralSize + end.length);
  let q = 0;
  for (const piece of [...pieces, ...centrals, end]) {
    out.set(piece, q);
    q += piece.length;
  }
  return out;
}
