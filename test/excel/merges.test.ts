/**
 * A survey whose 客户名称 is merged down over each customer's two 评价周期 rows, as Chinese
 * sales workbooks keep it (issue 11): Excel shows the name in the area's first row only. From
 * ExcelApi 1.13 the add-in reads the merged areas with the values (in the same syncs) and the
 * rows under a merge belong to its customer; below 1.13 it reads none and the second row is
 * reported as today. The expected cells are worked out by hand below.
 */
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps, scoreAnalysesRead, type AnalysesRequest } from '../../src/excel/ops';
import { mergeWindows } from '../../src/excel/read';
import { allPresets, getPreset, getRfmPreset, getServicePreset } from '../../src/presets';
import { seed001Analyses, SERVICE_HEADER } from '../fixtures/analyses';
import { buildWorkbook, type FixtureCell, type FixtureSpec } from '../fixtures/build';
import { serial } from '../helpers/grid';

jest.setTimeout(60_000);

const AS_OF = serial('2024-06-30');

/**
 * Seed 001's survey (test/fixtures/analyses.ts) as a plain block sorted by customer, 客户名称
 * merged over each customer's quarters (A3:A4, A5:A6) and the title over the columns (A1:H1);
 * beside seed 001's evaluation table 客户评估 (A1:M4).
 */
const mergedSurvey: FixtureSpec = {
  sheets: [
    seed001Analyses.sheets[0]!,
    {
      name: '服务评价',
      rows: [
        ['服务水平评价汇总表'],
        SERVICE_HEADER,
        ['XX科技有限公司', '2024年第1季度', 5, 4, 5, 4, 5, 9],
        [null, '2024年第2季度', 4, 4, 5, 3, 4, 10],
        ['YY贸易集团', '2024年第1季度', 3, 4, 4, 3, 4, 7],
        [null, '2024年第2季度', 4, 3, 4, 3, 4, 8],
        ['ZZ物流有限公司', '2024年第2季度', 2, 3, 3, 2, 3, 3],
      ],
      merges: ['A1:H1', 'A3:A4', 'A5:A6'],
    },
  ],
};

let mergedBytes: Uint8Array;

beforeAll(async () => {
  mergedBytes = await buildWorkbook(mergedSurvey);
});

async function open(apiVersion?: string, bare = false, bytes = mergedBytes) {
  const excel = await EmulatedExcel.fromXlsx(bytes, apiVersion ? { apiVersion } : {});
  const host = bare ? { run: excel.run } : { run: excel.run, isSetSupported: excel.office.context.requirements.isSetSupported };
  return { excel, ops: createWorkbookOps(host) };
}

function request(scoring = true): AnalysesRequest {
  return {
    asOf: AS_OF,
    ...(scoring ? { scoring: { rules: getPreset('evaluation') } } : {}),
    service: getServicePreset(),
    rfm: getRfmPreset(),
    knownRules: allPresets(),
    keepRules: getPreset('evaluation'),
  };
}

async function preview(ops: ReturnType<typeof createWorkbookOps>, scoring = true) {
  const read = await ops.prepareAnalyses(await ops.scan(allPresets()), request(scoring));
  return { read, scored: scoreAnalysesRead(read, {}) };
}

/**
 * With the merges (every dimension 1-5, 推荐意愿 0-10; each customer's means over its quarters,
 * each ÷ 5, their mean × 100):
 * - XX科技 (rows 3-4): 4.5, 4, 5, 3.5, 4.5 → (0.9 + 0.8 + 1 + 0.7 + 0.9) ÷ 5 = 0.86 → 86.0; weakest 服务增值性 (0.7);
 * - YY贸易 (rows 5-6): 3.5, 3.5, 4, 3, 4 → (0.7 + 0.7 + 0.8 + 0.6 + 0.8) ÷ 5 = 0.72 → 72.0; weakest 服务增值性 (0.6);
 * - ZZ物流 (row 7): 2, 3, 3, 2, 3 → 0.52 → 52.0; weakest 服务响应及时性 (0.4, the first of the two lowest).
 * NPS over the five answers 9, 10, 7, 8, 3: promoters 2, passives 2, detractors 1 → (2 − 1) ÷ 5 = +20.
 */
const MERGED_RESULTS = [
  ['服务得分', '短板维度'],
  [86, '服务增值性'],
  [86, '服务增值性'],
  [72, '服务增值性'],
  [72, '服务增值性'],
  [52, '服务响应及时性'],
];

describe('a survey with 客户名称 merged over each customer’s periods', () => {
  it('from ExcelApi 1.13: the rows under a merge belong to its customer, and Apply writes 服务得分 on both rows', async () => {
    const { excel, ops } = await open();
    const { read, scored } = await preview(ops);
    // The survey's grid carries its merged areas (0-based, whole); the title's A1:H1 lies above the table read.
    expect(read.grids.find((g) => g.name === '服务评价')?.merges).toEqual([
      { firstRow: 2, firstCol: 0, lastRow: 3, lastCol: 0 },
      { firstRow: 4, firstCol: 0, lastRow: 5, lastCol: 0 },
    ]);
    expect(scored.run.service?.nps).toMatchObject({ answers: 5, promoters: 2, passives: 2, detractors: 1, score: 20 });
    expect(scored.run.service?.warnings.filter((w) => w.code === 'blank-key')).toEqual([]);
    await ops.applyAnalyses(scored, 'zh-CN');
    expect(excel.peek('服务评价', 'I2:J7').values).toEqual(MERGED_RESULTS);
    expect(excel.peek('服务评价', 'A3:A6').values).toEqual([['XX科技有限公司'], [''], ['YY贸易集团'], ['']]);
    expect(excel.merges('服务评价')).toEqual(['A1:H1', 'A3:A4', 'A5:A6']);
    // The evaluation table (A1:M4): the service's Q–R beside the scoring's N–P; 华东精密 answered no survey.
    expect(excel.peek('客户评估', 'Q1:R4').values).toEqual([
      ['服务得分', '短板维度'],
      [86, '服务增值性'],
      [72, '服务增值性'],
      ['', ''],
    ]);
  });

  it('below ExcelApi 1.13 no merged area is read: the second rows have no customer, are reported and not scored', async () => {
    // Each customer's first quarter only:
    // XX科技 5, 4, 5, 4, 5 → (1 + 0.8 + 1 + 0.8 + 1) ÷ 5 = 0.92 → 92.0, weakest 问题解决能力 (0.8, the first of the two lowest);
    // YY贸易 3, 4, 4, 3, 4 → (0.6 + 0.8 + 0.8 + 0.6 + 0.8) ÷ 5 = 0.72 → 72.0, weakest 服务响应及时性 (0.6, the first of the two lowest).
    const expected = [
      ['服务得分', '短板维度'],
      [92, '问题解决能力'],
      ['', ''],
      [72, '服务响应及时性'],
      ['', ''],
      [52, '服务响应及时性'],
    ];
    // The manifest's ExcelApi 1.6 and the last set before 1.13, with Office's isSetSupported; and 1.6 without it (Excel's ApiNotFound leads to the same).
    for (const [version, bare] of [
      ['1.6', false],
      ['1.12', false],
      ['1.6', true],
    ] as const) {
      const { excel, ops } = await open(version, bare);
      const { read, scored } = await preview(ops);
      expect(read.grids.every((g) => g.merges === undefined)).toBe(true);
      expect(scored.run.service?.warnings.filter((w) => w.code === 'blank-key')).toEqual([
        { code: 'blank-key', address: '服务评价!A4' },
        { code: 'blank-key', address: '服务评价!A6' },
      ]);
      await ops.applyAnalyses(scored, 'zh-CN');
      expect(excel.peek('服务评价', 'I2:J7').values).toEqual(expected);
    }
  });

  it('takes the same syncs with the merged areas as without them', async () => {
    const syncs: Record<string, number[]> = {};
    for (const version of ['1.6', '1.13']) {
      const { excel, ops } = await open(version);
      const scan = await ops.scan(allPresets());
      excel.stats.reset();
      const read = await ops.prepareAnalyses(scan, request());
      const prepare = excel.stats.syncs;
      excel.stats.reset();
      const applied = await ops.applyAnalyses(scoreAnalysesRead(read, {}), 'zh-CN');
      syncs[version] = [prepare, excel.stats.syncs, applied.stats.syncs];
    }
    // One read for the preview; Apply: the check's read, one write request per table, the store.
    expect(syncs).toEqual({ '1.6': [1, 4, 3], '1.13': [1, 4, 3] });
  });

  it('a survey row edited after the preview: Apply reads the merged areas again with the rows, and both rows of the customer get the new score', async () => {
    const { excel, ops } = await open();
    const { scored } = await preview(ops);
    // XX科技's second quarter answers 服务响应速度 2 instead of 4: (5 + 2) ÷ 2 = 3.5 → 0.7, then 0.8, 1, 0.7, 0.9
    // → 4.1 ÷ 5 = 0.82 → 82.0; weakest 服务响应及时性 (0.7, the first of the two lowest).
    excel.editCell('服务评价', 'C4', 2);
    excel.stats.reset();
    const applied = await ops.applyAnalyses(scored, 'zh-CN');
    expect(applied.rescored).toEqual({ reason: 'analysis-tables' });
    expect(excel.peek('服务评价', 'I3:J4').values).toEqual([
      [82, '服务响应及时性'],
      [82, '服务响应及时性'],
    ]);
    expect(applied.stats.syncs).toBe(3);
  });
});

describe('many merged areas', () => {
  /** 600 customers, each merged over two quarters (A2:A3 … A1200:A1201): 600 areas, more than the 512 Excel answers for one range. */
  const CUSTOMERS = 600;
  const manySpec: FixtureSpec = {
    sheets: [
      {
        name: '服务评价',
        rows: [
          SERVICE_HEADER,
          ...Array.from({ length: CUSTOMERS }, (_, i): FixtureCell[][] => [
            [`客户${String(i + 1).padStart(3, '0')}`, '2024年第1季度', 5, 4, 5, 4, 5, 9],
            [null, '2024年第2季度', 4, 4, 5, 3, 4, 10],
          ]).flat(),
        ],
        merges: Array.from({ length: CUSTOMERS }, (_, i) => `A${2 * i + 2}:A${2 * i + 3}`),
      },
    ],
  };

  it('are read in windows Excel can answer: every customer’s two rows get its score', async () => {
    const { excel, ops } = await open(undefined, false, await buildWorkbook(manySpec));
    const { read, scored } = await preview(ops, false);
    expect(read.grids.find((g) => g.name === '服务评价')?.merges).toHaveLength(CUSTOMERS);
    await ops.applyAnalyses(scored, 'zh-CN');
    // Every customer as XX科技 above: 86.0, weakest 服务增值性, on both its rows.
    const written = excel.peek('服务评价', `I2:J${2 * CUSTOMERS + 1}`).values;
    expect(written).toHaveLength(2 * CUSTOMERS);
    expect(written.every(([score, weakest]) => score === 86 && weakest === '服务增值性')).toBe(true);
  });

  it('are asked for in the key column only: one column’s windows of 339 rows, not the table’s eight columns', async () => {
    const { excel, ops } = await open(undefined, false, await buildWorkbook(manySpec));
    let asked = 0;
    const stop = excel.onRequest((actions) => {
      asked += actions.filter((a) => a.endsWith('.getMergedAreasOrNullObject')).length;
    });
    await preview(ops, false);
    stop();
    // The survey A1:H1201 (its 客户名称 in A, no 客户编号): (339 + 2) × (1 + 2) = 1,023 cells a window, so ⌈1,201 ÷ 339⌉ = 4 windows
    // (over the whole box read, the table and the two columns beside it, the windows were 15).
    expect(asked).toBe(4);
  });

  it('windows hold at most (rows + 2) × (columns + 2) ≤ 1,024 cells, so none can find more than 512 areas', () => {
    // 8 columns: 100 rows a window (102 × 10 = 1,020); 1,201 rows → 13 windows.
    const windows = mergeWindows({ firstRow: 0, lastRow: 1200, firstCol: 0, lastCol: 7 });
    expect(windows).toHaveLength(13);
    expect(windows[0]).toEqual({ firstRow: 0, lastRow: 99, firstCol: 0, lastCol: 7 });
    expect(windows.at(-1)).toEqual({ firstRow: 1200, lastRow: 1200, firstCol: 0, lastCol: 7 });
    // 70 columns: windows of 30 columns (and 30 rows: 32 × 32 = 1,024) side by side.
    const wide = mergeWindows({ firstRow: 0, lastRow: 59, firstCol: 0, lastCol: 69 });
    expect(wide.map((w) => `${w.firstRow}-${w.lastRow}/${w.firstCol}-${w.lastCol}`)).toEqual([
      '0-29/0-29',
      '0-29/30-59',
      '0-29/60-69',
      '30-59/0-29',
      '30-59/30-59',
      '30-59/60-69',
    ]);
  });
});
