-- kms_key.changed_revision: the account revision current when the key, or one of its tags, aliases
-- or grants, last changed. A snapshot reload at revision R then reads only the keys whose
-- changed_revision >= R and keeps its compiled entries for the others.
-- kms_key.change_token: a new random value on every such change. A reload also reads every key's
-- token and keeps an entry only when the token is still the one the entry was built from, so a
-- revision that went backwards (a restored database, a failover that lost commits) cannot leave
-- an entry stale: any other token makes the replica load the account in full.
--
-- Why it is correct: changes of one account are serialized (the store's per-account advisory lock)
-- and bump the account revision after their work, so a change committed after a snapshot of
-- revision R was read saw a revision >= R when its trigger ran. The triggers stamp every write,
-- whatever its path; a writer outside the store must take the same lock and bump the revision as
-- the store does (else replicas do not reload at all). A deleted key is noticed through the list
-- of key ids (and tokens) a reload reads.
-- Prisma cannot express triggers: schema.prisma only declares the column.

ALTER TABLE "kms_key" ADD COLUMN "changed_revision" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "kms_key" ADD COLUMN "change_token" UUID NOT NULL DEFAULT gen_random_uuid();

-- The key row itself (insert, any update): stamp it with the account's current revision and a new token.
CREATE FUNCTION "kms_key_stamp_changed_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."changed_revision" := coalesce((SELECT a."revision" FROM "account" a WHERE a."account_id" = NEW."account_id"), 0);
  NEW."change_token" := gen_random_uuid();
  RETURN NEW;
END
$$;

CREATE TRIGGER "kms_key_stamp_changed_revision"
  BEFORE INSERT OR UPDATE ON "kms_key"
  FOR EACH ROW EXECUTE FUNCTION "kms_key_stamp_changed_revision"();

-- A tag, alias or grant row changed: touch the key(s) it belongs to (the trigger above stamps them).
-- An alias names its key in "target_key_id", and an alias update may move it to another key.
CREATE FUNCTION "kms_key_child_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  column_name TEXT := CASE WHEN TG_TABLE_NAME = 'kms_alias' THEN 'target_key_id' ELSE 'key_id' END;
  old_key UUID;
  new_key UUID;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    old_key := (to_jsonb(OLD) ->> column_name)::uuid;
    UPDATE "kms_key" SET "changed_revision" = 0 WHERE "account_id" = OLD."account_id" AND "key_id" = old_key;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    new_key := (to_jsonb(NEW) ->> column_name)::uuid;
    IF TG_OP = 'INSERT' OR new_key IS DISTINCT FROM old_key OR NEW."account_id" IS DISTINCT FROM OLD."account_id" THEN
      UPDATE "kms_key" SET "changed_revision" = 0 WHERE "account_id" = NEW."account_id" AND "key_id" = new_key;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "kms_key_tag_changed" AFTER INSERT OR UPDATE OR DELETE ON "kms_key_tag"
  FOR EACH ROW EXECUTE FUNCTION "kms_key_child_changed"();
CREATE TRIGGER "kms_alias_changed" AFTER INSERT OR UPDATE OR DELETE ON "kms_alias"
  FOR EACH ROW EXECUTE FUNCTION "kms_key_child_changed"();
CREATE TRIGGER "kms_grant_changed" AFTER INSERT OR UPDATE OR DELETE ON "kms_grant"
  FOR EACH ROW EXECUTE FUNCTION "kms_key_child_changed"();
