import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { benchConfig } from './config.js';

export interface LoadResult {
  url: string;
  connections: number;
  seconds: number;
  /** Mean requests per second over the measured run (2xx and non-2xx). */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /**
   * The server's CPU per completed request, in µs: the process's CPU (process.cpuUsage,
   * every thread) over the measured run, minus the load generator thread's own, divided by
   * the requests completed. Holds up on a busy machine far better than req/s.
   */
  cpuMicrosPerRequest: number;
  /** The load generator thread's CPU over the run (µs), already subtracted above. */
  loadGeneratorCpuMicros: number;
}

/**
 * One autocannon run in a worker thread of our own (lib/load-worker.mjs), so the server under
 * test keeps the main event loop to itself — this matters for PGlite, which executes SQL on
 * the main thread — and the worker can report its own CPU time. A short warm-up precedes
 * the measured run.
 */
export async function runLoad(url: string, headers: Record<string, string> = {}, opts: { seconds?: number; connections?: number } = {}): Promise<LoadResult> {
  const seconds = opts.seconds ?? benchConfig.seconds;
  const connections = opts.connections ?? benchConfig.connections;
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
    workerData: { url, headers, connections, seconds, warmupSeconds: benchConfig.warmupSeconds },
  });
  try {
    const failed = once(worker, 'error').then(([error]) => Promise.reject(error as Error));
    const next = () => Promise.race([once(worker, 'message').then(([m]) => m as { type: string; result?: Record<string, number>; cpuMicros?: number }), failed]);
    await next(); // { type: 'ready' }: warm-up done
    const cpuBefore = process.cpuUsage();
    worker.postMessage({ cmd: 'go' });
    const done = await next();
    const cpu = process.cpuUsage(cpuBefore);
    const r = done.result!;
    const serverCpu = cpu.user + cpu.system - done.cpuMicros!;
    return {
      url,
      connections,
      seconds,
      rps: round(r.rps),
      p50: r.p50,
      p99: r.p99,
      max: r.max,
      total: r.total,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      cpuMicrosPerRequest: r.total > 0 ? Math.round(serverCpu / r.total) : NaN,
      loadGeneratorCpuMicros: Math.round(done.cpuMicros!),
    };
  } finally {
    await worker.terminate();
  }
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
