import { eq, inArray } from 'drizzle-orm';
import { loadConfig } from '../../../src/config.js';
import { committeeMembers, committeeSessions, editions, users } from '../../../src/db/schema/index.js';
import { openConfiguredDatabase, systemContext } from '../../../src/runtime.js';
import { openSession } from '../../../src/services/committee/session.js';
import type { ServiceContext } from '../../../src/services/context.js';
import { loadDemo } from '../../../src/services/seed/demo.js';
import { conveneCommittee, proposeCandidates, runSurveys } from '../../../src/services/seed/demo/decision.js';
import { editionProfile } from '../../../src/services/seed/demo/intake.js';
import { DemoTimeline, type DemoRun } from '../../../src/services/seed/demo/run.js';
import { openMaterialReview } from '../../../src/services/seed/demo/technical.js';
import { seedReferenceData } from '../../../src/services/seed/directory.js';
import type { SystemEnv } from './server.js';

/**
 * The two review systems of a crash burst, each a database of its own: an edition allows one
 * open edition per award and its phases only move forward, so an edition taking applications,
 * one in the material review and one at the committee's vote cannot share a database. Both are
 * driven by the demo's own milestones (`demo load --through …` in process), then one step
 * further: the material panels filled and committed (no scorebook yet), or the committee
 * constituted and a plenary open with every member present (no ballot yet).
 */
export interface ScoringSeed {
  editionId: string;
  /** One scorebook to write per panel seat: the expert's login and the template's item codes. */
  books: Array<{ applicationId: string; expertId: string; username: string; codes: string[] }>;
}

export interface VotingSeed {
  editionId: string;
  members: Array<{ username: string; userId: string }>;
  sessionId: string;
  /** The candidates on the ballot. */
  candidates: string[];
}

async function withSystem<T>(env: SystemEnv, work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...process.env, ...env, PORT: '3000' });
  const database = await openConfiguredDatabase(config);
  try {
    const ctx = systemContext(database, config, 'proof-seed');
    await seedReferenceData(ctx);
    return await work(ctx);
  } finally {
    await database.close();
  }
}

async function demoRunOf(ctx: ServiceContext): Promise<DemoRun> {
  const [edition] = await ctx.db.select({ id: editions.id, opensOn: editions.opensOn }).from(editions).where(eq(editions.status, 'open'));
  return { base: ctx, editionId: edition.id, timeline: new DemoTimeline(edition.opensOn), credentials: [], log: () => undefined };
}

const SCOREBOOKS_WRITTEN = 24;

export async function seedScoring(env: SystemEnv): Promise<ScoringSeed> {
  return withSystem(env, async (ctx) => {
    await loadDemo(ctx, { through: 'qualified' });
    const run = await demoRunOf(ctx);
    const assigned = await openMaterialReview(run);
    const profile = await editionProfile(run);
    const userIds = new Map([...assigned.experts].map(([expertId, e]) => [e.ctx.actor!.userId, expertId]));
    const names = await ctx.db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, [...userIds.keys()]));
    const usernameOf = new Map(names.map((u) => [userIds.get(u.id)!, u.username]));
    const books = assigned.view.applications.flatMap((app) =>
      app.members.map((m) => ({
        applicationId: app.applicationId,
        expertId: m.expertId,
        username: usernameOf.get(m.expertId)!,
        codes: profile.scoringTemplates[app.kind].categories.flatMap((c) => c.items.map((i) => i.code)),
      })),
    );
    // The burst writes a few of them, so each sees several saves and some reach their submission.
    return { editionId: run.editionId, books: books.slice(0, SCOREBOOKS_WRITTEN) };
  });
}

/** Weeks in the past: the demo's calendar then puts the surveys' close and the plenary before today. */
const VOTING_SHIFT_MS = 40 * 86_400_000;

export async function seedVoting(env: SystemEnv): Promise<VotingSeed> {
  return withSystem(env, async (ctx) => {
    await loadDemo({ ...ctx, now: () => new Date(Date.now() - VOTING_SHIFT_MS) }, { through: 'technical_reviewed' });
    const run = await demoRunOf(ctx);
    await runSurveys(run);
    await proposeCandidates(run);
    const office = await conveneCommittee(run);
    const members = await ctx.db.select({ userId: committeeMembers.userId, username: users.username }).from(committeeMembers).innerJoin(users, eq(users.id, committeeMembers.userId)).where(eq(committeeMembers.editionId, run.editionId));
    const session = await openSession(office, run.editionId, { heldOn: run.timeline.date('committee'), presentUserIds: members.map((m) => m.userId) });
    const [row] = await ctx.db.select({ applicationIds: committeeSessions.applicationIds }).from(committeeSessions).where(eq(committeeSessions.id, session.id));
    return { editionId: run.editionId, members, sessionId: session.id, candidates: row.applicationIds };
  });
}
