// Shapes of the v1 HTTP API (docs/api-contract.md). Types only.
import type { OrganisationKind, Role } from '../../domain/roles';

export type Abilities = Record<string, boolean | undefined>;

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  organisationId: string | null;
  organisationName: string | null;
}

export interface MeResponse {
  user: CurrentUser;
  csrfToken: string;
}

export interface PublicCall {
  editionId: string;
  editionName: string;
  number: number;
  year: number;
  callText: string;
  callPublishedAt: string;
  applicationDeadline: string;
}

/** The contract does not yet define notice/winner items; the UI reads these fields when present. */
export interface PublicNotice {
  id?: string;
  title?: string;
  name?: string;
  text?: string;
  publishedAt?: string;
  startsOn?: string;
  endsOn?: string;
  link?: string;
}

export interface PublicWinner {
  id?: string;
  name?: string;
  displayName?: string;
  category?: string;
  awardType?: string;
  kind?: string;
  editionName?: string;
  year?: number;
}

export interface PublicHome {
  awardName: string;
  currentCall: PublicCall | null;
  notices: PublicNotice[];
  winners: PublicWinner[];
}

export interface Task {
  id: string;
  kind: string;
  title: string;
  detail: string;
  dueOn: string | null;
  link: string;
}

export interface RuleProfile {
  id: string;
  code: string;
  name: string;
  documentNumber: string;
  validFrom: string;
  validTo: string | null;
  cycleYears: number;
  quotas: unknown;
  departments: unknown;
  noticeWorkingDays: number;
}

// Shared with the server: one definition of an edition's status and schedule.
import type { Schedule as EditionSchedule } from '../../domain/edition-schedule';
import type { EditionStatus } from '../../domain/policies/editions';
export type { EditionSchedule, EditionStatus };

export interface Edition {
  id: string;
  profileId: string;
  profileName: string;
  number: number;
  year: number;
  name: string;
  status: EditionStatus;
  opensOn: string;
  schedule: EditionSchedule | null;
  callText: string | null;
  callPublishedAt: string | null;
  createdAt: string;
  abilities: { update?: boolean; setSchedule?: boolean; publishCall?: boolean; close?: boolean };
}

export interface ListResponse<T> {
  items: T[];
  abilities?: { create?: boolean };
}

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  code: string | null;
  active: boolean;
  abilities: { update?: boolean };
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  organisationId: string | null;
  organisationName: string | null;
  active: boolean;
  lockedUntil: string | null;
  abilities: { view?: boolean; update?: boolean; unlock?: boolean };
}

export interface AuditRecord {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: null | { seq: number; problem: string };
}

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

export interface TemplateItem {
  code: string;
  name: string;
  points: number;
}
export interface ScoringTemplate {
  code: string;
  name: string;
  total: number;
  categories: Array<{ code: string; name: string; items: TemplateItem[] }>;
}

export interface CurrentEdition {
  id: string;
  name: string;
  number: number;
  year: number;
  applicationDeadline: string | null;
  profile: {
    preferenceCategories: Array<{ code: string; label: string }>;
    scoringTemplates: { unit: ScoringTemplate; individual: ScoringTemplate };
    departments: Array<{ code: string; name: string }>;
  };
}

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
