/**
 * The `score` command draws the charts of every analysis its run carries (issue 11): beside
 * the scoring's radar and bar, the service survey's radar of the dimensions' means (all
 * customers, then each tier), its radar per group of customers (所属行业 by default) and its
 * bar of promoters / passives / detractors, on the charts sheet with their summary tables. A
 * second run replaces them in place; a chart of ours that the run no longer carries is
 * removed with its parts (in the direct writer and in the excelize fallback), while the
 * user's charts stay byte for byte.
 *
 * The workbook is seed 001's (test/fixtures/analyses.ts) under the `evaluation` preset, as of
 * 2024-06-30, with a chart of the user's on the survey sheet. Worked out by hand
 * (docs/scoring-rules.md section 6 `service`):
 *
 * | customer | periods | 响应 | 解决 | 沟通 | 增值 | 整体 | 推荐意愿 | tier | 所属行业 / 规模 |
 * | XX | Q1 5 4 5 4 5, Q2 4 4 5 3 4 | 4.5 | 4 | 5 | 3.5 | 4.5 | 9, 10 | 战略级客户 | 软件 / 大型 |
 * | YY | Q1 3 4 4 3 4, Q2 4 3 4 3 4 | 3.5 | 3.5 | 4 | 3 | 4 | 7, 8 | 潜力客户 | 商贸 / 中型 |
 * | ZZ | Q2 2 3 3 2 3 | 2 | 3 | 3 | 2 | 3 | 3 | (not in the evaluation table) | — |
 *
 * All customers: 10/3 = 3.33, 3.5, 4, 8.5/3 = 2.83, 11.5/3 = 3.83. NPS: promoters 2,
 * passives 2, detractors 1. Tiers: XX 战略级客户, YY 潜力客户, 华东 观察客户 → 1, 0, 1, 1.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { runAnalyses } from '../../src/engine/analyses';
import { RULES_SHEET } from '../../src/engine/managed-sheets';
import { serialFromIso } from '../../src/engine/parse';
import { analysesCharts } from '../../src/i18n/charts';
import { allPresets, getPreset, getRfmPreset, getServicePreset } from '../../src/presets';
import { loadExcelize } from '../../src/xlsx/excelize';
import { readWorkbook } from '../../src/xlsx/read';
import { chartsSheetWrite, scoreFile, type ScoreFileOptions } from '../../src/xlsx/score-file';
import type { CellsWrite } from '../../src/xlsx/write-common';
import { writeWithExcelize } from '../../src/xlsx/write-excelize';
import { seed001Analyses } from '../fixtures/analyses';
import { buildWorkbook, type FixtureSpec } from '../fixtures/build';
import { chartsOnSheet, type ChartInFile } from '../helpers/charts';
import { checkPackage } from '../helpers/ooxml-check';
import { zipEntries } from '../helpers/zip';
import { unzipText } from './spec';

jest.setTimeout(120_000);

const AS_OF = '2024-06-30';
const CHARTS = '评分图表';
const dir = mkdtempSync(join(tmpdir(), 'analyses-charts-'));
let counter = 0;

async function score(input: Uint8Array, options: Partial<ScoreFileOptions> = {}): Promise<Uint8Array> {
  const path = join(dir, `in-${++counter}.xlsx`);
  writeFileSync(path, input);
  const out = join(dir, `out-${counter}.xlsx`);
  await scoreFile({ input: path, out, asOf: serialFromIso(AS_OF)!, lang: 'zh-CN', preset: 'evaluation', now: new Date('2024-06-30T08:00:00Z'), ...options });
  return new Uint8Array(readFileSync(out));
}

/** Seed 001 with the user's own chart of 推荐意愿 on the survey sheet. */
const WITH_USER_CHART: FixtureSpec = {
  sheets: seed001Analyses.sheets.map((s) =>
    s.name === '服务评价'
      ? { ...s, chart: { type: 'col', anchor: 'L2', categories: "'服务评价'!$A$3:$A$7", values: "'服务评价'!$H$3:$H$7", title: '推荐意愿' } }
      : s,
  ),
};

const DIMENSIONS = ['服务响应及时性', '问题解决能力', '沟通互动质量', '服务增值性', '整体满意度'];
const XX = [4.5, 4, 5, 3.5, 4.5];
const YY = [3.5, 3.5, 4, 3, 4];
const ZZ = [2, 3, 3, 2, 3];
const ALL = [3.33, 3.5, 4, 2.83, 3.83];
const NPS_LABELS = ['推荐者（9-10分）', '被动者（7-8分）', '贬损者（0-6分）'];

/** A radar's series on the table whose header row is `row` (1-based), one per column from B. */
function radarSeries(row: number, series: [string, number[]][]): ChartInFile['series'] {
  const q = `'${CHARTS}'`;
  return series.map(([name, values], i) => {
    const col = 'BCDE'[i]!;
    return {
      name: { f: `${q}!$${col}$${row}`, cache: [name] },
      categories: { f: `${q}!$A$${row + 1}:$A$${row + 5}`, cache: DIMENSIONS },
      values: { f: `${q}!$${col}$${row + 1}:$${col}$${row + 5}`, cache: values },
      marker: 'none',
    };
  });
}

/** A radar chart of ours over H to P, 20 rows from row `top` (0-based), its table's header on row `header` (1-based). */
function radar(name: string, title: string, top: number, header: number, series: [string, number[]][]): Omit<ChartInFile, 'chartPath' | 'id'> {
  return {
    name,
    from: [7, top],
    to: [16, top + 20],
    plot: 'radarChart',
    style: { radarStyle: 'marker' },
    title,
    legend: true,
    series: radarSeries(header, series),
  };
}

/** The three service charts on 评分图表, below the scoring's two (tables from A16, charts from H42). */
const SERVICE_CHARTS: Omit<ChartInFile, 'chartPath' | 'id'>[] = [
  radar('CustomerScoring.ServiceRadar', '服务评价各维度平均分（满分 5 分）', 41, 16, [
    ['全部客户', ALL],
    ['战略级客户', XX],
    ['潜力客户', YY],
  ]),
  radar('CustomerScoring.GroupRadar', '按「所属行业」分组的服务评价各维度平均分（满分 5 分）', 62, 23, [
    ['软件', XX],
    ['商贸', YY],
    ['未分组', ZZ],
  ]),
  {
    name: 'CustomerScoring.Nps',
    from: [7, 83],
    to: [16, 100],
    plot: 'barChart',
    style: { barDir: 'bar', grouping: 'clustered' },
    title: '推荐意愿分布（净推荐值 NPS 20，回答少于 30 份，仅供参考）',
    legend: false,
    series: [
      {
        name: { f: `'${CHARTS}'!$B$30`, cache: ['回答数'] },
        categories: { f: `'${CHARTS}'!$A$31:$A$33`, cache: NPS_LABELS },
        values: { f: `'${CHARTS}'!$B$31:$B$33`, cache: [2, 2, 1] },
      },
    ],
  },
];

const strip = (charts: ChartInFile[]) => charts.map(({ chartPath: _path, id: _id, ...rest }) => rest);
const ALL_NAMES = ['CustomerScoring.Radar', 'CustomerScoring.Bar', 'CustomerScoring.ServiceRadar', 'CustomerScoring.GroupRadar', 'CustomerScoring.Nps'];

describe('score draws the service survey’s charts beside the scoring’s (seed 001, --preset evaluation)', () => {
  let input: Uint8Array;
  let once: Uint8Array;
  let twice: Uint8Array;

  beforeAll(async () => {
    input = await buildWorkbook(WITH_USER_CHART);
    once = await score(input);
    twice = await score(once);
  });

  it('the charts sheet holds the survey’s three tables below the scoring’s, worked out by hand', async () => {
    const sheets = await readWorkbook(once);
    expect(sheets.map((s) => s.name)).toEqual(['客户评估', '跟进记录', '服务评价', CHARTS, RULES_SHEET]);
    const rows = sheets.find((s) => s.name === CHARTS)!.rows.map((r) => r.slice(0, 5).map((v) => v ?? null));
    const row = (...cells: (string | number | null)[]) => [...cells, ...Array<null>(5 - cells.length).fill(null)];
    expect(rows.slice(14, 34)).toEqual([
      row(),
      row('维度', '全部客户', '战略级客户', '潜力客户'),
      ...DIMENSIONS.map((d, i) => row(d, ALL[i]!, XX[i]!, YY[i]!)),
      row(),
      row('维度', '软件', '商贸', '未分组'),
      ...DIMENSIONS.map((d, i) => row(d, XX[i]!, YY[i]!, ZZ[i]!)),
      row(),
      row('类别', '回答数'),
      row(NPS_LABELS[0]!, 2),
      row(NPS_LABELS[1]!, 2),
      row(NPS_LABELS[2]!, 1),
    ]);
  });

  it('five charts: the scoring’s radar and bar, then the service radar, the group radar by 所属行业 and the NPS bar, their series on the tables with the values cached', async () => {
    const charts = await chartsOnSheet(once, CHARTS);
    expect(charts.map((c) => [c.name, c.plot])).toEqual([
      ['CustomerScoring.Radar', 'radarChart'],
      ['CustomerScoring.Bar', 'barChart'],
      ['CustomerScoring.ServiceRadar', 'radarChart'],
      ['CustomerScoring.GroupRadar', 'radarChart'],
      ['CustomerScoring.Nps', 'barChart'],
    ]);
    expect(charts[1]!.series[0]!.values.cache).toEqual([1, 0, 1, 1]);
    expect(strip(charts.slice(2))).toEqual(SERVICE_CHARTS);
  });

  it('a second run replaces them in place: the same five charts, the same parts, nothing added', async () => {
    const charts = await chartsOnSheet(twice, CHARTS);
    expect(charts.map((c) => c.name)).toEqual(ALL_NAMES);
    expect(strip(charts.slice(2))).toEqual(SERVICE_CHARTS);
    const parts = (bytes: Uint8Array) =>
      zipEntries(bytes)
        .filter((e) => /^xl\/(charts|drawings)\//.test(e))
        .sort();
    expect(parts(twice)).toEqual(parts(once));
    const [a, b] = [await unzipText(once), await unzipText(twice)];
    for (const name of parts(once)) expect(b.get(name)).toBe(a.get(name));
  });

  it('the user’s chart on the survey sheet stays byte for byte; both outputs pass the OOXML checker', async () => {
    const mine = await chartsOnSheet(input, '服务评价');
    expect(mine.map((c) => c.title)).toEqual(['推荐意愿']);
    const [a, b, c] = [await unzipText(input), await unzipText(once), await unzipText(twice)];
    expect(b.get(mine[0]!.chartPath)).toBe(a.get(mine[0]!.chartPath));
    expect(c.get(mine[0]!.chartPath)).toBe(a.get(mine[0]!.chartPath));
    expect(strip(await chartsOnSheet(twice, '服务评价'))).toEqual(strip(mine));
    expect(await checkPackage(once, { veryHidden: RULES_SHEET })).toEqual([]);
    expect(await checkPackage(twice, { veryHidden: RULES_SHEET })).toEqual([]);
  });
});

const CHART_STYLE = 'http://schemas.microsoft.com/office/2011/relationships/chartStyle';
const CHART_COLORS = 'http://schemas.microsoft.com/office/2011/relationships/chartColorStyle';

/**
 * `scored` with the survey sheet deleted, a chart of the user's on the charts sheet, and the
 * style and colour parts Excel gives each chart it saves on our service radar.
 */
async function withoutSurvey(scored: Uint8Array): Promise<{ bytes: Uint8Array; styleParts: string[] }> {
  const ex = await loadExcelize();
  const f = ex.OpenReader(scored);
  expect(f.DeleteSheet('服务评价').error).toBeNull();
  expect(
    f.AddChart(CHARTS, 'R3', {
      Type: ex.Col,
      Series: [{ Name: 'Mine', Categories: `'${CHARTS}'!$A$11:$A$14`, Values: `'${CHARTS}'!$B$11:$B$14` }],
      Format: { Name: 'My chart' },
      Title: { Paragraph: [{ Text: '我的图' }] },
    }).error,
  ).toBeNull();
  const edited = new Uint8Array(f.WriteToBuffer().buffer as Uint8Array);
  const radar = (await chartsOnSheet(edited, CHARTS)).find((c) => c.name === 'CustomerScoring.ServiceRadar')!;
  const zip = await JSZip.loadAsync(edited);
  const chartDir = radar.chartPath.slice(0, radar.chartPath.lastIndexOf('/') + 1);
  const rels = `${chartDir}_rels/${radar.chartPath.slice(chartDir.length)}.rels`;
  const styleParts = [`${chartDir}style91.xml`, `${chartDir}colors91.xml`];
  zip.file(
    styleParts[0]!,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" id="201"/>',
  );
  zip.file(
    styleParts[1]!,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cs:colorStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" meth="cycle" id="10"/>',
  );
  zip.file(
    rels,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId2" Type="${CHART_COLORS}" Target="colors91.xml"/><Relationship Id="rId1" Type="${CHART_STYLE}" Target="style91.xml"/></Relationships>`,
  );
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      `<Override PartName="/${styleParts[0]}" ContentType="application/vnd.ms-office.chartstyle+xml"/>` +
        `<Override PartName="/${styleParts[1]}" ContentType="application/vnd.ms-office.chartcolorstyle+xml"/></Types>`,
    ),
  );
  return { bytes: new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })), styleParts: [...styleParts, rels] };
}

/** The charts sheet's write of an `evaluation` run of `bytes` (with the survey and RFM where the workbook has them), as score-file.ts makes it. */
async function chartsWriteOf(bytes: Uint8Array): Promise<CellsWrite> {
  const sheets = await readWorkbook(bytes);
  const run = runAnalyses(sheets, {
    primary: 'scoring',
    asOf: serialFromIso(AS_OF)!,
    scoring: { rules: getPreset('evaluation') },
    service: getServicePreset(),
    rfm: getRfmPreset(),
    knownRules: allPresets(),
  });
  return chartsSheetWrite(sheets, analysesCharts(run, sheets, 'zh-CN'), 'zh-CN');
}

describe('a chart of ours that the run no longer carries is removed, not left stale', () => {
  let edited: Uint8Array;
  let removedParts: string[];
  let userChart: ChartInFile;

  beforeAll(async () => {
    const once = await score(await buildWorkbook(seed001Analyses));
    const prepared = await withoutSurvey(once);
    edited = prepared.bytes;
    const before = await chartsOnSheet(edited, CHARTS);
    expect(before.map((c) => c.name)).toEqual([...ALL_NAMES, 'My chart']);
    expect(await checkPackage(edited, { veryHidden: RULES_SHEET })).toEqual([]);
    userChart = before[5]!;
    removedParts = [...before.slice(2, 5).map((c) => c.chartPath), ...prepared.styleParts];
  });

  /** The output has the scoring's two charts and the user's, none of the survey's parts, and the user's chart as it was. */
  async function expectStaleRemoved(out: Uint8Array): Promise<void> {
    const after = await chartsOnSheet(out, CHARTS);
    expect(after.map((c) => c.name)).toEqual(['CustomerScoring.Radar', 'CustomerScoring.Bar', 'My chart']);
    const entries = zipEntries(out);
    for (const part of removedParts) expect(entries).not.toContain(part);
    const [a, b] = [await unzipText(edited), await unzipText(out)];
    expect(b.get('[Content_Types].xml')).not.toMatch(/ServiceRadar|style91|colors91/);
    for (const part of removedParts) expect(b.get('[Content_Types].xml')).not.toContain(`"/${part}"`);
    expect(after[2]!.chartPath).toBe(userChart.chartPath);
    expect(b.get(userChart.chartPath)).toBe(a.get(userChart.chartPath));
    const drawing = entries.find((e) => /^xl\/drawings\/drawing\d+\.xml$/.test(e) && b.get(e)!.includes('My chart'))!;
    const anchors = (xml: string) => xml.match(/<(?:\w+:)?twoCellAnchor[\s>][\s\S]*?<\/(?:\w+:)?twoCellAnchor>/g)!;
    expect(anchors(b.get(drawing)!).filter((x) => x.includes('My chart'))).toEqual(anchors(a.get(drawing)!).filter((x) => x.includes('My chart')));
    expect(await checkPackage(out, { veryHidden: RULES_SHEET })).toEqual([]);
  }

  it('the direct writer: the survey gone, its three charts go with their chart, style and colour parts; the scoring’s and the user’s stay', async () => {
    await expectStaleRemoved(await score(edited));
  });

  it('the excelize fallback writer removes them the same way', async () => {
    const write = await chartsWriteOf(edited);
    expect(write.staleCharts).toEqual(['CustomerScoring.ServiceRadar', 'CustomerScoring.GroupRadar', 'CustomerScoring.Nps', 'CustomerScoring.Segments']);
    await expectStaleRemoved(await writeWithExcelize(edited, [], [write]));
  });
});

describe('the excelize fallback writer draws the survey’s charts as the direct writer does', () => {
  it('the same chart parts, and a second run replaces them in place', async () => {
    const input = await buildWorkbook(WITH_USER_CHART);
    const direct = await score(input);
    const fallback = await writeWithExcelize(input, [], [await chartsWriteOf(input)]);
    const [dc, ec] = [await chartsOnSheet(direct, CHARTS), await chartsOnSheet(fallback, CHARTS)];
    expect(strip(ec.slice(2))).toEqual(SERVICE_CHARTS);
    const [d, e] = [await unzipText(direct), await unzipText(fallback)];
    dc.forEach((c, i) => expect(e.get(ec[i]!.chartPath)).toBe(d.get(c.chartPath)));
    expect(await checkPackage(fallback)).toEqual([]);

    const again = await writeWithExcelize(fallback, [], [await chartsWriteOf(fallback)]);
    expect((await chartsOnSheet(again, CHARTS)).map((c) => c.name)).toEqual(ALL_NAMES);
    expect(zipEntries(again).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(6); // the user's and our five
    expect(await checkPackage(again)).toEqual([]);
  });
});
