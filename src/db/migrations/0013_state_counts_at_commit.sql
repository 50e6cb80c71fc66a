-- The counts move at COMMIT instead of at each change (deferred constraint triggers). A
-- group's row is locked from the moment it moves until its transaction ends; moved at the
-- change, every submit of a county queued behind the previous one's remaining statements
-- and round trips (the deadline rush on PostgreSQL: up to 8 of 10 pooled connections waiting
-- on that row). Moved at commit, the row is held only while the database commits. Nothing
-- reads the counts inside the transaction that changes them (services/applications/list-total.ts
-- reads outside any write).
DROP TRIGGER "applications_state_counts_insert_delete" ON "applications";
--> statement-breakpoint
DROP TRIGGER "applications_state_counts_update" ON "applications";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "applications_state_counts_insert_delete" AFTER INSERT OR DELETE ON "applications"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "applications_maintain_state_counts"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "applications_state_counts_update" AFTER UPDATE OF "state", "edition_id", "county_id" ON "applications"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD."state" IS DISTINCT FROM NEW."state" OR OLD."edition_id" IS DISTINCT FROM NEW."edition_id" OR OLD."county_id" IS DISTINCT FROM NEW."county_id")
EXECUTE FUNCTION "applications_maintain_state_counts"();
