import { z } from 'zod';
import { changePassword, login, logout } from '../../services/auth/login.js';
import { resolveSession } from '../../services/auth/sessions.js';
import { hitRateLimit, LOGIN_PER_ADDRESS } from '../../services/rate-limit.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { clearSessionCookie, requireUser, SESSION_COOKIE, setSessionCookie } from '../session.js';

export function registerAuthRoutes(app: ZodApp, deps: AppDeps): void {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(deps, request);
      await hitRateLimit(deps.database.db, LOGIN_PER_ADDRESS, request.ip, deps.now());
      const { token, csrfToken } = await login(ctx, request.body);
      setSessionCookie(reply, deps.config, token);
      const session = await resolveSession(deps.database.db, token, deps.now(), deps.config.session.idleMs);
      return { user: session?.user, csrfToken };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token && request.sessionUser) await logout(serviceContext(deps, request), token);
    clearSessionCookie(reply, deps.config);
    return reply.status(204).send();
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户' } }, async (request) => {
    const user = requireUser(request);
    return { user, csrfToken: request.csrfToken };
  });

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
      },
    },
    async (request, reply) => {
      requireUser(request);
      await changePassword(serviceContext(deps, request), request.body);
      clearSessionCookie(reply, deps.config);
      return reply.status(204).send();
    },
  );
}
