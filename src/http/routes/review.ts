import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { exportApplications, exportQualificationMatrix } from '../../services/exports.js';
import { recommendApplication } from '../../services/applications/county.js';
import { acceptApplication, disqualifyApplication, overruleObjections, rejectApplication, returnApplication } from '../../services/applications/office.js';
import { decideQualification, qualificationMatrix } from '../../services/applications/qualification.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { isoDate, nonEmptyText, uuidParam } from '../schemas.js';
import { requireUser } from '../session.js';

/** County recommendation, office acceptance and the departments' qualification review (Art. 14–15). */
export function registerReviewRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['intake'];
  const reason = z.object({ reason: nonEmptyText(2000) });
  const ctx = (request: Parameters<typeof serviceContext>[1]) => {
    requireUser(request);
    return serviceContext(deps, request);
  };

  app.post(
    '/api/applications/:id/recommendation',
    {
      schema: {
        tags,
        summary: '县区签署推荐意见',
        params: uuidParam,
        body: z.object({ recommend: z.boolean(), opinion: nonEmptyText(2000), signer: nonEmptyText(50), signedOn: isoDate }),
      },
    },
    (request) => recommendApplication(ctx(request), request.params.id, request.body),
  );
  app.post('/api/applications/:id/accept', { schema: { tags, summary: '受理并启动资格审查', params: uuidParam } }, (request) =>
    acceptApplication(ctx(request), request.params.id),
  );
  app.post(
    '/api/applications/:id/return',
    { schema: { tags, summary: '退回补正', params: uuidParam, body: z.object({ reasons: nonEmptyText(2000), correctionDueOn: isoDate.nullish() }) } },
    (request) => returnApplication(ctx(request), request.params.id, request.body),
  );
  app.post('/api/applications/:id/reject', { schema: { tags, summary: '不予受理', params: uuidParam, body: reason } }, (request) =>
    rejectApplication(ctx(request), request.params.id, request.body.reason),
  );
  app.post(
    '/api/applications/:id/qualification',
    {
      schema: {
        tags,
        summary: '部门资格审查意见',
        params: uuidParam,
        body: z.object({ decision: z.enum(['pass', 'fail']), reasons: z.string().trim().max(2000).nullish(), evidenceFileId: z.uuid().nullish() }),
      },
    },
    (request) => decideQualification(ctx(request), request.params.id, request.body),
  );
  app.post('/api/applications/:id/disqualify', { schema: { tags, summary: '确认资格审查不通过', params: uuidParam, body: reason } }, (request) =>
    disqualifyApplication(ctx(request), request.params.id, request.body.reason),
  );
  app.post(
    '/api/applications/:id/override-qualification',
    { schema: { tags, summary: '否决部门异议（须书面理由）', params: uuidParam, body: reason } },
    (request) => overruleObjections(ctx(request), request.params.id, request.body.reason),
  );
  app.get('/api/editions/:id/qualification-matrix', { schema: { tags, summary: '资格审查矩阵', params: uuidParam } }, (request) =>
    qualificationMatrix(ctx(request), request.params.id),
  );
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel downloads for the office, with Chinese headers and a Chinese file name. */
export function registerExportRoutes(app: ZodApp, deps: AppDeps): void {
  const send = (reply: FastifyReply, file: { filename: string; content: Buffer }) =>
    reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('cache-control', 'no-store')
      .send(file.content);
  app.get('/api/editions/:id/export/applications.xlsx', { schema: { tags: ['exports'], summary: '导出申报汇总', params: uuidParam } }, async (request, reply) => {
    requireUser(request);
    return send(reply, await exportApplications(serviceContext(deps, request), request.params.id));
  });
  app.get('/api/editions/:id/export/qualification.xlsx', { schema: { tags: ['exports'], summary: '导出资格审查矩阵', params: uuidParam } }, async (request, reply) => {
    requireUser(request);
    return send(reply, await exportQualificationMatrix(serviceContext(deps, request), request.params.id));
  });
}
