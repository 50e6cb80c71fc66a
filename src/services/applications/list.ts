import type { ApplicationPage } from '../../contract/applications.js';
import { and, desc, eq, exists, inArray, ne, or, type SQL } from 'drizzle-orm';
import { BODY_VISIBLE_STATES, EXPERT_VISIBLE_STATES } from '../../domain/policies/applications.js';
import { executePrepared, planConstant } from '../../db/prepared.js';
import { applications, editions, expertCommitments, experts, organisations, panelAssignments, qualificationReviews } from '../../db/schema/index.js';
import { STATE_LABELS, type ApplicationState } from '../../domain/lifecycle/states.js';
import { hasRole, type Role } from '../../domain/roles.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { notDisqualified } from '../supervision/disqualified.js';
import { countVisibleApplications } from './list-total.js';

/**
 * Visibility in the query (ARCHITECTURE habit 5): the same rule as canViewApplication,
 * written as SQL so lists never load what the caller may not see.
 */
export function visibleApplicationsWhere(ctx: ServiceContext): SQL | undefined {
  const actor = ctx.actor;
  if (!actor) return undefined;
  const clauses: SQL[] = [eq(applications.applicantUserId, actor.userId)];
  if (hasRole(actor, 'office')) clauses.push(ne(applications.state, 'draft'));
  if (hasRole(actor, 'county') && actor.organisationId) {
    clauses.push(and(eq(applications.countyId, actor.organisationId), ne(applications.state, 'draft'))!);
  }
  if (hasRole(actor, 'department') && actor.organisationId) {
    clauses.push(
      exists(
        ctx.db
          .select({ one: qualificationReviews.id })
          .from(qualificationReviews)
          .where(and(eq(qualificationReviews.applicationId, applications.id), eq(qualificationReviews.departmentId, actor.organisationId))),
      ),
    );
  }
  if (hasRole(actor, 'expert')) {
    const onPanel = ctx.db
      .select({ one: panelAssignments.id })
      .from(panelAssignments)
      .innerJoin(experts, eq(experts.id, panelAssignments.expertId))
      .innerJoin(expertCommitments, and(eq(expertCommitments.expertId, experts.id), eq(expertCommitments.editionId, applications.editionId)))
      .where(and(eq(panelAssignments.applicationId, applications.id), eq(experts.userId, actor.userId), notDisqualified(experts.id, panelAssignments.editionId)));
    clauses.push(and(inArray(applications.state, [...EXPERT_VISIBLE_STATES]), exists(onPanel))!);
  }
  for (const [role, states] of Object.entries(BODY_VISIBLE_STATES)) {
    if (hasRole(actor, role as Role)) clauses.push(inArray(applications.state, [...states!]));
  }
  return or(...clauses);
}

export interface ApplicationListQuery {
  state?: ApplicationState;
  editionId?: string;
  page: number;
  pageSize: number;
}

/**
 * One page of the applications the caller may see, newest change first. The total comes from
 * the maintained counts (list-total.ts), never from counting the table; where it cannot be
 * exact it is null and `hasMore` (one row read past the page) tells whether a next page exists.
 */
export async function listApplications(ctx: ServiceContext, filter: ApplicationListQuery): Promise<ApplicationPage> {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  const where = and(
    visibleApplicationsWhere(ctx),
    filter.state ? eq(applications.state, filter.state) : undefined,
    filter.editionId ? eq(applications.editionId, filter.editionId) : undefined,
  );
  const rowsQuery = ctx.db
    .select({
      id: applications.id,
      name: applications.name,
      kind: applications.kind,
      state: applications.state,
      submittedAt: applications.submittedAt,
      updatedAt: applications.updatedAt,
      countyName: organisations.name,
      editionName: editions.name,
      editionId: applications.editionId,
    })
    .from(applications)
    .innerJoin(editions, eq(editions.id, applications.editionId))
    .leftJoin(organisations, eq(organisations.id, applications.countyId))
    .where(where)
    .orderBy(desc(applications.updatedAt), desc(applications.id));
  // The first page (the one nearly every visit reads) is a prepared statement with its limit
  // written into the text (db/prepared.ts planConstant); later pages run as plain queries.
  const page =
    filter.page === 1
      ? executePrepared('app_list', rowsQuery.limit(planConstant(filter.pageSize + 1)))
      : rowsQuery.limit(filter.pageSize + 1).offset((filter.page - 1) * filter.pageSize);
  const [rows, total] = await Promise.all([page, countVisibleApplications(ctx, ctx.actor, filter)]);
  const items = rows.slice(0, filter.pageSize);
  return {
    items: items.map((r) => ({ ...r, submittedAt: r.submittedAt?.toISOString() ?? null, updatedAt: r.updatedAt.toISOString(), stateLabel: STATE_LABELS[r.state] })),
    total,
    hasMore: rows.length > filter.pageSize,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
