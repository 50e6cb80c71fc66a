import autocannon from 'autocannon';
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
}

/**
 * One autocannon run. The load generator runs in its own worker thread (workers: 1), so
 * the server under test keeps the main event loop to itself — this matters for PGlite,
 * which executes SQL on the main thread. A short warm-up precedes the measured run.
 */
export async function runLoad(url: string, headers: Record<string, string> = {}, opts: { seconds?: number; connections?: number } = {}): Promise<LoadResult> {
  const seconds = opts.seconds ?? benchConfig.seconds;
  const connections = opts.connections ?? benchConfig.connections;
  if (benchConfig.warmupSeconds > 0) {
    await autocannon({ url, headers, connections, duration: benchConfig.warmupSeconds, workers: 1 });
  }
  const r = await autocannon({ url, headers, connections, duration: seconds, workers: 1 });
  return {
    url,
    connections,
    seconds,
    rps: round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
