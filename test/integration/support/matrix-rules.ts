import type { LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { applications, editions, organisations, users } from '../../../src/db/schema/index.js';
import type { ApplicationState } from '../../../src/domain/lifecycle/states.js';
import { ROLES } from '../../../src/domain/roles.js';
import type { Session, TestApp } from './app.js';
import type { TechnicalFixtures } from './matrix-technical.js';

/** The vocabulary of the authorization matrix (matrix-table.ts): callers, outcomes, fixtures, cases. */

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

export type Expectation = Record<Caller, Outcome>;

/** `otherwise` for everyone, then the named callers; the public gets `anonymous` (401 unless said). */
export function rule(otherwise: Outcome, named: Partial<Record<Caller, Outcome>> = {}, anonymous: Outcome = 'unauth'): Expectation {
  const e = Object.fromEntries(CALLERS.map((c) => [c, otherwise])) as Expectation;
  e.anonymous = anonymous;
  return { ...e, ...named };
}
/** `callers` get `outcome`, every other signed-in caller `otherwise`, the public `anonymous`. */
export function only(callers: Caller[], outcome: Outcome, otherwise: Outcome, anonymous: Outcome = 'unauth'): Expectation {
  return rule(otherwise, Object.fromEntries(callers.map((c) => [c, outcome])), anonymous);
}
export const everyone = (outcome: Outcome) => rule(outcome, {}, outcome);
export const signedIn = () => rule('ok');

/** The callers who see an application in qualification review of 兰山区 reviewed by 市质监局. */
export const SEE_REVIEWED: Caller[] = ['applicant_unit', 'county', 'office', 'department'];
export const COUNTY_BODIES: Caller[] = ['county', 'otherCounty'];
export const DEPARTMENTS: Caller[] = ['department', 'otherDepartment'];

export interface Fixtures {
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

export interface Case {
  url: string;
  body?: unknown;
  multipart?: { body: Buffer; contentType: string };
  /** Send as this session instead of the caller's (null: no session). */
  as?: Session | null;
  /** The row a refused write must leave unchanged. */
  watch?: () => Promise<unknown>;
}

export interface Entry {
  expect: Expectation;
  request(fx: Fixtures, caller: Caller, session: Session | null): Promise<Case>;
  /** When the outcome is ok: what the body may not contain (returns a problem, or null). */
  content?(fx: Fixtures, caller: Caller, res: LightMyRequestResponse): string | null;
  /** A step that can succeed once on the shared fixtures (publishing an edition's winners): after that, a valid request is refused with 409. */
  once?: true;
}

export const rowOf = (fx: Fixtures, table: typeof applications | typeof organisations | typeof editions | typeof users, id: string) => async () =>
  (await fx.t.database.db.select().from(table).where(eq(table.id, id)))[0];

export const read = (url: (fx: Fixtures) => string) => async (fx: Fixtures) => ({ url: url(fx) });
export const appWrite = (state: ApplicationState, suffix: string, body: unknown, extra: Partial<Parameters<Fixtures['app']>[0]> = {}) => async (fx: Fixtures) => {
  const id = await fx.app({ state, ...extra });
  return { url: `/api/applications/${id}${suffix}`, body, watch: rowOf(fx, applications, id) };
};

/** Caller-independent bodies with unique names (each case runs on its own). */
export const newOrganisation = (fx: Fixtures) => ({ name: `矩阵机构${fx.serial()}`, kind: 'other' as const });

/** An entry's route: a route that takes many actions has one entry per action, `<route> #<action>`. */
export const routeOfEntry = (key: string) => key.split(' #')[0];

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

