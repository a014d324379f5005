/** The one sentence a user sees for each problem they can cause, in zh-CN and en-US. */
import type { Problem } from '../engine/errors';
import { FILE_REASONS, OPTION_PROBLEMS, type OptionProblem } from './cli';
import { fill, pick, type Bilingual } from './scoring';
import type { Language } from './strings';

const PROBLEMS: Record<Problem['code'], Bilingual> = {
  'not-xlsx': {
    zh: '「{file}」不是可以读取的 Excel 工作簿（.xlsx），请选择 .xlsx 文件。',
    en: '“{file}” is not an Excel workbook (.xlsx) that can be read; choose an .xlsx file.',
  },
  'file-unreadable': { zh: '无法读取文件「{file}」：{reason}。', en: 'Cannot read the file “{file}”: {reason}.' },
  'no-table': {
    zh: '工作簿中没有找到客户评估表：需要一行表头，包含「客户名称」（或「客户编号」）和「{preset}」方案的指标列。',
    en: 'No customer evaluation table was found: it needs a header row with “Customer name” (or “Customer ID”) and the indicator columns of the “{preset}” rules.',
  },
  'no-customers': { zh: '评估表「{sheet}」中没有客户数据行。', en: 'The evaluation table on “{sheet}” has no customer rows.' },
  'missing-columns': {
    zh: '评估表「{sheet}」缺少必需的列：{indicatorsZh}；请添加这些列，或在规则中把它们设为可选。',
    en: 'The evaluation table on “{sheet}” lacks required columns: {indicatorsEn}; add them, or make them optional in the rules.',
  },
  'bad-rules': { zh: '规则文件「{file}」无效：字段 {path} {messageZh}。', en: 'The rules file “{file}” is not valid: field {path} {messageEn}.' },
  'rules-newer': {
    zh: '规则文件「{file}」来自更新的版本（{version}），请升级加载项后再用。',
    en: 'The rules file “{file}” comes from a newer version ({version}); update the add-in to use it.',
  },
  'bad-json': { zh: '规则文件「{file}」不是有效的 JSON：{detail}。', en: 'The rules file “{file}” is not valid JSON: {detail}.' },
  'bad-option': { zh: '命令参数有误：{detail}。', en: 'Wrong command option: {detail}.' },
  'columns-occupied': {
    zh: '无法写入：评估表右侧的 {cells} 已有内容；为避免覆盖您的数据，本次没有做任何修改。',
    en: 'Nothing was written: {cells} right of the evaluation table already hold data, and the add-in never overwrites them.',
  },
  'write-failed': { zh: '无法保存结果文件「{file}」：{reason}。', en: 'Cannot save the result file “{file}”: {reason}.' },
};

export function describeProblem(problem: Problem, lang: Language): string {
  const params = { ...problem.params };
  if (problem.code === 'bad-option') {
    const kind = OPTION_PROBLEMS[String(params.option) as OptionProblem] ?? OPTION_PROBLEMS.syntax;
    params.detail = fill(pick(kind, lang), params);
  }
  if ('reason' in params) {
    const reason = FILE_REASONS[String(params.reason)];
    if (reason) params.reason = pick(reason, lang);
  }
  return fill(pick(PROBLEMS[problem.code], lang), params);
}

