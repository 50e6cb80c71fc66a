import type { FastifyRequest } from 'fastify';
import { answers } from '../../contract/common.js';
import { compositeTable, publishResult } from '../../contract/decision.js';
import { uuidParam } from '../../contract/primitives.js';
import { publishResults } from '../../services/decision/publish.js';
import { compositeTable as loadCompositeTable } from '../../services/decision/table.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { requireUser } from '../session.js';

/** The decision's shared reads (Art. 16): the composite scores the candidate list is proposed from. */
export function registerDecisionRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['decision'];
  const ctx = (request: FastifyRequest) => {
    requireUser(request);
    return serviceContext(deps, request);
  };
  app.get('/api/decision/editions/:id/composite', { schema: { tags, summary: '综合评分（各部分可见）', params: uuidParam, response: answers({ 200: compositeTable }) } }, (request) =>
    loadCompositeTable(ctx(request), request.params.id),
  );
  app.post('/api/decision/editions/:id/publish', { schema: { tags, summary: '公布获奖名单（市政府审定后）', params: uuidParam, response: answers({ 200: publishResult }) } }, (request) =>
    publishResults(ctx(request), request.params.id),
  );
}
