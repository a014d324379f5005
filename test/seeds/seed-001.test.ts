/**
 * Seed 001 (客户关系维护跟进记录表) with an evaluation table: follow-up and churn flags as of
 * 2024-06-30 (实际完成时间 as a date: 未完成, -, a completion after the as-of date), start
 * dates and bare years under 合作起始时间, %-formatted cells; and the same workbook saved in
 * the 1904 date system, which must give the same results.
 */
import { buildSeedWorkbook, seed001, seed001Date1904 } from '../fixtures/seeds';
import { describeSeed } from './harness';
import { once } from './once';

jest.setTimeout(120_000);

describeSeed(
  seed001,
  once(() => buildSeedWorkbook(seed001.workbook)),
);
describeSeed(
  seed001Date1904,
  once(() => buildSeedWorkbook(seed001Date1904.workbook)),
);
