/**
 * A zip package's central directory, read once for both sides of src/xlsx: the reader
 * (zip.ts, which also runs in the browser for the playground) and the direct writer
 * (zip-package.ts, node only). No node modules here. Every entry as the central directory
 * lists it (zip64 included), with what a writer needs to copy it unchanged (CRC, flags, times,
 * attributes, extra fields, order); encrypted entries, compressions other than stored and
 * deflate, and damaged directories are Unsupported.
 */

/** Thrown where the direct writer meets a package it does not handle: write.ts falls back to excelize. */
export class Unsupported extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'Unsupported';
  }
}

export interface PackageEntry {
  name: string;
  nameBytes: Uint8Array;
  versionMadeBy: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** The central directory's extra field without its zip64 record. */
  extra: Uint8Array;
  comment: Uint8Array;
  internalAttrs: number;
  externalAttrs: number;
  dataOffset: number;
}

export interface ZipPackage {
  data: Uint8Array;
  entries: PackageEntry[];
  byName: Map<string, PackageEntry>;
  comment: Uint8Array;
}

export const EOCD = 0x06054b50;
export const EOCD64_LOCATOR = 0x07064b50;
export const EOCD64 = 0x06064b50;
export const CENTRAL = 0x02014b50;
export const LOCAL = 0x04034b50;

/** The package's entries; Unsupported for what is not a zip this writer can rebuild (encrypted entries, other compressions). */
export function openPackage(data: Uint8Array): ZipPackage {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) throw new Unsupported('not a zip package');
  let count = view.getUint16(eocd + 10, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  const comment = data.slice(eocd + 22, eocd + 22 + view.getUint16(eocd + 20, true));
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== EOCD64_LOCATOR) throw new Unsupported('zip64 without locator');
    const record = u64(view, locator + 8);
    if (record + 56 > data.length || view.getUint32(record, true) !== EOCD64) throw new Unsupported('bad zip64 record');
    count = u64(view, record + 32);
    cdOffset = u64(view, record + 48);
  }
  const utf8 = new TextDecoder('utf-8');
  const entries: PackageEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || view.getUint32(p, true) !== CENTRAL) throw new Unsupported('bad central directory');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    const nameBytes = data.slice(p + 46, p + 46 + nameLen);
    const extraStart = p + 46 + nameLen;
    if (extraStart + extraLen + commentLen > data.length) throw new Unsupported('bad central directory');
    const fields = splitExtra(data.subarray(extraStart, extraStart + extraLen));
    const zip64 = fields.find((f) => f.id === 0x0001);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      if (!zip64) throw new Unsupported('zip64 sizes without their extra field');
      const z = new DataView(zip64.body.buffer, zip64.body.byteOffset, zip64.body.byteLength);
      let q = 0;
      const next = (): number => {
        if (q + 8 > z.byteLength) throw new Unsupported('short zip64 extra field');
        const v = u64(z, q);
        q += 8;
        return v;
      };
      if (size === 0xffffffff) size = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (localOffset === 0xffffffff) localOffset = next();
    }
    if (flags & 1) throw new Unsupported('encrypted entry');
    if (method !== 0 && method !== 8) throw new Unsupported(`compression method ${method}`);
    if (localOffset + 30 > data.length || view.getUint32(localOffset, true) !== LOCAL) throw new Unsupported('bad local header');
    const dataOffset = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataOffset + compressedSize > data.length) throw new Unsupported('entry beyond the end of the file');
    entries.push({
      name: utf8.decode(nameBytes),
      nameBytes,
      versionMadeBy: view.getUint16(p + 4, true),
      flags,
      method,
      time: view.getUint16(p + 12, true),
      date: view.getUint16(p + 14, true),
      crc: view.getUint32(p + 16, true),
      compressedSize,
      size,
      extra: joinExtra(fields.filter((f) => f.id !== 0x0001)),
      comment: data.slice(extraStart + extraLen, extraStart + extraLen + commentLen),
      internalAttrs: view.getUint16(p + 36, true),
      externalAttrs: view.getUint32(p + 38, true),
      dataOffset,
    });
    p = extraStart + extraLen + commentLen;
  }
  return { data, entries, byName: new Map(entries.map((e) => [e.name, e])), comment };
}

function u64(view: DataView, at: number): number {
  if (at < 0 || at + 8 > view.byteLength) throw new Unsupported('short zip64 field');
  const value = view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
  if (!Number.isSafeInteger(value)) throw new Unsupported('zip64 value too large');
  return value;
}

function splitExtra(extra: Uint8Array): { id: number; body: Uint8Array }[] {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  const out: { id: number; body: Uint8Array }[] = [];
  for (let q = 0; q + 4 <= extra.length;) {
    const size = view.getUint16(q + 2, true);
    out.push({ id: view.getUint16(q, true), body: extra.subarray(q + 4, Math.min(extra.length, q + 4 + size)) });
    q += 4 + size;
  }
  return out;
}

function joinExtra(fields: { id: number; body: Uint8Array }[]): Uint8Array {
  const out = new Uint8Array(fields.reduce((n, f) => n + 4 + f.body.length, 0));
  const view = new DataView(out.buffer);
  let q = 0;
  for (const f of fields) {
    view.setUint16(q, f.id, true);
    view.setUint16(q + 2, f.body.length, true);
    out.set(f.body, q + 4);
    q += 4 + f.body.length;
  }
  return out;
}

/** Offset of the end-of-central-directory record (searched back over a comment of up to 64 KB), or -1. */
export function findEndOfCentralDirectory(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let p = view.byteLength - 22; p >= min; p--) {
    if (view.getUint32(p, true) === EOCD) return p;
  }
  return -1;
}
