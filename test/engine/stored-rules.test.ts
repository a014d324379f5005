/**
 * The rules store's cell contents (src/engine/stored-rules.ts `storeContents`): what the score
 * command writes on the very hidden rules sheet, read back with the same parser the add-in uses.
 */
import { RfmRulesSchema, RuleSetSchema } from '../../src/engine/rules';
import { isScoringError } from '../../src/engine/errors';
import {
  CHUNK,
  LOG_HEADERS,
  MAX_RUNS,
  parseStoredRules,
  STORE_MARKER,
  storeArea,
  storeContents,
  storedChunks,
  storedRulesFromGrid,
  type PreviousStore,
  type RunRecord,
  type StoreArea,
  type StoreCell,
  type StoredMapping,
} from '../../src/engine/stored-rules';
import { describeProblem } from '../../src/i18n/problems';
import { getPreset, getRfmPreset, getServicePreset } from '../../src/presets';

const evaluation = getPreset('evaluation');
const mapping: StoredMapping = { evaluation: { sheet: '客户评估', range: 'A3:M9', name: '客户评估表' }, followUp: null, indicators: { tenure: '合作时长' } };
const NOW = new Date('2024-07-01T08:00:00.000Z');

function record(i: number): RunRecord {
  return {
    at: `2024-07-01T08:00:${String(i % 60).padStart(2, '0')}.000Z`,
    preset: 'evaluation',
    rulesHash: 'ab'.repeat(32),
    asOf: '2024-06-30',
    customers: i,
    tiers: { strategic: i },
    by: i % 2 ? '王经理' : '',
    without: i % 3 ? [] : ['referrals'],
  };
}

/** The grid after writing `cells` over `grid` (null clears), as rows of raw values like src/xlsx/read.ts gives. */
function applyCells(grid: readonly (readonly unknown[])[], cells: StoreCell[]): unknown[][] {
  const rows = grid.map((r) => [...r]);
  for (const { row, col, value } of cells) {
    while (rows.length <= row) rows.push([]);
    const r = rows[row]!;
    while (r.length <= col) r.push(null);
    r[col] = value;
  }
  return rows;
}

/** Cells holding a value, as "A1" → value, to compare whole sheets. */
function filled(rows: readonly (readonly unknown[])[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  rows.forEach((r, row) =>
    r.forEach((v, col) => {
      if (v !== null && v !== undefined) out.set(`${String.fromCharCode(65 + col)}${row + 1}`, v);
    }),
  );
  return out;
}

describe('storeContents', () => {
  it('without a previous store: meta, the JSON chunks, the log headers and the run, read back as written', () => {
    const cells = storeContents(undefined, evaluation, mapping, record(6), NOW);
    const grid = applyCells([], cells);
    expect(grid[0]!.slice(0, 2)).toEqual([STORE_MARKER, 1]);
    expect(grid.slice(1, 4).map((r) => r.slice(0, 2))).toEqual([
      ['savedAt', NOW.toISOString()],
      ['chunks', 1],
      ['runs', 1],
    ]);
    expect(grid[0]!.slice(4, 13)).toEqual([...LOG_HEADERS]);
    expect(grid[1]!.slice(4, 13)).toEqual([record(6).at, 'evaluation', 'ab'.repeat(32), '2024-06-30', 6, '{"strategic":6}', '', '["referrals"]', '']);
    expect(cells.every((c) => c.value !== null)).toBe(true); // nothing to clear on a fresh sheet
    const stored = storedRulesFromGrid(grid);
    expect(stored.rules).toEqual(evaluation);
    expect(stored.mapping).toEqual(mapping);
    expect(stored.savedAt).toBe(NOW.toISOString());
    expect(stored.runs).toEqual([record(6)]);
  });

  it('appends the run to the runs already logged, keeping them as they were', () => {
    const first = applyCells([], storeContents(undefined, evaluation, mapping, record(1), NOW));
    const second = applyCells(first, storeContents(first, evaluation, mapping, record(2), NOW));
    expect(storedRulesFromGrid(second).runs).toEqual([record(1), record(2)]);
    expect(second[3]![1]).toBe(2);
  });

  it('long rules take several chunks; fewer chunks later clear the old ones', () => {
    const long = RuleSetSchema.parse({ ...structuredClone(evaluation), label: { zh: '长'.repeat(CHUNK + 10), en: 'x' } });
    const first = applyCells([], storeContents(undefined, long, mapping, record(1), NOW));
    expect(first[2]![1]).toBe(2);
    expect(typeof first[1]![2]).toBe('string');
    expect(storedRulesFromGrid(first).rules).toEqual(long);
    const cells = storeContents(first, evaluation, mapping, record(2), NOW);
    expect(cells).toContainEqual({ row: 1, col: 2, value: null });
    const second = applyCells(first, cells);
    expect(second[1]![2]).toBeNull();
    expect(storedRulesFromGrid(second).rules).toEqual(evaluation);
    expect(storedRulesFromGrid(second).runs).toHaveLength(2);
  });

  it(`keeps at most ${MAX_RUNS} runs, dropping the oldest`, () => {
    let grid = applyCells([], storeContents(undefined, evaluation, mapping, record(0), NOW));
    const log = Array.from({ length: MAX_RUNS }, (_, i) => [record(i).at, 'evaluation', 'ab'.repeat(32), '2024-06-30', i, JSON.stringify({ strategic: i })]);
    grid = grid.map((r, i) => (i === 3 ? [r[0], MAX_RUNS, ...r.slice(2)] : r));
    grid = applyCells(
      grid,
      log.flatMap((row, i) => row.map((value, c) => ({ row: i + 1, col: 4 + c, value }))),
    );
    const next = applyCells(grid, storeContents(grid, evaluation, mapping, record(MAX_RUNS), NOW));
    const runs = storedRulesFromGrid(next).runs;
    expect(runs).toHaveLength(MAX_RUNS);
    expect(runs[0]!.customers).toBe(1); // run 0 dropped
    expect(runs[MAX_RUNS - 1]).toEqual(record(MAX_RUNS));
    expect(next.length).toBe(MAX_RUNS + 1);
  });

  it('a damaged previous store starts a fresh log, and its leftover cells are cleared', () => {
    const damaged = [
      ['not-our-marker', 1, '{"rules":', null, 'at', 'preset'],
      ['savedAt', 'x', 'garbage', null, 'old-run', 'evaluation'],
      ['chunks', 2, null, null, 'older-run', 'grading'],
      ['runs', 2],
    ];
    const cells = storeContents(damaged, evaluation, mapping, record(3), NOW);
    const grid = applyCells(damaged, cells);
    const stored = storedRulesFromGrid(grid);
    expect(stored.runs).toEqual([record(3)]);
    expect(stored.rules).toEqual(evaluation);
    // The sheet holds exactly the fresh store: nothing left from the damaged one.
    expect(filled(grid)).toEqual(filled(applyCells([], storeContents(undefined, evaluation, mapping, record(3), NOW))));
  });

  it('a store from a newer format is not appended to either', () => {
    const newer = applyCells([], storeContents(undefined, evaluation, mapping, record(1), NOW));
    newer[0]![1] = 2;
    expect(storedRulesFromGrid(applyCells(newer, storeContents(newer, evaluation, mapping, record(2), NOW))).runs).toEqual([record(2)]);
  });

  it('without a run, the logged runs stay and the rules are replaced', () => {
    const first = applyCells([], storeContents(undefined, evaluation, mapping, record(1), NOW));
    const grading = getPreset('grading');
    const second = applyCells(first, storeContents(first, grading, mapping, undefined, NOW));
    expect(storedRulesFromGrid(second)).toMatchObject({ rules: grading, runs: [record(1)] });
  });
});

/** A run record as its log row E:M reads: at, preset, hash, as-of, customers, tiers, by, without, analyses ('' without any). */
function logRow(i: number): (string | number)[] {
  const r = record(i);
  return [r.at, r.preset, r.rulesHash, r.asOf, r.customers, JSON.stringify(r.tiers), r.by, JSON.stringify(r.without), ''];
}

/** The sheet after an office-js writer writes `area` over `sheet` in one go (a null is written as '', which clears). */
function writeArea(sheet: readonly (readonly unknown[])[], area: StoreArea): unknown[][] {
  const rows = Array.from({ length: Math.max(sheet.length, area.rows) }, (_, r) => [...(sheet[r] ?? [])]);
  area.values.forEach((cells, r) =>
    cells.forEach((v, c) => {
      rows[r]![c] = v ?? '';
    }),
  );
  return rows;
}

/** What an office-js writer reads before writing: A1:B4 and the log rows E2:M(MAX_RUNS + 1), '' where empty. */
function officeRead(sheet: readonly (readonly unknown[])[]): PreviousStore {
  const at = (r: number, c: number) => sheet[r]?.[c] ?? '';
  return {
    meta: [0, 1, 2, 3].map((r) => [at(r, 0), at(r, 1)]),
    log: Array.from({ length: MAX_RUNS }, (_, i) => Array.from({ length: LOG_HEADERS.length }, (_, c) => at(i + 1, 4 + c))),
  };
}

describe('storeArea: the whole store, written in one go', () => {
  const json = JSON.stringify({ rules: evaluation, mapping });
  const none = (n: number) => new Array(n).fill(null);

  it('from nothing: A1:M4 holds the meta, the JSON, the log headers and the run', () => {
    const area = storeArea(undefined, evaluation, mapping, record(6), NOW);
    expect(area.range).toBe('A1:M4');
    expect(area.values).toEqual([
      [STORE_MARKER, 1, json, null, 'at', 'preset', 'rulesHash', 'asOf', 'customers', 'tiers', 'by', 'without', 'analyses'],
      ['savedAt', '2024-07-01T08:00:00.000Z', null, null, ...logRow(6)],
      ['chunks', 1, ...none(11)],
      ['runs', 1, ...none(11)],
    ]);
    expect(storedRulesFromGrid(writeArea([], area))).toMatchObject({ rules: evaluation, mapping, runs: [record(6)] });
  });

  it('appends the run after the runs already logged, as they were read', () => {
    const first = writeArea([], storeArea(undefined, evaluation, mapping, record(1), NOW));
    const area = storeArea(officeRead(first), evaluation, mapping, record(2), NOW);
    expect(area.range).toBe('A1:M4');
    expect(area.values.map((r) => r.slice(4))).toEqual([[...LOG_HEADERS], logRow(1), logRow(2), none(9)]);
    expect(area.values[3]!.slice(0, 2)).toEqual(['runs', 2]);
    expect(storedRulesFromGrid(writeArea(first, area)).runs).toEqual([record(1), record(2)]);
  });

  it(`with ${MAX_RUNS} runs logged, drops the oldest: runs 1 to ${MAX_RUNS} on rows 2 to ${MAX_RUNS + 1}`, () => {
    const full: PreviousStore = {
      meta: [
        [STORE_MARKER, 1],
        ['savedAt', '2024-06-01T00:00:00.000Z'],
        ['chunks', 1],
        ['runs', MAX_RUNS],
      ],
      log: Array.from({ length: MAX_RUNS }, (_, i) => logRow(i)),
    };
    const area = storeArea(full, evaluation, mapping, record(MAX_RUNS), NOW);
    expect(area.range).toBe(`A1:M${MAX_RUNS + 1}`);
    expect(area.values[1]!.slice(4)).toEqual(logRow(1));
    expect(area.values[MAX_RUNS - 1]!.slice(4)).toEqual(logRow(MAX_RUNS - 1));
    expect(area.values[MAX_RUNS]!.slice(4)).toEqual(logRow(MAX_RUNS));
    expect(area.values[3]!.slice(0, 2)).toEqual(['runs', MAX_RUNS]);
  });

  it('fewer chunks than before: the old chunks (C2:C5) and the rows only they used are cleared', () => {
    const before: PreviousStore = {
      meta: [
        [STORE_MARKER, 1],
        ['savedAt', '2024-06-01T00:00:00.000Z'],
        ['chunks', 5],
        ['runs', 1],
      ],
      log: [logRow(1)],
    };
    const area = storeArea(before, evaluation, mapping, undefined, NOW);
    expect(area.range).toBe('A1:M5');
    expect(area.values.map((r) => r[2])).toEqual([json, null, null, null, null]);
    expect(area.values[4]).toEqual(none(13));
    expect(area.values[1]!.slice(4)).toEqual(logRow(1));
    expect(area.values[2]![1]).toBe(1);
  });

  it('a damaged store starts a fresh log, and the rows it announced are cleared', () => {
    const damaged: PreviousStore = {
      meta: [
        ['not-our-marker', 1],
        ['savedAt', 'x'],
        ['chunks', 2],
        ['runs', 4],
      ],
      log: [],
    };
    const area = storeArea(damaged, evaluation, mapping, record(3), NOW);
    expect(area.range).toBe('A1:M5');
    expect(area.values.map((r) => r.slice(4))).toEqual([[...LOG_HEADERS], logRow(3), none(9), none(9), none(9)]);
    expect(area.values[3]!.slice(0, 2)).toEqual(['runs', 1]);
  });

  it("a log read wider than the store (E2:M501 with the meta) uses the runs the meta announces; the area stays the store's size", () => {
    const first = writeArea([], storeArea(undefined, evaluation, mapping, record(1), NOW));
    const read = officeRead(first);
    expect(read.log).toHaveLength(MAX_RUNS);
    expect(storeArea(read, evaluation, mapping, record(2), NOW).range).toBe('A1:M4');
  });
});

describe('run logs written before `by` and `without` existed', () => {
  it('read with by = "" and without = [] (six log columns, no K or L)', () => {
    const chunks = storedChunks(evaluation, mapping);
    const rows: unknown[][] = [
      [STORE_MARKER, 1, chunks[0], null, 'at', 'preset', 'rulesHash', 'asOf', 'customers', 'tiers'],
      ['savedAt', NOW.toISOString(), null, null, record(1).at, 'evaluation', 'ab'.repeat(32), '2024-06-30', 1, '{"strategic":1}'],
      ['chunks', 1],
      ['runs', 1],
    ];
    expect(storedRulesFromGrid(rows).runs).toEqual([{ ...record(1), by: '', without: [] }]);
  });
});

describe('damaged stored rules are said in both languages, never in JSON.parse’s or zod’s English', () => {
  /** The zh-CN and en-US sentences for stored JSON split into these chunks (C1, C2 …). */
  function sentences(chunks: string[]): { zh: string; en: string } {
    const meta = [
      [STORE_MARKER, 1],
      ['savedAt', '2024-07-01T08:00:00.000Z'],
      ['chunks', chunks.length],
      ['runs', 0],
    ];
    try {
      parseStoredRules(meta, chunks, []);
    } catch (e) {
      if (!isScoringError(e)) throw e;
      return { zh: describeProblem(e.problem, 'zh-CN'), en: describeProblem(e.problem, 'en-US') };
    }
    throw new Error('the stored rules were accepted');
  }
  const zh = (detail: string) => `工作簿中保存的评分规则已损坏（${detail}），已改用所选方案；可以重新保存规则来修复。`;
  const en = (detail: string) =>
    `The scoring rules stored in this workbook are damaged (${detail}); the chosen preset is used instead, and saving the rules again repairs them.`;
  const LIBRARY_ENGLISH = /Unexpected|Unknown|option|JSON at position|argument|Invalid|expected|received|Expected/;

  it('JSON that breaks at the start of C2: the cell and the character', () => {
    const said = sentences(['{"rules": {"id": "evaluation", ', 'broken}}']);
    expect(said).toEqual({ zh: zh('C2 中的内容在第 1 个字符附近无法读取'), en: en('what C2 holds cannot be read near character 1') });
    expect(said.zh).not.toMatch(LIBRARY_ENGLISH);
  });

  it('JSON that breaks after Chinese text in C1: characters counted as people count them', () => {
    expect(sentences(['{"rules": {"label": "客户", x}}']).zh).toBe(zh('C1 中的内容在第 27 个字符附近无法读取'));
  });

  it('JSON cut short, and none at all', () => {
    expect(sentences(['{"rules": {"id": "evaluation"'])).toEqual({ zh: zh('C1 中的内容不完整'), en: en('what C1 holds is cut short') });
    expect(sentences([''])).toEqual({ zh: zh('C1 为空'), en: en('C1 is empty') });
  });

  it('rules with cut-offs that do not descend, and a weight stored as text: the field, in each language', () => {
    const descending = structuredClone(evaluation) as unknown as { tiers: { min?: number }[] };
    descending.tiers[1]!.min = 95;
    expect(sentences([JSON.stringify({ rules: descending, mapping: {} })])).toEqual({
      zh: zh('字段 rules.tiers[1].min 分数线必须从高到低排列'),
      en: en('field rules.tiers[1].min cut-offs must descend'),
    });
    const text = structuredClone(evaluation) as unknown as { indicators: { weight: unknown }[] };
    text.indicators[2]!.weight = '15%';
    const said = sentences([JSON.stringify({ rules: text, mapping: {} })]);
    expect(said).toEqual({
      zh: zh('字段 rules.indicators[2].weight 类型不对，应为数值'),
      en: en('field rules.indicators[2].weight has the wrong type: it should be a number'),
    });
    expect(said.zh).not.toMatch(LIBRARY_ENGLISH);
  });

  it('a mapping whose column is not a header text: the field', () => {
    const said = sentences([JSON.stringify({ rules: evaluation, mapping: { indicators: { tenure: 5 } } })]);
    expect(said).toEqual({ zh: zh('字段 mapping.indicators.tenure 不符合要求'), en: en('field mapping.indicators.tenure is not valid') });
    expect(said.zh).not.toMatch(LIBRARY_ENGLISH);
  });
});

describe('the other analyses in the store: their rules, the primary, and each run’s figures', () => {
  const shop = RfmRulesSchema.parse({ ...getRfmPreset(), weights: { recency: 1, frequency: 2, monetary: 1 } });
  const analyses = { primary: 'rfm' as const, rfm: shop, service: getServicePreset() };
  const withFigures: RunRecord = {
    ...record(4),
    preset: 'rfm',
    tiers: { 'at-risk': 2, 'high-value': 1, potential: 1, 'low-value': 1 },
    analyses: {
      rfm: { customers: 5, segments: { 'at-risk': 2, 'high-value': 1, potential: 1, 'low-value': 1 } },
      service: { customers: 3, answers: 5, nps: 20 },
    },
  };

  it('are stored beside the weighted rules and read back as written, the figures in the log’s ninth column (M)', () => {
    const grid = applyCells(
      [],
      storeContents(undefined, evaluation, { ...mapping, service: { sheet: '服务评价', range: 'A2:H7' }, transactions: null }, withFigures, NOW, analyses),
    );
    const stored = storedRulesFromGrid(grid);
    expect(stored.analyses).toEqual(analyses);
    expect(stored.mapping.service).toEqual({ sheet: '服务评价', range: 'A2:H7' });
    expect(stored.runs).toEqual([withFigures]);
    expect(JSON.parse(String(grid[1]![12]))).toEqual(withFigures.analyses);
  });

  it('a store from before them reads with no analyses, and its eight-column log with no figures', () => {
    const rows: unknown[][] = [
      [STORE_MARKER, 1, storedChunks(evaluation, mapping)[0], null, ...LOG_HEADERS.slice(0, 8)],
      ['savedAt', NOW.toISOString(), null, null, ...logRow(2).slice(0, 8)],
      ['chunks', 1],
      ['runs', 1],
    ];
    const stored = storedRulesFromGrid(rows);
    expect(stored.analyses).toBeUndefined();
    expect(stored.runs).toEqual([record(2)]);
    expect(stored.runs[0]!.analyses).toBeUndefined();
  });

  it('stored RFM rules that are not valid are refused like the weighted rules, naming the field', () => {
    const meta = [
      [STORE_MARKER, 1],
      ['savedAt', NOW.toISOString()],
      ['chunks', 1],
      ['runs', 0],
    ];
    const bad = { ...shop, weights: { recency: 0, frequency: 0, monetary: 0 } };
    let said = '';
    try {
      parseStoredRules(meta, [JSON.stringify({ rules: evaluation, mapping, analyses: { rfm: bad } })], []);
    } catch (e) {
      if (isScoringError(e)) said = describeProblem(e.problem, 'zh-CN');
    }
    expect(said).toBe('工作簿中保存的评分规则已损坏（字段 analyses.rfm.weights 至少一个字母的权重要大于 0），已改用所选方案；可以重新保存规则来修复。');
  });
});
