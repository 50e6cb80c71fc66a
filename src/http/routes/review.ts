import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { exportApplications, exportQualificationMatrix } from '../../services/exports.js';
import { overruleObjections } from '../../services/applications/office.js';
import { listDecisions, recordDecision } from '../../services/applications/decisions.js';
import { decisionList, decisionRecord, decisionRequest } from '../../contract/actions.js';
import { application, qualificationMatrix as matrixSchema } from '../../contract/applications.js';
import { decideQualification, qualificationMatrix } from '../../services/applications/qualification.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { answers, binary } from '../../contract/common.js';
import { nonEmptyText, uuidParam } from '../../contract/primitives.js';
import { requireUser } from '../session.js';

/** Documents of their own: a department's opinion and the office's overruling (Art. 15), decisions over lists; the matrix. */
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
  app.get('/api/editions/:id/decisions', { schema: { tags, summary: '本届决定（名单决定）', params: uuidParam, response: answers({ 200: decisionList }) } }, (request) =>
    listDecisions(ctx(request), request.params.id),
  );
  app.post(
    '/api/editions/:id/decisions',
    {
      schema: {
        tags,
        summary: '记录名单决定（晋级、候选名单、评审委员会决议、领导小组审定、市政府审定、撤销）',
        description: '先记录决定（决定机构、文号、日期、每项申报的结果），再由流程在同一事务中变更所涉申报的状态；任何一项不符合流程条件则整项决定不予记录。',
        params: uuidParam,
        body: decisionRequest,
        response: answers({ 201: decisionRecord }),
      },
    },
    async (request, reply) => reply.status(201).send(await recordDecision(ctx(request), request.params.id, request.body)),
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
