// Hand-written shapes of the application area, until its routes declare them in src/contract.
// Every other response type is imported from src/contract directly.
import type { CurrentEdition, ScoringTemplate, TemplateItem } from '../../contract/intake';
export type { CurrentEdition, ScoringTemplate, TemplateItem };

export type Abilities = Record<string, boolean | undefined>;

// ---- Intake (issue 4): applications, review, inbox, calendar ----

export type ApplicantKind = 'unit' | 'individual';
export type ApplicationForm = Record<string, unknown> & { selfEvaluation?: Record<string, string> };
export type ReviewStatus = 'pending' | 'passed' | 'failed' | 'overdue' | 'overruled' | 'closed';

export interface ApplicationFile {
  id: string;
  originalName: string;
  size: number;
  mimeType: string;
  purpose: 'evidence' | 'self_evaluation' | 'department_evidence';
  itemCode: string | null;
  createdAt: string;
  /** Sent by GET /api/applications/:id/files (not in Application.files). */
  abilities?: { download?: boolean; delete?: boolean };
}

export interface ApplicationTransition {
  action: string;
  to: string;
  label: string;
  enabled: boolean;
  blockedBy: string | null;
  reasonRequired: boolean;
}

export interface QualificationReview {
  departmentId: string;
  departmentName: string;
  status: ReviewStatus;
  reasons: string | null;
  overruledReason?: string | null;
  decidedAt: string | null;
  evidenceFileId: string | null;
}

export interface Application {
  id: string;
  editionId: string;
  editionName: string;
  kind: ApplicantKind;
  name: string;
  identityCode: string;
  countyId: string | null;
  countyName: string | null;
  state: string;
  stateLabel: string;
  revision: number;
  form: ApplicationForm;
  submittedAt: string | null;
  correctionDueOn: string | null;
  applicationDeadline: string;
  eligibility: { eligible: boolean; failures: Array<{ code: string; article: string; message: string }> };
  missing: Array<{ key: string; label: string }>;
  history: Array<{ fromState: string; toState: string; fromLabel: string; toLabel: string; reason: string | null; at: string; actorName: string | null }>;
  outcomeReason: string | null;
  files: ApplicationFile[];
  countyOpinion: null | { recommend: boolean; opinion: string; signer: string; signedOn: string };
  qualification: null | { dueOn: string; reviews: QualificationReview[] };
  versions: Array<{ version: number; submittedAt: string }>;
  /** edit, upload, recommend, review, overrule (server names). */
  abilities: Abilities;
  transitions: ApplicationTransition[];
}

/** GET /api/applications/:id/versions/:version: the form as submitted that time. */
export interface ApplicationVersion {
  version: number;
  form: ApplicationForm;
  fileIds: string[];
  submittedAt: string;
}

export interface ApplicationSummary {
  id: string;
  name: string;
  kind: ApplicantKind;
  countyName: string | null;
  state: string;
  stateLabel: string;
  submittedAt: string | null;
  editionName: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
