import { expect, request, type APIRequestContext } from '@playwright/test';

/** A signed-in API client for setting up what a test does not click through (CSRF token from the login answer). */
export interface Api {
  get<T = any>(url: string): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
  send<T = any>(method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
  context: APIRequestContext;
}

export async function apiAs(baseURL: string, username: string, password: string): Promise<Api> {
  const context = await request.newContext({ baseURL });
  const login = await context.post('/api/auth/login', { data: { username, password } });
  expect(login.status(), await login.text()).toBe(200);
  const csrf = (await login.json()).csrfToken as string;
  return {
    context,
    async get(url) {
      const res = await context.get(url);
      expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
      return res.json();
    },
    async send(method, url, body) {
      const res = await context.fetch(url, { method, headers: { 'x-csrf-token': csrf }, ...(body === undefined ? {} : { data: body }) });
      expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
      return res.headers()['content-type']?.includes('json') ? res.json() : null;
    },
  };
}
