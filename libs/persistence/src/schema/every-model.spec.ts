import { randomUUID } from 'node:crypto';
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../prisma/prisma-client.factory';
import { testPrismaClient, uniqueAccountId } from '../test/test-database';

/**
 * One row per model through the Prisma client (every column written and read back), then the
 * tenant invariants the database itself enforces.
 */
describe('every model round-trips through Prisma (embedded PostgreSQL)', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = testPrismaClient();
  });
  afterAll(() => prisma.$disconnect());

  /** Creates a complete account graph; returns the ids used. */
  async function seedAccount(accountId: string) {
    const ids = { userId: `AIDA${accountId}`, groupId: `AGPA${accountId}`, roleId: `AROA${accountId}`, policyId: `ANPA${accountId}`, keyId: randomUUID() };
    const arn = (kind: string) => `arn:aws:iam::${accountId}:${kind}`;
    await prisma.account.create({ data: { accountId, name: 'Every model' } });
    await prisma.managedPolicy.create({
      data: { accountId, policyId: ids.policyId, name: 'Ops', nameLower: 'ops', path: '/', arn: arn('policy/Ops'), description: 'd', defaultVersionId: 'v1' },
    });
    await prisma.policyVersion.create({ data: { accountId, policyId: ids.policyId, versionId: 'v1', document: '{}' } });
    await prisma.policyTag.create({ data: { accountId, policyId: ids.policyId, tagKey: 'Team', keyLower: 'team', tagValue: 'x' } });
    await prisma.user.create({
      data: { accountId, userId: ids.userId, name: 'Alice', nameLower: 'alice', arn: arn('user/Alice'), boundaryAccountId: accountId, boundaryPolicyId: ids.policyId },
    });
    await prisma.group.create({ data: { accountId, groupId: ids.groupId, name: 'Admins', nameLower: 'admins', arn: arn('group/Admins') } });
    await prisma.groupMembership.create({ data: { accountId, groupId: ids.groupId, userId: ids.userId } });
    await prisma.role.create({
      data: { accountId, roleId: ids.roleId, name: 'Ops', nameLower: 'ops', arn: arn('role/Ops'), assumeRolePolicyDocument: '{}', maxSessionDuration: 7200, description: 'r' },
    });
    await prisma.userPolicyAttachment.create({ data: { accountId, userId: ids.userId, policyAccountId: accountId, policyId: ids.policyId } });
    await prisma.groupPolicyAttachment.create({ data: { accountId, groupId: ids.groupId, policyAccountId: accountId, policyId: ids.policyId } });
    await prisma.rolePolicyAttachment.create({ data: { accountId, roleId: ids.roleId, policyAccountId: accountId, policyId: ids.policyId } });
    await prisma.userInlinePolicy.create({ data: { accountId, userId: ids.userId, policyName: 'P', nameLower: 'p', document: '{}' } });
    await prisma.groupInlinePolicy.create({ data: { accountId, groupId: ids.groupId, policyName: 'P', nameLower: 'p', document: '{}' } });
    await prisma.roleInlinePolicy.create({ data: { accountId, roleId: ids.roleId, policyName: 'P', nameLower: 'p', document: '{}' } });
    await prisma.userTag.create({ data: { accountId, userId: ids.userId, tagKey: 'Dept', keyLower: 'dept', tagValue: 'a' } });
    await prisma.roleTag.create({ data: { accountId, roleId: ids.roleId, tagKey: 'Dept', keyLower: 'dept', tagValue: 'a' } });
    await prisma.accessKey.create({ data: { accountId, accessKeyId: `AKIA${accountId}U`, ownerKind: 'user', userId: ids.userId, secretHash: 'h' } });
    await prisma.auditLog.create({ data: { accountId, actorArn: arn('root'), action: 'iam:CreateUser', resource: arn('user/Alice'), details: { a: 1 }, revision: 1n } });
    await prisma.kmsKey.create({
      data: {
        accountId, keyId: ids.keyId, arn: `arn:aws:kms:us-east-1:${accountId}:key/${ids.keyId}`, region: 'us-east-1', description: 'k',
        keyState: 'PENDING_DELETION', keyUsage: 'SIGN_VERIFY', keySpec: 'RSA_2048', origin: 'AWS_KMS', deletionDate: new Date(), rotationEnabled: true, policy: '{}',
      },
    });
    await prisma.kmsKeyTag.create({ data: { accountId, keyId: ids.keyId, tagKey: 'Env', tagValue: 'prod' } });
    await prisma.kmsAlias.create({ data: { accountId, aliasName: 'alias/app', targetKeyId: ids.keyId } });
    await prisma.kmsGrant.create({
      data: {
        accountId, grantId: 'a'.repeat(64), keyId: ids.keyId, granteePrincipal: arn('role/Ops'), retiringPrincipal: arn('root'),
        operations: ['Encrypt', 'Decrypt'], constraints: { encryptionContextSubset: { app: 'x' } }, name: 'g', grantToken: 'token', issuingAccount: arn('root'),
      },
    });
    await prisma.decisionLog.create({
      data: {
        accountId, decisionId: randomUUID(), decidedAt: new Date(), revision: 3n, principal: arn('user/Alice'), action: 'kms:Encrypt',
        resource: `arn:aws:kms:us-east-1:${accountId}:key/${ids.keyId}`, decision: 'EXPLICIT_DENY', allowed: false,
        matchedStatementIds: ['s1'], reason: 'denied', context: { 'aws:SourceIp': '10.0.0.1' },
      },
    });
    return ids;
  }

  /** Counts the rows of one account in every model; keys are the model delegates' names. */
  async function countAll(accountId: string): Promise<Record<string, number>> {
    const delegates = Object.keys(Prisma.ModelName).map((model) => model.charAt(0).toLowerCase() + model.slice(1));
    const entries = await Promise.all(
      delegates.map(async (name) => {
        const delegate = (prisma as unknown as Record<string, { count(args: object): Promise<number> }>)[name];
        return [name, await delegate.count({ where: { accountId } })] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  it('writes and reads back one row of every model', async () => {
    const accountId = uniqueAccountId();
    const ids = await seedAccount(accountId);
    const counts = await countAll(accountId);
    expect(Object.entries(counts).filter(([, n]) => n !== 1)).toEqual([]);
    const grant = await prisma.kmsGrant.findFirstOrThrow({ where: { accountId } });
    expect(grant.operations).toEqual(['Encrypt', 'Decrypt']);
    const key = await prisma.kmsKey.findFirstOrThrow({ where: { accountId }, include: { aliases: true, tags: true } });
    expect(key).toMatchObject({ keyId: ids.keyId, keyState: 'PENDING_DELETION', aliases: [{ aliasName: 'alias/app' }] });
    const log = await prisma.decisionLog.findFirstOrThrow({ where: { accountId } });
    expect(log).toMatchObject({ revision: 3n, decision: 'EXPLICIT_DENY', matchedStatementIds: ['s1'] });
  });

  it('deletes children with their parent (ON DELETE CASCADE) and keeps a boundary policy (RESTRICT)', async () => {
    const accountId = uniqueAccountId();
    const ids = await seedAccount(accountId);
    await expect(prisma.managedPolicy.delete({ where: { accountId_policyId: { accountId, policyId: ids.policyId } } })).rejects.toThrow(
      /iam_user_boundary_account_id_boundary_policy_id_fkey/,
    );
    await prisma.user.delete({ where: { accountId_userId: { accountId, userId: ids.userId } } });
    const afterUser = await countAll(accountId);
    expect([afterUser.groupMembership, afterUser.userPolicyAttachment, afterUser.userInlinePolicy, afterUser.userTag, afterUser.accessKey]).toEqual([0, 0, 0, 0, 0]);
    await prisma.kmsKey.delete({ where: { accountId_keyId: { accountId, keyId: ids.keyId } } });
    const afterKey = await countAll(accountId);
    expect([afterKey.kmsAlias, afterKey.kmsGrant, afterKey.kmsKeyTag]).toEqual([0, 0, 0]);
    await prisma.account.delete({ where: { accountId } });
    expect(Object.values(await countAll(accountId)).every((n) => n === 0)).toBe(true);
  });

  it('refuses rows that point at another account', async () => {
    const a = uniqueAccountId();
    const b = uniqueAccountId();
    const idsA = await seedAccount(a);
    const idsB = await seedAccount(b);
    // B's user into A's group: the composite foreign key (account_id, group_id) finds no such group.
    await expect(prisma.groupMembership.create({ data: { accountId: b, groupId: idsA.groupId, userId: idsB.userId } })).rejects.toThrow(
      /group_membership_account_id_group_id_fkey/,
    );
    // B's user attached to A's policy: the CHECK allows only B's own policies or "aws".
    await expect(
      prisma.userPolicyAttachment.create({ data: { accountId: b, userId: idsB.userId, policyAccountId: a, policyId: idsA.policyId } }),
    ).rejects.toThrow(/user_policy_attachment_policy_account_check/);
    await expect(
      prisma.user.update({ where: { accountId_userId: { accountId: b, userId: idsB.userId } }, data: { boundaryAccountId: a, boundaryPolicyId: idsA.policyId } }),
    ).rejects.toThrow(/iam_user_boundary_check/);
    // An alias of B cannot target A's key.
    await expect(prisma.kmsAlias.create({ data: { accountId: b, aliasName: 'alias/x', targetKeyId: idsA.keyId } })).rejects.toThrow(
      /kms_alias_account_id_target_key_id_fkey/,
    );
  });

  it('allows attaching an AWS managed policy (pseudo-account "aws")', async () => {
    const accountId = uniqueAccountId();
    const ids = await seedAccount(accountId);
    // INVARIANT: specs never add rows under "aws" (shared by parallel workers): use a seeded policy.
    const { policyId } = await prisma.managedPolicy.findFirstOrThrow({ where: { accountId: 'aws' } });
    await prisma.userPolicyAttachment.create({ data: { accountId, userId: ids.userId, policyAccountId: 'aws', policyId } });
    expect(await prisma.userPolicyAttachment.count({ where: { accountId, policyAccountId: 'aws' } })).toBe(1);
  });

  it('makes names unique per account case-insensitively, not across accounts', async () => {
    const a = uniqueAccountId();
    const b = uniqueAccountId();
    await seedAccount(a);
    await seedAccount(b);
    await expect(
      prisma.user.create({ data: { accountId: a, userId: `AIDA2${a}`, name: 'ALICE', nameLower: 'alice', arn: `arn:aws:iam::${a}:user/ALICE` } }),
    ).rejects.toMatchObject({ code: 'P2002' });
    expect(await prisma.user.count({ where: { nameLower: 'alice', accountId: { in: [a, b] } } })).toBe(2);
  });

  it('refuses a root access key with a user and a user key without one', async () => {
    const accountId = uniqueAccountId();
    const ids = await seedAccount(accountId);
    await expect(
      prisma.accessKey.create({ data: { accountId, accessKeyId: `AKIA${accountId}B1`, ownerKind: 'root', userId: ids.userId, secretHash: 'h' } }),
    ).rejects.toThrow(/access_key_owner_check/);
    await expect(prisma.accessKey.create({ data: { accountId, accessKeyId: `AKIA${accountId}B2`, ownerKind: 'user', secretHash: 'h' } })).rejects.toThrow(
      /access_key_owner_check/,
    );
  });
});
