import { sql } from 'drizzle-orm';
import { run as auditCommand } from '../../../src/cli/commands/audit.js';
import { loadConfig } from '../../../src/config.js';
import type { Db } from '../../../src/db/connection.js';
import { openConfiguredDatabase } from '../../../src/runtime.js';
import { scoreKey, type Ledger, type SentBallot } from './ledger.js';
import type { SystemEnv } from './server.js';
import { ownCommand, type Verification } from './verify.js';

/**
 * After a crash, with the servers down, the review systems as the next start opens them:
 * every acknowledged scorebook save there with its content (same revision rule as autosaves),
 * every acknowledged submission submitted and each submission whole (status and audit record);
 * every acknowledged ballot counted exactly once, every sheet that landed whole (a cast row per
 * candidate, its audit record, and the tallies equal to the sum of the landed sheets' choices,
 * which the ledger knows), every acknowledged open or void of a session there; then the audit
 * chain of each system verified by the CLI's own command.
 */
type Row = Record<string, unknown>;
const rows = async (db: Db, query: ReturnType<typeof sql>): Promise<Row[]> => ((await db.execute(query)) as unknown as { rows: Row[] }).rows;

async function withDatabase(env: SystemEnv, work: (db: Db, audit: () => Promise<string[]>) => Promise<void>): Promise<void> {
  const config = loadConfig({ ...process.env, ...env, PORT: '3000' });
  const database = await openConfiguredDatabase(config, { migrate: false });
  try {
    await work(database.db, () => ownCommand('audit verify', (io) => auditCommand(['verify'], io, { db: database.db, witness: config.audit })));
  } finally {
    await database.close();
  }
}

export async function verifyScoring(env: SystemEnv, ledger: Ledger): Promise<Verification> {
  const problems: string[] = [];
  let checked = 0;
  await withDatabase(env, async (db, audit) => {
    const books = await rows(
      db,
      sql`SELECT s.application_id, s.expert_id, s.revision, s.status,
            (SELECT e.value->>'strengths' FROM jsonb_each(s.items) e WHERE e.value ? 'strengths' LIMIT 1) AS notes,
            (SELECT count(*)::int FROM audit_log a WHERE a.action = 'scorebook.submit' AND a.entity_id = s.application_id::text AND a.after->>'expertId' = s.expert_id::text) AS submit_audits
          FROM scorebooks s WHERE s.stage = 'material' AND s.kind = 'independent'`,
    );
    const found = new Map(books.map((b) => [scoreKey(String(b.application_id), String(b.expert_id)), b]));
    for (const [key, track] of ledger.scores) {
      const book = found.get(key);
      const revision = book ? Number(book.revision) : 0;
      const token = book ? (/proof-\S+$/.exec(String(book.notes))?.[0] ?? null) : null;
      if (track.ackedRevision > 0) checked++;
      if (revision < track.ackedRevision) problems.push(`score save lost: scorebook ${key} at revision ${revision}, acknowledged ${track.ackedRevision}`);
      else if (revision === track.ackedRevision && revision > 0 && token !== track.ackedToken) problems.push(`score content: scorebook ${key} revision ${revision} holds ${token}, acknowledged ${track.ackedToken}`);
      else if (revision > track.ackedRevision && !track.sent.get(revision)?.has(String(token))) problems.push(`score save from nowhere: scorebook ${key} revision ${revision} holds ${token}`);
    }
    for (const [key, book] of found) {
      if (!ledger.scores.has(key)) problems.push(`scorebook ${key} that no client wrote (revision ${book.revision})`);
      // All or nothing: a submitted scorebook has its one audit record, a draft none.
      const audits = Number(book.submit_audits);
      if (audits !== (book.status === 'submitted' ? 1 : 0)) problems.push(`submission half there: scorebook ${key} is ${book.status} with ${audits} submit audit records`);
    }
    for (const s of ledger.scoreSubmits) {
      checked++;
      const book = found.get(scoreKey(s.applicationId, s.expertId));
      if (book?.status !== 'submitted') problems.push(`score submission lost: scorebook ${scoreKey(s.applicationId, s.expertId)} is ${book?.status ?? 'missing'} (request ${s.requestId})`);
    }
    problems.push(...(await audit()));
  });
  return { problems, checked };
}

export async function verifyVoting(env: SystemEnv, ledger: Ledger): Promise<Verification> {
  const problems: string[] = [];
  let checked = 0;
  await withDatabase(env, async (db, audit) => {
    const sessions = new Map((await rows(db, sql`SELECT id, closed_at, result->>'status' AS status, cardinality(application_ids)::int AS candidates FROM committee_sessions`)).map((s) => [String(s.id), s]));
    for (const s of ledger.sessions) {
      checked++;
      const row = sessions.get(s.sessionId);
      if (!row) problems.push(`session ${s.action} lost: session ${s.sessionId} (request ${s.requestId})`);
      else if (s.action === 'void' && (row.closed_at === null || row.status !== 'void')) problems.push(`session void lost: session ${s.sessionId} closed ${row.closed_at} as ${row.status}`);
    }
    const casts = await rows(db, sql`SELECT session_id, user_id, count(*)::int AS n FROM ballot_casts GROUP BY session_id, user_id`);
    const landed = new Set(casts.map((c) => `${c.session_id}/${c.user_id}`));
    const sheetsOf = new Map<string, SentBallot[]>();
    for (const b of ledger.ballots) sheetsOf.set(`${b.sessionId}/${b.userId}`, [...(sheetsOf.get(`${b.sessionId}/${b.userId}`) ?? []), b]);
    for (const b of ledger.ballots.filter((x) => x.acked)) {
      checked++;
      if (!landed.has(`${b.sessionId}/${b.userId}`)) problems.push(`ballot lost: member ${b.userId} in session ${b.sessionId} (request ${b.requestId})`);
    }
    // The expected tallies: per session, the choices of every sheet that landed (one sheet per member and session is ever sent).
    const expected = new Map<string, number>();
    for (const c of casts) {
      const key = `${c.session_id}/${c.user_id}`;
      const sheets = sheetsOf.get(key) ?? [];
      const candidates = Number(sessions.get(String(c.session_id))?.candidates ?? 0);
      if (sheets.length !== 1) problems.push(`ballot from nowhere: ${key} has cast rows but ${sheets.length} sheets were sent`);
      if (Number(c.n) !== candidates) problems.push(`ballot half there: ${key} has ${c.n} cast rows for ${candidates} candidates`);
      for (const choice of sheets[0]?.choices ?? []) expected.set(`${c.session_id}/${choice.applicationId}/${choice.choice}`, (expected.get(`${c.session_id}/${choice.applicationId}/${choice.choice}`) ?? 0) + 1);
    }
    const tallies = await rows(db, sql`SELECT session_id, application_id, choice, votes FROM ballot_tallies`);
    const counted = new Map(tallies.map((t) => [`${t.session_id}/${t.application_id}/${t.choice}`, Number(t.votes)]));
    for (const key of new Set([...expected.keys(), ...counted.keys()])) {
      if ((expected.get(key) ?? 0) !== (counted.get(key) ?? 0)) problems.push(`tally ${key}: ${counted.get(key) ?? 0} votes counted, ${expected.get(key) ?? 0} in the sheets that landed`);
    }
    const audits = await rows(db, sql`SELECT entity_id, count(*)::int AS n FROM audit_log WHERE action = 'ballot.cast' GROUP BY entity_id`);
    const voters = new Map<string, number>();
    for (const c of casts) voters.set(String(c.session_id), (voters.get(String(c.session_id)) ?? 0) + 1);
    for (const id of new Set([...voters.keys(), ...audits.map((a) => String(a.entity_id))])) {
      const n = Number(audits.find((a) => String(a.entity_id) === id)?.n ?? 0);
      if (n !== (voters.get(id) ?? 0)) problems.push(`ballot half there: session ${id} has ${voters.get(id) ?? 0} voters and ${n} ballot audit records`);
    }
    problems.push(...(await audit()));
  });
  return { problems, checked };
}
