import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { exportApplications, exportQualificationMatrix } from '../../services/exports.js';
import { overruleObjections } from '../../services/applications/office.js';
import { application, qualificationMatrix as matrixSchema } from '../../contract/applications.js';
import { decideQualification, qualificationMatrix } from '../../services/applications/qualification.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { answers, binary } from '../../contract/common.js';
import { nonEmptyText, uuidParam } from '../../contract/primitives.js';
import { requireUser } from '../session.js';

/** Documents of their own in the qualification review (Art. 15): a department's opinion, the office's overruling; the matrix. */
export function registerReviewRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['intake'];
  const reason = z.object({ reason: nonEmptyText(2000) });
  const ctx = (request: Parameters<typeof serviceContext>[1]) => {
    requireUser(request);
    return serviceContext(deps, request);
  };

  app.post(
    '/api/applications/:id/qualification',
    {
      schema: {
        tags,
        summary: '部门资格审查意见',
        params: uuidParam,
        body: z.object({ decision: z.enum(['pass', 'fail']), reasons: z.string().trim().max(2000).nullish(), evidenceFileId: z.uuid().nullish() }),
        response: answers({ 200: application }),
      },
    },
    (request) => decideQualification(ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/applications/:id/override-qualification',
    { schema: { tags, summary: '否决部门异议（须书面理由）', params: uuidParam, body: reason, response: answers({ 200: application }) } },
    (request) => overruleObjections(ctx(request), request.params.id, request.body.reason),
  );
  app.get('/api/editions/:id/qualification-matrix', { schema: { tags, summary: '资格审查矩阵', params: uuidParam, response: answers({ 200: matrixSchema }) } }, (request) =>
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
  app.get('/api/editions/:id/export/applications.xlsx', { schema: { tags: ['exports'], summary: '导出申报汇总', params: uuidParam, response: answers({ 200: binary(XLSX, '申报汇总（Excel）') }) } }, async (request, reply) => {
    requireUser(request);
    return send(reply, await exportApplications(serviceContext(deps, request), request.params.id));
  });
  app.get('/api/editions/:id/export/qualification.xlsx', { schema: { tags: ['exports'], summary: '导出资格审查矩阵', params: uuidParam, response: answers({ 200: binary(XLSX, '资格审查矩阵（Excel）') }) } }, async (request, reply) => {
    requireUser(request);
    return send(reply, await exportQualificationMatrix(serviceContext(deps, request), request.params.id));
  });
}
