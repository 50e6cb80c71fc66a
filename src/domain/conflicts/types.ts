import type { FormerEmployer } from '../experts/expert.js';

/** What conflict detection needs of an expert: a pool record (ExpertInput) with its id fits. */
export interface ConflictExpert {
  id: string;
  unit: string;
  countyName?: string | null;
  formerEmployers: readonly FormerEmployer[];
  relativesUnits: readonly string[];
  advisedUnits: readonly string[];
}

/**
 * What it needs of an application. `name` is the unit's name or, for an individual applicant,
 * the person's; `unit` is the unit itself or the individual's work unit. The applicant is taken
 * to be a unit when both normalise alike. `creditCode` is carried for the caller's display only:
 * experts' units have no credit codes, so names are what can be matched.
 */
export interface ConflictApplicant {
  id: string;
  name: string;
  unit: string;
  countyName: string | null;
  creditCode?: string;
}

export const CONFLICT_RULE_CODES = ['same_unit', 'former_employer', 'relative', 'adviser', 'same_county', 'declared'] as const;
export type ConflictRuleCode = (typeof CONFLICT_RULE_CODES)[number];

/** One reason why one expert may not handle one application; a pair may have several. */
export interface Conflict {
  expertId: string;
  applicationId: string;
  rule: ConflictRuleCode;
  /** Chinese, shown to the agency beside the pair. */
  explanation: string;
}

/** A conflict the expert declares or the agency enters; it is never dismissed. */
export interface DeclaredConflict {
  expertId: string;
  applicationId: string;
  by: 'expert' | 'agency';
  reason: string;
}

/** A detected conflict the agency judged a false positive (with a reason, audited by the caller). */
export interface DismissedConflict {
  expertId: string;
  applicationId: string;
  rule: ConflictRuleCode;
}

// U+001F (unit separator) cannot occur in the ids the system issues, so keys never collide.
const SEP = '\u001f';

/** One string per (expert, application) pair, for maps, sets and database keys. */
export function conflictKey(expertId: string, applicationId: string): string {
  return `${expertId}${SEP}${applicationId}`;
}

/** One string per (expert, application, rule). */
export function conflictRuleKey(expertId: string, applicationId: string, rule: ConflictRuleCode): string {
  return `${expertId}${SEP}${applicationId}${SEP}${rule}`;
}
