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
  test('a range of more than 5 million cells reads as null, as Excel does (office-js#6781); the rest of the request applies', async () => {
    const excel = customerWorkbook();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('D1').values = [['applied']];
      const big = sheet.getRange('A1:E1000001').load('values, numberFormat, address'); // 5,000,005 cells
      const fine = sheet.getRange('A1:E1000000').load('cellCount'); // exactly 5,000,000: still read
      const small = sheet.getRange('A1:B1').load('values');
      await context.sync();
      expect(big.values).toBeNull();
      expect(big.numberFormat).toBeNull();
      expect(big.address).toBe('Sheet1!A1:E1000001');
      expect(fine.cellCount).toBe(5_000_000);
      expect(small.values).toEqual([['客户名称', '回款及时率']]);
    });
    expect(excel.peek('Sheet1', 'D1').values).toEqual([['applied']]);
  });

  test('the limit is per range (maxReadCells): two ranges at the limit are both read', async () => {
    const excel = customerWorkbook({ maxReadCells: 10 });
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const a = sheet.getRange('A1:B5').load('values'); // 10 cells
      const b = sheet.getRange('A1:B5').load('numberFormat');
      const c = sheet.getRange('A1:C4').load('values'); // 12 cells
      await context.sync();
      expect(a.values).toHaveLength(5);
      expect(b.numberFormat).toHaveLength(5);
      expect(c.values).toBeNull();
    });
    expect(excel.stats.requests.map((r) => r.readCells)).toEqual([32]);
  });
});

test('the 5 MB response limit of Excel on the web is on by default; maxResponseBytes sets another', async () => {
  const excel = customerWorkbook({ maxResponseBytes: 100 });
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    sheet.getRange('A1:C2').load('values'); // about 60 bytes of JSON
    await context.sync();
    sheet.getRange('D1').values = [['not applied']];
    sheet.getRange('A1:C4').load('values'); // about 120
    expect((await failure(context.sync())).code).toBe('ResponsePayloadSizeLimitExceeded');
  });
  expect(excel.peek('Sheet1', 'D1').values).toEqual([['']]);
  const web = EmulatedExcel.empty();
  expect(web.options.maxResponseBytes).toBe(5 * 1024 * 1024);
  web.editCell(
    'Sheet1',
    'A1:A5000',
    Array.from({ length: 5000 }, () => ['x'.repeat(1100)]),
  ); // 5.5 MB of text
  await web.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    sheet.getRange('A1:A5000').load('values');
    expect((await failure(context.sync())).code).toBe('ResponsePayloadSizeLimitExceeded');
    const half = sheet.getRange('A1:A2500').load('values');
    await context.sync();
    expect(half.values).toHaveLength(2500);
  });
  expect(web.stats.requests.map((r) => r.responseBytes > 5 * 1024 * 1024)).toEqual([true, false]);
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
