import { randomUUID } from 'node:crypto';

/**
 * A client with a bounded timeout on every request, which tells apart an answer (any status)
 * from no answer (connection refused or reset, timeout). The request id is chosen here and
 * sent as X-Request-Id, so the server's history and audit rows of the request can be found
 * whether or not the answer arrived.
 */
export interface Answer {
  requestId: string;
  /** 0 when no answer arrived. */
  status: number;
  body: unknown;
  /** Why there was no answer ('timeout', 'refused', 'reset', …). */
  failure?: string;
  ms: number;
}

export interface Session {
  username: string;
  cookie: string;
  csrf: string;
}

export const REQUEST_TIMEOUT_MS = 30_000;

export async function call(base: string, method: string, url: string, options: { session?: Session; json?: unknown; form?: FormData; timeoutMs?: number } = {}): Promise<Answer> {
  const requestId = randomUUID();
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (options.session) Object.assign(headers, { cookie: options.session.cookie, 'x-csrf-token': options.session.csrf });
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const started = Date.now();
  try {
    const res = await fetch(`${base}${url}`, {
      method,
      headers,
      body: options.form ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined),
      signal: AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { requestId, status: res.status, body, ms: Date.now() - started };
  } catch (error) {
    return { requestId, status: 0, body: null, failure: describeFailure(error), ms: Date.now() - started };
  }
}

function describeFailure(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string }; message?: string };
  if (e.name === 'TimeoutError') return 'timeout';
  return e.cause?.code ?? e.name ?? String(error);
}

export async function login(base: string, username: string, password: string): Promise<Session> {
  const requestId = randomUUID();
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { username, cookie, csrf: csrfToken };
}

/** A small valid PNG-typed file (the store sniffs only the signature) of random bytes. */
export function pngBytes(random: () => number, size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < size; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

export function uploadForm(bytes: Uint8Array<ArrayBuffer>, filename: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/png' }), filename);
  return form;
}

/** The project's seeded generator, so a failing run can be replayed from its printed seed. */
export { seededRandom } from '../../../src/domain/seeded-random.js';
