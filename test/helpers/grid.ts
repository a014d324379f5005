/** Builds in-memory sheets for engine tests: a grid of raw cells as a workbook reader returns them. */
import type { RawCell, SheetGrid } from '../../src/engine/types';
import { getPreset, type PresetId } from '../../src/presets';
import { scoreWorkbook, type ScoringRun } from '../../src/engine/run';
import { serialFromIso } from '../../src/engine/parse';
import type { RuleSet } from '../../src/engine/rules';

export function sheet(name: string, rows: RawCell[][], tables: SheetGrid['tables'] = []): SheetGrid {
  return { name, rows, tables };
}

export function serial(iso: string): number {
  const s = serialFromIso(iso);
  if (s === undefined) throw new Error(`bad date ${iso}`);
  return s;
}

export const AS_OF = '2024-06-30';

/** Scores a header row and data rows on one sheet with a preset (or rule set) as of 2024-06-30. */
export function scoreRows(rules: PresetId | RuleSet, header: string[], rows: RawCell[][], more: SheetGrid[] = []): ScoringRun {
  const ruleSet = typeof rules === 'string' ? getPreset(rules) : rules;
  return scoreWorkbook([sheet('客户评估', [header, ...rows]), ...more], { rules: ruleSet, asOf: serial(AS_OF) });
}

export const EVALUATION_HEADER = [
  '客户名称',
  '合作时长（年）',
  '所属行业(增长潜力)',
  '年均交易频次(次/年)',
  '回款及时率(%)',
  '满意度评分(1-5)',
  '投诉解决及时率',
  '复购率(近1年)',
  '新产品/服务尝试意愿',
  '客户信用等级',
  '合同履约率',
];

/** The seed-000 example row: the maximum on all ten indicators. */
export const SEED_000_ROW: RawCell[] = ['示例客户', '3年', '高增长', '15次', 98, 4.8, '95%', '85%', '主动尝试', 'AAA级', '100%'];

export const GRADING_HEADER = [
  '客户编号',
  '客户名称',
  '年交易金额（万元）',
  '合作时长',
  '行业增长率',
  '预算增长空间',
  '满意度评分(1-10)',
  '转介绍数',
  '投诉次数',
];

/** A grading customer at the top of every band: 80万, 3 years, 20 %, 25 %, 9.5, 3 referrals, no complaints. */
export function gradingRow(overrides: Partial<Record<(typeof GRADING_HEADER)[number], RawCell>> = {}): RawCell[] {
  const base: Record<string, RawCell> = {
    客户编号: 'C001',
    客户名称: '华东精密',
    '年交易金额（万元）': 80,
    合作时长: '3年',
    行业增长率: '20%',
    预算增长空间: '25%',
    '满意度评分(1-10)': 9.5,
    转介绍数: 3,
    投诉次数: 0,
  };
  return GRADING_HEADER.map((h) => (h in overrides ? overrides[h] : base[h]));
}
