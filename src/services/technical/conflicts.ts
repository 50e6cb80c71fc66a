import { and, eq, inArray } from 'drizzle-orm';
import type { ConflictList } from '../../contract/technical.js';
import type { DbOrTx } from '../../db/connection.js';
import { applications, conflictDeclarations, conflictDismissals, experts, organisations, panelAssignments, scorebooks, users } from '../../db/schema/index.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { ConflictIndex } from '../../domain/conflicts/conflict-index.js';
import { detectConflictGroups, expandCountyGroups } from '../../domain/conflicts/detect.js';
import type { Conflict, ConflictApplicant, ConflictExpert, ConflictRuleCode } from '../../domain/conflicts/types.js';
import { STAGE_STATES } from '../../domain/lifecycle/states.js';
import { technicalSettings } from '../../domain/profile/technical-settings.js';
import { hasRole } from '../../domain/roles.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { invalid, notFound, ServiceError } from '../errors.js';
import { disqualifiedExpertIds } from '../supervision/disqualified.js';
import { loadEdition, requireAgency, requireExpert, type ExpertRow } from './actors.js';

/** Conflicts of interest (SPEC §9, Art. 24): detected from data by the profile's rules, declared, or dismissed with a reason. */

export const CONFLICT_RULE_LABELS: Record<ConflictRuleCode, string> = {
  same_unit: '同单位',
  former_employer: '曾任职',
  relative: '亲属任职',
  adviser: '顾问或持股',
  same_county: '同县区',
  declared: '本人或机构申报',
};

/** The states in which an application is in the agency's hands for the technical review. */
export const TECHNICAL_STATES = ['qualified', ...Object.values(STAGE_STATES)] as const;

export type TechnicalApplication = { id: string; name: string; kind: 'unit' | 'individual'; state: string; form: Record<string, unknown>; countyName: string | null };

export async function technicalApplications(db: DbOrTx, editionId: string, states: readonly string[] = TECHNICAL_STATES): Promise<TechnicalApplication[]> {
  return db
    .select({ id: applications.id, name: applications.name, kind: applications.kind, state: applications.state, form: applications.form, countyName: organisations.name })
    .from(applications)
    .leftJoin(organisations, eq(organisations.id, applications.countyId))
    .where(and(eq(applications.editionId, editionId), inArray(applications.state, [...states] as never[])))
    .orderBy(applications.name);
}

const asApplicant = (a: TechnicalApplication): ConflictApplicant => ({
  id: a.id,
  name: a.name,
  unit: a.kind === 'individual' && typeof a.form.workUnit === 'string' ? a.form.workUnit : a.name,
  countyName: a.countyName,
});
const asExpert = (e: ExpertRow): ConflictExpert => ({ id: e.id, unit: e.unit, countyName: e.countyName, formerEmployers: e.formerEmployers, relativesUnits: e.relativesUnits, advisedUnits: e.advisedUnits });

export interface EditionConflicts {
  index: ConflictIndex;
  experts: ExpertRow[];
  applications: TechnicalApplication[];
  /** Every detected conflict, dismissed ones included (the listing marks them). */
  detected: Conflict[];
}

/** The conflicts in force for an agency's pool and an edition's applications: what every assignment path asks. */
export async function editionConflicts(db: DbOrTx, editionId: string, agencyId: string, now: Date): Promise<EditionConflicts> {
  const { profile } = await loadEdition(db, editionId);
  const disqualified = await disqualifiedExpertIds(db, editionId);
  // An expert disqualified for the edition (Art. 26) is not available to its panels again.
  const pool = (await db.select().from(experts).where(eq(experts.agencyId, agencyId))).map((e) => (disqualified.has(e.id) ? { ...e, available: false } : e));
  const apps = await technicalApplications(db, editionId);
  const ids = pool.map((e) => e.id);
  const declared = ids.length ? await db.select().from(conflictDeclarations).where(inArray(conflictDeclarations.expertId, ids)) : [];
  const dismissed = ids.length ? await db.select().from(conflictDismissals).where(inArray(conflictDismissals.expertId, ids)) : [];
  const groups = detectConflictGroups(pool.map(asExpert), apps.map(asApplicant), technicalSettings(profile).conflictRules, { year: Number(shanghaiToday(now).slice(0, 4)) });
  const index = new ConflictIndex({
    detected: groups,
    declared: declared.map((d) => ({ expertId: d.expertId, applicationId: d.applicationId, by: d.source, reason: d.reason })),
    dismissed: dismissed.map((d) => ({ expertId: d.expertId, applicationId: d.applicationId, rule: d.rule as ConflictRuleCode })),
  });
  const detected = [...groups.pairs, ...expandCountyGroups(groups.countyGroups)];
  for (const d of declared) detected.push(...index.reasons(d.expertId, d.applicationId).filter((c) => c.rule === 'declared'));
  return { index, experts: pool, applications: apps, detected };
}

const LIST_LIMIT = 2000;

/** The conflicts of the agency's pool with the edition's applications, each with its explanation. */
export async function listConflicts(ctx: ServiceContext, editionId: string): Promise<ConflictList> {
  const agencyId = requireAgency(ctx);
  const { experts: pool, applications: apps, detected } = await editionConflicts(ctx.db, editionId, agencyId, ctx.now());
  const dismissals = await ctx.db
    .select({ d: conflictDismissals, by: users.displayName })
    .from(conflictDismissals)
    .innerJoin(users, eq(users.id, conflictDismissals.dismissedBy))
    .where(pool.length ? inArray(conflictDismissals.expertId, pool.map((e) => e.id)) : undefined);
  const expertName = new Map(pool.map((e) => [e.id, e.name]));
  const appName = new Map(apps.map((a) => [a.id, a.name]));
  const items = detected.slice(0, LIST_LIMIT).map((c) => {
    const d = dismissals.find((x) => x.d.expertId === c.expertId && x.d.applicationId === c.applicationId && x.d.rule === c.rule);
    return {
      expertId: c.expertId,
      expertName: expertName.get(c.expertId) ?? '',
      applicationId: c.applicationId,
      applicationName: appName.get(c.applicationId) ?? '',
      rule: c.rule,
      ruleLabel: CONFLICT_RULE_LABELS[c.rule],
      explanation: c.explanation,
      dismissed: d ? { reason: d.d.reason, by: d.by, at: d.d.createdAt.toISOString() } : null,
    };
  });
  return { items, truncated: detected.length > LIST_LIMIT };
}

/** Takes a newly conflicted pair off every panel; a submitted scorebook of the pair is set aside, never counted. */
async function recuse(tctx: TxContext, expertId: string, applicationId: string): Promise<void> {
  await tctx.tx.delete(panelAssignments).where(and(eq(panelAssignments.expertId, expertId), eq(panelAssignments.applicationId, applicationId)));
  await tctx.tx.update(scorebooks).set({ setAsideAt: tctx.now() }).where(and(eq(scorebooks.expertId, expertId), eq(scorebooks.applicationId, applicationId)));
}

/**
 * A conflict declared by the expert (about an application on one of their panels) or entered by
 * the agency (about any expert of its pool). It takes the expert off that application's panels.
 */
export async function declareConflict(ctx: ServiceContext, editionId: string, input: { expertId?: string; applicationId: string; reason: string }): Promise<{ ok: true }> {
  const byExpert = hasRole(ctx.actor, 'expert') && !hasRole(ctx.actor, 'agency');
  const expert = byExpert ? await requireExpert(ctx) : null;
  const agencyId = byExpert ? null : requireAgency(ctx);
  const expertId = expert?.id ?? input.expertId;
  if (!expertId) throw invalid([{ field: 'expertId', message: '请选择专家' }]);
  await inTransaction(ctx, async (tctx) => {
    const [app] = await tctx.tx.select({ id: applications.id }).from(applications).where(and(eq(applications.id, input.applicationId), eq(applications.editionId, editionId)));
    if (!app) throw notFound('申报');
    if (expert) {
      const [onPanel] = await tctx.tx.select({ id: panelAssignments.id }).from(panelAssignments).where(and(eq(panelAssignments.expertId, expert.id), eq(panelAssignments.applicationId, app.id)));
      if (!onPanel) throw notFound('申报');
    } else {
      const [own] = await tctx.tx.select({ id: experts.id }).from(experts).where(and(eq(experts.id, expertId), eq(experts.agencyId, agencyId!)));
      if (!own) throw notFound('专家');
    }
    await tctx.tx
      .insert(conflictDeclarations)
      .values({ expertId, applicationId: app.id, source: expert ? 'expert' : 'agency', reason: input.reason, recordedBy: ctx.actor!.userId, createdAt: tctx.now() })
      .onConflictDoNothing();
    await recuse(tctx, expertId, app.id);
    await recordAudit(tctx, { action: 'conflict.declare', entityType: 'application', entityId: app.id, after: { expertId, reason: input.reason, by: expert ? 'expert' : 'agency' } });
  });
  return { ok: true };
}

/** The agency judges a detected conflict a false positive; the reason is kept and audited. A declared conflict stays. */
export async function dismissConflict(ctx: ServiceContext, editionId: string, input: { expertId: string; applicationId: string; rule: ConflictRuleCode; reason: string }): Promise<{ ok: true }> {
  const agencyId = requireAgency(ctx);
  if (input.rule === 'declared') throw invalid([{ field: 'rule', message: '本人或机构申报的回避不能撤销' }]);
  const { detected } = await editionConflicts(ctx.db, editionId, agencyId, ctx.now());
  if (!detected.some((c) => c.expertId === input.expertId && c.applicationId === input.applicationId && c.rule === input.rule)) {
    throw new ServiceError('not_found', '没有该项利益冲突');
  }
  await inTransaction(ctx, async (tctx) => {
    await tctx.tx.insert(conflictDismissals).values({ ...input, dismissedBy: ctx.actor!.userId, createdAt: tctx.now() }).onConflictDoNothing();
    await recordAudit(tctx, { action: 'conflict.dismiss', entityType: 'application', entityId: input.applicationId, after: input });
  });
  return { ok: true };
}
