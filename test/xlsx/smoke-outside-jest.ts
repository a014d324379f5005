/**
 * Run by excelize.test.ts with `tsx`, outside jest's sandbox, where excelize-wasm's own
 * `init()` (dynamic import of node:fs) is the path taken — as under `tsx src/cli.ts`.
 * Usage: tsx test/xlsx/smoke-outside-jest.ts <in.xlsx> <out.xlsx>
 */
import * as fs from 'node:fs';
import { readWorkbook } from '../../src/xlsx/read';
import { writeWorkbook } from '../../src/xlsx/write';

async function main(): Promise<void> {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) throw new Error('usage: smoke-outside-jest.ts <in.xlsx> <out.xlsx>');
  const grids = await readWorkbook(new Uint8Array(fs.readFileSync(input)));
  const first = grids[0]!;
  const col = first.rows[0]?.length ?? 0;
  const out = await writeWorkbook(new Uint8Array(fs.readFileSync(input)), [
    { sheet: first.name, columns: [{ col, headerRow: 0, header: '综合得分', numberFormat: '0.0', values: [{ row: 1, value: 12.5 }] }] },
  ]);
  fs.writeFileSync(output, out);
  const back = await readWorkbook(out);
  process.stdout.write(JSON.stringify({ sheets: grids.map((g) => g.name), written: back[0]!.rows[1]![col] }));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
