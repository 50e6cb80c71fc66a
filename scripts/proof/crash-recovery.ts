/**
 * Crash recovery (issue 14): the real server on PGlite (a data folder on disk) and on
 * PostgreSQL, a burst of concurrent autosaves, uploads, submissions, recommendations,
 * acceptances and qualification opinions over HTTP, SIGKILL at a random moment, then — before
 * the restart — every acknowledged write looked up with its content and nothing unacknowledged
 * found half there (lib/verify.ts); then restart and go again.
 *
 *   npx tsx scripts/proof/crash-recovery.ts [--db pglite|postgres|both] [--kills 20] [--seed N] [--applicants 8]
 *
 * Prints the seed (replay with --seed), one line per kill, and a last line `RESULT {json}`;
 * exit 1 on any problem.
 */
import { seededRandom } from './lib/client.js';
import { Ledger } from './lib/ledger.js';
import { seedSystem } from './lib/seed.js';
import { ServerProcess } from './lib/server.js';
import { PgCluster, pgliteTarget, postgresTarget, type DatabaseKind, type Target } from './lib/targets.js';
import { invariantCheck, verifyAfterCrash } from './lib/verify.js';
import { loginActors, readApps, runBurst, type AppView } from './lib/workload.js';

export interface CrashResult {
  db: DatabaseKind;
  kills: number;
  acknowledged: number;
  unacknowledged: number;
  checks: number;
  statuses: Record<string, number>;
  problems: string[];
  invariantChecker: 'passed' | 'failed' | 'missing';
  seconds: number;
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

export async function crashLoop(target: Target, options: { kills: number; seed: number; applicants: number; log: (s: string) => void }): Promise<CrashResult> {
  const started = Date.now();
  const random = seededRandom(options.seed);
  const seeded = await seedSystem(target.env, options.applicants);
  options.log(`[${target.kind}] seeded ${seeded.applicants.length} applicants in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const ledger = new Ledger();
  const problems: string[] = [];
  let server = await ServerProcess.start(target.env);
  const actors = await loginActors(server.base, seeded.applicants, target.env.DEMO_PASSWORD);
  let apps = await readApps(server.base, actors, seeded.applicants, new Map<string, AppView>(), ledger);
  let checks = 0;
  for (let kill = 1; kill <= options.kills; kill++) {
    let stopped = false;
    const burst = runBurst({ base: server.base, actors, apps, ledger, random, workers: 6, stopped: () => stopped, uploadBytes: () => 1024 + Math.floor(random() * 2 * 1024 * 1024) });
    // A loaded machine answers in seconds: kill anywhere from the first requests to well into the burst.
    const delay = 500 + Math.floor(random() * 7_000);
    await new Promise((r) => setTimeout(r, delay));
    stopped = true;
    await server.kill();
    await burst;
    const verdict = await verifyAfterCrash(target.env, ledger);
    checks += verdict.checked;
    problems.push(...verdict.problems.map((p) => `kill ${kill}: ${p}`));
    const states = countBy([...apps.values()].map((a) => a.state));
    options.log(`[${target.kind}] kill ${kill}/${options.kills} after ${delay} ms: ${ledger.acknowledged()} acknowledged so far, ${verdict.checked} checked, ${verdict.problems.length} problems ${JSON.stringify(states)}`);
    for (const p of verdict.problems.slice(0, 5)) options.log(`    ${p}`);
    server = await ServerProcess.start(target.env);
    apps = await readApps(server.base, actors, seeded.applicants, apps, ledger);
  }
  await server.terminate();
  if (ledger.acknowledged() === 0) problems.push('no write was ever acknowledged: the bursts were too short to test anything');
  const invariants = await invariantCheck(target.env);
  if (invariants.problem) problems.push(invariants.problem);
  return {
    db: target.kind,
    kills: options.kills,
    acknowledged: ledger.acknowledged(),
    unacknowledged: ledger.unacknowledged.length,
    checks,
    statuses: Object.fromEntries([...ledger.statuses].map(([k, v]) => [String(k), v])),
    problems,
    invariantChecker: !invariants.available ? 'missing' : invariants.problem ? 'failed' : 'passed',
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

async function main(): Promise<number> {
  const which = arg('db', 'both');
  const kills = Number(arg('kills', '20'));
  const seed = Number(arg('seed', String(Math.floor(Math.random() * 2 ** 31))));
  const applicants = Number(arg('applicants', '12'));
  console.log(`crash-recovery: seed ${seed} (replay: --seed ${seed}), ${kills} kills per database`);
  const results: CrashResult[] = [];
  const cluster = which === 'pglite' ? null : PgCluster.start();
  try {
    for (const kind of (which === 'both' ? ['pglite', 'postgres'] : [which]) as DatabaseKind[]) {
      const target = kind === 'pglite' ? await pgliteTarget() : await postgresTarget(cluster!);
      try {
        results.push(await crashLoop(target, { kills, seed, applicants, log: (s) => console.log(s) }));
      } finally {
        await target.dispose();
      }
    }
  } finally {
    cluster?.destroy();
  }
  for (const r of results) console.log(`[${r.db}] ${r.kills} kills, ${r.acknowledged} acknowledged writes (${r.checks} look-ups), ${r.unacknowledged} unacknowledged, ${r.problems.length} problems, cli check ${r.invariantChecker}, ${r.seconds} s; answers ${JSON.stringify(r.statuses)}`);
  console.log(`RESULT ${JSON.stringify({ seed, results })}`);
  return results.every((r) => r.problems.length === 0) ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) main().then((code) => process.exit(code));
