import type { PrismaClient } from '../prisma/prisma-client.factory';
import { PrismaStore } from '../store/prisma-store';
import { testPrismaClient, uniqueAccountId } from '../test/test-database';
import { PrismaAccessKeyRepository } from './access-key.repository';
import { PrismaAccountRepository } from './account.repository';

describe('account and access key repositories (embedded PostgreSQL)', () => {
  let prisma: PrismaClient;
  let accounts: PrismaAccountRepository;
  let keys: PrismaAccessKeyRepository;

  beforeAll(() => {
    prisma = testPrismaClient();
    accounts = new PrismaAccountRepository(prisma);
    keys = new PrismaAccessKeyRepository(prisma);
  });
  afterAll(() => prisma.$disconnect());

  async function accountWithUser(): Promise<{ accountId: string; userId: string }> {
    const accountId = uniqueAccountId();
    const userId = `AIDA${accountId}`;
    await accounts.create(accountId, 'Acme');
    await prisma.user.create({ data: { accountId, userId, name: 'bob', nameLower: 'bob', arn: `arn:aws:iam::${accountId}:user/bob` } });
    return { accountId, userId };
  }

  it('creates and reads an account with revision 0', async () => {
    const accountId = uniqueAccountId();
    const created = await accounts.create(accountId, 'Acme');
    expect(created).toMatchObject({ accountId, name: 'Acme', revision: 0n });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(await accounts.get(accountId)).toEqual(created);
    expect(await accounts.revision(accountId)).toBe(0n);
    expect(await accounts.get(uniqueAccountId())).toBeNull();
    expect(await accounts.revision(uniqueAccountId())).toBeNull();
  });

  it('reports a duplicate account as ALREADY_EXISTS through the store', async () => {
    const accountId = uniqueAccountId();
    const store = new PrismaStore(prisma);
    const meta = { accountId, actorArn: 'operator', action: 'keygate:CreateAccount', resource: '*' };
    await store.change(meta, (repos) => repos.accounts.create(accountId, 'first'));
    await expect(store.change(meta, (repos) => repos.accounts.create(accountId, 'second'))).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect((await accounts.get(accountId))?.name).toBe('first');
  });

  it('stores root and user keys and finds them globally by id for authentication', async () => {
    const { accountId, userId } = await accountWithUser();
    const root = await keys.create({ accountId, accessKeyId: `AKIA${accountId}R`, secretHash: 'hash-r', owner: { kind: 'root' } });
    const user = await keys.create({ accountId, accessKeyId: `AKIA${accountId}U`, secretHash: 'hash-u', owner: { kind: 'user', userId } });
    expect(root).toMatchObject({ accountId, owner: { kind: 'root' }, status: 'Active', secretHash: 'hash-r' });
    expect(user).toMatchObject({ owner: { kind: 'user', userId }, status: 'Active' });
    expect(await keys.findForAuthentication(`AKIA${accountId}U`)).toEqual(user);
    expect(await keys.findForAuthentication('AKIADOESNOTEXIST')).toBeNull();
  });

  it('lists keys per owner', async () => {
    const { accountId, userId } = await accountWithUser();
    await keys.create({ accountId, accessKeyId: `AKIA${accountId}R`, secretHash: 'h', owner: { kind: 'root' } });
    await keys.create({ accountId, accessKeyId: `AKIA${accountId}U1`, secretHash: 'h', owner: { kind: 'user', userId } });
    await keys.create({ accountId, accessKeyId: `AKIA${accountId}U2`, secretHash: 'h', owner: { kind: 'user', userId } });
    expect((await keys.listForOwner(accountId, { kind: 'root' })).map((k) => k.accessKeyId)).toEqual([`AKIA${accountId}R`]);
    expect((await keys.listForOwner(accountId, { kind: 'user', userId })).map((k) => k.accessKeyId).sort()).toEqual([
      `AKIA${accountId}U1`,
      `AKIA${accountId}U2`,
    ]);
    expect(await keys.listForOwner(accountId, { kind: 'user', userId: 'AIDAOTHER' })).toEqual([]);
  });

  it('changes status and deletes only within the owning account', async () => {
    const { accountId } = await accountWithUser();
    const other = uniqueAccountId();
    await accounts.create(other, 'Other');
    const id = `AKIA${accountId}S`;
    await keys.create({ accountId, accessKeyId: id, secretHash: 'h', owner: { kind: 'root' } });
    // INVARIANT: another tenant's key answers exactly like a missing one.
    expect(await keys.setStatus(other, id, 'Inactive')).toBe(false);
    expect(await keys.delete(other, id)).toBe(false);
    expect(await keys.setStatus(accountId, id, 'Inactive')).toBe(true);
    expect((await keys.findForAuthentication(id))?.status).toBe('Inactive');
    expect(await keys.delete(accountId, id)).toBe(true);
    expect(await keys.findForAuthentication(id)).toBeNull();
    expect(await keys.delete(accountId, id)).toBe(false);
  });
});
