import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as checkCli } from '../../src/cli/commands/check.js';
import type { Tx } from '../../src/db/connection.js';
import { publishBackupEndpoint } from '../../src/services/backup/server-channel.js';
import { INVARIANT_NAMES, runInvariantChecks, type InvariantName, type InvariantReport } from '../../src/services/invariants/index.js';
import { loadDemo } from '../../src/services/seed/demo.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * Issue 14: the invariant checker passes a fresh demo driven through the publication, and each
 * invariant, broken on purpose with a direct SQL write, is reported naming the record. Every
 * break runs in a transaction that is rolled back, so the demo stays clean for the next one
 * (and for the check support/app.ts runs when the app closes).
 */
describe.each(databaseKinds)('the invariant checker on %s', (kind) => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-invariants-'));
    t = await startTestApp(kind, { DEMO_PASSWORD: 'Demo-Pass-2026', DATA_DIR: dataDir });
    await loadDemo(t.systemCtx(), { through: 'published' });
  }, 900_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const target = () => ({ db: t.database.db, dataDir, now: t.clock.now() });
  const one = async <T>(tx: Tx, query: ReturnType<typeof sql>): Promise<T> => {
    const rows = ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
    if (!rows.length) throw new Error(`the demo has no row for: ${query.queryChunks.map((c) => (typeof c === 'object' && 'value' in c ? (c.value as string[]).join('') : '?')).join('')}`);
    return rows[0];
  };
  const ROLLBACK = new Error('rollback');
  /** Runs `tamper` and the checker in one transaction, then rolls it back. */
  async function broken(tamper: (tx: Tx) => Promise<Record<string, string>>): Promise<{ report: InvariantReport; ids: Record<string, string> }> {
    let result: { report: InvariantReport; ids: Record<string, string> } | null = null;
    await t.database.db
      .transaction(async (tx) => {
        const ids = await tamper(tx);
        result = { report: await runInvariantChecks({ ...target(), db: tx }, { snapshot: false }), ids };
        throw ROLLBACK;
      })
      .catch((error: unknown) => {
        if (error !== ROLLBACK) throw error;
      });
    return result!;
  }
  function expectReported(report: InvariantReport, check: InvariantName, ids: Record<string, string>) {
    const found = report.violations.filter((v) => v.check === check);
    expect(found, `${check} should report ${JSON.stringify(ids)}; found ${JSON.stringify(report.violations)}`).toContainEqual(expect.objectContaining({ ids: expect.objectContaining(ids) }));
    for (const v of found) expect(v.message).toMatch(/[\u4e00-\u9fa5]/);
  }

  it('finds nothing wrong in a fresh demo driven through the publication', async () => {
    const report = await runInvariantChecks(target());
    expect(report.violations).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual([...INVARIANT_NAMES]);
    expect(report.checks.every((c) => !c.skipped)).toBe(true);
    const io = { out: [] as string[], err: [] as string[] };
    const code = await checkCli([], { stdout: (s) => void io.out.push(s), stderr: (s) => void io.err.push(s) }, { invariants: target() });
    expect(code).toBe(0);
    expect(io.out.join('')).toContain(`不变量检查通过：${INVARIANT_NAMES.length} 项检查均未发现问题`);
  });

  const awarded = (tx: Tx) => one<{ id: string; edition_id: string }>(tx, sql`SELECT id, edition_id FROM applications WHERE state = 'awarded' ORDER BY id LIMIT 1`);

  const cases: Array<[InvariantName, string, (tx: Tx) => Promise<Record<string, string>>]> = [
    [
      'qualification.standing-objection',
      'a department failed opinion on a winner, not overruled',
      async (tx) => {
        const r = await one<{ id: string; application_id: string }>(tx, sql`SELECT r.id, r.application_id FROM qualification_reviews r JOIN applications a ON a.id = r.application_id WHERE a.state = 'awarded' LIMIT 1`);
        await tx.execute(sql`UPDATE qualification_reviews SET status = 'failed', overruled_at = NULL, overruled_reason = NULL WHERE id = ${r.id}`);
        return { application: r.application_id, review: r.id };
      },
    ],
    [
      'lifecycle.state-without-history',
      'a state set behind the engine',
      async (tx) => {
        const a = await awarded(tx);
        await tx.execute(sql`UPDATE applications SET state = 'candidate' WHERE id = ${a.id}`);
        return { application: a.id };
      },
    ],
    [
      'lifecycle.transition-not-allowed',
      'a history row the lifecycle table has no step for',
      async (tx) => {
        const a = await awarded(tx);
        await tx.execute(sql`INSERT INTO application_history (application_id, from_state, to_state) VALUES (${a.id}, 'awarded', 'candidate')`);
        await tx.execute(sql`UPDATE applications SET state = 'candidate' WHERE id = ${a.id}`);
        return { application: a.id };
      },
    ],
    [
      'lifecycle.history-chain',
      'a history row that does not start where the previous one ended',
      async (tx) => {
        const a = await awarded(tx);
        await tx.execute(sql`INSERT INTO application_history (application_id, from_state, to_state) VALUES (${a.id}, 'candidate', 'awarded')`);
        return { application: a.id };
      },
    ],
    [
      'files.content',
      'a file row whose bytes are not in the store',
      async (tx) => {
        const f = await one<{ id: string }>(tx, sql`INSERT INTO files (sha256, size, mime_type, original_name, purpose) VALUES (${'ab'.repeat(32)}, 10, 'application/pdf', '丢失.pdf', 'evidence') RETURNING id`);
        return { file: f.id };
      },
    ],
    [
      'quotas.published',
      'more winners than the quota',
      async (tx) => {
        const a = await awarded(tx);
        await tx.execute(sql`UPDATE applications SET state = 'awarded' WHERE edition_id = ${a.edition_id} AND kind = 'unit'`);
        return { edition: a.edition_id };
      },
    ],
    [
      'quotas.decision-list',
      "a government decision awarding more than the quota",
      async (tx) => {
        const d = await one<{ id: string; edition_id: string }>(tx, sql`SELECT id, edition_id FROM decisions WHERE kind = 'government_decision' LIMIT 1`);
        await tx.execute(sql`INSERT INTO decision_items (decision_id, application_id, outcome)
                             SELECT ${d.id}, a.id, 'award' FROM applications a WHERE a.edition_id = ${d.edition_id} AND a.kind = 'unit'
                             ON CONFLICT (decision_id, application_id) DO UPDATE SET outcome = 'award'`);
        return { decision: d.id };
      },
    ],
    [
      'committee.recused-vote',
      'a vote by a member recused from the candidate',
      async (tx) => {
        const c = await one<{ session_id: string; user_id: string; application_id: string; edition_id: string }>(
          tx,
          sql`SELECT c.session_id, c.user_id, c.application_id, s.edition_id FROM ballot_casts c JOIN committee_sessions s ON s.id = c.session_id
              WHERE NOT EXISTS (SELECT 1 FROM committee_recusals r WHERE r.edition_id = s.edition_id AND r.user_id = c.user_id AND r.application_id = c.application_id) LIMIT 1`,
        );
        await tx.execute(sql`INSERT INTO committee_recusals (edition_id, user_id, application_id, reason, declared_at) VALUES (${c.edition_id}, ${c.user_id}, ${c.application_id}, '亲属任职', '2000-01-01T00:00:00Z')`);
        return { session: c.session_id, user: c.user_id, application: c.application_id };
      },
    ],
    [
      'committee.vote-outside-ballot',
      'a vote by a member not registered present',
      async (tx) => {
        const c = await one<{ session_id: string; user_id: string }>(tx, sql`SELECT session_id, user_id FROM ballot_casts LIMIT 1`);
        await tx.execute(sql`UPDATE committee_sessions SET present_user_ids = array_remove(present_user_ids, ${c.user_id}::uuid) WHERE id = ${c.session_id}`);
        return { session: c.session_id, user: c.user_id };
      },
    ],
    [
      'committee.tally',
      'a count that does not match the sheets cast',
      async (tx) => {
        const r = await one<{ session_id: string; application_id: string }>(tx, sql`SELECT session_id, application_id FROM ballot_tallies WHERE votes > 0 LIMIT 1`);
        await tx.execute(sql`UPDATE ballot_tallies SET votes = votes + 1 WHERE session_id = ${r.session_id} AND application_id = ${r.application_id} AND votes > 0`);
        return { session: r.session_id, application: r.application_id };
      },
    ],
    [
      'committee.secret-ballot',
      'a ballot register that keeps the choice beside the voter',
      async (tx) => {
        await tx.execute(sql`ALTER TABLE ballot_casts ADD COLUMN choice text`);
        return { table: 'ballot_casts' };
      },
    ],
    [
      'panels.conflicted-pair',
      'an expert on the panel of an application they declared a conflict with',
      async (tx) => {
        const p = await one<{ id: string; expert_id: string; application_id: string; assigned_by: string }>(
          tx,
          sql`SELECT p.id, p.expert_id, p.application_id, u.id AS assigned_by FROM panel_assignments p, users u WHERE 'agency' = ANY(u.roles) LIMIT 1`,
        );
        await tx.execute(sql`INSERT INTO conflict_declarations (expert_id, application_id, source, reason, recorded_by) VALUES (${p.expert_id}, ${p.application_id}, 'agency', '曾为该单位提供咨询', ${p.assigned_by})`);
        return { assignment: p.id, expert: p.expert_id, application: p.application_id };
      },
    ],
    [
      'panels.capacity',
      'an expert with more assignments than their capacity',
      async (tx) => {
        const e = await one<{ expert_id: string; edition_id: string }>(tx, sql`SELECT expert_id, edition_id FROM panel_assignments GROUP BY expert_id, edition_id HAVING count(*) >= 2 LIMIT 1`);
        await tx.execute(sql`UPDATE experts SET max_load = 1 WHERE id = ${e.expert_id}`);
        return { expert: e.expert_id, edition: e.edition_id };
      },
    ],
    [
      'scorebooks.locked',
      'a submitted scorebook edited afterwards',
      async (tx) => {
        const b = await one<{ id: string }>(tx, sql`SELECT id FROM scorebooks WHERE status = 'submitted' LIMIT 1`);
        await tx.execute(sql`UPDATE scorebooks SET items = '{}'::jsonb, updated_at = submitted_at + interval '1 minute' WHERE id = ${b.id}`);
        return { scorebook: b.id };
      },
    ],
    [
      'scorebooks.locked',
      'a submitted total that differs from the one submitted, timestamps untouched',
      async (tx) => {
        const b = await one<{ id: string }>(tx, sql`SELECT id FROM scorebooks WHERE status = 'submitted' ORDER BY id DESC LIMIT 1`);
        await tx.execute(sql`UPDATE scorebooks SET total = total + 7 WHERE id = ${b.id}`);
        return { scorebook: b.id };
      },
    ],
    [
      'scorebooks.disqualified-expert',
      'a disqualified expert whose scorebooks still count',
      async (tx) => {
        const b = await one<{ id: string; expert_id: string; edition_id: string; by: string }>(
          tx,
          sql`SELECT b.id, b.expert_id, b.edition_id, u.id AS by FROM scorebooks b, users u WHERE b.set_aside_at IS NULL AND 'office' = ANY(u.roles) LIMIT 1`,
        );
        await tx.execute(sql`INSERT INTO expert_disqualifications (edition_id, expert_id, reason, before, after, disqualified_by) VALUES (${b.edition_id}, ${b.expert_id}, '违规', '[]', '[]', ${b.by})`);
        return { scorebook: b.id, expert: b.expert_id };
      },
    ],
    [
      'awards.winner-decision',
      'a winner in a category the government did not decide',
      async (tx) => {
        const w = await one<{ id: string }>(tx, sql`SELECT id FROM winners WHERE category = 'award' AND application_id IS NOT NULL LIMIT 1`);
        await tx.execute(sql`UPDATE winners SET category = 'nomination' WHERE id = ${w.id}`);
        return { winner: w.id };
      },
    ],
    [
      'awards.winner-record',
      'a winner without its certificate',
      async (tx) => {
        const w = await one<{ id: string }>(tx, sql`SELECT w.id FROM winners w JOIN certificates c ON c.winner_id = w.id LIMIT 1`);
        await tx.execute(sql`DELETE FROM certificates WHERE winner_id = ${w.id}`);
        return { winner: w.id };
      },
    ],
    [
      'awards.revocation',
      'a winner marked revoked without the government revoking it',
      async (tx) => {
        const w = await one<{ id: string }>(tx, sql`SELECT id FROM winners WHERE revoked_at IS NULL AND application_id IS NOT NULL LIMIT 1`);
        await tx.execute(sql`UPDATE winners SET revoked_at = now() WHERE id = ${w.id}`);
        return { winner: w.id };
      },
    ],
    [
      'audit.chain',
      'an audit record edited behind the append-only trigger',
      async (tx) => {
        await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
        await tx.execute(sql`UPDATE audit_log SET action = 'forged' WHERE seq = 5`);
        await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
        return { seq: '5' };
      },
    ],
  ];

  it('has a break-it-on-purpose case for every invariant', () => {
    expect(new Set(cases.map(([name]) => name))).toEqual(new Set(INVARIANT_NAMES));
  });

  it.each(cases)('reports %s: %s', async (check, _what, tamper) => {
    const { report, ids } = await broken(tamper);
    expectReported(report, check, ids);
  });

  it('reports a stored file whose bytes changed, and the command exits 1 naming it (--json too)', async () => {
    const [file] = ((await t.database.db.execute(sql`SELECT id, sha256 FROM files WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1`)) as unknown as { rows: Array<{ id: string; sha256: string }> }).rows;
    const stored = path.join(dataDir, 'files', file.sha256.slice(0, 2), file.sha256.slice(2, 4), file.sha256);
    const original = fs.readFileSync(stored);
    const flipped = Buffer.from(original);
    flipped[flipped.length >> 1] ^= 0x01;
    fs.chmodSync(stored, 0o644);
    fs.writeFileSync(stored, flipped);
    try {
      expectReported(await runInvariantChecks(target()), 'files.content', { file: file.id, sha256: file.sha256 });
      const io = { out: [] as string[], err: [] as string[] };
      const cli = { stdout: (s: string) => void io.out.push(s), stderr: (s: string) => void io.err.push(s) };
      expect(await checkCli([], cli, { invariants: target() })).toBe(1);
      expect(io.err.join('')).toContain(`[files.content] file file=${file.id}`);
      expect(io.err.join('')).toMatch(/发现 \d+ 处违反不变量的记录（files\.content/);
      io.out.length = 0;
      expect(await checkCli(['--json'], cli, { invariants: target() })).toBe(1);
      expect(JSON.parse(io.out.join('')).violations).toContainEqual(expect.objectContaining({ check: 'files.content', kind: 'file' }));
    } finally {
      fs.writeFileSync(stored, original);
    }
  });

  // Only PGlite has a server holding the folder; registered for it alone (no skipped test on PostgreSQL).
  if (kind === 'pglite') it('runs through the server that holds the PGlite folder, which answers only its local token', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const published = await publishBackupEndpoint(t.config.dataDir, address);
    const previous = process.env.DATA_DIR;
    process.env.DATA_DIR = t.config.dataDir;
    try {
      expect((await t.app.inject({ method: 'POST', url: '/api/system/check', headers: { 'x-backup-token': 'nope' }, payload: {} })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'POST', url: '/api/system/check', remoteAddress: '10.1.2.3', headers: { 'x-backup-token': published.endpoint.token }, payload: {} })).statusCode).toBe(404);
      const io = { out: [] as string[], err: [] as string[] };
      expect(await checkCli(['--json'], { stdout: (s) => void io.out.push(s), stderr: (s) => void io.err.push(s) })).toBe(0);
      expect(io.err.join('')).toContain('由服务器运行检查');
      expect(JSON.parse(io.out.join(''))).toMatchObject({ violations: [] });
    } finally {
      if (previous === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = previous;
      await published.remove();
    }
  });
});
