import type { LightMyRequestResponse } from 'fastify';
import { and, count, eq, inArray } from 'drizzle-orm';
import { applicationHistory, applications, auditLog, expertCommitments, experts, organisations, panelAssignments, scorebooks, users } from '../../../src/db/schema/index.js';
import type { ApplicationState } from '../../../src/domain/lifecycle/states.js';
import type { Role } from '../../../src/domain/roles.js';
import type { ScoringTemplate } from '../../../src/domain/profile/schema.js';
import { itemsOf } from '../../../src/domain/scoring/scorebook.js';
import { seedReferenceData } from '../../../src/services/seed/directory.js';
import { budget } from '../../support/budget.js';
import { startTestApp, type Session, type TestApp } from './app.js';
import { createTestDatabase, type DatabaseKind } from './databases.js';
import { organisationId } from './fixtures.js';
import { completeIndividualForm, completeUnitForm, creditCode, idNumber } from './intake.js';

/**
 * Fixtures of the race tests (test/integration/races-*.test.ts): the same request sent many
 * times at once through the real routes. On PostgreSQL the pool of 20 connections runs them
 * truly in parallel; on PGlite they queue on its one connection, in whatever order they come.
 */

/** How many copies of each racing request: the number. */
export const RACERS = 100;

/**
 * A test app whose requests wait for a PostgreSQL connection as long as the machine's load
 * needs: 100 requests queue on 20 connections while each waits its turn on one row, and on a
 * busy machine the last would otherwise give up after 5 s (a 503, database_unavailable) —
 * a refusal of the pool, not of the rule under test.
 */
export async function startRaceApp(kind: DatabaseKind): Promise<TestApp> {
  const database = await createTestDatabase(kind, { connectionTimeoutMs: budget(5_000) * 4 });
  const t = await startTestApp(kind, {}, database);
  // Races start from states seeded directly (the race is the point, not the procedure before it).
  t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in the state each race starts from');
  t.tolerateBroken('lifecycle.history-chain', 'the first real step starts from a seeded state, not from the draft a history would begin with');
  t.tolerateBroken('scorebooks.locked', 'submitted scorebooks are seeded directly, their update time stamped by the database clock after the test clock\'s submission time');
  await seedReferenceData(t.systemCtx());
  return {
    ...t,
    async close() {
      await t.close();
      await database.close();
    },
  };
}

/** Sends `n` requests at once (no one awaits another), returning them in sending order. */
export function atOnce(n: number, send: (i: number) => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => send(i)));
}

/** `{ status: how many }`, to compare whole outcomes at once (a 500 shows up instead of hiding). */
export function statuses(responses: LightMyRequestResponse[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const r of responses) out[r.statusCode] = (out[r.statusCode] ?? 0) + 1;
  return out;
}

/** `{ error code: how many }` over the refused responses. */
export function refusals(responses: LightMyRequestResponse[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of responses.filter((x) => x.statusCode >= 400)) {
    const code = (r.json() as { code: string }).code;
    out[code] = (out[code] ?? 0) + 1;
  }
  return out;
}

/** Every refusal is a clean one: a Chinese message the user can read. */
export function allExplained(responses: LightMyRequestResponse[]): boolean {
  return responses.filter((r) => r.statusCode >= 400).every((r) => /[\u4e00-\u9fa5]/.test((r.json() as { message: string }).message));
}

let serial = 0;
const next = () => ++serial;

/** Applications inserted directly at a state (the intake is tested elsewhere), in 兰山区 unless said. */
export async function applicationsAt(t: TestApp, editionId: string, applicantUserId: string, state: ApplicationState, n: number, kind: 'unit' | 'individual' = 'unit'): Promise<string[]> {
  const form = kind === 'unit' ? await completeUnitForm(t) : await completeIndividualForm(t);
  const countyId = await organisationId(t, 'county', '兰山区');
  const rows = await t.database.db
    .insert(applications)
    .values(
      Array.from({ length: n }, () => {
        const k = next();
        const name = `竞态测试${k}号${kind === 'unit' ? '有限公司' : ''}`;
        return { editionId, kind, applicantUserId, countyId, identityCode: kind === 'unit' ? creditCode(5000 + k) : idNumber(5000 + k), name, state, form: { ...form, name }, submittedAt: t.clock.now() };
      }),
    )
    .returning({ id: applications.id });
  return rows.map((r) => r.id);
}

/**
 * `n` logged-in users of the given roles. One is created through the service (one password
 * hash); the others share that hash, inserted directly, so a hundred accounts take seconds.
 */
export async function manyUsers(t: TestApp, prefix: string, n: number, roles: Role[], organisationId: string | null = null): Promise<Session[]> {
  const firstId = await t.createUser(`${prefix}0`, roles, organisationId);
  const [first] = await t.database.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, firstId));
  if (n > 1) {
    await t.database.db.insert(users).values(Array.from({ length: n - 1 }, (_, i) => ({ username: `${prefix}${i + 1}`, displayName: `${prefix}${i + 1}`, passwordHash: first.passwordHash, roles, organisationId })));
  }
  // A few at a time: each login verifies an Argon2 hash, and the machine has two cores.
  const sessions: Session[] = [];
  for (let i = 0; i < n; i += 10) sessions.push(...(await Promise.all(Array.from({ length: Math.min(10, n - i) }, (_, j) => t.login(`${prefix}${i + j}`)))));
  return sessions;
}

/** History rows and transition audit records of one application: exactly one each per step taken. */
export async function stepsRecorded(t: TestApp, applicationId: string, toState: ApplicationState): Promise<{ history: number; audit: number }> {
  const [history] = await t.database.db.select({ n: count() }).from(applicationHistory).where(and(eq(applicationHistory.applicationId, applicationId), eq(applicationHistory.toState, toState)));
  const audits = await t.database.db.select({ after: auditLog.after }).from(auditLog).where(and(eq(auditLog.action, 'application.transition'), eq(auditLog.entityId, applicationId)));
  return { history: Number(history.n), audit: audits.filter((a) => (a.after as { state?: string } | null)?.state === toState).length };
}

/** Audit records of one action, optionally on one entity. */
export async function auditsOf(t: TestApp, action: string, entityId?: string): Promise<Array<{ after: unknown }>> {
  return t.database.db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(entityId ? and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)) : eq(auditLog.action, action));
}

export async function statesOf(t: TestApp, ids: string[]): Promise<Record<string, number>> {
  const rows = await t.database.db.select({ state: applications.state }).from(applications).where(inArray(applications.id, ids));
  const out: Record<string, number> = {};
  for (const r of rows) out[r.state] = (out[r.state] ?? 0) + 1;
  return out;
}

/** Complete scores for a template: every item at `percent` (a multiple of 5). */
export function completeItems(template: ScoringTemplate, percent: number): Record<string, { percent: number }> {
  return Object.fromEntries(itemsOf(template).map((i) => [i.code, { percent }]));
}

/**
 * A panel of `n` pool experts of a fresh agency on an application at a stage, committed to
 * the edition; the first has a login (`login` names it) and is the leader. Each expert's
 * independent scorebook is inserted with `status` and the given items; `null` inserts none.
 */
export async function panelOn(
  t: TestApp,
  input: { editionId: string; applicationId: string; stage: 'material' | 'onsite' | 'defence'; n: number; login?: string; books: { status: 'draft' | 'submitted'; items: Record<string, unknown>; total: number } | null },
): Promise<{ expertIds: string[]; session: Session | null }> {
  const db = t.database.db;
  const k = next();
  const [agency] = await db.insert(organisations).values({ name: `竞态测试评价机构${k}`, kind: 'agency' }).returning();
  const userId = input.login ? await t.createUser(input.login, ['expert']) : null;
  const rows = await db
    .insert(experts)
    .values(Array.from({ length: input.n }, (_, i) => ({ agencyId: agency.id, userId: i === 0 ? userId : null, name: `竞态专家${k}-${i}`, unit: `竞态专家单位${k}-${i}`, title: '高级工程师', industries: ['C'], phone: '13800000000', maxLoad: 50 })))
    .returning({ id: experts.id });
  const expertIds = rows.map((r) => r.id);
  await db.insert(expertCommitments).values(expertIds.map((expertId) => ({ editionId: input.editionId, expertId, textDigest: 'races' })));
  await db.insert(panelAssignments).values(expertIds.map((expertId, i) => ({ editionId: input.editionId, stage: input.stage, applicationId: input.applicationId, expertId, isLeader: i === 0 })));
  if (input.books) {
    const { status, items, total } = input.books;
    await db.insert(scorebooks).values(expertIds.map((expertId) => ({ editionId: input.editionId, applicationId: input.applicationId, stage: input.stage, expertId, kind: 'independent' as const, items, total, status, submittedAt: status === 'submitted' ? t.clock.now() : null })));
  }
  return { expertIds, session: input.login ? await t.login(input.login) : null };
}
