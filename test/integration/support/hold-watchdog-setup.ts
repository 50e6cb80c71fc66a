import fs from 'node:fs';
import { afterAll, expect } from 'vitest';
import { configureHoldWatchdog, longestFinishedHoldMs, type HoldReport } from '../../../src/db/hold-watchdog.js';
import { budget } from '../../support/budget.js';

/**
 * Liveness over the whole integration suite: no transaction may hold the database longer
 * than the bound (a deadlock holds it forever; the organisation rename did). The bound is
 * generous for a busy machine and still far below "forever". Tests that hold the database
 * on purpose install their own watchdog for the duration (test/integration/liveness.test.ts).
 */
export const SUITE_HOLD_LIMIT_MS = budget(8_000);

const exceeded: HoldReport[] = [];
configureHoldWatchdog({ limitMs: SUITE_HOLD_LIMIT_MS, onExceeded: (hold) => exceeded.push(hold) });

/**
 * Two queries at once on one PostgreSQL client (a transaction's, e.g. a Promise.all over `tx`)
 * run one after the other by luck of pg's queue, which pg@9 removes: pg warns once. Any such
 * warning fails the file, so the mistake is found where it is made.
 */
const overlapping: string[] = [];
const onWarning = (warning: Error) => {
  if (warning.message.includes('already executing a query')) overlapping.push(warning.stack ?? warning.message);
};
process.on('warning', onWarning);

afterAll(() => {
  process.off('warning', onWarning);
  expect(overlapping).toEqual([]);
  // HOLD_REPORT=<file> appends each file's longest transaction (to calibrate the bound).
  if (process.env.HOLD_REPORT) fs.appendFileSync(process.env.HOLD_REPORT, `${longestFinishedHoldMs()}\t${expect.getState().testPath ?? ''}\n`);
  expect(exceeded.map((hold) => `${hold.heldMs} ms > ${hold.limitMs} ms, opened ${hold.openedAt}`)).toEqual([]);
});
