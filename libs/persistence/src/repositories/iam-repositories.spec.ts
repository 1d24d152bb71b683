import type { PrismaClient } from '../prisma/prisma-client.factory';
import { PrismaStore } from '../store/prisma-store';
import { testPrismaClient, uniqueAccountId } from '../test/test-database';
import { PrismaAccountRepository } from './account.repository';
import { PrismaIamGroupRepository } from './iam-group.repository';
import { PrismaIamHolderPolicyRepository } from './iam-holder-policy.repository';
import { PrismaIamPolicyRepository } from './iam-policy.repository';
import { PrismaIamRoleRepository } from './iam-role.repository';
import { PrismaIamTagRepository } from './iam-tag.repository';
import { PrismaIamUserRepository } from './iam-user.repository';

const POWER_USER = 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser';
const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:DescribeKey","Resource":"*"}]}';

describe('IAM repositories (embedded PostgreSQL)', () => {
  let prisma: PrismaClient;
  let users: PrismaIamUserRepository;
  let groups: PrismaIamGroupRepository;
  let roles: PrismaIamRoleRepository;
  let policies: PrismaIamPolicyRepository;
  let holders: PrismaIamHolderPolicyRepository;
  let tags: PrismaIamTagRepository;

  beforeAll(() => {
    prisma = testPrismaClient();
    users = new PrismaIamUserRepository(prisma);
    groups = new PrismaIamGroupRepository(prisma);
    roles = new PrismaIamRoleRepository(prisma);
    policies = new PrismaIamPolicyRepository(prisma);
    holders = new PrismaIamHolderPolicyRepository(prisma);
    tags = new PrismaIamTagRepository(prisma);
  });
  afterAll(() => prisma.$disconnect());

  async function account(): Promise<string> {
    const accountId = uniqueAccountId();
    await new PrismaAccountRepository(prisma).create(accountId, 'acct');
    return accountId;
  }
  const user = (accountId: string, name: string, id = `AIDA${name.toUpperCase().padEnd(17, 'X')}`) =>
    users.create(accountId, { id, name, path: '/', arn: `arn:aws:iam::${accountId}:user/${name}` });
  const policy = (accountId: string, name: string) =>
    policies.create(accountId, { id: `ANPA${name.toUpperCase().padEnd(17, 'X')}`, name, path: '/', arn: `arn:aws:iam::${accountId}:policy/${name}`, description: null, document: DOC });

  it('finds users by name ignoring case, only in their own account', async () => {
    const a = await account();
    const b = await account();
    const alice = await user(a, 'Alice');
    expect(await users.findByName(a, 'alice')).toEqual(alice);
    expect(await users.findByName(b, 'alice')).toBeNull();
    expect(await users.findById(b, alice.userId)).toBeNull();
    expect(await users.list(b)).toEqual([]);
    expect(await users.delete(b, alice.userId)).toBe(false);
    expect(await users.findById(a, alice.userId)).toEqual(alice);
  });

  it('rejects a name differing only in case through the unique key (ALREADY_EXISTS via the store)', async () => {
    const a = await account();
    await user(a, 'bob');
    const store = new PrismaStore(prisma);
    const change = store.change({ accountId: a, actorArn: 'test', action: 'iam:CreateUser', resource: '*' }, (repos) =>
      repos.iamUsers.create(a, { id: 'AIDAOTHERIDXXXXXXXXX', name: 'BOB', path: '/', arn: `arn:aws:iam::${a}:user/BOB` }),
    );
    await expect(change).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('keeps group memberships idempotent and scoped', async () => {
    const a = await account();
    const u = await user(a, 'carol');
    const g = await groups.create(a, { id: 'AGPAGROUPXXXXXXXXXXXX', name: 'Devs', path: '/', arn: `arn:aws:iam::${a}:group/Devs` });
    await groups.addMember(a, g.groupId, u.userId);
    await groups.addMember(a, g.groupId, u.userId);
    expect((await groups.listMembers(a, g.groupId)).map((m) => m.userName)).toEqual(['carol']);
    expect((await groups.listForUser(a, u.userId)).map((x) => x.groupName)).toEqual(['Devs']);
    expect(await groups.removeMember(a, g.groupId, u.userId)).toBe(true);
    expect(await groups.removeMember(a, g.groupId, u.userId)).toBe(false);
    expect(await groups.delete(a, g.groupId)).toBe(true);
  });

  it('lists customer and AWS managed policies with attachment counts of the asking account only', async () => {
    const a = await account();
    const b = await account();
    const aws = (await policies.findByArn('aws', POWER_USER))!;
    const awsRef = { accountId: 'aws', policyId: aws.policyId };
    const ua = await user(a, 'dan');
    const ub = await user(b, 'dan');
    const r = await roles.create(a, { id: 'AROAROLEXXXXXXXXXXXXX', name: 'r', path: '/', arn: `arn:aws:iam::${a}:role/r`, assumeRolePolicyDocument: '{}', maxSessionDuration: 3600, description: null });
    await holders.attach(a, { kind: 'user', id: ua.userId }, awsRef);
    await holders.attach(a, { kind: 'user', id: ua.userId }, awsRef);
    await holders.attach(a, { kind: 'role', id: r.roleId }, awsRef);
    await holders.attach(b, { kind: 'user', id: ub.userId }, awsRef);
    const own = await policy(a, 'Mine');
    const listedA = await policies.listVisible(a);
    expect(listedA.map((p) => [p.arn, p.attachmentCount])).toEqual(
      expect.arrayContaining([
        [POWER_USER, 2],
        [own.arn, 0],
      ]),
    );
    expect((await policies.listVisible(b)).map((p) => p.arn)).not.toContain(own.arn);
    expect(await policies.attachmentCount(b, awsRef)).toBe(1);
    expect(await policies.findByArn(b, own.arn)).toBeNull();
    expect(await holders.listAttached(a, { kind: 'user', id: ua.userId })).toEqual([{ policyName: aws.policyName, policyArn: POWER_USER }]);
  });

  it('refuses at the database level to attach another tenant\'s policy', async () => {
    const a = await account();
    const b = await account();
    const ua = await user(a, 'eve');
    const pb = await policy(b, 'Theirs');
    await expect(holders.attach(a, { kind: 'user', id: ua.userId }, { accountId: b, policyId: pb.policyId })).rejects.toBeDefined();
    expect(await holders.listAttached(a, { kind: 'user', id: ua.userId })).toEqual([]);
  });

  it('creates versions, moves the default and deletes them', async () => {
    const a = await account();
    const p = await policy(a, 'Versioned');
    const v2 = await policies.addVersion(a, p.policyId, 2, DOC, true);
    expect(v2).toMatchObject({ versionId: 'v2', isDefaultVersion: true });
    expect((await policies.findByArn(a, p.arn))).toMatchObject({ defaultVersionId: 'v2', versionCounter: 2 });
    expect((await policies.listVersions(a, p.policyId)).map((v) => [v.versionId, v.isDefaultVersion])).toEqual([
      ['v2', true],
      ['v1', false],
    ]);
    await policies.setDefaultVersion(a, p.policyId, 'v1');
    expect(await policies.deleteVersion(a, p.policyId, 'v2')).toBe(true);
    expect(await policies.getVersion(a, p.policyId, 'v2')).toBeNull();
    expect(await policies.listVersions(uniqueAccountId(), p.policyId)).toEqual([]);
  });

  it('upserts inline policies and tags by case-insensitive name, keeping the latest spelling', async () => {
    const a = await account();
    const u = await user(a, 'fay');
    const holder = { kind: 'user' as const, id: u.userId };
    await holders.putInline(a, holder, 'Read', DOC);
    await holders.putInline(a, holder, 'READ', '{}');
    expect(await holders.listInline(a, holder)).toEqual([{ policyName: 'READ', document: '{}' }]);
    expect(await holders.getInline(a, holder, 'read')).toEqual({ policyName: 'READ', document: '{}' });
    expect(await holders.deleteInline(a, holder, 'Read')).toBe(true);
    await tags.put(a, 'user', u.userId, [{ key: 'Env', value: 'dev' }]);
    await tags.put(a, 'user', u.userId, [{ key: 'env', value: 'prod' }]);
    expect(await tags.list(a, 'user', u.userId)).toEqual([{ key: 'env', value: 'prod' }]);
    await tags.remove(a, 'user', u.userId, ['ENV']);
    expect(await tags.list(a, 'user', u.userId)).toEqual([]);
  });

  it('sets and clears permissions boundaries, and protects a boundary policy from deletion', async () => {
    const a = await account();
    const u = await user(a, 'gus');
    const p = await policy(a, 'Boundary');
    await holders.setBoundary(a, { kind: 'user', id: u.userId }, { accountId: a, policyId: p.policyId });
    expect((await users.findById(a, u.userId))?.permissionsBoundaryArn).toBe(p.arn);
    expect(await policies.boundaryUsageCount(a, { accountId: a, policyId: p.policyId })).toBe(1);
    await expect(policies.delete(a, p.policyId)).rejects.toBeDefined();
    await holders.setBoundary(a, { kind: 'user', id: u.userId }, null);
    expect((await users.findById(a, u.userId))?.permissionsBoundaryArn).toBeNull();
    expect(await policies.delete(a, p.policyId)).toBe(true);
  });
});
