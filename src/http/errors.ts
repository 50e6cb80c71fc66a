import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { statusOf, type ErrorCode } from '../contract/errors.js';
import { ServiceError } from '../services/errors.js';
import { classifyFault, FAULT_MESSAGES } from '../services/faults.js';
import { setHtmlSecurityHeaders } from './security-headers.js';

/** Fastify's own client errors, mapped to stable codes (contract/errors.ts fixes the status) and Chinese messages. */
const FASTIFY_CLIENT_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body_too_large', message: '请求内容过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: '不支持的内容类型' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: '请求内容不是有效的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', message: '请求内容为空' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'invalid_request', message: '请求长度不正确' },
  FST_ERR_NOT_FOUND: { code: 'not_found', message: '请求的资源不存在' },
  FST_ERR_BAD_URL: { code: 'invalid_request', message: '请求地址的编码无效' },
  // The router's limit on one path segment (an id is never that long): Fastify says 414, the contract's code is invalid_request.
  FST_ERR_MAX_PARAM_LENGTH: { code: 'invalid_request', message: '请求地址中的参数过长' },
  FST_ERR_VALIDATION: { code: 'validation_failed', message: '请求参数有误' },
};

/** Errors the router raises before any hook (e.g. a path that is not valid percent-encoded UTF-8), same shape. */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const { code, message } = (error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined) ?? { code: 'bad_request' as const, message: '请求无效' };
  void reply.status(statusOf(code)).send({ code, message });
}

/**
 * Every error leaves as JSON `{ code, message, fields? }`. A 4xx is something the user can
 * fix; a 5xx is our bug, logged with its stack and never shown to the client.
 */
export function installErrorHandling(app: FastifyInstance, options: { spaIndexHtml?: string } = {}): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ServiceError) {
      return reply.status(error.status).send({ code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(error.validationContext ?? 'body'),
        message: v.message ?? '格式不正确',
      }));
      return reply.status(statusOf('validation_failed')).send({ code: 'validation_failed', message: '提交的内容有误，请检查标出的字段', fields });
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known) return reply.status(statusOf(known.code)).send({ code: known.code, message: known.message });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ code: 'bad_request', message: '请求无效' });
    }
    // The database down or the disk full is not a bug: a stable code the client can retry on or report.
    const fault = classifyFault(error);
    if (fault) {
      request.log.warn({ err: error, fault }, 'request failed on a fault of the machine');
      // A saturated pool frees up within moments; a lost database takes longer.
      if (fault === 'database_busy') reply.header('retry-after', '1');
      return reply.status(statusOf(fault)).send({ code: fault, message: FAULT_MESSAGES[fault] });
    }
    request.log.error({ err: error }, 'unhandled error');
    if (process.env.DEBUG_500) console.error(error);
    return reply.status(500).send({ code: 'internal_error', message: '服务器内部错误，请稍后再试' });
  });

  // Unknown API routes are JSON 404s; any other GET is a client-side route of the single-page UI.
  app.setNotFoundHandler((request, reply) => {
    if (options.spaIndexHtml && request.method === 'GET' && !request.url.startsWith('/api/')) {
      // index.html names the hashed assets of the current release: never serve a stale one.
      return setHtmlSecurityHeaders(reply).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(options.spaIndexHtml);
    }
    return reply.status(404).send({ code: 'not_found', message: '请求的资源不存在' });
  });
}
