import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ApplicationDto, ReviewStatus } from '../../contract/applications.js';
import type { FilePurpose } from '../../contract/files.js';
import { applicationHistory, applicationVersions, countyOpinions, files, organisations, qualificationReviews, users } from '../../db/schema/index.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { preferenceEffect } from '../../domain/eligibility/preference.js';
import { isApplicationState, STATE_META, stateLabel } from '../../domain/lifecycle/states.js';
import { decisions } from '../../domain/policies/decision.js';
import { applicationPolicy, type ApplicationFacts as PolicyFacts } from '../../domain/policies/applications.js';
import { hasRole, type Actor } from '../../domain/roles.js';
import { handleOf, inReadTransaction, type ServiceContext, type TxContext } from '../context.js';
import { factsOf, type ApplicationRow } from './access.js';
import { availableActions } from './engine.js';
import { ApplicationFacts } from './facts.js';

/** ID numbers are personal data: shown whole to the person, the office and their county only. */
function visibleIdentity(actor: Actor | null, app: ApplicationRow, facts: PolicyFacts): string {
  if (app.kind !== 'individual') return app.identityCode;
  const whole = actor?.userId === facts.applicantUserId || hasRole(actor, 'office') || (hasRole(actor, 'county') && actor?.organisationId === app.countyId);
  return whole ? app.identityCode : `${app.identityCode.slice(0, 6)}********${app.identityCode.slice(14)}`;
}

/** A department's task as shown: an opinion never given once the review is over is 'closed', not pending. */
export function reviewCell(review: { status: string; dueOn: string; overruledAt: Date | null }, today: string, applicationState: string): ReviewStatus {
  if (review.status === 'failed' && review.overruledAt) return 'overruled';
  if (review.status === 'pending' && applicationState !== 'qualification_review') return 'closed';
  if (review.status === 'pending' && review.dueOn < today) return 'overdue';
  return review.status as ReviewStatus;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;


/** The full application as the API returns it, with the caller's abilities and available steps (serialises only; the policy and the engine decide). */
export async function presentApplication(ctx: ServiceContext | TxContext, app: ApplicationRow): Promise<ApplicationDto> {
  if (!('tx' in ctx)) return inReadTransaction(ctx, (tctx) => presentApplication(tctx, app));
  const db = handleOf(ctx);
  const now = ctx.now();
  const today = shanghaiToday(now);
  const facts = new ApplicationFacts(db, app, now);
  const { edition, profile } = await facts.edition();
  const policyFacts = factsOf(app, await facts.reviews(), edition, now, await facts.panelExperts(ctx.actor));
  const department = alias(organisations, 'department');
  // Sequential on purpose: inside a transaction these share one connection.
  const [county] = app.countyId ? await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, app.countyId)) : [];
  const history = await db
    .select({ fromState: applicationHistory.fromState, toState: applicationHistory.toState, reason: applicationHistory.reason, at: applicationHistory.at, actorName: users.displayName })
    .from(applicationHistory)
    .leftJoin(users, eq(users.id, applicationHistory.actorId))
    .where(eq(applicationHistory.applicationId, app.id))
    .orderBy(asc(applicationHistory.id));
  // Objection evidence hangs on the candidate but is the office's alone (services/publication/objections.ts).
  const fileRows = await db.select().from(files).where(and(eq(files.applicationId, app.id), ne(files.purpose, 'objection_evidence'))).orderBy(asc(files.createdAt));
  const opinions = await db.select().from(countyOpinions).where(eq(countyOpinions.applicationId, app.id)).orderBy(desc(countyOpinions.round));
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
  // The reason of the latest refusal the applicant reads (a disqualification only once the office confirmed it).
  const lastRefusal = [...history].reverse().find((h) => isApplicationState(h.toState) && STATE_META[h.toState].reasonLabel !== undefined);
  const currentRound = versions[0]?.version ?? 0;
  // Department opinions are the office's to weigh: an applicant never sees an objection the office has not ruled on.
  const seesAllReviews = hasRole(ctx.actor, 'office');
  const shownReviews = reviews.filter((r) => seesAllReviews || (hasRole(ctx.actor, 'department') && r.review.departmentId === ctx.actor?.organisationId));
  const opinionView = (o: (typeof opinions)[number]) => ({ round: o.round, recommend: o.recommend, opinion: o.opinion, signer: o.signer, signedOn: o.signedOn });

  return {
    id: app.id,
    editionId: app.editionId,
    editionName: edition.name,
    kind: app.kind,
    name: app.name,
    identityCode: visibleIdentity(ctx.actor, app, policyFacts),
    countyId: app.countyId,
    countyName: county?.name ?? null,
    state: app.state,
    stateLabel: STATE_META[app.state].label,
    revision: app.revision,
    form: app.form,
    submittedAt: iso(app.submittedAt),
    correctionDueOn: app.correctionDueOn,
    applicationDeadline: await facts.applicationDeadline(),
    eligibility: await facts.eligibility(),
    /** Art. 11: how the claimed categories count in ranking under this edition's profile. */
    preference: preferenceEffect(profile, app.preferenceCategories),
    missing: await facts.missing(),
    history: history.map((h) => ({ ...h, at: h.at.toISOString(), fromLabel: stateLabel(h.fromState), toLabel: stateLabel(h.toState) })),
    outcomeReason: lastRefusal?.reason ?? null,
    files: fileRows
      .filter((f) => f.deletedAt === null)
      .map((f) => ({ id: f.id, originalName: f.originalName, size: f.size, mimeType: f.mimeType, purpose: f.purpose as FilePurpose, itemCode: f.itemCode, createdAt: f.createdAt.toISOString() })),
    countyOpinion: opinions[0] && opinions[0].round === currentRound ? opinionView(opinions[0]) : null,
    countyOpinions: opinions.map(opinionView),
    qualification: shownReviews.length
      ? {
          dueOn: shownReviews[0].review.dueOn,
          reviews: shownReviews.map(({ review, departmentName }) => ({
            departmentId: review.departmentId,
            departmentName,
            status: reviewCell(review, today, app.state),
            reasons: review.reasons,
            overruledReason: review.overruledReason,
            decidedAt: iso(review.decidedAt),
            evidenceFileId: review.evidenceFileId,
          })),
        }
      : null,
    versions: versions.map((v) => ({ version: v.version, submittedAt: v.submittedAt.toISOString() })),
    abilities: decisions(applicationPolicy, ctx.actor, policyFacts, ['edit', 'upload', 'review', 'overrule']),
    actions: await availableActions(ctx, facts),
  };
}
