import type { FastifyRequest } from 'fastify';
import { answers } from '../../contract/common.js';
import { uuidParam } from '../../contract/primitives.js';
import { expertDisqualificationList } from '../../contract/supervision.js';
import { listExpertDisqualifications } from '../../services/supervision/expert-disqualification.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';

/** An edition's expert disqualifications (Art. 26) with the ranking before and after. */
export function registerSupervisionExpertRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['supervision'];
  const ctx = (request: FastifyRequest) => serviceContext(deps, request);
  app.get(
    '/api/editions/:id/expert-disqualifications',
    { schema: { tags, summary: '本届取消评审资格的专家及评审结果变化（强市办、评价机构、领导小组、评审委员会、审计管理员）', params: uuidParam, response: answers({ 200: expertDisqualificationList }) } },
    (request) => listExpertDisqualifications(ctx(request), request.params.id),
  );
}
