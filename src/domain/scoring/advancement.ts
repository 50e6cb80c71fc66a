/**
 * Advancement to the next technical stage (SPEC §4 steps 6–7, §5): rank the applications by
 * score and apply the profile's rule — the top N, a minimum score, or both. The list is the
 * agency's decision; this computes the proposal and marks where a human must look: entries
 * within the grey zone around the cut-off, and ties that straddle the cut.
 */

export interface AdvancementRule {
  /** How many may advance; null = no cap. */
  top: number | null;
  /** The lowest score that may advance; null = no threshold. */
  minScore: number | null;
  /** Entries with |score − cut-off| ≤ this many points are in the grey zone. */
  greyZonePoints: number;
}

export interface RankedEntry {
  id: string;
  score: number;
  /** Competition rank: 1 + how many scored strictly higher (equal scores share a rank). */
  rank: number;
  advances: boolean;
  inGreyZone: boolean;
  /** Its score equals the cut-off and equal scores fall on both sides of the cut: a human decides. */
  tiedAtCut: boolean;
}

export interface AdvancementResult {
  /** Ordered by score descending, then id (so the order never depends on input order). */
  entries: RankedEntry[];
  /**
   * The score the rule cuts at: with a cap that bites, the lowest advancing score (raised to
   * minScore when that is higher); otherwise minScore; null when the rule cuts nothing.
   */
  cutOff: number | null;
  advancing: number;
  /** Whether any tie straddles the cut. */
  tieAtCut: boolean;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function rankForAdvancement(entries: readonly { id: string; score: number }[], rule: AdvancementRule): AdvancementResult {
  if (rule.top !== null && !(Number.isInteger(rule.top) && rule.top >= 1)) throw new RangeError(`top must be a positive integer, got ${rule.top}`);
  if (!(rule.greyZonePoints >= 0)) throw new RangeError(`greyZonePoints must be ≥ 0, got ${rule.greyZonePoints}`);
  for (const e of entries) if (!Number.isFinite(e.score)) throw new RangeError(`score of ${e.id} is not a finite number`);

  const ordered = [...entries].sort((a, b) => b.score - a.score || compareIds(a.id, b.id));
  const passes = (score: number) => rule.minScore === null || score >= rule.minScore;
  const advances = ordered.map((e, i) => (rule.top === null || i < rule.top) && passes(e.score));

  let cutOff: number | null = rule.minScore;
  if (rule.top !== null && ordered.length > rule.top) {
    // The cap bites: the cut is at the lowest advancing score, or at minScore when that is higher.
    const last = ordered[rule.top - 1].score;
    cutOff = rule.minScore === null ? last : Math.max(last, rule.minScore);
  }

  // A score is tied at the cut when some entries with it advance and others do not.
  const advancingScores = new Set(ordered.filter((_, i) => advances[i]).map((e) => e.score));
  const stayingScores = new Set(ordered.filter((_, i) => !advances[i]).map((e) => e.score));
  const straddles = (score: number) => advancingScores.has(score) && stayingScores.has(score);

  let higher = 0;
  const ranked = ordered.map((e, i) => {
    if (i > 0 && e.score < ordered[i - 1].score) higher = i;
    return {
      id: e.id,
      score: e.score,
      rank: higher + 1,
      advances: advances[i],
      inGreyZone: cutOff !== null && Math.abs(e.score - cutOff) <= rule.greyZonePoints,
      tiedAtCut: straddles(e.score),
    };
  });
  return {
    entries: ranked,
    cutOff,
    advancing: advances.filter(Boolean).length,
    tieAtCut: ranked.some((e) => e.tiedAtCut),
  };
}
