import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Organisation, OrganisationList } from '../contract/directory.js';
import type { DbOrTx } from '../db/connection.js';
import { applications, organisations } from '../db/schema/index.js';
import { PENDING_STATES } from '../domain/lifecycle/states.js';
import { decisionView } from '../domain/policies/decision.js';
import { directoryScope, organisationPolicy } from '../domain/policies/organisations.js';
import type { OrganisationKind } from '../domain/roles.js';
import { recordAudit } from './audit/record.js';
import { invalidateSessions } from './auth/session-invalidation.js';
import { inTransaction, type ServiceContext } from './context.js';
import { conflict, ensure, notFound } from './errors.js';

type OrganisationRow = typeof organisations.$inferSelect;

const presentOrganisation = (ctx: ServiceContext, o: OrganisationRow, pending: ReadonlyMap<string, number>): Organisation => ({
  id: o.id,
  name: o.name,
  kind: o.kind as OrganisationKind,
  code: o.code,
  active: o.active,
  pendingApplications: pending.get(o.id) ?? 0,
  abilities: { update: decisionView(organisationPolicy.update(ctx.actor, null)) },
});

/** Applications still in progress per organisation, as their county or as the applicant unit. */
async function pendingApplications(db: DbOrTx, ids: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  if (ids.length === 0) return result;
  const pending = inArray(applications.state, [...PENDING_STATES]);
  for (const column of [applications.countyId, applications.applicantOrganisationId]) {
    const rows = await db
      .select({ id: column, n: count() })
      .from(applications)
      .where(and(pending, inArray(column, ids)))
      .groupBy(column);
    for (const r of rows) if (r.id) result.set(r.id, (result.get(r.id) ?? 0) + r.n);
  }
  return result;
}

export async function listOrganisations(ctx: ServiceContext, filter: { kind?: OrganisationKind }): Promise<OrganisationList> {
  ensure(organisationPolicy.list(ctx.actor, null));
  // Visibility in the query: an applicant's list holds its own organisation at most.
  const scope = directoryScope(ctx.actor);
  const own = scope.all ? undefined : scope.organisationId ? eq(organisations.id, scope.organisationId) : sql`false`;
  const rows = await ctx.db
    .select()
    .from(organisations)
    .where(and(filter.kind ? eq(organisations.kind, filter.kind) : undefined, own))
    .orderBy(asc(organisations.kind), asc(organisations.code), asc(organisations.name));
  const pending = await pendingApplications(ctx.db, rows.map((o) => o.id));
  return {
    items: rows.map((o) => presentOrganisation(ctx, o, pending)),
    abilities: { create: organisationPolicy.create(ctx.actor, null).ok },
  };
}

async function ensureNameFree(db: DbOrTx, name: string, kind: string, exceptId?: string) {
  const [clash] = await db.select({ id: organisations.id, kind: organisations.kind }).from(organisations).where(eq(organisations.name, name));
  if (clash && clash.id !== exceptId && clash.kind === kind) {
    throw conflict('organisation_exists', '同类机构中已有同名机构', [{ field: 'name', message: '同类机构中已有同名机构' }]);
  }
}

export async function createOrganisation(ctx: ServiceContext, input: { name: string; kind: OrganisationKind; code?: string | null }): Promise<Organisation> {
  ensure(organisationPolicy.create(ctx.actor, null));
  return inTransaction(ctx, async (tctx) => {
    await ensureNameFree(tctx.tx, input.name, input.kind);
    const [row] = await tctx.tx
      .insert(organisations)
      .values({ name: input.name, kind: input.kind, code: input.code ?? null })
      .returning();
    await recordAudit(tctx, { action: 'organisation.create', entityType: 'organisation', entityId: row.id, after: row });
    return presentOrganisation(ctx, row, new Map());
  });
}

export async function updateOrganisation(
  ctx: ServiceContext,
  id: string,
  change: { name?: string; code?: string | null; active?: boolean },
): Promise<Organisation> {
  ensure(organisationPolicy.list(ctx.actor, null));
  return inTransaction(ctx, async (tctx) => {
    const [before] = await tctx.tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!before) throw notFound('机构');
    ensure(organisationPolicy.update(ctx.actor, null));
    if (change.name && change.name !== before.name) await ensureNameFree(tctx.tx, change.name, before.kind, id);
    const [after] = await tctx.tx
      .update(organisations)
      .set({ name: change.name ?? before.name, code: change.code === undefined ? before.code : change.code, active: change.active ?? before.active })
      .where(eq(organisations.id, id))
      .returning();
    // Its members' sessions carry the organisation's name.
    await invalidateSessions(tctx.tx, { kind: 'organisation', organisationId: id });
    await recordAudit(tctx, { action: 'organisation.update', entityType: 'organisation', entityId: id, before, after });
    return presentOrganisation(ctx, after, await pendingApplications(tctx.tx, [id]));
  });
}
