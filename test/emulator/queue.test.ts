/** Requests: order, partial failure, the 5 MB request limit, the 5-million-cell read limit, stats. */
import { EmulatedExcel } from '../../src/emulator';
import { customerWorkbook, failure } from './helpers';

describe('order and failure', () => {
  test('queued operations run in order at sync', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem('Sheet1').getRange('D1');
      cell.values = [['first']];
      cell.load('values');
      cell.values = [['second']];
      await context.sync();
      expect(cell.values).toEqual([['first']]); // the load ran between the two writes
      expect(excel.peek('Sheet1', 'D1').values).toEqual([['second']]);
    });
  });

  test('the first failing operation rejects sync; earlier ones stay applied, later ones are not run', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('D1').values = [['before']];
      const loaded = sheet.getRange('A1').load('values');
      sheet.getRange('D2:D3').values = [['wrong size']];
      sheet.getRange('D4').values = [['after']];
      const error = await failure(context.sync());
      expect(error.code).toBe('InvalidArgument');
      expect(error.debugInfo).toMatchObject({ code: 'InvalidArgument', errorLocation: 'Range.values' });
      expect(excel.peek('Sheet1', 'D1:D4').values).toEqual([['before'], [''], [''], ['']]);
      expect(() => loaded.values).toThrow(/not available/); // a failed request hands out no loaded values
    });
  });
});

/** A values array whose JSON is about `bytes` long: rows of three 30-character strings. */
function valuesOfSize(bytes: number): string[][] {
  const cell = 'x'.repeat(30);
  const rowBytes = 3 * (cell.length + 3) + 1;
  return Array.from({ length: Math.floor(bytes / rowBytes) }, () => [cell, cell, cell]);
}

describe('request size', () => {
  const MB = 1024 * 1024;

  test('a 6 MB values write fails with RequestPayloadSizeLimitExceeded and nothing of the request is applied', async () => {
    const excel = customerWorkbook();
    const big = valuesOfSize(6 * MB);
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('E1').values = [['small write before it']];
      sheet.getRange(`F1:H${big.length}`).values = big;
      const error = await failure(context.sync());
      expect(error.code).toBe('RequestPayloadSizeLimitExceeded');
    });
    expect(excel.peek('Sheet1', 'E1:F1').values).toEqual([['', '']]);
    expect(excel.stats.requests[0]!.bytes).toBeGreaterThan(6 * MB);
  });

  test('a 4 MB values write goes through', async () => {
    const excel = customerWorkbook();
    const data = valuesOfSize(4 * MB);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange(`F1:H${data.length}`).values = data;
      await context.sync();
    });
    expect(excel.peek('Sheet1', `H${data.length}`).values).toEqual([['x'.repeat(30)]]);
    expect(excel.stats.requests[0]!.bytes).toBeLessThan(5 * MB);
    expect(excel.stats.requests[0]!.bytes).toBeGreaterThan(3.9 * MB);
  });

  test('the limit is configurable and counts every action of the request', async () => {
    const excel = customerWorkbook({ maxRequestBytes: 200 });
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('D1').values = [['a']]; // 60 + 6 + 7 = 73 bytes
      sheet.getRange('D2').values = [['b']];
      await context.sync(); // 146 bytes
      sheet.getRange('D1').values = [['c']];
      sheet.getRange('D2').values = [['d']];
      sheet.getRange('D3').values = [['e']];
      expect((await failure(context.sync())).code).toBe('RequestPayloadSizeLimitExceeded'); // 219 bytes
    });
    expect(excel.stats.requests.map((r) => r.bytes)).toEqual([146, 219]);
    expect(excel.peek('Sheet1', 'D1:D3').values).toEqual([['a'], ['b'], ['']]);
  });
});

describe('read size', () => {
  test('loading more than 5 million cells in one request fails with ResponsePayloadSizeLimitExceeded; nothing is applied', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('D1').values = [['not applied']];
      sheet.getRange('A1:E1000001').load('values'); // 5,000,005 cells
      expect((await failure(context.sync())).code).toBe('ResponsePayloadSizeLimitExceeded');
    });
    expect(excel.peek('Sheet1', 'D1').values).toEqual([['']]);
  });

  test('the cells of all loads of a request add up; at the limit it is fine', async () => {
    const excel = customerWorkbook({ maxReadCells: 100 });
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const a = sheet.getRange('A1:J10').load('values'); // 100 cells
      await context.sync();
      expect(a.values).toHaveLength(10);
      sheet.getRange('A1:J5').load('values');
      sheet.getRange('A1:J5').load('numberFormat');
      sheet.getRange('A6').load('values');
      expect((await failure(context.sync())).code).toBe('ResponsePayloadSizeLimitExceeded');
    });
    expect(excel.stats.requests.map((r) => r.readCells)).toEqual([100, 101]);
  });
});

test('with maxResponseBytes set (Excel on the web: 5 MB), a large read fails too', async () => {
  const excel = customerWorkbook({ maxResponseBytes: 100 });
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    sheet.getRange('A1:C2').load('values'); // about 60 bytes of JSON
    await context.sync();
    sheet.getRange('A1:C4').load('values'); // about 120
    expect((await failure(context.sync())).code).toBe('ResponsePayloadSizeLimitExceeded');
  });
});

describe('stats', () => {
  test('counts syncs, requests (bytes, actions) and suspended calculation', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      context.application.suspendApiCalculationUntilNextSync();
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('D1');
      range.values = [['x']];
      range.load('address');
      await context.sync();
      await context.sync(); // nothing queued: a sync, but no request
    });
    expect(excel.stats.syncs).toBe(2);
    expect(excel.stats.requests).toHaveLength(1);
    expect(excel.stats.requests[0]).toMatchObject({ actions: 3 });
    // suspend: 60 + 34 + 2 ("[]"); values: 60 + 6 + 7; load: 60 + 4 + 9 ("address" as JSON)
    expect(excel.stats.requests[0]!.bytes).toBe(96 + 73 + 73);
    expect(excel.stats.suspendCalls).toBe(1);
    excel.stats.reset();
    expect(excel.stats).toMatchObject({ syncs: 0, requests: [], suspendCalls: 0 });
  });

  test("Excel.run's closing sync counts only when it carries actions", async () => {
    const excel = EmulatedExcel.empty();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[1]];
    });
    await excel.run(async () => undefined);
    expect(excel.stats.syncs).toBe(1);
    expect(excel.stats.requests).toHaveLength(1);
  });
});
