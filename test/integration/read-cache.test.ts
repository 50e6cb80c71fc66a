import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { executePrepared } from '../../src/db/prepared.js';
import { applications } from '../../src/db/schema/index.js';
import { applicationPage } from '../../src/contract/applications.js';
import { listApplications } from '../../src/services/applications/list.js';
import { readCacheOf, readThrough } from '../../src/services/read-cache.js';
import { walPosition } from '../../src/db/wal-position.js';
import type { Actor } from '../../src/domain/roles.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createApplication, createEdition } from './support/files-fixtures.js';

/**
 * services/read-cache.ts: a list's answer is served again only while the WAL position has not
 * moved, whoever wrote and however (a service, a raw statement, another connection).
 */
describe.each(databaseKinds)('the read cache on %s', (kind) => {
  let t: TestApp;
  let office: Actor;
  let applicationId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.tolerateBroken('lifecycle.state-without-history', 'an application is inserted directly at a state: the cache, not the lifecycle, is under test');
    const officeId = await t.createUser('rc_office', ['office']);
    const applicantId = await t.createUser('rc_applicant', ['applicant_unit']);
    office = { userId: officeId, roles: ['office'], organisationId: null };
    const editionId = await createEdition(t.database.db);
    applicationId = await createApplication(t.database.db, { editionId, applicantUserId: applicantId, state: 'submitted' });
  });
  afterAll(() => t.close());

  const firstPage = () => listApplications(t.ctxFor(office), { page: 1, pageSize: 20 });
  const nameShown = async () => (await firstPage()).items.find((i) => i.id === applicationId)?.name;

  it('serves a repeated read from memory while nothing was written', async () => {
    // On PostgreSQL the position is the cluster's: other suites' databases on the same test
    // cluster move it too. So look for two reads with no write anywhere between them (a miss
    // is always allowed; a miss with the position unchanged is the failure).
    const cache = readCacheOf(t.database.db);
    let quietPairs = 0;
    for (let attempt = 0; attempt < 50 && quietPairs < 3; attempt++) {
      const before = await walPosition(t.database.db);
      const first = await firstPage();
      const hits = cache.hits;
      const second = await firstPage();
      if ((await walPosition(t.database.db)) !== before) continue;
      quietPairs++;
      expect(second).toBe(first);
      expect(cache.hits).toBe(hits + 1);
    }
    expect(quietPairs).toBeGreaterThan(0);
  });

  it('reads afresh after a write the application never saw (another connection, raw SQL)', async () => {
    await nameShown();
    await t.database.superuserQuery(`UPDATE applications SET name = '改名有限公司' WHERE id = '${applicationId}'`);
    expect(await nameShown()).toBe('改名有限公司');
  });

  it('reads afresh after writes through drizzle: plain, prepared, and in a transaction', async () => {
    const rename = (name: string) => t.database.db.update(applications).set({ name }).where(eq(applications.id, applicationId));
    await nameShown();
    await rename('甲有限公司');
    expect(await nameShown()).toBe('甲有限公司');
    await executePrepared('read_cache_rename', rename('乙有限公司'));
    expect(await nameShown()).toBe('乙有限公司');
    await t.database.db.transaction(async (tx) => {
      await tx.update(applications).set({ name: '丙有限公司' }).where(eq(applications.id, applicationId));
    });
    expect(await nameShown()).toBe('丙有限公司');
  });

  it('never keeps an answer computed while a write landed: it is stamped with the position before', async () => {
    const key = `probe-${kind}`;
    let computed = 0;
    const compute = async () => {
      computed++;
      const before = await nameShown();
      // A write lands while this answer is being computed (after its reads).
      await t.database.superuserQuery(`UPDATE applications SET name = '${before}甲' WHERE id = '${applicationId}'`);
      return before;
    };
    const stale = await readThrough(t.database.db, key, compute);
    const again = await readThrough(t.database.db, key, async () => {
      computed++;
      return nameShown();
    });
    expect(computed).toBe(2);
    expect(again).toBe(`${stale}甲`);
  });

  it('over HTTP: the cached answer is sent as the route serialises it, and afresh after a write', async () => {
    const session = await t.login('rc_office');
    const first = await session.get('/api/applications?page=1&pageSize=20');
    const again = await session.get('/api/applications?page=1&pageSize=20');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.body).toBe(first.body);
    const page = applicationPage.parse(first.json());
    expect(JSON.stringify(page)).toBe(first.body);
    expect(page.items.map((i) => i.id)).toContain(applicationId);
    await t.database.superuserQuery(`UPDATE applications SET name = '丁有限公司' WHERE id = '${applicationId}'`);
    const after = await session.get('/api/applications?page=1&pageSize=20');
    expect(after.json().items.find((i: { id: string }) => i.id === applicationId).name).toBe('丁有限公司');
  });

  it('keeps one entry per caller and filter', async () => {
    const applicant = await t.createUser('rc_other_office', ['office']);
    const other: Actor = { userId: applicant, roles: ['office'], organisationId: null };
    const mine = await firstPage();
    const theirs = await listApplications(t.ctxFor(other), { page: 1, pageSize: 20 });
    expect(theirs).not.toBe(mine);
    const filtered = await listApplications(t.ctxFor(office), { page: 1, pageSize: 20, state: 'draft' });
    expect(filtered.items).toEqual([]);
    expect(mine.items.length).toBeGreaterThan(0);
  });
});
