/**
 * Two service processes' worth of Keygate (two app instances, each with its own snapshot cache,
 * pool and LISTEN connection) on ONE database: a change made through A reaches B's authorize
 * within a second through NOTIFY, and at once with atLeastRevision (reliability plan §6b F10).
 */
import { withClient } from '@keygate/persistence/test/test-database';
import { createTestAccount, gql, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { ACCOUNT_REVISION, authorize, keyOf, policy, userWith } from './authorize-e2e.helpers';
import { ok as iamOk } from './iam-e2e.helpers';
import { createKey, DISABLE_KEY, doc, ok as kmsOk, PUT_KEY_POLICY, rootTrustPolicy } from './kms-e2e.helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two replicas on one database (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let root: TestAccount;
  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp(), startTestApp()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });
  beforeEach(async () => {
    root = await createTestAccount(a);
  });

  async function revisionVia(app: TestApp): Promise<string> {
    const res = await gql(app.url, root.credential, ACCOUNT_REVISION, {});
    return res.data.accountRevision as string;
  }

  it('a change through A is reflected in B within 1 s (NOTIFY), both directions of access', async () => {
    const key = await keyOf(a, root);
    const alice = await userWith(a, root, 'alice');
    const request = { principalArn: alice, action: 'kms:Encrypt', resource: key.arn };
    // B holds a warm snapshot that denies.
    expect((await authorize(b, request)).decision).toBe('IMPLICIT_DENY');

    await iamOk(a, root.credential, 'putUserPolicy', { userName: 'alice', policyName: 'enc', policyDocument: policy([{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }]) });
    const granted = Date.now();
    let result = await authorize(b, request);
    while (!result.allowed && Date.now() - granted < 1000) {
      await sleep(20);
      result = await authorize(b, request);
    }
    expect(result.allowed).toBe(true);
    expect(Date.now() - granted).toBeLessThan(1000);

    // Revocation propagates the same way.
    await kmsOk(a, root, DISABLE_KEY, { input: { keyId: key.keyId } });
    const revoked = Date.now();
    result = await authorize(b, request);
    while (result.allowed && Date.now() - revoked < 1000) {
      await sleep(20);
      result = await authorize(b, request);
    }
    expect(result).toMatchObject({ allowed: false, keyState: 'DISABLED' });
    expect(Date.now() - revoked).toBeLessThan(1000);
  });

  it('with atLeastRevision, B answers on the new revision immediately (never a stale allow after a revocation)', async () => {
    const key = await keyOf(a, root);
    const alice = await userWith(a, root, 'alice', [policy([{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }])]);
    const request = { principalArn: alice, action: 'kms:Encrypt', resource: key.arn };
    for (let i = 0; i < 5; i++) {
      const allowRevision = await revisionVia(a);
      expect(await authorize(b, { ...request, atLeastRevision: allowRevision })).toMatchObject({ decision: 'ALLOWED', revision: allowRevision });
      await iamOk(a, root.credential, 'deleteUserPolicy', { userName: 'alice', policyName: 'p0' });
      const denyRevision = await revisionVia(a);
      // Immediately, no waiting for the NOTIFY: the first answer of B is already the new one.
      expect(await authorize(b, { ...request, atLeastRevision: denyRevision })).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false, revision: denyRevision });
      await iamOk(a, root.credential, 'putUserPolicy', { userName: 'alice', policyName: 'p0', policyDocument: policy([{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }]) });
    }
  });
  it("with atLeastKeyRevision, B answers a cross-account decision on the key account's new revision immediately", async () => {
    // The key is in root's account; the principal is a user of another account with an IAM allow.
    const partner = await createTestAccount(a);
    const bob = await userWith(a, partner, 'bob', [policy([{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }])]);
    const trusting = doc([
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: root.arn }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: partner.arn }, Action: 'kms:Encrypt', Resource: '*' },
    ]);
    const key = await createKey(a, root, { policy: trusting });
    const request = { principalArn: bob, action: 'kms:Encrypt', resource: key.arn };
    const partnerRevision = await gql(a.url, partner.credential, ACCOUNT_REVISION, {});
    const atLeastRevision = partnerRevision.data.accountRevision as string;
    for (let i = 0; i < 5; i++) {
      const trustRevision = await revisionVia(a);
      expect(await authorize(b, { ...request, atLeastRevision, atLeastKeyRevision: trustRevision })).toMatchObject({ decision: 'ALLOWED', allowed: true });
      // Revoked in the key's account: the partner's statement is removed from the key policy.
      await kmsOk(a, root, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: rootTrustPolicy(root.accountId) } });
      const revokeRevision = await revisionVia(a);
      // Immediately, no waiting for the NOTIFY: the first answer of B is already the new one.
      expect(await authorize(b, { ...request, atLeastRevision, atLeastKeyRevision: revokeRevision })).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false });
      await kmsOk(a, root, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: trusting } });
    }
    // A revision the key's account has not reached is a stale deny naming that account.
    const future = await authorize(b, { ...request, atLeastRevision, atLeastKeyRevision: String(BigInt(await revisionVia(a)) + 1000n) });
    expect(future).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false });
    expect(future.reason).toMatch(new RegExp(`account ${root.accountId} is stale`));
  });

  it('a change whose NOTIFY is lost is picked up by the revision poll (within 5 s)', async () => {
    const key = await keyOf(a, root);
    const user = await iamOk(a, root.credential, 'createUser', { userName: 'quiet' });
    const request = { principalArn: user.arn, action: 'kms:Encrypt', resource: key.arn };
    expect((await authorize(b, request)).decision).toBe('IMPLICIT_DENY');
    // The change commits WITHOUT a notification (as if B's LISTEN connection had been down).
    await withClient(process.env.DATABASE_URL!, async (c) => {
      await c.query('BEGIN');
      await c.query('INSERT INTO "user_inline_policy" ("account_id", "user_id", "policy_name", "name_lower", "document") VALUES ($1, $2, $3, $3, $4)', [
        root.accountId, user.userId, 'enc', policy([{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }]),
      ]);
      await c.query('UPDATE "account" SET "revision" = "revision" + 1 WHERE "account_id" = $1', [root.accountId]);
      await c.query('COMMIT');
    });
    const changed = Date.now();
    let result = await authorize(b, request);
    while (!result.allowed && Date.now() - changed < 7000) {
      await sleep(100);
      result = await authorize(b, request);
    }
    expect(result.allowed).toBe(true);
    expect(Date.now() - changed).toBeLessThan(6000);
  });
});
