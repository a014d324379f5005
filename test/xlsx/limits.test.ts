/**
 * Bounded work on hostile files (#8 item 6): a workbook beyond the limits of
 * src/xlsx/limits.ts is refused before the work is done, never handed to the slower
 * excelize reader; a password-protected file is told apart from an old .xls.
 * The files are built here (test/helpers/hostile.ts); nothing asserts time.
 */
import { loadExcelize } from '../../src/xlsx/excelize';
import { XLSX_LIMITS } from '../../src/xlsx/limits';
import { compoundFileStreams, readWorkbook, XlsxError } from '../../src/xlsx/read';
import { checkDeclaredSizes, readZip } from '../../src/xlsx/zip';
import { compoundFile, farCellXlsx, manyCellsXlsx, SHEET_PART, smallWorkbookXlsx, zipBombXlsx } from '../helpers/hostile';

jest.setTimeout(60_000);

// The excelize fallback, watched: a refused workbook must never reach it.
jest.mock('../../src/xlsx/excelize', () => {
  const actual = jest.requireActual<typeof import('../../src/xlsx/excelize')>('../../src/xlsx/excelize');
  return { ...actual, loadExcelize: jest.fn(actual.loadExcelize) };
});

const MB = 1024 * 1024;

async function refusal(data: Uint8Array): Promise<XlsxError> {
  const error = await readWorkbook(data).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof XlsxError)) throw new Error(`expected an XlsxError, got ${String(error)}`);
  return error;
}

describe('limits', () => {
  const excelizeLoads = loadExcelize as jest.MockedFunction<typeof loadExcelize>;
  beforeEach(() => excelizeLoads.mockClear());

  test('the limits are 128 MB per part, 256 MB per package, 4 million cells and a 25-million-cell grid', () => {
    expect(XLSX_LIMITS).toEqual({ partBytes: 128 * MB, packageBytes: 256 * MB, cells: 4_000_000, gridCells: 25_000_000 });
  });

  describe('a zip bomb: a sheet of 200 MB of repeated rows in well under 1 MB', () => {
    let bomb: Uint8Array;
    beforeAll(async () => {
      bomb = await zipBombXlsx(200);
    });

    test('is refused from its central directory, before anything is inflated', async () => {
      expect(bomb.length).toBeLessThan(1 * MB);
      const zip = readZip(bomb)!;
      expect(zip.entries.get(SHEET_PART)!.uncompressedSize).toBeGreaterThan(200 * MB);
      expect(() => checkDeclaredSizes(zip)).toThrow(expect.objectContaining({ code: 'too-large', limit: { kind: 'part-bytes', limit: 128 * MB } }));
      const error = await refusal(bomb);
      expect(error).toMatchObject({ code: 'too-large', limit: { kind: 'part-bytes', limit: 128 * MB } });
      expect(excelizeLoads).not.toHaveBeenCalled();
    });
  });

  describe('a zip bomb whose central directory says the sheet is 1 KB', () => {
    let bomb: Uint8Array;
    beforeAll(async () => {
      bomb = await zipBombXlsx(200, { lying: true });
    });

    test('inflation stops just past the limit, not at 200 MB', async () => {
      const zip = readZip(bomb)!;
      expect(zip.entries.get(SHEET_PART)!.uncompressedSize).toBe(1024);
      await expect(zip.read(SHEET_PART)).rejects.toMatchObject({ code: 'too-large', limit: { kind: 'part-bytes', limit: 128 * MB } });
      expect(zip.inflatedBytes).toBeGreaterThan(128 * MB);
      expect(zip.inflatedBytes).toBeLessThanOrEqual(128 * MB + 1 * MB); // one chunk past the limit at most
    });

    test('the workbook is refused, and the excelize fallback never sees it', async () => {
      // The sheet is scanned as it inflates: its 4 millionth cell (three in each 80-byte row,
      // about 107 MB in) comes before its 128th MB, so the cell limit is the one it passes.
      expect(await refusal(bomb)).toMatchObject({ code: 'too-large', limit: { kind: 'cells', limit: 4_000_000 } });
      expect(excelizeLoads).not.toHaveBeenCalled();
    });
  });

  test('a lying zip bomb of 200 MB of empty rows (no cells to count) is refused by its part size while it is scanned', async () => {
    const bomb = await zipBombXlsx(200, { lying: true, row: `<row>${' '.repeat(1000)}</row>` });
    expect(bomb.length).toBeLessThan(1 * MB);
    expect(await refusal(bomb)).toMatchObject({ code: 'too-large', limit: { kind: 'part-bytes', limit: 128 * MB } });
    expect(excelizeLoads).not.toHaveBeenCalled();
  });

  test('a sheet of more than 4 million cells (16 MB of empty <c/>) is refused by its cell count', async () => {
    const data = await manyCellsXlsx(4_010_000);
    expect(await refusal(data)).toMatchObject({ code: 'too-large', limit: { kind: 'cells', limit: 4_000_000 } });
    expect(excelizeLoads).not.toHaveBeenCalled();
  });

  test('two cells, A1 and XFD1048576, span a grid of 17 billion cells: refused', async () => {
    expect(await refusal(await farCellXlsx())).toMatchObject({ code: 'too-large', limit: { kind: 'grid-cells', limit: 25_000_000 } });
    expect(excelizeLoads).not.toHaveBeenCalled();
  });
});

test('a zip64 package is read directly, as the same package without zip64', async () => {
  const zip64 = await smallWorkbookXlsx({ zip64: true });
  const entry = readZip(zip64)?.entries.get(SHEET_PART);
  expect(entry?.uncompressedSize).toBeGreaterThan(0);
  const grids = await readWorkbook(zip64);
  expect(grids).toEqual([
    {
      name: '客户评估',
      rows: [
        ['客户名称', '回款及时率'],
        ['华东精密', 0.98],
      ],
      tables: [],
    },
  ]);
  expect(grids).toEqual(await readWorkbook(await smallWorkbookXlsx()));
});

describe('OLE compound files', () => {
  test('a password-protected workbook (an EncryptedPackage stream) is refused as encrypted', async () => {
    const encrypted = compoundFile(['EncryptionInfo', 'EncryptedPackage']);
    expect(compoundFileStreams(encrypted)).toEqual(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']);
    expect(await refusal(encrypted)).toMatchObject({ code: 'encrypted' });
  });

  test('an old .xls (a Workbook stream) is not an .xlsx, and not said to be encrypted', async () => {
    const xls = compoundFile(['Workbook', 'SummaryInformation']);
    expect(compoundFileStreams(xls)).toEqual(['Root Entry', 'Workbook', 'SummaryInformation']);
    expect(await refusal(xls)).toMatchObject({ code: 'not-xlsx' });
  });

  test('a damaged compound file (directory sector out of the file) is an old .xls, and reading it stops', async () => {
    const damaged = compoundFile(['EncryptionInfo', 'EncryptedPackage']).slice(0, 512 + 512);
    expect(compoundFileStreams(damaged)).toEqual([]);
    expect(await refusal(damaged)).toMatchObject({ code: 'not-xlsx' });
  });
});
