CREATE TABLE "audit_pending" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"hash_head" text NOT NULL,
	"hash_mid" text NOT NULL,
	"hash_tail" text NOT NULL
);
--> statement-breakpoint
-- Chains one pending entry at COMMIT (see audit_pending in src/db/schema/audit.ts). The head
-- row is locked until the commit ends, so entries are chained in commit order and no two
-- writers share a predecessor. Before the first head exists, the first writers queue on an
-- advisory lock and look again; a chain older than the head (migration 0004) ends at its
-- last record.
CREATE FUNCTION "audit_chain_pending"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
  next_hash text;
BEGIN
  SELECT "seq", "hash" INTO last_seq, last_hash FROM "audit_head" WHERE "id" = 1 FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM pg_advisory_xact_lock(726354002);
    SELECT "seq", "hash" INTO last_seq, last_hash FROM "audit_head" WHERE "id" = 1 FOR UPDATE;
    IF NOT FOUND THEN
      SELECT "seq", "hash" INTO last_seq, last_hash FROM "audit_log" ORDER BY "seq" DESC LIMIT 1;
      IF NOT FOUND THEN
        last_seq := 0;
        last_hash := repeat('0', 64);
      END IF;
    END IF;
  END IF;
  next_hash := encode(sha256(convert_to(NEW."hash_head" || last_hash || NEW."hash_mid" || (last_seq + 1)::text || NEW."hash_tail", 'UTF8')), 'hex');
  INSERT INTO "audit_log" ("seq", "at", "actor_id", "action", "entity_type", "entity_id", "before", "after", "request_id", "prev_hash", "hash")
  VALUES (last_seq + 1, NEW."at", NEW."actor_id", NEW."action", NEW."entity_type", NEW."entity_id", NEW."before", NEW."after", NEW."request_id", last_hash, next_hash);
  INSERT INTO "audit_head" ("id", "seq", "hash") VALUES (1, last_seq + 1, next_hash)
  ON CONFLICT ("id") DO UPDATE SET "seq" = EXCLUDED."seq", "hash" = EXCLUDED."hash";
  DELETE FROM "audit_pending" WHERE "id" = NEW."id";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "audit_pending_chain_at_commit" AFTER INSERT ON "audit_pending"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "audit_chain_pending"();
