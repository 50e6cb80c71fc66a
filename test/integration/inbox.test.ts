import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema/index.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';

describe.each(databaseKinds)('the inbox on %s', (kind) => {
  let t: TestApp;
  let alice: Session;
  let bob: Session;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.createUser('alice', ['office']);
    await t.createUser('bob', ['office']);
    alice = await t.login('alice');
    bob = await t.login('bob');
    const notice = (userId: string, n: number) => ({ userId, kind: 'test', title: `通知 ${n}`, link: `/applications/${n}` });
    await t.database.db.insert(notifications).values([notice(alice.userId, 1), notice(alice.userId, 2), notice(alice.userId, 3), notice(bob.userId, 4)]);
  });
  afterAll(() => t.close());

  it('marks all of one’s own notices read at once, and only one’s own', async () => {
    expect((await alice.get('/api/inbox')).json().unread).toBe(3);
    const first = (await alice.get('/api/inbox')).json().items[0].id;
    expect((await alice.send('POST', `/api/inbox/${first}/read`)).statusCode).toBe(204);
    const res = await alice.send('POST', '/api/inbox/read-all');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ marked: 2 });
    const after = (await alice.get('/api/inbox')).json();
    expect(after.unread).toBe(0);
    expect(after.items.every((n: { readAt: string | null }) => n.readAt)).toBe(true);
    expect((await bob.get('/api/inbox')).json().unread).toBe(1);
    expect((await alice.send('POST', '/api/inbox/read-all')).json()).toEqual({ marked: 0 });
  });

  it('needs a session', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/inbox/read-all' })).statusCode).toBe(401);
  });
});
