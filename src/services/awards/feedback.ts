import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { applications, editions, panelAssignments, scorebooks } from '../../db/schema/index.js';
import { feedbackCategories, feedbackItems, type FeedbackContent, type ScorebookTexts } from '../../domain/awards/feedback.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { KIND_OF } from '../../domain/profile/decision-settings.js';
import { hasRole } from '../../domain/roles.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { notFound } from '../errors.js';
import { renderFeedbackPdf } from '../reports/feedback-pdf.js';
import { computeStage } from '../technical/results.js';
import { loadEdition } from '../technical/actors.js';
import { requireOffice, requireSignedIn } from './access.js';

/** The material review is the stage every accepted applicant reaches; its scorebooks feed the report. */
const STAGE = 'material' as const;

/** The office releases the edition's feedback reports to the applicants (once; audited). */
export async function releaseFeedback(ctx: ServiceContext, editionId: string): Promise<{ feedbackReleasedAt: string }> {
  requireOffice(ctx);
  return inTransaction(ctx, async (tctx) => {
    const [edition] = await tctx.tx.select().from(editions).where(eq(editions.id, editionId)).for('update');
    if (!edition) throw notFound('届次');
    if (edition.feedbackReleasedAt) return { feedbackReleasedAt: edition.feedbackReleasedAt.toISOString() };
    const at = tctx.now();
    await tctx.tx.update(editions).set({ feedbackReleasedAt: at }).where(eq(editions.id, editionId));
    await recordAudit(tctx, { action: 'feedback.release', entityType: 'edition', entityId: editionId, after: { feedbackReleasedAt: at.toISOString() } });
    return { feedbackReleasedAt: at.toISOString() };
  });
}

/** The applicant's applications whose feedback report has been released. */
export async function releasedFeedbackOf(db: DbOrTx, userId: string): Promise<{ applicationId: string; editionName: string; name: string }[]> {
  const rows = await db
    .selectDistinct({ applicationId: applications.id, editionName: editions.name, name: applications.name })
    .from(applications)
    .innerJoin(editions, eq(editions.id, applications.editionId))
    .innerJoin(panelAssignments, and(eq(panelAssignments.applicationId, applications.id), eq(panelAssignments.stage, STAGE)))
    .where(and(eq(applications.applicantUserId, userId), isNotNull(editions.feedbackReleasedAt)));
  return rows;
}

/** The edition's applications that reached the material review (each gets a report), by name. */
export async function feedbackApplications(db: DbOrTx, editionId: string): Promise<{ applicationId: string; name: string; kind: string }[]> {
  return db
    .selectDistinct({ applicationId: applications.id, name: applications.name, kind: applications.kind })
    .from(applications)
    .innerJoin(panelAssignments, and(eq(panelAssignments.applicationId, applications.id), eq(panelAssignments.stage, STAGE)))
    .where(eq(applications.editionId, editionId))
    .orderBy(applications.kind, applications.name);
}

/** The report's content for one application; null when it never reached the material review. */
export async function buildFeedback(db: DbOrTx, applicationId: string, now: Date): Promise<FeedbackContent | null> {
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  if (!app) return null;
  const { edition, profile } = await loadEdition(db, app.editionId);
  const { rows } = await computeStage(db, app.editionId, STAGE, profile);
  const own = rows.find((r) => r.applicationId === applicationId);
  if (!own) return null;
  const template = profile.scoringTemplates[app.kind];
  const books = await db
    .select({ kind: scorebooks.kind, items: scorebooks.items })
    .from(scorebooks)
    .where(and(eq(scorebooks.applicationId, applicationId), eq(scorebooks.stage, STAGE), eq(scorebooks.status, 'submitted'), isNull(scorebooks.setAsideAt)));
  const consensus = books.find((b) => b.kind === 'consensus');
  const cohort = rows.filter((r) => r.kind === app.kind && r.submitted > 0);
  return {
    editionName: edition.name,
    applicantName: app.name,
    kindLabel: KIND_OF[app.kind],
    generatedOn: shanghaiToday(now),
    source: consensus ? 'consensus' : 'panel',
    cohortSize: cohort.length,
    categories: feedbackCategories(template, own.aggregate.byCategory, cohort.map((r) => r.aggregate.byCategory)),
    items: feedbackItems(
      template,
      consensus ? (consensus.items as Record<string, ScorebookTexts>) : null,
      books.filter((b) => b.kind === 'independent').map((b) => b.items as Record<string, ScorebookTexts>),
    ),
  };
}

/** The office always; the applicant its own, once the office released the reports. Anyone else: 404. */
export async function feedbackPdf(ctx: ServiceContext, applicationId: string): Promise<{ filename: string; bytes: Uint8Array }> {
  const actor = requireSignedIn(ctx);
  const [row] = await ctx.db
    .select({ applicantUserId: applications.applicantUserId, releasedAt: editions.feedbackReleasedAt })
    .from(applications)
    .innerJoin(editions, eq(editions.id, applications.editionId))
    .where(eq(applications.id, applicationId));
  const allowed = row && (hasRole(actor, 'office') || (row.applicantUserId === actor.userId && row.releasedAt !== null));
  if (!allowed) throw notFound('反馈报告');
  const content = await buildFeedback(ctx.db, applicationId, ctx.now());
  if (!content) throw notFound('反馈报告');
  return { filename: `${content.applicantName}反馈报告.pdf`, bytes: await renderFeedbackPdf(content) };
}

