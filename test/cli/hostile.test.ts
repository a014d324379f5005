/**
 * The `score` command on hostile files (#8 item 6): a zip bomb and a workbook of too many
 * cells are refused with one sentence naming the limit, a password-protected workbook with
 * its own sentence (not the one for an old .xls); exit code 1 and no output file.
 * How long and how much memory the refusal takes is measured outside the tests.
 */
import { runScore } from '../helpers/cli-run';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { compoundFile, manyCellsXlsx, zipBombXlsx } from '../helpers/hostile';

jest.setTimeout(60_000);

const dir = join(os.tmpdir(), `scoring-hostile-${process.pid}`);
mkdirSync(dir, { recursive: true });

async function refused(file: string, lang: 'zh-CN' | 'en-US'): Promise<string> {
  const { code, stdout, stderr } = await runScore(file, '--lang', lang);
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(existsSync(file.replace(/\.xlsx$/, '.scored.xlsx'))).toBe(false);
  return stderr.trim();
}

describe('score refuses what it must not take on', () => {
  it('a zip bomb (a 200 MB sheet in under 1 MB): the sentence names the 128 MB limit', async () => {
    const file = join(dir, '炸弹.xlsx');
    writeFileSync(file, await zipBombXlsx(200));
    expect(await refused(file, 'zh-CN')).toBe(
      `「${file}」超出了本命令可处理的大小（其中一个部件解压后超过 128 MB），未作任何处理；请把客户表复制到一个较小的工作簿中再评分。`,
    );
    expect(await refused(file, 'en-US')).toBe(
      `“${file}” is larger than this command handles (one of its parts unpacks to more than 128 MB), so nothing was done; copy the customer table into a smaller workbook and score that.`,
    );
  });

  it('a bomb with a lying central directory gets the same sentence', async () => {
    // Rows without cells: the sheet, scanned as it inflates, passes 128 MB before any cell limit.
    const file = join(dir, 'lying.xlsx');
    writeFileSync(file, await zipBombXlsx(200, { lying: true, row: `<row>${' '.repeat(1000)}</row>` }));
    expect(await refused(file, 'en-US')).toBe(
      `“${file}” is larger than this command handles (one of its parts unpacks to more than 128 MB), so nothing was done; copy the customer table into a smaller workbook and score that.`,
    );
  });

  it('more than 4 million cells', async () => {
    const file = join(dir, 'cells.xlsx');
    writeFileSync(file, await manyCellsXlsx(4_010_000));
    expect(await refused(file, 'zh-CN')).toBe(
      `「${file}」超出了本命令可处理的大小（单元格超过 400 万个），未作任何处理；请把客户表复制到一个较小的工作簿中再评分。`,
    );
    expect(await refused(file, 'en-US')).toBe(
      `“${file}” is larger than this command handles (it has more than 4,000,000 cells), so nothing was done; copy the customer table into a smaller workbook and score that.`,
    );
  });

  it('a password-protected workbook gets its own sentence, an old .xls the not-an-.xlsx one', async () => {
    const file = join(dir, '加密.xlsx');
    writeFileSync(file, compoundFile(['EncryptionInfo', 'EncryptedPackage']));
    expect(await refused(file, 'zh-CN')).toBe(
      `「${file}」设有打开密码（已加密），无法读取；请在 Excel 中删除密码（文件 > 信息 > 保护工作簿 > 用密码进行加密，清空密码）并保存后再评分。`,
    );
    expect(await refused(file, 'en-US')).toBe(
      `“${file}” is password-protected (encrypted) and cannot be read; remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password, clear it), save, and score it again.`,
    );
    const xls = join(dir, '旧版.xlsx');
    writeFileSync(xls, compoundFile(['Workbook']));
    expect(await refused(xls, 'zh-CN')).toBe(`「${xls}」不是可以读取的 Excel 工作簿（.xlsx），请选择 .xlsx 文件。`);
  });
});
