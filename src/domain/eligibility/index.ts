export type {
  EligibilityFailure,
  EligibilityFailureCode,
  EligibilityResult,
  UnitEligibilityInput,
  IndividualEligibilityInput,
  EditionDates,
  PreviousWinner,
} from './types.js';
export { checkUnitEligibility, checkIndividualEligibility, yearsCompleted } from './rules.js';
export { preferenceEffect, rankWithPreference, type PreferenceEffect, type RankInput, type RankedEntry } from './preference.js';
