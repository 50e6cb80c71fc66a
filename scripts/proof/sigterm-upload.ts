/**
 * SIGTERM during a long upload (issue 14): a slow client streams a large file, the server is
 * told to stop. The client must get an answer (not a dropped connection), the server must
 * exit by itself within its shutdown deadline, and no temp file nor file row may be left.
 *
 *   npx tsx scripts/proof/sigterm-upload.ts [--rounds 3]
 *
 * Last line `RESULT {json}`; exit 1 on any problem.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { login } from './lib/client.js';
import { Ledger } from './lib/ledger.js';
import { seedSystem } from './lib/seed.js';
import { ServerProcess } from './lib/server.js';
import { pgliteTarget } from './lib/targets.js';
import { verifyAfterCrash } from './lib/verify.js';

const SHUTDOWN_SECONDS = 3;

interface SlowAnswer {
  status: number;
  body: string;
  /** How the exchange ended when there was no answer. */
  failure?: string;
  ms: number;
}

/** Streams a PNG-typed multipart body of `totalBytes`, 64 KiB every 50 ms, until answered or cut. */
function slowUpload(base: string, applicationId: string, session: { cookie: string; csrf: string }, totalBytes: number): Promise<SlowAnswer> {
  const boundary = `----proof${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="large.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n`, 'latin1');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const started = Date.now();
  return new Promise((resolve) => {
    const url = new URL(`${base}/api/applications/${applicationId}/files?purpose=evidence`);
    const request = http.request(url, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + totalBytes + tail.length },
    });
    let sent = 0;
    let settled = false;
    const done = (answer: SlowAnswer) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      resolve(answer);
    };
    request.on('response', (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => done({ status: res.statusCode ?? 0, body, ms: Date.now() - started }));
      res.on('error', () => done({ status: res.statusCode ?? 0, body, ms: Date.now() - started }));
    });
    request.on('error', (error) => done({ status: 0, body: '', failure: (error as NodeJS.ErrnoException).code ?? String(error), ms: Date.now() - started }));
    request.write(head);
    const timer = setInterval(() => {
      if (request.destroyed) return;
      const piece = randomBytes(Math.min(64 * 1024, totalBytes - sent));
      sent += piece.length;
      request.write(piece);
      if (sent >= totalBytes) {
        clearInterval(timer);
        request.end(tail);
      }
    }, 50);
    setTimeout(() => done({ status: 0, body: '', failure: 'no answer within 120 s', ms: Date.now() - started }), 120_000).unref();
  });
}

async function main(): Promise<number> {
  const rounds = Number(process.argv.includes('--rounds') ? process.argv[process.argv.indexOf('--rounds') + 1] : '3');
  const started = Date.now();
  const target = await pgliteTarget();
  const problems: string[] = [];
  const answers: SlowAnswer[] = [];
  const exits: Array<{ code: number | null; ms: number }> = [];
  try {
    const seeded = await seedSystem(target.env, 1);
    const [applicant] = seeded.applicants;
    for (let round = 1; round <= rounds; round++) {
      const server = await ServerProcess.start(target.env, { SHUTDOWN_SECONDS: String(SHUTDOWN_SECONDS), MAX_FILE_MB: '50' });
      const session = await login(server.base, applicant.username, target.env.DEMO_PASSWORD);
      // 40 MiB at ~1.3 MiB/s: still streaming long after the shutdown deadline.
      const upload = slowUpload(server.base, applicant.applicationId, session, 40 * 1024 * 1024);
      await new Promise((r) => setTimeout(r, 1_500 + round * 500));
      const tmp = path.join(target.env.DATA_DIR, 'files', 'tmp');
      const tempsDuring = fs.existsSync(tmp) ? fs.readdirSync(tmp).length : 0;
      const termAt = Date.now();
      const exit = await server.terminate(60_000);
      const answer = await upload;
      answers.push(answer);
      exits.push({ code: exit.code, ms: Date.now() - termAt });
      const tempsAfter = fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
      console.log(`round ${round}: ${tempsDuring} temp file(s) while streaming; answer ${answer.status || answer.failure} after ${answer.ms} ms ${answer.body.slice(0, 120)}; exit ${exit.code}${exit.forced ? ' (forced)' : ''} ${Date.now() - termAt} ms after SIGTERM; temp files left: ${tempsAfter.length}`);
      if (tempsDuring === 0) problems.push(`round ${round}: the upload had not started streaming when SIGTERM came (no temp file)`);
      if (answer.status === 0) problems.push(`round ${round}: the slow client got no answer (${answer.failure})`);
      else if (answer.status !== 503 || !/[\u4e00-\u9fff]/.test(answer.body)) problems.push(`round ${round}: answer ${answer.status} ${answer.body.slice(0, 200)} (expected a 503 with a Chinese message)`);
      if (exit.forced || exit.code !== 0) problems.push(`round ${round}: the server did not exit cleanly by itself (code ${exit.code}, forced ${exit.forced})`);
      if (Date.now() - termAt > (SHUTDOWN_SECONDS + 15) * 1000) problems.push(`round ${round}: shutdown took ${Date.now() - termAt} ms`);
      if (tempsAfter.length) problems.push(`round ${round}: temp files left: ${tempsAfter.join(', ')}`);
    }
    const verdict = await verifyAfterCrash(target.env, new Ledger());
    problems.push(...verdict.problems);
    const [{ n }] = await countFiles(target.env);
    if (n !== 0) problems.push(`${n} file rows exist, none was acknowledged`);
  } finally {
    await target.dispose();
  }
  for (const p of problems) console.log(`PROBLEM ${p}`);
  console.log(`RESULT ${JSON.stringify({ rounds, answered: answers.filter((a) => a.status !== 0).length, statuses: answers.map((a) => a.status), exits, problems, seconds: Math.round((Date.now() - started) / 1000) })}`);
  return problems.length ? 1 : 0;
}

async function countFiles(env: Parameters<typeof verifyAfterCrash>[0]): Promise<Array<{ n: number }>> {
  const { loadConfig } = await import('../../src/config.js');
  const { openConfiguredDatabase } = await import('../../src/runtime.js');
  const { sql } = await import('drizzle-orm');
  const database = await openConfiguredDatabase(loadConfig({ ...process.env, ...env, PORT: '3000' }), { migrate: false });
  try {
    return ((await database.db.execute(sql`SELECT count(*)::int AS n FROM files`)) as unknown as { rows: Array<{ n: number }> }).rows;
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main().then((code) => process.exit(code));
