import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { budget } from '../support/budget.js';
import { startServerChild } from './support/server-child.js';

/** Issue 9 item 8: every start-up failure says what is wrong, in words (it used to print `undefined`). */
const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
});
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
};

async function failedStart(env: Record<string, string>): Promise<string> {
  const run = await startServerChild({ ADMIN_PASSWORD: 'Start-Fail-Pass-2026', ...env });
  expect(await run.exited).toBe(1);
  const out = run.output().trim();
  expect(out).not.toMatch(/(^|\n)undefined(\n|$)/);
  return out;
}

describe('a server that cannot start', () => {
  it('names a data folder that is not a folder', async () => {
    const file = path.join(tempDir('mqa-notdir-'), 'data');
    fs.writeFileSync(file, 'not a folder');
    const out = await failedStart({ DATA_DIR: file });
    expect(out).toContain(`服务器启动失败：无法打开数据库（数据目录 ${file}/db）：路径中有一部分不是文件夹`);
  }, budget(60_000));

  it('names a database that refuses connections', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const out = await failedStart({ DATA_DIR: tempDir('mqa-pgdown-'), DATABASE_URL: `postgres://u:secret-pw@127.0.0.1:${port}/app` });
    expect(out).toContain(`无法打开数据库（PostgreSQL 127.0.0.1:${port}/app）：数据库拒绝连接`);
    expect(out).not.toContain('secret-pw');
  }, budget(60_000));

  // A tiny tmpfs is a full disk without filling the machine's; mounting needs root.
  it.runIf(process.getuid?.() === 0)('names a full disk under the data folder', async () => {
    const mount = tempDir('mqa-nospace-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mount]);
    cleanups.push(() => execFileSync('umount', [mount]));
    const out = await failedStart({ DATA_DIR: path.join(mount, 'data') });
    expect(out).toContain(`无法打开数据库（数据目录 ${mount}/data/db）：磁盘空间不足（ENOSPC）`);
  }, budget(120_000));
});
