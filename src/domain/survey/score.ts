import type { RespondentGroup } from '../profile/decision-settings.js';

/**
 * The satisfaction score (社会满意度, Art. 16): each answer on a 1..scale agreement scale is
 * mapped to 0–100 (1 → 0, scale → 100), a group's score is the mean over all its answers, and
 * the candidate's score is the weighted mean of the group scores.
 */

export type GroupWeights = Record<RespondentGroup, number>;

/** One answer 1..scale → 0..100. */
export function answerPoints(answer: number, scale: number): number {
  return ((answer - 1) / (scale - 1)) * 100;
}

/** The mean of every answer of every response of one group on 0–100, or null without responses. */
export function groupScore(responses: ReadonlyArray<readonly number[]>, scale: number): number | null {
  let sum = 0;
  let n = 0;
  for (const answers of responses) {
    for (const a of answers) {
      sum += answerPoints(a, scale);
      n++;
    }
  }
  return n === 0 ? null : sum / n;
}

/**
 * The candidate's score: the weighted mean of the group scores. The weights are re-normalised
 * over the groups that have responses, so a group nobody answered neither counts as zero nor
 * blocks the score; null when no group with a positive weight has responses.
 */
export function candidateScore(groupScores: Partial<Record<RespondentGroup, number | null>>, weights: GroupWeights): number | null {
  let weighted = 0;
  let total = 0;
  for (const [group, weight] of Object.entries(weights) as Array<[RespondentGroup, number]>) {
    const score = groupScores[group];
    if (score == null || weight <= 0) continue;
    weighted += weight * score;
    total += weight;
  }
  return total === 0 ? null : weighted / total;
}

/** Responses per code issued in a group, 0..1; null when no code was issued. */
export function responseRate(responses: number, issued: number): number | null {
  return issued === 0 ? null : responses / issued;
}

/** Both steps at once, from the responses grouped by respondent group. */
export function surveyScore(byGroup: Partial<Record<RespondentGroup, ReadonlyArray<readonly number[]>>>, scale: number, weights: GroupWeights): number | null {
  const scores: Partial<Record<RespondentGroup, number | null>> = {};
  for (const group of Object.keys(weights) as RespondentGroup[]) scores[group] = groupScore(byGroup[group] ?? [], scale);
  return candidateScore(scores, weights);
}

/** The refusals of one submitted answer sheet (Chinese, per field), empty when it is complete and in range. */
export function answerProblems(answers: readonly unknown[], questionCount: number, scale: number): Array<{ field: string; message: string }> {
  if (answers.length !== questionCount) return [{ field: 'answers', message: `请回答全部 ${questionCount} 个问题` }];
  return answers.flatMap((a, i) => (Number.isInteger(a) && (a as number) >= 1 && (a as number) <= scale ? [] : [{ field: `answers.${i}`, message: `第 ${i + 1} 题请选择 1 至 ${scale} 之间的选项` }]));
}

/** The labels of a 1..scale agreement scale: the five-point one in words, others by their ends. */
export function scaleLabels(scale: number): string[] {
  if (scale === 5) return ['非常不满意', '不满意', '一般', '满意', '非常满意'];
  return Array.from({ length: scale }, (_, i) => (i === 0 ? `${i + 1}（非常不满意）` : i === scale - 1 ? `${i + 1}（非常满意）` : String(i + 1)));
}
