import type { FastifyReply } from 'fastify';

/**
 * The UI's HTML may run only its own scripts and may not be framed (clickjacking). antd writes
 * inline styles (CSS-in-JS), so styles allow 'unsafe-inline'; scripts do not.
 */
export const UI_CSP = [
  "default-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "form-action 'self'",
].join('; ');

/** Headers every HTML page of the UI carries (index.html and the single-page fallback). */
export function setHtmlSecurityHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('content-security-policy', UI_CSP).header('x-frame-options', 'DENY').header('x-content-type-options', 'nosniff');
}

/**
 * Swagger UI (/api/docs) gets the plugin's own policy, which allows its inline bootstrap by hash;
 * tightened: it may not be framed either, and plain-HTTP intranet installs keep working.
 */
export const swaggerCspTransform = (header: string | number | string[]): string =>
  String(header).replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace(/\s*upgrade-insecure-requests;?/, '');
