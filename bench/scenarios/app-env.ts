import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/connection.js';
import { buildApp } from '../../src/http/app.js';
import type { AppDeps, ZodApp } from '../../src/http/deps.js';
import { registerFileRoutes } from '../../src/http/routes/files.js';
import type { ServiceContext } from '../../src/services/context.js';
import { seedReferenceData } from '../../src/services/seed/directory.js';
import { benchConfig } from '../lib/config.js';
import { portOf } from '../lib/net.js';
import { createBenchDatabase, type PostgresServer } from '../lib/postgres.js';

export type DbKind = 'pglite' | 'postgres';

export interface AppEnv {
  kind: DbKind;
  app: ZodApp;
  baseUrl: string;
  database: Database;
  config: AppConfig;
  dataDir: string;
  now: () => Date;
  systemCtx(): ServiceContext;
  uploadRoute: 'app' | 'forced' | 'missing';
  close(): Promise<void>;
}

/**
 * A business clock pinned to the same instant as the integration tests (inside the open
 * edition's application window), advancing in real time so sessions and timestamps move.
 */
const CLOCK_ORIGIN = new Date('2026-11-30T02:00:00Z').getTime();
export function benchClock(): () => Date {
  const started = Date.now();
  return () => new Date(CLOCK_ORIGIN + (Date.now() - started));
}

/**
 * The app as `npm start` builds it (same buildApp, logger at LOG_LEVEL=info writing to
 * /dev/null, the UI served when built), listening on 127.0.0.1 on a random port, over a
 * PGlite data folder on disk or a fresh database on the PostgreSQL server (pool of 10,
 * the production default).
 */
export async function startAppEnv(kind: DbKind, pgServer: PostgresServer | null): Promise<AppEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${kind}-`));
  let dropDatabase: (() => Promise<void>) | null = null;
  let database: Database;
  if (kind === 'postgres') {
    if (!pgServer) throw new Error('postgres requested without a server');
    const created = await createBenchDatabase(pgServer);
    dropDatabase = created.drop;
    database = await openDatabase({ databaseUrl: created.url });
  } else {
    database = await openDatabase({ pgliteDir: path.join(dataDir, 'db') });
  }
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: benchConfig.appLogLevel, HOST: '127.0.0.1', PORT: '0' });
  const now = benchClock();
  const systemCtx = (): ServiceContext => ({ db: database.db, actor: null, requestId: 'bench', now, config });
  await seedReferenceData(systemCtx());

  const deps: AppDeps = { database, config, now };
  const devNull = fs.createWriteStream('/dev/null');
  const logger = config.logLevel === 'silent' ? false : { level: config.logLevel, stream: devNull };
  const app = await buildApp(deps, { logger });
  // Mirrors test/integration/support/files-fixtures.ts ensureFileRoutes: only on request.
  await app.after();
  let uploadRoute: AppEnv['uploadRoute'] = app.hasRoute({ method: 'POST', url: '/api/applications/:id/files' }) ? 'app' : 'missing';
  if (uploadRoute === 'missing' && benchConfig.forceFileRoutes) {
    registerFileRoutes(app, deps);
    uploadRoute = 'forced';
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  if (uploadRoute === 'missing' && app.hasRoute({ method: 'POST', url: '/api/applications/:id/files' })) uploadRoute = 'app';
  const baseUrl = `http://127.0.0.1:${portOf(app.server.address())}`;

  return {
    kind,
    app,
    baseUrl,
    database,
    config,
    dataDir,
    now,
    systemCtx,
    uploadRoute,
    async close() {
      await app.close();
      await database.close();
      devNull.end();
      if (dropDatabase) await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
