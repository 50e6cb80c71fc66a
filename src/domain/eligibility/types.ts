import type { IsoDate } from '../calendar/dates.js';

/** One failed condition: a stable code, the article it comes from and a Chinese reason. */
export interface EligibilityFailure {
  code: EligibilityFailureCode;
  /** e.g. '第十条第（一）项' */
  article: string;
  message: string;
  /** The form field the failure is about, when there is one (e.g. 'mainBusinessStartedOn'). */
  field?: string;
}

export type EligibilityFailureCode =
  | 'notInCity'
  | 'notIndependent'
  | 'identityInvalid'
  | 'businessYears'
  | 'qualityWorkYears'
  | 'majorAccident'
  | 'complaints'
  | 'violation'
  | 'unitAccident'
  | 'badRecord'
  | 'previousWinner'
  | 'invalidDate'
  | 'implausibleDate'
  | 'outsideRegion'
  | 'countyMismatch';

export interface EligibilityResult {
  eligible: boolean;
  failures: EligibilityFailure[];
}

/** What a unit states in its application (Art. 3, 10). Declarations are signed by the applicant. */
export interface UnitEligibilityInput {
  creditCode: string;
  /** When the main business started operating (主体业务正常运行起始日). */
  mainBusinessStartedOn: IsoDate;
  /** Registered in the city's administrative area (Art. 3). */
  locatedInCity: boolean;
  /**
   * GB/T 2260 code of the county the applicant chose (Art. 3), for profiles that check the county:
   * null = an area without a code (a development zone); absent = not known, not compared.
   */
  countyRegionCode?: string | null;
  /** Can bear legal liability independently (Art. 3). */
  legallyIndependent: boolean;
  /** A major quality, safety, environmental or public-health accident in the clean-record period (Art. 10 (5)). */
  declaredMajorAccidentWithinYears: boolean;
  /** A prominent customer-complaint problem caused by the unit (Art. 10 (5)). */
  declaredProminentComplaints: boolean;
  /** Any other violation of laws or regulations in the clean-record period (Art. 10 (6)). */
  declaredViolationWithinYears: boolean;
}

/** What an individual states in their application (Art. 3, 12). */
export interface IndividualEligibilityInput {
  idNumber: string;
  /** When the person started quality-related work in the city (在本市从事质量相关工作起始日). */
  qualityWorkStartedOn: IsoDate;
  /** The person's employer had a major accident in the clean-record period (Art. 12 (6)). */
  unitAccidentDeclared: boolean;
  /** Bad records or violations of law, regulation or discipline (Art. 12 (7)). */
  badRecordDeclared: boolean;
}

export interface EditionDates {
  /** The edition's application deadline day; periods are counted up to and including it. */
  applicationDeadline: IsoDate;
}

/** A winner of any edition, revoked ones included (Art. 6). */
export interface PreviousWinner {
  creditCode?: string | null;
  idNumber?: string | null;
  revoked: boolean;
  /** award (市长质量奖) or nomination (提名奖); absent = award. */
  category?: 'award' | 'nomination';
  editionYear?: number;
}
