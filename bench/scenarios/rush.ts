import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { applications, files } from '../../src/db/schema/index.js';
import { portOf } from '../lib/net.js';
import type { AppEnv } from './app-env.js';
import { creditCode, insertOpenEdition, insertUsers, loadReference, sessionFor, unitForm, type Reference } from './seed-data.js';

const MB = 1024 * 1024;

interface Outcome {
  index: number;
  uploadStatus: number;
  uploadMs: number;
  uploadEndMs: number;
  uploadError: string | null;
  wireBytes: number;
  responseSha: string | null;
  submitStatus: number | null;
  submitMs: number | null;
  submitError: string | null;
  endMs: number;
}
interface RunResult {
  outcomes: Outcome[];
  wallMs: number;
}

export interface RushLeg {
  target: string;
  applicants: number;
  uploadsOk: number;
  /** File bytes received (200 × 10 MiB) over the time from the first byte sent to the last upload answered. */
  uploadMBps: number;
  uploadWallMs: number;
  uploadP99Ms: number;
  submitsOk?: number;
  submitP99Ms?: number;
  /** All 200 applicants done: uploaded and submitted. */
  totalWallMs?: number;
  verified?: { ok: number; failed: number; problems: string[] };
  /** The loopback sinks measured right before this leg with the same payloads. */
  sink?: RushLeg;
  diskSink?: RushLeg;
  errors: string[];
}

export const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** The client (a worker thread) that sends the same 200 × 10 MB multipart payloads to every target. */
export class RushClient {
  private worker: Worker;
  sha256: string[] = [];
  constructor(
    readonly applicants: number,
    readonly fileBytes: number,
  ) {
    this.worker = new Worker(new URL('../lib/rush-client.mjs', import.meta.url), { workerData: { fileBytes, tag: Date.now().toString(36) } });
  }
  private async ask<T>(msg: object): Promise<T> {
    this.worker.postMessage(msg);
    const [reply] = await once(this.worker, 'message');
    return reply as T;
  }
  async prepare(): Promise<void> {
    this.sha256 = (await this.ask<{ sha256: string[] }>({ cmd: 'prepare', count: this.applicants })).sha256;
  }
  run(targets: Array<{ index: number; uploadUrl: string; submitUrl: string | null; cookie: string | null; csrfToken: string | null }>) {
    return this.ask<RunResult>({ cmd: 'run', targets });
  }
  async close(): Promise<void> {
    this.worker.postMessage({ cmd: 'exit' });
    await once(this.worker, 'exit');
  }
}

function summarise(target: string, client: RushClient, run: RunResult): RushLeg {
  const ok = run.outcomes.filter((o) => o.uploadStatus >= 200 && o.uploadStatus < 300);
  const uploadWallMs = Math.max(...run.outcomes.map((o) => o.uploadEndMs));
  const errors = [...new Set(run.outcomes.flatMap((o) => [o.uploadError && `upload ${o.uploadStatus}: ${o.uploadError}`, o.submitError && `submit ${o.submitStatus}: ${o.submitError}`].filter(Boolean) as string[]))];
  return {
    target,
    applicants: client.applicants,
    uploadsOk: ok.length,
    uploadMBps: (ok.length * client.fileBytes) / MB / (uploadWallMs / 1000),
    uploadWallMs,
    uploadP99Ms: percentile(run.outcomes.map((o) => o.uploadMs), 99),
    errors: errors.slice(0, 5),
  };
}

/**
 * A bare node:http server on loopback. 'discard' reads and throws away every body: the
 * ceiling for loopback uploads here. 'disk' writes each body to its own temp file and
 * fsyncs it before answering (what any durable store must at least do), then deletes it.
 */
export async function rushSink(client: RushClient, mode: 'discard' | 'disk', tmpDir: string): Promise<RushLeg> {
  let n = 0;
  const server = http.createServer((req, res) => {
    const done = () => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{}');
    };
    if (mode === 'discard') {
      req.on('data', () => undefined);
      req.on('end', done);
      return;
    }
    const file = path.join(tmpDir, `sink-${n++}.part`);
    const out = fs.createWriteStream(file);
    req.pipe(out);
    out.on('finish', () => {
      fs.promises
        .open(file, 'r+')
        .then(async (h) => {
          await h.sync();
          await h.close();
          await fs.promises.unlink(file);
        })
        .then(done, () => {
          res.writeHead(500);
          res.end();
        });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${portOf(server.address())}/upload`;
  try {
    const run = await client.run(Array.from({ length: client.applicants }, (_, index) => ({ index, uploadUrl: url, submitUrl: null, cookie: null, csrfToken: null })));
    return summarise(mode === 'discard' ? 'loopback sink (node:http, discard)' : 'loopback sink (node:http, write + fsync to disk)', client, run);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** N applicant accounts, each with a draft carrying a complete form (only the evidence file is missing). */
async function seedApplicants(env: AppEnv, ref: Reference, editionId: string, n: number) {
  const county = ref.counties[0];
  const specs = Array.from({ length: n }, (_, i) => ({ i, code: creditCode(5_000_000 + i), name: `截止日冲刺企业${i}有限公司` }));
  const userIds = await insertUsers(env, specs.map((s) => ({ username: `bench_rush_${s.i}`, displayName: s.name, roles: ['applicant_unit'], identityCode: s.code })));
  const rows = await env.database.db
    .insert(applications)
    .values(specs.map((s) => ({ editionId, kind: 'unit' as const, applicantUserId: userIds[s.i], countyId: county.id, identityCode: s.code, name: s.name, state: 'draft' as const, form: unitForm(ref, county.id, s.name), revision: 2, preferenceCategories: ['strategic_emerging'] })))
    .returning({ id: applications.id, applicantUserId: applications.applicantUserId });
  const byUser = new Map(rows.map((r) => [r.applicantUserId, r.id]));
  return Promise.all(userIds.map(async (userId, i) => ({ index: i, applicationId: byUser.get(userId)!, session: await sessionFor(env, userId) })));
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The deadline rush (issue 4): every applicant at once uploads its 10 MB PDF as evidence,
 * then submits. Afterwards each stored file is read back from <dataDir>/files/aa/bb/<sha256>
 * and hashed, and the database must hold one evidence row and a submitted state per applicant.
 */
export async function rushApp(env: AppEnv, client: RushClient, seeded: { ref: Reference; editionId: string } | null): Promise<RushLeg | { skipped: string }> {
  if (env.uploadRoute === 'missing') return { skipped: 'upload route not available' };
  const ref = seeded?.ref ?? (await loadReference(env));
  const editionId = seeded?.editionId ?? (await insertOpenEdition(env, ref));
  const applicants = await seedApplicants(env, ref, editionId, client.applicants);
  const run = await client.run(
    applicants.map((a) => ({
      index: a.index,
      uploadUrl: `${env.baseUrl}/api/applications/${a.applicationId}/files?purpose=evidence`,
      submitUrl: `${env.baseUrl}/api/applications/${a.applicationId}/actions/submit`,
      cookie: a.session.cookie,
      csrfToken: a.session.csrfToken,
    })),
  );
  const leg = summarise(`app on ${env.kind}${env.uploadRoute === 'forced' ? ' (file routes registered by the bench)' : ''}`, client, run);
  const submitted = run.outcomes.filter((o) => o.submitStatus !== null);
  leg.submitsOk = submitted.filter((o) => o.submitStatus === 200).length;
  leg.submitP99Ms = percentile(submitted.map((o) => o.submitMs!), 99);
  leg.totalWallMs = Math.max(...run.outcomes.map((o) => o.endMs));

  const problems: string[] = [];
  let ok = 0;
  for (const o of run.outcomes) {
    const expected = client.sha256[o.index];
    if (o.uploadStatus !== 201) {
      problems.push(`#${o.index}: upload answered ${o.uploadStatus}`);
      continue;
    }
    if (o.responseSha !== expected) problems.push(`#${o.index}: response sha256 ${o.responseSha} ≠ sent ${expected}`);
    const file = path.join(env.dataDir, 'files', expected.slice(0, 2), expected.slice(2, 4), expected);
    if (!fs.existsSync(file)) {
      problems.push(`#${o.index}: ${file} missing`);
      continue;
    }
    const onDisk = await sha256OfFile(file);
    if (onDisk !== expected) problems.push(`#${o.index}: bytes on disk hash to ${onDisk}`);
    else if (o.responseSha === expected) ok++;
  }
  const ids = applicants.map((a) => a.applicationId);
  const [{ n: rowsStored }] = await env.database.db
    .select({ n: count() })
    .from(files)
    .where(and(inArray(files.applicationId, ids), eq(files.purpose, 'evidence'), isNull(files.deletedAt)));
  const [{ n: nowSubmitted }] = await env.database.db.select({ n: count() }).from(applications).where(and(inArray(applications.id, ids), eq(applications.state, 'submitted')));
  if (Number(rowsStored) !== client.applicants) problems.push(`${rowsStored} evidence rows stored for ${client.applicants} applicants`);
  if (Number(nowSubmitted) !== client.applicants) problems.push(`${nowSubmitted} of ${client.applicants} applications submitted`);
  leg.verified = { ok, failed: client.applicants - ok, problems: problems.slice(0, 10) };
  return leg;
}
