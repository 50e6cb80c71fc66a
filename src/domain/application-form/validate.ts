import { addYears, EARLIEST_DATE, isDateInRange, LATEST_DATE, yearOf, type IsoDate } from '../calendar/dates.js';
import { EMAIL_MESSAGE, isEmail, isPhone, PHONE_MESSAGE } from '../contact.js';
import { EARLIEST_BUSINESS_START, MIN_WORKING_AGE } from '../eligibility/rules.js';
import { birthDateOf, normaliseIdNumber, validateIdNumber } from '../identity/id-number.js';
import { GBT4754_DIVISIONS, isIndustrySection, sectionOfDivision } from '../reference/industries.js';
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
      return typeof value === 'string' && isPhone(value) ? null : PHONE_MESSAGE;
    case 'email':
      return typeof value === 'string' && isEmail(value) ? null : EMAIL_MESSAGE;
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
  if (value.some((row) => row === null || typeof row !== 'object' || Array.isArray(row))) return '每一行应为一个年度的数据';
  return null;
}

/** What the form knows besides itself; when given, dates and years are also checked against them. */
export interface FormContext {
  /** Today (Asia/Shanghai): no start date and no financial year may lie after it. */
  today?: IsoDate;
  /** The applicant's ID number (individuals): quality work cannot start before the 16th birthday. */
  identityCode?: string;
}

/** Row by row (financials.<i>.<column>): a real past year, each year once, revenue not negative. */
function financialRowProblems(rows: Array<Record<string, unknown>>, context: FormContext): FormProblem[] {
  const problems: FormProblem[] = [];
  const seen = new Set<unknown>();
  const lastYear = context.today ? yearOf(context.today) : yearOf(LATEST_DATE);
  rows.forEach((r, i) => {
    const year = r.year;
    if (!Number.isInteger(year) || (year as number) < 1990 || (year as number) > lastYear) {
      problems.push({ field: `financials.${i}.year`, message: `第${i + 1}行年度不正确（应为 1990 至 ${lastYear} 之间的年份）` });
    } else if (seen.has(year)) {
      problems.push({ field: `financials.${i}.year`, message: `第${i + 1}行年度 ${year} 重复` });
    }
    seen.add(year);
    for (const key of ['revenue', 'profit'] as const) {
      const v = r[key];
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) problems.push({ field: `financials.${i}.${key}`, message: `第${i + 1}行金额应为数字（万元）` });
      else if (key === 'revenue' && v < 0) problems.push({ field: `financials.${i}.revenue`, message: `第${i + 1}行营业收入不能为负数` });
    }
  });
  return problems;
}

/** GB/T 4754-2017: a known section, a known division, and the division within the section. */
function industryProblems(form: FormData): FormProblem[] {
  const problems: FormProblem[] = [];
  const section = form.industrySection;
  const division = form.industryDivision;
  const sectionOk = typeof section === 'string' && isIndustrySection(section);
  if (typeof section === 'string' && section !== '' && !sectionOk) {
    problems.push({ field: 'industrySection', message: `行业门类“${section}”不是 GB/T 4754-2017 的门类代码（A–T）` });
  }
  if (typeof division === 'string' && division !== '') {
    const owner = sectionOfDivision(division);
    if (!owner) problems.push({ field: 'industryDivision', message: `行业大类“${division}”不是 GB/T 4754-2017 的大类代码` });
    else if (sectionOk && owner !== section) {
      problems.push({ field: 'industryDivision', message: `行业大类“${division}”属于门类 ${owner}，不属于所选门类 ${section}（${GBT4754_DIVISIONS[section as string].join('、')}）` });
    }
  }
  return problems;
}

/** Start dates that cannot be true: a business before 1949-10-01, work before the 16th birthday, either in the future. */
function dateProblems(form: FormData, context: FormContext): FormProblem[] {
  const problems: FormProblem[] = [];
  const business = form.mainBusinessStartedOn;
  if (typeof business === 'string' && isDateInRange(business)) {
    if (business < EARLIEST_BUSINESS_START) problems.push({ field: 'mainBusinessStartedOn', message: `主体业务起始日期不能早于 ${EARLIEST_BUSINESS_START}` });
    else if (context.today && business > context.today) problems.push({ field: 'mainBusinessStartedOn', message: `主体业务起始日期不能晚于今天（${context.today}）` });
  }
  const work = form.qualityWorkStartedOn;
  if (typeof work === 'string' && isDateInRange(work)) {
    const id = context.identityCode !== undefined ? normaliseIdNumber(context.identityCode) : '';
    const ofAge = id && context.today && validateIdNumber(id, { today: context.today }).ok ? addYears(birthDateOf(id), MIN_WORKING_AGE) : null;
    if (context.today && work > context.today) problems.push({ field: 'qualityWorkStartedOn', message: `从事质量工作起始日期不能晚于今天（${context.today}）` });
    else if (ofAge && work < ofAge) problems.push({ field: 'qualityWorkStartedOn', message: `从事质量工作起始日期不能早于年满${MIN_WORKING_AGE}周岁之日（${ofAge}）` });
  }
  return problems;
}

/**
 * Checks the shape of every value present (drafts may be partial). Unknown keys are refused,
 * so nothing unexpected is ever stored. Returns every problem, field by field.
 */
export function formProblems(
  kind: ApplicantKind,
  template: ScoringTemplate,
  form: FormData,
  preferenceCodes: readonly string[],
  context: FormContext = {},
): FormProblem[] {
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
    if (!problem && key === 'financials' && Array.isArray(value)) problems.push(...financialRowProblems(value as Array<Record<string, unknown>>, context));
  }
  const present = (k: string) => byKey.has(k) && !problems.some((p) => p.field === k);
  problems.push(...industryProblems(Object.fromEntries(['industrySection', 'industryDivision'].filter(present).map((k) => [k, form[k]]))));
  problems.push(...dateProblems(Object.fromEntries(['mainBusinessStartedOn', 'qualityWorkStartedOn'].filter(present).map((k) => [k, form[k]])), context));
  return problems;
}
