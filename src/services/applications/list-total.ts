import { and, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { namedStatement, statementPerShape } from '../../db/named-statement.js';
import { applications, applicationStateCounts } from '../../db/schema/index.js';
import type { ApplicationState } from '../../domain/lifecycle/states.js';
import { BODY_VISIBLE_STATES } from '../../domain/policies/applications.js';
import { hasRole, type Actor, type Role } from '../../domain/roles.js';
import type { ServiceContext } from '../context.js';

/** One group of the maintained counts (db/schema/application-counts.ts). */
export interface CountGroup {
  editionId: string;
  countyId: string | null;
  state: ApplicationState;
}

/**
 * The groups an actor sees whole, by the same rule as visibleApplicationsWhere (list.ts): the
 * office every group but drafts, a county body its county's, the city-wide bodies theirs by
 * state. Null when part of what the actor sees is not whole groups (a department's review
 * tasks, an expert's panels): such a list says "more" instead of a total.
 * The applicant's own applications are not groups; countVisibleApplications adds them.
 * One rule, read two ways below: as SQL over the counts, and as a test of one group.
 */
export interface WholeGroups {
  allButDrafts: boolean;
  countyButDrafts: string | null;
  states: ApplicationState[];
}

export function wholeGroupsSeenBy(actor: Actor): WholeGroups | null {
  if ((hasRole(actor, 'department') && actor.organisationId) || hasRole(actor, 'expert')) return null;
  const states = new Set(
    Object.entries(BODY_VISIBLE_STATES)
      .filter(([role]) => hasRole(actor, role as Role))
      .flatMap(([, s]) => s!),
  );
  return {
    allButDrafts: hasRole(actor, 'office'),
    countyButDrafts: hasRole(actor, 'county') && actor.organisationId ? actor.organisationId : null,
    states: [...states],
  };
}

export function seesGroup(seen: WholeGroups, g: CountGroup): boolean {
  return (seen.allButDrafts && g.state !== 'draft') || (seen.countyButDrafts !== null && g.countyId === seen.countyButDrafts && g.state !== 'draft') || seen.states.includes(g.state);
}

/** The same rule as SQL over the counts; the county is bound per request (a placeholder). */
function seenGroupsWhere(seen: WholeGroups): SQL {
  const c = applicationStateCounts;
  const clauses: SQL[] = [];
  if (seen.allButDrafts) clauses.push(ne(c.state, 'draft'));
  if (seen.countyButDrafts !== null) clauses.push(and(eq(c.countyId, sql.placeholder('county') as unknown as string), ne(c.state, 'draft'))!);
  if (seen.states.length) clauses.push(inArray(c.state, seen.states));
  return clauses.length ? or(...clauses)! : sql`false`;
}

/** One prepared sum per shape of what is seen and filtered (few: role sets × filters). */
const sumOfShape = statementPerShape<{ n: number }>('app_counts');

function visibleSum(db: Db, seen: WholeGroups, filter: ListFilter): Promise<Array<{ n: number }>> {
  const shape = [seen.allButDrafts, seen.countyButDrafts !== null, [...seen.states].sort().join('+'), !!filter.state, !!filter.editionId].join('|');
  const c = applicationStateCounts;
  const statement = sumOfShape(shape, (handle) =>
    handle
      .select({ n: sql<number>`coalesce(sum(${c.n}), 0)::int` })
      .from(c)
      .where(
        and(
          seenGroupsWhere(seen),
          filter.state ? eq(c.state, sql.placeholder('state') as unknown as ApplicationState) : undefined,
          filter.editionId ? eq(c.editionId, sql.placeholder('editionId') as unknown as string) : undefined,
        ),
      ),
  );
  return statement(db, { county: seen.countyButDrafts, state: filter.state, editionId: filter.editionId });
}

const ownApplications = namedStatement<CountGroup>({
  name: 'app_own_groups',
  build: (db) =>
    db
      .select({ editionId: applications.editionId, countyId: applications.countyId, state: applications.state })
      .from(applications)
      .where(eq(applications.applicantUserId, sql.placeholder('userId') as unknown as string)),
});

export interface ListFilter {
  state?: ApplicationState;
  editionId?: string;
}

/**
 * How many applications the actor may see under the filter, without counting the
 * applications table: the sum of the maintained counts of the groups it sees whole (one row
 * back), plus its own applications outside them (an index lookup, a handful of rows).
 * Null when not exact.
 */
export async function countVisibleApplications(ctx: ServiceContext, actor: Actor, filter: ListFilter): Promise<number | null> {
  const seen = wholeGroupsSeenBy(actor);
  if (!seen) return null;
  // Prepared statements of the outer handle (db/named-statement.ts refuses them inside a transaction).
  const [[groups], own] = await Promise.all([visibleSum(ctx.db, seen, filter), ownApplications(ctx.db, { userId: actor.userId })]);
  const inFilter = (g: CountGroup) => (!filter.state || g.state === filter.state) && (!filter.editionId || g.editionId === filter.editionId);
  return groups.n + own.filter((g) => inFilter(g) && !seesGroup(seen, g)).length;
}
