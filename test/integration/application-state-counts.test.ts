import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/connection.js';
import { applications, applicationStateCounts, editions, organisations, ruleProfiles, users } from '../../src/db/schema/index.js';
import { APPLICATION_STATES, type ApplicationState } from '../../src/domain/lifecycle/states.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import { databaseKinds } from './support/databases.js';
import { commitsWhileHeld } from './support/held-transaction.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * The counts behind the list totals (migration 0011) are kept by triggers; here they are
 * compared with a real GROUP BY count after every step of a scenario of inserts, state
 * changes (one row and many), withdrawals, county and edition moves, deletes, a rolled-back
 * transaction and form saves (an emptied group's row goes) — and shown to drift when the
 * update trigger is dropped.
 */
type Group = { editionId: string; countyId: string | null; state: string; n: number };
const key = (g: Group) => `${g.editionId}|${g.countyId ?? '-'}|${g.state}`;
const sorted = (groups: Group[]) => groups.map((g) => `${key(g)}=${g.n}`).sort();

async function maintained(db: DbOrTx): Promise<string[]> {
  // Every row, as stored: an emptied group must be gone, not left at 0.
  return sorted(await db.select().from(applicationStateCounts));
}

async function counted(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ editionId: applications.editionId, countyId: applications.countyId, state: applications.state, n: sql<number>`count(*)::int` })
    .from(applications)
    .groupBy(applications.editionId, applications.countyId, applications.state);
  return sorted(rows);
}

describe.each(databaseKinds)('application state counts stay exact on %s', (kind) => {
  let t: TestApp;
  const editionIds: string[] = [];
  let counties: string[] = [];
  let applicantId = '';
  const r = seededRandom(20261202);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.tolerateBroken('lifecycle.state-without-history', 'the counts are exercised by writing applications in any state directly, without the history the engine writes');
    t.tolerateBroken('awards.winner-record', 'awarded and revoked states are written directly to move the counts, without the winner rows the procedure makes');
    const db = t.database.db;
    const [profile] = await db.select({ id: ruleProfiles.id }).from(ruleProfiles).where(eq(ruleProfiles.code, 'linyi-current'));
    for (const number of [701, 702]) {
      const [e] = await db.insert(editions).values({ profileId: profile.id, number, year: 2026, name: `计数第${number}届`, status: 'closed', opensOn: '2026-11-01' }).returning({ id: editions.id });
      editionIds.push(e.id);
    }
    counties = (await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'county'))).map((o) => o.id).slice(0, 3);
    applicantId = randomUUID();
    await db.insert(users).values({ id: applicantId, username: `cnt_${applicantId.slice(0, 8)}`, displayName: '申报人', passwordHash: 'not-a-login', roles: ['applicant_unit'] });
  });
  afterAll(() => t.close());

  const newRows = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      editionId: pick(editionIds),
      kind: 'unit' as const,
      applicantUserId: applicantId,
      countyId: r() < 0.15 ? null : pick(counties),
      identityCode: `CNT-${tag}-${i}`,
      name: `计数${tag}-${i}`,
      state: pick(APPLICATION_STATES),
    }));
  const ids = async () => (await t.database.db.select({ id: applications.id }).from(applications)).map((a) => a.id);

  it('after every step of the scenario the counts equal a real count', async () => {
    const db = t.database.db;
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['bulk insert', () => db.insert(applications).values(newRows(60, 'a'))],
      ['one state change', async () => db.update(applications).set({ state: 'submitted' }).where(eq(applications.id, pick(await ids())))],
      ['withdrawals', async () => db.update(applications).set({ state: 'withdrawn' }).where(inArray(applications.id, (await ids()).slice(0, 7)))],
      ['many rows change state at once', () => db.update(applications).set({ state: 'accepted' }).where(eq(applications.state, 'submitted'))],
      ['county changes, to none and back', async () => {
        const [a, b] = await ids();
        await db.update(applications).set({ countyId: null }).where(eq(applications.id, a));
        await db.update(applications).set({ countyId: pick(counties) }).where(eq(applications.id, b));
      }],
      ['moved to the other edition', async () => db.update(applications).set({ editionId: editionIds[1], identityCode: `CNT-moved-${randomUUID()}` }).where(eq(applications.id, (await ids())[3]))],
      ['form saves (no group changes)', () => db.update(applications).set({ name: '改名', revision: sql`${applications.revision} + 1` })],
      ['state and county in one update', async () => db.update(applications).set({ state: 'returned', countyId: counties[0] }).where(eq(applications.id, (await ids())[5]))],
      ['rolled-back transaction', () =>
        db
          .transaction(async (tx) => {
            await tx.update(applications).set({ state: 'draft' });
            await tx.insert(applications).values(newRows(5, 'rolled-back'));
            throw new Error('roll back');
          })
          .catch(() => undefined)],
      ['deletes', async () => db.delete(applications).where(inArray(applications.id, (await ids()).slice(10, 25)))],
      ['insert after deletes', () => db.insert(applications).values(newRows(10, 'b'))],
    ];
    for (const [label, step] of steps) {
      await step();
      expect({ label, counts: await maintained(db) }).toEqual({ label, counts: await counted(db) });
    }
    // The scenario really spread applications over many groups.
    expect((await counted(db)).length).toBeGreaterThan(10);
  });

  it('without the update trigger the counts drift (so the comparison above can fail)', async () => {
    const db = t.database.db;
    const flip = async (tx: DbOrTx) => {
      const [row] = await tx.select({ id: applications.id, state: applications.state }).from(applications).limit(1);
      const other: ApplicationState = row.state === 'draft' ? 'submitted' : 'draft';
      await tx.update(applications).set({ state: other }).where(eq(applications.id, row.id));
      // The counts move at commit (migration 0013); this runs what commit would run, now.
      await tx.execute(sql`SET CONSTRAINTS ALL IMMEDIATE`);
      return { maintained: await maintained(tx), counted: await counted(tx) };
    };
    const outcome = await db
      .transaction(async (tx) => {
        const intact = await flip(tx);
        await tx.execute(sql`DROP TRIGGER applications_state_counts_update ON applications`);
        const sabotaged = await flip(tx);
        throw Object.assign(new Error('undo the sabotage'), { result: { intact, sabotaged } });
      })
      .catch((e: { result?: Record<'intact' | 'sabotaged', { maintained: string[]; counted: string[] }> }) => e.result);
    expect(outcome).toBeDefined();
    expect(outcome!.intact.maintained).toEqual(outcome!.intact.counted);
    expect(outcome!.sabotaged.maintained).not.toEqual(outcome!.sabotaged.counted);
    // The trigger is back (the DROP rolled back) and the counts are exact again.
    expect(await maintained(db)).toEqual(await counted(db));
  });

  // Two transactions at once need two connections: PostgreSQL only (PGlite has one).
  if (kind === 'postgres') it('a change of state does not wait for another open transaction of the same group', async () => {
    const db = t.database.db;
    await db.delete(applications);
    const [first, second] = newRows(2, 'hot').map((row) => ({ ...row, editionId: editionIds[0], countyId: counties[0], state: 'draft' as const }));
    await db.insert(applications).values([first, second]);
    const outcome = await commitsWhileHeld(
      (stayOpen) =>
        db.transaction(async (tx) => {
          await tx.update(applications).set({ state: 'submitted' }).where(eq(applications.id, first.id));
          await stayOpen();
        }),
      // Moved at the change, the group's row would stay locked by the open transaction and this would wait for it.
      () => db.update(applications).set({ state: 'submitted' }).where(eq(applications.id, second.id)),
      3_000,
    );
    expect(outcome).toBe('committed');
    expect(await maintained(db)).toEqual(await counted(db));
    expect(await maintained(db)).toEqual([`${editionIds[0]}|${counties[0]}|submitted=2`]);
  });
});
