import os from 'node:os';

/**
 * How much slower this machine is than an idle one right now: the 1-minute load average per
 * core, between 1 and 8. CI shares two cores with whatever else runs, so a wait that is
 * generous on an idle machine is short on a busy one; waits scale with the load instead.
 */
export function loadFactor(): number {
  const perCore = os.loadavg()[0] / Math.max(1, os.cpus().length);
  return Math.min(8, Math.max(1, perCore));
}

/** A time budget for work that takes `ms` on an idle machine, scaled to the current load. */
export function budget(ms: number): number {
  return Math.round(ms * loadFactor());
}
