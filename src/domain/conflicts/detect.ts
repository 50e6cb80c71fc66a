import type { FormerEmployer } from '../experts/expert.js';
import { normaliseUnitName } from '../experts/unit-name.js';
import {
  applicantUnitLabel,
  decisiveStint,
  explainAdviser,
  explainFormerEmployer,
  explainRelative,
  explainSameCounty,
  explainSameUnit,
} from './explain.js';
import type { ConflictRules } from './rules.js';
import type { Conflict, ConflictApplicant, ConflictExpert } from './types.js';

/**
 * Conflict detection for every expert × application (SPEC §9) without comparing every pair:
 * applicants are indexed by normalised unit name and by county, and each expert looks up only
 * the few names it carries. Cost: O(applicants + experts × names per expert + conflicts found).
 *
 * Same-county conflicts are many by nature (experts × applicants ÷ counties, about a million for
 * 6,000 × 3,000 in 17 counties), so detectConflictGroups returns them as one group per county and
 * ConflictIndex answers them from the group; detectConflicts expands them into pairs for callers
 * that want a flat list (one shared explanation string per county keeps that affordable).
 */

export interface CountyGroup {
  countyName: string;
  expertIds: string[];
  applicationIds: string[];
  explanation: string;
}

export interface DetectedConflicts {
  /** Every pair conflict except same-county ones, expert by expert, rule by rule. */
  pairs: Conflict[];
  /** Same-county conflicts: every expert of a group conflicts with every application of it. */
  countyGroups: CountyGroup[];
}

export interface DetectOptions {
  /** The business year the former-employer window is counted back from. */
  year: number;
}

interface IndexedApplicant {
  id: string;
  label: string;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexApplicants(applicants: readonly ConflictApplicant[]) {
  const byUnit = new Map<string, IndexedApplicant[]>();
  const byCounty = new Map<string, string[]>();
  for (const a of applicants) {
    const key = normaliseUnitName(a.unit);
    if (key) pushTo(byUnit, key, { id: a.id, label: applicantUnitLabel(a) });
    const county = a.countyName?.trim();
    if (county) pushTo(byCounty, county, a.id);
  }
  return { byUnit, byCounty };
}

/** The expert's stints grouped by normalised unit, so two spellings of one unit count once. */
function stintsByUnit(stints: readonly FormerEmployer[]): Map<string, FormerEmployer[]> {
  const map = new Map<string, FormerEmployer[]>();
  for (const s of stints) {
    const key = normaliseUnitName(s.unit);
    if (key) pushTo(map, key, s);
  }
  return map;
}

/** Distinct normalised names of a list of units. */
function unitKeys(units: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const u of units) {
    const key = normaliseUnitName(u);
    if (key) keys.add(key);
  }
  return keys;
}

export function detectConflictGroups(
  experts: readonly ConflictExpert[],
  applicants: readonly ConflictApplicant[],
  rules: ConflictRules,
  { year }: DetectOptions,
): DetectedConflicts {
  const { byUnit, byCounty } = indexApplicants(applicants);
  const pairs: Conflict[] = [];
  const emit = (expertId: string, key: string, rule: Conflict['rule'], explain: (label: string) => string) => {
    for (const a of byUnit.get(key) ?? []) pairs.push({ expertId, applicationId: a.id, rule, explanation: explain(a.label) });
  };

  for (const e of experts) {
    if (rules.sameUnit) {
      const key = normaliseUnitName(e.unit);
      if (key) emit(e.id, key, 'same_unit', explainSameUnit);
    }
    if (rules.formerEmployerYears > 0) {
      for (const [key, stints] of stintsByUnit(e.formerEmployers)) {
        if (!byUnit.has(key)) continue;
        const stint = decisiveStint(stints, year, rules.formerEmployerYears);
        if (stint) emit(e.id, key, 'former_employer', (label) => explainFormerEmployer(label, stint, rules.formerEmployerYears));
      }
    }
    if (rules.relatives) for (const key of unitKeys(e.relativesUnits)) emit(e.id, key, 'relative', explainRelative);
    if (rules.advisers) for (const key of unitKeys(e.advisedUnits)) emit(e.id, key, 'adviser', explainAdviser);
  }

  const countyGroups: CountyGroup[] = [];
  if (rules.sameCounty) {
    const expertsByCounty = new Map<string, string[]>();
    for (const e of experts) {
      const county = e.countyName?.trim();
      if (county && byCounty.has(county)) pushTo(expertsByCounty, county, e.id);
    }
    for (const [countyName, expertIds] of expertsByCounty) {
      countyGroups.push({ countyName, expertIds, applicationIds: byCounty.get(countyName)!, explanation: explainSameCounty(countyName) });
    }
  }
  return { pairs, countyGroups };
}

/** Every same-county pair of the groups, one Conflict each. */
export function expandCountyGroups(groups: readonly CountyGroup[]): Conflict[] {
  const out: Conflict[] = [];
  for (const g of groups) {
    for (const expertId of g.expertIds) {
      for (const applicationId of g.applicationIds) out.push({ expertId, applicationId, rule: 'same_county', explanation: g.explanation });
    }
  }
  return out;
}

/** Every detected conflict as a flat list; several rules for one pair give several entries. */
export function detectConflicts(
  experts: readonly ConflictExpert[],
  applicants: readonly ConflictApplicant[],
  rules: ConflictRules,
  options: DetectOptions,
): Conflict[] {
  const { pairs, countyGroups } = detectConflictGroups(experts, applicants, rules, options);
  if (countyGroups.length === 0) return pairs;
  const county = expandCountyGroups(countyGroups);
  // push(...spread) overflows the stack on a million entries.
  for (const c of county) pairs.push(c);
  return pairs;
}
