import type { ApplicationState } from '../../src/domain/lifecycle/states.js';
import { eq } from 'drizzle-orm';
import { applications, editions, organisations, ruleProfiles, users } from '../../src/db/schema/index.js';
import type { Role } from '../../src/domain/roles.js';
import { hashPassword } from '../../src/services/auth/passwords.js';
import { openSession } from '../../src/services/auth/sessions.js';
import { creditCode, idNumber as idNumberBorn } from '../../src/services/seed/identity-codes.js';
import type { AppEnv } from './app-env.js';

/**
 * Bulk fixtures written straight into the tables (the API would take minutes and
 * 10,000 argon2 hashes): what matters for the benchmarks is the shape and volume of rows.
 */
export const BENCH_PASSWORD = 'Bench-User-Pass-9';
const BATCH = 1000;

/** Same scheme as test/integration/support/intake.ts creditCode(n): Linyi region, real check character. */
export { creditCode };

/** A resident ID number; the birth date moves every 1,000 numbers so codes stay distinct. */
export function idNumber(n: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  return idNumberBorn(n, birth);
}

/** Non-draft states of the intake and review stages, weighted roughly like a busy edition. */
const STATE_MIX: Array<[ApplicationState, number]> = [
  ['submitted', 30],
  ['recommended', 15],
  ['not_recommended', 3],
  ['returned', 5],
  ['rejected', 2],
  ['accepted', 10],
  ['qualification_review', 15],
  ['qualified', 12],
  ['disqualified', 3],
  ['withdrawn', 5],
];
const stateFor = (i: number) => {
  const total = STATE_MIX.reduce((s, [, w]) => s + w, 0);
  let x = (i * 7919) % total;
  for (const [state, weight] of STATE_MIX) {
    if (x < weight) return state;
    x -= weight;
  }
  return 'submitted';
};

export interface Reference {
  profileId: string;
  counties: Array<{ id: string; name: string }>;
  unitItemCodes: string[];
  individualItemCodes: string[];
}

export async function loadReference(env: AppEnv): Promise<Reference> {
  const db = env.database.db;
  const [profile] = await db.select().from(ruleProfiles).where(eq(ruleProfiles.code, 'linyi-current'));
  const counties = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.kind, 'county'));
  const codes = (kind: 'unit' | 'individual') => profile.rules.scoringTemplates[kind].categories.flatMap((c) => c.items.map((i) => i.code));
  return { profileId: profile.id, counties, unitItemCodes: codes('unit'), individualItemCodes: codes('individual') };
}

/** A complete unit form (as test/integration/support/intake.ts completeUnitForm): eligible and submittable with evidence. */
export function unitForm(ref: Reference, countyId: string, name: string): Record<string, unknown> {
  return {
    name,
    countyId,
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
    selfEvaluation: Object.fromEntries(ref.unitItemCodes.map((c) => [c, `关于${c}的自我评价。`])),
  };
}

function individualForm(ref: Reference, countyId: string, name: string): Record<string, unknown> {
  return {
    name,
    countyId,
    workUnit: '临沂示范制造有限公司',
    position: '质量总监',
    contactPhone: '13700000000',
    contactEmail: 'person@example.cn',
    qualityWorkStartedOn: '2010-07-01',
    achievements: '主导建立卓越绩效管理体系。',
    unitAccident: false,
    badRecord: false,
    declarationSigned: true,
    selfEvaluation: Object.fromEntries(ref.individualItemCodes.map((c) => [c, `关于${c}的自我评价。`])),
  };
}

let sharedHash: Promise<string> | undefined;
const passwordHash = () => (sharedHash ??= hashPassword(BENCH_PASSWORD));

export async function insertUsers(env: AppEnv, rows: Array<{ username: string; displayName: string; roles: Role[]; identityCode?: string }>): Promise<string[]> {
  const hash = await passwordHash();
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => ({ ...r, passwordHash: hash, identityCode: r.identityCode ?? null }));
    const inserted = await env.database.db.insert(users).values(batch).returning({ id: users.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

export interface BenchSession {
  userId: string;
  cookie: string;
  csrfToken: string;
}

/** A session opened by the same service the login route uses (no argon2 per user). */
export async function sessionFor(env: AppEnv, userId: string): Promise<BenchSession> {
  const { token, csrfToken } = await openSession(env.database.db, userId, env.now(), env.config.session.absoluteMs);
  return { userId, cookie: `sid=${token}`, csrfToken };
}

/** The one open edition, its call published, applications due by 2026-12-31. */
export async function insertOpenEdition(env: AppEnv, ref: Reference): Promise<string> {
  const [row] = await env.database.db
    .insert(editions)
    .values({
      profileId: ref.profileId,
      number: 1,
      year: 2026,
      name: '2026年度市长质量奖',
      status: 'open',
      opensOn: '2026-11-01',
      schedule: { applicationDeadline: '2026-12-31' },
      callText: '申报通知',
      callPublishedAt: env.now(),
    })
    .returning({ id: editions.id });
  return row.id;
}

/**
 * `count` applications (85 % units, 15 % individuals), each with its own applicant account
 * and a distinct valid code, spread over the counties, in non-draft states, with complete
 * forms and update times spread over the last 30 days.
 */
export async function insertApplications(env: AppEnv, ref: Reference, editionId: string, count: number): Promise<void> {
  const specs = Array.from({ length: count }, (_, i) => {
    const individual = i % 20 < 3;
    const code = individual ? idNumber(i) : creditCode(i + 1);
    const name = individual ? `申报人${i}` : `临沂示范企业${i}有限公司`;
    return { i, individual, code, name, county: ref.counties[i % ref.counties.length] };
  });
  const userIds = await insertUsers(
    env,
    specs.map((s) => ({ username: `bench_applicant_${s.i}`, displayName: s.name, roles: [s.individual ? 'applicant_individual' : 'applicant_unit'], identityCode: s.code })),
  );
  const base = env.now().getTime();
  for (let i = 0; i < specs.length; i += BATCH) {
    const rows = specs.slice(i, i + BATCH).map((s) => {
      const updatedAt = new Date(base - ((s.i * 104_729) % (30 * 86_400_000)));
      return {
        editionId,
        kind: s.individual ? ('individual' as const) : ('unit' as const),
        applicantUserId: userIds[s.i],
        countyId: s.county.id,
        identityCode: s.code,
        name: s.name,
        state: stateFor(s.i),
        form: s.individual ? individualForm(ref, s.county.id, s.name) : unitForm(ref, s.county.id, s.name),
        revision: 3,
        submittedAt: updatedAt,
        preferenceCategories: s.individual ? [] : ['strategic_emerging'],
        stateChangedAt: updatedAt,
        createdAt: new Date(updatedAt.getTime() - 86_400_000),
        updatedAt,
      };
    });
    await env.database.db.insert(applications).values(rows);
  }
  // Fresh statistics, as autovacuum would have them on a server that has been running.
  await env.database.exec('ANALYZE');
}
