/** @jest-environment jsdom */
import './setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { parseRuleSet, type RuleSet } from '../../src/engine/rules';
import { prepareWorkbook } from '../../src/engine/run';
import type { RawCell } from '../../src/engine/types';
import type { ScoreRequest } from '../../src/excel/ops';
import type { RunRecord, StoredRules } from '../../src/excel/rules-store';
import type { WorkbookScan } from '../../src/excel/find';
import type { Language } from '../../src/i18n/strings';
import { getPreset } from '../../src/presets';
import { setWeight } from '../../src/taskpane/edit';
import { EVALUATION_HEADER, SEED_000_ROW, sheet } from '../helpers/grid';
import { fakeOps, openSection, renderApp, sourceOf } from './helpers';

jest.setTimeout(20_000);

const evaluation = getPreset('evaluation');
const satisfaction = evaluation.indicators.findIndex((i) => i.id === 'satisfaction');
const satisfactionLabel = evaluation.indicators[satisfaction]!.label.en;

const ROWS: RawCell[][] = [
  SEED_000_ROW,
  ['乙公司', '3年', '高增长', 15, 0.98, 3.0, '95%', '85%', '主动尝试', 'AAA级', '100%'],
  ['丙公司', '1年', '稳定', 8, 0.92, 4.9, '85%', '60%', '主动尝试', 'A级', '95%'],
  ['丁公司', 0.5, '衰退', 4, 0.85, 4.8, 0.7, 0.3, '无意愿', 'A级', 0.88],
];

/** Ops whose `prepare` reads a real grid with the engine under the requested rules. */
function preparingOps(more: Parameters<typeof fakeOps>[0] = {}) {
  return fakeOps({
    prepare: async (_scan: WorkbookScan, request: ScoreRequest) => {
      const grids = [sheet('客户评估', [[], [], EVALUATION_HEADER, ...ROWS])];
      const prepared = prepareWorkbook(grids, { rules: request.rules, asOf: request.asOf, tables: { evaluation: request.evaluation!, followUp: null } });
      return { prepared, grids, columns: ['score', 'tier', 'flags'], source: sourceOf(request.evaluation!) };
    },
    ...more,
  });
}

/** The panel with its preview drawn and the rules section open (and the weights, where edits are made). */
async function ready(language: Language = 'en-US', more: Parameters<typeof fakeOps>[0] = {}) {
  const ops = preparingOps(more);
  const view = renderApp(ops, language);
  await screen.findByRole('img', { name: language === 'en-US' ? /^Customers per tier:/ : /^各等级客户数：/ }, { timeout: 5000 });
  await openSection(language === 'en-US' ? 'Rules and runs' : '规则与记录');
  await openSection(language === 'en-US' ? 'Weights' : '权重');
  return { ops, view };
}

function fileInput(): HTMLInputElement {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement | null;
  if (!input) throw new Error('no file input');
  return input;
}

function importFile(name: string, text: string): void {
  const input = fileInput();
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

function copyOf(rules: RuleSet, change: (copy: RuleSet) => void): RuleSet {
  const copy = structuredClone(rules);
  change(copy);
  return copy;
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

describe('the rules section', () => {
  it('imports a good rules file: it becomes the rules in use and the preview follows its labels', async () => {
    await ready();
    const platinum = copyOf(evaluation, (r) => {
      r.id = 'evaluation-platinum';
      r.label = { zh: '白金评估', en: 'Platinum evaluation' };
      r.tiers[0]!.label = { zh: '白金', en: 'Platinum' };
    });
    importFile('platinum.rules.json', JSON.stringify(platinum));
    expect(await screen.findByText('Imported the “Platinum evaluation” rules (file “platinum.rules.json”); the preview follows them.')).toBeTruthy();
    const bar = await screen.findByRole('img', { name: /Platinum \d+/ }, { timeout: 5000 });
    expect(bar.getAttribute('aria-label')).not.toContain(evaluation.tiers[0]!.label.en);
    expect(screen.getByRole('combobox', { name: 'Scoring rules' }).textContent).toContain('Imported rules (Platinum evaluation)');
    await openSection('Bands and cut-offs');
    expect(screen.getByRole('spinbutton', { name: 'Lowest score for Platinum' })).toBeTruthy();
  });

  it('says a broken JSON file is not valid JSON, and keeps the rules', async () => {
    await ready();
    importFile('broken.json', '{"schemaVersion": 1,');
    const alert = await screen.findByText(/^The rules file “broken\.json” is not valid JSON: .+\.$/);
    expect(alert).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Scoring rules' }).textContent).toContain(evaluation.label.en);
  });

  it.each([
    ['en-US', 'The rules file “bad.json” is not valid: field tiers[1].min cut-offs must descend.'],
    ['zh-CN', '规则文件「bad.json」无效：字段 tiers[1].min 分数线必须从高到低排列。'],
  ] as const)('names the bad field of a rules file in the panel language (%s)', async (language, sentence) => {
    await ready(language);
    const bad = copyOf(evaluation, (r) => {
      r.tiers[1]!.min = r.tiers[0]!.min! + 5;
    });
    importFile('bad.json', JSON.stringify(bad));
    expect(await screen.findByText(sentence)).toBeTruthy();
  });

  it('refuses a rules file from a newer version', async () => {
    await ready();
    importFile('future.json', JSON.stringify({ ...evaluation, schemaVersion: 7 }));
    expect(await screen.findByText('The rules file “future.json” comes from a newer version (7); update the add-in to use it.')).toBeTruthy();
  });

  it('exports the edited rules as <id>.rules.json whose content parses back to them', async () => {
    const blobs: Blob[] = [];
    const create = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:rules';
    });
    const revoke = jest.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const links: HTMLAnchorElement[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      links.push(this);
    });
    try {
      await ready();
      fireEvent.change(screen.getByRole('spinbutton', { name: `Weight of ${satisfactionLabel} (%)` }), { target: { value: '40' } });
      fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
      expect(await screen.findByText('Exported the rules file “evaluation.rules.json”.')).toBeTruthy();
      expect(links).toHaveLength(1);
      expect(links[0]!.download).toBe('evaluation.rules.json');
      expect(links[0]!.href).toBe('blob:rules');
      expect(links[0]!.isConnected).toBe(false);
      const parsed = parseRuleSet(JSON.parse(await blobText(blobs[0]!)));
      expect(parsed.ok).toBe(true);
      const expected = parseRuleSet(setWeight(evaluation, evaluation, satisfaction, 40));
      expect(parsed.ok && expected.ok && parsed.rules).toEqual(expected.ok && expected.rules);
      await waitFor(() => expect(revoke).toHaveBeenCalledWith('blob:rules'));
    } finally {
      click.mockRestore();
    }
  });

  it('saves the edited rules and the mapping in the workbook', async () => {
    const { ops } = await ready();
    fireEvent.change(screen.getByRole('spinbutton', { name: `Weight of ${satisfactionLabel} (%)` }), { target: { value: '40' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save to workbook' }));
    expect(await screen.findByText('The rules and mapping were saved in the workbook.')).toBeTruthy();
    expect(ops.storeRules).toHaveBeenCalledTimes(1);
    const [rules, mapping] = ops.storeRules.mock.calls[0]!;
    expect(rules.indicators[satisfaction].weight).toBe(40);
    expect(rules.id).toBe('evaluation');
    expect(mapping.evaluation).toEqual({ sheet: '客户评估', range: 'A3:K9', name: '客户评估表' });
    expect(mapping.followUp).toEqual({ sheet: '跟进记录', range: 'A2:G7' });
    expect(mapping.indicators[evaluation.indicators[0]!.id]).toBe('合作时长（年）');
  });

  it('after saving, the stored rules are offered and their record shown at once, without reading the tables again', async () => {
    let stored: StoredRules | null = null;
    const { ops } = await ready('en-US', {
      loadStoredRules: async () => stored,
      storeRules: async (rules: RuleSet, mapping: StoredRules['mapping']) => {
        stored = { rules, mapping, savedAt: '2024-06-30T08:00:00.000Z', runs: [] };
      },
    });
    fireEvent.click(screen.getByRole('combobox', { name: 'Scoring rules' }));
    expect(screen.queryByRole('option', { name: /^Rules stored in the workbook/ })).toBeNull();
    fireEvent.click(screen.getByRole('combobox', { name: 'Scoring rules' })); // close the list
    fireEvent.change(screen.getByRole('spinbutton', { name: `Weight of ${satisfactionLabel} (%)` }), { target: { value: '40' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save to workbook' }));
    await waitFor(() => expect(ops.loadStoredRules).toHaveBeenCalledTimes(2));
    fireEvent.click(screen.getByRole('combobox', { name: 'Scoring rules' }));
    expect(await screen.findByRole('option', { name: `Rules stored in the workbook (${evaluation.label.en})` })).toBeTruthy();
    expect(ops.scan).toHaveBeenCalledTimes(1);
    expect(ops.prepare).toHaveBeenCalledTimes(1);
    // The user's edit is still there (the preset stays chosen).
    expect((screen.getByRole('spinbutton', { name: `Weight of ${satisfactionLabel} (%)` }) as HTMLInputElement).value).toBe('40');
  });

  it('says why saving failed', async () => {
    await ready('en-US', {
      storeRules: async () => {
        throw new Error('boom');
      },
    });
    jest.spyOn(console, 'error').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Save to workbook' }));
    expect(await screen.findByText(/^Something unexpected went wrong/)).toBeTruthy();
    (console.error as jest.Mock).mockRestore();
  });

  it('shows the last five runs the workbook records, newest first', async () => {
    const runs: RunRecord[] = Array.from({ length: 7 }, (_, i) => ({
      at: `2024-06-0${i + 1}T08:30:00.000Z`,
      preset: 'evaluation',
      rulesHash: `${i}abcdef0123456789`,
      asOf: `2024-06-0${i + 1}`,
      customers: 10 + i,
      tiers: { [evaluation.tiers[0]!.id]: i, [evaluation.tiers[1]!.id]: 10 },
      by: i === 6 ? '王经理' : '',
    }));
    const stored: StoredRules = { rules: evaluation, mapping: { indicators: {} }, savedAt: '2024-06-07T08:30:00.000Z', runs };
    await ready('en-US', { loadStoredRules: async () => stored });
    const table = screen.getByRole('table', { name: 'The last 5 of 7 runs' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(5);
    const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
    const cells = within(rows[0]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual([
      when.format(new Date(runs[6]!.at)),
      '王经理',
      evaluation.label.en,
      '6abcdef0',
      '16',
      `${evaluation.tiers[0]!.label.en} 6, ${evaluation.tiers[1]!.label.en} 10`,
    ]);
    expect(
      within(rows[4]!)
        .getAllByRole('cell')
        .map((c) => c.textContent)
        .slice(1, 4),
    ).toEqual(['—', evaluation.label.en, '2abcdef0']);
  });

  it('a workbook of the evaluation table alone: the weighted rules are exported as before, no other analysis’s rules', async () => {
    await ready();
    expect(screen.getByRole('button', { name: 'Export JSON' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Export (scoring|service|RFM) rules$/ })).toBeNull();
  });

  it('shows no run table when the workbook records none', async () => {
    await ready();
    expect(screen.queryByRole('table', { name: /runs/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Save to workbook' })).toBeTruthy();
  });
});
