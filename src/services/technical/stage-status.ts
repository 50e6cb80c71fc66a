import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { panelAssignments, scorebooks } from '../../db/schema/index.js';
import { STAGE_STATES, type ApplicationState } from '../../domain/lifecycle/states.js';
import { TECHNICAL_STAGES, type RuleProfile, type TechnicalStage } from '../../domain/profile/schema.js';
import { minimumPanel } from '../../domain/profile/technical-settings.js';
import { notDisqualified } from '../supervision/disqualified.js';

/** The technical stage an application is at, from its state; null outside the technical review. */
export function stageOfState(state: ApplicationState | string): TechnicalStage | null {
  return TECHNICAL_STAGES.find((s) => STAGE_STATES[s] === state) ?? null;
}

/**
 * The guard fact stageScoresComplete: at its current stage the application has a panel of at
 * least the minimum size (a disqualified expert is no longer a member), every member submitted a scorebook that stands, and, where the profile
 * aggregates by the leader's consensus, the consensus is submitted.
 */
export async function stageScoresComplete(db: DbOrTx, app: { id: string; state: string }, profile: RuleProfile): Promise<boolean> {
  const stage = stageOfState(app.state);
  if (!stage) return false;
  const panel = await db.select({ expertId: panelAssignments.expertId }).from(panelAssignments).where(and(eq(panelAssignments.applicationId, app.id), eq(panelAssignments.stage, stage), notDisqualified(panelAssignments.expertId, panelAssignments.editionId)));
  if (panel.length < minimumPanel(profile, stage)) return false;
  const books = await db
    .select({ expertId: scorebooks.expertId, kind: scorebooks.kind })
    .from(scorebooks)
    .where(and(eq(scorebooks.applicationId, app.id), eq(scorebooks.stage, stage), eq(scorebooks.status, 'submitted'), isNull(scorebooks.setAsideAt)));
  const submitted = new Set(books.filter((b) => b.kind === 'independent').map((b) => b.expertId));
  if (!panel.every((p) => submitted.has(p.expertId))) return false;
  return profile.aggregation !== 'leader_consensus' || books.some((b) => b.kind === 'consensus');
}
