import { meResponse } from '../../contract/auth.js';
import { answers, noContent } from '../../contract/common.js';
import {
  calendarData,
  calendarOverride,
  countyList,
  currentEdition as currentEditionSchema,
  dateParam,
  declareYearBody,
  inbox,
  inboxMarked,
  industries,
  overrideBody,
  registerBody,
  registrationCodeBody,
  workingDays,
  workingDaysQuery,
  yearParam,
} from '../../contract/intake.js';
import { uuidParam } from '../../contract/primitives.js';
import { calendarPolicy } from '../../domain/policies/profiles.js';
import { registerApplicant, sendRegistrationCode } from '../../services/applications/registration.js';
import { declareYear, deleteOverride, listCalendar, setOverride, workingDaysAfter } from '../../services/calendar.js';
import { ensure } from '../../services/errors.js';
import { markAllRead, markRead, myInbox } from '../../services/inbox.js';
import { CODES_PER_ADDRESS, hitRateLimit, REGISTER_PER_ADDRESS } from '../../services/rate-limit.js';
import { activeCounties, currentEdition, industryClassification } from '../../services/reference.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { setSessionCookie } from '../session.js';
import { freshSession } from './auth.js';

/** Registration, reference data, the inbox and the working calendar. */
export function registerIntakeSupportRoutes(app: ZodApp, deps: AppDeps): void {
  const none = answers({ 204: noContent });
  app.post('/api/register/code', { schema: { tags: ['register'], summary: '发送注册验证码', body: registrationCodeBody, response: none } }, async (request, reply) => {
    await hitRateLimit(deps.database.db, CODES_PER_ADDRESS, request.ip, deps.now());
    await sendRegistrationCode(serviceContext(deps, request), request.body.email);
    return reply.status(204).send();
  });
  app.post(
    '/api/register',
    { schema: { tags: ['register'], summary: '申报单位/个人注册', body: registerBody, response: answers({ 201: meResponse }) } },
    async (request, reply) => {
      await hitRateLimit(deps.database.db, REGISTER_PER_ADDRESS, request.ip, deps.now());
      const { token, csrfToken } = await registerApplicant(serviceContext(deps, request), request.body);
      setSessionCookie(reply, deps.config, token);
      return reply.status(201).send(await freshSession(deps, token, csrfToken));
    },
  );

  const refTags = ['reference'];
  app.get('/api/reference/industries', { schema: { tags: refTags, summary: '国民经济行业分类', response: answers({ 200: industries }) } }, async () =>
    industryClassification(),
  );
  app.get('/api/reference/counties', { schema: { tags: refTags, summary: '县区列表', response: answers({ 200: countyList }) } }, (request) =>
    activeCounties(serviceContext(deps, request)),
  );
  app.get('/api/editions/current', { schema: { tags: refTags, summary: '当前届次', response: answers({ 200: currentEditionSchema }) } }, (request) =>
    currentEdition(serviceContext(deps, request)),
  );

  app.get('/api/inbox', { schema: { tags: ['inbox'], summary: '站内通知', response: answers({ 200: inbox }) } }, (request) => myInbox(serviceContext(deps, request)));
  app.post('/api/inbox/read-all', { schema: { tags: ['inbox'], summary: '全部标为已读', response: answers({ 200: inboxMarked }) } }, (request) =>
    markAllRead(serviceContext(deps, request)),
  );
  app.post('/api/inbox/:id/read', { schema: { tags: ['inbox'], summary: '标记已读', params: uuidParam, response: none } }, async (request, reply) => {
    await markRead(serviceContext(deps, request), request.params.id);
    return reply.status(204).send();
  });

  const tags = ['calendar'];
  app.get('/api/calendar/overrides', { schema: { tags, summary: '工作日调整', response: answers({ 200: calendarData }) } }, (request) =>
    listCalendar(serviceContext(deps, request)),
  );
  app.put(
    '/api/calendar/overrides/:date',
    { schema: { tags, summary: '设置某日为工作日或休息日', params: dateParam, body: overrideBody, response: answers({ 200: calendarOverride }) } },
    (request) => setOverride(serviceContext(deps, request), request.params.date, request.body),
  );
  app.delete('/api/calendar/overrides/:date', { schema: { tags, summary: '删除调整', params: dateParam, response: none } }, async (request, reply) => {
    await deleteOverride(serviceContext(deps, request), request.params.date);
    return reply.status(204).send();
  });
  app.post(
    '/api/calendar/years/:year',
    { schema: { tags, summary: '声明某年节假日安排已录入', params: yearParam, body: declareYearBody, response: none } },
    async (request, reply) => {
      await declareYear(serviceContext(deps, request), request.params.year, request.body.note);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/calendar/working-days',
    { schema: { tags, summary: '计算工作日', querystring: workingDaysQuery, response: answers({ 200: workingDays }) } },
    async (request) => {
      const ctx = serviceContext(deps, request);
      ensure(calendarPolicy.view(ctx.actor, null));
      return { date: await workingDaysAfter(ctx.db, request.query.from, request.query.n, 'from') };
    },
  );
}
