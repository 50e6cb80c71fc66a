import { answers, noContent } from '../../contract/common.js';
import { loginBody, meResponse, passwordBody, type MeResponse } from '../../contract/auth.js';
import { changePassword, login, logout } from '../../services/auth/login.js';
import { resolveSession } from '../../services/auth/sessions.js';
import { hitRateLimit, LOGIN_PER_ADDRESS } from '../../services/rate-limit.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { DEVICE_COOKIE } from '../../services/auth/device-cookie.js';
import { clearSessionCookie, requireUser, SESSION_COOKIE, setDeviceCookie, setSessionCookie } from '../session.js';

/** The answer to a fresh session (login, registration): its user and CSRF token. */
export async function freshSession(deps: AppDeps, token: string, csrfToken: string): Promise<MeResponse> {
  const session = await resolveSession(deps.database.db, token, deps.now(), deps.config.session.idleMs);
  if (!session) throw new Error('a session just opened could not be resolved');
  return { user: session.user, csrfToken };
}

export function registerAuthRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['auth'];
  app.post('/api/auth/login', { schema: { tags, summary: '登录', body: loginBody, response: answers({ 200: meResponse }) } }, async (request, reply) => {
    const ctx = serviceContext(deps, request);
    await hitRateLimit(deps.database.db, LOGIN_PER_ADDRESS, request.ip, deps.now());
    const { token, csrfToken, deviceToken } = await login(ctx, request.body, request.cookies[DEVICE_COOKIE]);
    setDeviceCookie(reply, deps.config, deviceToken);
    // No fixation: whatever session this browser presented ends here; only the new one lives.
    const presented = request.cookies[SESSION_COOKIE];
    if (presented) await logout(ctx, presented);
    setSessionCookie(reply, deps.config, token);
    return freshSession(deps, token, csrfToken);
  });

  app.post('/api/auth/logout', { schema: { tags, summary: '退出登录', response: answers({ 204: noContent }) } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token && request.sessionUser) await logout(serviceContext(deps, request), token);
    clearSessionCookie(reply, deps.config);
    return reply.status(204).send();
  });

  app.get('/api/auth/me', { schema: { tags, summary: '当前用户', response: answers({ 200: meResponse }) } }, async (request) => {
    const user = requireUser(request);
    return { user, csrfToken: request.csrfToken! };
  });

  app.post(
    '/api/auth/password',
    { schema: { tags, summary: '修改密码', body: passwordBody, response: answers({ 204: noContent }) } },
    async (request, reply) => {
      requireUser(request);
      await changePassword(serviceContext(deps, request), request.body);
      clearSessionCookie(reply, deps.config);
      return reply.status(204).send();
    },
  );
}
