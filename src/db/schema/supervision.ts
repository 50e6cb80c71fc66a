import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications, winners } from './applications.js';
import { decisions } from './decisions.js';
import { editions } from './editions.js';
import { users } from './identity.js';
import { experts } from './technical.js';

/**
 * Supervision and revocation (SPEC §7–8; Art. 24–29): a case against a winner (revocation),
 * an applicant that broke the rules (Art. 25), an expert or a staff member (Art. 26), and an
 * expert's disqualification with the scores it set aside, before and after.
 */

/**
 * One case, from the report to its end. Each step fills its own columns, so the row is the
 * case's whole record; the audit trail holds who changed what and when.
 */
export const supervisionCases = pgTable(
  'supervision_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    /** A short reference for letters and the announcement, e.g. JD-2026-0003. */
    reference: text('reference').notNull(),
    /** revocation (Art. 28–29), applicant (Art. 25), expert or staff (Art. 26). */
    kind: text('kind').notNull(),
    applicationId: uuid('application_id').references(() => applications.id),
    winnerId: uuid('winner_id').references(() => winners.id),
    expertId: uuid('expert_id').references(() => experts.id),
    /** A staff member reported under Art. 26, by name and unit (they may have no account). */
    staffName: text('staff_name'),
    staffUnit: text('staff_unit'),
    /** The ground's code in the profile's list (revocation cases), and its article. */
    groundCode: text('ground_code'),
    groundArticle: text('ground_article'),
    facts: text('facts').notNull(),
    fileIds: uuid('file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    reportedBy: uuid('reported_by')
      .notNull()
      .references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    /** open → verified → proposed → decided → announced → closed; a case may close at any step. */
    status: text('status').notNull().default('open'),
    /** substantiated or unsubstantiated (经查证属实 or not). */
    finding: text('finding'),
    verification: text('verification'),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** The leadership group's proposal to the government (revocation), or its ruling (Art. 25). */
    proposalDecisionId: uuid('proposal_decision_id').references(() => decisions.id),
    /** The government's revocation decision. */
    decisionId: uuid('decision_id').references(() => decisions.id),
    announcement: text('announcement'),
    announcedOn: date('announced_on', { mode: 'string' }),
    /** revoked, excluded, expert_disqualified, referred or no_action once the case ends. */
    outcome: text('outcome'),
    closeReason: text('close_reason'),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('supervision_cases_reference_uq').on(t.reference),
    index('supervision_cases_edition_idx').on(t.editionId),
    index('supervision_cases_application_idx').on(t.applicationId),
    check('supervision_cases_kind_check', sql`kind IN ('revocation', 'applicant', 'expert', 'staff')`),
    check('supervision_cases_status_check', sql`status IN ('open', 'verified', 'proposed', 'decided', 'announced', 'closed')`),
    check('supervision_cases_finding_check', sql`finding IS NULL OR finding IN ('substantiated', 'unsubstantiated')`),
    check('supervision_cases_outcome_check', sql`outcome IS NULL OR outcome IN ('revoked', 'excluded', 'expert_disqualified', 'referred', 'no_action')`),
  ],
);

/**
 * An expert disqualified for an edition (Art. 26). Their scorebooks of the edition are set
 * aside in the same transaction; `before` and `after` keep the results it changed.
 */
export const expertDisqualifications = pgTable(
  'expert_disqualifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id),
    caseId: uuid('case_id').references(() => supervisionCases.id),
    reason: text('reason').notNull(),
    before: jsonb('before').notNull(),
    after: jsonb('after').notNull(),
    disqualifiedBy: uuid('disqualified_by')
      .notNull()
      .references(() => users.id),
    disqualifiedAt: timestamp('disqualified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('expert_disqualifications_uq').on(t.editionId, t.expertId)],
);
