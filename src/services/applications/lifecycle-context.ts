import { and, count, eq, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { applications, countyOpinions, editions, files, qualificationReviews, ruleProfiles, winners } from '../../db/schema/index.js';
import { evaluateEligibility, missingItems, type MissingItem } from '../../domain/application-form/index.js';
import type { EligibilityResult } from '../../domain/eligibility/types.js';
import type { LifecycleContext } from '../../domain/lifecycle/guards.js';
import type { ApplicantKind, RuleProfile } from '../../domain/profile/schema.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import type { ApplicationRow } from './access.js';

export interface ApplicationSituation {
  profile: RuleProfile;
  edition: typeof editions.$inferSelect;
  /** The departments' qualification review rows (empty before acceptance). */
  reviews: Array<typeof qualificationReviews.$inferSelect>;
  eligibility: EligibilityResult;
  missing: MissingItem[];
  context: LifecycleContext;
}

/**
 * Everything the lifecycle guards look at, read from the database for one application at
 * one instant. Later capabilities (scores, survey, notice, revocation) fill their fields
 * here; until their tables exist the guards that need them stay closed.
 */
export async function loadSituation(db: DbOrTx, app: ApplicationRow, now: Date): Promise<ApplicationSituation> {
  const [{ edition, profile }] = await db
    .select({ edition: editions, profile: ruleProfiles })
    .from(editions)
    .innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId))
    .where(eq(editions.id, app.editionId));
  const rules = profile.rules;
  const kind = app.kind as ApplicantKind;
  const deadline = edition.schedule?.applicationDeadline ?? edition.opensOn;

  // Sequential on purpose: `db` is often a transaction, one connection that must not get overlapping queries.
  const [evidence] = await db.select({ n: count() }).from(files).where(and(eq(files.applicationId, app.id), eq(files.purpose, 'evidence'), isNull(files.deletedAt)));
  const previous = await db.select().from(winners).where(eq(winners.identityCode, app.identityCode));
  const reviews = await db.select().from(qualificationReviews).where(eq(qualificationReviews.applicationId, app.id));
  const countyCount = await countyRecommendations(db, app);

  const eligibility = evaluateEligibility(
    kind,
    rules,
    app.identityCode,
    app.form,
    deadline,
    previous.map((w) => ({ creditCode: kind === 'unit' ? w.identityCode : null, idNumber: kind === 'individual' ? w.identityCode : null, revoked: w.revokedAt !== null, category: w.category as 'award' | 'nomination' })),
    shanghaiToday(now),
  );
  const missing = missingItems(kind, rules.scoringTemplates[kind], app.form, { evidence: Number(evidence.n) });
  const objections = reviews.filter((r) => r.status === 'failed' && r.overruledAt === null).length;

  const context: LifecycleContext = {
    now,
    applicantKind: kind,
    applicationDeadline: deadline,
    correctionDeadline: app.correctionDueOn,
    materialsComplete: missing.length === 0,
    countyCapReached: rules.countyCap !== null && countyCount >= rules.countyCap,
    eligibilityFailureCount: eligibility.failures.length,
    departmentOpinions: {
      expected: reviews.length,
      received: reviews.filter((r) => r.status !== 'pending').length,
      objections,
    },
    stageScoresComplete: false,
    surveyComplete: false,
    noticeEndsOn: null,
    openObjections: 0,
    outcomeCategory: null,
    revocationProposed: false,
  };
  return { profile: rules, edition, reviews, eligibility, missing, context };
}

/** How many applications of this edition the county has already recommended (for profile.countyCap). */
async function countyRecommendations(db: DbOrTx, app: ApplicationRow): Promise<number> {
  if (!app.countyId) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(countyOpinions)
    .innerJoin(applications, eq(applications.id, countyOpinions.applicationId))
    .where(and(eq(countyOpinions.countyId, app.countyId), eq(countyOpinions.recommend, true), eq(applications.editionId, app.editionId), ne(applications.id, app.id), ne(applications.state, 'withdrawn')));
  return Number(row.n);
}
