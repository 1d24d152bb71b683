/**
 * core's AuthorizationDataSource over Prisma: all rows of one account with one query per table,
 * in ONE read-only REPEATABLE READ transaction, so the rows match the revision read with them.
 */
import type {
  AccountAuthorizationData,
  AuthorizationDataSource,
  GrantRow,
  InlinePolicyRow,
  KeyRow,
  ManagedPolicyRow,
} from '@keygate/core/snapshot';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { PrismaDb } from '../prisma/prisma-client.factory';
import { toDomainError } from '../store/database-error.mapper';

type Tags = Record<string, string>;

interface PolicyRef {
  policyAccountId: string;
  policyId: string;
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
}

function tagsOf(rows: { tagKey: string; tagValue: string }[] | undefined): Tags {
  const tags: Tags = {};
  for (const row of rows ?? []) tags[row.tagKey] = row.tagValue;
  return tags;
}

function inlineOf(rows: { policyName: string; document: string }[] | undefined): InlinePolicyRow[] {
  return (rows ?? []).map((r) => ({ name: r.policyName, document: r.document }));
}

const refKey = (accountId: string, policyId: string) => `${accountId}/${policyId}`;

/** Managed policies (default version) of the account, plus the "aws" ones it references. */
async function managedPolicies(tx: PrismaDb, accountId: string): Promise<Array<ManagedPolicyRow & { accountId: string; policyId: string }>> {
  return tx.$queryRaw<Array<ManagedPolicyRow & { accountId: string; policyId: string }>>(Prisma.sql`
    SELECT mp."account_id" AS "accountId", mp."policy_id" AS "policyId", mp."arn", pv."document"
    FROM "managed_policy" mp
    JOIN "policy_version" pv ON pv."account_id" = mp."account_id" AND pv."policy_id" = mp."policy_id" AND pv."version_id" = mp."default_version_id"
    WHERE mp."account_id" = ${accountId}
       OR (mp."account_id" = 'aws' AND mp."policy_id" IN (
            SELECT "policy_id" FROM "user_policy_attachment" WHERE "account_id" = ${accountId} AND "policy_account_id" = 'aws'
            UNION SELECT "policy_id" FROM "group_policy_attachment" WHERE "account_id" = ${accountId} AND "policy_account_id" = 'aws'
            UNION SELECT "policy_id" FROM "role_policy_attachment" WHERE "account_id" = ${accountId} AND "policy_account_id" = 'aws'
            UNION SELECT "boundary_policy_id" FROM "iam_user" WHERE "account_id" = ${accountId} AND "boundary_account_id" = 'aws'
            UNION SELECT "boundary_policy_id" FROM "iam_role" WHERE "account_id" = ${accountId} AND "boundary_account_id" = 'aws'))`);
}

async function readIam(tx: PrismaDb, accountId: string) {
  const where = { accountId };
  const [users, userTags, userInline, userAttachments, memberships, groups, groupInline, groupAttachments, roles, roleTags, roleInline, roleAttachments, policies] =
    await Promise.all([
      tx.user.findMany({ where, select: { userId: true, name: true, path: true, arn: true, boundaryAccountId: true, boundaryPolicyId: true } }),
      tx.userTag.findMany({ where, select: { userId: true, tagKey: true, tagValue: true } }),
      tx.userInlinePolicy.findMany({ where, select: { userId: true, policyName: true, document: true } }),
      tx.userPolicyAttachment.findMany({ where, select: { userId: true, policyAccountId: true, policyId: true } }),
      tx.groupMembership.findMany({ where, select: { userId: true, groupId: true } }),
      tx.group.findMany({ where, select: { groupId: true, name: true, arn: true } }),
      tx.groupInlinePolicy.findMany({ where, select: { groupId: true, policyName: true, document: true } }),
      tx.groupPolicyAttachment.findMany({ where, select: { groupId: true, policyAccountId: true, policyId: true } }),
      tx.role.findMany({ where, select: { roleId: true, name: true, path: true, arn: true, assumeRolePolicyDocument: true, boundaryAccountId: true, boundaryPolicyId: true } }),
      tx.roleTag.findMany({ where, select: { roleId: true, tagKey: true, tagValue: true } }),
      tx.roleInlinePolicy.findMany({ where, select: { roleId: true, policyName: true, document: true } }),
      tx.rolePolicyAttachment.findMany({ where, select: { roleId: true, policyAccountId: true, policyId: true } }),
      managedPolicies(tx, accountId),
    ]);
  const arnByRef = new Map(policies.map((p) => [refKey(p.accountId, p.policyId), p.arn]));
  const arnsOf = (refs: PolicyRef[] | undefined) => (refs ?? []).map((r) => arnByRef.get(refKey(r.policyAccountId, r.policyId)) ?? `missing:${refKey(r.policyAccountId, r.policyId)}`);
  const boundaryOf = (p: { boundaryAccountId: string | null; boundaryPolicyId: string | null }) =>
    p.boundaryAccountId && p.boundaryPolicyId ? (arnByRef.get(refKey(p.boundaryAccountId, p.boundaryPolicyId)) ?? `missing:${refKey(p.boundaryAccountId, p.boundaryPolicyId)}`) : undefined;
  const [uTags, uInline, uAtt, uGroups] = [groupBy(userTags, (r) => r.userId), groupBy(userInline, (r) => r.userId), groupBy(userAttachments, (r) => r.userId), groupBy(memberships, (r) => r.userId)];
  const [gInline, gAtt] = [groupBy(groupInline, (r) => r.groupId), groupBy(groupAttachments, (r) => r.groupId)];
  const [rTags, rInline, rAtt] = [groupBy(roleTags, (r) => r.roleId), groupBy(roleInline, (r) => r.roleId), groupBy(roleAttachments, (r) => r.roleId)];
  return {
    users: users.map((u) => ({
      userId: u.userId,
      name: u.name,
      path: u.path,
      arn: u.arn,
      tags: tagsOf(uTags.get(u.userId)),
      ...(boundaryOf(u) ? { boundaryArn: boundaryOf(u) } : {}),
      inlinePolicies: inlineOf(uInline.get(u.userId)),
      managedPolicyArns: arnsOf(uAtt.get(u.userId)),
      groupIds: (uGroups.get(u.userId) ?? []).map((m) => m.groupId),
    })),
    groups: groups.map((g) => ({ groupId: g.groupId, name: g.name, arn: g.arn, inlinePolicies: inlineOf(gInline.get(g.groupId)), managedPolicyArns: arnsOf(gAtt.get(g.groupId)) })),
    roles: roles.map((r) => ({
      roleId: r.roleId,
      name: r.name,
      path: r.path,
      arn: r.arn,
      tags: tagsOf(rTags.get(r.roleId)),
      ...(boundaryOf(r) ? { boundaryArn: boundaryOf(r) } : {}),
      inlinePolicies: inlineOf(rInline.get(r.roleId)),
      managedPolicyArns: arnsOf(rAtt.get(r.roleId)),
      trustPolicy: r.assumeRolePolicyDocument,
    })),
    managedPolicies: policies.map((p) => ({ arn: p.arn, document: p.document })),
  };
}

function constraintsOf(value: unknown): GrantRow['constraints'] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const map = (x: unknown) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, string>) : undefined);
  const equals = map(v.encryptionContextEquals);
  const subset = map(v.encryptionContextSubset);
  if (!equals && !subset) return undefined;
  return { ...(equals ? { encryptionContextEquals: equals } : {}), ...(subset ? { encryptionContextSubset: subset } : {}) };
}

async function readKms(tx: PrismaDb, accountId: string) {
  const where = { accountId };
  const [keys, keyTags, aliases, grants] = await Promise.all([
    tx.kmsKey.findMany({ where, select: { keyId: true, arn: true, region: true, keyState: true, keySpec: true, keyUsage: true, origin: true, description: true, policy: true } }),
    tx.kmsKeyTag.findMany({ where, select: { keyId: true, tagKey: true, tagValue: true } }),
    tx.kmsAlias.findMany({ where, select: { aliasName: true, targetKeyId: true } }),
    tx.kmsGrant.findMany({ where, select: { grantId: true, keyId: true, granteePrincipal: true, retiringPrincipal: true, operations: true, constraints: true, grantToken: true, name: true } }),
  ]);
  const tags = groupBy(keyTags, (t) => t.keyId);
  return {
    keys: keys.map((k): KeyRow => ({ ...k, keyUsage: k.keyUsage, tags: tagsOf(tags.get(k.keyId)) })),
    aliases,
    grants: grants.map((g): GrantRow => {
      const constraints = constraintsOf(g.constraints);
      return {
        grantId: g.grantId,
        keyId: g.keyId,
        granteePrincipal: g.granteePrincipal,
        ...(g.retiringPrincipal ? { retiringPrincipal: g.retiringPrincipal } : {}),
        operations: g.operations,
        ...(constraints ? { constraints } : {}),
        grantToken: g.grantToken,
        ...(g.name ? { name: g.name } : {}),
      };
    }),
  };
}

/** Reads account authorization data with bulk queries; errors leave as DomainErrors. */
export class PrismaAuthorizationDataSource implements AuthorizationDataSource {
  constructor(private readonly prisma: PrismaClient) {}

  async load(accountId: string): Promise<AccountAuthorizationData | null> {
    try {
      return await this.prisma.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe('SET TRANSACTION READ ONLY');
          const account = await tx.account.findUnique({ where: { accountId }, select: { revision: true } });
          if (!account) return null;
          // INVARIANT: the queries run sequentially on the transaction's single connection; the
          // Promise.all only pipelines them. Every row is of the same REPEATABLE READ snapshot.
          const [iam, kms] = [await readIam(tx, accountId), await readKms(tx, accountId)];
          return { accountId, revision: account.revision, ...iam, ...kms };
        },
        { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 10_000 },
      );
    } catch (err) {
      throw toDomainError(err);
    }
  }

  async revisions(accountIds?: readonly string[]): Promise<Map<string, bigint>> {
    try {
      const rows = await this.prisma.account.findMany({
        where: accountIds ? { accountId: { in: [...accountIds] } } : {},
        select: { accountId: true, revision: true },
      });
      return new Map(rows.map((r) => [r.accountId, r.revision]));
    } catch (err) {
      throw toDomainError(err);
    }
  }
}
