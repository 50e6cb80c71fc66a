import type { FastifyRequest } from 'fastify';
import { answers, binary } from '../../contract/common.js';
import { uuidParam } from '../../contract/primitives.js';
import { questionnaire, surveyAnswer, surveyCodeParams, surveyIssueRequest, surveyOpenRequest, surveyOverview, surveyParams, surveyThanks } from '../../contract/survey.js';
import { z } from 'zod';
import { hitRateLimit, SURVEY_CODE_PER_ADDRESS } from '../../services/rate-limit.js';
import { issueCodes } from '../../services/survey/codes.js';
import { closeSurvey, openSurveys } from '../../services/survey/office.js';
import { surveyOverview as loadOverview } from '../../services/survey/overview.js';
import { questionnaireByCode, submitAnswers } from '../../services/survey/respond.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { sendFile, XLSX } from './technical.js';

/**
 * The satisfaction survey (Art. 16): the office's management under /api/decision, the
 * respondents' questionnaire under /api/public (no login; an anonymous POST carries no session,
 * so the session layer asks no CSRF token of it, as for registration).
 */
export function registerSurveyRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['survey'];
  const ctx = (request: FastifyRequest) => serviceContext(deps, request);
  const base = '/api/decision/editions/:id/surveys';

  app.get(base, { schema: { tags, summary: '满意度测评概况（各候选对象的发放、回收、得分）', params: uuidParam, response: answers({ 200: surveyOverview }) } }, (request) =>
    loadOverview(ctx(request), request.params.id),
  );
  app.post(base, { schema: { tags, summary: '开展满意度测评（默认为全部已完成技术评审的申报）', params: uuidParam, body: surveyOpenRequest, response: answers({ 200: z.object({ opened: z.number().int() }) }) } }, (request) =>
    openSurveys(ctx(request), request.params.id, request.body),
  );
  app.post(
    `${base}/:surveyId/codes`,
    { schema: { tags, summary: '按测评群体发放一批测评码（Excel，仅此一次导出明码）', params: surveyParams, body: surveyIssueRequest, response: answers({ 200: binary(XLSX, '测评码（Excel）') }) } },
    async (request, reply) => {
      const { filename, content } = await issueCodes(ctx(request), request.params.id, request.params.surveyId, request.body);
      return sendFile(reply, XLSX, filename, content);
    },
  );
  app.post(`${base}/:surveyId/close`, { schema: { tags, summary: '结束测评并确定满意度得分', params: surveyParams, response: answers({ 200: z.object({ score: z.number() }) }) } }, (request) =>
    closeSurvey(ctx(request), request.params.id, request.params.surveyId),
  );

  // The public questionnaire: every lookup counts against the address, so codes cannot be guessed.
  app.get('/api/public/survey/:code', { schema: { tags: ['public'], summary: '按测评码读取问卷', params: surveyCodeParams, response: answers({ 200: questionnaire }) } }, async (request) => {
    await hitRateLimit(deps.database.db, SURVEY_CODE_PER_ADDRESS, request.ip, deps.now());
    return questionnaireByCode(ctx(request), request.params.code);
  });
  app.post('/api/public/survey/:code', { schema: { tags: ['public'], summary: '提交答卷（每个测评码一次）', params: surveyCodeParams, body: surveyAnswer, response: answers({ 200: surveyThanks }) } }, async (request) => {
    await hitRateLimit(deps.database.db, SURVEY_CODE_PER_ADDRESS, request.ip, deps.now());
    return submitAnswers(ctx(request), request.params.code, request.body);
  });
}
