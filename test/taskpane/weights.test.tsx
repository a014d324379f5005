/** @jest-environment jsdom */
import './setup';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import type { RuleSet } from '../../src/engine/rules';
import { prepareWorkbook, previewPrepared, scorePrepared, type PreparedRun } from '../../src/engine/run';
import type { RawCell } from '../../src/engine/types';
import type { Prepared, ScoreRequest } from '../../src/excel/ops';
import type { WorkbookScan } from '../../src/excel/find';
import { getPreset } from '../../src/presets';
import { setBand, setCutOff, setWeight } from '../../src/taskpane/edit';
import { tierMoves } from '../../src/taskpane/PreviewSection';
import { EVALUATION_HEADER, SEED_000_ROW, sheet } from '../helpers/grid';
import { fakeOps, openSection, renderApp, sectionHeader, sourceOf } from './helpers';

jest.setTimeout(20_000);

const evaluation = getPreset('evaluation');
const satisfaction = evaluation.indicators.findIndex((i) => i.id === 'satisfaction');

/** Six customers on rows 4-9 of 客户评估 (the candidate's A3:K9): some hinge on satisfaction. */
const ROWS: RawCell[][] = [
  SEED_000_ROW,
  ['乙公司', '3年', '高增长', 15, 0.98, 3.0, '95%', '85%', '主动尝试', 'AAA级', '100%'],
  ['丙公司', '1年', '稳定', 8, 0.92, 4.9, '85%', '60%', '主动尝试', 'A级', '95%'],
  ['丁公司', 0.5, '衰退', 4, 0.85, 4.8, 0.7, 0.3, '无意愿', 'A级', 0.88],
  ['戊公司', '2年', '高增长', 12, 0.96, 3.5, '92%', '82%', '主动尝试', 'AAA级', '100%'],
  ['己公司', '3年', '高增长', 15, 0.98, 4.0, '95%', '85%', '主动尝试', 'AAA级', '100%'],
];

/** A fake `prepare` that reads a real grid with the engine, remembering what it returned. */
function preparingOps() {
  const seen: { last?: Prepared } = {};
  const ops = fakeOps({
    prepare: async (_scan: WorkbookScan, request: ScoreRequest) => {
      // 回款及时率: 98 typed under the (%) header, the others %-formatted cells holding fractions (as Excel gives them).
      const formats = [[], [], [], [], ...ROWS.slice(1).map(() => [null, null, null, null, '0%'])];
      const grids = [{ ...sheet('客户评估', [[], [], EVALUATION_HEADER, ...ROWS]), formats }];
      const prepared = prepareWorkbook(grids, { rules: request.rules, asOf: request.asOf, tables: { evaluation: request.evaluation!, followUp: null } });
      seen.last = { prepared, grids, columns: ['score', 'tier', 'flags'], source: sourceOf(request.evaluation!) };
      return seen.last;
    },
  });
  return { ops, seen };
}

function barName(prepared: PreparedRun, rules: RuleSet): string {
  const preview = previewPrepared(prepared, rules);
  return `Customers per tier: ${rules.tiers.map((t) => `${t.label.en} ${preview.summary.tiers[t.id]}`).join(', ')}`;
}

function movesSentence(prepared: PreparedRun, rules: RuleSet): string {
  const { up, down } = tierMoves(previewPrepared(prepared, evaluation), previewPrepared(prepared, rules));
  if (up === 0 && down === 0) return 'Against the preset, no customer changes tier.';
  return `${up} ${up === 1 ? 'customer moves' : 'customers move'} up, ${down} down (against the preset).`;
}

const weightInput = (label: string) => screen.getByRole('spinbutton', { name: `Weight of ${label} (%)` }) as HTMLInputElement;
const satisfactionLabel = evaluation.indicators[satisfaction]!.label.en;

/** The panel with its preview drawn, and the tuning sections given open. */
async function ready(...sections: string[]) {
  const { ops, seen } = preparingOps();
  renderApp(ops);
  await screen.findByRole('img', { name: /^Customers per tier:/ }, { timeout: 5000 });
  for (const section of sections) await openSection(section);
  return { ops, prepared: () => seen.last!.prepared };
}

describe('weights, bands and the live preview', () => {
  it('shows each weight, its share of the positive total and the "not 100 %" notice (evaluation: 140 %)', async () => {
    await ready('Weights');
    expect(screen.getByText('Weights add up to 140%; scores are normalised.')).toBeTruthy();
    expect(weightInput(satisfactionLabel).value).toBe('25');
    // 25 ÷ 140 and 10 ÷ 140.
    expect(screen.getByText('Share 18%')).toBeTruthy();
    expect(screen.getAllByText('Share 7%').length).toBe(evaluation.indicators.filter((i) => i.weight === 10).length);
    expect(screen.getAllByRole('slider')).toHaveLength(evaluation.indicators.length);
    // The bands and cut-offs are in their own section, not mounted until opened.
    expect(screen.queryByRole('spinbutton', { name: 'Lowest score for Strategic' })).toBeNull();
    await openSection('Bands and cut-offs');
    // One cut-off per tier but the last.
    expect(screen.getByRole('spinbutton', { name: 'Lowest score for Strategic' })).toBeTruthy();
    expect(screen.queryByRole('spinbutton', { name: 'Lowest score for Watch' })).toBeNull();
    // Unedited: no tier moves to speak of.
    expect(screen.queryByText(/Against the preset/)).toBeNull();
  });

  it('a weight edit changes the preview counts and the moves before anything is written; prepare runs once', async () => {
    const { ops, prepared } = await ready('Weights');
    const before = barName(prepared(), evaluation);
    expect(screen.getByRole('img', { name: before })).toBeTruthy();

    const edited = setWeight(evaluation, evaluation, satisfaction, 100);
    expect(barName(prepared(), edited)).not.toBe(before);
    fireEvent.change(weightInput(satisfactionLabel), { target: { value: '100' } });
    expect(await screen.findByRole('img', { name: barName(prepared(), edited) })).toBeTruthy();
    const moves = movesSentence(prepared(), edited);
    expect(moves).toBe('1 customer moves up, 3 down (against the preset).'); // one: singular
    expect(screen.getByText(moves)).toBeTruthy();
    expect(screen.getByText('Share 47%')).toBeTruthy(); // 100 ÷ 215
    expect((await sectionHeader('Weights')).textContent).toBe('Weightsedited');
    expect((await sectionHeader('Bands and cut-offs')).textContent).toBe('Bands and cut-offs');

    for (const value of ['60', '5', '40']) fireEvent.change(weightInput(satisfactionLabel), { target: { value } });
    const last = setWeight(evaluation, evaluation, satisfaction, 40);
    expect(await screen.findByRole('img', { name: barName(prepared(), last) })).toBeTruthy();
    expect(ops.prepare).toHaveBeenCalledTimes(1);
    expect(ops.apply).not.toHaveBeenCalled();
    expect(ops.score).not.toHaveBeenCalled();
  });

  it('an invalid cut-off order shows the sentence; the preview keeps the last valid rules and Apply waits', async () => {
    const { prepared } = await ready('Weights', 'Bands and cut-offs');
    fireEvent.change(weightInput(satisfactionLabel), { target: { value: '100' } });
    const valid = setWeight(evaluation, evaluation, satisfaction, 100);
    await screen.findByRole('img', { name: barName(prepared(), valid) });

    fireEvent.change(screen.getByRole('spinbutton', { name: 'Lowest score for Key' }), { target: { value: '95' } });
    expect(await screen.findByText('Cut-off of “Key”: cut-offs must descend. The preview still shows the last valid rules.')).toBeTruthy();
    // The invalid rules would count differently; the preview still shows the valid ones.
    expect(screen.getByRole('img', { name: barName(prepared(), valid) })).toBeTruthy();
    expect(screen.getByText('The current edits are invalid; the preview shows the last valid rules.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Apply scores' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/the edited rules are invalid/)).toBeTruthy();

    // A valid order again: the cut-off edit counts.
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Lowest score for Key' }), { target: { value: '60' } });
    const next = setCutOff(valid, 1, 60);
    expect(await screen.findByRole('img', { name: barName(prepared(), next) })).toBeTruthy();
    expect(screen.queryByText(/cut-offs must descend/)).toBeNull();
  });

  it('invalid edits: the blocked Apply’s one click opens the section where the problem is and shows it', async () => {
    await ready('Bands and cut-offs');
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Lowest score for Key' }), { target: { value: '95' } });
    await screen.findByText(/cut-offs must descend/);
    fireEvent.click(await sectionHeader('Bands and cut-offs')); // closed again: the sentence goes with it
    await waitFor(() => expect(screen.queryByText(/cut-offs must descend/)).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Show the invalid setting' }));
    const problem = await screen.findByText('Cut-off of “Key”: cut-offs must descend. The preview still shows the last valid rules.');
    await waitFor(() => expect(document.activeElement).toBe(problem.closest('#rules-problem')));
    expect((await sectionHeader('Bands and cut-offs')).getAttribute('aria-expanded')).toBe('true');
  });

  it('a category band’s points (行业 高增长) are editable too and move the preview like any edit', async () => {
    const { prepared } = await ready('Bands and cut-offs');
    const industry = evaluation.indicators.findIndex((i) => i.id === 'industryGrowth');
    const high = evaluation.indicators[industry]!.bands.findIndex((b) => 'label' in b && b.label === '高增长');
    fireEvent.click(screen.getByRole('button', { name: 'Industry growth potential' }));
    const points = (await screen.findByRole('spinbutton', { name: 'Points for “高增长”' })) as HTMLInputElement;
    expect(points.value).toBe('30');
    fireEvent.change(points, { target: { value: '0' } });
    const edited = setBand(evaluation, industry, high, 'points', 0);
    expect(barName(prepared(), edited)).not.toBe(barName(prepared(), evaluation));
    expect(await screen.findByRole('img', { name: barName(prepared(), edited) })).toBeTruthy();
  });

  it('reset restores the preset', async () => {
    const { prepared } = await ready('Weights', 'Bands and cut-offs');
    const [reset] = screen.getAllByRole('button', { name: 'Reset to the preset' }) as HTMLButtonElement[];
    expect(reset!.disabled).toBe(true);
    fireEvent.change(weightInput(satisfactionLabel), { target: { value: '100' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Lowest score for Key' }), { target: { value: '95' } });
    await screen.findByText(/cut-offs must descend/);
    fireEvent.click(reset!);
    await waitFor(() => expect(weightInput(satisfactionLabel).value).toBe('25'));
    expect((screen.getByRole('spinbutton', { name: 'Lowest score for Key' }) as HTMLInputElement).value).toBe('70');
    expect(screen.queryByText(/cut-offs must descend/)).toBeNull();
    expect(screen.getByRole('img', { name: barName(prepared(), evaluation) })).toBeTruthy();
    expect(screen.queryByText(/Against the preset/)).toBeNull();
    expect(screen.getByText('Weights add up to 140%; scores are normalised.')).toBeTruthy();
    expect((await sectionHeader('Weights')).textContent).toBe('Weights');
  });

  it('Apply after an edit writes the edited scores from the prepared rows, without scoring again', async () => {
    const { ops, prepared } = await ready('Weights');
    fireEvent.change(weightInput(satisfactionLabel), { target: { value: '100' } });
    const edited = setWeight(evaluation, evaluation, satisfaction, 100);
    await screen.findByRole('img', { name: barName(prepared(), edited) });
    fireEvent.click(screen.getByRole('button', { name: 'Apply scores' }));
    await screen.findByRole('region', { name: 'Results' });
    expect(ops.score).not.toHaveBeenCalled();
    expect(ops.apply).toHaveBeenCalledTimes(1);
    const [scored, language] = ops.apply.mock.calls[0]!;
    expect(language).toBe('en-US');
    const expected = scorePrepared(prepared(), edited);
    expect(scored.run.customers.map((c: { key: string; score: number }) => [c.key, c.score])).toEqual(expected.customers.map((c) => [c.key, c.score]));
    expect(scored.run.customers.map((c: { tier: { id: string } }) => c.tier.id)).toEqual(expected.customers.map((c) => c.tier.id));
    expect(scored.run.rules.indicators[satisfaction].weight).toBe(100);
    expect(scored.grids[0].name).toBe('客户评估');
    // Differs from the preset's scores: the edit was applied.
    expect(expected.customers.map((c) => c.score)).not.toEqual(scorePrepared(prepared(), evaluation).customers.map((c) => c.score));
  });

  it('has no axe violations with the preview shown (colour contrast left out: jsdom does not paint)', async () => {
    const { ops } = preparingOps();
    const { container } = renderApp(ops, 'zh-CN');
    await screen.findByRole('img', { name: /^各等级客户数：/ }, { timeout: 5000 });
    for (const section of ['权重', '分档与分数线']) await openSection(section);
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('speaks Chinese: the notice, the moves, the flags as of the date', async () => {
    const { ops } = preparingOps();
    renderApp(ops, 'zh-CN');
    await screen.findByRole('img', { name: /^各等级客户数：/ }, { timeout: 5000 });
    expect(screen.getByRole('heading', { name: '预警（截至 2024/06/30）' })).toBeTruthy();
    await openSection('权重');
    expect(screen.getByText('权重合计 140%，按比例折算为百分制。')).toBeTruthy();
    fireEvent.change(screen.getByRole('spinbutton', { name: `${evaluation.indicators[satisfaction]!.label.zh}的权重（%）` }), { target: { value: '25.5' } });
    expect(await screen.findByText('与方案默认值相比，没有客户的等级发生变化。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重置为方案默认值' })).toBeTruthy();
    expect((await sectionHeader('权重')).textContent).toBe('权重已修改');
  });
});
