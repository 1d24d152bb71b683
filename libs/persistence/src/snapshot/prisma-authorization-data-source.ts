/**
 * core's AuthorizationDataSource over Prisma: all rows of one account in ONE SQL statement (one
 * sub-select per table, aggregated as JSON), so the rows match the revision read with them.
 */
import type {
  AccountAuthorizationData,
  AuthorizationDataSource,
  GrantRow,
  InlinePolicyRow,
  KeyRow,
  LoadOptions,
  ManagedPolicyRow,
} from '@keygate/core/snapshot';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
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

const json = (select: Prisma.Sql) => Prisma.sql`(SELECT coalesce(json_agg(t), '[]'::json) FROM (${select}) t)`;

/**
 * The IAM token of an account: its own, joined with that of the pseudo-account "aws" (the AWS
 * managed policies); triggers give an account a new one on every change of its IAM rows.
 */
const iamTokenOf = (accountId: string) => Prisma.sql`(SELECT a."iam_change_token"::text || '/' || coalesce((SELECT w."iam_change_token"::text FROM "account" w WHERE w."account_id" = 'aws'), '')
  FROM "account" a WHERE a."account_id" = ${accountId})`;

/**
 * ONE statement for all rows of the account. INVARIANT: a single statement reads one MVCC snapshot
 * (even under READ COMMITTED), so every row matches the revision read with it; one round trip.
 * Exported for the spec that reads its plan.
 */
export function accountQuery(accountId: string, since?: bigint, iamToken?: string): Prisma.Sql {
  const a = accountId;
  // With `iamToken`: while the account's IAM token is still that one, every IAM column is NULL and
  // its sub-select never runs (an uncorrelated sub-select runs when first needed, and CASE does not
  // evaluate a branch it does not take).
  const iam = (select: Prisma.Sql) => (iamToken === undefined ? json(select) : Prisma.sql`CASE WHEN iam."unchanged" THEN NULL ELSE ${json(select)} END`);
  // The token, read once: returned, and compared with the one given.
  const iamFrom = Prisma.sql` FROM (SELECT t."token", t."token" IS NOT DISTINCT FROM ${iamToken ?? null} AS "unchanged" FROM (SELECT ${iamTokenOf(a)} AS "token") t) iam`;
  // With `since`: only the keys changed at or after it (with their tags and grants), plus every key id.
  const changedKeys = since === undefined ? Prisma.empty : Prisma.sql`AND "changed_revision" >= ${since}`;
  const ofChangedKeys = since === undefined ? Prisma.empty : Prisma.sql`AND "key_id" IN (SELECT "key_id" FROM "kms_key" WHERE "account_id" = ${a} ${changedKeys})`;
  const keyTokens =
    since === undefined
      ? Prisma.empty
      : Prisma.sql`, (SELECT coalesce(json_agg(json_build_object('keyId', "key_id", 'token', "change_token")), '[]'::json) FROM "kms_key" WHERE "account_id" = ${a}) AS "keyTokens"`;
  const awsReferenced = Prisma.sql`
    SELECT "policy_id" FROM "user_policy_attachment" WHERE "account_id" = ${a} AND "policy_account_id" = 'aws'
    UNION SELECT "policy_id" FROM "group_policy_attachment" WHERE "account_id" = ${a} AND "policy_account_id" = 'aws'
    UNION SELECT "policy_id" FROM "role_policy_attachment" WHERE "account_id" = ${a} AND "policy_account_id" = 'aws'
    UNION SELECT "boundary_policy_id" FROM "iam_user" WHERE "account_id" = ${a} AND "boundary_account_id" = 'aws'
    UNION SELECT "boundary_policy_id" FROM "iam_role" WHERE "account_id" = ${a} AND "boundary_account_id" = 'aws'`;
  return Prisma.sql`SELECT
    (SELECT "revision"::text FROM "account" WHERE "account_id" = ${a}) AS "revision",
    iam."token" AS "iamToken",
    ${iam(Prisma.sql`SELECT "user_id" AS "userId", "name", "path", "arn", "boundary_account_id" AS "boundaryAccountId", "boundary_policy_id" AS "boundaryPolicyId" FROM "iam_user" WHERE "account_id" = ${a}`)} AS "users",
    ${iam(Prisma.sql`SELECT "user_id" AS "userId", "tag_key" AS "tagKey", "tag_value" AS "tagValue" FROM "user_tag" WHERE "account_id" = ${a}`)} AS "userTags",
    ${iam(Prisma.sql`SELECT "user_id" AS "userId", "policy_name" AS "policyName", "document" FROM "user_inline_policy" WHERE "account_id" = ${a}`)} AS "userInline",
    ${iam(Prisma.sql`SELECT "user_id" AS "userId", "policy_account_id" AS "policyAccountId", "policy_id" AS "policyId" FROM "user_policy_attachment" WHERE "account_id" = ${a}`)} AS "userAttachments",
    ${iam(Prisma.sql`SELECT "user_id" AS "userId", "group_id" AS "groupId" FROM "group_membership" WHERE "account_id" = ${a}`)} AS "memberships",
    ${iam(Prisma.sql`SELECT "group_id" AS "groupId", "name", "arn" FROM "iam_group" WHERE "account_id" = ${a}`)} AS "groups",
    ${iam(Prisma.sql`SELECT "group_id" AS "groupId", "policy_name" AS "policyName", "document" FROM "group_inline_policy" WHERE "account_id" = ${a}`)} AS "groupInline",
    ${iam(Prisma.sql`SELECT "group_id" AS "groupId", "policy_account_id" AS "policyAccountId", "policy_id" AS "policyId" FROM "group_policy_attachment" WHERE "account_id" = ${a}`)} AS "groupAttachments",
    ${iam(Prisma.sql`SELECT "role_id" AS "roleId", "name", "path", "arn", "assume_role_policy_document" AS "trustPolicy", "boundary_account_id" AS "boundaryAccountId", "boundary_policy_id" AS "boundaryPolicyId" FROM "iam_role" WHERE "account_id" = ${a}`)} AS "roles",
    ${iam(Prisma.sql`SELECT "role_id" AS "roleId", "tag_key" AS "tagKey", "tag_value" AS "tagValue" FROM "role_tag" WHERE "account_id" = ${a}`)} AS "roleTags",
    ${iam(Prisma.sql`SELECT "role_id" AS "roleId", "policy_name" AS "policyName", "document" FROM "role_inline_policy" WHERE "account_id" = ${a}`)} AS "roleInline",
    ${iam(Prisma.sql`SELECT "role_id" AS "roleId", "policy_account_id" AS "policyAccountId", "policy_id" AS "policyId" FROM "role_policy_attachment" WHERE "account_id" = ${a}`)} AS "roleAttachments",
    ${iam(Prisma.sql`SELECT mp."account_id" AS "accountId", mp."policy_id" AS "policyId", mp."arn", pv."document"
      FROM "managed_policy" mp
      JOIN "policy_version" pv ON pv."account_id" = mp."account_id" AND pv."policy_id" = mp."policy_id" AND pv."version_id" = mp."default_version_id"
      WHERE mp."account_id" = ${a} OR (mp."account_id" = 'aws' AND mp."policy_id" IN (${awsReferenced}))`)} AS "policies",
    ${json(Prisma.sql`SELECT "key_id" AS "keyId", "arn", "region", "key_state" AS "keyState", "key_spec" AS "keySpec", "key_usage" AS "keyUsage", "origin", "description", "policy", (extract(epoch FROM "deletion_date") * 1000)::float8 AS "deletionDateMs", "change_token" AS "changeToken" FROM "kms_key" WHERE "account_id" = ${a} ${changedKeys}`)} AS "keys",
    ${json(Prisma.sql`SELECT "key_id" AS "keyId", "tag_key" AS "tagKey", "tag_value" AS "tagValue" FROM "kms_key_tag" WHERE "account_id" = ${a} ${ofChangedKeys}`)} AS "keyTags",
    ${json(Prisma.sql`SELECT "alias_name" AS "aliasName", "target_key_id" AS "targetKeyId" FROM "kms_alias" WHERE "account_id" = ${a}`)} AS "aliases",
    ${json(Prisma.sql`SELECT "grant_id" AS "grantId", "key_id" AS "keyId", "grantee_principal" AS "granteePrincipal", "retiring_principal" AS "retiringPrincipal", "operations", "constraints", "grant_token" AS "grantToken", "name" FROM "kms_grant" WHERE "account_id" = ${a} ${ofChangedKeys}`)} AS "grants"${keyTokens}${iamFrom}`;
}

interface BoundaryColumns {
  boundaryAccountId: string | null;
  boundaryPolicyId: string | null;
}

/** The row of accountQuery (json columns already parsed). */
interface AccountRow {
  revision: string | null;
  iamToken: string | null;
  users: Array<{ userId: string; name: string; path: string; arn: string } & BoundaryColumns>;
  userTags: Array<{ userId: string; tagKey: string; tagValue: string }>;
  userInline: Array<{ userId: string; policyName: string; document: string }>;
  userAttachments: Array<{ userId: string } & PolicyRef>;
  memberships: Array<{ userId: string; groupId: string }>;
  groups: Array<{ groupId: string; name: string; arn: string }>;
  groupInline: Array<{ groupId: string; policyName: string; document: string }>;
  groupAttachments: Array<{ groupId: string } & PolicyRef>;
  roles: Array<{ roleId: string; name: string; path: string; arn: string; trustPolicy: string } & BoundaryColumns>;
  roleTags: Array<{ roleId: string; tagKey: string; tagValue: string }>;
  roleInline: Array<{ roleId: string; policyName: string; document: string }>;
  roleAttachments: Array<{ roleId: string } & PolicyRef>;
  policies: Array<ManagedPolicyRow & { accountId: string; policyId: string }>;
  keys: Array<Omit<KeyRow, 'tags' | 'deletionDateMs'> & { deletionDateMs: number | null }>;
  keyTags: Array<{ keyId: string; tagKey: string; tagValue: string }>;
  aliases: Array<{ aliasName: string; targetKeyId: string }>;
  grants: Array<{ grantId: string; keyId: string; granteePrincipal: string; retiringPrincipal: string | null; operations: string[]; constraints: unknown; grantToken: string; name: string | null }>;
  /** Only with keysChangedSince. */
  keyTokens?: Array<{ keyId: string; token: string }>;
}

/** The IAM columns of AccountRow: all NULL when the IAM token was still the one given. */
type IamColumns = Pick<AccountRow, 'users' | 'userTags' | 'userInline' | 'userAttachments' | 'memberships' | 'groups' | 'groupInline' | 'groupAttachments' | 'roles' | 'roleTags' | 'roleInline' | 'roleAttachments' | 'policies'>;

/** Nothing of the IAM part: the rows were not read (AccountAuthorizationData.iamUnchanged). */
const NO_IAM = { users: [], groups: [], roles: [], managedPolicies: [] };

function iamOf(row: IamColumns) {
  const { users, groups, roles, policies } = row;
  const arnByRef = new Map(policies.map((p) => [refKey(p.accountId, p.policyId), p.arn]));
  const arnOf = (accountId: string, policyId: string) => arnByRef.get(refKey(accountId, policyId)) ?? `missing:${refKey(accountId, policyId)}`;
  const arnsOf = (refs: PolicyRef[] | undefined) => (refs ?? []).map((r) => arnOf(r.policyAccountId, r.policyId));
  const boundaryOf = (p: BoundaryColumns) => (p.boundaryAccountId && p.boundaryPolicyId ? { boundaryArn: arnOf(p.boundaryAccountId, p.boundaryPolicyId) } : {});
  const [uTags, uInline, uAtt, uGroups] = [groupBy(row.userTags, (r) => r.userId), groupBy(row.userInline, (r) => r.userId), groupBy(row.userAttachments, (r) => r.userId), groupBy(row.memberships, (r) => r.userId)];
  const [gInline, gAtt] = [groupBy(row.groupInline, (r) => r.groupId), groupBy(row.groupAttachments, (r) => r.groupId)];
  const [rTags, rInline, rAtt] = [groupBy(row.roleTags, (r) => r.roleId), groupBy(row.roleInline, (r) => r.roleId), groupBy(row.roleAttachments, (r) => r.roleId)];
  return {
    users: users.map((u) => ({
      userId: u.userId,
      name: u.name,
      path: u.path,
      arn: u.arn,
      tags: tagsOf(uTags.get(u.userId)),
      ...boundaryOf(u),
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
      ...boundaryOf(r),
      inlinePolicies: inlineOf(rInline.get(r.roleId)),
      managedPolicyArns: arnsOf(rAtt.get(r.roleId)),
      trustPolicy: r.trustPolicy,
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

function kmsOf(row: AccountRow) {
  const tags = groupBy(row.keyTags, (t) => t.keyId);
  return {
    keys: row.keys.map(({ deletionDateMs, ...k }): KeyRow => ({ ...k, tags: tagsOf(tags.get(k.keyId)), ...(deletionDateMs !== null ? { deletionDateMs } : {}) })),
    aliases: row.aliases,
    grants: row.grants.map((g): GrantRow => {
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

  async load(accountId: string, options: LoadOptions = {}): Promise<AccountAuthorizationData | null> {
    const since = options.keysChangedSince;
    let row: AccountRow;
    try {
      [row] = await this.prisma.$queryRaw<AccountRow[]>(accountQuery(accountId, since, options.iamToken));
    } catch (err) {
      throw toDomainError(err);
    }
    if (row.revision === null || row.iamToken === null) return null;
    // INVARIANT: the IAM columns are all NULL or none is (one condition, one MVCC snapshot). The
    // token read with them is returned as read: compileSnapshot keeps the previous IAM part only
    // for a snapshot holding that very token.
    const iamUnchanged = options.iamToken !== undefined && row.users === null;
    const data: AccountAuthorizationData = {
      accountId,
      revision: BigInt(row.revision),
      iamToken: row.iamToken,
      ...(iamUnchanged ? { ...NO_IAM, iamUnchanged: true } : iamOf(row)),
      ...kmsOf(row),
    };
    return since === undefined ? data : { ...data, keysChangedSince: since, keyTokens: row.keyTokens };
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
