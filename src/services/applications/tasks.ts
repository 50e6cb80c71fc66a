import { and, eq, inArray } from 'drizzle-orm';
import { applications, qualificationReviews } from '../../db/schema/index.js';
import { hasRole } from '../../domain/roles.js';
import type { Task, TaskSource } from '../task-source.js';

const link = (id: string) => `/applications/${id}`;

const applicantTasks: TaskSource = async (ctx) => {
  if (!ctx.actor || !(hasRole(ctx.actor, 'applicant_unit') || hasRole(ctx.actor, 'applicant_individual'))) return [];
  const rows = await ctx.db
    .select()
    .from(applications)
    .where(and(eq(applications.applicantUserId, ctx.actor.userId), inArray(applications.state, ['draft', 'returned'])));
  return rows.map((a) => ({
    id: `application-${a.id}`,
    kind: a.state === 'draft' ? 'application.complete' : 'application.correct',
    title: a.state === 'draft' ? `完成并提交申报：${a.name}` : `补正后重新提交：${a.name}`,
    detail: a.state === 'returned' ? `补正期限 ${a.correctionDueOn}` : '草稿自动保存，提交前请补齐缺项',
    dueOn: a.correctionDueOn,
    link: link(a.id),
  }));
};

const countyTasks: TaskSource = async (ctx) => {
  if (!hasRole(ctx.actor, 'county') || !ctx.actor!.organisationId) return [];
  const rows = await ctx.db
    .select()
    .from(applications)
    .where(and(eq(applications.countyId, ctx.actor!.organisationId), eq(applications.state, 'submitted')));
  return rows.map((a) => ({ id: `recommend-${a.id}`, kind: 'application.recommend', title: `签署推荐意见：${a.name}`, detail: '第十四条：县区质量工作议事协调机构签署推荐意见', dueOn: null, link: link(a.id) }));
};

const officeTasks: TaskSource = async (ctx) => {
  if (!hasRole(ctx.actor, 'office')) return [];
  const rows = await ctx.db.select().from(applications).where(eq(applications.state, 'recommended'));
  const objections = await ctx.db
    .selectDistinct({ id: applications.id, name: applications.name })
    .from(qualificationReviews)
    .innerJoin(applications, eq(applications.id, qualificationReviews.applicationId))
    .where(and(eq(applications.state, 'qualification_review'), eq(qualificationReviews.status, 'failed')));
  return [
    ...rows.map((a): Task => ({ id: `accept-${a.id}`, kind: 'application.accept', title: `受理审核：${a.name}`, detail: '受理、退回补正或不予受理', dueOn: null, link: link(a.id) })),
    ...objections.map((a): Task => ({ id: `objection-${a.id}`, kind: 'qualification.objection', title: `处理资格审查异议：${a.name}`, detail: '确认不通过，或书面说明理由后否决异议', dueOn: null, link: link(a.id) })),
  ];
};

const departmentTasks: TaskSource = async (ctx) => {
  if (!hasRole(ctx.actor, 'department') || !ctx.actor!.organisationId) return [];
  const rows = await ctx.db
    .select({ review: qualificationReviews, name: applications.name })
    .from(qualificationReviews)
    .innerJoin(applications, eq(applications.id, qualificationReviews.applicationId))
    .where(and(eq(qualificationReviews.departmentId, ctx.actor!.organisationId), eq(qualificationReviews.status, 'pending'), eq(applications.state, 'qualification_review')));
  return rows.map(({ review, name }) => ({
    id: `review-${review.id}`,
    kind: 'qualification.review',
    title: `资格审查：${name}`,
    detail: `请于 ${review.dueOn} 前出具意见`,
    dueOn: review.dueOn,
    link: link(review.applicationId),
  }));
};

export const intakeTaskSources: TaskSource[] = [applicantTasks, countyTasks, officeTasks, departmentTasks];
