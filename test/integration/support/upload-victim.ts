/**
 * A server process for the killed-during-upload test: opens the database the test prepared
 * (PGlite under DATA_DIR, or DATABASE_URL), serves the API on an ephemeral port, prints
 * `{"port": N}` on one line, then waits to be killed with SIGKILL.
 */
import { loadConfig } from '../../../src/config.js';
import { buildApp } from '../../../src/http/app.js';
import { openConfiguredDatabase } from '../../../src/runtime.js';
import { ensureFileRoutes } from './files-fixtures.js';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const database = await openConfiguredDatabase(config);
const deps = { database, config, now: () => new Date() };
const app = await buildApp(deps, { serveWeb: false });
await ensureFileRoutes(app, deps);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
