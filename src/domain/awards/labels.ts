import type { RuleProfile } from '../profile/schema.js';

/** The label of a winner's prize type (profile.prizeTypes), else the award's name for its category. */
export function prizeLabelOf(profile: Pick<RuleProfile, 'prizeTypes' | 'awardName'>, prizeType: string | null, category: string): string {
  const type = profile.prizeTypes.find((t) => t.code === prizeType);
  if (type) return type.label;
  return category === 'nomination' ? `${profile.awardName}提名奖` : profile.awardName;
}

/**
 * Who issues the certificate: the city's people's government (Art. 18–19: the government
 * decides and awards), named after the city in the award's name ("临沂市市长质量奖" → 临沂市人民政府).
 */
export function issuingBodyOf(profile: Pick<RuleProfile, 'awardName'>): string {
  const city = /^(.+?市)/.exec(profile.awardName)?.[1];
  return city ? `${city}人民政府` : '市人民政府';
}

export const CATEGORY_LABELS: Record<string, string> = { award: '市长质量奖', nomination: '市长质量奖提名奖' };
