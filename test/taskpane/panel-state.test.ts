/**
 * The pane's reducer as a plain function (no DOM): every phase the panel shows, and the races
 * of its asynchronous jobs — a refresh during Apply, and an answer that arrives after a newer request.
 */
import { ScoringError } from '../../src/engine/errors';
import { EmulatedExcel } from '../../src/emulator';
import type { WorkbookScan } from '../../src/excel/find';
import { createWorkbookOps, type AnalysesApplied } from '../../src/excel/ops';
import { getRfmPreset, getServicePreset } from '../../src/presets';
import { seed001Analyses, seed003Survey, transactionsWorkbook } from '../fixtures/analyses';
import { buildWorkbook, type FixtureSpec } from '../fixtures/build';
import { prepareWorkbook } from '../../src/engine/run';
import { propose } from '../../src/excel/find';
import type { Prepared } from '../../src/excel/ops';
import type { StoredRules } from '../../src/excel/rules-store';
import { setCutOff, setWeight } from '../../src/taskpane/edit';
import {
  analysisRulesIn,
  initialPanel,
  panelReducer,
  panelView,
  readInputs,
  selectionOf,
  type PanelEvent,
  type PanelState,
  type PanelView,
} from '../../src/taskpane/panel-state';
import { EVALUATION_HEADER, SEED_000_ROW, serial, sheet } from '../helpers/grid';
import { APPLIED, AS_OF, PRESETS, candidate, evaluationScan, evaluationScored, sourceOf } from './fixtures';

const ops = { propose };
/** The panel's own preset objects (getPreset gives copies): the rules in use are compared by identity. */
const preset = (id: string) => PRESETS.find((p) => p.id === id)!;
const evaluation = preset('evaluation');
const grading = preset('grading');

function start(language: 'en-US' | 'zh-CN' = 'en-US'): PanelState {
  return initialPanel({ language, presets: PRESETS, asOf: AS_OF });
}

function after(state: PanelState, ...events: PanelEvent[]): PanelState {
  return events.reduce(panelReducer, state);
}

function view(state: PanelState): PanelView {
  return panelView(state, selectionOf(state, ops), ops);
}

/** The scan's answer as the hook sends it: the evaluation table found, the preset it proposes. */
function loaded(request: number, headers: string[] = EVALUATION_HEADER, stored: StoredRules | null = null): PanelEvent {
  return {
    type: 'loaded',
    request,
    workbook: { scan: evaluationScan(headers), stored },
    choice: stored ? { kind: 'stored' } : { kind: 'preset', id: 'evaluation' },
  };
}

/** A ready panel: loaded under request 1. */
function ready(headers?: string[]): PanelState {
  return after(start(), { type: 'load', request: 1 }, loaded(1, headers));
}

/** Rows read for the preview (the engine's own read of a grid shaped like the scan's table). */
function preparedFor(state: PanelState): Prepared {
  const table = selectionOf(state, ops)!.evaluation!;
  const grids = [sheet('客户评估', [[], [], EVALUATION_HEADER, SEED_000_ROW])];
  const prepared = prepareWorkbook(grids, { rules: evaluation, asOf: state.asOf.day, tables: { evaluation: table, followUp: null } });
  return { prepared, grids, columns: ['score', 'tier', 'flags'], source: sourceOf(table) };
}

/** The preview's read started for the current selection under `request`. */
function prepare(state: PanelState, request: number): PanelEvent {
  return { type: 'prepare', request, inputs: readInputs(state) };
}

describe('the pane reducer: phases', () => {
  it('starts loading, with the as-of date in the pane language', () => {
    expect(view(start()).kind).toBe('loading');
    expect(start('en-US').asOf).toEqual({ text: '6/30/2024', day: AS_OF, valid: true });
    expect(start('zh-CN').asOf).toEqual({ text: '2024/06/30', day: AS_OF, valid: true });
    expect(view(after(start(), { type: 'load', request: 1 })).kind).toBe('loading');
  });

  it('ready: the proposed preset, the preview loading until its read answers, then its rows', () => {
    const state = ready();
    const shown = view(state);
    expect(shown.kind).toBe('ready');
    if (shown.kind !== 'ready') return;
    expect(shown.selection.rules).toBe(evaluation);
    expect(shown.selection.evaluation?.name).toBe('客户评估表');
    expect(shown.preview).toEqual({ status: 'loading' });
    expect(shown.edited).toEqual({ mapping: false, weights: false, bands: false, rules: false });

    const data = preparedFor(state);
    const previewed = after(state, prepare(state, 2), { type: 'prepared', request: 2, data });
    const withRows = view(previewed);
    expect(withRows.kind === 'ready' && withRows.preview).toEqual({ status: 'ready', data });
  });

  it('a preview read that fails is shown as failed, with its error', () => {
    const state = ready();
    const error = new ScoringError('sheet-protected', { sheet: '客户评估' });
    const failed = view(after(state, prepare(state, 2), { type: 'prepare-failed', request: 2, error }));
    expect(failed.kind === 'ready' && failed.preview).toEqual({ status: 'failed', error });
  });

  it('no table: the rules in use find none; the tables found and the rules that find one are offered', () => {
    // Stored evaluation rules, and a workbook whose only table has the maintenance plan's columns.
    const stored: StoredRules = { rules: evaluation, mapping: { indicators: {} }, savedAt: '2024-06-30T08:00:00.000Z', runs: [] };
    const scan = { sheets: [], candidates: [candidate(['客户名称', '利润贡献', '合作意愿', '需求扩展性'])] };
    const state = after(start(), { type: 'load', request: 1 }, { type: 'loaded', request: 1, workbook: { scan, stored }, choice: { kind: 'stored' } });
    const shown = view(state);
    expect(shown.kind).toBe('no-table');
    if (shown.kind !== 'no-table') return;
    expect(shown.offers).toEqual([{ kind: 'preset', id: 'maintenance' }]);
    expect(shown.workbook.scan.candidates).toHaveLength(1);
    // Taking the offer: the table is found; the maintenance plan's other indicators have no column.
    const taken = view(after(state, { type: 'choose-rules', choice: { kind: 'preset', id: 'maintenance' } }));
    expect(taken.kind === 'blocked' && taken.block).toEqual({ code: 'unmapped', indicators: ['revenue12m', 'industryOutlook', 'churnWarning'] });
    // Or choosing the table by hand under the stored rules: it has a customer name, none of their indicators.
    const picked = view(after(state, { type: 'pick-table', index: 0 }));
    expect(picked.kind === 'blocked' && picked.block.code).toBe('unmapped');
  });

  it('no table at all: nothing to offer', () => {
    const state = after(
      start(),
      { type: 'load', request: 1 },
      {
        type: 'loaded',
        request: 1,
        workbook: { scan: { sheets: [], candidates: [] }, stored: null },
        choice: { kind: 'preset', id: 'evaluation' },
      },
    );
    const shown = view(state);
    expect(shown.kind === 'no-table' && shown.offers).toEqual([]);
  });

  it('mapping incomplete: Apply is blocked naming the required indicators without a column; choosing a column unblocks it', () => {
    const headers = EVALUATION_HEADER.map((h) => (h === '合同履约率' ? '甲列' : h));
    const state = ready(headers);
    const shown = view(state);
    expect(shown.kind === 'blocked' && shown.block).toEqual({ code: 'unmapped', indicators: ['contractFulfilment'] });
    // No preview for a table that cannot be scored.
    expect(shown.kind === 'blocked' && shown.preview).toBeUndefined();
    const mapped = after(state, { type: 'map-column', indicator: 'contractFulfilment', header: '甲列' });
    expect(view(mapped).kind).toBe('ready');
    expect(view(mapped).kind === 'ready' && (view(mapped) as { edited: { mapping: boolean } }).edited.mapping).toBe(true);
    // Not tracked: scored without it, also unblocks.
    expect(view(after(state, { type: 'score-without', indicator: 'contractFulfilment' })).kind).toBe('ready');
    // Back to matching by header: blocked again.
    expect(view(after(mapped, { type: 'reset-mapping' })).kind).toBe('blocked');
  });

  it('a table without a customer name or ID column blocks Apply; so does a table without the indicators', () => {
    const scan = evaluationScan();
    const minutes = candidate(['时间', '地点', '议题'], { sheet: '杂项', name: undefined, source: 'range' });
    const state = after(
      start(),
      { type: 'load', request: 1 },
      {
        type: 'loaded',
        request: 1,
        workbook: { scan: { ...scan, candidates: [...scan.candidates, minutes] }, stored: null },
        choice: { kind: 'preset', id: 'evaluation' },
      },
    );
    const noKey = view(after(state, { type: 'pick-table', index: 2 }));
    expect(noKey.kind === 'blocked' && noKey.block).toEqual({ code: 'no-key' });
    expect(noKey.kind === 'blocked' && noKey.edited.mapping).toBe(true);
    // The follow-up log has 客户名称 but none of the indicators: every required one is named.
    const log = view(after(state, { type: 'pick-table', index: 1 }));
    expect(log.kind === 'blocked' && log.block).toEqual({ code: 'unmapped', indicators: evaluation.indicators.map((i) => i.id) });
  });

  it('invalid edits and a date that is not one block Apply; the preview keeps the last valid rules and date', () => {
    const state = ready();
    const invalid = after(state, { type: 'draft', draft: setCutOff(evaluation, 1, 95) });
    const shown = view(invalid);
    expect(shown.kind === 'blocked' && shown.block).toEqual({ code: 'invalid-rules' });
    expect(shown.kind === 'blocked' && shown.edit.valid).toBe(evaluation);
    expect(shown.kind === 'blocked' && shown.edited).toEqual({ mapping: false, weights: false, bands: true, rules: false });

    const badDate = after(state, { type: 'as-of', text: '2024/13/01' });
    expect(badDate.asOf).toEqual({ text: '2024/13/01', day: AS_OF, valid: false });
    const dated = view(badDate);
    expect(dated.kind === 'blocked' && dated.block).toEqual({ code: 'as-of' });
    const good = after(badDate, { type: 'as-of', text: '7/31/2024' });
    expect(good.asOf).toEqual({ text: '7/31/2024', day: serial('2024-07-31'), valid: true });
    expect(view(good).kind).toBe('ready');
  });

  it('a weight edit marks the weights edited; reset forgets the edits', () => {
    const edited = after(ready(), { type: 'draft', draft: setWeight(evaluation, evaluation, 4, 40) });
    const shown = view(edited);
    expect(shown.kind === 'ready' && shown.edited).toEqual({ mapping: false, weights: true, bands: false, rules: false });
    expect(shown.kind === 'ready' && shown.edit.valid.indicators[4]!.weight).toBe(40);
    const reset = view(after(edited, { type: 'reset-rules' }));
    expect(reset.kind === 'ready' && reset.edit.valid).toBe(evaluation);
  });

  it('other rules chosen: the rules section is marked edited and the edits of the former rules are dropped', () => {
    const state = after(
      ready(),
      { type: 'draft', draft: setWeight(evaluation, evaluation, 4, 40) },
      { type: 'choose-rules', choice: { kind: 'preset', id: 'grading' } },
    );
    const shown = view(state);
    expect(shown.kind === 'blocked' || shown.kind === 'no-table' ? shown.edit.valid : undefined).toBe(grading);
    expect(shown.kind !== 'loading' && shown.kind !== 'error' && shown.kind !== 'done' && shown.edited.rules).toBe(true);
  });

  it('applying: scoring, then writing with its progress, then done with the run written', () => {
    const state = ready();
    const applying = after(state, { type: 'apply', request: 2 });
    expect(view(applying)).toMatchObject({ kind: 'applying', step: 'scoring' });
    const writing = after(applying, { type: 'scored', request: 2 }, { type: 'progress', request: 2, progress: 0.5 });
    expect(view(writing)).toMatchObject({ kind: 'applying', step: 'writing', progress: 0.5 });
    // Choices are refused while applying.
    expect(after(writing, { type: 'pick-table', index: 1 }, { type: 'as-of', text: '1/1/2024' }, { type: 'by', name: 'x' })).toBe(writing);

    const scored = evaluationScored();
    const written = { ...APPLIED, run: scored.run };
    const done = after(writing, { type: 'applied', request: 2, scored, applied: written });
    const shown = view(done);
    expect(shown.kind).toBe('done');
    expect(shown.kind === 'done' && shown.scored?.run).toBe(written.run);
    expect(done.lastRun).toBe(written.run);
    // Back to the tables.
    expect(view(after(done, { type: 'load', request: 3 })).kind).toBe('loading');
  });

  it('Apply is refused unless the panel is ready', () => {
    const loading = after(start(), { type: 'load', request: 1 });
    expect(after(loading, { type: 'apply', request: 2 })).toBe(loading);
  });

  it('error: a failed scan, and a failed Apply, show the error; a refresh starts over', () => {
    const error = new ScoringError('sheet-protected', { sheet: '客户评估' });
    const scanFailed = after(start(), { type: 'load', request: 1 }, { type: 'load-failed', request: 1, error });
    expect(view(scanFailed)).toEqual({ kind: 'error', error });
    const applyFailed = after(ready(), { type: 'apply', request: 2 }, { type: 'apply-failed', request: 2, error });
    expect(view(applyFailed)).toEqual({ kind: 'error', error });
    expect(view(after(applyFailed, { type: 'load', request: 3 }, loaded(3))).kind).toBe('ready');
  });

  it('the stored rules read again after a save replace those of the scan, unless the panel moved on', () => {
    const stored: StoredRules = {
      rules: { ...evaluation, label: { zh: '我们的规则', en: 'Our rules' } },
      mapping: { indicators: {} },
      savedAt: '2024-06-30T08:00:00.000Z',
      runs: [],
    };
    const state = ready();
    expect(after(state, { type: 'stored-read', request: 1, stored }).workbook?.stored).toBe(stored);
    const rescanning = after(state, { type: 'load', request: 2 });
    expect(after(rescanning, { type: 'stored-read', request: 1, stored })).toBe(rescanning);
  });
});

describe('the pane reducer: races', () => {
  it('a refresh during Apply is refused: Apply’s answer lands, and the refused scan’s answer is dropped', () => {
    const applying = after(ready(), { type: 'apply', request: 2 });
    const refreshed = after(applying, { type: 'load', request: 3 });
    expect(refreshed).toBe(applying);
    const scored = evaluationScored();
    const done = after(refreshed, { type: 'scored', request: 2 }, { type: 'applied', request: 2, scored, applied: APPLIED });
    expect(view(done).kind).toBe('done');
    // The scan the refresh started answers late: the summary stays.
    expect(after(done, loaded(3))).toBe(done);
  });

  it('an earlier scan that answers after a newer one started is dropped; the newer one counts', () => {
    const twice = after(start(), { type: 'load', request: 1 }, { type: 'load', request: 2 });
    const late = after(
      twice,
      loaded(
        1,
        EVALUATION_HEADER.filter((h) => h !== '合同履约率'),
      ),
    );
    expect(late).toBe(twice);
    expect(view(late).kind).toBe('loading');
    const answered = after(late, loaded(2));
    expect(view(answered).kind).toBe('ready');
    // …and its failure, arriving later still, changes nothing.
    expect(after(answered, { type: 'load-failed', request: 1, error: new Error('late') })).toBe(answered);
  });

  it('a preview read that answers after a newer read started (another table, another date) is dropped', () => {
    const state = ready();
    const first = after(state, prepare(state, 2));
    const redated = after(first, { type: 'as-of', text: '7/31/2024' });
    const second = after(redated, prepare(redated, 3));
    const stale = preparedFor(state);
    expect(after(second, { type: 'prepared', request: 2, data: stale })).toBe(second);
    const shown = view(second);
    expect(shown.kind === 'ready' && shown.preview).toEqual({ status: 'loading' });
    const fresh = preparedFor(redated);
    const answered = view(after(second, { type: 'prepared', request: 3, data: fresh }));
    expect(answered.kind === 'ready' && answered.preview).toEqual({ status: 'ready', data: fresh });
  });

  it('rows read for another selection are not shown, even before the new read starts', () => {
    const state = ready();
    const previewed = after(state, prepare(state, 2), { type: 'prepared', request: 2, data: preparedFor(state) });
    const moved = after(previewed, { type: 'map-column', indicator: 'tenure', header: '合作时长（年）' });
    const shown = view(moved);
    expect(shown.kind === 'ready' && shown.preview).toEqual({ status: 'loading' });
  });

  it('Apply’s late progress after it failed, and a second Apply’s answers under a refused request, are dropped', () => {
    const failed = after(ready(), { type: 'apply', request: 2 }, { type: 'apply-failed', request: 2, error: new Error('x') });
    expect(after(failed, { type: 'progress', request: 2, progress: 0.9 })).toBe(failed);
    const applying = after(ready(), { type: 'apply', request: 2 });
    expect(after(applying, { type: 'apply', request: 3 })).toBe(applying);
    expect(after(applying, { type: 'applied', request: 3, scored: evaluationScored(), applied: APPLIED })).toBe(applying);
  });
});

/** A real scan of a fixture workbook on the emulated Excel, and ops that read it. */
async function scanned(spec: FixtureSpec) {
  const excel = await EmulatedExcel.fromXlsx(await buildWorkbook(spec));
  const realOps = createWorkbookOps({ run: excel.run });
  const scan = await realOps.scan(PRESETS);
  return { scan, realOps };
}

/** A panel ready on a scan, under the preset the scan proposes. */
function readyOn(scan: WorkbookScan, language: 'en-US' | 'zh-CN' = 'en-US'): PanelState {
  const choice = { kind: 'preset', id: propose(scan, PRESETS).rules.id } as const;
  return after(start(language), { type: 'load', request: 1 }, { type: 'loaded', request: 1, workbook: { scan, stored: null }, choice });
}

type Tabbed = Extract<PanelView, { kind: 'ready' | 'blocked' | 'applying' }>;
function tabbed(state: PanelState): Tabbed {
  const shown = view(state);
  if (shown.kind !== 'ready' && shown.kind !== 'blocked' && shown.kind !== 'applying') throw new Error(`the view is ${shown.kind}`);
  return shown;
}

describe('the pane reducer: several analyses', () => {
  it('an evaluation table and a survey (seed 001): both analyses, the evaluation score shown first; a tab shows the survey; one read answers both previews', async () => {
    const { scan, realOps } = await scanned(seed001Analyses);
    const state = readyOn(scan);
    const shown = tabbed(state);
    expect(shown.kind).toBe('ready');
    expect(shown.analyses.kinds).toEqual(['scoring', 'service']);
    expect(shown.analyses.current).toBe('scoring');
    expect(shown.analyses.service?.sheet).toBe('服务评价');
    expect(shown.preview).toEqual({ status: 'loading' });
    expect(shown.analyses.preview).toEqual({ status: 'loading' });

    const onSurvey = after(state, { type: 'choose-analysis', analysis: 'service' });
    expect(tabbed(onSurvey).analyses.current).toBe('service');

    const read = await realOps.prepareAnalyses(scan, {
      asOf: AS_OF,
      scoring: { rules: shown.selection.rules },
      service: getServicePreset(),
      knownRules: PRESETS,
    });
    const answered = tabbed(after(onSurvey, prepare(onSurvey, 2), { type: 'prepared', request: 2, data: read.scoring!, analyses: read }));
    expect(answered.preview).toEqual({ status: 'ready', data: read.scoring });
    expect(answered.analyses.preview).toEqual({ status: 'ready', data: read });
  });

  it('purchases alone: RFM only, shown at once; the weights set by an example and reset; weights that cannot score block Apply', async () => {
    const { scan } = await scanned(transactionsWorkbook);
    const state = readyOn(scan);
    const shown = tabbed(state);
    // The table the weighted presets fit best covers a third of one: no evaluation table beside purchases.
    expect(shown.analyses).toMatchObject({ kinds: ['rfm'], scoring: false, current: 'rfm' });
    expect(shown.analyses.transactions?.sheet).toBe('交易记录');
    expect(shown.analyses.customers?.sheet).toBe('客户');
    expect(shown.analyses.rfm?.weights).toEqual({ recency: 1, frequency: 1, monetary: 1 });
    expect(shown.kind).toBe('ready');

    const maker = after(state, { type: 'rfm-weights', weights: { recency: 1, frequency: 1, monetary: 2 } });
    expect(maker.rfmWeights).toEqual({ recency: 1, frequency: 1, monetary: 2 });
    expect(tabbed(maker).analyses.rfm?.weights).toEqual({ recency: 1, frequency: 1, monetary: 2 });
    // Weights do not read the tables again.
    expect(readInputs(maker)).toEqual(readInputs(state));
    expect(after(maker, { type: 'reset-rfm' }).rfmWeights).toBeNull();

    const none = tabbed(after(state, { type: 'rfm-weights', weights: { recency: 0, frequency: 0, monetary: 0 } }));
    expect(none.kind === 'blocked' && none.block).toEqual({ code: 'rfm-weights' });
    const notANumber = tabbed(after(state, { type: 'rfm-weights', weights: { recency: Number.NaN, frequency: 1, monetary: 1 } }));
    expect(notANumber.kind === 'blocked' && notANumber.block).toEqual({ code: 'rfm-weights' });
  });

  it('the period: a day typed in the pane’s language is read again with; a text that is no day blocks Apply; empty is the rules’ own', async () => {
    const { scan } = await scanned(transactionsWorkbook);
    const state = readyOn(scan);
    const from = after(state, { type: 'period', which: 'from', text: '1/1/2024' });
    expect(from.period.from).toEqual({ text: '1/1/2024', day: serial('2024-01-01'), valid: true });
    expect(readInputs(from)).toMatchObject({ periodFrom: serial('2024-01-01'), periodTo: null });
    const typo = after(from, { type: 'period', which: 'from', text: '1/1/20' });
    // The read keeps the last day the field held.
    expect(typo.period.from).toEqual({ text: '1/1/20', day: serial('2024-01-01'), valid: false });
    const blocked = tabbed(typo);
    expect(blocked.kind === 'blocked' && blocked.block).toEqual({ code: 'period' });
    expect(after(typo, { type: 'period', which: 'from', text: '' }).period.from).toEqual({ text: '', day: null, valid: true });
  });

  it('the period’s months: a whole number from 1 to 120 is read again with and goes into the RFM rules; anything else blocks Apply, keeping the last; reset puts the rules’ own back', async () => {
    const { scan } = await scanned(transactionsWorkbook);
    const state = readyOn(scan);
    expect(state.period.months).toEqual({ text: '', months: null, valid: true });
    expect(readInputs(state).periodMonths).toBeNull();
    // The rfm preset's 12 months.
    expect(tabbed(state).analyses.rfm?.period).toEqual({ months: 12 });

    const six = after(state, { type: 'period-months', text: '6' });
    expect(six.period.months).toEqual({ text: '6', months: 6, valid: true });
    expect(readInputs(six)).toMatchObject({ periodFrom: null, periodTo: null, periodMonths: 6 });
    const sixView = tabbed(six);
    expect(sixView.kind).toBe('ready');
    // The rules scored (and stored on Apply) hold the months; the weights stay the rules' own.
    expect(sixView.analyses.rfm?.period).toEqual({ months: 6 });
    expect(sixView.analyses.rfm?.weights).toEqual({ recency: 1, frequency: 1, monetary: 1 });
    const weighted = tabbed(after(six, { type: 'rfm-weights', weights: { recency: 1, frequency: 2, monetary: 1 } })).analyses.rfm;
    expect([weighted?.weights, weighted?.period]).toEqual([{ recency: 1, frequency: 2, monetary: 1 }, { months: 6 }]);
    // The bounds, and full-width digits as a Chinese input method types them.
    expect(after(state, { type: 'period-months', text: ' 1 ' }).period.months).toEqual({ text: ' 1 ', months: 1, valid: true });
    expect(after(state, { type: 'period-months', text: '１２０' }).period.months).toEqual({ text: '１２０', months: 120, valid: true });

    for (const text of ['0', '121', '6.5', '-3', 'six']) {
      const bad = after(six, { type: 'period-months', text });
      expect(bad.period.months).toEqual({ text, months: 6, valid: false });
      // The read keeps the last valid months.
      expect(readInputs(bad).periodMonths).toBe(6);
      const blocked = tabbed(bad);
      expect(blocked.kind === 'blocked' && blocked.block).toEqual({ code: 'period-months' });
    }
    // Emptied: the rules' own months again.
    expect(after(six, { type: 'period-months', text: '' }).period.months).toEqual({ text: '', months: null, valid: true });

    const reset = after(six, { type: 'period', which: 'to', text: '5/31/2024' }, { type: 'period-months', text: 'x' }, { type: 'reset-period' });
    expect(reset.period).toEqual({
      from: { text: '', day: null, valid: true },
      to: { text: '', day: null, valid: true },
      months: { text: '', months: null, valid: true },
    });
    expect(tabbed(reset).kind).toBe('ready');
    expect(tabbed(reset).analyses.rfm?.period).toEqual({ months: 12 });
    expect(readInputs(reset)).toEqual(readInputs(state));
  });

  it('a survey alone (seed 003): the survey only; picking its table as the evaluation table makes the evaluation score meant', async () => {
    const { scan } = await scanned(seed003Survey);
    const state = readyOn(scan);
    expect(tabbed(state).analyses).toMatchObject({ kinds: ['service'], scoring: false, current: 'service' });
    const picked = tabbed(after(state, { type: 'pick-table', index: 0 }));
    expect(picked.analyses.kinds).toEqual(['scoring']);
  });

  it('Apply of analyses without the scoring ends on their summary alone; a tab can be chosen while Apply runs, the weights and the period cannot', async () => {
    const { scan } = await scanned(transactionsWorkbook);
    const applying = after(readyOn(scan), { type: 'apply', request: 2 });
    expect(after(applying, { type: 'choose-analysis', analysis: 'scoring' }).analysis).toBe('scoring');
    expect(after(applying, { type: 'rfm-weights', weights: { recency: 2, frequency: 1, monetary: 1 } })).toBe(applying);
    expect(after(applying, { type: 'period', which: 'to', text: '5/31/2024' })).toBe(applying);
    expect(after(applying, { type: 'reset-rfm' })).toBe(applying);
    expect(after(applying, { type: 'period-months', text: '6' })).toBe(applying);
    expect(after(applying, { type: 'reset-period' })).toBe(applying);
    const analyses: AnalysesApplied = {
      run: { primary: 'rfm', asOf: AS_OF, warnings: [], unknownServiceCustomers: 0 },
      stats: { syncs: 2, chunks: 1 },
      chartSheets: [],
      tables: [],
      rulesStored: true,
    };
    const done = after(applying, { type: 'applied', request: 2, analyses });
    expect(view(done)).toEqual({ kind: 'done', analyses });
    expect(done.lastRun).toBeNull();
  });

  it('a new scan forgets the tab, the weights and the period', async () => {
    const { scan } = await scanned(transactionsWorkbook);
    const edited = after(
      readyOn(scan),
      { type: 'choose-analysis', analysis: 'scoring' },
      { type: 'rfm-weights', weights: { recency: 1, frequency: 2, monetary: 1 } },
      { type: 'period', which: 'to', text: '5/31/2024' },
      { type: 'period-months', text: '6' },
    );
    const again = after(
      edited,
      { type: 'load', request: 5 },
      { type: 'loaded', request: 5, workbook: { scan, stored: null }, choice: { kind: 'preset', id: 'evaluation' } },
    );
    expect([again.analysis, again.rfmWeights, again.period]).toEqual([
      null,
      null,
      { from: { text: '', day: null, valid: true }, to: { text: '', day: null, valid: true }, months: { text: '', months: null, valid: true } },
    ]);
  });
});

describe('the pane reducer: the analyses’ rules imported from files', () => {
  const serviceFile = () => {
    const rules = getServicePreset();
    rules.id = 'service-expertise';
    rules.dimensions.push({ id: 'expertise', label: { zh: '专业能力', en: 'Expertise' }, columns: ['专业能力'] });
    return rules;
  };
  const rfmFile = () => {
    const rules = getRfmPreset();
    rules.id = 'rfm-maker';
    rules.weights = { recency: 1, frequency: 1, monetary: 2 };
    rules.period = { months: 6 };
    return rules;
  };

  it('a service file: the survey is read with it; a new scan forgets it, as it leaves an imported weighted file for the stored or proposed rules', async () => {
    const { scan } = await scanned(seed001Analyses);
    const state = readyOn(scan);
    const own = analysisRulesIn(state)!;
    const rules = serviceFile();
    const imported = after(
      state,
      { type: 'import-rules', rules: { ...evaluation, id: 'evaluation-copy' }, file: 'mine.rules.json' },
      { type: 'import-analysis-rules', imported: { kind: 'service', rules }, file: 'service.json' },
    );
    expect(imported.importedAnalyses).toEqual({ service: { rules, file: 'service.json' } });
    expect(analysisRulesIn(imported)).toEqual({ service: rules, rfm: own.rfm });
    // The survey is read again with the file's dimensions; RFM's rules stay the workbook's.
    expect(readInputs(imported).service).toBe(rules);
    expect(readInputs(imported).rfm).toBe(own.rfm);
    expect(tabbed(imported).analyses.kinds).toEqual(['scoring', 'service']);

    const again = after(
      imported,
      { type: 'load', request: 5 },
      { type: 'loaded', request: 5, workbook: { scan, stored: null }, choice: { kind: 'preset', id: 'evaluation' } },
    );
    expect(again.importedAnalyses).toEqual({});
    expect(readInputs(again).service).toEqual(getServicePreset());
    // The weighted file stays offered, no longer in use.
    expect([again.choice, again.imported?.file]).toEqual([{ kind: 'preset', id: 'evaluation' }, 'mine.rules.json']);
  });

  it('an RFM file: its weights and period replace those set in the pane; weights set after it go over it', async () => {
    const { scan } = await scanned(transactionsWorkbook);
    const edited = after(
      readyOn(scan),
      { type: 'rfm-weights', weights: { recency: 1, frequency: 2, monetary: 1 } },
      { type: 'period', which: 'from', text: '1/1/2024' },
      { type: 'period-months', text: '3' },
    );
    const rules = rfmFile();
    const imported = after(edited, { type: 'import-analysis-rules', imported: { kind: 'rfm', rules }, file: 'maker.json' });
    expect([imported.rfmWeights, imported.period]).toEqual([
      null,
      { from: { text: '', day: null, valid: true }, to: { text: '', day: null, valid: true }, months: { text: '', months: null, valid: true } },
    ]);
    expect(tabbed(imported).analyses.rfm).toBe(rules);
    expect(readInputs(imported)).toMatchObject({ periodFrom: null, periodTo: null, periodMonths: null, rfm: rules });

    const shop = tabbed(after(imported, { type: 'rfm-weights', weights: { recency: 1, frequency: 2, monetary: 1 } })).analyses.rfm;
    expect([shop?.id, shop?.weights, shop?.period]).toEqual(['rfm-maker', { recency: 1, frequency: 2, monetary: 1 }, { months: 6 }]);
  });

  it('refused during Apply', async () => {
    const { scan } = await scanned(transactionsWorkbook);
    const applying = after(readyOn(scan), { type: 'apply', request: 2 });
    expect(after(applying, { type: 'import-analysis-rules', imported: { kind: 'rfm', rules: rfmFile() }, file: 'maker.json' })).toBe(applying);
    expect(after(applying, { type: 'import-analysis-rules', imported: { kind: 'service', rules: serviceFile() }, file: 'service.json' })).toBe(applying);
  });
});
