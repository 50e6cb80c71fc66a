import type { ApplicantKind, ScoringTemplate } from '../profile/schema.js';

/**
 * The application form (申报表) of Art. 14, one definition per applicant kind. The same
 * definition drives server validation, the "still missing" list and the UI labels.
 */
export type FieldType = 'text' | 'longText' | 'date' | 'integer' | 'boolean' | 'phone' | 'email' | 'uuid' | 'codes' | 'financials';

export interface FieldSpec {
  key: string;
  label: string;
  type: FieldType;
  /** Needed before submission (drafts may leave it empty). */
  required: boolean;
  max?: number;
}

const common = {
  contactPhone: { key: 'contactPhone', label: '联系电话', type: 'phone', required: true },
  contactEmail: { key: 'contactEmail', label: '联系邮箱', type: 'email', required: true },
  countyId: { key: 'countyId', label: '所在县区', type: 'uuid', required: true },
  declarationSigned: { key: 'declarationSigned', label: '真实性承诺', type: 'boolean', required: true },
} satisfies Record<string, FieldSpec>;

export const UNIT_FIELDS: readonly FieldSpec[] = [
  { key: 'name', label: '单位名称', type: 'text', required: true, max: 100 },
  common.countyId,
  { key: 'address', label: '单位地址', type: 'text', required: true, max: 200 },
  { key: 'legalRepresentative', label: '法定代表人', type: 'text', required: true, max: 50 },
  { key: 'contactName', label: '联系人', type: 'text', required: true, max: 50 },
  common.contactPhone,
  common.contactEmail,
  { key: 'industrySection', label: '行业门类', type: 'text', required: true, max: 2 },
  { key: 'industryDivision', label: '行业大类', type: 'text', required: true, max: 3 },
  { key: 'mainBusinessStartedOn', label: '主体业务起始日期', type: 'date', required: true },
  { key: 'employees', label: '职工人数', type: 'integer', required: true },
  { key: 'financials', label: '近三年营业收入和利润', type: 'financials', required: true },
  { key: 'certifications', label: '获得的管理体系认证', type: 'longText', required: false, max: 2000 },
  { key: 'preferenceCategories', label: '第十一条鼓励类别', type: 'codes', required: false },
  { key: 'locatedInCity', label: '在本市行政区域内依法成立', type: 'boolean', required: true },
  { key: 'legallyIndependent', label: '能够独立承担法律责任', type: 'boolean', required: true },
  { key: 'majorAccident', label: '近3年内是否发生重大质量、安全、环境污染、公共卫生等事故', type: 'boolean', required: true },
  { key: 'prominentComplaints', label: '是否存在因单位责任导致的投诉突出问题', type: 'boolean', required: true },
  { key: 'violation', label: '近3年内是否有其他违反法律法规的行为', type: 'boolean', required: true },
  common.declarationSigned,
];

export const INDIVIDUAL_FIELDS: readonly FieldSpec[] = [
  { key: 'name', label: '姓名', type: 'text', required: true, max: 50 },
  common.countyId,
  { key: 'workUnit', label: '工作单位', type: 'text', required: true, max: 100 },
  { key: 'position', label: '职务/职称', type: 'text', required: true, max: 50 },
  common.contactPhone,
  common.contactEmail,
  { key: 'qualityWorkStartedOn', label: '在本市从事质量工作起始日期', type: 'date', required: true },
  { key: 'achievements', label: '主要质量工作业绩', type: 'longText', required: true, max: 10_000 },
  { key: 'unitAccident', label: '所属单位近3年内是否发生重大事故', type: 'boolean', required: true },
  { key: 'badRecord', label: '本人是否有不良记录或违法、违规、违纪行为', type: 'boolean', required: true },
  common.declarationSigned,
];

export function fieldsFor(kind: ApplicantKind): readonly FieldSpec[] {
  return kind === 'unit' ? UNIT_FIELDS : INDIVIDUAL_FIELDS;
}

/** The self-evaluation report (自我评价报告) has one section per item of the kind's scoring template. */
export function selfEvaluationItems(template: ScoringTemplate): Array<{ code: string; name: string; points: number }> {
  return template.categories.flatMap((c) => c.items.map((i) => ({ code: i.code, name: `${i.code} ${i.name}`, points: i.points })));
}

export const SELF_EVALUATION_MAX = 20_000;
