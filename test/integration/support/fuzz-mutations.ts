import fc from 'fast-check';
import { textProblem } from '../../../src/contract/text.js';
import { NASTY_TEXT } from './fuzz-schema.js';

/**
 * Mutations of a valid request: one value somewhere in the body replaced by something hostile,
 * raw bytes that are not UTF-8 or not JSON, hostile path and query segments, hostile parts of a
 * multipart upload. Each mutation is data (fast-check shrinks and prints it); `apply*` turns it
 * into a request once the fixture has produced the valid one.
 */

const nest = (depth: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Text no field accepts: the edge must name the field (a 422 with `fields`). */
export const FORBIDDEN_TEXT = ['a\u0000b', '\u0000', 'x\u0007y', '\u001b[31m红\u001b[0m', 'a\u000bb', '\uD800', 'a\uDFFFb', '\uDBFF'];

const IMPOSSIBLE_DATES = [
  '2026-02-30', '2026-13-01', '2026-00-10', '0000-01-01', '9999-12-31', '275760-09-13', '+275760-09-14', '-000001-01-01',
  '2026-11-30T25:61:00Z', '2026-2-3', '1900-01-01', '20261130', '2026-11-30 ', ' 2026-11-30', '２０２６-11-30', '',
];

const WRONG_TYPES: unknown[] = [0, -1, 1.5, 2 ** 31, 2 ** 63, -(2 ** 31) - 1, 1e308, -1e308, true, false, null, [], {}, [[]], 'x', '1', 'true', 'null'];

export type Replacement =
  | { kind: 'value'; value: unknown }
  | { kind: 'forbiddenText'; text: string }
  | { kind: 'huge'; length: number; char: string }
  | { kind: 'deep'; depth: number }
  | { kind: 'appendText'; text: string };

export const replacementArb: fc.Arbitrary<Replacement> = fc.oneof(
  fc.constantFrom(...WRONG_TYPES).map((value) => ({ kind: 'value' as const, value })),
  fc.constantFrom(...IMPOSSIBLE_DATES, ...NASTY_TEXT).map((value) => ({ kind: 'value' as const, value })),
  fc.constantFrom(...FORBIDDEN_TEXT).map((text) => ({ kind: 'forbiddenText' as const, text })),
  fc.record({ kind: fc.constant('huge' as const), length: fc.constantFrom(300, 5_000, 70_000, 400_000, 1_100_000), char: fc.constantFrom('a', '字', '😀', ' ') }),
  fc.record({ kind: fc.constant('deep' as const), depth: fc.constantFrom(65, 3_000) }),
  fc.constantFrom(...NASTY_TEXT, ...FORBIDDEN_TEXT).map((text) => ({ kind: 'appendText' as const, text })),
);

export type Mutation =
  /** Replace the value at the n-th path of the valid body (0 = the body itself), or add key `extraKey` there. */
  | { kind: 'body'; pick: number; replacement: Replacement; extraKey: string | null }
  /** Bytes that are not a valid JSON request. */
  | { kind: 'raw'; variant: number }
  | { kind: 'param'; pick: number; value: string }
  | { kind: 'query'; key: string | null; value: string };

const HOSTILE_SEGMENTS = ['not-a-uuid', '%00', '%ED%A0%80', '%C0%AF', '..%2F..%2Fetc%2Fpasswd', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '-1', '99999999999999999999', '2026-02-30', '%3Cscript%3E', "'%20OR%201=1", 'x'.repeat(3000)];
const HOSTILE_QUERY = ['%00', '%ED%A0%80', '%E0%A4%A', '<script>', "' OR 1=1", '2026-02-30', '-1', '1e999', 'x'.repeat(5000), '%u0000', '[]', '__proto__'];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('body' as const), pick: fc.nat(), replacement: replacementArb, extraKey: fc.option(fc.constantFrom('extra', '__proto__', 'constructor', 'a\u0000', '𠮷'), { freq: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('raw' as const), variant: fc.nat({ max: 63 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('param' as const), pick: fc.nat(), value: fc.constantFrom(...HOSTILE_SEGMENTS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('query' as const), key: fc.option(fc.constantFrom('purpose', 'itemCode', 'q', 'limit', 'x%00'), { freq: 3 }), value: fc.constantFrom(...HOSTILE_QUERY) }) },
);

/** Every path into a JSON value, the root first. */
export function pathsOf(value: unknown, path: string[] = [], out: string[][] = []): string[][] {
  out.push(path);
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

function replacementValue(r: Replacement, old: unknown): unknown {
  switch (r.kind) {
    case 'value':
      return r.value;
    case 'forbiddenText':
      return r.text;
    case 'huge':
      return r.char.repeat(r.length);
    case 'deep':
      return nest(r.depth);
    case 'appendText':
      return `${typeof old === 'string' ? old : ''}${r.text}`;
  }
}

const clone = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/**
 * The mutated body and, for text no field accepts, the field the refusal must name. Object keys
 * are set with defineProperty so `__proto__` becomes an own key and reaches the JSON text.
 */
export function mutateBody(valid: unknown, m: Extract<Mutation, { kind: 'body' }>): { body: unknown; mustName: string | null } {
  const root = clone(valid ?? {});
  const paths = pathsOf(root);
  const path = paths[m.pick % paths.length];
  const set = (target: unknown, key: string, value: unknown) =>
    Object.defineProperty(target as object, key, { value, enumerable: true, writable: true, configurable: true });
  const parentOf = (p: string[]) => p.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], root);
  const at = path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], root);
  const value = replacementValue(m.replacement, at);
  const forbidden = m.replacement.kind === 'forbiddenText' || (m.replacement.kind === 'appendText' && FORBIDDEN_TEXT.includes(m.replacement.text));
  if (m.extraKey !== null && at && typeof at === 'object' && !Array.isArray(at)) {
    set(at, m.extraKey, value);
    // A `__proto__` key makes the JSON parser refuse the whole body (invalid_json) before any field is looked at.
    if (m.extraKey === '__proto__') return { body: root, mustName: null };
    const keyForbidden = textProblem(m.extraKey) !== null;
    return { body: root, mustName: keyForbidden || forbidden ? [...path, m.extraKey.replace('\u0000', '\\u0000')].join('.') : null };
  }
  if (!path.length) return { body: value, mustName: forbidden ? 'body' : null };
  set(parentOf(path), path[path.length - 1], value);
  return { body: root, mustName: forbidden ? path.join('.') : null };
}

const RAW: Array<(json: string) => { payload: Buffer; contentType: string }> = [
  // Invalid UTF-8 inside the first string: a lone continuation byte, an overlong '/', an encoded surrogate, a truncated sequence.
  ...[[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe4, 0xb8], [0xff, 0xfe]].map((bytes) => (json: string) => {
    const at = json.indexOf('"') + 1;
    const text = at > 0 ? json : '"x"';
    const cut = at > 0 ? at : 1;
    return { payload: Buffer.concat([Buffer.from(text.slice(0, cut)), Buffer.from(bytes), Buffer.from(text.slice(cut))]), contentType: 'application/json' };
  }),
  (json) => ({ payload: Buffer.from(json.slice(0, Math.max(1, json.length >> 1))), contentType: 'application/json' }),
  (json) => ({ payload: Buffer.from(`${json}}`), contentType: 'application/json' }),
  () => ({ payload: Buffer.alloc(0), contentType: 'application/json' }),
  () => ({ payload: Buffer.from('{"__proto__":{"isAdmin":true}}'), contentType: 'application/json' }),
  (json) => ({ payload: Buffer.from(json), contentType: 'text/plain' }),
  () => ({ payload: Buffer.from('a=1&b=%00'), contentType: 'application/x-www-form-urlencoded' }),
  (json) => ({ payload: Buffer.from(json), contentType: 'application/json; charset=latin1' }),
  () => ({ payload: Buffer.from('['.repeat(100_000)), contentType: 'application/json' }),
  () => ({ payload: Buffer.from('{"a":1,"a":2}'), contentType: 'application/json' }),
];

export function rawBody(valid: unknown, variant: number): { payload: Buffer; contentType: string } {
  return RAW[variant % RAW.length](JSON.stringify(valid ?? {}));
}

/** The URL with its n-th `:param` segment (by the route pattern) or its query string made hostile. */
export function mutateUrl(pattern: string, url: string, m: Extract<Mutation, { kind: 'param' | 'query' }>): string {
  const [pathPart, query = ''] = url.split('?');
  if (m.kind === 'param') {
    const params = pattern.split('/').flatMap((seg, i) => (seg.startsWith(':') ? [i] : []));
    if (!params.length) return `${pathPart}/${m.value}${query ? `?${query}` : ''}`;
    const segments = pathPart.split('/');
    segments[params[m.pick % params.length]] = m.value;
    return `${segments.join('/')}${query ? `?${query}` : ''}`;
  }
  const pairs = query ? query.split('&') : [];
  const key = m.key ?? pairs[0]?.split('=')[0] ?? 'x';
  return `${pathPart}?${[...pairs.filter((p) => p.split('=')[0] !== key), `${key}=${m.value}`].join('&')}`;
}
