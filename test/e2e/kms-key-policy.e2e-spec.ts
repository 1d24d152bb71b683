import { createTestAccount, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { Client } from 'pg';
import {
  call,
  codeOf,
  CREATE_KEY,
  createKey,
  DESCRIBE_KEY,
  doc,
  GET_KEY_POLICY,
  LIST_KEYS,
  ok,
  PUT_KEY_POLICY,
  rootTrustPolicy,
} from './kms-e2e.helpers';

const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';
const INVALID_PRINCIPALS = 'Policy contains a statement with one or more invalid principals.';

/** A root-trusting key policy padded with spaces to exactly `bytes` bytes. */
function policyOfSize(accountId: string, bytes: number): string {
  const base = rootTrustPolicy(accountId);
  return `${base.slice(0, -1)}${' '.repeat(bytes - base.length)}}`;
}

describe('KMS key-policy writes (e2e): §6.4 checks, nothing stored on failure', () => {
  let app: TestApp;
  let db: Client;
  beforeAll(async () => {
    app = await startTestApp();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  async function policyOf(acct: TestAccount, keyId: string): Promise<string> {
    return (await ok(app, acct, GET_KEY_POLICY, { input: { keyId } })).getKeyPolicy;
  }

  async function revisionOf(accountId: string): Promise<string> {
    return (await db.query('SELECT revision::text AS r FROM account WHERE account_id = $1', [accountId])).rows[0].r;
  }

  it('accepts a key policy of exactly 32,768 bytes and rejects 32,769 bytes with LIMIT_EXCEEDED', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct);
    const max = policyOfSize(acct.accountId, 32_768);
    const over = policyOfSize(acct.accountId, 32_769);
    expect(Buffer.byteLength(max)).toBe(32_768);
    expect(Buffer.byteLength(over)).toBe(32_769);
    const before = await revisionOf(acct.accountId);
    expect(codeOf(await call(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: over } }))).toBe('LIMIT_EXCEEDED');
    expect(await revisionOf(acct.accountId)).toBe(before);
    expect(await policyOf(acct, key.keyId)).not.toBe(over);
    expect(codeOf(await call(app, acct, CREATE_KEY, { input: { policy: over } }))).toBe('LIMIT_EXCEEDED');
    expect((await ok(app, acct, LIST_KEYS)).listKeys).toHaveLength(1);
    expect((await ok(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: max } })).putKeyPolicy).toBe(true);
    expect(await policyOf(acct, key.keyId)).toBe(max);
    expect((await createKey(app, acct, { policy: max })).keyState).toBe('ENABLED');
  });

  it('rejects malformed documents with MALFORMED_POLICY_DOCUMENT and findings', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct);
    const original = await policyOf(acct, key.keyId);
    const malformed = [
      '{"Version":"2012-10-17","Statement":[',
      '[]',
      doc([{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }]),
      doc([{ Effect: 'Permit', Principal: { AWS: acct.accountId }, Action: 'kms:*', Resource: '*' }]),
      doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct.accountId}:user/*` }, Action: 'kms:*', Resource: '*' }]),
    ];
    for (const policy of malformed) {
      const res = await call(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy } });
      expect(codeOf(res)).toBe('MALFORMED_POLICY_DOCUMENT');
      const findings = res.errors?.[0].extensions?.findings as Array<{ findingType: string }>;
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.findingType === 'ERROR')).toBe(true);
      expect(codeOf(await call(app, acct, CREATE_KEY, { input: { policy } }))).toBe('MALFORMED_POLICY_DOCUMENT');
    }
    expect(await policyOf(acct, key.keyId)).toBe(original);
    expect((await ok(app, acct, LIST_KEYS)).listKeys).toHaveLength(1);
  });

  it('rejects ForAllValues on kms:EncryptionContext:* and aws:RequestTag/* (OverlyPermissiveCondition)', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct);
    for (const conditionKey of ['kms:EncryptionContext:Department', 'aws:RequestTag/Project']) {
      const policy = doc([
        { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: 'kms:*', Resource: '*' },
        { Sid: 'Ctx', Effect: 'Allow', Principal: { AWS: acct.accountId }, Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAllValues:StringEquals': { [conditionKey]: 'IT' } } },
      ]);
      const res = await call(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy } });
      expect(codeOf(res)).toBe('MALFORMED_POLICY_DOCUMENT');
      expect(res.errors?.[0].message).toMatch(/^OverlyPermissiveCondition: Using the ForAllValues set operator with a single-valued condition key/);
    }
    const plain = doc([
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Ctx', Effect: 'Allow', Principal: { AWS: acct.accountId }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:Department': 'IT' } } },
    ]);
    expect((await ok(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: plain } })).putKeyPolicy).toBe(true);
  });

  it('requires principals of the own account to exist; other accounts are accepted unchecked and indistinguishably', async () => {
    const acct = await createTestAccount(app);
    const other = await createTestAccount(app);
    const key = await createKey(app, acct);
    const withPrincipal = (arn: string) =>
      doc([
        { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: 'kms:*', Resource: '*' },
        { Sid: 'Use', Effect: 'Allow', Principal: { AWS: arn }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' },
      ]);
    for (const ghost of [`arn:aws:iam::${acct.accountId}:user/ghost`, `arn:aws:iam::${acct.accountId}:role/ghost`, `arn:aws:sts::${acct.accountId}:assumed-role/ghost/s1`]) {
      const res = await call(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: withPrincipal(ghost) } });
      expect(codeOf(res)).toBe('MALFORMED_POLICY_DOCUMENT');
      expect(res.errors?.[0].message).toBe(INVALID_PRINCIPALS);
      const created = await call(app, acct, CREATE_KEY, { input: { policy: withPrincipal(ghost) } });
      expect(created.errors?.[0].message).toBe(INVALID_PRINCIPALS);
    }
    expect((await ok(app, acct, LIST_KEYS)).listKeys).toHaveLength(1);
    // Another tenant of this deployment and an account that does not exist here: same answer, no lookup.
    for (const foreign of [`arn:aws:iam::${other.accountId}:user/ghost`, `arn:aws:iam::${other.accountId}:root`, 'arn:aws:iam::999999999999:user/ghost', '444455556666']) {
      const res = await call(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: withPrincipal(foreign) } });
      expect(res.errors).toBeUndefined();
    }
  });

  it('runs the lockout safety check: nothing stored without bypass, accepted (and audited) with bypass; the root is then locked out', async () => {
    const acct = await createTestAccount(app);
    const other = await createTestAccount(app);
    const key = await createKey(app, acct);
    const original = await policyOf(acct, key.keyId);
    const noTrust = doc([{ Sid: 'Other', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other.accountId}:root` }, Action: 'kms:Decrypt', Resource: '*' }]);
    const denyAll = doc([
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'DenyAll', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' },
    ]);
    const withoutPut = doc([{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: ['kms:Describe*', 'kms:Get*'], Resource: '*' }]);
    const before = await revisionOf(acct.accountId);
    for (const policy of [noTrust, denyAll, withoutPut]) {
      for (const bypass of [undefined, false]) {
        const res = await call(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy, bypassPolicyLockoutSafetyCheck: bypass } });
        expect(codeOf(res)).toBe('MALFORMED_POLICY_DOCUMENT');
        expect(res.errors?.[0].message).toBe(LOCKOUT);
      }
      expect(codeOf(await call(app, acct, CREATE_KEY, { input: { policy } }))).toBe('MALFORMED_POLICY_DOCUMENT');
    }
    expect(await revisionOf(acct.accountId)).toBe(before);
    expect(await policyOf(acct, key.keyId)).toBe(original);
    expect((await ok(app, acct, LIST_KEYS)).listKeys).toHaveLength(1);

    expect((await ok(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: noTrust, bypassPolicyLockoutSafetyCheck: true } })).putKeyPolicy).toBe(true);
    const audit = await db.query(
      `SELECT details FROM audit_log WHERE account_id = $1 AND action = 'kms:PutKeyPolicy' ORDER BY audit_id DESC LIMIT 1`,
      [acct.accountId],
    );
    expect(audit.rows[0].details).toMatchObject({ bypassPolicyLockoutSafetyCheck: true });
    // A key policy that does not trust the account locks out even the root (DECISIONS 7).
    for (const query of [DESCRIBE_KEY, GET_KEY_POLICY]) {
      const res = await call(app, acct, query, { input: { keyId: key.keyId } });
      expect(codeOf(res)).toBe('ACCESS_DENIED');
      expect(res.errors?.[0].message).toMatch(new RegExp(`^User: arn:aws:iam::${acct.accountId}:root is not authorized to perform: kms:`));
    }
    const restore = await call(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: original, bypassPolicyLockoutSafetyCheck: true } });
    expect(codeOf(restore)).toBe('ACCESS_DENIED');
  });

  it('creates a locked-out key only with the bypass flag', async () => {
    const acct = await createTestAccount(app);
    const other = await createTestAccount(app);
    const policy = doc([{ Sid: 'Other', Effect: 'Allow', Principal: { AWS: other.accountId }, Action: 'kms:*', Resource: '*' }]);
    const res = await call(app, acct, CREATE_KEY, { input: { policy } });
    expect(res.errors?.[0].message).toBe(LOCKOUT);
    expect((await ok(app, acct, LIST_KEYS)).listKeys).toEqual([]);
    const key = await createKey(app, acct, { policy, bypassPolicyLockoutSafetyCheck: true });
    expect(codeOf(await call(app, acct, DESCRIBE_KEY, { input: { keyId: key.keyId } }))).toBe('ACCESS_DENIED');
  });
});
