import { sql } from 'drizzle-orm';
import { buildLifecycle } from '../../domain/lifecycle/table.js';
import { stateLabel } from '../../domain/lifecycle/states.js';
import type { RuleProfile } from '../../domain/profile/schema.js';
import { defineCheck, rowsOf, type Violation } from './types.js';

/**
 * An application's state and its history (services/applications/engine.ts writes both in one
 * step): the current state is the last history row's to-state (a draft has no row yet), the
 * rows chain (each starts where the previous ended), and every row is a step of its profile's
 * lifecycle table.
 */

export const stateWithoutHistory = defineCheck('lifecycle.state-without-history', '申报的当前状态须等于其最后一条状态历史的目标状态', async ({ db }, found) => {
  const rows = await rowsOf<{ id: string; name: string; state: string; last: string | null }>(
    db,
    sql`SELECT a.id, a.name, a.state, h.to_state AS last
        FROM applications a
        LEFT JOIN LATERAL (SELECT to_state FROM application_history WHERE application_id = a.id ORDER BY id DESC LIMIT 1) h ON true
        WHERE (h.to_state IS NULL AND a.state <> 'draft') OR (h.to_state IS NOT NULL AND h.to_state <> a.state)
        ORDER BY a.id`,
  );
  return rows.map((r) =>
    found(
      'application',
      { application: r.id },
      r.last
        ? `申报“${r.name}”当前状态为“${stateLabel(r.state)}”，但最后一条状态历史为变更到“${stateLabel(r.last)}”`
        : `申报“${r.name}”处于“${stateLabel(r.state)}”，却没有任何状态变更历史`,
    ),
  );
});

export const historyChainBroken = defineCheck('lifecycle.history-chain', '每条状态历史须从上一条的目标状态出发（第一条从草稿出发）', async ({ db }, found) => {
  const rows = await rowsOf<{ id: string; application_id: string; name: string; from_state: string; expected: string }>(
    db,
    sql`SELECT h.id::text AS id, h.application_id, a.name, h.from_state, h.expected
        FROM (SELECT id, application_id, from_state,
                     coalesce(lag(to_state) OVER (PARTITION BY application_id ORDER BY id), 'draft') AS expected
              FROM application_history) h
        JOIN applications a ON a.id = h.application_id
        WHERE h.from_state <> h.expected
        ORDER BY h.id`,
  );
  return rows.map((r) =>
    found('application_history', { application: r.application_id, history: r.id }, `申报“${r.name}”的状态历史 ${r.id} 从“${stateLabel(r.from_state)}”出发，但上一状态是“${stateLabel(r.expected)}”`),
  );
});

export const transitionNotAllowed = defineCheck('lifecycle.transition-not-allowed', '每条状态历史须是其规则配置的流程表允许的步骤', async ({ db }, found) => {
  const profiles = await rowsOf<{ id: string; rules: RuleProfile }>(db, sql`SELECT id, rules FROM rule_profiles`);
  const allowed = new Map<string, Set<string> | string>();
  for (const p of profiles) {
    try {
      allowed.set(p.id, new Set(buildLifecycle(p.rules).transitions.map((t) => `${t.from}>${t.to}`)));
    } catch (error) {
      allowed.set(p.id, error instanceof Error ? error.message : String(error));
    }
  }
  // Distinct steps per profile first: the history is long, the kinds of steps are few.
  const steps = await rowsOf<{ profile_id: string; from_state: string; to_state: string }>(
    db,
    sql`SELECT DISTINCT e.profile_id, h.from_state, h.to_state
        FROM application_history h JOIN applications a ON a.id = h.application_id JOIN editions e ON e.id = a.edition_id`,
  );
  const out: Violation[] = [];
  for (const s of steps) {
    const table = allowed.get(s.profile_id);
    if (table instanceof Set && table.has(`${s.from_state}>${s.to_state}`)) continue;
    const why = typeof table === 'string' ? `（规则配置的流程表无法建立：${table}）` : '';
    const rows = await rowsOf<{ id: string; application_id: string; name: string }>(
      db,
      sql`SELECT h.id::text AS id, h.application_id, a.name
          FROM application_history h JOIN applications a ON a.id = h.application_id JOIN editions e ON e.id = a.edition_id
          WHERE e.profile_id = ${s.profile_id} AND h.from_state = ${s.from_state} AND h.to_state = ${s.to_state}
          ORDER BY h.id`,
    );
    for (const r of rows) {
      out.push(
        found('application_history', { application: r.application_id, history: r.id }, `申报“${r.name}”的状态历史 ${r.id} 从“${stateLabel(s.from_state)}”变更到“${stateLabel(s.to_state)}”，流程表不允许该步骤${why}`),
      );
    }
  }
  return out;
});

export const LIFECYCLE_CHECKS = [stateWithoutHistory, historyChainBroken, transitionNotAllowed];
