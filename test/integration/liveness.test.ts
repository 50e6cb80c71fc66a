import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { configureHoldWatchdog, holdWatchdogSettings, type HoldReport } from '../../src/db/hold-watchdog.js';
import { organisations } from '../../src/db/schema/index.js';
import { inTransaction } from '../../src/services/context.js';
import { budget } from '../support/budget.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';

/**
 * The watchdog must catch a transaction that never ends while it is still stuck: the
 * organisation rename once waited, inside its transaction, for the outer handle (PGlite's
 * one connection; on PostgreSQL a second connection waiting for the row the transaction
 * locked). The guard now refuses the outer handle, so the test reproduces the deadlock
 * below the guard, on the raw client.
 */
const HOLD_LIMIT_MS = 300;

async function waitUntil(done: () => boolean, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Renames a county inside a transaction and, holding it, reaches the database a second way. */
function renameWhileWaitingOnTheOuterClient(t: TestApp, id: string, rawClient: { query: (sql: string, params?: unknown[]) => Promise<unknown> }): Promise<unknown> {
  return inTransaction(t.systemCtx(), async (tctx) => {
    await tctx.tx.update(organisations).set({ name: '兰山区（改名中）' }).where(eq(organisations.id, id));
    await rawClient.query('UPDATE organisations SET name = $1 WHERE id = $2', ['兰山区（另一连接）', id]);
  });
}

describe.each(databaseKinds)('liveness on %s', (kind) => {
  const previous = holdWatchdogSettings();
  afterEach(() => configureHoldWatchdog(previous));

  it('reports a deadlocked transaction while it is held, with where it was opened, and /api/health answers', async () => {
    const t = await startTestApp(kind, { DB_HOLD_LIMIT_SECONDS: String(HOLD_LIMIT_MS / 1000) });
    const fired: HoldReport[] = [];
    configureHoldWatchdog({ limitMs: HOLD_LIMIT_MS, onExceeded: (hold) => fired.push(hold) });
    const id = await organisationId(t, 'county', '兰山区');
    const rawClient = (t.database.db as unknown as { $client: { query: (sql: string, params?: unknown[]) => Promise<unknown> } }).$client;
    const stuck = renameWhileWaitingOnTheOuterClient(t, id, rawClient);
    stuck.catch(() => undefined);

    await waitUntil(() => fired.length > 0, budget(5_000));
    expect(fired[0].heldMs).toBeGreaterThanOrEqual(HOLD_LIMIT_MS);
    expect(fired[0].openedAt).toContain('renameWhileWaitingOnTheOuterClient');

    // Health never hangs: PGlite cannot answer past the held lock (timeout); PostgreSQL
    // answers SELECT 1 but reports the stuck transaction (stalled).
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', database: kind === 'pglite' ? 'timeout' : 'stalled' });
    expect(health.json().oldestTransactionMs).toBeGreaterThanOrEqual(HOLD_LIMIT_MS);

    if (kind === 'postgres') {
      // Break the deadlock from outside; the stuck request fails and the database is free again.
      await t.database.superuserQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      await expect(stuck).rejects.toThrow();
      await t.close();
    }
    // PGlite's one connection stays deadlocked for good: the in-memory database is abandoned.
  });

  it('stays quiet for transactions that end within the bound', async () => {
    const t = await startTestApp(kind);
    const fired: HoldReport[] = [];
    configureHoldWatchdog({ limitMs: budget(2_000), onExceeded: (hold) => fired.push(hold) });
    await t.createUser('office1', ['office']);
    const office = await t.login('office1');
    const renamed = await office.send('PATCH', `/api/organisations/${await organisationId(t, 'county', '兰山区')}`, { name: '兰山区（新）' });
    expect(renamed.statusCode).toBe(200);
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', database: 'ok', oldestTransactionMs: 0 });
    expect(fired).toEqual([]);
    await t.close();
  });
});
