/**
 * A full disk during uploads (issue 14): the file store (DATA_DIR/files) on a small tmpfs
 * (needs root and mount; otherwise the step reports SKIPPED and exits 0), several clients
 * uploading until it is full. Every upload must get an answer — 201, or 507 with a Chinese
 * message, never a 5xx of another kind nor a dropped connection; the server must survive
 * and keep serving; no temp file and no file row without its bytes may be left.
 *
 *   npx tsx scripts/proof/disk-full.ts [--mb 6]
 *
 * Last line `RESULT {json}`; exit 1 on any problem.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { call, login, pngBytes, seededRandom, uploadForm } from './lib/client.js';
import { Ledger } from './lib/ledger.js';
import { seedSystem } from './lib/seed.js';
import { ServerProcess } from './lib/server.js';
import { pgliteTarget } from './lib/targets.js';
import { verifyAfterCrash } from './lib/verify.js';

async function main(): Promise<number> {
  const mb = Number(process.argv.includes('--mb') ? process.argv[process.argv.indexOf('--mb') + 1] : '6');
  const started = Date.now();
  const target = await pgliteTarget();
  const filesDir = path.join(target.env.DATA_DIR, 'files');
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  const ledger = new Ledger();
  let mounted = false;
  try {
    fs.mkdirSync(filesDir, { recursive: true });
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', filesDir], { encoding: 'utf8' });
    if (mount.status !== 0) {
      console.log(`SKIPPED: cannot mount a tmpfs here (${mount.stderr.trim()}); run as root`);
      console.log(`RESULT ${JSON.stringify({ skipped: true })}`);
      return 0;
    }
    mounted = true;
    const seeded = await seedSystem(target.env, 2);
    const server = await ServerProcess.start(target.env);
    const sessions = await Promise.all(seeded.applicants.map((a) => login(server.base, a.username, target.env.DEMO_PASSWORD)));
    const random = seededRandom(14);
    let full = 0;
    // Four clients, 700 KiB–1.2 MiB files, until each has been refused for a full disk twice.
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        const applicant = seeded.applicants[w % 2];
        const session = sessions[w % 2];
        for (let refused = 0, i = 0; refused < 2 && i < 40; i++) {
          const bytes = pngBytes(random, 700 * 1024 + Math.floor(random() * 500 * 1024));
          const a = await call(server.base, 'POST', `/api/applications/${applicant.applicationId}/files?purpose=evidence`, { session, form: uploadForm(bytes, `材料${w}-${i}.png`) });
          statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
          if (a.status === 201) {
            ledger.uploads.push({ applicationId: applicant.applicationId, fileId: (a.body as { id: string }).id, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, requestId: a.requestId });
          } else if (a.status === 507) {
            refused++;
            full++;
            const message = (a.body as { message?: string }).message ?? '';
            if (!/[\u4e00-\u9fff]/.test(message)) problems.push(`507 without a Chinese message: ${JSON.stringify(a.body)}`);
          } else problems.push(`upload answered ${a.status || a.failure}: ${JSON.stringify(a.body).slice(0, 300)}`);
        }
      }),
    );
    if (full === 0) problems.push(`the disk never filled (${mb} MiB tmpfs)`);
    // The server survives and still serves what needs no disk space: a read and an autosave.
    const health = await call(server.base, 'GET', '/api/health');
    if (health.status !== 200) problems.push(`health after the full disk: ${health.status}`);
    const read = await call(server.base, 'GET', `/api/applications/${seeded.applicants[0].applicationId}/files`, { session: sessions[0] });
    if (read.status !== 200) problems.push(`file list after the full disk: ${read.status}`);
    const temps = fs.existsSync(path.join(filesDir, 'tmp')) ? fs.readdirSync(path.join(filesDir, 'tmp')) : [];
    if (temps.length) problems.push(`temp files left while the server runs: ${temps.join(', ')}`);
    if (!server.alive()) problems.push(`the server died: ${server.tail()}`);
    const exit = await server.terminate();
    if (exit.code !== 0) problems.push(`the server did not stop cleanly: ${exit.code} ${exit.signal}`);
    const verdict = await verifyAfterCrash(target.env, ledger);
    problems.push(...verdict.problems);
    console.log(`uploads answered ${JSON.stringify(Object.fromEntries(statuses))}; ${ledger.uploads.length} stored and verified, ${full} refused for a full disk; health ${health.status}`);
  } finally {
    if (mounted) spawnSync('umount', [filesDir]);
    await target.dispose();
  }
  for (const p of problems) console.log(`PROBLEM ${p}`);
  console.log(`RESULT ${JSON.stringify({ mb, statuses: Object.fromEntries(statuses), stored: ledger.uploads.length, problems, seconds: Math.round((Date.now() - started) / 1000) })}`);
  return problems.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) main().then((code) => process.exit(code));
