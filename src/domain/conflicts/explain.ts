import type { FormerEmployer } from '../experts/expert.js';
import { normaliseUnitName } from '../experts/unit-name.js';
import type { ConflictApplicant, DeclaredConflict } from './types.js';

/** How the applicant is named in an explanation: its own name, or an individual's work unit. */
export function applicantUnitLabel(applicant: ConflictApplicant): string {
  const isUnit = applicant.name === applicant.unit || normaliseUnitName(applicant.name) === normaliseUnitName(applicant.unit);
  return isUnit ? `申报单位「${applicant.unit}」` : `申报人${applicant.name}所在单位「${applicant.unit}」`;
}

export const explainSameUnit = (label: string) => `专家现任职于${label}`;

export function explainFormerEmployer(label: string, stint: FormerEmployer, years: number): string {
  if (stint.toYear === null) return `专家自${stint.fromYear}年起任职于${label}，至今未离任`;
  const span = stint.fromYear === stint.toYear ? `${stint.fromYear}年` : `${stint.fromYear}–${stint.toYear}年`;
  return `专家${span}曾任职于${label}（离任在${years}年回避期内）`;
}

export const explainRelative = (label: string) => `专家的近亲属任职于${label}`;
export const explainAdviser = (label: string) => `专家担任${label}的顾问或持有其股份`;
export const explainSameCounty = (countyName: string) => `专家与申报方同属「${countyName}」`;

export function explainDeclared(declared: DeclaredConflict): string {
  return `${declared.by === 'expert' ? '专家本人申报' : '评审机构录入'}的利益冲突：${declared.reason}`;
}

/**
 * Among an expert's stints at one unit, the one that decides the rule: ongoing first, then the
 * latest end; null when none ended within `years` of `year`.
 */
export function decisiveStint(stints: readonly FormerEmployer[], year: number, years: number): FormerEmployer | null {
  let best: FormerEmployer | null = null;
  for (const s of stints) {
    if (s.toYear !== null && year - s.toYear > years) continue;
    if (best === null || (best.toYear !== null && (s.toYear === null || s.toYear > best.toYear))) best = s;
  }
  return best;
}
