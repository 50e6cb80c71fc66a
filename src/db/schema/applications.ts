import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { APPLICATION_STATES, type ApplicationState } from '../../domain/lifecycle/states.js';
import type { ApplicantKind } from '../../domain/profile/schema.js';
import { editions } from './editions.js';
import { organisations, users } from './identity.js';

/**
 * An application (unit or individual) in one edition. Its `state` changes only through
 * the lifecycle service's transition(), guarded by `WHERE state = $from`.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    kind: text('kind').$type<ApplicantKind>().notNull(),
    applicantUserId: uuid('applicant_user_id')
      .notNull()
      .references(() => users.id),
    /** The applicant unit's own organisation row (units only). */
    applicantOrganisationId: uuid('applicant_organisation_id').references(() => organisations.id),
    /** The county body that recommends it (Art. 14). */
    countyId: uuid('county_id').references(() => organisations.id),
    /** Unified social credit code (units) or resident ID number (individuals). */
    identityCode: text('identity_code').notNull(),
    name: text('name').notNull(),
    state: text('state').$type<ApplicationState>().notNull().default('draft'),
    form: jsonb('form').$type<Record<string, unknown>>().notNull().default({}),
    /** Bumped on every saved change; the basis of optimistic concurrency for forms. */
    revision: integer('revision').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** Set when the office returns it for correction: the last day to resubmit. */
    correctionDueOn: date('correction_due_on', { mode: 'string' }),
    /** Art. 11 preferred categories the applicant claims (profile.preference.categories codes). */
    preferenceCategories: text('preference_categories').array().notNull().default(sql`'{}'::text[]`),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('applications_edition_identity_uq').on(t.editionId, t.identityCode),
    index('applications_edition_state_idx').on(t.editionId, t.state),
    index('applications_county_idx').on(t.countyId),
    index('applications_applicant_idx').on(t.applicantUserId),
    // Lists are ordered by the latest change; without this index every page sorts the whole table.
    // NULLS FIRST matches a plain `ORDER BY … DESC`, or the planner cannot use the index.
    index('applications_updated_idx').on(t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The database refuses a state the domain does not know (the list is the domain's one table).
    check('applications_state_check', sql.raw(`state IN (${APPLICATION_STATES.map((s) => `'${s}'`).join(', ')})`)),
  ],
);

/** Every state change of an application, never rewritten. */
export const applicationHistory = pgTable(
  'application_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    requestId: text('request_id'),
  },
  (t) => [index('application_history_app_idx').on(t.applicationId)],
);

/** Winners across all editions (Art. 6 "may not apply again"), kept also when revoked. */
export const winners = pgTable(
  'winners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').references(() => applications.id),
    editionId: uuid('edition_id').references(() => editions.id),
    identityCode: text('identity_code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** The prize type code of the profile (profile.prizeTypes). */
    prizeType: text('prize_type'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('winners_identity_idx').on(t.identityCode)],
);
