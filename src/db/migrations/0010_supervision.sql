CREATE TABLE "expert_disqualifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"case_id" uuid,
	"reason" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"disqualified_by" uuid NOT NULL,
	"disqualified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"application_id" uuid,
	"winner_id" uuid,
	"expert_id" uuid,
	"staff_name" text,
	"staff_unit" text,
	"ground_code" text,
	"ground_article" text,
	"facts" text NOT NULL,
	"file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"reported_by" uuid NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"finding" text,
	"verification" text,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"proposal_decision_id" uuid,
	"decision_id" uuid,
	"announcement" text,
	"announced_on" date,
	"outcome" text,
	"close_reason" text,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	CONSTRAINT "supervision_cases_kind_check" CHECK (kind IN ('revocation', 'applicant', 'expert', 'staff')),
	CONSTRAINT "supervision_cases_status_check" CHECK (status IN ('open', 'verified', 'proposed', 'decided', 'announced', 'closed')),
	CONSTRAINT "supervision_cases_finding_check" CHECK (finding IS NULL OR finding IN ('substantiated', 'unsubstantiated')),
	CONSTRAINT "supervision_cases_outcome_check" CHECK (outcome IS NULL OR outcome IN ('revoked', 'excluded', 'expert_disqualified', 'referred', 'no_action'))
);
--> statement-breakpoint
ALTER TABLE "applications" DROP CONSTRAINT "applications_state_check";--> statement-breakpoint
ALTER TABLE "expert_disqualifications" ADD CONSTRAINT "expert_disqualifications_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_disqualifications" ADD CONSTRAINT "expert_disqualifications_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_disqualifications" ADD CONSTRAINT "expert_disqualifications_case_id_supervision_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."supervision_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_disqualifications" ADD CONSTRAINT "expert_disqualifications_disqualified_by_users_id_fk" FOREIGN KEY ("disqualified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_winner_id_winners_id_fk" FOREIGN KEY ("winner_id") REFERENCES "public"."winners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_proposal_decision_id_decisions_id_fk" FOREIGN KEY ("proposal_decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "expert_disqualifications_uq" ON "expert_disqualifications" USING btree ("edition_id","expert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_cases_reference_uq" ON "supervision_cases" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "supervision_cases_edition_idx" ON "supervision_cases" USING btree ("edition_id");--> statement-breakpoint
CREATE INDEX "supervision_cases_application_idx" ON "supervision_cases" USING btree ("application_id");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_state_check" CHECK (state IN ('draft', 'submitted', 'recommended', 'not_recommended', 'returned', 'rejected', 'accepted', 'qualification_review', 'qualified', 'disqualified', 'material_review', 'onsite_review', 'defence_review', 'not_advanced', 'technical_reviewed', 'satisfaction_survey', 'candidate', 'proposed', 'leadership_approved', 'not_selected', 'public_notice', 'government_approved', 'awarded', 'nominated', 'not_awarded', 'withdrawn', 'revoked', 'excluded'));