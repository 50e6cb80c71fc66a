import { z } from 'zod';
import { listAudit, verifyAudit } from '../../services/audit/read.js';
import { publicHome } from '../../services/public-home.js';
import { myTasks } from '../../services/tasks.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { requireUser } from '../session.js';
import { checkDatabase } from '../../services/health.js';

const HEALTH_DB_TIMEOUT_MS = 2_000;

export function registerMiscRoutes(app: ZodApp, deps: AppDeps): void {
  // The database is checked with a deadline: a stuck or unreachable database is reported, not waited for.
  app.get('/api/health', { schema: { tags: ['system'], summary: '健康检查（含数据库）' } }, async (_request, reply) => {
    const database = await checkDatabase(deps.database.db, HEALTH_DB_TIMEOUT_MS);
    if (database !== 'ok') return reply.status(503).send({ status: 'unavailable', database });
    return { status: 'ok', database };
  });

  app.get('/api/public/home', { schema: { tags: ['public'], summary: '公开首页' } }, (request) => publicHome(serviceContext(deps, request)));

  app.get('/api/tasks', { schema: { tags: ['tasks'], summary: '我的待办' } }, (request) => {
    requireUser(request);
    return myTasks(serviceContext(deps, request));
  });

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), beforeSeq: z.coerce.number().int().positive().optional() }),
      },
    },
    (request) => listAudit(serviceContext(deps, request), request.query),
  );
  app.get('/api/audit/verify', { schema: { tags: ['audit'], summary: '校验审计链' } }, (request) => verifyAudit(serviceContext(deps, request)));
}
