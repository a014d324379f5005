import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFixture } from '../fixtures/build';
import { excelizeWasmPath, loadExcelize } from '../../src/xlsx/excelize';

describe('loading excelize-wasm', () => {
  test('the wasm file is found inside the installed package', () => {
    expect(fs.existsSync(excelizeWasmPath())).toBe(true);
    expect(path.basename(excelizeWasmPath())).toBe('excelize.wasm.gz');
  });

  test('loads once and shares the module (here through the fallback jest needs)', async () => {
    const [a, b] = await Promise.all([loadExcelize(), loadExcelize()]);
    expect(a).toBe(b);
    expect(await loadExcelize()).toBe(a);
    const f = a.NewFile();
    expect(f.SetCellValue('Sheet1', 'A1', 42).error).toBeFalsy();
    expect(f.GetCellValue('Sheet1', 'A1').value).toBe('42');
  });

  test('outside jest (tsx, as the command line runs) the package’s own init works', async () => {
    const input = await writeFixture({ sheets: [{ name: '客户', rows: [['客户名称'], ['甲']] }] }, 'smoke.xlsx');
    const output = input.replace(/\.xlsx$/, '.out.xlsx');
    const root = path.resolve(__dirname, '../..');
    const stdout = execFileSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(__dirname, 'smoke-outside-jest.ts'), input, output], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toEqual({ sheets: ['客户'], written: 12.5 });
  }, 60_000);
});
