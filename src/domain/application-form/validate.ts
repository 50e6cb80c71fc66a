import { EARLIEST_DATE, isDateInRange, LATEST_DATE } from '../calendar/dates.js';
import type { ApplicantKind, ScoringTemplate } from '../profile/schema.js';
import { fieldsFor, selfEvaluationItems, SELF_EVALUATION_MAX, type FieldSpec } from './fields.js';

export type FormData = Record<string, unknown>;
export interface FormProblem {
  field: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function valueProblem(spec: FieldSpec, value: unknown): string | null {
  // A list is emptied with [], so null or '' is a wrong type there (it crashed the check below).
  if (spec.type === 'codes' && !Array.isArray(value)) return '应为类别列表（不选请留空列表）';
  if (value === null || value === undefined || value === '') return null;
  switch (spec.type) {
    case 'text':
    case 'longText':
      if (typeof value !== 'string') return '应为文字';
      return spec.max && value.length > spec.max ? `不能超过 ${spec.max} 个字符` : null;
    case 'date':
      return typeof value === 'string' && isDateInRange(value) ? null : `应为 ${EARLIEST_DATE} 至 ${LATEST_DATE} 之间的真实日期（YYYY-MM-DD）`;
    case 'integer':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) < 10_000_000 ? null : '应为非负整数';
    case 'boolean':
      return typeof value === 'boolean' ? null : '请选择“是”或“否”';
    case 'phone':
      return typeof value === 'string' && /^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(value) ? null : '应为 11 位手机号或带区号的固话';
    case 'email':
      return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 200 ? null : '邮箱格式不正确';
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? null : '请从列表中选择';
    case 'codes':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : '应为类别列表';
    case 'financials':
      return financialsProblem(value);
  }
}

function financialsProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length > 3) return '应为最近三年的数据';
  for (const row of value) {
    const r = row as Record<string, unknown>;
    if (!Number.isInteger(r?.year) || (r.year as number) < 1990 || (r.year as number) > 2100) return '年度不正确';
    for (const key of ['revenue', 'profit'] as const) {
      if (r[key] !== null && r[key] !== undefined && typeof r[key] !== 'number') return '金额应为数字（万元）';
    }
  }
  return null;
}

/**
 * Checks the shape of every value present (drafts may be partial). Unknown keys are refused,
 * so nothing unexpected is ever stored. Returns every problem, field by field.
 */
export function formProblems(kind: ApplicantKind, template: ScoringTemplate, form: FormData, preferenceCodes: readonly string[]): FormProblem[] {
  const specs = fieldsFor(kind);
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const itemCodes = new Set(selfEvaluationItems(template).map((i) => i.code));
  const problems: FormProblem[] = [];
  for (const [key, value] of Object.entries(form)) {
    if (key === 'selfEvaluation') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        problems.push({ field: key, message: '自我评价报告格式不正确' });
        continue;
      }
      for (const [code, text] of Object.entries(value as Record<string, unknown>)) {
        if (!itemCodes.has(code)) problems.push({ field: `selfEvaluation.${code}`, message: '评分模板中没有该条款' });
        else if (typeof text !== 'string' || text.length > SELF_EVALUATION_MAX) {
          problems.push({ field: `selfEvaluation.${code}`, message: `应为不超过 ${SELF_EVALUATION_MAX} 字的文字` });
        }
      }
      continue;
    }
    const spec = byKey.get(key);
    if (!spec) {
      problems.push({ field: key, message: '申报表中没有该项' });
      continue;
    }
    const problem = valueProblem(spec, value);
    if (problem) problems.push({ field: key, message: `${spec.label}${problem}` });
    if (!problem && key === 'preferenceCategories') {
      const unknown = (value as string[]).filter((c) => !preferenceCodes.includes(c));
      if (unknown.length) problems.push({ field: key, message: `未知的鼓励类别：${unknown.join('、')}` });
    }
  }
  return problems;
}
