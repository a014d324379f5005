/** @jest-environment jsdom */
/**
 * The service survey's and RFM's rules in the pane's rules section, on the emulated Excel: a file
 * of either kind imported replaces the rules in use (the preview follows at once, RFM's fields
 * show the file's weights and period), a bad one is refused with the one sentence, Apply stores
 * them, a new scan forgets them; each analysis's rules in use are exported as their own file,
 * only for the analyses the workbook has, and an exported file imports back to the same rules.
 * The figures are worked out by hand from docs/scoring-rules.md (`service`, `rfm`) and, for the
 * purchases, in test/excel/analyses.test.ts.
 */
import './setup';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { EmulatedExcel } from '../../src/emulator';
import { createWorkbookOps } from '../../src/excel/ops';
import { anyRulesFromText, type RfmRules, type ServiceRules } from '../../src/engine/rules';
import { getRfmPreset, getServicePreset } from '../../src/presets';
import { expertiseSurvey, seed001Analyses, transactionsWorkbook } from '../fixtures/analyses';
import { buildWorkbook, type FixtureSpec } from '../fixtures/build';
import { openSection, renderApp } from './helpers';

jest.setTimeout(60_000);

/** The shipped service rules with a dimension for 专业能力 added, as a team would copy and edit them. */
function withExpertise(): ServiceRules {
  const rules = getServicePreset();
  rules.id = 'service-expertise';
  rules.label = { zh: '含专业能力的服务评价', en: 'Service with expertise' };
  rules.dimensions.push({ id: 'expertise', label: { zh: '专业能力', en: 'Expertise' }, columns: ['专业能力'] });
  return rules;
}

/** The shipped RFM rules as a manufacturer edits them: M raised, six months, 高价值客户 renamed and recoloured. */
function manufacturerRfm(): RfmRules {
  const rules = getRfmPreset();
  rules.id = 'rfm-maker';
  rules.label = { zh: '制造业 RFM', en: 'Manufacturer RFM' };
  rules.weights = { recency: 1, frequency: 1, monetary: 2 };
  rules.period = { months: 6 };
  rules.segments[1] = { id: 'high-value', label: { zh: '重点客户', en: 'Key account' }, color: 'FFD966' };
  return rules;
}

async function open(spec: FixtureSpec, language: 'zh-CN' | 'en-US') {
  const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(spec));
  renderApp(createWorkbookOps({ run: excel.run }), language);
  return excel;
}

function importFile(within: HTMLElement, name: string, text: string): void {
  const input = within.querySelector('input[type="file"]') as HTMLInputElement | null;
  if (!input) throw new Error('no file input');
  Object.defineProperty(input, 'files', { value: [new File([text], name, { type: 'application/json' })], configurable: true });
  fireEvent.change(input);
}

/** The cells of a table's rows as text, header row first. */
function tableText(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

/** Reads a Blob with FileReader (jsdom's Blob may lack `text()`). */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/** Captures what the export buttons download: each file's name and text. */
function captureDownloads(): { files: () => Promise<{ name: string; text: string }[]>; restore(): void } {
  const blobs = new Map<string, Blob>();
  const names: { name: string; url: string }[] = [];
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:${blobs.size}`;
      blobs.set(url, blob);
      return url;
    },
    revokeObjectURL: () => {},
  });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push({ name: this.download, url: this.getAttribute('href')! });
  });
  return {
    files: () => Promise.all(names.map(async ({ name, url }) => ({ name, text: await blobText(blobs.get(url)!) }))),
    restore: () => click.mockRestore(),
  };
}

describe('a service rules file, in Chinese (a survey with 专业能力(1-5))', () => {
  it('imported: 专业能力 counts at once; Apply writes the scores with it and stores the rules; a new pane on the workbook uses them', async () => {
    const excel = await open(expertiseSurvey, 'zh-CN');
    const section = await screen.findByRole('region', { name: '服务评价' }, { timeout: 20_000 });
    // The shipped rules: 甲 (5 + 4) ÷ 2 of 5 → 90.0, 乙 (4 + 3) ÷ 2 → 70.0; 专业能力 left out, and said.
    await within(section).findByText('平均服务得分（百分制）：80');
    expect(within(section).getByText(/「专业能力\(1-5\)」列（满意度调研!C1）是评分，但不是服务评价规则中的维度/)).toBeTruthy();

    await openSection('规则与记录');
    // A workbook of the survey alone: nothing weighted to save or export, the survey's rules to export.
    expect(within(section).queryByRole('button', { name: '保存到工作簿' })).toBeNull();
    expect(within(section).queryByRole('button', { name: /^导出评分规则|^导出 JSON$/ })).toBeNull();
    expect(within(section).getByRole('button', { name: '导出服务评价规则' })).toBeTruthy();
    expect(within(section).queryByRole('button', { name: '导出 RFM 规则' })).toBeNull();

    importFile(section, 'service.json', JSON.stringify(withExpertise()));
    expect(
      await within(section).findByText(
        '已导入服务评价规则「含专业能力的服务评价」（文件「service.json」），服务评价的预览已按新规则更新；应用时会保存到工作簿。',
      ),
    ).toBeTruthy();
    expect(within(section).getByRole('button', { name: /^规则与记录 已修改/ })).toBeTruthy();
    // In table order 产品质量, 专业能力, 售后支持: means (5 + 4) ÷ 2 = 4.5, (1 + 2) ÷ 2 = 1.5, (4 + 3) ÷ 2 = 3.5; 专业能力 is both customers' weakest.
    const table = await within(section).findByRole('table', { name: '各维度平均分与短板' }, { timeout: 20_000 });
    expect(tableText(table)).toEqual([
      ['维度', '平均分', '短板客户数'],
      ['产品质量', '4.5 / 5', '0'],
      ['专业能力', '1.5 / 5', '2'],
      ['售后支持', '3.5 / 5', '0'],
    ]);
    expect(within(section).queryByText(/「专业能力\(1-5\)」列/)).toBeNull();

    fireEvent.click(within(section).getByRole('button', { name: '应用评分' }));
    await screen.findByRole('region', { name: '服务评价与 RFM 结果' }, { timeout: 20_000 });
    // 甲 (5 + 1 + 4) ÷ 3 ÷ 5 × 100 = 66.7, 乙 (4 + 2 + 3) ÷ 3 ÷ 5 × 100 = 60.0.
    expect(excel.peek('满意度调研', 'F1:G3').values).toEqual([
      ['服务得分', '短板维度'],
      [66.7, '专业能力'],
      [60, '专业能力'],
    ]);
    const stored = await createWorkbookOps({ run: excel.run }).loadStoredRules();
    expect(stored?.analyses?.service).toEqual(withExpertise());

    // A colleague opens the workbook: the pane scores with the stored rules, no file needed.
    cleanup();
    renderApp(createWorkbookOps({ run: excel.run }), 'zh-CN');
    const again = await screen.findByRole('region', { name: '服务评价' }, { timeout: 20_000 });
    const means = await within(again).findByRole('table', { name: '各维度平均分与短板' }, { timeout: 20_000 });
    expect(tableText(means).map((r) => r[0])).toEqual(['维度', '产品质量', '专业能力', '售后支持']);
  });

  it('imported, then the tables found again: the scan forgets the file and the shipped rules are back', async () => {
    await open(expertiseSurvey, 'zh-CN');
    const section = await screen.findByRole('region', { name: '服务评价' }, { timeout: 20_000 });
    await within(section).findByText('平均服务得分（百分制）：80');
    await openSection('规则与记录');
    importFile(section, 'service.json', JSON.stringify(withExpertise()));
    await within(section).findByText('专业能力', { selector: 'td' }, { timeout: 20_000 });

    fireEvent.click(screen.getByRole('button', { name: '重新查找表格' }));
    const rescanned = await screen.findByRole('region', { name: '服务评价' }, { timeout: 20_000 });
    await within(rescanned).findByText('平均服务得分（百分制）：80', undefined, { timeout: 20_000 });
    expect(within(rescanned).getByText(/「专业能力\(1-5\)」列（满意度调研!C1）是评分/)).toBeTruthy();
    expect(within(rescanned).queryByText('专业能力', { selector: 'td' })).toBeNull();
  });
});

describe('the rules section in the survey’s tab', () => {
  it('open, with a file imported: no axe violations', async () => {
    await open(expertiseSurvey, 'en-US');
    const section = await screen.findByRole('region', { name: 'Service evaluation' }, { timeout: 20_000 });
    await openSection('Rules and runs');
    importFile(section, 'service.json', JSON.stringify(withExpertise()));
    await within(section).findByText(/^Imported the service evaluation rules/);
    await within(section).findByText('Expertise', { selector: 'td' }, { timeout: 20_000 });
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

describe('bad files of the analyses’ rules are refused with one sentence, the rules in use kept', () => {
  it('a service file with a dimension id twice (English)', async () => {
    await open(expertiseSurvey, 'en-US');
    const section = await screen.findByRole('region', { name: 'Service evaluation' }, { timeout: 20_000 });
    await within(section).findByText('Mean service score (out of 100): 80');
    await openSection('Rules and runs');
    const bad = withExpertise();
    bad.dimensions[3]!.id = bad.dimensions[0]!.id;
    importFile(section, 'bad-service.json', JSON.stringify(bad));
    expect(
      await within(section).findByText(`The rules file “bad-service.json” is not valid: field dimensions[3].id duplicate id "${bad.dimensions[0]!.id}".`),
    ).toBeTruthy();
    expect(within(section).getByText('Mean service score (out of 100): 80')).toBeTruthy();
    expect(within(section).getByRole('button', { name: 'Rules and runs' })).toBeTruthy();
  });

  it('an RFM file with its segments out of order (Chinese)', async () => {
    await open(transactionsWorkbook, 'zh-CN');
    const section = await screen.findByRole('region', { name: 'RFM 分层' }, { timeout: 20_000 });
    await within(section).findByRole('img', { name: '各分群客户数：流失风险客户 2 位，高价值客户 1 位，潜力客户 1 位，低价值客户 1 位' }, { timeout: 20_000 });
    await openSection('规则与记录');
    const bad = manufacturerRfm();
    bad.segments.reverse();
    importFile(section, 'bad-rfm.json', JSON.stringify(bad));
    expect(
      await within(section).findByText(
        '规则文件「bad-rfm.json」无效：字段 segments[0].id 应为「at-risk」（分群按 at-risk、high-value、potential、low-value 的顺序判断）。',
      ),
    ).toBeTruthy();
    expect(within(section).getByRole('img', { name: '各分群客户数：流失风险客户 2 位，高价值客户 1 位，潜力客户 1 位，低价值客户 1 位' })).toBeTruthy();
  });
});

describe('an analysis’s rules for a workbook without its tables', () => {
  it('a service file imported where there is no survey (purchases, Chinese): read, and said to do nothing here', async () => {
    await open(transactionsWorkbook, 'zh-CN');
    const section = await screen.findByRole('region', { name: 'RFM 分层' }, { timeout: 20_000 });
    await within(section).findByRole('img', { name: '各分群客户数：流失风险客户 2 位，高价值客户 1 位，潜力客户 1 位，低价值客户 1 位' }, { timeout: 20_000 });
    await openSection('规则与记录');
    importFile(section, 'service.json', JSON.stringify(withExpertise()));
    expect(
      await within(section).findByText(
        `已读取服务评价规则「${withExpertise().label.zh}」（文件「service.json」），但此工作簿中没有服务评价表，这些规则在这里不起作用。`,
      ),
    ).toBeTruthy();
  });
});

describe('an RFM rules file, in English (purchases)', () => {
  it('imported over the user’s own months: the fields show the file’s weights and period, the preview its segments; Apply writes and stores them', async () => {
    const excel = await open(transactionsWorkbook, 'en-US');
    const section = await screen.findByRole('region', { name: 'RFM segments' }, { timeout: 20_000 });
    await within(section).findByText('From 10 purchases between 7/1/2023 and 6/30/2024; 3 outside the period left out.');
    fireEvent.click(within(section).getByRole('button', { name: /^Period/ }));
    const months = (await within(section).findByRole('textbox', { name: 'Months' })) as HTMLInputElement;
    fireEvent.change(months, { target: { value: '3' } });
    await within(section).findByText('From 6 purchases between 4/1/2024 and 6/30/2024; 7 outside the period left out.', undefined, { timeout: 20_000 });

    await openSection('Rules and runs');
    importFile(section, 'maker.json', JSON.stringify(manufacturerRfm()));
    expect(
      await within(section).findByText(
        'Imported the RFM rules “Manufacturer RFM” (file “maker.json”); RFM’s weights, period and segments follow them, and Apply stores them in the workbook.',
      ),
    ).toBeTruthy();
    // The file's six months up to 2024-06-30: from 2024-01-01, 丁's purchase of 2023-12-01 left out too.
    expect(months.value).toBe('');
    expect(months.placeholder).toBe('6');
    expect(within(section).getByText('Period: 1/1/2024 to 6/30/2024')).toBeTruthy();
    await within(section).findByText('From 9 purchases between 1/1/2024 and 6/30/2024; 4 outside the period left out.', undefined, { timeout: 20_000 });
    fireEvent.click(within(section).getByRole('button', { name: /^RFM weights/ }));
    const weights = ['R (recency)', 'F (frequency)', 'M (monetary)'].map(
      (name) => (within(section).getByRole('spinbutton', { name }) as HTMLInputElement).value,
    );
    expect(weights).toEqual(['1', '1', '2']);
    // Segments as test/excel/analyses.test.ts works them out over 2024-01-01..06-30: 丙 and 戊 at risk, 甲 high value (the file's
    // Key account), 丁 potential, 乙 low value; (R + F + 2M) ÷ 4 × 20: 甲 85, 乙 50, 丙 75, 丁 80, 戊 20 → mean 62.
    await within(section).findByRole('img', { name: 'Customers per segment: At risk 2, Key account 1, Potential 1, Low value 1' }, { timeout: 20_000 });
    expect(within(section).getByText('Mean RFM score: 62')).toBeTruthy();

    fireEvent.click(within(section).getByRole('button', { name: 'Apply scores' }));
    await screen.findByRole('region', { name: 'Service and RFM results' }, { timeout: 20_000 });
    expect(excel.peek('客户', 'E1:I6').values).toEqual([
      ['R', 'F', 'M', 'RFM score', 'RFM segment'],
      [4, 5, 4, 85, 'Key account'],
      [3, 3, 2, 50, 'Low value'],
      [2, 3, 5, 75, 'At risk'],
      [5, 5, 3, 80, 'Potential'],
      [1, 1, 1, 20, 'At risk'],
    ]);
    expect(excel.conditionalFormats('客户').map((f) => f.fill)).toContain('#FFD966');
    const stored = await createWorkbookOps({ run: excel.run }).loadStoredRules();
    expect(stored?.analyses?.rfm).toEqual(manufacturerRfm());

    // Back to the tables: the stored rules are in use, and the run is recorded under their name and segments.
    fireEvent.click(screen.getByRole('button', { name: 'Back to the tables' }));
    const back = await screen.findByRole('region', { name: 'RFM segments' }, { timeout: 20_000 });
    await within(back).findByRole('img', { name: 'Customers per segment: At risk 2, Key account 1, Potential 1, Low value 1' }, { timeout: 20_000 });
    await openSection('Rules and runs');
    const runs = within(back).getByRole('table', { name: 'The last 1 of 1 run' });
    const cells = within(within(runs).getAllByRole('row')[1]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect([cells[2], cells[4], cells[5]]).toEqual(['Manufacturer RFM', '5', 'At risk 2, Key account 1, Potential 1, Low value 1']);
  });
});

describe('exporting the analyses’ rules', () => {
  it('seed 001 in Chinese: the scoring rules and the survey’s, no RFM’s; 服务评价规则.json holds the rules in use and imports back to them', async () => {
    const downloads = captureDownloads();
    try {
      await open(seed001Analyses, 'zh-CN');
      await screen.findByRole('img', { name: /^各等级客户数：/ }, { timeout: 20_000 });
      await openSection('规则与记录');
      expect(screen.getByRole('button', { name: '导出评分规则' })).toBeTruthy();
      expect(screen.queryByRole('button', { name: '导出 RFM 规则' })).toBeNull();
      fireEvent.click(screen.getByRole('button', { name: '导出服务评价规则' }));
      expect(await screen.findByText('已导出规则文件「服务评价规则.json」。')).toBeTruthy();
      const [file] = await downloads.files();
      expect(file!.name).toBe('服务评价规则.json');
      // The workbook stores none: the shipped service rules.
      expect(anyRulesFromText(file!.text, file!.name)).toEqual({ kind: 'service', rules: getServicePreset() });

      importFile(document.body, file!.name, file!.text);
      expect(
        await screen.findByText('已导入服务评价规则「服务水平评价」（文件「服务评价规则.json」），服务评价的预览已按新规则更新；应用时会保存到工作簿。'),
      ).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: '导出服务评价规则' }));
      await waitFor(async () => expect(await downloads.files()).toHaveLength(2));
      expect((await downloads.files())[1]).toEqual(file);
    } finally {
      downloads.restore();
    }
  });

  it('purchases in English: rfm-rules.json holds the RFM rules with the weights and months set; imported, the same rules are in use', async () => {
    const downloads = captureDownloads();
    try {
      await open(transactionsWorkbook, 'en-US');
      const section = await screen.findByRole('region', { name: 'RFM segments' }, { timeout: 20_000 });
      await within(section).findByText(/^Mean RFM score/);
      fireEvent.click(within(section).getByRole('button', { name: /^RFM weights/ }));
      fireEvent.click(await within(section).findByRole('button', { name: 'Manufacturer: raise M (R 1 : F 1 : M 2)' }));
      fireEvent.click(within(section).getByRole('button', { name: /^Period/ }));
      fireEvent.change(await within(section).findByRole('textbox', { name: 'Months' }), { target: { value: '6' } });
      await openSection('Rules and runs');
      expect(within(section).queryByRole('button', { name: 'Export service rules' })).toBeNull();
      expect(within(section).queryByRole('button', { name: 'Save to workbook' })).toBeNull();
      fireEvent.click(within(section).getByRole('button', { name: 'Export RFM rules' }));
      expect(await within(section).findByText('Exported the rules file “rfm-rules.json”.')).toBeTruthy();
      const [file] = await downloads.files();
      expect(file!.name).toBe('rfm-rules.json');
      const expected = getRfmPreset();
      expected.weights = { recency: 1, frequency: 1, monetary: 2 };
      expected.period = { months: 6 };
      expect(anyRulesFromText(file!.text, file!.name)).toEqual({ kind: 'rfm', rules: expected });

      // Weights that cannot score give no file.
      for (const name of ['R (recency)', 'F (frequency)', 'M (monetary)'])
        fireEvent.change(within(section).getByRole('spinbutton', { name }), { target: { value: '0' } });
      expect((within(section).getByRole('button', { name: 'Export RFM rules' }) as HTMLButtonElement).disabled).toBe(true);

      // The file imported: its weights and months are those in use again, and it exports as it was.
      importFile(section, file!.name, file!.text);
      await within(section).findByText(/^Imported the RFM rules “RFM segments”/);
      expect(
        ['R (recency)', 'F (frequency)', 'M (monetary)'].map((name) => (within(section).getByRole('spinbutton', { name }) as HTMLInputElement).value),
      ).toEqual(['1', '1', '2']);
      expect((within(section).getByRole('textbox', { name: 'Months' }) as HTMLInputElement).placeholder).toBe('6');
      fireEvent.click(within(section).getByRole('button', { name: 'Export RFM rules' }));
      await waitFor(async () => expect(await downloads.files()).toHaveLength(2));
      expect((await downloads.files())[1]).toEqual(file);
    } finally {
      downloads.restore();
    }
  });
});
