/** Loading real .xlsx files and saving the emulated workbook back to one. */
import { EmulatedExcel } from '../../src/emulator';
import { loadExcelize } from '../../src/xlsx/excelize';
import { buildWorkbook } from '../fixtures/build';
import { evaluationWorkbook, gradingWorkbook } from '../fixtures/workbooks';
import { zipEntries, zipText } from '../helpers/zip';

jest.setTimeout(60_000);

let evaluationBytes: Uint8Array;

beforeAll(async () => {
  evaluationBytes = await buildWorkbook(evaluationWorkbook);
});

/** Every sheet's values, tables and visibility: what a round trip must keep. */
function snapshot(excel: EmulatedExcel) {
  return excel.sheetNames().map((name) => ({
    name,
    values: excel.peek(name).values,
    tables: excel.tables(name),
    visibility: excel.visibility(name),
  }));
}

describe('fromXlsx', () => {
  test('reads sheets, values (text stays text, dates as serials), tables and charts', async () => {
    const excel = await EmulatedExcel.fromXlsx(evaluationBytes);
    expect(excel.sheetNames()).toEqual(['客户评估', '跟进记录', '说明']);
    expect(excel.tables('客户评估')).toEqual([{ name: '客户评估表', range: 'A3:M9' }]);
    expect(excel.peek('客户评估', 'A3:C4').values).toEqual([
      ['序号', '客户名称', '合作时长（年）'],
      [1, '华东精密制造有限公司', 3],
    ]);
    expect(excel.peek('客户评估', 'B9:E9').values).toEqual([['=SUM(1,1)', 1, '稳定', 6]]);
    expect(excel.peek('跟进记录', 'C3').values).toEqual([[45463]]); // 2024-06-20
    const [chart] = excel.charts('说明');
    expect(chart).toMatchObject({
      type: 'ColumnClustered',
      title: '客户等级分布',
      sourceAddress: "'说明'!A2:B5",
      series: [{ values: [2, 2, 1, 1], categories: ['战略级客户', '重点客户', '潜力客户', '观察客户'] }],
      position: { start: 'D2' },
    });
    expect(chart!.name).toMatch(/^Chart \d+$/);
  });

  test('reads hidden sheets and sheet protection from the package', async () => {
    const ex = await loadExcelize();
    const f = ex.OpenReader(await buildWorkbook(gradingWorkbook));
    f.SetSheetVisible('Notes', false);
    f.ProtectSheet('Customers', {});
    const excel = await EmulatedExcel.fromXlsx(f.WriteToBuffer().buffer as Uint8Array);
    expect([excel.visibility('Customers'), excel.visibility('Notes')]).toEqual(['Visible', 'Hidden']);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Customers').getRange('K1').values = [['人工调整']];
      await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
      const protection = context.workbook.worksheets.getItem('Customers').protection.load('protected');
      await context.sync();
      expect(protection.protected).toBe(true);
    });
  });
});

describe('toXlsx', () => {
  test('a scored workbook saves and reloads with the same values, tables, visibility and charts', async () => {
    const excel = await EmulatedExcel.fromXlsx(evaluationBytes);
    await excel.run(async (context) => {
      const table = context.workbook.tables.getItem('客户评估表');
      table.columns.add(undefined, [['综合得分'], [98.5], [90], [71.2], [45], [88], [60]]);
      table.columns.add(undefined, [['客户等级'], ['战略级客户'], ['战略级客户'], ['重点客户'], ['观察客户'], ['重点客户'], ['潜力客户']]);
      const sheet = context.workbook.worksheets.getItem('客户评估');
      sheet.getRange('N4:N9').numberFormat = [['0.0'], ['0.0'], ['0.0'], ['0.0'], ['0.0'], ['0.0']];
      sheet.getRange('O4:O5').format.fill.color = '#FFD966';
      const flags = sheet.getRange('O4:O9').conditionalFormats.add('ContainsText');
      flags.textComparison.format.fill.color = '#FFC7CE';
      flags.textComparison.rule = { operator: 'Contains', text: '观察' };
      const summary = context.workbook.worksheets.add('评分汇总');
      summary.getRange('A1:B5').values = [
        ['等级', '客户数'],
        ['战略级客户', 2],
        ['重点客户', 2],
        ['潜力客户', 1],
        ['观察客户', 1],
      ];
      const radar = summary.charts.add('Radar', summary.getRange('A1:B5'), 'Columns');
      radar.name = '等级雷达图';
      radar.title.text = '客户等级雷达';
      radar.setPosition('D2', 'K16');
      summary.charts.add('BarClustered', summary.getRange('A1:B5'), 'Columns').title.text = '客户数';
      context.workbook.worksheets.getItem('跟进记录').visibility = 'VeryHidden';
    });

    const saved = await excel.toXlsx();
    const reloaded = await EmulatedExcel.fromXlsx(saved);
    expect(snapshot(reloaded)).toEqual(snapshot(excel));
    expect(reloaded.tables('客户评估')).toEqual([{ name: '客户评估表', range: 'A3:O9' }]);
    expect(reloaded.visibility('跟进记录')).toBe('VeryHidden');
    expect(reloaded.peek('客户评估', 'B9').values).toEqual([['=SUM(1,1)']]);

    const charts = reloaded.charts('评分汇总');
    expect(charts.map((c) => [c.name, c.type, c.title])).toEqual([
      ['等级雷达图', 'Radar', '客户等级雷达'],
      ['图表 2', 'BarClustered', '客户数'],
    ]);
    expect(charts[0]!.series).toEqual([{ name: '客户数', values: [2, 2, 1, 1], categories: ['战略级客户', '重点客户', '潜力客户', '观察客户'] }]);
    expect(reloaded.charts('说明').map((c) => c.title)).toEqual(['客户等级分布']); // the file's own chart survives
    expect(reloaded.conditionalFormats('客户评估')).toEqual([
      { address: "'客户评估'!O4:O9", type: 'ContainsText', rule: { operator: 'Contains', text: '观察' }, fill: '#FFC7CE' },
    ]);

    const entries = zipEntries(saved);
    const chartParts = entries.filter((e) => /^xl\/charts\/chart\d+\.xml$/.test(e));
    expect(chartParts).toHaveLength(3);
    const chartXml = await Promise.all(chartParts.map((p) => zipText(saved, p)));
    expect(chartXml.some((x) => /radarChart/.test(x) && /等级雷达|客户等级雷达/.test(x))).toBe(true);
    expect(chartXml.some((x) => /<(?:c:)?barDir val="bar"/.test(x))).toBe(true);
    expect(entries).toContain('xl/media/image1.png'); // what the emulator does not model survives
    const styles = await zipText(saved, 'xl/styles.xml');
    expect(styles).toMatch(/formatCode="0\.0"/);
    expect(styles).toMatch(/FFD966/i);
    const sheetXml = await zipText(saved, 'xl/worksheets/sheet1.xml');
    expect(sheetXml).toMatch(/<mergeCell ref="A1:M1"/);
    expect(sheetXml).toMatch(/dataValidation/);
    expect(sheetXml).not.toMatch(/<f>SUM\(1,1\)/); // a string is never written as a formula
    expect(await zipText(saved, 'xl/worksheets/sheet3.xml')).toMatch(/<f>SUM\(B2:B5\)<\/f>/); // cells not written keep their formulas
  });

  test('a workbook that started empty saves as a new file', async () => {
    const excel = EmulatedExcel.empty();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.name = '客户';
      sheet.getRange('A1:B3').values = [
        ['客户', '得分'],
        ['甲', 90],
        ['乙', 75.5],
      ];
      sheet.tables.add('A1:B3', true).name = '得分表';
      sheet.charts.add('ColumnClustered', sheet.getRange('A1:B3'));
      const hidden = context.workbook.worksheets.add('设置');
      hidden.getRange('A1').values = [['rules']];
      hidden.visibility = 'Hidden';
    });
    const reloaded = await EmulatedExcel.fromXlsx(await excel.toXlsx());
    expect(snapshot(reloaded)).toEqual(snapshot(excel));
    expect(reloaded.charts('客户').map((c) => [c.type, c.series[0]!.values])).toEqual([['ColumnClustered', [90, 75.5]]]);
  });

  test('deleted sheets, charts and conditional formats are gone from the saved file; renames stick', async () => {
    const first = await EmulatedExcel.fromXlsx(evaluationBytes);
    await first.run(async (context) => {
      const format = context.workbook.worksheets.getItem('客户评估').getRange('M4:M9').conditionalFormats.add('ContainsText');
      format.textComparison.rule = { operator: 'Contains', text: '待补' };
      format.textComparison.format.fill.color = '#FFEB9C';
    });
    const excel = await EmulatedExcel.fromXlsx(await first.toXlsx());
    expect(excel.conditionalFormats('客户评估')).toHaveLength(1);
    await excel.run(async (context) => {
      const notes = context.workbook.worksheets.getItem('说明');
      notes.charts.getItemAt(0).delete();
      context.workbook.worksheets.getItem('跟进记录').delete();
      notes.name = '跟进记录'; // the name of a sheet deleted in the same batch
      context.workbook.worksheets.getItem('客户评估').getRange('M4:M9').conditionalFormats.clearAll();
    });
    const reloaded = await EmulatedExcel.fromXlsx(await excel.toXlsx());
    expect(reloaded.sheetNames()).toEqual(['客户评估', '跟进记录']);
    expect(reloaded.peek('跟进记录', 'A1:B2').values).toEqual([
      ['等级', '客户数'],
      ['战略级客户', 2],
    ]);
    expect(reloaded.charts('跟进记录')).toEqual([]);
    expect(reloaded.conditionalFormats('客户评估')).toEqual([]);
  });
});
