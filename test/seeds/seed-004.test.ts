/**
 * Seed 004 (客户关系维护计划及执行模板): the value / potential / risk table on the
 * `maintenance` preset — a two-row header with merged group titles (价值维度 …), a 合计 row,
 * the −10 % churn indicator — as typed, with vertically merged headers, and fully formatted.
 */
import { buildSeedWorkbook, seed004, seed004Formatted, seed004VerticalMerges } from '../fixtures/seeds';
import { describeSeed } from './harness';
import { once } from './once';

jest.setTimeout(120_000);

describeSeed(
  seed004,
  once(() => buildSeedWorkbook(seed004.workbook)),
);
describeSeed(
  seed004VerticalMerges,
  once(() => buildSeedWorkbook(seed004VerticalMerges.workbook)),
);
describeSeed(
  seed004Formatted,
  once(() => buildSeedWorkbook(seed004Formatted.workbook)),
);
