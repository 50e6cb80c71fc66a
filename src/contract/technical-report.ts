import { z } from 'zod';
import { APPLICANT_KINDS, TECHNICAL_STAGES } from '../domain/profile/schema.js';
import { STAGE_LABELS } from '../domain/lifecycle/states.js';
import { isoDateTime } from './common.js';

/**
 * The technical results report (技术评审结果报告): one plain data shape that the PDF and Excel
 * renderers and the browser all display.
 *
 * Model: one section per applicant kind. Units and individuals are scored on different templates,
 * so each section carries its own categories, its own ranked rows and its own cohort means; ranks
 * and cohort means are computed within a section (a unit is never compared with an individual).
 * A section with no rows is simply left out.
 */
export const technicalStage = z.enum(TECHNICAL_STAGES);
export type TechnicalStage = z.infer<typeof technicalStage>;

export const applicantKind = z.enum(APPLICANT_KINDS);
export type ApplicantKind = z.infer<typeof applicantKind>;

/** A category (类目) of the kind's scoring template, with its full points. */
export const reportCategory = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  points: z.number().positive(),
});
export type ReportCategory = z.infer<typeof reportCategory>;

/** One stage's score of an applicant; null in the row when the applicant did not reach the stage. */
export const stageScore = z.object({
  raw: z.number(),
  calibrated: z.number().nullable(),
  experts: z.number().int().nonnegative(),
});
export type StageScore = z.infer<typeof stageScore>;

export const reportRow = z.object({
  applicationId: z.string().min(1),
  applicantName: z.string().min(1),
  rank: z.number().int().positive(),
  /** Technical total, weighted across stages; calibrated is null when calibration was refused. */
  raw: z.number(),
  calibrated: z.number().nullable(),
  /** Keyed by the report's stages; a stage the applicant did not reach is null. */
  stageScores: z.partialRecord(technicalStage, stageScore.nullable()),
  /** Keyed by the section's category codes: mean over experts of the category sum. */
  categoryScores: z.record(z.string(), z.number()),
  disagreement: z.boolean(),
});
export type ReportRow = z.infer<typeof reportRow>;

export const reportSection = z.object({
  kind: applicantKind,
  categories: z.array(reportCategory).min(1),
  /** In rank order. */
  rows: z.array(reportRow),
  /** Mean of categoryScores over the section's rows, per category code. */
  cohort: z.object({ categoryMeans: z.record(z.string(), z.number()) }),
});
export type ReportSection = z.infer<typeof reportSection>;

export const technicalReport = z.object({
  edition: z.object({ id: z.string().min(1), name: z.string().min(1), year: z.number().int() }),
  generatedAt: isoDateTime,
  agencyName: z.string().min(1),
  /** In the profile's order. */
  stages: z.array(technicalStage).min(1),
  sections: z.array(reportSection),
  notes: z.array(z.string()),
});
export type TechnicalReport = z.infer<typeof technicalReport>;

export const APPLICANT_KIND_LABELS: Record<ApplicantKind, string> = { unit: '单位', individual: '个人' };
export const TECHNICAL_STAGE_LABELS: Record<TechnicalStage, string> = STAGE_LABELS;

