import { sql } from 'drizzle-orm';
import { stateLabel } from '../../domain/lifecycle/states.js';
import { defineCheck, rowsOf, type Violation } from './types.js';

/**
 * Winners (services/awards/winners.ts) exist exactly for the applications the government
 * decided to award and the office published, each with its certificate; a revocation is the
 * government's decision, and the winner row and the application's state agree on it.
 */

const CATEGORY_LABELS: Record<string, string> = { award: '市长质量奖', nomination: '提名奖' };

export const winnerWithoutDecision = defineCheck('awards.winner-decision', '每个获奖记录都须有市政府相同奖项的审定决定', async ({ db }, found) => {
  const rows = await rowsOf<{ id: string; application_id: string; name: string; category: string; outcome: string | null }>(
    db,
    sql`SELECT w.id, w.application_id, w.name, w.category, g.outcome
        FROM winners w
        LEFT JOIN LATERAL (
          SELECT i.outcome FROM decision_items i JOIN decisions d ON d.id = i.decision_id
          WHERE i.application_id = w.application_id AND d.kind = 'government_decision'
          ORDER BY d.created_at DESC LIMIT 1) g ON true
        WHERE w.application_id IS NOT NULL AND g.outcome IS DISTINCT FROM w.category
        ORDER BY w.id`,
  );
  return rows.map((r) =>
    found(
      'winner',
      { winner: r.id, application: r.application_id },
      r.outcome ? `“${r.name}”记为获${CATEGORY_LABELS[r.category] ?? r.category}，但市政府的审定结果为“${r.outcome}”` : `“${r.name}”记为获${CATEGORY_LABELS[r.category] ?? r.category}，却没有市政府的审定决定`,
    ),
  );
});

export const winnerRecordMissing = defineCheck('awards.winner-record', '公布获奖（或提名、撤销）的申报须有获奖记录和证书', async ({ db }, found) => {
  const rows = await rowsOf<{ id: string; name: string; state: string; winner_id: string | null }>(
    db,
    sql`SELECT a.id, a.name, a.state, w.id AS winner_id
        FROM applications a LEFT JOIN winners w ON w.application_id = a.id
        WHERE (a.state IN ('awarded', 'nominated', 'revoked') AND w.id IS NULL)
           OR (w.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.winner_id = w.id))
        ORDER BY a.id`,
  );
  return rows.map((r) =>
    r.winner_id
      ? found('winner', { winner: r.winner_id, application: r.id }, `“${r.name}”的获奖记录没有证书`)
      : found('application', { application: r.id }, `申报“${r.name}”处于“${stateLabel(r.state)}”，却没有获奖记录`),
  );
});

export const revocationWithoutDecision = defineCheck('awards.revocation', '撤销奖项须有市政府的撤销决定，且获奖记录与申报状态一致', async ({ db }, found) => {
  const rows = await rowsOf<{ id: string; application_id: string; name: string; state: string; revoked: boolean; decided: boolean }>(
    db,
    sql`SELECT w.id, w.application_id, w.name, a.state, w.revoked_at IS NOT NULL AS revoked,
               EXISTS (SELECT 1 FROM decision_items i JOIN decisions d ON d.id = i.decision_id
                       WHERE i.application_id = w.application_id AND d.kind = 'revocation_decision' AND i.outcome = 'revoke') AS decided
        FROM winners w JOIN applications a ON a.id = w.application_id
        WHERE (w.revoked_at IS NOT NULL) <> (a.state = 'revoked')
           OR (w.revoked_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM decision_items i JOIN decisions d ON d.id = i.decision_id
                                                         WHERE i.application_id = w.application_id AND d.kind = 'revocation_decision' AND i.outcome = 'revoke'))
        ORDER BY w.id`,
  );
  return rows.map((r): Violation => {
    const ids = { winner: r.id, application: r.application_id };
    if (r.revoked && !r.decided) return found('winner', ids, `“${r.name}”的奖项已撤销，却没有市政府的撤销决定`);
    return r.revoked
      ? found('winner', ids, `“${r.name}”的获奖记录已撤销，但申报仍处于“${stateLabel(r.state)}”`)
      : found('winner', ids, `申报“${r.name}”已撤销奖项，但获奖记录仍然有效`);
  });
});

export const AWARD_CHECKS = [winnerWithoutDecision, winnerRecordMissing, revocationWithoutDecision];
