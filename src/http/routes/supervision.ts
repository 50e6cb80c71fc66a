import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { answers } from '../../contract/common.js';
import { fileDownload } from '../../contract/files.js';
import { uuidParam } from '../../contract/primitives.js';
import {
  addEvidenceRequest,
  announceCaseRequest,
  caseDetail as caseDetailSchema,
  caseFile,
  caseFileParams,
  caseList,
  caseListQuery,
  caseSubjects as caseSubjectsSchema,
  caseSubjectsQuery,
  closeCaseRequest,
  decideCaseRequest,
  disqualifyExpertRequest,
  openCaseRequest,
  proposeCaseRequest,
  publicRevocationList,
  revocationGrounds,
  revocationGroundsQuery,
  verifyCaseRequest,
} from '../../contract/supervision.js';
import { ServiceError } from '../../services/errors.js';
import { addEvidence, openCase, openCaseFile, uploadCaseFile } from '../../services/supervision/cases-open.js';
import { caseDetail, caseSubjects, listCases, revocationGroundsFor } from '../../services/supervision/cases-read.js';
import { announceCase, closeCase, decideCase, disqualifyExpertCase, proposeCase, verifyCase } from '../../services/supervision/cases-steps.js';
import { publicRevocations } from '../../services/supervision/public-revocations.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { abandonBody, contentDisposition, multipartError, refuseHostileParts } from './files.js';
import { gateUploads } from '../upload-gate.js';

/** Supervision cases (SPEC §7–8; Art. 24–29): revocation, reports against applicants, experts and staff. */
export function registerSupervisionRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['supervision'];
  const ctx = (request: FastifyRequest) => serviceContext(deps, request);
  const base = '/api/supervision/cases';
  const detail = answers({ 200: caseDetailSchema });

  app.get(base, { schema: { tags, summary: '监督案件列表', querystring: caseListQuery, response: answers({ 200: caseList }) } }, (request) => listCases(ctx(request), request.query));
  app.post(base, { schema: { tags, summary: '立案或举报（强市办；评审委员会委员可举报申报者、专家和工作人员）', body: openCaseRequest, response: answers({ 201: caseDetailSchema }) } }, async (request, reply) =>
    reply.status(201).send(await openCase(ctx(request), request.body)),
  );
  app.get(`${base}/:id`, { schema: { tags, summary: '案件详情（含当前用户可办理的环节及原因）', params: uuidParam, response: detail } }, (request) => caseDetail(ctx(request), request.params.id));
  app.get('/api/supervision/subjects', { schema: { tags, summary: '可立案的对象（获奖者、申报、专家）', querystring: caseSubjectsQuery, response: answers({ 200: caseSubjectsSchema }) } }, (request) =>
    caseSubjects(ctx(request), request.query),
  );
  app.get('/api/supervision/grounds', { schema: { tags, summary: '撤销情形清单（按获奖者类别）', querystring: revocationGroundsQuery, response: answers({ 200: revocationGrounds }) } }, (request) =>
    revocationGroundsFor(ctx(request), request.query.applicationId),
  );
  app.get(`${base}/:id/files/:fileId`, { exposeHeadRoute: false, schema: { tags, summary: '下载案件证据材料（记录查阅）', params: caseFileParams, response: answers({ 200: fileDownload }) } }, async (request, reply) => {
    const file = await openCaseFile(ctx(request), request.params.id, request.params.fileId);
    return reply
      .header('content-type', file.mimeType)
      .header('content-length', file.size)
      .header('content-disposition', contentDisposition(file.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.stream);
  });
  app.post(`${base}/:id/evidence`, { schema: { tags, summary: '补充证据（强市办）', params: uuidParam, body: addEvidenceRequest, response: detail } }, (request) => addEvidence(ctx(request), request.params.id, request.body));
  app.post(`${base}/:id/verify`, { schema: { tags, summary: '登记核查结论（强市办）', params: uuidParam, body: verifyCaseRequest, response: detail } }, (request) => verifyCase(ctx(request), request.params.id, request.body));
  app.post(`${base}/:id/propose`, { schema: { tags, summary: '领导小组提请撤销或作出违规处理决定', params: uuidParam, body: proposeCaseRequest, response: detail } }, (request) =>
    proposeCase(ctx(request), request.params.id, request.body),
  );
  app.post(`${base}/:id/decide`, { schema: { tags, summary: '市政府撤销决定', params: uuidParam, body: decideCaseRequest, response: detail } }, (request) => decideCase(ctx(request), request.params.id, request.body));
  app.post(`${base}/:id/announce`, { schema: { tags, summary: '向社会公告撤销决定（强市办）', params: uuidParam, body: announceCaseRequest, response: detail } }, (request) =>
    announceCase(ctx(request), request.params.id, request.body),
  );
  app.post(`${base}/:id/disqualify-expert`, { schema: { tags, summary: '取消专家本届评审资格（强市办，第二十六条）', params: uuidParam, body: disqualifyExpertRequest, response: detail } }, (request) =>
    disqualifyExpertCase(ctx(request), request.params.id, request.body),
  );
  app.post(`${base}/:id/close`, { schema: { tags, summary: '结案（强市办）', params: uuidParam, body: closeCaseRequest, response: detail } }, (request) => closeCase(ctx(request), request.params.id, request.body));

  app.get('/api/public/revocations', { schema: { tags: ['public'], summary: '撤销奖项公告', response: answers({ 200: publicRevocationList }) } }, (request) => publicRevocations(ctx(request)));

  // Multipart only in this scope: one evidence file per request.
  const { fileBytes } = deps.config.limits;
  app.register(async (parent) => {
    const scope = parent.withTypeProvider<ZodTypeProvider>();
    await scope.register(fastifyMultipart, { limits: { fileSize: fileBytes + 1, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 20 } });
    gateUploads(scope, deps.config.http.bodyIdleMs);
    scope.post('/api/supervision/files', { schema: { tags, summary: '上传案件证据材料（multipart，字段 file；PDF、JPEG、PNG）', response: answers({ 201: caseFile }) } }, async (request, reply) => {
      let part: MultipartFile | undefined;
      try {
        part = await request.file();
        if (!part || part.fieldname !== 'file') throw new ServiceError('file_required', '请选择要上传的文件');
        refuseHostileParts(part);
        const uploaded = part;
        const file = await uploadCaseFile(ctx(request), { filename: uploaded.filename, stream: uploaded.file, truncated: () => uploaded.file.truncated });
        return reply.status(201).send(file);
      } catch (error) {
        abandonBody(request, reply, part);
        throw multipartError(error, fileBytes);
      }
    });
  });
}
