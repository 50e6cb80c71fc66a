import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync, brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../../src/http/errors.js';
import { registerWebAssets } from '../../src/http/web-assets.js';
import { startTestApp } from './support/app.js';

/** The built UI as the build leaves it: hashed assets with .br/.gz siblings, index.html. */
describe('serving the built UI', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-web-'));
  const js = 'export const big = "' + 'quality award '.repeat(2000) + '";\n';
  const app = Fastify();
  beforeAll(async () => {
    fs.mkdirSync(path.join(root, 'assets'));
    const asset = path.join(root, 'assets', 'index-AbC123xy.js');
    fs.writeFileSync(asset, js);
    fs.writeFileSync(`${asset}.gz`, gzipSync(js));
    fs.writeFileSync(`${asset}.br`, brotliCompressSync(js));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    installErrorHandling(app, { spaIndexHtml: '<!doctype html><div id="root"></div>' });
    await registerWebAssets(app, root);
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('sends the gzip file to a client that accepts gzip, cacheable for a year', async () => {
    const res = await app.inject({ url: '/assets/index-AbC123xy.js', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.length).toBeLessThan(js.length / 10);
    expect(gunzipSync(res.rawPayload).toString()).toBe(js);
  });

  it('prefers brotli when accepted, and sends plain bytes to a client that accepts neither', async () => {
    const br = await app.inject({ url: '/assets/index-AbC123xy.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(js);
    const plain = await app.inject({ url: '/assets/index-AbC123xy.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
  });

  it('makes the browser revalidate index.html (the page and every client-side route)', async () => {
    for (const url of ['/', '/workbench', '/index.html']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('sends a content security policy and refuses framing on every HTML page of the UI', async () => {
    for (const url of ['/', '/workbench', '/applications/1', '/index.html']) {
      const res = await app.inject({ url });
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      const csp = String(res.headers['content-security-policy']);
      for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "img-src 'self' data:", "style-src 'self' 'unsafe-inline'", "script-src 'self'"]) {
        expect(csp, `${url}: ${directive}`).toContain(directive);
      }
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });
});

describe('the API documentation page', () => {
  it('has its own policy: swagger-ui still loads, and may not be framed', async () => {
    const t = await startTestApp('pglite');
    try {
      let res = await t.app.inject({ url: '/api/docs' });
      for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
        res = await t.app.inject({ url: new URL(String(res.headers.location), 'http://x/api/docs/').pathname });
      }
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('swagger');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).not.toContain('upgrade-insecure-requests');
      const init = await t.app.inject({ url: '/api/docs/static/swagger-initializer.js' });
      expect(init.statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/docs/json' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
