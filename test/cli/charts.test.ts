/**
 * `npm run score` and its charts, as a user runs it: charts by default, none with
 * --no-charts, the option in the usage of both languages; and the add-in and the command
 * take turns on one workbook without ever doubling the charts: the add-in (on the emulated
 * Excel) finds the command's charts by name and replaces them, and the command replaces the
 * add-in's. The five-customer workbook and its charts are those of test/xlsx/charts.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps } from '../../src/excel/ops';
import { serialFromIso } from '../../src/engine/parse';
import { scoreWorkbook } from '../../src/engine/run';
import { getPreset } from '../../src/presets';
import { readWorkbook } from '../../src/xlsx/read';
import { writeFixture } from '../fixtures/build';
import { chartsOnSheet } from '../helpers/charts';
import { runScore } from '../helpers/cli-run';
import { checkPackage } from '../helpers/ooxml-check';
import { FIVE_CUSTOMERS } from '../fixtures/charts';

jest.setTimeout(120_000);

const run = runScore;

const RADAR = ['战略客户', '重点客户', '普通客户', '潜在客户'];

describe('score and the charts sheet', () => {
  let input: string;
  beforeAll(async () => {
    input = await writeFixture(FIVE_CUSTOMERS, '客户维护-图表.xlsx');
  });

  it('draws the two charts by default and none with --no-charts', async () => {
    const withCharts = join(input, '..', '带图表.xlsx');
    const without = join(input, '..', '不带图表.xlsx');
    expect((await run(input, '--preset', 'maintenance', '--as-of', '2024-06-30', '--out', withCharts)).code).toBe(0);
    const plain = await run(input, '--preset', 'maintenance', '--as-of', '2024-06-30', '--out', without, '--no-charts');
    expect(plain).toMatchObject({ code: 0, stderr: '' });
    const charted = new Uint8Array(readFileSync(withCharts));
    expect((await chartsOnSheet(charted, '评分图表')).map((c) => [c.name, c.plot, c.title])).toEqual([
      ['CustomerScoring.Radar', 'radarChart', '各等级客户画像（平均得分，0-100）'],
      ['CustomerScoring.Bar', 'barChart', '各等级客户数'],
    ]);
    const bare = new Uint8Array(readFileSync(without));
    expect((await readWorkbook(bare)).map((s) => s.name)).toEqual(['客户维护', '_CustomerScoring']);
    expect(await chartsOnSheet(bare, '评分图表')).toEqual([]);
    expect(await checkPackage(charted)).toEqual([]);
  });

  it('--no-charts takes no value, and the usage names it in both languages', async () => {
    expect((await run('--help', '--lang', 'zh-CN')).stdout).toMatch(/\[--no-charts\][\s\S]*--no-charts 表示不插入图表/);
    expect((await run('--help', '--lang', 'en-US')).stdout).toMatch(/\[--no-charts\][\s\S]*--no-charts leaves the charts out/);
    const bad = await run(input, '--no-charts=yes', '--lang', 'en-US');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--no-charts takes no value/);
  });

  it('the add-in, on the command’s output, replaces its two charts rather than adding two more', async () => {
    const out = join(input, '..', '先命令后加载项.xlsx');
    expect((await run(input, '--preset', 'maintenance', '--as-of', '2024-06-30', '--out', out)).code).toBe(0);
    const excel = await EmulatedExcel.fromXlsx(new Uint8Array(readFileSync(out)));
    const loaded = excel.charts('评分图表');
    expect(loaded.map((c) => [c.name, c.type, c.title])).toEqual([
      ['CustomerScoring.Radar', 'Radar', '各等级客户画像（平均得分，0-100）'],
      ['CustomerScoring.Bar', 'BarClustered', '各等级客户数'],
    ]);
    expect(loaded[0]!.series.map((s) => [s.name, s.values])).toEqual(
      RADAR.map((t, i) => [
        t,
        [
          [100, 100, 0],
          [80, 85, 50],
          [60, 70, 0],
          [40, 40, 100],
        ][i],
      ]),
    );
    expect(loaded[1]!.series.map((s) => s.values)).toEqual([[1, 2, 1, 1]]);

    const sheets = await readWorkbook(new Uint8Array(readFileSync(out)));
    const run5 = scoreWorkbook(sheets, { rules: getPreset('maintenance'), asOf: serialFromIso('2024-06-30')! });
    await createWorkbookOps({ run: excel.run }).insertCharts(run5, 'zh-CN');
    expect(excel.charts('评分图表').map((c) => c.name)).toEqual(['CustomerScoring.Radar', 'CustomerScoring.Bar']);
    expect(excel.sheetNames().filter((n) => n === '评分图表')).toHaveLength(1);
  });

  it('the command, on a workbook the add-in charted, replaces the add-in’s two charts', async () => {
    const excel = await EmulatedExcel.fromXlsx(new Uint8Array(readFileSync(input)));
    const sheets = await readWorkbook(new Uint8Array(readFileSync(input)));
    const run5 = scoreWorkbook(sheets, { rules: getPreset('maintenance'), asOf: serialFromIso('2024-06-30')! });
    await createWorkbookOps({ run: excel.run }).insertCharts(run5, 'zh-CN');
    const byAddin = join(input, '..', '加载项绘制.xlsx');
    writeFileSync(byAddin, await excel.toXlsx());
    const out = join(input, '..', '先加载项后命令.xlsx');
    expect((await run(byAddin, '--preset', 'maintenance', '--as-of', '2024-06-30', '--out', out)).code).toBe(0);
    const charts = await chartsOnSheet(new Uint8Array(readFileSync(out)), '评分图表');
    expect(charts.map((c) => [c.name, c.plot])).toEqual([
      ['CustomerScoring.Radar', 'radarChart'],
      ['CustomerScoring.Bar', 'barChart'],
    ]);
    expect(charts[1]!.series[0]!.values.cache).toEqual([1, 2, 1, 1]);
    expect(await checkPackage(new Uint8Array(readFileSync(out)))).toEqual([]);
  });
});
