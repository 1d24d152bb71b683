import { DEFAULT_KEY_POLICY } from '@keygate/policy-engine';
import { createTestAccount, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import {
  call,
  codeOf,
  CREATE_KEY,
  createKey,
  DESCRIBE_KEY,
  doc,
  GET_KEY_POLICY,
  LIST_KEY_POLICIES,
  LIST_KEYS,
  ok,
  PUT_KEY_POLICY,
  rootTrustPolicy,
} from './kms-e2e.helpers';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('KMS keys: create, describe, list, key policy (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ KEYGATE_DEFAULT_REGION: 'eu-west-1' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('creates a symmetric key with a UUID v4 id and an ARN in the configured region', async () => {
    const acct = await createTestAccount(app);
    const key = (await ok(app, acct, CREATE_KEY, { input: { description: 'orders' } })).createKey;
    expect(key.keyId).toMatch(UUID_V4);
    expect(key).toMatchObject({
      arn: `arn:aws:kms:eu-west-1:${acct.accountId}:key/${key.keyId}`,
      awsAccountId: acct.accountId,
      description: 'orders',
      keyState: 'ENABLED',
      keyUsage: 'ENCRYPT_DECRYPT',
      keySpec: 'SYMMETRIC_DEFAULT',
      enabled: true,
      deletionDate: null,
      origin: 'AWS_KMS',
      keyManager: 'CUSTOMER',
      multiRegion: false,
    });
    const described = (await ok(app, acct, DESCRIBE_KEY, { input: { keyId: key.keyId } })).describeKey;
    expect(described).toEqual(key);
    const byArn = (await ok(app, acct, DESCRIBE_KEY, { input: { keyId: key.arn } })).describeKey;
    expect(byArn.keyId).toBe(key.keyId);
  });

  it('installs the default key policy byte-for-byte when no policy is given', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct);
    const policy = (await ok(app, acct, GET_KEY_POLICY, { input: { keyId: key.keyId } })).getKeyPolicy;
    expect(policy).toBe(DEFAULT_KEY_POLICY(acct.accountId));
    expect(policy).toContain('"Id" : "key-default-1"');
    expect((await ok(app, acct, LIST_KEY_POLICIES, { input: { keyId: key.keyId } })).listKeyPolicies).toEqual(['default']);
  });

  it('lists the keys of the caller account only, ids and ARNs', async () => {
    const a = await createTestAccount(app);
    const b = await createTestAccount(app);
    const k1 = await createKey(app, a);
    const k2 = await createKey(app, a);
    await createKey(app, b);
    const listed = (await ok(app, a, LIST_KEYS)).listKeys;
    expect(listed).toEqual([
      { keyId: k1.keyId, keyArn: k1.arn },
      { keyId: k2.keyId, keyArn: k2.arn },
    ]);
  });

  it('validates keyUsage against keySpec (nothing stored on a bad combination)', async () => {
    const acct = await createTestAccount(app);
    const good = [
      { keyUsage: 'SIGN_VERIFY', keySpec: 'ECC_NIST_P256' },
      { keyUsage: 'SIGN_VERIFY', keySpec: 'ML_DSA_65' },
      { keyUsage: 'ENCRYPT_DECRYPT', keySpec: 'RSA_2048' },
      { keyUsage: 'GENERATE_VERIFY_MAC', keySpec: 'HMAC_256' },
      { keyUsage: 'KEY_AGREEMENT', keySpec: 'ECC_NIST_P384' },
      { keyUsage: 'ENCRYPT_DECRYPT', keySpec: 'SM2' },
    ];
    for (const input of good) expect((await createKey(app, acct, input)).keyState).toBe('ENABLED');
    const bad = [
      { keyUsage: 'ENCRYPT_DECRYPT', keySpec: 'HMAC_256' },
      { keyUsage: 'SIGN_VERIFY', keySpec: 'SYMMETRIC_DEFAULT' },
      { keyUsage: 'GENERATE_VERIFY_MAC', keySpec: 'RSA_2048' },
      { keyUsage: 'KEY_AGREEMENT', keySpec: 'RSA_4096' },
      { keyUsage: 'ENCRYPT_DECRYPT', keySpec: 'ECC_NIST_P256' },
      { keySpec: 'RSA_1024' },
    ];
    for (const input of bad) {
      const res = await call(app, acct, CREATE_KEY, { input });
      expect(codeOf(res)).toBe('VALIDATION_ERROR');
    }
    expect((await ok(app, acct, LIST_KEYS)).listKeys).toHaveLength(good.length);
  });

  it('replaces the key policy with putKeyPolicy and returns it byte-for-byte', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct);
    const policy = `${rootTrustPolicy(acct.accountId)}\n`;
    expect((await ok(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy } })).putKeyPolicy).toBe(true);
    expect((await ok(app, acct, GET_KEY_POLICY, { input: { keyId: key.arn } })).getKeyPolicy).toBe(policy);
  });

  it('creates a key with a given policy', async () => {
    const acct = await createTestAccount(app);
    const policy = rootTrustPolicy(acct.accountId);
    const key = await createKey(app, acct, { policy, description: 'with policy' });
    expect((await ok(app, acct, GET_KEY_POLICY, { input: { keyId: key.keyId } })).getKeyPolicy).toBe(policy);
  });

  it('answers NOT_FOUND for a missing key and VALIDATION_ERROR for malformed ids (no path or DB text echoed)', async () => {
    const acct = await createTestAccount(app);
    const missing = await call(app, acct, DESCRIBE_KEY, { input: { keyId: '00000000-0000-4000-8000-000000000000' } });
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(missing.errors?.[0].message).toBe(`Key 'arn:aws:kms:eu-west-1:${acct.accountId}:key/00000000-0000-4000-8000-000000000000' does not exist.`);
    for (const keyId of ['../../etc/passwd', '%00', '1234abcd-12ab-34cd-56ef-1234567890ab\n', 'x'.repeat(10_000), 'alias/', 'arn:aws:kms']) {
      const res = await call(app, acct, DESCRIBE_KEY, { input: { keyId } });
      expect(codeOf(res)).toBe('VALIDATION_ERROR');
      const message = res.errors?.[0].message ?? '';
      expect(message.length).toBeLessThan(200);
      expect(message).not.toMatch(/prisma|postgres|sql|\/work\//i);
    }
  });

  it('treats an upper-case variant of a key id or ARN as another (missing) key', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct, { keyUsage: 'SIGN_VERIFY', keySpec: 'RSA_2048' });
    const upper = key.keyId.toUpperCase();
    expect(upper).not.toBe(key.keyId);
    expect(codeOf(await call(app, acct, DESCRIBE_KEY, { input: { keyId: upper } }))).toBe('NOT_FOUND');
    expect(codeOf(await call(app, acct, DESCRIBE_KEY, { input: { keyId: key.arn.replace(key.keyId, upper) } }))).toBe('NOT_FOUND');
  });

  it('refuses the operator token (no principal of any account) and anonymous callers', async () => {
    expect(codeOf(await call(app, app.operatorToken, LIST_KEYS))).toBe('ACCESS_DENIED');
    expect(codeOf(await call(app, app.operatorToken, CREATE_KEY, { input: {} }))).toBe('ACCESS_DENIED');
    const res = await call(app, '', LIST_KEYS);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
  });

  it('keeps another account\'s key invisible: same NOT_FOUND as a missing key', async () => {
    const a = await createTestAccount(app);
    const b = await createTestAccount(app);
    const key = await createKey(app, a);
    const viaId = await call(app, b, GET_KEY_POLICY, { input: { keyId: key.keyId } });
    expect(codeOf(viaId)).toBe('NOT_FOUND');
    expect(viaId.errors?.[0].message).toBe(`Key 'arn:aws:kms:eu-west-1:${b.accountId}:key/${key.keyId}' does not exist.`);
    const viaArn = await call(app, b, GET_KEY_POLICY, { input: { keyId: key.arn } });
    const missingArn = key.arn.replace(key.keyId, '00000000-0000-4000-8000-000000000000');
    const missing = await call(app, b, GET_KEY_POLICY, { input: { keyId: missingArn } });
    expect(codeOf(viaArn)).toBe('NOT_FOUND');
    expect(viaArn.errors?.[0].message).toBe(missing.errors?.[0].message.replace(missingArn, key.arn));
    const put = await call(app, b, PUT_KEY_POLICY, { input: { keyId: key.arn, policy: rootTrustPolicy(b.accountId), bypassPolicyLockoutSafetyCheck: true } });
    expect(codeOf(put)).toBe('NOT_FOUND');
    expect((await ok(app, a, GET_KEY_POLICY, { input: { keyId: key.keyId } })).getKeyPolicy).toContain(a.accountId);
  });

  it('accepts a policy document with Sid spaces (key policies allow them)', async () => {
    const acct = await createTestAccount(app);
    const policy = doc([{ Sid: 'Allow the root', Effect: 'Allow', Principal: { AWS: acct.accountId }, Action: 'kms:*', Resource: '*' }]);
    expect((await createKey(app, acct, { policy })).keyState).toBe('ENABLED');
  });
});
