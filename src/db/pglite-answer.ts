import { messages } from '@electric-sql/pglite';
import type { Field, Parser } from './pglite-protocol.js';

/**
 * Decoding of the backend's raw answer to Bind/Execute/Sync, for db/pglite-named.ts.
 *
 * Why not PGlite's own parser (execProtocolStream): it copies every field into a fresh
 * ArrayBuffer before decoding it (`buffer.slice` per value), and allocating hundreds of
 * ArrayBuffers per query was the largest single cost of a list request on PGlite (12% of its
 * CPU). Here each text value is decoded straight from a view of the answer, and only the
 * messages a statement's execution can produce are read.
 * Protocol reference: https://www.postgresql.org/docs/current/protocol-message-formats.html
 */
const decoder = new TextDecoder();

export interface DecodedResult {
  rows: unknown[];
  fields: Field[];
  affectedRows: number;
  rowCount?: number;
  command?: string;
}

/** Collects the chunks the backend writes during one exchange (they are views of wasm memory: copied). */
export class AnswerBuffer {
  private chunks: Uint8Array[] = [];
  private length = 0;
  readonly onRawData = (chunk: Uint8Array) => {
    this.chunks.push(chunk.slice());
    this.length += chunk.length;
  };
  bytes(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const ERROR_FIELDS: Record<string, string> = {
  S: 'severity', C: 'code', D: 'detail', H: 'hint', P: 'position', p: 'internalPosition', q: 'internalQuery', W: 'where',
  s: 'schema', t: 'table', c: 'column', d: 'dataType', n: 'constraint', F: 'file', L: 'line', R: 'routine',
};

/** An ErrorResponse as the DatabaseError PGlite itself would throw (code, constraint, detail…). */
function databaseError(data: Uint8Array, from: number, to: number, length: number): Error {
  const found: Record<string, string> = {};
  let at = from;
  while (at < to && data[at] !== 0) {
    const key = String.fromCharCode(data[at]);
    const end = data.indexOf(0, at + 1);
    found[key] = decoder.decode(data.subarray(at + 1, end));
    at = end + 1;
  }
  const error = new messages.DatabaseError(found.M ?? 'unknown database error', length, 'error') as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(found)) if (ERROR_FIELDS[key]) error[ERROR_FIELDS[key]] = value;
  return error as unknown as Error;
}

/**
 * Rows of one statement's execution, decoded with `parsers` exactly as PGlite's parseResults
 * does (text format; a parser per type id, else the text). Throws the first ErrorResponse.
 */
export function decodeAnswer(data: Uint8Array, fields: Field[], parsers: Record<number, Parser>, rowMode: 'array' | 'object'): DecodedResult {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const fieldParsers = fields.map((f) => parsers[f.dataTypeID]);
  const rows: unknown[] = [];
  const result: DecodedResult = { rows, fields, affectedRows: 0 };
  let error: Error | null = null;
  for (let at = 0; at + 5 <= data.length; ) {
    const type = data[at];
    const end = at + 1 + view.getInt32(at + 1);
    if (type === 0x44 /* D: DataRow */) {
      let p = at + 7;
      const count = view.getInt16(at + 5);
      const values: unknown[] = new Array(count);
      for (let i = 0; i < count; i++) {
        const size = view.getInt32(p);
        p += 4;
        if (size < 0) {
          values[i] = null;
          continue;
        }
        const text = decoder.decode(data.subarray(p, p + size));
        p += size;
        const parse = fieldParsers[i];
        values[i] = parse ? parse(text, fields[i].dataTypeID) : text;
      }
      if (rowMode === 'array') rows.push(values);
      else {
        const row: Record<string, unknown> = {};
        for (let i = 0; i < count; i++) row[fields[i].name] = values[i];
        rows.push(row);
      }
    } else if (type === 0x43 /* C: CommandComplete */) {
      const words = decoder.decode(data.subarray(at + 5, end - 1)).split(' ');
      const n = Number.parseInt(words[words.length - 1], 10);
      result.command = words[0];
      if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(words[0])) result.affectedRows = n;
      if (!Number.isNaN(n)) result.rowCount = n;
    } else if (type === 0x45 /* E: ErrorResponse */ && !error) {
      error = databaseError(data, at + 5, end, end - at - 1);
    }
    at = end;
  }
  if (error) throw error;
  return result;
}
