import { z } from 'zod';
import { actionName, actionRequest, payloadProblems } from '../../contract/actions.js';
import { invalid } from '../../services/errors.js';
import { application, applicationPage, applicationVersion } from '../../contract/applications.js';
import { answers } from '../../contract/common.js';
import { APPLICATION_STATES } from '../../domain/lifecycle/states.js';
import { getApplication, getVersion, saveDraft, startApplication } from '../../services/applications/drafts.js';
import { listApplications } from '../../services/applications/list.js';
import { performApplicationAction } from '../../services/applications/office.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { uuidParam } from '../../contract/primitives.js';
import { requireUser } from '../session.js';
import { sendSerializedOnce } from '../serialized-once.js';

/**
 * Applications: list, start, autosave, read, versions, and one route for every plain
 * lifecycle step (`/actions/:action`): the engine decides and performs it.
 */
export function registerApplicationRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['applications'];
  app.get(
    '/api/applications',
    {
      schema: {
        tags,
        summary: '申报列表（按角色可见）',
        querystring: z.object({ state: z.enum(APPLICATION_STATES).optional(), editionId: z.uuid().optional(), page: z.coerce.number().int().min(1).max(10_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }),
        response: answers({ 200: applicationPage }),
      },
    },
    async (request, reply) => sendSerializedOnce(reply, await listApplications(serviceContext(deps, request), request.query)),
  );
  app.post('/api/applications', { schema: { tags, summary: '开始填报', response: answers({ 201: application }) } }, async (request, reply) => {
    requireUser(request);
    return reply.status(201).send(await startApplication(serviceContext(deps, request)));
  });
  app.get('/api/applications/:id', { schema: { tags, summary: '申报详情', params: uuidParam, response: answers({ 200: application }) } }, (request) => {
    requireUser(request);
    return getApplication(serviceContext(deps, request), request.params.id);
  });
  app.patch(
    '/api/applications/:id',
    {
      schema: {
        tags,
        summary: '保存草稿（自动保存）',
        params: uuidParam,
        body: z.object({ revision: z.number().int().positive(), form: z.record(z.string().max(60), z.unknown()) }),
        response: answers({ 200: application }),
      },
    },
    (request) => {
      requireUser(request);
      return saveDraft(serviceContext(deps, request), request.params.id, request.body);
    },
  );
  app.post(
    '/api/applications/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '执行流程操作（提交、推荐、受理、退回、不予受理、不通过、撤回……）',
        description: '可执行的操作及不可执行的原因见申报详情的 actions；须填写理由的操作提交 reason，需记录内容的操作提交 payload。',
        params: uuidParam.extend({ action: actionName }),
        body: actionRequest,
        response: answers({ 200: application }),
      },
    },
    (request) => {
      requireUser(request);
      const problems = payloadProblems(request.params.action, request.body.payload);
      if (problems.length) throw invalid(problems);
      return performApplicationAction(serviceContext(deps, request), request.params.id, request.params.action, request.body);
    },
  );
  app.get(
    '/api/applications/:id/versions/:version',
    { schema: { tags, summary: '历次提交版本', params: uuidParam.extend({ version: z.coerce.number().int().positive() }), response: answers({ 200: applicationVersion }) } },
    (request) => {
      requireUser(request);
      return getVersion(serviceContext(deps, request), request.params.id, request.params.version);
    },
  );
}
