import { sql } from 'drizzle-orm';
import { bigint, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications, winners } from './applications.js';
import { decisions } from './decisions.js';
import { editions } from './editions.js';
import { users } from './identity.js';

/**
 * The decision and publication (SPEC §4 steps 8–13, §6; Art. 9, 16–23, 27): the satisfaction
 * survey, the review committee and its secret ballot, the public notice and its objections,
 * certificates, the things handed over and the prize money.
 */

/** One candidate's satisfaction survey (社会满意度测评, Art. 16): open for a period, then closed with its score. */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    /** The questions as they were when the survey opened (the profile may change later). */
    questions: jsonb('questions').$type<Record<string, string[]>>().notNull(),
    /** Set when the office closes it; the score (0–100) is fixed then and enters the composite. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    score: doublePrecision('score'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('surveys_application_uq').on(t.applicationId), index('surveys_edition_idx').on(t.editionId)],
);

/** A one-time code for one respondent of one group; only its hash is kept, the code goes out once in the batch's export. */
export const surveyCodes = pgTable(
  'survey_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    respondentGroup: text('respondent_group').notNull(),
    batch: integer('batch').notNull(),
    codeHash: text('code_hash').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('survey_codes_hash_uq').on(t.codeHash), index('survey_codes_survey_idx').on(t.surveyId)],
);

/** One answered questionnaire; the code it came through can answer once (unique). */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    codeId: uuid('code_id')
      .notNull()
      .references(() => surveyCodes.id),
    respondentGroup: text('respondent_group').notNull(),
    answers: jsonb('answers').$type<number[]>().notNull(),
    comment: text('comment'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('survey_responses_code_uq').on(t.codeId), index('survey_responses_survey_idx').on(t.surveyId)],
);

/** The review committee of an edition (Art. 9): its members, whose number must be odd when it is constituted. */
export const committees = pgTable('committees', {
  editionId: uuid('edition_id')
    .primaryKey()
    .references(() => editions.id),
  /** Set when the office constitutes it (odd membership checked); members are frozen from then on. */
  constitutedAt: timestamp('constituted_at', { withTimezone: true }),
  /** The leadership group's approval of the committee (Art. 7), where recorded. */
  documentNumber: text('document_number'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const committeeMembers = pgTable(
  'committee_members',
  {
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** chair, vice_chair or member */
    position: text('position').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.userId] }), check('committee_members_position_check', sql`position IN ('chair', 'vice_chair', 'member')`)],
);

/** A member's declared conflict with one candidate: they are recused from its deliberation and vote (SPEC §9). */
export const committeeRecusals = pgTable(
  'committee_recusals',
  {
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    reason: text('reason').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.userId, t.applicationId] })],
);

/** A plenary session (全体会议): who attended, when it opened and closed, the resolution it produced. */
export const committeeSessions = pgTable(
  'committee_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** The members present when the session opened (quorum checked against them). */
    presentUserIds: uuid('present_user_ids').array().notNull(),
    /** The candidates on the ballot. */
    applicationIds: uuid('application_ids').array().notNull(),
    openedBy: uuid('opened_by')
      .notNull()
      .references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The committee_resolution decision recorded when it closed. */
    decisionId: uuid('decision_id').references(() => decisions.id),
    /** The tally and result as computed at closing, for the minutes. */
    result: jsonb('result').$type<Record<string, unknown>>(),
  },
  (t) => [index('committee_sessions_edition_idx').on(t.editionId), uniqueIndex('committee_sessions_one_open_uq').on(t.editionId).where(sql`closed_at IS NULL`)],
);

/** Who cast a ballot on which candidate; never what they chose. */
export const ballotCasts = pgTable(
  'ballot_casts',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => committeeSessions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId, t.applicationId] })],
);

/** The tally per candidate and choice: counts only, so no row can tell who voted what. */
export const ballotTallies = pgTable(
  'ballot_tallies',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => committeeSessions.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** award, nomination or neither */
    choice: text('choice').notNull(),
    votes: integer('votes').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.applicationId, t.choice] }), check('ballot_tallies_choice_check', sql`choice IN ('award', 'nomination', 'neither')`)],
);

/** The public notice (公示, Art. 17): the to-be-awarded list, its period in working days. */
export const publicNotices = pgTable(
  'public_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** How to object: the office's contact, shown on the public page. */
    contact: text('contact').notNull(),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('public_notices_edition_uq').on(t.editionId)],
);

/** One entry of the notice's list; an upheld objection takes it off (removedAt) and the leadership decides again. */
export const publicNoticeItems = pgTable(
  'public_notice_items',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => publicNotices.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** award or nomination, as the leadership approved it. */
    category: text('category').notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedReason: text('removed_reason'),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.applicationId] })],
);

/** An objection to the notice (Art. 17), filed by anyone, named, with contact and evidence. */
export const objections = pgTable(
  'objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => publicNotices.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** A short public reference the filer keeps, e.g. YY-2026-0007. */
    reference: text('reference').notNull(),
    filerName: text('filer_name').notNull(),
    filerPhone: text('filer_phone').notNull(),
    filerEmail: text('filer_email'),
    filerOrganisation: text('filer_organisation'),
    content: text('content').notNull(),
    fileIds: uuid('file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    /** open, upheld or dismissed */
    status: text('status').notNull().default('open'),
    investigation: text('investigation'),
    ruling: text('ruling'),
    ruledBy: uuid('ruled_by').references(() => users.id),
    ruledAt: timestamp('ruled_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('objections_reference_uq').on(t.reference), index('objections_notice_idx').on(t.noticeId), check('objections_status_check', sql`status IN ('open', 'upheld', 'dismissed')`)],
);

/** A numbered certificate (Art. 19, 27); the serial is signed so it cannot be guessed. Validity follows the winner's revocation. */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    winnerId: uuid('winner_id')
      .notNull()
      .references(() => winners.id),
    serial: text('serial').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('certificates_serial_uq').on(t.serial), uniqueIndex('certificates_winner_uq').on(t.winnerId)],
);

/** A trophy, plaque or certificate handed over (Art. 19), or taken back on revocation (Art. 28–29). */
export const awardItems = pgTable(
  'award_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    winnerId: uuid('winner_id')
      .notNull()
      .references(() => winners.id),
    kind: text('kind').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    receivedBy: text('received_by').notNull(),
    recoveredOn: date('recovered_on', { mode: 'string' }),
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('award_items_winner_kind_uq').on(t.winnerId, t.kind), check('award_items_kind_check', sql`kind IN ('trophy', 'plaque', 'certificate')`)],
);

/** Prize money paid (Art. 19) or recovered (negative amount, Art. 28–29), in fen to stay exact. */
export const prizePayments = pgTable(
  'prize_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    winnerId: uuid('winner_id')
      .notNull()
      .references(() => winners.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    reference: text('reference').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('prize_payments_winner_idx').on(t.winnerId)],
);

/** A winner's report of how the money was used, against Art. 21's purposes, one line per purpose. */
export const prizeUsageReports = pgTable(
  'prize_usage_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    winnerId: uuid('winner_id')
      .notNull()
      .references(() => winners.id),
    lines: jsonb('lines').$type<{ purpose: string; amountFen: number; description: string }[]>().notNull(),
    fileIds: uuid('file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    reportedBy: uuid('reported_by')
      .notNull()
      .references(() => users.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('prize_usage_winner_idx').on(t.winnerId)],
);
