import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, sleep } from '../lib/net.js';

const root = path.resolve(import.meta.dirname, '../..');
// Not the brief's 'Bench-Admin-Pass-9': the password rule refuses one that contains the username (admin).
const ADMIN_PASSWORD = 'Bench-Start-Pass-9';
const POLL_MS = 20;
const GIVE_UP_MS = 120_000;

export interface StartupResult {
  firstStartMs: number;
  runsMs: number[];
  minMs: number;
  medianMs: number;
}

function childEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ADMIN_PASSWORD };
  // The embedded database is the point: never inherit a server URL from the shell.
  delete env.DATABASE_URL;
  return env;
}

async function untilHealthy(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before /api/health answered:\n${output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
      await res.body?.cancel();
    } catch {
      // not listening yet
    }
    await sleep(POLL_MS);
  }
  throw new Error(`no 200 from /api/health within ${GIVE_UP_MS} ms:\n${output()}`);
}

/** Spawns `node scripts/start.mjs` (what `npm start` runs), measures spawn → first 200, then SIGTERM and waits for exit. */
async function timedStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], { cwd: root, env: childEnv(dataDir, port), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  try {
    await untilHealthy(port, child, () => output);
    return performance.now() - started;
  } finally {
    if (child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

/** Time from `npm start` to the first 200 from /api/health with an existing data folder. */
export async function benchStartup(runs: number): Promise<StartupResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
  try {
    const firstStartMs = await timedStart(dataDir); // creates the folder: migrations, seed, operators
    const runsMs: number[] = [];
    for (let i = 0; i < runs; i++) runsMs.push(await timedStart(dataDir));
    const sorted = [...runsMs].sort((a, b) => a - b);
    return { firstStartMs, runsMs, minMs: sorted[0], medianMs: sorted[Math.floor(sorted.length / 2)] };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
