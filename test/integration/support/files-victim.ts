import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../../src/config.js';
import { openDatabase, type Database } from '../../../src/db/connection.js';
import { inTransaction } from '../../../src/services/context.js';
import { seedReferenceData } from '../../../src/services/seed/directory.js';
import { insertUser } from '../../../src/services/users.js';
import { TEST_PASSWORD } from './app.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js';
import { createApplication, createEdition } from './files-fixtures.js';

/** Helpers for the killed-server upload test: a database prepared here, served by upload-victim.ts. */

/** The database the victim will serve: PGlite under dataDir/db, or a fresh PostgreSQL database. */
export function openVictimDatabase(kind: DatabaseKind, dataDir: string): Promise<Database | TestDatabase> {
  return kind === 'pglite' ? openDatabase({ pgliteDir: path.join(dataDir, 'db') }) : createTestDatabase('postgres');
}

/** Reference data, one applicant account and its draft application. */
export async function prepareVictimData(database: Database, dataDir: string): Promise<{ username: string; applicationId: string }> {
  const ctx = { db: database.db, actor: null, requestId: 'test', now: () => new Date(), config: loadConfig({ DATA_DIR: dataDir }) };
  await seedReferenceData(ctx);
  const username = 'victimunit';
  const userId = await inTransaction(ctx, (tctx) =>
    insertUser(tctx, { username, displayName: '申报单位', password: TEST_PASSWORD, roles: ['applicant_unit'], organisationId: null }),
  );
  const applicationId = await createApplication(database.db, { editionId: await createEdition(database.db), applicantUserId: userId });
  return { username, applicationId };
}

export interface Victim {
  child: ChildProcess;
  exited: Promise<unknown>;
  baseUrl: string;
}

/** Starts the server in a child process and waits for the port it prints. */
export async function startVictim(dataDir: string, databaseUrl: string | undefined): Promise<Victim> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/support/upload-victim.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', MAX_FILE_MB: '64' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { child, exited, baseUrl: `http://127.0.0.1:${JSON.parse(line).port}` };
}

/** Logs in over HTTP; returns the headers a write request needs. */
export async function loginOverHttp(baseUrl: string, username: string): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}
