import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { statementPerShape } from '../../db/named-statement.js';
import { planConstant } from '../../db/prepared.js';
import { applications, editions, organisations } from '../../db/schema/index.js';
import type { ApplicationState } from '../../domain/lifecycle/states.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceContext } from '../context.js';
import { visibleApplicationsWhere } from './list-visibility.js';

/** The rows of a page, newest change first (one read past the page tells whether more follow). */
export function pageQuery(db: DbOrTx, where: SQL | undefined) {
  return db
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
}

type PageRow = Awaited<ReturnType<typeof pageQuery>>[number];

interface FirstPageFilter {
  state?: ApplicationState;
  editionId?: string;
  pageSize: number;
}

/**
 * One prepared statement per shape of the first page: which visibility clauses the caller's
 * roles bring (list-visibility.ts), which filters are set, and the page size (a LIMIT written
 * into the text, db/prepared.ts planConstant). The values — who asks, their organisation, the
 * filters — are bound per request, so the query is neither rebuilt by drizzle nor parsed and
 * planned by the database again. Shapes are few: role sets × filters × page sizes.
 */
const pageOfShape = statementPerShape<PageRow>('app_list');

export function firstPage(ctx: ServiceContext, actor: Actor, filter: FirstPageFilter): Promise<PageRow[]> {
  const shape = [[...actor.roles].sort().join('+'), actor.organisationId ? 'org' : '', filter.state ? 'state' : '', filter.editionId ? 'edition' : '', filter.pageSize].join('|');
  const { state, editionId, pageSize } = filter;
  const statement = pageOfShape(shape, (db) =>
    pageQuery(
      db,
      and(
        visibleApplicationsWhere(db, actor, { userId: sql.placeholder('userId'), organisationId: sql.placeholder('organisationId') }),
        state ? eq(applications.state, sql.placeholder('state') as unknown as ApplicationState) : undefined,
        editionId ? eq(applications.editionId, sql.placeholder('editionId') as unknown as string) : undefined,
      ),
    ).limit(planConstant(pageSize + 1)),
  );
  return statement(ctx.db, { userId: actor.userId, organisationId: actor.organisationId, state, editionId });
}
