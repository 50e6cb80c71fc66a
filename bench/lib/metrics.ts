import type { ListsResult, Measured } from '../scenarios/lists.js';
import type { RushLeg } from '../scenarios/rush.js';
import { round } from './load.js';

/**
 * What latest.json gives per endpoint and database. Ratios compare req/s measured in the same
 * run: to the bare hello-world route, and to the endpoint's ceiling (a bare route serving the
 * endpoint's own response bytes).
 */
export interface EndpointMetrics {
  ratioToHello: number | null;
  ratioToCeiling: number;
  p99Ms: number;
  cpuMicrosPerRequest: number;
  rps: number;
  p50Ms: number;
  ceilingRps: number;
  ceilingP99Ms: number;
  ceilingCpuMicrosPerRequest: number;
  responseBytes: number;
  /** non-2xx answers, socket errors and timeouts during the measured run (should be 0). */
  badResponses: number;
}

export const ENDPOINTS = {
  applicationsList: 'GET /api/applications?page=1&pageSize=20 (office)',
  auditList: 'GET /api/audit?limit=50 (audit admin)',
  authMe: 'GET /api/auth/me (office)',
} as const;
export type EndpointKey = keyof typeof ENDPOINTS;

export function endpointMetrics(m: Measured, helloRps: number | null): EndpointMetrics {
  return {
    ratioToHello: helloRps ? round(m.load.rps / helloRps, 3) : null,
    ratioToCeiling: round(m.load.rps / m.ceiling.rps, 3),
    p99Ms: m.load.p99,
    cpuMicrosPerRequest: m.load.cpuMicrosPerRequest,
    rps: m.load.rps,
    p50Ms: m.load.p50,
    ceilingRps: m.ceiling.rps,
    ceilingP99Ms: m.ceiling.p99,
    ceilingCpuMicrosPerRequest: m.ceiling.cpuMicrosPerRequest,
    responseBytes: m.ceiling.bodyBytes,
    badResponses: m.load.non2xx + m.load.errors + m.load.timeouts,
  };
}

/** `endpoints[endpoint][database]`, the shape latest.json carries. */
export function listEndpointMetrics(lists: ListsResult[], helloRps: number | null): Record<EndpointKey, Record<string, EndpointMetrics>> {
  const out: Record<EndpointKey, Record<string, EndpointMetrics>> = { applicationsList: {}, auditList: {}, authMe: {} };
  for (const l of lists) {
    out.applicationsList[l.db] = endpointMetrics(l.applications, helloRps);
    if (!('skipped' in l.audit)) out.auditList[l.db] = endpointMetrics(l.audit, helloRps);
    out.authMe[l.db] = endpointMetrics(l.sessionOnly, helloRps);
  }
  return out;
}

/** The rush's goals, per database: its upload throughput over the write-and-fsync sink's, and the submit p99. */
export interface RushMetrics {
  ratioToWriteAndFsyncSink: number | null;
  ratioToDiscardSink: number | null;
  submitP99Ms: number | null;
  uploadP99Ms: number;
  uploadMBps: number;
  writeAndFsyncSinkMBps: number | null;
}

export function rushMetrics(legs: Array<RushLeg | { skipped: string; target: string }>): Record<string, RushMetrics> {
  const out: Record<string, RushMetrics> = {};
  for (const leg of legs) {
    if ('skipped' in leg) continue;
    const db = /app on (\w+)/.exec(leg.target)?.[1] ?? leg.target;
    out[db] = {
      ratioToWriteAndFsyncSink: leg.diskSink ? round(leg.uploadMBps / leg.diskSink.uploadMBps, 3) : null,
      ratioToDiscardSink: leg.sink ? round(leg.uploadMBps / leg.sink.uploadMBps, 3) : null,
      submitP99Ms: leg.submitP99Ms ?? null,
      uploadP99Ms: leg.uploadP99Ms,
      uploadMBps: round(leg.uploadMBps),
      writeAndFsyncSinkMBps: leg.diskSink ? round(leg.diskSink.uploadMBps) : null,
    };
  }
  return out;
}
