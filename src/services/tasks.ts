import { eq } from 'drizzle-orm';
import { editions } from '../db/schema/index.js';
import { hasRole } from '../domain/roles.js';
import { intakeTaskSources } from './applications/tasks.js';
import type { ServiceContext } from './context.js';
import type { TaskList } from '../contract/system.js';
import type { TaskSource } from './task-source.js';

const draftEditions: TaskSource = async (ctx) => {
  if (!hasRole(ctx.actor, 'office')) return [];
  const drafts = await ctx.db.select().from(editions).where(eq(editions.status, 'draft'));
  return drafts.map((e) => ({
    id: `edition-draft-${e.id}`,
    kind: e.schedule ? 'edition.publishCall' : 'edition.setSchedule',
    title: e.schedule ? `发布${e.name}申报通知` : `设置${e.name}日程`,
    detail: e.schedule ? `日程已设置，申报截止 ${e.schedule.applicationDeadline}` : '尚未设置申报截止日期',
    dueOn: null,
    link: `/editions/${e.id}`,
  }));
};

const taskSources: TaskSource[] = [draftEditions, ...intakeTaskSources];

export async function myTasks(ctx: ServiceContext): Promise<TaskList> {
  if (!ctx.actor) return { items: [] };
  const lists = await Promise.all(taskSources.map((source) => source(ctx)));
  const items = lists.flat().sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  return { items };
}
