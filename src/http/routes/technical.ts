import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import { abandonBody, multipartError } from './files.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answers, binary } from '../../contract/common.js';
import { uuidParam } from '../../contract/primitives.js';
import {
  assignRequest,
  commitment,
  conflictDeclaration,
  conflictDismissal,
  conflictList,
  expert,
  expertAccountRequest,
  expertInput,
  expertList,
  expertWork,
  panelMemberRequest,
  panelView,
  poolImportResult,
  scheduleRequest,
  solveProgress,
  stageParams,
  technicalOverview,
} from '../../contract/technical.js';
import { ServiceError } from '../../services/errors.js';
import { acceptCommitment, expertWork as loadExpertWork, getCommitment } from '../../services/technical/commitment.js';
import { declareConflict, dismissConflict, listConflicts } from '../../services/technical/conflicts.js';
import { setSchedule, startTechnicalReview, technicalOverview as loadOverview } from '../../services/technical/edition.js';
import { addPanelMember, getPanels, removePanelMember, setPanelLeader } from '../../services/technical/panels.js';
import { solvePanels, solveProgress as loadSolveProgress } from '../../services/technical/solve-panels.js';
import { exportPool, importPool, poolSheetFilename, poolTemplate } from '../../services/technical/pool-import.js';
import { createExpert, listExperts, openExpertAccount, updateExpert } from '../../services/technical/pool.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { requireUser } from '../session.js';
import { gateUploads } from '../upload-gate.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ok = z.object({ ok: z.literal(true) });
const POOL_FILE_BYTES = 5 * 1024 * 1024;

/** Sends a generated file with a Chinese name (RFC 6266). */
export function sendFile(reply: FastifyReply, contentType: string, filename: string, content: Buffer | Uint8Array) {
  const ascii = filename.endsWith('.pdf') ? 'report.pdf' : 'export.xlsx';
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(content));
}

/** The technical review (Art. 8, 15, 24): the expert pool, commitments, conflicts, panels, schedules. */
export function registerTechnicalRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['technical'];
  const ctx = (request: FastifyRequest) => {
    requireUser(request);
    return serviceContext(deps, request);
  };
  const editionStage = z.object({ id: z.uuid({ message: '编号格式不正确' }), stage: stageParams.shape.stage, applicationId: z.uuid({ message: '编号格式不正确' }) });
  const memberParams = editionStage.extend({ expertId: z.uuid({ message: '编号格式不正确' }) });

  // The pool.
  app.get('/api/experts', { schema: { tags, summary: '专家库', response: answers({ 200: expertList }) } }, (request) => listExperts(ctx(request)));
  app.post('/api/experts', { schema: { tags, summary: '新增专家', body: expertInput, response: answers({ 201: expert }) } }, async (request, reply) => reply.status(201).send(await createExpert(ctx(request), request.body)));
  app.put('/api/experts/:id', { schema: { tags, summary: '修改专家信息', params: uuidParam, body: expertInput, response: answers({ 200: expert }) } }, (request) => updateExpert(ctx(request), request.params.id, request.body));
  app.post('/api/experts/:id/account', { schema: { tags, summary: '为专家开通账号', params: uuidParam, body: expertAccountRequest, response: answers({ 200: expert }) } }, (request) =>
    openExpertAccount(ctx(request), request.params.id, request.body),
  );
  app.get('/api/experts/template.xlsx', { schema: { tags, summary: '专家库导入模板', response: answers({ 200: binary(XLSX, '专家库导入模板（Excel）') }) } }, async (request, reply) =>
    sendFile(reply, XLSX, poolSheetFilename('template'), await poolTemplate(ctx(request))),
  );
  app.get('/api/experts/export.xlsx', { schema: { tags, summary: '导出专家库', response: answers({ 200: binary(XLSX, '专家库（Excel）') }) } }, async (request, reply) =>
    sendFile(reply, XLSX, poolSheetFilename('export'), await exportPool(ctx(request))),
  );
  app.register(async (parent) => {
    const scope = parent.withTypeProvider<ZodTypeProvider>();
    await scope.register(fastifyMultipart, { limits: { fileSize: POOL_FILE_BYTES + 1, files: 1, fields: 0, parts: 1, headerPairs: 20 } });
    gateUploads(scope, deps.config.http.bodyIdleMs);
    scope.post(
      '/api/experts/import',
      {
        schema: {
          tags,
          summary: '从 Excel 导入专家库（multipart，字段 file）',
          description: '有错误的文件不导入任何数据（422，逐行列出错误）；validOnly=true 时只导入正确的行并列出跳过的行。',
          querystring: z.object({ validOnly: z.enum(['true', 'false']).default('false') }),
          response: answers({ 200: poolImportResult }),
        },
      },
      async (request, reply) => {
        const context = ctx(request);
        let part: MultipartFile | undefined;
        let content: Buffer;
        try {
          part = await request.file();
          if (!part || part.fieldname !== 'file') throw new ServiceError('file_required', '请选择要导入的 Excel 文件');
          content = await part.toBuffer();
        } catch (error) {
          // A malformed or wrongly typed upload is the client's error, with the codes of every other upload.
          abandonBody(request, reply, part);
          throw multipartError(error, POOL_FILE_BYTES);
        }
        if (content.length > POOL_FILE_BYTES || part.file.truncated) throw new ServiceError('file_too_large', '文件过大（上限 5 MB）');
        return importPool(context, content, request.query.validOnly === 'true');
      },
    );
  });

  // The expert's side.
  app.get('/api/expert/work', { schema: { tags, summary: '专家的评审任务', response: answers({ 200: expertWork }) } }, (request) => loadExpertWork(ctx(request)));
  app.get('/api/expert/editions/:id/commitment', { schema: { tags, summary: '保密和回避承诺书', params: uuidParam, response: answers({ 200: commitment }) } }, (request) => getCommitment(ctx(request), request.params.id));
  app.post('/api/expert/editions/:id/commitment', { schema: { tags, summary: '签署保密和回避承诺（第二十四条）', params: uuidParam, response: answers({ 200: commitment }) } }, (request) =>
    acceptCommitment(ctx(request), request.params.id),
  );

  // The edition's technical review, run by the agency.
  app.get('/api/technical/editions/:id', { schema: { tags, summary: '技术评审概况', params: uuidParam, response: answers({ 200: technicalOverview }) } }, (request) => loadOverview(ctx(request), request.params.id));
  app.post('/api/technical/editions/:id/start', { schema: { tags, summary: '开始技术评审（全部资格审查通过的申报）', params: uuidParam, response: answers({ 200: technicalOverview }) } }, (request) =>
    startTechnicalReview(ctx(request), request.params.id),
  );
  app.get('/api/technical/editions/:id/conflicts', { schema: { tags, summary: '利益冲突', params: uuidParam, response: answers({ 200: conflictList }) } }, (request) => listConflicts(ctx(request), request.params.id));
  app.post('/api/technical/editions/:id/conflicts', { schema: { tags, summary: '申报利益冲突（专家本人或机构）', params: uuidParam, body: conflictDeclaration, response: answers({ 200: ok }) } }, (request) =>
    declareConflict(ctx(request), request.params.id, request.body),
  );
  app.post('/api/technical/editions/:id/conflicts/dismiss', { schema: { tags, summary: '排除误判的利益冲突（须说明理由）', params: uuidParam, body: conflictDismissal, response: answers({ 200: ok }) } }, (request) =>
    dismissConflict(ctx(request), request.params.id, request.body),
  );
  app.get('/api/technical/editions/:id/stages/:stage/panels', { schema: { tags, summary: '评审组', params: stageParams, response: answers({ 200: panelView }) } }, (request) =>
    getPanels(ctx(request), request.params.id, request.params.stage),
  );
  app.post('/api/technical/editions/:id/stages/:stage/panels', { schema: { tags, summary: '自动分配评审组（最优分配）', params: stageParams, body: assignRequest, response: answers({ 200: panelView }) } }, (request) =>
    solvePanels(ctx(request), request.params.id, request.params.stage, request.body.k),
  );
  app.get('/api/technical/editions/:id/stages/:stage/panels/progress', { schema: { tags, summary: '评审组分配进度', params: stageParams, response: answers({ 200: solveProgress }) } }, (request) =>
    loadSolveProgress(ctx(request), request.params.id, request.params.stage),
  );
  app.post('/api/technical/editions/:id/stages/:stage/panels/:applicationId/members', { schema: { tags, summary: '评审组增加专家', params: editionStage, body: panelMemberRequest, response: answers({ 200: panelView }) } }, (request) =>
    addPanelMember(ctx(request), request.params.id, request.params.stage, request.params.applicationId, request.body.expertId),
  );
  app.delete('/api/technical/editions/:id/stages/:stage/panels/:applicationId/members/:expertId', { schema: { tags, summary: '评审组移出专家', params: memberParams, response: answers({ 200: panelView }) } }, (request) =>
    removePanelMember(ctx(request), request.params.id, request.params.stage, request.params.applicationId, request.params.expertId),
  );
  app.post('/api/technical/editions/:id/stages/:stage/panels/:applicationId/leader', { schema: { tags, summary: '指定评审组组长', params: editionStage, body: panelMemberRequest, response: answers({ 200: panelView }) } }, (request) =>
    setPanelLeader(ctx(request), request.params.id, request.params.stage, request.params.applicationId, request.body.expertId),
  );
  app.put('/api/technical/editions/:id/stages/:stage/schedules/:applicationId', { schema: { tags, summary: '安排现场评审或陈述答辩', params: editionStage, body: scheduleRequest, response: answers({ 200: panelView }) } }, (request) =>
    setSchedule(ctx(request), request.params.id, request.params.stage, request.params.applicationId, request.body),
  );
}
