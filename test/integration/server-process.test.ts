import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { editions } from '../../src/db/schema/index.js';
import { budget } from '../support/budget.js';

/** The real `npm start` entry as a child process: boot, log hygiene, clean shutdown. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-proc-'));
const port = 39_000 + Math.floor(Math.random() * 1000);

function start(env: Record<string, string>, args: string[] = []): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['scripts/start.mjs', ...args], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForHealth(output: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + budget(60_000);
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start; its output:\n${output().slice(-4000)}`);
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the server process', () => {
  it('exits non-zero listing every configuration problem', async () => {
    const run = start({ PORT: 'x', SESSION_IDLE_MINUTES: 'never' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('PORT');
    expect(run.output()).toContain('SESSION_IDLE_MINUTES');
  }, budget(60_000));

  it('names ADMIN_PASSWORD when it breaks the password rule', async () => {
    const run = start({ ADMIN_PASSWORD: 'Admin-Pass-1234', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-weak-')) });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('ADMIN_PASSWORD 密码不能包含用户名');
  }, budget(60_000));

  it('boots on PGlite with generated operator passwords, logs one line per request without secrets, and shuts down cleanly on SIGTERM', async () => {
    const run = start({ ADMIN_PASSWORD: 'Proc-Sys-Pass-2026' });
    await waitForHealth(run.output);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Proc-Sys-Pass-2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const token = cookie.split('=')[1];
    await fetch(`http://127.0.0.1:${port}/api/users?idNumber=110105194912310021`, { headers: { cookie } });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);

    const out = run.output();
    expect(out).toMatch(/secadmin\s+secadmin\s+Qa7-/);
    const requestLines = out.split('\n').filter((l) => l.includes('"msg":"request"'));
    expect(requestLines.length).toBe(3);
    for (const line of requestLines) expect(JSON.parse(line).reqId).toMatch(/[0-9a-f-]{36}/);
    expect(out).not.toContain('Proc-Sys-Pass-2026');
    expect(out).not.toContain(token);
    expect(out).not.toContain('110105194912310021');

    // The folder is released and intact: it opens again with the seeded data.
    const db = await openDatabase({ pgliteDir: path.join(dataDir, 'db') });
    expect(await db.db.select().from(editions)).toEqual([]);
    await db.close();
  }, 180_000);
});
