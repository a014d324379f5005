/** Number formats and the 1904 date system of real .xlsx files: read into the emulated workbook, written back. */
import { EmulatedExcel } from '../../src/emulator';
import { replaceZipEntries } from '../../src/xlsx/zip-patch';
import { buildWorkbook } from '../fixtures/build';
import { zipText } from '../helpers/zip';

jest.setTimeout(60_000);

const encode = (text: string) => new TextEncoder().encode(text);

/** 客户 | 回款及时率 (0%, built-in id 9) | 首次合作 (yyyy-mm-dd, a custom format) | 评分 (0.00 → patched to the zh-CN built-in id 31). */
async function formattedWorkbook(date1904: boolean): Promise<Uint8Array> {
  const bytes = await buildWorkbook({
    sheets: [
      {
        name: '客户',
        rows: [
          ['客户名称', '回款及时率', '首次合作', '评分'],
          ['华东精密', 0.98, { date: '2019-05-01' }, 45658],
        ],
        styles: [
          { range: 'B2', numFmt: '0%' },
          { range: 'D2', numFmt: '0.00' },
        ],
      },
    ],
  });
  const styles = (await zipText(bytes, 'xl/styles.xml')).replace('<xf numFmtId="2"', '<xf numFmtId="31"');
  let workbook = await zipText(bytes, 'xl/workbook.xml');
  if (date1904) workbook = workbook.replace('<workbookPr ', '<workbookPr date1904="1" ');
  return replaceZipEntries(
    bytes,
    new Map([
      ['xl/styles.xml', encode(styles)],
      ['xl/workbook.xml', encode(workbook)],
    ]),
  );
}

async function read(excel: EmulatedExcel, address: string) {
  return excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem('客户').getRange(address).load('values, numberFormat');
    const epoch = context.workbook.functions.date(1904, 1, 1).load('value');
    await context.sync();
    return { values: range.values, numberFormat: range.numberFormat, epoch: epoch.value };
  });
}

test('number formats come from styles.xml: built-in ids as Excel reports them, custom codes, zh-CN ids', async () => {
  const excel = await EmulatedExcel.fromXlsx(await formattedWorkbook(false));
  const { values, numberFormat, epoch } = await read(excel, 'A2:D2');
  expect(values).toEqual([['华东精密', 0.98, 43586, 45658]]);
  expect(numberFormat).toEqual([['General', '0%', 'yyyy-mm-dd', 'yyyy"年"m"月"d"日"']]);
  expect(epoch).toBe(1462);
});

test('the 1904 date system: the flag is read, DATE counts from 1904, typed dates are stored as 1904 serials', async () => {
  const excel = await EmulatedExcel.fromXlsx(await formattedWorkbook(true));
  expect((await read(excel, 'A2')).epoch).toBe(0);
  excel.editCell('客户', 'E2', '2024-06-30');
  expect(excel.peek('客户', 'E2').values).toEqual([[45473 - 1462]]);
});

test('saved back: the formats of the file stay, formats set through the API are written, a shifted cell keeps its format', async () => {
  const excel = await EmulatedExcel.fromXlsx(await formattedWorkbook(true));
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('客户');
    sheet.getRange('E2').values = [[88.25]];
    sheet.getRange('E2').numberFormat = [['0.0']];
    context.workbook.tables.add('客户!A1:D2', true).columns.add(1, undefined, '序号'); // B:D move to C:E … E2 to F2
    await context.sync();
  });
  const reopened = await EmulatedExcel.fromXlsx(await excel.toXlsx());
  const { values, numberFormat, epoch } = await read(reopened, 'A2:F2');
  expect(epoch).toBe(0);
  expect(values).toEqual([['华东精密', '', 0.98, 43586, 45658, 88.25]]);
  expect(numberFormat).toEqual([['General', 'General', '0%', 'yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '0.0']]);
});
