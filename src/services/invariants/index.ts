import type { Db, DbOrTx } from '../../db/connection.js';
import { AUDIT_CHECKS } from './audit.js';
import { AWARD_CHECKS } from './awards.js';
import { COMMITTEE_CHECKS } from './committee.js';
import { FILE_CHECKS } from './files.js';
import { LIFECYCLE_CHECKS } from './lifecycle.js';
import { PANEL_CHECKS } from './panels.js';
import { QUALIFICATION_CHECKS } from './qualification.js';
import { QUOTA_CHECKS } from './quotas.js';
import { SCOREBOOK_CHECKS } from './scorebooks.js';
import type { InvariantCheck, InvariantTarget, Violation } from './types.js';

export type { InvariantCheck, InvariantTarget, Violation } from './types.js';

/** Every invariant, family by family; `npm run cli -- check` runs them all. */
export const INVARIANT_CHECKS = [
  ...LIFECYCLE_CHECKS,
  ...QUALIFICATION_CHECKS,
  ...FILE_CHECKS,
  ...QUOTA_CHECKS,
  ...COMMITTEE_CHECKS,
  ...PANEL_CHECKS,
  ...SCOREBOOK_CHECKS,
  ...AWARD_CHECKS,
  ...AUDIT_CHECKS,
] as const satisfies readonly InvariantCheck[];

export type InvariantName = (typeof INVARIANT_CHECKS)[number]['name'];
export const INVARIANT_NAMES: readonly InvariantName[] = INVARIANT_CHECKS.map((c) => c.name);

export interface InvariantReport {
  /** Each check run, with how many violations it found (skipped ones are listed as such). */
  checks: Array<{ name: string; label: string; violations: number; skipped: boolean }>;
  violations: Violation[];
}

export interface RunOptions {
  /** Checks not to run, by name; an unknown name is an error (a typo must not silence nothing). */
  skip?: readonly InvariantName[];
  /**
   * Read everything in one read-only REPEATABLE READ snapshot (default), so a server writing
   * meanwhile cannot make two queries disagree. A caller already in a transaction passes false.
   */
  snapshot?: boolean;
}

/**
 * Runs the checks. A check that fails to run is itself reported as a violation (the database
 * answered something the check did not expect), so a broken check never passes silently.
 */
export async function runInvariantChecks(target: InvariantTarget, options: RunOptions = {}): Promise<InvariantReport> {
  const skip = new Set(options.skip ?? []);
  // Callers from outside TypeScript (the HTTP body, a test's list) may still name a check that does not exist.
  const unknown = [...skip].filter((n) => !INVARIANT_NAMES.includes(n));
  if (unknown.length) throw new Error(`unknown invariant check(s): ${unknown.join(', ')}; known: ${INVARIANT_NAMES.join(', ')}`);
  const runAll = async (db: DbOrTx): Promise<InvariantReport> => {
    const report: InvariantReport = { checks: [], violations: [] };
    for (const check of INVARIANT_CHECKS) {
      if (skip.has(check.name)) {
        report.checks.push({ name: check.name, label: check.label, violations: 0, skipped: true });
        continue;
      }
      let found: Violation[];
      try {
        // A savepoint per check: one failing query does not abort the others' transaction.
        found = await db.transaction((sp) => check.run({ ...target, db: sp }));
      } catch (error) {
        found = [{ check: check.name, kind: 'check', ids: {}, message: `检查未能完成：${error instanceof Error ? error.message : String(error)}` }];
      }
      report.checks.push({ name: check.name, label: check.label, violations: found.length, skipped: false });
      report.violations.push(...found);
    }
    return report;
  };
  if (options.snapshot === false) return runAll(target.db);
  return (target.db as Db).transaction((tx) => runAll(tx), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

/** The report as lines for a terminal: one per violation, then a summary line. */
export function describeReport(report: InvariantReport): { lines: string[]; summary: string } {
  const lines = report.violations.map((v) => {
    const ids = Object.entries(v.ids)
      .map(([k, id]) => `${k}=${id}`)
      .join(' ');
    return `[${v.check}] ${v.kind}${ids ? ` ${ids}` : ''}：${v.message}`;
  });
  const run = report.checks.filter((c) => !c.skipped);
  const skipped = report.checks.length - run.length;
  const skippedNote = skipped ? `（跳过 ${skipped} 项）` : '';
  if (!report.violations.length) return { lines, summary: `不变量检查通过：${run.length} 项检查均未发现问题${skippedNote}` };
  const failing = run.filter((c) => c.violations > 0).map((c) => `${c.name} ${c.violations} 处`);
  return { lines, summary: `发现 ${report.violations.length} 处违反不变量的记录（${failing.join('，')}；共 ${run.length} 项检查）${skippedNote}` };
}
