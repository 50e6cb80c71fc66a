import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Schedule } from '../../domain/edition-schedule.js';
import type { RuleProfile } from '../../domain/profile/schema.js';
import { EDITION_PHASES, type EditionPhase } from '../../domain/lifecycle/states.js';
import { users } from './identity.js';

/** A rule profile (one set of Measures) stored as validated JSON. */
export const ruleProfiles = pgTable('rule_profiles', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }).notNull(),
  rules: jsonb('rules').$type<RuleProfile>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The edition's deadlines, as defined (and checked) in the domain. */
export type EditionSchedule = Schedule;

/** An edition (届) of the award. At most one is open per award at a time (partial unique index). */
export const editions = pgTable(
  'editions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    award: text('award').notNull().default('mayor-quality-award'),
    profileId: uuid('profile_id')
      .notNull()
      .references(() => ruleProfiles.id),
    number: integer('number').notNull(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull().default('draft'),
    /** The edition's phase of the procedure (domain/lifecycle/edition-phases.ts); moves only forward. */
    phase: text('phase').$type<EditionPhase>().notNull().default('call'),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    schedule: jsonb('schedule').$type<EditionSchedule>(),
    callText: text('call_text'),
    callPublishedAt: timestamp('call_published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When the office published the winners (Art. 18); the edition then shows on the public winners page. */
    resultsPublishedAt: timestamp('results_published_at', { withTimezone: true }),
    /** When the office released the feedback reports to the applicants. */
    feedbackReleasedAt: timestamp('feedback_released_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('editions_award_number_uq').on(t.award, t.number),
    uniqueIndex('editions_one_open_per_award_uq').on(t.award).where(sql`status = 'open'`),
    index('editions_status_idx').on(t.status),
    check('editions_phase_check', sql.raw(`phase IN (${EDITION_PHASES.map((p) => `'${p}'`).join(', ')})`)),
  ],
);

/** Years whose complete holiday arrangement the office has entered as overrides (see domain/calendar). */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  note: text('note').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Office-editable working-day overrides for years the calendar package does not cover, or local changes. */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date', { mode: 'string' }).primaryKey(),
  kind: text('kind').notNull(),
  note: text('note').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
