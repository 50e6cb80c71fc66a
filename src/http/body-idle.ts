import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * A client that sends half a body and then holds the socket would keep its request (and a
 * temp file) open for ever. While a request body is arriving, its socket gets an idle
 * timeout: `idleMs` without a byte and the connection is cut, which fails the body stream
 * (an upload then removes its temp file). Node refreshes the socket's timer on every body
 * chunk the HTTP parser sees; once the body is complete the timer is cleared, so a slow
 * handler or a keep-alive wait is not affected.
 */
export function installBodyIdleTimeout(app: FastifyInstance, idleMs: number): void {
  app.addHook('onRequest', (request, reply, done) => {
    watchBody(request, reply, idleMs);
    done();
  });
}

function watchBody(request: FastifyRequest, reply: FastifyReply, idleMs: number): void {
  const raw = request.raw;
  const socket = raw.socket;
  const hasBody = raw.headers['transfer-encoding'] !== undefined || Number(raw.headers['content-length'] ?? 0) > 0;
  // Injected requests (tests) have a stand-in socket without timers: nothing to time out.
  if (!hasBody || raw.complete || typeof socket?.setTimeout !== 'function') return;
  const clear = () => {
    raw.removeListener('timeout', onTimeout);
    reply.raw.removeListener('timeout', onTimeout);
    if (!socket.destroyed) socket.setTimeout(0);
  };
  // Emitted on the request while the body is incomplete, else on the response (see Node's socketOnTimeout).
  function onTimeout() {
    if (raw.complete) return clear();
    request.log.warn({ idleMs, received: socket.bytesRead }, 'request body stalled, connection cut');
    socket.destroy();
  }
  raw.on('timeout', onTimeout);
  reply.raw.on('timeout', onTimeout);
  raw.once('end', clear);
  raw.once('close', clear);
  socket.setTimeout(idleMs);
}
