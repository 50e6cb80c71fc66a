import { Readable } from 'node:stream';
import { and, desc, eq } from 'drizzle-orm';
import { applications, editions, organisations, outbox, ruleProfiles } from '../../../db/schema/index.js';
import { addDays } from '../../../domain/calendar/dates.js';
import type { RuleProfile } from '../../../domain/profile/schema.js';
import { decideQualification } from '../../applications/qualification.js';
import { saveDraft, startApplication } from '../../applications/drafts.js';
import { performApplicationAction } from '../../applications/office.js';
import { registerApplicant, sendRegistrationCode } from '../../applications/registration.js';
import type { ServiceContext } from '../../context.js';
import { advancePhase } from '../../editions.js';
import { uploadApplicationFile } from '../../files/files.js';
import { generatePassword } from '../bootstrap.js';
import { creditCode, idNumber } from '../identity-codes.js';
import { DEMO_INDIVIDUALS, DEMO_UNITS, type DemoIndividual, type DemoUnit } from './cast.js';
import { evidencePdf } from './evidence-pdf.js';
import { actAs, DEMO_DAYS, ensureAccount, type DemoRun } from './run.js';

/**
 * Milestone `qualified`: applicants register and file their applications before the deadline,
 * the counties recommend them, the office accepts them, the departments give their opinions
 * (one objection, upheld by the office), and the edition moves on to the technical review.
 */

/** The applicant a department objects to, and why: the office disqualifies it. */
const OBJECTION = { applicant: 'pingyi_stone', reason: '该单位2024年因扬尘治理不到位受到生态环境部门行政处罚，不符合第十二条关于近三年无环境违法行为的要求。' };

/** The profile's environmental department objects (any city has one); failing that, its first department. */
function objectingDepartment(profile: RuleProfile): string {
  return (profile.departments.find((d) => /环境|环保/.test(d.name)) ?? profile.departments[0]).code;
}

type Applicant = { kind: 'unit'; spec: DemoUnit; index: number } | { kind: 'individual'; spec: DemoIndividual; index: number };

export function demoApplicants(): Applicant[] {
  return [...DEMO_UNITS.map((spec, index) => ({ kind: 'unit' as const, spec, index })), ...DEMO_INDIVIDUALS.map((spec, index) => ({ kind: 'individual' as const, spec, index }))];
}

export function identityOf(a: Applicant): string {
  // The demo's own 'unit' and 'person' accounts already carry their codes (see demo.ts).
  return a.kind === 'unit' ? creditCode(3_000_001 + a.index) : idNumber(123 + a.index * 2, a.spec.birth);
}

async function countyIdOf(ctx: ServiceContext, name: string): Promise<string> {
  const [row] = await ctx.db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.kind, 'county'), eq(organisations.name, name)));
  if (!row) throw new Error(`demo: no county ${name}`);
  return row.id;
}

/** A new applicant registers as the browser does: a code by e-mail, read back from the outbox. */
async function register(run: DemoRun, a: Applicant, day: number): Promise<void> {
  if (a.spec.username === 'unit' || a.spec.username === 'person') return;
  const ctx: ServiceContext = { ...run.base, requestId: `demo-register-${a.spec.username}`, now: run.timeline.clockOn(run.timeline.date(day)) };
  const email = `${a.spec.username}@demo.example`;
  await sendRegistrationCode(ctx, email);
  const [mail] = await ctx.db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(desc(outbox.createdAt)).limit(1);
  const emailCode = /(\d{6})/.exec(mail.body)![1];
  const password = run.base.config.demoPassword ?? generatePassword();
  await registerApplicant(ctx, { kind: a.kind, identityCode: identityOf(a), name: a.spec.name, username: a.spec.username, password, email, phone: `1390539${String(1000 + a.index).slice(-4)}`, emailCode });
  run.credentials.push({ username: a.spec.username, password, role: a.kind === 'unit' ? 'applicant_unit' : 'applicant_individual', generated: !run.base.config.demoPassword });
}

function selfEvaluation(profile: RuleProfile, a: Applicant): Record<string, string> {
  const template = profile.scoringTemplates[a.kind];
  return Object.fromEntries(
    template.categories.flatMap((c) => c.items.map((i) => [i.code, `${a.spec.name}在“${i.name}”方面：建立了相应的制度和工作机制，按年度制定目标并跟踪落实，近三年持续改进，相关数据和案例见证明材料。`])),
  );
}

export function formOf(run: DemoRun, profile: RuleProfile, a: Applicant, countyId: string): Record<string, unknown> {
  const contact = { contactPhone: `0539-8${String(100_000 + a.index * 731).slice(-6)}`, contactEmail: `${a.spec.username}@demo.example`, countyId, declarationSigned: true, selfEvaluation: selfEvaluation(profile, a) };
  if (a.kind === 'individual') {
    const s = a.spec;
    return {
      ...contact,
      name: s.name,
      workUnit: s.workUnit,
      position: s.position,
      qualityWorkStartedOn: `${Number(s.birth.slice(0, 4)) + 24}-07-01`,
      achievements: `${s.name}长期从事质量管理工作，主导本单位卓越绩效管理模式导入，牵头完成多项质量改进项目，获市级以上质量奖励。`,
      unitAccident: false,
      badRecord: false,
    };
  }
  const s = a.spec;
  return {
    ...contact,
    name: s.name,
    address: `临沂市${s.county}${s.name.slice(-6, -4)}路${a.index + 1}号`,
    legalRepresentative: s.legalRepresentative,
    contactName: s.contact,
    industrySection: s.section,
    industryDivision: s.division,
    mainBusinessStartedOn: s.startedOn,
    employees: s.employees,
    financials: [3, 2, 1].map((back, i) => ({ year: Number(run.timeline.opensOn.slice(0, 4)) - back, revenue: Math.round(s.revenue * (0.86 + i * 0.07)), profit: Math.round(s.revenue * (0.06 + i * 0.005)) })),
    certifications: 'ISO 9001 质量管理体系；ISO 14001 环境管理体系；ISO 45001 职业健康安全管理体系',
    preferenceCategories: s.preference,
    locatedInCity: true,
    legallyIndependent: true,
    majorAccident: false,
    prominentComplaints: false,
    violation: false,
  };
}

async function file(run: DemoRun, profile: RuleProfile, a: Applicant, day: number): Promise<string> {
  const ctx = await actAs(run, a.spec.username, run.timeline.date(day));
  const started = await startApplication(ctx);
  const saved = await saveDraft(ctx, started.id, { revision: started.revision, form: formOf(run, profile, a, await countyIdOf(ctx, a.spec.county)) as never });
  const pdf = await evidencePdf(a.spec.name, identityOf(a), a.kind === 'unit' ? 'Business licence and quality management certificates' : 'Resume and quality work achievements');
  await uploadApplicationFile(ctx, { applicationId: saved.id, purpose: 'evidence', filename: a.kind === 'unit' ? '营业执照及体系认证证书.pdf' : '个人简历及质量工作业绩证明.pdf', stream: Readable.from([pdf]) });
  await performApplicationAction(ctx, saved.id, 'submit', {});
  return saved.id;
}

export async function countyAccount(run: DemoRun, county: string): Promise<string> {
  if (county === '兰山区') return 'county';
  const [org] = await run.base.db.select({ code: organisations.code }).from(organisations).where(and(eq(organisations.kind, 'county'), eq(organisations.name, county)));
  const username = `county_${org?.code ?? county}`;
  await ensureAccount(run, { username, displayName: `${county}质量强县（区）办`, role: 'county', orgKind: 'county', orgName: county });
  return username;
}

async function departmentAccounts(run: DemoRun, profile: RuleProfile): Promise<Array<{ code: string; username: string }>> {
  const out: Array<{ code: string; username: string }> = [];
  for (const d of profile.departments) {
    // The demo's 'dept' account already reviews for 市质监局.
    const username = d.name === '市质监局' ? 'dept' : `dept_${d.code}`;
    if (username !== 'dept') await ensureAccount(run, { username, displayName: `${d.name} 资格审查员`, role: 'department', orgKind: 'department', orgName: d.name });
    out.push({ code: d.code, username });
  }
  return out;
}

export async function editionProfile(run: DemoRun): Promise<RuleProfile> {
  const [row] = await run.base.db.select({ rules: ruleProfiles.rules }).from(editions).innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId)).where(eq(editions.id, run.editionId));
  return row.rules;
}

export async function throughQualified(run: DemoRun): Promise<void> {
  const profile = await editionProfile(run);
  const { timeline } = run;
  const applicants = demoApplicants();
  const ids = new Map<string, string>();
  for (const [i, a] of applicants.entries()) {
    // Two applicants a day, each registering one day and filing the next.
    const day = DEMO_DAYS.register + Math.floor(i / 2);
    await register(run, a, day);
    ids.set(a.spec.username, await file(run, profile, a, day + 1));
  }
  run.log(`申报：${ids.size} 项已提交（截止日 ${timeline.date('deadline')}）`);

  for (const a of applicants) {
    const county = await actAs(run, await countyAccount(run, a.spec.county), timeline.date('recommend'));
    const signedOn = timeline.date('recommend');
    await performApplicationAction(county, ids.get(a.spec.username)!, 'recommend', { payload: { opinion: '经审核，该申报材料真实完整，同意推荐。', signer: '县区质量强县（区）办负责人', signedOn } });
  }
  const office = await actAs(run, 'office', timeline.date('accept'));
  for (const id of ids.values()) await performApplicationAction(office, id, 'accept', {});
  await advancePhase(office, run.editionId);
  run.log(`推荐与受理：${ids.size} 项已受理，进入资格审查`);

  const departments = await departmentAccounts(run, profile);
  const objector = objectingDepartment(profile);
  for (const d of departments) {
    const ctx = await actAs(run, d.username, timeline.date('qualify'));
    for (const [username, id] of ids) {
      const objects = d.code === objector && username === OBJECTION.applicant;
      await decideQualification(ctx, id, objects ? { decision: 'fail', reasons: OBJECTION.reason } : { decision: 'pass' });
    }
  }
  const decider = await actAs(run, 'office', addDays(timeline.date('qualify'), 1));
  await performApplicationAction(decider, ids.get(OBJECTION.applicant)!, 'disqualify', { reason: `采纳资格审查部门意见：${OBJECTION.reason}` });
  const qualified = await run.base.db.select({ id: applications.id }).from(applications).where(and(eq(applications.editionId, run.editionId), eq(applications.state, 'qualified')));
  run.log(`资格审查：${qualified.length} 项通过，1 项未通过`);
}
