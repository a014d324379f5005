/**
 * `npm run score` draws the charts of the analyses it runs, as a user runs it on workbooks
 * shaped like seed 001's two templates, seed 003's survey and a transactions sheet
 * (test/fixtures/analyses.ts): the service radar and the NPS bar of a survey, the bar of
 * customers per RFM segment, the group radar by the column --group-by names (a column it
 * cannot chart refused with one sentence in either language); a chart of ours the run no
 * longer carries removed. And the add-in (on the emulated Excel) and the command take turns
 * on one workbook without doubling a chart: insertCharts leaves exactly the charts of the
 * run's list, the user's own charts untouched. Figures worked out by hand in
 * test/xlsx/analyses-charts.test.ts and test/cli/analyses.test.ts (docs/scoring-rules.md
 * section 6), as of 2024-06-30.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { serialFromIso } from '../../src/engine/parse';
import { RULES_SHEET } from '../../src/engine/managed-sheets';
import { EmulatedExcel } from '../../src/emulator';
import { analysesCharts, insertCharts } from '../../src/excel/charts';
import { createWorkbookOps } from '../../src/excel/ops';
import { readWorkbook } from '../../src/xlsx/read';
import { scoreFile } from '../../src/xlsx/score-file';
import { seed001Analyses, seed003Survey, transactionsWorkbook } from '../fixtures/analyses';
import { writeFixture, type FixtureSpec } from '../fixtures/build';
import { chartsOnSheet } from '../helpers/charts';
import { runScore as run } from '../helpers/cli-run';
import { checkPackage } from '../helpers/ooxml-check';

jest.setTimeout(120_000);

const CHARTS = '评分图表';
const XX = [4.5, 4, 5, 3.5, 4.5];
const YY = [3.5, 3.5, 4, 3, 4];
const ZZ = [2, 3, 3, 2, 3];
const ALL = [3.33, 3.5, 4, 2.83, 3.83];

/** Scores `input` with the options into `<input>.<tag>.xlsx`; the output's bytes. */
async function scored(input: string, tag: string, ...options: string[]): Promise<{ out: string; bytes: Uint8Array }> {
  const out = input.replace(/\.xlsx$/, `.${tag}.xlsx`);
  const ran = await run(input, '--as-of', '2024-06-30', '--out', out, '--lang', 'zh-CN', ...options);
  if (ran.code !== 0) throw new Error(`score failed: ${ran.stderr}`);
  return { out, bytes: new Uint8Array(readFileSync(out)) };
}

const summary = async (bytes: Uint8Array) =>
  (await chartsOnSheet(bytes, CHARTS)).map((c) => [c.name, c.plot, c.series.map((s) => [s.name.cache[0], s.values.cache])]);

describe('score --preset service and --preset rfm draw their charts', () => {
  it('seed 003’s survey: the radar of its four dimensions (one series, all customers) and the NPS bar 1 / 1 / 1', async () => {
    const { bytes } = await scored(await writeFixture(seed003Survey, '图表-003.xlsx'), 'service', '--preset', 'service');
    // 产品质量 (5 + 4 + 3) ÷ 3 = 4, 服务响应速度 10 ÷ 3 = 3.33, 售后支持 11 ÷ 3 = 3.67, 个性化体验 11 ÷ 3 = 3.67; 9, 8, 6.
    expect(await summary(bytes)).toEqual([
      ['CustomerScoring.ServiceRadar', 'radarChart', [['全部客户', [4, 3.33, 3.67, 3.67]]]],
      ['CustomerScoring.Nps', 'barChart', [['回答数', [1, 1, 1]]]],
    ]);
    const [radar, nps] = await chartsOnSheet(bytes, CHARTS);
    expect(radar!.series[0]!.categories.cache).toEqual(['产品质量', '服务响应及时性', '售后支持', '个性化体验']);
    expect([radar!.legend, nps!.title]).toEqual([false, '推荐意愿分布（净推荐值 NPS 0，回答少于 30 份，仅供参考）']);
    expect((await readWorkbook(bytes)).map((s) => s.name)).toEqual(['满意度调研', CHARTS, RULES_SHEET]);
    expect(await checkPackage(bytes, { veryHidden: RULES_SHEET })).toEqual([]);
  });

  it('the transactions sheet: the bar of customers per segment, at risk 2, high value 1, potential 1, low value 1', async () => {
    const { bytes } = await scored(await writeFixture(transactionsWorkbook, '图表-交易.xlsx'), 'rfm', '--preset', 'rfm');
    const charts = await chartsOnSheet(bytes, CHARTS);
    expect(charts.map((c) => [c.name, c.plot, c.title])).toEqual([['CustomerScoring.Segments', 'barChart', 'RFM 各分群客户数']]);
    expect(charts[0]!.series.map((s) => [s.name.cache, s.categories.cache, s.values.cache])).toEqual([
      [['客户数'], ['流失风险客户', '高价值客户', '潜力客户', '低价值客户'], [2, 1, 1, 1]],
    ]);
    expect(await checkPackage(bytes, { veryHidden: RULES_SHEET })).toEqual([]);
  });

  it('seed 001 scored with evaluation, then its output with --preset service: the scoring’s two charts go, the survey’s stay (the radar without tiers)', async () => {
    const first = await scored(await writeFixture(seed001Analyses, '图表-001.xlsx'), 'evaluation', '--preset', 'evaluation');
    expect((await chartsOnSheet(first.bytes, CHARTS)).map((c) => c.name)).toEqual([
      'CustomerScoring.Radar',
      'CustomerScoring.Bar',
      'CustomerScoring.ServiceRadar',
      'CustomerScoring.GroupRadar',
      'CustomerScoring.Nps',
    ]);
    const second = await scored(first.out, 'service', '--preset', 'service');
    expect(await summary(second.bytes)).toEqual([
      ['CustomerScoring.ServiceRadar', 'radarChart', [['全部客户', ALL]]],
      [
        'CustomerScoring.GroupRadar',
        'radarChart',
        [
          ['软件', XX],
          ['商贸', YY],
          ['未分组', ZZ],
        ],
      ],
      ['CustomerScoring.Nps', 'barChart', [['回答数', [2, 2, 1]]]],
    ]);
    expect(await checkPackage(second.bytes, { veryHidden: RULES_SHEET })).toEqual([]);
  });
});

describe('--group-by', () => {
  let seed001: string;
  beforeAll(async () => {
    seed001 = await writeFixture(seed001Analyses, '分组-001.xlsx');
  });

  it('规模 groups the survey’s customers by the evaluation table’s 规模: 大型 XX, 中型 YY, ZZ without a group', async () => {
    const { bytes } = await scored(seed001, 'size', '--preset', 'service', '--group-by', '规模');
    const group = (await chartsOnSheet(bytes, CHARTS)).find((c) => c.name === 'CustomerScoring.GroupRadar')!;
    expect(group.title).toBe('按「规模」分组的服务评价各维度平均分（满分 5 分）');
    expect(group.series.map((s) => [s.name.cache[0], s.values.cache])).toEqual([
      ['大型', XX],
      ['中型', YY],
      ['未分组', ZZ],
    ]);
    expect(await checkPackage(bytes, { veryHidden: RULES_SHEET })).toEqual([]);
  });

  /** Thirteen customers of thirteen industries in the survey itself. */
  const thirteen: FixtureSpec = {
    sheets: [
      {
        name: '满意度调研',
        rows: [
          ['客户名称', '行业', '产品质量', '服务响应速度', '售后支持'],
          ...['软件', '商贸', '制造', '物流', '医药', '食品', '建材', '电子', '能源', '金融', '教育', '零售', '化工'].map((industry, i) => [
            `客户${i + 1}`,
            industry,
            4,
            4,
            4,
          ]),
        ],
      },
    ],
  };

  it.each([
    [
      '分组-001.xlsx',
      ['--group-by', '地区'],
      '命令参数有误：--group-by 中的“地区”不是服务评价表或客户表的列（可用于分组的列：所属行业、规模、所属行业增长潜力、新产品/服务尝试意愿、客户信用等级）。',
      'Wrong command option: --group-by names “地区”, which is no column of the service survey or the customer table (columns to group by: 所属行业, 规模, 所属行业增长潜力, 新产品/服务尝试意愿, 客户信用等级).',
      seed001Analyses,
    ],
    [
      '分组-003.xlsx',
      ['--group-by', '行业'],
      '命令参数有误：--group-by 中的“行业”不是服务评价表或客户表的列，这两张表中也没有可用于分组的列。',
      'Wrong command option: --group-by names “行业”, which is no column of the service survey or the customer table, and neither has a column to group by.',
      seed003Survey,
    ],
    [
      '分组-交易.xlsx',
      ['--group-by', '所属行业'],
      '命令参数有误：--group-by 按“所属行业”分组比较服务评价，但工作簿中没有服务评价表。',
      'Wrong command option: --group-by compares the service survey by “所属行业”, but the workbook has no service survey.',
      transactionsWorkbook,
    ],
    [
      '分组-13.xlsx',
      ['--group-by', '行业'],
      '命令参数有误：“行业”列有 13 个不同的值，分组图最多显示 12 组。',
      'Wrong command option: the column “行业” has 13 different values; the group chart shows at most 12 groups.',
      thirteen,
    ],
    [
      '分组-空.xlsx',
      ['--group-by', ' '],
      '命令参数有误：--group-by 后面缺少取值（取值以“-”开头时请写成 --group-by=取值）。',
      'Wrong command option: --group-by needs a value after it (write --group-by=value when the value starts with “-”).',
      seed001Analyses,
    ],
  ])('%s %j is refused with one sentence, and no output is written', async (file, options, zh, en, spec) => {
    const input = await writeFixture(spec, file);
    const out = input.replace(/\.xlsx$/, '.refused.xlsx');
    expect(await run(input, '--as-of', '2024-06-30', '--out', out, '--lang', 'zh-CN', ...options)).toEqual({ code: 1, stdout: '', stderr: `${zh}\n` });
    expect(await run(input, '--as-of', '2024-06-30', '--out', out, '--lang', 'en-US', ...options)).toEqual({ code: 1, stdout: '', stderr: `${en}\n` });
    expect(() => readFileSync(out)).toThrow();
  });

  it('the usage names it in both languages', async () => {
    expect((await run('--help', '--lang', 'zh-CN')).stdout).toMatch(
      /\[--group-by 列\][\s\S]*--group-by 列 指定按哪一列（写表头）分组比较服务评价，默认按行业，没有行业列时按规模/,
    );
    expect((await run('--help', '--lang', 'en-US')).stdout).toMatch(/\[--group-by column\][\s\S]*--group-by column names the\s+column \(by its header\)/);
  });
});

describe('the add-in and the command take turns on seed 001 without doubling a chart', () => {
  const NAMES = ['CustomerScoring.Radar', 'CustomerScoring.Bar', 'CustomerScoring.ServiceRadar', 'CustomerScoring.GroupRadar', 'CustomerScoring.Nps'];
  const USER_CHART: FixtureSpec = {
    sheets: seed001Analyses.sheets.map((s) =>
      s.name === '服务评价'
        ? { ...s, chart: { type: 'col', anchor: 'L2', categories: "'服务评价'!$A$3:$A$7", values: "'服务评价'!$H$3:$H$7", title: '推荐意愿' } }
        : s,
    ),
  };

  it('insertCharts on the command’s output leaves exactly the run’s five charts, twice over; a scoring run alone leaves its two; the user’s charts stay', async () => {
    const input = await writeFixture(USER_CHART, '轮流-001.xlsx');
    const out = input.replace(/\.xlsx$/, '.scored.xlsx');
    const result = await scoreFile({ input, out, asOf: serialFromIso('2024-06-30')!, lang: 'zh-CN', preset: 'evaluation' });
    const sheets = await readWorkbook(new Uint8Array(readFileSync(input)));
    const excel = await EmulatedExcel.fromXlsx(new Uint8Array(readFileSync(out)));
    expect(excel.charts(CHARTS).map((c) => [c.name, c.type])).toEqual([
      ['CustomerScoring.Radar', 'Radar'],
      ['CustomerScoring.Bar', 'BarClustered'],
      ['CustomerScoring.ServiceRadar', 'Radar'],
      ['CustomerScoring.GroupRadar', 'Radar'],
      ['CustomerScoring.Nps', 'BarClustered'],
    ]);
    // A chart of the user's on the charts sheet too.
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(CHARTS);
      sheet.charts.add('ColumnClustered', sheet.getRange('A31:B33'), 'Columns').name = 'My chart';
      await context.sync();
    });
    const host = { run: excel.run };
    const spec = analysesCharts(result.analyses, sheets, 'zh-CN');
    await insertCharts(host, spec, 'zh-CN');
    await insertCharts(host, spec, 'zh-CN');
    const charts = excel.charts(CHARTS);
    expect(charts.map((c) => c.name).sort()).toEqual([...NAMES, 'My chart'].sort());
    const byName = (name: string) => charts.find((c) => c.name === name)!;
    expect(byName('CustomerScoring.ServiceRadar').series.map((s) => [s.name, s.values])).toEqual([
      ['全部客户', ALL],
      ['战略级客户', XX],
      ['潜力客户', YY],
    ]);
    expect(byName('CustomerScoring.GroupRadar').series.map((s) => s.name)).toEqual(['软件', '商贸', '未分组']);
    expect(byName('CustomerScoring.Nps').series.map((s) => s.values)).toEqual([[2, 2, 1]]);
    expect(excel.charts('服务评价').map((c) => c.title)).toEqual(['推荐意愿']);

    // The pane's scoring run alone (WorkbookOps.insertCharts): the survey's charts are not its own.
    await createWorkbookOps(host).insertCharts(result.run!, 'zh-CN');
    expect(
      excel
        .charts(CHARTS)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['CustomerScoring.Bar', 'CustomerScoring.Radar', 'My chart']);

    // The command on the add-in's workbook draws the five again, once each, and keeps the user's.
    const byAddin = input.replace(/\.xlsx$/, '.addin.xlsx');
    writeFileSync(byAddin, await excel.toXlsx());
    const again = await scored(byAddin, 'again', '--preset', 'evaluation');
    const names = (await chartsOnSheet(again.bytes, CHARTS)).map((c) => c.name);
    expect(names.sort()).toEqual([...NAMES, 'My chart'].sort());
    expect((await chartsOnSheet(again.bytes, '服务评价')).map((c) => c.title)).toEqual(['推荐意愿']);
    expect(await checkPackage(again.bytes, { veryHidden: RULES_SHEET })).toEqual([]);
  });
});
