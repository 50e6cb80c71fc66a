import { sql } from 'drizzle-orm';
import { STAGE_LABELS } from '../../domain/lifecycle/states.js';
import { defineCheck, rowsOf } from './types.js';

/**
 * Scorebooks (services/technical/scorebooks.ts) lock on submission: nothing changes them after
 * it but being set aside (which leaves updatedAt alone). The submission's audit record keeps
 * the total as submitted, so a later edit behind the service shows against it. A disqualified
 * expert's scorebooks of the edition are all set aside (Art. 26).
 */

const stageLabel = (s: string) => STAGE_LABELS[s as keyof typeof STAGE_LABELS] ?? s;

interface BookRow {
  id: string;
  application_id: string;
  expert_id: string;
  stage: string;
  kind: string;
  expert: string;
  name: string;
}

const what = (r: BookRow) => `专家“${r.expert}”对“${r.name}”的${stageLabel(r.stage)}${r.kind === 'consensus' ? '合议' : ''}评分表`;
const idsOf = (r: BookRow) => ({ scorebook: r.id, application: r.application_id, expert: r.expert_id });

export const scorebookChangedAfterSubmission = defineCheck('scorebooks.locked', '评分表提交后不得再改动', async ({ db }, found) => {
  const rows = await rowsOf<BookRow & { status: string; submitted: boolean; changed_after: boolean; total: number; audited_total: number | null; audited: boolean }>(
    db,
    sql`SELECT b.id, b.application_id, b.expert_id, b.stage, b.kind, b.status, e.name AS expert, a.name,
               b.submitted_at IS NOT NULL AS submitted, b.updated_at > b.submitted_at AS changed_after,
               b.total, s.total AS audited_total, s.seq IS NOT NULL AS audited
        FROM scorebooks b
        JOIN experts e ON e.id = b.expert_id JOIN applications a ON a.id = b.application_id
        LEFT JOIN LATERAL (
          SELECT l.seq, (l.after->>'total')::float8 AS total FROM audit_log l
          WHERE l.action = CASE b.kind WHEN 'consensus' THEN 'consensus.submit' ELSE 'scorebook.submit' END
            AND l.entity_type = 'application' AND l.entity_id = b.application_id::text
            AND l.after->>'stage' = b.stage AND l.after->>'expertId' = b.expert_id::text
          ORDER BY l.seq DESC LIMIT 1) s ON b.status = 'submitted'
        WHERE (b.status = 'submitted') <> (b.submitted_at IS NOT NULL)
           OR (b.status = 'submitted' AND (b.updated_at > b.submitted_at OR s.seq IS NULL OR abs(s.total - b.total) > 1e-9))
        ORDER BY b.id`,
  );
  return rows.map((r) => {
    if (r.status === 'submitted' && !r.submitted) return found('scorebook', idsOf(r), `${what(r)}标为已提交，却没有提交时间`);
    if (r.status !== 'submitted') return found('scorebook', idsOf(r), `${what(r)}是草稿，却有提交时间`);
    if (r.changed_after) return found('scorebook', idsOf(r), `${what(r)}在提交后又被改动（更新时间晚于提交时间）`);
    if (!r.audited) return found('scorebook', idsOf(r), `${what(r)}已提交，审计记录中却没有其提交记录`);
    return found('scorebook', idsOf(r), `${what(r)}现总分 ${r.total}，与提交时记录的总分 ${r.audited_total} 不符`);
  });
});

export const disqualifiedExpertScores = defineCheck('scorebooks.disqualified-expert', '被取消评审资格的专家在该届的评分表须全部作废', async ({ db }, found) => {
  const rows = await rowsOf<BookRow>(
    db,
    sql`SELECT b.id, b.application_id, b.expert_id, b.stage, b.kind, e.name AS expert, a.name
        FROM scorebooks b
        JOIN expert_disqualifications q ON q.edition_id = b.edition_id AND q.expert_id = b.expert_id
        JOIN experts e ON e.id = b.expert_id JOIN applications a ON a.id = b.application_id
        WHERE b.set_aside_at IS NULL
        ORDER BY b.id`,
  );
  return rows.map((r) => found('scorebook', idsOf(r), `${what(r)}仍然有效，但该专家已被取消本届评审资格`));
});

export const SCOREBOOK_CHECKS = [scorebookChangedAfterSubmission, disqualifiedExpertScores];
