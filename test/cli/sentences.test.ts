/**
 * #8 item 4: no English text from a library inside a Chinese sentence. What node:util's
 * parseArgs, JSON.parse, the .xlsx writer, the file system and an unforeseen exception say is
 * English; the `score` command (and the panel's rules import, and the playground) say it in
 * the user's language instead: the option named, the line and column of a JSON fault, the
 * writer's reason, the system's reason, and an unknown exception's detail on a line of its own.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { main, parseArgsProblem } from '../../src/cli';
import { unexpectedError } from '../../src/i18n/cli';
import { describeProblem } from '../../src/i18n/problems';
import { describeFailure, HttpFailure } from '../../src/playground/failure';
import { getPreset } from '../../src/presets';
import { readRulesFile } from '../../src/taskpane/RulesSection';
import { writeProblem, XlsxError } from '../../src/xlsx/errors';
import { readWorkbook } from '../../src/xlsx/read';
import { writeWorkbook, type SheetWrite } from '../../src/xlsx/write';
import { buildWorkbook, writeFixture } from '../fixtures/build';
import { evaluationWorkbook, gradingWorkbook } from '../fixtures/workbooks';

jest.setTimeout(60_000);

/** Words of the libraries' own English messages that must never reach a Chinese sentence. */
const LIBRARY_ENGLISH = /Unexpected|Unknown|option|JSON at position|argument|Invalid|expected|received|Error|errno|excelize/;

const dir = mkdtempSync(join(os.tmpdir(), 'scoring-sentences-'));

async function stderrOf(...args: string[]): Promise<string> {
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  try {
    expect(await main(args, {})).toBe(1);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return stderr.trim();
}

describe('a command line parseArgs refuses: the option named, in the user’s language', () => {
  it.each([
    [
      ['book.xlsx', '--foo'],
      '命令参数有误：没有“--foo”这个选项（可用的选项见 --help）。',
      'Wrong command option: there is no option “--foo” (see --help for the options).',
    ],
    [
      ['book.xlsx', '-x'],
      '命令参数有误：没有“-x”这个选项（可用的选项见 --help）。',
      'Wrong command option: there is no option “-x” (see --help for the options).',
    ],
    [
      ['book.xlsx', '--as-of'],
      '命令参数有误：--as-of 后面缺少取值（取值以“-”开头时请写成 --as-of=取值）。',
      'Wrong command option: --as-of needs a value after it (write --as-of=value when the value starts with “-”).',
    ],
    [
      ['book.xlsx', '--preset', '--breakdown'],
      '命令参数有误：--preset 后面缺少取值（取值以“-”开头时请写成 --preset=取值）。',
      'Wrong command option: --preset needs a value after it (write --preset=value when the value starts with “-”).',
    ],
    [
      ['book.xlsx', '--breakdown=yes'],
      '命令参数有误：--breakdown 不接受取值（只写 --breakdown 即可）。',
      'Wrong command option: --breakdown takes no value (write just --breakdown).',
    ],
  ])('%j', async (args, zh, en) => {
    const chinese = await stderrOf(...args, '--lang', 'zh-CN');
    expect(chinese).toBe(zh);
    expect(chinese).not.toMatch(LIBRARY_ENGLISH);
    // --lang comes after the fault here, so the language is read before parseArgs refuses.
    expect(await stderrOf(...args, '--lang', 'en-US')).toBe(en);
  });

  it('an argument where none is taken, and a refusal with no code: the argument, or a sentence that the command line could not be read', () => {
    let refusal: unknown;
    try {
      parseArgs({ args: ['多余'], options: {} });
    } catch (e) {
      refusal = e;
    }
    expect((refusal as { code?: string }).code).toBe('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL');
    const extra = parseArgsProblem(refusal, ['多余']).problem;
    expect(describeProblem(extra, 'zh-CN')).toBe('命令参数有误：多余的参数“多余”。');
    expect(describeProblem(extra, 'en-US')).toBe('Wrong command option: unexpected argument “多余”.');

    const unknown = parseArgsProblem(new TypeError('Something else went wrong'), ['book.xlsx']).problem;
    expect(describeProblem(unknown, 'zh-CN')).toBe('命令参数有误：无法读取命令行（用法见 --help）。');
    expect(describeProblem(unknown, 'en-US')).toBe('Wrong command option: the command line could not be read (see --help).');
  });

  it('an unknown option whose message quotes nothing is found in the arguments', () => {
    const problem = parseArgsProblem({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION', message: 'unreadable' }, [
      'book.xlsx',
      '--as-of',
      '2024-06-30',
      '--mapp',
      'a=B',
    ]).problem;
    expect(describeProblem(problem, 'zh-CN')).toBe('命令参数有误：没有“--mapp”这个选项（可用的选项见 --help）。');
  });
});

describe('a rules file that is not JSON: the line and column, never JSON.parse’s message', () => {
  let book: string;
  beforeAll(async () => {
    book = await writeFixture(gradingWorkbook, 'sentences-grading.xlsx');
  });

  const rulesFile = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('a bare key on line 3: near line 3, column 3', async () => {
    const file = rulesFile('bare-key.json', '{\n  "id": "grading",\n  tiers: []\n}\n');
    const zh = await stderrOf(book, '--rules', file, '--lang', 'zh-CN');
    expect(zh).toBe(`规则文件「${file}」不是有效的 JSON：第 3 行第 3 列附近有误。`);
    expect(zh).not.toMatch(LIBRARY_ENGLISH);
    expect(await stderrOf(book, '--rules', file, '--lang', 'en-US')).toBe(`The rules file “${file}” is not valid JSON: the error is near line 3, column 3.`);
  });

  it('a file cut short: where it ends', async () => {
    const file = rulesFile('cut.json', '{ "id": "grading", ');
    const zh = await stderrOf(book, '--rules', file, '--lang', 'zh-CN');
    expect(zh).toBe(`规则文件「${file}」不是有效的 JSON：内容在第 1 行第 20 列处提前结束（可能缺少括号或引号）。`);
    expect(zh).not.toMatch(LIBRARY_ENGLISH);
    expect(await stderrOf(book, '--rules', file, '--lang', 'en-US')).toBe(
      `The rules file “${file}” is not valid JSON: it ends too early, at line 1, column 20 (a bracket or quote may be missing).`,
    );
  });

  it('an empty file, and a trailing comma after Chinese text (columns count characters)', async () => {
    const empty = rulesFile('empty.json', '\n');
    expect(await stderrOf(book, '--rules', empty, '--lang', 'zh-CN')).toBe(`规则文件「${empty}」不是有效的 JSON：文件是空的。`);
    const comma = rulesFile('comma.json', '{"label": "客户分级",}');
    expect(await stderrOf(book, '--rules', comma, '--lang', 'zh-CN')).toBe(`规则文件「${comma}」不是有效的 JSON：第 1 行第 18 列附近有误。`);
  });

  it('a file that is a list, not a rule set: said in Chinese (no “(root)”, no zod type name)', async () => {
    const file = rulesFile('list.json', '[]');
    const zh = await stderrOf(book, '--rules', file, '--lang', 'zh-CN');
    expect(zh).toBe(`规则文件「${file}」无效：整个内容类型不对，应为对象 {…}。`);
    expect(await stderrOf(book, '--rules', file, '--lang', 'en-US')).toBe(
      `The rules file “${file}” is not valid: its content has the wrong type: it should be an object {…}.`,
    );
  });

  it('a weight written as text: the type named in Chinese', async () => {
    const rules = structuredClone(getPreset('grading')) as unknown as { indicators: { weight: unknown }[] };
    rules.indicators[2]!.weight = '15%';
    const file = rulesFile('text-weight.json', JSON.stringify(rules));
    const zh = await stderrOf(book, '--rules', file, '--lang', 'zh-CN');
    expect(zh).toBe(`规则文件「${file}」无效：字段 indicators[2].weight 类型不对，应为数值。`);
    expect(await stderrOf(book, '--rules', file, '--lang', 'en-US')).toBe(
      `The rules file “${file}” is not valid: field indicators[2].weight has the wrong type: it should be a number.`,
    );
  });

  it('the panel’s import says the same', () => {
    const read = readRulesFile('{\n  "id": "grading",\n  tiers: []\n}\n', 'bad.json', 'zh-CN');
    expect(read).toEqual({ ok: false, sentence: '规则文件「bad.json」不是有效的 JSON：第 3 行第 3 列附近有误。' });
  });
});

describe('a result file that cannot be saved: the reason in the user’s language', () => {
  it('a folder in the path that is a file (ENOTDIR): the system’s reason, not its code', async () => {
    const book = await writeFixture(gradingWorkbook, 'sentences-out.xlsx');
    const notADir = join(dir, 'plain-file');
    writeFileSync(notADir, 'x');
    const out = join(notADir, 'scored.xlsx');
    const zh = await stderrOf(book, '--out', out, '--as-of', '2024-06-30', '--lang', 'zh-CN');
    expect(zh).toBe(`无法保存结果文件「${out}」：路径中的某一级不是文件夹。`);
    expect(await stderrOf(book, '--out', out, '--as-of', '2024-06-30', '--lang', 'en-US')).toBe(
      `Cannot save the result file “${out}”: part of the path is not a folder.`,
    );
  });

  it('an error code the product does not list is named as a system error, and one without a code says so', () => {
    expect(describeProblem({ code: 'write-failed', params: { file: 'a.xlsx', reason: 'EXDEV' } }, 'zh-CN')).toBe(
      '无法保存结果文件「a.xlsx」：系统错误（代码 EXDEV）。',
    );
    expect(describeProblem({ code: 'write-failed', params: { file: 'a.xlsx', reason: 'unknown' } }, 'zh-CN')).toBe(
      '无法保存结果文件「a.xlsx」：系统未说明原因。',
    );
    // The panel's FileReader failure names its DOMException.
    expect(describeProblem({ code: 'file-unreadable', params: { file: 'r.json', reason: 'NotReadableError' } }, 'zh-CN')).toBe(
      '无法读取文件「r.json」：文件无法读取（可能已被移动、删除或正被其他程序使用）。',
    );
  });

  describe('what the .xlsx writer refuses, said from its reason and what it names', () => {
    let original: Uint8Array;
    beforeAll(async () => {
      original = await buildWorkbook(evaluationWorkbook);
    });

    async function refusal(writes: SheetWrite[]): Promise<XlsxError> {
      try {
        await writeWorkbook(original, writes);
      } catch (e) {
        if (e instanceof XlsxError) return e;
        throw e;
      }
      throw new Error('the writer accepted the write');
    }

    const score = { col: 13, headerRow: 2, header: '综合得分', values: [{ row: 3, value: 90 }] };

    it.each([
      [
        'a sheet that is not there',
        [{ sheet: '客户', columns: [score] }],
        '无法保存结果文件「out.xlsx」：工作簿中没有工作表「客户」。',
        'Cannot save the result file “out.xlsx”: the workbook has no sheet “客户”.',
      ],
      [
        'a table that is not there',
        [{ sheet: '客户评估', columns: [score], table: { name: '评估', range: 'A3:N9' } }],
        '无法保存结果文件「out.xlsx」：工作表「客户评估」中没有名为「评估」的表格。',
        'Cannot save the result file “out.xlsx”: the sheet “客户评估” has no table named “评估”.',
      ],
      [
        'a table moved from its header',
        [{ sheet: '客户评估', columns: [score], table: { name: '客户评估表', range: 'B3:N9' } }],
        '无法保存结果文件「out.xlsx」：表格「客户评估表」只能从其表头 A3 起扩大或缩小，不能移到 B3:N9。',
        'Cannot save the result file “out.xlsx”: the table “客户评估表” can only grow or shrink from its header at A3, not move to B3:N9.',
      ],
      [
        'a number Excel cannot store (a bug of the caller)',
        [{ sheet: '客户评估', columns: [{ ...score, values: [{ row: 3, value: Number.NaN }] }] }],
        '无法保存结果文件「out.xlsx」：要写入的内容无效（这是本程序的缺陷，请告诉开发人员）。',
        'Cannot save the result file “out.xlsx”: the cells to write were not valid (a bug in this program: please report it).',
      ],
    ])('%s', async (_, writes, zh, en) => {
      const problem = writeProblem(await refusal(writes), 'out.xlsx').problem;
      expect(describeProblem(problem, 'zh-CN')).toBe(zh);
      expect(describeProblem(problem, 'zh-CN')).not.toMatch(LIBRARY_ENGLISH);
      expect(describeProblem(problem, 'en-US')).toBe(en);
    });

    it('a writer error without a reason (excelize failed): the workbook could not be generated', () => {
      const problem = writeProblem(new XlsxError('write-failed', 'The workbook could not be saved: zip: not a valid zip file'), 'out.xlsx').problem;
      expect(describeProblem(problem, 'zh-CN')).toBe('无法保存结果文件「out.xlsx」：无法生成工作簿。');
      expect(describeProblem(problem, 'en-US')).toBe('Cannot save the result file “out.xlsx”: the workbook could not be generated.');
    });
  });
});

describe('an unexpected exception: the sentence in the user’s language, the detail on a line of its own', () => {
  it('zh-CN and en-US', () => {
    const [zhSentence, zhDetail, ...zhRest] = unexpectedError('TypeError: Cannot read properties of undefined', 'zh-CN').split('\n');
    expect(zhSentence).toBe('出现了意外错误，命令未能完成；请把下面的详情告诉开发人员。');
    expect(zhSentence).not.toMatch(/[A-Za-z]/);
    expect(zhDetail).toBe('详情：TypeError: Cannot read properties of undefined');
    expect(zhRest).toEqual([]);
    expect(unexpectedError('TypeError: Cannot read properties of undefined', 'en-US')).toBe(
      'Something unexpected went wrong and the command did not finish; please pass the details below on to the developers.\nDetails: TypeError: Cannot read properties of undefined',
    );
  });
});

describe('the playground: a workbook it cannot load or save', () => {
  it('a file that is not a workbook gets the add-in’s sentence; a failed download its status; anything else the sentence and, apart, the detail', async () => {
    let refused: unknown;
    await readWorkbook(new TextEncoder().encode('客户名称,得分\n甲,90\n')).catch((e: unknown) => {
      refused = e;
    });
    expect(describeFailure(refused, 'load', '伪装.xlsx', 'zh-CN')).toEqual({
      sentence: '「伪装.xlsx」不是可以读取的 Excel 工作簿（.xlsx），请选择 .xlsx 文件。',
    });
    expect(describeFailure(new HttpFailure(404, '/book.xlsx'), 'load', '/book.xlsx', 'zh-CN')).toEqual({
      sentence: '无法加载工作簿：服务器返回了状态码 404（/book.xlsx）。',
    });
    expect(describeFailure(new TypeError('Failed to fetch'), 'load', 'book.xlsx', 'zh-CN')).toEqual({
      sentence: '无法加载工作簿。',
      detail: 'TypeError: Failed to fetch',
    });
    expect(describeFailure(new Error('wasm out of memory'), 'save', 'book.xlsx', 'en-US')).toEqual({
      sentence: 'Could not save the workbook.',
      detail: 'Error: wasm out of memory',
    });
  });
});
