import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { budget } from '../../support/budget.js';

/** The real `npm start` entry as a child process, for fault tests that must watch the process itself. */
export interface ServerChild {
  child: ChildProcess;
  port: number;
  base: string;
  output(): string;
  exited: Promise<number | null>;
  /** Still running (no exit code, no signal). */
  alive(): boolean;
  waitForHealth(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startServerChild(env: Record<string, string>, args: string[] = []): Promise<ServerChild> {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/start.mjs', ...args], {
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    port,
    base,
    output: () => output,
    exited,
    alive,
    async waitForHealth() {
      const deadline = Date.now() + budget(60_000);
      while (Date.now() < deadline && alive()) {
        try {
          if ((await fetch(`${base}/api/health`)).ok) return;
        } catch {
          /* not up yet */
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`server did not become healthy; its output:\n${output.slice(-4000)}`);
    },
    async stop() {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), budget(20_000));
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Logs in through the HTTP API; returns what a browser would send back. */
export async function loginOver(base: string, username: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}
