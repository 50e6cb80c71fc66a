import type { FastifyRequest } from 'fastify';
import { accessLog, accessLogApplicationList, accessLogApplicationQuery, accessLogQuery, auditFilter } from '../../contract/audit.js';
import { answers, binary } from '../../contract/common.js';
import { auditList, auditQuery, auditVerifyResult } from '../../contract/system.js';
import { exportAudit } from '../../services/audit/export.js';
import { listAudit, verifyAudit } from '../../services/audit/read.js';
import { accessLog as loadAccessLog, accessLogApplications, exportAccessLog } from '../../services/files/access-log.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { requireUser } from '../session.js';
import { sendSerializedOnce } from '../serialized-once.js';
import { sendFile, XLSX } from './technical.js';

/** The audit trail (audit administrator) and the access log of applications' materials (audit administrator, office). */
export function registerAuditRoutes(app: ZodApp, deps: AppDeps): void {
  const ctx = (request: FastifyRequest) => {
    requireUser(request);
    return serviceContext(deps, request);
  };
  const tags = ['audit'];
  app.get('/api/audit', { schema: { tags, summary: '审计日志（按操作人、对象、操作和时间筛选）', querystring: auditQuery, response: answers({ 200: auditList }) } }, async (request, reply) =>
    sendSerializedOnce(reply, await listAudit(ctx(request), request.query)),
  );
  app.get('/api/audit/verify', { schema: { tags, summary: '校验审计链', response: answers({ 200: auditVerifyResult }) } }, (request) => verifyAudit(ctx(request)));
  app.get('/api/audit/export.xlsx', { schema: { tags, summary: '导出审计日志（Excel，按当前筛选）', querystring: auditFilter, response: answers({ 200: binary(XLSX, '审计日志（Excel）') }) } }, async (request, reply) => {
    const file = await exportAudit(ctx(request), request.query);
    return sendFile(reply, XLSX, file.filename, file.content);
  });

  app.get('/api/access-log/applications', { schema: { tags, summary: '可查看查阅记录的申报（按名称搜索）', querystring: accessLogApplicationQuery, response: answers({ 200: accessLogApplicationList }) } }, (request) =>
    accessLogApplications(ctx(request), request.query),
  );
  app.get('/api/access-log', { schema: { tags, summary: '申报材料查阅记录（按查阅人和时间筛选）', querystring: accessLogQuery, response: answers({ 200: accessLog }) } }, (request) =>
    loadAccessLog(ctx(request), request.query),
  );
  app.get('/api/access-log/export.xlsx', { schema: { tags, summary: '导出申报材料查阅记录（Excel）', querystring: accessLogQuery, response: answers({ 200: binary(XLSX, '材料查阅记录（Excel）') }) } }, async (request, reply) => {
    const file = await exportAccessLog(ctx(request), request.query);
    return sendFile(reply, XLSX, file.filename, file.content);
  });
}
