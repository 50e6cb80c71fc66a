import { and, eq } from 'drizzle-orm';
import { ACTION_PAYLOADS, type ActionRequest, type AvailableAction } from '../../contract/actions.js';
import type { ErrorCode } from '../../contract/errors.js';
import { applicationHistory, applications } from '../../db/schema/index.js';
import { checkTransition, effectiveRoles, findAction, GUARDS, STATE_META, type LifecycleTable, type Transition } from '../../domain/lifecycle/index.js';
import { mayActAs } from '../../domain/policies/applications.js';
import type { RuleProfile } from '../../domain/profile/schema.js';
import { buildLifecycle } from '../../domain/lifecycle/table.js';
import { recordAudit } from '../audit/record.js';
import type { ServiceContext, TxContext } from '../context.js';
import { ServiceError, type FieldError } from '../errors.js';
import { factsOf, type ApplicationRow } from './access.js';
import { EFFECTS } from './effects.js';
import { ApplicationFacts } from './facts.js';

const tables = new Map<string, LifecycleTable>();

/** The lifecycle of a profile, built and validated once per process. */
export function lifecycleOf(profile: Pick<RuleProfile, 'code' | 'technicalStages'>): LifecycleTable {
  let table = tables.get(profile.code);
  if (!table) {
    table = buildLifecycle(profile);
    tables.set(profile.code, table);
  }
  return table;
}

/** The engine's verdict on one action: what the API sends as an ability, and what perform() throws. */
export type ActionDecision = { allowed: true; transition: Transition } | { allowed: false; code: ErrorCode; message: string; fields?: FieldError[]; transition?: Transition };

const REFUSAL_CODE = { unknown_state: 'wrong_stage', not_allowed: 'wrong_stage', final_state: 'final_state', wrong_role: 'wrong_role', procedure_only: 'procedure_only', guard_failed: 'guard_failed', reason_required: 'reason_required' } as const;

export interface DecideOptions {
  /** The request's reason and payload; without them this is the dry run the API sends as abilities. */
  input?: ActionRequest;
  by?: 'actor' | 'procedure';
}

/**
 * Decides whether the context's actor (or the procedure) may take `action` on the application
 * now: the table (the step exists from this state, a person does not take a procedure step),
 * the policy (the actor holds one of the step's roles *for this application*: own application,
 * own county), the guards (only the facts they declare are loaded), then — when a request is
 * given — the reason and the payload. The same function answers dry runs and real requests,
 * so an ability the API shows is exactly what performing would do.
 */
export async function decideAction(ctx: ServiceContext | TxContext, facts: ApplicationFacts, action: string, options: DecideOptions = {}): Promise<ActionDecision> {
  const app = facts.app;
  const { profile, edition } = await facts.edition();
  const table = lifecycleOf(profile);
  const transition = findAction(table, app.state, action);
  if (!transition) {
    const final = table.finalStates.includes(app.state);
    return final
      ? { allowed: false, code: 'final_state', message: `申报已处于终态“${STATE_META[app.state].label}”，不能再变更` }
      : { allowed: false, code: 'wrong_stage', message: `当前状态“${STATE_META[app.state].label}”下不能执行该操作` };
  }
  const by = options.by ?? 'actor';
  let roles = transition.roles;
  if (by === 'actor') {
    const policyFacts = factsOf(app, await facts.reviews(), edition, facts.now, await facts.panelExperts(ctx.actor));
    roles = effectiveRoles(transition, { applicantKind: app.kind }).filter((r) => mayActAs(ctx.actor, r, policyFacts));
  }
  const needed = transition.guards.flatMap((g) => GUARDS[g].facts);
  const context = await facts.context(needed);
  const reason = reasonOf(transition, options.input);
  const check = checkTransition(table, { from: app.state, to: transition.to, roles, context, reason: options.input ? reason : 'dry run', by });
  if (!check.ok) {
    const fields = check.reason === 'reason_required' ? [{ field: 'reason', message: '请填写理由' }] : undefined;
    return { allowed: false, code: REFUSAL_CODE[check.reason], message: check.message, fields, transition };
  }
  if (options.input && transition.payload) {
    const parsed = ACTION_PAYLOADS[transition.payload].safeParse(options.input.payload ?? {});
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ field: ['payload', ...i.path].join('.'), message: i.message }));
      return { allowed: false, code: 'validation_failed', message: '提交的内容有误，请检查标出的字段', fields, transition };
    }
  }
  return { allowed: true, transition };
}

function reasonOf(transition: Transition, input?: ActionRequest): string | null {
  const fromPayload = transition.reasonField ? input?.payload?.[transition.reasonField] : undefined;
  const text = input?.reason ?? (typeof fromPayload === 'string' ? fromPayload : null);
  return text?.trim() ? text.trim() : null;
}

/** The dry run of every step out of the current state that the actor's roles could take: the abilities of the response. */
export async function availableActions(ctx: ServiceContext | TxContext, facts: ApplicationFacts): Promise<AvailableAction[]> {
  if (!ctx.actor) return [];
  const { profile } = await facts.edition();
  const steps = lifecycleOf(profile).transitions.filter(
    (tr) => tr.from === facts.app.state && tr.trigger === 'actor' && effectiveRoles(tr, { applicantKind: facts.app.kind }).some((r) => ctx.actor!.roles.includes(r)),
  );
  const result: AvailableAction[] = [];
  for (const step of steps) {
    const d = await decideAction(ctx, facts, step.action);
    result.push({
      action: step.action,
      label: step.label,
      to: step.to,
      toLabel: STATE_META[step.to].label,
      reasonRequired: step.reasonRequired,
      payload: step.payload ?? null,
      allowed: d.allowed,
      code: d.allowed ? null : d.code,
      message: d.allowed ? null : d.message,
    });
  }
  return result;
}

/**
 * Takes one step, in the caller's transaction, and everything that follows from it:
 *   1. the verdict of decideAction (table, policy, guards, reason, payload) or a refusal;
 *   2. `UPDATE … WHERE id = $1 AND state = $from`: of two concurrent requests one wins, the
 *      other gets a 409, even when neither holds a row lock;
 *   3. a history row and the audit record;
 *   4. the step's effects (notifications, tasks, versions, opinions), in table order;
 *   5. any procedure step whose guards now hold (e.g. acceptance opens the review at once).
 * Visibility (404) is the caller's: it loads the application through loadVisibleApplication.
 */
export async function performAction(
  tctx: TxContext,
  row: ApplicationRow,
  action: string,
  input: ActionRequest,
  by: 'actor' | 'procedure' = 'actor',
  /** The facts the caller already read for this row in this transaction (read once, not twice); they must lock quotas. */
  facts = new ApplicationFacts(tctx.tx, row, tctx.now(), { lockQuotas: true }),
): Promise<ApplicationRow> {
  const verdict = await decideAction(tctx, facts, action, { input, by });
  if (!verdict.allowed) throw new ServiceError(verdict.code, verdict.message, verdict.fields);
  const after = await commitStep(tctx, facts, verdict.transition, reasonOf(verdict.transition, input), input.payload ?? null, by);
  return runProcedure(tctx, after, facts);
}

/** Steps 2–4 of performAction: the compare-and-set, history, audit and effects of one decided step. */
export async function commitStep(tctx: TxContext, facts: ApplicationFacts, transition: Transition, reason: string | null, payload: Record<string, unknown> | null, by: 'actor' | 'procedure'): Promise<ApplicationRow> {
  const before = facts.app;
  const now = tctx.now();
  const [updated] = await tctx.tx
    .update(applications)
    .set({ state: transition.to, stateChangedAt: now, updatedAt: now })
    .where(and(eq(applications.id, before.id), eq(applications.state, before.state)))
    .returning();
  if (!updated) throw new ServiceError('state_conflict', '申报状态已被他人变更，请刷新后重试');
  await tctx.tx.insert(applicationHistory).values({ applicationId: before.id, fromState: before.state, toState: transition.to, actorId: tctx.actor?.userId ?? null, reason, at: now, requestId: tctx.requestId });
  await recordAudit(tctx, {
    action: 'application.transition',
    entityType: 'application',
    entityId: before.id,
    before: { state: before.state },
    after: { state: transition.to, action: transition.action, reason, onBehalfOfProcedure: by === 'procedure' },
  });
  for (const effect of transition.effects) {
    await EFFECTS[effect]({ tctx, before, after: updated, transition, reason, payload, facts });
  }
  return updated;
}

/** Takes, one after another, the procedure steps (not driven by a decision) whose guards hold. */
export async function runProcedure(tctx: TxContext, row: ApplicationRow, previous?: ApplicationFacts): Promise<ApplicationRow> {
  let current = row;
  for (let step = 0; step < 10; step++) {
    // A new row state needs fresh facts; its edition and profile are those already read.
    const facts = previous ? previous.forRow(current, tctx.now()) : new ApplicationFacts(tctx.tx, current, tctx.now());
    previous = facts;
    const { profile } = await facts.edition();
    const candidates = lifecycleOf(profile).transitions.filter((tr) => tr.from === current.state && tr.trigger === 'procedure' && !tr.decision);
    let next: Transition | undefined;
    for (const tr of candidates) {
      if ((await decideAction(tctx, facts, tr.action, { by: 'procedure' })).allowed) {
        next = tr;
        break;
      }
    }
    if (!next) return current;
    current = await commitStep(tctx, facts, next, next.action === 'qualify' ? '各资格审查部门均无异议' : null, null, 'procedure');
  }
  return current;
}
