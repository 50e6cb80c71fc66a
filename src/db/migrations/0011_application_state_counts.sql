CREATE TABLE "application_state_counts" (
	"edition_id" uuid NOT NULL,
	"county_id" uuid,
	"state" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "application_state_counts_key" UNIQUE NULLS NOT DISTINCT("edition_id","county_id","state")
);
--> statement-breakpoint
-- Writers wait while the counts are built, so none slips between the backfill and the triggers.
LOCK TABLE "applications" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE FUNCTION "application_state_counts_add"(p_edition uuid, p_county uuid, p_state text, p_delta integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "application_state_counts" AS c ("edition_id", "county_id", "state", "n")
  VALUES (p_edition, p_county, p_state, p_delta)
  ON CONFLICT ("edition_id", "county_id", "state") DO UPDATE SET "n" = c."n" + EXCLUDED."n";
  -- An emptied group goes, so the table always equals a GROUP BY of the applications (and a
  -- restore, which rebuilds it through this trigger, gives back the very same rows).
  DELETE FROM "application_state_counts"
  WHERE p_delta < 0 AND "n" = 0 AND "edition_id" = p_edition AND "state" = p_state AND "county_id" IS NOT DISTINCT FROM p_county;
$$;
--> statement-breakpoint
-- One row trigger for every change that moves an application between groups. When two groups
-- change, they are taken in one fixed order, so two transactions never wait on each other crosswise.
CREATE FUNCTION "applications_maintain_state_counts"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "application_state_counts_add"(NEW."edition_id", NEW."county_id", NEW."state", 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "application_state_counts_add"(OLD."edition_id", OLD."county_id", OLD."state", -1);
  ELSIF concat_ws('|', OLD."edition_id", OLD."county_id", OLD."state") < concat_ws('|', NEW."edition_id", NEW."county_id", NEW."state") THEN
    PERFORM "application_state_counts_add"(OLD."edition_id", OLD."county_id", OLD."state", -1);
    PERFORM "application_state_counts_add"(NEW."edition_id", NEW."county_id", NEW."state", 1);
  ELSE
    PERFORM "application_state_counts_add"(NEW."edition_id", NEW."county_id", NEW."state", 1);
    PERFORM "application_state_counts_add"(OLD."edition_id", OLD."county_id", OLD."state", -1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "applications_state_counts_insert_delete" AFTER INSERT OR DELETE ON "applications"
FOR EACH ROW EXECUTE FUNCTION "applications_maintain_state_counts"();
--> statement-breakpoint
-- A form save (the common update) does not fire it: only a change of state, edition or county.
CREATE TRIGGER "applications_state_counts_update" AFTER UPDATE OF "state", "edition_id", "county_id" ON "applications"
FOR EACH ROW
WHEN (OLD."state" IS DISTINCT FROM NEW."state" OR OLD."edition_id" IS DISTINCT FROM NEW."edition_id" OR OLD."county_id" IS DISTINCT FROM NEW."county_id")
EXECUTE FUNCTION "applications_maintain_state_counts"();
--> statement-breakpoint
CREATE FUNCTION "applications_truncate_state_counts"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "application_state_counts";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "applications_state_counts_truncate" AFTER TRUNCATE ON "applications"
FOR EACH STATEMENT EXECUTE FUNCTION "applications_truncate_state_counts"();
--> statement-breakpoint
INSERT INTO "application_state_counts" ("edition_id", "county_id", "state", "n")
SELECT "edition_id", "county_id", "state", count(*)::integer FROM "applications" GROUP BY 1, 2, 3;
