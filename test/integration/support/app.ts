import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type AppConfig } from '../../../src/config.js';
import { buildApp } from '../../../src/http/app.js';
import type { ZodApp } from '../../../src/http/deps.js';
import type { Actor, Role } from '../../../src/domain/roles.js';
import type { ServiceContext } from '../../../src/services/context.js';
import { inTransaction } from '../../../src/services/context.js';
import { classifyFault } from '../../../src/services/faults.js';
import { seedReferenceData } from '../../../src/services/seed/directory.js';
import { insertUser } from '../../../src/services/users.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js';
import { assertInvariants, type InvariantName } from './invariants.js';

export const TEST_PASSWORD = 'Test-Pass-2026';

/** A clock the test moves by hand, for expiry and deadline scenarios. */
export class TestClock {
  constructor(private current = new Date('2026-11-30T02:00:00Z')) {}
  now = () => new Date(this.current.getTime());
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string) {
    this.current = new Date(iso);
  }
}

export interface TestApp {
  app: ZodApp;
  database: TestDatabase;
  clock: TestClock;
  config: AppConfig;
  systemCtx(): ServiceContext;
  ctxFor(actor: Actor | null): ServiceContext;
  createUser(username: string, roles: Role[], organisationId?: string | null): Promise<string>;
  login(username: string, password?: string): Promise<Session>;
  /**
   * This scenario breaks `check` on purpose (say why): the invariant checker run at close()
   * leaves that one check out. Every other check still runs.
   */
  tolerateBroken(check: InvariantName, why: string): void;
  /** Runs the invariant checker (support/invariants.ts), closes the app and its database, then fails on any violation. */
  close(): Promise<void>;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  userId: string;
  get(url: string): Promise<LightMyRequestResponse>;
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export async function startTestApp(kind: DatabaseKind, env: Record<string, string> = {}, existing?: TestDatabase, appOptions: Parameters<typeof buildApp>[1] = {}): Promise<TestApp> {
  const database = existing ?? (await createTestDatabase(kind));
  const config = loadConfig({ DATA_DIR: '/tmp/unused', ...env });
  const clock = new TestClock();
  const app = await buildApp({ database, config, now: clock.now }, { serveWeb: false, ...appOptions });
  const ctxFor = (actor: Actor | null): ServiceContext => ({ db: database.db, actor, requestId: 'test', now: clock.now, config });
  if (!existing) await seedReferenceData(ctxFor(null));

  const sessionFor = (cookie: string, csrfToken: string, userId: string): Session => ({
    cookie,
    csrfToken,
    userId,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    send: (method, url, body) =>
      app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrfToken }, ...(body === undefined ? {} : { payload: body as object }) }),
  });

  const tolerated = new Map<InvariantName, string>();
  return {
    app,
    database,
    clock,
    config,
    systemCtx: () => ctxFor(null),
    ctxFor,
    createUser: (username, roles, organisationId = null) =>
      inTransaction(ctxFor(null), (tctx) => insertUser(tctx, { username, displayName: username, password: TEST_PASSWORD, roles, organisationId })),
    async login(username, password = TEST_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = `sid=${res.cookies.find((c) => c.name === 'sid')!.value}`;
      const body = res.json() as { csrfToken: string; user: { id: string } };
      return sessionFor(cookie, body.csrfToken, body.user.id);
    },
    tolerateBroken(check, why) {
      tolerated.set(check, why);
    },
    async close() {
      let broken: unknown = null;
      // A test that took the database away on purpose (unavailable, database-faults) leaves nothing to check.
      await assertInvariants({ db: database.db, dataDir: config.dataDir, now: clock.now() }, tolerated).catch((error: unknown) => {
        if (classifyFault(error) !== 'database_unavailable') broken = error;
      });
      await app.close();
      if (!existing) await database.close();
      if (broken) throw broken;
    },
  };
}
