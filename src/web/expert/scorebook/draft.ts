import { formatDisplayTime } from '../../../domain/display-time';
import type { ScorebookPage } from '../../../contract/technical-scoring';
import type { ScorebookEntry, ScorebookItems } from '../../../domain/scoring/scorebook-totals';

/** Pure helpers of the scorebook editor (kept apart from React so they can be unit tested). */

/** The percentages an expert may give: 0, 5, …, 100. */
export const PERCENT_STEPS: readonly number[] = Array.from({ length: 21 }, (_, i) => i * 5);

/** The nearest allowed percentage (the consensus starts from the panel's mean, which is rarely a step). */
export function roundToStep(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value / 5) * 5));
}

type Aggregate = NonNullable<ScorebookPage['aggregate']>;

/** The leader's starting point: every item at the panel's mean percentage rounded to 5, texts empty. */
export function consensusStart(aggregate: Aggregate | null): ScorebookItems {
  const items: ScorebookItems = {};
  for (const item of aggregate?.items ?? []) items[item.code] = { percent: item.mean === null ? null : roundToStep(item.mean) };
  return items;
}

/** Item codes named by a 422 of the submit (`items.<code>.percent`); codes may themselves contain dots. */
export function unscoredCodes(fields: readonly { field: string }[]): string[] {
  const codes: string[] = [];
  for (const { field } of fields) {
    const m = /^(?:body\.)?items\.(.+)\.percent$/.exec(field);
    if (m) codes.push(m[1]);
  }
  return codes;
}

/** Whether every member of the panel has submitted an independent scorebook (the consensus may start). */
export function allMembersSubmitted(members: ScorebookPage['members']): boolean {
  return members.length > 0 && members.every((m) => m.status === 'submitted');
}

/** One item changed, the others kept; empty texts are dropped so the saved scorebook stays small. */
export function withEntry(items: ScorebookItems, code: string, patch: Partial<ScorebookEntry>): ScorebookItems {
  const merged: ScorebookEntry = { ...(items[code] ?? { percent: null }), ...patch };
  const entry: ScorebookEntry = { percent: merged.percent };
  for (const key of ['strengths', 'opportunities', 'evidence'] as const) if (merged[key]) entry[key] = merged[key];
  return { ...items, [code]: entry };
}

/** "hh:mm:ss" of a moment in Beijing time, like every time the UI shows. */
export function clockTime(at: Date): string {
  return formatDisplayTime(at).slice(11);
}
