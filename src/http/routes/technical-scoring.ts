import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { answers, binary, isoDateTime } from '../../contract/common.js';
import { uuidParam } from '../../contract/primitives.js';
import { technicalReport } from '../../contract/technical-report.js';
import { scorebookPage, scorebookSave, stageResults, stageScorebookParams } from '../../contract/technical-scoring.js';
import { stageParams } from '../../contract/technical.js';
import { renderTechnicalReportPdf } from '../../services/reports/technical-report-pdf.js';
import { renderTechnicalReportXlsx } from '../../services/reports/technical-report-xlsx.js';
import { getReport, submitReport } from '../../services/technical/report.js';
import { stageResults as loadStageResults } from '../../services/technical/results.js';
import { saveScorebook, scorebookPage as loadScorebookPage, submitScorebook } from '../../services/technical/scorebooks.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { requireUser } from '../session.js';
import { sendFile, XLSX } from './technical.js';

const PDF = 'application/pdf';
const reportAnswer = z.object({ submittedAt: isoDateTime.nullable(), report: technicalReport });

/** Scoring (SPEC §5): scorebooks and the consensus, a stage's results, the technical results report. */
export function registerTechnicalScoringRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['technical'];
  const ctx = (request: FastifyRequest) => {
    requireUser(request);
    return serviceContext(deps, request);
  };
  const base = '/api/applications/:id/scorebooks/:stage';

  app.get(base, { schema: { tags, summary: '评分表（本人、组内，按权限）', params: stageScorebookParams, response: answers({ 200: scorebookPage }) } }, (request) =>
    loadScorebookPage(ctx(request), request.params.id, request.params.stage),
  );
  app.put(`${base}/mine`, { schema: { tags, summary: '保存本人评分（自动保存）', params: stageScorebookParams, body: scorebookSave, response: answers({ 200: scorebookPage }) } }, (request) =>
    saveScorebook(ctx(request), request.params.id, request.params.stage, 'independent', request.body),
  );
  app.post(`${base}/mine/submit`, { schema: { tags, summary: '提交本人评分（提交后锁定）', params: stageScorebookParams, response: answers({ 200: scorebookPage }) } }, (request) =>
    submitScorebook(ctx(request), request.params.id, request.params.stage, 'independent'),
  );
  app.put(`${base}/consensus`, { schema: { tags, summary: '保存组内一致意见（组长）', params: stageScorebookParams, body: scorebookSave, response: answers({ 200: scorebookPage }) } }, (request) =>
    saveScorebook(ctx(request), request.params.id, request.params.stage, 'consensus', request.body),
  );
  app.post(`${base}/consensus/submit`, { schema: { tags, summary: '提交组内一致意见（组长）', params: stageScorebookParams, response: answers({ 200: scorebookPage }) } }, (request) =>
    submitScorebook(ctx(request), request.params.id, request.params.stage, 'consensus'),
  );

  app.get('/api/technical/editions/:id/stages/:stage/results', { schema: { tags, summary: '本环节评审结果、校准与晋级建议', params: stageParams, response: answers({ 200: stageResults }) } }, (request) =>
    loadStageResults(ctx(request), request.params.id, request.params.stage),
  );
  app.get('/api/technical/editions/:id/report', { schema: { tags, summary: '技术评审结果报告', params: uuidParam, response: answers({ 200: reportAnswer }) } }, (request) => getReport(ctx(request), request.params.id));
  app.post('/api/technical/editions/:id/report', { schema: { tags, summary: '向强市办报送技术评审结果（第八条）', params: uuidParam, response: answers({ 200: reportAnswer }) } }, (request) =>
    submitReport(ctx(request), request.params.id),
  );
  app.get('/api/technical/editions/:id/report.pdf', { schema: { tags, summary: '技术评审结果报告（PDF）', params: uuidParam, response: answers({ 200: binary(PDF, '技术评审结果报告（PDF）') }) } }, async (request, reply) => {
    const { report } = await getReport(ctx(request), request.params.id);
    return sendFile(reply, PDF, `${report.edition.name}技术评审结果报告.pdf`, await renderTechnicalReportPdf(report));
  });
  app.get('/api/technical/editions/:id/report.xlsx', { schema: { tags, summary: '技术评审结果报告（Excel）', params: uuidParam, response: answers({ 200: binary(XLSX, '技术评审结果报告（Excel）') }) } }, async (request, reply) => {
    const { report } = await getReport(ctx(request), request.params.id);
    return sendFile(reply, XLSX, `${report.edition.name}技术评审结果报告.xlsx`, await renderTechnicalReportXlsx(report));
  });
}
