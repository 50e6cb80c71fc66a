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
 * The obvious nested loop over every expert × application, kept as the test oracle of
 * detectConflicts and as the benchmark's baseline. Names are normalised once up front (that much
 * any implementation does); the rules are then checked pair by pair, independently of the index.
 */
export function detectConflictsNaive(
  experts: readonly ConflictExpert[],
  applicants: readonly ConflictApplicant[],
  rules: ConflictRules,
  { year }: { year: number },
): Conflict[] {
  const apps = applicants.map((a) => ({ id: a.id, unit: normaliseUnitName(a.unit), county: a.countyName?.trim() ?? '', label: applicantUnitLabel(a) }));
  const out: Conflict[] = [];
  for (const e of experts) {
    const unit = normaliseUnitName(e.unit);
    const former = e.formerEmployers.map((s) => ({ stint: s, unit: normaliseUnitName(s.unit) }));
    const relatives = e.relativesUnits.map(normaliseUnitName);
    const advised = e.advisedUnits.map(normaliseUnitName);
    const county = e.countyName?.trim() ?? '';
    for (const a of apps) {
      // A blank unit matches no unit (the county rule still applies).
      const named = a.unit !== '';
      if (rules.sameUnit && named && unit === a.unit) {
        out.push({ expertId: e.id, applicationId: a.id, rule: 'same_unit', explanation: explainSameUnit(a.label) });
      }
      if (rules.formerEmployerYears > 0) {
        const here = former.filter((f) => named && f.unit === a.unit).map((f) => f.stint);
        const hit = here.some((s) => s.toYear === null || year - s.toYear <= rules.formerEmployerYears);
        if (hit) {
          const stint = decisiveStint(here, year, rules.formerEmployerYears)!;
          out.push({ expertId: e.id, applicationId: a.id, rule: 'former_employer', explanation: explainFormerEmployer(a.label, stint, rules.formerEmployerYears) });
        }
      }
      if (rules.relatives && named && relatives.includes(a.unit)) {
        out.push({ expertId: e.id, applicationId: a.id, rule: 'relative', explanation: explainRelative(a.label) });
      }
      if (rules.advisers && named && advised.includes(a.unit)) {
        out.push({ expertId: e.id, applicationId: a.id, rule: 'adviser', explanation: explainAdviser(a.label) });
      }
      if (rules.sameCounty && county !== '' && county === a.county) {
        out.push({ expertId: e.id, applicationId: a.id, rule: 'same_county', explanation: explainSameCounty(county) });
      }
    }
  }
  return out;
}
