import type { PGlite } from '@electric-sql/pglite';
import { preparedStatementsOf } from './pglite-named.js';

/**
 * On PGlite, every change of the data passes through this process's one backend, one
 * exchange at a time (`execProtocolRawSync`), so whether data may have changed is known
 * without asking the database: a counter moves after every exchange that executed anything
 * but a plain SELECT (an INSERT, UPDATE, DELETE, COPY, TRUNCATE, a COMMIT, a migration…).
 * A SELECT changes no table here: the schema's only writing functions run from triggers.
 * The count is the read cache's position on PGlite (db/wal-position.ts); over-counting only
 * costs a cache miss.
 */
interface Watch {
  changes: number;
  /** The text of the unnamed statement (PGlite's own queries parse, bind and execute it in separate exchanges). */
  unnamedText: string;
  /** The statement behind the unnamed portal, as the last Bind named it. */
  boundText: string;
}
const watches = new WeakMap<PGlite, Watch>();

const decoder = new TextDecoder();
const cstringAt = (bytes: Uint8Array, at: number): [string, number] => {
  const end = bytes.indexOf(0, at);
  return [decoder.decode(bytes.subarray(at, end)), end + 1];
};
const isPlainSelect = (text: string) => /^\s*select\b/i.test(text);

/** Reads the frontend messages of one exchange; true when one of them may have changed data. */
function executesChange(pglite: PGlite, watch: Watch, message: Uint8Array): boolean {
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  let changes = false;
  for (let at = 0; at + 5 <= message.length; at += 1 + view.getInt32(at + 1)) {
    const type = String.fromCharCode(message[at]);
    if (type === 'Q') {
      changes ||= !isPlainSelect(cstringAt(message, at + 5)[0]);
    } else if (type === 'P') {
      const [name, next] = cstringAt(message, at + 5);
      if (name === '') watch.unnamedText = cstringAt(message, next)[0];
    } else if (type === 'B') {
      const [, next] = cstringAt(message, at + 5);
      const [statement] = cstringAt(message, next);
      watch.boundText = statement === '' ? watch.unnamedText : (preparedStatementsOf(pglite).get(statement)?.text ?? '');
    } else if (type === 'E') {
      changes ||= !isPlainSelect(watch.boundText);
    }
  }
  return changes;
}

/** Starts counting `pglite`'s changes (once per instance; before any query runs). */
export function watchPgliteWrites(pglite: PGlite): void {
  if (watches.has(pglite)) return;
  const watch: Watch = { changes: 0, unnamedText: '', boundText: '' };
  watches.set(pglite, watch);
  const exchange = pglite.execProtocolRawSync.bind(pglite);
  pglite.execProtocolRawSync = (message: Uint8Array) => {
    // Counted after the exchange, in the same synchronous call: no read can start in between.
    try {
      return exchange(message);
    } finally {
      if (executesChange(pglite, watch, message)) watch.changes++;
    }
  };
}

/** How many exchanges may have changed data since the watch began; null when not watched. */
export function pgliteChanges(pglite: PGlite): number | null {
  return watches.get(pglite)?.changes ?? null;
}
