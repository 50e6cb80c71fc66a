import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { applications, editions, files, organisations, ruleProfiles, surveys, users } from '../../../src/db/schema/index.js';
import { TEST_PASSWORD } from './app.js';
import { profileId } from './fixtures.js';
import { creditCode, mailedCode } from './intake.js';
import { multipartBody, pdfBytes } from './files-fixtures.js';
import { awardsMatrix } from './matrix-awards.js';
import { technicalMatrix } from './matrix-technical.js';
import { decisionMatrix } from './matrix-decision.js';
import { surveyMatrix } from './matrix-survey.js';
import { committeeMatrix } from './matrix-committee.js';
import { noticeMatrix } from './matrix-notice.js';
import { supervisionMatrix } from './matrix-supervision.js';
import { supervisionExpertsMatrix } from './matrix-supervision-experts.js';
import { auditMatrix } from './matrix-audit.js';
import {
  appWrite, COUNTY_BODIES, DEPARTMENTS, everyone, newOrganisation, only, read, rowOf, rule, SEE_REVIEWED, signedIn,
  type Caller, type Entry,
} from './matrix-rules.js';

/**
 * Every route × every caller: the expected outcome class, checked through HTTP against fixture
 * objects. A route without an entry, or an entry without a route, fails the suite, so a new
 * route cannot ship without someone deciding who may call it.
 *
 * Callers: the public, one account per role (the county is 兰山区, the department 市质监局 and
 * holds the review task, the unit applicant owns the fixture applications), plus a county body
 * of ANOTHER area (费县) and a department that holds NO task on the fixtures.
 *
 * Proven to bite (each mutation alone, then reverted): loadVisibleApplication without the view
 * policy (135 cases red); the office actions without requireOffice (12 red); file download
 * checking visibility as the uploader (11 red); organisation updates open to every viewer (12
 * red); organisationPolicy.list admitting every role but auditadmin (11 red), the list
 * not filtered to the applicant's own organisation (2 red).
 */

export const MATRIX: Record<string, Entry> = {
  // ---- Public and session ------------------------------------------------------------------
  'GET /api/health': { expect: everyone('ok'), request: read(() => '/api/health') },
  // For `cli backup` on this machine only, with the token in the data folder (services/backup/server-channel.ts): no session opens it.
  'POST /api/system/backup': { expect: everyone('hidden'), request: async (fx) => ({ url: '/api/system/backup', body: { dir: `/tmp/matrix-backup-${fx.serial()}` } }) },
  // For `cli check` on this machine only, with the same token: no session opens it either.
  'POST /api/system/check': { expect: everyone('hidden'), request: async () => ({ url: '/api/system/check', body: {} }) },
  'GET /api/public/home': { expect: everyone('ok'), request: read(() => '/api/public/home') },
  'GET /api/reference/industries': { expect: everyone('ok'), request: read(() => '/api/reference/industries') },
  'GET /api/reference/counties': { expect: everyone('ok'), request: read(() => '/api/reference/counties') },
  'GET /api/editions/current': { expect: everyone('ok'), request: read(() => '/api/editions/current') },
  'POST /api/auth/login': {
    // Signing in revokes the session presented with it (no fixation), so a fresh session of
    // the same account is presented and the caller's main session survives.
    expect: everyone('ok'),
    request: async (fx, caller) => ({
      url: '/api/auth/login',
      as: caller === 'anonymous' ? null : await fx.t.login(fx.usernames.get(caller)!),
      body: { username: fx.usernames.get(caller === 'anonymous' ? 'expert' : caller), password: TEST_PASSWORD },
    }),
  },
  'POST /api/auth/logout': {
    // A fresh session of the same account, so the caller's main session survives.
    expect: everyone('ok'),
    request: async (fx, caller) => ({ url: '/api/auth/logout', as: caller === 'anonymous' ? null : await fx.t.login(fx.usernames.get(caller)!) }),
  },
  'GET /api/auth/me': { expect: signedIn(), request: read(() => '/api/auth/me') },
  'POST /api/auth/password': {
    expect: signedIn(),
    request: async (fx, caller) => ({
      url: '/api/auth/password',
      body: { currentPassword: TEST_PASSWORD, newPassword: 'Changed-Pass-2027' },
      as: caller === 'anonymous' ? null : await fx.t.login(fx.spareUsernames.get(caller)!),
    }),
  },
  'POST /api/register/code': { expect: everyone('ok'), request: async (fx) => ({ url: '/api/register/code', body: { email: `code${fx.serial()}@example.cn` } }) },
  'POST /api/register': {
    expect: everyone('ok'),
    request: async (fx) => {
      const n = fx.serial();
      const email = `reg${n}@example.cn`;
      await fx.t.app.inject({ method: 'POST', url: '/api/register/code', payload: { email } });
      return {
        url: '/api/register',
        body: { kind: 'unit', identityCode: creditCode(5000 + n), name: `注册${n}有限公司`, username: `reg${n}`, password: 'Applicant-Pass-1', email, phone: '13800000000', emailCode: await mailedCode(fx.t, email) },
      };
    },
  },
  'GET /api/tasks': { expect: signedIn(), request: read(() => '/api/tasks') },
  'GET /api/inbox': { expect: signedIn(), request: read(() => '/api/inbox') },
  'POST /api/inbox/read-all': { expect: signedIn(), request: read(() => '/api/inbox/read-all') },
  'POST /api/inbox/:id/read': { expect: only(['office'], 'ok', 'hidden'), request: read((fx) => `/api/inbox/${fx.officeNoticeId}/read`) },

  // ---- Audit, directory, users, profiles, calendar -----------------------------------------
  'GET /api/audit': { expect: only(['auditadmin'], 'ok', 'forbidden'), request: read(() => '/api/audit') },
  'GET /api/audit/verify': { expect: only(['auditadmin'], 'ok', 'forbidden'), request: read(() => '/api/audit/verify') },
  'GET /api/organisations': {
    // The directory is the office's and the administrators'; an applicant sees only its own organisation.
    expect: only(['office', 'sysadmin', 'secadmin', 'applicant_unit', 'applicant_individual'], 'ok', 'forbidden'),
    request: read(() => '/api/organisations?kind=applicant'),
    content: (fx, caller, res) => {
      if (caller !== 'applicant_unit' && caller !== 'applicant_individual') return null;
      // Exactly its own organisation: the unit sees its company, the individual (no organisation) nothing.
      const listed = (res.json().items as Array<{ id: string; name: string }>).map((o) => o.id);
      const expected = caller === 'applicant_unit' ? [fx.ownerOrganisationId] : [];
      return JSON.stringify(listed) === JSON.stringify(expected) ? null : `lists ${listed.length} organisations, expected only its own (${expected.length})`;
    },
  },
  'POST /api/organisations': { expect: only(['office', 'sysadmin'], 'ok', 'forbidden'), request: async (fx) => ({ url: '/api/organisations', body: newOrganisation(fx) }) },
  'PATCH /api/organisations/:id': {
    expect: only(['office', 'sysadmin'], 'ok', 'forbidden'),
    request: async (fx) => {
      const [org] = await fx.t.database.db.insert(organisations).values(newOrganisation(fx)).returning();
      return { url: `/api/organisations/${org.id}`, body: { name: `${org.name}改`, active: false }, watch: rowOf(fx, organisations, org.id) };
    },
  },
  'GET /api/profiles': { expect: only(['office', 'leadership', 'sysadmin', 'agency', 'committee'], 'ok', 'forbidden'), request: read(() => '/api/profiles') },
  'POST /api/profiles': {
    expect: only(['office'], 'ok', 'forbidden'),
    request: async (fx) => {
      const [profile] = await fx.t.database.db.select().from(ruleProfiles).where(eq(ruleProfiles.code, 'linyi-current'));
      return { url: '/api/profiles', body: { ...profile.rules, code: `matrix-${fx.serial()}`, name: `矩阵规则${fx.serial()}` } };
    },
  },
  'GET /api/users': { expect: only(['sysadmin', 'secadmin'], 'ok', 'forbidden'), request: read(() => '/api/users') },
  'POST /api/users': {
    // Business accounts are the system administrator's; the security administrator manages operators only.
    expect: only(['sysadmin'], 'ok', 'forbidden'),
    request: async (fx) => ({ url: '/api/users', body: { username: `made${fx.serial()}`, displayName: '新专家', password: 'Expert-Pass-2026', roles: ['expert'] } }),
  },
  'PATCH /api/users/:id': {
    // Accounts are invisible (404) to whoever may not list them, the public included.
    expect: rule('hidden', { sysadmin: 'ok', secadmin: 'forbidden' }, 'hidden'),
    request: async (fx) => {
      const id = randomUUID();
      await fx.t.database.db.insert(users).values({ id, username: `victim${fx.serial()}`, displayName: '被改者', passwordHash: 'x', roles: ['expert'] });
      return { url: `/api/users/${id}`, body: { displayName: '已篡改', active: false }, watch: rowOf(fx, users, id) };
    },
  },
  'POST /api/users/:id/unlock': { expect: rule('hidden', { sysadmin: 'ok', secadmin: 'ok' }, 'hidden'), request: read((fx) => `/api/users/${fx.businessUserId}/unlock`) },
  'POST /api/users/:id/unlock #operator': {
    // Separation of duties: an operator account is unlocked by the security administrator only.
    expect: rule('hidden', { sysadmin: 'forbidden', secadmin: 'ok' }, 'hidden'),
    request: async (fx) => {
      const id = randomUUID();
      await fx.t.database.db.insert(users).values({ id, username: `locked_audit${fx.serial()}`, displayName: '被锁审计员', passwordHash: 'x', roles: ['auditadmin'], failedLogins: 9 });
      return { url: `/api/users/${id}/unlock`, watch: rowOf(fx, users, id) };
    },
  },
  'GET /api/calendar/overrides': {
    expect: only(['office', 'county', 'department', 'agency', 'sysadmin', ...COUNTY_BODIES, ...DEPARTMENTS], 'ok', 'forbidden'),
    request: read(() => '/api/calendar/overrides'),
  },
  'GET /api/calendar/working-days': {
    expect: only(['office', 'county', 'department', 'agency', 'sysadmin', ...COUNTY_BODIES, ...DEPARTMENTS], 'ok', 'forbidden'),
    request: read(() => '/api/calendar/working-days?from=2026-12-01&n=3'),
  },
  'PUT /api/calendar/overrides/:date': { expect: only(['office'], 'ok', 'forbidden'), request: async () => ({ url: '/api/calendar/overrides/2026-12-26', body: { kind: 'workday', note: '矩阵' } }) },
  'DELETE /api/calendar/overrides/:date': { expect: only(['office'], 'ok', 'forbidden'), request: read(() => '/api/calendar/overrides/2026-12-26') },
  'POST /api/calendar/years/:year': { expect: only(['office'], 'ok', 'forbidden'), request: async () => ({ url: '/api/calendar/years/2031', body: { note: '矩阵' } }) },

  // ---- Editions and exports -----------------------------------------------------------------
  'GET /api/editions': { expect: everyone('ok'), request: read(() => '/api/editions') },
  'POST /api/editions': {
    expect: only(['office'], 'ok', 'forbidden'),
    request: async (fx) => ({ url: '/api/editions', body: { profileId: await profileId(fx.t, 'linyi-current'), number: 700 + fx.serial(), year: 2030, name: '矩阵新届', opensOn: '2026-12-01' } }),
  },
  'GET /api/editions/:id': { expect: everyone('ok'), request: read((fx) => `/api/editions/${fx.editionId}`) },
  'DELETE /api/editions/:id': {
    // Only a draft may be deleted; a draft is invisible to all but the office.
    expect: rule('hidden', { office: 'ok' }, 'hidden'),
    request: async (fx) => {
      const id = await fx.edition({ status: 'draft' });
      return { url: `/api/editions/${id}`, watch: rowOf(fx, editions, id) };
    },
  },
  'PUT /api/editions/:id/schedule': {
    // A draft edition is invisible to all but the office.
    expect: rule('hidden', { office: 'ok' }, 'hidden'),
    request: async (fx) => {
      const id = await fx.edition({ status: 'draft' });
      return { url: `/api/editions/${id}/schedule`, body: { applicationDeadline: '2027-01-31' }, watch: rowOf(fx, editions, id) };
    },
  },
  'POST /api/editions/:id/publish-call': {
    expect: rule('hidden', { office: 'ok' }, 'hidden'),
    request: async (fx) => {
      const id = await fx.edition({ status: 'draft', schedule: true });
      return { url: `/api/editions/${id}/publish-call`, body: { callText: '矩阵申报通知' }, watch: rowOf(fx, editions, id) };
    },
  },
  'POST /api/editions/:id/close': {
    expect: only(['office'], 'ok', 'forbidden'),
    request: async (fx) => {
      const id = await fx.edition({ status: 'open', schedule: true });
      return { url: `/api/editions/${id}/close`, watch: rowOf(fx, editions, id) };
    },
  },
  // The fixture edition is still taking applications: the office may move phases, but not yet.
  'POST /api/editions/:id/advance-phase': { expect: only(['office'], 'refused', 'forbidden'), request: async (fx) => ({ url: `/api/editions/${fx.editionId}/advance-phase`, watch: rowOf(fx, editions, fx.editionId) }) },
  'GET /api/editions/:id/decisions': { expect: rule('hidden', { office: 'ok', agency: 'ok', committee: 'ok', leadership: 'ok', government: 'ok' }), request: read((fx) => `/api/editions/${fx.editionId}/decisions`) },
  // Only the body's recorder records a decision: a committee member alone cannot move a candidate.
  'POST /api/editions/:id/decisions': {
    expect: only(['office'], 'ok', 'forbidden'),
    request: async (fx) => {
      // A candidate list over an application whose survey has closed (the committee's resolution comes only from its plenary).
      const id = await fx.app({ state: 'satisfaction_survey' });
      await fx.t.database.db.insert(surveys).values({ editionId: fx.editionId, applicationId: id, opensOn: '2026-11-01', closesOn: '2026-11-20', questions: {}, closedAt: new Date(), score: 80, createdBy: fx.officeUserId });
      return {
        url: `/api/editions/${fx.editionId}/decisions`,
        body: { kind: 'candidate_list', decidedOn: '2026-11-30', items: [{ applicationId: id, outcome: 'candidate' }] },
        watch: rowOf(fx, applications, id),
      };
    },
  },
  'GET /api/editions/:id/qualification-matrix': { expect: only(['office'], 'ok', 'forbidden'), request: read((fx) => `/api/editions/${fx.editionId}/qualification-matrix`) },
  'GET /api/editions/:id/export/applications.xlsx': { expect: only(['office'], 'ok', 'forbidden'), request: read((fx) => `/api/editions/${fx.editionId}/export/applications.xlsx`) },
  'GET /api/editions/:id/export/qualification.xlsx': { expect: only(['office'], 'ok', 'forbidden'), request: read((fx) => `/api/editions/${fx.editionId}/export/qualification.xlsx`) },

  // ---- Applications: lists, reads, drafts, files ----------------------------------------------
  'GET /api/applications': { expect: signedIn(), request: read(() => '/api/applications') },
  'POST /api/applications': { expect: only(['applicant_unit', 'applicant_individual'], 'ok', 'forbidden'), request: read(() => '/api/applications') },
  'GET /api/applications/:id': { expect: only(SEE_REVIEWED, 'ok', 'hidden'), request: read((fx) => `/api/applications/${fx.reviewedAppId}`) },
  'GET /api/applications/:id/versions/:version': { expect: only(SEE_REVIEWED, 'ok', 'hidden'), request: read((fx) => `/api/applications/${fx.reviewedAppId}/versions/1`) },
  // The read log: the office and the audit administrator; others who see the application are refused.
  'GET /api/applications/:id/file-reads': {
    expect: rule('hidden', { office: 'ok', auditadmin: 'ok', applicant_unit: 'forbidden', county: 'forbidden', department: 'forbidden' }),
    request: read((fx) => `/api/applications/${fx.reviewedAppId}/file-reads`),
    content: (fx, caller, res) => (res.json().items.every((i: { fileId: string | null }) => i.fileId === null || i.fileId === fx.reviewedFileId) ? null : 'lists reads of another application'),
  },
  'GET /api/applications/:id/files': { expect: only(SEE_REVIEWED, 'ok', 'hidden'), request: read((fx) => `/api/applications/${fx.reviewedAppId}/files`) },
  'GET /api/files/:id': { expect: only(SEE_REVIEWED, 'ok', 'hidden'), request: read((fx) => `/api/files/${fx.reviewedFileId}`) },
  'PATCH /api/applications/:id': {
    // A draft: only its applicant sees it.
    expect: only(['applicant_unit'], 'ok', 'hidden'),
    request: appWrite('draft', '', { revision: 1, form: { address: '临沂市兰山区矩阵路2号' } }),
  },
  'POST /api/applications/:id/files': {
    expect: only(['applicant_unit'], 'ok', 'hidden'),
    request: async (fx) => {
      const id = await fx.app({ state: 'draft' });
      return { url: `/api/applications/${id}/files?purpose=evidence`, multipart: multipartBody('营业执照.pdf', pdfBytes()), watch: rowOf(fx, applications, id) };
    },
  },
  'DELETE /api/files/:id': {
    expect: only(['applicant_unit'], 'ok', 'hidden'),
    request: async (fx) => {
      const id = await fx.app({ state: 'draft' });
      const [file] = await fx.t.database.db
        .insert(files)
        .values({ sha256: 'e'.repeat(64), size: 10, mimeType: 'application/pdf', originalName: '待删.pdf', purpose: 'evidence', applicationId: id, uploadedBy: fx.ownerId })
        .returning();
      return { url: `/api/files/${file.id}`, watch: async () => (await fx.t.database.db.select().from(files).where(eq(files.id, file.id)))[0] };
    },
  },

  // ==== Application actions: one route, one entry per action (`<route> #<action>`) ==============
  // Each case acts on a fresh 兰山区 application in the state where the action applies
  // (qualification tasks: 市质监局 only). Who cannot see the application gets 404; who sees it
  // but holds no role of the step gets 403; the entitled caller gets 'ok'; refused rows stay unchanged.
  'POST /api/applications/:id/actions/:action #submit': {
    // A draft is the applicant's alone.
    expect: only(['applicant_unit'], 'ok', 'hidden'),
    request: appWrite('draft', '/actions/submit', {}),
  },
  'POST /api/applications/:id/actions/:action #withdraw': {
    expect: rule('hidden', { applicant_unit: 'ok', county: 'forbidden', office: 'forbidden' }),
    request: appWrite('submitted', '/actions/withdraw', { reason: '矩阵撤回' }),
  },
  'POST /api/applications/:id/actions/:action #recommend': {
    expect: rule('hidden', { county: 'ok', applicant_unit: 'forbidden', office: 'forbidden' }),
    request: appWrite('submitted', '/actions/recommend', { payload: { opinion: '同意推荐', signer: '李', signedOn: '2026-11-30' } }),
  },
  'POST /api/applications/:id/actions/:action #accept': {
    expect: rule('hidden', { office: 'ok', applicant_unit: 'forbidden', county: 'forbidden' }),
    request: appWrite('recommended', '/actions/accept', {}),
  },
  'POST /api/applications/:id/actions/:action #returnForCorrection': {
    expect: rule('hidden', { office: 'ok', applicant_unit: 'forbidden', county: 'forbidden' }),
    request: appWrite('recommended', '/actions/returnForCorrection', { reason: '材料不全', payload: { correctionDueOn: null } }),
  },
  'POST /api/applications/:id/actions/:action #reject': {
    expect: rule('hidden', { office: 'ok', applicant_unit: 'forbidden', county: 'forbidden' }),
    request: appWrite('recommended', '/actions/reject', { reason: '不符合条件' }),
  },
  'POST /api/applications/:id/actions/:action #disqualify': {
    expect: rule('hidden', { office: 'ok', applicant_unit: 'forbidden', county: 'forbidden', department: 'forbidden' }),
    request: appWrite('qualification_review', '/actions/disqualify', { reason: '确认异议' }, { reviews: [{ departmentId: 'department', status: 'failed' }] }),
  },
  // A procedure step (here: qualifying once every department passed) is never taken by a person.
  'POST /api/applications/:id/actions/:action #qualify': {
    expect: rule('hidden', { office: 'refused', applicant_unit: 'refused', county: 'refused', department: 'refused' }),
    request: appWrite('qualification_review', '/actions/qualify', {}, { reviews: [{ departmentId: 'department', status: 'passed' }] }),
  },
  'POST /api/applications/:id/qualification': {
    expect: rule('hidden', { department: 'ok', applicant_unit: 'forbidden', county: 'forbidden', office: 'forbidden' }),
    request: appWrite('qualification_review', '/qualification', { decision: 'pass' }, { reviews: [{ departmentId: 'department' }] }),
  },
  'POST /api/applications/:id/override-qualification': {
    expect: rule('hidden', { office: 'ok', applicant_unit: 'forbidden', county: 'forbidden', department: 'forbidden' }),
    request: appWrite('qualification_review', '/override-qualification', { reason: '异议不成立' }, { reviews: [{ departmentId: 'department', status: 'failed' }] }),
  },
  // ==== end of application actions ===========================================================

  // ---- The technical review (support/matrix-technical.ts) ----------------------------------
  ...(technicalMatrix(only as never, rule as never) as unknown as Record<string, Entry>),
  // ---- The decision and publication (support/matrix-*.ts) -----------------------------------
  ...(decisionMatrix(only as never) as unknown as Record<string, Entry>),
  ...(awardsMatrix(only as never, rule as never) as unknown as Record<string, Entry>),
  ...(surveyMatrix(only as never, rule as never) as unknown as Record<string, Entry>),
  ...(committeeMatrix(only as never) as unknown as Record<string, Entry>),
  // ---- The public notice (support/matrix-notice.ts) ----
  ...(noticeMatrix(only as never, rule as never) as unknown as Record<string, Entry>),
  ...(supervisionMatrix(only as never, rule as never) as unknown as Record<string, Entry>),
  ...(supervisionExpertsMatrix(only as never) as unknown as Record<string, Entry>),
  ...(auditMatrix(only as never) as unknown as Record<string, Entry>),
};

/**
 * Cases where the code is wrong today: the table above holds the CORRECT expectation, and these
 * exact cases are asserted to still disagree with it. When one starts passing, the suite fails
 * until it is removed from this list.
 */
export const KNOWN_DEFECTS: Array<{ route: string; caller: Caller; defect: string }> = [];
