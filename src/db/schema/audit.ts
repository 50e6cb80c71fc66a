import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What an audit entry says, pending or chained (fresh builders per table: drizzle binds each to its table). */
const entryColumns = () => ({
  at: timestamp('at', { withTimezone: true }).notNull(),
  actorId: uuid('actor_id'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  requestId: text('request_id'),
});

/**
 * Append-only audit trail. Each row's hash covers its content and the previous row's
 * hash, so editing or deleting any row breaks the chain from there on. A trigger
 * (migration 0001) rejects UPDATE and DELETE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    ...entryColumns(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId)],
);

/**
 * The chain's head (one row), moved in the same transaction as each append. A hash chain
 * alone cannot tell that its newest records were deleted; comparing with the head can.
 */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/**
 * Audit entries of a transaction not yet committed. A deferred trigger (migration 0012)
 * chains each one at COMMIT — locks the head, hashes the entry after the head's hash, moves
 * it into audit_log and the head onto it — and deletes it here, so the table is empty
 * outside running transactions. The chain is thus locked only while the database commits,
 * never across a round trip to the application.
 *
 * The entry's hash text is its canonical JSON with two holes, filled in by the trigger:
 * `hash_head` + previous hash + `hash_mid` + seq + `hash_tail` (services/audit/chain.ts).
 */
export const auditPending = pgTable('audit_pending', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ...entryColumns(),
  hashHead: text('hash_head').notNull(),
  hashMid: text('hash_mid').notNull(),
  hashTail: text('hash_tail').notNull(),
});
