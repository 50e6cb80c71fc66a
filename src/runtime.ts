import path from 'node:path';
import { serverClock } from './clock.js';
import type { AppConfig } from './config.js';
import { openDatabase, type Database } from './db/connection.js';
import type { ServiceContext } from './services/context.js';

/** Opens the configured database (PGlite under DATA_DIR/db, or DATABASE_URL), by default with migrations applied. */
export function openConfiguredDatabase(config: AppConfig, options: { migrate?: boolean } = {}): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, poolSize: config.dbPoolSize, pgliteDir: pgliteFolder(config), migrate: options.migrate });
}

/** The embedded database's folder (used only without DATABASE_URL). */
export const pgliteFolder = (config: AppConfig): string => path.join(config.dataDir, 'db');

/** A context for work the system does by itself (seeding, CLI maintenance): no human actor. */
export function systemContext(database: Database, config: AppConfig, requestId = 'system'): ServiceContext {
  return { db: database.db, actor: null, requestId, now: serverClock(config.testClockFile), config };
}
