import type { FastifyReply } from 'fastify';

/**
 * Sends an answer the read cache may hand out again (services/read-cache.ts): serialised once
 * per answer object by the route's own response serialiser (`reply.serialize`: the schema's
 * validation and stripping, exactly as for any answer), then sent as that text on every hit.
 * Fastify sends a JSON string as it is. Keyed weakly by the answer: it goes when the cache
 * lets the answer go.
 */
const texts = new WeakMap<object, string>();

export function sendSerializedOnce(reply: FastifyReply, answer: object): FastifyReply {
  let text = texts.get(answer);
  if (text === undefined) {
    text = reply.serialize(answer) as string;
    texts.set(answer, text);
  }
  return reply.type('application/json; charset=utf-8').send(text);
}
