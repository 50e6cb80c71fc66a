import { decisionSettings } from '../../../domain/profile/decision-settings.js';
import type { ApplicantKind, OutcomeCategory, RuleProfile, TechnicalStage } from '../../../domain/profile/schema.js';
import { advancementRule } from '../../../domain/profile/technical-settings.js';

/**
 * Every number the demo's actors choose, taken from the edition's profile, so the demo runs any
 * city's Measures as data: how many advance after each technical stage, how many the office puts
 * on the candidate list, and how the committee fills the award and nomination places. Where the
 * profile leaves a number to the people (no advancement cap), the demo's actors keep the places
 * the later steps can fill, with one in reserve per stage still to come.
 */

/** Award plus nomination places of a kind (Art. 2 quotas). */
export function placesOf(profile: Pick<RuleProfile, 'quotas'>, kind: ApplicantKind): number {
  return profile.quotas.award[kind] + profile.quotas.nomination[kind];
}

/**
 * How many of a kind the agency advances after `stage` when the profile sets no rule for it;
 * undefined when the profile's rule (top N or minimum score) decides, as the stage's results show.
 */
export function demoAdvanceCount(profile: RuleProfile, stage: TechnicalStage, kind: ApplicantKind): number | undefined {
  const rule = advancementRule(profile, stage);
  if (rule.top !== null || rule.minScore !== null) return undefined;
  const stagesLeftAfterNext = profile.technicalStages.length - profile.technicalStages.indexOf(stage) - 2;
  return placesOf(profile, kind) + Math.max(0, stagesLeftAfterNext);
}

/** The candidate list's size per kind: the places, within the profile's limit on the list. */
export function demoCandidateCount(profile: RuleProfile, kind: ApplicantKind): number {
  return Math.min(decisionSettings(profile).candidateLimit[kind], placesOf(profile, kind));
}

/** The committee's choice for the candidate ranked `rank` (1 = best) of its kind: awards first, then nominations, to the quotas. */
export function demoCommitteeChoice(profile: Pick<RuleProfile, 'quotas'>, kind: ApplicantKind, rank: number): Exclude<OutcomeCategory, 'none'> | 'neither' {
  if (rank <= profile.quotas.award[kind]) return 'award';
  return rank <= placesOf(profile, kind) ? 'nomination' : 'neither';
}

/** The weights as the log line shows them, e.g. "材料 40% + 现场与答辩 40% + 满意度 20%". */
export function weightsLabel(profile: Pick<RuleProfile, 'stageWeights'>): string {
  const pct = (w: number) => `${Math.round(w * 1000) / 10}%`;
  const w = profile.stageWeights;
  return `材料 ${pct(w.material)} + 现场与答辩 ${pct(w.onsiteDefence)} + 满意度 ${pct(w.satisfaction)}`;
}
