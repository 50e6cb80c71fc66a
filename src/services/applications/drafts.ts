import { and, count, eq, isNull } from 'drizzle-orm';
import { applicationVersions, applications, editions, files, organisations, ruleProfiles, users } from '../../db/schema/index.js';
import { formProblems, type FormData } from '../../domain/application-form/index.js';
import { endOfShanghaiDay, shanghaiToday } from '../../domain/calendar/dates.js';
import { applicationPolicy } from '../../domain/policies/applications.js';
import type { ApplicantKind } from '../../domain/profile/schema.js';
import { hasRole } from '../../domain/roles.js';
import { changedValues } from '../audit/diff.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { findOpenEdition } from '../editions.js';
import { conflict, ensure, invalid, isUniqueViolation, ServiceError } from '../errors.js';
import { notify, usersWithRole } from '../notify.js';
import { loadVisibleApplication } from './access.js';
import { presentApplication } from './present.js';

const deadlinePassed = (deadline: string) =>
  new ServiceError('deadline_passed', `已超过申报截止时间（${deadline} 24:00），申报材料只读`);

/** An applicant starts a draft in the open edition; one application per code and edition. */
export async function startApplication(ctx: ServiceContext) {
  const kind: ApplicantKind | null = hasRole(ctx.actor, 'applicant_unit') ? 'unit' : hasRole(ctx.actor, 'applicant_individual') ? 'individual' : null;
  if (!ctx.actor || !kind) throw new ServiceError('wrong_role', '只有申报单位或申报个人可以填报申报');
  const open = (await findOpenEdition(ctx.db))?.edition;
  if (!open?.schedule) throw new ServiceError('no_open_edition', '当前没有正在受理申报的届次');
  if (ctx.now() > endOfShanghaiDay(open.schedule.applicationDeadline)) throw deadlinePassed(open.schedule.applicationDeadline);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!user.identityCode) throw new ServiceError('identity_missing', '账号未登记统一社会信用代码或身份证号码，请联系管理员');
  try {
    const row = await inTransaction(ctx, async (tctx) => {
      const [created] = await tctx.tx
        .insert(applications)
        .values({
          editionId: open.id,
          kind,
          applicantUserId: user.id,
          applicantOrganisationId: user.organisationId,
          identityCode: user.identityCode!,
          name: user.displayName,
          form: { name: user.displayName, ...(user.email ? { contactEmail: user.email } : {}), ...(user.phone ? { contactPhone: user.phone } : {}) },
        })
        .returning();
      await recordAudit(tctx, { action: 'application.create', entityType: 'application', entityId: created.id, after: { editionId: open.id, kind } });
      return created;
    });
    return presentApplication(ctx, row);
  } catch (error) {
    if (isUniqueViolation(error, 'applications_edition_identity_uq')) {
      throw conflict('application_exists', '本届已有以该代码提交的申报，不能重复申报');
    }
    throw error;
  }
}

/** Merges a partial form into the draft (autosave). The revision guards against a stale tab overwriting newer text. */
export async function saveDraft(ctx: ServiceContext, applicationId: string, input: { revision: number; form: FormData }) {
  return inTransaction(ctx, async (tctx) => {
    const { row, facts } = await loadVisibleApplication(tctx, applicationId, { forUpdate: true });
    ensure(applicationPolicy.edit(ctx.actor, facts));
    const [{ profile }] = await tctx.tx
      .select({ edition: editions, profile: ruleProfiles })
      .from(editions)
      .innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId))
      .where(eq(editions.id, row.editionId));
    if (input.revision !== row.revision) {
      // The current revision is named, so the client knows what it lost to (a newer save, not a broken one).
      throw conflict('revision_conflict', `申报内容已在其他窗口更新（当前为第 ${row.revision} 版），请刷新后再编辑`, [{ field: 'revision', message: `版本已过期，当前为第 ${row.revision} 版` }]);
    }
    const kind = row.kind as ApplicantKind;
    const problems = formProblems(kind, profile.rules.scoringTemplates[kind], input.form, profile.rules.preference.categories.map((c) => c.code), { today: shanghaiToday(ctx.now()), identityCode: row.identityCode });
    if (input.form.countyId && !problems.some((p) => p.field === 'countyId')) {
      const [county] = await tctx.tx.select().from(organisations).where(and(eq(organisations.id, String(input.form.countyId)), eq(organisations.kind, 'county'), eq(organisations.active, true)));
      if (!county) problems.push({ field: 'countyId', message: '所在县区不存在' });
    }
    if (problems.length) throw invalid(problems);
    const selfEvaluation = { ...((row.form.selfEvaluation as object) ?? {}), ...((input.form.selfEvaluation as object) ?? {}) };
    const form: FormData = { ...row.form, ...input.form, selfEvaluation };
    const [updated] = await tctx.tx
      .update(applications)
      .set({
        form,
        name: typeof form.name === 'string' && form.name.trim() ? form.name.trim() : row.name,
        countyId: typeof form.countyId === 'string' ? form.countyId : row.countyId,
        preferenceCategories: Array.isArray(form.preferenceCategories) ? (form.preferenceCategories as string[]) : row.preferenceCategories,
        revision: row.revision + 1,
        updatedAt: ctx.now(),
      })
      // The row lock already orders saves; the compare-and-set on the revision holds without it.
      .where(and(eq(applications.id, row.id), eq(applications.revision, row.revision)))
      .returning();
    if (!updated) throw conflict('revision_conflict', '申报内容已在其他窗口更新，请刷新后再编辑', [{ field: 'revision', message: '版本已过期' }]);
    // Only what changed: autosave sends the whole form, the audit trail keeps the edits.
    const changed = changedValues(row.form, form, Object.keys(input.form));
    await recordAudit(tctx, { action: 'application.update', entityType: 'application', entityId: row.id, before: changed.before, after: changed.after });
    return presentApplication(tctx, updated);
  });
}

export async function getApplication(ctx: ServiceContext, applicationId: string) {
  const { row } = await loadVisibleApplication(ctx, applicationId);
  // Art. 24: an expert's every view of an applicant's materials is on the record the office reads.
  if (hasRole(ctx.actor, 'expert')) await inTransaction(ctx, (tctx) => recordAudit(tctx, { action: 'application.view', entityType: 'application', entityId: row.id }));
  return presentApplication(ctx, row);
}

export async function getVersion(ctx: ServiceContext, applicationId: string, version: number) {
  await loadVisibleApplication(ctx, applicationId);
  const [row] = await ctx.db
    .select()
    .from(applicationVersions)
    .where(and(eq(applicationVersions.applicationId, applicationId), eq(applicationVersions.version, version)));
  if (!row) throw new ServiceError('not_found', '该版本不存在');
  return { version: row.version, form: row.form, fileIds: row.fileIds, submittedAt: row.submittedAt.toISOString() };
}
