import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { applicationVersions, applications, countyOpinions, files, organisations, qualificationReviews, winners } from '../../db/schema/index.js';
import type { ActionPayloads } from '../../contract/actions.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { STATE_META } from '../../domain/lifecycle/states.js';
import type { EffectName, Transition } from '../../domain/lifecycle/types.js';
import { recordAudit } from '../audit/record.js';
import { recordWinner } from '../awards/winners.js';
import { workingDaysAfter } from '../calendar.js';
import type { TxContext } from '../context.js';
import { invalid, ServiceError } from '../errors.js';
import { notify, usersWithRole } from '../notify.js';
import type { ApplicationRow } from './access.js';
import type { ApplicationFacts } from './facts.js';

/** Working days an applicant gets to correct a returned application when the office sets no date. */
export const DEFAULT_CORRECTION_WORKING_DAYS = 5;

export interface EffectContext {
  tctx: TxContext;
  /** The application as it was before the step, and after the state change. */
  before: ApplicationRow;
  after: ApplicationRow;
  transition: Transition;
  reason: string | null;
  payload: Record<string, unknown> | null;
  facts: ApplicationFacts;
}

const link = (app: ApplicationRow) => `/applications/${app.id}`;

async function submittedVersions(e: EffectContext): Promise<number> {
  const [{ n }] = await e.tctx.tx.select({ n: count() }).from(applicationVersions).where(eq(applicationVersions.applicationId, e.after.id));
  return Number(n);
}

/**
 * Everything a step does besides moving the state, by name; the lifecycle table says which
 * step runs which. Each runs in the step's transaction, after the state change.
 */
export const EFFECTS: Record<EffectName, (e: EffectContext) => Promise<void>> = {
  async stampSubmission(e) {
    const now = e.tctx.now();
    await e.tctx.tx.update(applications).set({ submittedAt: now, correctionDueOn: null }).where(eq(applications.id, e.after.id));
    // The row the response is built from says so too.
    e.after.submittedAt = now;
    e.after.correctionDueOn = null;
  },

  async snapshotVersion(e) {
    const fileIds = (await e.tctx.tx.select({ id: files.id }).from(files).where(and(eq(files.applicationId, e.after.id), isNull(files.deletedAt)))).map((f) => f.id);
    const version = (await submittedVersions(e)) + 1;
    await e.tctx.tx.insert(applicationVersions).values({ applicationId: e.after.id, version, form: e.before.form, fileIds, submittedBy: e.tctx.actor!.userId, submittedAt: e.tctx.now() });
  },

  async notifyCounty(e) {
    if (!e.after.countyId) return;
    await notify(e.tctx, await usersWithRole(e.tctx, 'county', e.after.countyId), {
      kind: 'application.toRecommend',
      title: `${e.after.name}的申报待签署推荐意见`,
      body: `${e.after.name}已${e.before.state === 'returned' ? '补正后重新' : ''}提交市长质量奖申报，请签署推荐意见。`,
      link: link(e.after),
    });
  },

  /** One opinion per submission round (Art. 14): a resubmitted application is signed again, earlier rounds are kept. */
  async recordCountyOpinion(e) {
    const input = e.payload as ActionPayloads['countyOpinion'];
    const today = shanghaiToday(e.tctx.now());
    const submittedOn = e.before.submittedAt ? shanghaiToday(e.before.submittedAt) : today;
    if (input.signedOn > today) throw invalid([{ field: 'payload.signedOn', message: '签署日期不能晚于今天' }]);
    if (input.signedOn < submittedOn) throw invalid([{ field: 'payload.signedOn', message: `签署日期不能早于申报提交日期（${submittedOn}）` }]);
    const round = await submittedVersions(e);
    const opinion = { applicationId: e.after.id, round, countyId: e.after.countyId!, recommend: e.transition.action === 'recommend', opinion: input.opinion, signer: input.signer, signedOn: input.signedOn, userId: e.tctx.actor!.userId };
    await e.tctx.tx.insert(countyOpinions).values(opinion);
    await recordAudit(e.tctx, { action: 'county.opinion', entityType: 'application', entityId: e.after.id, after: opinion });
  },

  async notifyOffice(e) {
    await notify(e.tctx, await usersWithRole(e.tctx, 'office'), {
      kind: `application.${e.transition.action}`,
      title: `${e.after.name}：${e.transition.label}`,
      body: e.transition.action === 'recommend' ? `县区已签署推荐意见，待受理：${(e.payload as ActionPayloads['countyOpinion']).opinion}` : (e.reason ?? ''),
      link: link(e.after),
    });
  },

  async notifyApplicant(e) {
    const state = STATE_META[e.after.state];
    const due = e.after.correctionDueOn ? `请于 ${e.after.correctionDueOn} 前补正后重新提交。` : '';
    await notify(e.tctx, [e.after.applicantUserId], {
      kind: `application.${e.after.state}`,
      title: `您的申报：${state.label}`,
      body: [e.reason ? `理由：${e.reason}` : '', due].filter(Boolean).join(' ') || `${e.transition.label}。`,
      link: link(e.after),
    });
  },

  async setCorrectionDeadline(e) {
    const input = (e.payload ?? {}) as ActionPayloads['correction'];
    const today = shanghaiToday(e.tctx.now());
    if (input.correctionDueOn && input.correctionDueOn < today) throw invalid([{ field: 'payload.correctionDueOn', message: '补正期限不能早于今天' }]);
    const correctionDueOn = input.correctionDueOn ?? (await workingDaysAfter(e.tctx.tx, today, DEFAULT_CORRECTION_WORKING_DAYS, 'payload.correctionDueOn'));
    await e.tctx.tx.update(applications).set({ correctionDueOn }).where(eq(applications.id, e.after.id));
    e.after.correctionDueOn = correctionDueOn;
  },

  /** Publication records the winner (Art. 18–19), in the category the government's decision gave. */
  async recordWinner(e) {
    const { profile } = await e.facts.edition();
    await recordWinner(e.tctx, e.after, profile, e.transition.to === 'awarded' ? 'award' : 'nomination');
  },

  /** A revocation marks the winner revoked, so the public pages and the certificate check say so (Art. 27–29). */
  async markWinnerRevoked(e) {
    await e.tctx.tx.update(winners).set({ revokedAt: e.tctx.now() }).where(and(eq(winners.applicationId, e.after.id), isNull(winners.revokedAt)));
  },

  /** Acceptance opens one task per department of the profile, in parallel, due in working days (Art. 15). */
  async openQualificationTasks(e) {
    const { profile } = await e.facts.edition();
    const codes = profile.departments.map((d) => d.code);
    const departments = await e.tctx.tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.kind, 'department'), eq(organisations.active, true), inArray(organisations.code, codes)));
    const missing = profile.departments.filter((d) => !departments.some((o) => o.code === d.code));
    if (missing.length) throw new ServiceError('department_missing', `机构目录中缺少资格审查部门：${missing.map((d) => d.name).join('、')}`);
    const dueOn = await workingDaysAfter(e.tctx.tx, shanghaiToday(e.tctx.now()), profile.qualificationReviewWorkingDays);
    await e.tctx.tx.insert(qualificationReviews).values(departments.map((d) => ({ applicationId: e.after.id, departmentId: d.id, dueOn })));
    await recordAudit(e.tctx, { action: 'qualification.start', entityType: 'application', entityId: e.after.id, after: { departments: departments.map((d) => d.name), dueOn } });
    for (const d of departments) {
      await notify(e.tctx, await usersWithRole(e.tctx, 'department', d.id), {
        kind: 'qualification.review',
        title: `资格审查：${e.after.name}`,
        body: `请于 ${dueOn} 前对${e.after.name}的申报出具资格审查意见（第十五条）。`,
        link: link(e.after),
      });
    }
  },
};
