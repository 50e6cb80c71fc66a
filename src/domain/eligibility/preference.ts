import type { RuleProfile } from '../profile/schema.js';

type PreferenceRules = Pick<RuleProfile, 'preference'>;

/**
 * How Art. 11 preference counts for one application, per profile.preference.mode:
 * - none:     recorded only, no effect on ranking;
 * - tiebreak: equal scores are ordered with preferred applications first (tiebreakRank 1);
 * - bonus:    profile.preference.bonusPoints added once, however many categories apply.
 */
export interface PreferenceEffect {
  bonus: number;
  /** Higher sorts first among equal scores; 0 = no preference. */
  tiebreakRank: number;
  /** The profile's categories that apply (unknown codes are ignored). */
  categories: string[];
  explanation: string;
}

export function preferenceEffect(profile: PreferenceRules, categories: readonly string[]): PreferenceEffect {
  const pref = profile.preference;
  const known = pref.categories.filter((c) => categories.includes(c.code));
  const codes = known.map((c) => c.code);
  const labels = known.map((c) => c.label).join('、');
  if (known.length === 0) {
    return { bonus: 0, tiebreakRank: 0, categories: [], explanation: '不属于第十一条鼓励类别，无倾斜' };
  }
  switch (pref.mode) {
    case 'none':
      return { bonus: 0, tiebreakRank: 0, categories: codes, explanation: `属于第十一条鼓励类别（${labels}），本届规则仅作记录，不影响排序` };
    case 'tiebreak':
      return { bonus: 0, tiebreakRank: 1, categories: codes, explanation: `属于第十一条鼓励类别（${labels}），得分相同时优先排序` };
    case 'bonus':
      return {
        bonus: pref.bonusPoints,
        tiebreakRank: 0,
        categories: codes,
        explanation: `属于第十一条鼓励类别（${labels}），按本届规则加 ${pref.bonusPoints} 分（多个类别不累加）`,
      };
  }
}

export interface RankInput {
  id: string;
  score: number;
  categories: readonly string[];
}

export interface RankedEntry {
  id: string;
  score: number;
  adjustedScore: number;
  /** Competition ranking (1, 1, 3) after preference. */
  rank: number;
  /** Rank on raw score alone. */
  rankWithoutPreference: number;
  /** True when preference moved this entry: shown wherever it changes a ranking (SPEC §3). */
  changedByPreference: boolean;
  effect: PreferenceEffect;
}

/** Ranks applications by score with the profile's preference applied, showing what it changed. */
export function rankWithPreference(profile: PreferenceRules, entries: readonly RankInput[]): RankedEntry[] {
  const rows = entries.map((e) => {
    const effect = preferenceEffect(profile, e.categories);
    return { id: e.id, score: e.score, adjustedScore: e.score + effect.bonus, effect };
  });
  const key = (r: (typeof rows)[number]) => [r.adjustedScore, r.effect.tiebreakRank] as const;
  const better = (a: readonly number[], b: readonly number[]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
  return rows
    .map((r) => {
      const rank = 1 + rows.filter((o) => better(key(o), key(r))).length;
      const rankWithoutPreference = 1 + rows.filter((o) => o.score > r.score).length;
      return { ...r, rank, rankWithoutPreference, changedByPreference: rank !== rankWithoutPreference };
    })
    .sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
}
