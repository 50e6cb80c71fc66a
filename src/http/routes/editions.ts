import { answers, noContent } from '../../contract/common.js';
import { edition, editionCreateBody, editionList, editionSchedule, publishCallBody } from '../../contract/editions.js';
import { uuidParam } from '../../contract/primitives.js';
import { advancePhase, closeEdition, createEdition, deleteEdition, getEdition, listEditions, publishCall, setSchedule } from '../../services/editions.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';

export function registerEditionRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['editions'];
  const one = answers({ 200: edition });
  app.get('/api/editions', { schema: { tags, summary: '届次列表', response: answers({ 200: editionList }) } }, (request) =>
    listEditions(serviceContext(deps, request)),
  );

  app.post(
    '/api/editions',
    { schema: { tags, summary: '新建届次', body: editionCreateBody, response: answers({ 201: edition }) } },
    async (request, reply) => reply.status(201).send(await createEdition(serviceContext(deps, request), request.body)),
  );

  app.get('/api/editions/:id', { schema: { tags, summary: '届次详情', params: uuidParam, response: one } }, (request) =>
    getEdition(serviceContext(deps, request), request.params.id),
  );

  app.delete(
    '/api/editions/:id',
    { schema: { tags, summary: '删除草稿届次', description: '只有未发布申报通知的草稿届次可以删除。', params: uuidParam, response: answers({ 204: noContent }) } },
    async (request, reply) => {
      await deleteEdition(serviceContext(deps, request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.put('/api/editions/:id/schedule', { schema: { tags, summary: '设置日程', params: uuidParam, body: editionSchedule, response: one } }, (request) =>
    setSchedule(serviceContext(deps, request), request.params.id, request.body),
  );

  app.post(
    '/api/editions/:id/publish-call',
    { schema: { tags, summary: '发布申报通知', params: uuidParam, body: publishCallBody, response: one } },
    (request) => publishCall(serviceContext(deps, request), request.params.id, request.body),
  );

  app.post('/api/editions/:id/close', { schema: { tags, summary: '结束届次', params: uuidParam, response: one } }, (request) =>
    closeEdition(serviceContext(deps, request), request.params.id),
  );
  app.post(
    '/api/editions/:id/advance-phase',
    { schema: { tags, summary: '进入下一阶段', description: '当前阶段的申报均已办结后，强市办将届次推进到下一阶段（不能推进的原因见 nextPhase）。', params: uuidParam, response: one } },
    (request) => advancePhase(serviceContext(deps, request), request.params.id),
  );
}
