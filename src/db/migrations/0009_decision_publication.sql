CREATE TABLE "award_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"winner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"issued_on" date NOT NULL,
	"received_by" text NOT NULL,
	"recovered_on" date,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "award_items_kind_check" CHECK (kind IN ('trophy', 'plaque', 'certificate'))
);
--> statement-breakpoint
CREATE TABLE "ballot_casts" (
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	CONSTRAINT "ballot_casts_session_id_user_id_application_id_pk" PRIMARY KEY("session_id","user_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_tallies" (
	"session_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ballot_tallies_session_id_application_id_choice_pk" PRIMARY KEY("session_id","application_id","choice"),
	CONSTRAINT "ballot_tallies_choice_check" CHECK (choice IN ('award', 'nomination', 'neither'))
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"winner_id" uuid NOT NULL,
	"serial" text NOT NULL,
	"issued_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_members" (
	"edition_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"position" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committee_members_edition_id_user_id_pk" PRIMARY KEY("edition_id","user_id"),
	CONSTRAINT "committee_members_position_check" CHECK (position IN ('chair', 'vice_chair', 'member'))
);
--> statement-breakpoint
CREATE TABLE "committee_recusals" (
	"edition_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committee_recusals_edition_id_user_id_application_id_pk" PRIMARY KEY("edition_id","user_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "committee_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"present_user_ids" uuid[] NOT NULL,
	"application_ids" uuid[] NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"decision_id" uuid,
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "committees" (
	"edition_id" uuid PRIMARY KEY NOT NULL,
	"constituted_at" timestamp with time zone,
	"document_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"filer_name" text NOT NULL,
	"filer_phone" text NOT NULL,
	"filer_email" text,
	"filer_organisation" text,
	"content" text NOT NULL,
	"file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"investigation" text,
	"ruling" text,
	"ruled_by" uuid,
	"ruled_at" timestamp with time zone,
	CONSTRAINT "objections_status_check" CHECK (status IN ('open', 'upheld', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "prize_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"winner_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prize_usage_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"winner_id" uuid NOT NULL,
	"lines" jsonb NOT NULL,
	"file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"reported_by" uuid NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_notice_items" (
	"notice_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"category" text NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_reason" text,
	CONSTRAINT "public_notice_items_notice_id_application_id_pk" PRIMARY KEY("notice_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "public_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"contact" text NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"respondent_group" text NOT NULL,
	"batch" integer NOT NULL,
	"code_hash" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"code_id" uuid NOT NULL,
	"respondent_group" text NOT NULL,
	"answers" jsonb NOT NULL,
	"comment" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"questions" jsonb NOT NULL,
	"closed_at" timestamp with time zone,
	"score" double precision,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "files" ALTER COLUMN "uploaded_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "results_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "feedback_released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "winners" ADD COLUMN "prize_type" text;--> statement-breakpoint
ALTER TABLE "decision_items" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "award_items" ADD CONSTRAINT "award_items_winner_id_winners_id_fk" FOREIGN KEY ("winner_id") REFERENCES "public"."winners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_items" ADD CONSTRAINT "award_items_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_casts" ADD CONSTRAINT "ballot_casts_session_id_committee_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."committee_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_casts" ADD CONSTRAINT "ballot_casts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_casts" ADD CONSTRAINT "ballot_casts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_tallies" ADD CONSTRAINT "ballot_tallies_session_id_committee_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."committee_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_tallies" ADD CONSTRAINT "ballot_tallies_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_winner_id_winners_id_fk" FOREIGN KEY ("winner_id") REFERENCES "public"."winners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_recusals" ADD CONSTRAINT "committee_recusals_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_recusals" ADD CONSTRAINT "committee_recusals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_recusals" ADD CONSTRAINT "committee_recusals_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_sessions" ADD CONSTRAINT "committee_sessions_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_sessions" ADD CONSTRAINT "committee_sessions_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_sessions" ADD CONSTRAINT "committee_sessions_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_notice_id_public_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."public_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_ruled_by_users_id_fk" FOREIGN KEY ("ruled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_payments" ADD CONSTRAINT "prize_payments_winner_id_winners_id_fk" FOREIGN KEY ("winner_id") REFERENCES "public"."winners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_payments" ADD CONSTRAINT "prize_payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_usage_reports" ADD CONSTRAINT "prize_usage_reports_winner_id_winners_id_fk" FOREIGN KEY ("winner_id") REFERENCES "public"."winners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_usage_reports" ADD CONSTRAINT "prize_usage_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_notice_items" ADD CONSTRAINT "public_notice_items_notice_id_public_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."public_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_notice_items" ADD CONSTRAINT "public_notice_items_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_notices" ADD CONSTRAINT "public_notices_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_notices" ADD CONSTRAINT "public_notices_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_codes" ADD CONSTRAINT "survey_codes_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_code_id_survey_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."survey_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "award_items_winner_kind_uq" ON "award_items" USING btree ("winner_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_serial_uq" ON "certificates" USING btree ("serial");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_winner_uq" ON "certificates" USING btree ("winner_id");--> statement-breakpoint
CREATE INDEX "committee_sessions_edition_idx" ON "committee_sessions" USING btree ("edition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "committee_sessions_one_open_uq" ON "committee_sessions" USING btree ("edition_id") WHERE closed_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "objections_reference_uq" ON "objections" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "objections_notice_idx" ON "objections" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "prize_payments_winner_idx" ON "prize_payments" USING btree ("winner_id");--> statement-breakpoint
CREATE INDEX "prize_usage_winner_idx" ON "prize_usage_reports" USING btree ("winner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "public_notices_edition_uq" ON "public_notices" USING btree ("edition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_codes_hash_uq" ON "survey_codes" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "survey_codes_survey_idx" ON "survey_codes" USING btree ("survey_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_code_uq" ON "survey_responses" USING btree ("code_id");--> statement-breakpoint
CREATE INDEX "survey_responses_survey_idx" ON "survey_responses" USING btree ("survey_id");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_application_uq" ON "surveys" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "surveys_edition_idx" ON "surveys" USING btree ("edition_id");