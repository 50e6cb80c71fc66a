import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { eq, inArray } from 'drizzle-orm';
import { applications, organisations, panelAssignments } from '../../src/db/schema/index.js';
import { itemsOf } from '../../src/domain/scoring/scorebook.js';
import type { RuleProfile } from '../../src/domain/profile/schema.js';
import { verifyAuditChain } from '../../src/services/audit/verify.js';
import { loadEdition } from '../../src/services/technical/actors.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { upload } from './support/files-fixtures.js';
import { organisationId } from './support/fixtures.js';
import { completeUnitForm, creditCode, openEdition, registerApplicant } from './support/intake.js';

/**
 * The technical review through HTTP, as the agency and its experts run it (Art. 8, 15, 24):
 * pool, conflicts, start, panels by the solver, commitment, scorebooks (hidden until one's own
 * is in), consensus, results, advancement, on-site schedule, defence, the report to the office.
 */
const EXPERTS = ['刘建国', '王秀英', '张伟民', '李静怡', '陈志强', '杨丽华', '赵德明'];

describe.each(databaseKinds)('technical review on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let agency: Session;
  let editionId: string;
  let appIds: string[];
  let profile: RuleProfile;
  let applicantSession: Session;
  let evidence: Buffer;
  const experts = new Map<string, { id: string; session: Session }>();

  beforeAll(async () => {
    t = await startTestApp(kind, { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'technical-')) });
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.history-chain', 'technical review steps move applications from the state the fixture seeded, not from draft');
    const [agencyOrg] = await t.database.db.insert(organisations).values({ name: '技术评审测试机构', kind: 'agency' }).returning();
    await t.createUser('tr_office', ['office']);
    await t.createUser('tr_agency', ['agency'], agencyOrg.id);
    office = await t.login('tr_office');
    agency = await t.login('tr_agency');
    editionId = await openEdition(t, office);
    applicantSession = await registerApplicant(t, 'unit', creditCode(900), '技术评审申报有限公司', 'tr_applicant');
    const applicant = applicantSession.userId;
    const county = await organisationId(t, 'county', '兰山区');
    const form = await completeUnitForm(t);
    const rows = await t.database.db
      .insert(applications)
      .values(Array.from({ length: 6 }, (_, i) => ({ editionId, kind: 'unit' as const, applicantUserId: applicant, countyId: county, identityCode: creditCode(910 + i), name: `临沂评审${i + 1}有限公司`, state: 'qualified' as const, form: { ...form, name: `临沂评审${i + 1}有限公司` } })))
      .returning({ id: applications.id });
    appIds = rows.map((r) => r.id);
    // The second application's evidence, uploaded while a draft (as an applicant does), then qualified.
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Evidence');
    evidence = Buffer.from(await doc.save());
    await t.database.db.update(applications).set({ state: 'draft' }).where(eq(applications.id, appIds[1]));
    const up = await upload(t, applicantSession, appIds[1], { name: '质量手册.pdf', content: evidence });
    expect(up.statusCode, up.body).toBe(201);
    await t.database.db.update(applications).set({ state: 'qualified' }).where(eq(applications.id, appIds[1]));
    profile = (await loadEdition(t.database.db, editionId)).profile;
  });
  afterAll(() => t.close());

  it('the agency builds its pool; a detected conflict comes with its explanation [Art.8][Art.24]', async () => {
    for (const [i, name] of EXPERTS.entries()) {
      // The first expert works at the first applicant: a same-unit conflict.
      const unit = i === 0 ? '临沂评审1有限责任公司' : `山东评审研究院${i}`;
      const res = await agency.send('POST', '/api/experts', { name, unit, title: i % 2 ? '正高级工程师' : '高级工程师', industries: ['C'], countyName: null, phone: `1390539000${i}`, formerEmployers: [], relativesUnits: [], advisedUnits: [], available: true, maxLoad: 12 });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id;
      expect((await agency.send('POST', `/api/experts/${id}/account`, { username: `tr_expert${i}`, password: 'Expert-Pass-2026!' })).statusCode).toBe(200);
      experts.set(name, { id, session: await t.login(`tr_expert${i}`, 'Expert-Pass-2026!') });
    }
    const dup = await agency.send('POST', '/api/experts', { name: EXPERTS[1], unit: '山东评审研究院1', title: '高级工程师', industries: ['C'], phone: '13905390001', formerEmployers: [], relativesUnits: [], advisedUnits: [], available: true, maxLoad: 12 });
    expect(dup.statusCode).toBe(409);
    const conflicts = (await agency.get(`/api/technical/editions/${editionId}/conflicts`)).json();
    const found = conflicts.items.find((c: { expertId: string; applicationId: string }) => c.expertId === experts.get(EXPERTS[0])!.id && c.applicationId === appIds[0]);
    expect(found?.rule).toBe('same_unit');
    expect(found?.explanation).toContain('临沂评审1');
  });

  it('starts the technical review and fills the material panels without a conflicted pair [Art.15][Art.24]', async () => {
    expect((await agency.send('POST', `/api/technical/editions/${editionId}/start`)).statusCode).toBe(200);
    const small = await agency.send('POST', `/api/technical/editions/${editionId}/stages/material/panels`, { k: profile.panelMinSize - 1 });
    expect(small.statusCode).toBe(422);
    const res = await agency.send('POST', `/api/technical/editions/${editionId}/stages/material/panels`, { k: profile.panelMinSize });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.applications).toHaveLength(6);
    for (const app of view.applications) {
      expect(app.members).toHaveLength(profile.panelMinSize);
      expect(app.members.filter((m: { isLeader: boolean }) => m.isLeader)).toHaveLength(1);
    }
    const first = view.applications.find((a: { applicationId: string }) => a.applicationId === appIds[0]);
    expect(first.members.map((m: { expertId: string }) => m.expertId)).not.toContain(experts.get(EXPERTS[0])!.id);
    // A hand edit passes the same checks: the conflicted expert cannot be added.
    const add = await agency.send('POST', `/api/technical/editions/${editionId}/stages/material/panels/${appIds[0]}/members`, { expertId: experts.get(EXPERTS[0])!.id });
    expect(add.statusCode).toBe(409);
    expect(add.json().message).toContain('利益冲突');
  });

  it('an expert sees nothing of the edition before the commitment (Art. 24) [Art.24]', async () => {
    const { session } = experts.get(EXPERTS[1])!;
    const work = (await session.get('/api/expert/work')).json();
    expect(work.editions[0].committed).toBe(false);
    expect(work.editions[0].tasks).toEqual([]);
    expect((await session.get(`/api/applications/${appIds[1]}`)).statusCode).toBe(404);
    expect((await session.get(`/api/applications/${appIds[1]}/scorebooks/material`)).statusCode).toBe(404);
    const accepted = await session.send('POST', `/api/expert/editions/${editionId}/commitment`);
    expect(accepted.json().acceptedAt).not.toBeNull();
  });

  it("an expert's PDF download carries the expert's name and the time; the applicant's copy is untouched [Art.24]", async () => {
    const [row] = await t.database.db.select().from(panelAssignments).where(eq(panelAssignments.applicationId, appIds[1]));
    const [name, member] = [...experts.entries()].find(([, e]) => e.id === row.expertId)!;
    await member.session.send('POST', `/api/expert/editions/${editionId}/commitment`);
    expect((await member.session.get(`/api/applications/${appIds[1]}`)).statusCode).toBe(200);
    const [file] = (await member.session.get(`/api/applications/${appIds[1]}/files`)).json().items;
    const marked = await member.session.get(`/api/files/${file.id}`);
    expect(marked.statusCode).toBe(200);
    const text = execFileSync('pdftotext', ['-', '-'], { input: marked.rawPayload }).toString();
    expect(text.replace(/\s+/g, '')).toContain(`评审专家${name}`);
    const own = await applicantSession.get(`/api/files/${file.id}`);
    expect(Buffer.compare(own.rawPayload, evidence)).toBe(0);
    // Every read is on the record the office keeps (Art. 24); the applicant may not read that record.
    const reads = (await office.get(`/api/applications/${appIds[1]}/file-reads`)).json().items;
    expect(reads.map((r: { reader: string }) => r.reader)).toEqual(expect.arrayContaining([name, '技术评审申报有限公司']));
    expect(reads.filter((r: { fileId: string | null; reader: string }) => r.fileId === null).map((r: { reader: string }) => r.reader)).toEqual([name]);
    expect((await applicantSession.get(`/api/applications/${appIds[1]}/file-reads`)).statusCode).toBe(403);
  });

  /** Every panel member of a stage commits and scores; returns nothing. Percent by expert leniency. */
  async function scoreStage(stage: 'material' | 'onsite' | 'defence') {
    const rows = await t.database.db.select().from(panelAssignments).where(eq(panelAssignments.stage, stage));
    const items = itemsOf(profile.scoringTemplates.unit);
    for (const row of rows) {
      const expert = [...experts.values()].find((e) => e.id === row.expertId)!;
      await expert.session.send('POST', `/api/expert/editions/${editionId}/commitment`);
      const lenient = EXPERTS.findIndex((n) => experts.get(n)!.id === row.expertId) * 5;
      const quality = appIds.indexOf(row.applicationId) * 5;
      const scores = Object.fromEntries(items.map((i) => [i.code, { percent: Math.min(100, 30 + lenient + quality), strengths: '方法系统' }]));
      const url = `/api/applications/${row.applicationId}/scorebooks/${stage}`;
      const revision = (await expert.session.get(url)).json().mine?.revision ?? 0;
      const saved = await expert.session.send('PUT', `${url}/mine`, { items: scores, revision });
      expect(saved.statusCode, saved.body).toBe(200);
      const submitted = await expert.session.send('POST', `${url}/mine/submit`);
      expect(submitted.statusCode, submitted.body).toBe(200);
    }
  }

  it('scorebooks: others hidden until one submits, locked after, the leader forms the consensus [Art.15]', async () => {
    const [row] = await t.database.db.select().from(panelAssignments).where(eq(panelAssignments.applicationId, appIds[2]));
    const member = [...experts.values()].find((e) => e.id === row.expertId)!;
    await member.session.send('POST', `/api/expert/editions/${editionId}/commitment`);
    const url = `/api/applications/${appIds[2]}/scorebooks/material`;
    const bad = await member.session.send('PUT', `${url}/mine`, { items: { '4.1.2': { percent: 33 } }, revision: 0 });
    expect(bad.statusCode).toBe(422);
    const partial = await member.session.send('PUT', `${url}/mine`, { items: { '4.1.2': { percent: 50 } }, revision: 0 });
    expect(partial.json().mine.total).toBe(25);
    const incomplete = await member.session.send('POST', `${url}/mine/submit`);
    expect(incomplete.statusCode).toBe(422);
    const stale = await member.session.send('PUT', `${url}/mine`, { items: {}, revision: 0 });
    expect(stale.statusCode).toBe(409);

    await scoreStage('material');
    const page = (await member.session.get(url)).json();
    expect(page.mine.status).toBe('submitted');
    expect(page.panelHidden).toBe(false);
    expect(page.panel.length).toBe(profile.panelMinSize);
    const locked = await member.session.send('PUT', `${url}/mine`, { items: {}, revision: page.mine.revision });
    expect(locked.statusCode).toBe(409);
    const leader = page.members.find((m: { isLeader: boolean }) => m.isLeader);
    const leaderSession = [...experts.values()].find((e) => e.id === leader.expertId)!.session;
    const items = Object.fromEntries(itemsOf(profile.scoringTemplates.unit).map((i) => [i.code, { percent: 60 }]));
    expect((await leaderSession.send('PUT', `${url}/consensus`, { items, revision: 0 })).statusCode).toBe(200);
    expect((await leaderSession.send('POST', `${url}/consensus/submit`)).statusCode).toBe(200);
    if (leader.expertId !== member.id) expect((await member.session.send('PUT', `${url}/consensus`, { items, revision: 0 })).statusCode).toBe(403);
  });

  it('results rank with calibration; the advancement decision moves the applications [Art.15]', async () => {
    const results = (await agency.get(`/api/technical/editions/${editionId}/stages/material/results`)).json();
    const rows = results.sections[0].rows;
    expect(rows).toHaveLength(6);
    expect(rows.every((r: { rank: number | null }) => r.rank !== null)).toBe(true);
    // The application scored highest by construction (quality grows with the index) ranks first.
    expect(rows[0].applicationId).toBe(appIds[5]);
    expect(results.calibration.ok).toBe(true);
    const items = rows.map((r: { applicationId: string }, i: number) => ({ applicationId: r.applicationId, outcome: i < 4 ? 'advance' : 'not_advance' }));
    const decided = await agency.send('POST', `/api/editions/${editionId}/decisions`, { kind: 'advancement', decidedOn: '2026-11-30', items });
    expect(decided.statusCode, decided.body).toBe(201);
    const states = await t.database.db.select({ id: applications.id, state: applications.state }).from(applications).where(inArray(applications.id, appIds));
    expect(states.filter((s) => s.state === 'not_advanced')).toHaveLength(2);
  });

  it('later stages: schedules on working days, scoring, and the report to the office [Art.8][Art.15]', async () => {
    for (const stage of profile.technicalStages.slice(1)) {
      const k = stage === 'onsite' ? 3 : profile.panelMinSize;
      const view = (await agency.send('POST', `/api/technical/editions/${editionId}/stages/${stage}/panels`, { k })).json();
      expect(view.applications).toHaveLength(4);
      const target = view.applications[0].applicationId;
      const sunday = await agency.send('PUT', `/api/technical/editions/${editionId}/stages/${stage}/schedules/${target}`, { scheduledOn: '2026-12-06', location: '企业现场', agenda: '听取汇报、查看现场' });
      expect(sunday.statusCode).toBe(422);
      const monday = await agency.send('PUT', `/api/technical/editions/${editionId}/stages/${stage}/schedules/${target}`, { scheduledOn: '2026-12-07', location: '企业现场', agenda: '听取汇报、查看现场' });
      expect(monday.statusCode, monday.body).toBe(200);
      // The panel starts from what the previous stage concluded, item by item (to confirm or adjust).
      const [member] = await t.database.db.select().from(panelAssignments).where(eq(panelAssignments.applicationId, target));
      const expertSession = [...experts.values()].find((e) => e.id === member.expertId)!.session;
      await expertSession.send('POST', `/api/expert/editions/${editionId}/commitment`);
      const baseline = (await expertSession.get(`/api/applications/${target}/scorebooks/${stage}`)).json().baseline;
      expect(Object.values(baseline).every((p) => typeof p === 'number' && (p as number) % 5 === 0)).toBe(true);
      expect(Object.keys(baseline)).toHaveLength(itemsOf(profile.scoringTemplates.unit).length);
      await scoreStage(stage);
      if (stage !== profile.technicalStages.at(-1)) {
        const rows = (await agency.get(`/api/technical/editions/${editionId}/stages/${stage}/results`)).json().sections[0].rows;
        const decided = await agency.send('POST', `/api/editions/${editionId}/decisions`, { kind: 'advancement', decidedOn: '2026-12-08', items: rows.map((r: { applicationId: string }) => ({ applicationId: r.applicationId, outcome: 'advance' })) });
        expect(decided.statusCode, decided.body).toBe(201);
      }
    }
    expect((await office.get(`/api/technical/editions/${editionId}/report`)).statusCode).toBe(404);
    const submitted = await agency.send('POST', `/api/technical/editions/${editionId}/report`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((await agency.send('POST', `/api/technical/editions/${editionId}/report`)).statusCode).toBe(409);
    const seen = (await office.get(`/api/technical/editions/${editionId}/report`)).json();
    expect(seen.submittedAt).not.toBeNull();
    const ranked = seen.report.sections[0].rows;
    expect(ranked.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    const states = await t.database.db.select({ state: applications.state }).from(applications).where(inArray(applications.id, appIds));
    expect(states.filter((s) => s.state === 'technical_reviewed')).toHaveLength(4);
    const pdf = await office.get(`/api/technical/editions/${editionId}/report.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await office.get(`/api/technical/editions/${editionId}/report.xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

});
