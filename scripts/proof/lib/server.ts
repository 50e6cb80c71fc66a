import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: every child (server, CLI) runs from there. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** What a harness run needs to start the real server or a CLI command against one system. */
export interface SystemEnv {
  DATA_DIR: string;
  /** Empty for PGlite (the data folder's db/). */
  DATABASE_URL: string;
  DEMO_PASSWORD: string;
  ADMIN_PASSWORD: string;
}

/** The bench's free-port finder: one definition for the harnesses. */
import { freePort } from '../../../bench/lib/net.js';

export { freePort };

/** The real `npm start` entry (scripts/start.mjs) as a child process we can kill at will. */
export class ServerProcess {
  readonly base: string;
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.base = `http://127.0.0.1:${port}`;
    child.stdout!.on('data', (d) => this.keep(String(d)));
    child.stderr!.on('data', (d) => this.keep(String(d)));
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(env: SystemEnv, extra: Record<string, string> = {}): Promise<ServerProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, port);
    await server.waitForHealth();
    return server;
  }

  private keep(text: string): void {
    // The tail is enough to explain a failure; a long run must not grow without bound.
    this.output = (this.output + text).slice(-20_000);
  }

  tail(chars = 3000): string {
    return this.output.slice(-chars);
  }

  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitForHealth(timeoutMs = 600_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.alive()) {
      try {
        if ((await fetch(`${this.base}/api/health`, { signal: AbortSignal.timeout(2_000) })).ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not become healthy; its output:\n${this.tail()}`);
  }

  /** SIGKILL: no handler runs, nothing is flushed — a power cut as far as the process knows. */
  async kill(): Promise<void> {
    if (this.alive()) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs` if it has not exited by itself. */
  async terminate(graceMs = 30_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; forced: boolean }> {
    if (!this.alive()) return { ...(await this.exited), forced: false };
    this.child.kill('SIGTERM');
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      this.child.kill('SIGKILL');
    }, graceMs);
    const result = await this.exited;
    clearTimeout(timer);
    return { ...result, forced };
  }
}

/** Runs `npm run cli -- <args>` (through tsx, as npm would) against a system; resolves with its exit code and output. */
export function runCli(env: SystemEnv, args: string[], timeoutMs = 600_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}
