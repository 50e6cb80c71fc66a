import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import { rateLimits, users } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/services/auth/passwords.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, TEST_PASSWORD, type Session, type TestApp } from './support/app.js';
import { CALLERS, classify, routeOfEntry, routesOf, type Caller, type Entry, type Fixtures } from './support/matrix-rules.js';
import { MATRIX } from './support/matrix-table.js';
import { buildMatrixFixtures } from './support/matrix-fixtures.js';
import { arbitraryOf, routeSchemas, type JsonSchema, type RouteSchemas } from './support/fuzz-schema.js';
import { mutateBody, mutateUrl, mutationArb, rawBody, type Mutation } from './support/fuzz-mutations.js';
import { multipartMutationArb, mutateMultipart, type MultipartMutation } from './support/fuzz-multipart.js';
import { answerProblems, changedTables, fingerprint } from './support/fuzz-oracle.js';

/**
 * Every route that writes, fuzzed from its contract (issue 14): bodies, path parameters and
 * query strings drawn from the route's zod schema (through the OpenAPI document), and hostile
 * mutations of the valid request the authorization matrix's fixtures build for it. Sent as a
 * caller who may call the route and, a quarter of the time, as one who may not.
 * Properties: never a 5xx; a refusal is a 4xx with a known code of that status, a Chinese
 * message, and the fields at fault; after a refusal no table has changed (the audit log included).
 *
 * Cost: FUZZ_RUNS runs per route and database (default 4); FUZZ_SEED reproduces a run (it is
 * printed at the start and in every failure). `FUZZ_RUNS=25 npx vitest run --project
 * integration test/integration/fuzz-routes.test.ts` is the proof mode.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
console.log(`fuzz-routes: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const WRITING = new Set<string>(['POST', 'PUT', 'PATCH', 'DELETE']);
const ENTRIES = Object.keys(MATRIX).filter((key) => WRITING.has(key.split(' ')[0]));

/**
 * Refusals that must write: a wrong password — at login or as the current password of a change —
 * is counted on the account (the lockout) and audited. Every other refusal leaves every table as it was.
 */
const PASSWORD_FAILURE = ['users', 'audit_log', 'audit_head'];
const REFUSAL_WRITES: Record<string, string[]> = { 'POST /api/auth/login': PASSWORD_FAILURE, 'POST /api/auth/password': PASSWORD_FAILURE };

const seedOf = (key: string) => [...key].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, SEED);

/** Who may call the entry's route (the first who succeeds, else the first the state refuses), and one who may not. */
function callersOf(entry: Entry): { allowed: Caller; denied: Caller | null } {
  const e = entry.expect;
  const allowed =
    CALLERS.find((c) => c !== 'anonymous' && e[c] === 'ok') ?? CALLERS.find((c) => e[c] === 'ok') ?? CALLERS.find((c) => c !== 'anonymous' && e[c] === 'refused') ?? 'anonymous';
  const denied = CALLERS.find((c) => c !== 'anonymous' && (e[c] === 'forbidden' || e[c] === 'hidden')) ?? (e.anonymous === 'unauth' ? 'anonymous' : null);
  return { allowed, denied };
}

type JsonInput = { kind: 'valid' } | { kind: 'generated'; body: unknown; query: unknown } | { kind: 'generatedParams'; params: unknown } | Mutation;
interface Input {
  json: JsonInput;
  multipart: MultipartMutation | null;
  denied: boolean;
}

function inputArb(schemas: RouteSchemas | undefined, resolve: (ref: string) => JsonSchema | undefined): fc.Arbitrary<Input> {
  const generated = fc.record({ kind: fc.constant('generated' as const), body: arbitraryOf(schemas?.body, resolve), query: schemas?.query ? arbitraryOf(schemas.query, resolve) : fc.constant(null) });
  const json = fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'valid' as const }) },
    { weight: 3, arbitrary: generated },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('generatedParams' as const), params: schemas?.params ? arbitraryOf(schemas.params, resolve) : fc.constant({}) }) },
    { weight: 7, arbitrary: mutationArb },
  );
  return fc.record({ json, multipart: fc.option(multipartMutationArb, { freq: 6 }), denied: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))) });
}

const queryString = (q: unknown) =>
  q && typeof q === 'object'
    ? Object.entries(q)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
        .join('&')
    : '';

/** The request the input makes of the fixture's valid one, and the field its refusal must name. */
function requestOf(pattern: string, c: { url: string; body?: unknown; multipart?: { body: Buffer; contentType: string } }, input: Input) {
  const j = input.json;
  let url = c.url;
  if (j.kind === 'param' || j.kind === 'query') url = mutateUrl(pattern, url, j);
  if (j.kind === 'generated' && j.query) url = `${url.split('?')[0]}?${queryString(j.query)}`;
  if (j.kind === 'generatedParams' && j.params && typeof j.params === 'object') {
    const params = j.params as Record<string, unknown>;
    url = pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params[name] ?? 'x'))) + (url.includes('?') ? `?${url.split('?')[1]}` : '');
  }
  if (c.multipart) {
    const sent = input.multipart ? mutateMultipart(c.multipart, input.multipart) : { payload: c.multipart.body, contentType: c.multipart.contentType };
    return { url, payload: sent.payload as Buffer | string | undefined, contentType: sent.contentType, mustName: null as string | null };
  }
  const json = (body: unknown) => (body === undefined ? undefined : JSON.stringify(body));
  switch (j.kind) {
    case 'body': {
      const { body, mustName } = mutateBody(c.body, j);
      return { url, payload: json(body), contentType: 'application/json', mustName };
    }
    case 'raw': {
      const raw = rawBody(c.body, j.variant);
      return { url, payload: raw.payload, contentType: raw.contentType, mustName: null };
    }
    case 'generated':
      return { url, payload: json(j.body), contentType: 'application/json', mustName: null };
    default:
      return { url, payload: json(c.body), contentType: c.body === undefined ? undefined : 'application/json', mustName: null };
  }
}

describe.each(databaseKinds)('every writing route refuses hostile input cleanly on %s', (kind) => {
  let t: TestApp;
  let fx: Fixtures;
  let schemas: Map<string, RouteSchemas>;
  let resolve: (ref: string) => JsonSchema | undefined;
  const sessions = new Map<Caller, Session | null>();
  const fuzzed = new Map<string, number>();
  /** Routes whose request has succeeded (for `once` steps, test/integration/support/matrix-rules.ts). */
  const succeededOnce = new Set<string>();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-'));
  const spareHash = hashPassword(TEST_PASSWORD);

  beforeAll(async () => {
    t = await startTestApp(kind, { DATA_DIR: dataDir });
    const built = await buildMatrixFixtures(t);
    fx = built.fx;
    for (const [caller, session] of built.sessions) sessions.set(caller, session);
    await t.app.ready();
    const openapi = t.app.swagger() as { components?: { schemas?: Record<string, JsonSchema> } };
    schemas = routeSchemas(openapi);
    resolve = (ref) => openapi.components?.schemas?.[ref.split('/').pop()!];
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** One request; throws with everything needed to reproduce it when a property fails. */
  async function probe(route: string, pattern: string, method: Method, caller: Caller, c: Parameters<typeof requestOf>[1] & { as?: Session | null }, input: Input, expected?: string) {
    const own = sessions.get(caller) ?? null;
    const session = c.as === undefined ? own : c.as;
    const req = requestOf(pattern, c, input);
    const headers: Record<string, string> = session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {};
    if (req.contentType && req.payload !== undefined) headers['content-type'] = req.contentType;
    const before = await fingerprint(t);
    const res = await t.app.inject({ method, url: req.url, headers, ...(req.payload === undefined ? {} : { payload: req.payload }) });
    const problems = answerProblems(res, req.mustName);
    if (expected && input.denied && res.statusCode < 400) problems.push(`a caller the matrix refuses (${caller}) succeeded`);
    // A step that succeeds once on the shared fixtures is refused (409) once it has succeeded.
    const expectedNow = expected === 'ok' && MATRIX[route].once && succeededOnce.has(route) ? 'refused' : expected;
    if (expectedNow && input.json.kind === 'valid' && !input.multipart && classify(res.statusCode) !== expectedNow) problems.push(`valid request answered ${res.statusCode}, the matrix expects ${expectedNow}`);
    if (res.statusCode < 300) succeededOnce.add(route);
    if (res.statusCode >= 400) {
      const changed = changedTables(before, await fingerprint(t)).filter((table) => !REFUSAL_WRITES[route]?.includes(table));
      if (changed.length) problems.push(`refused (${res.statusCode}) but changed ${changed.join(', ')}`);
    }
    if (problems.length) {
      const shown = typeof req.payload === 'string' ? req.payload.slice(0, 400) : req.payload ? `<${req.payload.length} bytes> ${req.payload.subarray(0, 200).toString('latin1')}` : '';
      throw new Error(`${route} as ${caller} [FUZZ_SEED=${SEED}]: ${problems.join('; ')}\n  ${method} ${req.url.slice(0, 300)}\n  ${req.contentType ?? ''} ${shown}\n  → ${res.statusCode} ${res.body.slice(0, 400)}`);
    }
  }

  it.each(ENTRIES)('%s', async (key) => {
    const entry = MATRIX[key];
    const [method, pattern] = routeOfEntry(key).split(' ') as [Method, string];
    const { allowed, denied } = callersOf(entry);
    const property = fc.asyncProperty(inputArb(schemas.get(routeOfEntry(key)), resolve), async (input) => {
      const caller = input.denied && denied ? denied : allowed;
      const c = await entry.request(fx, caller, sessions.get(caller) ?? null);
      fuzzed.set(routeOfEntry(key), (fuzzed.get(routeOfEntry(key)) ?? 0) + 1);
      try {
        await probe(key, pattern, method, caller, c, { ...input, denied: caller !== allowed }, entry.expect[caller]);
      } finally {
        // The next run must be able to log in again: wrong passwords lock accounts, the password route changes the spare ones'.
        if (key === 'POST /api/auth/login' || key === 'POST /api/auth/password') {
          await t.database.db.update(users).set({ failedLogins: 0, lockedUntil: null });
          await t.database.db.update(users).set({ passwordHash: await spareHash }).where(like(users.username, 'spare\\_%'));
          await t.database.db.delete(rateLimits);
        }
      }
    });
    await fc.assert(property, { numRuns: RUNS, seed: seedOf(key), endOnFailure: true });
  });

  it('every writing route of the app was fuzzed (a route without a matrix fixture is named here)', async () => {
    const writing = routesOf(t.app.printRoutes({ commonPrefix: false })).filter((r) => WRITING.has(r.split(' ')[0]));
    const missing = writing.filter((r) => !fuzzed.get(r));
    // Still probe them from the schema alone, so a new route's 5xx shows up next to its name.
    for (const route of missing) {
      const [method, pattern] = route.split(' ') as [Method, string];
      const property = fc.asyncProperty(inputArb(schemas.get(route), resolve), async (input) => {
        const c = { url: pattern.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000'), body: {} };
        await probe(route, pattern, method, 'office', c, { ...input, json: input.json.kind === 'valid' ? { kind: 'generated', body: {}, query: null } : input.json });
      });
      await fc.assert(property, { numRuns: RUNS, seed: seedOf(route), endOnFailure: true });
    }
    expect(missing, 'writing routes without a fuzz target: give each an entry in support/matrix-table.ts').toEqual([]);
  });
});
