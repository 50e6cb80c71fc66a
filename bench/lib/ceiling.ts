import Fastify from 'fastify';
import { runLoad, type LoadResult } from './load.js';
import { portOf } from './net.js';

/** One response of the endpoint under test, exactly as it went on the wire (minus per-connection headers). */
export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers that belong to the connection or the moment, which Node writes itself. */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export async function captureResponse(url: string, headers: Record<string, string>): Promise<CapturedResponse> {
  const res = await fetch(url, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  const kept: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!PER_CONNECTION.has(name)) kept[name] = value;
  });
  return { status: res.status, headers: kept, body };
}

/**
 * The ceiling for an endpoint: a bare Fastify route in this process answering every request
 * with the captured status, headers and body bytes — no session, no query, no serialisation.
 * An endpoint cannot beat it on this stack; its ratio to the ceiling is what the app's own
 * work costs, apart from the cost of the response's size.
 */
export async function benchCeiling(captured: CapturedResponse): Promise<LoadResult & { bodyBytes: number }> {
  const app = Fastify({ logger: false });
  app.get('/', (_request, reply) => {
    reply.code(captured.status).headers(captured.headers).send(captured.body);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const url = `http://127.0.0.1:${portOf(app.server.address())}/`;
    const check = await captureResponse(url, {});
    if (!check.body.equals(captured.body) || check.headers['content-type'] !== captured.headers['content-type']) {
      throw new Error(`ceiling route does not serve the captured bytes (content-type ${check.headers['content-type']})`);
    }
    return { ...(await runLoad(url)), bodyBytes: captured.body.length };
  } finally {
    await app.close();
  }
}
