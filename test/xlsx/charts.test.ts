/**
 * The `score` command draws the add-in's two charts into its output (issue 11): on the sheet
 * 评分图表 / Scoring charts, the summary tables from A3 and a radar of each tier's average
 * per dimension and a clustered bar of customers per tier, named CustomerScoring.Radar and
 * CustomerScoring.Bar, with their series referring to the tables and carrying the values.
 * A second run replaces them in place; every chart and picture of the user's stays byte for
 * byte, even one on the charts sheet; the excelize fallback writer draws the same charts.
 *
 * The workbook: five customers under the `maintenance` preset, as of 2024-06-30. Each
 * indicator's points (docs/scoring-rules.md section 6, maintenance) and so each dimension's score (the
 * |weight|-weighted mean of its indicators' scores: 价值 = revenue 40 + profit 30, 潜力 =
 * outlook, willingness, room for more business 10 each, 风险 = the churn warning alone):
 *
 * | 客户 | 金额 → | 利润 → | 前景 | 意愿 | 扩展 | 最近交易 (days) | 价值 | 潜力 | 风险 | score | tier |
 * | 甲 | 600,000 100 | 150,000 100 | 高 100 | 强 100 | 高 100 | 06-01 (29) 0   | 100 | 100 | 0   | 100 | 战略客户 |
 * | 乙 | 200,000 80  | 30,000 80   | 中 70  | 一般 70 | 中 70 | 05-01 (60) 0   | 80  | 70  | 0   | (3200+2400+2100)/100 = 77 | 重点客户 |
 * | 丙 | 50,000 60   | 10,000 60   | 中 70  | 强 100 | 低 40 | 06-20 (10) 0   | 60  | 70  | 0   | (2400+1800+700+1000+400)/100 = 63 | 普通客户 |
 * | 丁 | 150,000 80  | 25,000 80   | 高 100 | 强 100 | 高 100 | 03-01 (121) 100 | 80 | 100 | 100 | 8600/100 − 10×100/100 = 76 | 重点客户 |
 * | 戊 | 5,000 40    | 1,000 40    | 低 40  | 弱 40  | 低 40 | 2023-12-01 (212) 100 | 40 | 40 | 100 | 40 − 10 = 30 | 潜在客户 |
 *
 * Tier averages: 战略客户 (甲) 100 / 100 / 0; 重点客户 (乙, 丁) 80 / 85 / 50; 普通客户 (丙)
 * 60 / 70 / 0; 潜在客户 (戊) 40 / 40 / 100. Customers per tier: 1, 2, 1, 1.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES_SHEET } from '../../src/engine/managed-sheets';
import { serialFromIso } from '../../src/engine/parse';
import { scoreWorkbook } from '../../src/engine/run';
import { scoringCharts } from '../../src/i18n/charts';
import { getPreset } from '../../src/presets';
import { writeDirect } from '../../src/xlsx/direct-write';
import { loadExcelize } from '../../src/xlsx/excelize';
import { readWorkbook } from '../../src/xlsx/read';
import { chartsSheetWrite, scoreFile, toSheetWrite, type ScoreFileOptions } from '../../src/xlsx/score-file';
import { writeWithExcelize } from '../../src/xlsx/write-excelize';
import { DEFAULT_MANAGED } from '../../src/engine/managed';
import { buildManagedWrite } from '../../src/i18n/results';
import { buildWorkbook, FIXTURE_PNG } from '../fixtures/build';
import { FIVE_CUSTOMERS, FIVE_CUSTOMERS_SHEET } from '../fixtures/charts';
import { chartsOnSheet, sheetPart, type ChartInFile } from '../helpers/charts';
import { checkPackage } from '../helpers/ooxml-check';
import { zipEntries } from '../helpers/zip';
import { unzipBytes, unzipText } from './spec';

jest.setTimeout(120_000);

const SHEET = FIVE_CUSTOMERS_SHEET;
const AS_OF = '2024-06-30';
const dir = mkdtempSync(join(tmpdir(), 'score-charts-'));
let counter = 0;

async function score(input: Uint8Array, options: Partial<ScoreFileOptions> = {}): Promise<Uint8Array> {
  const path = join(dir, `in-${++counter}.xlsx`);
  writeFileSync(path, input);
  const out = join(dir, `out-${counter}.xlsx`);
  await scoreFile({ input: path, out, asOf: serialFromIso(AS_OF)!, lang: 'zh-CN', preset: 'maintenance', now: new Date('2024-06-30T08:00:00Z'), ...options });
  return new Uint8Array(readFileSync(out));
}

const TIERS_ZH = ['战略客户', '重点客户', '普通客户', '潜在客户'];
const RADAR_VALUES = [
  [100, 100, 0],
  [80, 85, 50],
  [60, 70, 0],
  [40, 40, 100],
]; // per tier: 价值, 潜力, 风险

/** The two charts as they must be on the charts sheet named `sheet`, with the series names and category labels given. */
function expectedCharts(sheet: string, titles: [string, string], tiers: string[], axes: string[], barName: string): Omit<ChartInFile, 'chartPath' | 'id'>[] {
  const q = `'${sheet}'`;
  const col = 'BCDE';
  return [
    {
      name: 'CustomerScoring.Radar',
      from: [7, 2],
      to: [16, 22],
      plot: 'radarChart',
      style: { radarStyle: 'marker' },
      title: titles[0],
      legend: true,
      series: tiers.map((tier, i) => ({
        name: { f: `${q}!$${col[i]}$3`, cache: [tier] },
        categories: { f: `${q}!$A$4:$A$6`, cache: axes },
        values: { f: `${q}!$${col[i]}$4:$${col[i]}$6`, cache: RADAR_VALUES[i]! },
        marker: 'none',
      })),
    },
    {
      name: 'CustomerScoring.Bar',
      from: [7, 23],
      to: [16, 40],
      plot: 'barChart',
      style: { barDir: 'bar', grouping: 'clustered' },
      title: titles[1],
      legend: false,
      series: [
        {
          name: { f: `${q}!$B$8`, cache: [barName] },
          categories: { f: `${q}!$A$9:$A$12`, cache: tiers },
          values: { f: `${q}!$B$9:$B$12`, cache: [1, 2, 1, 1] },
        },
      ],
    },
  ];
}

const ZH_TITLES: [string, string] = ['各等级客户画像（平均得分，0-100）', '各等级客户数'];
const ZH_EXPECTED = expectedCharts('评分图表', ZH_TITLES, TIERS_ZH, ['价值', '潜力', '风险'], '客户数');
const strip = (charts: ChartInFile[]) => charts.map(({ chartPath: _path, id: _id, ...rest }) => rest);

describe('score draws the scoring charts into its output', () => {
  let input: Uint8Array;
  let once: Uint8Array;
  let twice: Uint8Array;

  beforeAll(async () => {
    input = await buildWorkbook(FIVE_CUSTOMERS);
    once = await score(input);
    twice = await score(once);
  });

  it('the charts sheet 评分图表 comes before the rules sheet and holds the title and the two summary tables, worked out by hand', async () => {
    const sheets = await readWorkbook(once);
    expect(sheets.map((s) => s.name)).toEqual([SHEET, '评分图表', RULES_SHEET]);
    const rows = sheets.find((s) => s.name === '评分图表')!.rows.map((r) => r.slice(0, 5).map((v) => v ?? null));
    expect(rows.slice(0, 12)).toEqual([
      ['客户评分图表（由客户评分加载项生成，每次运行时更新）', null, null, null, null],
      [null, null, null, null, null],
      ['维度', ...TIERS_ZH],
      ['价值', 100, 80, 60, 40],
      ['潜力', 100, 85, 70, 40],
      ['风险', 0, 50, 0, 100],
      [null, null, null, null, null],
      ['等级', '客户数', null, null, null],
      ['战略客户', 1, null, null, null],
      ['重点客户', 2, null, null, null],
      ['普通客户', 1, null, null, null],
      ['潜在客户', 1, null, null, null],
    ]);
  });

  it('a radar of each tier’s profile and a clustered bar of customers per tier, named as the add-in names them, their series on the tables with the values cached', async () => {
    expect(strip(await chartsOnSheet(once, '评分图表'))).toEqual(ZH_EXPECTED);
  });

  it('the package, scored once and twice, passes the OOXML checker', async () => {
    expect(await checkPackage(once, { veryHidden: RULES_SHEET })).toEqual([]);
    expect(await checkPackage(twice, { veryHidden: RULES_SHEET })).toEqual([]);
  });

  it('a second run on its output replaces the two charts in place: the same two charts, the same parts, nothing added', async () => {
    expect(strip(await chartsOnSheet(twice, '评分图表'))).toEqual(ZH_EXPECTED);
    const parts = (bytes: Uint8Array) =>
      zipEntries(bytes)
        .filter((e) => /^xl\/(charts|drawings|media)\//.test(e))
        .sort();
    expect(parts(twice)).toEqual(parts(once));
    const [a, b] = [await unzipText(once), await unzipText(twice)];
    for (const name of parts(once).filter((n) => /\.(xml|rels)$/.test(n))) expect(b.get(name)).toBe(a.get(name));
    expect((await readWorkbook(twice)).map((s) => s.name)).toEqual([SHEET, '评分图表', RULES_SHEET]);
  });

  it('the user’s chart and picture stay byte for byte through both runs', async () => {
    const mine = await chartsOnSheet(input, SHEET);
    expect(mine.map((c) => c.title)).toEqual(['交易金额']);
    const [a, b, c] = [await unzipText(input), await unzipText(once), await unzipText(twice)];
    for (const part of [mine[0]!.chartPath]) {
      expect(b.get(part)).toBe(a.get(part));
      expect(c.get(part)).toBe(a.get(part));
    }
    const media = zipEntries(input).filter((e) => /^xl\/media\/.+/.test(e));
    expect(media).toHaveLength(1);
    expect(await unzipBytes(twice, media[0]!)).toEqual(await unzipBytes(input, media[0]!));
    expect(strip(await chartsOnSheet(twice, SHEET))).toEqual(strip(mine));
    // The evaluation sheet's drawing (the user's chart and picture) is not touched.
    const drawing = zipEntries(input).find((e) => /^xl\/drawings\/drawing\d+\.xml$/.test(e))!;
    expect(c.get(drawing)).toBe(a.get(drawing));
  });

  it('a chart and a picture the user put on the charts sheet stay, and the two scoring charts are replaced, not added', async () => {
    const ex = await loadExcelize();
    const f = ex.OpenReader(once);
    expect(
      f.AddChart('评分图表', 'R3', {
        Type: ex.Col,
        Series: [{ Name: 'Mine', Categories: "'评分图表'!$A$9:$A$12", Values: "'评分图表'!$B$9:$B$12" }],
        Format: { Name: 'My chart' },
        Title: { Paragraph: [{ Text: '我的图' }] },
      }).error,
    ).toBeNull();
    expect(
      f.AddPictureFromBytes('评分图表', 'R24', { Extension: '.png', File: FIXTURE_PNG, Format: {}, InsertType: ex.PictureInsertTypePlaceOverCells }).error,
    ).toBeNull();
    const edited = new Uint8Array(f.WriteToBuffer().buffer as Uint8Array);
    const before = await chartsOnSheet(edited, '评分图表');
    expect(before.map((c) => c.name)).toEqual(['CustomerScoring.Radar', 'CustomerScoring.Bar', 'My chart']);

    const again = await score(edited);
    const after = await chartsOnSheet(again, '评分图表');
    expect(after.map((c) => c.name)).toEqual(['CustomerScoring.Radar', 'CustomerScoring.Bar', 'My chart']);
    expect(strip(after.slice(0, 2))).toEqual(ZH_EXPECTED);
    const [a, b] = [await unzipText(edited), await unzipText(again)];
    const userChart = before[2]!.chartPath;
    expect(after[2]!.chartPath).toBe(userChart);
    expect(b.get(userChart)).toBe(a.get(userChart));
    // The user's anchors are kept as they were in the drawing, picture included.
    const drawingPath = zipEntries(again).find((e) => /^xl\/drawings\/drawing\d+\.xml$/.test(e) && b.get(e)!.includes('My chart'))!;
    const anchors = (xml: string) => xml.match(/<(?:\w+:)?(?:twoCellAnchor|oneCellAnchor)[\s>][\s\S]*?<\/(?:\w+:)?(?:twoCellAnchor|oneCellAnchor)>/g)!;
    const userAnchors = (xml: string) => anchors(xml).filter((x) => !/CustomerScoring\./.test(x));
    expect(userAnchors(b.get(drawingPath)!)).toEqual(userAnchors(a.get(drawingPath)!));
    expect(userAnchors(b.get(drawingPath)!)).toHaveLength(2); // the chart and the picture
    const pictures = (bytes: Uint8Array) =>
      zipEntries(bytes)
        .filter((e) => /^xl\/media\/.+/.test(e))
        .sort();
    expect(pictures(again)).toEqual(pictures(edited));
    for (const p of pictures(edited)) expect(await unzipBytes(again, p)).toEqual(await unzipBytes(edited, p));
    expect(await checkPackage(again, { veryHidden: RULES_SHEET })).toEqual([]);
  });

  it('in English the charts sheet is “Scoring charts”; a workbook that has 评分图表 keeps using it, titled in the report’s language', async () => {
    const en = await score(input, { lang: 'en-US' });
    expect((await readWorkbook(en)).map((s) => s.name)).toEqual([SHEET, 'Scoring charts', RULES_SHEET]);
    const titles: [string, string] = ['Customer profile by tier (average score, 0-100)', 'Customers per tier'];
    const tiers = ['Strategic', 'Key', 'Ordinary', 'Prospect'];
    expect(strip(await chartsOnSheet(en, 'Scoring charts'))).toEqual(
      expectedCharts('Scoring charts', titles, tiers, ['Value', 'Potential', 'Risk'], 'Customers'),
    );
    const mixed = await score(once, { lang: 'en-US' });
    expect((await readWorkbook(mixed)).map((s) => s.name)).toEqual([SHEET, '评分图表', RULES_SHEET]);
    expect(strip(await chartsOnSheet(mixed, '评分图表'))).toEqual(expectedCharts('评分图表', titles, tiers, ['Value', 'Potential', 'Risk'], 'Customers'));
    expect(await checkPackage(mixed, { veryHidden: RULES_SHEET })).toEqual([]);
  });

  it('--no-charts (charts: false) writes no charts sheet and no chart of ours', async () => {
    const plain = await score(input, { charts: false });
    expect((await readWorkbook(plain)).map((s) => s.name)).toEqual([SHEET, RULES_SHEET]);
    expect(await sheetPart(plain, '评分图表')).toBeUndefined();
    expect(zipEntries(plain).filter((e) => /^xl\/charts\//.test(e))).toEqual(zipEntries(input).filter((e) => /^xl\/charts\//.test(e)));
  });
});

describe('the excelize fallback writer draws the same charts', () => {
  /** The writes of one scoring run of `bytes`, as score-file.ts makes them. */
  async function writesOf(bytes: Uint8Array) {
    const sheets = await readWorkbook(bytes);
    const run = scoreWorkbook(sheets, { rules: getPreset('maintenance'), asOf: serialFromIso(AS_OF)! });
    const grid = sheets.find((s) => s.name === SHEET)!.rows;
    return {
      columns: [toSheetWrite(buildManagedWrite(run, grid, 'zh-CN', [...DEFAULT_MANAGED]))],
      cells: [chartsSheetWrite(sheets, scoringCharts(run, 'zh-CN'), 'zh-CN')],
    };
  }

  it('through AddChart and then the same chart parts and anchors: the same charts as the direct writer, replaced in place on a second run', async () => {
    const input = await buildWorkbook(FIVE_CUSTOMERS);
    const w = await writesOf(input);
    const direct = await writeDirect(input, w.columns, w.cells);
    const fallback = await writeWithExcelize(input, w.columns, w.cells);
    expect(strip(await chartsOnSheet(fallback, '评分图表'))).toEqual(ZH_EXPECTED);
    const [d, e] = [await unzipText(direct), await unzipText(fallback)];
    const [dc, ec] = [await chartsOnSheet(direct, '评分图表'), await chartsOnSheet(fallback, '评分图表')];
    dc.forEach((c, i) => expect(e.get(ec[i]!.chartPath)).toBe(d.get(c.chartPath)));
    expect(await checkPackage(fallback)).toEqual([]);

    const next = await writesOf(fallback);
    const again = await writeWithExcelize(fallback, next.columns, next.cells);
    expect(strip(await chartsOnSheet(again, '评分图表'))).toEqual(ZH_EXPECTED);
    expect(zipEntries(again).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(3); // the user's and ours
    expect(strip(await chartsOnSheet(again, SHEET))).toEqual(strip(await chartsOnSheet(input, SHEET)));
    expect(await checkPackage(again)).toEqual([]);
  });
});
