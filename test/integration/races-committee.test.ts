import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ballotCasts, ballotTallies, committeeMembers, committees, editions } from '../../src/db/schema/index.js';
import { profileId } from './support/fixtures.js';
import { creditCode, registerApplicant } from './support/intake.js';
import { databaseKinds } from './support/databases.js';
import type { Session, TestApp } from './support/app.js';
import { applicationsAt, atOnce, auditsOf, manyUsers, RACERS, refusals, startRaceApp, statuses } from './support/races.js';

/**
 * The plenary's secret ballot raced (issue 14, races; Art. 9, 16): one member's sheet sent 100
 * times at once counts once (the contract: no second vote, no change of vote — already_voted),
 * and 99 members voting at once are all counted, the tally exact to the vote.
 */
const CHOICES = ['award', 'nomination', 'neither'] as const;

describe.each(databaseKinds)('the committee ballot 100 at once on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let members: Session[];
  let applicantId: string;
  let serial = 0;

  beforeAll(async () => {
    t = await startRaceApp(kind);
    await t.createUser('rc_office', ['office']);
    office = await t.login('rc_office');
    members = await manyUsers(t, 'rc_member', RACERS - 1, ['committee']);
    applicantId = (await registerApplicant(t, 'unit', creditCode(4200), '表决竞态有限公司', 'rc_applicant')).userId;
  });
  afterAll(() => t.close());

  /** An edition at the committee phase with three candidates, the first `n` members constituted and present. */
  async function plenary(n: number): Promise<{ editionId: string; sessionId: string; candidates: string[] }> {
    const [edition] = await t.database.db
      .insert(editions)
      .values({ award: `races-committee-${++serial}`, profileId: await profileId(t, 'linyi-current'), number: 1, year: 2026, name: `表决竞态届${serial}`, status: 'open', phase: 'committee', opensOn: '2026-11-01' })
      .returning();
    const candidates = await applicationsAt(t, edition.id, applicantId, 'candidate', 3);
    const chosen = members.slice(0, n);
    // Membership through the table (the route is tested in committee.test.ts); constitution and the session through the routes.
    await t.database.db.insert(committees).values({ editionId: edition.id });
    await t.database.db.insert(committeeMembers).values(chosen.map((m, i) => ({ editionId: edition.id, userId: m.userId, position: i === 0 ? 'chair' : i === 1 ? 'vice_chair' : 'member' })));
    const base = `/api/decision/editions/${edition.id}/committee`;
    const constituted = await office.send('POST', `${base}/constitute`, { documentNumber: '临质强〔2026〕5号' });
    expect(constituted.statusCode, constituted.body).toBe(200);
    const opened = await office.send('POST', `${base}/sessions`, { heldOn: '2026-11-30', presentUserIds: chosen.map((m) => m.userId) });
    expect(opened.statusCode, opened.body).toBe(201);
    return { editionId: edition.id, sessionId: opened.json().id, candidates };
  }

  /** Member i's choice on candidate j: spread so that every choice gets votes. */
  const choiceOf = (i: number, j: number) => CHOICES[(i + j) % 3];
  const sheet = (m: Session, i: number, p: { editionId: string; sessionId: string; candidates: string[] }) =>
    m.send('POST', `/api/committee/editions/${p.editionId}/ballot`, { sessionId: p.sessionId, choices: p.candidates.map((applicationId, j) => ({ applicationId, choice: choiceOf(i, j) })) });

  const talliesOf = async (sessionId: string, candidates: string[]) => {
    const rows = await t.database.db.select().from(ballotTallies).where(eq(ballotTallies.sessionId, sessionId));
    return Object.fromEntries(rows.map((r) => [`${candidates.indexOf(r.applicationId)}:${r.choice}`, r.votes]));
  };

  it("one member's sheet sent 100 times at once: one ballot counted, 99 refused as already cast", async () => {
    const p = await plenary(3);
    const responses = await atOnce(RACERS, () => sheet(members[1], 1, p));
    expect(statuses(responses)).toEqual({ 200: 1, 409: RACERS - 1 });
    expect(refusals(responses)).toEqual({ already_voted: RACERS - 1 });
    // One mark per candidate for that member, one vote per candidate in the tally, one record.
    const casts = await t.database.db.select().from(ballotCasts).where(and(eq(ballotCasts.sessionId, p.sessionId), eq(ballotCasts.userId, members[1].userId)));
    expect(casts).toHaveLength(3);
    expect(await talliesOf(p.sessionId, p.candidates)).toEqual({ [`0:${choiceOf(1, 0)}`]: 1, [`1:${choiceOf(1, 1)}`]: 1, [`2:${choiceOf(1, 2)}`]: 1 });
    expect(await auditsOf(t, 'ballot.cast', p.sessionId)).toHaveLength(1);
  });

  it('99 members at once, one of them twice: 99 ballots counted, the tally exact to the vote, the repeat refused', async () => {
    const p = await plenary(RACERS - 1);
    // Request i is member i's sheet; the last one is member 0's again.
    const responses = await atOnce(RACERS, (i) => (i < RACERS - 1 ? sheet(members[i], i, p) : sheet(members[0], 0, p)));
    expect(statuses(responses)).toEqual({ 200: RACERS - 1, 409: 1 });
    expect(refusals(responses)).toEqual({ already_voted: 1 });
    const expected: Record<string, number> = {};
    for (let i = 0; i < RACERS - 1; i++) for (let j = 0; j < 3; j++) expected[`${j}:${choiceOf(i, j)}`] = (expected[`${j}:${choiceOf(i, j)}`] ?? 0) + 1;
    expect(await talliesOf(p.sessionId, p.candidates)).toEqual(expected);
    const casts = await t.database.db.select().from(ballotCasts).where(eq(ballotCasts.sessionId, p.sessionId));
    expect(casts).toHaveLength(3 * (RACERS - 1));
    expect(new Set(casts.map((c) => c.userId)).size).toBe(RACERS - 1);
    expect(await auditsOf(t, 'ballot.cast', p.sessionId)).toHaveLength(RACERS - 1);
    // The office sees who voted (all 99) and nothing of what.
    const view = (await office.get(`/api/decision/editions/${p.editionId}/committee`)).json().sessions[0];
    expect(view.votedUserIds).toHaveLength(RACERS - 1);
  });
});
