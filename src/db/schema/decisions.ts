import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications.js';
import { editions } from './editions.js';
import { users } from './identity.js';

/**
 * A decision over a list of applications (advancement, candidate list, committee resolution,
 * leadership approval, government decision, revocation): recorded first, with who decided,
 * the document number and date; the procedure then moves the applications it names.
 */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    /** One of domain/lifecycle/decisions.ts DECISION_KINDS. */
    kind: text('kind').notNull(),
    /** 文号, where the body issues one. */
    documentNumber: text('document_number'),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('decisions_edition_idx').on(t.editionId, t.kind)],
);

/** The outcome a decision gives one application. */
export const decisionItems = pgTable(
  'decision_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    outcome: text('outcome').notNull(),
    /** award or nomination, where the outcome places the application on a list (committee, leadership). */
    category: text('category'),
    reason: text('reason'),
  },
  (t) => [uniqueIndex('decision_items_uq').on(t.decisionId, t.applicationId), index('decision_items_app_idx').on(t.applicationId)],
);
