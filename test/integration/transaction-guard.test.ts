import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organisations } from '../../src/db/schema/index.js';
import { OuterHandleInTransactionError } from '../../src/db/transaction-guard.js';
import { inTransaction } from '../../src/services/context.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';

/**
 * PGlite has one connection: the outer handle used inside a transaction froze the whole
 * server (renaming an organisation did). The outer handle now refuses at once.
 */
describe.each(databaseKinds)('the outer database handle inside a transaction on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.createUser('office1', ['office']);
    office = await t.login('office1');
  });
  afterAll(() => t.close());

  it('renames an organisation, and the database keeps answering', async () => {
    const id = await organisationId(t, 'county', '兰山区');
    const renamed = await office.send('PATCH', `/api/organisations/${id}`, { name: '兰山区（新）' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('兰山区（新）');
    const [row] = await t.database.db.select().from(organisations).where(eq(organisations.id, id));
    expect(row.name).toBe('兰山区（新）');
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('refuses a query on the outer handle from inside a transaction, and rolls the transaction back', async () => {
    const ctx = t.systemCtx();
    const attempt = inTransaction(ctx, async (tctx) => {
      await tctx.tx.insert(organisations).values({ name: '回滚的机构', kind: 'other' });
      await ctx.db.select().from(organisations);
    });
    await expect(attempt).rejects.toBeInstanceOf(OuterHandleInTransactionError);
    expect(await t.database.db.select().from(organisations).where(eq(organisations.name, '回滚的机构'))).toHaveLength(0);
  });

  it('refuses a nested transaction on the outer handle', async () => {
    const ctx = t.systemCtx();
    const attempt = inTransaction(ctx, () => inTransaction(ctx, async () => 1));
    await expect(attempt).rejects.toBeInstanceOf(OuterHandleInTransactionError);
  });

  it('leaves the outer handle usable by other requests while a transaction is open', async () => {
    const ctx = t.systemCtx();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const open = inTransaction(ctx, async (tctx) => {
      await tctx.tx.select().from(organisations).limit(1);
      await held;
    });
    const outside = t.database.db.select().from(organisations).limit(1);
    release();
    await open;
    expect((await outside).length).toBe(1);
  });
});
