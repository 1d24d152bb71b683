import { type KmsKeyRecord } from '@keygate/core';
import { PurgeExpiredKeysUseCase } from '@keygate/core/use-cases/kms';
import type { PrismaClient } from '../prisma/prisma-client.factory';
import { PrismaStore } from '../store/prisma-store';
import { testPrismaClient, uniqueAccountId } from '../test/test-database';
import { createKmsRepository } from './kms.repository';

const DAY = 24 * 60 * 60 * 1000;

describe('KMS repositories (embedded PostgreSQL)', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = testPrismaClient();
  });
  afterAll(() => prisma.$disconnect());

  async function account(): Promise<string> {
    const accountId = uniqueAccountId();
    await prisma.account.create({ data: { accountId, name: 'kms' } });
    return accountId;
  }

  function keyRecord(accountId: string, keyId: string, extra: Partial<KmsKeyRecord> = {}): Omit<KmsKeyRecord, 'creationDate'> {
    return {
      accountId,
      keyId,
      arn: `arn:aws:kms:us-east-1:${accountId}:key/${keyId}`,
      region: 'us-east-1',
      description: '',
      keyState: 'ENABLED',
      keyUsage: 'ENCRYPT_DECRYPT',
      keySpec: 'SYMMETRIC_DEFAULT',
      origin: 'AWS_KMS',
      deletionDate: null,
      rotationEnabled: false,
      policy: '{ "Version" : "2012-10-17" }',
      ...extra,
    };
  }

  it('stores a key with tags, keeps the policy byte-for-byte, and hides it from other tenants', async () => {
    const a = await account();
    const b = await account();
    const repo = createKmsRepository(prisma);
    const keyId = crypto.randomUUID();
    const policy = '{\n  "Version" : "2012-10-17",\t"Statement" : [ ]  \n}\n';
    const created = await repo.keys.create(keyRecord(a, keyId, { policy }), { env: 'prod', Env: 'dev' });
    expect(created.creationDate).toBeInstanceOf(Date);
    const now = new Date();
    expect((await repo.keys.get(a, keyId, now))?.policy).toBe(policy);
    expect(await repo.keys.get(b, keyId, now)).toBeNull();
    expect(await repo.keys.tags(a, keyId)).toEqual({ Env: 'dev', env: 'prod' });
    expect(await repo.keys.tags(b, keyId)).toEqual({});
    expect((await repo.keys.list(a, now)).map((k) => k.keyId)).toEqual([keyId]);
    expect(await repo.keys.list(b, now)).toEqual([]);
    await repo.keys.putTags(a, keyId, { env: 'test', team: 'x' });
    await repo.keys.removeTags(a, keyId, ['Env']);
    expect(await repo.keys.tags(a, keyId)).toEqual({ env: 'test', team: 'x' });
    expect(await repo.keys.delete(b, keyId)).toBe(false);
  });

  it('treats a key past its deletionDate as absent on every read', async () => {
    const a = await account();
    const repo = createKmsRepository(prisma);
    const keyId = crypto.randomUUID();
    const deletionDate = new Date(Date.now() + 7 * DAY);
    await repo.keys.create(keyRecord(a, keyId, { keyState: 'PENDING_DELETION', deletionDate }), {});
    expect(await repo.keys.get(a, keyId, new Date())).not.toBeNull();
    const after = new Date(deletionDate.getTime() + 1);
    expect(await repo.keys.get(a, keyId, after)).toBeNull();
    expect(await repo.keys.list(a, after)).toEqual([]);
    expect(await repo.keys.listExpired(after, 10_000)).toEqual(expect.arrayContaining([{ accountId: a, keyId }]));
  });

  it('stores aliases and grants per account and deletes them with their key', async () => {
    const a = await account();
    const b = await account();
    const repo = createKmsRepository(prisma);
    const k1 = crypto.randomUUID();
    const k2 = crypto.randomUUID();
    await repo.keys.create(keyRecord(a, k1), {});
    await repo.keys.create(keyRecord(a, k2), {});
    await repo.aliases.create(a, 'alias/x', k1);
    await repo.aliases.retarget(a, 'alias/x', k2);
    expect((await repo.aliases.get(a, 'alias/x'))?.targetKeyId).toBe(k2);
    expect(await repo.aliases.get(a, 'alias/X')).toBeNull();
    expect(await repo.aliases.get(b, 'alias/x')).toBeNull();
    const grant = await repo.grants.create({
      accountId: a,
      grantId: 'g'.repeat(64),
      keyId: k2,
      granteePrincipal: `arn:aws:iam::${b}:root`,
      retiringPrincipal: `arn:aws:iam::${b}:user/r`,
      operations: ['Decrypt', 'Encrypt'],
      constraints: { encryptionContextEquals: { Department: 'IT' } },
      name: 'n',
      grantToken: `token-${a}`,
      issuingAccount: `arn:aws:iam::${a}:root`,
    });
    expect(grant.constraints).toEqual({ encryptionContextEquals: { Department: 'IT' } });
    expect(await repo.grants.findByToken(`token-${a}`)).toEqual(grant);
    expect(await repo.grants.get(b, grant.grantId)).toBeNull();
    expect((await repo.grants.listByRetiringPrincipal(`arn:aws:iam::${b}:user/r`)).map((g) => g.grantId)).toEqual([grant.grantId]);
    expect(await repo.keys.delete(a, k2)).toBe(true);
    expect(await repo.aliases.get(a, 'alias/x')).toBeNull();
    expect(await repo.grants.get(a, grant.grantId)).toBeNull();
  });

  it('answers principal existence for users and roles of one account only', async () => {
    const a = await account();
    const b = await account();
    const repo = createKmsRepository(prisma);
    const userArn = `arn:aws:iam::${a}:user/team/bob`;
    const roleArn = `arn:aws:iam::${a}:role/svc/Worker`;
    await prisma.user.create({ data: { accountId: a, userId: `AIDA${a}`, name: 'bob', nameLower: 'bob', path: '/team/', arn: userArn } });
    await prisma.role.create({ data: { accountId: a, roleId: `AROA${a}`, name: 'Worker', nameLower: 'worker', path: '/svc/', arn: roleArn, assumeRolePolicyDocument: '{}' } });
    expect(await repo.principals.userOrRoleArnExists(a, userArn)).toBe(true);
    expect(await repo.principals.userOrRoleArnExists(a, roleArn)).toBe(true);
    expect(await repo.principals.userOrRoleArnExists(a, `arn:aws:iam::${a}:user/bob`)).toBe(false);
    expect(await repo.principals.userOrRoleArnExists(b, userArn)).toBe(false);
    expect(await repo.principals.roleNameExists(a, 'Worker')).toBe(true);
    expect(await repo.principals.roleNameExists(b, 'Worker')).toBe(false);
    expect(await repo.principals.accountExists(a)).toBe(true);
  });

  it('purges expired keys in audited changes that bump the account revision', async () => {
    const a = await account();
    const repo = createKmsRepository(prisma);
    const expired = crypto.randomUUID();
    const pending = crypto.randomUUID();
    const past = new Date(Date.now() - 1000);
    await repo.keys.create(keyRecord(a, expired, { keyState: 'PENDING_DELETION', deletionDate: past }), { t: 'v' });
    await repo.keys.create(keyRecord(a, pending, { keyState: 'PENDING_DELETION', deletionDate: new Date(Date.now() + DAY) }), {});
    const store = new PrismaStore(prisma);
    const purge = new PurgeExpiredKeysUseCase({ store, now: () => new Date(), region: 'us-east-1' });
    // Other specs may leave expired keys too: purge until this one is gone.
    for (let i = 0; i < 20 && (await prisma.kmsKey.count({ where: { accountId: a, keyId: expired } })) > 0; i++) await purge.execute(1000);
    expect(await prisma.kmsKey.count({ where: { accountId: a, keyId: expired } })).toBe(0);
    expect(await prisma.kmsKeyTag.count({ where: { accountId: a, keyId: expired } })).toBe(0);
    expect(await prisma.kmsKey.count({ where: { accountId: a, keyId: pending } })).toBe(1);
    // Another replica's sweep with a stale list: the change rolls back (no audit row, no revision bump).
    const staleStore = {
      read: async <T>(work: (repos: never) => Promise<T>) => work({ kms: { keys: { listExpired: async () => [{ accountId: a, keyId: expired }] } } } as never),
      change: store.change.bind(store),
    };
    expect(await new PurgeExpiredKeysUseCase({ store: staleStore, now: () => new Date(), region: 'us-east-1' }).execute()).toBe(0);
    const audit = await prisma.auditLog.findMany({ where: { accountId: a, action: 'kms:DeleteKey' } });
    expect(audit).toHaveLength(1);
    expect(audit[0].resource).toBe(`arn:aws:kms:us-east-1:${a}:key/${expired}`);
    expect((await prisma.account.findUnique({ where: { accountId: a } }))?.revision).toBe(1n);
  });
});
