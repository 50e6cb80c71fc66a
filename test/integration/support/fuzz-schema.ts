import fc from 'fast-check';

/**
 * Request schemas of the built app and fast-check arbitraries drawn from them. The schemas are
 * the OpenAPI document fastify-type-provider-zod derives from each route's zod schemas, so a
 * route added tomorrow is described here without anyone writing a line for it.
 */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  nullable?: boolean;
  $ref?: string;
}

export interface RouteSchemas {
  params?: JsonSchema;
  query?: JsonSchema;
  body?: JsonSchema;
  /** The body is multipart (a file upload). */
  multipart: boolean;
}

type OpenApi = { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };

/** `METHOD /api/path/:param` → its request schemas, for every route the OpenAPI document describes. */
export function routeSchemas(openapi: unknown): Map<string, RouteSchemas> {
  const doc = openapi as OpenApi;
  const found = new Map<string, RouteSchemas>();
  for (const [p, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const key = `${method.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`;
      const objectOf = (where: string): JsonSchema | undefined => {
        const ps = (op.parameters ?? []).filter((x) => x.in === where);
        if (!ps.length) return undefined;
        return { type: 'object', properties: Object.fromEntries(ps.map((x) => [x.name, x.schema])), required: ps.filter((x) => x.required).map((x) => x.name) };
      };
      const content = op.requestBody?.content ?? {};
      found.set(key, { params: objectOf('path'), query: objectOf('query'), body: content['application/json']?.schema, multipart: 'multipart/form-data' in content });
    }
  }
  return found;
}

/** Text that is valid by type but hostile by content: markup, SQL, traversal, odd Unicode. */
export const NASTY_TEXT = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror=window.__xss=1>',
  "' OR '1'='1' --",
  "'; DROP TABLE users; --",
  '%_\\',
  '../../../../etc/passwd',
  '\u202Efdp.exe',
  '\uFEFF\u200B',
  '𠮷野家😀',
  ' ',
  '１２３',
  'e\u0301'.repeat(50),
];

const stringArb = (s: JsonSchema): fc.Arbitrary<string> => {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 40, 200));
  const plain = fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
  switch (s.format) {
    case 'uuid':
      return fc.uuid({ version: [4, 7] });
    case 'date':
      return fc.date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
  }
  const options: Array<fc.Arbitrary<string>> = [plain, fc.constantFrom(...NASTY_TEXT)];
  if (s.pattern) {
    try {
      options.unshift(fc.stringMatching(new RegExp(s.pattern)));
    } catch {
      // A pattern fast-check cannot invert: the plain strings still probe the route.
    }
  }
  return fc.oneof(...options);
};

const numberArb = (s: JsonSchema, integer: boolean): fc.Arbitrary<number> => {
  const lo = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : -1e6;
  const hi = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : 1e6;
  const inRange = integer
    ? fc.integer({ min: Math.max(Math.ceil(lo), Number.MIN_SAFE_INTEGER), max: Math.min(Math.floor(hi), Number.MAX_SAFE_INTEGER) })
    : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(inRange, fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1e308, -1e308, 0.5));
};

/** Values shaped by the schema, mostly valid, with hostile content and edge values mixed in. */
export function arbitraryOf(schema: JsonSchema | undefined, resolve: (ref: string) => JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 8) return fc.jsonValue({ maxDepth: 2 });
  const next = (s: JsonSchema | undefined) => arbitraryOf(s, resolve, depth + 1);
  if (schema.$ref) return next(resolve(schema.$ref));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map(next));
  if (schema.allOf?.length) return next(Object.assign({}, ...schema.allOf));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (schema.nullable) types.push('null');
  if (types.length > 1) return fc.oneof(...types.map((type) => next({ ...schema, type, nullable: false })));
  switch (types[0]) {
    case 'string':
      return stringArb(schema);
    case 'integer':
      return numberArb(schema, true);
    case 'number':
      return numberArb(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map(next));
      const item = Array.isArray(schema.items) ? schema.items[0] : schema.items;
      return fc.array(next(item), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 6) });
    }
    case 'object': {
      const props = schema.properties ?? {};
      const required = schema.required ?? [];
      const record = Object.keys(props).length
        ? fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, next(v)])), { requiredKeys: required.filter((k) => k in props) })
        : fc.constant({});
      const extra = typeof schema.additionalProperties === 'object' ? fc.dictionary(fc.string({ maxLength: 12 }), next(schema.additionalProperties), { maxKeys: 3 }) : fc.constant({});
      return fc.tuple(extra, record).map(([a, b]) => ({ ...a, ...b }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
