import { type AccountSnapshot, compileSnapshot } from '@keygate/core/snapshot';
import * as fc from 'fast-check';
import type { PrismaClient } from '../prisma/prisma-client.factory';
import { PrismaStore } from '../store/prisma-store';
import { testPrismaClient, uniqueAccountId } from '../test/test-database';
import { PrismaAuthorizationDataSource } from './prisma-authorization-data-source';

const AWS_POLICY_ARN = 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser';
const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

/*
 * Reloads of the changed keys only (keysChangedSince): random changes of an account's KMS rows,
 * applied as the store applies a change (the work, then the revision bump, in one transaction).
 */
type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const POLICIES = [
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] }),
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] }),
  '{ "not": "a policy"',
];

/** One change of an account's KMS rows (indices pick among what exists; out of range = no-op). */
type Change =
  | { op: 'createKey'; policy: number }
  | { op: 'updateKey'; key: number; field: 'description' | 'keyState' | 'policy'; value: number }
  | { op: 'deleteKey'; key: number }
  | { op: 'putTag'; key: number; tag: number; value: number }
  | { op: 'deleteTag'; key: number; tag: number }
  | { op: 'createAlias'; key: number; alias: number }
  | { op: 'retargetAlias'; alias: number; key: number }
  | { op: 'deleteAlias'; alias: number }
  | { op: 'createGrant'; key: number; grant: number; constrained: boolean }
  | { op: 'deleteGrant'; grant: number }
  | { op: 'iamOnly' };

const n = fc.nat({ max: 3 });
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ op: fc.constant('createKey' as const), policy: fc.nat({ max: POLICIES.length - 1 }) }),
  fc.record({ op: fc.constant('updateKey' as const), key: n, field: fc.constantFrom('description' as const, 'keyState' as const, 'policy' as const), value: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('deleteKey' as const), key: n }),
  fc.record({ op: fc.constant('putTag' as const), key: n, tag: fc.nat({ max: 2 }), value: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('deleteTag' as const), key: n, tag: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('createAlias' as const), key: n, alias: fc.nat({ max: 3 }) }),
  fc.record({ op: fc.constant('retargetAlias' as const), alias: fc.nat({ max: 3 }), key: n }),
  fc.record({ op: fc.constant('deleteAlias' as const), alias: fc.nat({ max: 3 }) }),
  fc.record({ op: fc.constant('createGrant' as const), key: n, grant: fc.nat({ max: 3 }), constrained: fc.boolean() }),
  fc.record({ op: fc.constant('deleteGrant' as const), grant: fc.nat({ max: 3 }) }),
  fc.record({ op: fc.constant('iamOnly' as const) }),
);

async function apply(tx: Tx, accountId: string, c: Change, serial: () => number): Promise<void> {
  const keys = (await tx.kmsKey.findMany({ where: { accountId }, orderBy: { keyId: 'asc' }, select: { keyId: true } })).map((k) => k.keyId);
  const key = 'key' in c ? keys[c.key] : undefined;
  const arnOf = (keyId: string) => `arn:aws:kms:us-east-1:${accountId}:key/${keyId}`;
  switch (c.op) {
    case 'createKey': {
      const keyId = `00000000-0000-4000-8000-${String(serial()).padStart(12, '0')}`;
      await tx.kmsKey.create({ data: { accountId, keyId, arn: arnOf(keyId), region: 'us-east-1', policy: POLICIES[c.policy] } });
      return;
    }
    case 'updateKey': {
      if (!key) return;
      const data =
        c.field === 'description' ? { description: `d${c.value}` } : c.field === 'keyState' ? { keyState: (['ENABLED', 'DISABLED', 'PENDING_DELETION'] as const)[c.value] } : { policy: POLICIES[c.value] };
      await tx.kmsKey.update({ where: { accountId_keyId: { accountId, keyId: key } }, data });
      return;
    }
    case 'deleteKey':
      if (key) await tx.kmsKey.delete({ where: { accountId_keyId: { accountId, keyId: key } } });
      return;
    case 'putTag':
      if (key) {
        await tx.kmsKeyTag.upsert({
          where: { accountId_keyId_tagKey: { accountId, keyId: key, tagKey: `t${c.tag}` } },
          create: { accountId, keyId: key, tagKey: `t${c.tag}`, tagValue: `v${c.value}` },
          update: { tagValue: `v${c.value}` },
        });
      }
      return;
    case 'deleteTag':
      if (key) await tx.kmsKeyTag.deleteMany({ where: { accountId, keyId: key, tagKey: `t${c.tag}` } });
      return;
    case 'createAlias':
      if (key) await tx.kmsAlias.createMany({ data: [{ accountId, aliasName: `alias/a${c.alias}`, targetKeyId: key }], skipDuplicates: true });
      return;
    case 'retargetAlias':
      if (key) await tx.kmsAlias.updateMany({ where: { accountId, aliasName: `alias/a${c.alias}` }, data: { targetKeyId: key } });
      return;
    case 'deleteAlias':
      await tx.kmsAlias.deleteMany({ where: { accountId, aliasName: `alias/a${c.alias}` } });
      return;
    case 'createGrant':
      if (key) {
        await tx.kmsGrant.createMany({
          data: [
            {
              accountId, grantId: `g${c.grant}`, keyId: key, granteePrincipal: `arn:aws:iam::${accountId}:role/app`, operations: ['Encrypt', 'Decrypt'],
              ...(c.constrained ? { constraints: { encryptionContextEquals: { Dept: 'IT' } } } : {}), grantToken: `tok${c.grant}`, issuingAccount: `arn:aws:iam::${accountId}:root`,
            },
          ],
          skipDuplicates: true,
        });
      }
      return;
    case 'deleteGrant':
      await tx.kmsGrant.deleteMany({ where: { accountId, grantId: `g${c.grant}` } });
      return;
    case 'iamOnly':
      return;
  }
}

/** What a snapshot says about keys and aliases, as plain data (the opaque key target left out). */
function kmsView(s: AccountSnapshot) {
  const keys = [...s.keys.values()]
    .map((k) => ({
      keyId: k.keyId,
      arn: k.arn,
      description: k.description,
      deletionDateMs: k.deletionDateMs,
      facts: { ...k.facts, target: undefined },
      targetOk: k.facts.target !== undefined,
      policy: k.keyPolicy ? s.compiled.get(`RESOURCE|${k.arn}`)?.text : undefined,
      policyId: k.keyPolicy?.policyId,
      error: k.error,
      grants: k.grants,
    }))
    .sort((a, b) => a.keyId.localeCompare(b.keyId));
  return { revision: s.revision, keys, aliases: [...s.aliases].sort(), compiled: [...s.compiled.keys()].sort(), estimatedBytes: s.estimatedBytes };
}

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
  async function snapshotOf(accountId: string, previous?: AccountSnapshot): Promise<AccountSnapshot> {
    const data = await source.load(accountId, previous ? { keysChangedSince: previous.revision } : {});
    return compileSnapshot(data!, { loadedAtMs: 0, previous });
  }

  it('with keysChangedSince reads only the keys changed since that revision, and the ids of all keys', async () => {
    const accountId = uniqueAccountId();
    await prisma.account.create({ data: { accountId, name: 'inc', revision: 1n } });
    const ids = ['1', '2', '3'].map((d) => `00000000-0000-4000-8000-00000000000${d}`);
    for (const keyId of ids) await prisma.kmsKey.create({ data: { accountId, keyId, arn: `arn:aws:kms:us-east-1:${accountId}:key/${keyId}`, region: 'us-east-1', policy: POLICIES[0] } });
    await prisma.account.update({ where: { accountId }, data: { revision: 2n } });
    // At revision 2: a tag on key 2 and an alias on key 3 stamp those keys with 2.
    await prisma.kmsKeyTag.create({ data: { accountId, keyId: ids[1], tagKey: 'k', tagValue: 'v' } });
    await prisma.kmsAlias.create({ data: { accountId, aliasName: 'alias/x', targetKeyId: ids[2] } });
    const data = await source.load(accountId, { keysChangedSince: 2n });
    expect(data!.keysChangedSince).toBe(2n);
    expect(data!.keys.map((k) => k.keyId).sort()).toEqual([ids[1], ids[2]]);
    expect(data!.keys.find((k) => k.keyId === ids[1])!.tags).toEqual({ k: 'v' });
    expect(data!.keyIds!.sort()).toEqual(ids);
    expect(data!.aliases).toEqual([{ aliasName: 'alias/x', targetKeyId: ids[2] }]);
    // Without the option: every key, and no key id list.
    const full = await source.load(accountId);
    expect(full!.keysChangedSince).toBeUndefined();
    expect(full!.keyIds).toBeUndefined();
    expect(full!.keys).toHaveLength(3);
  });

  it('with keysChangedSince builds the same snapshot as a full load after any sequence of key, tag, alias and grant changes', async () => {
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 14 }), async (changes) => {
        const accountId = uniqueAccountId();
        await prisma.account.create({ data: { accountId, name: 'inc' } });
        // Three keys to begin with, so that most changes find the key they name.
        for (let i = 0; i < 3; i++) await prisma.$transaction((tx) => apply(tx, accountId, { op: 'createKey', policy: i % 2 }, () => ++serial));
        let previous = await snapshotOf(accountId);
        for (const c of changes) {
          await prisma.$transaction(async (tx) => {
            await apply(tx, accountId, c, () => ++serial);
            await tx.$executeRaw`UPDATE "account" SET "revision" = "revision" + 1 WHERE "account_id" = ${accountId}`;
          });
          const incremental = await snapshotOf(accountId, previous);
          expect(kmsView(incremental)).toEqual(kmsView(await snapshotOf(accountId)));
          previous = incremental;
        }
      }),
      { numRuns: 40 },
    );
  });
});
