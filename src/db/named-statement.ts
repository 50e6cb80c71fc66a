import { protocol, types, type PGlite } from '@electric-sql/pglite';
import { fillPlaceholders } from 'drizzle-orm';
import type { Db } from './connection.js';
import { handleKind } from './handle-kind.js';
import { isInsideTransaction, OuterHandleInTransactionError } from './transaction-guard.js';

/** What a drizzle query built with `sql.placeholder(...)` offers: its SQL, and drizzle's own prepare. */
export interface PreparableQuery {
  toSQL(): { sql: string; params: unknown[] };
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<unknown> };
}

export interface NamedStatementSpec {
  /** The server-side statement name (unique per database). */
  name: string;
  /** Built once per database, on the outer handle, with placeholders for the values. */
  build: (db: Db) => PreparableQuery;
  /** A select's keys in selection order (PGlite answers rows as arrays); omit for writes. */
  keys?: readonly string[];
  /** A write must reach PGlite's file system like any other commit. */
  writes?: boolean;
}

export type NamedStatement<Row> = (db: Db, values: Record<string, unknown>) => Promise<Row[]>;

/**
 * A hot query parsed and planned once per connection, then only bound and executed: on
 * PostgreSQL through drizzle's `.prepare(name)`; on PGlite (whose drizzle driver ignores the
 * name) through PGlite's wire protocol, one Bind/Execute/Sync round per call, decoding with
 * PGlite's own parser table (nothing copied per query).
 * Like the outer handle itself (transaction-guard.ts), it refuses to run inside a transaction.
 */
export function namedStatement<Row>(spec: NamedStatementSpec): NamedStatement<Row> {
  const perDatabase = new WeakMap<object, (values: Record<string, unknown>) => Promise<Row[]>>();
  return (db, values) => {
    if (isInsideTransaction()) throw new OuterHandleInTransactionError(`named statement ${spec.name}`);
    let run = perDatabase.get(db);
    if (!run) {
      run = bindTo<Row>(db, spec);
      perDatabase.set(db, run);
    }
    return run(values);
  };
}

function bindTo<Row>(db: Db, spec: NamedStatementSpec): (values: Record<string, unknown>) => Promise<Row[]> {
  const query = spec.build(db);
  if (handleKind(db) === 'postgres') {
    const prepared = query.prepare(spec.name);
    return async (values) => (await prepared.execute(values)) as Row[];
  }
  const client = (db as unknown as { $client: PGlite }).$client;
  const { sql: text, params } = query.toSQL();
  const statement = new PgliteStatement(client, spec.name, text, spec.writes ?? false);
  return async (values) => {
    const rows = await statement.run(fillPlaceholders(params, values));
    if (!spec.keys) return [];
    const keys = spec.keys;
    return rows.map((row) => Object.fromEntries(keys.map((key, i) => [key, row[i]])) as Row);
  };
}

interface StatementShape {
  paramTypes: number[];
  fieldTypes: number[];
}

/** SQLSTATEs after which the statement is parsed again: it is gone, or the schema under it changed. */
const REPARSE_CODES = new Set(['26000', '0A000']);

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

class PgliteStatement {
  private shape: StatementShape | null = null;

  constructor(
    private readonly client: PGlite,
    private readonly name: string,
    private readonly text: string,
    private readonly writes: boolean,
  ) {}

  /** Same locks as PGlite's own query(): never inside someone's open transaction. */
  run(params: unknown[]): Promise<unknown[][]> {
    return this.client._runExclusiveTransaction(() =>
      this.client._runExclusiveQuery(async () => {
        try {
          return await this.execute(params);
        } catch (error) {
          if (!REPARSE_CODES.has((error as { code?: string }).code ?? '')) throw error;
          this.shape = null;
          return this.execute(params);
        }
      }),
    );
  }

  private async execute(params: unknown[]): Promise<unknown[][]> {
    const shape = this.shape ?? (this.shape = await this.parse());
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = this.client.serializers[shape.paramTypes[i]];
      return serializer ? serializer(value) : String(value);
    });
    const { serialize } = protocol;
    const messages = await this.client.execProtocolStream(concat([serialize.bind({ statement: this.name, values }), serialize.execute({}), serialize.sync()]), { syncToFs: false });
    if (this.writes) await this.client.syncToFs();
    const rows: unknown[][] = [];
    for (const message of messages) {
      if (message.name !== 'dataRow') continue;
      const fields = (message as unknown as { fields: Array<string | null> }).fields;
      rows.push(fields.map((field, i) => (field === null ? null : types.parseType(field, shape.fieldTypes[i], this.client.parsers))));
    }
    return rows;
  }

  /** Close (a no-op when absent), Parse and Describe: the statement's parameter and column types. */
  private async parse(): Promise<StatementShape> {
    const { serialize } = protocol;
    const messages = await this.client.execProtocolStream(
      concat([serialize.close({ type: 'S', name: this.name }), serialize.parse({ name: this.name, text: this.text }), serialize.describe({ type: 'S', name: this.name }), serialize.sync()]),
      { syncToFs: false },
    );
    const params = messages.find((m) => m.name === 'parameterDescription') as unknown as { dataTypeIDs: number[] } | undefined;
    const row = messages.find((m) => m.name === 'rowDescription') as unknown as { fields: Array<{ dataTypeID: number }> } | undefined;
    return { paramTypes: params?.dataTypeIDs ?? [], fieldTypes: row?.fields.map((f) => f.dataTypeID) ?? [] };
  }
}
