/**
 * Hostile files for the `score` command's limits, built in the test: a zip bomb .xlsx (a
 * sheet XML of hundreds of MB of repeated rows, deflated to a few hundred KB, streamed so
 * that the test never holds the XML), and OLE compound files as Excel writes them for a
 * password-protected workbook (an `EncryptedPackage` stream) and for an old .xls.
 */
import { createDeflateRaw, crc32 } from 'node:zlib';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface Part {
  name: string;
  /** Deflated bytes. */
  data: Uint8Array;
  crc: number;
  size: number;
}

async function deflate(chunks: Iterable<Uint8Array>, level = 9): Promise<{ data: Uint8Array; crc: number; size: number }> {
  const stream = createDeflateRaw({ level });
  const out: Buffer[] = [];
  stream.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
  }
  stream.end();
  await ended;
  return { data: new Uint8Array(Buffer.concat(out)), crc, size };
}

/** A part deflated at `level` (9, the smallest, by default). */
export async function part(name: string, chunks: Iterable<Uint8Array>, level = 9): Promise<Part> {
  return { name, ...(await deflate(chunks, level)) };
}

const text = (s: string) => new TextEncoder().encode(s);

/**
 * A zip of deflated parts; `declare` overrides the uncompressed sizes the headers state (a
 * lying bomb). `zip64`: the central directory gives every size and offset in zip64 extra
 * fields and the end record in a zip64 end of central directory record, as tools writing
 * large packages do.
 */
export function zip(parts: Part[], declare: Record<string, number> = {}, zip64 = false): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const size = declare[p.name] ?? p.size;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(p.crc >>> 0, 14);
    head.writeUInt32LE(p.data.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(name.length, 26);
    local.push(head, name, Buffer.from(p.data));
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(45, 4);
    dir.writeUInt16LE(zip64 ? 45 : 20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(p.crc >>> 0, 16);
    dir.writeUInt32LE(zip64 ? 0xffffffff : p.data.length, 20);
    dir.writeUInt32LE(zip64 ? 0xffffffff : size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    if (zip64) {
      const extra = Buffer.alloc(28);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(p.data.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
      dir.writeUInt16LE(extra.length, 30);
      central.push(dir, name, extra);
    } else central.push(dir, name);
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : parts.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : parts.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  if (!zip64) return new Uint8Array(Buffer.concat([...local, cd, end]));
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(parts.length), 24);
  record.writeBigUInt64LE(BigInt(parts.length), 32);
  record.writeBigUInt64LE(BigInt(cd.length), 40);
  record.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
  locator.writeUInt32LE(1, 16);
  return new Uint8Array(Buffer.concat([...local, cd, record, locator, end]));
}

/** The parts of a one-sheet workbook around the given sheet XML chunks. */
async function workbook(sheetChunks: Iterable<Uint8Array>): Promise<Part[]> {
  return [
    await part('[Content_Types].xml', [
      text(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    ]),
    await part('_rels/.rels', [
      text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    ]),
    await part('xl/workbook.xml', [
      text(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="客户评估" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    ]),
    await part('xl/_rels/workbook.xml.rels', [
      text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    ]),
    await part('xl/worksheets/sheet1.xml', sheetChunks),
  ];
}

export const SHEET_PART = 'xl/worksheets/sheet1.xml';

/**
 * A zip bomb: a worksheet of `megabytes` MB of the same customer row repeated (a header row
 * first), a few hundred KB on disk. `lying`: the zip declares the sheet 1 KB.
 */
export async function zipBombXlsx(
  megabytes: number,
  { lying = false, row = '<row><c t="inlineStr"><is><t>甲</t></is></c><c><v>0.98</v></c><c><v>4.8</v></c></row>' } = {},
): Promise<Uint8Array> {
  const head = text(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row><c t="inlineStr"><is><t>客户名称</t></is></c><c t="inlineStr"><is><t>回款及时率</t></is></c><c t="inlineStr"><is><t>满意度评分</t></is></c></row>`,
  );
  const block = text(row.repeat(Math.floor((1 << 20) / row.length)));
  const tail = text('</sheetData></worksheet>');
  function* chunks() {
    yield head;
    for (let i = 0; i < megabytes; i++) yield block;
    yield tail;
  }
  return zip(await workbook(chunks()), lying ? { [SHEET_PART]: 1024 } : {});
}

/** A workbook whose sheet has `count` empty cells (`<c/>`): small in bytes, many cells. */
export async function manyCellsXlsx(count: number): Promise<Uint8Array> {
  const perRow = 10_000;
  const row = text(`<row>${'<c/>'.repeat(perRow)}</row>`);
  function* chunks() {
    yield text(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>`);
    for (let n = 0; n < count; n += perRow) yield row;
    yield text('</sheetData></worksheet>');
  }
  return zip(await workbook(chunks()));
}

/** A workbook with a value in A1 and one in XFD1048576: two cells spanning the whole sheet. */
export async function farCellXlsx(): Promise<Uint8Array> {
  return zip(
    await workbook([
      text(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>`,
      ),
    ]),
  );
}

/**
 * A minimal OLE compound file (MS-CFB, version 3, 512-byte sectors) whose directory names
 * the given streams: sector 0 the FAT, sector 1 the directory, then one sector per stream.
 * With `EncryptionInfo` and `EncryptedPackage` it is what Excel writes for a workbook with a
 * password to open (MS-OFFCRYPTO); with `Workbook` it is an old .xls.
 */
export function compoundFile(streams: string[]): Uint8Array {
  const SECTOR = 512;
  const sectors = 2 + streams.length;
  const out = Buffer.alloc(SECTOR * (sectors + 1));
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(out, 0);
  out.writeUInt16LE(0x3e, 0x18); // minor version
  out.writeUInt16LE(3, 0x1a); // major version
  out.writeUInt16LE(0xfffe, 0x1c); // byte order
  out.writeUInt16LE(9, 0x1e); // sector shift: 512
  out.writeUInt16LE(6, 0x20); // mini sector shift
  out.writeUInt32LE(1, 0x2c); // FAT sectors
  out.writeUInt32LE(1, 0x30); // first directory sector
  out.writeUInt32LE(4096, 0x38); // mini stream cutoff
  out.writeUInt32LE(0xfffffffe, 0x3c); // no mini FAT
  out.writeUInt32LE(0xfffffffe, 0x44); // no DIFAT sectors
  for (let i = 0; i < 109; i++) out.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const sectorAt = (s: number) => (s + 1) * SECTOR;
  // FAT: sector 0 is the FAT, every other sector a chain of one.
  for (let s = 0; s < SECTOR / 4; s++) out.writeUInt32LE(s === 0 ? 0xfffffffd : s < sectors ? 0xfffffffe : 0xffffffff, sectorAt(0) + s * 4);
  const entry = (index: number, name: string, type: number, start: number, size: number) => {
    const at = sectorAt(1) + index * 128;
    out.write(name, at, 'utf16le');
    out.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    out.writeUInt8(type, at + 0x42);
    out.writeUInt32LE(0xffffffff, at + 0x44); // left sibling
    out.writeUInt32LE(index + 1 < streams.length + 1 ? index + 1 : 0xffffffff, at + 0x48); // right sibling (a list)
    out.writeUInt32LE(0xffffffff, at + 0x4c); // child
    out.writeUInt32LE(start, at + 0x74);
    out.writeUInt32LE(size, at + 0x78);
  };
  entry(0, 'Root Entry', 5, 0xfffffffe, 0);
  out.writeUInt32LE(1, sectorAt(1) + 0x4c); // the root's child: the first stream
  out.writeUInt32LE(0xffffffff, sectorAt(1) + 0x48);
  streams.forEach((name, i) => {
    entry(i + 1, name, 2, 2 + i, SECTOR);
    out.fill(0x5a, sectorAt(2 + i), sectorAt(3 + i));
  });
  return new Uint8Array(out);
}

/** A small customer sheet, as a plain zip or in zip64 form (the same parts). */
export async function smallWorkbookXlsx({ zip64 = false } = {}): Promise<Uint8Array> {
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c><c r="B1" t="inlineStr"><is><t>回款及时率</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>华东精密</t></is></c><c r="B2"><v>0.98</v></c></row></sheetData></worksheet>`;
  return zip(await workbook([text(sheet)]), {}, zip64);
}
