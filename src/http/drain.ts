import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Graceful shutdown's first step (http/drain.ts). */
    drain: Drain;
  }
}

export interface Drain {
  /**
   * From now on every new request is answered 503 (the listener stays open, so a client or
   * load balancer gets an answer, not a refused connection). Waits for the requests in flight
   * up to `deadlineMs`, then cuts their connections. Resolves with how many were cut.
   */
  drain(deadlineMs: number): Promise<{ cut: number }>;
  readonly draining: boolean;
}

const DRAINING_BODY = JSON.stringify({ code: 'service_unavailable', message: '服务正在重启，请稍后重试' });

/** Installs the drain hook; must be the app's first onRequest hook so it answers before any work. */
export function installDrain(app: FastifyInstance): Drain {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let settle: (() => void) | null = null;

  app.addHook('onRequest', (_request, reply, done) => {
    if (draining) {
      // Pre-serialised: the route's own response schemas (e.g. health's 503) must not apply.
      // Answered here, the request goes no further (a callback hook that answers calls no `done`).
      reply
        .status(503)
        .header('connection', 'close')
        .header('retry-after', '5')
        .type('application/json; charset=utf-8')
        .send(DRAINING_BODY);
      return;
    }
    const res = reply.raw;
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (inFlight.size === 0) settle?.();
    });
    done();
  });

  const handle: Drain = {
    get draining() {
      return draining;
    },
    async drain(deadlineMs) {
      draining = true;
      if (inFlight.size > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, deadlineMs);
          settle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      settle = null;
      const stuck = [...inFlight];
      for (const res of stuck) answerAndCut(res);
      return { cut: stuck.length };
    },
  };
  app.decorate('drain', handle);
  return handle;
}

/** How long a cut request's 503 gets to reach its client before the socket is destroyed. */
const ANSWER_GRACE_MS = 500;

/**
 * A request still open at the deadline (a slow upload) gets the 503 too, if nothing was sent
 * yet, so its client learns to retry instead of seeing a dropped connection; then the socket
 * is destroyed, which ends the upload's stream and lets the route remove its temp file.
 */
function answerAndCut(res: ServerResponse): void {
  const socket = res.socket as Socket | null;
  if (!socket || socket.destroyed) return;
  if (res.headersSent) {
    socket.destroy();
    return;
  }
  const cut = setTimeout(() => socket.destroy(), ANSWER_GRACE_MS);
  cut.unref();
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close', 'retry-after': '5' });
  res.end(DRAINING_BODY, () => {
    clearTimeout(cut);
    socket.destroy();
  });
}
