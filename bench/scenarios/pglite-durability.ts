import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createDurablePglite } from '../../src/db/durable-pglite.js';

/**
 * The price of durable commits on PGlite (src/db/durable-pglite.ts): the same single-row
 * INSERT commits, one at a time, on PGlite as shipped (no flush at all) and on the durable
 * one (each commit's WAL write is O_DSYNC). Numbers depend entirely on the disk's flush latency.
 */
export async function benchPgliteDurability(commits = 300): Promise<{ commits: number; shippedMsPerCommit: number; durableMsPerCommit: number; ratio: number }> {
  const run = async (open: (dir: string) => Promise<PGlite>): Promise<number> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-durability-'));
    const db = await open(dir);
    try {
      await db.exec('CREATE TABLE t (id serial PRIMARY KEY, v text NOT NULL)');
      for (let i = 0; i < 20; i++) await db.query('INSERT INTO t (v) VALUES ($1)', [`warm${i}`]);
      const started = performance.now();
      for (let i = 0; i < commits; i++) await db.query('INSERT INTO t (v) VALUES ($1)', [`row${i}`]);
      return (performance.now() - started) / commits;
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const shippedMsPerCommit = await run((dir) => PGlite.create(dir));
  const durableMsPerCommit = await run(createDurablePglite);
  const result = { commits, shippedMsPerCommit: round(shippedMsPerCommit), durableMsPerCommit: round(durableMsPerCommit), ratio: round(durableMsPerCommit / shippedMsPerCommit) };
  console.log('PGlite commit latency (ms per single-row commit)');
  console.table([{ shipped: result.shippedMsPerCommit, durable: result.durableMsPerCommit, ratio: result.ratio }]);
  return result;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchPgliteDurability();
}
