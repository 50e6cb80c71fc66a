import { statusOf, type ErrorCode } from '../contract/errors.js';
import type { Decision } from '../domain/policies/decision.js';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error the caller can read: a stable code (one of contract/errors.ts, which fixes its HTTP
 * status), a Chinese message, the fields at fault. The HTTP layer sends it as is (habit 10).
 */
export class ServiceError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.status = statusOf(code);
  }
}

export const notFound = (what = '对象') => new ServiceError('not_found', `${what}不存在或无权查看`);

export const invalid = (fields: FieldError[], message = '提交的内容有误，请检查标出的字段') => new ServiceError('validation_failed', message, fields);

export const conflict = (code: ErrorCode, message: string, fields?: FieldError[]) => new ServiceError(code, message, fields);

/** Throws the refusal of a policy decision with its typed reason. */
export function ensure(decision: Decision): void {
  if (decision.ok) return;
  throw new ServiceError(decision.reason, decision.message);
}

/** Postgres unique violations (23505) become a 409 instead of a 500. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = findPgError(error);
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
}

function findPgError(error: unknown): { code?: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: string; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return candidate as { code: string; constraint?: string };
    }
    current = candidate.cause;
  }
  return undefined;
}
