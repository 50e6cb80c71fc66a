CREATE TABLE "decision_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"document_number" text,
	"decided_on" date NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- One opinion per submission round: the application id alone no longer identifies an opinion.
ALTER TABLE "county_opinions" DROP CONSTRAINT "county_opinions_pkey";--> statement-breakpoint
ALTER TABLE "county_opinions" ADD COLUMN "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
-- Opinions signed before rounds existed answer the application's first submitted version.
ALTER TABLE "county_opinions" ADD COLUMN "round" integer NOT NULL DEFAULT 1;--> statement-breakpoint
ALTER TABLE "county_opinions" ALTER COLUMN "round" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "decision_items" ADD CONSTRAINT "decision_items_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_items" ADD CONSTRAINT "decision_items_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decision_items_uq" ON "decision_items" USING btree ("decision_id","application_id");--> statement-breakpoint
CREATE INDEX "decision_items_app_idx" ON "decision_items" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "decisions_edition_idx" ON "decisions" USING btree ("edition_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "county_opinions_round_uq" ON "county_opinions" USING btree ("application_id","round");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_state_check" CHECK (state IN ('draft', 'submitted', 'recommended', 'not_recommended', 'returned', 'rejected', 'accepted', 'qualification_review', 'qualified', 'disqualified', 'material_review', 'onsite_review', 'defence_review', 'not_advanced', 'technical_reviewed', 'satisfaction_survey', 'candidate', 'proposed', 'leadership_approved', 'not_selected', 'public_notice', 'government_approved', 'awarded', 'nominated', 'not_awarded', 'withdrawn', 'revoked'));