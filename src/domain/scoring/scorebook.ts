import { z } from 'zod';
import type { ScoringTemplate } from '../profile/schema.js';
import { itemsOf } from './scorebook-totals.js';
import { isValidPercent } from './bands.js';

/**
 * One expert's scorebook (SPEC §5): per item code a percentage in steps of 5 (null = not yet
 * scored), strengths, opportunities for improvement and, on site, the evidence seen. The item
 * score is points × percentage; the template's points sum to its total (1000 for GB/T 19580).
 */

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

export * from './scorebook-totals.js';
