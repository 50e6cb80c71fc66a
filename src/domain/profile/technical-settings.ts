import { z } from 'zod';
import { conflictRulesSchema, DEFAULT_CONFLICT_RULES } from '../conflicts/rules.js';
import { DEFAULT_SHRINKAGE } from '../scoring/calibration.js';
import type { RuleProfile, TechnicalStage } from './schema.js';

/**
 * The technical review's settings (SPEC §5, §9) as profile data. Optional in a profile, so the
 * profiles written before the technical review existed stay valid; `technicalSettings` fills
 * in the defaults, which are Linyi's practice and the provincial habit.
 */

const stageNumber = z.object({ material: z.number().nullable(), onsite: z.number().nullable(), defence: z.number().nullable() });

export const technicalReviewSettingsSchema = z.object({
  conflictRules: conflictRulesSchema,
  /** trimmed_mean: how many highest and lowest totals are dropped each. */
  trimmedMeanDrop: z.number().int().min(1).max(3),
  /** A disagreement is flagged when an item's spread (percentage points) or the total's spread passes these. */
  disagreement: z.object({ itemSpreadPercent: z.number().min(5).max(100), totalSpreadPoints: z.number().min(1).max(1000) }),
  /** Ridge strength of the leniency calibration, in scores: an expert with few scores is shrunk toward zero. */
  calibrationShrinkage: z.number().positive().max(100),
  /** Advancement by threshold (minimum stage score), beside profile.advancement (top N); null = no threshold. */
  advancementMinScore: stageNumber,
  /** Scores this close to the cut-off are shown as the grey zone for a human decision. */
  greyZonePoints: z.number().min(0).max(200),
  /** Soft rules of the assignment: cost of a second expert of one unit on a panel; bonus for covering the industry. */
  soft: z.object({ sameUnitPenalty: z.number().min(0).max(100), industryCoverBonus: z.number().min(0).max(100) }),
  /** Convex load cost of the assignment (0 = maximise affinity alone). */
  loadPenalty: z.number().min(0).max(10),
});
export type TechnicalReviewSettings = z.infer<typeof technicalReviewSettingsSchema>;

export const DEFAULT_TECHNICAL_SETTINGS: TechnicalReviewSettings = {
  conflictRules: DEFAULT_CONFLICT_RULES,
  trimmedMeanDrop: 1,
  disagreement: { itemSpreadPercent: 30, totalSpreadPoints: 150 },
  // The calibration's own default; a profile may lower it (offsets recover better near 0.5 when leniency varies more than noise).
  calibrationShrinkage: DEFAULT_SHRINKAGE,
  advancementMinScore: { material: null, onsite: null, defence: null },
  greyZonePoints: 20,
  soft: { sameUnitPenalty: 1, industryCoverBonus: 1 },
  loadPenalty: 0.01,
};

export function technicalSettings(profile: Pick<RuleProfile, 'technicalReview'>): TechnicalReviewSettings {
  return profile.technicalReview ?? DEFAULT_TECHNICAL_SETTINGS;
}

/** The profile's advancement rule for one stage: top N and/or a minimum score, and the grey zone. */
export function advancementRule(profile: RuleProfile, stage: TechnicalStage) {
  const settings = technicalSettings(profile);
  return { top: profile.advancement[stage] ?? null, minScore: settings.advancementMinScore[stage], greyZonePoints: settings.greyZonePoints };
}

/** Panels of material review and defence have the profile's minimum size; an on-site team at least one. */
export function minimumPanel(profile: Pick<RuleProfile, 'panelMinSize'>, stage: TechnicalStage): number {
  return stage === 'onsite' ? 1 : profile.panelMinSize;
}
