import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { applications, auditLog, ballotCasts, ballotTallies, decisionItems, decisions, editions } from '../../src/db/schema/index.js';
import { runPlenary } from '../../src/services/committee/plenary.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId, profileId } from './support/fixtures.js';
import { completeIndividualForm, completeUnitForm, creditCode, idNumber, registerApplicant } from './support/intake.js';

/** The review committee and its plenary with a secret ballot (Art. 9, 16; SPEC §9). */
describe.each(databaseKinds)('committee and plenary on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let members: Session[];
  let applicantId: string;
  let serial = 0;

  beforeAll(async () => {
    t = await startTestApp(kind);
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in a mid-procedure state, without the history the engine writes');
    t.tolerateBroken('lifecycle.history-chain', 'committee decisions move applications from the state the fixture seeded, not from draft');
    await t.createUser('c_office', ['office']);
    for (let i = 1; i <= 6; i++) await t.createUser(`c_member${i}`, ['committee']);
    office = await t.login('c_office');
    members = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => t.login(`c_member${i}`)));
    applicantId = (await registerApplicant(t, 'unit', creditCode(900), '委员会测试有限公司', 'c_applicant')).userId;
  });
  afterAll(() => t.close());

  const base = (editionId: string) => `/api/decision/editions/${editionId}/committee`;

  async function freshEdition(): Promise<string> {
    const [row] = await t.database.db
      .insert(editions)
      .values({ award: `committee-${++serial}`, profileId: await profileId(t, 'linyi-current'), number: 1, year: 2026, name: `委员会测试届${serial}`, status: 'open', phase: 'committee', opensOn: '2026-11-01' })
      .returning();
    return row.id;
  }

  async function candidates(editionId: string, n: number, kind: 'unit' | 'individual' = 'unit'): Promise<string[]> {
    const form = kind === 'unit' ? await completeUnitForm(t) : await completeIndividualForm(t);
    const county = await organisationId(t, 'county', '兰山区');
    const rows = await t.database.db
      .insert(applications)
      .values(Array.from({ length: n }, () => ({ editionId, kind, applicantUserId: applicantId, countyId: county, identityCode: kind === 'unit' ? creditCode(1000 + ++serial) : idNumber(100 + ++serial), name: `候选${serial}`, state: 'candidate' as const, form })))
      .returning({ id: applications.id });
    return rows.map((r) => r.id);
  }

  /** A committee of `n` of the members, the first the chair; constituted unless said. */
  async function committee(editionId: string, n: number, constitute = true): Promise<Session[]> {
    const chosen = members.slice(0, n);
    for (const [i, m] of chosen.entries()) {
      const res = await office.send('POST', `${base(editionId)}/members`, { userId: m.userId, position: i === 0 ? 'chair' : i === 1 ? 'vice_chair' : 'member' });
      expect(res.statusCode).toBe(200);
    }
    if (constitute) expect((await office.send('POST', `${base(editionId)}/constitute`, { documentNumber: '临质强〔2026〕5号' })).statusCode).toBe(200);
    return chosen;
  }

  async function open(editionId: string, present: Session[]): Promise<string> {
    const res = await office.send('POST', `${base(editionId)}/sessions`, { heldOn: '2026-11-30', presentUserIds: present.map((m) => m.userId) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  const vote = (m: Session, editionId: string, sessionId: string, choices: Record<string, string>) =>
    m.send('POST', `/api/committee/editions/${editionId}/ballot`, { sessionId, choices: Object.entries(choices).map(([applicationId, choice]) => ({ applicationId, choice })) });
  const statesOf = async (ids: string[]) => new Map((await t.database.db.select().from(applications).where(inArray(applications.id, ids))).map((r) => [r.id, r.state]));

  it('refuses to constitute an even committee, and freezes membership once constituted [Art.9]', async () => {
    const editionId = await freshEdition();
    await committee(editionId, 4, false);
    const even = await office.send('POST', `${base(editionId)}/constitute`, {});
    expect(even.statusCode).toBe(422);
    expect(even.json()).toMatchObject({ code: 'committee_even' });
    expect((await office.get(base(editionId))).json().constitutedAt).toBeNull();
    await office.send('POST', `${base(editionId)}/members`, { userId: members[4].userId, position: 'member' });
    const odd = await office.send('POST', `${base(editionId)}/constitute`, { documentNumber: '临质强〔2026〕5号' });
    expect(odd.statusCode).toBe(200);
    expect(odd.json()).toMatchObject({ documentNumber: '临质强〔2026〕5号', members: expect.arrayContaining([expect.objectContaining({ userId: members[0].userId, position: 'chair' })]) });
    expect(odd.json().members).toHaveLength(5);
    const late = await office.send('POST', `${base(editionId)}/members`, { userId: members[5].userId, position: 'member' });
    expect(late.json()).toMatchObject({ code: 'committee_frozen' });
    expect((await office.send('DELETE', `${base(editionId)}/members/${members[4].userId}`)).json()).toMatchObject({ code: 'committee_frozen' });
  });

  it('refuses a session below the quorum (two thirds of the members by default) and a second open session [Art.9]', async () => {
    const editionId = await freshEdition();
    const [a] = await candidates(editionId, 1);
    const five = await committee(editionId, 5);
    const short = await office.send('POST', `${base(editionId)}/sessions`, { heldOn: '2026-11-30', presentUserIds: five.slice(0, 3).map((m) => m.userId) });
    expect(short.statusCode).toBe(422);
    expect(short.json()).toMatchObject({ code: 'quorum_not_met' });
    await open(editionId, five.slice(0, 4));
    const again = await office.send('POST', `${base(editionId)}/sessions`, { heldOn: '2026-11-30', presentUserIds: five.map((m) => m.userId) });
    expect(again.json()).toMatchObject({ code: 'session_open' });
    // An absent member may not vote.
    const sessionId = (await office.get(base(editionId))).json().sessions[0].id;
    expect((await vote(five[4], editionId, sessionId, { [a]: 'award' })).json()).toMatchObject({ code: 'not_assigned' });
    expect((await vote(five[3], editionId, sessionId, { [a]: 'award' })).statusCode).toBe(200);
  });

  it('refuses the ballot of a recused member on that candidate, hides its line, and leaves them out of those entitled [Art.24]', async () => {
    const editionId = await freshEdition();
    const [a, b] = await candidates(editionId, 2);
    const three = await committee(editionId, 3);
    const declared = await three[0].send('POST', `/api/committee/editions/${editionId}/recusals`, { applicationId: a, reason: '本人曾任该单位顾问' });
    expect(declared.statusCode).toBe(200);
    const sessionId = await open(editionId, three);
    const sheet = (await three[0].get(`/api/committee/editions/${editionId}`)).json();
    expect(sheet.candidates.find((c: { applicationId: string }) => c.applicationId === a)).toMatchObject({ recused: true, composite: null });
    expect(sheet.session).toMatchObject({ id: sessionId, present: true, voted: false, applicationIds: [b] });
    const refused = await vote(three[0], editionId, sessionId, { [a]: 'award', [b]: 'award' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'conflict_of_interest' });
    expect(await t.database.db.select().from(ballotCasts).where(eq(ballotCasts.sessionId, sessionId))).toHaveLength(0);
    expect((await vote(three[0], editionId, sessionId, { [b]: 'award' })).statusCode).toBe(200);
    for (const m of three.slice(1)) expect((await vote(m, editionId, sessionId, { [a]: 'award', [b]: 'neither' })).statusCode).toBe(200);
    const closed = await office.send('POST', `${base(editionId)}/sessions/${sessionId}/close`, { documentNumber: '临质奖评〔2026〕2号' });
    expect(closed.statusCode, closed.body).toBe(200);
    const results = closed.json().result.candidates as Array<{ applicationId: string; entitled: number; needed: number; outcome: string }>;
    // a: 2 entitled (3 less the recused), 2 needed, 2 for the award; b: 3 entitled, 2 needed, 1 for the award.
    expect(results.find((r) => r.applicationId === a)).toMatchObject({ entitled: 2, needed: 2, outcome: 'award' });
    expect(results.find((r) => r.applicationId === b)).toMatchObject({ entitled: 3, needed: 2, outcome: 'not_proposed' });
    expect(await statesOf([a, b])).toEqual(new Map([[a, 'proposed'], [b, 'not_selected']]));
  });

  it('tells a member recused from every candidate that there is nothing to cast', async () => {
    const editionId = await freshEdition();
    const [a] = await candidates(editionId, 1);
    const three = await committee(editionId, 3);
    await office.send('POST', `${base(editionId)}/recusals`, { userId: three[1].userId, applicationId: a, reason: '本人为该单位股东' });
    const sessionId = await open(editionId, three);
    const empty = await vote(three[1], editionId, sessionId, {});
    expect(empty.statusCode).toBe(422);
    expect(empty.json().fields).toEqual([{ field: 'choices', message: '您已回避本次表决的全部申报，无需投票' }]);
    expect(await t.database.db.select().from(ballotCasts).where(eq(ballotCasts.sessionId, sessionId))).toHaveLength(0);
  });

  it('refuses to close over quota without cutting the list; the office voids the round and the committee votes again [Art.2]', async () => {
    const editionId = await freshEdition();
    const six = await candidates(editionId, 6);
    const three = await committee(editionId, 3);
    const first = await open(editionId, three);
    for (const m of three) expect((await vote(m, editionId, first, Object.fromEntries(six.map((id) => [id, 'award'])))).statusCode).toBe(200);
    const over = await office.send('POST', `${base(editionId)}/sessions/${first}/close`, { documentNumber: '临质奖评〔2026〕3号' });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'quota_exceeded' });
    expect(over.json().message).toContain('市长质量奖单位名额至多 5 家');
    expect([...(await statesOf(six)).values()].every((s) => s === 'candidate')).toBe(true);
    expect(await t.database.db.select().from(decisions).where(eq(decisions.editionId, editionId))).toHaveLength(0);
    const voided = await office.send('POST', `${base(editionId)}/sessions/${first}/void`, { reason: '表决结果超出名额，重新表决' });
    expect(voided.json()).toMatchObject({ result: { status: 'void', breaches: [expect.stringContaining('超出 1 家')] } });
    const second = await open(editionId, three);
    for (const m of three) expect((await vote(m, editionId, second, Object.fromEntries(six.map((id, i) => [id, i < 5 ? 'award' : 'nomination'])))).statusCode).toBe(200);
    const closed = await office.send('POST', `${base(editionId)}/sessions/${second}/close`, { documentNumber: '临质奖评〔2026〕3号' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect([...(await statesOf(six)).values()].every((s) => s === 'proposed')).toBe(true);
  });

  it('keeps the ballot secret: the record shows who voted and the counts, never who voted what', async () => {
    const editionId = await freshEdition();
    const [a] = await candidates(editionId, 1);
    const three = await committee(editionId, 3);
    const sessionId = await open(editionId, three);
    const choices = ['award', 'nomination', 'neither'];
    for (const [i, m] of three.entries()) expect((await vote(m, editionId, sessionId, { [a]: choices[i] })).statusCode).toBe(200);
    const casts = await t.database.db.select().from(ballotCasts).where(eq(ballotCasts.sessionId, sessionId));
    expect(casts.map((c) => Object.keys(c).sort())).toEqual(three.map(() => ['applicationId', 'sessionId', 'userId']));
    const tallies = await t.database.db.select().from(ballotTallies).where(eq(ballotTallies.sessionId, sessionId));
    expect(tallies.map((r) => Object.keys(r).sort())).toEqual(tallies.map(() => ['applicationId', 'choice', 'sessionId', 'votes']));
    expect(new Map(tallies.map((r) => [r.choice, r.votes]))).toEqual(new Map([['award', 1], ['nomination', 1], ['neither', 1]]));
    // Nothing in the audit trail of the vote names a choice.
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'ballot.cast'), eq(auditLog.entityId, sessionId)));
    expect(audit).toHaveLength(3);
    for (const row of audit) expect(JSON.stringify(row)).not.toMatch(/award|nomination|neither/);
    const view = (await office.get(base(editionId))).json().sessions[0];
    expect(view.votedUserIds.sort()).toEqual(three.map((m) => m.userId).sort());
    expect(view.result).toBeNull();
    expect(JSON.stringify(view)).not.toMatch(/award|nomination|neither/);
  });

  it('counts exactly one of twenty concurrent submissions of the same sheet', async () => {
    const editionId = await freshEdition();
    const [a, b] = await candidates(editionId, 2);
    const three = await committee(editionId, 3);
    const sessionId = await open(editionId, three);
    const results = await Promise.all(Array.from({ length: 20 }, () => vote(three[1], editionId, sessionId, { [a]: 'award', [b]: 'nomination' })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode !== 200).map((r) => r.json().code)).toEqual(Array(19).fill('already_voted'));
    const tallies = await t.database.db.select().from(ballotTallies).where(eq(ballotTallies.sessionId, sessionId));
    expect(tallies.reduce((sum, r) => sum + r.votes, 0)).toBe(2);
    expect((await vote(three[1], editionId, sessionId, { [a]: 'neither', [b]: 'neither' })).json()).toMatchObject({ code: 'already_voted' });
    // The other members at once, their sheets in opposite orders: every one counts, none waits on another for ever.
    const others = await Promise.all([
      three[0].send('POST', `/api/committee/editions/${editionId}/ballot`, { sessionId, choices: [{ applicationId: a, choice: 'award' }, { applicationId: b, choice: 'award' }] }),
      three[2].send('POST', `/api/committee/editions/${editionId}/ballot`, { sessionId, choices: [{ applicationId: b, choice: 'award' }, { applicationId: a, choice: 'award' }] }),
    ]);
    expect(others.map((r) => r.statusCode)).toEqual([200, 200]);
    const after = await t.database.db.select().from(ballotTallies).where(eq(ballotTallies.sessionId, sessionId));
    expect(new Map(after.map((r) => [`${r.applicationId === a ? 'a' : 'b'}:${r.choice}`, r.votes]))).toEqual(new Map([['a:award', 3], ['b:nomination', 1], ['b:award', 2]]));
  });

  it('runs a plenary from constitution to the proposed list, recording the resolution and the minutes [Art.9][Art.16]', async () => {
    const editionId = await freshEdition();
    const [u1, u2, u3] = await candidates(editionId, 3);
    const [i1] = await candidates(editionId, 1, 'individual');
    const five = await committee(editionId, 5);
    const sessionId = await open(editionId, five.slice(0, 4));
    const sheet = (await five[0].get(`/api/committee/editions/${editionId}`)).json();
    expect(sheet.candidates.map((c: { applicationId: string }) => c.applicationId).sort()).toEqual([u1, u2, u3, i1].sort());
    // Needed: more than half of 5 = 3. u1: 3 award → award; u2: 1 award + 2 nomination → nomination; u3: 2 nomination → none; i1: 4 award → award.
    const sheets = [
      { [u1]: 'award', [u2]: 'award', [u3]: 'nomination', [i1]: 'award' },
      { [u1]: 'award', [u2]: 'nomination', [u3]: 'nomination', [i1]: 'award' },
      { [u1]: 'award', [u2]: 'nomination', [u3]: 'neither', [i1]: 'award' },
      { [u1]: 'neither', [u2]: 'neither', [u3]: 'neither', [i1]: 'award' },
    ];
    for (const [i, s] of sheets.entries()) expect((await vote(five[i], editionId, sessionId, s)).statusCode).toBe(200);
    expect((await five[0].get(`/api/committee/editions/${editionId}`)).json().session).toMatchObject({ voted: true });
    const closed = await office.send('POST', `${base(editionId)}/sessions/${sessionId}/close`, { documentNumber: '临质奖评〔2026〕4号' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await statesOf([u1, u2, u3, i1])).toEqual(new Map([[u1, 'proposed'], [u2, 'proposed'], [u3, 'not_selected'], [i1, 'proposed']]));
    const [decision] = await t.database.db.select().from(decisions).where(eq(decisions.editionId, editionId));
    expect(decision).toMatchObject({ kind: 'committee_resolution', documentNumber: '临质奖评〔2026〕4号', decidedOn: '2026-11-30' });
    const items = await t.database.db.select().from(decisionItems).where(eq(decisionItems.decisionId, decision.id));
    expect(new Map(items.map((i) => [i.applicationId, i.category]))).toEqual(new Map([[u1, 'award'], [u2, 'nomination'], [u3, null], [i1, 'award']]));
    const view = (await office.get(base(editionId))).json();
    expect(view.sessions[0].result.members.filter((m: { present: boolean }) => !m.present)).toHaveLength(1);
    const minutes = await office.get(`${base(editionId)}/sessions/${sessionId}/minutes.pdf`);
    expect(minutes.statusCode).toBe(200);
    expect(minutes.headers['content-type']).toBe('application/pdf');
    expect(minutes.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await five[4].get(`${base(editionId)}/sessions/${sessionId}/minutes.pdf`)).statusCode).toBe(200);
    // The session is over: no more ballots, no new recusals on decided candidates.
    expect((await vote(five[4], editionId, sessionId, { [u1]: 'award' })).json()).toMatchObject({ code: 'wrong_stage' });
    expect((await five[4].send('POST', `/api/committee/editions/${editionId}/recusals`, { applicationId: u1, reason: '迟到的回避' })).json()).toMatchObject({ code: 'wrong_stage' });
  });

  it('runs a whole plenary through the services (the demo helper), a recused member asked nothing on that candidate', async () => {
    const editionId = await freshEdition();
    const [a, b] = await candidates(editionId, 2);
    const three = await committee(editionId, 3);
    await office.send('POST', `${base(editionId)}/recusals`, { userId: three[2].userId, applicationId: b, reason: '亲属在该单位任职' });
    const asked: string[] = [];
    const ctxOf = (s: Session, roles: ('office' | 'committee')[]) => t.ctxFor({ userId: s.userId, roles, organisationId: null });
    const session = await runPlenary(ctxOf(office, ['office']), editionId, {
      heldOn: '2026-12-01',
      documentNumber: '临质奖评〔2026〕6号',
      members: three.map((m) => ctxOf(m, ['committee'])),
      choose: (memberId, applicationId) => {
        asked.push(`${memberId}/${applicationId}`);
        return applicationId === a ? 'award' : 'nomination';
      },
    });
    expect(asked).not.toContain(`${three[2].userId}/${b}`);
    expect(asked).toHaveLength(5);
    expect(session.result).toMatchObject({ status: 'closed', documentNumber: '临质奖评〔2026〕6号' });
    expect(session.result!.candidates.find((c) => c.applicationId === b)).toMatchObject({ entitled: 2, needed: 2, outcome: 'nomination' });
    expect(await statesOf([a, b])).toEqual(new Map([[a, 'proposed'], [b, 'proposed']]));
  });
});
