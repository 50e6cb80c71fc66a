import { and, eq, exists, inArray, ne, or, type SQL } from 'drizzle-orm';
import { expertCommitments, experts, applications, panelAssignments, qualificationReviews } from '../../db/schema/index.js';
import { BODY_VISIBLE_STATES, EXPERT_VISIBLE_STATES } from '../../domain/policies/applications.js';
import type { DbOrTx } from '../../db/connection.js';
import { hasRole, type Actor, type Role } from '../../domain/roles.js';
import { notDisqualified } from '../supervision/disqualified.js';

/** The caller's values a visibility clause reads: real values, or placeholders of a prepared statement. */
interface VisibilityValues {
  userId: unknown;
  organisationId: unknown;
}

/**
 * Visibility in the query (ARCHITECTURE habit 5): the same rule as canViewApplication,
 * written as SQL so lists never load what the caller may not see. The clauses present
 * depend on the actor's roles alone; `values` fills them (list-query.ts binds placeholders).
 */
export function visibleApplicationsWhere(db: DbOrTx, actor: Actor | null, values?: VisibilityValues): SQL | undefined {
  if (!actor) return undefined;
  const { userId, organisationId } = values ?? { userId: actor.userId, organisationId: actor.organisationId };
  const clauses: SQL[] = [eq(applications.applicantUserId, userId as string)];
  if (hasRole(actor, 'office')) clauses.push(ne(applications.state, 'draft'));
  if (hasRole(actor, 'county') && actor.organisationId) {
    clauses.push(and(eq(applications.countyId, organisationId as string), ne(applications.state, 'draft'))!);
  }
  if (hasRole(actor, 'department') && actor.organisationId) {
    clauses.push(
      exists(
        db
          .select({ one: qualificationReviews.id })
          .from(qualificationReviews)
          .where(and(eq(qualificationReviews.applicationId, applications.id), eq(qualificationReviews.departmentId, organisationId as string))),
      ),
    );
  }
  if (hasRole(actor, 'expert')) {
    const onPanel = db
      .select({ one: panelAssignments.id })
      .from(panelAssignments)
      .innerJoin(experts, eq(experts.id, panelAssignments.expertId))
      .innerJoin(expertCommitments, and(eq(expertCommitments.expertId, experts.id), eq(expertCommitments.editionId, applications.editionId)))
      .where(and(eq(panelAssignments.applicationId, applications.id), eq(experts.userId, userId as string), notDisqualified(experts.id, panelAssignments.editionId)));
    clauses.push(and(inArray(applications.state, [...EXPERT_VISIBLE_STATES]), exists(onPanel))!);
  }
  for (const [role, states] of Object.entries(BODY_VISIBLE_STATES)) {
    if (hasRole(actor, role as Role)) clauses.push(inArray(applications.state, [...states!]));
  }
  return or(...clauses);
}
