import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from '../config.js';
import type { Database } from '../db/connection.js';
import type { ServiceContext } from '../services/context.js';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Everything routes need; nothing else holds state (several processes may share one database). */
export interface AppDeps {
  database: Database;
  config: AppConfig;
  now: () => Date;
}

export function serviceContext(deps: AppDeps, request: FastifyRequest): ServiceContext {
  return { db: deps.database.db, actor: request.actor, requestId: request.id, now: deps.now, config: deps.config };
}
