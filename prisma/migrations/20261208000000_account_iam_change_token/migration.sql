-- account.iam_change_token: a new random value whenever a row of the account's IAM part changes:
-- users, groups, roles, their tags, memberships, inline policies and attachments, and its managed
-- policies and their versions. A snapshot reload passes the token of the snapshot it replaces
-- (joined with the token of the pseudo-account "aws", whose rows are the AWS managed policies),
-- and while both are unchanged it reads none of the IAM rows: the replica keeps the IAM part of
-- its snapshot (principals, roles and their compiled policies).
--
-- Why it is correct: every write to these tables, whatever its path, fires a trigger in the same
-- transaction that gives each account whose rows it wrote a new token, so any committed change of
-- an account's IAM rows commits a token that no earlier state of the account had; a reload reads
-- the token and the rows in one statement (one MVCC snapshot). Equal tokens therefore mean equal
-- IAM rows, whatever the revisions did (a restored database holds the token of its own state).
-- Writes that fire no trigger (TRUNCATE, session_replication_role = replica, disabled triggers)
-- change no token: after such a repair, restart the replicas (a restart loads every account in
-- full). Setting a token by hand to an earlier value would defeat it.
-- Prisma cannot express triggers: schema.prisma only declares the column.

-- Every existing account gets a random token of its own, so that a database restored from a
-- backup taken before this migration cannot share a token with a state replicas hold. The
-- volatile default rewrites "account" (one row per tenant) under an exclusive lock, once
-- (0.5 s for 200,000 accounts on PostgreSQL 15, measured 2026-12-08).
ALTER TABLE "account" ADD COLUMN "iam_change_token" UUID NOT NULL DEFAULT gen_random_uuid();

-- Once per statement (not per row: bulk statements stay cheap), each account whose rows the
-- statement wrote, before (OLD) or after (NEW), gets a new token. The account rows are locked in
-- account id order first, so that two statements over several accounts cannot deadlock on them.
-- Locking: a change of the store already holds its account's advisory lock and updates the
-- account row at its end (the revision bump); the trigger takes that row lock at the change's
-- first IAM statement instead. A statement that reaches many tenants' rows through a cascade
-- (deleting an AWS managed policy: a migration's job) takes their row locks without their
-- advisory locks and may deadlock with a change in flight, which PostgreSQL then aborts: run such
-- migrations when no admin change is running, or retry what fails.
CREATE FUNCTION "account_iam_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touch CONSTANT TEXT := 'WITH c AS (SELECT DISTINCT t."account_id" FROM %1$s t),
    locked AS MATERIALIZED (SELECT a."account_id" FROM "account" a WHERE a."account_id" IN (SELECT "account_id" FROM c) ORDER BY a."account_id" FOR NO KEY UPDATE)
    UPDATE "account" a SET "iam_change_token" = gen_random_uuid() FROM locked WHERE a."account_id" = locked."account_id"';
BEGIN
  EXECUTE format(touch, CASE TG_OP
    WHEN 'INSERT' THEN '"account_iam_new"'
    WHEN 'DELETE' THEN '"account_iam_old"'
    ELSE '(SELECT "account_id" FROM "account_iam_old" UNION SELECT "account_id" FROM "account_iam_new")'
  END);
  RETURN NULL;
END
$$;

-- One trigger per table and event: a trigger with transition tables fires on one event only.
DO $$
DECLARE
  t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'iam_user', 'user_tag', 'user_inline_policy', 'user_policy_attachment', 'group_membership',
    'iam_group', 'group_inline_policy', 'group_policy_attachment',
    'iam_role', 'role_tag', 'role_inline_policy', 'role_policy_attachment',
    'managed_policy', 'policy_version'
  ] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS "account_iam_new" FOR EACH STATEMENT EXECUTE FUNCTION "account_iam_changed"()', t || '_iam_inserted', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS "account_iam_old" NEW TABLE AS "account_iam_new" FOR EACH STATEMENT EXECUTE FUNCTION "account_iam_changed"()', t || '_iam_updated', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS "account_iam_old" FOR EACH STATEMENT EXECUTE FUNCTION "account_iam_changed"()', t || '_iam_deleted', t);
  END LOOP;
END
$$;
