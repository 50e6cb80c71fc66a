import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { date, integer, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../../src/db/connection.js';
import { automaticStatementName, MAX_AUTOMATIC_STATEMENTS, preparedStatementsOf } from '../../src/db/pglite-named.js';
import { executePrepared } from '../../src/db/prepared.js';
import { OuterHandleInTransactionError } from '../../src/db/transaction-guard.js';

/**
 * db/pglite-drizzle.ts: drizzle over PGlite without a parser table copied per query, and with
 * `.prepare(name)` as a real named statement — while every type still decodes as drizzle's
 * own PGlite driver decodes it.
 */
const sample = pgTable('pglite_types_sample', {
  id: integer('id').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  naive: timestamp('naive').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  dayAsDate: date('day_as_date', { mode: 'date' }).notNull(),
  amount: numeric('amount').notNull(),
  doc: jsonb('doc').$type<{ a: number; b: string[]; c: null }>().notNull(),
  tags: text('tags').array().notNull(),
  scores: integer('scores').array().notNull(),
  amounts: numeric('amounts').array().notNull(),
  ats: timestamp('ats', { withTimezone: true }).array().notNull(),
});

const row = {
  id: 1,
  at: new Date('2026-12-01T08:30:15.123Z'),
  naive: new Date('2026-12-01T08:30:15.000Z'),
  day: '2026-02-28',
  dayAsDate: new Date('2026-03-01T00:00:00.000Z'),
  amount: '12345678901234567890.0123',
  doc: { a: 1.5, b: ['甲', 'b"c'], c: null },
  tags: ['一', 'two words', 'quote"d', ''],
  scores: [3, -1, 0],
  amounts: ['1.10', '99999999999999999999.5'],
  ats: [new Date('2026-01-02T03:04:05.678Z'), new Date('1999-12-31T23:59:59.000Z')],
};

/** drizzle wraps a driver's error ("Failed query: …"); the driver's own message is its cause. */
const causeOf = (promise: Promise<unknown>) => promise.then(() => 'no error', (e: { cause?: { message?: string } }) => e.cause?.message ?? String(e));

describe('drizzle over PGlite (db/pglite-drizzle.ts)', () => {
  let database: Database;
  let client: PGlite;
  let copies = 0;

  beforeAll(async () => {
    database = await openDatabase({ pgliteDir: 'memory://' });
    client = (database.db as unknown as { $client: PGlite }).$client;
    await database.exec(`CREATE TABLE pglite_types_sample (
      id integer PRIMARY KEY, at timestamptz NOT NULL, naive timestamp NOT NULL, day date NOT NULL, day_as_date date NOT NULL,
      amount numeric NOT NULL, doc jsonb NOT NULL, tags text[] NOT NULL, scores integer[] NOT NULL, amounts numeric[] NOT NULL, ats timestamptz[] NOT NULL)`);
    await database.db.insert(sample).values(row);
    // PGlite copies its parser table with a spread ({...parsers, ...options.parsers}), which enumerates its keys.
    const parsers = client.parsers;
    client.parsers = new Proxy(parsers, {
      ownKeys(target) {
        copies++;
        return Reflect.ownKeys(target);
      },
    });
  });
  afterAll(() => database.close());

  const select = () => database.db.select().from(sample).where(eq(sample.id, 1));

  it('decodes dates, numerics, jsonb and arrays like drizzle does, plain, prepared and in a transaction', async () => {
    const plain = await select();
    const prepared = await executePrepared('types_sample', select());
    const again = await executePrepared('types_sample', select());
    const inTx = await database.db.transaction(async (tx) => executePrepared('types_sample', tx.select().from(sample).where(eq(sample.id, 1))));
    for (const rows of [plain, prepared, again, inTx]) expect(rows).toEqual([row]);
    const [raw] = (await database.db.execute(sql`SELECT at, amount, doc, tags FROM pglite_types_sample`)).rows as Array<Record<string, unknown>>;
    expect(raw).toEqual({ at: '2026-12-01 08:30:15.123+00', amount: '12345678901234567890.0123', doc: row.doc, tags: row.tags });
  });

  it('sends no parser table with a query, so none is copied', async () => {
    copies = 0;
    await select();
    await executePrepared('types_sample', select());
    await database.db.transaction(async (tx) => {
      await tx.select().from(sample);
      await tx.update(sample).set({ amount: '1' }).where(eq(sample.id, 2));
    });
    await database.db.execute(sql`SELECT 1`);
    expect(copies).toBe(0);
    // The detector works: PGlite's own query with its own parsers copies the table once.
    await client.query('SELECT 1', [], { parsers: {} });
    expect(copies).toBe(1);
  });

  it('a named statement is parsed once and then only executed', async () => {
    const name = 'pglite_named_probe';
    const query = () => database.db.select({ id: sample.id }).from(sample).where(eq(sample.id, sql.placeholder('id'))).prepare(name);
    expect(await query().execute({ id: 1 })).toEqual([{ id: 1 }]);
    expect(await query().execute({ id: 2 })).toEqual([]);
    expect(preparedStatementsOf(client).has(name)).toBe(true);
    // The backend holds it under that name: one statement, however often it ran.
    const held = await client.query<{ name: string }>(`SELECT name FROM pg_prepared_statements WHERE name = '${name}'`);
    expect(held.rows).toEqual([{ name }]);
    // One name, one text: a second query under the same name is refused rather than run.
    expect(await causeOf(database.db.select().from(sample).prepare(name).execute())).toMatch(/already names another query/);
  });

  it("drizzle's repeating statements are held by the backend and then run in one exchange each", async () => {
    const exchanges: string[] = [];
    const exchange = client.execProtocolRawSync.bind(client);
    client.execProtocolRawSync = (message: Uint8Array) => {
      exchanges.push(String.fromCharCode(message[0]));
      return exchange(message);
    };
    try {
      const byAmount = (amount: string) => database.db.select({ id: sample.id }).from(sample).where(eq(sample.amount, amount));
      const text = byAmount('x').toSQL().sql;
      const name = automaticStatementName(text)!;
      expect(name).toMatch(/^auto_/);
      expect(await byAmount(row.amount)).toEqual([{ id: 1 }]);
      exchanges.length = 0;
      expect(await byAmount('0')).toEqual([]);
      await database.db.transaction(async (tx) => expect(await tx.select({ id: sample.id }).from(sample).where(eq(sample.amount, row.amount))).toEqual([{ id: 1 }]));
      // Bind + Execute + Sync in one exchange each (the transaction adds its BEGIN and COMMIT).
      expect(exchanges.filter((t) => t === 'B')).toHaveLength(2);
      expect(exchanges.filter((t) => t === 'P')).toHaveLength(0);
      const held = await client.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements WHERE name = $1', [name]);
      expect(held.rows).toEqual([{ statement: text }]);
    } finally {
      client.execProtocolRawSync = exchange;
    }
  });

  it('leaves one-off SQL to PGlite and keeps the held statements bounded', async () => {
    expect(automaticStatementName('CREATE TABLE t (x int)')).toBeNull();
    expect(automaticStatementName('SELECT 1; SELECT 2')).toBeNull();
    expect(automaticStatementName('BEGIN')).toBeNull();
    for (let i = 0; i < MAX_AUTOMATIC_STATEMENTS + 20; i++) {
      expect(await database.db.select({ n: sql<number>`${sql.raw(String(i))}::int` }).from(sample)).toEqual([{ n: i }]);
    }
    const held = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'auto\\_%'`);
    expect(held.rows[0].n).toBeLessThanOrEqual(MAX_AUTOMATIC_STATEMENTS);
    expect(held.rows[0].n).toBeGreaterThan(MAX_AUTOMATIC_STATEMENTS - 10);
    // The least recently used went, not the one in use: the sample select is still held.
    expect(await select()).toEqual([row]);
  });

  it('a failed named statement leaves the connection usable, in and out of a transaction', async () => {
    const bad = () => database.db.select({ n: sql<number>`1 / (${sample.id} - 1)` }).from(sample).prepare('pglite_division');
    expect(await causeOf(bad().execute())).toMatch(/division by zero/);
    expect(await select()).toEqual([row]);
    expect(await causeOf(database.db.transaction(async (tx) => tx.select({ n: sql<number>`1 / (${sample.id} - 1)` }).from(sample).prepare('pglite_division').execute()))).toMatch(/division by zero/);
    expect(await executePrepared('types_sample', select())).toEqual([row]);
  });

  it("a named statement's error carries PostgreSQL's fields, and its counts and NULLs come through", async () => {
    const insert = () => database.db.insert(sample).values({ ...row, id: sql.placeholder('id') as unknown as number }).prepare('pglite_insert_probe');
    const error = await insert().execute({ id: 1 }).then(() => null, (e: { cause?: Record<string, unknown> }) => e.cause ?? e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505', constraint: 'pglite_types_sample_pkey', table: 'pglite_types_sample', severity: 'ERROR' });
    expect(String((error as { detail?: string }).detail)).toContain('(id)=(1)');
    const update = database.db.update(sample).set({ amount: '2.5' }).where(eq(sample.id, sql.placeholder('id'))).prepare('pglite_update_probe');
    const result = (await update.execute({ id: 1 })) as unknown as { affectedRows: number };
    expect(result.affectedRows).toBe(1);
    const nulls = await database.db.select({ nothing: sql<string | null>`NULL::text`, wide: sql<string>`repeat('质', 3000)` }).from(sample).prepare('pglite_nulls_probe').execute();
    expect(nulls).toEqual([{ nothing: null, wide: '质'.repeat(3000) }]);
  });

  it('the outer handle is still refused inside a transaction, prepared or not', async () => {
    await expect(database.db.transaction(async () => executePrepared('types_sample', select()))).rejects.toBeInstanceOf(OuterHandleInTransactionError);
  });
});
