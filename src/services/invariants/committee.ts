import { sql } from 'drizzle-orm';
import { defineCheck, rowsOf, type Violation } from './types.js';

/**
 * The committee's secret ballot (services/committee/session.ts): ballot_casts says who voted on
 * which candidate, ballot_tallies holds counts only. A member votes only if present, on the
 * ballot's candidates and not on one they were recused from; the counts add up to the casts;
 * and nothing stored — table, audit record, minutes — pairs a voter with a choice.
 */

export const voteByRecusedMember = defineCheck('committee.recused-vote', '已申报回避的委员不得对该候选投票', async ({ db }, found) => {
  const rows = await rowsOf<{ session_id: string; user_id: string; application_id: string; username: string; name: string }>(
    db,
    sql`SELECT c.session_id, c.user_id, c.application_id, u.display_name AS username, a.name
        FROM ballot_casts c
        JOIN committee_sessions s ON s.id = c.session_id
        JOIN committee_recusals r ON r.edition_id = s.edition_id AND r.user_id = c.user_id AND r.application_id = c.application_id
        JOIN users u ON u.id = c.user_id JOIN applications a ON a.id = c.application_id
        -- A recusal declared after a session closed does not make that session's vote wrong.
        WHERE s.closed_at IS NULL OR r.declared_at < s.closed_at
        ORDER BY c.session_id, c.user_id`,
  );
  return rows.map((r) => found('ballot', { session: r.session_id, user: r.user_id, application: r.application_id }, `委员“${r.username}”已申报回避“${r.name}”，却对其投了票`));
});

export const voteOutsideBallot = defineCheck('committee.vote-outside-ballot', '只有登记出席的委员可以投票，且只能对本次表决名单中的候选投票', async ({ db }, found) => {
  const rows = await rowsOf<{ session_id: string; user_id: string; application_id: string; username: string; name: string; present: boolean; listed: boolean }>(
    db,
    sql`SELECT c.session_id, c.user_id, c.application_id, u.display_name AS username, a.name,
               c.user_id = ANY(s.present_user_ids) AS present, c.application_id = ANY(s.application_ids) AS listed
        FROM ballot_casts c
        JOIN committee_sessions s ON s.id = c.session_id
        JOIN users u ON u.id = c.user_id JOIN applications a ON a.id = c.application_id
        WHERE NOT (c.user_id = ANY(s.present_user_ids)) OR NOT (c.application_id = ANY(s.application_ids))
        ORDER BY c.session_id, c.user_id`,
  );
  return rows.map((r) =>
    found('ballot', { session: r.session_id, user: r.user_id, application: r.application_id }, !r.present ? `“${r.username}”未登记出席该次全体会议，却对“${r.name}”投了票` : `“${r.name}”不在该次全体会议的表决名单中，“${r.username}”却对其投了票`),
  );
});

export const tallyDiffersFromCasts = defineCheck('committee.tally', '每个候选的计票总数须等于对其投票的委员人数', async ({ db }, found) => {
  const rows = await rowsOf<{ session_id: string; application_id: string; name: string; votes: number; casts: number }>(
    db,
    sql`SELECT k.session_id, k.application_id, a.name, k.votes::int AS votes, k.casts::int AS casts
        FROM (SELECT coalesce(t.session_id, c.session_id) AS session_id, coalesce(t.application_id, c.application_id) AS application_id,
                     coalesce(t.votes, 0) AS votes, coalesce(c.casts, 0) AS casts
              FROM (SELECT session_id, application_id, sum(votes) AS votes FROM ballot_tallies GROUP BY 1, 2) t
              FULL JOIN (SELECT session_id, application_id, count(*) AS casts FROM ballot_casts GROUP BY 1, 2) c
                ON c.session_id = t.session_id AND c.application_id = t.application_id) k
        JOIN applications a ON a.id = k.application_id
        WHERE k.votes <> k.casts
        ORDER BY k.session_id, k.application_id`,
  );
  return rows.map((r) => found('ballot_tally', { session: r.session_id, application: r.application_id }, `“${r.name}”计得 ${r.votes} 票，但对其投票的委员有 ${r.casts} 人`));
});

/** Columns that would tie a choice to a person. */
const PERSON_COLUMNS = ['user_id', 'voter_id', 'member_id', 'voted_by'];

export const ballotRevealsChoice = defineCheck('committee.secret-ballot', '任何存储都不得显示哪位委员投了什么票', async ({ db }, found) => {
  const out: Violation[] = [];
  // Structure: a table with a choice beside a person, or ballot_casts grown a column.
  const columns = await rowsOf<{ table_name: string; column_name: string }>(
    db,
    sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN (
          SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name IN ('choice', 'choices', 'vote', 'ballot'))`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  for (const [table, cols] of byTable) {
    const person = cols.filter((c) => PERSON_COLUMNS.includes(c));
    if (person.length) out.push(found('table', { table }, `数据表 ${table} 同时保存投票意见和投票人（${person.join('、')}），能看出谁投了什么票`));
  }
  const extra = await rowsOf<{ column_name: string }>(
    db,
    sql`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'ballot_casts'
          AND column_name NOT IN ('session_id', 'user_id', 'application_id')`,
  );
  for (const c of extra) out.push(found('table', { table: 'ballot_casts', column: c.column_name }, `投票登记表 ballot_casts 多出字段 ${c.column_name}：它只应记录谁对哪个候选投过票`));
  // The audit trail: a cast is recorded with its count of candidates, never the choices.
  const audits = await rowsOf<{ seq: string; entity_id: string; actor_id: string | null }>(
    db,
    sql`SELECT seq::text AS seq, entity_id, actor_id FROM audit_log
        WHERE action = 'ballot.cast' AND (before IS NOT NULL OR coalesce(after, '{}'::jsonb) - 'candidates' <> '{}'::jsonb)
        ORDER BY seq`,
  );
  for (const a of audits) out.push(found('audit_record', { seq: a.seq, session: a.entity_id, ...(a.actor_id ? { user: a.actor_id } : {}) }, `审计记录 ${a.seq} 在投票人名下记录了投票内容`));
  // The minutes: members are listed with present/voted, never with a choice.
  const minutes = await rowsOf<{ id: string }>(
    db,
    sql`SELECT s.id FROM committee_sessions s
        WHERE s.result IS NOT NULL AND jsonb_typeof(s.result->'members') = 'array'
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(s.result->'members') m
                      WHERE jsonb_typeof(m) = 'object' AND (m ? 'choice' OR m ? 'choices' OR m ? 'vote' OR m ? 'votes'))`,
  );
  for (const m of minutes) out.push(found('committee_session', { session: m.id }, '全体会议的表决结果在委员名下记录了投票内容'));
  return out;
});

export const COMMITTEE_CHECKS = [voteByRecusedMember, voteOutsideBallot, tallyDiffersFromCasts, ballotRevealsChoice];
