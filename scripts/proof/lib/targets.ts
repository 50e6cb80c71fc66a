import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ROOT, type SystemEnv } from './server.js';

/**
 * The two databases the harness runs on: PGlite in a data folder on disk, and a throwaway
 * PostgreSQL cluster (scripts/pg-cluster.sh) with one fresh database per run. Each target
 * owns a temp data folder (files/, and db/ for PGlite) and removes it when disposed.
 */
export type DatabaseKind = 'pglite' | 'postgres';

export interface Target {
  kind: DatabaseKind;
  env: SystemEnv;
  dispose(): Promise<void>;
}

export const PASSWORDS = { DEMO_PASSWORD: 'Proof-Demo-Pass-2026', ADMIN_PASSWORD: 'Proof-Sys-Pass-2026' };

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function pgliteTarget(): Promise<Target> {
  const dataDir = tempDir('proof-pglite-');
  return {
    kind: 'pglite',
    env: { DATA_DIR: dataDir, DATABASE_URL: '', ...PASSWORDS },
    dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A running throwaway cluster: its folder, admin URL and the means to stop, start and restart it. */
export class PgCluster {
  private constructor(
    readonly dir: string,
    readonly adminUrl: string,
  ) {}

  /** Reuses TEST_DATABASE_URL/PG_CLUSTER_DIR when set (npm test's cluster), else starts one. */
  static start(): PgCluster {
    if (process.env.TEST_DATABASE_URL && process.env.PG_CLUSTER_DIR) return new PgCluster(process.env.PG_CLUSTER_DIR, process.env.TEST_DATABASE_URL);
    const out = execFileSync('bash', [path.join(ROOT, 'scripts/pg-cluster.sh'), 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const dir = /PG_CLUSTER_DIR='([^']+)'/.exec(out)?.[1];
    const url = /TEST_DATABASE_URL='([^']+)'/.exec(out)?.[1];
    if (!dir || !url) throw new Error(`pg-cluster.sh start printed no cluster:\n${out}`);
    const cluster = new PgCluster(dir, url);
    cluster.owned = true;
    return cluster;
  }

  private owned = false;

  async createDatabase(): Promise<string> {
    const name = `proof_${randomBytes(5).toString('hex')}`;
    await this.admin((c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  /**
   * A production server's durability: the throwaway cluster runs with fsync, synchronous
   * commit and full-page writes off (fast tests). A test that stops the server itself
   * (`-m immediate` is a crash) needs them on, or commits acknowledged just before are lost.
   */
  async makeDurable(): Promise<void> {
    await this.admin(async (c) => {
      for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) await c.query(`ALTER SYSTEM SET ${setting} = on`);
      await c.query('SELECT pg_reload_conf()');
    });
  }

  async dropDatabase(url: string): Promise<void> {
    const name = new URL(url).pathname.slice(1);
    await this.admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => undefined);
  }

  private async admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  /** pg_ctl as the cluster's owner (root cannot run PostgreSQL). */
  pgCtl(...args: string[]): void {
    const owner = fs.statSync(path.join(this.dir, 'data')).uid;
    const bin = pgBinDir();
    const command = [path.join(bin, 'pg_ctl'), '-D', path.join(this.dir, 'data'), '-l', path.join(this.dir, 'postgres.log'), ...args];
    const result =
      process.getuid?.() === 0 && owner !== 0
        ? spawnSync('runuser', ['-u', userName(owner), '--', ...command], { cwd: this.dir, encoding: 'utf8' })
        : spawnSync(command[0], command.slice(1), { cwd: this.dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pg_ctl ${args.join(' ')} failed: ${result.stderr}${result.stdout}`);
  }

  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.pgCtl('-m', mode, '-w', '-t', '60', 'stop');
  }

  begin(): void {
    this.pgCtl('-w', '-t', '60', 'start');
  }

  destroy(): void {
    if (this.owned) spawnSync('bash', [path.join(ROOT, 'scripts/pg-cluster.sh'), 'stop', this.dir], { stdio: 'ignore' });
  }
}

function pgBinDir(): string {
  const versions = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)) : [];
  for (const v of versions.reverse()) {
    const bin = `/usr/lib/postgresql/${v}/bin`;
    if (fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return path.dirname(execFileSync('bash', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).trim());
}

function userName(uid: number): string {
  return execFileSync('id', ['-nu', String(uid)], { encoding: 'utf8' }).trim();
}

export async function postgresTarget(cluster: PgCluster): Promise<Target> {
  const dataDir = tempDir('proof-pg-');
  const url = await cluster.createDatabase();
  return {
    kind: 'postgres',
    env: { DATA_DIR: dataDir, DATABASE_URL: url, ...PASSWORDS },
    dispose: async () => {
      await cluster.dropDatabase(url);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
