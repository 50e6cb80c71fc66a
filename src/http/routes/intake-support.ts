import { z } from 'zod';
import { registerApplicant, sendRegistrationCode } from '../../services/applications/registration.js';
import { resolveSession } from '../../services/auth/sessions.js';
import { CODES_PER_ADDRESS, hitRateLimit } from '../../services/rate-limit.js';
import { declareYear, deleteOverride, listCalendar, setOverride, workingDaysAfter } from '../../services/calendar.js';
import { markRead, myInbox } from '../../services/inbox.js';
import { activeCounties, currentEdition, industryClassification } from '../../services/reference.js';
import { calendarPolicy } from '../../domain/policies/profiles.js';
import { ensure } from '../../services/errors.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { isoDate, nonEmptyText, uuidParam } from '../schemas.js';
import { setSessionCookie } from '../session.js';

/** Registration, reference data, the inbox and the working calendar. */
export function registerIntakeSupportRoutes(app: ZodApp, deps: AppDeps): void {
  const email = z.email({ message: '邮箱格式不正确' }).max(200);
  app.post('/api/register/code', { schema: { tags: ['register'], summary: '发送注册验证码', body: z.object({ email }) } }, async (request, reply) => {
    await hitRateLimit(deps.database.db, CODES_PER_ADDRESS, request.ip, deps.now());
    await sendRegistrationCode(serviceContext(deps, request), request.body.email);
    return reply.status(204).send();
  });
  app.post(
    '/api/register',
    {
      schema: {
        tags: ['register'],
        summary: '申报单位/个人注册',
        body: z.object({
          kind: z.enum(['unit', 'individual']),
          identityCode: z.string().trim().min(1, { message: '请填写统一社会信用代码或身份证号码' }).max(18, { message: '应为 18 位' }),
          name: nonEmptyText(100),
          username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/, { message: '用户名为 3–64 位字母、数字、点、下划线或连字符' }),
          password: z.string().min(1).max(256),
          email,
          phone: z.string().trim().regex(/^1\d{10}$/, { message: '手机号应为 11 位数字' }),
          emailCode: z.string().trim().regex(/^\d{6}$/, { message: '验证码为 6 位数字' }),
        }),
      },
    },
    async (request, reply) => {
      const { token, csrfToken } = await registerApplicant(serviceContext(deps, request), request.body);
      setSessionCookie(reply, deps.config, token);
      const session = await resolveSession(deps.database.db, token, deps.now(), deps.config.session.idleMs);
      return reply.status(201).send({ user: session?.user, csrfToken });
    },
  );

  app.get('/api/reference/industries', { schema: { tags: ['reference'], summary: '国民经济行业分类' } }, async () => industryClassification());
  app.get('/api/reference/counties', { schema: { tags: ['reference'], summary: '县区列表' } }, (request) => activeCounties(serviceContext(deps, request)));
  app.get('/api/editions/current', { schema: { tags: ['reference'], summary: '当前届次' } }, (request) => currentEdition(serviceContext(deps, request)));

  app.get('/api/inbox', { schema: { tags: ['inbox'], summary: '站内通知' } }, (request) => myInbox(serviceContext(deps, request)));
  app.post('/api/inbox/:id/read', { schema: { tags: ['inbox'], summary: '标记已读', params: uuidParam } }, async (request, reply) => {
    await markRead(serviceContext(deps, request), request.params.id);
    return reply.status(204).send();
  });

  const tags = ['calendar'];
  app.get('/api/calendar/overrides', { schema: { tags, summary: '工作日调整' } }, (request) => listCalendar(serviceContext(deps, request)));
  app.put(
    '/api/calendar/overrides/:date',
    { schema: { tags, summary: '设置某日为工作日或休息日', params: z.object({ date: isoDate }), body: z.object({ kind: z.enum(['workday', 'holiday']), note: z.string().max(200).default('') }) } },
    (request) => setOverride(serviceContext(deps, request), request.params.date, request.body),
  );
  app.delete('/api/calendar/overrides/:date', { schema: { tags, summary: '删除调整', params: z.object({ date: isoDate }) } }, async (request, reply) => {
    await deleteOverride(serviceContext(deps, request), request.params.date);
    return reply.status(204).send();
  });
  app.post(
    '/api/calendar/years/:year',
    { schema: { tags, summary: '声明某年节假日安排已录入', params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }), body: z.object({ note: z.string().max(200).default('') }) } },
    async (request, reply) => {
      await declareYear(serviceContext(deps, request), request.params.year, request.body.note);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/calendar/working-days',
    { schema: { tags, summary: '计算工作日', querystring: z.object({ from: isoDate, n: z.coerce.number().int().min(0).max(366) }) } },
    async (request) => {
      const ctx = serviceContext(deps, request);
      ensure(calendarPolicy.view(ctx.actor, null));
      return { date: await workingDaysAfter(ctx.db, request.query.from, request.query.n, 'from') };
    },
  );
}
