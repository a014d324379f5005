/**
 * Seed 000 (客户关系管理综合评估模板): its customers on the `evaluation` preset, through the
 * score command and the add-in, against the results worked out by hand in test/fixtures/seeds.ts.
 */
import { buildSeedWorkbook, seed000 } from '../fixtures/seeds';
import { describeSeed } from './harness';
import { once } from './once';

jest.setTimeout(120_000);

describeSeed(
  seed000,
  once(() => buildSeedWorkbook(seed000.workbook)),
);
