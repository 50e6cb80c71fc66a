import { asc, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { applicationHistory, applicationVersions, countyOpinions, files, organisations, qualificationReviews, users } from '../../db/schema/index.js';
import { preferenceEffect } from '../../domain/eligibility/preference.js';
import { availableTransitions } from '../../domain/lifecycle/check.js';
import { STATE_LABELS, type ApplicationState } from '../../domain/lifecycle/states.js';
import { abilities } from '../../domain/policies/decision.js';
import { applicationPolicy, type ApplicationFacts } from '../../domain/policies/applications.js';
import { hasRole, type Actor } from '../../domain/roles.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import type { ServiceContext, TxContext } from '../context.js';
import { factsOf, type ApplicationRow } from './access.js';
import { loadSituation } from './lifecycle-context.js';
import { lifecycleOf } from './transition.js';

const label = (s: string) => STATE_LABELS[s as ApplicationState] ?? s;

/** ID numbers are personal data: shown whole to the person, the office and their county only. */
function visibleIdentity(actor: Actor | null, app: ApplicationRow, facts: ApplicationFacts): string {
  if (app.kind !== 'individual') return app.identityCode;
  const whole = actor?.userId === facts.applicantUserId || hasRole(actor, 'office') || (hasRole(actor, 'county') && actor?.organisationId === app.countyId);
  return whole ? app.identityCode : `${app.identityCode.slice(0, 6)}********${app.identityCode.slice(14)}`;
}

export type ReviewCellStatus = 'pending' | 'passed' | 'failed' | 'overdue' | 'overruled' | 'closed';

/** A department's task as shown: an opinion never given once the review is over is 'closed', not pending. */
export function reviewCell(review: { status: string; dueOn: string; overruledAt: Date | null }, today: string, applicationState: string): ReviewCellStatus {
  if (review.status === 'failed' && review.overruledAt) return 'overruled';
  if (review.status === 'pending' && applicationState !== 'qualification_review') return 'closed';
  if (review.status === 'pending' && review.dueOn < today) return 'overdue';
  return review.status as ReviewCellStatus;
}

/** The full application as the API returns it, with the caller's abilities and buttons. */
export async function presentApplication(ctx: ServiceContext | TxContext, app: ApplicationRow) {
  const db = 'tx' in ctx ? ctx.tx : ctx.db;
  const now = ctx.now();
  const today = shanghaiToday(now);
  const situation = await loadSituation(db, app, now);
  const facts = factsOf(app, situation.reviews, situation.edition, now);
  const department = alias(organisations, 'department');
  const [county] = app.countyId ? await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, app.countyId)) : [];
  // Sequential on purpose: inside a transaction these share one connection.
  const history = await db
    .select({ fromState: applicationHistory.fromState, toState: applicationHistory.toState, reason: applicationHistory.reason, at: applicationHistory.at, actorName: users.displayName })
    .from(applicationHistory)
    .leftJoin(users, eq(users.id, applicationHistory.actorId))
    .where(eq(applicationHistory.applicationId, app.id))
    .orderBy(asc(applicationHistory.id));
  const fileRows = await db.select().from(files).where(eq(files.applicationId, app.id)).orderBy(asc(files.createdAt));
  const [opinion] = await db.select().from(countyOpinions).where(eq(countyOpinions.applicationId, app.id));
  const reviews = await db
    .select({ review: qualificationReviews, departmentName: department.name })
    .from(qualificationReviews)
    .innerJoin(department, eq(department.id, qualificationReviews.departmentId))
    .where(eq(qualificationReviews.applicationId, app.id))
    .orderBy(asc(department.code));
  const versions = await db
    .select({ version: applicationVersions.version, submittedAt: applicationVersions.submittedAt })
    .from(applicationVersions)
    .where(eq(applicationVersions.applicationId, app.id))
    .orderBy(desc(applicationVersions.version));
  const lastReturn = [...history].reverse().find((h) => h.toState === 'returned' || h.toState === 'disqualified' || h.toState === 'rejected' || h.toState === 'not_recommended');
  const table = lifecycleOf(situation.profile);
  const buttons = ctx.actor ? availableTransitions(table, app.state as ApplicationState, ctx.actor.roles, situation.context) : [];
  const canDecideReview = reviews.some((r) => r.review.departmentId === ctx.actor?.organisationId && r.review.status === 'pending');

  return {
    id: app.id,
    editionId: app.editionId,
    editionName: situation.edition.name,
    kind: app.kind,
    name: app.name,
    identityCode: visibleIdentity(ctx.actor, app, facts),
    countyId: app.countyId,
    countyName: county?.name ?? null,
    state: app.state,
    stateLabel: label(app.state),
    revision: app.revision,
    form: app.form,
    submittedAt: app.submittedAt,
    correctionDueOn: app.correctionDueOn,
    applicationDeadline: situation.context.applicationDeadline,
    eligibility: situation.eligibility,
    /** Art. 11: how the claimed categories count in ranking under this edition's profile. */
    preference: preferenceEffect(situation.profile, app.preferenceCategories),
    missing: situation.missing,
    history: history.map((h) => ({ ...h, fromLabel: label(h.fromState), toLabel: label(h.toState) })),
    outcomeReason: lastReturn?.reason ?? null,
    files: fileRows
      .filter((f) => f.deletedAt === null)
      .map((f) => ({ id: f.id, originalName: f.originalName, size: f.size, mimeType: f.mimeType, purpose: f.purpose, itemCode: f.itemCode, createdAt: f.createdAt })),
    countyOpinion: opinion ? { recommend: opinion.recommend, opinion: opinion.opinion, signer: opinion.signer, signedOn: opinion.signedOn } : null,
    qualification: reviews.length
      ? {
          dueOn: reviews[0].review.dueOn,
          reviews: reviews.map(({ review, departmentName }) => ({
            departmentId: review.departmentId,
            departmentName,
            status: reviewCell(review, today, app.state),
            reasons: review.reasons,
            overruledReason: review.overruledReason,
            decidedAt: review.decidedAt,
            evidenceFileId: review.evidenceFileId,
          })),
        }
      : null,
    versions,
    abilities: {
      ...abilities(applicationPolicy, ctx.actor, facts, ['edit', 'upload', 'recommend']),
      review: applicationPolicy.review(ctx.actor, facts).ok && canDecideReview,
      overrule: hasRole(ctx.actor, 'office') && app.state === 'qualification_review' && reviews.some((r) => r.review.status === 'failed' && !r.review.overruledAt),
    },
    transitions: buttons.map((b) => ({
      action: b.transition.action,
      to: b.transition.to,
      label: b.transition.label,
      enabled: b.enabled,
      blockedBy: b.blockedBy?.message ?? null,
      reasonRequired: b.transition.reasonRequired,
    })),
  };
}
