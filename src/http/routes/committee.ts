import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { answers, binary } from '../../contract/common.js';
import {
  ballotRequest,
  closeSessionRequest,
  committeeParams,
  committeeView,
  constituteRequest,
  memberEditions,
  memberRequest,
  memberSheet,
  officeRecusalRequest,
  openSessionRequest,
  recusalRequest,
  sessionParams,
  sessionView,
  voidSessionRequest,
} from '../../contract/committee.js';
import { uuidParam } from '../../contract/primitives.js';
import { committeeView as loadCommittee, constituteCommittee, removeMember, setMember } from '../../services/committee/committee.js';
import { memberEditions as loadMemberEditions, memberSheet as loadMemberSheet } from '../../services/committee/member.js';
import { sessionMinutes } from '../../services/committee/minutes.js';
import { declareRecusal } from '../../services/committee/recusals.js';
import { castBallot, closeSession, openSession, voidSession } from '../../services/committee/session.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { requireUser } from '../session.js';
import { sendFile } from './technical.js';

const ok = z.object({ ok: z.literal(true) });
const PDF = 'application/pdf';

/**
 * The review committee and its plenary (Art. 9, 16): the office manages the committee and the
 * sessions under /api/decision/editions/:id/committee; members act under /api/committee.
 * Ballot bodies are never logged (the app's logger records no bodies).
 */
export function registerCommitteeRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['committee'];
  const ctx = (request: FastifyRequest) => {
    requireUser(request);
    return serviceContext(deps, request);
  };
  const base = '/api/decision/editions/:id/committee';

  // The office.
  app.get(base, { schema: { tags, summary: '评审委员会与全体会议', params: uuidParam, response: answers({ 200: committeeView }) } }, (request) => loadCommittee(ctx(request), request.params.id));
  app.post(`${base}/members`, { schema: { tags, summary: '增补委员或调整职务', params: uuidParam, body: memberRequest, response: answers({ 200: committeeView }) } }, (request) =>
    setMember(ctx(request), request.params.id, request.body),
  );
  app.delete(`${base}/members/:userId`, { schema: { tags, summary: '移除委员', params: committeeParams, response: answers({ 200: committeeView }) } }, (request) =>
    removeMember(ctx(request), request.params.id, request.params.userId),
  );
  app.post(`${base}/constitute`, { schema: { tags, summary: '组成评审委员会（人数须为单数）', params: uuidParam, body: constituteRequest, response: answers({ 200: committeeView }) } }, (request) =>
    constituteCommittee(ctx(request), request.params.id, request.body),
  );
  app.post(`${base}/recusals`, { schema: { tags, summary: '代委员申报回避', params: uuidParam, body: officeRecusalRequest, response: answers({ 200: ok }) } }, async (request) => {
    await declareRecusal(ctx(request), request.params.id, request.body, 'office');
    return { ok: true as const };
  });
  app.post(`${base}/sessions`, { schema: { tags, summary: '召开全体会议（登记出席，核对法定人数）', params: uuidParam, body: openSessionRequest, response: answers({ 201: sessionView }) } }, async (request, reply) =>
    reply.status(201).send(await openSession(ctx(request), request.params.id, request.body)),
  );
  app.post(`${base}/sessions/:sessionId/close`, { schema: { tags, summary: '闭会：计票并形成决议', params: sessionParams, body: closeSessionRequest, response: answers({ 200: sessionView }) } }, (request) =>
    closeSession(ctx(request), request.params.id, request.params.sessionId, request.body),
  );
  app.post(`${base}/sessions/:sessionId/void`, { schema: { tags, summary: '宣布本轮表决无效（不形成决议）', params: sessionParams, body: voidSessionRequest, response: answers({ 200: sessionView }) } }, (request) =>
    voidSession(ctx(request), request.params.id, request.params.sessionId, request.body),
  );
  app.get(`${base}/sessions/:sessionId/minutes.pdf`, { schema: { tags, summary: '全体会议纪要（PDF）', params: sessionParams, response: answers({ 200: binary(PDF, '会议纪要（PDF）') }) } }, async (request, reply) => {
    const { filename, content } = await sessionMinutes(ctx(request), request.params.id, request.params.sessionId);
    return sendFile(reply, PDF, filename, content);
  });

  // The members.
  app.get('/api/committee/editions', { schema: { tags, summary: '本人所在的评审委员会', response: answers({ 200: memberEditions }) } }, (request) => loadMemberEditions(ctx(request)));
  app.get('/api/committee/editions/:id', { schema: { tags, summary: '本人的表决票', params: uuidParam, response: answers({ 200: memberSheet }) } }, (request) => loadMemberSheet(ctx(request), request.params.id));
  app.post('/api/committee/editions/:id/recusals', { schema: { tags, summary: '申报回避', params: uuidParam, body: recusalRequest, response: answers({ 200: ok }) } }, async (request) => {
    const c = ctx(request);
    await declareRecusal(c, request.params.id, { ...request.body, userId: c.actor!.userId }, 'member');
    return { ok: true as const };
  });
  app.post('/api/committee/editions/:id/ballot', { schema: { tags, summary: '投票（无记名，一次投出全部意见）', params: uuidParam, body: ballotRequest, response: answers({ 200: ok }) } }, (request) =>
    castBallot(ctx(request), request.params.id, request.body),
  );
}
