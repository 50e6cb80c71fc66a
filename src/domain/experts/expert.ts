import { z } from 'zod';
import { EMAIL_MAX, EMAIL_MESSAGE, isEmail, isPhone, PHONE_MESSAGE } from '../contact.js';
import { isIndustrySection, sectionOfDivision } from '../reference/industries.js';

export { normaliseUnitName, sameUnitName } from './unit-name.js';

/**
 * One expert of the agency's pool (issue 11, "Agency and experts"). The pool spreadsheet
 * (src/services/experts/pool-sheet.ts) and the pool's forms both validate with this schema.
 */

export const EXPERT_NAME_MIN = 2;
export const EXPERT_NAME_MAX = 40;
export const UNIT_NAME_MAX = 100;
export const TITLE_MAX = 40;
export const INDUSTRIES_MAX = 10;
export const UNIT_LIST_MAX = 20;
export const MAX_LOAD_LIMIT = 50;
/** No one in the pool started working before this year. */
export const EARLIEST_EMPLOYMENT_YEAR = 1950;

/** A GB/T 4754-2017 division ('38') or, for a broad expertise, a whole section ('C'). */
export function isIndustryCode(code: string): boolean {
  return isIndustrySection(code) || sectionOfDivision(code) !== undefined;
}

const requiredText = (label: string, max: number, min = 1) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, { message: min > 1 ? `${label}应为 ${min} 到 ${max} 个字符` : `请填写${label}` })
    .max(max, { message: min > 1 ? `${label}应为 ${min} 到 ${max} 个字符` : `${label}不能超过 ${max} 个字符` });

const unitName = (label: string) => requiredText(label, UNIT_NAME_MAX);

const unitList = (label: string) =>
  z.array(unitName(label), { error: `${label}应为单位名称列表` }).max(UNIT_LIST_MAX, { message: `${label}至多填写 ${UNIT_LIST_MAX} 个` });

const year = (label: string) =>
  z
    .number({ error: `${label}应为年份` })
    .int({ message: `${label}应为整数年份` })
    .min(EARLIEST_EMPLOYMENT_YEAR, { message: `${label}不能早于 ${EARLIEST_EMPLOYMENT_YEAR} 年` });

const formerEmployer = z
  .object({
    unit: unitName('曾任职单位名称'),
    fromYear: year('起始年'),
    /** null: still there (a second post besides the current unit). */
    toYear: year('结束年').nullable(),
  })
  .refine((e) => e.toYear === null || e.fromYear <= e.toYear, { message: '起始年不能晚于结束年', path: ['toYear'] });

export type FormerEmployer = z.infer<typeof formerEmployer>;

const shape = {
  name: requiredText('姓名', EXPERT_NAME_MAX, EXPERT_NAME_MIN),
  unit: unitName('工作单位'),
  title: requiredText('职称', TITLE_MAX),
  industries: z
    .array(z.string({ error: '行业代码应为文字' }).trim().refine(isIndustryCode, { message: '不是 GB/T 4754-2017 的门类或大类代码' }), {
      error: '请填写专业领域（行业代码）',
    })
    .min(1, { message: '请至少填写一个专业领域（行业代码）' })
    .max(INDUSTRIES_MAX, { message: `专业领域至多 ${INDUSTRIES_MAX} 个` })
    .refine((codes) => new Set(codes).size === codes.length, { message: '专业领域的行业代码不能重复' }),
  countyName: requiredText('所在县区', 40).nullable().optional(),
  phone: z.string({ error: '请填写联系电话' }).trim().refine(isPhone, { message: `联系电话${PHONE_MESSAGE}` }),
  email: z.string({ error: '电子邮箱应为文字' }).trim().max(EMAIL_MAX).refine(isEmail, { message: EMAIL_MESSAGE }).optional(),
  formerEmployers: z.array(formerEmployer, { error: '曾任职单位应为列表' }).max(UNIT_LIST_MAX, { message: `曾任职单位至多填写 ${UNIT_LIST_MAX} 个` }),
  relativesUnits: unitList('亲属任职单位'),
  advisedUnits: unitList('顾问或持股单位'),
  available: z.boolean({ error: '是否可用应为“是”或“否”' }),
  maxLoad: z
    .number({ error: '每届最大评审量应为整数' })
    .int({ message: '每届最大评审量应为整数' })
    .min(1, { message: `每届最大评审量应在 1 到 ${MAX_LOAD_LIMIT} 之间` })
    .max(MAX_LOAD_LIMIT, { message: `每届最大评审量应在 1 到 ${MAX_LOAD_LIMIT} 之间` }),
};

/**
 * The expert as stored and edited. Years are checked against 1950 only: the domain has no
 * clock, so "not in the future" needs the business year, see expertInputSchemaAt.
 */
export const expertInputSchema = z.object(shape);
export type ExpertInput = z.infer<typeof expertInputSchema>;

/** The schema for a given business year: no employment year after it. */
export function expertInputSchemaAt(currentYear: number) {
  return expertInputSchema.superRefine((expert, ctx) => {
    expert.formerEmployers.forEach((e, i) => {
      for (const field of ['fromYear', 'toYear'] as const) {
        const value = e[field];
        if (value !== null && value > currentYear) {
          ctx.addIssue({ code: 'custom', path: ['formerEmployers', i, field], message: `${field === 'fromYear' ? '起始年' : '结束年'}不能晚于 ${currentYear} 年` });
        }
      }
    });
  });
}
