import { z } from 'zod';
import { APPLICATION_STATES } from '../domain/lifecycle/states.js';
import { availableAction } from './actions.js';
import { isoDateTime } from './common.js';
import { decision } from './errors.js';
import { fileView } from './files.js';

/** The application as the API sends it; times are ISO strings (common.ts), one type on both sides. */
const instant = isoDateTime;

const state = z.enum(APPLICATION_STATES);
const kind = z.enum(['unit', 'individual']);
const decisionView = decision;
export type DecisionView = z.infer<typeof decisionView>;

export const reviewStatus = z.enum(['pending', 'passed', 'failed', 'overdue', 'overruled', 'closed']);
export type ReviewStatus = z.infer<typeof reviewStatus>;

export const applicationFile = fileView.pick({ id: true, originalName: true, size: true, mimeType: true, purpose: true, itemCode: true, createdAt: true });

export const countyOpinion = z.object({ round: z.number(), recommend: z.boolean(), opinion: z.string(), signer: z.string(), signedOn: z.string() });

export const qualificationReview = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  status: reviewStatus,
  reasons: z.string().nullable(),
  overruledReason: z.string().nullable(),
  decidedAt: instant.nullable(),
  evidenceFileId: z.string().nullable(),
});

export const application = z.object({
  id: z.string(),
  editionId: z.string(),
  editionName: z.string(),
  kind,
  name: z.string(),
  identityCode: z.string(),
  countyId: z.string().nullable(),
  countyName: z.string().nullable(),
  state,
  stateLabel: z.string(),
  revision: z.number(),
  form: z.record(z.string(), z.unknown()),
  submittedAt: instant.nullable(),
  correctionDueOn: z.string().nullable(),
  applicationDeadline: z.string(),
  eligibility: z.object({ eligible: z.boolean(), failures: z.array(z.object({ code: z.string(), article: z.string(), message: z.string(), field: z.string().optional() })) }),
  preference: z.object({ bonus: z.number(), tiebreakRank: z.number(), categories: z.array(z.string()), explanation: z.string() }),
  missing: z.array(z.object({ key: z.string(), label: z.string() })),
  history: z.array(z.object({ fromState: z.string(), toState: z.string(), fromLabel: z.string(), toLabel: z.string(), reason: z.string().nullable(), at: instant, actorName: z.string().nullable() })),
  /** The reason of the latest refusal the applicant must read (return, rejection, confirmed disqualification). */
  outcomeReason: z.string().nullable(),
  files: z.array(applicationFile),
  /** The county's opinion on the current submission round, and every round's. */
  countyOpinion: countyOpinion.nullable(),
  countyOpinions: z.array(countyOpinion),
  /** The departments' opinions: the office sees all, a department its own, others none (Art. 15, confidentiality). */
  qualification: z.object({ dueOn: z.string(), reviews: z.array(qualificationReview) }).nullable(),
  versions: z.array(z.object({ version: z.number(), submittedAt: instant })),
  /** What the caller may do besides lifecycle steps, each with the reason when not. */
  abilities: z.object({ edit: decisionView, upload: decisionView, review: decisionView, overrule: decisionView }),
  /** The lifecycle steps the caller's roles could take now, with the engine's verdict. */
  actions: z.array(availableAction),
});
export type ApplicationDto = z.infer<typeof application>;

export const applicationSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind,
  state,
  stateLabel: z.string(),
  submittedAt: instant.nullable(),
  updatedAt: instant,
  countyName: z.string().nullable(),
  editionName: z.string(),
  editionId: z.string(),
});
/**
 * `total` is exact, or null where the server cannot give it without counting the table (a
 * department's or an expert's list); `hasMore` always says whether a next page exists.
 */
export const applicationPage = z.object({ items: z.array(applicationSummary), total: z.number().nullable(), hasMore: z.boolean(), page: z.number(), pageSize: z.number() });
export type ApplicationSummary = z.infer<typeof applicationSummary>;
export type ApplicationPage = z.infer<typeof applicationPage>;

export const applicationVersion = z.object({ version: z.number(), form: z.record(z.string(), z.unknown()), fileIds: z.array(z.string()), submittedAt: instant });
export type ApplicationVersion = z.infer<typeof applicationVersion>;

export const qualificationMatrix = z.object({
  departments: z.array(z.object({ id: z.string(), name: z.string(), code: z.string().nullable() })),
  rows: z.array(z.object({ applicationId: z.string(), name: z.string(), kind, state, stateLabel: z.string(), dueOn: z.string(), cells: z.record(z.string(), reviewStatus) })),
});
export type QualificationMatrix = z.infer<typeof qualificationMatrix>;
