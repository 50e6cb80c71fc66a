import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RankingSnapshotRow } from '../../src/contract/supervision.js';
import { auditLog, applications, expertCommitments, expertDisqualifications, notifications, organisations, panelAssignments, scorebooks } from '../../src/db/schema/index.js';
import type { RuleProfile } from '../../src/domain/profile/schema.js';
import { itemsOf, scorebookTotals, type ScorebookItems } from '../../src/domain/scoring/scorebook.js';
import { verifyAuditChain } from '../../src/services/audit/verify.js';
import { inTransaction } from '../../src/services/context.js';
import { ServiceError } from '../../src/services/errors.js';
import { disqualifyExpert } from '../../src/services/supervision/expert-disqualification.js';
import { loadEdition } from '../../src/services/technical/actors.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { completeUnitForm, creditCode, openEdition } from './support/intake.js';

/**
 * Art. 26: an expert disqualified for an edition. Five experts score three applications at the
 * material stage; the fifth scores A far too low and B and C far too high, which puts A last.
 * Setting their scorebooks aside must restore the honest order A > B > C, in the results the
 * agency reads and in the snapshot kept with the disqualification. D is scored by the honest
 * four only (the fifth left a draft) and must not change, nor its applicant hear of it.
 */
const EXPERTS = ['孙立新', '周海燕', '吴国栋', '郑雅琴', '冯志远'];
/** Percent per item given by the four honest experts, and by the fifth. */
const HONEST = { A: 80, B: 70, C: 60, D: 50 } as const;
const OUTLIER = { A: 10, B: 100, C: 100 } as const;
type Label = keyof typeof HONEST;

describe.each(databaseKinds)('expert disqualification on %s [Art.26]', (kind) => {
  let t: TestApp;
  let office: Session;
  let agency: Session;
  let editionId: string;
  let profile: RuleProfile;
  let ownerABC: string;
  let ownerD: string;
  let officeUserId: string;
  let agencyUserId: string;
  const apps = {} as Record<Label, string>;
  const experts: Array<{ id: string; userId: string; session: Session }> = [];
  const outlier = () => experts[4];
  const totalOf = (percent: number) => scorebookTotals(profile.scoringTemplates.unit, itemsAt(percent)).total;
  const itemsAt = (percent: number): ScorebookItems => Object.fromEntries(itemsOf(profile.scoringTemplates.unit).map((i) => [i.code, { percent }])) as ScorebookItems;
  const officeCtx = () => t.ctxFor({ userId: officeUserId, roles: ['office'], organisationId: null });
  let result: Awaited<ReturnType<typeof disqualifyExpert>>;

  beforeAll(async () => {
    t = await startTestApp(kind, { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'disqualify-')) });
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in a mid-procedure state, without the history the engine writes');
    t.tolerateBroken('scorebooks.locked', 'submitted scorebooks are inserted directly, without a submission record');
    const db = t.database.db;
    const [agencyOrg] = await db.insert(organisations).values({ name: '资格取消测试评价机构', kind: 'agency' }).returning();
    officeUserId = await t.createUser('xd_office', ['office']);
    agencyUserId = await t.createUser('xd_agency', ['agency'], agencyOrg.id);
    ownerABC = await t.createUser('xd_owner_abc', ['applicant_unit']);
    ownerD = await t.createUser('xd_owner_d', ['applicant_unit']);
    office = await t.login('xd_office');
    agency = await t.login('xd_agency');
    editionId = await openEdition(t, office);
    profile = (await loadEdition(db, editionId)).profile;
    const county = await organisationId(t, 'county', '兰山区');
    const form = await completeUnitForm(t);
    for (const [i, label] of (['A', 'B', 'C', 'D'] as const).entries()) {
      const name = `取消测试${label}有限公司`;
      const [row] = await db
        .insert(applications)
        .values({ editionId, kind: 'unit', applicantUserId: label === 'D' ? ownerD : ownerABC, countyId: county, identityCode: creditCode(950 + i), name, state: 'material_review', form: { ...form, name } })
        .returning({ id: applications.id });
      apps[label] = row.id;
    }
    for (const [i, name] of EXPERTS.entries()) {
      const res = await agency.send('POST', '/api/experts', { name, unit: `山东质量研究院${i}`, title: '高级工程师', industries: ['C'], countyName: null, phone: `1380539100${i}`, formerEmployers: [], relativesUnits: [], advisedUnits: [], available: true, maxLoad: 12 });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as string;
      const account = await agency.send('POST', `/api/experts/${id}/account`, { username: `xd_expert${i}`, password: 'Expert-Pass-2026!' });
      expect(account.statusCode, account.body).toBe(200);
      const session = await t.login(`xd_expert${i}`, 'Expert-Pass-2026!');
      experts.push({ id, userId: session.userId, session });
      await db.insert(expertCommitments).values({ editionId, expertId: id, textDigest: 'test' });
    }
    // Every expert sits on every panel; the first is the leader.
    for (const label of ['A', 'B', 'C', 'D'] as const) {
      await db.insert(panelAssignments).values(experts.map((e, i) => ({ editionId, stage: 'material', applicationId: apps[label], expertId: e.id, isLeader: i === 0 })));
      const books: Array<{ expertId: string; percent: number }> = experts.slice(0, 4).map((e) => ({ expertId: e.id, percent: HONEST[label] }));
      if (label !== 'D') books.push({ expertId: outlier().id, percent: OUTLIER[label] });
      await db.insert(scorebooks).values(
        books.map((b) => ({ editionId, applicationId: apps[label], stage: 'material', expertId: b.expertId, kind: 'independent' as const, items: itemsAt(b.percent), total: totalOf(b.percent), status: 'submitted' as const, submittedAt: t.clock.now() })),
      );
    }
  });
  afterAll(() => t.close());

  const resultsOrder = async () => {
    const res = await agency.get(`/api/technical/editions/${editionId}/stages/material/results`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().sections[0].rows as Array<{ applicationId: string; rank: number | null; submitted: number; members: number; score: number }>;
    const label = (id: string) => (Object.keys(apps) as Label[]).find((l) => apps[l] === id)!;
    return rows.map((r) => ({ label: label(r.applicationId), rank: r.rank, submitted: r.submitted, members: r.members, score: r.score }));
  };

  it("before: the fifth expert's outlier scores put A last", async () => {
    // The fifth expert can still work: a draft on D is saved.
    const draft = await outlier().session.send('PUT', `/api/applications/${apps.D}/scorebooks/material/mine`, { items: itemsAt(100), revision: 0 });
    expect(draft.statusCode, draft.body).toBe(200);
    const rows = await resultsOrder();
    expect(rows.map((r) => r.label)).toEqual(['B', 'C', 'A', 'D']);
    expect(rows.find((r) => r.label === 'A')!.submitted).toBe(5);
  });

  it('disqualifies: the scorebooks are set aside and the snapshot shows the change', async () => {
    result = await inTransaction(officeCtx(), (tctx) => disqualifyExpert(tctx, { editionId, expertId: outlier().id, reason: '打分明显偏离且收受申报单位礼品', caseId: null }));
    const material = (rows: RankingSnapshotRow[]) => rows.filter((r) => r.stage === 'material');
    const byLabel = (rows: RankingSnapshotRow[], label: Label) => rows.find((r) => r.applicationId === apps[label])!;
    const mean = (...percents: number[]) => percents.reduce((s, p) => s + totalOf(p), 0) / percents.length;

    expect(material(result.before).map((r) => r.applicationId)).toEqual([apps.B, apps.C, apps.A, apps.D]);
    expect(material(result.after).map((r) => r.applicationId)).toEqual([apps.A, apps.B, apps.C, apps.D]);
    expect(material(result.before).map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(material(result.after).map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(byLabel(result.before, 'A').score).toBeCloseTo(mean(80, 80, 80, 80, 10), 3);
    expect(byLabel(result.after, 'A').score).toBeCloseTo(totalOf(80), 3);
    expect(byLabel(result.before, 'B').score).toBeCloseTo(mean(70, 70, 70, 70, 100), 3);
    expect(byLabel(result.after, 'B').score).toBeCloseTo(totalOf(70), 3);
    expect((['A', 'B', 'C'] as const).map((l) => [byLabel(result.before, l).counted, byLabel(result.after, l).counted])).toEqual([[5, 4], [5, 4], [5, 4]]);
    // D never counted the draft: unchanged.
    expect(byLabel(result.after, 'D')).toEqual(byLabel(result.before, 'D'));
    expect(result.before.some((r) => r.stage === 'composite')).toBe(false);
    expect(result.expertName).toBe(EXPERTS[4]);

    const books = await t.database.db.select().from(scorebooks).where(eq(scorebooks.expertId, outlier().id));
    expect(books).toHaveLength(4);
    expect(books.every((b) => b.setAsideAt !== null)).toBe(true);
    const [stored] = await t.database.db.select().from(expertDisqualifications).where(eq(expertDisqualifications.id, result.id));
    expect(stored.before).toEqual(result.before);
    expect(stored.after).toEqual(result.after);
    expect(stored.disqualifiedBy).toBe(officeUserId);
  });

  it('the stage results no longer count the expert and rank A first', async () => {
    const rows = await resultsOrder();
    expect(rows.map((r) => [r.label, r.rank])).toEqual([['A', 1], ['B', 2], ['C', 3], ['D', 4]]);
    // The seat no longer waits for the disqualified expert: four members, four scorebooks, complete.
    expect(rows.map((r) => [r.submitted, r.members])).toEqual([[4, 4], [4, 4], [4, 4], [4, 4]]);
  });

  it('notifies the expert, the office, the agency and only the applicants whose result changed', async () => {
    const mine = async (userId: string) => t.database.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'expert.disqualified')));
    expect(await mine(outlier().userId)).toHaveLength(1);
    expect(await mine(officeUserId)).toHaveLength(1);
    expect(await mine(agencyUserId)).toHaveLength(1);
    const toApplicant = await mine(ownerABC);
    expect(toApplicant.map((n) => n.link).sort()).toEqual([`/applications/${apps.A}`, `/applications/${apps.B}`, `/applications/${apps.C}`].sort());
    for (const n of toApplicant) {
      expect(`${n.title}${n.body}`).not.toContain(EXPERTS[4]);
      // Each message names only its own application.
      const others = (['A', 'B', 'C', 'D'] as const).filter((l) => n.link !== `/applications/${apps[l]}`);
      for (const l of others) expect(`${n.title}${n.body}`).not.toContain(`取消测试${l}有限公司`);
    }
    expect(await mine(ownerD)).toHaveLength(0);
    const [office] = await mine(officeUserId);
    expect(office.body).toContain('不自动变更');
  });

  it('records the audit entry', async () => {
    const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'expert.disqualify'));
    expect(entry.entityType).toBe('expert');
    expect(entry.entityId).toBe(outlier().id);
    const after = entry.after as { scorebooksSetAside: number; changed: Array<{ applicationId: string }> };
    expect(after.scorebooksSetAside).toBe(4);
    expect(new Set(after.changed.map((c) => c.applicationId))).toEqual(new Set([apps.A, apps.B, apps.C]));
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('a second disqualification is refused', async () => {
    const again = inTransaction(officeCtx(), (tctx) => disqualifyExpert(tctx, { editionId, expertId: outlier().id, reason: '重复', caseId: null }));
    await expect(again).rejects.toBeInstanceOf(ServiceError);
    await expect(inTransaction(officeCtx(), (tctx) => disqualifyExpert(tctx, { editionId, expertId: outlier().id, reason: '重复', caseId: null }))).rejects.toMatchObject({ code: 'expert_disqualified' });
    expect(await t.database.db.select().from(expertDisqualifications).where(eq(expertDisqualifications.expertId, outlier().id))).toHaveLength(1);
  });

  it('the disqualified expert can no longer see, score or submit', async () => {
    const s = outlier().session;
    const url = `/api/applications/${apps.D}/scorebooks/material`;
    expect((await s.send('POST', `${url}/mine/submit`)).statusCode).toBe(404);
    expect((await s.send('PUT', `${url}/mine`, { items: itemsAt(90), revision: 0 })).statusCode).toBe(404);
    expect((await s.get(url)).statusCode).toBe(404);
    expect((await s.get(`/api/applications/${apps.D}`)).statusCode).toBe(404);
    const listed = (await s.get('/api/applications')).json();
    expect(listed.items ?? listed).toHaveLength(0);
    const work = (await s.get('/api/expert/work')).json();
    expect(work.editions.find((e: { editionId: string }) => e.editionId === editionId)).toBeUndefined();
    // An honest member still sees and scores.
    expect((await experts[1].session.get(`/api/applications/${apps.D}`)).statusCode).toBe(200);
  });

  it('the agency cannot put the expert on a panel of the edition again, nor make them its leader', async () => {
    const add = await agency.send('POST', `/api/technical/editions/${editionId}/stages/material/panels/${apps.D}/members`, { expertId: outlier().id });
    expect(add.statusCode).toBe(409);
    const lead = await agency.send('POST', `/api/technical/editions/${editionId}/stages/material/panels/${apps.D}/leader`, { expertId: outlier().id });
    expect(lead.statusCode, lead.body).toBe(409);
    expect(lead.json().message).toContain('取消');
  });

  it('lists the disqualifications for the office; an applicant is refused', async () => {
    const res = await office.get(`/api/editions/${editionId}/expert-disqualifications`);
    expect(res.statusCode, res.body).toBe(200);
    const [item] = res.json().items;
    expect(item.expertName).toBe(EXPERTS[4]);
    expect(item.before).toEqual(result.before);
    expect(item.after).toEqual(result.after);
    const applicant = await t.login('xd_owner_abc');
    expect((await applicant.get(`/api/editions/${editionId}/expert-disqualifications`)).statusCode).toBe(403);
  });
});
