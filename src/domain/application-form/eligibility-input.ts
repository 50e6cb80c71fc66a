import type { IsoDate } from '../calendar/dates.js';
import { checkIndividualEligibility, checkUnitEligibility } from '../eligibility/rules.js';
import type { EligibilityResult, IndividualEligibilityInput, PreviousWinner, UnitEligibilityInput } from '../eligibility/types.js';
import type { ApplicantKind, RuleProfile } from '../profile/schema.js';
import type { FormData } from './validate.js';

/**
 * Maps the form's answers to the eligibility rules' input. Failures come only from what the
 * applicant has actually declared; an unanswered question is listed as missing instead
 * (see completeness), and submission needs both lists empty.
 */
export function unitEligibilityInput(creditCode: string, form: FormData, countyRegionCode?: string | null): UnitEligibilityInput {
  return {
    creditCode,
    ...(countyRegionCode !== undefined ? { countyRegionCode } : {}),
    mainBusinessStartedOn: typeof form.mainBusinessStartedOn === 'string' ? form.mainBusinessStartedOn : '',
    locatedInCity: form.locatedInCity !== false,
    legallyIndependent: form.legallyIndependent !== false,
    declaredMajorAccidentWithinYears: form.majorAccident === true,
    declaredProminentComplaints: form.prominentComplaints === true,
    declaredViolationWithinYears: form.violation === true,
  };
}

export function individualEligibilityInput(idNumber: string, form: FormData): IndividualEligibilityInput {
  return {
    idNumber,
    qualityWorkStartedOn: typeof form.qualityWorkStartedOn === 'string' ? form.qualityWorkStartedOn : '',
    unitAccidentDeclared: form.unitAccident === true,
    badRecordDeclared: form.badRecord === true,
  };
}

/**
 * Live eligibility of a (possibly partial) application. A date not yet entered is a missing
 * item, not an "invalid date" failure, so that failure is left out until the date exists.
 */
export function evaluateEligibility(
  kind: ApplicantKind,
  profile: Pick<RuleProfile, 'eligibility'>,
  identityCode: string,
  form: FormData,
  applicationDeadline: IsoDate,
  previousWinners: readonly PreviousWinner[],
  today: IsoDate,
  /** GB/T 2260 code of the chosen county, for profiles whose regionCheck is 'county' (null = a zone without one). */
  countyRegionCode?: string | null,
): EligibilityResult {
  const result =
    kind === 'unit'
      ? checkUnitEligibility(profile, unitEligibilityInput(identityCode, form, countyRegionCode), { applicationDeadline }, previousWinners, today)
      : checkIndividualEligibility(profile, individualEligibilityInput(identityCode, form), { applicationDeadline }, previousWinners, today);
  const dateKey = kind === 'unit' ? 'mainBusinessStartedOn' : 'qualityWorkStartedOn';
  const failures = form[dateKey] ? result.failures : result.failures.filter((f) => f.code !== 'invalidDate');
  return { eligible: failures.length === 0, failures };
}
