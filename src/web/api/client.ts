import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { CurrentUser, MeResponse } from '../../contract/auth';

/** One field-level problem reported by the server on a validation error. */
export interface FieldError {
  field: string;
  message: string;
}

/** Every non-2xx answer of the API, parsed from `{ code, message, fields }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '无权执行此操作',
  404: '对象不存在或无权查看',
  409: '操作与当前状态冲突',
  422: '提交的内容未通过校验',
  429: '请求过于频繁，请稍后再试',
};

// The CSRF token of the current session, taken from the last /api/auth/me or login answer.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Called when any request answers 401: the shell drops the cached user and the guard redirects. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    const text = await res.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const obj = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const code = typeof obj.code === 'string' ? obj.code : `http_${res.status}`;
  const fallback = FALLBACK_MESSAGES[res.status] ?? (res.status >= 500 ? '服务器出错，请稍后再试' : '请求失败');
  const message = typeof obj.message === 'string' && obj.message ? obj.message : fallback;
  const fields = Array.isArray(obj.fields)
    ? obj.fields
        .filter((f): f is FieldError => !!f && typeof f === 'object' && typeof (f as FieldError).field === 'string')
        .map((f) => ({ field: f.field, message: String(f.message ?? '') }))
    : [];
  return new ApiError(res.status, code, message, fields);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试');
  }
}

/** Refreshes the CSRF token from /api/auth/me (ignores 401: there is simply no session). */
async function refreshCsrfToken(): Promise<void> {
  const res = await send('/api/auth/me', {});
  if (res.ok) {
    const me = (await res.json()) as MeResponse;
    csrfToken = me.csrfToken;
  } else {
    csrfToken = null;
  }
}

/**
 * JSON fetch wrapper for the API. Non-GET requests carry `x-csrf-token`; on a
 * `csrf_failed` answer the token is refreshed once and the request retried.
 * Resolves to the parsed body (undefined on 204), rejects with ApiError.
 */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  let res = await send(path, opts);
  if (!res.ok && method !== 'GET' && res.status === 403) {
    const err = await parseError(res.clone());
    if (err.code === 'csrf_failed') {
      await refreshCsrfToken();
      res = await send(path, opts);
    }
  }
  if (!res.ok) {
    const err = await parseError(res);
    if (err.status === 401 && path !== '/api/auth/me' && path !== '/api/auth/login') onUnauthenticated?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const apiGet = <T>(path: string, signal?: AbortSignal) => api<T>(path, { signal });
export const apiPost = <T>(path: string, body?: unknown) => api<T>(path, { method: 'POST', body: body ?? {} });
export const apiPut = <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body });
export const apiPatch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body });

/** Builds a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') usp.set(k, String(v));
  const s = usp.toString();
  return s ? `?${s}` : '';
}

export const ME_KEY = ['auth', 'me'] as const;

/** The current session, or null when the server answers 401. */
export async function fetchMe(signal?: AbortSignal): Promise<MeResponse | null> {
  try {
    const me = await apiGet<MeResponse>('/api/auth/me', signal);
    csrfToken = me.csrfToken;
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      csrfToken = null;
      return null;
    }
    throw err;
  }
}

/** The signed-in user (data.user), `null` data when not signed in. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: ({ signal }) => fetchMe(signal), staleTime: 60_000 });
}

/** Stores a fresh session (after login) so the guard lets the user in without another round trip. */
export function rememberSession(client: QueryClient, me: MeResponse): void {
  csrfToken = me.csrfToken;
  // Nothing cached for a previous user may show to this one.
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, me);
}

/** Forgets the session locally (after logout or a 401). */
export function forgetSession(client: QueryClient): void {
  csrfToken = null;
  void client.cancelQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, null);
  // Pages still mounted are left alone (removing their queries would refetch them);
  // they unmount on the redirect and everything else is dropped at the next login.
  client.removeQueries({ type: 'inactive', predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
}

export type { CurrentUser };
