import Fastify from 'fastify';
import { runLoad, type LoadResult } from '../lib/load.js';
import { portOf } from '../lib/net.js';

/** The baseline every ratio is taken against: a bare Fastify route in this process, this machine, this run. */
export async function benchHelloWorld(): Promise<LoadResult> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    return await runLoad(`http://127.0.0.1:${portOf(app.server.address())}/`);
  } finally {
    await app.close();
  }
}
