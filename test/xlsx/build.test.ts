import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { buildWorkbook, FIXTURE_PNG, FIXTURE_TABLE_STYLE, writeFixture } from '../fixtures/build';
import { loadExcelize } from '../../src/xlsx/excelize';
import { MAIN, NOTES, SPEC, unzipBytes, unzipText } from './spec';

describe('fixture builder', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await buildWorkbook(SPEC);
  });

  test('the workbook opens in excelize with its tables, charts, names, merges, comments and validation', async () => {
    const ex = await loadExcelize();
    const f = ex.OpenReader(bytes);
    expect(f.error).toBeFalsy();
    expect(f.GetSheetList().list).toEqual([MAIN, NOTES]);
    const tables = f.GetTables(MAIN).tables;
    expect(tables.map((t) => [t.Name, t.Range, t.StyleName])).toEqual([['客户表', 'A2:G6', FIXTURE_TABLE_STYLE]]);
    expect(f.GetCellFormula(NOTES, 'B6').formula).toBe('SUM(B2:B5)');
    expect(f.GetCellValue(NOTES, 'B6').value).toBe('10');
    expect(f.GetDefinedName().definedNames.map((d) => [d.Name, d.RefersTo])).toEqual([
      ['评分区', `'${MAIN}'!$A$2:$G$6`],
      ['等级表', `'${NOTES}'!$A$1:$B$5`],
    ]);
    expect(f.GetComments(MAIN).comments.map((c) => c.Cell)).toEqual(['A3']);
    // index.d.ts says `dataValidation`; excelize-wasm 0.1.3 returns `dataValidations`.
    const { dataValidations } = f.GetDataValidations(MAIN) as unknown as { dataValidations: { Type: string; Sqref: string }[] };
    expect(dataValidations.map((v) => [v.Type, v.Sqref])).toEqual([['list', 'G3:G6']]);
  });

  test('the workbook opens in exceljs with its cells, styles, merges, note, validation and image', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(MAIN)!;
    expect(ws.getCell('A1').value).toBe('2024年客户评估（示例）');
    expect(ws.getCell('D3').value).toBe('00123');
    expect(ws.getCell('E3').value).toEqual(new Date(Date.UTC(2024, 5, 10)));
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(ws.getCell('C3').numFmt).toBe('0.0%');
    expect((ws.model as { merges?: string[] }).merges).toEqual(['A1:G1']);
    expect(ws.getCell('A3').note).toBe('重点客户，季度回访');
    expect(ws.getCell('G4').dataValidation).toMatchObject({ type: 'list', formulae: ['"AAA,AA,A"'] });
    expect(ws.getColumn('A').width).toBe(20);
    expect(ws.getImages()).toHaveLength(1);
    expect(wb.getWorksheet(NOTES)!.getCell('B6').value).toMatchObject({ formula: 'SUM(B2:B5)', result: 10 });
  });

  test('the package holds both charts and the PNG', async () => {
    const parts = await unzipText(bytes);
    const charts = [...parts.keys()].filter((n) => n.startsWith('xl/charts/chart'));
    expect(charts).toHaveLength(2);
    const xml = charts
      .map((n) => parts.get(n)!)
      .join('')
      .replace(/&#39;|&apos;/g, "'");
    expect(xml).toMatch(/<barDir val="col"/);
    expect(xml).toMatch(/<barDir val="bar"/);
    expect(xml).toContain(`'${NOTES}'!$B$2:$B$5`);
    expect(xml).toContain(`'${MAIN}'!$B$3:$B$6`);
    const media = [...parts.keys()].filter((n) => n.startsWith('xl/media/'));
    expect(media).toHaveLength(1);
    expect(await unzipBytes(bytes, media[0]!)).toEqual(FIXTURE_PNG);
  });

  test('writeFixture writes under the per-process temp folder', async () => {
    const file = await writeFixture({ sheets: [{ name: 'S', rows: [['a', 1]] }] }, 'small.xlsx');
    expect(path.dirname(file)).toBe(path.join(os.tmpdir(), `scoring-fixtures-${process.pid}`));
    expect(fs.readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
