import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { caseListQuery, CaseDetail, CaseFinding, CaseKind, CaseOutcome, CaseStatus, CaseStep, CaseSubjects, caseSubjectsQuery, CaseSummary } from '../../contract/supervision.js';
import type { DbOrTx } from '../../db/connection.js';
import { applications, awardItems, decisions, editions, experts, files, panelAssignments, prizePayments, supervisionCases, users, winners } from '../../db/schema/index.js';
import type { ApplicationState } from '../../domain/lifecycle/states.js';
import { AWARD_ITEM_LABELS, type AwardItemKind } from '../../domain/profile/decision-settings.js';
import { revocationGround, supervisionSettings } from '../../domain/profile/supervision-settings.js';
import { hasRole } from '../../domain/roles.js';
import { canReadCases, caseStepsFor, caseStepVerdict, mayOpenCase, type CaseFacts } from '../../domain/supervision/steps.js';
import { handleOf, type ServiceContext, type TxContext } from '../context.js';
import { notFound, ServiceError } from '../errors.js';
import { loadEdition } from '../technical/actors.js';

/** Reading supervision cases (SPEC §7–8): the list, one case with the reader's steps, who a case can name, the grounds. */

export type CaseRow = typeof supervisionCases.$inferSelect;

const WINNER_STATES: readonly ApplicationState[] = ['awarded', 'nominated'];
/** The states from which the leadership can exclude an application (the lifecycle's `exclude` steps). */
export const IN_PROCEDURE: readonly ApplicationState[] = [
  'accepted',
  'qualification_review',
  'qualified',
  'material_review',
  'onsite_review',
  'defence_review',
  'technical_reviewed',
  'satisfaction_survey',
  'candidate',
  'proposed',
  'leadership_approved',
  'public_notice',
  'government_approved',
];
export const isWinnerState = (state: string) => (WINNER_STATES as readonly string[]).includes(state);
export const isInProcedure = (state: string) => (IN_PROCEDURE as readonly string[]).includes(state);

export async function loadCase(db: DbOrTx, id: string, forUpdate = false): Promise<CaseRow> {
  const query = db.select().from(supervisionCases).where(eq(supervisionCases.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('案件');
  return row;
}

/** The facts the step policy decides on; the application's state is read now (it moves with the procedure). */
export async function caseFactsOf(db: DbOrTx, row: CaseRow): Promise<CaseFacts> {
  let state: string | null = null;
  if (row.applicationId) [{ state }] = await db.select({ state: applications.state }).from(applications).where(eq(applications.id, row.applicationId));
  return {
    kind: row.kind as CaseKind,
    status: row.status as CaseStatus,
    finding: row.finding as CaseFinding | null,
    subjectIsWinner: state !== null && isWinnerState(state) && row.winnerId !== null,
    subjectInProcedure: state !== null && isInProcedure(state),
    announced: row.announcedOn !== null,
  };
}

/** Refuses a step the policy refuses, with its stable code. */
export function requireStep(ctx: Pick<ServiceContext | TxContext, 'actor'>, step: CaseStep, facts: CaseFacts): string {
  const verdict = caseStepVerdict(ctx.actor, step, facts);
  if (!verdict.allowed) throw new ServiceError(verdict.code, verdict.reason);
  return ctx.actor!.userId;
}

/** A case's steps and files: whoever may not read cases learns nothing of it (404), the public is asked to sign in. */
export function requireCaseReader(ctx: Pick<ServiceContext | TxContext, 'actor'>): void {
  requireReader(ctx, true);
}

function requireReader(ctx: Pick<ServiceContext | TxContext, 'actor'>, hide: boolean): void {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  if (!canReadCases(ctx.actor)) throw hide ? notFound('案件') : new ServiceError('wrong_role', '当前角色无权查看监督案件');
}

async function subjectNames(db: DbOrTx, rows: CaseRow[]): Promise<Map<string, string>> {
  const appIds = rows.flatMap((r) => (r.applicationId ? [r.applicationId] : []));
  const expertIds = rows.flatMap((r) => (r.expertId ? [r.expertId] : []));
  const apps = appIds.length ? await db.select({ id: applications.id, name: applications.name }).from(applications).where(inArray(applications.id, appIds)) : [];
  const exps = expertIds.length ? await db.select({ id: experts.id, name: experts.name }).from(experts).where(inArray(experts.id, expertIds)) : [];
  const names = new Map<string, string>();
  for (const r of rows) {
    const name = r.applicationId ? apps.find((a) => a.id === r.applicationId)?.name : r.expertId ? exps.find((e) => e.id === r.expertId)?.name : r.staffName;
    names.set(r.id, name ?? '');
  }
  return names;
}

function summaryOf(row: CaseRow, editionName: string, subjectName: string): CaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind as CaseKind,
    editionId: row.editionId,
    editionName,
    subjectName,
    status: row.status as CaseStatus,
    outcome: row.outcome as CaseOutcome | null,
    openedAt: row.openedAt.toISOString(),
  };
}

/** What the awards ledger says about a revoked winner: money paid and recovered, items out and back. */
async function recoveryOf(db: DbOrTx, winnerId: string): Promise<CaseDetail['recovery']> {
  const payments = await db.select({ amountFen: prizePayments.amountFen }).from(prizePayments).where(eq(prizePayments.winnerId, winnerId));
  const items = await db.select({ kind: awardItems.kind, recoveredOn: awardItems.recoveredOn }).from(awardItems).where(eq(awardItems.winnerId, winnerId));
  const label = (kind: string) => AWARD_ITEM_LABELS[kind as AwardItemKind] ?? kind;
  return {
    winnerId,
    moneyPaidFen: payments.filter((p) => p.amountFen > 0).reduce((s, p) => s + p.amountFen, 0),
    moneyRecoveredFen: -payments.filter((p) => p.amountFen < 0).reduce((s, p) => s + p.amountFen, 0),
    itemsOut: items.filter((i) => !i.recoveredOn).map((i) => label(i.kind)),
    itemsRecovered: items.filter((i) => i.recoveredOn).map((i) => label(i.kind)),
  };
}

async function decisionRef(db: DbOrTx, id: string | null): Promise<CaseDetail['proposal']> {
  if (!id) return null;
  const [d] = await db.select().from(decisions).where(eq(decisions.id, id));
  return d ? { documentNumber: d.documentNumber, decidedOn: d.decidedOn, note: d.note } : null;
}

/** One case as its reader sees it, the steps answered for that reader. */
export async function presentCase(ctx: ServiceContext | TxContext, row: CaseRow): Promise<CaseDetail> {
  const db = handleOf(ctx);
  const { edition, profile } = await loadEdition(db, row.editionId);
  const names = await subjectNames(db, [row]);
  const evidence = row.fileIds.length ? await db.select().from(files).where(inArray(files.id, row.fileIds)) : [];
  const [reporter] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, row.reportedBy));
  let ground: CaseDetail['ground'] = null;
  if (row.groundCode && row.applicationId) {
    const [app] = await db.select({ kind: applications.kind }).from(applications).where(eq(applications.id, row.applicationId));
    const found = revocationGround(profile, app.kind, row.groundCode);
    ground = found ?? { code: row.groundCode, article: row.groundArticle ?? '', label: row.groundCode };
  }
  const facts = await caseFactsOf(db, row);
  return {
    ...summaryOf(row, edition.name, names.get(row.id)!),
    applicationId: row.applicationId,
    expertId: row.expertId,
    staffUnit: row.staffUnit,
    ground,
    facts: row.facts,
    files: row.fileIds.flatMap((id) => evidence.filter((f) => f.id === id).map((f) => ({ id: f.id, name: f.originalName, size: f.size, uploadedAt: f.createdAt.toISOString() }))),
    reportedBy: reporter?.name ?? '',
    finding: row.finding as CaseFinding | null,
    verification: row.verification,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    proposal: await decisionRef(db, row.proposalDecisionId),
    decision: await decisionRef(db, row.decisionId),
    announcement: row.announcement,
    announcedOn: row.announcedOn,
    closeReason: row.closeReason,
    closedAt: row.closedAt?.toISOString() ?? null,
    recovery: row.winnerId ? await recoveryOf(db, row.winnerId) : null,
    steps: caseStepsFor(ctx.actor, facts),
  };
}

/** One case; whoever may not read cases learns nothing of it. */
export async function caseDetail(ctx: ServiceContext, id: string): Promise<CaseDetail> {
  requireReader(ctx, true);
  return presentCase(ctx, await loadCase(ctx.db, id));
}

/** The cases, newest first; the procedure's bodies and the audit administrator read them all. */
export async function listCases(ctx: ServiceContext, query: z.infer<typeof caseListQuery>): Promise<{ items: CaseSummary[]; abilities: { create: boolean } }> {
  requireReader(ctx, false);
  const rows = await ctx.db
    .select({ c: supervisionCases, editionName: editions.name })
    .from(supervisionCases)
    .innerJoin(editions, eq(editions.id, supervisionCases.editionId))
    .where(and(query.editionId ? eq(supervisionCases.editionId, query.editionId) : undefined, query.status ? eq(supervisionCases.status, query.status) : undefined))
    .orderBy(desc(supervisionCases.openedAt), desc(supervisionCases.reference));
  const names = await subjectNames(ctx.db, rows.map((r) => r.c));
  return {
    items: rows.map((r) => summaryOf(r.c, r.editionName, names.get(r.c.id)!)),
    abilities: { create: mayOpenCase(ctx.actor, 'applicant').allowed },
  };
}

function requireReporter(ctx: ServiceContext): void {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  if (!hasRole(ctx.actor, 'office') && !hasRole(ctx.actor, 'committee')) throw new ServiceError('wrong_role', '只有强市办或评审委员会委员可以立案或举报');
}

/** Who a new case can name: standing winners (revocation), applications in the procedure or winners (applicant), the edition's experts. */
export async function caseSubjects(ctx: ServiceContext, query: z.infer<typeof caseSubjectsQuery>): Promise<CaseSubjects> {
  requireReporter(ctx);
  await loadEdition(ctx.db, query.editionId);
  if (query.kind === 'expert') {
    const rows = await ctx.db
      .selectDistinct({ id: experts.id, name: experts.name, unit: experts.unit })
      .from(panelAssignments)
      .innerJoin(experts, eq(experts.id, panelAssignments.expertId))
      .where(eq(panelAssignments.editionId, query.editionId))
      .orderBy(asc(experts.name));
    return { items: rows.map((r) => ({ id: r.id, name: r.name, detail: r.unit })) };
  }
  const rows = await ctx.db
    .select({ id: applications.id, name: applications.name, state: applications.state, category: winners.category })
    .from(applications)
    .leftJoin(winners, and(eq(winners.applicationId, applications.id), isNull(winners.revokedAt)))
    .where(eq(applications.editionId, query.editionId))
    .orderBy(asc(applications.name));
  const fits = (r: (typeof rows)[number]) => (query.kind === 'revocation' ? isWinnerState(r.state) && r.category !== null : isInProcedure(r.state) || (isWinnerState(r.state) && r.category !== null));
  return { items: rows.filter(fits).map((r) => ({ id: r.id, name: r.name, detail: r.category === 'nomination' ? '提名奖' : r.category === 'award' ? '市长质量奖' : '评审中' })) };
}

/** The profile's revocation grounds for the winner's kind (unit: Art. 28, individual: Art. 29). */
export async function revocationGroundsFor(ctx: ServiceContext, applicationId: string): Promise<{ items: Array<{ code: string; article: string; label: string }> }> {
  requireReporter(ctx);
  const [app] = await ctx.db.select({ editionId: applications.editionId, kind: applications.kind }).from(applications).where(eq(applications.id, applicationId));
  if (!app) throw notFound('申报');
  const { profile } = await loadEdition(ctx.db, app.editionId);
  return { items: supervisionSettings(profile).revocationGrounds[app.kind] };
}
