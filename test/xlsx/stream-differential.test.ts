/** TEMPORARY: the streaming reader against the regex reader it replaces, on generated sheets. */
import fc from 'fast-check';
import * as old from './old-ooxml';
import { parseSharedStrings, parseSheetXml } from '../../src/xlsx/ooxml';
import { SheetScanner, SharedStringScanner } from '../../src/xlsx/sheet-stream';

const FORMATS = [null, '0%', 'yyyy-mm-dd', '@', null, '0.00'];
const SST_ITEMS = fc.array(fc.oneof(
  fc.string({ unit: fc.constantFrom('a', '客', '户', ' ', '&amp;', '&lt;', '_x000D_', '1', '&#x41;') }).map((t) => `<si><t>${t}</t></si>`),
  fc.string({ unit: fc.constantFrom('a', '客', ' ') }).map((t) => `<si><t xml:space="preserve">${t}</t></si>`),
  fc.tuple(fc.string({ unit: fc.constantFrom('富', 'b') }), fc.string({ unit: fc.constantFrom('文', 'c') })).map(([a, b]) => `<si><r><rPr><b/></rPr><t>${a}</t></r><r><t>${b}</t></r></si>`),
  fc.constant('<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>'),
  fc.constant('<si/>'),
  fc.constant('<si><t/></si>'),
), { maxLength: 8 });

const value = fc.oneof(
  fc.integer({ min: -100000, max: 100000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom('0.95', '-0', '1.', '.5', '+3', ' 7 ', '1e3', '-2.5E-3', '', 'abc', '&#49;2', '12345678901234567', '0.1234567890123456789', '007'),
);
const cellXml = (p: string) => fc.record({
  ref: fc.option(fc.tuple(fc.constantFrom('', '$'), fc.constantFrom('A', 'B', 'c', 'AA', 'XF'), fc.constantFrom('', '$'), fc.integer({ min: 1, max: 30 })), { nil: undefined }),
  t: fc.option(fc.constantFrom('s', 'n', 'b', 'e', 'd', 'str', 'inlineStr', 'x'), { nil: undefined }),
  s: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
  body: fc.oneof(
    fc.constant(null),
    value.map((v) => `<${p}v>${v}</${p}v>`),
    fc.integer({ min: 0, max: 9 }).map((i) => `<${p}v>${i}</${p}v>`),
    fc.constantFrom('TRUE', '1', '0', 'true', '#N/A', '2024-06-10', '2024-06-10T12:00:00Z', 'x_x000D_y', 'a &amp; b').map((v) => `<${p}f>A1&amp;"x"</${p}f><${p}v>${v}</${p}v>`),
    fc.string({ unit: fc.constantFrom('内', 'a', ' ', '&gt;') }).map((t) => `<${p}is><${p}t>${t}</${p}t></${p}is>`),
    fc.constant(`<${p}is><${p}r><${p}t>内</${p}t></${p}r><${p}r><${p}t>联</${p}t></${p}r></${p}is>`),
    fc.constant(`<${p}f>1+1</${p}f>`),
    fc.constant(`<${p}v/>`),
    fc.constant(''),
  ),
}).map(({ ref, t, s, body }) => {
  const attrs = `${ref ? ` r="${ref.join('')}"` : ''}${t ? ` t="${t}"` : ''}${s !== undefined ? ` s="${s}"` : ''}`;
  return body === null ? `<${p}c${attrs}/>` : `<${p}c${attrs}>${body}</${p}c>`;
});
const sheetXml = fc.constantFrom('', 'x:').chain((p) => fc.tuple(
  fc.constant(p),
  fc.array(fc.record({ r: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }), cells: fc.array(cellXml(p), { maxLength: 6 }), ws: fc.constantFrom('', '\n', ' ') }), { maxLength: 8 }),
)).map(([p, rows]) => `<?xml version="1.0"?><${p}worksheet xmlns${p ? ':x' : ''}="ns"><${p}dimension ref="A1"/><${p}sheetData>${rows.map(({ r, cells, ws }) => `<${p}row${r ? ` r="${r}"` : ''}>${ws}${cells.join(ws)}</${p}row>`).join('\n')}</${p}sheetData><${p}tableParts count="1"><${p}tablePart r:id="rId3"/></${p}tableParts></${p}worksheet>`);

/** A ragged grid with holes, undefined and null alike: dense, null-padded, trailing nulls cut. */
function dense<T>(grid: (T | null | undefined)[][]): (T | null)[][] {
  const out: (T | null)[][] = [];
  grid.forEach((row, r) => {
    if (r < 0 || !row) return;
    const cells: (T | null)[] = [];
    for (let c = 0; c < row.length; c++) cells.push(row[c] ?? null);
    while (cells.length && cells[cells.length - 1] === null) cells.pop();
    out[r] = cells;
  });
  for (let r = 0; r < out.length; r++) out[r] ??= [];
  while (out.length && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

function scanEntries(scan: { get(r: number, c: number): unknown }): unknown[] {
  const out: unknown[] = [];
  for (let r = 0; r < 45; r++) for (let c = 0; c < 16384 && c < 720; c++) { const e = scan.get(r, c); if (e) out.push([r, c, e]); }
  return out;
}

test('the shared strings read as the regex reader read them', () => {
  fc.assert(fc.property(SST_ITEMS, (items) => {
    const xml = `<?xml version="1.0"?><sst xmlns="ns" count="${items.length}">${items.join('')}</sst>`;
    expect(parseSharedStrings(xml)).toEqual(old.parseSharedStrings(xml));
  }), { numRuns: 500 });
});

test('the sheets read as the regex reader read them: values, formats, types and styles', () => {
  fc.assert(fc.property(sheetXml, SST_ITEMS, fc.boolean(), (xml, items, date1904) => {
    const sst = old.parseSharedStrings(`<sst>${items.join('')}</sst>`);
    const a = old.parseSheetXml(xml, sst, { styleFormats: FORMATS, date1904 });
    const b = parseSheetXml(xml, sst, { styleFormats: FORMATS, date1904 });
    expect(dense(b.values)).toEqual(dense(a.values));
    expect(dense(b.formats)).toEqual(dense(a.formats));
    expect(scanEntries(b.cells)).toEqual(scanEntries(a.cells));
  }), { numRuns: 1000 });
});

test('cut into chunks anywhere, a sheet reads as it does whole', () => {
  fc.assert(fc.property(sheetXml, SST_ITEMS, fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 30 }), (xml, items, cuts) => {
    const sst = parseSharedStrings(`<sst>${items.join('')}</sst>`);
    const bytes = new TextEncoder().encode(xml);
    const whole = new SheetScanner({ sharedStrings: sst, styleFormats: FORMATS, scan: true }).all(bytes);
    const chunked = new SheetScanner({ sharedStrings: sst, styleFormats: FORMATS, scan: true });
    let at = 0;
    for (const n of cuts) { chunked.push(bytes.slice(at, at + n)); at += n; }
    chunked.push(bytes.slice(at));
    chunked.end();
    expect(dense(chunked.rows)).toEqual(dense(whole.rows));
    expect(chunked.formatRows()).toEqual(whole.formatRows());
    expect(chunked.tableParts).toEqual(whole.tableParts);
    expect(scanEntries(chunked.cells)).toEqual(scanEntries(whole.cells));
    const sstBytes = new TextEncoder().encode(`<sst>${items.join('')}</sst>`);
    const s = new SharedStringScanner();
    at = 0;
    for (const n of cuts) { s.push(sstBytes.slice(at, at + n)); at += n; }
    s.push(sstBytes.slice(at));
    s.end();
    expect(s.strings).toEqual(sst);
  }), { numRuns: 1000 });
});
