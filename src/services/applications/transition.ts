import { and, eq } from 'drizzle-orm';
import { applicationHistory, applications } from '../../db/schema/index.js';
import { buildLifecycle, checkTransition, type LifecycleTable } from '../../domain/lifecycle/index.js';
import type { ApplicationState } from '../../domain/lifecycle/states.js';
import type { RuleProfile } from '../../domain/profile/schema.js';
import type { Role } from '../../domain/roles.js';
import { recordAudit } from '../audit/record.js';
import type { TxContext } from '../context.js';
import { ServiceError } from '../errors.js';
import type { ApplicationRow } from './access.js';
import { loadSituation } from './lifecycle-context.js';

const tables = new Map<string, LifecycleTable>();

/** The lifecycle of a profile, built and validated once per process. */
export function lifecycleOf(profile: RuleProfile): LifecycleTable {
  let table = tables.get(profile.code);
  if (!table) {
    table = buildLifecycle(profile);
    tables.set(profile.code, table);
  }
  return table;
}

const REFUSAL_CODE = { unknown_state: 'wrong_stage', not_allowed: 'wrong_stage', final_state: 'final_state', wrong_role: 'wrong_role', guard_failed: 'guard_failed', reason_required: 'reason_required' } as const;

export interface TransitionOptions {
  reason?: string | null;
  /**
   * The procedure itself moves the application (e.g. the last department's pass qualifies
   * it): the table's roles are taken as the actor's for this step; guards still apply.
   */
  onBehalfOfProcedure?: boolean;
  /** Extra columns to write with the state change (same UPDATE). */
  set?: Partial<typeof applications.$inferInsert>;
}

/**
 * The only way an application's state changes. In the caller's transaction it:
 *   1. checks the move against the profile's lifecycle table (role, guards, reason);
 *   2. writes the new state with `UPDATE … WHERE id = $1 AND state = $from`, so of two
 *      concurrent requests exactly one wins and the other gets a 409;
 *   3. appends an application_history row;
 *   4. appends the audit record.
 * The caller has already checked that the actor may see the application (404 otherwise).
 */
export async function transition(tctx: TxContext, app: ApplicationRow, to: ApplicationState, options: TransitionOptions = {}): Promise<ApplicationRow> {
  const situation = await loadSituation(tctx.tx, app, tctx.now());
  const table = lifecycleOf(situation.profile);
  const actorRoles: readonly Role[] = tctx.actor?.roles ?? [];
  const candidate = table.transitions.find((t) => t.from === app.state && t.to === to);
  const roles = options.onBehalfOfProcedure && candidate ? candidate.roles : actorRoles;
  const check = checkTransition(table, { from: app.state, to, roles, context: situation.context, reason: options.reason });
  if (!check.ok) {
    const fields = check.reason === 'reason_required' ? [{ field: 'reason', message: '请填写理由' }] : undefined;
    throw new ServiceError(REFUSAL_CODE[check.reason], check.message, fields);
  }
  const now = tctx.now();
  const [updated] = await tctx.tx
    .update(applications)
    .set({ ...options.set, state: to, stateChangedAt: now, updatedAt: now })
    .where(and(eq(applications.id, app.id), eq(applications.state, app.state)))
    .returning();
  if (!updated) throw new ServiceError('state_conflict', '申报状态已被他人变更，请刷新后重试');
  await tctx.tx.insert(applicationHistory).values({
    applicationId: app.id,
    fromState: app.state,
    toState: to,
    actorId: tctx.actor?.userId ?? null,
    reason: options.reason ?? null,
    at: now,
    requestId: tctx.requestId,
  });
  await recordAudit(tctx, {
    action: 'application.transition',
    entityType: 'application',
    entityId: app.id,
    before: { state: app.state },
    after: { state: to, action: check.transition.action, reason: options.reason ?? null, onBehalfOfProcedure: options.onBehalfOfProcedure ?? false },
  });
  return updated;
}
