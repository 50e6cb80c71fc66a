import { describe, expect, it } from 'vitest';
import { applicationListPolicy, applicationPolicy, mayActAs, type ApplicationFacts } from '../../src/domain/policies/applications.js';
import { auditPolicy } from '../../src/domain/policies/audit.js';
import { editionCollectionPolicy, editionPolicy, type EditionFacts } from '../../src/domain/policies/editions.js';
import { organisationPolicy } from '../../src/domain/policies/organisations.js';
import { calendarPolicy, profilePolicy } from '../../src/domain/policies/profiles.js';
import { accountPolicy, userCollectionPolicy, userPolicy, type AccountFacts } from '../../src/domain/policies/users.js';
import { ROLES, roleSetProblem, type Actor, type Role } from '../../src/domain/roles.js';

const actor = (role: Role): Actor => ({ userId: `u-${role}`, roles: [role], organisationId: null });

/** Which roles may take each action; every role not listed must be refused. */
type Case = { name: string; decide: (a: Actor | null) => { ok: boolean }; allowed: Role[]; publicAllowed?: boolean };

const account = (roles: Role[]): AccountFacts => ({ id: 'u-target', roles, active: true, soleOperatorRole: null });
const draft: EditionFacts = { status: 'draft', hasSchedule: true };
const open: EditionFacts = { status: 'open', hasSchedule: true };

/** An application of the applicant u-applicant_unit, from county c-1, reviewed by department d-1. */
const app = (state: ApplicationFacts['state']): ApplicationFacts => ({ state, applicantUserId: 'u-applicant_unit', countyId: 'c-1', reviewingDepartmentIds: state === 'qualification_review' ? ['d-1'] : [], pendingDepartmentIds: state === 'qualification_review' ? ['d-1'] : [], standingObjections: 0, beforeEditingDeadline: true, panelExpertUserIds: state.endsWith('_review') && state !== 'qualification_review' ? ['u-expert'] : [] });
const ORG_OF: Partial<Record<Role, string>> = { county: 'c-1', department: 'd-1' };
const withOrg = (decide: (a: Actor | null) => { ok: boolean }) => (a: Actor | null) => decide(a && ORG_OF[a.roles[0]] ? { ...a, organisationId: ORG_OF[a.roles[0]]! } : a);

const cases: Case[] = [
  { name: 'application.view draft', decide: withOrg((a) => applicationPolicy.view(a, app('draft'))), allowed: ['applicant_unit'] },
  { name: 'application.view submitted', decide: withOrg((a) => applicationPolicy.view(a, app('submitted'))), allowed: ['applicant_unit', 'county', 'office'] },
  { name: 'application.view in review', decide: withOrg((a) => applicationPolicy.view(a, app('qualification_review'))), allowed: ['applicant_unit', 'county', 'office', 'department'] },
  { name: 'application.view qualified', decide: withOrg((a) => applicationPolicy.view(a, app('qualified'))), allowed: ['applicant_unit', 'county', 'office', 'agency'] },
  { name: 'application.view in material review', decide: withOrg((a) => applicationPolicy.view(a, app('material_review'))), allowed: ['applicant_unit', 'county', 'office', 'agency', 'expert'] },
  { name: 'application.view reported', decide: withOrg((a) => applicationPolicy.view(a, app('technical_reviewed'))), allowed: ['applicant_unit', 'county', 'office', 'agency'] },
  { name: 'application.edit draft', decide: withOrg((a) => applicationPolicy.edit(a, app('draft'))), allowed: ['applicant_unit'] },
  { name: 'application.edit submitted', decide: withOrg((a) => applicationPolicy.edit(a, app('submitted'))), allowed: [] },
  { name: 'application.edit returned', decide: withOrg((a) => applicationPolicy.edit(a, app('returned'))), allowed: ['applicant_unit'] },
  { name: 'application.edit draft after the deadline', decide: withOrg((a) => applicationPolicy.edit(a, { ...app('draft'), beforeEditingDeadline: false })), allowed: [] },
  { name: 'application.upload draft', decide: withOrg((a) => applicationPolicy.upload(a, app('draft'))), allowed: ['applicant_unit'] },
  { name: 'application.upload in review', decide: withOrg((a) => applicationPolicy.upload(a, app('qualification_review'))), allowed: ['department'] },
  { name: 'application.act as county on submitted', decide: withOrg((a) => ({ ok: mayActAs(a, 'county', app('submitted')) })), allowed: ['county'] },
  { name: 'application.act as applicant on draft', decide: withOrg((a) => ({ ok: mayActAs(a, 'applicant_unit', app('draft')) })), allowed: ['applicant_unit'] },
  { name: 'application.overrule with an objection', decide: withOrg((a) => applicationPolicy.overrule(a, { ...app('qualification_review'), standingObjections: 1 })), allowed: ['office'] },
  { name: 'application.overrule without objection', decide: withOrg((a) => applicationPolicy.overrule(a, app('qualification_review'))), allowed: [] },
  { name: 'application.review in review', decide: withOrg((a) => applicationPolicy.review(a, app('qualification_review'))), allowed: ['department'] },
  { name: 'application.review qualified', decide: withOrg((a) => applicationPolicy.review(a, app('qualified'))), allowed: [] },
  { name: 'applications.export', decide: (a) => applicationListPolicy.export(a, null), allowed: ['office'] },
  { name: 'applications.matrix', decide: (a) => applicationListPolicy.matrix(a, null), allowed: ['office'] },
  { name: 'edition.create', decide: (a) => editionCollectionPolicy.create(a, null), allowed: ['office'] },
  { name: 'edition.view draft', decide: (a) => editionPolicy.view(a, draft), allowed: ['office'] },
  { name: 'edition.view open', decide: (a) => editionPolicy.view(a, open), allowed: [...ROLES], publicAllowed: true },
  { name: 'edition.setSchedule draft', decide: (a) => editionPolicy.setSchedule(a, draft), allowed: ['office'] },
  { name: 'edition.publishCall draft', decide: (a) => editionPolicy.publishCall(a, draft), allowed: ['office'] },
  { name: 'edition.publishCall open', decide: (a) => editionPolicy.publishCall(a, open), allowed: [] },
  { name: 'edition.close open', decide: (a) => editionPolicy.close(a, open), allowed: ['office'] },
  { name: 'edition.update open', decide: (a) => editionPolicy.update(a, open), allowed: [] },
  { name: 'organisation.list', decide: (a) => organisationPolicy.list(a, null), allowed: ['office', 'sysadmin', 'secadmin', 'applicant_unit', 'applicant_individual'] },
  { name: 'organisation.create', decide: (a) => organisationPolicy.create(a, null), allowed: ['office', 'sysadmin'] },
  { name: 'organisation.update', decide: (a) => organisationPolicy.update(a, null), allowed: ['office', 'sysadmin'] },
  { name: 'user.list', decide: (a) => userCollectionPolicy.list(a, { roles: [] }), allowed: ['sysadmin', 'secadmin'] },
  { name: 'user.create business', decide: (a) => userCollectionPolicy.create(a, { roles: ['county'] }), allowed: ['sysadmin'] },
  { name: 'user.create operator', decide: (a) => userCollectionPolicy.create(a, { roles: ['auditadmin'] }), allowed: ['secadmin'] },
  { name: 'user.update business', decide: (a) => userPolicy.update(a, { roles: ['expert'] }), allowed: ['sysadmin'] },
  { name: 'user.update operator', decide: (a) => userPolicy.update(a, { roles: ['sysadmin'] }), allowed: ['secadmin'] },
  { name: 'user.unlock', decide: (a) => userPolicy.unlock(a, { roles: ['county'] }), allowed: ['sysadmin', 'secadmin'] },
  { name: 'user.unlock operator', decide: (a) => userPolicy.unlock(a, { roles: ['auditadmin'] }), allowed: ['secadmin'] },
  { name: 'account.disable operator', decide: (a) => accountPolicy.disable(a, account(['sysadmin'])), allowed: ['secadmin'] },
  { name: 'account.disable business', decide: (a) => accountPolicy.disable(a, account(['expert'])), allowed: ['sysadmin'] },
  { name: 'account.disable last auditor', decide: (a) => accountPolicy.disable(a, { ...account(['auditadmin']), soleOperatorRole: 'auditadmin' }), allowed: [] },
  { name: 'account.disable own', decide: (a) => accountPolicy.disable(a, { ...account(['secadmin']), id: 'u-secadmin' }), allowed: [] },
  { name: 'audit.read', decide: (a) => auditPolicy.read(a, null), allowed: ['auditadmin'] },
  { name: 'audit.verify', decide: (a) => auditPolicy.verify(a, null), allowed: ['auditadmin'] },
  { name: 'profile.list', decide: (a) => profilePolicy.list(a, null), allowed: ['office', 'leadership', 'sysadmin', 'agency', 'committee'] },
  { name: 'profile.create', decide: (a) => profilePolicy.create(a, null), allowed: ['office'] },
  { name: 'calendar.edit', decide: (a) => calendarPolicy.edit(a, null), allowed: ['office'] },
];

const table = cases.flatMap((c) => [
  ...ROLES.map((role) => ({ action: c.name, who: role as string, expected: c.allowed.includes(role), run: () => c.decide(actor(role)) })),
  { action: c.name, who: 'public', expected: c.publicAllowed ?? false, run: () => c.decide(null) },
]);

describe('policy table: every role × every action', () => {
  it.each(table)('$action by $who → $expected', ({ expected, run }) => {
    expect(run().ok).toBe(expected);
  });

  it('gives a typed reason and a Chinese message on refusal', () => {
    const refusal = editionPolicy.publishCall(actor('office'), { status: 'draft', hasSchedule: false });
    expect(refusal).toEqual({ ok: false, reason: 'wrong_stage', message: '请先设置届次日程（申报截止日期）' });
    expect(auditPolicy.read(null, null)).toMatchObject({ ok: false, reason: 'unauthenticated' });
    expect(userPolicy.update(actor('sysadmin'), { roles: ['auditadmin'] })).toMatchObject({ ok: false, reason: 'separation_of_duties' });
  });
});

describe('role combinations', () => {
  it.each([
    [['sysadmin', 'auditadmin'], true],
    [['secadmin', 'office'], true],
    [['applicant_unit', 'expert'], true],
    [['expert', 'committee'], false],
    [['office'], false],
    [['auditadmin'], false],
  ] as Array<[Role[], boolean]>)('%j refused: %s', (roles, refused) => {
    expect(roleSetProblem(roles) !== null).toBe(refused);
  });
});
