import { integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { ApplicationState } from '../../domain/lifecycle/states.js';

/**
 * How many applications each edition holds per county and state, kept exact by triggers on
 * `applications` (migration 0011) in the same transaction as every insert, delete and change
 * of state, edition or county — so a list page totals these few rows instead of counting the
 * applications table. A county of NULL (no county body) is one group of its own; an emptied
 * group has no row, so the table equals a GROUP BY of the applications.
 */
export const applicationStateCounts = pgTable(
  'application_state_counts',
  {
    editionId: uuid('edition_id').notNull(),
    countyId: uuid('county_id'),
    state: text('state').$type<ApplicationState>().notNull(),
    n: integer('n').notNull(),
  },
  (t) => [unique('application_state_counts_key').on(t.editionId, t.countyId, t.state).nullsNotDistinct()],
);
