import type { DbOrTx } from '../../../src/db/connection.js';
import { describeReport, runInvariantChecks, type InvariantName } from '../../../src/services/invariants/index.js';

/**
 * The invariant checker after every scenario (issue 14): each test app runs it when it closes
 * (support/app.ts), and the file fails when anything the system must never hold is found. A
 * file that breaks an invariant on purpose (an audit tamper test, a deleted stored file) says
 * so with `t.tolerateBroken('<check>', '<why>')` for exactly that check.
 */
export type { InvariantName };

export async function assertInvariants(target: { db: DbOrTx; dataDir: string; now: Date }, tolerated: ReadonlyMap<InvariantName, string>): Promise<void> {
  const report = await runInvariantChecks(target, { skip: [...tolerated.keys()] });
  if (!report.violations.length) return;
  const { lines, summary } = describeReport(report);
  throw new Error(`invariant checker after the scenario: ${summary}\n${lines.join('\n')}`);
}
