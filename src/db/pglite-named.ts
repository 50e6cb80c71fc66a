import { createHash } from 'node:crypto';
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
 * drizzle's own statements: their text holds a placeholder for every value, so the same text
 * comes back with other values. One statement each (Parse takes one), no transaction control.
 */
const REPEATING_STATEMENT = /^\s*(select|insert|update|delete|with)\s/i;
const AUTO_PREFIX = 'auto_';
/** Held statements with a name of our making; past this the least recently used is closed. */
export const MAX_AUTOMATIC_STATEMENTS = 1000;

/** The name a repeating statement is held under (from its text), or null for one-off SQL. */
export function automaticStatementName(text: string): string | null {
  if (!REPEATING_STATEMENT.test(text) || text.includes(';')) return null;
  return AUTO_PREFIX + createHash('sha1').update(text).digest('base64url');
}

/**
 * A client for drizzle over PGlite (or over one of its transactions). Every query runs as a
 * named prepared statement — Parse and Describe the first time, then only Bind, Execute and
 * Sync in one exchange, decoded here — so the backend keeps its parse tree and plan, and
 * PGlite's six exchanges per query (each copied and decoded by its JavaScript) become one.
 * The name is the caller's (`.prepare(name)`) or made from the text; SQL that does not repeat
 * (several statements, DDL, transaction control) goes to PGlite's own `query`.
 * Locking is PGlite's: outside a transaction the query waits for any running transaction.
 */
export function namedStatementClient(pglite: PGlite, tx: Transaction | null): PgliteQueryable {
  const plain = tx ?? pglite;
  return {
    query<T>(text: string, params: unknown[] = [], options?: { rowMode?: 'array' | 'object'; name?: string }) {
      const name = options?.name ?? automaticStatementName(text);
      if (!name) return plain.query<T>(text, params, options);
      if (tx?.closed) throw new Error('Transaction is closed');
      if (pglite.closed) throw new Error('PGlite is closed');
      const run = () => runNamed<T>(pglite, name, text, params, options?.rowMode ?? 'object', tx !== null);
      return tx ? pglite._runExclusiveQuery(run) : pglite._runExclusiveTransaction(() => pglite._runExclusiveQuery(run));
    },
  };
}

async function runNamed<T>(pglite: PGlite, name: string, text: string, params: unknown[], rowMode: 'array' | 'object', inTransaction: boolean): Promise<Results<T>> {
  let statements = prepared.get(pglite);
  if (!statements) prepared.set(pglite, (statements = new Map()));
  let statement = statements.get(name);
  if (statement && statement.text !== text) throw new Error(`prepared statement "${name}" already names another query`);
  if (statement && name.startsWith(AUTO_PREFIX)) {
    // Most recently used last: the first automatic entry is the one to close when too many are held.
    statements.delete(name);
    statements.set(name, statement);
  }
  if (!statement) {
    await closeLeastRecentlyUsed(pglite, statements);
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

/** Keeps the automatic statements under MAX_AUTOMATIC_STATEMENTS (one-off texts must not pile up in the backend). */
async function closeLeastRecentlyUsed(pglite: PGlite, statements: Map<string, Statement>): Promise<void> {
  let automatic = 0;
  for (const name of statements.keys()) if (name.startsWith(AUTO_PREFIX)) automatic++;
  if (automatic < MAX_AUTOMATIC_STATEMENTS) return;
  for (const name of statements.keys()) {
    if (!name.startsWith(AUTO_PREFIX)) continue;
    statements.delete(name);
    await pglite.execProtocolStream(concat([closeStatementMessage(name), syncMessage()]), { syncToFs: false });
    return;
  }
}
