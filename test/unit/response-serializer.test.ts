import Fastify from 'fastify';
import { isResponseSerializationError, serializerCompiler as encodingSerializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { meResponse } from '../../src/contract/auth.js';
import { directionalParts, responseSerializerCompiler } from '../../src/http/response-serializer.js';

const compile = (schema: z.ZodType) => responseSerializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' } as never);
const compileEncoding = (schema: z.ZodType) => encodingSerializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' } as never);

const me = {
  user: {
    id: '0b3c4a55-4f5e-4d7a-9c1e-1f2a3b4c5d6e',
    username: 'office1',
    displayName: '质量办',
    roles: ['office'],
    organisationId: null,
    organisationName: null,
    passwordHash: 'must not leave the server',
  },
  csrfToken: 'token',
  internal: 'nor this',
};

describe('the response serializer', () => {
  it('writes the bytes the encoding serializer writes, without the fields the schema does not declare', () => {
    const written = compile(meResponse)(me);
    expect(written).toBe(compileEncoding(meResponse)(me));
    expect(JSON.parse(written)).toEqual({ user: { ...me.user, passwordHash: undefined }, csrfToken: 'token' });
    expect(written).not.toContain('passwordHash');
  });

  it('refuses data that does not match the schema', () => {
    let thrown: unknown;
    try {
      compile(meResponse)({ ...me, user: { ...me.user, id: 'not-a-uuid' } });
    } catch (error) {
      thrown = error;
    }
    expect(isResponseSerializationError(thrown)).toBe(true);
  });

  it('finds the parts of a schema that read differently when encoding, at any depth', () => {
    const nested = z.object({
      list: z.array(z.object({ at: z.string().default('now') })),
      choice: z.union([z.literal('a'), z.string().transform((s) => s.length)]).optional(),
      lazy: z.lazy(() => z.object({ n: z.number().catch(0) })),
      codec: z.codec(z.string(), z.number(), { decode: Number, encode: String }),
    });
    expect(directionalParts(nested).sort()).toEqual(['catch', 'default', 'pipe', 'transform']);
    expect(directionalParts(meResponse)).toEqual([]);
  });

  it('stops the app at start-up when a route answers with such a schema', async () => {
    const app = Fastify({ logger: false });
    app.setSerializerCompiler(responseSerializerCompiler);
    app.get('/x', { schema: { response: { 200: z.object({ at: z.string().default('now') }) } } }, async () => ({ at: 'then' }));
    await expect(app.ready()).rejects.toThrow(/GET \/x: its response schema has default/);
    await app.close();
  });
});
