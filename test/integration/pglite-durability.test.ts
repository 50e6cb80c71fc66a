import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';

/** Issue 9 item 3: an acknowledged write on PGlite has reached the disk (it used to be left in the page cache). */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-test-'));
  dirs.push(dir);
  return dir;
};

/** The open-file flags (octal, from /proc) of every descriptor of this process pointing into `dir`. */
function openFlagsUnder(dir: string): Array<{ file: string; flags: number }> {
  const found: Array<{ file: string; flags: number }> = [];
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (!target.startsWith(dir)) continue;
    const info = fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8');
    found.push({ file: target, flags: Number.parseInt(/flags:\s+([0-7]+)/.exec(info)![1], 8) });
  }
  return found;
}
const O_DSYNC = 0o10000;

describe('PGlite on a data folder', () => {
  it('runs with fsync on, writes its WAL synchronously and really fsyncs at a checkpoint', async () => {
    const dir = tempDir();
    const fsync = vi.spyOn(fs, 'fsyncSync');
    const database = await openDatabase({ pgliteDir: dir, migrate: false });
    try {
      const client = (database.db as unknown as { $client: { query: (s: string) => Promise<{ rows: Array<Record<string, string>> }> } }).$client;
      expect((await client.query('SHOW fsync')).rows[0].fsync).toBe('on');
      expect((await client.query('SHOW wal_sync_method')).rows[0].wal_sync_method).toBe('open_datasync');
      await database.exec('CREATE TABLE t (v text); INSERT INTO t VALUES (\'acknowledged\')');

      // The WAL segment the commit went to is open with O_DSYNC (O_SYNC includes it): the write returned only once on disk.
      const wal = openFlagsUnder(path.join(dir, 'pg_wal')).filter((f) => /pg_wal\/[0-9A-F]{24}$/.test(f.file));
      expect(wal.length).toBeGreaterThan(0);
      for (const f of wal) expect(f.flags & O_DSYNC).toBe(O_DSYNC);

      fsync.mockClear();
      await database.exec('CHECKPOINT');
      expect(fsync.mock.calls.length).toBeGreaterThan(0);
    } finally {
      fsync.mockRestore();
      await database.close();
    }
    const reopened = await openDatabase({ pgliteDir: dir, migrate: false });
    const client = (reopened.db as unknown as { $client: { query: (s: string) => Promise<{ rows: unknown[] }> } }).$client;
    expect((await client.query('SELECT v FROM t')).rows).toEqual([{ v: 'acknowledged' }]);
    await reopened.close();
  });

  // Where strace runs (it needs ptrace), count what a commit costs the disk: one synchronous WAL write each.
  const hasStrace = spawnSync('strace', ['-V']).status === 0;
  it.runIf(hasStrace && process.platform === 'linux')('makes each acknowledged commit one synchronous WAL write (strace)', () => {
    const dir = tempDir();
    const script = path.join(dir, '..', `durable-probe-${process.pid}.mts`);
    dirs.push(script);
    fs.writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(path.resolve('src/db/connection.ts'))};
const db = await openDatabase({ pgliteDir: ${JSON.stringify(path.join(dir, 'db'))}, migrate: false });
await db.exec('CREATE TABLE t (v text)');
process.stderr.write('BEGIN-COMMITS\\n');
for (let i = 0; i < 20; i++) await db.exec("INSERT INTO t VALUES ('x')");
process.stderr.write('END-COMMITS\\n');
await db.close();
`,
    );
    const trace = path.join(dir, 'trace.txt');
    execFileSync('strace', ['-f', '-qq', '-e', 'trace=openat,pwrite64,write,fsync,fdatasync', '-o', trace, process.execPath, '--import', 'tsx', script], { stdio: 'ignore' });
    const lines = fs.readFileSync(trace, 'utf8').split('\n');
    const walFds = new Set(lines.filter((l) => /pg_wal\/[0-9A-F]{24}", O_RDWR\|O_(D)?SYNC/.test(l)).map((l) => /= (\d+)$/.exec(l)![1]));
    const begin = lines.findIndex((l) => l.includes('BEGIN-COMMITS'));
    const end = lines.findIndex((l) => l.includes('END-COMMITS'));
    const syncedWalWrites = lines.slice(begin, end).filter((l) => [...walFds].some((fd) => l.includes(`pwrite64(${fd},`) || l.includes(`write(${fd},`)));
    expect(walFds.size).toBeGreaterThan(0);
    expect(syncedWalWrites.length).toBeGreaterThanOrEqual(20);
  }, 120_000);
});
