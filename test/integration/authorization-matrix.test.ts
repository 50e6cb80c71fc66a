import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import {
  applications,
  applicationVersions,
  editions,
  files,
  notifications,
  organisations,
  qualificationReviews,
  ruleProfiles,
  surveys,
  users,
} from '../../src/db/schema/index.js';
import type { ApplicationState } from '../../src/domain/lifecycle/states.js';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { hashPassword } from '../../src/services/auth/passwords.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, TEST_PASSWORD, type Session, type TestApp } from './support/app.js';
import { organisationId, profileId } from './support/fixtures.js';
import { completeUnitForm, creditCode, idNumber, mailedCode } from './support/intake.js';
import { multipartBody, pdfBytes } from './support/files-fixtures.js';
import { awardsMatrix } from './support/matrix-awards.js';
import { technicalFixtures, technicalMatrix, type TechnicalFixtures } from './support/matrix-technical.js';
import { decisionMatrix } from './support/matrix-decision.js';
import { surveyMatrix } from './support/matrix-survey.js';
import { committeeMatrix } from './support/matrix-committee.js';
import { noticeMatrix } from './support/matrix-notice.js';
import { supervisionMatrix } from './support/matrix-supervision.js';
import { supervisionExpertsMatrix } from './support/matrix-supervision-experts.js';
import { auditMatrix } from './support/matrix-audit.js';

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

export const CALLERS = ['anonymous', ...ROLES, 'otherCounty', 'otherDepartment'] as const;
export type Caller = (typeof CALLERS)[number];

/** ok = 2xx; unauth = 401; forbidden = 403; hidden = 404; refused = any other 4xx (the caller may act, the object's state refuses). */
export type Outcome = 'ok' | 'unauth' | 'forbidden' | 'hidden' | 'refused';

export function classify(status: number): Outcome | `unexpected ${number}` {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401) return 'unauth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  if (status >= 400 && status < 500) return 'refused';
  return `unexpected ${status}`;
}

type Expectation = Record<Caller, Outcome>;

/** `otherwise` for everyone, then the named callers; the public gets `anonymous` (401 unless said). */
function rule(otherwise: Outcome, named: Partial<Record<Caller, Outcome>> = {}, anonymous: Outcome = 'unauth'): Expectation {
  const e = Object.fromEntries(CALLERS.map((c) => [c, otherwise])) as Expectation;
  e.anonymous = anonymous;
  return { ...e, ...named };
}
/** `callers` get `outcome`, every other signed-in caller `otherwise`, the public `anonymous`. */
function only(callers: Caller[], outcome: Outcome, otherwise: Outcome, anonymous: Outcome = 'unauth'): Expectation {
  return rule(otherwise, Object.fromEntries(callers.map((c) => [c, outcome])), anonymous);
}
const everyone = (outcome: Outcome) => rule(outcome, {}, outcome);
const signedIn = () => rule('ok');

/** The callers who see an application in qualification review of 兰山区 reviewed by 市质监局. */
const SEE_REVIEWED: Caller[] = ['applicant_unit', 'county', 'office', 'department'];
const COUNTY_BODIES: Caller[] = ['county', 'otherCounty'];
const DEPARTMENTS: Caller[] = ['department', 'otherDepartment'];

interface Fixtures {
  t: TestApp;
  /** The open edition (the only one of the default award), with an application deadline ahead. */
  editionId: string;
  /** 兰山区, qualification_review, owned by the unit applicant, a pending task for 市质监局 only; version 1 and one uploaded file. */
  reviewedAppId: string;
  reviewedFileId: string;
  lanshan: string;
  feixian: string;
  hedong: string;
  department: string;
  otherDepartment: string;
  ownerId: string;
  ownerOrganisationId: string;
  otherApplicantOrganisationId: string;
  officeUserId: string;
  officeNoticeId: string;
  /** A business account (expert) the administrators manage. */
  businessUserId: string;
  unitForm: Record<string, unknown>;
  /** Every caller's username, for a second session or a login. */
  usernames: Map<Caller, string>;
  /** A second account per caller with the same roles: password changes must not end the main sessions. */
  spareUsernames: Map<Caller, string>;
  serial: () => number;
  app(values: { state: ApplicationState; countyId?: string | null; reviews?: Array<{ departmentId: string; status?: string }> }): Promise<string>;
  edition(values: { status: 'draft' | 'open'; schedule?: boolean }): Promise<string>;
  technical: TechnicalFixtures;
}

interface Case {
  url: string;
  body?: unknown;
  multipart?: { body: Buffer; contentType: string };
  /** Send as this session instead of the caller's (null: no session). */
  as?: Session | null;
  /** The row a refused write must leave unchanged. */
  watch?: () => Promise<unknown>;
}

interface Entry {
  expect: Expectation;
  request(fx: Fixtures, caller: Caller, session: Session | null): Promise<Case>;
  /** When the outcome is ok: what the body may not contain (returns a problem, or null). */
  content?(fx: Fixtures, caller: Caller, res: LightMyRequestResponse): string | null;
}

const rowOf = (fx: Fixtures, table: typeof applications | typeof organisations | typeof editions | typeof users, id: string) => async () =>
  (await fx.t.database.db.select().from(table).where(eq(table.id, id)))[0];

const read = (url: (fx: Fixtures) => string) => async (fx: Fixtures) => ({ url: url(fx) });
const appWrite = (state: ApplicationState, suffix: string, body: unknown, extra: Partial<Parameters<Fixtures['app']>[0]> = {}) => async (fx: Fixtures) => {
  const id = await fx.app({ state, ...extra });
  return { url: `/api/applications/${id}${suffix}`, body, watch: rowOf(fx, applications, id) };
};

/** Caller-independent bodies with unique names (each case runs on its own). */
const newOrganisation = (fx: Fixtures) => ({ name: `矩阵机构${fx.serial()}`, kind: 'other' as const });

/** An entry's route: a route that takes many actions has one entry per action, `<route> #<action>`. */
const routeOfEntry = (key: string) => key.split(' #')[0];

export const MATRIX: Record<string, Entry> = {
  // ---- Public and session ------------------------------------------------------------------
  'GET /api/health': { expect: everyone('ok'), request: read(() => '/api/health') },
  // For `cli backup` on this machine only, with the token in the data folder (services/backup/server-channel.ts): no session opens it.
  'POST /api/system/backup': { expect: everyone('hidden'), request: async (fx) => ({ url: '/api/system/backup', body: { dir: `/tmp/matrix-backup-${fx.serial()}` } }) },
  'GET /api/public/home': { expect: everyone('ok'), request: read(() => '/api/public/home') },
  'GET /api/reference/industries': { expect: everyone('ok'), request: read(() => '/api/reference/industries') },
  'GET /api/reference/counties': { expect: everyone('ok'), request: read(() => '/api/reference/counties') },
  'GET /api/editions/current': { expect: everyone('ok'), request: read(() => '/api/editions/current') },
  'POST /api/auth/login': {
    expect: everyone('ok'),
    request: async (fx, caller) => ({ url: '/api/auth/login', body: { username: fx.usernames.get(caller === 'anonymous' ? 'expert' : caller), password: TEST_PASSWORD } }),
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

// ---------------------------------------------------------------------------------------------

/** Every METHOD /path of the built app under /api (HEAD is Fastify's automatic twin of GET; /api/docs* is the UI). */
export function routesOf(printed: string): string[] {
  const found = new Set<string>();
  const stack: string[] = [];
  for (const line of printed.split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line.replace(/\u00a0/g, ' '));
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    const full = stack.join('');
    if (!m[3] || !full.startsWith('/api/') || full.startsWith('/api/docs')) continue;
    for (const method of m[3].split(',').map((s) => s.trim())) if (method !== 'HEAD') found.add(`${method} ${full}`);
  }
  return [...found].sort();
}

const CASES = Object.keys(MATRIX).flatMap((route) => CALLERS.map((caller) => ({ route, caller })));
const isKnownDefect = (route: string, caller: Caller) => KNOWN_DEFECTS.some((d) => d.route === route && d.caller === caller);

describe.each(databaseKinds)('authorization matrix on %s', (kind) => {
  let t: TestApp;
  let fx: Fixtures;
  const sessions = new Map<Caller, Session | null>();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'matrix-'));

  beforeAll(async () => {
    t = await startTestApp(kind, { DATA_DIR: dataDir });
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

    fx = {
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
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function run(route: string, caller: Caller): Promise<{ outcome: string; problem: string | null; detail: string }> {
    const entry = MATRIX[route];
    const [method, pattern] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
    const own = sessions.get(caller)!;
    const c = await entry.request(fx, caller, own);
    const session = c.as === undefined ? own : c.as;
    expect(c.url.split('?')[0].split('/').length, `${route}: the request URL must match the route's shape`).toBe(pattern.split('/').length);
    const headers: Record<string, string> = session ? { cookie: session.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken }) } : {};
    if (c.multipart) headers['content-type'] = c.multipart.contentType;
    const before = c.watch ? await c.watch() : undefined;
    const res = await t.app.inject({ method, url: c.url, headers, ...(c.multipart ? { payload: c.multipart.body } : c.body === undefined ? {} : { payload: c.body as object }) });
    const outcome = classify(res.statusCode);
    let problem: string | null = null;
    if (outcome === 'ok' && entry.content) problem = entry.content(fx, caller, res);
    if (outcome !== 'ok' && c.watch) {
      const after = await c.watch();
      if (JSON.stringify(after) !== JSON.stringify(before)) problem = `refused (${res.statusCode}) but the row changed`;
    }
    return { outcome, problem, detail: `${res.statusCode} ${res.body.slice(0, 200)}` };
  }

  it('every route of the app has an entry, and every entry names a route', async () => {
    await t.app.ready();
    const routes = routesOf(t.app.printRoutes({ commonPrefix: false }));
    // The parser is checked against the OpenAPI document: everything it documents is found.
    const documented = Object.entries((t.app.swagger() as { paths: Record<string, object> }).paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(routes).toEqual(expect.arrayContaining(documented.filter((r) => !r.startsWith('HEAD '))));
    const entryRoutes = Object.keys(MATRIX).map(routeOfEntry);
    expect(routes.filter((r) => !entryRoutes.includes(r)), 'routes without an entry').toEqual([]);
    expect(entryRoutes.filter((r) => !routes.includes(r)), 'entries without a route').toEqual([]);
    for (const d of KNOWN_DEFECTS) expect(MATRIX[d.route], `known defect names no route: ${d.route}`).toBeDefined();
  });

  it.each(CASES.filter((c) => !isKnownDefect(c.route, c.caller)).map((c) => [c.route, c.caller] as const))('%s as %s', async (route, caller) => {
    const { outcome, problem, detail } = await run(route, caller);
    expect({ outcome, problem }, detail).toEqual({ outcome: MATRIX[route].expect[caller], problem: null });
  });

  it.each(KNOWN_DEFECTS.map((d) => [d.route, d.caller, d.defect] as const))('known defect still present: %s as %s — %s', async (route, caller) => {
    const { outcome, problem } = await run(route, caller);
    const correct = outcome === MATRIX[route].expect[caller] && problem === null;
    expect(correct, `${route} as ${caller} now behaves correctly: remove it from KNOWN_DEFECTS`).toBe(false);
  });
});
