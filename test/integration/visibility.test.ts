import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { applications, editions, expertCommitments, experts, organisations, panelAssignments, qualificationReviews, ruleProfiles, users } from '../../src/db/schema/index.js';
import { APPLICATION_STATES, type ApplicationState } from '../../src/domain/lifecycle/states.js';
import { canViewApplication, type ApplicationFacts } from '../../src/domain/policies/applications.js';
import { hasRole, ROLES, type Actor, type Role } from '../../src/domain/roles.js';
import { applicationFacts, factsOf, panelExpertUserIds } from '../../src/services/applications/access.js';
import { listApplications, visibleApplicationsWhere } from '../../src/services/applications/list.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type TestApp } from './support/app.js';
import { seededRandom } from '../../src/domain/seeded-random.js';

/**
 * The visibility rule is written twice: as a predicate (canViewApplication, for one object) and as
 * SQL (visibleApplicationsWhere, for lists). On a generated population of applications in every
 * state, spread over counties, with department review tasks, and for actors of every role, the two
 * must agree exactly: listApplications returns precisely the ids the predicate allows.
 *
 * Proven to bite: each of these mutations, made alone, turned it red (then reverted) —
 * the office sees drafts in the SQL; the office sees drafts in the predicate; the county sees
 * drafts in the SQL; the department SQL ignores which department holds the task; the county
 * predicate ignores which county it is.
 */

/** A seeded generator (domain/seeded-random.ts), so a failure replays with the same population. */
function prng(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
    subset: <T>(xs: readonly T[], p: number): T[] => xs.filter(() => next() < p),
  };
}

const SEEDS = [20261130, 7];
const APPLICANT_ROLES: Role[] = ['applicant_unit', 'applicant_individual'];

interface Population {
  editionId: string;
  counties: string[];
  /** A county with no application at all. */
  emptyCounty: string;
  departments: string[];
  /** A department that holds no review task. */
  idleDepartment: string;
  applicants: Array<{ id: string; role: Role }>;
  /** An applicant account that owns nothing. */
  bystander: { id: string; role: Role };
  applicationIds: string[];
  /** Expert logins on random panels: the first accepted the commitment, the second did not. */
  experts: string[];
}

describe.each(databaseKinds)('list visibility equals the view policy on %s', (kind) => {
  let t: TestApp;
  const populations = new Map<number, Population>();

  async function insertUser(role: Role, organisationId: string | null): Promise<string> {
    const id = randomUUID();
    await t.database.db.insert(users).values({ id, username: `v_${id.slice(0, 12)}`, displayName: role, passwordHash: 'not-a-login', roles: [role], organisationId });
    return id;
  }

  /** Everything inserted directly through drizzle: no action route, so the population survives a rewrite of the routes. */
  async function generate(seed: number, editionNumber: number): Promise<Population> {
    const r = prng(seed);
    const db = t.database.db;
    const [profile] = await db.select({ id: ruleProfiles.id }).from(ruleProfiles).where(eq(ruleProfiles.code, 'linyi-current'));
    const [edition] = await db
      .insert(editions)
      .values({ profileId: profile.id, number: editionNumber, year: 2026, name: `可见性第${editionNumber}届`, status: 'closed', opensOn: '2026-11-01' })
      .returning({ id: editions.id });
    const allCounties = (await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'county'))).map((o) => o.id);
    const allDepartments = (await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'department'))).map((o) => o.id);
    const shuffledCounties = [...allCounties].sort(() => r.next() - 0.5);
    const shuffledDepartments = [...allDepartments].sort(() => r.next() - 0.5);
    const counties = shuffledCounties.slice(0, 4);
    const departments = shuffledDepartments.slice(0, 4);

    const applicants: Population['applicants'] = [];
    for (let i = 0; i < 6; i++) {
      const role = APPLICANT_ROLES[i % 2];
      applicants.push({ id: await insertUser(role, null), role });
    }
    const bystanderRole = r.pick(APPLICANT_ROLES);
    const bystander = { id: await insertUser(bystanderRole, null), role: bystanderRole };

    // Every state at least twice, plus random extras; counties include "none".
    const states: ApplicationState[] = [...APPLICATION_STATES, ...APPLICATION_STATES, ...Array.from({ length: 30 }, () => r.pick(APPLICATION_STATES))];
    const rows = states.map((state, i) => {
      const owner = r.pick(applicants);
      return {
        id: randomUUID(),
        editionId: edition.id,
        kind: owner.role === 'applicant_unit' ? ('unit' as const) : ('individual' as const),
        applicantUserId: owner.id,
        countyId: r.chance(0.1) ? null : r.pick(counties),
        identityCode: `V${seed}-${i}`,
        name: `申报${i}`,
        state,
        // Distinct, shuffled timestamps so the list order differs from insertion order and paging is exercised.
        updatedAt: new Date(Date.UTC(2026, 10, 1) + r.int(1_000_000) * 1000),
      };
    });
    await db.insert(applications).values(rows);
    // The first row is a draft (APPLICATION_STATES[0]); it always has two reviews, so every seed has a draft with reviews.
    const reviewersOf = (i: number) => (i === 0 ? departments.slice(0, 2) : r.chance(0.45) ? r.subset(departments, 0.5) : []);
    const reviews = rows.flatMap((row, i) => reviewersOf(i).map((departmentId) => ({ applicationId: row.id, departmentId, dueOn: '2026-12-31', status: r.pick(['pending', 'passed', 'failed']) })));
    if (reviews.length) await db.insert(qualificationReviews).values(reviews);
    // Two experts on random panels of random stages; only the first accepted this edition's commitment (Art. 24).
    const [agency] = await db.select({ id: organisations.id }).from(organisations).limit(1);
    const expertUsers = [await insertUser('expert', null), await insertUser('expert', null)];
    for (const [i, userId] of expertUsers.entries()) {
      const [expert] = await db.insert(experts).values({ agencyId: agency.id, userId, name: `专家${seed}-${i}`, unit: '某单位', title: '高级工程师', industries: ['C'], phone: '13800000000', maxLoad: 50 }).returning({ id: experts.id });
      const panels = rows.filter(() => r.chance(0.4)).map((row) => ({ editionId: edition.id, stage: r.pick(['material', 'onsite', 'defence']), applicationId: row.id, expertId: expert.id }));
      if (panels.length) await db.insert(panelAssignments).values(panels);
      if (i === 0) await db.insert(expertCommitments).values({ editionId: edition.id, expertId: expert.id, textDigest: 'test' });
    }
    return {
      editionId: edition.id,
      counties,
      emptyCounty: shuffledCounties[4],
      departments,
      idleDepartment: shuffledDepartments[4],
      applicants,
      bystander,
      applicationIds: rows.map((row) => row.id),
      experts: expertUsers,
    };
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.tolerateBroken('lifecycle.state-without-history', 'random populations are seeded directly in every state');
    t.tolerateBroken('awards.winner-record', 'awarded, nominated and revoked states are seeded without the winner rows the procedure makes');
    for (const [i, seed] of SEEDS.entries()) populations.set(seed, await generate(seed, 900 + i));
  });
  afterAll(() => t.close());

  /** Actors of every role: several counties and departments, an organisation-less one, applicants who own some, and a few role mixes. */
  function actorsFor(p: Population, seed: number): Array<{ label: string; actor: Actor }> {
    const r = prng(seed ^ 0x5eed);
    const actors: Array<{ label: string; actor: Actor }> = [];
    const add = (label: string, roles: Role[], organisationId: string | null, userId: string = randomUUID()) => actors.push({ label, actor: { userId, roles, organisationId } });
    for (const role of ROLES) {
      if (role === 'county') {
        for (const c of p.counties) add(`county ${c}`, [role], c);
        add('county without applications', [role], p.emptyCounty);
        add('county without organisation', [role], null);
      } else if (role === 'department') {
        for (const d of p.departments) add(`department ${d}`, [role], d);
        add('department without tasks', [role], p.idleDepartment);
        add('department without organisation', [role], null);
      } else if (role === 'applicant_unit' || role === 'applicant_individual') {
        for (const a of p.applicants.filter((x) => x.role === role)) add(`${role} owner ${a.id}`, [role], null, a.id);
      } else {
        add(role, [role], null);
        // An organisation that happens to be a county must not give a non-county role county sight.
        add(`${role} attached to a county`, [role], r.pick(p.counties));
      }
    }
    add('applicant owning nothing', [p.bystander.role], null, p.bystander.id);
    // Role mixes (the policy and the SQL are both unions of clauses).
    add('office + county', ['office', 'county'], r.pick(p.counties));
    add('county + department (county org)', ['county', 'department'], r.pick(p.counties));
    add('county + department (department org)', ['county', 'department'], r.pick(p.departments));
    add('expert + committee', ['expert', 'committee'], null);
    add('expert on panels, committed', ['expert'], null, p.experts[0]);
    add('expert on panels, not committed', ['expert'], null, p.experts[1]);
    return actors;
  }

  /** Pages through the list as the web page does: on while the server says there is more. */
  async function listedIds(actor: Actor, editionId: string, pageSize: number): Promise<{ ids: string[]; totals: Set<number | null> }> {
    const ids: string[] = [];
    const totals = new Set<number | null>();
    for (let page = 1; ; page++) {
      const res = await listApplications(t.ctxFor(actor), { page, pageSize, editionId });
      totals.add(res.total);
      ids.push(...res.items.map((i) => i.id));
      if (!res.hasMore) break;
      if (res.items.length < pageSize) throw new Error(`page ${page} is short yet says there is more`);
      if (page > 100) throw new Error('paging does not end');
    }
    return { ids, totals };
  }

  /** A department's review tasks and an expert's panels are not whole groups of the maintained counts: no total there. */
  const exactTotalFor = (actor: Actor) => !(hasRole(actor, 'department') && actor.organisationId) && !hasRole(actor, 'expert');

  async function factsById(p: Population): Promise<Map<string, ApplicationFacts>> {
    const db = t.database.db;
    const rows = await db.select().from(applications).where(eq(applications.editionId, p.editionId));
    const reviews = await db.select().from(qualificationReviews).where(inArray(qualificationReviews.applicationId, p.applicationIds));
    const [edition] = await db.select().from(editions).where(eq(editions.id, p.editionId));
    const now = t.clock.now();
    return new Map(await Promise.all(rows.map(async (row) => [row.id, factsOf(row, reviews.filter((v) => v.applicationId === row.id), edition, now, await panelExpertUserIds(db, row))] as const)));
  }

  it.each(SEEDS)('population %i: the generator covers every state, counties without and with reviews', async (seed) => {
    const p = populations.get(seed)!;
    const facts = await factsById(p);
    expect(new Set([...facts.values()].map((f) => f.state))).toEqual(new Set(APPLICATION_STATES));
    expect([...facts.values()].some((f) => f.countyId === null)).toBe(true);
    expect([...facts.values()].some((f) => f.reviewingDepartmentIds.length > 1)).toBe(true);
    expect([...facts.values()].some((f) => f.state === 'draft' && f.reviewingDepartmentIds.length > 0)).toBe(true);
    // The bulk facts are the same as the per-row loader's.
    const db = t.database.db;
    for (const id of p.applicationIds.slice(0, 5)) {
      const [row] = await db.select().from(applications).where(eq(applications.id, id));
      const single = await applicationFacts(db, row, t.clock.now());
      expect({ ...single, reviewingDepartmentIds: [...single.reviewingDepartmentIds].sort() }).toEqual({
        ...facts.get(id)!,
        reviewingDepartmentIds: [...facts.get(id)!.reviewingDepartmentIds].sort(),
      });
    }
  });

  it.each(SEEDS)('population %i: for every actor, listApplications returns exactly the applications canViewApplication allows', async (seed) => {
    const p = populations.get(seed)!;
    const facts = await factsById(p);
    const r = prng(seed ^ 0xbeef);
    const mismatches: string[] = [];
    let nonTrivial = 0;
    for (const { label, actor } of actorsFor(p, seed)) {
      const expected = [...facts.entries()].filter(([, f]) => canViewApplication(actor, f)).map(([id]) => id).sort();
      const pageSize = r.pick([7, 50, 200]);
      const { ids, totals } = await listedIds(actor, p.editionId, pageSize);
      const got = [...ids].sort();
      if (new Set(ids).size !== ids.length) mismatches.push(`${label}: duplicate ids across pages`);
      const expectedTotal = exactTotalFor(actor) ? expected.length : null;
      if (totals.size !== 1 || [...totals][0] !== expectedTotal) mismatches.push(`${label}: total ${[...totals]} ≠ ${expectedTotal}`);
      if (got.join() !== expected.join()) {
        const extra = got.filter((id) => !expected.includes(id)).map((id) => facts.get(id)!.state);
        const missing = expected.filter((id) => !got.includes(id)).map((id) => facts.get(id)!.state);
        mismatches.push(`${label}: listed but not viewable [${extra}], viewable but not listed [${missing}]`);
      }
      if (expected.length > 0 && expected.length < facts.size) nonTrivial++;
    }
    expect(mismatches).toEqual([]);
    // The population is rich enough that most actors see some but not all.
    expect(nonTrivial).toBeGreaterThan(10);
  });

  it('the public lists nothing: no filter is no permission', async () => {
    expect(visibleApplicationsWhere(t.database.db, null)).toBeUndefined();
    await expect(listApplications(t.ctxFor(null), { page: 1, pageSize: 10 })).rejects.toMatchObject({ code: 'unauthenticated' });
    const p = populations.get(SEEDS[0])!;
    const facts = await factsById(p);
    expect([...facts.values()].filter((f) => canViewApplication(null, f))).toEqual([]);
  });
});
