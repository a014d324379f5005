/**
 * The reasons inside the problem sentences that the score command and the pane share (src/i18n/problems.ts
 * builds them): the command's options, a file that could not be read or written, the writer's
 * refusals. Kept apart from src/i18n/cli.ts (the command's usage and summaries), which the pane
 * does not load.
 */
/**
 * What is wrong with the command's options, by kind; `{value}` is what the user typed (for the
 * command line's own faults, the option as typed: `--as-of`, `-x`).
 */
export const OPTION_PROBLEMS = {
  // The command line could not be read, for a reason node:util's parseArgs gave no code for.
  syntax: { zh: '无法读取命令行（用法见 --help）', en: 'the command line could not be read (see --help)' },
  'unknown-option': { zh: '没有“{value}”这个选项（可用的选项见 --help）', en: 'there is no option “{value}” (see --help for the options)' },
  'option-needs-value': {
    zh: '{value} 后面缺少取值（取值以“-”开头时请写成 {value}=取值）',
    en: '{value} needs a value after it (write {value}=value when the value starts with “-”)',
  },
  'option-takes-no-value': { zh: '{value} 不接受取值（只写 {value} 即可）', en: '{value} takes no value (write just {value})' },
  'unexpected-argument': { zh: '多余的参数“{value}”', en: 'unexpected argument “{value}”' },
  lang: { zh: '--lang 只能是 zh-CN 或 en-US', en: '--lang must be zh-CN or en-US' },
  workbook: { zh: '需要且只能给出一个工作簿文件', en: 'give exactly one workbook file' },
  preset: { zh: '--preset 只能是 {value}', en: '--preset must be one of {value}' },
  'preset-and-rules': { zh: '--preset 和 --rules 只能选一个', en: 'use either --preset or --rules, not both' },
  'as-of': { zh: '--as-of 应为 YYYY-MM-DD 格式的日期，而不是“{value}”', en: '--as-of must be a date as YYYY-MM-DD, not “{value}”' },
  'out-is-input': { zh: '--out 不能与输入文件相同（原文件不会被修改）', en: '--out must not be the input file (it is never modified)' },
  'map-syntax': { zh: '--map 应写成“指标=列”，而不是“{value}”', en: '--map must be written “indicator=column”, not “{value}”' },
  'map-indicator': {
    zh: '--map 中的“{value}”不是「{rulesZh}」的指标（可用：{knownZh}）',
    en: '--map names “{value}”, which is not an indicator of “{rulesEn}” (use one of {knownEn})',
  },
  'without-indicator': {
    zh: '--without 中的“{value}”不是「{rulesZh}」的指标（可用：{knownZh}）',
    en: '--without names “{value}”, which is not an indicator of “{rulesEn}” (use one of {knownEn})',
  },
  'map-column': {
    zh: '--map 中的列“{value}”不在评估表「{sheet}」的 {range} 中（请写列字母或表头）',
    en: '--map names the column “{value}”, which is not in the evaluation table on “{sheet}” ({range}); give its letter or its header',
  },
  'map-needs-scoring': {
    zh: '--map 和 --without 只用于评分方案（evaluation、grading、maintenance 或 --rules），不能与 --preset service 或 --preset rfm 同用',
    en: '--map and --without belong to the scoring rules (evaluation, grading, maintenance or --rules), not to --preset service or --preset rfm',
  },
  'period-from': { zh: '--period-from 应为 YYYY-MM-DD 格式的日期，而不是“{value}”', en: '--period-from must be a date as YYYY-MM-DD, not “{value}”' },
  'period-to': { zh: '--period-to 应为 YYYY-MM-DD 格式的日期，而不是“{value}”', en: '--period-to must be a date as YYYY-MM-DD, not “{value}”' },
  'period-months': {
    zh: '--period-months 应为 1 到 120 之间的整数，而不是“{value}”',
    en: '--period-months must be a whole number from 1 to 120, not “{value}”',
  },
  'period-order': { zh: '统计期间的开始日期 {from} 晚于结束日期 {to}', en: 'the period starts on {from}, after it ends on {to}' },
  'group-by': {
    zh: '--group-by 中的“{value}”不是服务评价表或客户表的列（可用于分组的列：{knownZh}）',
    en: '--group-by names “{value}”, which is no column of the service survey or the customer table (columns to group by: {knownEn})',
  },
  'group-by-nothing': {
    zh: '--group-by 中的“{value}”不是服务评价表或客户表的列，这两张表中也没有可用于分组的列',
    en: '--group-by names “{value}”, which is no column of the service survey or the customer table, and neither has a column to group by',
  },
  'group-by-no-service': {
    zh: '--group-by 按“{value}”分组比较服务评价，但工作簿中没有服务评价表',
    en: '--group-by compares the service survey by “{value}”, but the workbook has no service survey',
  },
  'group-by-groups': {
    zh: '“{value}”列有 {groups} 个不同的值，分组图最多显示 {max} 组',
    en: 'the column “{value}” has {groups} different values; the group chart shows at most {max} groups',
  },
  'map-and-without': {
    zh: '指标「{valueZh}」不能同时用 --map 指定列又用 --without 不计入',
    en: 'the indicator “{valueEn}” cannot be both given a column with --map and scored without with --without',
  },
} as const;
export type OptionProblem = keyof typeof OPTION_PROBLEMS;

/**
 * Why a file could not be read or written, from the system's error code (Node's errno codes,
 * the browser's FileReader DOMException names); `unknown` when there was no code. A code not
 * listed here is said through SYSTEM_ERROR.
 */
export const FILE_REASONS: Record<string, { zh: string; en: string }> = {
  ENOENT: { zh: '文件或文件夹不存在', en: 'no such file' },
  NotFoundError: { zh: '文件或文件夹不存在', en: 'no such file' },
  EISDIR: { zh: '这是一个文件夹', en: 'it is a folder' },
  ENOTDIR: { zh: '路径中的某一级不是文件夹', en: 'part of the path is not a folder' },
  EACCES: { zh: '没有权限', en: 'permission denied' },
  EPERM: { zh: '没有权限', en: 'permission denied' },
  SecurityError: { zh: '没有权限', en: 'permission denied' },
  EROFS: { zh: '该位置只读', en: 'the location is read-only' },
  EBUSY: { zh: '文件正被其他程序使用（例如在 Excel 中打开着）', en: 'the file is in use by another program (open in Excel, perhaps)' },
  ENOSPC: { zh: '磁盘空间不足', en: 'the disk is full' },
  ENAMETOOLONG: { zh: '文件名或路径太长', en: 'the file name or path is too long' },
  EMFILE: { zh: '同时打开的文件太多', en: 'too many files are open' },
  NotReadableError: {
    zh: '文件无法读取（可能已被移动、删除或正被其他程序使用）',
    en: 'the file cannot be read (it may have been moved, deleted or be in use)',
  },
  unknown: { zh: '系统未说明原因', en: 'the system gave no reason' },
};

/** A system error code FILE_REASONS does not list: the code is the one detail worth giving. */
export const SYSTEM_ERROR = { zh: '系统错误（代码 {code}）', en: 'system error (code {code})' } as const;

/**
 * Why the .xlsx writer could not produce the scored workbook (XlsxError's `failure` in
 * src/xlsx/errors.ts), with the sheet, table and cells it names.
 */
export const WRITE_REASONS: Record<string, { zh: string; en: string }> = {
  generate: { zh: '无法生成工作簿', en: 'the workbook could not be generated' },
  'invalid-write': {
    zh: '要写入的内容无效（这是本程序的缺陷，请告诉开发人员）',
    en: 'the cells to write were not valid (a bug in this program: please report it)',
  },
  'no-sheet': { zh: '工作簿中没有工作表「{sheet}」', en: 'the workbook has no sheet “{sheet}”' },
  'chart-sheet': { zh: '「{sheet}」是图表工作表，不能写入单元格', en: '“{sheet}” is a chart sheet, which holds no cells' },
  'no-table': { zh: '工作表「{sheet}」中没有名为「{table}」的表格', en: 'the sheet “{sheet}” has no table named “{table}”' },
  'table-moved': {
    zh: '表格「{table}」只能从其表头 {cell} 起扩大或缩小，不能移到 {range}',
    en: 'the table “{table}” can only grow or shrink from its header at {cell}, not move to {range}',
  },
  'table-no-data': { zh: '表格「{table}」将没有数据行', en: 'the table “{table}” would have no data row' },
  'table-no-header': {
    zh: '表格「{table}」没有标题行，无法自动调整其范围',
    en: 'the table “{table}” has no header row, so it cannot be resized automatically',
  },
  'table-empty-header': { zh: '表格「{table}」的标题单元格 {cell} 为空', en: 'the header cell {cell} of the table “{table}” is empty' },
  'table-duplicate-header': {
    zh: '表格「{table}」的标题 {cell} 和 {other} 都是“{header}”',
    en: 'the headers {cell} and {other} of the table “{table}” are both “{header}”',
  },
  'table-totals': {
    zh: '表格「{table}」带有汇总行，只能在其右侧添加列，不能增减行（目标范围 {range}）',
    en: 'the table “{table}” has a totals row: columns can be added to it, but not rows (asked for {range})',
  },
};
