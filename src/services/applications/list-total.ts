import { eq } from 'drizzle-orm';
import { executePrepared } from '../../db/prepared.js';
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
 */
export function wholeGroupsSeenBy(actor: Actor): ((group: CountGroup) => boolean) | null {
  if ((hasRole(actor, 'department') && actor.organisationId) || hasRole(actor, 'expert')) return null;
  const office = hasRole(actor, 'office');
  const county = hasRole(actor, 'county') && actor.organisationId ? actor.organisationId : null;
  const bodyStates = new Set(
    Object.entries(BODY_VISIBLE_STATES)
      .filter(([role]) => hasRole(actor, role as Role))
      .flatMap(([, states]) => states!),
  );
  return (g) => (office && g.state !== 'draft') || (county !== null && g.countyId === county && g.state !== 'draft') || bodyStates.has(g.state);
}

export interface ListFilter {
  state?: ApplicationState;
  editionId?: string;
}

/**
 * How many applications the actor may see under the filter, without counting the
 * applications table: the maintained counts of the groups it sees whole, plus its own
 * applications outside them (an index lookup, a handful of rows). Null when not exact.
 */
export async function countVisibleApplications(ctx: ServiceContext, actor: Actor, filter: ListFilter): Promise<number | null> {
  const seen = wholeGroupsSeenBy(actor);
  if (!seen) return null;
  const inFilter = (g: CountGroup) => (!filter.state || g.state === filter.state) && (!filter.editionId || g.editionId === filter.editionId);
  const groups = await executePrepared(
    'app_counts',
    ctx.db
      .select({ editionId: applicationStateCounts.editionId, countyId: applicationStateCounts.countyId, state: applicationStateCounts.state, n: applicationStateCounts.n })
      .from(applicationStateCounts)
      .where(filter.editionId ? eq(applicationStateCounts.editionId, filter.editionId) : undefined),
  );
  const own = await executePrepared(
    'app_own_groups',
    ctx.db
      .select({ editionId: applications.editionId, countyId: applications.countyId, state: applications.state })
      .from(applications)
      .where(eq(applications.applicantUserId, actor.userId)),
  );
  let total = 0;
  for (const g of groups) if (inFilter(g) && seen(g)) total += g.n;
  for (const g of own) if (inFilter(g) && !seen(g)) total += 1;
  return total;
}
