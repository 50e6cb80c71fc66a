/**
 * A category score as a share of the category's points, in percent, clamped to [0, 100]: the
 * scale of the radar charts (PDF and browser), so that a 400-point category and a 90-point one
 * can be read on the same axes.
 */
export function categoryPercent(score: number | undefined, points: number): number {
  if (score === undefined || !Number.isFinite(score) || points <= 0) return 0;
  return Math.min(100, Math.max(0, (score / points) * 100));
}
