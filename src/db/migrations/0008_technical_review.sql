CREATE TABLE "conflict_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"expert_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"source" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conflict_dismissals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"expert_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"reason" text NOT NULL,
	"dismissed_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expert_commitments" (
	"edition_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"text_digest" text NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"title" text NOT NULL,
	"industries" text[] NOT NULL,
	"county_name" text,
	"phone" text NOT NULL,
	"email" text,
	"former_employers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"relatives_units" text[] DEFAULT '{}'::text[] NOT NULL,
	"advised_units" text[] DEFAULT '{}'::text[] NOT NULL,
	"available" boolean DEFAULT true NOT NULL,
	"max_load" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experts_max_load_check" CHECK (max_load BETWEEN 1 AND 50)
);
--> statement-breakpoint
CREATE TABLE "panel_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"application_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"is_leader" boolean DEFAULT false NOT NULL,
	"affinity" double precision DEFAULT 0 NOT NULL,
	"why" text DEFAULT '' NOT NULL,
	"assigned_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "panel_assignments_stage_check" CHECK (stage IN ('material', 'onsite', 'defence'))
);
--> statement-breakpoint
CREATE TABLE "scorebooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"expert_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"items" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"total" double precision DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"set_aside_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorebooks_status_check" CHECK (status IN ('draft', 'submitted')),
	CONSTRAINT "scorebooks_kind_check" CHECK (kind IN ('independent', 'consensus'))
);
--> statement-breakpoint
CREATE TABLE "stage_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"scheduled_on" date NOT NULL,
	"location" text NOT NULL,
	"agenda" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "technical_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"edition_id" uuid NOT NULL,
	"content" jsonb NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conflict_declarations" ADD CONSTRAINT "conflict_declarations_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_declarations" ADD CONSTRAINT "conflict_declarations_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_declarations" ADD CONSTRAINT "conflict_declarations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_dismissals" ADD CONSTRAINT "conflict_dismissals_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_dismissals" ADD CONSTRAINT "conflict_dismissals_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_dismissals" ADD CONSTRAINT "conflict_dismissals_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_commitments" ADD CONSTRAINT "expert_commitments_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_commitments" ADD CONSTRAINT "expert_commitments_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_agency_id_organisations_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_assignments" ADD CONSTRAINT "panel_assignments_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_assignments" ADD CONSTRAINT "panel_assignments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_assignments" ADD CONSTRAINT "panel_assignments_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_assignments" ADD CONSTRAINT "panel_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorebooks" ADD CONSTRAINT "scorebooks_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorebooks" ADD CONSTRAINT "scorebooks_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorebooks" ADD CONSTRAINT "scorebooks_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_schedules" ADD CONSTRAINT "stage_schedules_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_schedules" ADD CONSTRAINT "stage_schedules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technical_reports" ADD CONSTRAINT "technical_reports_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technical_reports" ADD CONSTRAINT "technical_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_declarations_uq" ON "conflict_declarations" USING btree ("expert_id","application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_dismissals_uq" ON "conflict_dismissals" USING btree ("expert_id","application_id","rule");--> statement-breakpoint
CREATE UNIQUE INDEX "expert_commitments_uq" ON "expert_commitments" USING btree ("edition_id","expert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "experts_agency_name_unit_uq" ON "experts" USING btree ("agency_id","name","unit");--> statement-breakpoint
CREATE UNIQUE INDEX "experts_user_uq" ON "experts" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "panel_assignments_uq" ON "panel_assignments" USING btree ("stage","application_id","expert_id");--> statement-breakpoint
CREATE INDEX "panel_assignments_expert_idx" ON "panel_assignments" USING btree ("expert_id","edition_id");--> statement-breakpoint
CREATE INDEX "panel_assignments_edition_idx" ON "panel_assignments" USING btree ("edition_id","stage");--> statement-breakpoint
CREATE UNIQUE INDEX "scorebooks_uq" ON "scorebooks" USING btree ("application_id","stage","expert_id","kind");--> statement-breakpoint
CREATE INDEX "scorebooks_edition_idx" ON "scorebooks" USING btree ("edition_id","stage");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_schedules_uq" ON "stage_schedules" USING btree ("application_id","stage");--> statement-breakpoint
CREATE UNIQUE INDEX "technical_reports_edition_uq" ON "technical_reports" USING btree ("edition_id");