import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { setHtmlSecurityHeaders } from './security-headers.js';

/** Hashed build output (dist/web/assets/name-<hash>.js): its name changes with its content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Anything else, index.html first: revalidate each time so a new release is seen at once. */
export const REVALIDATE = 'no-cache';

/**
 * Serves the built UI. The build writes .br and .gz next to each text asset (vite.config.ts),
 * and @fastify/static picks the one the client accepts (Vary: Accept-Encoding), so nothing
 * is compressed per request. Hashed assets are cached for a year; the rest revalidates.
 */
export async function registerWebAssets(app: FastifyInstance, root: string): Promise<void> {
  const assetsDir = path.join(root, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', filePath.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE);
      if (filePath.endsWith('.html')) setHtmlSecurityHeaders(reply);
    },
  });
}
