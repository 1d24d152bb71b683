import { DomainError, errors, type ChangeMeta } from '@keygate/core';
import { ChangeListener } from '../notify/change-listener';
import type { PrismaClient } from '../prisma/prisma-client.factory';
import { testDatabaseUrl, testPrismaClient, uniqueAccountId } from '../test/test-database';
import { PrismaStore } from './prisma-store';

describe('PrismaStore (embedded PostgreSQL)', () => {
  let prisma: PrismaClient;
  let store: PrismaStore;
  const internalErrors: unknown[] = [];

  beforeAll(() => {
    prisma = testPrismaClient();
    store = new PrismaStore(prisma, { onInternalError: (err) => internalErrors.push(err) });
  });
  afterAll(() => prisma.$disconnect());

  const meta = (accountId: string, action = 'iam:CreateUser'): ChangeMeta => ({
    accountId,
    actorArn: `arn:aws:iam::${accountId}:root`,
    action,
    resource: `arn:aws:iam::${accountId}:user/alice`,
    details: { userName: 'alice' },
  });

  async function createAccount(accountId: string): Promise<bigint> {
    const { revision } = await store.change(meta(accountId, 'keygate:CreateAccount'), (repos) =>
      repos.accounts.create(accountId, `acct ${accountId}`),
    );
    return revision;
  }

  it('commits the work, one audit row and the bumped revision, and notifies at commit', async () => {
    const accountId = uniqueAccountId();
    const seen: string[] = [];
    const listener = new ChangeListener({
      databaseUrl: testDatabaseUrl(),
      onChange: (account, revision) => seen.push(`${account}:${revision}`),
    });
    await listener.start();
    try {
      expect(await createAccount(accountId)).toBe(1n);
      const { result, revision } = await store.change(meta(accountId), async (repos) => {
        await repos.accessKeys.create({ accountId, accessKeyId: `AKIA${accountId}X1`, secretHash: 'h', owner: { kind: 'root' } });
        return 'done';
      });
      expect({ result, revision }).toEqual({ result: 'done', revision: 2n });
      expect(await store.read((repos) => repos.accounts.revision(accountId))).toBe(2n);
      const audit = await prisma.auditLog.findMany({ where: { accountId }, orderBy: { auditId: 'asc' } });
      expect(audit.map((a) => [a.action, a.revision, a.actorArn])).toEqual([
        ['keygate:CreateAccount', 1n, `arn:aws:iam::${accountId}:root`],
        ['iam:CreateUser', 2n, `arn:aws:iam::${accountId}:root`],
      ]);
      expect(audit[1].details).toEqual({ userName: 'alice' });
      await waitFor(() => seen.includes(`${accountId}:2`));
      expect(seen.filter((s) => s.startsWith(`${accountId}:`))).toEqual([`${accountId}:1`, `${accountId}:2`]);
    } finally {
      await listener.close();
    }
  });

  it('rolls everything back when the work throws: no row, no audit, same revision, no notification', async () => {
    const accountId = uniqueAccountId();
    await createAccount(accountId);
    const seen: string[] = [];
    const listener = new ChangeListener({ databaseUrl: testDatabaseUrl(), onChange: (a, r) => seen.push(`${a}:${r}`) });
    await listener.start();
    try {
      const failing = store.change(meta(accountId), async (repos) => {
        await repos.accessKeys.create({ accountId, accessKeyId: `AKIA${accountId}R1`, secretHash: 'h', owner: { kind: 'root' } });
        throw errors.validation('Bad "input".');
      });
      await expect(failing).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: 'Bad "input".' });
      // A later successful change proves the listener was live while the failed one ran.
      await store.change(meta(accountId, 'iam:TagUser'), async () => undefined);
      await waitFor(() => seen.includes(`${accountId}:2`));
      expect(seen.filter((s) => s.startsWith(`${accountId}:`))).toEqual([`${accountId}:2`]);
      expect(await prisma.accessKey.count({ where: { accountId } })).toBe(0);
      expect((await prisma.auditLog.findMany({ where: { accountId } })).map((a) => a.action)).toEqual([
        'keygate:CreateAccount',
        'iam:TagUser',
      ]);
    } finally {
      await listener.close();
    }
  });

  it('maps a unique violation inside the work to ALREADY_EXISTS without naming tables or columns', async () => {
    const accountId = uniqueAccountId();
    await createAccount(accountId);
    const error = await store
      .change(meta(accountId, 'keygate:CreateAccount'), (repos) => repos.accounts.create(accountId, 'again'))
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'ALREADY_EXISTS' });
    expect((error as Error).message).not.toMatch(/account|unique|constraint|prisma|P2002/i);
    expect(await store.read((repos) => repos.accounts.revision(accountId))).toBe(1n);
  });

  it('maps any other database error to INTERNAL without leaking SQL, and reports the original', async () => {
    const accountId = uniqueAccountId();
    await createAccount(accountId);
    internalErrors.length = 0;
    const error = await store
      .change(meta(accountId), (repos) =>
        // A user key for a user that does not exist: composite foreign key violation.
        repos.accessKeys.create({ accountId, accessKeyId: `AKIA${accountId}F1`, secretHash: 'h', owner: { kind: 'user', userId: 'AIDANOSUCHUSER' } }),
      )
      .catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect((error as Error).message).not.toMatch(/access_key|foreign|constraint|prisma|P2003|insert/i);
    expect(internalErrors).toHaveLength(1);
  });

  it('refuses a change for an account that does not exist and writes nothing', async () => {
    const accountId = uniqueAccountId();
    await expect(store.change(meta(accountId), async () => 'x')).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await prisma.auditLog.count({ where: { accountId } })).toBe(0);
  });

  it('serializes concurrent changes of one account: revisions are distinct and consecutive', async () => {
    const accountId = uniqueAccountId();
    await createAccount(accountId);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => store.change(meta(accountId, `iam:Op${i}`), async () => i)),
    );
    expect(results.map((r) => r.revision).sort()).toEqual([2n, 3n, 4n, 5n, 6n, 7n]);
    const audit = await prisma.auditLog.findMany({ where: { accountId }, orderBy: { auditId: 'asc' } });
    expect(audit.map((a) => a.revision)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
