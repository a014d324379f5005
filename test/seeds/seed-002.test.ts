/**
 * Seed 002 (客户关系管理分类系统分级指南): its 客户信息采集表 on the `grading` preset, as the
 * seed writes it (近12个月交易额, 80万) and with 近12个月交易额（万元） and plain amounts; gates,
 * the complaint cap, a blank row inside the block, the seed's grading standard on another sheet.
 */
import { buildSeedWorkbook, seed002, seed002InUnits } from '../fixtures/seeds';
import { describeSeed } from './harness';
import { once } from './once';

jest.setTimeout(120_000);

describeSeed(
  seed002,
  once(() => buildSeedWorkbook(seed002.workbook)),
);
describeSeed(
  seed002InUnits,
  once(() => buildSeedWorkbook(seed002InUnits.workbook)),
);
