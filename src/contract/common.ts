import { z } from 'zod';
import { ERROR_CODE_NAMES, ERROR_CODES, errorBody, type ErrorCode } from './errors.js';

/**
 * Building blocks of the response contracts. Times travel as ISO 8601 strings and presenters
 * call toISOString(): z.date() would serialise too, but then z.infer would say Date while the
 * browser receives a string. With strings, one inferred type is true on both sides.
 */
export const isoDateTime = z.iso.datetime({ offset: true });

/** A list answer: `{ items, abilities: { create } }` (ARCHITECTURE habit 4). */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), abilities: z.object({ create: z.boolean() }) });

/** A 204 answer: no body. */
export const noContent = z.undefined().describe('无内容');

/** A binary answer (download, export): declared by content type instead of a JSON schema. */
export const binary = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: z.unknown().meta({ type: 'string', format: 'binary' }) } },
});

/** Every route's error answers: the body the error handler sends (http/errors.ts). */
const errorAnswer = (description: string) => ({ description, content: { 'application/json': { schema: errorBody } } });
export const errorResponses = {
  '4xx': errorAnswer('请求被拒绝：code 见 components.schemas.ErrorCode（每个代码固定一个状态）'),
  '5xx': errorAnswer('服务器内部错误（internal_error）、服务暂时不可用（service_unavailable、database_unavailable、database_busy，503）或存储空间已满（storage_full，507）'),
} as const;

/** The error-code table as OpenAPI components (ErrorCode, Error), for the swagger config. */
export function errorComponents() {
  const lines = ERROR_CODE_NAMES.map((code: ErrorCode) => `- \`${code}\` (${ERROR_CODES[code].status}): ${ERROR_CODES[code].summary}`);
  return {
    ErrorCode: { type: 'string' as const, enum: [...ERROR_CODE_NAMES], description: `错误代码（每个代码固定对应一个 HTTP 状态）：\n\n${lines.join('\n')}` },
    Error: {
      type: 'object' as const,
      required: ['code', 'message'],
      properties: {
        code: { $ref: '#/components/schemas/ErrorCode' },
        message: { type: 'string' as const, description: '给用户看的中文说明' },
        fields: {
          type: 'array' as const,
          description: '出错的字段',
          items: { type: 'object' as const, required: ['field', 'message'], properties: { field: { type: 'string' as const }, message: { type: 'string' as const } } },
        },
      },
    },
  };
}

/** A route's answers: its success schemas plus the shared error answers. */
export const answers = <T extends Record<number, unknown>>(success: T) => ({ ...success, ...errorResponses });
