import { and, eq } from 'drizzle-orm';
import { organisations, users } from '../../../db/schema/index.js';
import { addDays, shanghaiToday, type IsoDate } from '../../../domain/calendar/dates.js';
import type { TechnicalStage } from '../../../domain/profile/schema.js';
import type { Role } from '../../../domain/roles.js';
import { inTransaction, type ServiceContext } from '../../context.js';
import { insertUser } from '../../users.js';
import { generatePassword, type CreatedCredential } from '../bootstrap.js';

/**
 * What the demo's milestones share: the edition, the timeline, and a context per actor. Every
 * step runs as the person who would click it in the browser, through the same service, on the
 * business clock of its day.
 */
export interface DemoRun {
  base: ServiceContext;
  editionId: string;
  timeline: DemoTimeline;
  /** Accounts the milestones open (experts, counties, departments), printed like the demo's own. */
  credentials: CreatedCredential[];
  /** The day the procedure has reached: a step never happens before the one it follows. */
  cursor?: IsoDate;
  /** The technical stages reviewed so far, in the profile's order. */
  stagesReviewed?: TechnicalStage[];
  /** One line per step taken, for the command's output. */
  log: (line: string) => void;
}

/**
 * The demo's calendar, as days after the day the call opens; a stage that runs long pushes the
 * next one back (DemoRun.cursor), never the other way. The whole procedure lies in the
 * past of the day it is loaded, so a person who logs in finds a finished technical review.
 */
export const DEMO_DAYS = {
  call: 0,
  register: 8,
  deadline: 45,
  recommend: 47,
  accept: 50,
  qualify: 56,
  pool: 58,
  material: 60,
  // The second and third technical stages, in the profile's order (Linyi: on-site, then defence).
  secondStagePlanned: 76,
  secondStageFrom: 80,
  thirdStagePlanned: 104,
  thirdStageFrom: 108,
  report: 120,
  // The decision and publication (Art. 16–18): the notice's end and the government's day follow the calendar.
  survey: 123,
  surveyClose: 137,
  candidates: 139,
  committee: 146,
  leadership: 150,
  notice: 153,
  objection: 156,
  published: 175,
} as const;
export type DemoDay = keyof typeof DEMO_DAYS;

/**
 * How many days before today the call opens: the technical milestones end with the report two
 * weeks before today (the decision still ahead); `published` ends a week before today.
 */
export const demoSpanDays = (throughPublication: boolean) => (throughPublication ? DEMO_DAYS.published + 7 : DEMO_DAYS.report + 14);

export class DemoTimeline {
  constructor(readonly opensOn: IsoDate) {}

  static endingBefore(now: Date, throughPublication = false): DemoTimeline {
    return new DemoTimeline(addDays(shanghaiToday(now), -demoSpanDays(throughPublication)));
  }

  date(day: DemoDay | number): IsoDate {
    return addDays(this.opensOn, typeof day === 'number' ? day : DEMO_DAYS[day]);
  }

  /**
   * A clock that starts at 09:00 (Asia/Shanghai) of the given date and runs with real time, so
   * the steps of one day keep their order (newest code, latest decision) as they would.
   */
  clockOn(date: IsoDate): () => Date {
    const start = Date.parse(`${date}T09:00:00+08:00`);
    const started = Date.now();
    return () => new Date(start + (Date.now() - started));
  }
}

/** The context of a user, by username, on the business clock of `date`. */
export async function actAs(run: DemoRun, username: string, date: IsoDate): Promise<ServiceContext> {
  const [user] = await run.base.db.select().from(users).where(eq(users.username, username));
  if (!user) throw new Error(`demo: no account ${username}`);
  return { ...run.base, requestId: `demo-${username}`, actor: { userId: user.id, roles: user.roles as Role[], organisationId: user.organisationId }, now: run.timeline.clockOn(date) };
}

/** Opens (once) a demo account for an organisation of the directory, e.g. a county's or a department's. */
export async function ensureAccount(run: DemoRun, input: { username: string; displayName: string; role: Role; orgKind?: string; orgName?: string }): Promise<void> {
  const [existing] = await run.base.db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (existing) return;
  const [org] = input.orgKind && input.orgName ? await run.base.db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.kind, input.orgKind), eq(organisations.name, input.orgName))) : [{ id: null }];
  if (!org) throw new Error(`demo: no ${input.orgKind} ${input.orgName}`);
  const password = run.base.config.demoPassword ?? generatePassword();
  const ctx = { ...run.base, now: run.timeline.clockOn(run.timeline.date('call')) };
  await inTransaction(ctx, (tctx) => insertUser(tctx, { username: input.username, displayName: input.displayName, password, roles: [input.role], organisationId: org.id }));
  run.credentials.push({ username: input.username, password, role: input.role, generated: !run.base.config.demoPassword });
}
