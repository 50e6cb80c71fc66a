import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODE_NAMES } from '../../src/contract/errors.js';
import { startTestApp, type TestApp } from './support/app.js';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, { enum?: string[] }> };
}

/**
 * A declared success answer: 204 (no body), or a 2xx with a JSON schema, or a binary body
 * declared by its content type (downloads and exports).
 */
function declaresSuccess(op: Operation): boolean {
  return Object.entries(op.responses ?? {}).some(([status, response]) => {
    if (status === '204') return true;
    if (!/^2\d\d$/.test(status)) return false;
    return Object.values(response.content ?? {}).some((media) => media.schema !== undefined);
  });
}

describe('one typed API contract', () => {
  let t: TestApp;
  let doc: OpenApi;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    await t.app.ready();
    doc = t.app.swagger() as unknown as OpenApi;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/') && !path.startsWith('/api/docs'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));

  it('every API route declares its success response (or is listed as pending)', () => {
    const missing = operations()
      .filter(({ key, op }) => !declaresSuccess(op))
      .map(({ key }) => key);
    expect(missing).toEqual([]);
  });

  it('every declared route documents its error answers', () => {
    const undocumented = operations()
      .filter(({ key }) => key !== 'GET /api/health')
      .filter(({ op }) => !op.responses?.['4XX'] && !op.responses?.['4xx'])
      .map(({ key }) => key);
    expect(undocumented).toEqual([]);
  });

  it('sends the error handler\'s bodies through the declared error schema unchanged', async () => {
    const unauthenticated = await t.app.inject({ method: 'GET', url: '/api/users' });
    expect(unauthenticated.statusCode).toBe(401);
    expect(unauthenticated.json()).toEqual({ code: 'unauthenticated', message: expect.any(String) });
    const invalid = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '', password: 'x' } });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toEqual({ code: 'validation_failed', message: expect.any(String), fields: [{ field: 'username', message: expect.any(String) }] });
  });

  it('lists every error code in components', () => {
    expect(doc.components?.schemas?.ErrorCode?.enum).toEqual(ERROR_CODE_NAMES);
    expect(doc.components?.schemas?.Error).toBeDefined();
  });
});
