import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapOperators } from '../../src/services/seed/bootstrap.js';
import { startTestApp, type TestApp } from './support/app.js';
import { databaseKinds } from './support/databases.js';

/** The first start's operator accounts: the audit administrator's password may come from AUDITOR_PASSWORD. */
describe.each(databaseKinds)('operator bootstrap on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { ADMIN_PASSWORD: 'Root-Pass-2026!', AUDITOR_PASSWORD: 'Trail-Check-2026!' });
  });
  afterAll(() => t.close());

  it('gives the auditor the configured password and still generates the security administrator\'s', async () => {
    const created = await bootstrapOperators(t.systemCtx());
    expect(created.map((c) => [c.username, c.generated])).toEqual([
      ['admin', false],
      ['secadmin', true],
      ['auditor', false],
    ]);
    expect((await t.login('auditor', 'Trail-Check-2026!')).userId).toBeTruthy();
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'secadmin', password: 'Trail-Check-2026!' } });
    expect(wrong.statusCode).toBe(401);
  });
});
