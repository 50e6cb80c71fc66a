import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { CALLERS, classify, routeOfEntry, routesOf, type Caller, type Fixtures } from './support/matrix-rules.js';
import { KNOWN_DEFECTS, MATRIX } from './support/matrix-table.js';
import { buildMatrixFixtures } from './support/matrix-fixtures.js';

/** Every route × every caller (the table and its rationale: support/matrix-table.ts). */

const CASES = Object.keys(MATRIX).flatMap((route) => CALLERS.map((caller) => ({ route, caller })));
const isKnownDefect = (route: string, caller: Caller) => KNOWN_DEFECTS.some((d) => d.route === route && d.caller === caller);

describe.each(databaseKinds)('authorization matrix on %s', (kind) => {
  let t: TestApp;
  let fx: Fixtures;
  const sessions = new Map<Caller, Session | null>();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'matrix-'));

  beforeAll(async () => {
    t = await startTestApp(kind, { DATA_DIR: dataDir });
    const built = await buildMatrixFixtures(t);
    fx = built.fx;
    for (const [caller, session] of built.sessions) sessions.set(caller, session);
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
