import { z } from 'zod';
import { INVARIANT_NAMES, runInvariantChecks, type InvariantName } from '../../services/invariants/index.js';
import type { AppDeps, ZodApp } from '../deps.js';
import { isLocalChannelRequest } from '../local-channel.js';

const checkRequest = z.object({ skip: z.array(z.enum(INVARIANT_NAMES as [InvariantName, ...InvariantName[]])).max(100).optional() });

/**
 * POST /api/system/check: the running server runs the invariant checker for `npm run cli --
 * check` when it holds a PGlite folder the CLI cannot open. Local connections with the data
 * folder's token only (http/local-channel.ts); anyone else is told the route does not exist.
 */
export function registerInvariantRoutes(app: ZodApp, deps: AppDeps): void {
  app.post('/api/system/check', { schema: { hide: true, body: checkRequest } }, async (request, reply) => {
    if (!(await isLocalChannelRequest(request, deps.config.dataDir))) {
      return reply.status(404).send({ code: 'not_found', message: '请求的资源不存在' });
    }
    const report = await runInvariantChecks({ db: deps.database.db, dataDir: deps.config.dataDir, now: deps.now() }, { skip: request.body.skip });
    return reply.status(200).send(report);
  });
}
