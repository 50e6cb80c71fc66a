/**
 * Crash recovery (issue 14): the real server on PGlite (a data folder on disk) and on
 * PostgreSQL, a burst of concurrent autosaves, uploads, submissions, recommendations,
 * acceptances and qualification opinions over HTTP, and — on two more systems of the same
 * database kind, an edition in its material review and one at the committee's vote — expert
 * scorebook saves and submissions and committee ballots (lib/review-*.ts); SIGKILL of all three
 * servers at one random moment, then — before the restart — every acknowledged write looked
 * up with its content and nothing unacknowledged found half there (lib/verify.ts,
 * lib/review-verify.ts); then restart and go again.
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
import { seedScoring, seedVoting } from './lib/review-seed.js';
import { verifyScoring, verifyVoting } from './lib/review-verify.js';
import { loginReviewers, readReview, runReviewBurst, type ReviewSystems } from './lib/review-workload.js';
import { loginActors, readApps, runBurst, type AppView } from './lib/workload.js';

export interface CrashResult {
  db: DatabaseKind;
  kills: number;
  acknowledged: number;
  acknowledgedByKind: Record<string, number>;
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

/** The three systems of one database kind: applications taken, scoring open, the vote open. */
export interface Systems {
  intake: Target;
  scoring: Target;
  voting: Target;
}

export async function crashLoop(systems: Systems, options: { kills: number; seed: number; applicants: number; log: (s: string) => void }): Promise<CrashResult> {
  const started = Date.now();
  const kind = systems.intake.kind;
  const random = seededRandom(options.seed);
  const seeded = await seedSystem(systems.intake.env, options.applicants);
  const scoringSeed = await seedScoring(systems.scoring.env);
  const votingSeed = await seedVoting(systems.voting.env);
  options.log(`[${kind}] seeded ${seeded.applicants.length} applicants, ${scoringSeed.books.length} scorebooks, a plenary of ${votingSeed.members.length} members on ${votingSeed.candidates.length} candidates in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const ledger = new Ledger();
  const problems: string[] = [];
  const names = ['intake', 'scoring', 'voting'] as const;
  const startAll = async () => Promise.all(names.map((n) => ServerProcess.start(systems[n].env)));
  let [server, scoringServer, votingServer] = await startAll();
  const review = (): ReviewSystems => ({ scoring: { base: scoringServer.base, seed: scoringSeed }, voting: { base: votingServer.base, seed: votingSeed } });
  const actors = await loginActors(server.base, seeded.applicants, systems.intake.env.DEMO_PASSWORD);
  const reviewers = await loginReviewers(review(), systems.intake.env.DEMO_PASSWORD);
  let apps = await readApps(server.base, actors, seeded.applicants, new Map<string, AppView>(), ledger);
  let { books, vote } = await readReview(review(), reviewers, null);
  let checks = 0;
  for (let kill = 1; kill <= options.kills; kill++) {
    let stopped = false;
    const burst = runBurst({ base: server.base, actors, apps, ledger, random, workers: 6, stopped: () => stopped, uploadBytes: () => 1024 + Math.floor(random() * 2 * 1024 * 1024) });
    const reviewBurst = runReviewBurst({ systems: review(), actors: reviewers, books, vote, ledger, random, workers: 4, stopped: () => stopped });
    // A loaded machine answers in seconds: kill anywhere from the first requests to well into the burst.
    const delay = 500 + Math.floor(random() * 7_000);
    await new Promise((r) => setTimeout(r, delay));
    stopped = true;
    await Promise.all([server.kill(), scoringServer.kill(), votingServer.kill()]);
    await Promise.all([burst, reviewBurst]);
    const verdicts = [await verifyAfterCrash(systems.intake.env, ledger), await verifyScoring(systems.scoring.env, ledger), await verifyVoting(systems.voting.env, ledger)];
    const found = verdicts.flatMap((v) => v.problems);
    checks += verdicts.reduce((n, v) => n + v.checked, 0);
    problems.push(...found.map((p) => `kill ${kill}: ${p}`));
    const states = countBy([...apps.values()].map((a) => a.state));
    const submitted = [...books.values()].filter((b) => b.status === 'submitted').length;
    options.log(`[${kind}] kill ${kill}/${options.kills} after ${delay} ms: ${ledger.acknowledged()} acknowledged so far, ${verdicts.map((v) => v.checked).join('+')} checked, ${found.length} problems ${JSON.stringify(states)}, ${submitted}/${books.size} scorebooks submitted, ${ledger.ballots.length} sheets sent`);
    for (const p of found.slice(0, 5)) options.log(`    ${p}`);
    [server, scoringServer, votingServer] = await startAll();
    apps = await readApps(server.base, actors, seeded.applicants, apps, ledger);
    // Logins outlive a crash (sessions are rows): the same cookies go to the new ports.
    ({ books, vote } = await readReview(review(), reviewers, { books, vote }));
  }
  await Promise.all([server.terminate(), scoringServer.terminate(), votingServer.terminate()]);
  if (ledger.acknowledged() === 0) problems.push('no write was ever acknowledged: the bursts were too short to test anything');
  const checkers = await Promise.all(names.map(async (n) => ({ n, result: await invariantCheck(systems[n].env) })));
  for (const { n, result } of checkers) if (result.problem) problems.push(`${n}: ${result.problem}`);
  const invariants = { available: checkers.every((c) => c.result.available), problem: checkers.find((c) => c.result.problem)?.result.problem ?? null };
  return {
    db: kind,
    kills: options.kills,
    acknowledged: ledger.acknowledged(),
    acknowledgedByKind: ledger.acknowledgedByKind(),
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
      const make = () => (kind === 'pglite' ? pgliteTarget() : postgresTarget(cluster!));
      const systems: Systems = { intake: await make(), scoring: await make(), voting: await make() };
      try {
        results.push(await crashLoop(systems, { kills, seed, applicants, log: (s) => console.log(s) }));
      } finally {
        for (const t of Object.values(systems)) await t.dispose();
      }
    }
  } finally {
    cluster?.destroy();
  }
  for (const r of results) console.log(`[${r.db}] ${r.kills} kills, ${r.acknowledged} acknowledged writes ${JSON.stringify(r.acknowledgedByKind)} (${r.checks} look-ups), ${r.unacknowledged} unacknowledged, ${r.problems.length} problems, cli check ${r.invariantChecker}, ${r.seconds} s; answers ${JSON.stringify(r.statuses)}`);
  console.log(`RESULT ${JSON.stringify({ seed, results })}`);
  return results.every((r) => r.problems.length === 0) ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) main().then((code) => process.exit(code));
