import { desc, eq } from 'drizzle-orm';
import { files, outbox } from '../../../src/db/schema/index.js';
import { idNumber as idNumberBorn } from '../../../src/services/seed/identity-codes.js';
import type { Session, TestApp } from './app.js';
import { organisationId, profileId } from './fixtures.js';

/** Valid codes (Linyi region, real check characters): the seed's helper, shared with the demo and the benchmarks. */
export { creditCode } from '../../../src/services/seed/identity-codes.js';

export function idNumber(n: number, birth = '19750615'): string {
  return idNumberBorn(n, birth);
}

/** Opens an edition under the current profile with the given application deadline. */
export async function openEdition(t: TestApp, office: Session, deadline = '2026-12-31'): Promise<string> {
  const created = await office.send('POST', '/api/editions', { profileId: await profileId(t, 'linyi-current'), number: 1, year: 2026, name: '2026年度市长质量奖', opensOn: '2026-11-30' });
  const id = created.json().id as string;
  await office.send('PUT', `/api/editions/${id}/schedule`, { applicationDeadline: deadline });
  const published = await office.send('POST', `/api/editions/${id}/publish-call`, { callText: '申报通知' });
  if (published.statusCode !== 200) throw new Error(published.body);
  return id;
}

/** The newest verification code mailed to an address, read from the outbox like a mail client would. */
export async function mailedCode(t: TestApp, email: string): Promise<string> {
  const [mail] = await t.database.db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(desc(outbox.createdAt)).limit(1);
  return /(\d{6})/.exec(mail.body)![1];
}

export async function registerApplicant(t: TestApp, kind: 'unit' | 'individual', code: string, name: string, username: string): Promise<Session> {
  const email = `${username}@example.cn`;
  const sent = await t.app.inject({ method: 'POST', url: '/api/register/code', payload: { email } });
  if (sent.statusCode !== 204) throw new Error(sent.body);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/register',
    payload: { kind, identityCode: code, name, username, password: 'Applicant-Pass-1', email, phone: '13800000000', emailCode: await mailedCode(t, email) },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return t.login(username, 'Applicant-Pass-1');
}

const selfEvaluation = (codes: string[]) => Object.fromEntries(codes.map((c) => [c, `关于${c}的自我评价。`]));

export async function completeUnitForm(t: TestApp, overrides: Record<string, unknown> = {}) {
  const { ruleProfiles } = await import('../../../src/db/schema/index.js');
  const [profile] = await t.database.db.select().from(ruleProfiles).where(eq(ruleProfiles.code, 'linyi-current'));
  const codes = profile.rules.scoringTemplates.unit.categories.flatMap((c) => c.items.map((i) => i.code));
  return {
    countyId: await organisationId(t, 'county', '兰山区'),
    address: '临沂市兰山区示范路1号',
    legalRepresentative: '王法人',
    contactName: '李联系',
    contactPhone: '13900000000',
    contactEmail: 'contact@example.cn',
    industrySection: 'C',
    industryDivision: '13',
    mainBusinessStartedOn: '2015-03-01',
    employees: 320,
    financials: [2023, 2024, 2025].map((year) => ({ year, revenue: 12000, profit: 900 })),
    certifications: 'ISO 9001',
    preferenceCategories: ['strategic_emerging'],
    locatedInCity: true,
    legallyIndependent: true,
    majorAccident: false,
    prominentComplaints: false,
    violation: false,
    declarationSigned: true,
    selfEvaluation: selfEvaluation(codes),
    ...overrides,
  };
}

export async function completeIndividualForm(t: TestApp, overrides: Record<string, unknown> = {}) {
  const { ruleProfiles } = await import('../../../src/db/schema/index.js');
  const [profile] = await t.database.db.select().from(ruleProfiles).where(eq(ruleProfiles.code, 'linyi-current'));
  const codes = profile.rules.scoringTemplates.individual.categories.flatMap((c) => c.items.map((i) => i.code));
  return {
    countyId: await organisationId(t, 'county', '兰山区'),
    workUnit: '临沂示范制造有限公司',
    position: '质量总监',
    contactPhone: '13700000000',
    contactEmail: 'person@example.cn',
    qualityWorkStartedOn: '2010-07-01',
    achievements: '主导建立卓越绩效管理体系。',
    unitAccident: false,
    badRecord: false,
    declarationSigned: true,
    selfEvaluation: selfEvaluation(codes),
    ...overrides,
  };
}

/** Registers an evidence file row (the upload route is tested on its own in files.test.ts). */
export async function attachEvidenceRow(t: TestApp, applicationId: string, uploadedBy: string): Promise<void> {
  t.tolerateBroken('files.content', 'evidence rows are attached without bytes: the procedure needs only the row');
  await t.database.db.insert(files).values({ sha256: 'f'.repeat(64), size: 10, mimeType: 'application/pdf', originalName: '营业执照.pdf', purpose: 'evidence', applicationId, uploadedBy });
}

/** One user per department of the profile, each in its department. */
export async function departmentSessions(t: TestApp): Promise<Session[]> {
  const { organisations } = await import('../../../src/db/schema/index.js');
  const departments = await t.database.db.select().from(organisations).where(eq(organisations.kind, 'department'));
  const sessions: Session[] = [];
  for (const d of departments) {
    await t.createUser(`dept_${d.code}`, ['department'], d.id);
    sessions.push(await t.login(`dept_${d.code}`));
  }
  return sessions;
}
