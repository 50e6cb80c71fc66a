import type { RuleProfile } from '../profile/schema.js';

/**
 * The composite score of a candidate (SPEC §5 "stage weights"; Art. 16 "根据第三方评审结果，经
 * 社会满意度测评后"): each part as a percentage of its scale, weighted by the profile. The
 * default, from another Shandong city's first award, is material 40%, on-site and defence 40%,
 * satisfaction 20%. On-site and defence share their weight as the mean of those held. A part
 * that is missing leaves the composite open (null) and is named, never silently counted as 0.
 */
export interface CompositeParts {
  /** Percent (0–100) of the template's total at each stage; null when the stage gave no score. */
  material: number | null;
  onsite: number | null;
  defence: number | null;
  /** The closed survey's score (0–100). */
  satisfaction: number | null;
}

export interface Composite {
  onsiteDefence: number | null;
  score: number | null;
  /** The parts still missing, in Chinese, for the screen. */
  missing: string[];
}

export function compositeScore(profile: Pick<RuleProfile, 'stageWeights' | 'technicalStages'>, parts: CompositeParts): Composite {
  const later = profile.technicalStages.filter((s) => s !== 'material') as Array<'onsite' | 'defence'>;
  const held = later.map((s) => parts[s]).filter((v): v is number => v !== null);
  const onsiteDefence = later.length === 0 ? null : held.length === later.length ? held.reduce((a, b) => a + b, 0) / held.length : null;
  const missing: string[] = [];
  if (parts.material === null) missing.push('材料评审得分');
  if (later.length > 0 && onsiteDefence === null) missing.push('现场评审和陈述答辩得分');
  if (parts.satisfaction === null) missing.push('社会满意度测评得分');
  if (missing.length) return { onsiteDefence, score: null, missing };
  const w = profile.stageWeights;
  // A profile without on-site or defence stages gives their weight to the material review.
  const material = later.length === 0 ? w.material + w.onsiteDefence : w.material;
  const score = material * parts.material! + (later.length ? w.onsiteDefence * onsiteDefence! : 0) + w.satisfaction * parts.satisfaction!;
  return { onsiteDefence, score: Math.round(score * 100) / 100, missing };
}

/** A stage score in points as a percentage of the template's total. */
export const percentOf = (points: number | null, total: number): number | null => (points === null ? null : (points / total) * 100);
