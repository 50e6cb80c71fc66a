// autocannon run in a worker thread of our own (plain JS: workers do not inherit tsx's
// loader), so the thread can read its own CPU time and the main thread can subtract it from
// the process's: what remains is the server's CPU (see bench/README.md, "CPU per request").
//
// workerData: { url, headers, connections, warmupSeconds, seconds }
// Messages out: { type: 'ready' } after the warm-up; then, on { cmd: 'go' }:
//               { type: 'done', result, cpuMicros } where cpuMicros is this thread's CPU over the measured run.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

/**
 * This thread's CPU time in µs. /proc/thread-self/schedstat (ns) when the kernel keeps it,
 * else utime + stime from /proc/thread-self/stat (clock ticks of 10 ms). Node 20 has no
 * process.threadCpuUsage.
 */
function threadCpuMicros() {
  try {
    const ns = Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    if (ns > 0) return ns / 1000;
  } catch {
    // fall through to /proc/thread-self/stat
  }
  const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
  // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after "(comm) ".
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
}

const { url, headers, connections, warmupSeconds, seconds } = workerData;
// Off the main thread autocannon hands back its raw result (it expects to be one of its own
// workers); aggregateResult turns it into the usual summary.
const load = async (duration) => {
  const opts = { url, headers, connections, duration };
  return autocannon.aggregateResult([await autocannon(opts)], opts);
};
if (warmupSeconds > 0) await load(warmupSeconds);
parentPort.postMessage({ type: 'ready' });
parentPort.once('message', async () => {
  const before = threadCpuMicros();
  const r = await load(seconds);
  const cpuMicros = threadCpuMicros() - before;
  const result = {
    // Completed requests over the run's own duration (the per-second sample mean is not kept off the main thread).
    rps: r.duration > 0 ? r.requests.total / r.duration : 0,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
  parentPort.postMessage({ type: 'done', result, cpuMicros });
});
