import { bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications.js';
import { organisations, users } from './identity.js';

/**
 * A stored file. The bytes live on disk under their sha256 (content-addressed); this row
 * is committed only after the bytes are durable, so a row never points at missing bytes.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mimeType: text('mime_type').notNull(),
    originalName: text('original_name').notNull(),
    /** What the file is for: 'evidence', 'self_evaluation', 'department_evidence', … */
    purpose: text('purpose').notNull(),
    /** The scoring-template item a self-evaluation attachment belongs to. */
    itemCode: text('item_code'),
    applicationId: uuid('application_id').references(() => applications.id),
    /** Null only for an objection's evidence, which a member of the public files without an account. */
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_application_idx').on(t.applicationId), index('files_sha_idx').on(t.sha256)],
);

/** Every read of a file: who, when, which (SPEC §7, Art. 24). */
export const fileReads = pgTable(
  'file_reads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    userId: uuid('user_id').references(() => users.id),
    requestId: text('request_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('file_reads_file_idx').on(t.fileId)],
);

/** A frozen copy of the application at each submission or resubmission. */
export const applicationVersions = pgTable(
  'application_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    version: integer('version').notNull(),
    form: jsonb('form').$type<Record<string, unknown>>().notNull(),
    fileIds: jsonb('file_ids').$type<string[]>().notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('application_versions_uq').on(t.applicationId, t.version)],
);

/** The county body's signed recommendation opinion (Art. 14). */
/**
 * The county body's signed opinions (Art. 14), one per submission round: after a return for
 * correction and a resubmission the county signs again, and every earlier round is kept.
 */
export const countyOpinions = pgTable(
  'county_opinions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** The submitted version this opinion answers (application_versions.version). */
    round: integer('round').notNull(),
    countyId: uuid('county_id')
      .notNull()
      .references(() => organisations.id),
    recommend: boolean('recommend').notNull(),
    opinion: text('opinion').notNull(),
    signer: text('signer').notNull(),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('county_opinions_round_uq').on(t.applicationId, t.round)],
);

/** One department's qualification review of one application (Art. 15), done in parallel. */
export const qualificationReviews = pgTable(
  'qualification_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => organisations.id),
    /** pending | passed | failed */
    status: text('status').notNull().default('pending'),
    reasons: text('reasons'),
    evidenceFileId: uuid('evidence_file_id').references(() => files.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The office may overrule a failed opinion with a written reason (audited); it then no longer objects. */
    overruledReason: text('overruled_reason'),
    overruledBy: uuid('overruled_by').references(() => users.id),
    overruledAt: timestamp('overruled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('qualification_reviews_uq').on(t.applicationId, t.departmentId),
    index('qualification_reviews_department_idx').on(t.departmentId, t.status),
  ],
);

/** The in-app inbox (待办通知): one row per person and message. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt)],
);

/**
 * E-mail outbox, written in the same transaction as the change that causes it and sent
 * afterwards by a worker (transactional outbox): a rolled-back change sends nothing.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** pending | sent | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_status_idx').on(t.status)],
);

/** Contact verification codes for self-registration (hash only). */
export const contactVerifications = pgTable('contact_verifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  contact: text('contact').notNull(),
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
