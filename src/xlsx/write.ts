/**
 * Writes managed columns (score, tier, flags …) and the cells of a sheet of the caller's own
 * (the very hidden rules sheet) into a copy of the user's workbook, in one save.
 *
 * The direct writer (direct-write.ts) does it for every package it can handle: it rewrites
 * the evaluation sheet's XML as a stream and copies every other part still compressed, in
 * about the time it takes to read the sheet. For the packages it refuses (Unsupported) the
 * excelize-wasm writer (write-excelize.ts) does the same work its slow way: strict OOXML
 * workbooks, a sheet whose rows or cells are out of order, anything but rows inside its
 * `<sheetData>`, a shared or array formula whose master cell a managed column would
 * overwrite while cells it covers stay, a zip this writer cannot rebuild (encrypted entries,
 * compression other than deflate), a sheet written twice in one call. Bytes that are not a
 * zip at all go to excelize too, which refuses them as not an .xlsx.
 */
import { XlsxError } from './errors';
import { writeDirect } from './direct-write';
import { writeWithExcelize } from './write-excelize';
import type { CellsWrite, SheetWrite } from './write-common';
import { Unsupported } from './zip-package';

export { XlsxError } from './errors';
export { withNewColumns, type CellWrite, type CellsWrite, type ColumnWrite, type SheetWrite } from './write-common';

/** Which writer wrote (counts since the process started, and why the last fallback happened): for tests and diagnostics. */
export const writerUse = { direct: 0, excelize: 0, lastFallback: '' };

/** Writes the managed columns (`writes`) and then the given cells of other sheets (`cells`), all in one save. */
export async function writeWorkbook(data: Uint8Array, writes: SheetWrite[], cells: readonly CellsWrite[] = []): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await writeDirect(data, writes, cells);
  } catch (error) {
    if (error instanceof XlsxError) throw error;
    if (!(error instanceof Unsupported)) {
      throw new XlsxError('write-failed', `The workbook could not be written: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    writerUse.excelize++;
    writerUse.lastFallback = error.message;
    return writeWithExcelize(data, writes, cells);
  }
  writerUse.direct++;
  return bytes;
}
