import { and, asc, eq, inArray } from 'drizzle-orm';
import type { CompositeRow } from '../../contract/decision.js';
import type { DbOrTx } from '../../db/connection.js';
import { applications, decisionItems, decisions } from '../../db/schema/index.js';
import { compositeScore, percentOf } from '../../domain/decision/composite.js';
import { rankWithPreference } from '../../domain/eligibility/index.js';
import { stateLabel, type ApplicationState } from '../../domain/lifecycle/states.js';
import { APPLICANT_KINDS, type ApplicantKind, type RuleProfile, type TechnicalStage } from '../../domain/profile/schema.js';
import { satisfactionScores } from '../survey/scores.js';
import { computeStage } from '../technical/results.js';

/** The states of an application that passed the technical review (it had every stage's score). */
export const PAST_TECHNICAL: ApplicationState[] = ['technical_reviewed', 'satisfaction_survey', 'candidate', 'proposed', 'leadership_approved', 'public_notice', 'government_approved', 'awarded', 'nominated', 'not_awarded', 'not_selected', 'revoked'];

/** `committee_resolution:<id>` and `leadership:<id>` → the category of the newest such decision's item. */
async function listCategories(db: DbOrTx, ids: string[]): Promise<Map<string, 'award' | 'nomination'>> {
  const rows = await db
    .select({ applicationId: decisionItems.applicationId, kind: decisions.kind, category: decisionItems.category })
    .from(decisionItems)
    .innerJoin(decisions, eq(decisions.id, decisionItems.decisionId))
    .where(and(inArray(decisionItems.applicationId, ids), inArray(decisions.kind, ['committee_resolution', 'leadership_approval', 'notice_confirmation'])))
    .orderBy(asc(decisions.createdAt));
  const out = new Map<string, 'award' | 'nomination'>();
  for (const r of rows) {
    const key = `${r.kind === 'committee_resolution' ? 'committee_resolution' : 'leadership'}:${r.applicationId}`;
    if (r.category === 'award' || r.category === 'nomination') out.set(key, r.category);
    else out.delete(key);
  }
  return out;
}

/**
 * Every candidate's composite score with its parts visible (issue 12, SPEC §5), ranked per kind
 * (units and individuals are scored on different templates) with Art. 11's preference applied
 * as the profile says and flagged where it changes the order.
 */
export async function compositeScores(db: DbOrTx, editionId: string, profile: RuleProfile): Promise<CompositeRow[]> {
  const apps = await db
    .select({ id: applications.id, name: applications.name, kind: applications.kind, state: applications.state, form: applications.form })
    .from(applications)
    .where(and(eq(applications.editionId, editionId), inArray(applications.state, PAST_TECHNICAL)));
  if (apps.length === 0) return [];
  const stagePercent = new Map<string, Partial<Record<TechnicalStage, number | null>>>();
  for (const stage of profile.technicalStages) {
    const { rows } = await computeStage(db, editionId, stage, profile);
    for (const r of rows) {
      const total = profile.scoringTemplates[r.kind].total;
      stagePercent.set(r.applicationId, { ...stagePercent.get(r.applicationId), [stage]: percentOf(r.aggregate.aggregate, total) });
    }
  }
  const satisfaction = await satisfactionScores(db, editionId);
  const listed = await listCategories(db, apps.map((a) => a.id));
  const rows = apps.map((a) => {
    const stages = stagePercent.get(a.id) ?? {};
    const parts = { material: stages.material ?? null, onsite: stages.onsite ?? null, defence: stages.defence ?? null, satisfaction: satisfaction.get(a.id) ?? null };
    return { app: a, parts, composite: compositeScore(profile, parts) };
  });
  const out: CompositeRow[] = [];
  for (const kind of APPLICANT_KINDS) {
    const ofKind = rows.filter((r) => r.app.kind === kind);
    const scored = ofKind.filter((r) => r.composite.score !== null);
    const categories = (r: (typeof rows)[number]) => (Array.isArray(r.app.form.preferenceCategories) ? (r.app.form.preferenceCategories as string[]) : []);
    const ranked = new Map(rankWithPreference(profile, scored.map((r) => ({ id: r.app.id, score: r.composite.score!, categories: categories(r) }))).map((e) => [e.id, e]));
    for (const r of ofKind) {
      const rank = ranked.get(r.app.id);
      out.push({
        applicationId: r.app.id,
        name: r.app.name,
        kind: kind as ApplicantKind,
        state: r.app.state,
        stateLabel: stateLabel(r.app.state as ApplicationState),
        ...r.parts,
        onsiteDefence: r.composite.onsiteDefence,
        composite: r.composite.score,
        missing: r.composite.missing,
        adjusted: rank?.adjustedScore ?? null,
        rank: rank?.rank ?? null,
        rankWithoutPreference: rank?.rankWithoutPreference ?? null,
        changedByPreference: rank?.changedByPreference ?? false,
        preference: rank?.effect.explanation ?? null,
        proposedCategory: listed.get(`committee_resolution:${r.app.id}`) ?? null,
        approvedCategory: listed.get(`leadership:${r.app.id}`) ?? null,
      });
    }
  }
  return out.sort((a, b) => (a.kind === b.kind ? (a.rank ?? 1e9) - (b.rank ?? 1e9) : a.kind === 'unit' ? -1 : 1));
}
