import type { ApplicantKind, ScoringTemplate } from '../profile/schema.js';
import { fieldsFor, selfEvaluationItems } from './fields.js';
import type { FormData } from './validate.js';

export interface MissingItem {
  key: string;
  label: string;
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * What the applicant still has to provide before submitting (Art. 14): every required field,
 * a signed declaration, every self-evaluation section, and at least one evidence file.
 */
export function missingItems(
  kind: ApplicantKind,
  template: ScoringTemplate,
  form: FormData,
  files: { evidence: number },
): MissingItem[] {
  const missing: MissingItem[] = [];
  for (const spec of fieldsFor(kind)) {
    if (!spec.required) continue;
    const value = form[spec.key];
    if (spec.key === 'declarationSigned' ? value !== true : isEmpty(value)) missing.push({ key: spec.key, label: spec.label });
  }
  if (kind === 'unit') {
    const rows = Array.isArray(form.financials) ? (form.financials as Array<Record<string, unknown>>) : [];
    const complete = rows.filter((r) => typeof r.revenue === 'number' && typeof r.profit === 'number');
    if (complete.length < 3 && !missing.some((m) => m.key === 'financials')) missing.push({ key: 'financials', label: '近三年营业收入和利润（须填满三年）' });
  }
  const report = (form.selfEvaluation ?? {}) as Record<string, unknown>;
  for (const item of selfEvaluationItems(template)) {
    if (isEmpty(report[item.code])) missing.push({ key: `selfEvaluation.${item.code}`, label: `自我评价：${item.name}` });
  }
  if (files.evidence === 0) missing.push({ key: 'evidence', label: '证明材料（至少上传一份）' });
  return missing;
}
