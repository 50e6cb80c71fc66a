// Hand-written shapes of the application area, until its routes declare them in src/contract.
// Every other response type is imported from src/contract directly.
import type { CurrentEdition, ScoringTemplate, TemplateItem } from '../../contract/intake';
export type { CurrentEdition, ScoringTemplate, TemplateItem };

export type Abilities = Record<string, boolean | undefined>;

// ---- Intake (issue 4): applications, review, inbox, calendar ----

// The application area: one definition, in the contract the server validates with.
export type { ApplicationDto as Application, ApplicationSummary, ApplicationVersion, ReviewStatus, DecisionView } from '../../contract/applications';
export type { AvailableAction as ApplicationTransition, AvailableAction } from '../../contract/actions';
export type ApplicantKind = 'unit' | 'individual';
export type ApplicationForm = Record<string, unknown> & { selfEvaluation?: Record<string, string> };
type Dto = import('../../contract/applications').ApplicationDto;
export type QualificationReview = NonNullable<Dto['qualification']>['reviews'][number];

export interface ApplicationFile {
  id: string;
  originalName: string;
  size: number;
  mimeType: string;
  purpose: string;
  itemCode: string | null;
  createdAt: string;
  /** Sent by GET /api/applications/:id/files (not in Application.files). */
  abilities?: { download?: boolean; delete?: boolean };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
