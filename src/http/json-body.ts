import type { FastifyInstance } from 'fastify';
import { ServiceError } from '../services/errors.js';

/**
 * Fastify's JSON parser decodes bodies leniently: invalid UTF-8 becomes U+FFFD and is stored.
 * This one decodes strictly and refuses such a body as invalid_json, then hands the text to
 * Fastify's own parser, which keeps its empty-body error and the __proto__ / constructor
 * poisoning refusal (secure-json-parse). The body limit still applies as before.
 */
export function installStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = decoder.decode(body as Buffer);
    } catch {
      done(new ServiceError('invalid_json', '请求内容不是有效的 UTF-8 编码'), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
