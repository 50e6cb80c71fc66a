import type { FastifyRequest } from 'fastify';
import { backupTokenMatches } from '../services/backup/server-channel.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Whether a request may use the server's local channel (services/backup/server-channel.ts):
 * it comes from this machine and carries the token the server wrote into its data folder.
 * The CLI uses it for what only the process holding a PGlite folder can do (backup, check).
 */
export async function isLocalChannelRequest(request: FastifyRequest, dataDir: string): Promise<boolean> {
  const socket = request.raw.socket;
  const local = LOOPBACK.has(socket.remoteAddress ?? '') || (!!socket.remoteAddress && socket.remoteAddress === socket.localAddress);
  const token = request.headers['x-backup-token'];
  return local && (await backupTokenMatches(dataDir, typeof token === 'string' ? token : undefined));
}
