import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, editions, ruleProfiles } from '../../src/db/schema/index.js';
import { eq } from 'drizzle-orm';
import type { ApplicationState } from '../../src/domain/lifecycle/states.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { creditCode } from './support/intake.js';

/** The directory tells the office what disabling a county leaves behind: its applications still in progress. */
describe.each(databaseKinds)('disabling an organisation on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let lanshan: string;
  let feixian: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in the states a disabled organisation must still show');
    t.tolerateBroken('awards.winner-record', 'an awarded application is seeded without the winner row the procedure makes');
    const ownerId = await t.createUser('office_d', ['office']);
    office = await t.login('office_d');
    lanshan = await organisationId(t, 'county', '兰山区');
    feixian = await organisationId(t, 'county', '费县');
    const db = t.database.db;
    const [profile] = await db.select().from(ruleProfiles).where(eq(ruleProfiles.code, 'linyi-current'));
    const [edition] = await db.insert(editions).values({ profileId: profile.id, number: 9, year: 2026, name: '停用届', status: 'open', opensOn: '2026-11-01' }).returning();
    // Pending: draft, submitted, in review; settled: withdrawn (final), awarded (decided).
    const states: ApplicationState[] = ['draft', 'submitted', 'qualification_review', 'withdrawn', 'awarded'];
    await db.insert(applications).values(
      states.map((state, i) => ({ editionId: edition.id, kind: 'unit' as const, applicantUserId: ownerId, countyId: lanshan, identityCode: creditCode(900 + i), name: `停用测试${i}`, state })),
    );
  });
  afterAll(() => t.close());

  const county = async (id: string) => ((await office.get('/api/organisations?kind=county')).json().items as Array<{ id: string; pendingApplications: number }>).find((o) => o.id === id)!;

  it('counts the applications still in progress, not the final or decided ones', async () => {
    expect((await county(lanshan)).pendingApplications).toBe(3);
    expect((await county(feixian)).pendingApplications).toBe(0);
  });

  it('answers the disable with the count and the decision with reasons', async () => {
    const res = await office.send('PATCH', `/api/organisations/${lanshan}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: false, pendingApplications: 3, abilities: { update: { allowed: true, code: null, message: null } } });
  });
});
