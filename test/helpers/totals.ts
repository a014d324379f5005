/**
 * An Excel table with a totals row, as Excel saves it: the fixture builder (exceljs, then
 * excelize's AddTable) cannot make one, so the table part is edited the way Excel writes it —
 * `totalsRowCount="1"` on the table, the autoFilter over the header and data rows only, a
 * label on the first column and a function on others. The sheet's last table row must hold
 * the totals (a label and SUBTOTAL formulas), as the fixture spec gives it.
 */
import JSZip from 'jszip';
import { formatRange, parseRange } from '../../src/engine/address';

export async function withTotalsRow(bytes: Uint8Array, { part = 'xl/tables/table1.xml', label = '合计', sum = [] as string[] } = {}): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(part);
  if (!file) throw new Error(`no ${part}`);
  let xml = await file.async('string');
  const ref = /<table [^>]*?\sref="([^"]+)"/.exec(xml)?.[1];
  if (!ref) throw new Error('table without ref');
  const box = parseRange(ref);
  xml = xml.replace('<table ', '<table totalsRowCount="1" ');
  xml = xml.replace(/<autoFilter ref="[^"]*"/, `<autoFilter ref="${formatRange({ ...box, lastRow: box.lastRow - 1 })}"`);
  let first = true;
  xml = xml.replace(/<tableColumn ([^>]*?)name="([^"]*)"/g, (whole, attrs: string, name: string) => {
    const extra = first ? ` totalsRowLabel="${label}"` : sum.includes(name) ? ' totalsRowFunction="sum"' : '';
    first = false;
    return `<tableColumn ${attrs}name="${name}"${extra}`;
  });
  zip.file(part, xml);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
