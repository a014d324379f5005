/** The one sentence a user sees for each problem they can cause, in zh-CN and en-US. */
import type { MissingIndicator, Problem } from '../engine/errors';
import { FILE_REASONS, OPTION_PROBLEMS, SYSTEM_ERROR, WRITE_REASONS, type OptionProblem } from './reasons';
import { fill, pick, type Bilingual } from './scoring';
import type { Language } from './strings';

const PROBLEMS: Record<Problem['code'], Bilingual> = {
  'not-xlsx': {
    zh: '「{file}」不是可以读取的 Excel 工作簿（.xlsx），请选择 .xlsx 文件。',
    en: '“{file}” is not an Excel workbook (.xlsx) that can be read; choose an .xlsx file.',
  },
  'too-large': {
    zh: '「{file}」超出了本命令可处理的大小（{detail}），未作任何处理；请把客户表复制到一个较小的工作簿中再评分。',
    en: '“{file}” is larger than this command handles ({detail}), so nothing was done; copy the customer table into a smaller workbook and score that.',
  },
  encrypted: {
    zh: '「{file}」设有打开密码（已加密），无法读取；请在 Excel 中删除密码（文件 > 信息 > 保护工作簿 > 用密码进行加密，清空密码）并保存后再评分。',
    en: '“{file}” is password-protected (encrypted) and cannot be read; remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password, clear it), save, and score it again.',
  },
  'file-unreadable': { zh: '无法读取文件「{file}」：{reason}。', en: 'Cannot read the file “{file}”: {reason}.' },
  'no-table': {
    zh: '工作簿中没有找到客户评估表：需要一行表头，包含「客户名称」（或「客户编号」）和「{preset}」方案的指标列。',
    en: 'No customer evaluation table was found: it needs a header row with “Customer name” (or “Customer ID”) and the indicator columns of the “{preset}” rules.',
  },
  'no-customers': { zh: '评估表「{sheet}」中没有客户数据行。', en: 'The evaluation table on “{sheet}” has no customer rows.' },
  'no-service-table': {
    zh: '工作簿中没有找到服务水平评价表：需要一行表头，包含「客户名称」和服务评价维度的列（如 服务响应速度、问题解决能力、整体满意度、推荐意愿）。',
    en: 'No service survey was found: it needs a header row with “Customer name” and columns of the service dimensions (such as Responsiveness, Problem solving, Overall satisfaction, Likelihood to recommend).',
  },
  'no-rfm-data': {
    zh: '工作簿中没有可做 RFM 分层的数据：需要一张交易记录表（客户名称、交易日期、交易金额），或一张客户表同时有最近交易日期（或距今天数）、交易次数和交易金额三列。',
    en: 'The workbook has nothing to segment by RFM: it needs a transactions table (customer, transaction date, amount), or a customer table with all three of the last purchase date (or days since it), the number of purchases and the amount.',
  },
  'missing-columns': {
    zh: '评估表「{sheet}」缺少必需的列：{indicators}；请为它们选择列（--map 指标=列），或不计入不跟踪的指标（--without 指标），或在规则中把它们设为可选。',
    en: 'The evaluation table on “{sheet}” lacks required columns: {indicators}; choose their columns (--map indicator=column), score without the ones you do not track (--without indicator), or make them optional in the rules.',
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
  'headers-changed': {
    zh: '「{sheet}」的表头在读取后被修改过（{cell} 原为“{before}”，现为“{after}”），为避免写错列，本次没有做任何修改；请重新查找表格后再应用。',
    en: 'The headers on “{sheet}” changed after they were read ({cell} was “{before}”, now “{after}”), so nothing was written; find the tables again and re-apply.',
  },
  'table-changed': {
    zh: '表格「{name}」在读取后改变了范围（原为 {before}，现为 {after}），为避免写错行，本次没有做任何修改；请重新查找表格后再应用。',
    en: 'The table “{name}” changed size after it was read (was {before}, now {after}), so nothing was written; find the tables again and re-apply.',
  },
  'sheet-protected': {
    zh: '工作表「{sheet}」受保护，无法写入结果；请先撤消工作表保护，本次没有做任何修改。',
    en: 'The sheet “{sheet}” is protected, so the results cannot be written; unprotect it first. Nothing was changed.',
  },
  'stored-rules-damaged': {
    zh: '工作簿中保存的评分规则已损坏（{detail}），已改用所选方案；可以重新保存规则来修复。',
    en: 'The scoring rules stored in this workbook are damaged ({detail}); the chosen preset is used instead, and saving the rules again repairs them.',
  },
  'stored-rules-newer': {
    zh: '工作簿中保存的评分规则来自更新版本的加载项（格式 {version}），请升级加载项后再用。',
    en: 'The scoring rules stored in this workbook come from a newer version of the add-in (format {version}); update the add-in to use them.',
  },
  // Said through OFFICE_ERRORS below (by the error's code); this is the fallback for codes it does not know.
  'excel-failed': {
    zh: 'Excel 未能完成操作（错误代码 {code}）',
    en: 'Excel could not finish the operation (error code {code})',
  },
  'write-failed': { zh: '无法保存结果文件「{file}」：{reason}。', en: 'Cannot save the result file “{file}”: {reason}.' },
};

/**
 * Where a JSON text fails (params `fault`, `line`, `column` of src/engine/json-place.ts), as the
 * detail of the 'bad-json' sentence; `unknown` when no place was found.
 */
const JSON_FAULTS: Record<string, Bilingual> = {
  near: { zh: '第 {line} 行第 {column} 列附近有误', en: 'the error is near line {line}, column {column}' },
  end: {
    zh: '内容在第 {line} 行第 {column} 列处提前结束（可能缺少括号或引号）',
    en: 'it ends too early, at line {line}, column {column} (a bracket or quote may be missing)',
  },
  empty: { zh: '文件是空的', en: 'the file is empty' },
  unknown: { zh: '其内容无法解析', en: 'its content cannot be parsed' },
};

/**
 * What is damaged in the rules stored in a workbook (the 'stored-rules-damaged' problem's
 * `part`, with the cell, place or field it names). Without a `part`, `detail` is said as given.
 */
const STORE_DAMAGE: Record<string, Bilingual> = {
  cell: { zh: '{cell} = “{value}”', en: '{cell} = “{value}”' },
  'json-near': { zh: '{cell} 中的内容在第 {char} 个字符附近无法读取', en: 'what {cell} holds cannot be read near character {char}' },
  'json-end': { zh: '{cell} 中的内容不完整', en: 'what {cell} holds is cut short' },
  'json-empty': { zh: '{cell} 为空', en: '{cell} is empty' },
  rules: { zh: '字段 {path} {messageZh}', en: 'field {path} {messageEn}' },
  mapping: { zh: '字段 {path} 不符合要求', en: 'field {path} is not valid' },
};

/** 'bad-rules' when the file as a whole is wrong (path `(root)`: an array or a number where the rule set's object belongs). */
const BAD_RULES_ROOT: Bilingual = {
  zh: '规则文件「{file}」无效：整个内容{messageZh}。',
  en: 'The rules file “{file}” is not valid: its content {messageEn}.',
};

/** A required indicator whose best-named column was refused for its data, in the missing-columns sentence. */
const REFUSED_COLUMN: Bilingual = {
  zh: '{label}（{letter}列「{header}」的数据不符）',
  en: '{label} (column {letter} “{header}” holds data that does not fit)',
};

/** The indicators a 'missing-columns' problem lists, each by its label, with the column refused for its data: `行业增长率（C列「行业」的数据不符）、预算增长空间`. */
function missingIndicators(missing: readonly MissingIndicator[], lang: Language): string {
  return missing
    .map(({ label, refused }) => {
      const name = pick(label, lang);
      return refused ? fill(pick(REFUSED_COLUMN, lang), { label: name, ...refused }) : name;
    })
    .join(lang === 'zh-CN' ? '、' : ', ');
}

/** Which limit a workbook that is too large exceeded (`kind` of the 'too-large' problem). */
const LIMIT_KINDS: Record<string, Bilingual> = {
  'part-bytes': { zh: '其中一个部件解压后超过 {limit}', en: 'one of its parts unpacks to more than {limit}' },
  'package-bytes': { zh: '解压后总计超过 {limit}', en: 'it unpacks to more than {limit} in all' },
  cells: { zh: '单元格超过 {limit}个', en: 'it has more than {limit} cells' },
  'grid-cells': { zh: '一张工作表的区域超过 {limit}个单元格', en: 'a sheet spans more than {limit} cells' },
};

function formatLimit(kind: string, limit: number, lang: Language): string {
  if (kind.endsWith('bytes')) return `${Math.round(limit / 2 ** 20)} MB`;
  if (lang === 'zh-CN' && limit % 10_000 === 0) return `${limit / 10_000} 万`;
  return limit.toLocaleString('en-US');
}

/**
 * Office's errors (OfficeExtension.Error codes the add-in can meet), one clause each, in the
 * user's words: Excel's own English message never reaches a sentence.
 */
const OFFICE_ERRORS: Record<string, Bilingual> = {
  ItemNotFound: {
    zh: '找不到加载项正在使用的工作表或表格，它可能已被重命名或删除；请重新查找表格后再试',
    en: 'A sheet or table the add-in was using can no longer be found (it may have been renamed or deleted); find the tables again and retry',
  },
  InvalidArgument: {
    zh: 'Excel 拒绝了加载项的请求，可能是表格在操作期间发生了变化；请重新查找表格后再试',
    en: 'Excel refused the add-in’s request, perhaps because the table changed meanwhile; find the tables again and retry',
  },
  RequestPayloadSizeLimitExceeded: {
    zh: '一次传给 Excel 的数据超过了网页版 Excel 的 5 MB 上限；请缩小表格，或在桌面版 Excel 中运行',
    en: 'The data sent to Excel at once exceeded Excel on the web’s 5 MB limit; make the table smaller or run the add-in in desktop Excel',
  },
  ResponsePayloadSizeLimitExceeded: {
    zh: '一次从 Excel 读取的数据超过了网页版 Excel 的 5 MB 上限；请缩小表格，或在桌面版 Excel 中运行',
    en: 'The data read from Excel at once exceeded Excel on the web’s 5 MB limit; make the table smaller or run the add-in in desktop Excel',
  },
  GeneralException: {
    zh: 'Excel 内部出错；请稍后再试',
    en: 'Excel reported an internal error; try again in a moment',
  },
  NonBlankCellOffSheet: {
    zh: '无法在表格右侧插入新列：工作表最后一列中有内容（可能看似空白，实为空格或格式）；请删除表格右侧不需要的列后再试',
    en: 'New columns cannot be inserted right of the table because the sheet’s last column is not empty (it may look blank but hold spaces or formatting); delete the unneeded columns right of the table and retry',
  },
  RangeExceedsLimit: {
    zh: '涉及的单元格数量超过了 Excel 一次能处理的上限；请缩小表格后再试',
    en: 'More cells are involved than Excel can handle at once; make the table smaller and retry',
  },
  Conflict: {
    zh: '有其他人或其他程序同时在修改这张表格；请稍后再试',
    en: 'Someone or something else was changing the table at the same time; try again in a moment',
  },
  OperationCellsExceedLimit: {
    zh: '网页版 Excel 无法插入新列：此操作涉及的单元格超过 33,554,000 个，通常是因为表格右侧很远的列中有内容；请删除这些内容，或在桌面版 Excel 中运行',
    en: 'Excel on the web cannot insert the new columns: the operation would touch more than 33,554,000 cells, usually because something sits in columns far right of the table; delete it or run the add-in in desktop Excel',
  },
  InvalidOperationInCellEditMode: {
    zh: '您正在编辑单元格，Excel 暂时无法执行操作；请按 Enter 键或单击其他单元格结束编辑后再试',
    en: 'Excel cannot do this while you are editing a cell; press Enter or click another cell, then retry',
  },
  AccessDenied: {
    zh: 'Excel 拒绝了修改：工作表或工作簿受保护，或者您没有编辑权限',
    en: 'Excel refused the change: the sheet or workbook is protected, or you may not edit it',
  },
  ApiNotFound: {
    zh: '此版本的 Excel 不支持所需的功能；请更新 Excel 后再试',
    en: 'This version of Excel lacks a feature the add-in needs; update Excel and retry',
  },
  InsertDeleteConflict: {
    zh: '插入新列会与工作表上的其他表格或合并单元格冲突；请移开表格右侧的其他表格后再试',
    en: 'Inserting the new columns would clash with another table or merged cells on the sheet; move what lies right of the table and retry',
  },
};

/** What became of the workbook, by the step Excel failed in (none for reads, charts and selections). */
const OFFICE_OUTCOMES: Record<string, Bilingual> = {
  write: { zh: '没有写入任何结果，工作簿保持原样', en: 'nothing was written and the workbook is as it was' },
  'store-rules': { zh: '评分结果已写入，但评分规则未能保存到工作簿中', en: 'the results were written, but the rules could not be stored in the workbook' },
};

function describeOfficeError(params: Problem['params'], lang: Language): string {
  const cause = fill(pick(OFFICE_ERRORS[String(params.code)] ?? PROBLEMS['excel-failed'], lang), params);
  const outcome = OFFICE_OUTCOMES[String(params.step)];
  const zh = lang === 'zh-CN';
  return outcome ? `${cause}${zh ? '；' : '; '}${pick(outcome, lang)}${zh ? '。' : '.'}` : `${cause}${zh ? '。' : '.'}`;
}

export function describeProblem(problem: Problem, lang: Language): string {
  if (problem.code === 'excel-failed') return describeOfficeError(problem.params, lang);
  const params = { ...problem.params };
  if (problem.code === 'too-large') {
    const kind = String(params.kind);
    params.detail = fill(pick(LIMIT_KINDS[kind] ?? LIMIT_KINDS['package-bytes']!, lang), { limit: formatLimit(kind, Number(params.limit), lang) });
  }
  if (problem.code === 'bad-option') {
    const kind = OPTION_PROBLEMS[String(params.option) as OptionProblem] ?? OPTION_PROBLEMS.syntax;
    params.detail = fill(pick(kind, lang), params);
  }
  if (problem.code === 'bad-rules' && params.path === '(root)') return fill(pick(BAD_RULES_ROOT, lang), params);
  if (problem.code === 'bad-json') {
    params.detail = fill(pick(JSON_FAULTS[String(params.fault)] ?? JSON_FAULTS.unknown!, lang), params);
  }
  if (problem.code === 'stored-rules-damaged' && 'part' in params) {
    params.detail = fill(pick(STORE_DAMAGE[String(params.part)] ?? STORE_DAMAGE.cell!, lang), params);
  }
  if (problem.code === 'missing-columns') params.indicators = missingIndicators(problem.missing ?? [], lang);
  if ('reason' in params) params.reason = describeReason(params, lang);
  return fill(pick(PROBLEMS[problem.code], lang), params);
}

/**
 * The `reason` of 'file-unreadable' and 'write-failed': a system error code (FILE_REASONS), a
 * writer's failure (WRITE_REASONS, filled with the sheet, table and cells it names), or an
 * unlisted system code said as such; never a library's own message.
 */
function describeReason(params: Problem['params'], lang: Language): string {
  const reason = String(params.reason);
  const known = FILE_REASONS[reason] ?? WRITE_REASONS[reason];
  if (known) return fill(pick(known, lang), params);
  if (/^E[A-Z0-9_]+$/.test(reason)) return fill(pick(SYSTEM_ERROR, lang), { code: reason });
  return pick(FILE_REASONS.unknown!, lang);
}
