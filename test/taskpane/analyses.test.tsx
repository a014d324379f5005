/** @jest-environment jsdom */
/**
 * The service and RFM sections of the pane on the emulated Excel, in both languages: the tab
 * each workbook opens on, each preview's figures (worked out by hand below and in
 * test/excel/analyses.test.ts), the RFM weights' examples and the period, and one Apply that
 * writes every analysis shown.
 */
import './setup';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps } from '../../src/excel/ops';
import { expertiseSurvey, rfmColumnsWorkbook, seed001Analyses, seed003Survey, transactionsWorkbook } from '../fixtures/analyses';
import { buildWorkbook, type FixtureSpec } from '../fixtures/build';
import { renderApp } from './helpers';

jest.setTimeout(60_000);

async function open(spec: FixtureSpec, language: 'zh-CN' | 'en-US') {
  const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(spec));
  const ops = createWorkbookOps({ run: excel.run });
  renderApp(ops, language);
  return { excel, ops };
}

/** The cells of a table's rows as text, header row first. */
function tableText(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

describe('seed 001 (an evaluation table and a survey), in Chinese', () => {
  it('opens on the evaluation score with a tab for the survey; the survey’s preview; one Apply writes both', async () => {
    const { excel } = await open(seed001Analyses, 'zh-CN');
    await screen.findByRole('heading', { level: 2, name: '客户评估评分' }, { timeout: 20_000 });
    const tabs = screen.getByRole('tablist', { name: '分析' });
    expect(within(tabs).getAllByRole('tab')).toHaveLength(2);
    expect(within(tabs).getByRole('tab', { name: '评估得分' }).getAttribute('aria-selected')).toBe('true');
    expect(within(tabs).getByRole('tab', { name: '服务评价' }).getAttribute('aria-selected')).toBe('false');
    expect(screen.getByText('服务调查：').parentElement!.textContent).toBe('服务调查：服务评价 A2:H7');
    // The evaluation score's first screen as before: the date, the preview, Apply; the sentence under Apply names both analyses' columns.
    expect(screen.getByRole('textbox', { name: '预警计算基准日' })).toBeTruthy();
    await screen.findByRole('img', { name: /^各等级客户数：/ }, { timeout: 20_000 });
    expect(
      screen.getByText('将写入：综合得分、客户等级、预警标记（「客户评估」）；服务得分、短板维度（「服务评价」、「客户评估」）。不会覆盖已有数据。'),
    ).toBeTruthy();

    fireEvent.click(within(tabs).getByRole('tab', { name: '服务评价' }));
    const section = await screen.findByRole('region', { name: '服务评价' });
    await within(section).findByText('调查中共 3 位客户、5 行评价。');
    // 86.0, 72.0 and 52.0 (test/excel/analyses.test.ts): their mean 70.0; one each in 80–89.9, 60–79.9 and 0–59.9.
    expect(within(section).getByText('平均服务得分（百分制）：70')).toBeTruthy();
    expect(within(section).getByRole('list', { name: '服务得分分布：90–100 分 0 位，80–89.9 分 1 位，60–79.9 分 1 位，0–59.9 分 1 位' })).toBeTruthy();
    // Each dimension's mean of the three customers' means: 服务响应 (4.5 + 3.5 + 2) ÷ 3 = 3.3, 问题解决 (4 + 3.5 + 3) ÷ 3 = 3.5,
    // 沟通 (5 + 4 + 3) ÷ 3 = 4, 增值 (3.5 + 3 + 2) ÷ 3 = 2.8, 整体 (4.5 + 4 + 3) ÷ 3 = 3.8; 增值 is XX's and YY's weakest, 响应 ZZ's.
    expect(tableText(within(section).getByRole('table', { name: '各维度平均分与短板' }))).toEqual([
      ['维度', '平均分', '短板客户数'],
      ['服务响应及时性', '3.3 / 5', '1'],
      ['问题解决能力', '3.5 / 5', '0'],
      ['沟通互动质量', '4 / 5', '0'],
      ['服务增值性', '2.8 / 5', '2'],
      ['整体满意度', '3.8 / 5', '0'],
    ]);
    // 推荐意愿 9, 7, 10, 8, 3: promoters 2, passives 2, detractors 1 → (2 − 1) ÷ 5 = +20; five answers are fewer than 30.
    expect(within(section).getByText('NPS +20：推荐者 2，被动者 2，贬损者 1（共 5 份回答）')).toBeTruthy();
    expect(within(section).getByText('推荐意愿只有 5 份有效回答（少于 30 份），净推荐值（NPS）仅供参考。')).toBeTruthy();
    expect(within(section).getByText('1 位调查客户不在评估表中：ZZ物流有限公司')).toBeTruthy();

    fireEvent.click(within(section).getByRole('button', { name: '应用评分' }));
    const results = await screen.findByRole('region', { name: '评分结果' }, { timeout: 20_000 });
    const analyses = within(results).getByRole('region', { name: '服务评价与 RFM 结果' });
    expect(within(analyses).getByText('已为 3 位客户写入服务得分和短板维度。')).toBeTruthy();
    expect(within(analyses).getByText('结果已写入「客户评估」的 Q–R 列。')).toBeTruthy();
    expect(within(analyses).getByText('结果已写入「服务评价」的 I–J 列。')).toBeTruthy();
    expect(within(results).getByText('结果已写入「客户评估」的 N–P 列。')).toBeTruthy();
    expect(excel.peek('服务评价', 'I3:J7').values.map((r) => r[0])).toEqual([86, 72, 86, 72, 52]);
    expect(excel.peek('客户评估', 'Q2:R2').values).toEqual([[86, '服务增值性']]);
  });
});

describe('the group radar’s column after an Apply with the survey (seed 001), in Chinese', () => {
  it('offers the category columns, 所属行业 first and chosen; 规模 chosen draws one series per size; no group radar when so chosen', async () => {
    const { excel, ops } = await open(seed001Analyses, 'zh-CN');
    const insert = jest.spyOn(ops, 'insertAnalysesCharts');
    fireEvent.click(await screen.findByRole('tab', { name: '服务评价' }, { timeout: 20_000 }));
    const survey = await screen.findByRole('region', { name: '服务评价' });
    await within(survey).findByText('调查中共 3 位客户、5 行评价。');
    fireEvent.click(within(survey).getByRole('button', { name: '应用评分' }));
    const charts = await screen.findByRole('region', { name: '图表' }, { timeout: 20_000 });
    // The evaluation table's columns of labels (合作时长 `3年` and the rates are measures; 客户名称 is the key; the survey's are all read):
    // 所属行业 names the industry alone, so it comes preselected.
    const pick = within(charts).getByRole('combobox', { name: '分组对比的列' }) as HTMLSelectElement;
    expect([...pick.options].map((o) => o.text)).toEqual(['所属行业', '规模', '所属行业增长潜力', '新产品/服务尝试意愿', '客户信用等级', '不画分组雷达图']);
    expect(pick.selectedOptions[0]!.text).toBe('所属行业');

    const listed = () =>
      within(charts)
        .getAllByRole('listitem')
        .map((li) => li.textContent);
    expect(within(charts).getByText('在「评分图表」工作表中插入（或刷新）这些图表：')).toBeTruthy();
    expect(listed()).toContain('按「所属行业」分组的服务评价各维度平均分（满分 5 分）');
    fireEvent.change(pick, { target: { value: pick.options[1]!.value } });
    // The charts the button draws, by their titles: the tiers' two, the survey's radar, the group radar by the column picked, the NPS bar.
    expect(listed()).toHaveLength(5);
    expect(listed()).toContain('按「规模」分组的服务评价各维度平均分（满分 5 分）');
    fireEvent.click(within(charts).getByRole('button', { name: '插入/刷新图表' }));
    await within(charts).findByText('图表已更新：评分图表工作表。', undefined, { timeout: 20_000 });
    expect(insert).toHaveBeenLastCalledWith(expect.anything(), 'zh-CN', { groupBy: '规模' });
    const group = excel.charts('评分图表').find((c) => c.name === 'CustomerScoring.GroupRadar')!;
    expect(group.title).toBe('按「规模」分组的服务评价各维度平均分（满分 5 分）');
    // XX科技 大型, YY贸易 中型; ZZ物流 is not in the evaluation table. Their means over both periods:
    // XX (5 + 4) ÷ 2, (4 + 4) ÷ 2, (5 + 5) ÷ 2, (4 + 3) ÷ 2, (5 + 4) ÷ 2; YY (3 + 4) ÷ 2, (4 + 3) ÷ 2, 4, 3, 4; ZZ its one row.
    expect(group.series.map((x) => [x.name, x.values])).toEqual([
      ['大型', [4.5, 4, 5, 3.5, 4.5]],
      ['中型', [3.5, 3.5, 4, 3, 4]],
      ['未分组', [2, 3, 3, 2, 3]],
    ]);

    fireEvent.change(pick, { target: { value: pick.options[5]!.value } });
    expect(listed()).toHaveLength(4);
    expect(listed().some((t) => t!.includes('分组'))).toBe(false);
    fireEvent.click(within(charts).getByRole('button', { name: '插入/刷新图表' }));
    await waitFor(() => expect(insert).toHaveBeenCalledTimes(2));
    await within(charts).findByText('图表已更新：评分图表工作表。', undefined, { timeout: 20_000 });
    expect(insert).toHaveBeenLastCalledWith(expect.anything(), 'zh-CN', { groupBy: null });
    expect(excel.charts('评分图表').map((c) => c.name)).toEqual([
      'CustomerScoring.Radar',
      'CustomerScoring.Bar',
      'CustomerScoring.ServiceRadar',
      'CustomerScoring.Nps',
    ]);
  });
});

describe('a survey with a score column the service rules lack, in Chinese', () => {
  it('the preview says the column is left out of the score before Apply', async () => {
    await open(expertiseSurvey, 'zh-CN');
    const section = await screen.findByRole('region', { name: '服务评价' }, { timeout: 20_000 });
    // 甲 (5 + 4) of 5 each → 90.0, 乙 (4 + 3) → 70.0: mean 80.0 without 专业能力.
    await within(section).findByText('平均服务得分（百分制）：80');
    expect(
      within(section).getByText('服务评价表的「专业能力(1-5)」列（满意度调研!C1）是评分，但不是服务评价规则中的维度，未计入服务得分和短板维度。'),
    ).toBeTruthy();
  });
});

describe('seed 003’s survey alone, in English', () => {
  it('opens on the survey: its preview, and Apply writes the service score beside it', async () => {
    const { excel } = await open(seed003Survey, 'en-US');
    const section = await screen.findByRole('region', { name: 'Service evaluation' }, { timeout: 20_000 });
    expect(screen.getByRole('tab', { name: 'Service' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('Evaluation table:').parentElement!.textContent).toBe('Evaluation table: Not found');
    // 甲 90.0, 乙 70.0, 丙 60.0: mean 73.3; one in 90–100, two in 60–79.9.
    await within(section).findByText('3 survey rows from 3 customers.');
    expect(within(section).getByText('Mean service score (out of 100): 73.3')).toBeTruthy();
    expect(within(section).getByRole('list', { name: 'Service scores: 90–100: 1, 80–89.9: 0, 60–79.9: 2, 0–59.9: 0' })).toBeTruthy();
    // Means: 产品质量 (5 + 4 + 3) ÷ 3 = 4, 服务响应速度 (4 + 4 + 2) ÷ 3 = 3.3, 售后支持 (5 + 3 + 3) ÷ 3 = 3.7, 个性化体验 (4 + 3 + 4) ÷ 3 = 3.7.
    expect(tableText(within(section).getByRole('table', { name: 'Dimension means and weakest' }))).toEqual([
      ['Dimension', 'Mean', 'Weakest for'],
      ['Product quality', '4 / 5', '0'],
      ['Responsiveness', '3.3 / 5', '2'],
      ['After-sales support', '3.7 / 5', '1'],
      ['Personalisation', '3.7 / 5', '0'],
    ]);
    // 推荐意愿 9, 8, 6: one of each → (1 − 1) ÷ 3 = 0.
    expect(within(section).getByText('NPS 0: promoters 1, passives 1, detractors 1 (3 answers)')).toBeTruthy();
    expect(within(section).getByText('Only 3 answers to the likelihood to recommend (fewer than 30): the NPS is a thin figure.')).toBeTruthy();
    expect(within(section).getByText('Writes Service score, Weakest dimension (in “满意度调研”). Existing data is never overwritten.')).toBeTruthy();

    fireEvent.click(within(section).getByRole('button', { name: 'Apply scores' }));
    const results = await screen.findByRole('region', { name: 'Service and RFM results' }, { timeout: 20_000 });
    expect(within(results).getByText('Service score and weakest dimension written for 3 customers.')).toBeTruthy();
    expect(within(results).getByText('The results are in columns G–H of “满意度调研”.')).toBeTruthy();
    expect(excel.peek('满意度调研', 'G2:H5').values).toEqual([
      ['Service score', 'Weakest dimension'],
      [90, 'Responsiveness'],
      [70, 'After-sales support'],
      [60, 'Responsiveness'],
    ]);

    // The charts of what Apply wrote: the survey's (no scoring, no RFM, no group column: its only text column is the key).
    const chartsSection = screen.getByRole('region', { name: 'Charts' });
    expect(
      within(chartsSection).getByText(
        'The tables have no category column (such as industry or size) to group the survey’s customers by, so there is no group radar.',
      ),
    ).toBeTruthy();
    expect(within(chartsSection).queryByRole('combobox')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Insert or refresh charts' }));
    await screen.findByText('Charts updated on the Scoring charts sheet.', {}, { timeout: 20_000 });
    const charts = excel.charts('Scoring charts');
    expect(charts.map((c) => c.name)).toEqual(['CustomerScoring.ServiceRadar', 'CustomerScoring.Nps']);
    // 推荐意愿 9, 8, 6: one promoter, one passive, one detractor.
    expect(charts[1]!.series.map((x) => x.values)).toEqual([[1, 1, 1]]);
  });
});

describe('purchases (the transactions fixture), in English', () => {
  it('opens on RFM: the segments, the cut values per letter, the weights’ examples change the score only, the period reads again', async () => {
    const { excel } = await open(transactionsWorkbook, 'en-US');
    const section = await screen.findByRole('region', { name: 'RFM segments' }, { timeout: 20_000 });
    expect(screen.getByText('Transactions:').parentElement!.textContent).toBe('Transactions: 交易记录 A1:C14');
    // Segments (test/excel/analyses.test.ts): 丙 and 戊 at risk, 甲 high value, 丁 potential, 乙 low value.
    await within(section).findByRole('img', { name: 'Customers per segment: At risk 2, High value 1, Potential 1, Low value 1' });
    // RFM scores 80, 53.3, 66.7, 86.7, 20 → 61.3.
    expect(within(section).getByText('Mean RFM score: 61.3')).toBeTruthy();
    // Ten purchases in 2023-07-01..2024-06-30 (己公司's counts too); 甲's of 2023-06-30, 乙's of 07-05 and 戊's of 2023-05-20 are outside.
    expect(within(section).getByText('From 10 purchases between 7/1/2023 and 6/30/2024; 3 outside the period left out.')).toBeTruthy();
    // R 戊 none, 丙 172, 乙 29, 甲 10, 丁 2 days; F 戊 0, 乙 and 丙 1 (tied: 3), 甲 3, 丁 4.
    const cuts = tableText(within(section).getByRole('table', { name: 'Cut values per letter (scores 1-5)' }));
    expect(cuts.map((r) => r.slice(0, 3))).toEqual([
      ['Score', 'R', 'F'],
      ['1', 'no purchase', '0'],
      ['2', '172 days', '—'],
      ['3', '29 days', '1'],
      ['4', '10 days', '3'],
      ['5', '2 days', '4'],
    ]);

    fireEvent.click(within(section).getByRole('button', { name: /^RFM weights/ }));
    // A manufacturer: (R + F + 2M) ÷ 4 × 20 = 80, 50, 75, 80, 20 → 61; an online shop: (R + 2F + M) ÷ 4 × 20 = 80, 55, 65, 90, 20 → 62.
    fireEvent.click(await within(section).findByRole('button', { name: 'Manufacturer: raise M (R 1 : F 1 : M 2)' }));
    await within(section).findByText('Mean RFM score: 61');
    expect(within(section).getByRole('img', { name: 'Customers per segment: At risk 2, High value 1, Potential 1, Low value 1' })).toBeTruthy();
    expect(within(section).getByRole('button', { name: /^RFM weights edited/ })).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Online shop: raise F (R 1 : F 2 : M 1)' }));
    await within(section).findByText('Mean RFM score: 62');
    fireEvent.click(within(section).getByRole('button', { name: 'Manufacturer: raise M (R 1 : F 1 : M 2)' }));
    await within(section).findByText('Mean RFM score: 61');

    // From 2024-01-01: 丁's purchase of 2023-12-01 is left out too: 9 in, 4 out.
    fireEvent.click(within(section).getByRole('button', { name: /^Period/ }));
    fireEvent.change(await within(section).findByRole('textbox', { name: 'From' }), { target: { value: '1/1/2024' } });
    await within(section).findByText('From 9 purchases between 1/1/2024 and 6/30/2024; 4 outside the period left out.', undefined, { timeout: 20_000 });

    fireEvent.click(within(section).getByRole('button', { name: 'Apply scores' }));
    const results = await screen.findByRole('region', { name: 'Service and RFM results' }, { timeout: 20_000 });
    expect(within(results).getByText('RFM segments written for 5 customers: At risk 2, High value 1, Potential 1, Low value 1.')).toBeTruthy();
    expect(within(results).getByText('The results are in columns E–I of “客户”.')).toBeTruthy();
    // Over 2024-01-01..06-30: F 甲 3, 乙 1, 丙 1, 丁 3, 戊 0 → 5, 3, 3, 5, 1; M 甲 100,000, 乙 2,000, 丙 150,000, 丁 15,000, 戊 0 → 4, 2, 5, 3, 1;
    // R as before 4, 3, 2, 5, 1. RFM 得分 (R + F + 2M) ÷ 4 × 20: 甲 85, 乙 50, 丙 75, 丁 80, 戊 20.
    expect(excel.peek('客户', 'E1:I6').values).toEqual([
      ['R', 'F', 'M', 'RFM score', 'RFM segment'],
      [4, 5, 4, 85, 'High value'],
      [3, 3, 2, 50, 'Low value'],
      [2, 3, 5, 75, 'At risk'],
      [5, 5, 3, 80, 'Potential'],
      [1, 1, 1, 20, 'At risk'],
    ]);
    const stored = await createWorkbookOps({ run: excel.run }).loadStoredRules();
    expect(stored?.analyses?.rfm?.weights).toEqual({ recency: 1, frequency: 1, monetary: 2 });
  });

  it('a period without purchases: the tab says the segments tell nobody apart, and why', async () => {
    await open(transactionsWorkbook, 'en-US');
    const section = await screen.findByRole('region', { name: 'RFM segments' }, { timeout: 20_000 });
    await within(section).findByText('From 10 purchases between 7/1/2023 and 6/30/2024; 3 outside the period left out.');
    fireEvent.click(within(section).getByRole('button', { name: /^Period/ }));
    // 2024-06-29..06-30: the last purchases are 丁's of 06-28 and 甲's of 06-20.
    fireEvent.change(await within(section).findByRole('textbox', { name: 'From' }), { target: { value: '6/29/2024' } });
    await within(section).findByText('From 0 purchases between 6/29/2024 and 6/30/2024; 13 outside the period left out.', undefined, { timeout: 20_000 });
    expect(
      within(section).getByText(
        'No purchase falls in the period 2024-06-29 to 2024-06-30: every customer has the same R, F and M, so the RFM segments cannot tell them apart. Check the as-of date or the period.',
      ),
    ).toBeTruthy();
  });

  it('the period’s months: the period and the purchases follow at once, a bad entry blocks Apply with the one click to it, reset, and Apply stores them', async () => {
    const { excel } = await open(transactionsWorkbook, 'en-US');
    const section = await screen.findByRole('region', { name: 'RFM segments' }, { timeout: 20_000 });
    await within(section).findByText('From 10 purchases between 7/1/2023 and 6/30/2024; 3 outside the period left out.');
    fireEvent.click(within(section).getByRole('button', { name: /^Period/ }));
    const months = await within(section).findByRole('textbox', { name: 'Months' });
    expect((months as HTMLInputElement).placeholder).toBe('12');
    expect(within(section).getByText('Period: 7/1/2023 to 6/30/2024')).toBeTruthy();

    // 3 months up to 2024-06-30 start on 2024-04-01, shown before the purchases are read again.
    fireEvent.change(months, { target: { value: '3' } });
    expect(within(section).getByText('Period: 4/1/2024 to 6/30/2024')).toBeTruthy();
    // In: 甲's of 06-20 and 05-10, 乙's of 06-01, 丁's of 06-28, 06-15 and 04-01 (6); out: 甲's of 03-01 and 2023-06-30, 乙's of 07-05,
    // 丙's of 01-10, 丁's of 2023-12-01, 戊's, 己's of 02-02 (7).
    await within(section).findByText('From 6 purchases between 4/1/2024 and 6/30/2024; 7 outside the period left out.', undefined, { timeout: 20_000 });
    expect(within(section).getByRole('button', { name: /^Period edited/ })).toBeTruthy();
    // R 丙 and 戊 none (tied, ranks 1-2 → 2), 乙 29, 甲 10, 丁 2 days; F 丙 and 戊 0 (→ 2), 乙 1, 甲 2, 丁 3; M 丙 and 戊 0 (→ 2), 乙 2,000,
    // 丁 15,000, 甲 80,000: 丙 and 戊 at risk, 甲 (4, 4, 5) and 丁 (5, 5, 4) high value, 乙 (3, 3, 3) potential.
    await within(section).findByRole('img', { name: 'Customers per segment: At risk 2, High value 2, Potential 1, Low value 0' });

    fireEvent.change(months, { target: { value: '0' } });
    expect(within(section).getByText('Enter a whole number from 1 to 120.')).toBeTruthy();
    expect(within(section).getByText('The months of the period are not valid, so Apply cannot run.')).toBeTruthy();
    expect((within(section).getByRole('button', { name: 'Apply scores' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(section).getByRole('button', { name: 'Fix the period' }));
    await waitFor(() => expect(document.activeElement?.id).toBe('period-months'));

    fireEvent.click(within(section).getByRole('button', { name: 'Reset the period' }));
    expect((months as HTMLInputElement).value).toBe('');
    expect(within(section).getByText('Period: 7/1/2023 to 6/30/2024')).toBeTruthy();
    await within(section).findByText('From 10 purchases between 7/1/2023 and 6/30/2024; 3 outside the period left out.', undefined, { timeout: 20_000 });
    expect((within(section).getByRole('button', { name: 'Apply scores' }) as HTMLButtonElement).disabled).toBe(false);

    fireEvent.change(months, { target: { value: '3' } });
    await within(section).findByText('From 6 purchases between 4/1/2024 and 6/30/2024; 7 outside the period left out.', undefined, { timeout: 20_000 });
    fireEvent.click(within(section).getByRole('button', { name: 'Apply scores' }));
    await screen.findByRole('region', { name: 'Service and RFM results' }, { timeout: 20_000 });
    // RFM 得分 (R + F + M) ÷ 3 × 20: 甲 86.7, 乙 60, 丙 40, 丁 93.3, 戊 40.
    expect(excel.peek('客户', 'E1:I6').values).toEqual([
      ['R', 'F', 'M', 'RFM score', 'RFM segment'],
      [4, 4, 5, 86.7, 'High value'],
      [3, 3, 3, 60, 'Potential'],
      [2, 2, 2, 40, 'At risk'],
      [5, 5, 4, 93.3, 'High value'],
      [2, 2, 2, 40, 'At risk'],
    ]);
    const stored = await createWorkbookOps({ run: excel.run }).loadStoredRules();
    expect(stored?.analyses?.rfm?.period).toEqual({ months: 3 });
  });

  it('weights that cannot score block Apply with the one click to them', async () => {
    await open(transactionsWorkbook, 'en-US');
    const section = await screen.findByRole('region', { name: 'RFM segments' }, { timeout: 20_000 });
    fireEvent.click(within(section).getByRole('button', { name: /^RFM weights/ }));
    for (const letter of ['R (recency)', 'F (frequency)', 'M (monetary)']) {
      fireEvent.change(await within(section).findByRole('spinbutton', { name: letter }), { target: { value: '0' } });
    }
    expect(await within(section).findByText('The RFM weights are not valid, so Apply cannot run.')).toBeTruthy();
    expect((within(section).getByRole('button', { name: 'Apply scores' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(section).getByRole('button', { name: 'Fix the RFM weights' }));
    await waitFor(() => expect(document.activeElement?.id).toBe('rfm-weight-recency'));
  });
});

describe('purchases, in Chinese', () => {
  it('the period’s months: 6 months up to the as-of date, and a bad entry said in Chinese', async () => {
    await open(transactionsWorkbook, 'zh-CN');
    const section = await screen.findByRole('region', { name: 'RFM 分层' }, { timeout: 20_000 });
    await within(section).findByText('按 2023/07/01 至 2024/06/30 的 10 笔交易计算，期间外 3 笔未计入。');
    fireEvent.click(within(section).getByRole('button', { name: /^统计期间/ }));
    const months = await within(section).findByRole('textbox', { name: '月数' });
    fireEvent.change(months, { target: { value: '6' } });
    expect(within(section).getByText('统计期间：2024/01/01 至 2024/06/30')).toBeTruthy();
    // From 2024-01-01: 丁's purchase of 2023-12-01 is left out too.
    await within(section).findByText('按 2024/01/01 至 2024/06/30 的 9 笔交易计算，期间外 4 笔未计入。', undefined, { timeout: 20_000 });
    fireEvent.change(months, { target: { value: '半年' } });
    expect(within(section).getByText('请输入 1 到 120 之间的整数。')).toBeTruthy();
    expect(within(section).getByText('统计期间的月数无效，无法应用。')).toBeTruthy();
    expect(within(section).getByRole('button', { name: '修改统计期间' })).toBeTruthy();
  });
});

describe('RFM from a customer table’s own columns, in Chinese', () => {
  it('names where the letters come from and writes R, F, M, RFM 得分 and RFM 分群 beside the table', async () => {
    const { excel } = await open(rfmColumnsWorkbook, 'zh-CN');
    const section = await screen.findByRole('region', { name: 'RFM 分层' }, { timeout: 20_000 });
    expect(await within(section).findByText('按「客户价值」的最近交易、交易次数和交易金额列计算。')).toBeTruthy();
    // As of 2024-06-30: R A 5, B 60, C 167, D 5 days; F 12, 6, 2, 3; M 50, 20, 5, 80 万.
    // R: C worst (rank 1 → 1), B 2, A and D tied at ranks 3-4 → floor(5 × 6 ÷ 8) + 1 = 4; F: C 1, D 2, B 4, A 5; M: C 1, B 2, A 4, D 5.
    // Segments: B (R 2) and C at risk; A (4, 5, 4) high value; D (4, 2, 5) low value.
    await within(section).findByRole('img', { name: '各分群客户数：流失风险客户 2 位，高价值客户 1 位，潜力客户 0 位，低价值客户 1 位' });
    fireEvent.click(within(section).getByRole('button', { name: '应用评分' }));
    await screen.findByRole('region', { name: '服务评价与 RFM 结果' }, { timeout: 20_000 });
    expect(excel.peek('客户价值', 'E1:I5').values).toEqual([
      ['R', 'F', 'M', 'RFM 得分', 'RFM 分群'],
      [4, 5, 4, 86.7, '高价值客户'],
      [2, 4, 2, 53.3, '流失风险客户'],
      [1, 1, 1, 20, '流失风险客户'],
      [4, 2, 5, 73.3, '低价值客户'],
    ]);
  });
});

describe('accessibility of the analyses’ sections', () => {
  async function violations(root: Element): Promise<string[]> {
    const result = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  function headingsInOrder(root: Element): void {
    const levels = [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
    expect(levels[0]).toBe(1);
    levels.forEach((l, i) => {
      if (i > 0) expect(l).toBeLessThanOrEqual(levels[i - 1]! + 1);
    });
  }

  it('the survey’s tab and RFM’s tab with its sections open: no axe violations, headings in order', async () => {
    await open(seed001Analyses, 'zh-CN');
    fireEvent.click(await screen.findByRole('tab', { name: '服务评价' }, { timeout: 20_000 }));
    const survey = await screen.findByRole('region', { name: '服务评价' });
    await within(survey).findByText('调查中共 3 位客户、5 行评价。');
    expect(await violations(document.body)).toEqual([]);
    headingsInOrder(document.body);
    cleanup();

    await open(transactionsWorkbook, 'en-US');
    const rfm = await screen.findByRole('region', { name: 'RFM segments' }, { timeout: 20_000 });
    await within(rfm).findByText(/^Mean RFM score/);
    fireEvent.click(within(rfm).getByRole('button', { name: /^RFM weights/ }));
    fireEvent.click(within(rfm).getByRole('button', { name: /^Period/ }));
    await within(rfm).findByRole('textbox', { name: 'From' });
    expect(await violations(document.body)).toEqual([]);
    headingsInOrder(document.body);
  });
});
