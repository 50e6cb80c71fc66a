import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { applications, applicationVersions, editions, files, notifications, organisations, qualificationReviews, ruleProfiles, users } from '../../../src/db/schema/index.js';
import type { Role } from '../../../src/domain/roles.js';
import { hashPassword } from '../../../src/services/auth/passwords.js';
import { TEST_PASSWORD, type Session, type TestApp } from './app.js';
import { organisationId } from './fixtures.js';
import { completeUnitForm, creditCode, idNumber } from './intake.js';
import { multipartBody, pdfBytes } from './files-fixtures.js';
import { technicalFixtures } from './matrix-technical.js';
import { CALLERS, type Caller, type Fixtures } from './matrix-rules.js';

/**
 * The matrix's world: one signed-in session per caller (anonymous: null), an open edition, the
 * reviewed application everyone reads, and factories for fresh objects in any state.
 */
export async function buildMatrixFixtures(t: TestApp): Promise<{ fx: Fixtures; sessions: Map<Caller, Session | null> }> {
  // The matrix seeds every object directly, in the state each route needs, without the procedure before it.
  t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in each state a route needs, without the history the engine writes');
  t.tolerateBroken('files.content', 'file rows are seeded for download routes without writing their bytes to the store');
  t.tolerateBroken('lifecycle.history-chain', 'engine steps on seeded applications start from the seeded state, not from draft');
  t.tolerateBroken('quotas.published', 'every route and caller gets its own awarded application, far beyond one edition\'s quota');
  t.tolerateBroken('panels.capacity', 'one matrix expert sits on every seeded panel, beyond the per-expert limit');
  t.tolerateBroken('scorebooks.locked', 'scorebooks are seeded as submitted without a submission time');
  t.tolerateBroken('awards.winner-decision', 'winners are seeded without the decision the procedure records');
  t.tolerateBroken('awards.winner-record', 'awarded applications are seeded without the winner rows the procedure makes');
  const sessions = new Map<Caller, Session | null>();
  const db = t.database.db;
  let counter = 0;
  const serial = () => ++counter;
  const lanshan = await organisationId(t, 'county', '兰山区');
  const feixian = await organisationId(t, 'county', '费县');
  const hedong = await organisationId(t, 'county', '河东区');
  const department = await organisationId(t, 'department', '市质监局');
  const [otherDept] = (await db.select().from(organisations).where(eq(organisations.kind, 'department'))).filter((d) => d.id !== department);
  const [agency] = await db.insert(organisations).values({ name: '矩阵评价机构', kind: 'agency' }).returning();
  const [ownerOrg] = await db.insert(organisations).values({ name: '矩阵申报有限公司', kind: 'applicant', code: creditCode(801) }).returning();
  const [strangerOrg] = await db.insert(organisations).values({ name: '他人申报有限公司', kind: 'applicant', code: creditCode(802) }).returning();

  const orgFor = (caller: Caller): string | null =>
    (({ county: lanshan, otherCounty: feixian, department, otherDepartment: otherDept.id, agency: agency.id, applicant_unit: ownerOrg.id }) as Partial<Record<Caller, string>>)[caller] ?? null;
  const rolesFor = (caller: Caller): Role[] => [caller === 'otherCounty' ? 'county' : caller === 'otherDepartment' ? 'department' : (caller as Role)];
  const usernames = new Map<Caller, string>();
  const spareUsernames = new Map<Caller, string>();
  const passwordHash = await hashPassword(TEST_PASSWORD);
  for (const caller of CALLERS) {
    if (caller === 'anonymous') {
      sessions.set(caller, null);
      continue;
    }
    for (const [map, prefix] of [[usernames, 'm'], [spareUsernames, 'spare']] as const) {
      // Inserted with one precomputed hash: 30 argon2 hashes would dominate the run time.
      const username = `${prefix}_${caller}`;
      const applicantCode =
        caller === 'applicant_unit' ? creditCode(prefix === 'm' ? 803 : 804) : caller === 'applicant_individual' ? idNumber(prefix === 'm' ? 11 : 22) : null;
      await db.insert(users).values({ username, displayName: username, passwordHash, roles: rolesFor(caller), organisationId: orgFor(caller), identityCode: applicantCode });
      map.set(caller, username);
    }
    sessions.set(caller, await t.login(usernames.get(caller)!));
  }
  const ownerId = sessions.get('applicant_unit')!.userId;
  const officeUserId = sessions.get('office')!.userId;

  const [profile] = await db.select().from(ruleProfiles).where(eq(ruleProfiles.code, 'linyi-current'));
  const [edition] = await db
    .insert(editions)
    .values({ profileId: profile.id, number: 50, year: 2026, name: '矩阵届', status: 'open', opensOn: '2026-11-01', schedule: { applicationDeadline: '2026-12-31' }, callText: '通知', callPublishedAt: new Date() })
    .returning();
  const unitForm = await completeUnitForm(t);

  const app: Fixtures['app'] = async ({ state, countyId = lanshan, reviews = [] }) => {
    const n = serial();
    const [row] = await db
      .insert(applications)
      .values({ editionId: edition.id, kind: 'unit', applicantUserId: ownerId, applicantOrganisationId: ownerOrg.id, countyId, identityCode: creditCode(1000 + n), name: `矩阵申报${n}`, state, form: { ...unitForm, name: `矩阵申报${n}` }, submittedAt: state === 'draft' ? null : t.clock.now() })
      .returning();
    await db.insert(files).values({ sha256: 'f'.repeat(64), size: 10, mimeType: 'application/pdf', originalName: '营业执照.pdf', purpose: 'evidence', applicationId: row.id, uploadedBy: ownerId });
    if (reviews.length) {
      await db.insert(qualificationReviews).values(
        reviews.map((r) => ({ applicationId: row.id, departmentId: r.departmentId === 'department' ? department : r.departmentId, status: r.status ?? 'pending', reasons: r.status === 'failed' ? '不符合' : null, dueOn: '2026-12-15' })),
      );
    }
    return row.id;
  };
  const editionFn: Fixtures['edition'] = async ({ status, schedule }) => {
    // Its own award, so opening it does not collide with the fixture edition; a low number, so it is never "the" open edition.
    const [row] = await db
      .insert(editions)
      .values({ award: `matrix-${serial()}`, profileId: profile.id, number: 1, year: 2026, name: '矩阵临时届', status, opensOn: '2026-11-01', schedule: schedule ? { applicationDeadline: '2026-12-31' } : null })
      .returning();
    return row.id;
  };

  // The application everyone reads: uploaded while a draft (so the bytes exist), then moved to qualification review.
  const reviewedAppId = await app({ state: 'draft' });
  const uploaded = multipartBody('申报书.pdf', pdfBytes());
  const owner = sessions.get('applicant_unit')!;
  const up = await t.app.inject({
    method: 'POST',
    url: `/api/applications/${reviewedAppId}/files?purpose=evidence`,
    headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken, 'content-type': uploaded.contentType },
    payload: uploaded.body,
  });
  if (up.statusCode !== 201) throw new Error(`fixture upload: ${up.statusCode} ${up.body}`);
  await db.update(applications).set({ state: 'qualification_review' }).where(eq(applications.id, reviewedAppId));
  await db.insert(applicationVersions).values({ applicationId: reviewedAppId, version: 1, form: unitForm, fileIds: [up.json().id], submittedBy: ownerId });
  await db.insert(qualificationReviews).values({ applicationId: reviewedAppId, departmentId: department, dueOn: '2026-12-15' });
  const [notice] = await db.insert(notifications).values({ userId: officeUserId, kind: 'matrix', title: '矩阵通知' }).returning();
  const businessUserId = randomUUID();
  await db.insert(users).values({ id: businessUserId, username: 'locked_expert', displayName: '被锁专家', passwordHash: 'x', roles: ['expert'], failedLogins: 9 });

  const fx: Fixtures = {
    t,
    editionId: edition.id,
    reviewedAppId,
    reviewedFileId: up.json().id,
    lanshan,
    feixian,
    hedong,
    department,
    otherDepartment: otherDept.id,
    ownerId,
    ownerOrganisationId: ownerOrg.id,
    otherApplicantOrganisationId: strangerOrg.id,
    officeUserId,
    officeNoticeId: notice.id,
    businessUserId,
    unitForm,
    usernames,
    spareUsernames,
    serial,
    app,
    edition: editionFn,
    technical: await technicalFixtures(t, { editionId: edition.id, agencyId: agency.id, serial, app }),
  };
  return { fx, sessions };
}
