import { and, eq, inArray } from 'drizzle-orm';
import { organisations, qualificationReviews } from '../../db/schema/index.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { hasRole } from '../../domain/roles.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { invalid, ServiceError } from '../errors.js';
import { workingDaysAfter } from '../calendar.js';
import { notify, usersWithRole } from '../notify.js';
import { loadVisibleApplication, type ApplicationRow } from './access.js';
import { loadSituation } from './lifecycle-context.js';
import { presentApplication } from './present.js';
import { transition } from './transition.js';

/** Working days an applicant gets to correct a returned application when the office sets no date. */
export const DEFAULT_CORRECTION_WORKING_DAYS = 5;

function requireOffice(ctx: ServiceContext) {
  if (!hasRole(ctx.actor, 'office')) throw new ServiceError('wrong_role', '只有强市办可以执行此操作');
}

async function officeAction(ctx: ServiceContext, applicationId: string, work: (tctx: TxContext, row: ApplicationRow) => Promise<ApplicationRow>) {
  requireOffice(ctx);
  return inTransaction(ctx, async (tctx) => {
    const { row } = await loadVisibleApplication(tctx, applicationId, { forUpdate: true });
    return presentApplication(tctx, await work(tctx, row));
  });
}

/**
 * Acceptance (受理) starts the qualification review at once (Art. 15): one task per department
 * of the profile, all in parallel, due after the profile's number of working days.
 */
export function acceptApplication(ctx: ServiceContext, applicationId: string) {
  return officeAction(ctx, applicationId, async (tctx, row) => {
    const accepted = await transition(tctx, row, 'accepted');
    const { profile } = await loadSituation(tctx.tx, accepted, ctx.now());
    const codes = profile.departments.map((d) => d.code);
    const departments = await tctx.tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.kind, 'department'), eq(organisations.active, true), inArray(organisations.code, codes)));
    const missing = profile.departments.filter((d) => !departments.some((o) => o.code === d.code));
    if (missing.length) {
      throw new ServiceError('department_missing', `机构目录中缺少资格审查部门：${missing.map((d) => d.name).join('、')}`);
    }
    const dueOn = await workingDaysAfter(tctx.tx, shanghaiToday(ctx.now()), profile.qualificationReviewWorkingDays);
    await tctx.tx.insert(qualificationReviews).values(departments.map((d) => ({ applicationId: row.id, departmentId: d.id, dueOn })));
    const reviewing = await transition(tctx, accepted, 'qualification_review');
    await recordAudit(tctx, { action: 'qualification.start', entityType: 'application', entityId: row.id, after: { departments: departments.map((d) => d.name), dueOn } });
    for (const d of departments) {
      await notify(tctx, await usersWithRole(tctx, 'department', d.id), {
        kind: 'qualification.review',
        title: `资格审查：${row.name}`,
        body: `请于 ${dueOn} 前对${row.name}的申报出具资格审查意见（第十五条）。`,
        link: `/applications/${row.id}`,
      });
    }
    await notify(tctx, [row.applicantUserId], { kind: 'application.accepted', title: '您的申报已受理', body: '强市办已受理，正在组织资格审查。', link: `/applications/${row.id}` });
    return reviewing;
  });
}

export function returnApplication(ctx: ServiceContext, applicationId: string, input: { reasons: string; correctionDueOn?: string | null }) {
  return officeAction(ctx, applicationId, async (tctx, row) => {
    const today = shanghaiToday(ctx.now());
    if (input.correctionDueOn && input.correctionDueOn < today) throw invalid([{ field: 'correctionDueOn', message: '补正期限不能早于今天' }]);
    const correctionDueOn = input.correctionDueOn ?? (await workingDaysAfter(tctx.tx, today, DEFAULT_CORRECTION_WORKING_DAYS, 'correctionDueOn'));
    const updated = await transition(tctx, row, 'returned', { reason: input.reasons, set: { correctionDueOn } });
    await notify(tctx, [row.applicantUserId], {
      kind: 'application.returned',
      title: '您的申报被退回补正',
      body: `退回原因：${input.reasons}。请于 ${correctionDueOn} 前补正后重新提交。`,
      link: `/applications/${row.id}`,
    });
    return updated;
  });
}

export function rejectApplication(ctx: ServiceContext, applicationId: string, reason: string) {
  return officeAction(ctx, applicationId, async (tctx, row) => {
    const updated = await transition(tctx, row, 'rejected', { reason });
    await notify(tctx, [row.applicantUserId], { kind: 'application.rejected', title: '您的申报不予受理', body: reason, link: `/applications/${row.id}` });
    return updated;
  });
}

/** The office confirms a department's objection; the reason is shown to the applicant. */
export function disqualifyApplication(ctx: ServiceContext, applicationId: string, reason: string) {
  return officeAction(ctx, applicationId, async (tctx, row) => {
    const updated = await transition(tctx, row, 'disqualified', { reason });
    await notify(tctx, [row.applicantUserId], { kind: 'application.disqualified', title: '您的申报未通过资格审查', body: reason, link: `/applications/${row.id}` });
    return updated;
  });
}

/**
 * The office overrules every standing objection with a written reason (audited). If all
 * opinions are then in and none objects, the application is qualified in the same step.
 */
export function overruleObjections(ctx: ServiceContext, applicationId: string, reason: string) {
  return officeAction(ctx, applicationId, async (tctx, row) => {
    if (row.state !== 'qualification_review') throw new ServiceError('wrong_stage', '该申报不在资格审查阶段');
    const overruled = await tctx.tx
      .update(qualificationReviews)
      .set({ overruledReason: reason, overruledBy: ctx.actor!.userId, overruledAt: ctx.now() })
      .where(and(eq(qualificationReviews.applicationId, row.id), eq(qualificationReviews.status, 'failed')))
      .returning();
    if (overruled.length === 0) throw new ServiceError('no_objection', '没有需要否决的部门异议');
    await recordAudit(tctx, { action: 'qualification.overrule', entityType: 'application', entityId: row.id, after: { reason, reviews: overruled.map((r) => r.id) } });
    const { context } = await loadSituation(tctx.tx, row, ctx.now());
    const o = context.departmentOpinions;
    return o.received === o.expected && o.objections === 0 ? transition(tctx, row, 'qualified', { reason }) : row;
  });
}
