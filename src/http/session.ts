import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config.js';
import type { Db } from '../db/connection.js';
import type { Actor } from '../domain/roles.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S } from '../services/auth/device-cookie.js';
import { resolveSession, type ActiveSession, type SessionUser } from '../services/auth/sessions.js';
import { ServiceError } from '../services/errors.js';

export const SESSION_COOKIE = 'sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionUser: SessionUser | null;
    csrfToken: string | null;
  }
}

/**
 * Resolves the session cookie on every /api request and enforces CSRF on writes: a request
 * carrying a session must repeat the session's CSRF token in `x-csrf-token`. A cookie
 * alone (which a foreign site can make the browser send) never authorises a change.
 */
export function installSessions(app: FastifyInstance, deps: { db: Db; config: AppConfig; now: () => Date }): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionUser', null);
  app.decorateRequest('csrfToken', null);
  // onRequest, before the body is read: a forged write is refused before any of it is parsed
  // (and before validation could answer anything about it).
  // Callback form: a session the cache holds is applied without a promise (http/app.ts).
  app.addHook('onRequest', (request, _reply, done) => {
    if (!request.url.startsWith('/api/')) return done();
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return done();
    const session = resolveSession(deps.db, token, deps.now(), deps.config.session.idleMs);
    if (session instanceof Promise) session.then((resolved) => done(applySession(request, resolved)), done);
    else done(applySession(request, session));
  });
}

/** Puts the session on the request; a write without the session's CSRF token is refused. */
function applySession(request: FastifyRequest, session: ActiveSession | null): ServiceError | undefined {
  if (!session) return undefined;
  if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
    return new ServiceError('csrf_failed', '请求校验失败，请刷新页面后重试');
  }
  request.actor = session.actor;
  request.sessionUser = session.user;
  request.csrfToken = session.csrfToken;
  return undefined;
}

export function setSessionCookie(reply: FastifyReply, config: AppConfig, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    maxAge: Math.floor(config.session.absoluteMs / 1000),
  });
}

/** The browser's device cookie (services/auth/device-cookie.ts): sent only to the login route. */
export function setDeviceCookie(reply: FastifyReply, config: AppConfig, token: string): void {
  reply.setCookie(DEVICE_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, path: '/api/auth/login', maxAge: DEVICE_COOKIE_MAX_AGE_S });
}

export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure });
}

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.sessionUser) throw new ServiceError('unauthenticated', '请先登录');
  return request.sessionUser;
}
