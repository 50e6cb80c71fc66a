import type { BundleResult } from '../scenarios/bundle.js';
import type { ListsResult } from '../scenarios/lists.js';
import type { RushLeg } from '../scenarios/rush.js';
import type { StartupResult } from '../scenarios/startup.js';
import { GOALS } from './config.js';
import type { LoadResult } from './load.js';
import { endpointMetrics, type EndpointMetrics } from './metrics.js';
import { int, kb, ms, type Row } from './report.js';

const listGoal = `ratio to ceiling >= ${GOALS.listRatioToCeiling}, p99 < ${GOALS.listP99Ms} ms`;
const meGoal = `ratio to hello >= ${GOALS.authMeRatioToHello}`;

function loadText(load: LoadResult, baselineRps: number | null): string {
  const ratio = baselineRps ? `, ratio ${(load.rps / baselineRps).toFixed(3)}` : '';
  const bad = load.non2xx + load.errors + load.timeouts;
  return `${int(load.rps)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms${ratio}, ${int(load.cpuMicrosPerRequest)} µs CPU/req${bad ? `, ${bad} non-2xx/errors!` : ''}`;
}

function metricsText(m: EndpointMetrics): string {
  return (
    `${int(m.rps)} req/s (ceiling ${int(m.ceilingRps)}, ${kb(m.responseBytes)}), p99 ${m.p99Ms} ms, ` +
    `ratio to hello ${m.ratioToHello?.toFixed(3) ?? '-'}, to ceiling ${m.ratioToCeiling.toFixed(3)}, ` +
    `${int(m.cpuMicrosPerRequest)} µs CPU/req (ceiling ${int(m.ceilingCpuMicrosPerRequest)})${m.badResponses ? `, ${m.badResponses} non-2xx/errors!` : ''}`
  );
}

const listMet = (m: EndpointMetrics) => m.ratioToCeiling >= GOALS.listRatioToCeiling && m.p99Ms < GOALS.listP99Ms && m.badResponses === 0;
const meMet = (m: EndpointMetrics) => m.ratioToHello !== null && m.ratioToHello >= GOALS.authMeRatioToHello && m.badResponses === 0;

export function helloRow(load: LoadResult): Row {
  return { scenario: `Baseline: bare Fastify GET / (${load.connections} conn, ${load.seconds} s)`, measured: loadText(load, null), goal: '-', status: 'info' };
}

export function listRows(result: ListsResult, baselineRps: number | null): Row[] {
  const app = endpointMetrics(result.applications, baselineRps);
  const rows: Row[] = [
    {
      scenario: `GET /api/applications?page=1&pageSize=20 (office) on ${result.db}, ${int(result.applications.rows)} apps`,
      measured: metricsText(app),
      goal: listGoal,
      status: listMet(app) ? 'met' : 'NOT met',
    },
  ];
  if ('skipped' in result.audit) {
    rows.push({ scenario: `GET /api/audit?limit=50 (audit admin) on ${result.db}`, measured: result.audit.skipped, goal: listGoal, status: 'skipped' });
  } else {
    const audit = endpointMetrics(result.audit, baselineRps);
    rows.push({
      scenario: `GET /api/audit?limit=50 (audit admin) on ${result.db}, ${int(result.audit.rows)} rows, chain ${result.audit.chainOk ? 'verifies' : 'BROKEN'}`,
      measured: metricsText(audit),
      goal: listGoal,
      status: !result.audit.chainOk ? 'FAILED' : listMet(audit) ? 'met' : 'NOT met',
    });
  }
  const me = endpointMetrics(result.sessionOnly, baselineRps);
  rows.push({ scenario: `GET /api/auth/me (session lookup only) on ${result.db}`, measured: metricsText(me), goal: meGoal, status: meMet(me) ? 'met' : 'NOT met' });
  if (result.experiment) {
    rows.push({
      scenario: `  experiment: applications list + index (updated_at DESC, id DESC) on ${result.db}`,
      measured: loadText(result.experiment.load, baselineRps),
      goal: 'not the app as shipped',
      status: 'info',
    });
  }
  return rows;
}

export function bundleRow(b: BundleResult): Row {
  return {
    scenario: `First-page JS, gzip -9 (${b.files.length} files: entry + modulepreload)`,
    measured: `${kb(b.totalGzipBytes)} gzipped (${kb(b.totalBytes)} raw)${b.built ? ', built by this run' : ''}`,
    goal: `< ${GOALS.bundleKb} kB`,
    status: b.totalGzipBytes < GOALS.bundleKb * 1000 ? 'met' : 'NOT met',
  };
}

export function startupRow(s: StartupResult): Row {
  return {
    scenario: `npm start -> first 200 /api/health, existing data folder (${s.runsMs.length} runs)`,
    measured: `min ${ms(s.minMs)}, median ${ms(s.medianMs)}, runs ${s.runsMs.map(ms).join(', ')}, first start (empty folder) ${ms(s.firstStartMs)}`,
    goal: `< ${GOALS.startupMs / 1000} s (median)`,
    status: s.medianMs < GOALS.startupMs ? 'met' : 'NOT met',
  };
}

export function rushRows(legs: Array<RushLeg | { skipped: string; target: string }>, fileMb: number): Row[] {
  const rows: Row[] = [];
  for (const leg of legs) {
    if ('skipped' in leg) {
      rows.push({ scenario: `Deadline rush: ${leg.target}`, measured: `skipped: ${leg.skipped}`, goal: '-', status: 'skipped' });
      continue;
    }
    const sink = leg.sink;
    for (const s of [leg.sink, leg.diskSink]) {
      if (!s) continue;
      rows.push({
        scenario: `Deadline rush: ${s.applicants} x ${fileMb} MB multipart to ${s.target}`,
        measured: `${s.uploadMBps.toFixed(0)} MB/s aggregate, upload p99 ${ms(s.uploadP99Ms)}, ${s.uploadsOk}/${s.applicants} ok`,
        goal: '-',
        status: 'info',
      });
    }
    const toDisk = leg.diskSink ? leg.uploadMBps / leg.diskSink.uploadMBps : null;
    const ratio = (sink ? `, ratio to discard sink ${(leg.uploadMBps / sink.uploadMBps).toFixed(2)}` : '') + (toDisk !== null ? `, to write-and-fsync sink ${toDisk.toFixed(2)}` : '');
    const verified = leg.verified ? `, sha256 on disk ${leg.verified.ok}/${leg.applicants} ok` : '';
    const allGood = leg.uploadsOk === leg.applicants && leg.submitsOk === leg.applicants && leg.verified?.failed === 0 && leg.verified.problems.length === 0;
    const fastEnough = toDisk !== null && toDisk >= GOALS.rushRatioToWriteAndFsyncSink && (leg.submitP99Ms ?? Infinity) < GOALS.rushSubmitP99Ms;
    rows.push({
      scenario: `Deadline rush: ${leg.applicants} x ${fileMb} MB upload + submit, ${leg.target}`,
      measured:
        `${leg.uploadMBps.toFixed(0)} MB/s aggregate${ratio}, upload p99 ${ms(leg.uploadP99Ms)}, ` +
        `submit p99 ${ms(leg.submitP99Ms ?? NaN)}, ${leg.submitsOk}/${leg.applicants} submitted, all done in ${ms(leg.totalWallMs ?? NaN)}${verified}`,
      goal: `all stored intact and submitted; ratio to write-and-fsync sink >= ${GOALS.rushRatioToWriteAndFsyncSink}, submit p99 < ${GOALS.rushSubmitP99Ms} ms`,
      status: !allGood ? 'FAILED' : fastEnough ? 'met' : 'NOT met',
    });
  }
  return rows;
}
