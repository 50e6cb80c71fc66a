import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODES_PER_ADDRESS, hitRateLimit } from '../../src/services/rate-limit.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type TestApp } from './support/app.js';

describe.each(databaseKinds)('rate limits on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it('counts hits per client in a window and refuses past the maximum with 429', async () => {
    const limit = { name: 'probe', max: 3, windowMs: 60_000, message: '太频繁' };
    const now = t.clock.now();
    for (let i = 0; i < 3; i++) await hitRateLimit(t.database.db, limit, '10.0.0.1', now);
    await expect(hitRateLimit(t.database.db, limit, '10.0.0.1', now)).rejects.toMatchObject({ status: 429, code: 'too_many_requests' });
    await hitRateLimit(t.database.db, limit, '10.0.0.2', now); // another client is unaffected
    await hitRateLimit(t.database.db, limit, '10.0.0.1', new Date(now.getTime() + 61_000)); // a new window
  });

  it('limits verification e-mails per address through HTTP', async () => {
    const send = (i: number) => t.app.inject({ method: 'POST', url: '/api/register/code', payload: { email: `flood${i}@example.cn` } });
    for (let i = 0; i < CODES_PER_ADDRESS.max; i++) expect((await send(i)).statusCode).toBe(204);
    const refused = await send(999);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({ code: 'too_many_requests', message: '验证码请求过于频繁，请稍后再试' });
  });
});
