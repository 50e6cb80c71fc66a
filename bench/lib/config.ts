/** Knobs read from the environment once; every one has a default so `npm run bench` needs nothing. */
function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

function list(name: string, fallback: string[]): string[] {
  const raw = process.env[name];
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : fallback;
}

export const benchConfig = {
  /** Seconds of measured load per autocannon run. */
  seconds: num('BENCH_SECONDS', 10),
  /** Seconds of unmeasured warm-up before each run (JIT, pools, caches). */
  warmupSeconds: num('BENCH_WARMUP_SECONDS', 2),
  connections: num('BENCH_CONNECTIONS', 50),
  applications: num('BENCH_APPLICATIONS', 10_000),
  auditRows: num('BENCH_AUDIT_ROWS', 10_000),
  /** Which scenarios run (all by default): hello,lists,bundle,startup,rush,technical,durability. */
  scenarios: new Set(list('BENCH_ONLY', ['hello', 'lists', 'bundle', 'startup', 'rush', 'technical', 'durability'])),
  /** Databases for the list and rush scenarios. */
  databases: list('BENCH_DATABASES', ['pglite', 'postgres']) as Array<'pglite' | 'postgres'>,
  /** The app logs one line per request in production (LOG_LEVEL=info); the bench sends it to /dev/null. */
  appLogLevel: process.env.BENCH_APP_LOG ?? 'info',
  startupRuns: num('BENCH_STARTUP_RUNS', 3),
  rushApplicants: num('BENCH_RUSH_APPLICANTS', 200),
  rushFileMb: num('BENCH_RUSH_FILE_MB', 10),
  /** Register src/http/routes/files.ts ourselves (as the tests do) when app.ts does not yet. */
  /** Re-measure the list with a candidate index the app lacks, to put numbers on the suggestion. */
  experiments: process.env.BENCH_EXPERIMENTS !== '0',
  forceFileRoutes: process.env.BENCH_FORCE_FILE_ROUTES === '1',
};

/** Issue 10's goals, at 50 connections, on each database. */
export const GOALS = {
  /** Applications list (20 of 10,000, office) and audit list (50 of 10,000): req/s over their ceiling's. */
  listRatioToCeiling: 0.3,
  listP99Ms: 50,
  /** GET /api/auth/me: req/s over hello-world's. */
  authMeRatioToHello: 0.5,
  /** Rush upload MB/s over the write-and-fsync sink's, and the submit p99. */
  rushRatioToWriteAndFsyncSink: 0.8,
  rushSubmitP99Ms: 500,
  bundleKb: 350,
  startupMs: 3000,
};
