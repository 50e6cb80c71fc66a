import { z } from 'zod';
import { closeEdition, createEdition, getEdition, listEditions, publishCall, setSchedule } from '../../services/editions.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { isoDate, nonEmptyText, uuidParam } from '../schemas.js';

const scheduleBody = z.object({
  applicationDeadline: isoDate,
  recommendationDeadline: isoDate.nullish(),
  acceptanceDeadline: isoDate.nullish(),
  qualificationDeadline: isoDate.nullish(),
  technicalReviewDeadline: isoDate.nullish(),
  surveyDeadline: isoDate.nullish(),
  committeeMeetingOn: isoDate.nullish(),
});

export function registerEditionRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['editions'];
  app.get('/api/editions', { schema: { tags, summary: '届次列表' } }, (request) => listEditions(serviceContext(deps, request)));

  app.post(
    '/api/editions',
    {
      schema: {
        tags,
        summary: '新建届次',
        body: z.object({
          profileId: z.uuid({ message: '请选择规则版本' }),
          number: z.number().int().min(1).max(999),
          year: z.number().int().min(2000).max(2100),
          name: nonEmptyText(100),
          opensOn: isoDate,
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await createEdition(serviceContext(deps, request), request.body)),
  );

  app.get('/api/editions/:id', { schema: { tags, summary: '届次详情', params: uuidParam } }, (request) =>
    getEdition(serviceContext(deps, request), request.params.id),
  );

  app.put('/api/editions/:id/schedule', { schema: { tags, summary: '设置日程', params: uuidParam, body: scheduleBody } }, (request) =>
    setSchedule(serviceContext(deps, request), request.params.id, request.body),
  );

  app.post(
    '/api/editions/:id/publish-call',
    { schema: { tags, summary: '发布申报通知', params: uuidParam, body: z.object({ callText: nonEmptyText(20_000) }) } },
    (request) => publishCall(serviceContext(deps, request), request.params.id, request.body),
  );

  app.post('/api/editions/:id/close', { schema: { tags, summary: '结束届次', params: uuidParam } }, (request) =>
    closeEdition(serviceContext(deps, request), request.params.id),
  );
}
