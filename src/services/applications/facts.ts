import { and, count, desc, eq, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { applications, countyOpinions, decisionItems, decisions, editions, files, organisations, qualificationReviews, ruleProfiles, winners } from '../../db/schema/index.js';
import { evaluateEligibility, missingItems, type MissingItem } from '../../domain/application-form/index.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import type { EligibilityResult } from '../../domain/eligibility/types.js';
import type { FactName, LifecycleContext } from '../../domain/lifecycle/guards.js';
import { hasRole, type Actor } from '../../domain/roles.js';
import type { ApplicantKind, OutcomeCategory, RuleProfile } from '../../domain/profile/schema.js';
import { noticeOf, openObjectionsOf, reconfirmationPending, surveyClosed } from '../publication/facts.js';
import { stageScoresComplete } from '../technical/stage-status.js';
import { panelExpertUserIds, type ApplicationRow } from './access.js';
import { misconductSubstantiated } from '../supervision/facts.js';
import { lockCountyRecommendations } from './quota-locks.js';

type EditionRow = typeof editions.$inferSelect;
type ReviewRow = typeof qualificationReviews.$inferSelect;

/**
 * What the guards, the policy and the presenter know about one application, read lazily:
 * each part is loaded the first time something asks for it and then kept, so a request
 * reads only what its guards declare and never reads a part twice. Queries run one after
 * another: inside a transaction they share one connection.
 */
export class ApplicationFacts {
  private cache = new Map<string, Promise<unknown>>();

  constructor(
    readonly db: DbOrTx,
    readonly app: ApplicationRow,
    readonly now: Date,
    /** Facts for a step about to be committed: a quota is counted under its lock (quota-locks.ts), held until commit. */
    private readonly options: { lockQuotas?: boolean } = {},
  ) {}

  /** Facts of the same application in another state (after a step): only the edition is kept. */
  forRow(row: ApplicationRow, now: Date): ApplicationFacts {
    const next = new ApplicationFacts(this.db, row, now, this.options);
    const edition = this.cache.get('edition');
    if (edition && row.editionId === this.app.editionId) next.cache.set('edition', edition);
    return next;
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let hit = this.cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      this.cache.set(key, hit);
    }
    return hit;
  }

  edition(): Promise<{ edition: EditionRow; profile: RuleProfile }> {
    return this.once('edition', async () => {
      const [row] = await this.db
        .select({ edition: editions, profile: ruleProfiles })
        .from(editions)
        .innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId))
        .where(eq(editions.id, this.app.editionId));
      return { edition: row.edition, profile: row.profile.rules };
    });
  }

  async applicationDeadline(): Promise<string> {
    const { edition } = await this.edition();
    return edition.schedule?.applicationDeadline ?? edition.opensOn;
  }

  reviews(): Promise<ReviewRow[]> {
    return this.once('reviews', () => this.db.select().from(qualificationReviews).where(eq(qualificationReviews.applicationId, this.app.id)));
  }

  /** Users of the committed experts on its panels (the policy's panelExpertUserIds); read only when an expert asks. */
  async panelExperts(actor: Actor | null): Promise<string[]> {
    if (!hasRole(actor, 'expert')) return [];
    return this.once('panelExperts', () => panelExpertUserIds(this.db, this.app));
  }

  eligibility(): Promise<EligibilityResult> {
    return this.once('eligibility', async () => {
      const { profile } = await this.edition();
      const kind = this.app.kind as ApplicantKind;
      const previous = await this.db.select().from(winners).where(eq(winners.identityCode, this.app.identityCode));
      // The chosen county's GB/T 2260 code, for a profile that checks the unit's region down to the county (Art. 3).
      const countyId = typeof this.app.form.countyId === 'string' ? this.app.form.countyId : this.app.countyId;
      const [county] = profile.eligibility.regionCheck === 'county' && countyId ? await this.db.select({ code: organisations.code }).from(organisations).where(eq(organisations.id, countyId)) : [];
      return evaluateEligibility(
        kind,
        profile,
        this.app.identityCode,
        this.app.form,
        await this.applicationDeadline(),
        previous.map((w) => ({ creditCode: kind === 'unit' ? w.identityCode : null, idNumber: kind === 'individual' ? w.identityCode : null, revoked: w.revokedAt !== null, category: w.category as 'award' | 'nomination' })),
        shanghaiToday(this.now),
        county?.code ?? null,
      );
    });
  }

  missing(): Promise<MissingItem[]> {
    return this.once('missing', async () => {
      const { profile } = await this.edition();
      const kind = this.app.kind as ApplicantKind;
      const [evidence] = await this.db
        .select({ n: count() })
        .from(files)
        .where(and(eq(files.applicationId, this.app.id), eq(files.purpose, 'evidence'), isNull(files.deletedAt)));
      return missingItems(kind, profile.scoringTemplates[kind], this.app.form, { evidence: Number(evidence.n) });
    });
  }

  /** The newest outcome a decision of `kind` gave this application. */
  latestOutcome(kind: string): Promise<string | null> {
    return this.once(`decision:${kind}`, async () => {
      const [row] = await this.db
        .select({ outcome: decisionItems.outcome })
        .from(decisionItems)
        .innerJoin(decisions, eq(decisions.id, decisionItems.decisionId))
        .where(and(eq(decisionItems.applicationId, this.app.id), eq(decisions.kind, kind)))
        .orderBy(desc(decisions.createdAt))
        .limit(1);
      return row?.outcome ?? null;
    });
  }

  private notice() {
    return this.once('notice', () => noticeOf(this.db, this.app.id));
  }

  private async countyRecommendations(): Promise<number> {
    if (!this.app.countyId) return 0;
    if (this.options.lockQuotas) await lockCountyRecommendations(this.db, this.app.editionId, this.app.countyId);
    const [row] = await this.db
      .select({ n: count() })
      .from(countyOpinions)
      .innerJoin(applications, eq(applications.id, countyOpinions.applicationId))
      .where(and(eq(countyOpinions.countyId, this.app.countyId), eq(countyOpinions.recommend, true), eq(applications.editionId, this.app.editionId), ne(applications.id, this.app.id), ne(applications.state, 'withdrawn')));
    return Number(row.n);
  }

  /** One fact, as the guards name it. */
  private async fact(name: FactName): Promise<unknown> {
    switch (name) {
      case 'applicationDeadline':
        return this.applicationDeadline();
      case 'correctionDeadline':
        return this.app.correctionDueOn;
      case 'materialsComplete':
        return (await this.missing()).length === 0;
      case 'countyCapReached': {
        const { profile } = await this.edition();
        return profile.countyCap !== null && (await this.countyRecommendations()) >= profile.countyCap;
      }
      case 'eligibilityFailureCount':
        return (await this.eligibility()).failures.length;
      case 'eligibilityFailedArticles':
        return (await this.eligibility()).failures.map((f) => f.article);
      case 'departmentOpinions': {
        const reviews = await this.reviews();
        return {
          expected: reviews.length,
          received: reviews.filter((r) => r.status !== 'pending').length,
          objections: reviews.filter((r) => r.status === 'failed' && r.overruledAt === null).length,
        };
      }
      case 'outcomeCategory':
        return (await this.latestOutcome('government_decision')) as OutcomeCategory | null;
      case 'revocationProposed':
        return (await this.latestOutcome('revocation_proposal')) === 'propose';
      case 'misconductSubstantiated':
        return misconductSubstantiated(this.db, this.app.id);
      case 'stageScoresComplete':
        return stageScoresComplete(this.db, this.app, (await this.edition()).profile);
      case 'surveyComplete':
        return surveyClosed(this.db, this.app.id);
      case 'noticeEndsOn':
        return (await this.notice())?.endsOn ?? null;
      case 'openObjections': {
        const notice = await this.notice();
        return notice ? openObjectionsOf(this.db, notice.id) : 0;
      }
      case 'reconfirmationPending': {
        const notice = await this.notice();
        return notice ? reconfirmationPending(this.db, notice) : false;
      }
    }
  }

  /** The guards' context with exactly the named facts loaded (others are absent). */
  async context(names: Iterable<FactName>): Promise<LifecycleContext> {
    const context: Record<string, unknown> = { now: this.now, applicantKind: this.app.kind as ApplicantKind };
    for (const name of new Set(names)) context[name] = await this.fact(name);
    return context as unknown as LifecycleContext;
  }
}
