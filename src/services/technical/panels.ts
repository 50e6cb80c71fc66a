import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { PanelView } from '../../contract/technical.js';
import type { DbOrTx } from '../../db/connection.js';
import { expertCommitments, panelAssignments, scorebooks, stageSchedules } from '../../db/schema/index.js';
import { expertAffinity } from '../../domain/experts/affinity.js';
import { STAGE_LABELS, STAGE_STATES } from '../../domain/lifecycle/states.js';
import type { RuleProfile, TechnicalStage } from '../../domain/profile/schema.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { notFound, ServiceError } from '../errors.js';
import { isDisqualified } from '../supervision/disqualified.js';
import { loadEdition, requireAgency, type ExpertRow } from './actors.js';
import { editionConflicts, type EditionConflicts, type TechnicalApplication } from './conflicts.js';

/**
 * Panels per stage (Art. 15, SPEC §5): the solver fills them exactly (max affinity, no conflict,
 * no expert over capacity, load spread evenly); a hand edit afterwards passes the same checks.
 */

export const defaultPanel = (profile: RuleProfile, stage: TechnicalStage) => (stage === 'onsite' ? Math.min(3, profile.panelMinSize) : profile.panelMinSize);

export const industryOf = (a: TechnicalApplication) => ({
  industrySection: typeof a.form.industrySection === 'string' ? a.form.industrySection : null,
  industryDivision: typeof a.form.industryDivision === 'string' ? a.form.industryDivision : null,
});

export async function editionLoads(db: DbOrTx, editionId: string): Promise<Map<string, number>> {
  const rows = await db.select({ expertId: panelAssignments.expertId }).from(panelAssignments).where(eq(panelAssignments.editionId, editionId));
  const loads = new Map<string, number>();
  for (const r of rows) loads.set(r.expertId, (loads.get(r.expertId) ?? 0) + 1);
  return loads;
}

/** Applications at this stage whose panel has started scoring: their panels are kept as they are. */
export async function scoringStarted(db: DbOrTx, editionId: string, stage: TechnicalStage): Promise<Set<string>> {
  const rows = await db
    .select({ applicationId: scorebooks.applicationId })
    .from(scorebooks)
    .where(and(eq(scorebooks.editionId, editionId), eq(scorebooks.stage, stage), isNull(scorebooks.setAsideAt)));
  return new Set(rows.map((r) => r.applicationId));
}

/** Why the pool cannot fill an application's panel: who is left after conflicts, availability and capacity. */
function shortfall(app: TechnicalApplication, have: number, k: number, pool: ExpertRow[], conflicts: EditionConflicts, loads: Map<string, number>, onPanel: Set<string>): string | null {
  if (have >= k) return null;
  const available = pool.filter((e) => e.available && !onPanel.has(e.id));
  const free = available.filter((e) => !conflicts.index.isConflicted(e.id, app.id));
  const withRoom = free.filter((e) => (loads.get(e.id) ?? 0) < e.maxLoad);
  return `评审组缺 ${k - have} 人：可用专家 ${available.length} 名，排除利益冲突后 ${free.length} 名，其中仍有评审量余额的 ${withRoom.length} 名`;
}

export async function panelView(ctx: ServiceContext | TxContext, db: DbOrTx, editionId: string, stage: TechnicalStage, k?: number, objective: number | null = null): Promise<PanelView> {
  const agencyId = requireAgency(ctx);
  const { profile } = await loadEdition(db, editionId);
  const conflicts = await editionConflicts(db, editionId, agencyId, ctx.now());
  const apps = conflicts.applications.filter((a) => a.state === STAGE_STATES[stage]);
  const rows = apps.length ? await db.select().from(panelAssignments).where(and(eq(panelAssignments.stage, stage), inArray(panelAssignments.applicationId, apps.map((a) => a.id)))) : [];
  const books = apps.length ? await db.select({ applicationId: scorebooks.applicationId, expertId: scorebooks.expertId, status: scorebooks.status }).from(scorebooks).where(and(eq(scorebooks.stage, stage), eq(scorebooks.kind, 'independent'), isNull(scorebooks.setAsideAt), inArray(scorebooks.applicationId, apps.map((a) => a.id)))) : [];
  const schedules = apps.length ? await db.select().from(stageSchedules).where(and(eq(stageSchedules.stage, stage), inArray(stageSchedules.applicationId, apps.map((a) => a.id)))) : [];
  const committed = new Set((await db.select({ id: expertCommitments.expertId }).from(expertCommitments).where(eq(expertCommitments.editionId, editionId))).map((r) => r.id));
  const loads = await editionLoads(db, editionId);
  const size = k ?? Math.max(defaultPanel(profile, stage), ...apps.map((a) => rows.filter((r) => r.applicationId === a.id).length));
  const byId = new Map(conflicts.experts.map((e) => [e.id, e]));
  return {
    stage,
    stageLabel: STAGE_LABELS[stage],
    k: size,
    objective,
    applications: apps.map((a) => {
      const members = rows.filter((r) => r.applicationId === a.id).sort((x, y) => Number(y.isLeader) - Number(x.isLeader) || y.affinity - x.affinity);
      const s = schedules.find((x) => x.applicationId === a.id);
      return {
        applicationId: a.id,
        name: a.name,
        kind: a.kind,
        industry: industryOf(a).industryDivision ?? industryOf(a).industrySection,
        members: members.map((m) => ({
          expertId: m.expertId,
          name: byId.get(m.expertId)?.name ?? '',
          unit: byId.get(m.expertId)?.unit ?? '',
          isLeader: m.isLeader,
          affinity: m.affinity,
          why: m.why,
          scorebook: books.find((b) => b.applicationId === a.id && b.expertId === m.expertId)?.status ?? null,
        })),
        shortfall: shortfall(a, members.length, size, conflicts.experts, conflicts, loads, new Set(members.map((m) => m.expertId))),
        schedule: s ? { scheduledOn: s.scheduledOn, location: s.location, agenda: s.agenda } : null,
      };
    }),
    experts: conflicts.experts.map((e) => ({ expertId: e.id, name: e.name, load: loads.get(e.id) ?? 0, maxLoad: e.maxLoad, committed: committed.has(e.id) })),
  };
}

export async function getPanels(ctx: ServiceContext, editionId: string, stage: TechnicalStage): Promise<PanelView> {
  requireAgency(ctx);
  return panelView(ctx, ctx.db, editionId, stage);
}

async function panelApplication(tctx: TxContext, editionId: string, stage: TechnicalStage, applicationId: string, conflicts: EditionConflicts) {
  const app = conflicts.applications.find((a) => a.id === applicationId && a.state === STAGE_STATES[stage]);
  if (!app) throw notFound('申报');
  return app;
}

/** Adds an expert to a panel by hand: the same checks as the solver (conflict, availability, capacity, no repeat). */
export async function addPanelMember(ctx: ServiceContext, editionId: string, stage: TechnicalStage, applicationId: string, expertId: string): Promise<PanelView> {
  const agencyId = requireAgency(ctx);
  return inTransaction(ctx, async (tctx) => {
    const db = tctx.tx;
    const conflicts = await editionConflicts(db, editionId, agencyId, tctx.now());
    const app = await panelApplication(tctx, editionId, stage, applicationId, conflicts);
    const expert = conflicts.experts.find((e) => e.id === expertId);
    if (!expert) throw notFound('专家');
    const refuse = (message: string) => new ServiceError('panel_conflict', message, [{ field: 'expertId', message }]);
    const reasons = conflicts.index.reasons(expertId, app.id);
    if (reasons.length) throw refuse(`利益冲突，须回避：${reasons.map((r) => r.explanation).join('；')}`);
    if (!expert.available) throw refuse('该专家已标为不可用');
    const loads = await editionLoads(db, editionId);
    if ((loads.get(expertId) ?? 0) >= expert.maxLoad) throw refuse(`该专家本届评审量已满（${expert.maxLoad}）`);
    const [existing] = await db.select({ id: panelAssignments.id }).from(panelAssignments).where(and(eq(panelAssignments.stage, stage), eq(panelAssignments.applicationId, app.id), eq(panelAssignments.expertId, expertId)));
    if (existing) throw refuse('该专家已在评审组中');
    const fit = expertAffinity(expert, industryOf(app));
    const [hasLeader] = await db.select({ id: panelAssignments.id }).from(panelAssignments).where(and(eq(panelAssignments.stage, stage), eq(panelAssignments.applicationId, app.id), eq(panelAssignments.isLeader, true)));
    await db.insert(panelAssignments).values({ editionId, stage, applicationId: app.id, expertId, isLeader: !hasLeader, affinity: fit.score, why: `${fit.why}（人工调整）`, assignedBy: ctx.actor!.userId, createdAt: tctx.now() });
    await recordAudit(tctx, { action: 'panel.edit', entityType: 'application', entityId: app.id, after: { stage, added: expertId } });
    return panelView(tctx, db, editionId, stage);
  });
}

/** Takes an expert off a panel; one who submitted scores stays (a recusal goes through a declared conflict). */
export async function removePanelMember(ctx: ServiceContext, editionId: string, stage: TechnicalStage, applicationId: string, expertId: string): Promise<PanelView> {
  const agencyId = requireAgency(ctx);
  return inTransaction(ctx, async (tctx) => {
    const db = tctx.tx;
    const conflicts = await editionConflicts(db, editionId, agencyId, tctx.now());
    const app = await panelApplication(tctx, editionId, stage, applicationId, conflicts);
    const [submitted] = await db.select({ id: scorebooks.id }).from(scorebooks).where(and(eq(scorebooks.stage, stage), eq(scorebooks.applicationId, app.id), eq(scorebooks.expertId, expertId), eq(scorebooks.status, 'submitted')));
    if (submitted) throw new ServiceError('panel_conflict', '该专家已提交评分，不能移出；如需回避请登记利益冲突');
    const removed = await db.delete(panelAssignments).where(and(eq(panelAssignments.stage, stage), eq(panelAssignments.applicationId, app.id), eq(panelAssignments.expertId, expertId))).returning();
    if (!removed.length) throw notFound('评审组成员');
    await db.delete(scorebooks).where(and(eq(scorebooks.stage, stage), eq(scorebooks.applicationId, app.id), eq(scorebooks.expertId, expertId)));
    if (removed[0].isLeader) {
      const [next] = await db.select().from(panelAssignments).where(and(eq(panelAssignments.stage, stage), eq(panelAssignments.applicationId, app.id))).limit(1);
      if (next) await db.update(panelAssignments).set({ isLeader: true }).where(eq(panelAssignments.id, next.id));
    }
    await recordAudit(tctx, { action: 'panel.edit', entityType: 'application', entityId: app.id, after: { stage, removed: expertId } });
    return panelView(tctx, db, editionId, stage);
  });
}

/** Names the group leader (组长负责制) of a panel. */
export async function setPanelLeader(ctx: ServiceContext, editionId: string, stage: TechnicalStage, applicationId: string, expertId: string): Promise<PanelView> {
  const agencyId = requireAgency(ctx);
  return inTransaction(ctx, async (tctx) => {
    const db = tctx.tx;
    const conflicts = await editionConflicts(db, editionId, agencyId, tctx.now());
    const app = await panelApplication(tctx, editionId, stage, applicationId, conflicts);
    const [member] = await db.select().from(panelAssignments).where(and(eq(panelAssignments.stage, stage), eq(panelAssignments.applicationId, app.id), eq(panelAssignments.expertId, expertId)));
    if (!member) throw notFound('评审组成员');
    if (await isDisqualified(db, editionId, expertId)) throw new ServiceError('panel_conflict', '该专家已被取消本届评审资格，不能担任组长');
    await db.update(panelAssignments).set({ isLeader: false }).where(and(eq(panelAssignments.stage, stage), eq(panelAssignments.applicationId, app.id), ne(panelAssignments.expertId, expertId)));
    await db.update(panelAssignments).set({ isLeader: true }).where(eq(panelAssignments.id, member.id));
    await recordAudit(tctx, { action: 'panel.edit', entityType: 'application', entityId: app.id, after: { stage, leader: expertId } });
    return panelView(tctx, db, editionId, stage);
  });
}
