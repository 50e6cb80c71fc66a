import { z } from 'zod';

/**
 * Which conflict-of-interest rules a profile applies (SPEC §9, Art. 24). Declared conflicts,
 * by the expert or entered by the agency, always apply and need no switch.
 */

export const FORMER_EMPLOYER_YEARS_MAX = 30;

const flag = (label: string) => z.boolean({ error: `${label}应为“是”或“否”` });

export const conflictRulesSchema = z.object({
  /** The expert works at the applicant unit (or at an individual applicant's unit). */
  sameUnit: flag('同单位回避'),
  /** The expert left the applicant unit at most this many years ago; 0 turns the rule off. */
  formerEmployerYears: z
    .number({ error: '曾任职回避年限应为整数' })
    .int({ message: '曾任职回避年限应为整数' })
    .min(0, { message: `曾任职回避年限应在 0 到 ${FORMER_EMPLOYER_YEARS_MAX} 年之间（0 表示不适用）` })
    .max(FORMER_EMPLOYER_YEARS_MAX, { message: `曾任职回避年限应在 0 到 ${FORMER_EMPLOYER_YEARS_MAX} 年之间（0 表示不适用）` }),
  /** A close relative of the expert works at the applicant unit. */
  relatives: flag('亲属回避'),
  /** The expert advises the applicant unit or holds shares in it. */
  advisers: flag('顾问或持股回避'),
  /** The expert and the applicant are in the same county or district. */
  sameCounty: flag('同县区回避'),
});

export type ConflictRules = z.infer<typeof conflictRulesSchema>;

/** Linyi: every data rule on, former employers within 3 years; the city is small, so no county rule. */
export const DEFAULT_CONFLICT_RULES: ConflictRules = Object.freeze({
  sameUnit: true,
  formerEmployerYears: 3,
  relatives: true,
  advisers: true,
  sameCounty: false,
});
