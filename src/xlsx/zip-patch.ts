/**
 * Replaces entries of a zip package (an .xlsx) without touching the others: their local
 * headers and compressed data are copied as they are, the replaced entries are stored
 * uncompressed with a new CRC. Used after excelize for what its wasm build cannot write
 * (a `veryHidden` sheet state, our charts' parts). An entry replaced by `null` is left
 * out (a chart of ours removed). No zip64, as in src/xlsx/zip.ts.
 */

import { findEndOfCentralDirectory } from './zip';

const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function replaceZipEntries(data: Uint8Array, replacements: ReadonlyMap<string, Uint8Array | null>): Uint8Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) throw new Error('not a zip file');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const utf8 = new TextDecoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    if (view.getUint32(p, true) !== CENTRAL) throw new Error('bad central directory');
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const nameBytes = data.subarray(p + 46, p + 46 + nameLen);
    const central = data.slice(p, p + 46 + nameLen + extraLen + commentLen);
    p += 46 + nameLen + extraLen + commentLen;
    const replacement = replacements.get(utf8.decode(nameBytes));
    if (replacement === null) continue;
    const cview = new DataView(central.buffer);
    let local: Uint8Array;
    if (replacement) {
      const crc = crc32(replacement);
      local = new Uint8Array(30 + nameLen + replacement.length);
      const lview = new DataView(local.buffer);
      lview.setUint32(0, LOCAL, true);
      lview.setUint16(4, 20, true);
      lview.setUint16(6, view.getUint16(localOffset + 6, true) & 0x0800, true); // keep the UTF-8 flag only
      lview.setUint16(8, 0, true); // stored
      lview.setUint32(10, view.getUint32(localOffset + 10, true), true); // time and date
      lview.setUint32(14, crc, true);
      lview.setUint32(18, replacement.length, true);
      lview.setUint32(22, replacement.length, true);
      lview.setUint16(26, nameLen, true);
      lview.setUint16(28, 0, true);
      local.set(nameBytes, 30);
      local.set(replacement, 30 + nameLen);
      cview.setUint16(8, view.getUint16(localOffset + 6, true) & 0x0800, true);
      cview.setUint16(10, 0, true);
      cview.setUint32(16, crc, true);
      cview.setUint32(20, replacement.length, true);
      cview.setUint32(24, replacement.length, true);
    } else {
      const localLen = 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
      const compressed = cview.getUint32(20, true);
      const flags = view.getUint16(localOffset + 6, true);
      const descriptor = flags & 0x08 ? (view.getUint32(localOffset + localLen + compressed, true) === 0x08074b50 ? 16 : 12) : 0;
      local = data.subarray(localOffset, localOffset + localLen + compressed + descriptor);
    }
    cview.setUint32(42, offset, true);
    offset += local.length;
    locals.push(local);
    centrals.push(central);
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = data.slice(eocd, data.length);
  const eview = new DataView(end.buffer);
  eview.setUint16(8, centrals.length, true);
  eview.setUint16(10, centrals.length, true);
  eview.setUint32(12, centralSize, true);
  eview.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + end.length);
  let q = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, q);
    q += part.length;
  }
  return out;
}

let table: Uint32Array | undefined;

export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
