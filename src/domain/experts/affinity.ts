import { sectionOfDivision } from '../reference/industries.js';

/**
 * How well an expert fits an application, in [0, 1.2], with the reason shown to the agency:
 * expertise in the applicant's GB/T 4754 division fits best, its section next; a senior title
 * adds a little. Individuals have no industry: every expert fits them alike (experience only).
 */
export interface Affinity {
  score: number;
  /** Chinese, e.g. "专业领域覆盖行业大类 38；正高级职称". */
  why: string;
  industryMatch: boolean;
}

const SENIOR_TITLE = /正高|教授|研究员|教授级/;

export function expertAffinity(expert: { industries: readonly string[]; title: string }, applicant: { industrySection: string | null; industryDivision: string | null }): Affinity {
  const reasons: string[] = [];
  let score = 0;
  const { industrySection: section, industryDivision: division } = applicant;
  if (division && expert.industries.includes(division)) {
    score = 1;
    reasons.push(`专业领域覆盖行业大类 ${division}`);
  } else if (section && (expert.industries.includes(section) || expert.industries.some((code) => sectionOfDivision(code) === section))) {
    score = 0.6;
    reasons.push(`专业领域属同一行业门类 ${section}`);
  }
  const industryMatch = score > 0;
  if (SENIOR_TITLE.test(expert.title)) {
    score += 0.2;
    reasons.push('正高级职称');
  }
  return { score: Math.round(score * 100) / 100, why: reasons.join('；') || '无行业匹配', industryMatch };
}
