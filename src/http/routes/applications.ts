import { z } from 'zod';
import { getApplication, getVersion, saveDraft, startApplication, submitApplication, withdrawApplication } from '../../services/applications/drafts.js';
import { listApplications } from '../../services/applications/list.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { nonEmptyText, uuidParam } from '../schemas.js';
import { requireUser } from '../session.js';

/** The applicant's side of an application: start, autosave, submit, withdraw, read. */
export function registerApplicationRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['applications'];
  app.get(
    '/api/applications',
    { schema: { tags, summary: '申报列表（按角色可见）', querystring: z.object({ state: z.string().max(40).optional(), editionId: z.uuid().optional(), page: z.coerce.number().int().min(1).max(10_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }) } },
    (request) => listApplications(serviceContext(deps, request), request.query),
  );
  app.post('/api/applications', { schema: { tags, summary: '开始填报' } }, async (request, reply) => {
    requireUser(request);
    return reply.status(201).send(await startApplication(serviceContext(deps, request)));
  });
  app.get('/api/applications/:id', { schema: { tags, summary: '申报详情', params: uuidParam } }, (request) => {
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
      },
    },
    (request) => {
      requireUser(request);
      return saveDraft(serviceContext(deps, request), request.params.id, request.body);
    },
  );
  app.post('/api/applications/:id/submit', { schema: { tags, summary: '提交申报', params: uuidParam } }, (request) => {
    requireUser(request);
    return submitApplication(serviceContext(deps, request), request.params.id);
  });
  app.post(
    '/api/applications/:id/withdraw',
    { schema: { tags, summary: '撤回申报', params: uuidParam, body: z.object({ reason: nonEmptyText(2000) }) } },
    (request) => {
      requireUser(request);
      return withdrawApplication(serviceContext(deps, request), request.params.id, request.body.reason);
    },
  );
  app.get(
    '/api/applications/:id/versions/:version',
    { schema: { tags, summary: '历次提交版本', params: uuidParam.extend({ version: z.coerce.number().int().positive() }) } },
    (request) => {
      requireUser(request);
      return getVersion(serviceContext(deps, request), request.params.id, request.params.version);
    },
  );
}
