import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, '../../scripts/pg-cluster.sh');

export interface PostgresServer {
  /** Superuser URL of the server's `postgres` database. */
  adminUrl: string;
  /** True when this run started the cluster (and so must stop it). */
  owned: boolean;
  dir: string | null;
}

/** TEST_DATABASE_URL when set; otherwise a throwaway cluster from scripts/pg-cluster.sh. */
export async function ensurePostgres(): Promise<PostgresServer> {
  if (process.env.TEST_DATABASE_URL) return { adminUrl: process.env.TEST_DATABASE_URL, owned: false, dir: null };
  const { stdout } = await run('bash', [script, 'start'], { maxBuffer: 1 << 20 });
  const url = /TEST_DATABASE_URL='([^']+)'/.exec(stdout)?.[1];
  const dir = /PG_CLUSTER_DIR='([^']+)'/.exec(stdout)?.[1];
  if (!url || !dir) throw new Error(`pg-cluster.sh start printed no URL:\n${stdout}`);
  return { adminUrl: url, owned: true, dir };
}

export async function stopPostgres(server: PostgresServer): Promise<void> {
  if (server.owned && server.dir) await run('bash', [script, 'stop', server.dir]);
}

/** A fresh database on the server; `drop` removes it (even with connections left open). */
export async function createBenchDatabase(server: PostgresServer): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: server.adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
