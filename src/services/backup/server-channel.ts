import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * PGlite is one process per data folder: while the server runs, the CLI cannot open the
 * database to take a backup. So the running server takes it for the CLI. At start it writes
 * DATA_DIR/.backup-endpoint.json (0600) with its local address and a fresh random token;
 * `backup` finds the file, sees its process alive and sends POST /api/system/backup with the
 * token. Whoever can read the data folder can already copy everything in it, so the token
 * gives nothing new; the route also answers only connections from this machine.
 */
export const ENDPOINT_FILE = '.backup-endpoint.json';

export interface BackupEndpoint {
  pid: number;
  url: string;
  token: string;
}

const endpointPath = (dataDir: string) => path.join(dataDir, ENDPOINT_FILE);

export async function publishBackupEndpoint(dataDir: string, url: string, pid = process.pid): Promise<{ endpoint: BackupEndpoint; remove: () => Promise<void> }> {
  const endpoint: BackupEndpoint = { pid, url, token: randomBytes(32).toString('hex') };
  await fs.mkdir(dataDir, { recursive: true });
  const file = endpointPath(dataDir);
  await fs.rm(file, { force: true });
  await fs.writeFile(file, JSON.stringify(endpoint), { mode: 0o600, flag: 'wx' });
  return {
    endpoint,
    // Only the file this server wrote: a newer server's file is left alone.
    remove: async () => {
      const current = await readBackupEndpoint(dataDir);
      if (current?.token === endpoint.token) await fs.rm(file, { force: true });
    },
  };
}

export async function readBackupEndpoint(dataDir: string): Promise<BackupEndpoint | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(endpointPath(dataDir), 'utf8')) as Partial<BackupEndpoint>;
    if (typeof parsed.pid !== 'number' || typeof parsed.url !== 'string' || typeof parsed.token !== 'string') return null;
    return parsed as BackupEndpoint;
  } catch {
    return null;
  }
}

/** Constant-time comparison with the token this data folder's server published. */
export async function backupTokenMatches(dataDir: string, presented: string | undefined): Promise<boolean> {
  const endpoint = await readBackupEndpoint(dataDir);
  if (!endpoint || !presented) return false;
  const a = Buffer.from(endpoint.token);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
