import { count } from 'drizzle-orm';
import { auditLog } from '../../src/db/schema/index.js';
import { benchConfig } from '../lib/config.js';
import { benchCeiling, captureResponse } from '../lib/ceiling.js';
import { runLoad, type LoadResult } from '../lib/load.js';
import type { AppEnv } from './app-env.js';
import { appendAuditRecords, verifyChain } from './seed-audit.js';
import { insertApplications, insertOpenEdition, insertUsers, loadReference, sessionFor, type Reference } from './seed-data.js';

/** An endpoint's load run beside its ceiling: a bare route serving the same bytes, same run. */
export interface Measured {
  load: LoadResult;
  ceiling: LoadResult & { bodyBytes: number };
}

export interface ListsResult {
  db: string;
  seedMs: number;
  applications: { rows: number; total: number | null } & Measured;
  audit: ({ rows: number; chainOk: boolean; checked: number } & Measured) | { skipped: string };
  /** GET /api/auth/me as the office: the session lookup alone, the floor under every authenticated route. */
  sessionOnly: Measured;
  /** The same list with a candidate index the app does not have (BENCH_EXPERIMENTS=1, the default). */
  experiment?: { change: string; load: LoadResult };
}

/** A candidate for src/db (not applied by the app): lets the newest-first page stop after 20 rows. */
const EXPERIMENT_INDEX = 'CREATE INDEX bench_experiment_applications_updated ON applications (updated_at DESC, id DESC)';

export interface SeededEnv {
  ref: Reference;
  editionId: string;
}

async function getJson(url: string, cookie: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers: { cookie } });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Loads the endpoint, then its ceiling (the bytes it answered, served by a bare route). */
async function measure(url: string, cookie: string): Promise<Measured> {
  const captured = await captureResponse(url, { cookie });
  if (captured.status !== 200) throw new Error(`${url} answered ${captured.status}: ${captured.body.toString('utf8').slice(0, 300)}`);
  const load = await runLoad(url, { cookie });
  return { load, ceiling: await benchCeiling(captured) };
}

/**
 * Seeds ≥ N applications and audit records, then loads the heaviest authenticated list
 * (GET /api/applications?page=1&pageSize=20 as the office: session lookup, visibility
 * policy, count and page query) and the audit list (GET /api/audit?limit=50 as the
 * audit admin), 50 connections each.
 */
export async function benchLists(env: AppEnv, log: (s: string) => void): Promise<ListsResult & SeededEnv> {
  const t0 = Date.now();
  const ref = await loadReference(env);
  const editionId = await insertOpenEdition(env, ref);
  const [officeId, auditorId] = await insertUsers(env, [
    { username: 'bench_office', displayName: '强市办（压测）', roles: ['office'] },
    { username: 'bench_auditor', displayName: '审计管理员（压测）', roles: ['auditadmin'] },
  ]);
  await insertApplications(env, ref, editionId, benchConfig.applications);
  log(`  ${env.kind}: ${benchConfig.applications} applications seeded in ${Date.now() - t0} ms`);
  const t1 = Date.now();
  await appendAuditRecords(env, benchConfig.auditRows, [officeId, auditorId]);
  const [{ n: auditRows }] = await env.database.db.select({ n: count() }).from(auditLog);
  const chain = await verifyChain(env);
  log(`  ${env.kind}: ${benchConfig.auditRows} audit records appended in ${Date.now() - t1} ms; chain ${chain.ok ? 'verifies' : `BROKEN at ${JSON.stringify(chain.firstBroken)}`} (${chain.checked} checked)`);
  const seedMs = Date.now() - t0;

  const office = await sessionFor(env, officeId);
  const listUrl = `${env.baseUrl}/api/applications?page=1&pageSize=20`;
  const probe = await getJson(listUrl, office.cookie);
  const body = probe.body as { total?: number | null; items?: unknown[] } | null;
  if (probe.status !== 200 || !body?.items || body.items.length !== 20) {
    throw new Error(`applications list probe failed: ${probe.status} ${JSON.stringify(probe.body).slice(0, 300)}`);
  }
  log(`  ${env.kind}: office sees ${body.total} applications; loading ${listUrl}`);
  const listMeasured = await measure(listUrl, office.cookie);

  let audit: ListsResult['audit'];
  const auditor = await sessionFor(env, auditorId);
  const auditUrl = `${env.baseUrl}/api/audit?limit=50`;
  const auditProbe = await getJson(auditUrl, auditor.cookie);
  if (auditProbe.status !== 200) {
    audit = { skipped: `audit probe answered ${auditProbe.status}` };
  } else {
    log(`  ${env.kind}: loading ${auditUrl}`);
    audit = { rows: Number(auditRows), chainOk: chain.ok, checked: chain.checked, ...(await measure(auditUrl, auditor.cookie)) };
  }
  log(`  ${env.kind}: loading ${env.baseUrl}/api/auth/me (session lookup only)`);
  const sessionOnly = await measure(`${env.baseUrl}/api/auth/me`, office.cookie);

  let experiment: ListsResult['experiment'];
  if (benchConfig.experiments) {
    await env.database.exec(EXPERIMENT_INDEX);
    await env.database.exec('VACUUM ANALYZE applications');
    log(`  ${env.kind}: experiment: ${EXPERIMENT_INDEX}; loading the list again`);
    experiment = { change: `${EXPERIMENT_INDEX} (+ VACUUM ANALYZE)`, load: await runLoad(listUrl, { cookie: office.cookie }) };
    // Later scenarios (the rush) run on the schema as shipped.
    await env.database.exec('DROP INDEX bench_experiment_applications_updated');
  }
  return {
    db: env.kind,
    sessionOnly,
    experiment,
    seedMs,
    applications: { rows: benchConfig.applications, total: body.total ?? null, ...listMeasured },
    audit,
    ref,
    editionId,
  };
}
