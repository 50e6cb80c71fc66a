import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { applications, scorebooks } from '../../src/db/schema/index.js';
import type { RuleProfile } from '../../src/domain/profile/schema.js';
import { loadEdition } from '../../src/services/technical/actors.js';
import { databaseKinds } from './support/databases.js';
import type { Session, TestApp } from './support/app.js';
import { creditCode, openEdition, registerApplicant } from './support/intake.js';
import { allExplained, applicationsAt, atOnce, auditsOf, completeItems, panelOn, RACERS, refusals, startRaceApp, statuses } from './support/races.js';

/**
 * Autosaves and the scorebook's submission raced (issue 14, races): 100 saves on the same
 * base revision — one wins, the others learn the current revision; 100 saves on increasing
 * bases — exactly a chain of them wins, the newest content stays; 100 submissions of one
 * scorebook — one, and the content stays what was submitted.
 */
describe.each(databaseKinds)('autosave and submission 100 at once on %s', (kind) => {
  let t: TestApp;
  let applicant: Session;
  let editionId: string;
  let profile: RuleProfile;

  beforeAll(async () => {
    t = await startRaceApp(kind);
    await t.createUser('ra_office', ['office']);
    editionId = await openEdition(t, await t.login('ra_office'));
    applicant = await registerApplicant(t, 'unit', creditCode(4300), '保存竞态有限公司', 'ra_applicant');
    profile = (await loadEdition(t.database.db, editionId)).profile;
  });
  afterAll(() => t.close());

  const draftRow = async (id: string) => (await t.database.db.select().from(applications).where(eq(applications.id, id)))[0];
  const save = (id: string, revision: number, address: string) => applicant.send('PATCH', `/api/applications/${id}`, { revision, form: { address } });

  it('100 autosaves of the draft on the same base: one wins, 99 learn the current revision, the winner\'s text stays', async () => {
    const id = (await applicant.send('POST', '/api/applications', {})).json().id as string;
    const base = (await draftRow(id)).revision;
    const updatesBefore = (await auditsOf(t, 'application.update', id)).length;
    const responses = await atOnce(RACERS, (i) => save(id, base, `临沂市兰山区竞态路${i}号`));
    expect(statuses(responses)).toEqual({ 200: 1, 409: RACERS - 1 });
    expect(refusals(responses)).toEqual({ revision_conflict: RACERS - 1 });
    expect(allExplained(responses)).toBe(true);
    for (const r of responses.filter((x) => x.statusCode === 409)) expect(r.json().fields).toEqual([{ field: 'revision', message: `版本已过期，当前为第 ${base + 1} 版` }]);
    const won = responses.findIndex((r) => r.statusCode === 200);
    expect(responses[won].json().revision).toBe(base + 1);
    const row = await draftRow(id);
    expect(row.revision).toBe(base + 1);
    expect(row.form.address).toBe(`临沂市兰山区竞态路${won}号`);
    expect((await auditsOf(t, 'application.update', id)).length - updatesBefore).toBe(1);
  });

  it('100 autosaves on increasing bases at once: the winners are a chain base, base+1, … and the newest text stays', async () => {
    const other = await registerApplicant(t, 'unit', creditCode(4301), '连续保存有限公司', 'ra_chain');
    const id = (await other.send('POST', '/api/applications', {})).json().id as string;
    const base = (await draftRow(id)).revision;
    // A client that sends each keystroke's save without waiting for the previous answer.
    const responses = await atOnce(RACERS, (i) => other.send('PATCH', `/api/applications/${id}`, { revision: base + i, form: { address: `临沂市兰山区连续路${i}号` } }));
    const won = responses.flatMap((r, i) => (r.statusCode === 200 ? [i] : []));
    expect(won.length).toBeGreaterThanOrEqual(1);
    // Save i can only succeed on revision base+i, which exists only after saves 0…i-1 succeeded.
    expect(won).toEqual(Array.from({ length: won.length }, (_, i) => i));
    for (const i of won) expect(responses[i].json().revision).toBe(base + i + 1);
    expect(statuses(responses)).toEqual(won.length === RACERS ? { 200: RACERS } : { 200: won.length, 409: RACERS - won.length });
    const row = await draftRow(id);
    expect(row.revision).toBe(base + won.length);
    expect(row.form.address).toBe(`临沂市兰山区连续路${won.length - 1}号`);
    expect(await auditsOf(t, 'application.update', id)).toHaveLength(won.length);
  });

  it('100 submissions of one complete scorebook: one submitted, 99 refused as locked, the content as it was', async () => {
    const [id] = await applicationsAt(t, editionId, applicant.userId, 'material_review', 1);
    const items = completeItems(profile.scoringTemplates.unit, 70);
    const { expertIds, session } = await panelOn(t, { editionId, applicationId: id, stage: 'material', n: 1, login: 'ra_expert1', books: { status: 'draft', items, total: 700 } });
    const url = `/api/applications/${id}/scorebooks/material/mine`;
    const before = (await t.database.db.select().from(scorebooks).where(eq(scorebooks.applicationId, id)))[0];
    const responses = await atOnce(RACERS, () => session!.send('POST', `${url}/submit`));
    expect(statuses(responses)).toEqual({ 200: 1, 409: RACERS - 1 });
    expect(refusals(responses)).toEqual({ scorebook_locked: RACERS - 1 });
    const [after] = await t.database.db.select().from(scorebooks).where(and(eq(scorebooks.applicationId, id), eq(scorebooks.expertId, expertIds[0])));
    expect(after).toMatchObject({ status: 'submitted', items: before.items, total: before.total, revision: before.revision });
    expect(after.submittedAt).not.toBeNull();
    expect(await auditsOf(t, 'scorebook.submit', id)).toHaveLength(1);
  });

  it('50 saves and 50 submissions of one scorebook at once: one submission; a save counts only before it, never after', async () => {
    const [id] = await applicationsAt(t, editionId, applicant.userId, 'material_review', 1);
    const { session } = await panelOn(t, { editionId, applicationId: id, stage: 'material', n: 1, login: 'ra_expert2', books: { status: 'draft', items: completeItems(profile.scoringTemplates.unit, 70), total: 700 } });
    const url = `/api/applications/${id}/scorebooks/material/mine`;
    const [{ revision }] = await t.database.db.select().from(scorebooks).where(eq(scorebooks.applicationId, id));
    const other = completeItems(profile.scoringTemplates.unit, 40);
    const responses = await atOnce(RACERS, (i) => (i % 2 ? session!.send('POST', `${url}/submit`) : session!.send('PUT', url, { items: other, revision })));
    const saves = responses.filter((_, i) => i % 2 === 0);
    const submits = responses.filter((_, i) => i % 2 === 1);
    expect(statuses(submits)).toEqual({ 200: 1, 409: RACERS / 2 - 1 });
    const saved = saves.filter((r) => r.statusCode === 200).length;
    // All saves share one base: at most one lands, and only while the scorebook is a draft.
    expect(saved).toBeLessThanOrEqual(1);
    expect(Object.keys(refusals(saves)).every((c) => ['revision_conflict', 'scorebook_locked'].includes(c))).toBe(true);
    const [book] = await t.database.db.select().from(scorebooks).where(eq(scorebooks.applicationId, id));
    expect(book.status).toBe('submitted');
    expect(book.revision).toBe(revision + saved);
    // What was submitted is what is stored: the submission's record names the stored total.
    const [submitted] = await auditsOf(t, 'scorebook.submit', id);
    expect((submitted.after as { total: number }).total).toBe(book.total);
    expect(book.total).toBe(saved ? 400 : 700);
  });
});
