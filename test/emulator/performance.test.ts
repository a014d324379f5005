/** Big sheets stay fast: rows are arrays, a sync is linear in what it touches. */
import { DESKTOP_LIMITS, EmulatedExcel } from '../../src/emulator';

const ROWS = 100_000;
const CHUNK_BYTES = 4 * 1024 * 1024;

/** Splits rows into chunks whose values JSON stays under `limit` bytes (UTF-8). */
function chunks<T>(rows: T[][], limit: number): T[][][] {
  const out: T[][][] = [];
  let current: T[][] = [];
  let size = 2;
  for (const row of rows) {
    const rowSize = Buffer.byteLength(JSON.stringify(row)) + 1;
    if (size + rowSize > limit - 200 && current.length > 0) {
      out.push(current);
      current = [];
      size = 2;
    }
    current.push(row);
    size += rowSize;
  }
  if (current.length) out.push(current);
  return out;
}

async function writeInChunks(excel: EmulatedExcel, sheet: string, firstCol: string, lastCol: string, rows: unknown[][]): Promise<void> {
  await excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    let row = 1;
    for (const chunk of chunks(rows, CHUNK_BYTES)) {
      ws.getRange(`${firstCol}${row}:${lastCol}${row + chunk.length - 1}`).values = chunk as string[][];
      context.application.suspendApiCalculationUntilNextSync();
      await context.sync();
      row += chunk.length;
    }
  });
}

test('writing 100,000 × 3 values in 4 MB chunks is fast', async () => {
  const excel = EmulatedExcel.empty();
  const rows = Array.from({ length: ROWS }, (_, i) => [
    (i % 1000) / 10,
    i % 4 === 0 ? '战略级客户' : '观察客户',
    i % 3 === 0 ? `流失预警、跟进逾期 ${i % 90} 天` : '满意度低',
  ]);
  const started = performance.now();
  await writeInChunks(excel, 'Sheet1', 'A', 'C', rows);
  const elapsed = performance.now() - started;
  expect(excel.peek('Sheet1', `A${ROWS}:C${ROWS}`).values).toEqual([rows[ROWS - 1]]);
  expect(excel.stats.requests.length).toBeGreaterThan(1);
  expect(Math.max(...excel.stats.requests.map((r) => r.bytes))).toBeLessThanOrEqual(CHUNK_BYTES);
  expect(elapsed).toBeLessThan(3000);
});

test('reading a 100,000 × 13 range is fast (in one request: desktop Excel, no 5 MB response limit)', async () => {
  const excel = EmulatedExcel.empty(DESKTOP_LIMITS);
  const rows = Array.from({ length: ROWS }, (_, i) => [i + 1, `客户${i}`, 3, '高增长', 15, 98, 4.8, 0.95, 0.85, '主动尝试', 'AAA级', 1, '备注']);
  await writeInChunks(excel, 'Sheet1', 'A', 'M', rows);
  const started = performance.now();
  const values = await excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem('Sheet1').getRange(`A1:M${ROWS}`).load('values');
    await context.sync();
    return range.values;
  });
  const elapsed = performance.now() - started;
  expect(values).toHaveLength(ROWS);
  expect(values[ROWS - 1]).toEqual(rows[ROWS - 1]);
  expect(elapsed).toBeLessThan(3000);
});
