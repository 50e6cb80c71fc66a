import fastifyMultipart, { type Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { answers } from '../../contract/common.js';
import {
  evidenceParams,
  investigationRequest,
  noticeOverview as noticeOverviewSchema,
  noticePeriod,
  noticePeriodQuery,
  OBJECTION_MAX_FILES,
  objectionList,
  objectionParams,
  objectionReceipt,
  objectionView,
  publicArchive as publicArchiveSchema,
  publicEditionWinners as publicEditionWinnersSchema,
  publicNoticeDetail as publicNoticeDetailSchema,
  publishNoticeRequest,
  rulingRequest,
} from '../../contract/notice.js';
import { uuidParam } from '../../contract/primitives.js';
import { fileDownload } from '../../contract/files.js';
import { ServiceError } from '../../services/errors.js';
import { noticeOverview, previewNoticePeriod, publicNoticeDetail, publishNotice } from '../../services/publication/notice.js';
import { fileObjection, listObjections, openObjectionEvidence, recordInvestigation, ruleObjection, type ObjectionPart } from '../../services/publication/objections.js';
import { publicArchive, publicEditionWinners } from '../../services/publication/results.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { abandonBody, contentDisposition, multipartError } from './files.js';
import { gateUploads } from '../upload-gate.js';

/** The public notice (Art. 17): the office's notice and objections, and the public notice, winners and archive pages. */
export function registerNoticeRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['notice'];
  const ctx = (request: FastifyRequest) => serviceContext(deps, request);
  const base = '/api/decision/editions/:id/notice';

  app.get(`${base}`, { schema: { tags, summary: '公示事务总览（强市办、领导小组、市政府）', params: uuidParam, response: answers({ 200: noticeOverviewSchema }) } }, (request) =>
    noticeOverview(ctx(request), request.params.id),
  );
  app.get(`${base}/period`, { schema: { tags, summary: '按工作日计算公示期（预览截止日期）', params: uuidParam, querystring: noticePeriodQuery, response: answers({ 200: noticePeriod }) } }, (request) =>
    previewNoticePeriod(ctx(request), request.params.id, request.query.startsOn),
  );
  app.post(`${base}`, { schema: { tags, summary: '发布拟授奖名单公示', params: uuidParam, body: publishNoticeRequest, response: answers({ 201: publicNoticeDetailSchema }) } }, async (request, reply) =>
    reply.status(201).send(await publishNotice(ctx(request), request.params.id, request.body)),
  );
  app.get(`${base}/objections`, { schema: { tags, summary: '公示异议列表（强市办）', params: uuidParam, response: answers({ 200: objectionList }) } }, (request) =>
    listObjections(ctx(request), request.params.id),
  );
  app.put(`${base}/objections/:objectionId/investigation`, { schema: { tags, summary: '记录异议调查情况', params: objectionParams, body: investigationRequest, response: answers({ 200: objectionView }) } }, (request) =>
    recordInvestigation(ctx(request), request.params.id, request.params.objectionId, request.body.investigation),
  );
  app.post(`${base}/objections/:objectionId/ruling`, { schema: { tags, summary: '异议处理决定（成立或不成立）', params: objectionParams, body: rulingRequest, response: answers({ 200: objectionView }) } }, (request) =>
    ruleObjection(ctx(request), request.params.id, request.params.objectionId, request.body),
  );
  app.get(`${base}/objections/:objectionId/files/:fileId`, { exposeHeadRoute: false, schema: { tags, summary: '下载异议证明材料（强市办，记录查阅）', params: evidenceParams, response: answers({ 200: fileDownload }) } }, async (request, reply) => {
    const file = await openObjectionEvidence(ctx(request), request.params.id, request.params.objectionId, request.params.fileId);
    return reply
      .header('content-type', file.mimeType)
      .header('content-length', file.size)
      .header('content-disposition', contentDisposition(file.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.stream);
  });

  const publicTags = ['public'];
  app.get('/api/public/notices/:id', { schema: { tags: publicTags, summary: '公示详情（名单、公示期、异议方式）', params: uuidParam, response: answers({ 200: publicNoticeDetailSchema }) } }, (request) =>
    publicNoticeDetail(ctx(request), request.params.id),
  );
  app.get('/api/public/editions/:id/winners', { schema: { tags: publicTags, summary: '届次获奖名单', params: uuidParam, response: answers({ 200: publicEditionWinnersSchema }) } }, (request) =>
    publicEditionWinners(ctx(request), request.params.id),
  );
  app.get('/api/public/archive', { schema: { tags: publicTags, summary: '历届获奖名单', response: answers({ 200: publicArchiveSchema }) } }, (request) => publicArchive(ctx(request)));

  // Multipart only in this scope: the objection form with up to five evidence files.
  const { fileBytes } = deps.config.limits;
  app.register(async (parent) => {
    const scope = parent.withTypeProvider<ZodTypeProvider>();
    await scope.register(fastifyMultipart, { limits: { fileSize: fileBytes + 1, files: OBJECTION_MAX_FILES, fields: 10, fieldSize: 20_000, parts: OBJECTION_MAX_FILES + 10, headerPairs: 20 } });
    gateUploads(scope, deps.config.http.bodyIdleMs);
    scope.post(
      '/api/public/notices/:id/objections',
      { schema: { tags: publicTags, summary: '提交公示异议（multipart：字段 applicationId、name、phone、email、organisation、content，文件 files，最多 5 个）', params: uuidParam, response: answers({ 201: objectionReceipt }) } },
      async (request, reply) => {
        try {
          const receipt = await fileObjection(ctx(request), request.params.id, request.ip, partsOf(request.parts()));
          return reply.status(201).send(receipt);
        } catch (error) {
          abandonBody(request, reply, undefined);
          if ((error as { code?: string }).code === 'FST_FILES_LIMIT') throw new ServiceError('too_many_parts', `证明材料最多 ${OBJECTION_MAX_FILES} 个文件`);
          throw multipartError(error, fileBytes);
        }
      },
    );
  });
}

async function* partsOf(parts: AsyncIterableIterator<Multipart>): AsyncGenerator<ObjectionPart> {
  for await (const part of parts) {
    if (part.type === 'field') yield { kind: 'field', name: part.fieldname, value: String(part.value ?? '') };
    else yield { kind: 'file', filename: part.filename, stream: part.file, truncated: () => part.file.truncated };
  }
}
