-- decision_log: the per-row foreign key to "account" becomes one check per INSERT/COPY statement.
--
-- Why: the FK's referential-integrity trigger runs a locking lookup of "account" for every logged
-- decision; measured on the embedded PostgreSQL it was about a third of the server CPU per row
-- (COPY of 500-row batches: ~30 us/row with the FK, ~20 us/row without). The log is written at
-- authorize rates, so that CPU came out of the same cores as the decisions.
--
-- What stays the same (the FK's guarantees, under READ COMMITTED, which Keygate uses):
--   * a row can only be inserted for an existing account: the statement trigger takes FOR KEY SHARE
--     on every account its rows name (as the FK check did) and fails the statement with SQLSTATE
--     23503 when one is missing (the writer then retries the batch skipping such rows);
--   * deleting an account deletes its decisions (was ON DELETE CASCADE): a delete waits for any
--     transaction holding KEY SHARE on that account, so rows committed by it are deleted too.
-- Prisma cannot express triggers: schema.prisma no longer declares the relation.

-- DropForeignKey
ALTER TABLE "decision_log" DROP CONSTRAINT IF EXISTS "decision_log_account_id_fkey";

-- Statement-level existence check of the accounts named by newly inserted decision_log rows.
CREATE FUNCTION "decision_log_accounts_exist"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing TEXT;
BEGIN
  PERFORM 1 FROM "account" a WHERE a."account_id" IN (SELECT DISTINCT n."account_id" FROM "decision_log_new" n) FOR KEY SHARE;
  SELECT n."account_id" INTO missing FROM "decision_log_new" n
    WHERE NOT EXISTS (SELECT 1 FROM "account" a WHERE a."account_id" = n."account_id") LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'decision_log rows name an account that does not exist'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'decision_log', CONSTRAINT = 'decision_log_account_exists';
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "decision_log_accounts_exist"
  AFTER INSERT ON "decision_log"
  REFERENCING NEW TABLE AS "decision_log_new"
  FOR EACH STATEMENT EXECUTE FUNCTION "decision_log_accounts_exist"();

-- Deleting an account deletes its decisions (what ON DELETE CASCADE did).
CREATE FUNCTION "account_delete_decision_log"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "decision_log" d WHERE d."account_id" = OLD."account_id";
  RETURN OLD;
END
$$;

CREATE TRIGGER "account_delete_decision_log"
  AFTER DELETE ON "account"
  FOR EACH ROW EXECUTE FUNCTION "account_delete_decision_log"();
