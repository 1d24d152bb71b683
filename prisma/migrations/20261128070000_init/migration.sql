-- CreateEnum
CREATE TYPE "access_key_status" AS ENUM ('Active', 'Inactive');

-- CreateEnum
CREATE TYPE "access_key_owner_kind" AS ENUM ('root', 'user');

-- CreateEnum
CREATE TYPE "kms_key_state" AS ENUM ('ENABLED', 'DISABLED', 'PENDING_DELETION', 'PENDING_IMPORT');

-- CreateEnum
CREATE TYPE "kms_key_usage" AS ENUM ('ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT');

-- CreateEnum
CREATE TYPE "decision" AS ENUM ('ALLOWED', 'IMPLICIT_DENY', 'EXPLICIT_DENY');

-- CreateTable
CREATE TABLE "account" (
    "account_id" VARCHAR(12) NOT NULL,
    "name" TEXT NOT NULL,
    "revision" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "account_id" VARCHAR(12) NOT NULL,
    "audit_id" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_arn" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "details" JSONB,
    "revision" BIGINT NOT NULL,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("account_id","audit_id")
);

-- CreateTable
CREATE TABLE "access_key" (
    "account_id" VARCHAR(12) NOT NULL,
    "access_key_id" VARCHAR(128) NOT NULL,
    "owner_kind" "access_key_owner_kind" NOT NULL,
    "user_id" VARCHAR(128),
    "secret_hash" TEXT NOT NULL,
    "status" "access_key_status" NOT NULL DEFAULT 'Active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_key_pkey" PRIMARY KEY ("account_id","access_key_id")
);

-- CreateTable
CREATE TABLE "iam_user" (
    "account_id" VARCHAR(12) NOT NULL,
    "user_id" VARCHAR(128) NOT NULL,
    "name" TEXT NOT NULL,
    "name_lower" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "boundary_account_id" VARCHAR(12),
    "boundary_policy_id" VARCHAR(128),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "iam_user_pkey" PRIMARY KEY ("account_id","user_id")
);

-- CreateTable
CREATE TABLE "iam_group" (
    "account_id" VARCHAR(12) NOT NULL,
    "group_id" VARCHAR(128) NOT NULL,
    "name" TEXT NOT NULL,
    "name_lower" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "iam_group_pkey" PRIMARY KEY ("account_id","group_id")
);

-- CreateTable
CREATE TABLE "group_membership" (
    "account_id" VARCHAR(12) NOT NULL,
    "group_id" VARCHAR(128) NOT NULL,
    "user_id" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_membership_pkey" PRIMARY KEY ("account_id","group_id","user_id")
);

-- CreateTable
CREATE TABLE "iam_role" (
    "account_id" VARCHAR(12) NOT NULL,
    "role_id" VARCHAR(128) NOT NULL,
    "name" TEXT NOT NULL,
    "name_lower" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "assume_role_policy_document" TEXT NOT NULL,
    "max_session_duration" INTEGER NOT NULL DEFAULT 3600,
    "description" TEXT,
    "boundary_account_id" VARCHAR(12),
    "boundary_policy_id" VARCHAR(128),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "iam_role_pkey" PRIMARY KEY ("account_id","role_id")
);

-- CreateTable
CREATE TABLE "managed_policy" (
    "account_id" VARCHAR(12) NOT NULL,
    "policy_id" VARCHAR(128) NOT NULL,
    "name" TEXT NOT NULL,
    "name_lower" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "description" TEXT,
    "default_version_id" VARCHAR(16) NOT NULL,
    "version_counter" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "managed_policy_pkey" PRIMARY KEY ("account_id","policy_id")
);

-- CreateTable
CREATE TABLE "policy_version" (
    "account_id" VARCHAR(12) NOT NULL,
    "policy_id" VARCHAR(128) NOT NULL,
    "version_id" VARCHAR(16) NOT NULL,
    "document" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_version_pkey" PRIMARY KEY ("account_id","policy_id","version_id")
);

-- CreateTable
CREATE TABLE "user_policy_attachment" (
    "account_id" VARCHAR(12) NOT NULL,
    "user_id" VARCHAR(128) NOT NULL,
    "policy_account_id" VARCHAR(12) NOT NULL,
    "policy_id" VARCHAR(128) NOT NULL,
    "attached_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_policy_attachment_pkey" PRIMARY KEY ("account_id","user_id","policy_account_id","policy_id")
);

-- CreateTable
CREATE TABLE "group_policy_attachment" (
    "account_id" VARCHAR(12) NOT NULL,
    "group_id" VARCHAR(128) NOT NULL,
    "policy_account_id" VARCHAR(12) NOT NULL,
    "policy_id" VARCHAR(128) NOT NULL,
    "attached_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_policy_attachment_pkey" PRIMARY KEY ("account_id","group_id","policy_account_id","policy_id")
);

-- CreateTable
CREATE TABLE "role_policy_attachment" (
    "account_id" VARCHAR(12) NOT NULL,
    "role_id" VARCHAR(128) NOT NULL,
    "policy_account_id" VARCHAR(12) NOT NULL,
    "policy_id" VARCHAR(128) NOT NULL,
    "attached_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_policy_attachment_pkey" PRIMARY KEY ("account_id","role_id","policy_account_id","policy_id")
);

-- CreateTable
CREATE TABLE "user_inline_policy" (
    "account_id" VARCHAR(12) NOT NULL,
    "user_id" VARCHAR(128) NOT NULL,
    "policy_name" TEXT NOT NULL,
    "name_lower" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_inline_policy_pkey" PRIMARY KEY ("account_id","user_id","name_lower")
);

-- CreateTable
CREATE TABLE "group_inline_policy" (
    "account_id" VARCHAR(12) NOT NULL,
    "group_id" VARCHAR(128) NOT NULL,
    "policy_name" TEXT NOT NULL,
    "name_lower" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_inline_policy_pkey" PRIMARY KEY ("account_id","group_id","name_lower")
);

-- CreateTable
CREATE TABLE "role_inline_policy" (
    "account_id" VARCHAR(12) NOT NULL,
    "role_id" VARCHAR(128) NOT NULL,
    "policy_name" TEXT NOT NULL,
    "name_lower" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_inline_policy_pkey" PRIMARY KEY ("account_id","role_id","name_lower")
);

-- CreateTable
CREATE TABLE "user_tag" (
    "account_id" VARCHAR(12) NOT NULL,
    "user_id" VARCHAR(128) NOT NULL,
    "tag_key" TEXT NOT NULL,
    "key_lower" TEXT NOT NULL,
    "tag_value" TEXT NOT NULL,

    CONSTRAINT "user_tag_pkey" PRIMARY KEY ("account_id","user_id","key_lower")
);

-- CreateTable
CREATE TABLE "role_tag" (
    "account_id" VARCHAR(12) NOT NULL,
    "role_id" VARCHAR(128) NOT NULL,
    "tag_key" TEXT NOT NULL,
    "key_lower" TEXT NOT NULL,
    "tag_value" TEXT NOT NULL,

    CONSTRAINT "role_tag_pkey" PRIMARY KEY ("account_id","role_id","key_lower")
);

-- CreateTable
CREATE TABLE "policy_tag" (
    "account_id" VARCHAR(12) NOT NULL,
    "policy_id" VARCHAR(128) NOT NULL,
    "tag_key" TEXT NOT NULL,
    "key_lower" TEXT NOT NULL,
    "tag_value" TEXT NOT NULL,

    CONSTRAINT "policy_tag_pkey" PRIMARY KEY ("account_id","policy_id","key_lower")
);

-- CreateTable
CREATE TABLE "kms_key" (
    "account_id" VARCHAR(12) NOT NULL,
    "key_id" UUID NOT NULL,
    "arn" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "key_state" "kms_key_state" NOT NULL DEFAULT 'ENABLED',
    "key_usage" "kms_key_usage" NOT NULL DEFAULT 'ENCRYPT_DECRYPT',
    "key_spec" TEXT NOT NULL DEFAULT 'SYMMETRIC_DEFAULT',
    "origin" TEXT NOT NULL DEFAULT 'AWS_KMS',
    "creation_date" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletion_date" TIMESTAMPTZ(3),
    "rotation_enabled" BOOLEAN NOT NULL DEFAULT false,
    "policy" TEXT NOT NULL,

    CONSTRAINT "kms_key_pkey" PRIMARY KEY ("account_id","key_id")
);

-- CreateTable
CREATE TABLE "kms_key_tag" (
    "account_id" VARCHAR(12) NOT NULL,
    "key_id" UUID NOT NULL,
    "tag_key" TEXT NOT NULL,
    "tag_value" TEXT NOT NULL,

    CONSTRAINT "kms_key_tag_pkey" PRIMARY KEY ("account_id","key_id","tag_key")
);

-- CreateTable
CREATE TABLE "kms_alias" (
    "account_id" VARCHAR(12) NOT NULL,
    "alias_name" TEXT NOT NULL,
    "target_key_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kms_alias_pkey" PRIMARY KEY ("account_id","alias_name")
);

-- CreateTable
CREATE TABLE "kms_grant" (
    "account_id" VARCHAR(12) NOT NULL,
    "grant_id" VARCHAR(128) NOT NULL,
    "key_id" UUID NOT NULL,
    "grantee_principal" TEXT NOT NULL,
    "retiring_principal" TEXT,
    "operations" TEXT[],
    "constraints" JSONB,
    "name" TEXT,
    "grant_token" TEXT NOT NULL,
    "issuing_account" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kms_grant_pkey" PRIMARY KEY ("account_id","grant_id")
);

-- CreateTable
CREATE TABLE "decision_log" (
    "account_id" VARCHAR(12) NOT NULL,
    "decision_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "revision" BIGINT NOT NULL,
    "principal" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "decision" "decision" NOT NULL,
    "allowed" BOOLEAN NOT NULL,
    "matched_statement_ids" TEXT[],
    "reason" TEXT NOT NULL,
    "context" JSONB,

    CONSTRAINT "decision_log_pkey" PRIMARY KEY ("account_id","decision_id")
);

-- CreateIndex
CREATE INDEX "audit_log_account_id_occurred_at_idx" ON "audit_log"("account_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "access_key_access_key_id_key" ON "access_key"("access_key_id");

-- CreateIndex
CREATE INDEX "access_key_account_id_user_id_idx" ON "access_key"("account_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "iam_user_account_id_name_lower_key" ON "iam_user"("account_id", "name_lower");

-- CreateIndex
CREATE UNIQUE INDEX "iam_group_account_id_name_lower_key" ON "iam_group"("account_id", "name_lower");

-- CreateIndex
CREATE INDEX "group_membership_account_id_user_id_idx" ON "group_membership"("account_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "iam_role_account_id_name_lower_key" ON "iam_role"("account_id", "name_lower");

-- CreateIndex
CREATE UNIQUE INDEX "managed_policy_account_id_name_lower_key" ON "managed_policy"("account_id", "name_lower");

-- CreateIndex
CREATE UNIQUE INDEX "managed_policy_account_id_arn_key" ON "managed_policy"("account_id", "arn");

-- CreateIndex
CREATE INDEX "user_policy_attachment_policy_account_id_policy_id_idx" ON "user_policy_attachment"("policy_account_id", "policy_id");

-- CreateIndex
CREATE INDEX "group_policy_attachment_policy_account_id_policy_id_idx" ON "group_policy_attachment"("policy_account_id", "policy_id");

-- CreateIndex
CREATE INDEX "role_policy_attachment_policy_account_id_policy_id_idx" ON "role_policy_attachment"("policy_account_id", "policy_id");

-- CreateIndex
CREATE UNIQUE INDEX "kms_key_account_id_arn_key" ON "kms_key"("account_id", "arn");

-- CreateIndex
CREATE INDEX "kms_alias_account_id_target_key_id_idx" ON "kms_alias"("account_id", "target_key_id");

-- CreateIndex
CREATE INDEX "kms_grant_account_id_key_id_idx" ON "kms_grant"("account_id", "key_id");

-- CreateIndex
CREATE INDEX "decision_log_account_id_decided_at_idx" ON "decision_log"("account_id", "decided_at");

-- CreateIndex
CREATE INDEX "decision_log_account_id_principal_decided_at_idx" ON "decision_log"("account_id", "principal", "decided_at");

-- CreateIndex
CREATE INDEX "decision_log_account_id_resource_decided_at_idx" ON "decision_log"("account_id", "resource", "decided_at");

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("account_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_key" ADD CONSTRAINT "access_key_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("account_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_key" ADD CONSTRAINT "access_key_account_id_user_id_fkey" FOREIGN KEY ("account_id", "user_id") REFERENCES "iam_user"("account_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "iam_user" ADD CONSTRAINT "iam_user_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("account_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "iam_user" ADD CONSTRAINT "iam_user_boundary_account_id_boundary_policy_id_fkey" FOREIGN KEY ("boundary_account_id", "boundary_policy_id") REFERENCES "managed_policy"("account_id", "policy_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "iam_group" ADD CONSTRAINT "iam_group_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("account_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_membership" ADD CONSTRAINT "group_membership_account_id_group_id_fkey" FOREIGN KEY ("account_id", "group_id") REFERENCES "iam_group"("account_id", "group_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_membership" ADD CONSTRAINT "group_membership_account_id_user_id_fkey" FOREIGN KEY ("account_id", "user_id") REFERENCES "iam_user"("account_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "iam_role" ADD CONSTRAINT "iam_role_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("account_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "iam_role" ADD CONSTRAINT "iam_role_boundary_account_id_boundary_policy_id_fkey" FOREIGN KEY ("boundary_account_id", "boundary_policy_id") REFERENCES "managed_policy"("account_id", "policy_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "managed_policy" ADD CONSTRAINT "managed_policy_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("account_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_version" ADD CONSTRAINT "policy_version_account_id_policy_id_fkey" FOREIGN KEY ("account_id", "policy_id") REFERENCES "managed_policy"("account_id", "policy_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_policy_attachment" ADD CONSTRAINT "user_policy_attachment_account_id_user_id_fkey" FOREIGN KEY ("account_id", "user_id") REFERENCES "iam_user"("account_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_policy_attachment" ADD CONSTRAINT "user_policy_attachment_policy_account_id_policy_id_fkey" FOREIGN KEY ("policy_account_id", "policy_id") REFERENCES "managed_policy"("account_id", "policy_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_policy_attachment" ADD CONSTRAINT "group_policy_attachment_account_id_group_id_fkey" FOREIGN KEY ("account_id", "group_id") REFERENCES "iam_group"("account_id", "group_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_policy_attachment" ADD CONSTRAINT "group_policy_attachment_policy_account_id_policy_id_fkey" FOREIGN KEY ("policy_account_id", "policy_id") REFERENCES "managed_policy"("account_id", "policy_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_policy_attachment" ADD CONSTRAINT "role_policy_attachment_account_id_role_id_fkey" FOREIGN KEY ("account_id", "role_id") REFERENCES "iam_role"("account_id", "role_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_policy_attachment" ADD CONSTRAINT "role_policy_attachment_policy_account_id_policy_id_fkey" FOREIGN KEY ("policy_account_id", "policy_id") REFERENCES "managed_policy"("account_id", "policy_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_inline_policy" ADD CONSTRAINT "user_inline_policy_account_id_user_id_fkey" FOREIGN KEY ("account_id", "user_id") REFERENCES "iam_user"("account_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_inline_policy" ADD CONSTRAINT "group_inline_policy_account_id_group_id_fkey" FOREIGN KEY ("account_id", "group_id") REFERENCES "iam_group"("account_id", "group_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_inline_policy" ADD CONSTRAINT "role_inline_policy_account_id_role_id_fkey" FOREIGN KEY ("account_id", "role_id") REFERENCES "iam_role"("account_id", "role_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_tag" ADD CONSTRAINT "user_tag_account_id_user_id_fkey" FOREIGN KEY ("account_id", "user_id") REFERENCES "iam_user"("account_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_tag" ADD CONSTRAINT "role_tag_account_id_role_id_fkey" FOREIGN KEY ("account_id", "role_id") REFERENCES "iam_role"("account_id", "role_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_tag" ADD CONSTRAINT "policy_tag_account_id_policy_id_fkey" FOREIGN KEY ("account_id", "policy_id") REFERENCES "managed_policy"("account_id", "policy_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kms_key" ADD CONSTRAINT "kms_key_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("account_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kms_key_tag" ADD CONSTRAINT "kms_key_tag_account_id_key_id_fkey" FOREIGN KEY ("account_id", "key_id") REFERENCES "kms_key"("account_id", "key_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kms_alias" ADD CONSTRAINT "kms_alias_account_id_target_key_id_fkey" FOREIGN KEY ("account_id", "target_key_id") REFERENCES "kms_key"("account_id", "key_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kms_grant" ADD CONSTRAINT "kms_grant_account_id_key_id_fkey" FOREIGN KEY ("account_id", "key_id") REFERENCES "kms_key"("account_id", "key_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_log" ADD CONSTRAINT "decision_log_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("account_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written below this line: what Prisma cannot express (Prisma neither emits nor diffs CHECK
-- constraints, so `prisma migrate diff` against this schema stays clean).

-- INVARIANT: a principal or attachment points only at its own account's policies or at the
-- read-only AWS managed policies of the pseudo-account "aws".
ALTER TABLE "user_policy_attachment" ADD CONSTRAINT "user_policy_attachment_policy_account_check" CHECK ("policy_account_id" IN ("account_id", 'aws'));
ALTER TABLE "group_policy_attachment" ADD CONSTRAINT "group_policy_attachment_policy_account_check" CHECK ("policy_account_id" IN ("account_id", 'aws'));
ALTER TABLE "role_policy_attachment" ADD CONSTRAINT "role_policy_attachment_policy_account_check" CHECK ("policy_account_id" IN ("account_id", 'aws'));
ALTER TABLE "iam_user" ADD CONSTRAINT "iam_user_boundary_check" CHECK (("boundary_account_id" IS NULL) = ("boundary_policy_id" IS NULL) AND ("boundary_account_id" IS NULL OR "boundary_account_id" IN ("account_id", 'aws')));
ALTER TABLE "iam_role" ADD CONSTRAINT "iam_role_boundary_check" CHECK (("boundary_account_id" IS NULL) = ("boundary_policy_id" IS NULL) AND ("boundary_account_id" IS NULL OR "boundary_account_id" IN ("account_id", 'aws')));

-- INVARIANT: a root key has no user, a user key has one.
ALTER TABLE "access_key" ADD CONSTRAINT "access_key_owner_check" CHECK (("owner_kind" = 'root') = ("user_id" IS NULL));

-- The pseudo-account that owns the AWS managed policies (arn:aws:iam::aws:policy/...). Its
-- policies are seeded by a later migration; no principal, key or access key ever belongs to it.
INSERT INTO "account" ("account_id", "name") VALUES ('aws', 'AWS managed policies');
