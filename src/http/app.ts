import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorComponents } from '../contract/common.js';
import type { AppDeps, ZodApp } from './deps.js';
import { installBodyIdleTimeout } from './body-idle.js';
import { installDrain } from './drain.js';
import { answerFrameworkError, installErrorHandling } from './errors.js';
import { responseSerializerCompiler } from './response-serializer.js';
import { installHostileTextGuard } from './hostile-text.js';
import { installUploadGate } from './upload-gate.js';
import { installStrictJsonParser } from './json-body.js';
import { registerWebAssets } from './web-assets.js';
import { swaggerCspTransform } from './security-headers.js';
import { registerAwardRoutes } from './routes/awards.js';
import { registerBackupRoutes } from './routes/backup.js';
import { registerInvariantRoutes } from './routes/invariants.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerDirectoryRoutes } from './routes/directory.js';
import { registerEditionRoutes } from './routes/editions.js';
import { registerApplicationRoutes } from './routes/applications.js';
import { registerFileRoutes } from './routes/files.js';
import { registerIntakeSupportRoutes } from './routes/intake-support.js';
import { registerMiscRoutes } from './routes/misc.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerExportRoutes, registerReviewRoutes } from './routes/review.js';
import { registerTechnicalRoutes } from './routes/technical.js';
import { registerDecisionRoutes } from './routes/decision.js';
import { registerCommitteeRoutes } from './routes/committee.js';
import { registerTechnicalScoringRoutes } from './routes/technical-scoring.js';
import { registerSurveyRoutes } from './routes/survey.js';
import { registerNoticeRoutes } from './routes/notice.js';
import { registerSupervisionRoutes } from './routes/supervision.js';
import { registerSupervisionExpertRoutes } from './routes/supervision-experts.js';
import { attachSessionCache } from '../services/auth/session-invalidation.js';
import { installSessions } from './session.js';

// Validation messages are read by Chinese users.
z.config(z.locales.zhCN());

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** Serve the built UI from dist/web when present (off in API-only tests). */
  serveWeb?: boolean;
}

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<ZodApp> {
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    frameworkErrors: answerFrameworkError,
    trustProxy: deps.config.trustProxy,
    // Behind a load balancer the request id follows the request across processes.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  // First hooks: a draining server answers 503 before any work; a stalled body is cut.
  installDrain(app);
  installBodyIdleTimeout(app, deps.config.http.bodyIdleMs);
  installUploadGate(app, deps.config.http);

  // One log line per request: path without query string (it may carry identity numbers), never bodies or cookies.
  // Hooks on every request take fastify's callback form: an async hook costs a promise and a
  // microtask turn per request, about a microsecond each on the hot path (bench/README.md).
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, path: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime), user: request.actor?.userId },
      'request',
    );
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    // Every error answer is `Error`; ErrorCode lists each code with its fixed status (contract/errors.ts).
    openapi: { info: { title: '市长质量奖管理系统 API', version: '1.0.0' }, components: { schemas: errorComponents() } },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: swaggerCspTransform });

  const indexHtmlPath = path.join(webRoot, 'index.html');
  const serveWeb = options.serveWeb !== false && fs.existsSync(indexHtmlPath);
  installErrorHandling(app, { spaIndexHtml: serveWeb ? fs.readFileSync(indexHtmlPath, 'utf8') : undefined });
  installStrictJsonParser(app);
  installHostileTextGuard(app);
  installSessions(app, { db: deps.database.db, config: deps.config, now: deps.now });
  // Sessions resolved from memory while exact (services/auth/session-invalidation.ts).
  const sessionCache = attachSessionCache(deps.database);
  app.addHook('onClose', () => sessionCache.detach());

  registerMiscRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerDirectoryRoutes(app, deps);
  registerEditionRoutes(app, deps);
  registerIntakeSupportRoutes(app, deps);
  registerApplicationRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerFileRoutes(app, deps);
  registerExportRoutes(app, deps);
  registerTechnicalRoutes(app, deps);
  registerTechnicalScoringRoutes(app, deps);
  registerDecisionRoutes(app, deps);
  registerAwardRoutes(app, deps);
  registerSurveyRoutes(app, deps);
  registerCommitteeRoutes(app, deps);
  registerNoticeRoutes(app, deps);
  registerSupervisionRoutes(app, deps);
  registerSupervisionExpertRoutes(app, deps);
  registerBackupRoutes(app, deps);
  registerInvariantRoutes(app, deps);

  if (serveWeb) {
    await registerWebAssets(app, webRoot);
  }
  return app;
}
