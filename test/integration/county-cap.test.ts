import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { attachEvidenceRow, completeUnitForm, creditCode, registerApplicant } from './support/intake.js';

/** A profile with a per-county cap: the county may recommend at most one application per edition. */
describe.each(databaseKinds)('per-county recommendation cap on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let county: Session;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.createUser('office', ['office']);
    await t.createUser('lanshan', ['county'], await organisationId(t, 'county', '兰山区'));
    office = await t.login('office');
    county = await t.login('lanshan');
    const base = JSON.parse(fs.readFileSync('resources/profiles/linyi-current.json', 'utf8'));
    const capped = (await office.send('POST', '/api/profiles', { ...base, code: 'capped', name: '每县区限推一家', countyCap: 1 })).json();
    const edition = (await office.send('POST', '/api/editions', { profileId: capped.id, number: 1, year: 2026, name: '限额届', opensOn: '2026-11-30' })).json();
    await office.send('PUT', `/api/editions/${edition.id}/schedule`, { applicationDeadline: '2026-12-31' });
    expect((await office.send('POST', `/api/editions/${edition.id}/publish-call`, { callText: '通知' })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  async function submitted(n: number): Promise<string> {
    const unit = await registerApplicant(t, 'unit', creditCode(40 + n), `限额测试${n}号公司`, `cap${n}`);
    const id = (await unit.send('POST', '/api/applications', {})).json().id as string;
    await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeUnitForm(t) });
    await attachEvidenceRow(t, id, unit.userId);
    expect((await unit.send('POST', `/api/applications/${id}/actions/submit`, {})).statusCode).toBe(200);
    return id;
  }

  it('refuses a second recommendation from the same county, with the reason, and lets it decline instead [Art.14]', async () => {
    const first = await submitted(1);
    const second = await submitted(2);
    const opinion = { opinion: '同意推荐', signer: '李科长', signedOn: '2026-11-30' };
    expect((await county.send('POST', `/api/applications/${first}/actions/recommend`, { payload: opinion })).statusCode).toBe(200);
    const refused = await county.send('POST', `/api/applications/${second}/actions/recommend`, { payload: opinion });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('本县区推荐名额已满');
    const view = (await county.get(`/api/applications/${second}`)).json();
    expect(view.state).toBe('submitted');
    expect(view.actions.find((x: { action: string }) => x.action === 'recommend')).toMatchObject({ allowed: false, code: 'guard_failed', message: expect.stringContaining('本县区推荐名额已满') });
    const declined = await county.send('POST', `/api/applications/${second}/actions/notRecommend`, { payload: { ...opinion, opinion: '名额已满，本届不予推荐' } });
    expect(declined.json().state).toBe('not_recommended');
  });
});
