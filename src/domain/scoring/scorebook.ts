import { z } from 'zod';
import type { ScoringTemplate } from '../profile/schema.js';
import { isValidPercent } from './bands.js';

/**
 * One expert's scorebook (SPEC §5): per item code a percentage in steps of 5 (null = not yet
 * scored), strengths, opportunities for improvement and, on site, the evidence seen. The item
 * score is points × percentage; the template's points sum to its total (1000 for GB/T 19580).
 */

export interface ScorebookEntry {
  percent: number | null;
  strengths?: string;
  opportunities?: string;
  evidence?: string;
}
export type ScorebookItems = Record<string, ScorebookEntry>;

/** Generous for a paragraph per item, small enough that a scorebook stays a form, not a report. */
export const SCOREBOOK_TEXT_MAX = 2000;

const note = (label: string) =>
  z.string().max(SCOREBOOK_TEXT_MAX, { message: `${label}不能超过 ${SCOREBOOK_TEXT_MAX} 个字符` }).optional();

export const scorebookEntrySchema = z.strictObject(
  {
    percent: z
      .number({ message: '得分率应为数字' })
      .refine(isValidPercent, { message: '得分率应为 0 到 100 之间 5 的整数倍' })
      .nullable(),
    strengths: note('优势'),
    opportunities: note('改进机会'),
    evidence: note('现场核实的证据'),
  },
  { message: '评分条目格式不正确' },
);

/** A scorebook for this template: every key must be one of its item codes; missing items are not yet scored. */
export function scorebookItemsSchema(template: ScoringTemplate) {
  const known = new Set(itemsOf(template).map((i) => i.code));
  return z.record(z.string(), scorebookEntrySchema).superRefine((items, ctx) => {
    for (const code of Object.keys(items)) {
      if (!known.has(code)) ctx.addIssue({ code: 'custom', path: [code], message: `评分模板中没有条款“${code}”` });
    }
  });
}

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
