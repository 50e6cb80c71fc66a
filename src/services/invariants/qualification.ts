import { sql } from 'drizzle-orm';
import { stateLabel } from '../../domain/lifecycle/states.js';
import { defineCheck, rowsOf } from './types.js';

/**
 * Art. 15: an application passes the qualification review only when every department's opinion
 * is in and none objects, unless the office overruled the objection with a written reason.
 * "Passed" is read from the history (a step to `qualified`), so the later states count too.
 */
export const standingObjection = defineCheck('qualification.standing-objection', '通过资格审查的申报不得有未被强市办否决的部门异议或未出具的意见', async ({ db }, found) => {
  const rows = await rowsOf<{ application_id: string; name: string; state: string; review_id: string | null; status: string | null; department: string | null }>(
    db,
    sql`SELECT a.id AS application_id, a.name, a.state, r.id AS review_id, r.status, o.name AS department
        FROM applications a
        LEFT JOIN qualification_reviews r ON r.application_id = a.id
        LEFT JOIN organisations o ON o.id = r.department_id
        WHERE EXISTS (SELECT 1 FROM application_history h WHERE h.application_id = a.id AND h.to_state = 'qualified')
          AND (r.id IS NULL OR r.status = 'pending' OR (r.status = 'failed' AND r.overruled_at IS NULL))
        ORDER BY a.id, o.name`,
  );
  return rows.map((r) => {
    const where = `申报“${r.name}”已通过资格审查（当前“${stateLabel(r.state)}”）`;
    if (!r.review_id) return found('application', { application: r.application_id }, `${where}，却没有任何部门的资格审查意见`);
    const what = r.status === 'pending' ? '尚未出具意见' : '的不通过意见未被强市办否决';
    return found('qualification_review', { application: r.application_id, review: r.review_id }, `${where}，但${r.department ?? '某部门'}${what}`);
  });
});

export const QUALIFICATION_CHECKS = [standingObjection];
