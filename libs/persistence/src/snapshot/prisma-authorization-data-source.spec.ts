import type { PrismaClient } from '../prisma/prisma-client.factory';
import { PrismaStore } from '../store/prisma-store';
import { testPrismaClient, uniqueAccountId } from '../test/test-database';
import { PrismaAuthorizationDataSource } from './prisma-authorization-data-source';

const AWS_POLICY_ARN = 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser';
const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describe('PrismaAuthorizationDataSource (embedded PostgreSQL)', () => {
  let prisma: PrismaClient;
  let source: PrismaAuthorizationDataSource;

  beforeAll(() => {
    prisma = testPrismaClient();
    source = new PrismaAuthorizationDataSource(prisma);
  });
  afterAll(() => prisma.$disconnect());

  async function seed(accountId: string): Promise<{ keyId: string; awsPolicyId: string }> {
    const a = `arn:aws:iam::${accountId}`;
    await prisma.account.create({ data: { accountId, name: 'loader', revision: 7n } });
    // A seeded AWS managed policy (account "aws"), attached to the group. INVARIANT: specs never add
    // rows under "aws" (the database is shared by the whole run; "aws" holds only the seeded policies).
    const awsPolicyId = (await prisma.managedPolicy.findFirstOrThrow({ where: { accountId: 'aws', arn: AWS_POLICY_ARN } })).policyId;
    await prisma.managedPolicy.create({
      data: { accountId, policyId: 'ANPA1', name: 'Mine', nameLower: 'mine', path: '/team/', arn: `${a}:policy/team/Mine`, defaultVersionId: 'v2', versionCounter: 2 },
    });
    await prisma.policyVersion.createMany({
      data: [
        { accountId, policyId: 'ANPA1', versionId: 'v1', document: doc('iam:Old') },
        { accountId, policyId: 'ANPA1', versionId: 'v2', document: doc('iam:ListUsers') },
      ],
    });
    await prisma.managedPolicy.create({ data: { accountId, policyId: 'ANPA2', name: 'Bound', nameLower: 'bound', arn: `${a}:policy/Bound`, defaultVersionId: 'v1' } });
    await prisma.policyVersion.create({ data: { accountId, policyId: 'ANPA2', versionId: 'v1', document: doc('*') } });
    await prisma.user.create({
      data: { accountId, userId: 'AIDA1', name: 'alice', nameLower: 'alice', path: '/eng/', arn: `${a}:user/eng/alice`, boundaryAccountId: accountId, boundaryPolicyId: 'ANPA2' },
    });
    await prisma.userTag.create({ data: { accountId, userId: 'AIDA1', tagKey: 'Team', keyLower: 'team', tagValue: 'red' } });
    await prisma.userInlinePolicy.create({ data: { accountId, userId: 'AIDA1', policyName: 'own', nameLower: 'own', document: doc('kms:Encrypt') } });
    await prisma.userPolicyAttachment.create({ data: { accountId, userId: 'AIDA1', policyAccountId: accountId, policyId: 'ANPA1' } });
    await prisma.group.create({ data: { accountId, groupId: 'AGPA1', name: 'devs', nameLower: 'devs', arn: `${a}:group/devs` } });
    await prisma.groupMembership.create({ data: { accountId, groupId: 'AGPA1', userId: 'AIDA1' } });
    await prisma.groupInlinePolicy.create({ data: { accountId, groupId: 'AGPA1', policyName: 'g', nameLower: 'g', document: doc('kms:Decrypt') } });
    await prisma.groupPolicyAttachment.create({ data: { accountId, groupId: 'AGPA1', policyAccountId: 'aws', policyId: awsPolicyId } });
    await prisma.role.create({
      data: { accountId, roleId: 'AROA1', name: 'app', nameLower: 'app', path: '/svc/', arn: `${a}:role/svc/app`, assumeRolePolicyDocument: '{"trust":1}' },
    });
    await prisma.roleTag.create({ data: { accountId, roleId: 'AROA1', tagKey: 'Env', keyLower: 'env', tagValue: 'prod' } });
    await prisma.roleInlinePolicy.create({ data: { accountId, roleId: 'AROA1', policyName: 'r', nameLower: 'r', document: doc('kms:Sign') } });
    await prisma.rolePolicyAttachment.create({ data: { accountId, roleId: 'AROA1', policyAccountId: accountId, policyId: 'ANPA1' } });
    const keyId = '11111111-2222-4333-8444-' + accountId;
    await prisma.kmsKey.create({
      data: { accountId, keyId, arn: `arn:aws:kms:us-east-1:${accountId}:key/${keyId}`, region: 'us-east-1', description: 'd', keyState: 'DISABLED', policy: '{"kp":1}' },
    });
    await prisma.kmsKeyTag.create({ data: { accountId, keyId, tagKey: 'Project', tagValue: 'x' } });
    await prisma.kmsKey.create({
      data: {
        accountId, keyId: keyId.replace('11111111', '22222222'), arn: `arn:aws:kms:us-east-1:${accountId}:key/${keyId.replace('11111111', '22222222')}`, region: 'us-east-1',
        keyState: 'PENDING_DELETION', deletionDate: new Date('2030-01-02T03:04:05.678Z'), policy: '{}',
      },
    });
    await prisma.kmsAlias.create({ data: { accountId, aliasName: 'alias/app', targetKeyId: keyId } });
    await prisma.kmsGrant.create({
      data: {
        accountId, grantId: 'g1', keyId, granteePrincipal: `${a}:role/svc/app`, operations: ['Encrypt', 'Decrypt'],
        constraints: { encryptionContextSubset: { Dept: 'IT' } }, grantToken: 'tok', issuingAccount: `${a}:root`,
      },
    });
    return { keyId, awsPolicyId };
  }

  it('loads every row of one account with the revision of the same transaction', async () => {
    const accountId = uniqueAccountId();
    const a = `arn:aws:iam::${accountId}`;
    const { keyId, awsPolicyId } = await seed(accountId);
    const other = uniqueAccountId();
    await seed(other);

    const data = await source.load(accountId);
    expect(data).not.toBeNull();
    expect(data!.revision).toBe(7n);
    expect(data!.users).toEqual([
      {
        userId: 'AIDA1', name: 'alice', path: '/eng/', arn: `${a}:user/eng/alice`, tags: { Team: 'red' }, boundaryArn: `${a}:policy/Bound`,
        inlinePolicies: [{ name: 'own', document: doc('kms:Encrypt') }], managedPolicyArns: [`${a}:policy/team/Mine`], groupIds: ['AGPA1'],
      },
    ]);
    expect(data!.groups).toEqual([
      { groupId: 'AGPA1', name: 'devs', arn: `${a}:group/devs`, inlinePolicies: [{ name: 'g', document: doc('kms:Decrypt') }], managedPolicyArns: [AWS_POLICY_ARN] },
    ]);
    expect(data!.roles).toEqual([
      {
        roleId: 'AROA1', name: 'app', path: '/svc/', arn: `${a}:role/svc/app`, tags: { Env: 'prod' }, inlinePolicies: [{ name: 'r', document: doc('kms:Sign') }],
        managedPolicyArns: [`${a}:policy/team/Mine`], trustPolicy: '{"trust":1}',
      },
    ]);
    const policies = new Map(data!.managedPolicies.map((p) => [p.arn, p.document]));
    expect(policies.get(`${a}:policy/team/Mine`)).toBe(doc('iam:ListUsers'));
    const seeded = await prisma.policyVersion.findFirstOrThrow({ where: { accountId: 'aws', policyId: awsPolicyId, versionId: 'v2' } });
    expect(policies.get(AWS_POLICY_ARN)).toBe(seeded.document);
    // Only the AWS managed policies this account references.
    expect([...policies.keys()].filter((arn) => arn.includes(':aws:policy/'))).toEqual([AWS_POLICY_ARN]);
    expect(awsPolicyId).toBeDefined();
    expect(data!.keys.find((k) => k.keyState === 'PENDING_DELETION')?.deletionDateMs).toBe(Date.parse('2030-01-02T03:04:05.678Z'));
    expect(data!.keys.filter((k) => k.keyState !== 'PENDING_DELETION')).toEqual([
      {
        keyId, arn: `arn:aws:kms:us-east-1:${accountId}:key/${keyId}`, region: 'us-east-1', keyState: 'DISABLED', keySpec: 'SYMMETRIC_DEFAULT',
        keyUsage: 'ENCRYPT_DECRYPT', origin: 'AWS_KMS', description: 'd', policy: '{"kp":1}', tags: { Project: 'x' },
      },
    ]);
    expect(data!.aliases).toEqual([{ aliasName: 'alias/app', targetKeyId: keyId }]);
    expect(data!.grants).toEqual([
      { grantId: 'g1', keyId, granteePrincipal: `${a}:role/svc/app`, operations: ['Encrypt', 'Decrypt'], constraints: { encryptionContextSubset: { Dept: 'IT' } }, grantToken: 'tok' },
    ]);
  });

  it('answers null for a missing account and reads revisions in bulk', async () => {
    expect(await source.load(uniqueAccountId())).toBeNull();
    const a = uniqueAccountId();
    const b = uniqueAccountId();
    const store = new PrismaStore(prisma);
    await store.change({ accountId: a, actorArn: 'operator', action: 'keygate:CreateAccount', resource: '*' }, (r) => r.accounts.create(a, 'a'));
    await prisma.account.create({ data: { accountId: b, name: 'b' } });
    const revisions = await source.revisions([a, b, uniqueAccountId()]);
    expect(revisions).toEqual(new Map([[a, 1n], [b, 0n]]));
    expect((await source.revisions()).get(a)).toBe(1n);
  });

  it('reads everything with one statement (one MVCC snapshot, one round trip)', async () => {
    const spy = jest.spyOn(prisma, '$queryRaw');
    const accountId = uniqueAccountId();
    await prisma.account.create({ data: { accountId, name: 'one' } });
    await expect(source.load(accountId)).resolves.toMatchObject({ accountId, revision: 0n, users: [], keys: [] });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
