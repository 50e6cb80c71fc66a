CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qualification_reviews" ADD COLUMN "overruled_reason" text;--> statement-breakpoint
ALTER TABLE "qualification_reviews" ADD COLUMN "overruled_by" uuid;--> statement-breakpoint
ALTER TABLE "qualification_reviews" ADD COLUMN "overruled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qualification_reviews" ADD CONSTRAINT "qualification_reviews_overruled_by_users_id_fk" FOREIGN KEY ("overruled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;