import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DecisionRequest, DecisionRecord } from '../../contract/actions.js';
import { applications, decisionItems, decisions, editions, users } from '../../db/schema/index.js';
import { DECISION_KINDS, isOutcomeOf, OUTCOME_LABELS, type DecisionKind } from '../../domain/lifecycle/decisions.js';
import { stateLabel } from '../../domain/lifecycle/states.js';
import { hasRole, type Role } from '../../domain/roles.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { invalid, notFound, ServiceError } from '../errors.js';
import { canViewApplication } from '../../domain/policies/applications.js';
import { factsOf } from './access.js';
import { commitStep, decideAction, lifecycleOf, runProcedure } from './engine.js';
import { ApplicationFacts } from './facts.js';
import { categoryProblems, checkListLimits } from './list-limits.js';

/**
 * Records a body's decision over a list of applications, then lets the procedure move each
 * application it names, all in one transaction (decide, then act: ARCHITECTURE habit 2).
 * Only the role that speaks for the body records it — a single committee member cannot — and
 * every move still passes the step's guards; one refusal refuses the whole decision.
 */
/** Decisions that belong to a supervision case (Art. 25, 28–29): never recorded on their own. */
const CASE_DECISION_KINDS: readonly DecisionKind[] = ['revocation_proposal', 'revocation_decision', 'misconduct_ruling'];

export async function recordDecision(ctx: ServiceContext, editionId: string, input: DecisionRequest): Promise<DecisionRecord> {
  const kind = input.kind as DecisionKind;
  const spec = DECISION_KINDS[kind];
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  if (!spec.recordedBy.some((r) => hasRole(ctx.actor, r))) throw new ServiceError('wrong_role', `“${spec.label}”只能由相应机构记录`);
  // The plenary's resolution comes only from its ballot (services/committee/session.ts closeSession).
  if (kind === 'committee_resolution') throw new ServiceError('wrong_stage', '评审委员会决议由全体会议表决形成，请在“评审委员会”中召开全体会议并闭会计票');
  // Revocation and the Art. 25 ruling come only from a supervision case, after its verification (services/supervision).
  if (CASE_DECISION_KINDS.includes(kind)) throw new ServiceError('wrong_stage', `“${spec.label}”须在“监督与撤销”的案件中经查证属实后作出`);
  const problems = input.items.flatMap((item, i) => (isOutcomeOf(kind, item.outcome) ? [] : [{ field: `items.${i}.outcome`, message: `“${spec.label}”的结果只能是：${spec.outcomes.map((o) => OUTCOME_LABELS[o]).join('、')}` }]));
  if (spec.documentRequired && !input.documentNumber?.trim()) problems.push({ field: 'documentNumber', message: `“${spec.label}”须填写文号` });
  if (new Set(input.items.map((i) => i.applicationId)).size !== input.items.length) problems.push({ field: 'items', message: '同一申报在一项决定中只能出现一次' });
  problems.push(...categoryProblems(kind, input));
  if (problems.length) throw invalid(problems);

  const id = await inTransaction(ctx, (tctx) => applyDecision(tctx, editionId, input));
  return (await listDecisions(ctx, editionId)).items.find((d) => d.id === id)!;
}

/**
 * The decision's row and the moves it makes, inside the caller's transaction (a service that
 * records a decision together with something else, e.g. the technical report, uses this).
 * The caller has checked the recorder's role and the items' outcomes.
 */
export async function applyDecision(tctx: TxContext, editionId: string, input: DecisionRequest): Promise<string> {
  const kind = input.kind as DecisionKind;
  const spec = DECISION_KINDS[kind];
  const [edition] = await tctx.tx.select().from(editions).where(eq(editions.id, editionId));
  if (!edition) throw notFound('届次');
  const ids = input.items.map((i) => i.applicationId);
  const rows = await tctx.tx.select().from(applications).where(and(eq(applications.editionId, editionId), inArray(applications.id, ids))).orderBy(asc(applications.id)).for('update');
  const [decision] = await tctx.tx
    .insert(decisions)
    .values({ editionId, kind, documentNumber: input.documentNumber?.trim() || null, decidedOn: input.decidedOn, note: input.note ?? null, recordedBy: tctx.actor!.userId })
    .returning();
  await checkListLimits(tctx, editionId, kind, input);
  await tctx.tx.insert(decisionItems).values(input.items.map((i) => ({ decisionId: decision.id, applicationId: i.applicationId, outcome: i.outcome, category: i.category ?? null, reason: i.reason ?? null })));
  await recordAudit(tctx, { action: 'decision.record', entityType: 'edition', entityId: editionId, after: { decision: decision.id, kind, documentNumber: decision.documentNumber, decidedOn: decision.decidedOn, items: input.items } });

  for (const [i, item] of input.items.entries()) {
    const row = rows.find((r) => r.id === item.applicationId);
    const facts = row ? new ApplicationFacts(tctx.tx, row, tctx.now()) : null;
    if (!row || !canViewApplication(tctx.actor, factsOf(row, await facts!.reviews(), edition, tctx.now(), await facts!.panelExperts(tctx.actor)))) throw invalid([{ field: `items.${i}.applicationId`, message: '本届次中没有该申报' }]);
    if (item.expectedState && row.state !== item.expectedState) {
      throw new ServiceError('state_conflict', `${row.name}已由“${stateLabel(item.expectedState)}”变为“${stateLabel(row.state)}”，该决定未执行，请刷新后重新决定`, [{ field: `items.${i}.expectedState`, message: '申报状态已变更' }]);
    }
    const { profile } = await facts!.edition();
    const step = lifecycleOf(profile).transitions.find((tr) => tr.from === row.state && tr.decision?.kind === kind && (tr.decision.outcomes as readonly string[]).includes(item.outcome));
    const moves = lifecycleOf(profile).transitions.some((tr) => tr.decision?.kind === kind);
    if (!step) {
      if (!moves) continue; // e.g. a revocation proposal: a fact for a later step, no move of its own
      throw new ServiceError('wrong_stage', `${row.name}当前状态不能依据“${spec.label}”变更`, [{ field: `items.${i}.applicationId`, message: '当前状态不适用' }]);
    }
    const verdict = await decideAction(tctx, facts!, step.action, { by: 'procedure' });
    if (!verdict.allowed) throw new ServiceError(verdict.code, `${row.name}：${verdict.message}`, [{ field: `items.${i}`, message: verdict.message }]);
    const reason = item.reason?.trim() || `${spec.label}${decision.documentNumber ? `（${decision.documentNumber}）` : ''}：${OUTCOME_LABELS[item.outcome as keyof typeof OUTCOME_LABELS]}`;
    await runProcedure(tctx, await commitStep(tctx, facts!, step, reason, null, 'procedure'));
  }
  return decision.id;
}

/** The decisions of an edition, newest first, with their items; who recorded each is named. */
export async function listDecisions(ctx: ServiceContext, editionId: string): Promise<{ items: DecisionRecord[] }> {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  // The bodies that decide, and the committee whose resolutions are among them, read the record.
  const readers = new Set<Role>([...Object.values(DECISION_KINDS).flatMap((k) => k.recordedBy), 'committee']);
  if (![...readers].some((r) => hasRole(ctx.actor, r))) throw notFound('届次');
  const rows = await ctx.db
    .select({ decision: decisions, recorder: users.displayName })
    .from(decisions)
    .innerJoin(users, eq(users.id, decisions.recordedBy))
    .where(eq(decisions.editionId, editionId))
    .orderBy(desc(decisions.createdAt));
  const items = rows.length ? await ctx.db.select({ item: decisionItems, name: applications.name }).from(decisionItems).innerJoin(applications, eq(applications.id, decisionItems.applicationId)).where(inArray(decisionItems.decisionId, rows.map((r) => r.decision.id))) : [];
  return {
    items: rows.map(({ decision, recorder }) => ({
      id: decision.id,
      kind: decision.kind,
      kindLabel: DECISION_KINDS[decision.kind as DecisionKind]?.label ?? decision.kind,
      documentNumber: decision.documentNumber,
      decidedOn: decision.decidedOn,
      note: decision.note,
      recordedBy: recorder,
      createdAt: decision.createdAt.toISOString(),
      items: items
        .filter((i) => i.item.decisionId === decision.id)
        .map(({ item, name }) => ({ applicationId: item.applicationId, applicationName: name, outcome: item.outcome, outcomeLabel: OUTCOME_LABELS[item.outcome as keyof typeof OUTCOME_LABELS] ?? item.outcome, category: item.category, reason: item.reason })),
    })),
  };
}
