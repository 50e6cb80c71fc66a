/**
 * The few PostgreSQL wire-protocol frontend messages a named prepared statement needs
 * (Parse, Describe, Bind, Execute, Sync), and the decoding of the backend's answer into
 * PGlite's result shape. PGlite's own `query` always sends an unnamed statement, so the
 * server parses and plans it afresh every time; these let db/pglite-named.ts parse once.
 * Protocol reference: https://www.postgresql.org/docs/current/protocol-message-formats.html
 */
const encoder = new TextEncoder();

/** A message: its type byte, then an int32 length that counts itself, then the body. */
function message(type: string, parts: Uint8Array[]): Uint8Array {
  const bodyLength = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(5 + bodyLength);
  out[0] = type.charCodeAt(0);
  new DataView(out.buffer).setInt32(1, 4 + bodyLength);
  let at = 5;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const cstring = (s: string) => encoder.encode(`${s}\0`);
function int16(n: number): Uint8Array {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setInt16(0, n);
  return b;
}
function int32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, n);
  return b;
}

/** Several messages sent as one buffer: the backend handles them in order. */
export function concat(messages: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(messages.reduce((n, m) => n + m.length, 0));
  let at = 0;
  for (const m of messages) {
    out.set(m, at);
    at += m.length;
  }
  return out;
}

/** Parse: a named statement; parameter types left for the server to infer. */
export const parseMessage = (name: string, text: string) => message('P', [cstring(name), cstring(text), int16(0)]);
/** Describe of a statement: its parameter types and its row description (or NoData). */
export const describeStatement = (name: string) => message('D', [encoder.encode('S'), cstring(name)]);
/** Bind of the unnamed portal to a named statement, every value and result in text format. */
export function bindMessage(name: string, values: Array<string | null>): Uint8Array {
  const parts: Uint8Array[] = [cstring(''), cstring(name), int16(0), int16(values.length)];
  for (const v of values) {
    if (v === null) {
      parts.push(int32(-1));
    } else {
      const bytes = encoder.encode(v);
      parts.push(int32(bytes.length), bytes);
    }
  }
  parts.push(int16(0));
  return message('B', parts);
}
export const executeMessage = () => message('E', [cstring(''), int32(0)]);
export const syncMessage = () => message('S', []);
export const closeStatement = (name: string) => message('C', [encoder.encode('S'), cstring(name)]);

export interface Field {
  name: string;
  dataTypeID: number;
}
/** The backend messages PGlite hands back, reduced to what is read here. */
export interface BackendMessage {
  name: string;
  fields?: Array<Field | string | null>;
  dataTypeIDs?: number[];
  text?: string;
}
export type Parser = (value: string, typeId: number) => unknown;
