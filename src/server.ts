import type { AppConfig } from './config.js';
import type { Database } from './db/connection.js';
import { buildApp } from './http/app.js';
import type { ZodApp } from './http/deps.js';
import { loadOrCreateWitnessKey, witnessHead } from './services/audit/witness.js';
import { auditHead } from './db/schema/index.js';
import { startContentSweep, startTempSweep, sweepFileStore } from './services/files/sweep.js';
import { startOutboxWorker } from './services/mail/outbox-worker.js';
import { openConfiguredDatabase, systemContext } from './runtime.js';
import { bootstrapOperators, type CreatedCredential } from './services/seed/bootstrap.js';
import { serverClock } from './clock.js';
import { loadDemo } from './services/seed/demo.js';
import type { DemoMilestone } from './services/seed/demo/milestones.js';
import { seedReferenceData } from './services/seed/directory.js';
import { shutdownGracefully } from './shutdown.js';
import { publishBackupEndpoint } from './services/backup/server-channel.js';
import { configureHoldWatchdog } from './db/hold-watchdog.js';

function printCredentials(title: string, credentials: CreatedCredential[]): void {
  if (credentials.length === 0) return;
  // A password the operator supplied through the environment is never echoed back.
  const lines = credentials.map((c) => `  ${c.role.padEnd(22)} ${c.username.padEnd(18)} ${c.generated ? c.password : '（环境变量中设置的密码 / as set in the environment）'}`);
  // Printed once on the console on purpose (never to the structured log): the operator must see them.
  process.stdout.write(`\n${title}\n${lines.join('\n')}\n\n`);
}

/**
 * PGlite has no autovacuum daemon: without this its tables would never be analysed (the
 * planner would guess) nor vacuumed. A PostgreSQL server does this by itself.
 */
function scheduleMaintenance(database: Database, log: { warn(obj: unknown, msg: string): void }): NodeJS.Timeout | undefined {
  if (database.kind !== 'pglite') return undefined;
  const run = () => database.exec('VACUUM ANALYZE').catch((err) => log.warn({ err }, 'database maintenance failed'));
  setTimeout(run, 5_000).unref();
  const timer = setInterval(run, 60 * 60_000);
  timer.unref();
  return timer;
}

/** How a process on this machine reaches the server (a wildcard address is reached through loopback). */
function localUrl(address: ReturnType<ZodApp['server']['address']>, fallbackPort: number): string {
  if (!address || typeof address === 'string') return `http://127.0.0.1:${fallbackPort}`;
  const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** How often dead uploads' temp files are looked for while the server runs. */
const TEMP_SWEEP_INTERVAL_MS = 60_000;
/** The whole file-store sweep (a directory walk and one query), a few times per grace period. */
const CONTENT_SWEEP_INTERVAL_MS = 5 * 60_000;
/** After the drain deadline, how long closing HTTP, background work and the database may take. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Starts the server: database (migrations applied), reference data, first-start operator
 * accounts, optional demo data, then HTTP. SIGTERM/SIGINT drain requests in flight (new ones
 * get 503), cut what is still open at SHUTDOWN_SECONDS, remove temp files and close the
 * database (PGlite flushes to disk) before exiting.
 */
export async function startServer(config: AppConfig, options: { demo: boolean; demoThrough?: DemoMilestone; demoProfile?: string; database?: Promise<Database> }): Promise<void> {
  const startedAt = Date.now();
  const database = await (options.database ?? openConfiguredDatabase(config));
  const ctx = systemContext(database, config, 'startup');
  // The audit witness's key is created on first start (0600), and the current head is witnessed.
  loadOrCreateWitnessKey(config.audit.keyFile);
  const [head] = await database.db.select().from(auditHead);
  if (head) witnessHead(config.audit, head);
  await seedReferenceData(ctx);
  printCredentials('首次启动已创建运维账号 (first start: operator accounts created — change these passwords):', await bootstrapOperators(ctx));
  if (options.demo) printCredentials('演示账号 (demo accounts, one per role):', await loadDemo(ctx, { through: options.demoThrough, profile: options.demoProfile }));

  const app = await buildApp({ database, config, now: serverClock(config.testClockFile) }, { logger: { level: config.logLevel } });
  configureHoldWatchdog({
    limitMs: config.dbHoldLimitMs,
    onExceeded: (hold) => app.log.error(hold, 'a transaction has held the database longer than DB_HOLD_LIMIT_SECONDS'),
  });
  if (config.testClockFile) app.log.warn({ file: config.testClockFile }, 'TEST_CLOCK_FILE is set: the clock is a test clock (never in production)');
  app.log.info(await sweepFileStore(config.dataDir, database.db), 'file store swept');
  const outbox = startOutboxWorker(database.db, config);
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ db: database.kind, ms: Date.now() - startedAt }, `listening on http://localhost:${config.port}`);

  const maintenance = scheduleMaintenance(database, app.log);
  // PGlite: this process alone can open the database, so `cli backup` asks it (services/backup/server-channel.ts).
  const backupEndpoint = database.kind === 'pglite' ? await publishBackupEndpoint(config.dataDir, localUrl(app.server.address(), config.port)) : null;
  // A live upload touches its temp file at least every body-idle timeout; older ones are dead.
  const tempSweep = startTempSweep(config.dataDir, {
    intervalMs: TEMP_SWEEP_INTERVAL_MS,
    graceMs: Math.max(2 * 60_000, 4 * config.http.bodyIdleMs),
    onSwept: (removed) => removed > 0 && app.log.info({ removed }, 'temp files of dead uploads removed'),
    onError: (err) => app.log.warn({ err }, 'temp file sweep failed'),
  });
  // Content of an upload refused or cut between placing and committing is freed while running.
  const contentSweep = startContentSweep(config.dataDir, database.db, {
    intervalMs: CONTENT_SWEEP_INTERVAL_MS,
    tmpGraceMs: Math.max(2 * 60_000, 4 * config.http.bodyIdleMs),
    onSwept: (result) => (result.orphansRemoved > 0 || result.tempFilesRemoved > 0) && app.log.info(result, 'file store swept'),
    onError: (err) => app.log.warn({ err }, 'file store sweep failed'),
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, ms: config.http.shutdownMs }, 'shutting down');
    // Last resort: a database that does not close in time does not hold the process either.
    setTimeout(() => {
      app.log.error({ signal }, 'shutdown did not finish, exiting');
      process.exit(1);
    }, config.http.shutdownMs + SHUTDOWN_GRACE_MS).unref();
    try {
      const result = await shutdownGracefully({
        app,
        deadlineMs: config.http.shutdownMs,
        dataDir: config.dataDir,
        background: [() => clearInterval(maintenance), () => tempSweep.stop(), () => contentSweep.stop(), () => outbox.stop(), () => backupEndpoint?.remove()],
        database,
      });
      app.log.info(result, 'shut down');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
