import { sql } from 'drizzle-orm';
import { editionConflicts, TECHNICAL_STATES } from '../technical/conflicts.js';
import { STAGE_LABELS } from '../../domain/lifecycle/states.js';
import { defineCheck, rowsOf, type Violation } from './types.js';

/**
 * Panel assignments (services/technical/panels.ts, solve-panels.ts): no expert on the panel of
 * an application they are conflicted with (Art. 24, SPEC §9), no expert over their capacity.
 */

const stageLabel = (s: string) => STAGE_LABELS[s as keyof typeof STAGE_LABELS] ?? s;

interface AssignmentRow {
  id: string;
  edition_id: string;
  stage: string;
  application_id: string;
  expert_id: string;
  agency_id: string;
  expert: string;
  name: string;
  state: string;
}

export const conflictedAssignment = defineCheck('panels.conflicted-pair', '专家不得评审与其有利益冲突的申报', async ({ db, now }, found) => {
  const out: Violation[] = [];
  // A declared conflict takes the expert off every panel of that application, whatever its state.
  const declared = await rowsOf<AssignmentRow & { reason: string }>(
    db,
    sql`SELECT p.id, p.stage, p.application_id, p.expert_id, e.name AS expert, a.name, d.reason
        FROM panel_assignments p
        JOIN conflict_declarations d ON d.expert_id = p.expert_id AND d.application_id = p.application_id
        JOIN experts e ON e.id = p.expert_id JOIN applications a ON a.id = p.application_id
        ORDER BY p.id`,
  );
  for (const r of declared) {
    out.push(found('panel_assignment', { assignment: r.id, expert: r.expert_id, application: r.application_id }, `专家“${r.expert}”已申报与“${r.name}”有利益冲突（${r.reason}），却仍在其${stageLabel(r.stage)}评审组中`));
  }
  // Detected conflicts (the profile's rules, less the agency's dismissals) apply while the application is under review.
  const live = await rowsOf<AssignmentRow>(
    db,
    sql`SELECT p.id, p.edition_id, p.stage, p.application_id, p.expert_id, e.agency_id, e.name AS expert, a.name, a.state
        FROM panel_assignments p JOIN experts e ON e.id = p.expert_id JOIN applications a ON a.id = p.application_id
        WHERE a.state IN (${sql.join(TECHNICAL_STATES.map((s) => sql`${s}`), sql`, `)})
          AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.expert_id = p.expert_id AND d.application_id = p.application_id)
        ORDER BY p.id`,
  );
  const groups = new Map<string, AssignmentRow[]>();
  for (const r of live) groups.set(`${r.edition_id}|${r.agency_id}`, [...(groups.get(`${r.edition_id}|${r.agency_id}`) ?? []), r]);
  for (const rows of groups.values()) {
    const { index } = await editionConflicts(db, rows[0].edition_id, rows[0].agency_id, now ?? new Date());
    for (const r of rows) {
      const reasons = index.reasons(r.expert_id, r.application_id);
      if (!reasons.length) continue;
      out.push(found('panel_assignment', { assignment: r.id, expert: r.expert_id, application: r.application_id }, `专家“${r.expert}”与“${r.name}”有利益冲突（${reasons.map((c) => c.explanation).join('；')}），却在其${stageLabel(r.stage)}评审组中`));
    }
  }
  return out;
});

export const expertOverCapacity = defineCheck('panels.capacity', '专家在一届中的评审任务数不得超过其评审量上限', async ({ db }, found) => {
  const rows = await rowsOf<{ edition_id: string; expert_id: string; name: string; load: number; max_load: number }>(
    db,
    sql`SELECT p.edition_id, p.expert_id, e.name, count(*)::int AS load, e.max_load
        FROM panel_assignments p JOIN experts e ON e.id = p.expert_id
        GROUP BY p.edition_id, p.expert_id, e.name, e.max_load
        HAVING count(*) > e.max_load
        ORDER BY p.edition_id, p.expert_id`,
  );
  return rows.map((r) => found('expert', { edition: r.edition_id, expert: r.expert_id }, `专家“${r.name}”本届有 ${r.load} 项评审任务，超过其上限 ${r.max_load}`));
});

export const PANEL_CHECKS = [conflictedAssignment, expertOverCapacity];
