import type { ScoringTemplate } from '../profile/schema.js';

/**
 * The arithmetic of a scorebook, apart from its zod schema (scorebook.ts) so the browser can
 * compute running totals without loading zod: item score = points × percentage / 100.
 */

export interface ScorebookEntry {
  percent: number | null;
  strengths?: string;
  opportunities?: string;
  evidence?: string;
}
export type ScorebookItems = Record<string, ScorebookEntry>;

export interface TemplateItemRef {
  code: string;
  name: string;
  points: number;
  kind: 'process' | 'result';
  categoryCode: string;
}

/** The template's items in order, each with its category. */
export function itemsOf(template: ScoringTemplate): TemplateItemRef[] {
  return template.categories.flatMap((c) => c.items.map((i) => ({ ...i, categoryCode: c.code })));
}

/** Points earned on one item: points × percent / 100. */
export function itemScore(points: number, percent: number): number {
  return (points * percent) / 100;
}

export interface ScorebookTotals {
  total: number;
  byCategory: Record<string, number>;
  completeness: { filled: number; of: number };
}

/** Totals of a scorebook; an item not yet scored counts 0 and is missing from `completeness.filled`. */
export function scorebookTotals(template: ScoringTemplate, items: ScorebookItems): ScorebookTotals {
  // Sum points × percent in integers and divide once, so 1000 at 100% is exactly 1000.
  let hundredths = 0;
  let filled = 0;
  let of = 0;
  const byCategory: Record<string, number> = {};
  for (const category of template.categories) {
    let categoryHundredths = 0;
    for (const item of category.items) {
      of += 1;
      const percent = items[item.code]?.percent ?? null;
      if (percent === null) continue;
      filled += 1;
      categoryHundredths += item.points * percent;
    }
    byCategory[category.code] = categoryHundredths / 100;
    hundredths += categoryHundredths;
  }
  return { total: hundredths / 100, byCategory, completeness: { filled, of } };
}

/** True when every item of the template has a percentage (a scorebook can be submitted). */
export function isComplete(template: ScoringTemplate, items: ScorebookItems): boolean {
  return itemsOf(template).every((i) => typeof items[i.code]?.percent === 'number');
}
