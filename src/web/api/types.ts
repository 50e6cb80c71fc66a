// Names the web uses for contract types: no shape is written here, every one is derived from
// the schemas in src/contract that the server validates and serialises its responses with.
import type { CurrentEdition, ScoringTemplate, TemplateItem } from '../../contract/intake';
export type { CurrentEdition, ScoringTemplate, TemplateItem };

export type { ApplicationDto as Application, ApplicationSummary, ApplicationVersion, ReviewStatus, DecisionView } from '../../contract/applications';
export type { AvailableAction as ApplicationTransition, AvailableAction } from '../../contract/actions';
export type ApplicantKind = 'unit' | 'individual';
export type ApplicationForm = Record<string, unknown> & { selfEvaluation?: Record<string, string> };
type Dto = import('../../contract/applications').ApplicationDto;
export type QualificationReview = NonNullable<Dto['qualification']>['reviews'][number];

/** A file as Application.files lists it; GET /api/applications/:id/files adds its abilities. */
export type ApplicationFile = Dto['files'][number] & { abilities?: import('../../contract/files').FileView['abilities'] };
