/**
 * The `score` command on the layouts of docs/scoring-rules.md section 1 ("Finding the header and the
 * rows"), as real .xlsx files: an Excel table with a totals row (the totals row is not a
 * customer; the managed columns go inside the table, the totals row stays its last row; a
 * second run is stable), a two-row header with merged group titles, and a plain block with
 * a blank row and a totals row.
 */
import os from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli';
import type { ScoringReport } from '../../src/engine/report';
import type { SheetGrid } from '../../src/engine/types';
import { readWorkbook } from '../../src/xlsx/read';
import { buildWorkbook } from '../fixtures/build';
import { CUSTOMER_HEADER, CUSTOMER_ROWS, CUSTOMER_SCORES, totalsTableWorkbook, twoRowHeaderSpec } from '../fixtures/tables';
import { zipText } from '../helpers/zip';

jest.setTimeout(60_000);

const dir = join(os.tmpdir(), `scoring-tables-${process.pid}`);
mkdirSync(dir, { recursive: true });
const KEYS = ['华东精密制造有限公司', '北方新能源科技', '南方物流集团', '西部建材', '东海电子', '=SUM(1,1)'];

/** What the last `score` call printed on stdout. */
let printed = '';

async function score(input: string, out: string, json: string): Promise<ScoringReport> {
  printed = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
    printed += String(s);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
    throw new Error(String(s));
  });
  try {
    const code = await main([input, '--preset', 'evaluation', '--as-of', '2024-06-30', '--out', out, '--json', json, '--lang', 'zh-CN'], {});
    expect(code).toBe(0);
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return JSON.parse(readFileSync(json, 'utf8')) as ScoringReport;
}

const read = async (path: string): Promise<SheetGrid> => (await readWorkbook(new Uint8Array(readFileSync(path)))).find((s) => s.name === '客户评估')!;

describe('score: an Excel table with a totals row', () => {
  const input = join(dir, 'totals.xlsx');
  const out = join(dir, 'totals.scored.xlsx');
  const again = join(dir, 'totals.scored.again.xlsx');
  let report: ScoringReport;
  let after: SheetGrid;

  beforeAll(async () => {
    writeFileSync(input, await totalsTableWorkbook());
    report = await score(input, out, join(dir, 'totals.json'));
    after = await read(out);
  });

  it('scores the six customers; the totals row (合计) is not a customer', () => {
    expect(report.tables.evaluation).toMatchObject({ range: 'A3:M9', source: 'excel-table', name: '客户评估表' });
    expect(report.rows.map((r) => [r.key, r.score])).toEqual(KEYS.map((k, i) => [k, CUSTOMER_SCORES[i]]));
  });

  it('writes the managed columns inside the table: it covers N:P and its totals row is still its last row', async () => {
    expect(after.tables).toEqual([{ name: '客户评估表', range: 'A3:P10', totalsRow: true }]);
    expect(after.rows[2]!.slice(13, 16)).toEqual(['综合得分', '客户等级', '预警标记']);
    expect(after.rows.slice(3, 9).map((r) => r[13])).toEqual(CUSTOMER_SCORES);
    expect(after.rows[9]!.slice(0, 5)).toEqual([null, '合计', null, null, 45]);
    expect(after.rows[9]!.slice(13, 16)).toEqual([null, null, null]);
    const table = await zipText(readFileSync(out), 'xl/tables/table1.xml');
    expect(table).toMatch(/<table [^>]*ref="A3:P10"/);
    expect(table).toContain('totalsRowCount="1"');
    expect(table).toContain('<autoFilter ref="A3:P9"');
    expect(table).toMatch(/<tableColumn id="14" name="综合得分"\/><tableColumn id="15" name="客户等级"\/><tableColumn id="16" name="预警标记"\/>/);
  });

  it('a second run on the result scores the same customers and leaves the table as it is', async () => {
    const second = await score(out, again, join(dir, 'totals.again.json'));
    expect(second.rows.map((r) => [r.key, r.score])).toEqual(KEYS.map((k, i) => [k, CUSTOMER_SCORES[i]]));
    expect(second.tables.evaluation).toMatchObject({ range: 'A3:P9' });
    const twice = await read(again);
    expect(twice.tables).toEqual([{ name: '客户评估表', range: 'A3:P10', totalsRow: true }]);
    expect(twice.rows.map((r) => r.slice(0, 16))).toEqual(after.rows.map((r) => r.slice(0, 16)));
    expect(await zipText(readFileSync(again), 'xl/tables/table1.xml')).toBe(await zipText(readFileSync(out), 'xl/tables/table1.xml'));
  });
});

describe('score: a two-row header with merged group titles', () => {
  const input = join(dir, 'two-row.xlsx');
  const out = join(dir, 'two-row.scored.xlsx');
  let report: ScoringReport;

  beforeAll(async () => {
    writeFileSync(input, await buildWorkbook(twoRowHeaderSpec));
    report = await score(input, out, join(dir, 'two-row.json'));
  });

  it('reads the indicator names of the lower row and 客户名称 from the merged cell above, and scores every customer', () => {
    expect(report.tables.evaluation).toMatchObject({ sheet: '客户评估', range: 'A4:M10', source: 'range' });
    expect(report.tables.evaluation.columns.key).toMatchObject({ column: 'B', header: '客户名称' });
    expect(report.tables.evaluation.columns.tenure).toMatchObject({ column: 'C', header: '合作时长（年）' });
    expect(report.tables.evaluation.columns.contractFulfilment).toMatchObject({ column: 'L', header: '合同履约率' });
    expect(report.rows.map((r) => [r.key, r.row, r.score])).toEqual(KEYS.map((k, i) => [k, i + 5, CUSTOMER_SCORES[i]]));
  });

  it('writes the managed columns beside the lower header row; a second run updates them in place', async () => {
    const after = await read(out);
    expect(after.rows[3]!.slice(13, 16)).toEqual(['综合得分', '客户等级', '预警标记']);
    expect(after.rows[2]!.slice(13, 16)).toEqual([null, null, null]);
    expect(after.rows.slice(4, 10).map((r) => r[13])).toEqual(CUSTOMER_SCORES);
    const again = join(dir, 'two-row.again.xlsx');
    const second = await score(out, again, join(dir, 'two-row.again.json'));
    expect(second.rows.map((r) => r.score)).toEqual(CUSTOMER_SCORES);
    expect((await read(again)).rows).toEqual(after.rows);
  });
});

describe('score: a plain block with a blank row inside and a totals row below', () => {
  it('scores the customers on both sides of the blank row, stops at 合计 and reports it and the row after it', async () => {
    const input = join(dir, 'block.xlsx');
    writeFileSync(
      input,
      await buildWorkbook({
        sheets: [
          {
            name: '客户评估',
            rows: [
              CUSTOMER_HEADER,
              ...CUSTOMER_ROWS.slice(0, 3),
              [],
              ...CUSTOMER_ROWS.slice(3),
              [null, '合计', null, null, 45],
              [7, '迟到客户', 1, '稳定', 6, 90, 4.0, 0.8, 0.5, '被动接受', 'AA', 0.9, null],
            ],
          },
        ],
      }),
    );
    const report = await score(input, join(dir, 'block.scored.xlsx'), join(dir, 'block.json'));
    expect(report.rows.map((r) => [r.key, r.row, r.score])).toEqual([
      [KEYS[0], 2, 100],
      [KEYS[1], 3, 89.3],
      [KEYS[2], 4, 55.5],
      [KEYS[3], 6, 0],
      [KEYS[4], 7, 85.7],
      [KEYS[5], 8, 55.5],
    ]);
    expect(report.warnings).toEqual(['客户评估!A9:M10 未作为客户读取：表格在合计行处结束。']);
    // Rows left out change who is scored: the command says so, not only the report.
    expect(printed.split('\n')).toContain('客户评估!A9:M10 未作为客户读取：表格在合计行处结束。');
  });
});
