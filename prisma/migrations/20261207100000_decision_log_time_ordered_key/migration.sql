-- decision_log keeps ONE index: its primary key becomes (account_id, decided_at, decision_id).
--
-- Before, every logged decision paid for two: the primary key (account_id, decision_id), where a
-- random UUID lands on a random leaf of an ever-growing B-tree (a buffer miss and, after each
-- checkpoint, a full-page image in the WAL), and (account_id, decided_at). The new key is
-- append-mostly (decisions arrive in time order) and is exactly the order of every decisionLog
-- page: account, then decided_at and decision_id descending, with or without filters. A replayed
-- row (same id, same time) still conflicts; a decision id alone is no longer unique per account,
-- and nothing relies on that (ids are random UUIDs, made once per decision).
-- Measured on the embedded PostgreSQL, COPY of 500-row batches, same run: ~13-16 -> ~8-9 us of
-- server CPU per row, and a smaller index.
-- There is no lookup by decision id alone (the API reads pages of an account).
-- Upgrading: the key is rebuilt under an ACCESS EXCLUSIVE lock on decision_log; on a large log,
-- decision-log batches written meanwhile time out and are counted as failed (decisions are not
-- affected).

-- DropIndex
DROP INDEX IF EXISTS "decision_log_account_id_decided_at_idx";

-- AlterTable
ALTER TABLE "decision_log" DROP CONSTRAINT "decision_log_pkey";
ALTER TABLE "decision_log" ADD CONSTRAINT "decision_log_pkey" PRIMARY KEY ("account_id", "decided_at", "decision_id");
