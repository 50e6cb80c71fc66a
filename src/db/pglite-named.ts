import type { PGlite, Results, Transaction } from '@electric-sql/pglite';
import { AnswerBuffer, decodeAnswer } from './pglite-answer.js';
import { bindMessage, closeStatement as closeStatementMessage, concat, describeStatement, executeMessage, parseMessage, syncMessage, type BackendMessage, type Field, type Parser } from './pglite-protocol.js';

/** What drizzle's PGlite session calls on its client. */
export interface PgliteQueryable {
  query<T>(text: string, params?: unknown[], options?: { rowMode?: 'array' | 'object'; name?: string }): Promise<Results<T>>;
}

/** A statement the backend holds under its name: parsed (and, once used, planned) once. */
interface Statement {
  text: string;
  paramTypes: number[];
  fields: Field[];
}
/** Per PGlite instance (one backend, so one set of named statements), shared by its transactions. */
const prepared = new WeakMap<PGlite, Map<string, Statement>>();

export function preparedStatementsOf(pglite: PGlite): ReadonlyMap<string, Statement> {
  return prepared.get(pglite) ?? new Map();
}

/**
 * A client for drizzle over PGlite (or over one of its transactions): a query with a `name`
 * runs as that named prepared statement — Parse and Describe the first time, then only Bind,
 * Execute and Sync in one message — so the backend keeps its parse tree and plan; any other
 * query goes to PGlite's own `query` (an unnamed statement, parsed and planned each time).
 * Locking is PGlite's: outside a transaction the query waits for any running transaction.
 */
export function namedStatementClient(pglite: PGlite, tx: Transaction | null): PgliteQueryable {
  const plain = tx ?? pglite;
  return {
    query<T>(text: string, params: unknown[] = [], options?: { rowMode?: 'array' | 'object'; name?: string }) {
      if (!options?.name) return plain.query<T>(text, params, options);
      if (tx?.closed) throw new Error('Transaction is closed');
      if (pglite.closed) throw new Error('PGlite is closed');
      const name = options.name;
      const run = () => runNamed<T>(pglite, name, text, params, options.rowMode ?? 'object', tx !== null);
      return tx ? pglite._runExclusiveQuery(run) : pglite._runExclusiveTransaction(() => pglite._runExclusiveQuery(run));
    },
  };
}

async function runNamed<T>(pglite: PGlite, name: string, text: string, params: unknown[], rowMode: 'array' | 'object', inTransaction: boolean): Promise<Results<T>> {
  let statements = prepared.get(pglite);
  if (!statements) prepared.set(pglite, (statements = new Map()));
  let statement = statements.get(name);
  if (statement && statement.text !== text) throw new Error(`prepared statement "${name}" already names another query`);
  if (!statement) {
    const described = (await pglite.execProtocolStream(concat([parseMessage(name, text), describeStatement(name), syncMessage()]), { syncToFs: false })) as BackendMessage[];
    const rowDescription = described.find((m) => m.name === 'rowDescription');
    statement = {
      text,
      paramTypes: described.find((m) => m.name === 'parameterDescription')?.dataTypeIDs ?? [],
      fields: ((rowDescription?.fields ?? []) as Field[]).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    };
    statements.set(name, statement);
  }
  // Values are serialised as PGlite's own query does: by the parameter's type, else as text.
  const serializers = pglite.serializers as Record<number, ((v: unknown) => string) | undefined>;
  const values = params.map((value, i) => {
    if (value === null || value === undefined) return null;
    const serialize = serializers[statement.paramTypes[i]];
    return serialize ? serialize(value) : String(value);
  });
  // The raw answer, decoded here (db/pglite-answer.ts: PGlite's parser copies every value).
  const answer = new AnswerBuffer();
  await pglite.execProtocolRawStream(concat([bindMessage(name, values), executeMessage(), syncMessage()]), { syncToFs: false, onRawData: answer.onRawData });
  let decoded;
  try {
    decoded = decodeAnswer(answer.bytes(), statement.fields, pglite.parsers as Record<number, Parser>, rowMode);
  } catch (error) {
    // The schema changed under the statement ("cached plan must not change result type"): prepare it afresh next time.
    if ((error as { code?: string }).code === '0A000') {
      statements.delete(name);
      await pglite.execProtocolStream(concat([closeStatementMessage(name), syncMessage()]), { syncToFs: false }).catch(() => undefined);
    }
    throw error;
  }
  if (!inTransaction) await pglite.syncToFs();
  return decoded as unknown as Results<T>;
}
