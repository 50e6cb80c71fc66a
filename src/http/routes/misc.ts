import { answers } from '../../contract/common.js';
import { publicHome as publicHomeSchema } from '../../contract/public.js';
import { health, taskList } from '../../contract/system.js';
import { checkHealth } from '../../services/health.js';
import { publicHome } from '../../services/public-home.js';
import { myTasks } from '../../services/tasks.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { requireUser } from '../session.js';

const HEALTH_DB_TIMEOUT_MS = 2_000;

export function registerMiscRoutes(app: ZodApp, deps: AppDeps): void {
  // The database is checked with a deadline (a stuck or unreachable one is reported, not waited
  // for) and the data folder must have room for one more upload: a load balancer stops sending
  // traffic on 503.
  app.get('/api/health', { schema: { tags: ['system'], summary: '健康检查（数据库与存储空间）', response: { 200: health, 503: health } } }, async (_request, reply) => {
    const report = await checkHealth(deps.database.db, deps.config.dataDir, { dbTimeoutMs: HEALTH_DB_TIMEOUT_MS, minFreeBytes: deps.config.limits.fileBytes, holdLimitMs: deps.config.dbHoldLimitMs });
    return reply.status(report.status === 'ok' ? 200 : 503).send(report);
  });

  app.get('/api/public/home', { schema: { tags: ['public'], summary: '公开首页', response: answers({ 200: publicHomeSchema }) } }, (request) =>
    publicHome(serviceContext(deps, request)),
  );

  app.get('/api/tasks', { schema: { tags: ['tasks'], summary: '我的待办', response: answers({ 200: taskList }) } }, (request) => {
    requireUser(request);
    return myTasks(serviceContext(deps, request));
  });
}
