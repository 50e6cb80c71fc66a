import type { RuleProfile, TechnicalStage } from '../profile/schema.js';

/**
 * The technical score of an applicant from its stage scores, by the profile's stage weights
 * (SPEC §5: material 40%, on-site and defence 40%, satisfaction 20% by default). The survey is
 * not technical, so the two technical weights are rescaled to sum to 1; on-site and defence share
 * their weight as the mean of those of the two that were held. Null when material is missing.
 */
export function technicalTotal(profile: Pick<RuleProfile, 'stageWeights'>, scores: Partial<Record<TechnicalStage, number | null>>): number | null {
  const material = scores.material ?? null;
  if (material === null) return null;
  const later = [scores.onsite, scores.defence].filter((s): s is number => typeof s === 'number');
  if (later.length === 0) return material;
  const { material: wm, onsiteDefence: wo } = profile.stageWeights;
  if (wm + wo === 0) return material;
  const onsiteDefence = later.reduce((a, b) => a + b, 0) / later.length;
  return (wm * material + wo * onsiteDefence) / (wm + wo);
}
