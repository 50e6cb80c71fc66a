/**
 * PostgreSQL restarted under load (issue 14): clients keep autosaving, uploading and reading
 * while the throwaway cluster is stopped (`pg_ctl stop -m fast`, then `-m immediate`), kept
 * down a few seconds and started again. The app process is never restarted. Every request
 * must get an answer within its timeout (never a hang); a failed one is a 503 with a Chinese
 * message; writes succeed again once the database is back; every acknowledged write is
 * there afterwards.
 *
 *   npx tsx scripts/proof/pg-restart.ts [--restarts 4] [--seed N]
 *
 * Always starts its own cluster (it stops the whole cluster). Last line `RESULT {json}`.
 */
import { call, seededRandom } from './lib/client.js';
import { Ledger } from './lib/ledger.js';
import { seedSystem } from './lib/seed.js';
import { ServerProcess } from './lib/server.js';
import { PgCluster, postgresTarget } from './lib/targets.js';
import { verifyAfterCrash } from './lib/verify.js';
import { loginActors, readApps, runBurst } from './lib/workload.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

async function main(): Promise<number> {
  const restarts = Number(arg('restarts', '4'));
  const seed = Number(arg('seed', String(Math.floor(Math.random() * 2 ** 31))));
  const started = Date.now();
  console.log(`pg-restart: seed ${seed}, ${restarts} restarts`);
  const random = seededRandom(seed);
  delete process.env.TEST_DATABASE_URL; // its own cluster: this one gets stopped
  const cluster = PgCluster.start();
  // Stopped with `-m immediate`, the server must keep what it acknowledged, as in production.
  await cluster.makeDurable();
  const target = await postgresTarget(cluster);
  const problems: string[] = [];
  const ledger = new Ledger();
  const outages: Array<{ mode: string; downMs: number; recoveredMs: number }> = [];
  let slowest = 0;
  try {
    const seeded = await seedSystem(target.env, 6);
    const server = await ServerProcess.start(target.env);
    const actors = await loginActors(server.base, seeded.applicants, target.env.DEMO_PASSWORD);
    const apps = await readApps(server.base, actors, seeded.applicants, new Map(), ledger);
    let stopped = false;
    const burst = runBurst({ base: server.base, actors, apps, ledger, random, workers: 4, stopped: () => stopped, uploadBytes: () => 1024 + Math.floor(random() * 256 * 1024) });
    // A reader on the side: health and a list, so the outage is seen by reads too.
    const reads: Array<{ status: number; ms: number; body: unknown }> = [];
    const reader = (async () => {
      while (!stopped) {
        const a = await call(server.base, 'GET', '/api/applications?pageSize=5', { session: actors.office, timeoutMs: 15_000 });
        reads.push({ status: a.status, ms: a.ms, body: a.body });
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    for (let round = 1; round <= restarts; round++) {
      await new Promise((r) => setTimeout(r, 1_500 + random() * 1_500));
      const mode = round % 2 ? 'fast' : 'immediate';
      const downAt = Date.now();
      cluster.stop(mode);
      await new Promise((r) => setTimeout(r, 2_000 + random() * 3_000));
      cluster.begin();
      const downMs = Date.now() - downAt;
      // Recovered: an authenticated read succeeds again, without touching the app process.
      const upAt = Date.now();
      let recovered = false;
      while (Date.now() - upAt < 30_000 && !recovered) {
        recovered = (await call(server.base, 'GET', '/api/applications?pageSize=1', { session: actors.office, timeoutMs: 10_000 })).status === 200;
        if (!recovered) await new Promise((r) => setTimeout(r, 100));
      }
      outages.push({ mode, downMs, recoveredMs: Date.now() - upAt });
      if (!recovered) problems.push(`restart ${round}: no successful request within 30 s of PostgreSQL being back`);
      console.log(`restart ${round} (${mode}): down ${downMs} ms, app serving again ${Date.now() - upAt} ms later`);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    stopped = true;
    await Promise.all([burst, reader]);
    if (!server.alive()) problems.push(`the app process exited: ${server.tail()}`);
    const writesAfter = ledger.acknowledged();
    // The answers: 2xx, refusals (4xx) and 503s with a Chinese message; no 500, no missing answer.
    for (const u of ledger.unacknowledged) if (u.status === 0 || u.status >= 500) if (u.status !== 503) problems.push(`write answered ${u.status || 'nothing'} (request ${u.requestId})`);
    for (const r of reads) {
      slowest = Math.max(slowest, r.ms);
      if (r.status === 0) problems.push(`read got no answer after ${r.ms} ms`);
      else if (r.status >= 500 && (r.status !== 503 || !/[\u4e00-\u9fff]/.test(JSON.stringify(r.body)))) problems.push(`read answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
    }
    const exit = await server.terminate();
    if (exit.code !== 0) problems.push(`the app did not stop cleanly: ${exit.code} ${exit.signal}`);
    const verdict = await verifyAfterCrash(target.env, ledger);
    problems.push(...verdict.problems);
    const r503 = reads.filter((r) => r.status === 503).length + (ledger.statuses.get(503) ?? 0);
    console.log(`answers to writes ${JSON.stringify(Object.fromEntries(ledger.statuses))}; reads ${reads.length} (${reads.filter((r) => r.status === 503).length} × 503), slowest read ${slowest} ms; ${writesAfter} acknowledged writes, ${verdict.checked} checked`);
    if (r503 === 0) problems.push('no request ever saw the outage (no 503): the restarts did not bite');
  } finally {
    await target.dispose().catch(() => undefined);
    cluster.destroy();
  }
  const unique = [...new Set(problems)];
  for (const p of unique.slice(0, 50)) console.log(`PROBLEM ${p}`);
  console.log(`RESULT ${JSON.stringify({ seed, restarts, outages, acknowledged: ledger.acknowledged(), statuses: Object.fromEntries(ledger.statuses), slowestReadMs: slowest, problems: unique.length, seconds: Math.round((Date.now() - started) / 1000) })}`);
  return unique.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) main().then((code) => process.exit(code));
