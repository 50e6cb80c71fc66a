import type { QualificationMatrix } from '../../contract/applications.js';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { applications, editions, files, organisations, qualificationReviews, ruleProfiles } from '../../db/schema/index.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { STATE_LABELS, type ApplicationState } from '../../domain/lifecycle/states.js';
import { applicationListPolicy, applicationPolicy } from '../../domain/policies/applications.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { ensure, invalid, notFound } from '../errors.js';
import { notify, usersWithRole } from '../notify.js';
import { loadVisibleApplication } from './access.js';
import { presentApplication, reviewCell } from './present.js';
import { runProcedure } from './engine.js';

export interface QualificationDecision {
  decision: 'pass' | 'fail';
  reasons?: string | null;
  evidenceFileId?: string | null;
}

/**
 * A department answers its qualification task (Art. 15): the opinion is a document of its
 * own; then the procedure takes over (the last pass with no objection qualifies the
 * application in the same transaction), and an objection goes to the office.
 */
export async function decideQualification(ctx: ServiceContext, applicationId: string, input: QualificationDecision) {
  if (input.decision === 'fail' && !input.reasons?.trim()) throw invalid([{ field: 'reasons', message: '不通过时须写明理由' }]);
  return inTransaction(ctx, async (tctx) => {
    const { row, facts } = await loadVisibleApplication(tctx, applicationId, { forUpdate: true });
    ensure(applicationPolicy.review(ctx.actor, facts));
    const [review] = await tctx.tx
      .select()
      .from(qualificationReviews)
      .where(and(eq(qualificationReviews.applicationId, row.id), eq(qualificationReviews.departmentId, ctx.actor!.organisationId!)));
    if (input.evidenceFileId) {
      const [file] = await tctx.tx.select().from(files).where(and(eq(files.id, input.evidenceFileId), eq(files.applicationId, row.id)));
      if (!file || file.deletedAt) throw invalid([{ field: 'evidenceFileId', message: '佐证材料不存在' }]);
    }
    const status = input.decision === 'pass' ? 'passed' : 'failed';
    await tctx.tx
      .update(qualificationReviews)
      .set({ status, reasons: input.reasons ?? null, evidenceFileId: input.evidenceFileId ?? null, decidedBy: ctx.actor!.userId, decidedAt: ctx.now() })
      .where(eq(qualificationReviews.id, review.id));
    await recordAudit(tctx, { action: 'qualification.decide', entityType: 'application', entityId: row.id, before: { status: review.status }, after: { department: review.departmentId, status, reasons: input.reasons ?? null } });
    const current = await runProcedure(tctx, row);
    if (status === 'failed') {
      await notify(tctx, await usersWithRole(tctx, 'office'), {
        kind: 'qualification.objection',
        title: `资格审查异议：${row.name}`,
        body: input.reasons ?? '',
        link: `/applications/${row.id}`,
      });
    }
    return presentApplication(tctx, current);
  });
}

/** The office's matrix of applications × departments for one edition. */
export async function qualificationMatrix(ctx: ServiceContext, editionId: string): Promise<QualificationMatrix> {
  ensure(applicationListPolicy.matrix(ctx.actor, null));
  const [edition] = await ctx.db
    .select({ edition: editions, profile: ruleProfiles })
    .from(editions)
    .innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId))
    .where(eq(editions.id, editionId));
  if (!edition) throw notFound('届次');
  const codes = edition.profile.rules.departments.map((d) => d.code);
  const departments = await ctx.db
    .select({ id: organisations.id, name: organisations.name, code: organisations.code })
    .from(organisations)
    .where(and(eq(organisations.kind, 'department'), inArray(organisations.code, codes)))
    .orderBy(asc(organisations.code));
  const rows = await ctx.db
    .select({ review: qualificationReviews, app: { id: applications.id, name: applications.name, kind: applications.kind, state: applications.state } })
    .from(qualificationReviews)
    .innerJoin(applications, eq(applications.id, qualificationReviews.applicationId))
    .where(eq(applications.editionId, editionId))
    .orderBy(asc(applications.name));
  const today = shanghaiToday(ctx.now());
  const byApp = new Map<string, QualificationMatrix['rows'][number]>();
  for (const { review, app } of rows) {
    const entry = byApp.get(app.id) ?? { applicationId: app.id, name: app.name, kind: app.kind, state: app.state, stateLabel: STATE_LABELS[app.state], dueOn: review.dueOn, cells: {} };
    entry.cells[review.departmentId] = reviewCell(review, today, app.state);
    byApp.set(app.id, entry);
  }
  return { departments, rows: [...byApp.values()] };
}
