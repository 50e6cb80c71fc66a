import { z } from 'zod';
import { BackupTargetError, writeBackup } from '../../services/backup/dump.js';
import type { AppDeps, ZodApp } from '../deps.js';
import { isLocalChannelRequest } from '../local-channel.js';

const backupRequest = z.object({ dir: z.string().min(1).max(4096) });

/**
 * POST /api/system/backup: the running server writes a backup for `npm run cli -- backup`
 * (services/backup/server-channel.ts explains why). It exists only for the machine the
 * server runs on: the connection must come from this host and carry the token from the data
 * folder; anything else is told the route does not exist. Not part of the public API.
 */
export function registerBackupRoutes(app: ZodApp, deps: AppDeps): void {
  app.post('/api/system/backup', { schema: { hide: true, body: backupRequest } }, async (request, reply) => {
    if (!(await isLocalChannelRequest(request, deps.config.dataDir))) {
      return reply.status(404).send({ code: 'not_found', message: '请求的资源不存在' });
    }
    try {
      const { manifest, dir } = await writeBackup(deps.database.db, deps.database.kind, { dataDir: deps.config.dataDir, witness: deps.config.audit }, request.body.dir, deps.now());
      return reply.status(201).send({ dir, manifest });
    } catch (error) {
      if (error instanceof BackupTargetError) return reply.status(400).send({ code: 'invalid_request', message: error.message });
      throw error;
    }
  });
}
