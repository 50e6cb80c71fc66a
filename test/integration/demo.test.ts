import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { loadDemo } from '../../src/services/seed/demo.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type TestApp } from './support/app.js';
import { describeDemoThroughPublication } from './support/demo-published.js';

describe.each(databaseKinds)('the demo on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { DEMO_PASSWORD: 'Demo-Pass-2026' });
  });
  afterAll(() => t.close());

  it('creates one account per business role and an open edition, once', async () => {
    const created = await loadDemo(t.systemCtx());
    expect(created.map((c) => c.role).sort()).toEqual(
      ['agency', 'applicant_individual', 'applicant_unit', 'committee', 'county', 'department', 'expert', 'government', 'leadership', 'office'].sort(),
    );
    expect(await loadDemo(t.systemCtx())).toEqual([]);
    const home = (await t.app.inject({ method: 'GET', url: '/api/public/home' })).json();
    expect(home.currentCall.editionName).toContain('演示');
  });

  it('lets the demo applicants start an application straight away', async () => {
    for (const username of ['unit', 'person']) {
      const s = await t.login(username, 'Demo-Pass-2026');
      const res = await s.send('POST', '/api/applications', {});
      expect(res.statusCode).toBe(201);
      expect(res.json().kind).toBe(username === 'unit' ? 'unit' : 'individual');
    }
  });
});

// Linyi's current rules, the demo's default (the example city's run: demo-example-city.test.ts).
describeDemoThroughPublication('linyi-current');
