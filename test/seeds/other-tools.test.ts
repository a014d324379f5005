/**
 * Seed workbooks saved by another tool (LibreOffice Calc; test/fixtures/files/README.md says
 * how each was made): the same data as the fixtures built in code, so the same hand-worked
 * results, through the score command and the add-in. One is in the 1904 date system, one
 * keeps every rate as a %-formatted cell and every date as a date cell.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkbook } from '../../src/xlsx/read';
import { loadExcelize } from '../../src/xlsx/excelize';
import { LIBREOFFICE_FILES } from '../fixtures/files/make';
import { buildSeedWorkbook } from '../fixtures/seeds';
import { zipText } from '../helpers/zip';
import { describeSeed } from './harness';

jest.setTimeout(120_000);

const fileBytes = (file: string) => new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'files', file)));

describe('the committed files are what the README says', () => {
  it.each(LIBREOFFICE_FILES.map(({ fixture, file }) => [file, fixture] as const))(
    '%s was saved by LibreOffice and holds the fixture’s cells',
    async (file, fixture) => {
      const bytes = fileBytes(file);
      expect(await zipText(bytes, 'docProps/app.xml')).toMatch(/<Application>LibreOffice/);
      const saved = await readWorkbook(bytes);
      const built = await readWorkbook(await buildSeedWorkbook(fixture.workbook));
      expect(saved.map((s) => s.name)).toEqual(built.map((s) => s.name));
      for (const sheet of built) expect(saved.find((s) => s.name === sheet.name)!.rows).toEqual(sheet.rows);
    },
  );

  it('seed-001-1904 is in the 1904 date system: 2019-05-01 is stored as 42124 and shown as 2019-05-01', async () => {
    const bytes = fileBytes('seed-001-1904.libreoffice.xlsx');
    expect(await zipText(bytes, 'xl/workbook.xml')).toMatch(/<workbookPr [^>]*date1904="(true|1)"/);
    const [evaluation] = await readWorkbook(bytes);
    expect(evaluation!.rows[1]![3]).toBe(42124);
    const f = (await loadExcelize()).OpenReader(bytes);
    expect(f.GetCellValue('客户评估', 'D2').value).toBe('2019-05-01');
    expect(f.GetCellValue('跟进记录', 'C3').value).toBe('2024-03-10');
    expect(f.GetCellValue('客户评估', 'L2').value).toBe('100%');
  });

  it('seed-004-formatted keeps rates as %-formatted cells and dates as date cells', async () => {
    const f = (await loadExcelize()).OpenReader(fileBytes('seed-004-formatted.libreoffice.xlsx'));
    expect(['F4', 'F6', 'F9', 'I5', 'I8', 'E5'].map((cell) => f.GetCellValue('客户分层', cell).value)).toEqual([
      '18%',
      '8%',
      '3%',
      '2024-03-20',
      '2024-06-01',
      '35,000',
    ]);
  });
});

for (const { fixture, file } of LIBREOFFICE_FILES) {
  describeSeed({ ...fixture, name: file, about: `${fixture.about} (saved by LibreOffice)` }, async () => fileBytes(file));
}
