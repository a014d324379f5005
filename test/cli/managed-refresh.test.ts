/**
 * Every managed column present in the table is refreshed on every run (docs/scoring-rules.md section 8):
 * a re-run of the `score` command without --breakdown on a workbook an earlier run wrote a
 * 得分说明 column into rewrites that column too, never leaving the old text beside a new score.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { main } from '../../src/cli';
import { EmulatedExcel } from '../../src/emulator';
import { readWorkbook } from '../../src/xlsx/read';
import { writeFixture } from '../fixtures/build';
import { evaluationWorkbook } from '../fixtures/workbooks';

jest.setTimeout(60_000);

async function score(...args: string[]): Promise<number> {
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return await main(args, {});
  } finally {
    out.mockRestore();
  }
}

async function sheet(path: string) {
  return (await readWorkbook(new Uint8Array(readFileSync(path)))).find((s) => s.name === '客户评估')!;
}

test('a re-run without --breakdown rewrites the 得分说明 an earlier run left, for the values as they are now', async () => {
  const input = await writeFixture(evaluationWorkbook, '得分说明.xlsx');
  const first = input.replace('.xlsx', '.first.xlsx');
  expect(await score(input, '--preset', 'evaluation', '--as-of', '2024-06-30', '--breakdown', '--lang', 'zh-CN', '--out', first)).toBe(0);
  const before = await sheet(first);
  expect(before.rows[2]!.slice(13)).toEqual(['综合得分', '客户等级', '预警标记', '得分说明']);
  expect(before.rows[6]![13]).toBe(0); // 西部建材
  expect(String(before.rows[6]![16])).toContain('满意度评分 3.6 → 其他 0/25分 (+0.0)');

  // Later, 西部建材's satisfaction is 4.8, and the command runs again without --breakdown.
  const edited = await EmulatedExcel.fromXlsx(readFileSync(first));
  edited.editCell('客户评估', 'G7', 4.8);
  const second = input.replace('.xlsx', '.edited.xlsx');
  writeFileSync(second, await edited.toXlsx());
  const out = input.replace('.xlsx', '.second.xlsx');
  expect(await score(second, '--preset', 'evaluation', '--as-of', '2024-06-30', '--lang', 'zh-CN', '--out', out)).toBe(0);
  const after = await sheet(out);
  expect(after.rows[2]!.slice(13)).toEqual(['综合得分', '客户等级', '预警标记', '得分说明']);
  // 4.8 is in the ≥4.5 band: 25 of 25 points, the +17.9 the other customers with 25/25 get (and nothing else scores).
  expect(after.rows[6]![13]).toBe(17.9);
  expect(String(after.rows[6]![16])).toContain('满意度评分 4.8 → ≥4.5 25/25分 (+17.9)');
  expect(String(after.rows[6]![16])).not.toContain('满意度评分 3.6');
  // The other rows' explanations are rewritten as they were (their values did not change).
  expect(
    after.rows
      .slice(3, 9)
      .filter((_, i) => i !== 3)
      .map((r) => r[16]),
  ).toEqual(
    before.rows
      .slice(3, 9)
      .filter((_, i) => i !== 3)
      .map((r) => r[16]),
  );
});
