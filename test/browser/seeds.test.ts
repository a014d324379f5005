/**
 * The seed templates' workbooks in a real browser: each opened in the playground (Debian's
 * chromium through playwright-core, the production task-pane bundle over the emulated Excel),
 * scored from the panel as a user would (the preset it proposes, the as-of date typed in,
 * Apply), and the cells the grid then shows compared with the results worked out by hand from
 * docs/scoring-rules.md (test/fixtures/seeds.ts) — the same literals the `score` command and the emulated
 * add-in are held to in test/seeds/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { columnIndex } from '../../src/engine/address';
import { pick } from '../../src/i18n/scoring';
import { stringsFor } from '../../src/i18n/strings';
import { getPreset } from '../../src/presets';
import { buildSeedWorkbook, seed000, seed001, seed002InUnits, seed004, seed001Date1904, type SeedFixture } from '../fixtures/seeds';
import { FLAG_ZH, flagNamesIn } from '../seeds/harness';
import { ROOT } from './playground-server';
import { gridRows, paneFrame, usePlayground } from './playground-session';

jest.setTimeout(90_000);

const session = usePlayground({ prefix: 'playground-seeds-', locale: 'zh-CN' });

/** The built workbook, or a committed file saved by another tool, written where the playground can fetch it. */
function place(name: string, bytes: Uint8Array): string {
  fs.writeFileSync(path.join(session.root, name), bytes);
  return name;
}

const FIXTURES: { fixture: SeedFixture; file: () => Promise<string> }[] = [
  { fixture: seed000, file: async () => place('seed-000.xlsx', await buildSeedWorkbook(seed000.workbook)) },
  { fixture: seed001, file: async () => place('seed-001.xlsx', await buildSeedWorkbook(seed001.workbook)) },
  { fixture: seed002InUnits, file: async () => place('seed-002-units.xlsx', await buildSeedWorkbook(seed002InUnits.workbook)) },
  { fixture: seed004, file: async () => place('seed-004.xlsx', await buildSeedWorkbook(seed004.workbook)) },
  {
    fixture: { ...seed001Date1904, name: 'seed-001-1904.libreoffice' },
    file: async () =>
      place('seed-001-1904.libreoffice.xlsx', new Uint8Array(fs.readFileSync(path.join(ROOT, 'test/fixtures/files/seed-001-1904.libreoffice.xlsx')))),
  },
];

describe('the seed templates in the playground (chromium)', () => {
  it.each(FIXTURES.map((f) => [f.fixture.name, f] as const))(
    '%s: the pane proposes the preset, and Apply as of the date typed in writes the hand-worked 综合得分, 客户等级 and 预警标记',
    async (_, { fixture, file }) => {
      const s = stringsFor('zh-CN');
      const { expected } = fixture;
      const page = await session.open(`?lang=zh-CN&workbook=/${encodeURIComponent(await file())}`);
      const frame = await paneFrame(page, 'zh-CN');
      // The rules the pane proposes on its own are the seed's preset (the last line of what was found).
      const rules = frame.locator('main dl').first().locator(':scope > div').last();
      await rules.waitFor();
      expect((await rules.innerText()).replace(/\s+/g, ' ').trim()).toBe(`评分规则：${pick(getPreset(expected.preset).label, 'zh-CN')}`);
      await frame.getByRole('textbox', { name: s.asOfLabel }).fill(expected.asOf);
      const apply = frame.getByRole('button', { name: s.applyButton });
      await apply.waitFor();
      expect(await apply.isEnabled()).toBe(true);
      await apply.click();
      await frame.getByRole('heading', { level: 2, name: s.resultsHeading }).waitFor({ timeout: 60_000 });

      const sheet = expected.evaluation.sheet;
      await page.getByRole('tab', { name: sheet, exact: true }).click(); // seed 000 keeps its scoring standard on the first sheet
      await page.locator(`table[data-sheet="${sheet}"]`).getByRole('cell', { name: '综合得分', exact: true }).waitFor();
      const rows = await gridRows(page, sheet);
      const cell = (row: number, letter: string) => rows[row - 1]?.[columnIndex(letter)] ?? '';
      const headerRow = expected.evaluation.headerRow;
      expect([cell(headerRow, expected.managed.score), cell(headerRow, expected.managed.tier), cell(headerRow, expected.managed.flags)]).toEqual([
        '综合得分',
        '客户等级',
        '预警标记',
      ]);
      const shown = expected.customers.map((c) => ({
        key: c.key,
        score: Number(cell(c.row, expected.managed.score)),
        tier: cell(c.row, expected.managed.tier),
        flags: flagNamesIn(cell(c.row, expected.managed.flags)),
      }));
      expect(shown).toEqual(expected.customers.map((c) => ({ key: c.key, score: c.score, tier: c.tierLabel, flags: c.flags.map((f) => FLAG_ZH[f]!).sort() })));
      // Rows inside the table that are no customer (a blank row, a totals row) are left alone.
      for (const row of expected.notCustomers) {
        expect([cell(row, expected.managed.score), cell(row, expected.managed.tier), cell(row, expected.managed.flags)]).toEqual(['', '', '']);
      }
      expect(session.pageErrors).toEqual([]);
      await page.close();
    },
  );
});
