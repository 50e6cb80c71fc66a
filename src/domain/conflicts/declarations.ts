import { z } from 'zod';
import type { ConflictRuleCode } from './types.js';

/**
 * What a person types about a conflict: an expert's or the agency's declaration, and the agency's
 * dismissal of a detected false positive. Both carry a reason, which the audit log keeps.
 */

export const CONFLICT_REASON_MAX = 500;

const id = (label: string) => z.uuid({ error: `请选择${label}` });
const reason = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(2, { message: `请填写${label}（至少 2 个字）` })
    .max(CONFLICT_REASON_MAX, { message: `${label}不能超过 ${CONFLICT_REASON_MAX} 个字符` });

export const conflictDeclarationSchema = z.object({
  expertId: id('专家'),
  applicationId: id('申报'),
  reason: reason('利益冲突情况'),
});
export type ConflictDeclaration = z.infer<typeof conflictDeclarationSchema>;

/** Only detected conflicts can be dismissed; a declared one is withdrawn by whoever declared it. */
export const DISMISSABLE_RULES = ['same_unit', 'former_employer', 'relative', 'adviser', 'same_county'] as const satisfies readonly ConflictRuleCode[];

export const conflictDismissalSchema = z.object({
  expertId: id('专家'),
  applicationId: id('申报'),
  rule: z.enum(DISMISSABLE_RULES, { error: '专家本人或评审机构申报的冲突不能排除，只能由申报方撤回' }),
  reason: reason('排除理由'),
});
export type ConflictDismissal = z.infer<typeof conflictDismissalSchema>;
