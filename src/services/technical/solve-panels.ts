import { and, eq, inArray } from 'drizzle-orm';
import type { PanelView, SolveProgressView } from '../../contract/technical.js';
import type { DbOrTx } from '../../db/connection.js';
import { panelAssignments, scorebooks } from '../../db/schema/index.js';
import { solveAssignmentInSlices, type AssignmentInstance, type SolveProgress } from '../../domain/assignment/index.js';
import { expertAffinity, type Affinity } from '../../domain/experts/affinity.js';
import { STAGE_LABELS, STAGE_STATES } from '../../domain/lifecycle/states.js';
import type { TechnicalStage } from '../../domain/profile/schema.js';
import { minimumPanel, technicalSettings } from '../../domain/profile/technical-settings.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { invalid, ServiceError } from '../errors.js';
import { loadEdition, requireAgency } from './actors.js';
import { editionConflicts } from './conflicts.js';
import { editionLoads, industryOf, panelView, scoringStarted } from './panels.js';

/**
 * Assigns the panels of a stage by the exact solver, in three parts so that a long solve holds
 * nothing: read what to solve, solve with the event loop given back every 50 ms (progress is
 * readable meanwhile), then write in one transaction that re-checks what may have changed.
 * Panels that started scoring are kept and their experts' load counts.
 */

const running = new Map<string, SolveProgress & { startedAt: number }>();
const keyOf = (editionId: string, stage: TechnicalStage) => `${editionId}/${stage}`;

export function solveProgress(ctx: ServiceContext, editionId: string, stage: TechnicalStage): SolveProgressView {
  requireAgency(ctx);
  const p = running.get(keyOf(editionId, stage));
  return p ? { running: true, round: p.round, augmentations: p.augmentations, seats: p.seats, elapsedMs: Date.now() - p.startedAt } : { running: false, round: 0, augmentations: 0, seats: 0, elapsedMs: 0 };
}

interface Plan {
  appIds: string[];
  instance: AssignmentInstance;
  fit: Map<string, Affinity>;
}

/** What to solve: the stage's applications without scores, the available pool with its remaining capacity. */
async function plan(db: DbOrTx, editionId: string, stage: TechnicalStage, agencyId: string, k: number, now: Date): Promise<Plan> {
  const { profile } = await loadEdition(db, editionId);
  if (k < minimumPanel(profile, stage)) throw invalid([{ field: 'k', message: `${STAGE_LABELS[stage]}评审组至少 ${minimumPanel(profile, stage)} 人` }]);
  const settings = technicalSettings(profile);
  const conflicts = await editionConflicts(db, editionId, agencyId, now);
  const kept = await scoringStarted(db, editionId, stage);
  const apps = conflicts.applications.filter((a) => a.state === STAGE_STATES[stage] && !kept.has(a.id));
  if (apps.length === 0) throw new ServiceError('wrong_stage', `没有待分配${STAGE_LABELS[stage]}评审组的申报`);
  // Their current panels at this stage are replaced: that load is free again.
  const loads = await editionLoads(db, editionId);
  const replaced = await db.select({ expertId: panelAssignments.expertId }).from(panelAssignments).where(and(eq(panelAssignments.stage, stage), inArray(panelAssignments.applicationId, apps.map((a) => a.id))));
  for (const r of replaced) loads.set(r.expertId, (loads.get(r.expertId) ?? 1) - 1);
  const pool = conflicts.experts.filter((e) => e.available);
  const pairs = apps.flatMap((a) => pool.map((e) => ({ a: a.id, e: e.id, fit: expertAffinity(e, industryOf(a)) })));
  return {
    appIds: apps.map((a) => a.id).sort(),
    fit: new Map(pairs.map((x) => [`${x.a}/${x.e}`, x.fit])),
    instance: {
      k,
      loadPenalty: settings.loadPenalty,
      experts: pool.map((e) => ({ id: e.id, capacity: Math.max(0, e.maxLoad - (loads.get(e.id) ?? 0)), unit: e.unit })),
      applications: apps.map((a) => ({ id: a.id })),
      affinity: pairs.filter((x) => x.fit.score > 0).map((x) => [x.a, x.e, x.fit.score] as [string, string, number]),
      conflicts: apps.flatMap((a) => pool.filter((e) => conflicts.index.isConflicted(e.id, a.id)).map((e) => [a.id, e.id] as [string, string])),
      soft: settings.soft,
      industryMatch: pairs.filter((x) => x.fit.industryMatch).map((x) => [x.a, x.e] as [string, string]),
    },
  };
}

export async function solvePanels(ctx: ServiceContext, editionId: string, stage: TechnicalStage, k: number): Promise<PanelView> {
  const agencyId = requireAgency(ctx);
  const key = keyOf(editionId, stage);
  if (running.has(key)) throw new ServiceError('state_conflict', `${STAGE_LABELS[stage]}评审组正在分配中，请稍候`);
  const before = await plan(ctx.db, editionId, stage, agencyId, k, ctx.now());
  const startedAt = Date.now();
  running.set(key, { round: 0, augmentations: 0, seats: k * before.appIds.length, startedAt });
  try {
    const result = await solveAssignmentInSlices(before.instance, (p) => running.set(key, { ...p, startedAt }));
    return await inTransaction(ctx, async (tctx) => {
      const db = tctx.tx;
      // What the solve relied on is read again: the same applications, no new conflict, capacity still there.
      const now = await plan(db, editionId, stage, agencyId, k, tctx.now());
      const changed = () => new ServiceError('state_conflict', '分配期间申报、专家库或利益冲突发生了变化，请重新分配');
      if (now.appIds.join() !== before.appIds.join()) throw changed();
      const conflicted = new Set(now.instance.conflicts.map(([a, e]) => `${a}/${e}`));
      const capacity = new Map(now.instance.experts.map((e) => [e.id, e.capacity]));
      for (const [applicationId, expertIds] of Object.entries(result.assignments)) {
        for (const expertId of expertIds) {
          if (conflicted.has(`${applicationId}/${expertId}`) || !capacity.has(expertId)) throw changed();
          capacity.set(expertId, capacity.get(expertId)! - 1);
        }
      }
      if ([...capacity.values()].some((c) => c < 0)) throw changed();
      await db.delete(panelAssignments).where(and(eq(panelAssignments.stage, stage), inArray(panelAssignments.applicationId, now.appIds)));
      await db.delete(scorebooks).where(and(eq(scorebooks.stage, stage), inArray(scorebooks.applicationId, now.appIds)));
      const values = Object.entries(result.assignments).flatMap(([applicationId, expertIds]) =>
        expertIds.map((expertId, i) => {
          const fit = now.fit.get(`${applicationId}/${expertId}`)!;
          return { editionId, stage, applicationId, expertId, isLeader: i === 0, affinity: fit.score, why: fit.why, assignedBy: ctx.actor!.userId, createdAt: tctx.now() };
        }),
      );
      if (values.length) await db.insert(panelAssignments).values(values);
      await recordAudit(tctx, { action: 'panel.solve', entityType: 'edition', entityId: editionId, after: { stage, k, applications: now.appIds.length, assigned: values.length, objective: result.objective, unassigned: result.unassigned } });
      return panelView(tctx, db, editionId, stage, k, result.objective);
    });
  } finally {
    running.delete(key);
  }
}
