import { and, eq, inArray } from 'drizzle-orm';
import type { StageResults } from '../../contract/technical-scoring.js';
import type { DbOrTx } from '../../db/connection.js';
import { applications, experts, panelAssignments, scorebooks } from '../../db/schema/index.js';
import { STAGE_LABELS, STAGE_STATES, stateLabel, type ApplicationState } from '../../domain/lifecycle/states.js';
import { APPLICANT_KINDS, type ApplicantKind, type RuleProfile, type TechnicalStage } from '../../domain/profile/schema.js';
import { advancementRule, technicalSettings } from '../../domain/profile/technical-settings.js';
import { aggregatePanel, type PanelAggregate } from '../../domain/scoring/aggregate.js';
import { rankForAdvancement } from '../../domain/scoring/advancement.js';
import { calibrate } from '../../domain/scoring/calibration.js';
import type { ScorebookItems } from '../../domain/scoring/scorebook.js';
import { hasRole } from '../../domain/roles.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { notDisqualified } from '../supervision/disqualified.js';
import { loadEdition } from './actors.js';

/**
 * A stage's results (SPEC §5): per application the aggregate by the profile's method beside
 * the raw mean, the leniency-calibrated score beside both, disagreement flags, and the ranking
 * with the advancement proposal and its grey zone. Units and individuals are ranked apart: they
 * are scored on different templates.
 */

export interface StageApplicationScore {
  applicationId: string;
  name: string;
  kind: ApplicantKind;
  state: string;
  members: number;
  submitted: number;
  aggregate: PanelAggregate;
  calibrated: number | null;
}

export interface StageComputation {
  rows: StageApplicationScore[];
  calibration: { ok: boolean; reason: string | null; experts: Array<{ expertId: string; name: string; offset: number; count: number }> };
}

/** Scores of every application that had a panel at this stage, whatever its state now. */
export async function computeStage(db: DbOrTx, editionId: string, stage: TechnicalStage, profile: RuleProfile): Promise<StageComputation> {
  const settings = technicalSettings(profile);
  const panels = await db
    .select({ applicationId: panelAssignments.applicationId, expertId: panelAssignments.expertId })
    .from(panelAssignments)
    .where(and(eq(panelAssignments.editionId, editionId), eq(panelAssignments.stage, stage)));
  // A disqualified expert's seat no longer waits for a scorebook (Art. 26).
  const seated = await db
    .select({ applicationId: panelAssignments.applicationId })
    .from(panelAssignments)
    .where(and(eq(panelAssignments.editionId, editionId), eq(panelAssignments.stage, stage), notDisqualified(panelAssignments.expertId, panelAssignments.editionId)));
  const appIds = [...new Set(panels.map((p) => p.applicationId))];
  if (appIds.length === 0) return { rows: [], calibration: { ok: false, reason: '本环节尚无评审组', experts: [] } };
  const apps = await db.select({ id: applications.id, name: applications.name, kind: applications.kind, state: applications.state }).from(applications).where(inArray(applications.id, appIds));
  const books = await db.select().from(scorebooks).where(and(eq(scorebooks.editionId, editionId), eq(scorebooks.stage, stage), eq(scorebooks.status, 'submitted')));
  const standing = books.filter((b) => b.setAsideAt === null);
  const independent = standing.filter((b) => b.kind === 'independent');

  const calibrations = new Map<string, number>();
  const offsets: StageComputation['calibration']['experts'] = [];
  const reasons: string[] = [];
  const expertIds = [...new Set(independent.map((b) => b.expertId))];
  const names = new Map((expertIds.length ? await db.select({ id: experts.id, name: experts.name }).from(experts).where(inArray(experts.id, expertIds)) : []).map((e) => [e.id, e.name]));
  // Each kind has its own template and scale: calibrated apart.
  for (const kind of APPLICANT_KINDS) {
    const ofKind = new Set(apps.filter((a) => a.kind === kind).map((a) => a.id));
    const scores = independent.filter((b) => ofKind.has(b.applicationId)).map((b) => ({ application: b.applicationId, expert: b.expertId, score: b.total }));
    if (scores.length === 0) continue;
    const result = calibrate(scores, { shrinkage: settings.calibrationShrinkage });
    if (!result.ok) {
      reasons.push(result.reason);
      continue;
    }
    for (const a of result.applications) calibrations.set(a.id, a.calibrated);
    for (const e of result.experts) offsets.push({ expertId: e.id, name: names.get(e.id) ?? '', offset: e.offset, count: e.count });
  }

  const rows = apps.map((app) => {
    const template = profile.scoringTemplates[app.kind];
    const own = standing.filter((b) => b.applicationId === app.id);
    const consensus = own.find((b) => b.kind === 'consensus');
    const aggregate = aggregatePanel(
      template,
      own.filter((b) => b.kind === 'independent').map((b) => ({ expertId: b.expertId, items: b.items as ScorebookItems, total: b.total })),
      { method: profile.aggregation, thresholds: settings.disagreement, trim: settings.trimmedMeanDrop, consensus: consensus ? { items: consensus.items as ScorebookItems, total: consensus.total } : null },
    );
    return {
      applicationId: app.id,
      name: app.name,
      kind: app.kind,
      state: app.state,
      members: seated.filter((p) => p.applicationId === app.id).length,
      submitted: own.filter((b) => b.kind === 'independent').length,
      aggregate,
      calibrated: calibrations.get(app.id) ?? null,
    };
  });
  return { rows, calibration: { ok: reasons.length === 0, reason: reasons.join('；') || null, experts: offsets } };
}

/** The stage's results for the agency (and the office, which receives them). */
export async function stageResults(ctx: ServiceContext, editionId: string, stage: TechnicalStage): Promise<StageResults> {
  if (!hasRole(ctx.actor, 'agency') && !hasRole(ctx.actor, 'office')) throw new ServiceError('wrong_role', '只有第三方评价机构和强市办可以查看评审结果');
  const { profile } = await loadEdition(ctx.db, editionId);
  const { rows, calibration } = await computeStage(ctx.db, editionId, stage, profile);
  const rule = advancementRule(profile, stage);
  const stages = profile.technicalStages;
  return {
    stage,
    stageLabel: STAGE_LABELS[stage],
    method: profile.aggregation,
    final: stages[stages.length - 1] === stage,
    rule,
    calibration,
    sections: APPLICANT_KINDS.map((kind) => {
      const ofKind = rows.filter((r) => r.kind === kind);
      // Only those still at the stage and fully scored are ranked for advancement.
      const rankable = ofKind.filter((r) => r.state === STAGE_STATES[stage] && r.aggregate.aggregate !== null && r.submitted >= r.members);
      const ranking = rankForAdvancement(rankable.map((r) => ({ id: r.applicationId, score: r.aggregate.aggregate! })), rule);
      const entry = new Map(ranking.entries.map((e) => [e.id, e]));
      return {
        kind,
        cutOff: ranking.cutOff,
        rows: ofKind
          .map((r) => {
            const e = entry.get(r.applicationId);
            return {
              applicationId: r.applicationId,
              name: r.name,
              state: r.state,
              stateLabel: stateLabel(r.state as ApplicationState),
              members: r.members,
              submitted: r.submitted,
              complete: e !== undefined,
              rawMean: r.aggregate.rawMean,
              score: r.aggregate.aggregate,
              calibrated: r.calibrated,
              disagreement: r.aggregate.disagreement,
              rank: e?.rank ?? null,
              advances: e ? e.advances : null,
              inGreyZone: e?.inGreyZone ?? false,
              tiedAtCut: e?.tiedAtCut ?? false,
            };
          })
          .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (b.score ?? -1) - (a.score ?? -1)),
      };
    }).filter((s) => s.rows.length > 0),
  };
}
