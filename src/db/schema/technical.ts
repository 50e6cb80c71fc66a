import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications.js';
import { editions } from './editions.js';
import { organisations, users } from './identity.js';

/**
 * The technical review (Art. 8, 15, 24, 26; SPEC §5, §9): the agency's expert pool, the
 * experts' commitments, conflicts declared or dismissed, panel assignments per stage,
 * scorebooks, on-site and defence schedules, and the report the agency submits.
 */

export interface FormerEmployer {
  unit: string;
  fromYear: number;
  toYear: number | null;
}

/** One expert of an agency's pool; `userId` is the expert's login, when one exists. */
export const experts = pgTable(
  'experts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    title: text('title').notNull(),
    /** GB/T 4754 codes (sections or divisions), the classification of the applications. */
    industries: text('industries').array().notNull(),
    countyName: text('county_name'),
    phone: text('phone').notNull(),
    email: text('email'),
    formerEmployers: jsonb('former_employers').$type<FormerEmployer[]>().notNull().default([]),
    relativesUnits: text('relatives_units').array().notNull().default(sql`'{}'::text[]`),
    advisedUnits: text('advised_units').array().notNull().default(sql`'{}'::text[]`),
    available: boolean('available').notNull().default(true),
    maxLoad: integer('max_load').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('experts_agency_name_unit_uq').on(t.agencyId, t.name, t.unit),
    uniqueIndex('experts_user_uq').on(t.userId),
    check('experts_max_load_check', sql`max_load BETWEEN 1 AND 50`),
  ],
);

/** Art. 24: the confidentiality and conflict-of-interest commitment, per edition, before anything is seen. */
export const expertCommitments = pgTable(
  'expert_commitments',
  {
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id),
    /** sha256 of the commitment text accepted, so a later wording change is visible. */
    textDigest: text('text_digest').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('expert_commitments_uq').on(t.editionId, t.expertId)],
);

/** A conflict declared by the expert or entered by the agency (rule 'declared'). */
export const conflictDeclarations = pgTable(
  'conflict_declarations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    source: text('source').$type<'expert' | 'agency'>().notNull(),
    reason: text('reason').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conflict_declarations_uq').on(t.expertId, t.applicationId)],
);

/** A detected conflict the agency judged a false positive, with its reason (audited). */
export const conflictDismissals = pgTable(
  'conflict_dismissals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    rule: text('rule').notNull(),
    reason: text('reason').notNull(),
    dismissedBy: uuid('dismissed_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conflict_dismissals_uq').on(t.expertId, t.applicationId, t.rule)],
);

/** An expert on an application's panel for one technical stage; the group leader is flagged. */
export const panelAssignments = pgTable(
  'panel_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    stage: text('stage').notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id),
    isLeader: boolean('is_leader').notNull().default(false),
    affinity: doublePrecision('affinity').notNull().default(0),
    /** Why this expert: industry match, experience; shown to the agency. */
    why: text('why').notNull().default(''),
    assignedBy: uuid('assigned_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('panel_assignments_uq').on(t.stage, t.applicationId, t.expertId),
    index('panel_assignments_expert_idx').on(t.expertId, t.editionId),
    index('panel_assignments_edition_idx').on(t.editionId, t.stage),
    check('panel_assignments_stage_check', sql`stage IN ('material', 'onsite', 'defence')`),
  ],
);

/** One expert's scorebook (or the group leader's consensus) for an application at a stage. */
export const scorebooks = pgTable(
  'scorebooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    stage: text('stage').notNull(),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id),
    kind: text('kind').$type<'independent' | 'consensus'>().notNull(),
    /** Per item code: { percent, strengths, opportunities, evidence }. */
    items: jsonb('items').$type<Record<string, unknown>>().notNull().default({}),
    total: doublePrecision('total').notNull().default(0),
    status: text('status').$type<'draft' | 'submitted'>().notNull().default('draft'),
    /** Set aside when the expert was disqualified for abuse (Art. 26). */
    setAsideAt: timestamp('set_aside_at', { withTimezone: true }),
    revision: integer('revision').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('scorebooks_uq').on(t.applicationId, t.stage, t.expertId, t.kind),
    index('scorebooks_edition_idx').on(t.editionId, t.stage),
    check('scorebooks_status_check', sql`status IN ('draft', 'submitted')`),
    check('scorebooks_kind_check', sql`kind IN ('independent', 'consensus')`),
  ],
);

/** The on-site review or the defence of one application: when, where, the agenda. */
export const stageSchedules = pgTable(
  'stage_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    stage: text('stage').notNull(),
    scheduledOn: date('scheduled_on', { mode: 'string' }).notNull(),
    location: text('location').notNull(),
    agenda: text('agenda').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('stage_schedules_uq').on(t.applicationId, t.stage)],
);

/** The technical results report the agency submits to the office (Art. 8), frozen as submitted. */
export const technicalReports = pgTable(
  'technical_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('technical_reports_edition_uq').on(t.editionId)],
);
