ALTER TABLE "editions" ADD COLUMN "phase" text DEFAULT 'call' NOT NULL;--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_phase_check" CHECK (phase IN ('call', 'intake', 'qualification', 'technical_review', 'survey', 'committee', 'leadership', 'notice', 'government', 'published', 'closed'));--> statement-breakpoint
-- Editions that exist already: an open one is taking applications, a closed one is over.
UPDATE "editions" SET "phase" = CASE "status" WHEN 'open' THEN 'intake' WHEN 'closed' THEN 'closed' ELSE 'call' END;
