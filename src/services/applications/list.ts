import type { ApplicationPage } from '../../contract/applications.js';
import { and, eq } from 'drizzle-orm';
import { applications } from '../../db/schema/index.js';
import { STATE_LABELS, type ApplicationState } from '../../domain/lifecycle/states.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { readThrough } from '../read-cache.js';
import { countVisibleApplications } from './list-total.js';
import { firstPage, pageQuery } from './list-query.js';
import { visibleApplicationsWhere } from './list-visibility.js';

export { visibleApplicationsWhere } from './list-visibility.js';

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
  const actor = ctx.actor;
  if (!actor) throw new ServiceError('unauthenticated', '请先登录');
  // Everything the page depends on besides the data: who asks (visibility) and the filter.
  const key = ['applications', actor.userId, [...actor.roles].sort().join('+'), actor.organisationId, filter.state, filter.editionId, filter.page, filter.pageSize].join('\u0000');
  return readThrough(ctx.db, key, () => computePage(ctx, actor, filter));
}

async function computePage(ctx: ServiceContext, actor: Actor, filter: ApplicationListQuery): Promise<ApplicationPage> {
  // The first page (the one nearly every visit reads) runs as a statement built and prepared
  // once per shape of caller and filter (list-query.ts); later pages are built per request.
  const page = filter.page === 1 ? firstPage(ctx, actor, filter) : laterPage(ctx, filter);
  const [rows, total] = await Promise.all([page, countVisibleApplications(ctx, actor, filter)]);
  const items = rows.slice(0, filter.pageSize);
  return {
    items: items.map((r) => ({ ...r, submittedAt: r.submittedAt?.toISOString() ?? null, updatedAt: r.updatedAt.toISOString(), stateLabel: STATE_LABELS[r.state] })),
    total,
    hasMore: rows.length > filter.pageSize,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

function laterPage(ctx: ServiceContext, filter: ApplicationListQuery) {
  const where = and(
    visibleApplicationsWhere(ctx.db, ctx.actor),
    filter.state ? eq(applications.state, filter.state) : undefined,
    filter.editionId ? eq(applications.editionId, filter.editionId) : undefined,
  );
  return pageQuery(ctx.db, where)
    .limit(filter.pageSize + 1)
    .offset((filter.page - 1) * filter.pageSize);
}
