import type { FastifyInstance } from 'fastify';
import { findHostileText, type TextFinding } from '../contract/text.js';
import { invalid } from '../services/errors.js';

/**
 * Refuses NUL, other C0 control characters and lone surrogates in every string a request
 * carries — route params, query string, JSON body values and keys at any depth — with one
 * 422 naming the fields, before validation and before any service sees them. Multipart
 * bodies are streamed, so the files route checks its file names and fields itself.
 */
export function installHostileTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const findings: TextFinding[] = [
      ...findHostileText(request.params, 'params'),
      ...findHostileText(request.query, 'query'),
      ...findHostileText(request.body, 'body'),
    ];
    done(findings.length ? invalid(findings) : undefined);
  });
}
