/**
 * `npm run bench`: every benchmark in one run, each ratio taken against a baseline
 * measured in the same run on the same machine. Prints a table and writes
 * bench/results/latest.json. Knobs: see bench/README.md (BENCH_SECONDS=5 for a quick pass).
 */
import os from 'node:os';
import path from 'node:path';
import { benchConfig, GOALS } from './lib/config.js';
import type { LoadResult } from './lib/load.js';
import { ensurePostgres, stopPostgres, type PostgresServer } from './lib/postgres.js';
import { listEndpointMetrics, rushMetrics } from './lib/metrics.js';
import { renderRows, renderTable, writeJson, type Row } from './lib/report.js';
import { bundleRow, helloRow, listRows, rushRows, startupRow } from './lib/rows.js';
import { startAppEnv, type DbKind } from './scenarios/app-env.js';
import { benchBundle } from './scenarios/bundle.js';
import { benchHelloWorld } from './scenarios/hello.js';
import { benchLists, type ListsResult, type SeededEnv } from './scenarios/lists.js';
import { RushClient, rushApp, rushSink, type RushLeg } from './scenarios/rush.js';
import { benchStartup } from './scenarios/startup.js';
import { benchTechnical } from './scenarios/technical.js';
import { benchPgliteDurability } from './scenarios/pglite-durability.js';

const log = (s: string) => process.stdout.write(`${s}\n`);
const rows: Row[] = [];
const results: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  machine: { loadAvgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100), cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
  config: { ...benchConfig, scenarios: [...benchConfig.scenarios] },
  goals: GOALS,
};
const failures: string[] = [];

/** Runs one scenario; a failure is recorded as a FAILED row and the run goes on. */
async function step<T>(name: string, work: () => Promise<T>): Promise<T | null> {
  const t0 = Date.now();
  log(`\n== ${name}`);
  try {
    const value = await work();
    log(`   done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return value;
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`   FAILED: ${message}`);
    failures.push(`${name}: ${message.split('\n')[0]}`);
    rows.push({ scenario: name, measured: message.split('\n')[0].slice(0, 160), goal: '-', status: 'FAILED' });
    return null;
  }
}

const wants = (s: string) => benchConfig.scenarios.has(s);
const fileMb = benchConfig.rushFileMb;
let pgServer: PostgresServer | null = null;
let rushClient: RushClient | null = null;

try {
  // 1. Baseline.
  let baseline: LoadResult | null = null;
  if (wants('hello')) {
    baseline = await step('Baseline: bare Fastify hello-world', benchHelloWorld);
    if (baseline) {
      rows.push(helloRow(baseline));
      results.hello = baseline;
    }
  }

  // 2 and 5. Lists and the deadline rush, on each database.
  const needDb = wants('lists') || wants('rush');
  if (needDb && benchConfig.databases.includes('postgres')) {
    pgServer = await step('PostgreSQL server', ensurePostgres);
    if (pgServer) log(`   ${pgServer.owned ? 'throwaway cluster started by the bench' : 'using TEST_DATABASE_URL'}`);
  }
  const listResults: ListsResult[] = [];
  const rushLegs: Array<RushLeg | { skipped: string; target: string }> = [];
  for (const kind of needDb ? benchConfig.databases : []) {
    if (kind === 'postgres' && !pgServer) continue;
    await step(`App on ${kind}`, async () => {
      const env = await startAppEnv(kind as DbKind, pgServer);
      try {
        let seeded: SeededEnv | null = null;
        if (wants('lists')) {
          const lists = await benchLists(env, log);
          seeded = { ref: lists.ref, editionId: lists.editionId };
          const { ref: _ref, editionId: _edition, ...plain } = lists;
          listResults.push(plain);
          rows.push(...listRows(plain, baseline?.rps ?? null));
        }
        if (wants('rush')) {
          if (env.uploadRoute === 'missing') {
            log('   deadline rush skipped: upload route not available (POST /api/applications/:id/files is not registered by buildApp)');
            rushLegs.push({ skipped: 'upload route not available', target: `app on ${kind}` });
          } else {
            if (!rushClient) {
              rushClient = new RushClient(benchConfig.rushApplicants, Math.round(fileMb * 1024 * 1024));
              log(`   preparing ${benchConfig.rushApplicants} distinct ${fileMb} MB PDFs (hashing them before the clock starts)`);
              await rushClient.prepare();
            }
            // The sink runs right before each app leg, so each ratio compares like with like.
            log('   deadline rush against the loopback sinks (discard, then write + fsync)');
            const sink = await rushSink(rushClient, 'discard', env.dataDir);
            const diskSink = await rushSink(rushClient, 'disk', env.dataDir);
            log(`   deadline rush against the app on ${kind} (upload route: ${env.uploadRoute})`);
            const leg = await rushApp(env, rushClient, seeded);
            if (!('skipped' in leg)) for (const p of [...leg.errors, ...(leg.verified?.problems ?? [])]) log(`   ! ${p}`);
            rushLegs.push('skipped' in leg ? { ...leg, target: `app on ${kind}` } : { ...leg, sink, diskSink });
          }
        }
      } finally {
        await env.close();
      }
    });
  }
  if (listResults.length) {
    // endpoints[endpoint][database]: ratioToHello, ratioToCeiling, p99Ms, cpuMicrosPerRequest, ...
    results.endpoints = listEndpointMetrics(listResults, baseline?.rps ?? null);
    results.lists = listResults;
  }
  if (wants('rush')) {
    rows.push(...rushRows(rushLegs, fileMb));
    // byDatabase[database]: ratioToWriteAndFsyncSink, submitP99Ms, ...
    results.rush = { applicants: benchConfig.rushApplicants, fileMb, byDatabase: rushMetrics(rushLegs), legs: rushLegs };
  }

  // 3. First-page JavaScript (builds the UI if needed, which the start-up test also wants).
  if (wants('bundle') || wants('startup')) {
    const bundle = await step('First-page JavaScript', async () => benchBundle());
    if (bundle && wants('bundle')) {
      rows.push(bundleRow(bundle));
      results.bundle = bundle;
      log(renderTable(['File', 'Bytes', 'Gzip -9'], bundle.files.map((f) => [f.href, String(f.bytes), String(f.gzipBytes)])));
    }
  }

  // 6. The technical review's computations (conflicts, assignment, calibration).
  if (wants('technical')) {
    const technical = await step('Technical review: conflicts, assignment, calibration', benchTechnical);
    if (technical) {
      rows.push(...technical.rows);
      results.technical = technical.results;
    }
  }

  // 7. What durable commits cost on PGlite (fsync on, WAL O_DSYNC) beside PGlite as shipped.
  if (wants('durability')) {
    const d = await step('PGlite: durable commits beside PGlite as shipped', () => benchPgliteDurability());
    if (d) {
      rows.push({ scenario: 'PGlite commit, durable vs shipped', measured: `${d.durableMsPerCommit} ms vs ${d.shippedMsPerCommit} ms per commit (×${d.ratio})`, goal: 'every acknowledged commit on disk', status: 'info' });
      results.durability = d;
    }
  }

  // 4. Start-up time.
  if (wants('startup')) {
    const startup = await step('npm start to first 200 from /api/health', () => benchStartup(benchConfig.startupRuns));
    if (startup) {
      rows.push(startupRow(startup));
      results.startup = startup;
    }
  }
} finally {
  if (rushClient) await (rushClient as RushClient).close();
  if (pgServer) await stopPostgres(pgServer).catch((e) => log(`could not stop PostgreSQL: ${String(e)}`));
}

results.rows = rows;
results.failures = failures;
results.finishedAt = new Date().toISOString();
results.loadAvgAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
const out = path.join(import.meta.dirname, 'results/latest.json');
writeJson(out, results);

const load = os.loadavg()[0].toFixed(1);
log(`\nResults (${os.cpus().length} CPUs, load average ${load} at the end, Node ${process.version}, ${benchConfig.connections} connections, ${benchConfig.seconds} s per load run; MB = 2^20 B, kB = 1000 B)\n`);
log(renderRows(rows));
log(`\nWritten to ${path.relative(process.cwd(), out)}`);
process.exit(failures.length ? 1 : 0);
