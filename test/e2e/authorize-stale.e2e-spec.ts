/**
 * Fail closed on stale data (reliability plan §6b F3, §6d I9): the app runs on a scratch database
 * with a 1 s staleness bound; the database then refuses connections.
 */
import { applyMigrations } from '@keygate/persistence';
import { createScratchDatabase, withClient } from '@keygate/persistence/test/test-database';
import { createTestAccount, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { authorize, keyOf, policy, userWith } from './authorize-e2e.helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(fn: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await fn();
  while (!accept(value) && Date.now() < deadline) {
    await sleep(100);
    value = await fn();
  }
  return value;
}

describe('authorize fails closed when the data is stale (e2e)', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let app: TestApp;
  let root: TestAccount;
  const adminUrl = () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = '/postgres';
    return url.toString();
  };
  const dbName = () => new URL(scratch.url).pathname.slice(1);
  const setConnections = (allow: boolean) =>
    withClient(adminUrl(), async (c) => {
      await c.query(`ALTER DATABASE ${c.escapeIdentifier(dbName())} ALLOW_CONNECTIONS ${allow ? 'true' : 'false'}`);
      if (!allow) await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName()]);
    });

  beforeAll(async () => {
    scratch = await createScratchDatabase('kg_stale');
    await applyMigrations(scratch.url);
    app = await startTestApp({ DATABASE_URL: scratch.url, KEYGATE_STALENESS_SECONDS: '1' });
    root = await createTestAccount(app);
  });
  afterAll(async () => {
    await setConnections(true).catch(() => undefined);
    await app?.close();
    await scratch?.drop();
  });

  it('denies with a stale reason while the database is unreachable beyond the bound, and recovers', async () => {
    const key = await keyOf(app, root);
    const alice = await userWith(app, root, 'alice', [policy([{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }])]);
    const request = { principalArn: alice, action: 'kms:Encrypt', resource: key.arn };
    expect((await authorize(app, request)).allowed).toBe(true);

    await setConnections(false);
    await sleep(1500);
    const stale = await authorize(app, request);
    expect(stale).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false });
    expect(stale.reason).toMatch(new RegExp(`^Authorization data for account ${root.accountId} is (stale|unavailable)`));

    await setConnections(true);
    const recovered = await eventually(() => authorize(app, request), (r) => r.allowed, 8000);
    expect(recovered).toMatchObject({ decision: 'ALLOWED', allowed: true });
  });
});
