import type { FastifyRequest } from 'fastify';
import {
  awardItemRecord,
  awardItemRecovery,
  certificateVerification,
  editionAwards as editionAwardsSchema,
  feedbackRelease,
  itemKindParams,
  myAwards as myAwardsSchema,
  prizePaymentRecord,
  serialParam,
  usageReportSubmit,
  winnerAwards,
} from '../../contract/awards.js';
import { answers, binary } from '../../contract/common.js';
import { uuidParam } from '../../contract/primitives.js';
import { certificatePdf, verifyCertificate } from '../../services/awards/certificates.js';
import { feedbackPdf, releaseFeedback } from '../../services/awards/feedback.js';
import { editionAwards, myAwards, recordAwardItem, recordPayment, recoverAwardItem, submitUsageReport } from '../../services/awards/ledger.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { setHtmlSecurityHeaders } from '../security-headers.js';
import { requireUser } from '../session.js';
import { sendFile } from './technical.js';
import { verificationPage } from './verify-page.js';

const PDF = 'application/pdf';

/** Certificates and their public verification, award items, prize money, feedback reports (SPEC §6; Art. 19–22, 27). */
export function registerAwardRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['awards'];
  const ctx = (request: FastifyRequest) => {
    requireUser(request);
    return serviceContext(deps, request);
  };
  const publicCtx = (request: FastifyRequest) => serviceContext(deps, request);

  // The page the certificate's QR code opens: HTML from the server, outside /api and before the UI's fallback.
  app.get('/verify/:serial', { schema: { hide: true, params: serialParam } }, async (request, reply) => {
    const result = await verifyCertificate(publicCtx(request), request.params.serial);
    return setHtmlSecurityHeaders(reply).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(verificationPage(result));
  });
  app.get('/api/public/certificates/:serial/verify', { schema: { tags: ['public'], summary: '核验证书编号', params: serialParam, response: answers({ 200: certificateVerification }) } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return verifyCertificate(publicCtx(request), request.params.serial);
  });

  app.get('/api/editions/:id/awards', { schema: { tags, summary: '获奖者的证书、奖励物品、奖金与使用报告', params: uuidParam, response: answers({ 200: editionAwardsSchema }) } }, (request) =>
    editionAwards(ctx(request), request.params.id),
  );
  app.get('/api/my/awards', { schema: { tags, summary: '本人的获奖与反馈报告', response: answers({ 200: myAwardsSchema }) } }, (request) => myAwards(ctx(request)));
  app.get('/api/winners/:id/certificate.pdf', { schema: { tags, summary: '获奖证书（PDF）', params: uuidParam, response: answers({ 200: binary(PDF, '获奖证书（PDF）') }) } }, async (request, reply) => {
    const { filename, bytes } = await certificatePdf(ctx(request), request.params.id);
    return sendFile(reply, PDF, filename, bytes);
  });
  app.post('/api/winners/:id/items', { schema: { tags, summary: '登记颁发奖杯、奖牌或证书', params: uuidParam, body: awardItemRecord, response: answers({ 201: winnerAwards }) } }, async (request, reply) =>
    reply.status(201).send(await recordAwardItem(ctx(request), request.params.id, request.body)),
  );
  app.post('/api/winners/:id/items/:kind/recovery', { schema: { tags, summary: '登记收回奖杯、奖牌或证书', params: itemKindParams, body: awardItemRecovery, response: answers({ 200: winnerAwards }) } }, (request) =>
    recoverAwardItem(ctx(request), request.params.id, request.params.kind, request.body),
  );
  app.post('/api/winners/:id/payments', { schema: { tags, summary: '登记奖金拨付（负数为追回）', params: uuidParam, body: prizePaymentRecord, response: answers({ 201: winnerAwards }) } }, async (request, reply) =>
    reply.status(201).send(await recordPayment(ctx(request), request.params.id, request.body)),
  );
  app.post('/api/winners/:id/usage-reports', { schema: { tags, summary: '报告奖金使用情况（第二十一条）', params: uuidParam, body: usageReportSubmit, response: answers({ 201: winnerAwards }) } }, async (request, reply) =>
    reply.status(201).send(await submitUsageReport(ctx(request), request.params.id, request.body)),
  );

  app.post('/api/editions/:id/feedback/release', { schema: { tags, summary: '向申报者发布反馈报告', params: uuidParam, response: answers({ 200: feedbackRelease }) } }, (request) =>
    releaseFeedback(ctx(request), request.params.id),
  );
  app.get('/api/applications/:id/feedback.pdf', { schema: { tags, summary: '反馈报告（PDF）', params: uuidParam, response: answers({ 200: binary(PDF, '反馈报告（PDF）') }) } }, async (request, reply) => {
    const { filename, bytes } = await feedbackPdf(ctx(request), request.params.id);
    return sendFile(reply, PDF, filename, bytes);
  });
}

